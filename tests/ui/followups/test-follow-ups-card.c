/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

/* The Follow-ups card, its dialogs and the workspace, against the real demo
 * backend and a real repository, in a window under Xvfb. */

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-demo-server.h"
#include "cd-follow-up-detail.h"
#include "cd-follow-up-row.h"
#include "cd-follow-up-schedule-dialog.h"
#include "cd-follow-up-time-dialog.h"
#include "cd-follow-up-ui.h"
#include "cd-follow-ups-card.h"
#include "cd-follow-ups-view.h"
#include "cd-follow-ups-workspace.h"
#include "cd-format.h"
#include "cd-repository-follow-ups.h"
#include "cd-repository-private.h"
#include "../../cd-test-util.h"

#define DEADLINE_S 20
#define FU_PATH "/contacts/512/follow_ups"

typedef struct
{
  char            *tmp_dir;
  CdDemoServer    *server;
  CdRepository    *repository;
  GtkWindow       *window;
  CdFollowUpsCard *card;
  guint            changed;
  guint            view_all;
} Fixture;

static void
on_changed (CdFollowUpsCard *card,
            Fixture         *f)
{
  f->changed++;
}

static void
on_view_all (CdFollowUpsCard *card,
             Fixture         *f)
{
  f->view_all++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *cache = NULL;

  g_content_type_set_mime_dirs ((const char * const[]) { "/usr/share/mime", NULL });
  f->tmp_dir = g_dir_make_tmp ("cd-test-fu-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->tmp_dir, "demo.sqlite", NULL);
  cache = g_build_filename (f->tmp_dir, "cache", NULL);
  f->server = cd_demo_server_new (db, &error);
  g_assert_no_error (error);
  cd_demo_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  if (data != NULL)
    cd_demo_server_set_role (f->server, data);
  f->repository = cd_repository_new (cd_demo_server_get_base_url (f->server), NULL, NULL, cache);
  cd_api_client_set_retry_base_delay (cd_repository_get_api_client (f->repository), 5);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 720, 900);
  f->card = CD_FOLLOW_UPS_CARD (cd_follow_ups_card_new ());
  g_signal_connect (f->card, "changed", G_CALLBACK (on_changed), f);
  g_signal_connect (f->card, "view-all", G_CALLBACK (on_view_all), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->card));
  cd_follow_ups_card_set_repository (f->card, f->repository);
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != f->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->repository);
  cd_demo_server_stop (f->server);
  g_clear_object (&f->server);
  remove_tree (f->tmp_dir);
  g_clear_pointer (&f->tmp_dir, g_free);
}

static CdFollowUpsView *
card_view (Fixture *f)
{
  return CD_FOLLOW_UPS_VIEW (cd_follow_ups_card_get_part (f->card, "view"));
}

static gboolean
settled (CdFollowUpsView *view)
{
  const char *state = cd_follow_ups_view_get_state_name (view);

  return g_strcmp0 (state, "list") == 0 || g_strcmp0 (state, "empty") == 0 ||
         g_strcmp0 (state, "error") == 0;
}

static void
load_card (Fixture *f,
           gint64   contact_id)
{
  cd_follow_ups_card_load (f->card, contact_id);
  WAIT_UNTIL (settled (card_view (f)));
}

/* The rows the list box shows, in order. */
static GPtrArray *
rows_of (CdFollowUpsView *view)
{
  GtkListBox *box = GTK_LIST_BOX (cd_follow_ups_view_get_part (view, "list_box"));
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (box, i)) != NULL; i++)
    if (CD_IS_FOLLOW_UP_ROW (row))
      g_ptr_array_add (rows, row);
  return rows;
}

static CdFollowUpRow *
row_with_status (CdFollowUpsView  *view,
                 CdFollowUpStatus  status)
{
  g_autoptr(GPtrArray) rows = rows_of (view);

  for (guint i = 0; i < rows->len; i++)
    if (cd_follow_up_get_status (cd_follow_up_row_get_follow_up (rows->pdata[i])) == status)
      return rows->pdata[i];
  return NULL;
}

static CdFollowUpRow *
row_with_id (CdFollowUpsView *view,
             gint64           id)
{
  g_autoptr(GPtrArray) rows = rows_of (view);

  for (guint i = 0; i < rows->len; i++)
    if (cd_follow_up_get_id (cd_follow_up_row_get_follow_up (rows->pdata[i])) == id)
      return rows->pdata[i];
  return NULL;
}

