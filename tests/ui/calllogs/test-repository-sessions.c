/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

#include <glib/gstdio.h>

#include <string.h>

#include "calllogs-test-common.h"
#include "cd-error.h"

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture_start (fixture, data);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  fixture_stop (fixture);
}

static CdSessionPage *
list_page (Fixture               *fixture,
           const CdSessionFilter *filter,
           const char            *cursor,
           guint                  page_size,
           GError               **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  cd_repository_list_sessions_async (fixture->repository, filter, cursor, page_size, NULL,
                                     store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  return cd_repository_list_sessions_finish (fixture->repository, result, error);
}

static void
test_csv_quoting (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (
    "{\"id\": 7, \"contact_id\": 9, \"direction\": \"inbound\", \"status\": \"completed\","
    " \"summary\": \"He said \\\"hi\\\", then\\r\\nleft\", \"agent\": {\"id\": 1, \"name\": \"A, B\"},"
    " \"from_number\": \"+4930123\", \"has_recording\": true,"
    " \"cost\": {\"amount\": \"0.0123\", \"currency\": \"USD\"}}", &error);
  g_autoptr (CdVoiceSession) s = NULL;
  g_autofree char *row = NULL;
  g_autofree char *header = cd_sessions_csv_header ();

  g_assert_no_error (error);
  s = cd_voice_session_new_from_json (node, &error);
  g_assert_no_error (error);
  row = cd_sessions_csv_row (s);
  g_assert_true (g_str_has_prefix (header, "id,contact_id,"));
  g_assert_true (g_str_has_suffix (header, "\r\n"));
  g_assert_true (g_str_has_prefix (row, "7,9,"));
  g_assert_true (g_str_has_suffix (row, "\"He said \"\"hi\"\", then\r\nleft\"\r\n"));
  g_assert_nonnull (strstr (row, ",\"A, B\","));
  g_assert_nonnull (strstr (row, ",+4930123,"));
  g_assert_nonnull (strstr (row, ",true,0.0123,USD,"));
}

static void
test_pages_match_backend (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (CD_DEMO_CONTACT_NAMED);
  CdSessionQuery query = { .contact_id = CD_DEMO_CONTACT_NAMED, .sort = "status", .order = "asc",
                           .page_size = 5 };
  g_autofree char *cursor = NULL;
  guint pages = 0;

  cd_session_filter_set (&filter->sort, "status");
  cd_session_filter_set (&filter->order, "asc");
  do
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CdSessionPage) page = list_page (fixture, filter, cursor, 5, &error);
      g_autofree char *next = NULL;
      g_autoptr (GArray) expected = NULL;
      g_autoptr (GArray) got = NULL;

      g_assert_no_error (error);
      query.cursor = cursor;
      expected = direct_page_ids (fixture, &query, &next, NULL);
      got = model_ids (page->items);
      assert_same_ids (got, expected);
      g_assert_cmpint (page->total, ==, 14);
      g_assert_false (page->from_cache);
      g_assert_cmpstr (page->next_cursor, ==, next);
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (pages, ==, 3);
}

/* Offline: the default first page comes from the call-logs cache. */
static void
test_first_page_offline (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (CD_DEMO_CONTACT_NAMED);
  g_autoptr (CdSessionPage) online = NULL;
  g_autoptr (CdSessionPage) offline = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) a = NULL;
  g_autoptr (GArray) b = NULL;

  /* The card's first page, shown once online (contact not kept offline), is kept. */
  online = list_page (fixture, filter, NULL, 10, &error);
  g_assert_no_error (error);
  /* The write-through runs on the cache's worker; an offline read queues behind it. */

  cd_api_client_set_max_get_retries (cd_repository_get_api_client (fixture->repository), 0);
  cd_demo_server_stop (fixture->server);
  offline = list_page (fixture, filter, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_true (offline->from_cache);
  /* The card says "as of" the time the server last confirmed it. */
  g_assert_nonnull (offline->fetched_at);
  a = model_ids (online->items);
  b = model_ids (offline->items);
  assert_same_ids (a, b);

  /* Anything but the default first page has no cache: the error comes through. */
  cd_session_filter_set (&filter->search, "renewal");
  g_clear_pointer (&offline, cd_session_page_free);
  offline = list_page (fixture, filter, NULL, 10, &error);
  g_assert_null (offline);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_NETWORK);
}

