/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-followups"

#include <glib/gi18n.h>

#include "cd-error.h"
#include "cd-follow-up-row.h"
#include "cd-follow-up-schedule-dialog.h"
#include "cd-follow-up-time-dialog.h"
#include "cd-follow-up-ui.h"
#include "cd-follow-ups-view.h"
#include "cd-format.h"
#include "cd-offline-ui.h"
#include "cd-repository-follow-ups.h"

struct _CdFollowUpsView
{
  AdwBin              parent_instance;
  CdRepository       *repository;
  gint64              contact_id;
  GTimeZone          *zone;
  gboolean            can_schedule;
  gboolean            online;
  CdFollowUpGroup     filter_group;

  GCancellable       *cancellable;    /* the current load and its mutations */
  CdResource         *resource;
  GObject            *shown_value;    /* the resource value last copied into store */
  GListStore         *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSliceListModel  *slice;
  GtkWidget          *dialog;         /* weak */

  GtkWidget          *stack;
  GtkWidget          *spinner;
  GtkWidget          *error_title;
  GtkWidget          *error_label;
  GtkWidget          *retry_button;
  GtkWidget          *empty_label;
  GtkWidget          *list_box;
  GtkWidget          *notice_label;
  GtkWidget          *as_of_label;    /* owned; the host places it */
};

G_DEFINE_FINAL_TYPE (CdFollowUpsView, cd_follow_ups_view, ADW_TYPE_BIN)

enum {
  VIEW,
  CHANGED,
  OPEN_CAMPAIGN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void sync_state (CdFollowUpsView *self);

static void
cd_follow_ups_view_dispose (GObject *object)
{
  CdFollowUpsView *self = CD_FOLLOW_UPS_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->resource);
  g_clear_object (&self->shown_value);
  g_clear_weak_pointer (&self->dialog);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box), NULL, NULL, NULL, NULL);
  g_clear_object (&self->slice);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_object (&self->as_of_label);
  G_OBJECT_CLASS (cd_follow_ups_view_parent_class)->dispose (object);
}

static void
cd_follow_ups_view_class_init (CdFollowUpsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_follow_ups_view_dispose;

  signals[VIEW] = g_signal_new ("view", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, CD_TYPE_FOLLOW_UP);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, CD_TYPE_FOLLOW_UP);
  signals[OPEN_CAMPAIGN] = g_signal_new ("open-campaign", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT64);
}

/* ---- model ------------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CdFollowUpsView *self = user_data;

  return self->filter_group == CD_FOLLOW_UP_GROUP_UNKNOWN ||
         cd_follow_up_get_group (CD_FOLLOW_UP (item)) == self->filter_group;
}

static gboolean
find_id (GListModel *model,
         gint64      id,
         guint      *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdFollowUp) item = g_list_model_get_item (model, i);

      if (cd_follow_up_get_id (item) == id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Keeps the server's order (latest scheduled time first) for a new follow-up. */
static guint
sorted_position (GListModel *model,
                 CdFollowUp *follow_up)
{
  GDateTime *when = cd_follow_up_get_scheduled_at (follow_up);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; when != NULL && i < n; i++)
    {
      g_autoptr(CdFollowUp) item = g_list_model_get_item (model, i);
      GDateTime *other = cd_follow_up_get_scheduled_at (item);

      if (other == NULL || g_date_time_compare (when, other) >= 0)
        return i;
    }
  return n;
}

/* The server answered a mutation: show its version of the follow-up at once. */
static void
apply_follow_up (CdFollowUpsView *self,
                 CdFollowUp      *follow_up)
{
  guint position;

  if (find_id (G_LIST_MODEL (self->store), cd_follow_up_get_id (follow_up), &position))
    g_list_store_splice (self->store, position, 1, (gpointer *) &follow_up, 1);
  else
    g_list_store_insert (self->store, sorted_position (G_LIST_MODEL (self->store), follow_up), follow_up);
  sync_state (self);
  g_signal_emit (self, signals[CHANGED], 0, follow_up);
}

/* ---- actions ----------------------------------------------------------- */

CdFollowUpActions
cd_follow_ups_view_get_action_mask (CdFollowUpsView *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_VIEW (self), CD_FOLLOW_UP_ACTIONS_NONE);

  if (!self->can_schedule || self->repository == NULL)
    return CD_FOLLOW_UP_ACTIONS_NONE;
  /* Offline too: cancel, reschedule and snooze wait in the outbox. */
  return CD_FOLLOW_UP_ACTIONS_VIEW | CD_FOLLOW_UP_ACTIONS_CANCEL |
         CD_FOLLOW_UP_ACTIONS_RESCHEDULE | CD_FOLLOW_UP_ACTIONS_SNOOZE;
}