/* The labels of the row's actions menu, as the user sees them ("" when hidden). */
static char *
menu_labels (CdFollowUpRow *row)
{
  GtkWidget *button = cd_follow_up_row_get_part (row, "menu_button");
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  GString *labels = g_string_new (NULL);

  if (!gtk_widget_get_visible (button))
    return g_string_free (labels, FALSE);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_string_append_printf (labels, "%s%s", labels->len ? "|" : "", label);
    }
  return g_string_free (labels, FALSE);
}

/* What a mouse click does (gtk_widget_activate animates first and clicks later). */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
label_text (GtkWidget *widget)
{
  return gtk_label_get_text (GTK_LABEL (widget));
}

/* ---- rows -------------------------------------------------------------- */

static void
test_statuses (Fixture       *f,
               gconstpointer  data)
{
  static const struct
  {
    CdFollowUpStatus status;
    const char      *badge;
    const char      *menu;
  } expected[] = {
    { CD_FOLLOW_UP_STATUS_SCHEDULED, "Scheduled", "View Details|Reschedule…|Snooze…|Cancel Follow-up…" },
    { CD_FOLLOW_UP_STATUS_QUEUED, "Queued", "View Details|Reschedule…|Snooze…|Cancel Follow-up…" },
    { CD_FOLLOW_UP_STATUS_IN_PROGRESS, "In progress", "View Details" },
    { CD_FOLLOW_UP_STATUS_COMPLETED, "Completed", "View Details" },
    { CD_FOLLOW_UP_STATUS_FAILED, "Failed", "View Details" },
    { CD_FOLLOW_UP_STATUS_EXPIRED, "Expired", "View Details" },
    { CD_FOLLOW_UP_STATUS_CANCELLED, "Cancelled", "View Details" },
    { CD_FOLLOW_UP_STATUS_SNOOZED, "Snoozed", "View Details|Reschedule…|Snooze…|Cancel Follow-up…" },
  };
  CdFollowUpsView *view = card_view (f);
  g_autoptr(GPtrArray) rows = NULL;

  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  g_assert_cmpstr (cd_follow_ups_view_get_state_name (view), ==, "list");
  /* The card shows the latest five and says so. */
  rows = rows_of (view);
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_true (gtk_widget_get_visible (cd_follow_ups_card_get_part (f->card, "more_label")));
  g_assert_cmpstr (label_text (cd_follow_ups_card_get_part (f->card, "more_label")), ==, "Showing 5 of 8");

  /* All eight rows (one per status) once the limit is lifted. */
  cd_follow_ups_view_set_max_rows (view, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      CdFollowUpRow *row = row_with_status (view, expected[i].status);
      GtkWidget *badge;
      g_autofree char *menu = NULL;

      g_assert_nonnull (row);
      badge = cd_follow_up_row_get_part (row, "status_badge");
      g_assert_cmpstr (label_text (badge), ==, expected[i].badge);
      g_assert_true (gtk_widget_has_css_class (badge, cd_follow_up_ui_status_css_class (expected[i].status)));
      menu = menu_labels (row);
      g_assert_cmpstr (menu, ==, expected[i].menu);
      /* The outline badge shows exactly for allow_out_of_window. */
      g_assert_cmpint (gtk_widget_get_visible (cd_follow_up_row_get_part (row, "window_badge")), ==,
                       cd_follow_up_get_allow_out_of_window (cd_follow_up_row_get_follow_up (row)));
    }
}

static void
test_row_fields (Fixture       *f,
                 gconstpointer  data)
{
  CdFollowUpsView *view = card_view (f);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Kolkata");
  CdFollowUpRow *row;
  CdFollowUp *follow_up;
  g_autofree char *when = NULL;
  g_autofree char *attempts = NULL;
  const char *meta;

  cd_follow_ups_card_set_time_zone (f->card, zone);
  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  cd_follow_ups_view_set_max_rows (view, 0);
  row = row_with_status (view, CD_FOLLOW_UP_STATUS_FAILED);
  follow_up = cd_follow_up_row_get_follow_up (row);
  when = cd_format_datetime (cd_follow_up_get_scheduled_at (follow_up), zone);
  g_assert_true (g_str_has_prefix (label_text (cd_follow_up_row_get_part (row, "title_label")), "Call · ") ||
                 g_str_has_prefix (label_text (cd_follow_up_row_get_part (row, "title_label")), "SMS · ") ||
                 g_str_has_prefix (label_text (cd_follow_up_row_get_part (row, "title_label")), "Webhook · "));
  g_assert_true (g_str_has_suffix (label_text (cd_follow_up_row_get_part (row, "title_label")), when));
  meta = label_text (cd_follow_up_row_get_part (row, "meta_label"));
  attempts = g_strdup_printf ("Attempts %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                              cd_follow_up_get_attempts (follow_up), cd_follow_up_get_max_attempts (follow_up));
  g_assert_nonnull (strstr (meta, attempts));
  g_assert_nonnull (strstr (meta, "Campaign"));  /* source of the failed seed */
  if (cd_follow_up_get_campaign_id (follow_up) > 0)
    g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (cd_follow_up_row_get_part (row, "campaign_button"))));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  CdFollowUpsView *view = card_view (f);

  load_card (f, CD_DEMO_CONTACT_EMPTY);
  g_assert_cmpstr (cd_follow_ups_view_get_state_name (view), ==, "empty");
  g_assert_cmpstr (label_text (cd_follow_ups_view_get_part (view, "empty_label")), ==, "No follow-ups scheduled");
  g_assert_true (gtk_widget_get_visible (cd_follow_ups_card_get_part (f->card, "schedule_button")));
  g_assert_false (gtk_widget_get_visible (cd_follow_ups_card_get_part (f->card, "more_label")));
}

