/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-api-client"

#include <string.h>

#include "cd-api-client.h"
#include "cd-demo-server.h"
#include "cd-error.h"

/*
 * CdApiClient against the real demo backend on 127.0.0.1 (its own thread).
 * Each test gets a fresh database in its isolated data dir.
 */

#define DEADLINE_SECONDS 20

typedef struct
{
  CdDemoServer *server;
  CdApiClient  *client;
  GAsyncResult *result;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "demo", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  f->server = cd_demo_server_new (path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  f->client = cd_api_client_new (cd_demo_server_get_base_url (f->server));
  cd_api_client_set_api_key (f->client, "sk_test_key");
  /* Keep failing paths quick; the defaults are 300 ms and 5 s / 20 s. */
  cd_api_client_set_retry_base_delay (f->client, 10);
  cd_api_client_set_timeouts (f->client, 5000, 10000);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_null (f->result);
  g_clear_object (&f->client);
  cd_demo_server_stop (f->server);
  g_clear_object (&f->server);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static gboolean
on_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until the pending call finished; fails after the deadline. */
static CdApiResponse *
await_response (Fixture  *f,
                GError  **error)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_SECONDS * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, on_tick, NULL);
  CdApiResponse *response;

  while (f->result == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("request did not finish within %d s", DEADLINE_SECONDS);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
  response = cd_api_client_request_finish (f->client, f->result, error);
  g_clear_object (&f->result);
  return response;
}

static CdApiResponse *
await_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CdApiResponse *response = await_response (f, &error);

  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

static GError *
await_error (Fixture *f)
{
  GError *error = NULL;
  g_autoptr(CdApiResponse) response = await_response (f, &error);

  g_assert_null (response);
  g_assert_nonnull (error);
  return error;
}

static JsonObject *
data_object (CdApiResponse *response)
{
  JsonNode *data = cd_api_response_get_data (response);

  g_assert_nonnull (data);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (data));
  return json_node_get_object (data);
}

static JsonArray *
data_array (CdApiResponse *response)
{
  JsonNode *data = cd_api_response_get_data (response);

  g_assert_nonnull (data);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (data));
  return json_node_get_array (data);
}

static gint64
first_id (JsonArray *array)
{
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  return json_object_get_int_member (json_array_get_object_element (array, 0), "id");
}

/* reads */

static void
test_me (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(CdApiResponse) response = NULL;
  JsonObject *me;

  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  response = await_ok (f);
  g_assert_cmpuint (cd_api_response_get_http_status (response), ==, 200);
  me = data_object (response);
  g_assert_true (json_object_has_member (me, "id"));
  g_assert_cmpstr (json_object_get_string_member (me, "role"), ==, "tenant_admin");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (me, "tenants")));
  g_assert_nonnull (cd_api_response_get_request_id (response));
}

static void
test_list_contacts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(CdApiResponse) page2 = NULL;
  g_autoptr(CdApiResponse) search = NULL;
  JsonObject *meta;

  cd_api_client_list_contacts_async (f->client, 1, 5, NULL, NULL, on_done, f);
  response = await_ok (f);
  g_assert_cmpuint (json_array_get_length (data_array (response)), ==, 5);
  meta = cd_api_response_get_meta (response);
  g_assert_nonnull (meta);
  g_assert_cmpint (json_object_get_int_member (meta, "per_page"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (meta, "count"), >=, 12);

  cd_api_client_list_contacts_async (f->client, 2, 5, NULL, NULL, on_done, f);
  page2 = await_ok (f);
  g_assert_cmpint (first_id (data_array (page2)), !=, first_id (data_array (response)));

  /* A query value with reserved characters is escaped, not split. */
  cd_api_client_list_contacts_async (f->client, 0, 0, "Rahul & co?x=1", NULL, on_done, f);
  search = await_ok (f);
  g_assert_cmpuint (json_array_get_length (data_array (search)), ==, 0);
}

static void
test_get_contact_etag (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(CdApiResponse) again = NULL;
  g_autoptr(CdApiResponse) changed = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *contact;

  cd_api_client_get_contact_async (f->client, CD_DEMO_CONTACT_NAMED, NULL, NULL, on_done, f);
  response = await_ok (f);
  contact = data_object (response);
  g_assert_cmpint (json_object_get_int_member (contact, "id"), ==, CD_DEMO_CONTACT_NAMED);
  g_assert_true (json_object_has_member (contact, "permissions"));
  g_assert_nonnull (cd_api_response_get_etag (response));
  g_assert_false (cd_api_response_get_not_modified (response));

  /* Revalidation: unchanged → 304 without a body. */
  cd_api_client_get_contact_async (f->client, CD_DEMO_CONTACT_NAMED,
                                   cd_api_response_get_etag (response), NULL, on_done, f);
  again = await_ok (f);
  g_assert_cmpuint (cd_api_response_get_http_status (again), ==, 304);
  g_assert_true (cd_api_response_get_not_modified (again));
  g_assert_null (cd_api_response_get_data (again));
  g_assert_cmpstr (cd_api_response_get_etag (again), ==, cd_api_response_get_etag (response));

  /* A different tag gets the full contact again. */
  cd_api_client_get_contact_async (f->client, CD_DEMO_CONTACT_NAMED, "\"stale\"",
                                   NULL, on_done, f);
  changed = await_ok (f);
  g_assert_cmpuint (cd_api_response_get_http_status (changed), ==, 200);
  g_assert_nonnull (cd_api_response_get_data (changed));
}

