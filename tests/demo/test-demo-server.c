/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-demo"

#include <signal.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cd-demo-server.h"

/*
 * The demo backend over real loopback HTTP with a plain SoupSession: the
 * server runs on its own thread, so synchronous requests from the test's
 * thread are fine.
 */

typedef struct
{
  char         *dir;
  char         *db_path;
  CdDemoServer *server;
  SoupSession  *session;
} Fixture;

typedef struct
{
  guint               status;
  GBytes             *body;
  JsonNode           *root;
  SoupMessageHeaders *headers;
  GError             *error;
} Response;

static void
response_free (Response *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->root, json_node_unref);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_error (&r->error);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static void
start_server (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  f->server = cd_demo_server_new (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_demo_server_start (f->server, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cd_demo_server_get_port (f->server), >, 0);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("cd-demo-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "demo.sqlite", NULL);
  start_server (f);
  f->session = soup_session_new ();
  soup_session_set_timeout (f->session, 20);
}

static void
remove_db_files (const char *db_path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);

      g_remove (path);
    }
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->session);
  cd_demo_server_stop (f->server);
  g_assert_finalize_object (f->server);
  remove_db_files (f->db_path);
  g_rmdir (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* @headers: NULL-terminated name, value pairs. */
static Response *
request_full (Fixture           *f,
              const char        *method,
              const char        *path,
              const char        *body,
              const char *const *headers)
{
  g_autofree char *url = g_strconcat (cd_demo_server_get_base_url (f->server), path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  Response *r = g_new0 (Response, 1);

  g_assert_nonnull (msg);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i],
                                  headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  r->body = soup_session_send_and_read (f->session, msg, NULL, &r->error);
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (r->body != NULL && g_bytes_get_size (r->body) > 0)
    {
      g_autofree char *text =
        g_strndup (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body));

      r->root = json_from_string (text, NULL);
    }
  return r;
}

static Response *
request (Fixture *f, const char *method, const char *path, const char *body)
{
  return request_full (f, method, path, body, NULL);
}

static JsonObject *
data_object (Response *r)
{
  g_assert_nonnull (r->root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->root));
  return json_object_get_object_member (json_node_get_object (r->root), "data");
}

static void
assert_success_envelope (Response *r, guint status)
{
  JsonObject *env;
  const char *request_id;

  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, status);
  g_assert_nonnull (r->root);
  env = json_node_get_object (r->root);
  g_assert_true (json_object_has_member (env, "data"));
  request_id = json_object_get_string_member (env, "request_id");
  g_assert_true (g_uuid_string_is_valid (request_id));
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "X-Request-Id"), ==, request_id);
}

static void
assert_error_envelope (Response *r, guint status, const char *code)
{
  JsonObject *env;

  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, status);
  g_assert_nonnull (r->root);
  env = json_node_get_object (r->root);
  g_assert_cmpstr (json_object_get_string_member (env, "error_code"), ==, code);
  g_assert_cmpuint (strlen (json_object_get_string_member (env, "error")), >, 0);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (env, "details")));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (env, "errors")));
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (env, "request_id")));
  g_assert_false (json_object_has_member (env, "data"));
}

static JsonArray *
field_errors (Response *r, const char *field)
{
  JsonObject *errors = json_object_get_object_member (json_node_get_object (r->root), "errors");

  g_assert_true (json_object_has_member (errors, field));
  return json_object_get_array_member (errors, field);
}

static JsonObject *
get_contact (Fixture *f, gint64 id)
{
  g_autofree char *path = g_strdup_printf ("/contacts/%" G_GINT64_FORMAT, id);
  g_autoptr (Response) r = request (f, "GET", path, NULL);

  assert_success_envelope (r, 200);
  return json_object_ref (data_object (r));
}

/* ---- envelopes --------------------------------------------------------- */

static void
test_success_envelope (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) one = request (f, "GET", "/contacts/501", NULL);
  g_autoptr (Response) list = request (f, "GET", "/contacts?per_page=5&page=2", NULL);
  g_autoptr (Response) me = request (f, "GET", "/me", NULL);
  JsonObject *meta;

  assert_success_envelope (one, 200);
  g_assert_cmpint (json_object_get_int_member (data_object (one), "id"), ==, 501);
  g_assert_cmpstr (json_object_get_string_member (data_object (one), "first_name"), ==, "Rahul");

  assert_success_envelope (list, 200);
  meta = json_object_get_object_member (json_node_get_object (list->root), "meta");
  g_assert_cmpint (json_object_get_int_member (meta, "page"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (meta, "per_page"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (meta, "count"), >=, 190);
  g_assert_cmpint (json_object_get_int_member (meta, "pages"), ==,
                   (json_object_get_int_member (meta, "count") + 4) / 5);
  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (json_node_get_object (list->root), "data")),
                    ==, 5);

  assert_success_envelope (me, 200);
  g_assert_cmpstr (json_object_get_string_member (data_object (me), "role"), ==, "tenant_admin");
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (data_object (me), "tenants")), ==, 2);
}

static void
test_contact_search (Fixture *f, gconstpointer data)
{
  const char *queries[] = { "Mehta", "rahul@example.com", "+919900000001", "Acme", "501" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *escaped = g_uri_escape_string (queries[i], NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/contacts?search=%s", escaped);
      g_autoptr (Response) r = request (f, "GET", path, NULL);
      JsonArray *items;

      assert_success_envelope (r, 200);
      items = json_object_get_array_member (json_node_get_object (r->root), "data");
      g_assert_cmpuint (json_array_get_length (items), >=, 1);
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "id"),
                       ==, 501);
    }
}

static void
test_error_envelopes (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) unknown = request (f, "GET", "/no/such/route", NULL);
  g_autoptr (Response) missing = request (f, "GET", "/contacts/99999", NULL);
  g_autoptr (Response) method = request (f, "PUT", "/contacts", "{}");
  g_autoptr (Response) bad_json = request (f, "PATCH", "/contacts/501", "{\"first_name\": ");
  g_autoptr (Response) paging = request (f, "GET", "/contacts?per_page=1000", NULL);
  const char *bad_tenant[] = { "X-Tenant-Id", "99", NULL };
  g_autoptr (Response) tenant = request_full (f, "GET", "/contacts", NULL, bad_tenant);
  g_autoptr (Response) unauthorised = NULL;
  g_autoptr (Response) wrong_key = NULL;
  const char *key[] = { "X-Api-Key", "sk_test", NULL };
  const char *bearer[] = { "Authorization", "Bearer sk_test", NULL };
  const char *bad_key[] = { "X-Api-Key", "sk_wrong", NULL };
  g_autoptr (Response) ok_key = NULL;
  g_autoptr (Response) ok_bearer = NULL;

  assert_error_envelope (unknown, 404, "NOT_FOUND");
  assert_error_envelope (missing, 404, "NOT_FOUND");
  assert_error_envelope (method, 405, "METHOD_NOT_ALLOWED");
  assert_error_envelope (bad_json, 400, "BAD_REQUEST");
  assert_error_envelope (paging, 422, "VALIDATION_FAILED");
  field_errors (paging, "per_page");
  assert_error_envelope (tenant, 403, "FORBIDDEN");

  cd_demo_server_set_api_key (f->server, "sk_test");
  unauthorised = request (f, "GET", "/contacts/501", NULL);
  wrong_key = request_full (f, "GET", "/contacts/501", NULL, bad_key);
  ok_key = request_full (f, "GET", "/contacts/501", NULL, key);
  ok_bearer = request_full (f, "GET", "/contacts/501", NULL, bearer);
  assert_error_envelope (unauthorised, 401, "UNAUTHORIZED");
  assert_error_envelope (wrong_key, 401, "UNAUTHORIZED");
  assert_success_envelope (ok_key, 200);
  assert_success_envelope (ok_bearer, 200);
}

