/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-followups"

#include <glib/gi18n.h>

#include "cd-error.h"
#include "cd-follow-up-time-dialog.h"
#include "cd-follow-up-ui.h"
#include "cd-offline-ui.h"
#include "cd-repository-follow-ups.h"

struct _CdFollowUpTimeDialog
{
  AdwWindow          parent_instance;
  CdRepository      *repository;
  gboolean           queued;
  CdFollowUp        *follow_up;
  CdFollowUpActions  action;
  GTimeZone         *zone;
  GCancellable      *cancellable;
  char              *idempotency_key;
  gboolean           in_flight;

  GtkWidget         *date_entry;
  GtkWidget         *time_entry;
  GtkWidget         *when_row;
  GtkWidget         *error_label;
  GtkWidget         *save_button;
  GtkWidget         *cancel_button;
};

G_DEFINE_FINAL_TYPE (CdFollowUpTimeDialog, cd_follow_up_time_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cd_follow_up_time_dialog_dispose (GObject *object)
{
  CdFollowUpTimeDialog *self = CD_FOLLOW_UP_TIME_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repository);
  g_clear_object (&self->follow_up);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->idempotency_key, g_free);
  G_OBJECT_CLASS (cd_follow_up_time_dialog_parent_class)->dispose (object);
}

static gboolean
close_binding (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

/* While the request runs the window stays, so its answer is never lost. */
static gboolean
on_close_request (GtkWindow *window,
                  gpointer   user_data)
{
  return *(gboolean *) user_data;
}

static void
cd_follow_up_time_dialog_class_init (CdFollowUpTimeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_follow_up_time_dialog_dispose;
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, close_binding, NULL);

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);
}

static void
cd_follow_up_time_dialog_init (CdFollowUpTimeDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->idempotency_key = g_uuid_string_random ();
}

static gboolean
is_snooze (CdFollowUpTimeDialog *self)
{
  return self->action == CD_FOLLOW_UP_ACTIONS_SNOOZE;
}

static void
set_error (CdFollowUpTimeDialog *self,
           const char           *field_message,
           const char           *general_message)
{
  cd_follow_up_ui_set_row_error (ADW_ACTION_ROW (self->when_row), field_message);
  if (field_message != NULL)
    {
      gtk_widget_add_css_class (self->date_entry, "error");
      gtk_widget_add_css_class (self->time_entry, "error");
    }
  else
    {
      gtk_widget_remove_css_class (self->date_entry, "error");
      gtk_widget_remove_css_class (self->time_entry, "error");
    }
  gtk_label_set_text (GTK_LABEL (self->error_label), general_message ? general_message : "");
  gtk_widget_set_visible (self->error_label, general_message != NULL);
}

static void
set_in_flight (CdFollowUpTimeDialog *self,
               gboolean              in_flight)
{
  self->in_flight = in_flight;
  if (in_flight)
    gtk_button_set_label (GTK_BUTTON (self->save_button), is_snooze (self) ? _("Snoozing…") : _("Rescheduling…"));
  else
    gtk_button_set_label (GTK_BUTTON (self->save_button), is_snooze (self) ? _("Snooze") : _("Reschedule"));
  gtk_widget_set_sensitive (self->save_button, !in_flight);
  if (self->cancel_button != NULL)
    gtk_widget_set_sensitive (self->cancel_button, !in_flight);
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdFollowUpTimeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowUp) follow_up = NULL;
  const char * const *messages = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;
  guint status;

  follow_up = cd_repository_update_follow_up_finish (CD_REPOSITORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_in_flight (self, FALSE);
  if (follow_up != NULL)
    {
      self->queued = cd_offline_ui_was_queued (result);
      g_signal_emit (self, signals[DONE], 0, follow_up);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  status = error->domain == CD_API_ERROR ? cd_api_error_get_http_status (error) : 0;
  if (status >= 400 && status < 500)
    {
      g_free (self->idempotency_key);
      self->idempotency_key = g_uuid_string_random ();
    }
  if (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_VALIDATION))
    messages = cd_api_error_get_field_messages (error, "scheduled_at");
  if (messages != NULL)
    joined = g_strjoinv ("; ", (char **) messages);
  else
    text = cd_follow_up_ui_error_text (error);
  set_error (self, joined, text);
}