static void
test_export_and_custom_fields (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CdApiResponse) export = NULL;
  g_autoptr(CdApiResponse) fields = NULL;
  JsonArray *defs;

  cd_api_client_export_contact_data_async (f->client, CD_DEMO_CONTACT_NAMED, NULL, on_done, f);
  export = await_ok (f);
  data_object (export);
  /* The raw bytes are kept for "save to file". */
  g_assert_nonnull (cd_api_response_get_body (export));
  g_assert_cmpuint (g_bytes_get_size (cd_api_response_get_body (export)), >, 10);

  cd_api_client_list_custom_fields_async (f->client, NULL, on_done, f);
  fields = await_ok (f);
  defs = data_array (fields);
  g_assert_cmpuint (json_array_get_length (defs), >, 0);
  g_assert_true (json_object_has_member (json_array_get_object_element (defs, 0), "key"));
  g_assert_true (json_object_has_member (json_array_get_object_element (defs, 0), "type"));
}

static void
test_voice_sessions (Fixture       *f,
                     gconstpointer  data)
{
  CdSessionQuery query = {
    .contact_id = CD_DEMO_CONTACT_NAMED,
    .sort = "started_at",
    .order = "desc",
    .page_size = 3,
  };
  g_autoptr(CdApiResponse) list = NULL;
  g_autoptr(CdApiResponse) detail = NULL;
  g_autoptr(CdApiResponse) cached = NULL;
  JsonObject *page;
  JsonArray *items;
  gint64 session_id;

  cd_api_client_list_voice_sessions_async (f->client, &query, NULL, on_done, f);
  list = await_ok (f);
  page = data_object (list);
  items = json_object_get_array_member (page, "items");
  g_assert_nonnull (items);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  g_assert_true (json_object_has_member (page, "next_cursor"));
  session_id = first_id (items);

  cd_api_client_get_voice_session_async (f->client, session_id, NULL, NULL, on_done, f);
  detail = await_ok (f);
  g_assert_cmpint (json_object_get_int_member (data_object (detail), "id"), ==, session_id);
  g_assert_true (json_object_has_member (data_object (detail), "transcript"));

  if (cd_api_response_get_etag (detail) != NULL)
    {
      cd_api_client_get_voice_session_async (f->client, session_id,
                                             cd_api_response_get_etag (detail),
                                             NULL, on_done, f);
      cached = await_ok (f);
      g_assert_true (cd_api_response_get_not_modified (cached));
    }
}

static void
test_voice_sessions_filters (Fixture       *f,
                             gconstpointer  data)
{
  CdSessionQuery query = {
    .contact_id = CD_DEMO_CONTACT_NAMED,
    .direction = "inbound",
    .page_size = 50,
  };
  g_autoptr(CdApiResponse) list = NULL;
  g_autoptr(CdApiResponse) next = NULL;
  JsonArray *items;
  JsonObject *page;

  cd_api_client_list_voice_sessions_async (f->client, &query, NULL, on_done, f);
  list = await_ok (f);
  items = json_object_get_array_member (data_object (list), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i),
                                                    "direction"), ==, "inbound");

  /* Cursor paging over the big history. */
  query = (CdSessionQuery) { .contact_id = CD_DEMO_CONTACT_MANY_SESSIONS, .page_size = 100 };
  cd_api_client_list_voice_sessions_async (f->client, &query, NULL, on_done, f);
  g_clear_pointer (&list, cd_api_response_unref);
  list = await_ok (f);
  page = data_object (list);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "items")), ==, 100);
  g_assert_nonnull (json_object_get_string_member (page, "next_cursor"));
  query.cursor = json_object_get_string_member (page, "next_cursor");
  cd_api_client_list_voice_sessions_async (f->client, &query, NULL, on_done, f);
  next = await_ok (f);
  g_assert_cmpint (first_id (json_object_get_array_member (data_object (next), "items")), !=,
                   first_id (json_object_get_array_member (page, "items")));
}

/* The first session of @contact_id that has a recording. */
static gint64
find_recorded_session (Fixture *f,
                       gint64   contact_id)
{
  CdSessionQuery query = { .contact_id = contact_id, .page_size = 50 };
  g_autoptr(CdApiResponse) list = NULL;
  JsonArray *items;

  cd_api_client_list_voice_sessions_async (f->client, &query, NULL, on_done, f);
  list = await_ok (f);
  items = json_object_get_array_member (data_object (list), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *row = json_array_get_object_element (items, i);

      if (json_object_get_boolean_member_with_default (row, "has_recording", FALSE))
        return json_object_get_int_member (row, "id");
    }
  g_error ("no recorded session for contact %" G_GINT64_FORMAT, contact_id);
  return 0;
}

