/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

/*
 * "Keep offline" end to end (product.md §11, §5): the contact page's action and
 * progress, then the server stops and everything renders from the cache; the
 * finder's mark and "Keep These N Offline"; Preferences' "Kept Offline" list;
 * cancelling a download leaves it resumable.  Real demo backend over loopback.
 */

#include <string.h>

#include "cd-call-detail-page.h"
#include "cd-call-logs-card.h"
#include "cd-contact.h"
#include "cd-contact-page.h"
#include "cd-demo-server.h"
#include "cd-finder.h"
#include "cd-follow-ups-card.h"
#include "cd-follow-ups-view.h"
#include "cd-format.h"
#include "cd-memory-card.h"
#include "cd-offline-bar.h"
#include "cd-outbox-button.h"
#include "cd-repository-contacts.h"
#include "cd-repository-outbox.h"
#include "cd-preferences-window.h"
#include "cd-repository-offline.h"
#include "cd-voice-session.h"
#include "cd-window.h"
#include "../cd-test-util.h"

#define DEADLINE_S 60

typedef struct
{
  char          *tmp_dir;
  char          *cache_dir;
  CdDemoServer  *server;
  CdRepository  *repository;
  CdWindow      *window;
  CdContactPage *page;
  CdFinder      *finder;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;

  g_content_type_set_mime_dirs ((const char * const[]) { "/usr/share/mime", NULL });
  fixture->tmp_dir = g_dir_make_tmp ("cd-test-offline-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->tmp_dir, "demo.sqlite", NULL);
  fixture->server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);

  fixture->cache_dir = g_build_filename (fixture->tmp_dir, "cache", NULL);
  g_mkdir_with_parents (fixture->cache_dir, 0700);
  fixture->repository = cd_repository_new (cd_demo_server_get_base_url (fixture->server),
                                           NULL, NULL, fixture->cache_dir);

  fixture->window = cd_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  cd_window_set_repository (fixture->window, fixture->repository);
  fixture->page = CD_CONTACT_PAGE (cd_window_get_page (fixture->window));
  fixture->finder = CD_FINDER (cd_window_get_finder (fixture->window));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  CdOfflineJob *running = cd_repository_get_offline_job (fixture->repository);
  g_autoptr(CdOfflineJob) job = running ? g_object_ref (running) : NULL;

  /* The repository drops its job once finished: hold it while waiting. */
  if (job != NULL && !cd_offline_job_get_finished (job))
    {
      cd_offline_job_cancel (job);
      WAIT_UNTIL (cd_offline_job_get_finished (job));
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&fixture->repository);
  cd_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  remove_tree (fixture->tmp_dir);
  g_clear_pointer (&fixture->tmp_dir, g_free);
  g_clear_pointer (&fixture->cache_dir, g_free);
}

