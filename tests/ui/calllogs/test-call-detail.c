/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

#include <adwaita.h>

#include "calllogs-test-common.h"
#include "cd-call-detail-page.h"

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture_start (fixture, data);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (fixture->window, 1300, 800);
  gtk_window_present (fixture->window);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  fixture_stop (fixture);
}

/* First session of @contact_id (among its first 100) that satisfies @pred. */
static CdVoiceSession *
find_session (Fixture   *fixture,
              gint64     contact_id,
              gboolean (*pred) (CdVoiceSession *))
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (contact_id);
  g_autoptr (CdSessionPage) page = NULL;
  g_autoptr (GError) error = NULL;

  cd_repository_list_sessions_async (fixture->repository, filter, NULL, 100, NULL,
                                     store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  page = cd_repository_list_sessions_finish (fixture->repository, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (page->items); i++)
    {
      g_autoptr (CdVoiceSession) s = g_list_model_get_item (page->items, i);

      if (pred (s))
        return g_steal_pointer (&s);
    }
  return NULL;
}

static gboolean
has_recording (CdVoiceSession *s)
{
  return cd_voice_session_get_has_recording (s) && cd_voice_session_get_summary (s) != NULL;
}

static gboolean
no_recording (CdVoiceSession *s)
{
  return !cd_voice_session_get_has_recording (s);
}

/* The demo sends a transcript only for sessions with a summary. */
static gboolean
no_transcript (CdVoiceSession *s)
{
  return cd_voice_session_get_summary (s) == NULL;
}

static CdVoiceSession *
find_any_session (Fixture   *fixture,
                  gboolean (*pred) (CdVoiceSession *))
{
  for (gint64 contact = 501; contact <= 512; contact++)
    {
      CdVoiceSession *s = find_session (fixture, contact, pred);

      if (s != NULL)
        return s;
    }
  return NULL;
}

static CdCallDetailPage *
open_page (Fixture *fixture,
           gint64   session_id)
{
  CdCallDetailPage *page =
    CD_CALL_DETAIL_PAGE (cd_call_detail_page_new (fixture->repository, session_id, "Rahul <b>Mehta</b>"));

  gtk_window_set_child (fixture->window, GTK_WIDGET (page));
  WAIT_UNTIL (cd_call_detail_page_get_state (page) != CD_CALL_DETAIL_LOADING);
  return page;
}

static gboolean
tab_visible (CdCallDetailPage *page,
             const char       *name)
{
  AdwViewStack *tabs = cd_call_detail_page_get_tabs (page);

  return adw_view_stack_page_get_visible (adw_view_stack_get_page (tabs,
                                                                   adw_view_stack_get_child_by_name (tabs, name)));
}