static void
on_save_clicked (CdFollowUpTimeDialog *self)
{
  g_autofree char *message = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 contact_id = cd_follow_up_get_contact_id (self->follow_up);
  gint64 id = cd_follow_up_get_id (self->follow_up);

  if (self->in_flight)
    return;
  when = cd_follow_up_ui_parse_time (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)),
                                     gtk_editable_get_text (GTK_EDITABLE (self->time_entry)),
                                     self->zone, &message);
  if (when != NULL && g_date_time_compare (when, now) <= 0)
    {
      g_clear_pointer (&when, g_date_time_unref);
      message = g_strdup (_("This time is in the past; choose a later one"));
    }
  if (when == NULL)
    {
      set_error (self, message, NULL);
      return;
    }
  set_error (self, NULL, NULL);
  set_in_flight (self, TRUE);
  if (is_snooze (self))
    cd_repository_snooze_follow_up_async (self->repository, contact_id, id, when, self->idempotency_key,
                                          self->cancellable, update_cb, g_object_ref (self));
  else
    cd_repository_reschedule_follow_up_async (self->repository, contact_id, id, when,
                                              self->idempotency_key, self->cancellable,
                                              update_cb, g_object_ref (self));
}

/* Reschedule starts from the current time when it is still ahead; snooze from a day later. */
static GDateTime *
initial_time (CdFollowUpTimeDialog *self)
{
  g_autoptr(GDateTime) fallback = cd_follow_up_ui_default_time (self->zone);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *current = cd_follow_up_get_scheduled_at (self->follow_up);

  if (is_snooze (self))
    return g_date_time_add_days (current != NULL && g_date_time_compare (current, now) > 0 ? current : fallback, 1);
  if (current != NULL && g_date_time_compare (current, now) > 0)
    return g_date_time_ref (current);
  return g_date_time_ref (fallback);
}

static GtkWidget *
build_form (CdFollowUpTimeDialog *self)
{
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *entries = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GDateTime) when = initial_time (self);
  g_autofree char *zone = cd_follow_up_ui_zone_name (self->zone);
  g_autofree char *description = g_strdup_printf (_("Time zone: %s"), zone);

  self->date_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->date_entry), _("YYYY-MM-DD"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->date_entry), 10);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->date_entry), 10);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date"), -1);
  self->time_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->time_entry), _("HH:MM"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->time_entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->time_entry), 5);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time"), -1);
  cd_follow_up_ui_set_time_entries (GTK_EDITABLE (self->date_entry), GTK_EDITABLE (self->time_entry),
                                    when, self->zone);
  g_signal_connect_swapped (self->date_entry, "activate", G_CALLBACK (on_save_clicked), self);
  g_signal_connect_swapped (self->time_entry, "activate", G_CALLBACK (on_save_clicked), self);
  gtk_widget_set_valign (entries, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (entries), self->date_entry);
  gtk_box_append (GTK_BOX (entries), self->time_entry);
  self->when_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->when_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->when_row), _("New time"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->when_row), entries);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->when_row);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "cd-fu-error-text");
  gtk_widget_set_visible (self->error_label, FALSE);

  gtk_widget_set_margin_top (form, 18);
  gtk_widget_set_margin_bottom (form, 18);
  gtk_widget_set_margin_start (form, 12);
  gtk_widget_set_margin_end (form, 12);
  gtk_box_append (GTK_BOX (form), self->error_label);
  gtk_box_append (GTK_BOX (form), group);
  return form;
}

static void
build (CdFollowUpTimeDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  const char *title = is_snooze (self) ? _("Snooze Follow-up") : _("Reschedule Follow-up");

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  self->cancel_button = cancel;
  self->save_button = gtk_button_new ();
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), build_form (self));
  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_window_set_title (GTK_WINDOW (self), title);
  set_in_flight (self, FALSE);
}

GtkWidget *
cd_follow_up_time_dialog_new (GtkWindow         *parent,
                              CdRepository      *repository,
                              CdFollowUp        *follow_up,
                              CdFollowUpActions  action,
                              GTimeZone         *zone)
{
  CdFollowUpTimeDialog *self;

  g_return_val_if_fail (CD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CD_IS_FOLLOW_UP (follow_up), NULL);

  cd_follow_up_ui_ensure_style ();
  self = g_object_new (CD_TYPE_FOLLOW_UP_TIME_DIALOG,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       "default-width", 420,
                       NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->repository = g_object_ref (repository);
  self->follow_up = g_object_ref (follow_up);
  self->action = action;
  self->zone = zone ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  build (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), &self->in_flight);
  return GTK_WIDGET (self);
}

GtkWidget *
cd_follow_up_time_dialog_get_part (CdFollowUpTimeDialog *self,
                                   const char           *name)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP_TIME_DIALOG (self), NULL);

  if (g_strcmp0 (name, "date_entry") == 0)
    return self->date_entry;
  if (g_strcmp0 (name, "time_entry") == 0)
    return self->time_entry;
  if (g_strcmp0 (name, "when_row") == 0)
    return self->when_row;
  if (g_strcmp0 (name, "error_label") == 0)
    return self->error_label;
  if (g_strcmp0 (name, "save_button") == 0)
    return self->save_button;
  return NULL;
}

gboolean
cd_follow_up_time_dialog_get_queued (CdFollowUpTimeDialog *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP_TIME_DIALOG (self), FALSE);
  return self->queued;
}