static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  CdFollowUpsView *view = card_view (f);
  g_autoptr(GPtrArray) rows = NULL;

  cd_follow_ups_card_set_can_schedule (f->card, FALSE);
  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  cd_follow_ups_view_set_max_rows (view, 0);
  rows = rows_of (view);
  g_assert_cmpuint (rows->len, ==, 8);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *menu = menu_labels (rows->pdata[i]);

      g_assert_cmpstr (menu, ==, "");
    }
  g_assert_false (gtk_widget_get_visible (cd_follow_ups_card_get_part (f->card, "schedule_button")));
  g_assert_true (gtk_widget_get_visible (cd_follow_ups_card_get_part (f->card, "reason_label")));
  /* Even asked directly, nothing runs. */
  g_assert_null (cd_follow_ups_view_run_action (view, cd_follow_up_row_get_follow_up (rows->pdata[0]),
                                                CD_FOLLOW_UP_ACTIONS_CANCEL));
  g_assert_null (cd_follow_ups_view_schedule (view));
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  CdFollowUpsView *view = card_view (f);
  CdFollowUpRow *row;
  g_autofree char *menu = NULL;

  /* Offline, changes wait in the outbox: the actions stay, with the reason. */
  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  cd_follow_ups_card_set_online (f->card, FALSE);
  row = row_with_status (view, CD_FOLLOW_UP_STATUS_SCHEDULED);
  menu = menu_labels (row);
  g_assert_cmpstr (menu, ==, "View Details|Reschedule…|Snooze…|Cancel Follow-up…");
  g_assert_true (gtk_widget_get_visible (cd_follow_ups_card_get_part (f->card, "schedule_button")));
  g_assert_cmpstr (label_text (cd_follow_ups_card_get_part (f->card, "reason_label")), ==,
                   "Offline — changes are saved on this device and sent when you are back online");
}

/* A cancel without a server is queued: the row shows it at once as "Pending",
 * with the "as of" caption on the cached list. */
static void
test_offline_cancel_pending (Fixture       *f,
                             gconstpointer  data)
{
  CdFollowUpsView *view = card_view (f);
  CdFollowUpRow *row;
  GtkWidget *dialog;
  gint64 id;

  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  cd_demo_server_stop (f->server);
  cd_follow_ups_card_load (f->card, CD_DEMO_CONTACT_FOLLOW_UPS);
  WAIT_UNTIL (gtk_widget_get_mapped (cd_follow_ups_view_get_part (view, "as_of_label")));
  row = row_with_status (view, CD_FOLLOW_UP_STATUS_SCHEDULED);
  g_assert_false (cd_follow_up_row_get_pending (row));
  id = cd_follow_up_get_id (cd_follow_up_row_get_follow_up (row));
  dialog = cd_follow_ups_view_run_action (view, cd_follow_up_row_get_follow_up (row),
                                          CD_FOLLOW_UP_ACTIONS_CANCEL);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  WAIT_UNTIL (row_with_id (view, id) != NULL &&
              cd_follow_up_row_get_pending (row_with_id (view, id)));
  g_assert_cmpint (cd_follow_up_get_status (cd_follow_up_row_get_follow_up (row_with_id (view, id))),
                   ==, CD_FOLLOW_UP_STATUS_CANCELLED);
  g_assert_true (gtk_widget_get_mapped (cd_follow_up_row_get_part (row_with_id (view, id),
                                                                   "pending_badge")));
}