static GtkWindow *
parent_window (CdFollowUpsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static gboolean
follow_up_pending (CdFollowUpsView *self,
                   CdFollowUp      *follow_up)
{
  return cd_offline_ui_follow_up_pending (self->repository, self->contact_id,
                                          cd_follow_up_get_id (follow_up));
}

/* Marks each row whose follow-up has a change waiting in the outbox (which
 * names the follow-up, so this holds after a restart too).  Returns TRUE when
 * a row stopped being pending: its change was sent or discarded. */
static gboolean
sync_pending (CdFollowUpsView *self)
{
  gboolean cleared = FALSE;

  for (GtkWidget *row = gtk_widget_get_first_child (self->list_box); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      CdFollowUpRow *fu_row;
      gboolean pending;

      if (!CD_IS_FOLLOW_UP_ROW (row))
        continue;
      fu_row = CD_FOLLOW_UP_ROW (row);
      pending = follow_up_pending (self, cd_follow_up_row_get_follow_up (fu_row));
      cleared |= cd_follow_up_row_get_pending (fu_row) && !pending;
      cd_follow_up_row_set_pending (fu_row, pending);
    }
  return cleared;
}

static void
add_toast (CdFollowUpsView *self,
           const char      *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/* Shows the change at once; a queued one is marked "Pending" and says so. */
static void
apply_result (CdFollowUpsView *self,
              CdFollowUp      *follow_up,
              gboolean         queued)
{
  if (queued)
    add_toast (self, cd_offline_ui_saved_message (TRUE, NULL));
  apply_follow_up (self, follow_up);
  sync_pending (self);
}

static void
on_dialog_done (GtkWidget       *dialog,
                CdFollowUp      *follow_up,
                CdFollowUpsView *self)
{
  gboolean queued = FALSE;

  if (CD_IS_FOLLOW_UP_SCHEDULE_DIALOG (dialog))
    queued = cd_follow_up_schedule_dialog_get_queued (CD_FOLLOW_UP_SCHEDULE_DIALOG (dialog));
  else if (CD_IS_FOLLOW_UP_TIME_DIALOG (dialog))
    queued = cd_follow_up_time_dialog_get_queued (CD_FOLLOW_UP_TIME_DIALOG (dialog));
  apply_result (self, follow_up, queued);
}

static void
show_failure (CdFollowUpsView *self,
              const char      *heading,
              const GError    *error)
{
  g_autofree char *text = cd_follow_up_ui_error_text (error);
  GtkWidget *dialog;

  if (text == NULL)
    return;
  dialog = adw_message_dialog_new (parent_window (self), heading, text);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdFollowUpsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowUp) follow_up = NULL;

  follow_up = cd_repository_update_follow_up_finish (CD_REPOSITORY (object), result, &error);
  if (follow_up != NULL)
    apply_result (self, follow_up, cd_offline_ui_was_queued (result));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_failure (self, _("Couldn't Cancel the Follow-up"), error);
}

static void
on_cancel_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CdFollowUpsView  *self)
{
  CdFollowUp *follow_up = g_object_get_data (G_OBJECT (dialog), "follow-up");
  const char *key = g_object_get_data (G_OBJECT (dialog), "idempotency-key");

  if (!g_str_equal (response, "cancel") || self->repository == NULL)
    return;
  cd_repository_cancel_follow_up_async (self->repository, cd_follow_up_get_contact_id (follow_up),
                                        cd_follow_up_get_id (follow_up), key, self->cancellable,
                                        cancel_cb, g_object_ref (self));
}

static GtkWidget *
confirm_cancel (CdFollowUpsView *self,
                CdFollowUp      *follow_up)
{
  g_autofree char *when = cd_format_datetime (cd_follow_up_get_scheduled_at (follow_up), self->zone);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: follow-up type ("Call"), then its date and time */
  body = g_strdup_printf (_("The %s planned for %s will not run. This can't be undone."),
                          cd_follow_up_ui_type_label (cd_follow_up_get_follow_up_type (follow_up)), when);
  dialog = adw_message_dialog_new (parent_window (self), _("Cancel Follow-up?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep"),
                                    "cancel", _("C_ancel Follow-up"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "follow-up", g_object_ref (follow_up), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "idempotency-key", g_uuid_string_random (), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response), self, 0);
  return dialog;
}

