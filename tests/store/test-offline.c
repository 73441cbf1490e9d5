/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-offline"

#include <sqlite3.h>
#include <string.h>

#include "cd-api-client.h"
#include "cd-campaign.h"
#include "cd-contact.h"
#include "cd-demo-server.h"
#include "cd-error.h"
#include "cd-offline-private.h"
#include "cd-repository.h"
#include "cd-repository-offline.h"
#include "cd-repository-private.h"
#include "cd-repository-sessions.h"
#include "cd-voice-session.h"

#define DEADLINE_S 60
#include "../cd-test-util.h"

/* "Keep offline" against the in-process demo backend (contact 501: 14 calls). */

#define KEPT CD_DEMO_CONTACT_NAMED
#define SMALL_PAGE 5  /* 14 calls → 3 pages, so the cursor chain is walked */

typedef struct
{
  char         *dir;
  char         *data_dir;
  CdDemoServer *server;
  CdRepository *repo;
} Fixture;

static CdRepository *
new_repo (Fixture *f)
{
  CdRepository *repo = cd_repository_new (cd_demo_server_get_base_url (f->server), "sk_test",
                                          NULL, f->data_dir);
  CdApiClient *client = cd_repository_get_api_client (repo);

  cd_api_client_set_retry_base_delay (client, 5);
  cd_api_client_set_max_get_retries (client, 0);
  return repo;
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
  WAIT_UNTIL (*slot != NULL);
  return *slot;
}

/* Every earlier cache job has run once this returns. */
static void
flush_worker (CdRepository *repo)
{
  GAsyncResult *result = NULL;
  g_autoptr(GListModel) recent = NULL;

  cd_repository_list_recent_async (repo, 1, NULL, store_result, &result);
  recent = cd_repository_list_recent_finish (repo, wait_result (&result), NULL);
  g_clear_object (&result);
}

static gint64
cache_sql (CdRepository *repo,
           const char   *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  flush_worker (repo);
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
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("cd-offline-XXXXXX", &error);
  g_assert_no_error (error);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  db = g_build_filename (f->dir, "demo.sqlite", NULL);
  f->server = cd_demo_server_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (cd_demo_server_start (f->server, 0, &error));
  f->repo = new_repo (f);
  cd_repository_offline_set_page_size (f->repo, SMALL_PAGE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->repo != NULL)
    {
      flush_worker (f->repo);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_finalize_object (g_steal_pointer (&f->repo));
    }
  cd_demo_server_stop (f->server);
  g_clear_object (&f->server);
  remove_tree (f->dir);
  g_free (f->data_dir);
  g_free (f->dir);
}

/* Keeps @ids offline and waits for the download to end without an error. */
static void
keep (CdRepository *repo,
      const gint64 *ids,
      guint         n_ids)
{
  g_autoptr(CdOfflineJob) job = g_object_ref (cd_repository_keep_offline (repo, ids, n_ids));

  g_assert_nonnull (job);
  g_assert_true (cd_repository_get_offline_job (repo) == job);
  WAIT_UNTIL (cd_offline_job_get_finished (job));
  g_assert_no_error ((GError *) cd_offline_job_get_error (job));
  g_assert_cmpfloat (cd_offline_job_get_fraction (job), ==, 1.0);
  g_assert_cmpuint (cd_offline_job_get_contacts_done (job), ==, n_ids);
  g_assert_null (cd_repository_get_offline_job (repo));
}

static void
keep_one (CdRepository *repo,
          gint64        id)
{
  keep (repo, &id, 1);
}

static CdResource *
wait_resource (CdResource      *resource,
               CdResourceState  state)
{
  WAIT_UNTIL (cd_resource_get_state (resource) == state);
  return resource;
}