static GtkWidget *
part (Fixture    *fixture,
      const char *name)
{
  GtkWidget *widget = cd_contact_page_get_part (fixture->page, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
settle (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static CdOfflineBar *
page_bar (Fixture *fixture)
{
  GtkWidget *bar = find_descendant (GTK_WIDGET (fixture->page), CD_TYPE_OFFLINE_BAR);

  g_assert_nonnull (bar);
  return CD_OFFLINE_BAR (bar);
}

static gboolean
page_ready (Fixture *fixture,
            gint64   id)
{
  CdResourceState state = cd_contact_page_get_state (fixture->page);

  return cd_contact_page_get_contact_id (fixture->page) == id &&
         state != CD_RESOURCE_LOADING && state != CD_RESOURCE_STALE &&
         (gtk_widget_get_visible (part (fixture, "reason_label")) ||
          gtk_widget_get_visible (part (fixture, "call_button")) ||
          gtk_widget_get_visible (part (fixture, "edit_button")));
}

static void
open_contact (Fixture *fixture,
              gint64   id)
{
  cd_window_open_contact (fixture->window, id);
  WAIT_UNTIL (page_ready (fixture, id));
  settle ();
}

static CdCallLogsCard *
call_logs_card (Fixture *fixture)
{
  GtkWidget *card = find_descendant (GTK_WIDGET (cd_contact_page_get_call_logs_slot (fixture->page)),
                                     CD_TYPE_CALL_LOGS_CARD);

  g_assert_nonnull (card);
  return CD_CALL_LOGS_CARD (card);
}

static CdMemoryCard *
memory_card (Fixture *fixture)
{
  GtkWidget *card = find_descendant (GTK_WIDGET (cd_contact_page_get_memory_slot (fixture->page)),
                                     CD_TYPE_MEMORY_CARD);

  g_assert_nonnull (card);
  return CD_MEMORY_CARD (card);
}

static CdFollowUpsView *
follow_ups_view (Fixture *fixture)
{
  GtkWidget *card = find_descendant (GTK_WIDGET (cd_contact_page_get_follow_ups_slot (fixture->page)),
                                     CD_TYPE_FOLLOW_UPS_CARD);

  g_assert_nonnull (card);
  return CD_FOLLOW_UPS_VIEW (cd_follow_ups_card_get_part (CD_FOLLOW_UPS_CARD (card), "view"));
}

static gboolean
model_has_action (GMenuModel *model,
                  const char *action)
{
  for (int i = 0; model && i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && model_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

static gboolean
menu_has_action (Fixture    *fixture,
                 const char *action)
{
  GtkWidget *button = part (fixture, "actions_button");

  return gtk_widget_get_visible (button) &&
         model_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), action);
}

static gboolean
kept_offline (Fixture *fixture)
{
  gboolean kept = FALSE;

  g_object_get (fixture->page, "kept-offline", &kept, NULL);
  return kept;
}

static CdOfflineState
offline_state (Fixture *fixture,
               gint64   id)
{
  return cd_repository_get_offline_state (fixture->repository, id);
}

/* Keeps the open contact offline through its menu item and waits for the download. */
static void
keep_offline_from_page (Fixture *fixture)
{
  gint64 id = cd_contact_page_get_contact_id (fixture->page);

  g_assert_true (menu_has_action (fixture, "contact.keep-offline"));
  g_assert_false (menu_has_action (fixture, "contact.remove-offline"));
  g_assert_false (kept_offline (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.keep-offline", NULL));
  g_assert_true (kept_offline (fixture));
  WAIT_UNTIL (offline_state (fixture, id) == CD_OFFLINE_DONE);
  settle ();
  WAIT_UNTIL (g_str_has_prefix (cd_offline_bar_get_text (page_bar (fixture)), "Available offline · synced "));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page_bar (fixture))));
  g_assert_null (cd_offline_bar_get_button (page_bar (fixture)));
  g_assert_true (menu_has_action (fixture, "contact.remove-offline"));
}

static gboolean
cached_detail_ready (CdCallDetailPage *detail)
{
  return cd_call_detail_page_get_state (detail) != CD_CALL_DETAIL_LOADING;
}

static void
test_keep_offline_then_server_down (Fixture *fixture, gconstpointer data)
{
  GListModel *sessions;
  g_autoptr(CdVoiceSession) session = NULL;
  gint64 session_id;
  GtkWidget *detail;
  const char *hint;

  open_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page_bar (fixture))));
  WAIT_UNTIL (cd_call_logs_card_get_state (call_logs_card (fixture)) == CD_CALL_LOGS_STATE_READY);
  sessions = cd_call_logs_card_get_model (call_logs_card (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (sessions), >, 1);
  /* A call never opened online: its detail must come from the offline download. */
  session = g_list_model_get_item (sessions, 1);
  session_id = cd_voice_session_get_id (session);

  keep_offline_from_page (fixture);
  /* Online, the lifecycle items are offered; offline they must go. */
  g_assert_true (gtk_widget_get_visible (part (fixture, "call_button")));
  g_assert_true (menu_has_action (fixture, "contact.archive"));

  cd_demo_server_stop (fixture->server);
  open_contact (fixture, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (cd_contact_page_get_state (fixture->page) == CD_RESOURCE_OFFLINE);
  settle ();

  /* Header and tiles from the cache. */
  g_assert_cmpstr (cd_contact_page_get_title (fixture->page), ==, "Rahul Mehta");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (part (fixture, "stack"))), ==, "content");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "tile_interaction_value"))), !=, CD_EM_DASH);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "tile_call_value"))), !=, CD_EM_DASH);

  /* Every card renders from the cache, none in its error state. */
  WAIT_UNTIL (cd_call_logs_card_get_state (call_logs_card (fixture)) != CD_CALL_LOGS_STATE_LOADING);
  g_assert_cmpint (cd_call_logs_card_get_state (call_logs_card (fixture)), ==, CD_CALL_LOGS_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (cd_call_logs_card_get_model (call_logs_card (fixture))), >, 0);
  WAIT_UNTIL (g_strcmp0 (cd_follow_ups_view_get_state_name (follow_ups_view (fixture)), "loading") != 0);
  g_assert_cmpstr (cd_follow_ups_view_get_state_name (follow_ups_view (fixture)), !=, "error");
  WAIT_UNTIL (g_strcmp0 (cd_memory_card_get_view_state (memory_card (fixture)), "loading") != 0);
  g_assert_cmpstr (cd_memory_card_get_view_state (memory_card (fixture)), !=, "error");

  /* Network-only actions are hidden, and the page says why; edits stay (outbox). */
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
  g_assert_true (gtk_widget_get_visible (part (fixture, "edit_button")));
  g_assert_true (gtk_widget_get_visible (part (fixture, "dnc_button")));
  g_assert_false (menu_has_action (fixture, "contact.archive"));
  g_assert_false (menu_has_action (fixture, "contact.gdpr-erase"));
  g_assert_false (menu_has_action (fixture, "contact.hard-delete"));
  g_assert_true (menu_has_action (fixture, "contact.remove-offline"));
  WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (part (fixture, "banner_revealer"))));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (part (fixture, "banner_label"))),
                                   "Offline — showing data saved "));
  hint = gtk_label_get_text (GTK_LABEL (part (fixture, "banner_hint_label")));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "banner_hint_label")));
  g_assert_nonnull (strstr (hint, "Calling, DNC removal and lifecycle actions need a connection"));
  g_assert_true (g_str_has_prefix (cd_offline_bar_get_text (page_bar (fixture)), "Available offline"));

  /* The call detail opens from the offline copy. */
  detail = cd_call_detail_page_new (fixture->repository, session_id, "Rahul Mehta");
  cd_contact_page_push (fixture->page, detail);
  WAIT_UNTIL (cached_detail_ready (CD_CALL_DETAIL_PAGE (detail)));
  g_assert_cmpint (cd_call_detail_page_get_state (CD_CALL_DETAIL_PAGE (detail)), ==, CD_CALL_DETAIL_READY);
  g_assert_nonnull (cd_call_detail_page_get_offline_text (CD_CALL_DETAIL_PAGE (detail)));
  cd_contact_page_pop_all (fixture->page);

  /* The finder searches the saved contacts and marks the kept one. */
  gtk_editable_set_text (GTK_EDITABLE (cd_finder_get_search_entry (fixture->finder)), "Rahul");
  WAIT_UNTIL (!cd_finder_get_busy (fixture->finder) &&
              g_strcmp0 (cd_finder_get_shown_query (fixture->finder), "Rahul") == 0);
  g_assert_true (cd_finder_get_from_cache (fixture->finder));
  g_assert_cmpuint (g_list_model_get_n_items (cd_finder_get_model (fixture->finder)), >=, 1);
  g_assert_false (gtk_widget_get_visible (cd_finder_get_keep_button (fixture->finder)));
  WAIT_UNTIL (cd_finder_row_shows_offline (fixture->finder, CD_DEMO_CONTACT_NAMED));
}

