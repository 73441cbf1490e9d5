/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

#include <adwaita.h>

#include "calllogs-test-common.h"
#include "cd-call-logs-card.h"

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture_start (fixture, data);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (fixture->window, 1100, 700);
  gtk_window_present (fixture->window);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  fixture_stop (fixture);
}

static CdCallLogsCard *
new_card (Fixture *fixture,
          gint64   contact_id)
{
  CdCallLogsCard *card = CD_CALL_LOGS_CARD (cd_call_logs_card_new ());

  gtk_window_set_child (fixture->window, GTK_WIDGET (card));
  cd_call_logs_card_set_repository (card, fixture->repository);
  cd_call_logs_card_load (card, contact_id);
  WAIT_UNTIL (!cd_call_logs_card_get_loading (card) &&
              cd_call_logs_card_get_state (card) != CD_CALL_LOGS_STATE_LOADING);
  return card;
}

static void
wait_idle (CdCallLogsCard *card)
{
  WAIT_UNTIL (!cd_call_logs_card_get_loading (card));
}

/* The card's rows equal the backend's answer to the same query. */
static void
assert_matches_backend (Fixture        *fixture,
                        CdCallLogsCard *card,
                        const char     *cursor)
{
  const CdSessionFilter *filter = cd_call_logs_card_get_filter (card);
  CdSessionQuery query = {
    .contact_id = filter->contact_id, .search = filter->search, .sort = filter->sort,
    .order = filter->order, .cursor = cursor, .page_size = 10,
  };
  g_autoptr (GArray) expected = direct_page_ids (fixture, &query, NULL, NULL);
  g_autoptr (GArray) shown = model_ids (cd_call_logs_card_get_model (card));
  GListModel *model = cd_call_logs_card_get_model (card);

  assert_same_ids (shown, expected);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (CdVoiceSession) s = g_list_model_get_item (model, i);

      g_assert_cmpint (cd_voice_session_get_contact_id (s), ==, filter->contact_id);
    }
}