static void
test_error_retry (Fixture       *f,
                  gconstpointer  data)
{
  CdFollowUpsView *view = card_view (f);

  cd_demo_server_inject_fault (f->server, FU_PATH, CD_DEMO_FAULT_STATUS, 500, 100);
  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  g_assert_cmpstr (cd_follow_ups_view_get_state_name (view), ==, "error");
  g_assert_true (gtk_widget_get_visible (cd_follow_ups_view_get_part (view, "retry_button")));
  cd_demo_server_clear_faults (f->server);
  g_signal_emit_by_name (cd_follow_ups_view_get_part (view, "retry_button"), "clicked");
  WAIT_UNTIL (g_strcmp0 (cd_follow_ups_view_get_state_name (view), "list") == 0);
}

static void
test_stale_notice (Fixture       *f,
                   gconstpointer  data)
{
  CdFollowUpsView *view = card_view (f);

  /* A first load fills the cache; a failing refresh keeps showing it, honestly. */
  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  g_assert_false (gtk_widget_get_visible (cd_follow_ups_view_get_part (view, "notice_label")));
  cd_demo_server_inject_fault (f->server, FU_PATH, CD_DEMO_FAULT_STATUS, 500, 100);
  cd_follow_ups_card_load (f->card, CD_DEMO_CONTACT_FOLLOW_UPS);
  WAIT_UNTIL (gtk_widget_get_visible (cd_follow_ups_view_get_part (view, "notice_label")));
  g_assert_cmpstr (cd_follow_ups_view_get_state_name (view), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (cd_follow_ups_view_get_model (view)), ==, 8);
}

static void
test_view_details (Fixture       *f,
                   gconstpointer  data)
{
  CdFollowUpsView *view = card_view (f);
  CdFollowUpRow *row;
  GtkWidget *window;

  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  cd_follow_ups_view_set_max_rows (view, 0);
  row = row_with_status (view, CD_FOLLOW_UP_STATUS_COMPLETED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.view", NULL));
  window = cd_follow_ups_card_get_dialog (f->card);
  g_assert_true (ADW_IS_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (window));
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "PATCH", "/follow_ups/"), ==, 0);
}

static void
test_cancel_refused (Fixture       *f,
                     gconstpointer  data)
{
  CdFollowUpsView *view = card_view (f);
  CdFollowUpRow *row;
  GtkWidget *dialog;

  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  row = row_with_status (view, CD_FOLLOW_UP_STATUS_SCHEDULED);
  cd_demo_server_inject_fault (f->server, "/follow_ups/", CD_DEMO_FAULT_STATUS, 409, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.cancel", NULL));
  dialog = cd_follow_ups_card_get_dialog (f->card);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* The failure is said in a dialog; the row keeps its status. */
  WAIT_UNTIL (cd_follow_ups_card_get_dialog (f->card) != NULL &&
              cd_follow_ups_card_get_dialog (f->card) != dialog);
  dialog = cd_follow_ups_card_get_dialog (f->card);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Couldn't Cancel the Follow-up");
  g_assert_cmpuint (f->changed, ==, 0);
  g_assert_cmpstr (label_text (cd_follow_up_row_get_part (row, "status_badge")), ==, "Scheduled");
}

/* ---- schedule dialog --------------------------------------------------- */

static CdFollowUpScheduleDialog *
open_schedule (Fixture *f)
{
  GtkWidget *dialog;

  click (cd_follow_ups_card_get_part (f->card, "schedule_button"));
  dialog = cd_follow_ups_card_get_dialog (f->card);
  g_assert_true (CD_IS_FOLLOW_UP_SCHEDULE_DIALOG (dialog));
  WAIT_UNTIL (cd_follow_up_schedule_dialog_get_agents_loaded (CD_FOLLOW_UP_SCHEDULE_DIALOG (dialog)));
  return CD_FOLLOW_UP_SCHEDULE_DIALOG (dialog);
}

static GtkWidget *
part (CdFollowUpScheduleDialog *dialog,
      const char               *name)
{
  GtkWidget *widget = cd_follow_up_schedule_dialog_get_part (dialog, name);

  g_assert_nonnull (widget);
  return widget;
}

static char *
expected_default (GTimeZone  *zone,
                  const char *format)
{
  g_autoptr(GDateTime) when = cd_follow_up_ui_default_time (zone);

  return g_date_time_format (when, format);
}

static void
test_schedule_defaults (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  CdFollowUpScheduleDialog *dialog;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *shown = NULL;
  GListModel *agents;
  g_autoptr(GDateTime) default_time = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  gint64 minutes_ahead;

  cd_follow_ups_card_set_time_zone (f->card, zone);
  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  before = expected_default (zone, "%Y-%m-%d %H:%M");
  dialog = open_schedule (f);
  after = expected_default (zone, "%Y-%m-%d %H:%M");
  shown = g_strdup_printf ("%s %s", gtk_editable_get_text (GTK_EDITABLE (part (dialog, "date_entry"))),
                           gtk_editable_get_text (GTK_EDITABLE (part (dialog, "time_entry"))));
  /* now + 1 h rounded up to 5 min, in the profile zone (a 5-minute boundary may pass). */
  g_assert_true (g_str_equal (shown, before) || g_str_equal (shown, after));
  g_assert_cmpint (g_ascii_strtoll (shown + strlen (shown) - 2, NULL, 10) % 5, ==, 0);
  default_time = cd_follow_up_ui_parse_time (gtk_editable_get_text (GTK_EDITABLE (part (dialog, "date_entry"))),
                                             gtk_editable_get_text (GTK_EDITABLE (part (dialog, "time_entry"))),
                                             zone, NULL);
  minutes_ahead = g_date_time_difference (default_time, now) / G_TIME_SPAN_MINUTE;
  g_assert_cmpint (minutes_ahead, >=, 59);
  g_assert_cmpint (minutes_ahead, <=, 65);

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (part (dialog, "type_row"))), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (part (dialog, "priority_row"))), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (part (dialog, "attempts_spin"))), ==, 3);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (part (dialog, "window_switch"))));
  /* Agent: "Inherit from source" first, then the active agents. */
  agents = adw_combo_row_get_model (ADW_COMBO_ROW (part (dialog, "agent_row")));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (part (dialog, "agent_row"))), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (agents), 0), ==, "Inherit from source");
  g_assert_cmpuint (g_list_model_get_n_items (agents), >, 1);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (part (dialog, "schedule_button"))), ==, "Schedule");
}