static void
test_with_recording (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (CdVoiceSession) s = find_session (fixture, CD_DEMO_CONTACT_NAMED, has_recording);
  CdCallDetailPage *page;
  g_autoptr (GFileInfo) info = NULL;

  g_assert_nonnull (s);
  page = open_page (fixture, cd_voice_session_get_id (s));
  g_assert_cmpint (cd_call_detail_page_get_state (page), ==, CD_CALL_DETAIL_READY);
  g_assert_true (cd_voice_session_get_has_detail (cd_call_detail_page_get_session (page)));
  WAIT_UNTIL (cd_call_detail_page_get_recording_state (page) != CD_RECORDING_LOADING);
  g_assert_cmpstr (cd_call_detail_page_get_recording_reason (page), ==, NULL);
  g_assert_cmpint (cd_call_detail_page_get_recording_state (page), ==, CD_RECORDING_READY);
  info = g_file_query_info (cd_call_detail_page_get_recording_file (page),
                            G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  g_assert_nonnull (info);
  g_assert_cmpint (g_file_info_get_size (info), >, 44);

  /* Admin (the demo's default role): every tab. */
  WAIT_UNTIL (tab_visible (page, "cost"));
  g_assert_true (tab_visible (page, "details"));
  g_assert_true (tab_visible (page, "analysis"));
  g_assert_true (tab_visible (page, "webhooks"));
  g_assert_true (tab_visible (page, "raw"));
  g_assert_null (cd_call_detail_page_get_empty_text (page, "transcript"));
  g_assert_null (cd_call_detail_page_get_empty_text (page, "cost"));
  g_assert_null (cd_call_detail_page_get_empty_text (page, "raw"));

  /* Transcript search: matches are counted (and highlighted); none → "No matches". */
  gtk_editable_set_text (cd_call_detail_page_get_transcript_search (page), "EMAIL");
  WAIT_UNTIL (cd_call_detail_page_get_match_count (page) > 0);
  gtk_editable_set_text (cd_call_detail_page_get_transcript_search (page), "zz-nothing-zz");
  WAIT_UNTIL (cd_call_detail_page_get_match_count (page) == 0);
}

static void
test_empty_states (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (CdVoiceSession) unrecorded = find_any_session (fixture, no_recording);
  g_autoptr (CdVoiceSession) untranscribed = find_any_session (fixture, no_transcript);
  CdCallDetailPage *page;

  g_assert_nonnull (unrecorded);
  page = open_page (fixture, cd_voice_session_get_id (unrecorded));
  g_assert_cmpint (cd_call_detail_page_get_state (page), ==, CD_CALL_DETAIL_READY);
  g_assert_cmpint (cd_call_detail_page_get_recording_state (page), ==, CD_RECORDING_UNAVAILABLE);
  g_assert_nonnull (cd_call_detail_page_get_recording_reason (page));
  g_assert_true (tab_visible (page, "details"));

  g_assert_nonnull (untranscribed);
  page = open_page (fixture, cd_voice_session_get_id (untranscribed));
  g_assert_cmpint (cd_call_detail_page_get_state (page), ==, CD_CALL_DETAIL_READY);
  g_assert_cmpstr (cd_call_detail_page_get_empty_text (page, "transcript"), ==, "No transcript available");
  /* Every demo session has ended, so each has its call.ended webhook: the tab lists it. */
  g_assert_null (cd_call_detail_page_get_empty_text (page, "webhooks"));
}

static void
test_redirect_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (CdVoiceSession) s = find_session (fixture, CD_DEMO_CONTACT_NAMED, has_recording);
  g_autofree char *path = g_strdup_printf ("/voice_sessions/%" G_GINT64_FORMAT "/recording",
                                           cd_voice_session_get_id (s));
  CdCallDetailPage *page;

  cd_demo_server_inject_fault (fixture->server, path, CD_DEMO_FAULT_REDIRECT_LOOP, 0, 100);
  page = open_page (fixture, cd_voice_session_get_id (s));
  WAIT_UNTIL (cd_call_detail_page_get_recording_state (page) != CD_RECORDING_LOADING);
  g_assert_cmpint (cd_call_detail_page_get_recording_state (page), ==, CD_RECORDING_UNAVAILABLE);
  g_assert_nonnull (cd_call_detail_page_get_recording_reason (page));
  g_assert_cmpstr (cd_call_detail_page_get_recording_reason (page), !=, "");
  g_assert_null (cd_call_detail_page_get_recording_file (page));
}

static void
test_not_found_recording (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (CdVoiceSession) s = find_session (fixture, CD_DEMO_CONTACT_NAMED, has_recording);
  g_autofree char *path = g_strdup_printf ("/voice_sessions/%" G_GINT64_FORMAT "/recording",
                                           cd_voice_session_get_id (s));
  CdCallDetailPage *page;

  cd_demo_server_inject_fault (fixture->server, path, CD_DEMO_FAULT_STATUS, 404, 100);
  page = open_page (fixture, cd_voice_session_get_id (s));
  WAIT_UNTIL (cd_call_detail_page_get_recording_state (page) != CD_RECORDING_LOADING);
  g_assert_cmpint (cd_call_detail_page_get_recording_state (page), ==, CD_RECORDING_UNAVAILABLE);
}

static void
test_viewer_role (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (CdVoiceSession) s = find_session (fixture, CD_DEMO_CONTACT_NAMED, has_recording);
  CdCallDetailPage *page = open_page (fixture, cd_voice_session_get_id (s));
  guint requests = cd_demo_server_get_request_count (fixture->server);

  /* Let the /me request settle, then the restricted tabs must still be hidden. */
  WAIT_UNTIL (cd_call_detail_page_get_recording_state (page) != CD_RECORDING_LOADING &&
              cd_demo_server_get_request_count (fixture->server) >= requests);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (tab_visible (page, "details"));
  g_assert_false (tab_visible (page, "cost"));
  g_assert_false (tab_visible (page, "raw"));
}