/* ---- ETag / If-Match --------------------------------------------------- */

static char *
etag_of (Fixture *f, const char *path)
{
  g_autoptr (Response) r = request (f, "GET", path, NULL);

  assert_success_envelope (r, 200);
  g_assert_nonnull (soup_message_headers_get_one (r->headers, "ETag"));
  return g_strdup (soup_message_headers_get_one (r->headers, "ETag"));
}

static void
assert_not_modified (Fixture *f, const char *path, const char *etag)
{
  const char *headers[] = { "If-None-Match", etag, NULL };
  g_autoptr (Response) r = request_full (f, "GET", path, NULL, headers);

  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (r->body), ==, 0);
}

static void
test_etag (Fixture *f, gconstpointer data)
{
  const char      *paths[] = { "/contacts/501", "/contacts/501/memory", "/voice_sessions/1",
                               "/bulk_call_campaigns/123", "/contacts/507/memory" };
  g_autofree char *before = etag_of (f, "/contacts/501");
  g_autofree char *after = NULL;
  g_autoptr (Response) patch = NULL;
  const char *stale[] = { "If-None-Match", before, NULL };
  g_autoptr (Response) changed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *etag = etag_of (f, paths[i]);

      assert_not_modified (f, paths[i], etag);
    }
  patch = request (f, "PATCH", "/contacts/501", "{\"company\":\"Acme Realty Ltd\"}");
  assert_success_envelope (patch, 200);
  after = g_strdup (soup_message_headers_get_one (patch->headers, "ETag"));
  g_assert_cmpstr (after, !=, before);
  changed = request_full (f, "GET", "/contacts/501", NULL, stale);
  assert_success_envelope (changed, 200);
  g_assert_cmpstr (soup_message_headers_get_one (changed->headers, "ETag"), ==, after);
  g_assert_cmpstr (json_object_get_string_member (data_object (changed), "company"), ==,
                   "Acme Realty Ltd");
}

static void
test_if_match (Fixture *f, gconstpointer data)
{
  g_autofree char *etag = etag_of (f, "/contacts/501");
  const char      *good[] = { "If-Match", etag, NULL };
  const char      *bad[] = { "If-Match", "\"c501-999-tenant_admin\"", NULL };
  g_autoptr (Response) refused =
    request_full (f, "PATCH", "/contacts/501", "{\"first_name\":\"Stale\"}", bad);
  g_autoptr (JsonObject) unchanged = get_contact (f, 501);
  g_autoptr (Response) accepted =
    request_full (f, "PATCH", "/contacts/501", "{\"first_name\":\"Fresh\"}", good);
  g_autoptr (Response) second =
    request_full (f, "PATCH", "/contacts/501", "{\"first_name\":\"Again\"}", good);
  g_autofree char *memory_etag = etag_of (f, "/contacts/501/memory");
  const char      *memory_bad[] = { "If-Match", "\"m501-0\"", NULL };
  g_autoptr (Response) memory =
    request_full (f, "PUT", "/contacts/501/memory/summary", "{\"summary\":\"x\"}", memory_bad);

  assert_error_envelope (refused, 412, "PRECONDITION_FAILED");
  g_assert_cmpstr (json_object_get_string_member (unchanged, "first_name"), ==, "Rahul");
  assert_success_envelope (accepted, 200);
  g_assert_cmpstr (json_object_get_string_member (data_object (accepted), "first_name"), ==,
                   "Fresh");
  /* The first write changed the version, so the same If-Match is now stale. */
  assert_error_envelope (second, 412, "PRECONDITION_FAILED");
  g_assert_nonnull (memory_etag);
  assert_error_envelope (memory, 412, "PRECONDITION_FAILED");
}

/* ---- idempotency ------------------------------------------------------- */

static void
test_idempotent_replay (Fixture *f, gconstpointer data)
{
  const char *body = "{\"phone_number_id\":1,\"agent_id\":1,"
                     "\"variable_mappings\":{\"first_name\":\"first_name\"},"
                     "\"runtime_vars\":{\"discount_code\":\"SPRING\"}}";
  const char *headers[] = { "Idempotency-Key", "7d0d1a52-6a3e-4a55-9d1e-1f2f3a4b5c6d", NULL };
  g_autoptr (JsonObject) before = get_contact (f, 501);
  g_autoptr (Response) first = request_full (f, "POST", "/contacts/501/calls", body, headers);
  g_autoptr (Response) again = request_full (f, "POST", "/contacts/501/calls", body, headers);
  g_autoptr (JsonObject) after = get_contact (f, 501);
  g_autofree char *last = cd_demo_server_dup_last_body (f->server, "/contacts/501/calls");
  g_autofree char *session_path = NULL;
  g_autoptr (Response) session = NULL;
  gint64 calls_before =
    json_object_get_int_member (json_object_get_object_member (before, "stats"), "call_count");

  assert_success_envelope (first, 201);
  g_assert_cmpuint (again->status, ==, 201);
  g_assert_true (g_bytes_equal (first->body, again->body));
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", "/contacts/501/calls"),
                    ==, 1);
  g_assert_cmpuint (
    cd_demo_server_get_mutation_count (f->server, "POST", "/api/v1/contacts/501/calls"), ==, 1);
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (after, "stats"), "call_count"), ==,
    calls_before + 1);
  g_assert_nonnull (last);
  g_assert_nonnull (strstr (last, "SPRING"));
  g_assert_nonnull (strstr (last, "variable_mappings"));

  session_path =
    g_strdup_printf ("/voice_sessions/%" G_GINT64_FORMAT,
                     json_object_get_int_member (data_object (first), "voice_session_id"));
  session = request (f, "GET", session_path, NULL);
  assert_success_envelope (session, 200);
  g_assert_cmpstr (json_object_get_string_member (data_object (session), "status"), ==, "queued");
  g_assert_cmpstr (json_object_get_string_member (data_object (session), "direction"), ==,
                   "outbound");
}

