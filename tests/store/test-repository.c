/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-repository"

#include <sqlite3.h>
#include <string.h>

#include "cd-cache.h"
#include "cd-contact.h"
#include "cd-custom-field.h"
#include "cd-demo-server.h"
#include "cd-error.h"
#include "cd-follow-up.h"
#include "cd-memory.h"
#include "cd-repository.h"
#include "cd-repository-private.h"
#include "cd-user.h"
#include "cd-voice-session.h"

typedef struct
{
  char         *dir;
  char         *data_dir;
  CdDemoServer *server;
  CdRepository *repo;
} Fixture;

typedef gboolean (*CheckFunc) (gpointer data);

/* Iterates the main context until @check holds; fails after 20 s instead of hanging. */
static void
wait_until (CheckFunc check,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!check (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for a condition");
      g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
    }
}

typedef struct
{
  CdResource      *resource;
  CdResourceState  state;
} StateWait;

static gboolean
check_state (gpointer data)
{
  StateWait *wait = data;

  return cd_resource_get_state (wait->resource) == wait->state;
}

static void
wait_state (CdResource      *resource,
            CdResourceState  state)
{
  StateWait wait = { resource, state };

  wait_until (check_state, &wait);
}

static gboolean
check_done (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  wait_until (check_done, slot);
  return *slot;
}

/* Every earlier worker job (cache writes) has finished once this returns. */
static void
flush_worker (CdRepository *repo)
{
  GAsyncResult *result = NULL;
  g_autoptr(GListModel) recent = NULL;

  cd_repository_list_recent_async (repo, 1, NULL, store_result, &result);
  recent = cd_repository_list_recent_finish (repo, wait_result (&result), NULL);
  g_clear_object (&result);
}

static void
on_state (CdResource *resource,
          GParamSpec *pspec,
          GArray     *states)
{
  CdResourceState state = cd_resource_get_state (resource);

  g_array_append_val (states, state);
}

static gboolean
saw_state (GArray          *states,
           CdResourceState  state)
{
  for (guint i = 0; i < states->len; i++)
    if (g_array_index (states, CdResourceState, i) == state)
      return TRUE;
  return FALSE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("cd-repo-XXXXXX", &error);
  g_assert_no_error (error);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  db = g_build_filename (f->dir, "demo.sqlite", NULL);
  f->server = cd_demo_server_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (cd_demo_server_start (f->server, 0, &error));
  g_assert_no_error (error);
  if (data == NULL)
    {
      f->repo = cd_repository_new (cd_demo_server_get_base_url (f->server), "sk_test", NULL, f->data_dir);
      cd_api_client_set_retry_base_delay (cd_repository_get_api_client (f->repo), 5);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->repo != NULL)
    {
      /* Nothing keeps the repository alive once its work is done. */
      flush_worker (f->repo);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_finalize_object (g_steal_pointer (&f->repo));
    }
  cd_demo_server_stop (f->server);
  g_clear_object (&f->server);
  g_free (f->data_dir);
  g_free (f->dir);
}

static CdResource *
open_and_wait (CdRepository    *repo,
               gint64           id,
               CdResourceState  state,
               GArray          *states)
{
  CdResource *resource = cd_repository_open_contact (repo, id, NULL);

  if (states != NULL)
    g_signal_connect (resource, "notify::state", G_CALLBACK (on_state), states);
  wait_state (resource, state);
  return resource;
}

/* Runs SQL on the repository's cache file through a second connection. */
static gint64
cache_sql (CdRepository *repo,
           const char   *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (cd_repository_get_cache_path (repo), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_cached_then_revalidated (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GArray) first_states = g_array_new (FALSE, FALSE, sizeof (CdResourceState));
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (CdResourceState));
  g_autoptr(CdResource) first = NULL;
  g_autoptr(CdResource) second = NULL;

  first = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, first_states);
  g_assert_false (saw_state (first_states, CD_RESOURCE_STALE));
  g_assert_false (cd_resource_get_from_cache (first));
  g_assert_nonnull (cd_resource_get_fetched_at (first));
  g_assert_cmpstr (cd_contact_get_first_name (cd_resource_get_value (first)), ==, "Rahul");
  flush_worker (f->repo);

  second = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, states);
  g_assert_cmpuint (states->len, ==, 2);
  g_assert_cmpint (g_array_index (states, CdResourceState, 0), ==, CD_RESOURCE_STALE);
  g_assert_cmpint (g_array_index (states, CdResourceState, 1), ==, CD_RESOURCE_FRESH);
  g_assert_cmpstr (cd_contact_get_first_name (cd_resource_get_value (second)), ==, "Rahul");
  g_assert_false (cd_resource_get_from_cache (second));
  g_assert_true (cd_repository_get_online (f->repo));
}