static void
test_binary_endpoints (Fixture       *f,
                       gconstpointer  data)
{
  gint64 session_id = find_recorded_session (f, CD_DEMO_CONTACT_NAMED);
  g_autoptr(CdApiResponse) recording = NULL;
  g_autoptr(CdApiResponse) pdf = NULL;
  GBytes *body;
  guint before;

  /* The API answers 302 to storage: followed, and the audio bytes arrive. */
  before = cd_demo_server_get_request_count (f->server);
  cd_api_client_get_recording_async (f->client, session_id, NULL, on_done, f);
  recording = await_ok (f);
  g_assert_cmpuint (cd_demo_server_get_request_count (f->server) - before, ==, 2);
  g_assert_cmpuint (cd_api_response_get_http_status (recording), ==, 200);
  g_assert_null (cd_api_response_get_data (recording));
  g_assert_nonnull (cd_api_response_get_body (recording));
  g_assert_cmpuint (g_bytes_get_size (cd_api_response_get_body (recording)), >, 0);
  g_assert_true (g_str_has_prefix (cd_api_response_get_content_type (recording), "audio/"));

  cd_api_client_get_transcript_pdf_async (f->client, session_id, NULL, on_done, f);
  pdf = await_ok (f);
  body = cd_api_response_get_body (pdf);
  g_assert_nonnull (body);
  g_assert_cmpuint (g_bytes_get_size (body), >, 4);
  g_assert_cmpint (memcmp (g_bytes_get_data (body, NULL), "%PDF", 4), ==, 0);
  g_assert_cmpstr (cd_api_response_get_content_type (pdf), ==, "application/pdf");
}

static void
test_lookups (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CdApiResponse) numbers = NULL;
  g_autoptr(CdApiResponse) agents = NULL;
  g_autoptr(CdApiResponse) contact = NULL;
  g_autoptr(CdApiResponse) campaign = NULL;
  g_autoptr(CdApiResponse) follow_ups = NULL;
  g_autoptr(CdApiResponse) memory = NULL;
  g_autoptr(CdApiResponse) memory_cached = NULL;
  JsonObject *recent;
  gint64 campaign_id;

  cd_api_client_list_phone_numbers_async (f->client, "active", NULL, on_done, f);
  numbers = await_ok (f);
  g_assert_true (json_object_has_member (json_array_get_object_element (data_array (numbers), 0),
                                         "e164"));
  cd_api_client_list_agents_async (f->client, "active", NULL, on_done, f);
  agents = await_ok (f);
  g_assert_true (json_object_has_member (json_array_get_object_element (data_array (agents), 0),
                                         "variables"));

  cd_api_client_get_contact_async (f->client, CD_DEMO_CONTACT_NAMED, NULL, NULL, on_done, f);
  contact = await_ok (f);
  recent = json_object_get_object_member (data_object (contact), "recent_campaign");
  g_assert_nonnull (recent);
  campaign_id = json_object_get_int_member (recent, "id");
  cd_api_client_get_campaign_async (f->client, campaign_id, NULL, NULL, on_done, f);
  campaign = await_ok (f);
  g_assert_cmpint (json_object_get_int_member (data_object (campaign), "id"), ==, campaign_id);
  g_assert_true (json_object_has_member (data_object (campaign), "agent"));

  cd_api_client_list_follow_ups_async (f->client, CD_DEMO_CONTACT_FOLLOW_UPS, NULL,
                                       NULL, on_done, f);
  follow_ups = await_ok (f);
  g_assert_cmpuint (json_array_get_length (data_array (follow_ups)), >=, 8);

  cd_api_client_get_memory_async (f->client, CD_DEMO_CONTACT_NAMED, NULL, NULL, on_done, f);
  memory = await_ok (f);
  g_assert_true (json_object_has_member (data_object (memory), "facts"));
  g_assert_true (json_object_has_member (data_object (memory), "rebuild"));
  g_assert_nonnull (cd_api_response_get_etag (memory));
  cd_api_client_get_memory_async (f->client, CD_DEMO_CONTACT_NAMED,
                                  cd_api_response_get_etag (memory), NULL, on_done, f);
  memory_cached = await_ok (f);
  g_assert_true (cd_api_response_get_not_modified (memory_cached));
}

static void
test_follow_up_status_filter (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CdApiResponse) response = NULL;
  JsonArray *rows;

  cd_api_client_list_follow_ups_async (f->client, CD_DEMO_CONTACT_FOLLOW_UPS, "snoozed",
                                       NULL, on_done, f);
  response = await_ok (f);
  rows = data_array (response);
  g_assert_cmpuint (json_array_get_length (rows), >=, 1);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, i),
                                                    "status"), ==, "snoozed");
}

/* mutations */

static char *
dup_contact_etag (Fixture *f,
                  gint64   id)
{
  g_autoptr(CdApiResponse) response = NULL;

  cd_api_client_get_contact_async (f->client, id, NULL, NULL, on_done, f);
  response = await_ok (f);
  return g_strdup (cd_api_response_get_etag (response));
}