/* ---- validation and conflicts ------------------------------------------ */

static void
test_validation (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) contact = request (f, "PATCH", "/contacts/501",
                                          "{\"phone_e164\":\"0044123\",\"email\":\"not-an-email\","
                                          "\"custom_fields\":{\"interest_score\":5}}");
  g_autoptr (Response) follow_up =
    request (f, "POST", "/contacts/501/follow_ups",
             "{\"type\":\"fax\",\"scheduled_at\":\"2001-01-01T00:00:00Z\","
             "\"max_attempts\":11}");
  g_autoptr (Response) dnc = request (f, "DELETE", "/dnc_entries/1", "{}");
  g_autoptr (Response) call =
    request (f, "POST", "/contacts/501/calls", "{\"phone_number_id\":4,\"agent_id\":3}");
  g_autoptr (JsonObject) unchanged = get_contact (f, 501);

  assert_error_envelope (contact, 422, "VALIDATION_FAILED");
  g_assert_cmpuint (json_array_get_length (field_errors (contact, "phone_e164")), ==, 1);
  field_errors (contact, "email");
  field_errors (contact, "custom_fields.interest_score");
  g_assert_cmpstr (json_object_get_string_member (unchanged, "phone_e164"), ==, "+919900000001");

  assert_error_envelope (follow_up, 422, "VALIDATION_FAILED");
  field_errors (follow_up, "type");
  field_errors (follow_up, "scheduled_at");
  field_errors (follow_up, "max_attempts");

  assert_error_envelope (dnc, 422, "VALIDATION_FAILED");
  field_errors (dnc, "reason");
  assert_error_envelope (call, 422, "VALIDATION_FAILED");
  field_errors (call, "phone_number_id");
  field_errors (call, "agent_id");
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "PATCH", "/contacts/501"), ==, 0);
}

static void
test_conflicts (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) history = request (f, "DELETE", "/contacts/501/hard_delete", NULL);
  g_autoptr (Response) dnc_call =
    request (f, "POST", "/contacts/504/calls", "{\"phone_number_id\":1,\"agent_id\":1}");
  g_autoptr (Response) archived_call =
    request (f, "POST", "/contacts/505/calls", "{\"phone_number_id\":1,\"agent_id\":1}");
  g_autoptr (Response) erased_call =
    request (f, "POST", "/contacts/506/calls", "{\"phone_number_id\":1,\"agent_id\":1}");
  g_autoptr (Response) deleted = request (f, "DELETE", "/contacts/511/hard_delete", NULL);
  g_autoptr (Response) gone = request (f, "GET", "/contacts/511", NULL);
  const char *message;

  assert_error_envelope (history, 409, "HAS_HISTORY");
  message = json_object_get_string_member (json_node_get_object (history->root), "error");
  g_assert_nonnull (strstr (message, "calls"));
  assert_error_envelope (dnc_call, 409, "NOT_CALLABLE");
  g_assert_nonnull (strstr (
    json_object_get_string_member (json_node_get_object (dnc_call->root), "error"), "Do-Not-Call"));
  assert_error_envelope (archived_call, 409, "NOT_CALLABLE");
  assert_error_envelope (erased_call, 409, "NOT_CALLABLE");
  assert_success_envelope (deleted, 200);
  assert_error_envelope (gone, 404, "NOT_FOUND");
}

/* ---- voice sessions ---------------------------------------------------- */

static JsonObject *
sessions_page (Fixture *f, const char *query)
{
  g_autofree char *path = g_strdup_printf ("/voice_sessions?%s", query);
  g_autoptr (Response) r = request (f, "GET", path, NULL);

  assert_success_envelope (r, 200);
  return json_object_ref (data_object (r));
}

static void
test_sessions_cursor_walk (Fixture *f, gconstpointer data)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (JsonObject) page = sessions_page (f, "contact_id=508&page_size=10");
  g_autofree char   *last_started = NULL;
  gint64             total = json_object_get_int_member (page, "total");
  g_autofree gint64 *ids = g_new0 (gint64, 40);
  guint              n = 0;

  g_assert_cmpint (total, >=, 20000);
  g_assert_true (json_object_get_null_member (page, "prev_cursor"));
  for (guint p = 0; p < 4; p++)
    {
      JsonArray       *items = json_object_get_array_member (page, "items");
      g_autofree char *escaped = NULL;
      g_autofree char *query = NULL;

      g_assert_cmpuint (json_array_get_length (items), ==, 10);
      for (guint i = 0; i < 10; i++)
        {
          JsonObject *s = json_array_get_object_element (items, i);
          const char *started = json_object_get_string_member (s, "started_at");

          g_assert_cmpint (json_object_get_int_member (s, "contact_id"), ==, 508);
          ids[n] = json_object_get_int_member (s, "id");
          g_assert_false (g_hash_table_contains (seen, &ids[n]));
          g_hash_table_add (seen, &ids[n++]);
          if (last_started != NULL)
            g_assert_cmpstr (started, <=, last_started);
          g_free (last_started);
          last_started = g_strdup (started);
        }
      g_assert_cmpint (json_object_get_int_member (page, "total"), ==, total);
      escaped =
        g_uri_escape_string (json_object_get_string_member (page, "next_cursor"), NULL, FALSE);
      query = g_strdup_printf ("contact_id=508&page_size=10&cursor=%s", escaped);
      json_object_unref (page);
      page = sessions_page (f, query);
      g_assert_false (json_object_get_null_member (page, "prev_cursor"));
    }
}

static void
test_sessions_sort_search (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) by_duration =
    sessions_page (f, "contact_id=508&sort=duration&order=asc&page_size=50");
  g_autoptr (JsonObject) searched = sessions_page (f, "contact_id=508&search=quote&page_size=20");
  g_autoptr (JsonObject) inbound =
    sessions_page (f, "contact_id=508&direction=inbound&status=completed");
  g_autoptr (JsonObject) last = sessions_page (f, "contact_id=508&page_size=100&order=asc");
  g_autoptr (JsonObject) all = sessions_page (f, "contact_id=508&page_size=1");
  g_autoptr (Response) too_big =
    request (f, "GET", "/voice_sessions?contact_id=508&page_size=101", NULL);
  g_autoptr (Response) bad_cursor = request (f, "GET", "/voice_sessions?cursor=!!garbage", NULL);
  g_autoptr (Response) bad_sort = request (f, "GET", "/voice_sessions?sort=name", NULL);
  JsonArray *items = json_object_get_array_member (by_duration, "items");
  gint64     previous = -1;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      gint64 d =
        json_object_get_int_member (json_array_get_object_element (items, i), "duration_seconds");

      g_assert_cmpint (d, >=, previous);
      previous = d;
    }
  items = json_object_get_array_member (searched, "items");
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  g_assert_cmpint (json_object_get_int_member (searched, "total"), <,
                   json_object_get_int_member (all, "total"));
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_nonnull (
      strstr (json_object_get_string_member (json_array_get_object_element (items, i), "summary"),
              "quote"));
  items = json_object_get_array_member (inbound, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *s = json_array_get_object_element (items, i);

      g_assert_cmpstr (json_object_get_string_member (s, "direction"), ==, "inbound");
      g_assert_cmpstr (json_object_get_string_member (s, "status"), ==, "completed");
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (last, "items")), ==, 100);
  assert_error_envelope (too_big, 422, "VALIDATION_FAILED");
  field_errors (too_big, "page_size");
  assert_error_envelope (bad_cursor, 422, "VALIDATION_FAILED");
  assert_error_envelope (bad_sort, 422, "VALIDATION_FAILED");
}