GtkWidget *
cd_follow_ups_view_run_action (CdFollowUpsView   *self,
                               CdFollowUp        *follow_up,
                               CdFollowUpActions  action)
{
  GtkWidget *dialog = NULL;

  g_return_val_if_fail (CD_IS_FOLLOW_UPS_VIEW (self), NULL);
  g_return_val_if_fail (CD_IS_FOLLOW_UP (follow_up), NULL);

  /* Never run what the row would not offer (role, connection, status). */
  if (!(action & cd_follow_ups_view_get_action_mask (self) & cd_follow_up_allowed_actions (follow_up)))
    return NULL;
  if (action == CD_FOLLOW_UP_ACTIONS_VIEW)
    {
      g_signal_emit (self, signals[VIEW], 0, follow_up);
      return NULL;
    }
  if (action == CD_FOLLOW_UP_ACTIONS_CANCEL)
    dialog = confirm_cancel (self, follow_up);
  else if (action == CD_FOLLOW_UP_ACTIONS_RESCHEDULE || action == CD_FOLLOW_UP_ACTIONS_SNOOZE)
    {
      dialog = cd_follow_up_time_dialog_new (parent_window (self), self->repository, follow_up,
                                             action, self->zone);
      g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done), self, 0);
    }
  if (dialog == NULL)
    return NULL;
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

GtkWidget *
cd_follow_ups_view_schedule (CdFollowUpsView *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (CD_IS_FOLLOW_UPS_VIEW (self), NULL);

  if (self->repository == NULL || self->contact_id <= 0 || !self->can_schedule)
    return NULL;
  dialog = cd_follow_up_schedule_dialog_new (parent_window (self), self->repository,
                                             self->contact_id, self->zone);
  g_signal_connect_object (dialog, "scheduled", G_CALLBACK (on_dialog_done), self, 0);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ---- rows -------------------------------------------------------------- */

static void
on_row_action (CdFollowUpRow   *row,
               guint            action,
               CdFollowUpsView *self)
{
  cd_follow_ups_view_run_action (self, cd_follow_up_row_get_follow_up (row), action);
}

static void
on_row_open_campaign (CdFollowUpRow   *row,
                      gint64           campaign_id,
                      CdFollowUpsView *self)
{
  if (campaign_id > 0)
    g_signal_emit (self, signals[OPEN_CAMPAIGN], 0, campaign_id);
}

static void
on_row_activated (GtkListBox      *box,
                  GtkListBoxRow   *row,
                  CdFollowUpsView *self)
{
  if (CD_IS_FOLLOW_UP_ROW (row))
    g_signal_emit (self, signals[VIEW], 0, cd_follow_up_row_get_follow_up (CD_FOLLOW_UP_ROW (row)));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CdFollowUpsView *self = user_data;
  GtkWidget *row = cd_follow_up_row_new (CD_FOLLOW_UP (item), self->zone,
                                         cd_follow_ups_view_get_action_mask (self));

  g_signal_connect (row, "action", G_CALLBACK (on_row_action), self);
  g_signal_connect (row, "open-campaign", G_CALLBACK (on_row_open_campaign), self);
  cd_follow_up_row_set_pending (CD_FOLLOW_UP_ROW (row), follow_up_pending (self, CD_FOLLOW_UP (item)));
  return row;
}

/* Rows are built once per item; a new zone or mask means new rows. */
static void
rebind (CdFollowUpsView *self)
{
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box), G_LIST_MODEL (self->slice),
                           create_row, self, NULL);
}

/* ---- state ------------------------------------------------------------- */

static void
copy_value (CdFollowUpsView *self,
            GObject         *value)
{
  guint n = G_IS_LIST_MODEL (value) ? g_list_model_get_n_items (G_LIST_MODEL (value)) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (value == self->shown_value)
    return;
  g_set_object (&self->shown_value, value);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (value), i));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
}

static void
show_error_page (CdFollowUpsView *self,
                 CdResourceState  state)
{
  g_autofree char *text = cd_follow_up_ui_error_text (cd_resource_get_error (self->resource));

  if (state == CD_RESOURCE_OFFLINE)
    {
      gtk_label_set_text (GTK_LABEL (self->error_title), _("Follow-ups Not Saved Offline"));
      gtk_label_set_text (GTK_LABEL (self->error_label),
                          _("Connect to the server to see this contact's follow-ups."));
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->error_title), _("Couldn't Load Follow-ups"));
      gtk_label_set_text (GTK_LABEL (self->error_label), text ? text : "");
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "error");
}