static void
test_preferences_list (Fixture *fixture, gconstpointer data)
{
  CdPreferencesWindow *prefs;
  GPtrArray *rows;
  AdwActionRow *row;
  GtkWidget *button;
  const char *subtitle;

  open_contact (fixture, CD_DEMO_CONTACT_NAMED);
  keep_offline_from_page (fixture);

  /* Its workspaces request hangs (every attempt): still in flight when Preferences closes. */
  cd_demo_server_inject_fault (fixture->server, "/me", CD_DEMO_FAULT_STALL, 0, 3);
  prefs = CD_PREFERENCES_WINDOW (cd_preferences_window_new (GTK_WINDOW (fixture->window)));
  gtk_window_present (GTK_WINDOW (prefs));
  rows = cd_preferences_window_get_offline_rows (prefs);
  WAIT_UNTIL (rows->len == 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Rahul Mehta");
  subtitle = adw_action_row_get_subtitle (row);
  /* A size (not zero) and when it was synced. */
  g_assert_nonnull (strstr (subtitle, " · synced "));
  g_assert_false (g_str_has_prefix (subtitle, "0 bytes"));
  g_assert_false (g_str_has_prefix (subtitle, "0 B"));

  button = find_descendant (GTK_WIDGET (row), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Remove Offline Data");
  g_signal_emit_by_name (button, "clicked");
  WAIT_UNTIL (offline_state (fixture, CD_DEMO_CONTACT_NAMED) == CD_OFFLINE_NONE);
  WAIT_UNTIL (rows->len == 0);
  WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (page_bar (fixture))));
  g_assert_false (kept_offline (fixture));

  /* Closing releases the window at once and so cancels what it still waits
   * for; a request in flight must not keep it alive until after its parent
   * window is gone (GTK then crashes unsetting that parent). */
  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &prefs);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_null (prefs);
}