static void
test_session_detail_and_media (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) recorded =
    sessions_page (f, "contact_id=501&status=completed&page_size=1");
  JsonObject *first =
    json_array_get_object_element (json_object_get_array_member (recorded, "items"), 0);
  gint64           id = json_object_get_int_member (first, "id");
  g_autofree char *detail_path = g_strdup_printf ("/voice_sessions/%" G_GINT64_FORMAT, id);
  g_autofree char *rec_path =
    g_strdup_printf ("/voice_sessions/%" G_GINT64_FORMAT "/recording", id);
  g_autofree char *pdf_path =
    g_strdup_printf ("/voice_sessions/%" G_GINT64_FORMAT "/transcript_pdf", id);
  g_autoptr (Response) detail = request (f, "GET", detail_path, NULL);
  g_autoptr (Response) wav = request (f, "GET", rec_path, NULL);
  g_autoptr (Response) pdf = request (f, "GET", pdf_path, NULL);
  g_autoptr (JsonObject) unrecorded =
    sessions_page (f, "contact_id=508&status=no_answer&page_size=1");
  g_autofree char *no_rec_path = g_strdup_printf (
    "/voice_sessions/%" G_GINT64_FORMAT "/recording",
    json_object_get_int_member (
      json_array_get_object_element (json_object_get_array_member (unrecorded, "items"), 0), "id"));
  g_autoptr (Response) no_rec = request (f, "GET", no_rec_path, NULL);
  JsonObject *d;

  g_assert_true (json_object_get_boolean_member (first, "has_recording"));
  assert_success_envelope (detail, 200);
  d = data_object (detail);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (d, "transcript")), >, 0);
  g_assert_true (json_object_has_member (d, "analysis"));
  g_assert_true (json_object_has_member (d, "cost_breakdown"));
  /* libsoup followed the 302 to the storage URL. */
  g_assert_cmpuint (wav->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (wav->headers, NULL), ==, "audio/wav");
  g_assert_cmpuint (g_bytes_get_size (wav->body), >, 44);
  g_assert_cmpint (memcmp (g_bytes_get_data (wav->body, NULL), "RIFF", 4), ==, 0);
  g_assert_cmpuint (pdf->status, ==, 200);
  g_assert_cmpint (memcmp (g_bytes_get_data (pdf->body, NULL), "%PDF-", 5), ==, 0);
  assert_error_envelope (no_rec, 404, "NOT_FOUND");
}

/* ---- roles and tenants ------------------------------------------------- */

static void
assert_permissions (JsonObject *contact, const char *name, gboolean expected)
{
  JsonObject *perms = json_object_get_object_member (contact, "permissions");

  g_assert_cmpint (json_object_get_boolean_member (perms, name), ==, expected);
}

static void
test_roles (Fixture *f, gconstpointer data)
{
  const char *names[] = { "can_edit",      "can_call",       "can_manage_dnc", "can_archive",
                          "can_unarchive", "can_gdpr_erase", "can_hard_delete" };
  g_autoptr (JsonObject) viewer_contact = NULL;
  g_autoptr (JsonObject) operator_contact = NULL;
  g_autoptr (JsonObject) archived = NULL;
  g_autoptr (JsonObject) no_history = NULL;
  g_autoptr (Response) me = NULL;
  g_autoptr (Response) patch = NULL;
  g_autoptr (Response) erase = NULL;
  g_autoptr (Response) archive = NULL;

  cd_demo_server_set_role (f->server, "tenant_viewer");
  me = request (f, "GET", "/me", NULL);
  g_assert_cmpstr (json_object_get_string_member (data_object (me), "role"), ==, "tenant_viewer");
  viewer_contact = get_contact (f, 511);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    assert_permissions (viewer_contact, names[i], FALSE);
  patch = request (f, "PATCH", "/contacts/501", "{\"first_name\":\"Nope\"}");
  assert_error_envelope (patch, 403, "FORBIDDEN");

  cd_demo_server_set_role (f->server, "tenant_operator");
  operator_contact = get_contact (f, 511);
  assert_permissions (operator_contact, "can_call", TRUE);
  assert_permissions (operator_contact, "can_gdpr_erase", FALSE);
  assert_permissions (operator_contact, "can_hard_delete", FALSE);
  erase = request (f, "DELETE", "/contacts/501/gdpr_delete", NULL);
  assert_error_envelope (erase, 403, "FORBIDDEN");
  archive = request (f, "POST", "/contacts/502/archive", NULL);
  assert_success_envelope (archive, 200);
  g_assert_cmpstr (json_object_get_string_member (data_object (archive), "lifecycle_state"), ==,
                   "archived");

  cd_demo_server_set_role (f->server, "superadmin");
  archived = get_contact (f, 505);
  assert_permissions (archived, "can_unarchive", TRUE);
  assert_permissions (archived, "can_archive", FALSE);
  assert_permissions (archived, "can_call", FALSE);
  no_history = get_contact (f, 511);
  assert_permissions (no_history, "can_hard_delete", TRUE);
  assert_permissions (no_history, "can_gdpr_erase", TRUE);
}

static void
test_tenant_two (Fixture *f, gconstpointer data)
{
  const char *headers[] = { "X-Tenant-Id", "2", NULL };
  g_autoptr (Response) list = request_full (f, "GET", "/contacts", NULL, headers);
  g_autoptr (Response) one = request_full (f, "GET", "/contacts/501", NULL, headers);
  g_autoptr (Response) sessions =
    request_full (f, "GET", "/voice_sessions?contact_id=501", NULL, headers);
  g_autoptr (Response) me = request_full (f, "GET", "/me", NULL, headers);

  assert_success_envelope (list, 200);
  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (json_node_get_object (list->root), "data")),
                    ==, 0);
  assert_error_envelope (one, 404, "NOT_FOUND");
  assert_success_envelope (sessions, 200);
  g_assert_cmpint (json_object_get_int_member (data_object (sessions), "total"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (data_object (me), "current_tenant_id"), ==, 2);
}