static void
set_time (CdFollowUpScheduleDialog *dialog,
          GDateTime                *when)
{
  g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");
  g_autofree char *clock = g_date_time_format (when, "%H:%M");

  gtk_editable_set_text (GTK_EDITABLE (part (dialog, "date_entry")), date);
  gtk_editable_set_text (GTK_EDITABLE (part (dialog, "time_entry")), clock);
}

static void
test_schedule_past_refused (Fixture       *f,
                            gconstpointer  data)
{
  CdFollowUpScheduleDialog *dialog;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  GtkWidget *when_row;

  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  dialog = open_schedule (f);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  set_time (dialog, yesterday);
  click (part (dialog, "schedule_button"));
  when_row = part (dialog, "when_row");
  g_assert_true (gtk_widget_has_css_class (when_row, "cd-fu-field-error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (when_row)), ==,
                   "This time is in the past; choose a later one");
  g_assert_true (gtk_widget_has_css_class (part (dialog, "date_entry"), "error"));
  /* Nothing was sent and the dialog stays for a correction. */
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", FU_PATH), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (part (dialog, "schedule_button")));
  gtk_editable_set_text (GTK_EDITABLE (part (dialog, "date_entry")), "2026-02-30");
  click (part (dialog, "schedule_button"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (when_row)), ==, "Enter a date as YYYY-MM-DD");
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", FU_PATH), ==, 0);
  g_assert_nonnull (dialog);
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

static void
test_schedule_server_422 (Fixture       *f,
                          gconstpointer  data)
{
  CdFollowUpScheduleDialog *dialog;
  GtkTextBuffer *notes;
  g_autofree char *too_long = g_strnfill (2500, 'x');
  GtkWidget *notes_error;

  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  dialog = open_schedule (f);
  /* Only the server limits notes to 2000 characters. */
  notes = gtk_text_view_get_buffer (GTK_TEXT_VIEW (part (dialog, "notes_view")));
  gtk_text_buffer_set_text (notes, too_long, -1);
  click (part (dialog, "schedule_button"));
  notes_error = part (dialog, "notes_error");
  WAIT_UNTIL (gtk_widget_get_visible (notes_error));
  g_assert_cmpstr (label_text (notes_error), ==, "must be text and not too long");
  g_assert_false (gtk_widget_get_visible (part (dialog, "error_label")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (part (dialog, "schedule_button"))), ==, "Schedule");
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", FU_PATH), ==, 0);

  /* Corrected, the same dialog succeeds (a refused request never blocks the retry). */
  gtk_text_buffer_set_text (notes, "Call after lunch", -1);
  click (part (dialog, "schedule_button"));
  WAIT_UNTIL (f->changed == 1);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", FU_PATH), ==, 1);
}

static void
test_schedule_injected_422 (Fixture       *f,
                            gconstpointer  data)
{
  CdFollowUpScheduleDialog *dialog;
  GtkWidget *error_label;

  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  dialog = open_schedule (f);
  cd_demo_server_inject_fault (f->server, FU_PATH, CD_DEMO_FAULT_STATUS, 422, 1);
  click (part (dialog, "schedule_button"));
  error_label = part (dialog, "error_label");
  WAIT_UNTIL (gtk_widget_get_visible (error_label) ||
              gtk_widget_has_css_class (part (dialog, "when_row"), "cd-fu-field-error"));
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", FU_PATH), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (part (dialog, "schedule_button")));
}

static void
test_schedule_double_submit (Fixture       *f,
                             gconstpointer  data)
{
  CdFollowUpScheduleDialog *dialog;
  GtkWidget *button;
  guint before;
  CdFollowUpsView *view = card_view (f);

  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  before = g_list_model_get_n_items (cd_follow_ups_view_get_model (view));
  dialog = open_schedule (f);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_combo_row_set_selected (ADW_COMBO_ROW (part (dialog, "type_row")), 1);
  cd_demo_server_set_latency_ms (f->server, 300);
  button = part (dialog, "schedule_button");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Scheduling…");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  /* Closing while the request runs is refused, so its answer is not lost. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_sensitive (part (dialog, "cancel_button")));
  WAIT_UNTIL (dialog == NULL);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", FU_PATH), ==, 1);
  g_assert_cmpuint (f->changed, ==, 1);
  /* The card shows the new follow-up from the response (no reload). */
  g_assert_cmpuint (g_list_model_get_n_items (cd_follow_ups_view_get_model (view)), ==, before + 1);
  {
    g_autoptr(GPtrArray) rows = NULL;
    gboolean found = FALSE;

    cd_follow_ups_view_set_max_rows (view, 0);
    rows = rows_of (view);
    for (guint i = 0; i < rows->len; i++)
      {
        CdFollowUp *fu = cd_follow_up_row_get_follow_up (rows->pdata[i]);

        if (cd_follow_up_get_source (fu) == CD_FOLLOW_UP_SOURCE_MANUAL &&
            cd_follow_up_get_follow_up_type (fu) == CD_FOLLOW_UP_TYPE_SMS &&
            cd_follow_up_get_status (fu) == CD_FOLLOW_UP_STATUS_SCHEDULED)
          found = TRUE;
      }
    g_assert_true (found);
  }
}

/* ---- cancel and reschedule --------------------------------------------- */

/* What a freshly opened repository (new cache dir) reports for @id. */
static CdFollowUp *
fresh_load (Fixture *f,
            gint64   id)
{
  g_autofree char *dir = g_build_filename (f->tmp_dir, "fresh-cache", NULL);
  g_autoptr(CdRepository) repo = cd_repository_new (cd_demo_server_get_base_url (f->server), NULL, NULL, dir);
  g_autoptr(CdResource) resource = cd_repository_open_follow_ups (repo, CD_DEMO_CONTACT_FOLLOW_UPS, NULL);
  GListModel *list;

  WAIT_UNTIL (cd_resource_get_state (resource) == CD_RESOURCE_FRESH);
  list = cd_resource_get_value (resource);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CdFollowUp) item = g_list_model_get_item (list, i);

      if (cd_follow_up_get_id (item) == id)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static void
test_cancel_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  CdFollowUpsView *view = card_view (f);
  CdFollowUpRow *row;
  GtkWidget *dialog;
  gint64 id;
  g_autoptr(CdFollowUp) fresh = NULL;

  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  row = row_with_status (view, CD_FOLLOW_UP_STATUS_SCHEDULED);
  id = cd_follow_up_get_id (cd_follow_up_row_get_follow_up (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.cancel", NULL));
  dialog = cd_follow_ups_card_get_dialog (f->card);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  /* "Keep" changes nothing. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "PATCH", "/follow_ups/"), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.cancel", NULL));
  dialog = cd_follow_ups_card_get_dialog (f->card);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  WAIT_UNTIL (f->changed == 1);
  row = row_with_id (view, id);
  g_assert_nonnull (row);
  g_assert_cmpstr (label_text (cd_follow_up_row_get_part (row, "status_badge")), ==, "Cancelled");
  {
    g_autofree char *menu = menu_labels (row);

    g_assert_cmpstr (menu, ==, "View Details");
  }
  fresh = fresh_load (f, id);
  g_assert_nonnull (fresh);
  g_assert_cmpint (cd_follow_up_get_status (fresh), ==, CD_FOLLOW_UP_STATUS_CANCELLED);
}

static void
test_reschedule_round_trip (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  CdFollowUpsView *view = card_view (f);
  CdFollowUpRow *row;
  CdFollowUpTimeDialog *dialog;
  gint64 id;
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
  g_autoptr(GDateTime) target = g_date_time_new (zone, g_date_time_get_year (later),
                                                 g_date_time_get_month (later),
                                                 g_date_time_get_day_of_month (later), 10, 30, 0);
  g_autofree char *date = g_date_time_format (target, "%Y-%m-%d");
  g_autofree char *when = cd_format_datetime (target, zone);
  g_autoptr(CdFollowUp) fresh = NULL;

  cd_follow_ups_card_set_time_zone (f->card, zone);
  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  row = row_with_status (view, CD_FOLLOW_UP_STATUS_QUEUED);
  id = cd_follow_up_get_id (cd_follow_up_row_get_follow_up (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.reschedule", NULL));
  dialog = CD_FOLLOW_UP_TIME_DIALOG (cd_follow_ups_card_get_dialog (f->card));
  g_assert_true (CD_IS_FOLLOW_UP_TIME_DIALOG (dialog));

  /* A past time is refused on the field. */
  gtk_editable_set_text (GTK_EDITABLE (cd_follow_up_time_dialog_get_part (dialog, "date_entry")), "2020-01-01");
  click (cd_follow_up_time_dialog_get_part (dialog, "save_button"));
  g_assert_true (gtk_widget_has_css_class (cd_follow_up_time_dialog_get_part (dialog, "when_row"),
                                           "cd-fu-field-error"));
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "PATCH", "/follow_ups/"), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (cd_follow_up_time_dialog_get_part (dialog, "date_entry")), date);
  gtk_editable_set_text (GTK_EDITABLE (cd_follow_up_time_dialog_get_part (dialog, "time_entry")), "10:30");
  click (cd_follow_up_time_dialog_get_part (dialog, "save_button"));
  WAIT_UNTIL (f->changed == 1);
  row = row_with_id (view, id);
  g_assert_nonnull (row);
  g_assert_true (g_str_has_suffix (label_text (cd_follow_up_row_get_part (row, "title_label")), when));
  fresh = fresh_load (f, id);
  g_assert_cmpint (g_date_time_to_unix (cd_follow_up_get_scheduled_at (fresh)), ==, g_date_time_to_unix (target));
  g_assert_cmpint (cd_follow_up_get_status (fresh), ==, CD_FOLLOW_UP_STATUS_SCHEDULED);
}

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  CdFollowUpsView *view = card_view (f);
  CdFollowUpRow *row;
  CdFollowUpTimeDialog *dialog;
  gint64 id;

  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  row = row_with_status (view, CD_FOLLOW_UP_STATUS_SCHEDULED);
  id = cd_follow_up_get_id (cd_follow_up_row_get_follow_up (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.snooze", NULL));
  dialog = CD_FOLLOW_UP_TIME_DIALOG (cd_follow_ups_card_get_dialog (f->card));
  /* Snooze proposes a later time; accept it. */
  click (cd_follow_up_time_dialog_get_part (dialog, "save_button"));
  WAIT_UNTIL (f->changed == 1);
  row = row_with_id (view, id);
  g_assert_cmpstr (label_text (cd_follow_up_row_get_part (row, "status_badge")), ==, "Snoozed");
}

static void
test_view_all (Fixture       *f,
               gconstpointer  data)
{
  load_card (f, CD_DEMO_CONTACT_FOLLOW_UPS);
  click (cd_follow_ups_card_get_part (f->card, "view_all_button"));
  g_assert_cmpuint (f->view_all, ==, 1);
}

/* ---- workspace --------------------------------------------------------- */

static void
on_back (CdFollowUpsWorkspace *workspace,
         guint                *count)
{
  (*count)++;
}

static void
test_workspace (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *workspace = cd_follow_ups_workspace_new ();
  CdFollowUpsWorkspace *ws = CD_FOLLOW_UPS_WORKSPACE (workspace);
  CdFollowUpsView *view = CD_FOLLOW_UPS_VIEW (cd_follow_ups_workspace_get_part (ws, "view"));
  GtkWidget *back = cd_follow_ups_workspace_get_part (ws, "back_button");
  CdFollowUpDetail *detail = CD_FOLLOW_UP_DETAIL (cd_follow_ups_workspace_get_part (ws, "detail"));
  g_autoptr(GPtrArray) rows = NULL;
  guint backs = 0;

  gtk_window_set_child (f->window, workspace);
  g_signal_connect (workspace, "back", G_CALLBACK (on_back), &backs);
  cd_follow_ups_workspace_set_repository (ws, f->repository);
  cd_follow_ups_workspace_set_contact_title (ws, "Anna <b>Schmidt</b>");
  cd_follow_ups_workspace_load (ws, CD_DEMO_CONTACT_FOLLOW_UPS);
  WAIT_UNTIL (settled (view));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back), ==, "Back to Anna <b>Schmidt</b>");
  rows = rows_of (view);
  g_assert_cmpuint (rows->len, ==, 8);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Filter: Needs attention = failed + expired. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cd_follow_ups_workspace_get_part (ws, "filter_dropdown")), 4);
  rows = rows_of (view);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (cd_follow_up_get_group (cd_follow_up_row_get_follow_up (rows->pdata[i])), ==,
                     CD_FOLLOW_UP_GROUP_NEEDS_ATTENTION);

  /* Activating a row shows every field; back returns to the list, then to the contact. */
  g_signal_emit_by_name (cd_follow_ups_view_get_part (view, "list_box"), "row-activated", rows->pdata[0]);
  g_assert_cmpstr (cd_follow_ups_workspace_get_page (ws), ==, "detail");
  g_assert_cmpstr (cd_follow_up_detail_get_value (detail, "closed_reason"), ==,
                   cd_follow_up_get_closed_reason (cd_follow_up_row_get_follow_up (rows->pdata[0])));
  g_assert_cmpstr (cd_follow_up_detail_get_value (detail, "notes"), !=, "");
  g_assert_false (gtk_widget_get_visible (cd_follow_ups_workspace_get_part (ws, "detail_cancel_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back), ==, "Back to Follow-ups");
  click (back);
  g_assert_cmpstr (cd_follow_ups_workspace_get_page (ws), ==, "list");
  g_assert_cmpuint (backs, ==, 0);
  click (back);
  g_assert_cmpuint (backs, ==, 1);

  /* Details of an open one offer its actions. */
  cd_follow_ups_workspace_set_filter_group (ws, CD_FOLLOW_UP_GROUP_UNKNOWN);
  {
    CdFollowUpRow *row = row_with_status (view, CD_FOLLOW_UP_STATUS_SNOOZED);

    cd_follow_ups_workspace_show_follow_up (ws, cd_follow_up_get_id (cd_follow_up_row_get_follow_up (row)));
    g_assert_cmpstr (cd_follow_ups_workspace_get_page (ws), ==, "detail");
    g_assert_true (gtk_widget_get_visible (cd_follow_ups_workspace_get_part (ws, "detail_cancel_button")));
    g_assert_cmpstr (cd_follow_up_detail_get_value (detail, "status"), ==, "Snoozed");
  }
}

#define ADD(path, func, role) \
  g_test_add (path, Fixture, role, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  /* Without a session bus (plain xvfb-run) GTK's AT-SPI bridge can only warn. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cd_test_ignore_upstream_warnings ();
  gtk_init ();
  adw_init ();

  ADD ("/follow-ups-card/statuses", test_statuses, NULL);
  ADD ("/follow-ups-card/row-fields", test_row_fields, NULL);
  ADD ("/follow-ups-card/empty", test_empty, NULL);
  ADD ("/follow-ups-card/viewer", test_viewer, "tenant_viewer");
  ADD ("/follow-ups-card/offline", test_offline, NULL);
  ADD ("/follow-ups-card/offline-cancel-pending", test_offline_cancel_pending, NULL);
  ADD ("/follow-ups-card/error-retry", test_error_retry, NULL);
  ADD ("/follow-ups-card/view-all", test_view_all, NULL);
  ADD ("/follow-ups-card/stale-notice", test_stale_notice, NULL);
  ADD ("/follow-ups-card/view-details", test_view_details, NULL);
  ADD ("/follow-ups-card/cancel-refused", test_cancel_refused, NULL);
  ADD ("/follow-ups-card/schedule/defaults", test_schedule_defaults, NULL);
  ADD ("/follow-ups-card/schedule/past-refused", test_schedule_past_refused, NULL);
  ADD ("/follow-ups-card/schedule/server-422", test_schedule_server_422, NULL);
  ADD ("/follow-ups-card/schedule/injected-422", test_schedule_injected_422, NULL);
  ADD ("/follow-ups-card/schedule/double-submit", test_schedule_double_submit, NULL);
  ADD ("/follow-ups-card/cancel", test_cancel_round_trip, NULL);
  ADD ("/follow-ups-card/reschedule", test_reschedule_round_trip, NULL);
  ADD ("/follow-ups-card/snooze", test_snooze, NULL);
  ADD ("/follow-ups-workspace/filter-and-detail", test_workspace, NULL);

  return g_test_run ();
}