static gboolean
job_has_progress (CdRepository *repository)
{
  CdOfflineJob *job = cd_repository_get_offline_job (repository);

  return job != NULL && cd_offline_job_get_sessions_done (job) > 0;
}

static void
test_cancel_resumable (Fixture *fixture, gconstpointer data)
{
  CdOfflineJob *job;
  GtkWidget *button;
  const char *text;
  g_autofree char *total = NULL;
  g_autofree char *expected = NULL;

  open_contact (fixture, CD_DEMO_CONTACT_MANY_SESSIONS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.keep-offline", NULL));
  WAIT_UNTIL (job_has_progress (fixture->repository));
  job = g_object_ref (cd_repository_get_offline_job (fixture->repository));
  /* The bar repaints from an idle, which the download's network sources can
   * starve for a while: it may still show the "0 of 20,000" it drew before the
   * first call arrived.  Wait until it shows the progress the job has made. */
  WAIT_UNTIL (g_str_has_prefix (cd_offline_bar_get_text (page_bar (fixture)), "Downloading ") &&
              cd_offline_bar_get_fraction (page_bar (fixture)) > 0.0);
  text = cd_offline_bar_get_text (page_bar (fixture));
  /* The count is formatted for the locale ("20,000" in English, "20000" in C). */
  total = cd_format_number (20000);
  expected = g_strdup_printf (" of %s calls", total);
  g_assert_nonnull (strstr (text, expected));
  g_assert_cmpfloat (cd_offline_bar_get_fraction (page_bar (fixture)), >, 0.0);
  g_assert_cmpfloat (cd_offline_bar_get_fraction (page_bar (fixture)), <, 1.0);

  button = cd_offline_bar_get_button (page_bar (fixture));
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Cancel");
  g_signal_emit_by_name (button, "clicked");
  WAIT_UNTIL (cd_offline_job_get_finished (job));
  g_assert_error (cd_offline_job_get_error (job), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_object_unref (job);
  settle ();

  /* Cancelled is not forgotten: still in the set, resumable from the page. */
  g_assert_cmpint (offline_state (fixture, CD_DEMO_CONTACT_MANY_SESSIONS), ==, CD_OFFLINE_PENDING);
  g_assert_true (kept_offline (fixture));
  /* "… · 1 call saved" or "… · 311 calls saved": however far it got before the cancel. */
  WAIT_UNTIL (g_str_has_suffix (cd_offline_bar_get_text (page_bar (fixture)), " saved"));
  g_assert_true (g_str_has_prefix (cd_offline_bar_get_text (page_bar (fixture)), "Offline copy incomplete · "));
  WAIT_UNTIL (cd_offline_bar_get_button (page_bar (fixture)) != NULL &&
              g_strcmp0 (gtk_button_get_label (GTK_BUTTON (cd_offline_bar_get_button (page_bar (fixture)))),
                         "Resume") == 0);
  g_signal_emit_by_name (cd_offline_bar_get_button (page_bar (fixture)), "clicked");
  WAIT_UNTIL (job_has_progress (fixture->repository) &&
              !cd_offline_job_get_finished (cd_repository_get_offline_job (fixture->repository)));
  /* Same idle repaint as above: a few iterations may not reach it (GTK 4.18). */
  WAIT_UNTIL (g_str_has_prefix (cd_offline_bar_get_text (page_bar (fixture)), "Downloading "));
}

static void
test_finder_keep_these (Fixture *fixture, gconstpointer data)
{
  GtkWidget *keep;
  GListModel *model;
  guint n;

  gtk_editable_set_text (GTK_EDITABLE (cd_finder_get_search_entry (fixture->finder)), "Rahul");
  WAIT_UNTIL (!cd_finder_get_busy (fixture->finder) &&
              g_strcmp0 (cd_finder_get_shown_query (fixture->finder), "Rahul") == 0);
  model = cd_finder_get_model (fixture->finder);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >=, 1);
  keep = cd_finder_get_keep_button (fixture->finder);
  g_assert_true (gtk_widget_get_visible (keep));
  g_assert_false (cd_finder_row_shows_offline (fixture->finder, CD_DEMO_CONTACT_NAMED));

  g_signal_emit_by_name (keep, "clicked");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (model, i);
      gint64 id = cd_contact_get_id (contact);

      WAIT_UNTIL (offline_state (fixture, id) == CD_OFFLINE_DONE);
    }
  settle ();
  WAIT_UNTIL (cd_finder_row_shows_offline (fixture->finder, CD_DEMO_CONTACT_NAMED));
  g_assert_false (gtk_widget_get_visible (keep));
  WAIT_UNTIL (!gtk_widget_get_visible (cd_finder_get_offline_bar (fixture->finder)));
}