/* ---- faults ------------------------------------------------------------ */

static void
test_fault_status (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) limited = NULL;
  g_autoptr (Response) failed = NULL;
  g_autoptr (Response) other_path = NULL;
  g_autoptr (Response) recovered = NULL;
  g_autoptr (Response) flaky = NULL;

  cd_demo_server_inject_fault (f->server, "/contacts/501", CD_DEMO_FAULT_STATUS, 429, 1);
  cd_demo_server_inject_fault (f->server, "/contacts/501", CD_DEMO_FAULT_STATUS, 500, 1);
  limited = request (f, "GET", "/contacts/501", NULL);
  other_path = request (f, "GET", "/contacts/502", NULL);
  failed = request (f, "GET", "/contacts/501", NULL);
  recovered = request (f, "GET", "/contacts/501", NULL);
  assert_error_envelope (limited, 429, "RATE_LIMITED");
  g_assert_cmpstr (soup_message_headers_get_one (limited->headers, "Retry-After"), ==, "1");
  assert_success_envelope (other_path, 200);
  assert_error_envelope (failed, 500, "INTERNAL_ERROR");
  assert_success_envelope (recovered, 200);

  cd_demo_server_set_fail_rate (f->server, 1.0);
  flaky = request (f, "GET", "/me", NULL);
  assert_error_envelope (flaky, 503, "SERVICE_UNAVAILABLE");
  cd_demo_server_set_fail_rate (f->server, 0.0);
}

static void
test_fault_bodies (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) malformed = NULL;
  g_autoptr (Response) wrong = NULL;
  g_autoptr (Response) huge = NULL;
  JsonObject *d;

  cd_demo_server_inject_fault (f->server, "/contacts/501", CD_DEMO_FAULT_MALFORMED_JSON, 0, 1);
  malformed = request (f, "GET", "/contacts/501", NULL);
  g_assert_cmpuint (malformed->status, ==, 200);
  g_assert_null (malformed->root);
  g_assert_cmpuint (g_bytes_get_size (malformed->body), >, 0);

  cd_demo_server_inject_fault (f->server, "/contacts/501", CD_DEMO_FAULT_WRONG_TYPES, 0, 1);
  wrong = request (f, "GET", "/contacts/501", NULL);
  g_assert_cmpuint (wrong->status, ==, 200);
  d = data_object (wrong);
  g_assert_false (JSON_NODE_HOLDS_VALUE (json_object_get_member (d, "first_name")) &&
                  json_node_get_value_type (json_object_get_member (d, "first_name")) ==
                    G_TYPE_STRING);
  g_assert_false (JSON_NODE_HOLDS_ARRAY (json_object_get_member (d, "tags")));

  cd_demo_server_inject_fault (f->server, NULL, CD_DEMO_FAULT_HUGE, 0, 1);
  huge = request (f, "GET", "/me", NULL);
  g_assert_cmpuint (huge->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (huge->body), >=, 10 * 1000 * 1000);
  g_assert_nonnull (huge->root);
}

static void
test_fault_connection (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) dropped = NULL;
  g_autoptr (Response) looped = NULL;
  g_autoptr (Response) stalled = NULL;
  g_autoptr (Response) alive = NULL;

  cd_demo_server_inject_fault (f->server, "/contacts", CD_DEMO_FAULT_DROP, 0, 1);
  dropped = request (f, "GET", "/contacts/501", NULL);
  g_assert_nonnull (dropped->error);

  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_REDIRECT_LOOP, 0, 100);
  looped = request (f, "GET", "/me", NULL);
  g_assert_error (looped->error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS);
  cd_demo_server_clear_faults (f->server);

  /* A short client timeout (on a fresh session: connections keep the timeout
   * they were opened with) stands in for the app's 20 s request limit. */
  g_clear_object (&f->session);
  f->session = soup_session_new_with_options ("timeout", 1, NULL);
  cd_demo_server_inject_fault (f->server, "/contacts/501/memory", CD_DEMO_FAULT_STALL, 0, 1);
  stalled = request (f, "GET", "/contacts/501/memory", NULL);
  g_assert_nonnull (stalled->error);
  g_assert_cmpuint (stalled->status, ==, 200);
  g_clear_object (&f->session);
  f->session = soup_session_new_with_options ("timeout", 20, NULL);

  /* The stalled connection is still held open; others are served. */
  alive = request (f, "GET", "/contacts/501", NULL);
  assert_success_envelope (alive, 200);
}

static void
test_latency (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) slow = NULL;

  cd_demo_server_set_latency_ms (f->server, 50);
  slow = request (f, "GET", "/contacts/501", NULL);
  assert_success_envelope (slow, 200);
  cd_demo_server_set_latency_ms (f->server, 0);
}

/* ---- hostile requests -------------------------------------------------- */

static void
test_hostile_requests (Fixture *f, gconstpointer data)
{
  GString *big = g_string_new ("{\"reason\":\"");
  g_autoptr (Response) too_large = NULL;
  const char *paths[] = {
    "/contacts?per_page=-1",
    "/contacts?page=abc",
    "/contacts?page=0",
    "/contacts?per_page=101",
    "/voice_sessions?page_size=-5",
    "/voice_sessions?page_size=abc",
    "/voice_sessions?started_after=yesterday",
  };
  g_autoptr (Response) traversal = request (f, "GET", "/../../etc/passwd", NULL);
  g_autoptr (Response) array_body = request (f, "PATCH", "/contacts/501", "[1,2,3]");
  g_autoptr (Response) wrong_types =
    request (f, "PATCH", "/contacts/501", "{\"first_name\":42,\"tags\":{}}");
  g_autoptr (Response) still_fine = NULL;
  g_autoptr (Response) markup_search = request (f, "GET", "/contacts?search=%25'%22%3Cb%3E", NULL);

  for (guint i = 0; i < 2 * 1024 * 1024; i++)
    g_string_append_c (big, 'a');
  g_string_append (big, "\"}");
  too_large = request (f, "POST", "/dnc_entries", big->str);
  g_string_free (big, TRUE);
  g_assert_cmpuint (too_large->status, ==, 413);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (Response) r = request (f, "GET", paths[i], NULL);

      assert_error_envelope (r, 422, "VALIDATION_FAILED");
    }
  g_assert_cmpuint (traversal->status, ==, 404);
  assert_error_envelope (array_body, 400, "BAD_REQUEST");
  assert_error_envelope (wrong_types, 422, "VALIDATION_FAILED");
  field_errors (wrong_types, "first_name");
  field_errors (wrong_types, "tags");
  assert_success_envelope (markup_search, 200);
  still_fine = request (f, "GET", "/contacts/501", NULL);
  assert_success_envelope (still_fine, 200);
  g_assert_cmpstr (json_object_get_string_member (data_object (still_fine), "first_name"), ==,
                   "Rahul");
}