static CdSessionPage *
list_page (CdRepository          *repo,
           const CdSessionFilter *filter,
           const char            *cursor,
           GError               **error)
{
  GAsyncResult *result = NULL;
  CdSessionPage *page;

  cd_repository_list_sessions_async (repo, filter, cursor, 50, NULL, store_result, &result);
  page = cd_repository_list_sessions_finish (repo, wait_result (&result), error);
  g_object_unref (result);
  return page;
}

/* Walks the whole default list; returns its session ids in order. */
static GArray *
walk_sessions (CdRepository *repo,
               gint64        contact_id,
               gboolean      expect_cache)
{
  g_autoptr(CdSessionFilter) filter = cd_session_filter_new (contact_id);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cursor = NULL;
  guint pages = 0;

  do
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdSessionPage) page = list_page (repo, filter, cursor, &error);

      g_assert_no_error (error);
      g_assert_cmpint (page->from_cache, ==, expect_cache);
      for (guint i = 0; i < g_list_model_get_n_items (page->items); i++)
        {
          g_autoptr(CdVoiceSession) session = g_list_model_get_item (page->items, i);
          gint64 id = cd_voice_session_get_id (session);

          g_array_append_val (ids, id);
        }
      g_free (cursor);
      cursor = g_steal_pointer (&page->next_cursor);
      g_assert_cmpuint (++pages, <, 100);
    }
  while (cursor != NULL);
  return ids;
}

static CdVoiceSession *
get_session (CdRepository *repo,
             gint64        id,
             gboolean     *from_cache)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  CdVoiceSession *session;

  cd_repository_get_session_async (repo, id, NULL, store_result, &result);
  session = cd_repository_get_session_finish (repo, wait_result (&result), from_cache, &error);
  g_assert_no_error (error);
  g_object_unref (result);
  return session;
}

static void
assert_campaign_offline (CdRepository *repo,
                         gint64        campaign_id)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCampaign) campaign = NULL;
  g_autoptr(CdCampaign) cached = NULL;

  cd_repository_get_campaign_async (repo, campaign_id, NULL, store_result, &result);
  campaign = cd_repository_get_campaign_finish (repo, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (campaign);
  g_clear_object (&result);
  cd_repository_get_cached_campaign_async (repo, campaign_id, NULL, store_result, &result);
  cached = cd_repository_get_cached_campaign_finish (repo, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (cached);
  g_clear_object (&result);
}

/* Every session detail comes from the cache; returns a campaign the calls name. */
static gint64
assert_details_offline (CdRepository *repo,
                        GArray       *ids)
{
  gint64 campaign_id = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      gboolean from_cache = FALSE;
      g_autoptr(CdVoiceSession) session = get_session (repo, g_array_index (ids, gint64, i),
                                                       &from_cache);

      g_assert_true (from_cache);
      g_assert_cmpint (cd_voice_session_get_id (session), ==, g_array_index (ids, gint64, i));
      if (cd_voice_session_get_campaign_id (session) > 0)
        campaign_id = cd_voice_session_get_campaign_id (session);
    }
  return campaign_id;
}

static void
assert_cards_offline (CdRepository *repo,
                      gint64        id)
{
  g_autoptr(CdResource) contact = cd_repository_open_contact (repo, id, NULL);
  g_autoptr(CdResource) follow_ups = cd_repository_open_follow_ups (repo, id, NULL);
  g_autoptr(CdResource) memory = cd_repository_open_memory (repo, id, NULL);
  g_autoptr(CdResource) call_logs = cd_repository_open_call_logs (repo, id, NULL);

  g_assert_nonnull (cd_resource_get_value (wait_resource (contact, CD_RESOURCE_OFFLINE)));
  g_assert_nonnull (cd_resource_get_value (wait_resource (follow_ups, CD_RESOURCE_OFFLINE)));
  g_assert_nonnull (cd_resource_get_value (wait_resource (memory, CD_RESOURCE_OFFLINE)));
  g_assert_nonnull (cd_resource_get_value (wait_resource (call_logs, CD_RESOURCE_OFFLINE)));
}