static GtkColumnViewColumn *
column (CdCallLogsCard *card,
        guint           index)
{
  GListModel *columns = gtk_column_view_get_columns (cd_call_logs_card_get_column_view (card));
  g_autoptr (GtkColumnViewColumn) col = g_list_model_get_item (columns, index);

  return col;
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  CdCallLogsCard *card = new_card (fixture, CD_DEMO_CONTACT_NAMED);
  CdSessionQuery first = { .contact_id = CD_DEMO_CONTACT_NAMED, .page_size = 10 };
  g_autofree char *next = NULL;
  gint64 total = 0;
  g_autoptr (GArray) ids = direct_page_ids (fixture, &first, &next, &total);

  g_assert_cmpint (cd_call_logs_card_get_state (card), ==, CD_CALL_LOGS_STATE_READY);
  g_assert_cmpint (total, ==, 14);
  assert_matches_backend (fixture, card, NULL);
  g_assert_cmpstr (cd_call_logs_card_get_range_text (card), ==, "1–10 of 14");

  gtk_widget_activate_action (GTK_WIDGET (card), "calllogs.next-page", NULL);
  wait_idle (card);
  g_assert_cmpuint (cd_call_logs_card_get_page (card), ==, 1);
  assert_matches_backend (fixture, card, next);
  g_assert_cmpstr (cd_call_logs_card_get_range_text (card), ==, "11–14 of 14");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (card), "calllogs.next-page", NULL) &&
                  cd_call_logs_card_get_loading (card));

  gtk_widget_activate_action (GTK_WIDGET (card), "calllogs.previous-page", NULL);
  wait_idle (card);
  g_assert_cmpuint (cd_call_logs_card_get_page (card), ==, 0);
  assert_matches_backend (fixture, card, NULL);
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  CdCallLogsCard *card = new_card (fixture, CD_DEMO_CONTACT_NAMED);
  GtkColumnView *view = cd_call_logs_card_get_column_view (card);
  const CdSessionFilter *filter;

  /* What a header click does: the view's sorter changes; the card re-queries. */
  gtk_column_view_sort_by_column (view, column (card, 3), GTK_SORT_ASCENDING);
  wait_idle (card);
  filter = cd_call_logs_card_get_filter (card);
  g_assert_cmpstr (filter->sort, ==, "duration");
  g_assert_cmpstr (filter->order, ==, "asc");
  assert_matches_backend (fixture, card, NULL);

  gtk_column_view_sort_by_column (view, column (card, 3), GTK_SORT_DESCENDING);
  wait_idle (card);
  g_assert_cmpstr (filter->order, ==, "desc");
  assert_matches_backend (fixture, card, NULL);

  gtk_column_view_sort_by_column (view, column (card, 2), GTK_SORT_ASCENDING);
  wait_idle (card);
  g_assert_cmpstr (filter->sort, ==, "status");
  assert_matches_backend (fixture, card, NULL);

  gtk_column_view_sort_by_column (view, column (card, 0), GTK_SORT_ASCENDING);
  wait_idle (card);
  g_assert_cmpstr (filter->sort, ==, "started_at");
  g_assert_cmpstr (filter->order, ==, "asc");
  assert_matches_backend (fixture, card, NULL);

  /* A column the server cannot sort by changes nothing. */
  gtk_column_view_sort_by_column (view, column (card, 4), GTK_SORT_ASCENDING);
  g_assert_false (cd_call_logs_card_get_loading (card));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  CdCallLogsCard *card = new_card (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr (CdVoiceSession) first = g_list_model_get_item (cd_call_logs_card_get_model (card), 0);
  const char *term = cd_voice_session_get_agent_name (first);
  const CdSessionFilter *filter = cd_call_logs_card_get_filter (card);

  g_assert_nonnull (term);
  gtk_editable_set_text (cd_call_logs_card_get_search_entry (card), term);
  /* Debounced: the query starts after the delay, then finishes. */
  WAIT_UNTIL (g_strcmp0 (filter->search, term) == 0 && !cd_call_logs_card_get_loading (card));
  g_assert_cmpuint (g_list_model_get_n_items (cd_call_logs_card_get_model (card)), >, 0);
  assert_matches_backend (fixture, card, NULL);

  gtk_editable_set_text (cd_call_logs_card_get_search_entry (card), "zz-no-such-call-zz");
  WAIT_UNTIL (g_strcmp0 (filter->search, "zz-no-such-call-zz") == 0 &&
              !cd_call_logs_card_get_loading (card));
  g_assert_cmpint (cd_call_logs_card_get_state (card), ==, CD_CALL_LOGS_STATE_EMPTY);
  assert_matches_backend (fixture, card, NULL);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  CdCallLogsCard *card = new_card (fixture, CD_DEMO_CONTACT_EMPTY);

  g_assert_cmpint (cd_call_logs_card_get_state (card), ==, CD_CALL_LOGS_STATE_EMPTY);
  g_assert_cmpuint (g_list_model_get_n_items (cd_call_logs_card_get_model (card)), ==, 0);
  g_assert_cmpstr (cd_call_logs_card_get_range_text (card), ==, "");
}

static void
test_error_retry (Fixture       *fixture,
                  gconstpointer  data)
{
  CdCallLogsCard *card;

  cd_demo_server_inject_fault (fixture->server, "/voice_sessions", CD_DEMO_FAULT_STATUS, 500, 10);
  card = new_card (fixture, CD_DEMO_CONTACT_NAMED);
  g_assert_cmpint (cd_call_logs_card_get_state (card), ==, CD_CALL_LOGS_STATE_ERROR);
  cd_demo_server_clear_faults (fixture->server);
  gtk_widget_activate_action (GTK_WIDGET (card), "calllogs.retry", NULL);
  wait_idle (card);
  g_assert_cmpint (cd_call_logs_card_get_state (card), ==, CD_CALL_LOGS_STATE_READY);
  assert_matches_backend (fixture, card, NULL);
}

static void
on_open_session (CdCallLogsCard *card,
                 gint64          id,
                 gint64         *out)
{
  *out = id;
}

static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  CdCallLogsCard *card = new_card (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr (CdVoiceSession) third = g_list_model_get_item (cd_call_logs_card_get_model (card), 2);
  gint64 opened = 0;

  g_signal_connect (card, "open-session", G_CALLBACK (on_open_session), &opened);
  g_signal_emit_by_name (cd_call_logs_card_get_column_view (card), "activate", 2);
  g_assert_cmpint (opened, ==, cd_voice_session_get_id (third));
}