/* The cached copy is edited behind the repository's back: only a 304 keeps the edit. */
static void
test_not_modified_keeps_cache (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CdResource) first = NULL;
  g_autoptr(CdResource) second = NULL;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (CdResourceState));

  first = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, NULL);
  flush_worker (f->repo);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts WHERE id = 501 AND etag IS NOT NULL"), ==, 1);
  cache_sql (f->repo, "UPDATE contacts SET json = json_set(json, '$.first_name', 'Cachedname') WHERE id = 501");

  second = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, states);
  g_assert_true (saw_state (states, CD_RESOURCE_STALE));
  g_assert_cmpstr (cd_contact_get_first_name (cd_resource_get_value (second)), ==, "Cachedname");
  g_assert_false (cd_resource_get_from_cache (second));

  /* Without the ETag the server sends the real contact again. */
  g_clear_object (&second);
  flush_worker (f->repo);
  cache_sql (f->repo, "UPDATE contacts SET etag = NULL WHERE id = 501");
  second = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, NULL);
  g_assert_cmpstr (cd_contact_get_first_name (cd_resource_get_value (second)), ==, "Rahul");
}

static void
test_not_found_purges (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CdResource) resource = NULL;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (CdResourceState));

  flush_worker (f->repo);
  cache_sql (f->repo, "INSERT INTO contacts (id, json, etag, fetched_at, search_text)"
                      " VALUES (987654, '{\"id\":987654,\"first_name\":\"Ghost\"}', '\"x\"', 1, 'ghost')");
  cache_sql (f->repo, "INSERT INTO memory (contact_id, json) VALUES (987654, '{}')");

  resource = open_and_wait (f->repo, 987654, CD_RESOURCE_NOT_FOUND, states);
  g_assert_true (saw_state (states, CD_RESOURCE_STALE));
  g_assert_null (cd_resource_get_value (resource));
  g_assert_error (cd_resource_get_error (resource), CD_API_ERROR, CD_API_ERROR_NOT_FOUND);
  flush_worker (f->repo);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts WHERE id = 987654"), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM memory WHERE contact_id = 987654"), ==, 0);
}

/* Cached by an earlier successful open, then hard-deleted on the server. */
static void
test_hard_deleted_purges (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CdResource) first = NULL;
  g_autoptr(CdResource) second = NULL;
  g_autoptr(CdApiClient) admin = cd_api_client_new (cd_demo_server_get_base_url (f->server));
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (CdResourceState));
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  first = open_and_wait (f->repo, CD_DEMO_CONTACT_NO_HISTORY, CD_RESOURCE_FRESH, NULL);
  flush_worker (f->repo);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts WHERE id = 511"), ==, 1);

  cd_api_client_hard_delete_contact_async (admin, CD_DEMO_CONTACT_NO_HISTORY, NULL, NULL,
                                           store_result, &result);
  response = cd_api_client_request_finish (admin, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  second = open_and_wait (f->repo, CD_DEMO_CONTACT_NO_HISTORY, CD_RESOURCE_NOT_FOUND, states);
  g_assert_true (saw_state (states, CD_RESOURCE_STALE));
  g_assert_null (cd_resource_get_value (second));
  flush_worker (f->repo);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts WHERE id = 511"), ==, 0);
}

static void
test_erased_purges (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CdResource) resource = NULL;

  flush_worker (f->repo);
  cache_sql (f->repo, "INSERT INTO contacts (id, json, fetched_at, search_text)"
                      " VALUES (506, '{\"id\":506,\"first_name\":\"Formerly\"}', 1, 'formerly')");
  resource = open_and_wait (f->repo, CD_DEMO_CONTACT_ERASED, CD_RESOURCE_FRESH, NULL);
  g_assert_true (cd_contact_is_erased (cd_resource_get_value (resource)));
  flush_worker (f->repo);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts WHERE id = 506"), ==, 0);
}