static void
assert_search_offline (CdRepository *repo)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  gboolean from_cache = FALSE;
  gboolean has = FALSE;

  cd_repository_search_contacts_async (repo, "Mehta", NULL, store_result, &result);
  found = cd_repository_search_contacts_finish (repo, wait_result (&result), &from_cache, &error);
  g_assert_no_error (error);
  g_assert_true (from_cache);
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (found, i);

      has = has || cd_contact_get_id (contact) == KEPT;
    }
  g_assert_true (has);
  g_clear_object (&result);
}

static void
assert_filtered_needs_connection (CdRepository *repo)
{
  g_autoptr(CdSessionFilter) filter = cd_session_filter_new (KEPT);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSessionPage) page = NULL;

  cd_session_filter_set (&filter->direction, "outbound");
  page = list_page (repo, filter, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "connection"));
}

static void
test_keep_then_offline (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) online_ids = NULL;
  g_autoptr(GArray) offline_ids = NULL;
  gint64 campaign_id;

  keep_one (f->repo, KEPT);
  g_assert_cmpint (cd_repository_get_offline_state (f->repo, KEPT), ==, CD_OFFLINE_DONE);
  g_assert_cmpint (cache_sql (f->repo, "SELECT pages_done FROM offline_contacts"), ==, 3);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM call_log_pages"), ==, 3);
  online_ids = walk_sessions (f->repo, KEPT, FALSE);
  g_assert_cmpuint (online_ids->len, ==, 14);

  cd_demo_server_stop (f->server);
  offline_ids = walk_sessions (f->repo, KEPT, TRUE);
  g_assert_cmpuint (offline_ids->len, ==, online_ids->len);
  g_assert_cmpmem (offline_ids->data, offline_ids->len * sizeof (gint64),
                   online_ids->data, online_ids->len * sizeof (gint64));
  g_assert_false (cd_repository_get_online (f->repo));
  campaign_id = assert_details_offline (f->repo, offline_ids);
  g_assert_cmpint (campaign_id, >, 0);
  assert_campaign_offline (f->repo, campaign_id);
  assert_cards_offline (f->repo, KEPT);
  assert_search_offline (f->repo);
  assert_filtered_needs_connection (f->repo);
}

static void
on_sessions_done (CdOfflineJob *job,
                  GParamSpec   *pspec,
                  gpointer      user_data)
{
  /* Cancel in the middle: after the first page, before the last. */
  if (cd_offline_job_get_sessions_done (job) >= SMALL_PAGE + 1)
    cd_offline_job_cancel (job);
}

static void
test_cancel_then_resume (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = KEPT;
  g_autoptr(CdOfflineJob) job = NULL;
  g_autoptr(GArray) ids = NULL;

  cd_demo_server_set_latency_ms (f->server, 20);
  job = g_object_ref (cd_repository_keep_offline (f->repo, &id, 1));
  g_signal_connect (job, "notify::sessions-done", G_CALLBACK (on_sessions_done), NULL);
  WAIT_UNTIL (cd_offline_job_get_finished (job));
  g_assert_error ((GError *) cd_offline_job_get_error (job), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (cd_repository_get_offline_state (f->repo, KEPT), ==, CD_OFFLINE_PENDING);
  g_assert_cmpint (cache_sql (f->repo, "SELECT state = 'pending' FROM offline_contacts"), ==, 1);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM session_details"), <, 14);
  g_assert_cmpint (cache_sql (f->repo, "SELECT pages_done FROM offline_contacts"), >=, 1);

  /* A new repository on the same data resumes by itself and finishes. */
  flush_worker (f->repo);
  g_assert_finalize_object (g_steal_pointer (&f->repo));
  cd_demo_server_set_latency_ms (f->server, 0);
  f->repo = new_repo (f);
  WAIT_UNTIL (cd_repository_get_offline_state (f->repo, KEPT) == CD_OFFLINE_DONE);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM session_details"), ==, 14);
  g_assert_null (cd_repository_get_offline_job (f->repo));

  cd_demo_server_stop (f->server);
  ids = walk_sessions (f->repo, KEPT, TRUE);
  g_assert_cmpuint (ids->len, ==, 14);
}

static GListModel *
list_offline (CdRepository *repo)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  cd_repository_list_offline_async (repo, NULL, store_result, &result);
  list = cd_repository_list_offline_finish (repo, wait_result (&result), &error);
  g_assert_no_error (error);
  g_object_unref (result);
  return list;
}