/* Hidden (another page pushed over it) and shown again: same search, sort, page. */
static void
test_state_kept (Fixture       *fixture,
                 gconstpointer  data)
{
  CdCallLogsCard *card = new_card (fixture, CD_DEMO_CONTACT_NAMED);
  GtkColumnView *view = cd_call_logs_card_get_column_view (card);
  const CdSessionFilter *filter = cd_call_logs_card_get_filter (card);
  g_autoptr (GArray) before = NULL;
  g_autoptr (GArray) after = NULL;
  guint requests;

  gtk_column_view_sort_by_column (view, column (card, 3), GTK_SORT_ASCENDING);
  wait_idle (card);
  gtk_widget_activate_action (GTK_WIDGET (card), "calllogs.next-page", NULL);
  wait_idle (card);
  before = model_ids (cd_call_logs_card_get_model (card));
  requests = cd_demo_server_get_request_count (fixture->server);

  gtk_widget_set_visible (GTK_WIDGET (card), FALSE);
  g_main_context_iteration (NULL, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (card), TRUE);
  g_main_context_iteration (NULL, FALSE);

  after = model_ids (cd_call_logs_card_get_model (card));
  assert_same_ids (before, after);
  g_assert_cmpuint (cd_call_logs_card_get_page (card), ==, 1);
  g_assert_cmpstr (filter->sort, ==, "duration");
  g_assert_cmpuint (cd_demo_server_get_request_count (fixture->server), ==, requests);
}

/* The button that activates @action (its sensitivity follows the action's). */
static GtkWidget *
action_button (GtkWidget  *widget,
               const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A second window, as a later visit of the contact (the cache is warm). */
static CdCallLogsCard *
card_in_new_window (Fixture    *fixture,
                    GtkWindow **window)
{
  CdCallLogsCard *card = CD_CALL_LOGS_CARD (cd_call_logs_card_new ());

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1100, 700);
  gtk_window_set_child (*window, GTK_WIDGET (card));
  gtk_window_present (*window);
  cd_call_logs_card_set_repository (card, fixture->repository);
  return card;
}

/* Stale-while-revalidate: the cached first page shows while the server is slow,
 * marked "as of", with the spinner; the server's answer confirms it. */
static void
test_cached_first (Fixture       *fixture,
                   gconstpointer  data)
{
  CdCallLogsCard *first = new_card (fixture, CD_DEMO_CONTACT_NAMED);
  CdApiClient *client = cd_repository_get_api_client (fixture->repository);
  g_autoptr (GArray) cached = model_ids (cd_call_logs_card_get_model (first));
  g_autoptr (GArray) shown = NULL;
  GtkWindow *window = NULL;
  CdCallLogsCard *card;

  g_assert_false (gtk_widget_get_visible (cd_call_logs_card_get_as_of_label (first)));
  /* The next list request stalls; the client gives up on it after 3 s and retries. */
  cd_api_client_set_timeouts (client, 5000, 3000);
  cd_api_client_set_retry_base_delay (client, 10);
  cd_demo_server_inject_fault (fixture->server, "/voice_sessions", CD_DEMO_FAULT_STALL, 0, 1);
  card = card_in_new_window (fixture, &window);
  cd_call_logs_card_load (card, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (cd_call_logs_card_get_state (card) != CD_CALL_LOGS_STATE_LOADING);

  g_assert_cmpint (cd_call_logs_card_get_state (card), ==, CD_CALL_LOGS_STATE_READY);
  g_assert_true (cd_call_logs_card_get_loading (card));
  shown = model_ids (cd_call_logs_card_get_model (card));
  assert_same_ids (shown, cached);
  g_assert_true (gtk_widget_get_visible (cd_call_logs_card_get_as_of_label (card)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (cd_call_logs_card_get_as_of_label (card))), "as of"));
  /* The count is the server's to say. */
  g_assert_cmpstr (cd_call_logs_card_get_range_text (card), ==, "1–10");
  /* No paging while the page is not confirmed. */
  g_assert_false (gtk_widget_get_sensitive (action_button (GTK_WIDGET (card), "calllogs.next-page")));

  wait_idle (card);
  g_assert_cmpint (cd_call_logs_card_get_state (card), ==, CD_CALL_LOGS_STATE_READY);
  assert_matches_backend (fixture, card, NULL);
  g_assert_cmpstr (cd_call_logs_card_get_range_text (card), ==, "1–10 of 14");
  g_assert_false (gtk_widget_get_visible (cd_call_logs_card_get_as_of_label (card)));
  g_assert_true (gtk_widget_get_sensitive (action_button (GTK_WIDGET (card), "calllogs.next-page")));
  gtk_window_destroy (window);
}