static gboolean
check_offline (gpointer data)
{
  return !cd_repository_get_online (data);
}

static void
test_offline_keeps_cache (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CdResource) first = NULL;
  g_autoptr(CdResource) second = NULL;
  g_autoptr(CdResource) unknown = NULL;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (CdResourceState));

  first = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, NULL);
  flush_worker (f->repo);
  cd_demo_server_stop (f->server);

  second = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_OFFLINE, states);
  g_assert_true (saw_state (states, CD_RESOURCE_STALE));
  g_assert_cmpstr (cd_contact_get_first_name (cd_resource_get_value (second)), ==, "Rahul");
  g_assert_true (cd_resource_get_from_cache (second));
  g_assert_nonnull (cd_resource_get_fetched_at (second));
  g_assert_error (cd_resource_get_error (second), CD_API_ERROR, CD_API_ERROR_NETWORK);
  wait_until (check_offline, f->repo);

  /* Never cached: offline with nothing to show. */
  unknown = open_and_wait (f->repo, CD_DEMO_CONTACT_EMPTY, CD_RESOURCE_OFFLINE, NULL);
  g_assert_null (cd_resource_get_value (unknown));
}

static gboolean
check_online (gpointer data)
{
  return cd_repository_get_online (data);
}

/* Dropped connections make the repository offline; the next success brings it back. */
static void
test_back_online (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CdResource) first = NULL;
  g_autoptr(CdResource) second = NULL;

  first = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, NULL);
  flush_worker (f->repo);
  cd_demo_server_inject_fault (f->server, "/contacts/501", CD_DEMO_FAULT_DROP, 0, 50);
  second = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_OFFLINE, NULL);
  g_assert_false (cd_repository_get_online (f->repo));
  g_assert_nonnull (cd_resource_get_value (second));

  cd_demo_server_clear_faults (f->server);
  cd_resource_refresh (second);
  wait_state (second, CD_RESOURCE_FRESH);
  wait_until (check_online, f->repo);
  g_assert_false (cd_resource_get_from_cache (second));
}

static void
test_server_error_keeps_cache (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CdResource) first = NULL;
  g_autoptr(CdResource) second = NULL;

  first = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, NULL);
  flush_worker (f->repo);
  cd_demo_server_inject_fault (f->server, "/contacts/501", CD_DEMO_FAULT_STATUS, 500, 10);
  second = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_ERROR, NULL);
  g_assert_error (cd_resource_get_error (second), CD_API_ERROR, CD_API_ERROR_SERVER);
  g_assert_cmpstr (cd_contact_get_first_name (cd_resource_get_value (second)), ==, "Rahul");
  g_assert_true (cd_resource_get_from_cache (second));

  /* Malformed JSON and a revoked key: same, the cached copy stays. */
  g_clear_object (&second);
  cd_demo_server_clear_faults (f->server);
  cd_demo_server_inject_fault (f->server, "/contacts/501", CD_DEMO_FAULT_MALFORMED_JSON, 0, 10);
  second = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_ERROR, NULL);
  g_assert_error (cd_resource_get_error (second), CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);
  g_assert_cmpstr (cd_contact_get_first_name (cd_resource_get_value (second)), ==, "Rahul");

  g_clear_object (&second);
  cd_demo_server_clear_faults (f->server);
  cd_demo_server_set_api_key (f->server, "sk_other");
  second = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_ERROR, NULL);
  g_assert_error (cd_resource_get_error (second), CD_API_ERROR, CD_API_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (cd_contact_get_first_name (cd_resource_get_value (second)), ==, "Rahul");
  g_assert_true (cd_repository_get_online (f->repo));
  cd_demo_server_set_api_key (f->server, NULL);

  /* Retry after the fault clears. */
  cd_demo_server_clear_faults (f->server);
  cd_resource_refresh (second);
  wait_state (second, CD_RESOURCE_FRESH);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_cancellation (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CdResource) first = NULL;
  g_autoptr(CdResource) second = NULL;
  g_autoptr(CdResource) third = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint notifications = 0;

  first = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, NULL);
  flush_worker (f->repo);

  cd_demo_server_set_latency_ms (f->server, 300);
  second = cd_repository_open_contact (f->repo, CD_DEMO_CONTACT_NAMED, cancellable);
  wait_state (second, CD_RESOURCE_STALE);
  g_signal_connect (second, "notify", G_CALLBACK (count_notify), &notifications);
  g_cancellable_cancel (cancellable);

  /* A later open of the same contact completes; the cancelled one stays silent. */
  cd_demo_server_set_latency_ms (f->server, 0);
  third = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, NULL);
  flush_worker (f->repo);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (notifications, ==, 0);
  g_assert_cmpint (cd_resource_get_state (second), ==, CD_RESOURCE_STALE);

  cd_resource_refresh (second);
  flush_worker (f->repo);
  g_assert_cmpuint (notifications, ==, 0);
}