static void
test_update_contact (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *etag = dup_contact_etag (f, CD_DEMO_CONTACT_NAMED);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (changes, "company", "Globex");
  cd_api_client_update_contact_async (f->client, CD_DEMO_CONTACT_NAMED, changes, etag,
                                      "key-update-1", NULL, on_done, f);
  response = await_ok (f);
  g_assert_cmpstr (json_object_get_string_member (data_object (response), "company"), ==,
                   "Globex");
  g_assert_cmpstr (cd_api_response_get_idempotency_key (response), ==, "key-update-1");
  g_assert_nonnull (cd_api_response_get_etag (response));
  g_assert_cmpstr (cd_api_response_get_etag (response), !=, etag);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "PATCH", "/contacts/501"), ==, 1);

  /* The old tag is stale now: 412, and nothing is applied. */
  json_object_set_string_member (changes, "company", "Initech");
  cd_api_client_update_contact_async (f->client, CD_DEMO_CONTACT_NAMED, changes, etag,
                                      NULL, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_PRECONDITION_FAILED);
  g_assert_cmpuint (cd_api_error_get_http_status (error), ==, 412);
  g_assert_nonnull (cd_api_error_get_request_id (error));
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "PATCH", "/contacts/501"), ==, 1);
}

static void
test_validation_error (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char * const *messages;

  json_object_set_string_member (changes, "phone_e164", "not a phone");
  cd_api_client_update_contact_async (f->client, CD_DEMO_CONTACT_NAMED, changes, NULL,
                                      NULL, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_VALIDATION);
  g_assert_cmpuint (cd_api_error_get_http_status (error), ==, 422);
  g_assert_cmpstr (cd_api_error_get_error_code (error), ==, "VALIDATION_FAILED");
  messages = cd_api_error_get_field_messages (error, "phone_e164");
  g_assert_nonnull (messages);
  g_assert_nonnull (messages[0]);
  g_assert_nonnull (cd_api_error_get_request_id (error));
}

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CdApiResponse) archived = NULL;
  g_autoptr(CdApiResponse) unarchived = NULL;
  g_autoptr(CdApiResponse) erased = NULL;
  g_autoptr(CdApiResponse) deleted = NULL;
  g_autoptr(GError) conflict = NULL;
  g_autoptr(GError) gone = NULL;

  cd_api_client_archive_contact_async (f->client, CD_DEMO_CONTACT_NAMED, NULL, NULL, on_done, f);
  archived = await_ok (f);
  g_assert_cmpstr (json_object_get_string_member (data_object (archived), "lifecycle_state"),
                   ==, "archived");
  /* NULL key → the client generated a UUID and says which. */
  g_assert_true (g_uuid_string_is_valid (cd_api_response_get_idempotency_key (archived)));

  cd_api_client_unarchive_contact_async (f->client, CD_DEMO_CONTACT_NAMED, NULL, NULL,
                                         on_done, f);
  unarchived = await_ok (f);
  g_assert_cmpstr (json_object_get_string_member (data_object (unarchived), "lifecycle_state"),
                   ==, "active");

  cd_api_client_hard_delete_contact_async (f->client, CD_DEMO_CONTACT_NAMED, NULL, NULL,
                                           on_done, f);
  conflict = await_error (f);
  g_assert_error (conflict, CD_API_ERROR, CD_API_ERROR_CONFLICT);
  g_assert_cmpstr (cd_api_error_get_error_code (conflict), ==, "HAS_HISTORY");

  cd_api_client_gdpr_erase_contact_async (f->client, CD_DEMO_CONTACT_PHONE_ONLY, NULL, NULL,
                                          on_done, f);
  erased = await_ok (f);
  g_assert_nonnull (cd_api_response_get_data (erased));

  cd_api_client_hard_delete_contact_async (f->client, CD_DEMO_CONTACT_NO_HISTORY, NULL, NULL,
                                           on_done, f);
  deleted = await_ok (f);
  cd_api_client_get_contact_async (f->client, CD_DEMO_CONTACT_NO_HISTORY, NULL, NULL,
                                   on_done, f);
  gone = await_error (f);
  g_assert_error (gone, CD_API_ERROR, CD_API_ERROR_NOT_FOUND);
  g_assert_cmpuint (cd_api_error_get_http_status (gone), ==, 404);
}

static void
test_dnc_idempotency (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CdApiResponse) first = NULL;
  g_autoptr(CdApiResponse) replay = NULL;
  g_autoptr(CdApiResponse) removed = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *replay_text = NULL;
  gint64 entry_id;

  cd_api_client_add_dnc_entry_async (f->client, "+15550001234", "asked to stop",
                                     "key-dnc-1", NULL, on_done, f);
  first = await_ok (f);
  entry_id = json_object_get_int_member (data_object (first), "id");
  g_assert_cmpint (entry_id, >, 0);

  /* The same key again: the first answer, no second effect. */
  cd_api_client_add_dnc_entry_async (f->client, "+15550001234", "asked to stop",
                                     "key-dnc-1", NULL, on_done, f);
  replay = await_ok (f);
  first_text = json_to_string (cd_api_response_get_data (first), FALSE);
  replay_text = json_to_string (cd_api_response_get_data (replay), FALSE);
  g_assert_cmpstr (first_text, ==, replay_text);
  g_assert_cmpuint (cd_api_response_get_http_status (replay), ==,
                    cd_api_response_get_http_status (first));
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", "/dnc_entries"), ==, 1);

  cd_api_client_remove_dnc_entry_async (f->client, entry_id, "added by mistake", NULL, NULL,
                                        on_done, f);
  removed = await_ok (f);
  g_assert_nonnull (cd_api_response_get_data (removed));
}