static void
remove_offline (CdRepository *repo,
                gint64        id)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;

  cd_repository_remove_offline_async (repo, id, NULL, store_result, &result);
  g_assert_true (cd_repository_remove_offline_finish (repo, wait_result (&result), &error));
  g_assert_no_error (error);
  g_object_unref (result);
}

static void
assert_listed (GListModel *list)
{
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CdOfflineContact) row = g_list_model_get_item (list, i);

      g_assert_cmpuint (cd_offline_contact_get_size (row), >, 0);
      g_assert_nonnull (cd_offline_contact_get_synced_at (row));
      g_assert_cmpint (cd_offline_contact_get_state (row), ==, CD_OFFLINE_DONE);
      if (cd_offline_contact_get_contact_id (row) == KEPT)
        {
          g_assert_cmpstr (cd_offline_contact_get_title (row), ==, "Rahul Mehta");
          g_assert_cmpint (cd_offline_contact_get_sessions (row), ==, 14);
        }
    }
}

static void
test_list_and_remove (Fixture       *f,
                      gconstpointer  data)
{
  const gint64 ids[] = { KEPT, CD_DEMO_CONTACT_PHONE_ONLY };
  g_autoptr(GListModel) both = NULL;
  g_autoptr(GListModel) one = NULL;
  g_autoptr(GListModel) none = NULL;

  keep (f->repo, ids, G_N_ELEMENTS (ids));
  both = list_offline (f->repo);
  assert_listed (both);

  remove_offline (f->repo, CD_DEMO_CONTACT_PHONE_ONLY);
  g_assert_cmpint (cd_repository_get_offline_state (f->repo, CD_DEMO_CONTACT_PHONE_ONLY), ==,
                   CD_OFFLINE_NONE);
  one = list_offline (f->repo);
  g_assert_cmpuint (g_list_model_get_n_items (one), ==, 1);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts WHERE id = 502"), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts WHERE id = 501"), ==, 1);

  /* "Remove offline data" never loses an unsent edit. */
  cache_sql (f->repo, "INSERT INTO outbox (contact_id, kind, method, path, idempotency_key,"
                      " created_at) VALUES (501, 'contact_update', 'PATCH', '/contacts/501',"
                      " 'k-1', 1)");
  remove_offline (f->repo, 0);
  none = list_offline (f->repo);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  g_assert_cmpint (cd_repository_get_offline_state (f->repo, KEPT), ==, CD_OFFLINE_NONE);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM session_details"), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM call_log_pages"), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM outbox"), ==, 1);
}

static void
sync_now (CdRepository *repo,
          guint        *not_modified,
          guint        *purged)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;

  cd_repository_sync_async (repo, NULL, store_result, &result);
  g_assert_true (cd_repository_sync_finish (repo, wait_result (&result), not_modified, purged,
                                            &error));
  g_assert_no_error (error);
  g_object_unref (result);
}