/* ---- lifecycle, DNC, follow-ups, memory ------------------------------- */

static void
test_gdpr_erase (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) before = get_contact (f, 501);
  g_autoptr (Response) erase = request (f, "DELETE", "/contacts/501/gdpr_delete", NULL);
  g_autoptr (JsonObject) after = get_contact (f, 501);
  const char *pii[] = { "first_name", "last_name", "phone_e164", "email", "company" };

  assert_success_envelope (erase, 200);
  for (guint i = 0; i < G_N_ELEMENTS (pii); i++)
    g_assert_true (json_object_get_null_member (after, pii[i]));
  g_assert_cmpstr (json_object_get_string_member (after, "lifecycle_state"), ==, "deleted");
  g_assert_true (
    json_object_get_boolean_member (json_object_get_object_member (after, "dnc"), "listed"));
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (after, "stats"), "call_count"), ==,
    json_object_get_int_member (json_object_get_object_member (before, "stats"), "call_count"));
  assert_permissions (after, "can_edit", FALSE);
  assert_permissions (after, "can_call", FALSE);
}

static void
test_dnc_roundtrip (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) add = request (
    f, "POST", "/dnc_entries", "{\"phone_e164\":\"+14155550142\",\"reason\":\"Asked on call\"}");
  g_autoptr (JsonObject) listed = get_contact (f, 502);
  g_autofree char *path = NULL;
  g_autoptr (Response) removed = NULL;
  g_autoptr (JsonObject) unlisted = NULL;
  JsonObject *dnc = json_object_get_object_member (listed, "dnc");

  assert_success_envelope (add, 201);
  g_assert_true (json_object_get_boolean_member (dnc, "listed"));
  g_assert_cmpstr (json_object_get_string_member (dnc, "reason"), ==, "Asked on call");
  assert_permissions (listed, "can_call", FALSE);
  path = g_strdup_printf ("/dnc_entries/%" G_GINT64_FORMAT,
                          json_object_get_int_member (dnc, "entry_id"));
  removed = request (f, "DELETE", path, "{\"reason\":\"Consent given\"}");
  assert_success_envelope (removed, 200);
  unlisted = get_contact (f, 502);
  g_assert_false (
    json_object_get_boolean_member (json_object_get_object_member (unlisted, "dnc"), "listed"));
  assert_permissions (unlisted, "can_call", TRUE);
}

static void
test_follow_ups (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) all = request (f, "GET", "/contacts/512/follow_ups", NULL);
  g_autoptr (Response) created =
    request (f, "POST", "/contacts/507/follow_ups",
             "{\"type\":\"call\",\"scheduled_at\":\"2099-01-01T09:00:00Z\","
             "\"priority\":\"urgent\",\"max_attempts\":5}");
  g_autofree char *path = g_strdup_printf (
    "/follow_ups/%" G_GINT64_FORMAT, json_object_get_int_member (data_object (created), "id"));
  g_autoptr (Response) snoozed = request (
    f, "PATCH", path, "{\"status\":\"snoozed\",\"scheduled_at\":\"2099-02-01T09:00:00Z\"}");
  g_autoptr (Response) cancelled = request (f, "PATCH", path, "{\"status\":\"cancelled\"}");
  g_autoptr (Response) again = request (f, "PATCH", path, "{\"status\":\"cancelled\"}");
  g_autoptr (GHashTable) statuses = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *items =
    json_node_get_array (json_object_get_member (json_node_get_object (all->root), "data"));

  assert_success_envelope (all, 200);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_hash_table_add (statuses, (gpointer) json_object_get_string_member (
                                  json_array_get_object_element (items, i), "status"));
  g_assert_cmpuint (g_hash_table_size (statuses), ==, 8);
  assert_success_envelope (created, 201);
  g_assert_cmpstr (json_object_get_string_member (data_object (created), "source"), ==, "manual");
  assert_success_envelope (snoozed, 200);
  g_assert_cmpstr (json_object_get_string_member (data_object (snoozed), "status"), ==, "snoozed");
  assert_success_envelope (cancelled, 200);
  g_assert_cmpstr (json_object_get_string_member (data_object (cancelled), "status"), ==,
                   "cancelled");
  assert_error_envelope (again, 409, "CONFLICT");
}

static JsonObject *
find_fact (JsonObject *memory, const char *key)
{
  JsonArray *facts = json_object_get_array_member (memory, "facts");

  for (guint i = 0; i < json_array_get_length (facts); i++)
    if (g_str_equal (
          json_object_get_string_member (json_array_get_object_element (facts, i), "key"), key))
      return json_array_get_object_element (facts, i);
  return NULL;
}

static void
test_memory_edits (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) summary =
    request (f, "PUT", "/contacts/501/memory/summary", "{\"summary\":\"Edited\"}");
  g_autoptr (Response) items =
    request (f, "PUT", "/contacts/501/memory/open_items",
             "{\"items\":[{\"title\":\"Call back\",\"due_date\":\"2030-01-02\"}]}");
  g_autoptr (Response) fact =
    request (f, "PUT", "/contacts/501/memory/facts/budget_range", "{\"value\":\"200k\"}");
  g_autoptr (Response) reset =
    request (f, "POST", "/contacts/501/memory/facts/budget_range/reset", NULL);
  g_autoptr (Response) empty = request (f, "GET", "/contacts/507/memory", NULL);
  JsonObject *edited;

  assert_success_envelope (summary, 200);
  g_assert_cmpstr (json_object_get_string_member (data_object (summary), "summary"), ==, "Edited");
  assert_success_envelope (items, 200);
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (data_object (items), "open_items")), ==,
    1);
  assert_success_envelope (fact, 200);
  edited = find_fact (data_object (fact), "budget_range");
  g_assert_cmpstr (json_object_get_string_member (edited, "source"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (edited, "value"), ==, "200k");
  assert_success_envelope (reset, 200);
  edited = find_fact (data_object (reset), "budget_range");
  g_assert_cmpstr (json_object_get_string_member (edited, "source"), ==, "system");
  g_assert_cmpstr (json_object_get_string_member (edited, "value"), ==,
                   json_object_get_string_member (edited, "ai_value"));
  assert_success_envelope (empty, 200);
  g_assert_true (json_object_get_null_member (data_object (empty), "summary"));
  g_assert_true (json_object_get_null_member (data_object (empty), "llm_usage"));
}

static const char *
rebuild_status (Fixture *f, const char *path, JsonObject **memory)
{
  g_autoptr (Response) r = request (f, "GET", path, NULL);

  assert_success_envelope (r, 200);
  g_clear_pointer (memory, json_object_unref);
  *memory = json_object_ref (data_object (r));
  return json_object_get_string_member (json_object_get_object_member (*memory, "rebuild"),
                                        "status");
}