static GListModel *
search (CdRepository *repo,
        const char   *query,
        gboolean     *from_cache)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  cd_repository_search_contacts_async (repo, query, NULL, store_result, &result);
  model = cd_repository_search_contacts_finish (repo, wait_result (&result), from_cache, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  return model;
}

static gboolean
model_has_id (GListModel *model,
              gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (model, i);

      if (cd_contact_get_id (contact) == id)
        return TRUE;
    }
  return FALSE;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  const char *queries[] = { "Rahul", "+919900000001" };
  const char *offline_queries[] = { "rahul", "mehta", "+91 99000 00001", "9900000001", "acme" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      gboolean from_cache = TRUE;
      g_autoptr(GListModel) found = search (f->repo, queries[i], &from_cache);

      g_assert_false (from_cache);
      g_assert_true (model_has_id (found, CD_DEMO_CONTACT_NAMED));
    }
  flush_worker (f->repo);
  cd_demo_server_stop (f->server);

  for (guint i = 0; i < G_N_ELEMENTS (offline_queries); i++)
    {
      gboolean from_cache = FALSE;
      g_autoptr(GListModel) found = search (f->repo, offline_queries[i], &from_cache);

      g_assert_true (from_cache);
      g_assert_true (model_has_id (found, CD_DEMO_CONTACT_NAMED));
    }
  g_assert_false (cd_repository_get_online (f->repo));
}

static void
test_search_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;

  cd_repository_search_contacts_async (f->repo, "Rahul", cancellable, store_result, &result);
  g_cancellable_cancel (cancellable);
  found = cd_repository_search_contacts_finish (f->repo, wait_result (&result), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (found);
  g_clear_object (&result);
}

static void
test_recent (Fixture       *f,
             gconstpointer  data)
{
  const gint64 order[] = { CD_DEMO_CONTACT_PHONE_ONLY, CD_DEMO_CONTACT_EMPTY, CD_DEMO_CONTACT_NAMED };
  GAsyncResult *result = NULL;
  g_autoptr(GListModel) recent = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(CdResource) resource = open_and_wait (f->repo, order[i], CD_RESOURCE_FRESH, NULL);
    }
  /* Searching caches contacts but does not make them "recent". */
  g_clear_object (&recent);
  recent = search (f->repo, "a", NULL);
  g_clear_object (&recent);

  cd_repository_list_recent_async (f->repo, 10, NULL, store_result, &result);
  recent = cd_repository_list_recent_finish (f->repo, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (recent, i);

      g_assert_cmpint (cd_contact_get_id (contact), ==, order[2 - i]);
    }
}

static GListModel *
start_list (CdRepository *repo,
            gboolean     *from_cache)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  cd_repository_list_start_contacts_async (repo, 10, NULL, store_result, &result);
  list = cd_repository_list_start_contacts_finish (repo, wait_result (&result), from_cache, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  return list;
}

static gint64
id_at (GListModel *model,
       guint       position)
{
  g_autoptr(CdContact) contact = g_list_model_get_item (model, position);
  return cd_contact_get_id (contact);
}