static void
test_sync_not_modified (Fixture       *f,
                        gconstpointer  data)
{
  guint not_modified = 0, purged = 0;

  keep_one (f->repo, KEPT);
  cache_sql (f->repo, "UPDATE offline_contacts SET synced_at = 1");
  /* The focus contact is revalidated first, and only once when it is also kept. */
  cd_repository_set_focus_contact (f->repo, KEPT);
  cd_demo_server_reset_counters (f->server);
  sync_now (f->repo, &not_modified, &purged);
  /* Contact, first call-log page, follow-ups, memory: all unchanged. */
  g_assert_cmpuint (not_modified, ==, 4);
  g_assert_cmpuint (purged, ==, 0);
  g_assert_cmpuint (cd_demo_server_get_not_modified_count (f->server), ==, 4);
  g_assert_cmpuint (cd_demo_server_get_request_count (f->server), ==, 4);
  g_assert_cmpuint (cd_demo_server_get_body_bytes (f->server), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT synced_at FROM offline_contacts"), >, 1);
}

static void
erased_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = cd_api_client_request_finish (CD_API_CLIENT (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
erase_on_server (Fixture *f,
                 gint64   id)
{
  g_autoptr(CdApiClient) client = cd_api_client_new (cd_demo_server_get_base_url (f->server));
  gboolean done = FALSE;

  cd_api_client_set_api_key (client, "sk_test");
  cd_api_client_gdpr_erase_contact_async (client, id, NULL, NULL, erased_cb, &done);
  WAIT_UNTIL (done);
}

/* The repository sees the server gone (it goes offline); the server comes back
 * on the same port without the repository noticing yet. */
static void
lose_connection (Fixture *f)
{
  g_autoptr(CdResource) resource = NULL;
  g_autoptr(GError) error = NULL;
  guint port = cd_demo_server_get_port (f->server);

  cd_demo_server_stop (f->server);
  resource = cd_repository_open_contact (f->repo, KEPT, NULL);
  wait_resource (resource, CD_RESOURCE_OFFLINE);
  g_assert_false (cd_repository_get_online (f->repo));
  g_assert_true (cd_demo_server_start (f->server, port, &error));
  g_assert_no_error (error);
}

static void
test_sync_purges_erased (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id_text = g_strdup_printf ("%d", KEPT);
  guint purged = 0;

  keep_one (f->repo, KEPT);
  /* The repository loses the connection, then the contact is erased elsewhere. */
  lose_connection (f);
  erase_on_server (f, KEPT);

  sync_now (f->repo, NULL, &purged);
  g_assert_cmpuint (purged, ==, 1);
  g_assert_cmpint (cd_repository_get_offline_state (f->repo, KEPT), ==, CD_OFFLINE_NONE);
  g_assert_nonnull (strstr (cd_repository_get_notice (f->repo), id_text));
  g_assert_null (strstr (cd_repository_get_notice (f->repo), "Rahul"));
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts WHERE id = 501"), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM session_details"), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM call_log_pages"), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM offline_contacts"), ==, 0);
}

static void
call_started_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = cd_api_client_request_finish (CD_API_CLIENT (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Someone else calls the contact: the server gets one more voice session. */
static void
call_on_server (Fixture *f,
                gint64   id)
{
  g_autoptr(CdApiClient) client = cd_api_client_new (cd_demo_server_get_base_url (f->server));
  gboolean done = FALSE;

  cd_api_client_set_api_key (client, "sk_test");
  cd_api_client_start_call_async (client, id, 1, 1, NULL, NULL, NULL, NULL, call_started_cb, &done);
  WAIT_UNTIL (done);
}

static void
on_offline_changed (CdRepository *repo,
                    gint64        contact_id,
                    gboolean     *saw_pending)
{
  if (cd_repository_get_offline_state (repo, KEPT) == CD_OFFLINE_PENDING)
    *saw_pending = TRUE;
}

static void
test_reconnect_refreshes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CdResource) back = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean saw_pending = FALSE;

  keep_one (f->repo, KEPT);
  lose_connection (f);
  call_on_server (f, KEPT);

  /* The first answer after the outage starts the sync by itself; the new call
   * changes the first page, so the pages are downloaded again. */
  g_signal_connect (f->repo, "offline-changed", G_CALLBACK (on_offline_changed), &saw_pending);
  back = wait_resource (cd_repository_open_contact (f->repo, CD_DEMO_CONTACT_PHONE_ONLY, NULL),
                        CD_RESOURCE_FRESH);
  WAIT_UNTIL (saw_pending && cd_repository_get_offline_state (f->repo, KEPT) == CD_OFFLINE_DONE);
  g_signal_handlers_disconnect_by_func (f->repo, on_offline_changed, &saw_pending);
  g_assert_cmpint (cache_sql (f->repo, "SELECT sessions_done FROM offline_contacts"), ==, 15);

  cd_demo_server_stop (f->server);
  ids = walk_sessions (f->repo, KEPT, TRUE);
  g_assert_cmpuint (ids->len, ==, 15);
}