/* Polls until the rebuild leaves queued/running (deadline fails, never hangs). */
static JsonObject *
wait_for_rebuild (Fixture *f, gint64 contact_id)
{
  g_autofree char *path = g_strdup_printf ("/contacts/%" G_GINT64_FORMAT "/memory", contact_id);
  gint64           deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  JsonObject      *memory = NULL;

  while (g_strv_contains ((const char *[]){ "queued", "running", NULL },
                          rebuild_status (f, path, &memory)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
  return memory;
}

static void
test_rebuild (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) before = request (f, "GET", "/contacts/501/memory", NULL);
  g_autoptr (Response) queued =
    request (f, "POST", "/contacts/501/memory/rebuild", "{\"max_calls\":3}");
  g_autoptr (JsonObject) done = NULL;
  g_autoptr (Response) failing = NULL;
  g_autoptr (JsonObject) failed = NULL;
  JsonObject *job;

  assert_success_envelope (queued, 202);
  job = json_object_get_object_member (data_object (queued), "job");
  g_assert_cmpstr (json_object_get_string_member (job, "status"), ==, "queued");
  done = wait_for_rebuild (f, 501);
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (done, "rebuild"), "status"), ==,
    "idle");
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (done, "llm_usage"), "run_count"), ==,
    json_object_get_int_member (json_object_get_object_member (data_object (before), "llm_usage"),
                                "run_count") +
      1);
  g_assert_nonnull (find_fact (done, "last_rebuild"));

  failing = request (f, "POST", "/contacts/509/memory/rebuild", "{}");
  assert_success_envelope (failing, 202);
  failed = wait_for_rebuild (f, CD_DEMO_CONTACT_REBUILD_FAILS);
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (failed, "rebuild"), "status"), ==,
    "failed");
}

static void
test_patch_merges_custom_fields (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) patch =
    request (f, "PATCH", "/contacts/501",
             "{\"tags\":[\"vip\",\"<new>\"],\"timezone\":\"Europe/Paris\","
             "\"custom_fields\":{\"plan_tier\":\"silver\",\"notes\":null,"
             "\"renewal_date\":\"2027-02-28\",\"newsletter\":false}}");
  g_autoptr (Response) bad_zone = request (f, "PATCH", "/contacts/501",
                                           "{\"timezone\":\"Mars/Olympus\","
                                           "\"custom_fields\":{\"renewal_date\":\"2027-02-30\"}}");
  JsonObject *contact, *custom;

  assert_success_envelope (patch, 200);
  contact = data_object (patch);
  custom = json_object_get_object_member (contact, "custom_fields");
  g_assert_cmpstr (json_object_get_string_member (contact, "timezone"), ==, "Europe/Paris");
  g_assert_cmpstr (json_object_get_string_member (custom, "plan_tier"), ==, "silver");
  g_assert_false (json_object_has_member (custom, "notes"));
  g_assert_false (json_object_get_boolean_member (custom, "newsletter"));
  /* Untouched members, including signal fields, are kept. */
  g_assert_cmpint (json_object_get_int_member (custom, "budget"), ==, 120000);
  g_assert_cmpint (json_object_get_int_member (custom, "interest_score"), ==, 82);
  g_assert_cmpstr (
    json_array_get_string_element (json_object_get_array_member (contact, "tags"), 1), ==, "<new>");
  g_assert_cmpstr (json_object_get_string_member (contact, "first_name"), ==, "Rahul");
  assert_error_envelope (bad_zone, 422, "VALIDATION_FAILED");
  field_errors (bad_zone, "timezone");
  field_errors (bad_zone, "custom_fields.renewal_date");
}

static void
test_data_export (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) r = request (f, "GET", "/contacts/501/data_export", NULL);
  g_autoptr (Response) missing = request (f, "GET", "/contacts/99999/data_export", NULL);
  JsonObject *export;

  assert_success_envelope (r, 200);
  export = data_object (r);
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (export, "contact"), "id"), ==, 501);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (export, "voice_sessions")),
                    ==, json_object_get_int_member (export, "voice_sessions_total"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (export, "follow_ups")), >=,
                    1);
  g_assert_nonnull (
    json_object_get_string_member (json_object_get_object_member (export, "memory"), "summary"));
  assert_error_envelope (missing, 404, "NOT_FOUND");
}

/* ---- seed data and persistence ---------------------------------------- */

static void
test_seed_edge_contacts (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) phone_only = get_contact (f, CD_DEMO_CONTACT_PHONE_ONLY);
  g_autoptr (JsonObject) id_only = get_contact (f, CD_DEMO_CONTACT_ID_ONLY);
  g_autoptr (JsonObject) dnc = get_contact (f, CD_DEMO_CONTACT_DNC);
  g_autoptr (JsonObject) erased = get_contact (f, CD_DEMO_CONTACT_ERASED);
  g_autoptr (JsonObject) empty = get_contact (f, CD_DEMO_CONTACT_EMPTY);
  g_autoptr (JsonObject) markup = get_contact (f, CD_DEMO_CONTACT_MARKUP);
  g_autoptr (JsonObject) rtl = get_contact (f, CD_DEMO_CONTACT_RTL);
  g_autoptr (Response) fields = request (f, "GET", "/custom_fields", NULL);
  g_autoptr (Response) agents = request (f, "GET", "/agents?status=active", NULL);
  g_autoptr (Response) numbers = request (f, "GET", "/phone_numbers", NULL);
  g_autoptr (JsonObject) empty_sessions = sessions_page (f, "contact_id=507");
  g_autoptr (GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *defs =
    json_node_get_array (json_object_get_member (json_node_get_object (fields->root), "data"));
  guint signals = 0;

  g_assert_true (json_object_get_null_member (phone_only, "first_name"));
  g_assert_nonnull (json_object_get_string_member (phone_only, "phone_e164"));
  g_assert_true (json_object_get_null_member (id_only, "phone_e164"));
  g_assert_nonnull (json_object_get_string_member (id_only, "company"));
  g_assert_nonnull (
    json_object_get_string_member (json_object_get_object_member (dnc, "dnc"), "added_at"));
  g_assert_cmpstr (json_object_get_string_member (erased, "lifecycle_state"), ==, "deleted");
  g_assert_cmpint (json_object_get_int_member (empty_sessions, "total"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (markup, "first_name"), ==, "<b>Bold</b>");
  g_assert_cmpstr (json_object_get_string_member (markup, "last_name"), ==, "& Sons <i>");
  g_assert_true (g_unichar_get_script (g_utf8_get_char (
                   json_object_get_string_member (rtl, "first_name"))) == G_UNICODE_SCRIPT_ARABIC);
  assert_permissions (empty, "can_call", TRUE);
  for (guint i = 0; i < json_array_get_length (defs); i++)
    {
      JsonObject *def = json_array_get_object_element (defs, i);

      g_hash_table_add (types, (gpointer) json_object_get_string_member (def, "type"));
      signals += json_object_get_boolean_member (def, "signal");
    }
  g_assert_cmpuint (g_hash_table_size (types), ==, 5);
  g_assert_cmpuint (signals, >=, 2);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (
                      json_object_get_member (json_node_get_object (agents->root), "data"))),
                    >=, 2);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (
                      json_object_get_member (json_node_get_object (numbers->root), "data"))),
                    ==, 4);
}