static void
test_start_call (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CdApiResponse) numbers = NULL;
  g_autoptr(CdApiResponse) agents = NULL;
  g_autoptr(CdApiResponse) call = NULL;
  g_autoptr(CdApiResponse) replay = NULL;
  g_autoptr(JsonObject) mappings = json_object_new ();
  g_autoptr(JsonObject) vars = json_object_new ();
  g_autofree char *path = g_strdup_printf ("/contacts/%d/calls", CD_DEMO_CONTACT_NAMED);
  gint64 session_id;

  cd_api_client_list_phone_numbers_async (f->client, "active", NULL, on_done, f);
  numbers = await_ok (f);
  cd_api_client_list_agents_async (f->client, "active", NULL, on_done, f);
  agents = await_ok (f);
  json_object_set_string_member (vars, "greeting", "Hello");

  cd_api_client_start_call_async (f->client, CD_DEMO_CONTACT_NAMED,
                                  first_id (data_array (numbers)),
                                  first_id (data_array (agents)), mappings, vars,
                                  "key-call-1", NULL, on_done, f);
  call = await_ok (f);
  g_assert_cmpuint (cd_api_response_get_http_status (call), ==, 201);
  session_id = json_object_get_int_member (data_object (call), "voice_session_id");
  g_assert_cmpint (session_id, >, 0);

  /* A retried "Start call" never dials twice. */
  cd_api_client_start_call_async (f->client, CD_DEMO_CONTACT_NAMED,
                                  first_id (data_array (numbers)),
                                  first_id (data_array (agents)), mappings, vars,
                                  "key-call-1", NULL, on_done, f);
  replay = await_ok (f);
  g_assert_cmpint (json_object_get_int_member (data_object (replay), "voice_session_id"), ==,
                   session_id);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", path), ==, 1);
}

static void
test_follow_up_mutations (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
  g_autofree char *when = g_date_time_format_iso8601 (later);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(CdApiResponse) created = NULL;
  g_autoptr(CdApiResponse) cancelled = NULL;
  gint64 id;

  json_object_set_string_member (fields, "type", "call");
  json_object_set_string_member (fields, "scheduled_at", when);
  json_object_set_string_member (fields, "priority", "normal");
  json_object_set_int_member (fields, "max_attempts", 3);
  json_object_set_boolean_member (fields, "allow_out_of_window", FALSE);
  json_object_set_string_member (fields, "notes", "Call back about renewal");
  cd_api_client_create_follow_up_async (f->client, CD_DEMO_CONTACT_NAMED, fields, NULL,
                                        NULL, on_done, f);
  created = await_ok (f);
  id = json_object_get_int_member (data_object (created), "id");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (json_object_get_string_member (data_object (created), "source"), ==, "manual");

  json_object_set_string_member (changes, "status", "cancelled");
  cd_api_client_update_follow_up_async (f->client, id, changes, NULL, NULL, on_done, f);
  cancelled = await_ok (f);
  g_assert_cmpstr (json_object_get_string_member (data_object (cancelled), "status"), ==,
                   "cancelled");
}

static char *
dup_memory_etag (Fixture *f)
{
  g_autoptr(CdApiResponse) response = NULL;

  cd_api_client_get_memory_async (f->client, CD_DEMO_CONTACT_NAMED, NULL, NULL, on_done, f);
  response = await_ok (f);
  return g_strdup (cd_api_response_get_etag (response));
}

static void
test_memory_mutations (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *etag = dup_memory_etag (f);
  g_autofree char *etag2 = NULL;
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(JsonObject) item = json_object_new ();
  g_autoptr(CdApiResponse) summary = NULL;
  g_autoptr(CdApiResponse) open_items = NULL;
  g_autoptr(CdApiResponse) fact = NULL;
  g_autoptr(CdApiResponse) reset = NULL;
  g_autoptr(CdApiResponse) rebuild = NULL;
  g_autoptr(GError) stale = NULL;
  JsonObject *job;
  JsonArray *facts;
  const char *key;

  cd_api_client_put_memory_summary_async (f->client, CD_DEMO_CONTACT_NAMED, "Prefers mornings.",
                                          etag, NULL, NULL, on_done, f);
  summary = await_ok (f);
  g_assert_cmpstr (json_object_get_string_member (data_object (summary), "summary"), ==,
                   "Prefers mornings.");

  /* The tag we had is stale after our own write. */
  cd_api_client_put_memory_summary_async (f->client, CD_DEMO_CONTACT_NAMED, "Other",
                                          etag, NULL, NULL, on_done, f);
  stale = await_error (f);
  g_assert_error (stale, CD_API_ERROR, CD_API_ERROR_PRECONDITION_FAILED);

  etag2 = dup_memory_etag (f);
  json_object_set_string_member (item, "title", "Send brochure");
  json_object_set_null_member (item, "due_date");
  json_array_add_object_element (items, json_object_ref (item));
  cd_api_client_put_memory_open_items_async (f->client, CD_DEMO_CONTACT_NAMED, items, etag2,
                                             NULL, NULL, on_done, f);
  open_items = await_ok (f);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data_object (open_items),
                                                                         "open_items")), ==, 1);

  facts = json_object_get_array_member (data_object (open_items), "facts");
  g_assert_nonnull (facts);
  key = json_object_get_string_member (json_array_get_object_element (facts, 0), "key");
  cd_api_client_put_memory_fact_async (f->client, CD_DEMO_CONTACT_NAMED, key,
                                       NULL, "Mornings", NULL, NULL, NULL, on_done, f);
  fact = await_ok (f);
  data_object (fact);
  cd_api_client_reset_memory_fact_async (f->client, CD_DEMO_CONTACT_NAMED, key,
                                         NULL, NULL, on_done, f);
  reset = await_ok (f);
  data_object (reset);

  cd_api_client_rebuild_memory_async (f->client, CD_DEMO_CONTACT_NAMED, 3, NULL, NULL,
                                      on_done, f);
  rebuild = await_ok (f);
  g_assert_cmpuint (cd_api_response_get_http_status (rebuild), ==, 202);
  job = json_object_get_object_member (data_object (rebuild), "job");
  g_assert_nonnull (job);
  g_assert_true (json_object_has_member (job, "status"));
}