static void
test_remove_while_downloading (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CdOfflineJob) job = NULL;

  cd_demo_server_set_latency_ms (f->server, 20);
  job = g_object_ref (cd_repository_keep_offline (f->repo, (gint64[]) { KEPT }, 1));
  WAIT_UNTIL (cd_offline_job_get_sessions_done (job) > 0);
  remove_offline (f->repo, KEPT);
  g_assert_true (cd_offline_job_get_finished (job));
  g_assert_error ((GError *) cd_offline_job_get_error (job), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (cd_repository_get_offline_state (f->repo, KEPT), ==, CD_OFFLINE_NONE);
  /* Requests that were in flight write nothing after the removal. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM session_details"), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM call_log_pages"), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM offline_contacts"), ==, 0);
}

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  const gint64 missing = 999999;
  g_autofree char *notice_id = g_strdup_printf ("%" G_GINT64_FORMAT, missing);
  g_autoptr(CdOfflineJob) gone = NULL;
  g_autoptr(CdOfflineJob) unreachable = NULL;
  guint port = cd_demo_server_get_port (f->server);
  g_autoptr(GError) error = NULL;

  /* A contact the server does not have leaves the set, with a notice naming its id. */
  gone = g_object_ref (cd_repository_keep_offline (f->repo, &missing, 1));
  WAIT_UNTIL (cd_offline_job_get_finished (gone));
  g_assert_no_error ((GError *) cd_offline_job_get_error (gone));
  g_assert_cmpint (cd_repository_get_offline_state (f->repo, missing), ==, CD_OFFLINE_NONE);
  g_assert_nonnull (strstr (cd_repository_get_notice (f->repo), notice_id));
  g_assert_cmpint (cache_sql (f->repo, "SELECT count(*) FROM offline_contacts"), ==, 0);

  /* No connection: the contact stays pending, and resumes once the server is back. */
  cd_demo_server_stop (f->server);
  unreachable = g_object_ref (cd_repository_keep_offline (f->repo, (gint64[]) { KEPT }, 1));
  WAIT_UNTIL (cd_offline_job_get_finished (unreachable));
  g_assert_error ((GError *) cd_offline_job_get_error (unreachable), CD_API_ERROR,
                  CD_API_ERROR_NETWORK);
  g_assert_cmpint (cd_repository_get_offline_state (f->repo, KEPT), ==, CD_OFFLINE_PENDING);
  g_assert_true (cd_demo_server_start (f->server, port, &error));
  g_assert_no_error (error);
  cd_repository_resume_offline (f->repo);
  WAIT_UNTIL (cd_repository_get_offline_state (f->repo, KEPT) == CD_OFFLINE_DONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/offline/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("keep-then-offline", test_keep_then_offline);
  ADD ("cancel-then-resume", test_cancel_then_resume);
  ADD ("list-and-remove", test_list_and_remove);
  ADD ("sync-not-modified", test_sync_not_modified);
  ADD ("sync-purges-erased", test_sync_purges_erased);
  ADD ("reconnect-refreshes", test_reconnect_refreshes);
  ADD ("failures", test_failures);
  ADD ("remove-while-downloading", test_remove_while_downloading);

  return g_test_run ();
}