static void
sync_state (CdFollowUpsView *self)
{
  CdResourceState state = self->resource ? cd_resource_get_state (self->resource) : CD_RESOURCE_LOADING;
  GObject *value = self->resource ? cd_resource_get_value (self->resource) : NULL;
  gboolean has_value = value != NULL || self->shown_value != NULL;

  if (value != NULL)
    copy_value (self, value);
  cd_offline_ui_as_of_update_from_resource (self->as_of_label, self->resource, self->zone);
  /* Offline, the host's "as of" caption already says it (when placed). */
  gtk_widget_set_visible (self->notice_label,
                          has_value && (state == CD_RESOURCE_ERROR ||
                                        (state == CD_RESOURCE_OFFLINE &&
                                         gtk_widget_get_parent (self->as_of_label) == NULL)));
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), !has_value && state == CD_RESOURCE_LOADING);
  if (!has_value)
    {
      if (state == CD_RESOURCE_ERROR || state == CD_RESOURCE_OFFLINE)
        show_error_page (self, state);
      else if (state == CD_RESOURCE_NOT_FOUND || state == CD_RESOURCE_FRESH)
        gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      else
        gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0 ? "list" : "empty");
}

static void
on_resource_notify (CdResource      *resource,
                    GParamSpec      *pspec,
                    CdFollowUpsView *self)
{
  sync_state (self);
}

/* ---- construction ------------------------------------------------------ */

static GtkWidget *
placeholder_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "cd-fu-placeholder");
  return box;
}

static GtkWidget *
build_error_page (CdFollowUpsView *self)
{
  GtkWidget *box = placeholder_box ();

  self->error_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->error_title, "heading");
  gtk_label_set_wrap (GTK_LABEL (self->error_title), TRUE);
  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->error_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->error_label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->error_label, "dim-label");
  self->retry_button = gtk_button_new_with_mnemonic (_("_Retry"));
  gtk_widget_add_css_class (self->retry_button, "pill");
  gtk_widget_set_halign (self->retry_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->retry_button, 6);
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (cd_follow_ups_view_reload), self);
  gtk_box_append (GTK_BOX (box), self->error_title);
  gtk_box_append (GTK_BOX (box), self->error_label);
  gtk_box_append (GTK_BOX (box), self->retry_button);
  return box;
}

static void
build (CdFollowUpsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *loading = placeholder_box ();
  GtkWidget *empty = placeholder_box ();
  GtkWidget *no_match = gtk_label_new (_("No follow-ups in this group"));

  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_size_request (self->spinner, 24, 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading follow-ups"), -1);
  gtk_box_append (GTK_BOX (loading), self->spinner);
  gtk_stack_add_named (GTK_STACK (self->stack), loading, "loading");
  gtk_stack_add_named (GTK_STACK (self->stack), build_error_page (self), "error");
  self->empty_label = gtk_label_new (_("No follow-ups scheduled"));
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_box_append (GTK_BOX (empty), self->empty_label);
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");

  self->list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  gtk_widget_add_css_class (no_match, "dim-label");
  gtk_widget_add_css_class (no_match, "cd-fu-placeholder");
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list_box), no_match);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Follow-ups"), -1);
  g_signal_connect (self->list_box, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_stack_add_named (GTK_STACK (self->stack), self->list_box, "list");

  self->notice_label = gtk_label_new (_("Couldn't refresh — showing saved follow-ups"));
  gtk_label_set_xalign (GTK_LABEL (self->notice_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->notice_label), TRUE);
  gtk_widget_add_css_class (self->notice_label, "dim-label");
  gtk_widget_add_css_class (self->notice_label, "cd-fu-reason");
  gtk_widget_set_visible (self->notice_label, FALSE);

  gtk_box_append (GTK_BOX (box), self->notice_label);
  gtk_box_append (GTK_BOX (box), self->stack);
  adw_bin_set_child (ADW_BIN (self), box);
}

static void
cd_follow_ups_view_init (CdFollowUpsView *self)
{
  self->can_schedule = TRUE;
  self->online = TRUE;
  self->as_of_label = g_object_ref_sink (cd_offline_ui_as_of_new ());
  self->store = g_list_store_new (CD_TYPE_FOLLOW_UP);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  self->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), 0, G_MAXUINT);
  build (self);
  rebind (self);
  sync_state (self);
}

GtkWidget *
cd_follow_ups_view_new (void)
{
  cd_follow_up_ui_ensure_style ();
  return g_object_new (CD_TYPE_FOLLOW_UPS_VIEW, NULL);
}