/* errors and auth */

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdApiResponse) response = NULL;

  cd_demo_server_set_api_key (f->server, "sk_right");
  cd_api_client_set_api_key (f->client, "sk_wrong");
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (cd_api_error_get_http_status (error), ==, 401);
  g_assert_nonnull (cd_api_error_get_request_id (error));
  /* The key is never echoed into messages. */
  g_assert_null (strstr (error->message, "sk_wrong"));

  cd_api_client_set_api_key (f->client, "sk_right");
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  response = await_ok (f);
}

static void
test_bearer_token (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdApiResponse) response = NULL;

  cd_demo_server_set_api_key (f->server, "jwt-right");
  cd_api_client_set_api_key (f->client, NULL);
  cd_api_client_set_bearer_token (f->client, "jwt-wrong");
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_UNAUTHORIZED);

  cd_api_client_set_bearer_token (f->client, "jwt-right");
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  response = await_ok (f);
  data_object (response);
}

static void
test_tenants (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CdApiResponse) other = NULL;
  g_autoptr(GError) error = NULL;

  cd_api_client_set_tenant_id (f->client, "2");
  cd_api_client_list_contacts_async (f->client, 1, 25, NULL, NULL, on_done, f);
  other = await_ok (f);
  g_assert_cmpuint (json_array_get_length (data_array (other)), ==, 0);

  cd_api_client_set_tenant_id (f->client, "999");
  cd_api_client_list_contacts_async (f->client, 1, 25, NULL, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_FORBIDDEN);
  g_assert_cmpuint (cd_api_error_get_http_status (error), ==, 403);

  /* Empty means "no header": back to the default tenant. */
  cd_api_client_set_tenant_id (f->client, "");
  g_assert_null (cd_api_client_get_tenant_id (f->client));
}

static void
test_injected_statuses (Fixture       *f,
                        gconstpointer  data)
{
  const struct { guint status; int code; } cases[] = {
    { 401, CD_API_ERROR_UNAUTHORIZED },
    { 403, CD_API_ERROR_FORBIDDEN },
    { 404, CD_API_ERROR_NOT_FOUND },
    { 409, CD_API_ERROR_CONFLICT },
    { 412, CD_API_ERROR_PRECONDITION_FAILED },
    { 422, CD_API_ERROR_VALIDATION },
    { 429, CD_API_ERROR_RATE_LIMITED },
    { 500, CD_API_ERROR_SERVER },
    { 502, CD_API_ERROR_SERVER },
    { 503, CD_API_ERROR_SERVER },
    { 504, CD_API_ERROR_SERVER },
  };

  /* No retries here: each injected status must surface as its own code. */
  cd_api_client_set_max_get_retries (f->client, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_STATUS, cases[i].status, 1);
      cd_api_client_get_me_async (f->client, NULL, on_done, f);
      error = await_error (f);
      g_assert_error (error, CD_API_ERROR, cases[i].code);
      g_assert_cmpuint (cd_api_error_get_http_status (error), ==, cases[i].status);
      g_assert_cmpuint (strlen (error->message), >, 0);
      g_assert_nonnull (cd_api_error_get_request_id (error));
    }
}

static void
test_bad_responses (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) malformed = NULL;
  g_autoptr(GError) wrong = NULL;
  g_autoptr(CdApiResponse) after = NULL;

  /* Not retried: the same server would answer the same garbage. */
  cd_demo_server_inject_fault (f->server, "/contacts/501", CD_DEMO_FAULT_MALFORMED_JSON, 0, 1);
  cd_api_client_get_contact_async (f->client, CD_DEMO_CONTACT_NAMED, NULL, NULL, on_done, f);
  malformed = await_error (f);
  g_assert_error (malformed, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);

  /* A list endpoint whose "data" is not a list. */
  cd_demo_server_inject_fault (f->server, "/contacts", CD_DEMO_FAULT_WRONG_TYPES, 0, 1);
  cd_api_client_list_contacts_async (f->client, 1, 5, NULL, NULL, on_done, f);
  wrong = await_error (f);
  g_assert_error (wrong, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);

  /* Wrong member types inside an object are the model mapping's job (core):
   * the net layer hands the data over untouched. */
  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_WRONG_TYPES, 0, 1);
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  after = await_ok (f);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (cd_api_response_get_data (after)));
}