/* The card's page shown again is revalidated: 304, no body, the same rows. */
static void
test_first_page_revalidates (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (CD_DEMO_CONTACT_NAMED);
  g_autoptr (CdSessionPage) first = NULL;
  g_autoptr (CdSessionPage) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) a = NULL;
  g_autoptr (GArray) b = NULL;

  first = list_page (fixture, filter, NULL, 10, &error);
  g_assert_no_error (error);
  cd_demo_server_reset_counters (fixture->server);
  again = list_page (fixture, filter, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_demo_server_get_request_count (fixture->server), ==, 1);
  g_assert_cmpuint (cd_demo_server_get_not_modified_count (fixture->server), ==, 1);
  g_assert_cmpuint (cd_demo_server_get_body_bytes (fixture->server), ==, 0);
  a = model_ids (first->items);
  b = model_ids (again->items);
  assert_same_ids (a, b);
}

static CdSessionPage *
peek_page (Fixture  *fixture,
           gint64    contact_id,
           GError  **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  cd_repository_peek_sessions_async (fixture->repository, contact_id, NULL, store_result_cb,
                                     &result);
  WAIT_UNTIL (result != NULL);
  return cd_repository_peek_sessions_finish (fixture->repository, result, error);
}

/* The peek answers from the cache only: nothing before the card's page was
 * listed, then that page, marked as cached, with the time the server sent it. */
static void
test_peek (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (CD_DEMO_CONTACT_NAMED);
  g_autoptr (CdSessionPage) online = NULL;
  g_autoptr (CdSessionPage) peeked = NULL;
  g_autoptr (CdSessionPage) searched = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) a = NULL;
  g_autoptr (GArray) b = NULL;
  gint64 before;
  guint requests;

  peeked = peek_page (fixture, CD_DEMO_CONTACT_NAMED, &error);
  g_assert_no_error (error);
  g_assert_null (peeked);

  before = g_get_real_time () / G_USEC_PER_SEC;
  online = list_page (fixture, filter, NULL, 10, &error);
  g_assert_no_error (error);
  requests = cd_demo_server_get_request_count (fixture->server);
  peeked = peek_page (fixture, CD_DEMO_CONTACT_NAMED, &error);
  g_assert_no_error (error);
  g_assert_nonnull (peeked);
  g_assert_cmpuint (cd_demo_server_get_request_count (fixture->server), ==, requests);
  g_assert_true (peeked->from_cache);
  g_assert_nonnull (peeked->fetched_at);
  g_assert_cmpint (g_date_time_to_unix (peeked->fetched_at), >=, before);
  g_assert_cmpint (g_date_time_to_unix (peeked->fetched_at), <=, g_get_real_time () / G_USEC_PER_SEC);
  a = model_ids (online->items);
  b = model_ids (peeked->items);
  g_assert_cmpuint (a->len, ==, 10);
  assert_same_ids (a, b);
  g_assert_cmpint (online->total, ==, 14);
  g_assert_cmpint (peeked->total, ==, -1);

  /* A search is not the card's default page: the peek still shows that one. */
  cd_session_filter_set (&filter->search, "renewal");
  searched = list_page (fixture, filter, NULL, 10, &error);
  g_assert_no_error (error);
  g_clear_pointer (&peeked, cd_session_page_free);
  g_clear_pointer (&b, g_array_unref);
  peeked = peek_page (fixture, CD_DEMO_CONTACT_NAMED, &error);
  g_assert_no_error (error);
  b = model_ids (peeked->items);
  assert_same_ids (a, b);

  /* Another contact's page was never listed. */
  g_clear_pointer (&peeked, cd_session_page_free);
  peeked = peek_page (fixture, CD_DEMO_CONTACT_MANY_SESSIONS, &error);
  g_assert_no_error (error);
  g_assert_null (peeked);
}