/* ---- public API -------------------------------------------------------- */

/* Sent (or discarded): the rows lose "Pending" and the list is revalidated so
 * the server's copies (real ids for scheduled ones) replace the optimistic ones. */
static void
on_outbox_changed (CdFollowUpsView *self,
                   gint64           contact_id)
{
  if (contact_id != 0 && contact_id != self->contact_id)
    return;
  if (sync_pending (self) && self->resource != NULL)
    cd_resource_refresh (self->resource);
}

void
cd_follow_ups_view_set_repository (CdFollowUpsView *self,
                                   CdRepository    *repository)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_VIEW (self));
  g_return_if_fail (repository == NULL || CD_IS_REPOSITORY (repository));

  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  if (!g_set_object (&self->repository, repository))
    return;
  if (repository != NULL)
    g_signal_connect_object (repository, "outbox-changed", G_CALLBACK (on_outbox_changed),
                             self, G_CONNECT_SWAPPED);
  rebind (self);
}

void
cd_follow_ups_view_load (CdFollowUpsView *self,
                         gint64           contact_id)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_VIEW (self));
  g_return_if_fail (self->repository != NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->resource);
  g_clear_object (&self->shown_value);
  g_list_store_remove_all (self->store);
  self->contact_id = contact_id;
  self->cancellable = g_cancellable_new ();
  self->resource = cd_repository_open_follow_ups (self->repository, contact_id, self->cancellable);
  g_signal_connect_object (self->resource, "notify::state", G_CALLBACK (on_resource_notify), self, 0);
  g_signal_connect_object (self->resource, "notify::value", G_CALLBACK (on_resource_notify), self, 0);
  sync_state (self);
}

gint64
cd_follow_ups_view_get_contact_id (CdFollowUpsView *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_VIEW (self), 0);
  return self->contact_id;
}

void
cd_follow_ups_view_reload (CdFollowUpsView *self)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_VIEW (self));

  if (self->resource == NULL)
    return;
  if (self->shown_value == NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), TRUE);
  cd_resource_refresh (self->resource);
}

void
cd_follow_ups_view_set_time_zone (CdFollowUpsView *self,
                                  GTimeZone       *zone)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_VIEW (self));

  if (zone == self->zone)
    return;
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone ? g_time_zone_ref (zone) : NULL;
  rebind (self);
}

GTimeZone *
cd_follow_ups_view_get_time_zone (CdFollowUpsView *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_VIEW (self), NULL);
  return self->zone;
}

void
cd_follow_ups_view_set_can_schedule (CdFollowUpsView *self,
                                     gboolean         can_schedule)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_VIEW (self));

  if (self->can_schedule == !!can_schedule)
    return;
  self->can_schedule = !!can_schedule;
  rebind (self);
}

void
cd_follow_ups_view_set_online (CdFollowUpsView *self,
                               gboolean         online)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_VIEW (self));

  if (self->online == !!online)
    return;
  self->online = !!online;
  rebind (self);
}

void
cd_follow_ups_view_set_max_rows (CdFollowUpsView *self,
                                 guint            max_rows)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_VIEW (self));
  gtk_slice_list_model_set_size (self->slice, max_rows > 0 ? max_rows : G_MAXUINT);
}

void
cd_follow_ups_view_set_filter_group (CdFollowUpsView *self,
                                     CdFollowUpGroup  group)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_VIEW (self));

  if (self->filter_group == group)
    return;
  self->filter_group = group;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

GListModel *
cd_follow_ups_view_get_model (CdFollowUpsView *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_VIEW (self), NULL);
  return G_LIST_MODEL (self->store);
}

const char *
cd_follow_ups_view_get_state_name (CdFollowUpsView *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

GtkWidget *
cd_follow_ups_view_get_dialog (CdFollowUpsView *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_VIEW (self), NULL);
  return self->dialog;
}

GtkWidget *
cd_follow_ups_view_get_part (CdFollowUpsView *self,
                             const char      *name)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_VIEW (self), NULL);

  if (g_strcmp0 (name, "list_box") == 0)
    return self->list_box;
  if (g_strcmp0 (name, "retry_button") == 0)
    return self->retry_button;
  if (g_strcmp0 (name, "error_label") == 0)
    return self->error_label;
  if (g_strcmp0 (name, "empty_label") == 0)
    return self->empty_label;
  if (g_strcmp0 (name, "notice_label") == 0)
    return self->notice_label;
  if (g_strcmp0 (name, "as_of_label") == 0)
    return self->as_of_label;
  return NULL;
}