static void
test_start_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GListModel) list = NULL;
  gboolean from_cache = TRUE;
  guint n_phone_only = 0;

  {
    g_autoptr(CdResource) a = open_and_wait (f->repo, CD_DEMO_CONTACT_EMPTY, CD_RESOURCE_FRESH, NULL);
    g_autoptr(CdResource) b = open_and_wait (f->repo, CD_DEMO_CONTACT_PHONE_ONLY, CD_RESOURCE_FRESH, NULL);
  }

  /* Recent first (most recent first), then the server's list without duplicates. */
  list = start_list (f->repo, &from_cache);
  g_assert_false (from_cache);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 10);
  g_assert_cmpint (id_at (list, 0), ==, CD_DEMO_CONTACT_PHONE_ONLY);
  g_assert_cmpint (id_at (list, 1), ==, CD_DEMO_CONTACT_EMPTY);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    if (id_at (list, i) == CD_DEMO_CONTACT_PHONE_ONLY)
      n_phone_only++;
  g_assert_cmpuint (n_phone_only, ==, 1);
  g_assert_true (model_has_id (list, CD_DEMO_CONTACT_NAMED));

  /* Offline: the same order from the cache, marked as saved data. */
  g_clear_object (&list);
  flush_worker (f->repo);
  cd_demo_server_stop (f->server);
  list = start_list (f->repo, &from_cache);
  g_assert_true (from_cache);
  g_assert_cmpint (id_at (list, 0), ==, CD_DEMO_CONTACT_PHONE_ONLY);
  g_assert_true (model_has_id (list, CD_DEMO_CONTACT_NAMED));
}

static void
test_cards (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CdResource) logs = cd_repository_open_call_logs (f->repo, CD_DEMO_CONTACT_NAMED, NULL);
  g_autoptr(CdResource) follow_ups = cd_repository_open_follow_ups (f->repo, CD_DEMO_CONTACT_FOLLOW_UPS, NULL);
  g_autoptr(CdResource) memory = cd_repository_open_memory (f->repo, CD_DEMO_CONTACT_NAMED, NULL);
  g_autoptr(CdResource) logs2 = NULL;
  g_autoptr(CdResource) memory2 = NULL;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (CdResourceState));
  GListModel *model;
  guint n;

  wait_state (logs, CD_RESOURCE_FRESH);
  wait_state (follow_ups, CD_RESOURCE_FRESH);
  wait_state (memory, CD_RESOURCE_FRESH);

  model = cd_resource_get_value (logs);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpuint (n, <=, 10);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(CdVoiceSession) a = g_list_model_get_item (model, i - 1);
      g_autoptr(CdVoiceSession) b = g_list_model_get_item (model, i);

      g_assert_cmpint (g_date_time_compare (cd_voice_session_get_started_at (a),
                                            cd_voice_session_get_started_at (b)), >=, 0);
    }
  g_assert_cmpuint (g_list_model_get_n_items (cd_resource_get_value (follow_ups)), >, 0);
  g_assert_nonnull (cd_memory_get_summary (cd_resource_get_value (memory)));
  flush_worker (f->repo);

  logs2 = cd_repository_open_call_logs (f->repo, CD_DEMO_CONTACT_NAMED, NULL);
  g_signal_connect (logs2, "notify::state", G_CALLBACK (on_state), states);
  wait_state (logs2, CD_RESOURCE_FRESH);
  g_assert_true (saw_state (states, CD_RESOURCE_STALE));
  g_assert_cmpuint (g_list_model_get_n_items (cd_resource_get_value (logs2)), ==, n);

  /* Memory revalidates with its ETag. */
  cache_sql (f->repo, "UPDATE memory SET json = json_set(json, '$.summary', 'cached summary') WHERE contact_id = 501");
  memory2 = cd_repository_open_memory (f->repo, CD_DEMO_CONTACT_NAMED, NULL);
  wait_state (memory2, CD_RESOURCE_FRESH);
  g_assert_cmpstr (cd_memory_get_summary (cd_resource_get_value (memory2)), ==, "cached summary");
}