/* Unchecking "Available Offline" removes the copy; the contact stays cached as opened. */
static void
test_toggle_off (Fixture *fixture, gconstpointer data)
{
  open_contact (fixture, CD_DEMO_CONTACT_NAMED);
  keep_offline_from_page (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.keep-offline", NULL));
  WAIT_UNTIL (offline_state (fixture, CD_DEMO_CONTACT_NAMED) == CD_OFFLINE_NONE);
  WAIT_UNTIL (!kept_offline (fixture));
  settle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page_bar (fixture))));
  g_assert_false (menu_has_action (fixture, "contact.remove-offline"));
  g_assert_true (menu_has_action (fixture, "contact.keep-offline"));
}

static void
add_dnc_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdContact) contact = cd_repository_add_dnc_finish (CD_REPOSITORY (source), result, NULL, &error);

  /* Offline, the request waits in the outbox. */
  g_assert_true (cd_repository_result_was_queued (result));
  *done = TRUE;
}

/* An edit made offline shows as "pending" in the page header. */
static void
test_outbox_button (Fixture *fixture, gconstpointer data)
{
  GtkWidget *button;
  gboolean done = FALSE;

  open_contact (fixture, CD_DEMO_CONTACT_NAMED);
  button = find_descendant (GTK_WIDGET (fixture->page), CD_TYPE_OUTBOX_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpint (cd_outbox_button_get_contact_id (CD_OUTBOX_BUTTON (button)), ==, CD_DEMO_CONTACT_NAMED);
  g_assert_false (gtk_widget_get_visible (button));

  cd_demo_server_stop (fixture->server);
  open_contact (fixture, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (cd_contact_page_get_state (fixture->page) == CD_RESOURCE_OFFLINE);
  cd_repository_add_dnc_async (fixture->repository,
                               cd_resource_get_value (cd_contact_page_get_resource (fixture->page)),
                               NULL, NULL, add_dnc_cb, &done);
  WAIT_UNTIL (done);
  WAIT_UNTIL (cd_outbox_button_get_count (CD_OUTBOX_BUTTON (button)) == 1);
  settle ();
  g_assert_true (gtk_widget_get_mapped (button));
}

/* Removing from DNC needs the server: offline the button goes, and the banner says why. */
static void
test_dnc_removal_hidden (Fixture *fixture, gconstpointer data)
{
  open_contact (fixture, CD_DEMO_CONTACT_DNC);
  WAIT_UNTIL (gtk_widget_get_visible (part (fixture, "dnc_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (part (fixture, "dnc_button"))), ==, "Remove from DNC");

  cd_demo_server_stop (fixture->server);
  open_contact (fixture, CD_DEMO_CONTACT_DNC);
  WAIT_UNTIL (cd_contact_page_get_state (fixture->page) == CD_RESOURCE_OFFLINE);
  settle ();
  g_assert_false (gtk_widget_get_visible (part (fixture, "dnc_button")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
  WAIT_UNTIL (gtk_widget_get_mapped (part (fixture, "banner_hint_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (part (fixture, "banner_hint_label"))),
                            "DNC removal"));
  /* Not kept offline, and no server to download from: nothing to offer. */
  g_assert_false (menu_has_action (fixture, "contact.keep-offline"));
}

/* A restart with the server down: a new repository on the same cache opens the
 * kept contact at once, knows it is kept, and the finder lists and marks it. */
static void
test_restart_offline (Fixture *fixture, gconstpointer data)
{
  g_autofree char *base_url = g_strdup (cd_demo_server_get_base_url (fixture->server));

  open_contact (fixture, CD_DEMO_CONTACT_NAMED);
  keep_offline_from_page (fixture);
  cd_demo_server_stop (fixture->server);

  cd_window_set_repository (fixture->window, NULL);
  settle ();
  g_clear_object (&fixture->repository);
  fixture->repository = cd_repository_new (base_url, NULL, NULL, fixture->cache_dir);
  cd_window_set_repository (fixture->window, fixture->repository);

  cd_window_open_contact (fixture->window, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (g_strcmp0 (cd_contact_page_get_title (fixture->page), "Rahul Mehta") == 0);
  WAIT_UNTIL (cd_contact_page_get_state (fixture->page) == CD_RESOURCE_OFFLINE);
  settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (part (fixture, "stack"))), ==, "content");
  /* The set is read from SQLite when the cache opens. */
  WAIT_UNTIL (kept_offline (fixture));
  g_assert_cmpint (offline_state (fixture, CD_DEMO_CONTACT_NAMED), ==, CD_OFFLINE_DONE);
  WAIT_UNTIL (g_str_has_prefix (cd_offline_bar_get_text (page_bar (fixture)), "Available offline · synced "));
  WAIT_UNTIL (cd_call_logs_card_get_state (call_logs_card (fixture)) != CD_CALL_LOGS_STATE_LOADING);
  g_assert_cmpint (cd_call_logs_card_get_state (call_logs_card (fixture)), ==, CD_CALL_LOGS_STATE_READY);
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
  WAIT_UNTIL (gtk_widget_get_mapped (part (fixture, "banner_hint_label")));
  /* Edits go to the outbox: Edit and Add to DNC stay (the role comes from the cache). */
  WAIT_UNTIL (gtk_widget_get_visible (part (fixture, "edit_button")));
  g_assert_true (gtk_widget_get_visible (part (fixture, "dnc_button")));

  WAIT_UNTIL (g_strcmp0 (cd_finder_get_view_name (fixture->finder), "list") == 0 &&
              !cd_finder_get_busy (fixture->finder));
  g_assert_true (cd_finder_get_from_cache (fixture->finder));
  WAIT_UNTIL (cd_finder_row_shows_offline (fixture->finder, CD_DEMO_CONTACT_NAMED));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/offline/keep-then-server-down", test_keep_offline_then_server_down);
  ADD ("/offline/preferences-list", test_preferences_list);
  ADD ("/offline/cancel-resumable", test_cancel_resumable);
  ADD ("/offline/finder-keep-these", test_finder_keep_these);
  ADD ("/offline/restart-offline", test_restart_offline);
  ADD ("/offline/dnc-removal-hidden", test_dnc_removal_hidden);
  ADD ("/offline/toggle-off", test_toggle_off);
  ADD ("/offline/outbox-button", test_outbox_button);
#undef ADD

  return g_test_run ();
}