/* Offline: the cached rows stay, still "as of", once the request failed. */
static void
test_cached_offline (Fixture       *fixture,
                     gconstpointer  data)
{
  CdCallLogsCard *first = new_card (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr (GArray) cached = model_ids (cd_call_logs_card_get_model (first));
  g_autoptr (GArray) shown = NULL;
  GtkWindow *window = NULL;
  CdCallLogsCard *card;

  cd_api_client_set_max_get_retries (cd_repository_get_api_client (fixture->repository), 0);
  cd_demo_server_stop (fixture->server);
  card = card_in_new_window (fixture, &window);
  cd_call_logs_card_load (card, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (cd_call_logs_card_get_state (card) != CD_CALL_LOGS_STATE_LOADING);
  g_assert_cmpint (cd_call_logs_card_get_state (card), ==, CD_CALL_LOGS_STATE_READY);
  wait_idle (card);
  g_assert_cmpint (cd_call_logs_card_get_state (card), ==, CD_CALL_LOGS_STATE_READY);
  shown = model_ids (cd_call_logs_card_get_model (card));
  assert_same_ids (shown, cached);
  g_assert_true (gtk_widget_get_visible (cd_call_logs_card_get_as_of_label (card)));
  gtk_window_destroy (window);
}

static void
rows_changed_cb (GListModel     *model,
                 guint           position,
                 guint           removed,
                 guint           added,
                 CdCallLogsCard *card)
{
  guint *foreign = g_object_get_data (G_OBJECT (card), "foreign-rows");

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (CdVoiceSession) s = g_list_model_get_item (model, i);

      if (cd_voice_session_get_contact_id (s) != cd_call_logs_card_get_contact_id (card))
        (*foreign)++;
    }
}

/* Switched before the cache answered: the first contact's cached rows never show. */
static void
test_cached_switch (Fixture       *fixture,
                    gconstpointer  data)
{
  CdCallLogsCard *first = new_card (fixture, CD_DEMO_CONTACT_NAMED);
  GtkWindow *window = NULL;
  CdCallLogsCard *card;
  guint foreign = 0;

  /* Both contacts' first pages are cached. */
  cd_call_logs_card_load (first, CD_DEMO_CONTACT_MANY_SESSIONS);
  WAIT_UNTIL (!cd_call_logs_card_get_loading (first) &&
              cd_call_logs_card_get_state (first) == CD_CALL_LOGS_STATE_READY);
  card = card_in_new_window (fixture, &window);
  g_object_set_data (G_OBJECT (card), "foreign-rows", &foreign);
  g_signal_connect (cd_call_logs_card_get_model (card), "items-changed",
                    G_CALLBACK (rows_changed_cb), card);
  cd_call_logs_card_load (card, CD_DEMO_CONTACT_NAMED);
  cd_call_logs_card_load (card, CD_DEMO_CONTACT_MANY_SESSIONS);
  WAIT_UNTIL (cd_call_logs_card_get_state (card) != CD_CALL_LOGS_STATE_LOADING);
  g_assert_cmpuint (foreign, ==, 0);
  wait_idle (card);
  g_assert_cmpuint (foreign, ==, 0);
  g_assert_cmpint (cd_call_logs_card_get_contact_id (card), ==, CD_DEMO_CONTACT_MANY_SESSIONS);
  assert_matches_backend (fixture, card, NULL);
  g_signal_handlers_disconnect_by_func (cd_call_logs_card_get_model (card), rows_changed_cb, card);
  gtk_window_destroy (window);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  ADD ("/calllogs/card/pages", test_pages);
  ADD ("/calllogs/card/sort", test_sort);
  ADD ("/calllogs/card/search", test_search);
  ADD ("/calllogs/card/empty", test_empty);
  ADD ("/calllogs/card/error-retry", test_error_retry);
  ADD ("/calllogs/card/activate", test_activate);
  ADD ("/calllogs/card/state-kept", test_state_kept);
  ADD ("/calllogs/card/cached-first", test_cached_first);
  ADD ("/calllogs/card/cached-offline", test_cached_offline);
  ADD ("/calllogs/card/cached-switch", test_cached_switch);
  return g_test_run ();
}