static void
test_drop_is_network_error (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdApiResponse) recovered = NULL;

  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_DROP, 0, 10);
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_NETWORK);

  /* One dropped answer is absorbed by the GET retry. */
  cd_demo_server_clear_faults (f->server);
  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_DROP, 0, 1);
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  recovered = await_ok (f);
}

static void
test_mutation_drop_not_retried (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdApiResponse) replay = NULL;
  guint before;

  cd_demo_server_inject_fault (f->server, "/dnc_entries", CD_DEMO_FAULT_DROP, 0, 1);
  before = cd_demo_server_get_request_count (f->server);
  cd_api_client_add_dnc_entry_async (f->client, "+15550009999", NULL, "key-drop",
                                     NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_NETWORK);
  /* The request reached the server: no automatic replay. */
  g_assert_cmpuint (cd_demo_server_get_request_count (f->server) - before, ==, 1);

  /* The caller (outbox) replays with the same key; applied once at most. */
  cd_api_client_add_dnc_entry_async (f->client, "+15550009999", NULL, "key-drop",
                                     NULL, on_done, f);
  replay = await_ok (f);
  g_assert_cmpstr (cd_api_response_get_idempotency_key (replay), ==, "key-drop");
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", "/dnc_entries"), ==, 1);
}

static void
test_stall_times_out (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint before;

  cd_api_client_set_timeouts (f->client, 1000, 500);
  cd_api_client_set_max_get_retries (f->client, 0);
  cd_demo_server_inject_fault (f->server, "/contacts", CD_DEMO_FAULT_STALL, 0, 1);
  cd_api_client_list_contacts_async (f->client, 1, 10, NULL, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_TIMEOUT);

  /* A mutation that timed out after being sent is not replayed automatically. */
  g_clear_error (&error);
  cd_api_client_set_max_get_retries (f->client, 2);
  cd_demo_server_inject_fault (f->server, "/contacts/501/archive", CD_DEMO_FAULT_STALL, 0, 1);
  before = cd_demo_server_get_request_count (f->server);
  cd_api_client_archive_contact_async (f->client, CD_DEMO_CONTACT_NAMED, NULL, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_TIMEOUT);
  g_assert_cmpuint (cd_demo_server_get_request_count (f->server) - before, ==, 1);
}

static void
test_huge_response (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_HUGE, 0, 1);
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  response = await_ok (f);
  g_assert_nonnull (cd_api_response_get_data (response));

  /* Over the limit: refused rather than buffered. */
  cd_api_client_set_max_response_size (f->client, 1024 * 1024);
  cd_api_client_set_max_get_retries (f->client, 0);
  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_HUGE, 0, 1);
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);
}

static void
test_redirect_loop (Fixture       *f,
                    gconstpointer  data)
{
  gint64 session_id = find_recorded_session (f, CD_DEMO_CONTACT_NAMED);
  g_autofree char *prefix = g_strdup_printf ("/voice_sessions/%" G_GINT64_FORMAT "/recording",
                                             session_id);
  g_autoptr(GError) error = NULL;

  cd_demo_server_inject_fault (f->server, prefix, CD_DEMO_FAULT_REDIRECT_LOOP, 0, 100);
  cd_api_client_get_recording_async (f->client, session_id, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "redirect"));
}

static void
test_retries (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_STATUS, 503, 2);
  before = cd_demo_server_get_request_count (f->server);
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  response = await_ok (f);
  g_assert_cmpuint (cd_demo_server_get_request_count (f->server) - before, ==, 3);

  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_STATUS, 503, 3);
  before = cd_demo_server_get_request_count (f->server);
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_SERVER);
  g_assert_cmpuint (cd_api_error_get_http_status (error), ==, 503);
  g_assert_cmpuint (cd_demo_server_get_request_count (f->server) - before, ==, 3);
}

static void
test_mutation_5xx_not_retried (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint before;

  cd_demo_server_inject_fault (f->server, "/contacts/501/archive", CD_DEMO_FAULT_STATUS, 503, 1);
  before = cd_demo_server_get_request_count (f->server);
  cd_api_client_archive_contact_async (f->client, CD_DEMO_CONTACT_NAMED, NULL, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_SERVER);
  g_assert_cmpuint (cd_demo_server_get_request_count (f->server) - before, ==, 1);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* Retry-After within the cap: the client waits it out and succeeds. */
  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_STATUS, 429, 1);
  start = g_get_monotonic_time ();
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  response = await_ok (f);
  /* Lower bound only: it must not have retried before Retry-After (1 s). */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC - 50000);

  /* Beyond the cap: reported at once, with the server's Retry-After. */
  cd_api_client_set_max_retry_after (f->client, 0);
  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_STATUS, 429, 1);
  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  error = await_error (f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (cd_api_error_get_retry_after (error), >=, 1);
}