static CdVoiceSession *
get_session (Fixture   *fixture,
             gint64     session_id,
             gboolean  *from_cache,
             GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  cd_repository_get_session_async (fixture->repository, session_id, NULL, store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  return cd_repository_get_session_finish (fixture->repository, result, from_cache, error);
}

/* Offline: a detail fetched before opens from the cache; one never fetched fails. */
static void
test_detail_offline (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (CD_DEMO_CONTACT_NAMED);
  g_autoptr (CdSessionPage) page = list_page (fixture, filter, NULL, 10, NULL);
  g_autoptr (CdVoiceSession) first = NULL;
  g_autoptr (CdVoiceSession) other = NULL;
  g_autoptr (CdVoiceSession) online = NULL;
  g_autoptr (CdVoiceSession) offline = NULL;
  g_autoptr (CdVoiceSession) never = NULL;
  g_autoptr (GError) error = NULL;
  gboolean from_cache = TRUE;

  g_assert_nonnull (page);
  g_assert_cmpuint (g_list_model_get_n_items (page->items), >=, 2);
  first = g_list_model_get_item (page->items, 0);
  other = g_list_model_get_item (page->items, 1);

  online = get_session (fixture, cd_voice_session_get_id (first), &from_cache, &error);
  g_assert_no_error (error);
  g_assert_false (from_cache);
  g_assert_true (cd_voice_session_get_has_detail (online));
  g_assert_cmpint (cd_voice_session_get_contact_id (online), ==, CD_DEMO_CONTACT_NAMED);

  cd_api_client_set_max_get_retries (cd_repository_get_api_client (fixture->repository), 0);
  cd_demo_server_stop (fixture->server);

  offline = get_session (fixture, cd_voice_session_get_id (first), &from_cache, &error);
  g_assert_no_error (error);
  g_assert_true (from_cache);
  g_assert_cmpint (cd_voice_session_get_id (offline), ==, cd_voice_session_get_id (online));
  g_assert_cmpint (cd_voice_session_get_contact_id (offline), ==, CD_DEMO_CONTACT_NAMED);
  g_assert_true (cd_voice_session_get_has_detail (offline));
  g_assert_cmpstr (cd_voice_session_get_summary (offline), ==, cd_voice_session_get_summary (online));
  g_assert_cmpuint (g_list_model_get_n_items (cd_voice_session_get_transcript (offline)), ==,
                    g_list_model_get_n_items (cd_voice_session_get_transcript (online)));
  g_assert_false (cd_repository_get_online (fixture->repository));

  never = get_session (fixture, cd_voice_session_get_id (other), &from_cache, &error);
  g_assert_null (never);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_NETWORK);
}

/* A purged contact's session details are gone from the cache too. */
static void
test_detail_purged (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (CD_DEMO_CONTACT_NAMED);
  g_autoptr (CdSessionPage) page = list_page (fixture, filter, NULL, 10, NULL);
  g_autoptr (CdVoiceSession) first = NULL;
  g_autoptr (CdVoiceSession) online = NULL;
  g_autoptr (CdVoiceSession) offline = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (page);
  first = g_list_model_get_item (page->items, 0);
  online = get_session (fixture, cd_voice_session_get_id (first), NULL, &error);
  g_assert_no_error (error);
  cd_repository_purge_contact_async (fixture->repository, CD_DEMO_CONTACT_NAMED, NULL,
                                     store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (cd_repository_purge_contact_finish (fixture->repository, result, &error));
  g_assert_no_error (error);

  cd_api_client_set_max_get_retries (cd_repository_get_api_client (fixture->repository), 0);
  cd_demo_server_stop (fixture->server);
  offline = get_session (fixture, cd_voice_session_get_id (first), NULL, &error);
  g_assert_null (offline);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_NETWORK);
}

static void
store_file_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_recording_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (CD_DEMO_CONTACT_NAMED);
  g_autoptr (CdSessionPage) page = list_page (fixture, filter, NULL, 100, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "contact-detail", NULL);
  g_autofree char *path = NULL;
  GStatBuf st;
  gint64 id = 0;

  for (guint i = 0; i < g_list_model_get_n_items (page->items) && id == 0; i++)
    {
      g_autoptr (CdVoiceSession) s = g_list_model_get_item (page->items, i);

      if (cd_voice_session_get_has_recording (s))
        id = cd_voice_session_get_id (s);
    }
  g_assert_cmpint (id, >, 0);
  cd_repository_get_recording_async (fixture->repository, id, NULL, store_file_cb, &result);
  WAIT_UNTIL (result != NULL);
  file = cd_repository_get_recording_finish (fixture->repository, result, &error);
  g_assert_no_error (error);
  path = g_file_get_path (file);
  g_assert_true (g_str_has_prefix (path, cache_dir));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 44);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/calllogs/repository/csv-quoting", test_csv_quoting);
  ADD ("/calllogs/repository/pages-match-backend", test_pages_match_backend);
  ADD ("/calllogs/repository/first-page-offline", test_first_page_offline);
  ADD ("/calllogs/repository/first-page-revalidates", test_first_page_revalidates);
  ADD ("/calllogs/repository/peek", test_peek);
  ADD ("/calllogs/repository/detail-offline", test_detail_offline);
  ADD ("/calllogs/repository/detail-purged", test_detail_purged);
  ADD ("/calllogs/repository/recording-file", test_recording_file);
  return g_test_run ();
}