/* A contact without history: every card loads, empty. */
static void
test_empty_cards (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CdResource) logs = cd_repository_open_call_logs (f->repo, CD_DEMO_CONTACT_EMPTY, NULL);
  g_autoptr(CdResource) follow_ups = cd_repository_open_follow_ups (f->repo, CD_DEMO_CONTACT_EMPTY, NULL);
  g_autoptr(CdResource) memory = cd_repository_open_memory (f->repo, CD_DEMO_CONTACT_EMPTY, NULL);

  wait_state (logs, CD_RESOURCE_FRESH);
  wait_state (follow_ups, CD_RESOURCE_FRESH);
  wait_state (memory, CD_RESOURCE_FRESH);
  g_assert_cmpuint (g_list_model_get_n_items (cd_resource_get_value (logs)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cd_resource_get_value (follow_ups)), ==, 0);
  g_assert_true (CD_IS_MEMORY (cd_resource_get_value (memory)));
}

static void
test_globals_fallback (Fixture       *f,
                       gconstpointer  data)
{
  for (guint round = 0; round < 2; round++)
    {
      GAsyncResult *result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CdUser) me = NULL;
      g_autoptr(GListModel) fields = NULL;

      cd_repository_get_me_async (f->repo, NULL, store_result, &result);
      me = cd_repository_get_me_finish (f->repo, wait_result (&result), &error);
      g_assert_no_error (error);
      g_assert_true (CD_IS_USER (me));
      g_clear_object (&result);

      cd_repository_get_custom_fields_async (f->repo, NULL, store_result, &result);
      fields = cd_repository_get_custom_fields_finish (f->repo, wait_result (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (fields), >, 0);
      g_clear_object (&result);

      /* Second round: the server is gone, the cache answers. */
      flush_worker (f->repo);
      cd_demo_server_stop (f->server);
    }
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  for (gsize i = 0; i + strlen (needle) <= len; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static void
test_purge_and_clear (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CdResource) contact = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, NULL);
  g_autoptr(CdResource) other = open_and_wait (f->repo, CD_DEMO_CONTACT_PHONE_ONLY, CD_RESOURCE_FRESH, NULL);
  g_autoptr(CdResource) memory = cd_repository_open_memory (f->repo, CD_DEMO_CONTACT_NAMED, NULL);
  g_autofree char *wal = g_strconcat (cd_repository_get_cache_path (f->repo), "-wal", NULL);
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;

  wait_state (memory, CD_RESOURCE_FRESH);
  flush_worker (f->repo);
  g_assert_true (file_contains (cd_repository_get_cache_path (f->repo), "Mehta") ||
                 file_contains (wal, "Mehta"));

  cd_repository_purge_contact_async (f->repo, CD_DEMO_CONTACT_NAMED, NULL, store_result, &result);
  g_assert_true (cd_repository_purge_contact_finish (f->repo, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_false (file_contains (cd_repository_get_cache_path (f->repo), "Mehta"));
  g_assert_false (file_contains (wal, "Mehta"));
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts"), ==, 1);

  cd_repository_clear_cache_async (f->repo, NULL, store_result, &result);
  g_assert_true (cd_repository_clear_cache_finish (f->repo, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts"), ==, 0);
}

static void on_notice (CdRepository *repo, const char *message, char **out);
static gboolean check_string (gpointer data);

/* A full cache (here: the storage limit) never fails a read; the user is told once. */
static void
test_cache_full_notice (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CdResource) contact = NULL;
  g_autoptr(CdResource) logs = NULL;
  g_autoptr(CdResource) again = NULL;
  g_autofree char *notice = NULL;

  g_signal_connect (f->repo, "notice", G_CALLBACK (on_notice), &notice);
  contact = open_and_wait (f->repo, CD_DEMO_CONTACT_PHONE_ONLY, CD_RESOURCE_FRESH, NULL);
  flush_worker (f->repo);
  cd_repository_set_cache_size_limit (f->repo, 1);

  logs = cd_repository_open_call_logs (f->repo, CD_DEMO_CONTACT_NAMED, NULL);
  wait_state (logs, CD_RESOURCE_FRESH);
  g_assert_cmpuint (g_list_model_get_n_items (cd_resource_get_value (logs)), >, 0);
  wait_until (check_string, &notice);
  g_assert_nonnull (strstr (notice, "full"));
  g_assert_cmpstr (cd_repository_get_notice (f->repo), ==, notice);

  /* What was cached before still opens from the cache. */
  cd_demo_server_stop (f->server);
  again = open_and_wait (f->repo, CD_DEMO_CONTACT_PHONE_ONLY, CD_RESOURCE_OFFLINE, NULL);
  g_assert_nonnull (cd_resource_get_value (again));
}

static void
on_notice (CdRepository *repo,
           const char   *message,
           char        **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

static gboolean
check_string (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_corrupt_notice (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = cd_cache_build_path (f->data_dir, cd_demo_server_get_base_url (f->server), NULL);
  g_autofree char *notice = NULL;
  g_autoptr(CdResource) contact = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean moved = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (f->data_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "garbage garbage garbage garbage garbage garbage "
                                      "garbage garbage garbage garbage garbage garbage", -1, NULL));
  f->repo = cd_repository_new (cd_demo_server_get_base_url (f->server), NULL, NULL, f->data_dir);
  g_assert_cmpstr (cd_repository_get_cache_path (f->repo), ==, path);
  g_signal_connect (f->repo, "notice", G_CALLBACK (on_notice), &notice);
  wait_until (check_string, &notice);
  g_assert_cmpstr (notice, ==, "The offline cache was damaged and has been reset");
  g_assert_cmpstr (cd_repository_get_notice (f->repo), ==, notice);

  dir = g_dir_open (f->data_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    moved |= strstr (name, ".corrupt-") != NULL;
  g_assert_true (moved);

  contact = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, NULL);
  flush_worker (f->repo);
  g_clear_object (&contact);
  /* The rebuilt cache works: the second open starts from it. */
  contact = cd_repository_open_contact (f->repo, CD_DEMO_CONTACT_NAMED, NULL);
  wait_state (contact, CD_RESOURCE_STALE);
  wait_state (contact, CD_RESOURCE_FRESH);
}

/* A cache that cannot be created: reads still come from the network, with a notice. */
static void
test_unusable_cache (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->dir, "blocker", NULL);
  g_autofree char *notice = NULL;
  g_autoptr(CdResource) contact = NULL;
  GAsyncResult *result = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  f->repo = cd_repository_new (cd_demo_server_get_base_url (f->server), NULL, NULL, blocker);
  g_signal_connect (f->repo, "notice", G_CALLBACK (on_notice), &notice);
  contact = open_and_wait (f->repo, CD_DEMO_CONTACT_NAMED, CD_RESOURCE_FRESH, NULL);
  wait_until (check_string, &notice);
  g_assert_cmpstr (cd_repository_get_notice (f->repo), ==, notice);
  g_assert_nonnull (strstr (notice, "offline"));

  cd_repository_search_contacts_async (f->repo, "Rahul", NULL, store_result, &result);
  found = cd_repository_search_contacts_finish (f->repo, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (model_has_id (found, CD_DEMO_CONTACT_NAMED));
  g_clear_object (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add ("/repository/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("cached-then-revalidated", test_cached_then_revalidated, NULL);
  ADD ("not-modified-keeps-cache", test_not_modified_keeps_cache, NULL);
  ADD ("not-found-purges", test_not_found_purges, NULL);
  ADD ("hard-deleted-purges", test_hard_deleted_purges, NULL);
  ADD ("erased-purges", test_erased_purges, NULL);
  ADD ("back-online", test_back_online, NULL);
  ADD ("offline-keeps-cache", test_offline_keeps_cache, NULL);
  ADD ("server-error-keeps-cache", test_server_error_keeps_cache, NULL);
  ADD ("cancellation", test_cancellation, NULL);
  ADD ("search", test_search, NULL);
  ADD ("search-cancelled", test_search_cancelled, NULL);
  ADD ("recent", test_recent, NULL);
  ADD ("start-list", test_start_list, NULL);
  ADD ("cards", test_cards, NULL);
  ADD ("empty-cards", test_empty_cards, NULL);
  ADD ("globals-fallback", test_globals_fallback, NULL);
  ADD ("purge-and-clear", test_purge_and_clear, NULL);
  ADD ("cache-full-notice", test_cache_full_notice, NULL);
  ADD ("corrupt-notice", test_corrupt_notice, "no-repo");
  ADD ("unusable-cache", test_unusable_cache, "no-repo");

  return g_test_run ();
}