static void
test_persistence (Fixture *f, gconstpointer data)
{
  g_autoptr (Response) patch =
    request (f, "PATCH", "/contacts/501", "{\"first_name\":\"Persisted\"}");
  g_autoptr (JsonObject) reopened = NULL;
  g_autoptr (Response) replay = NULL;
  const char *key[] = { "Idempotency-Key", "persist-key", NULL };
  g_autoptr (Response) first = request_full (f, "POST", "/contacts/505/unarchive", NULL, key);

  g_autoptr (Response) rebuild = request (f, "POST", "/contacts/501/memory/rebuild", NULL);
  g_autoptr (JsonObject) memory = NULL;

  assert_success_envelope (patch, 200);
  assert_success_envelope (first, 200);
  /* Stopping with a rebuild still queued must neither crash nor leave it stuck. */
  assert_success_envelope (rebuild, 202);
  cd_demo_server_stop (f->server);
  g_assert_finalize_object (f->server);
  start_server (f);
  reopened = get_contact (f, 501);
  g_assert_cmpstr (json_object_get_string_member (reopened, "first_name"), ==, "Persisted");
  /* The idempotency record survives the restart too. */
  replay = request_full (f, "POST", "/contacts/505/unarchive", NULL, key);
  g_assert_cmpuint (replay->status, ==, 200);
  g_assert_true (g_bytes_equal (first->body, replay->body));
  g_assert_cmpuint (
    cd_demo_server_get_mutation_count (f->server, "POST", "/contacts/505/unarchive"), ==, 0);
  memory = wait_for_rebuild (f, 501);
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (memory, "rebuild"), "status"), ==,
    "idle");
}

static void
test_fault_spec (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Response) limited = NULL;
  g_autoptr (Response) other = NULL;
  g_autoptr (Response) limited_again = NULL;
  g_autoptr (Response) recovered = NULL;

  g_assert_false (cd_demo_server_arm_faults (f->server, "explode,path=/me", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (cd_demo_server_arm_faults (f->server, "status,status=abc", &error));
  g_clear_error (&error);
  g_assert_true (
    cd_demo_server_arm_faults (f->server, "status,status=429,path=/me,count=2; ", &error));
  g_assert_no_error (error);
  limited = request (f, "GET", "/me", NULL);
  other = request (f, "GET", "/contacts/501", NULL);
  limited_again = request (f, "GET", "/me", NULL);
  recovered = request (f, "GET", "/me", NULL);
  assert_error_envelope (limited, 429, "RATE_LIMITED");
  assert_success_envelope (other, 200);
  assert_error_envelope (limited_again, 429, "RATE_LIMITED");
  assert_success_envelope (recovered, 200);
}

static void
test_corrupt_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cd-demo-corrupt-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "demo.sqlite", NULL);
  g_autoptr (CdDemoServer) server = NULL;
  g_autoptr (GDir) listing = NULL;
  const char *name;
  gboolean    kept = FALSE;

  g_assert_true (g_file_set_contents (db, "this is not a database, just text", -1, &error));
  g_test_expect_message ("cd-demo", G_LOG_LEVEL_WARNING, "*unreadable*");
  server = cd_demo_server_new (db, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (server);
  g_assert_finalize_object (g_steal_pointer (&server));
  listing = g_dir_open (dir, 0, &error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      /* The unreadable file is kept aside, never deleted. */
      if (strstr (name, ".corrupt-") && g_file_get_contents (path, &contents, NULL, NULL))
        kept = kept || g_str_has_prefix (contents, "this is not");
      g_remove (path);
    }
  g_assert_true (kept);
  g_rmdir (dir);
}

/* ---- standalone binary ------------------------------------------------- */

static void
test_binary_prints_url (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cd-demo-bin-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "bin.sqlite", NULL);
  g_autoptr (GSubprocess) proc =
    g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, DEMO_SERVER_PATH, "--port", "0",
                      "--db", db, "--api-key", "sk_bin", "--role", "tenant_viewer", NULL);
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;

  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_regex_match_simple ("^http://127\\.0\\.0\\.1:[0-9]+/api/v1$", line, 0, 0));
  url = g_strconcat (line, "/me", NULL);
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Api-Key", "sk_bin");
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "tenant_viewer"));
  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  remove_db_files (db);
  g_rmdir (dir);
}

#define ADD(name, func)                                                                            \
  g_test_add ("/demo/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char *argv[])
{
  /* Loopback only: keep GIO from loading the desktop proxy settings. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("envelope/success", test_success_envelope);
  ADD ("envelope/errors", test_error_envelopes);
  ADD ("contacts/search", test_contact_search);
  ADD ("etag/not-modified", test_etag);
  ADD ("etag/if-match", test_if_match);
  ADD ("idempotency/replay", test_idempotent_replay);
  ADD ("validation/fields", test_validation);
  ADD ("conflict/history-and-callable", test_conflicts);
  ADD ("sessions/cursor-walk", test_sessions_cursor_walk);
  ADD ("sessions/sort-search", test_sessions_sort_search);
  ADD ("sessions/detail-media", test_session_detail_and_media);
  ADD ("roles", test_roles);
  ADD ("tenant/two", test_tenant_two);
  ADD ("faults/status", test_fault_status);
  ADD ("faults/bodies", test_fault_bodies);
  ADD ("faults/connection", test_fault_connection);
  ADD ("faults/latency", test_latency);
  ADD ("faults/spec", test_fault_spec);
  ADD ("hostile", test_hostile_requests);
  ADD ("lifecycle/gdpr", test_gdpr_erase);
  ADD ("dnc/roundtrip", test_dnc_roundtrip);
  ADD ("follow-ups", test_follow_ups);
  ADD ("memory/edits", test_memory_edits);
  ADD ("memory/rebuild", test_rebuild);
  ADD ("seed/edge-contacts", test_seed_edge_contacts);
  ADD ("contacts/patch-merge", test_patch_merges_custom_fields);
  ADD ("contacts/data-export", test_data_export);
  ADD ("persistence/restart", test_persistence);
  g_test_add_func ("/demo/binary/prints-url", test_binary_prints_url);
  g_test_add_func ("/demo/persistence/corrupt-file", test_corrupt_database);

  return g_test_run ();
}