static void
cancel_soon (GCancellable *cancellable)
{
  g_timeout_add_once (100, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
}

static void
test_cancellation (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GCancellable) at_once = g_cancellable_new ();
  g_autoptr(GCancellable) stalled = g_cancellable_new ();
  g_autoptr(GCancellable) waiting = g_cancellable_new ();
  g_autoptr(GError) error1 = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;

  cd_api_client_get_me_async (f->client, at_once, on_done, f);
  g_cancellable_cancel (at_once);
  error1 = await_error (f);
  g_assert_error (error1, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* While the body is stalled (no timeout would fire within the deadline). */
  cd_api_client_set_timeouts (f->client, 5000, 60000);
  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_STALL, 0, 1);
  cd_api_client_get_me_async (f->client, stalled, on_done, f);
  cancel_soon (stalled);
  error2 = await_error (f);
  g_assert_error (error2, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* While waiting to retry (the backoff would outlast the deadline). */
  cd_api_client_set_retry_base_delay (f->client, 60000);
  cd_demo_server_inject_fault (f->server, "/me", CD_DEMO_FAULT_STATUS, 503, 3);
  cd_api_client_get_me_async (f->client, waiting, on_done, f);
  cancel_soon (waiting);
  error3 = await_error (f);
  g_assert_error (error3, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A cancel at any moment ends the request as cancelled (or with its answer,
 * when that came first) and leaves the client working. libsoup 3.6 freed the
 * message twice when the send was cancelled between the response headers
 * arriving and the send callback: a crash a few requests later. */
static void
test_cancel_anytime (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CdApiResponse) me = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(CdApiResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      cd_api_client_get_me_async (f->client, cancellable, on_done, f);
      for (guint j = 0; j < i % 30 && f->result == NULL; j++)
        {
          g_usleep ((i / 30) * 50);
          g_main_context_iteration (NULL, FALSE);
        }
      g_cancellable_cancel (cancellable);
      response = await_response (f, &error);
      if (response == NULL)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }

  cd_api_client_get_me_async (f->client, NULL, on_done, f);
  me = await_ok (f);
  g_assert_cmpuint (cd_api_response_get_http_status (me), ==, 200);
}

/* Not a fixture test: no server listens on the port. */
static void
test_connection_refused (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(CdApiClient) client = NULL;
  g_autofree char *url = NULL;
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  guint16 port;

  /* Find a free port, then close it so connecting is refused. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/api/v1", port);
  client = cd_api_client_new (url);
  cd_api_client_set_retry_base_delay (client, 10);
  f.client = client;

  cd_api_client_add_dnc_entry_async (client, "+15550001111", NULL, NULL, NULL, on_done, &f);
  error = await_error (&f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_NETWORK);
  g_clear_error (&error);

  cd_api_client_get_me_async (client, NULL, on_done, &f);
  error = await_error (&f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_NETWORK);
}

static void
test_invalid_base_url (void)
{
  g_autoptr(CdApiClient) client = cd_api_client_new ("not a url");
  Fixture f = { .client = client };
  g_autoptr(GError) error = NULL;

  cd_api_client_get_me_async (client, NULL, on_done, &f);
  error = await_error (&f);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_NETWORK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/net/client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("me", test_me);
  ADD ("list-contacts", test_list_contacts);
  ADD ("get-contact-etag", test_get_contact_etag);
  ADD ("export-and-custom-fields", test_export_and_custom_fields);
  ADD ("voice-sessions", test_voice_sessions);
  ADD ("voice-sessions-filters", test_voice_sessions_filters);
  ADD ("binary-endpoints", test_binary_endpoints);
  ADD ("lookups", test_lookups);
  ADD ("follow-up-status-filter", test_follow_up_status_filter);
  ADD ("update-contact", test_update_contact);
  ADD ("validation-error", test_validation_error);
  ADD ("lifecycle", test_lifecycle);
  ADD ("dnc-idempotency", test_dnc_idempotency);
  ADD ("start-call", test_start_call);
  ADD ("follow-up-mutations", test_follow_up_mutations);
  ADD ("memory-mutations", test_memory_mutations);
  ADD ("unauthorized", test_unauthorized);
  ADD ("bearer-token", test_bearer_token);
  ADD ("tenants", test_tenants);
  ADD ("injected-statuses", test_injected_statuses);
  ADD ("bad-responses", test_bad_responses);
  ADD ("drop", test_drop_is_network_error);
  ADD ("mutation-drop-not-retried", test_mutation_drop_not_retried);
  ADD ("stall-timeout", test_stall_times_out);
  ADD ("huge-response", test_huge_response);
  ADD ("redirect-loop", test_redirect_loop);
  ADD ("retries", test_retries);
  ADD ("mutation-5xx-not-retried", test_mutation_5xx_not_retried);
  ADD ("rate-limited", test_rate_limited);
  ADD ("cancellation", test_cancellation);
  ADD ("cancel-anytime", test_cancel_anytime);
  g_test_add_func ("/net/client/connection-refused", test_connection_refused);
  g_test_add_func ("/net/client/invalid-base-url", test_invalid_base_url);

#undef ADD
  return g_test_run ();
}