static void
test_error (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (CdVoiceSession) s = find_session (fixture, CD_DEMO_CONTACT_NAMED, has_recording);
  g_autofree char *path = g_strdup_printf ("/voice_sessions/%" G_GINT64_FORMAT,
                                           cd_voice_session_get_id (s));
  CdCallDetailPage *page;

  cd_api_client_set_max_get_retries (cd_repository_get_api_client (fixture->repository), 0);
  cd_demo_server_inject_fault (fixture->server, path, CD_DEMO_FAULT_STATUS, 500, 1);
  page = open_page (fixture, cd_voice_session_get_id (s));
  g_assert_cmpint (cd_call_detail_page_get_state (page), ==, CD_CALL_DETAIL_ERROR);
}

static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (CdVoiceSession) s = find_session (fixture, CD_DEMO_CONTACT_NAMED, has_recording);
  CdCallDetailPage *page = open_page (fixture, cd_voice_session_get_id (s));

  int min_width = 0;

  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (page)) >= 1000 && cd_call_detail_page_get_wide (page));
  /* Fits a narrow window, stacked. */
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 600);
  gtk_window_set_default_size (fixture->window, 600, 800);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (page)) <= 700 && !cd_call_detail_page_get_wide (page));
}

/* Offline: a call opened before opens again from the cache, saying it is a saved copy. */
static void
test_offline_from_cache (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (CdVoiceSession) s = find_session (fixture, CD_DEMO_CONTACT_NAMED, has_recording);
  g_autoptr (CdVoiceSession) never = find_session (fixture, CD_DEMO_CONTACT_NAMED, no_recording);
  CdCallDetailPage *page;
  CdVoiceSession *shown;

  g_assert_nonnull (s);
  g_assert_nonnull (never);
  page = open_page (fixture, cd_voice_session_get_id (s));
  g_assert_cmpint (cd_call_detail_page_get_state (page), ==, CD_CALL_DETAIL_READY);
  g_assert_null (cd_call_detail_page_get_offline_text (page));
  WAIT_UNTIL (cd_call_detail_page_get_recording_state (page) != CD_RECORDING_LOADING);

  cd_api_client_set_max_get_retries (cd_repository_get_api_client (fixture->repository), 0);
  cd_demo_server_stop (fixture->server);
  page = open_page (fixture, cd_voice_session_get_id (s));
  g_assert_cmpint (cd_call_detail_page_get_state (page), ==, CD_CALL_DETAIL_READY);
  shown = cd_call_detail_page_get_session (page);
  g_assert_cmpint (cd_voice_session_get_id (shown), ==, cd_voice_session_get_id (s));
  g_assert_cmpstr (cd_voice_session_get_summary (shown), ==, cd_voice_session_get_summary (s));
  g_assert_cmpstr (cd_call_detail_page_get_offline_text (page), ==, "Offline — saved copy");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_null (cd_call_detail_page_get_empty_text (page, "transcript"));

  /* Never opened: the error page, without the offline line. */
  page = open_page (fixture, cd_voice_session_get_id (never));
  g_assert_cmpint (cd_call_detail_page_get_state (page), ==, CD_CALL_DETAIL_ERROR);
  g_assert_null (cd_call_detail_page_get_offline_text (page));
}

#define ADD(path, func, role) g_test_add (path, Fixture, role, setup, func, teardown)

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  ADD ("/calllogs/detail/with-recording", test_with_recording, NULL);
  ADD ("/calllogs/detail/empty-states", test_empty_states, NULL);
  ADD ("/calllogs/detail/redirect-loop", test_redirect_loop, NULL);
  ADD ("/calllogs/detail/recording-404", test_not_found_recording, NULL);
  ADD ("/calllogs/detail/viewer-role", test_viewer_role, "tenant_viewer");
  ADD ("/calllogs/detail/operator-role", test_viewer_role, "tenant_operator");
  ADD ("/calllogs/detail/error", test_error, NULL);
  ADD ("/calllogs/detail/layout", test_layout, NULL);
  ADD ("/calllogs/detail/offline-from-cache", test_offline_from_cache, NULL);
  return g_test_run ();
}
