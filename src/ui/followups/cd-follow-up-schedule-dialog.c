/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-followups"

#include <glib/gi18n.h>

#include "cd-agent.h"
#include "cd-error.h"
#include "cd-follow-up-schedule-dialog.h"
#include "cd-follow-up-ui.h"
#include "cd-offline-ui.h"
#include "cd-repository-follow-ups.h"

struct _CdFollowUpScheduleDialog
{
  AdwWindow     parent_instance;
  CdRepository *repository;
  gboolean      queued;
  gint64        contact_id;
  GTimeZone    *zone;
  GCancellable *cancellable;
  char         *idempotency_key;
  GArray       *agent_ids;      /* parallel to the agent row's model; 0 = inherit */
  gboolean      in_flight;
  gboolean      agents_loaded;

  GtkWidget    *date_entry;
  GtkWidget    *time_entry;
  GtkWidget    *when_row;
  GtkWidget    *type_row;
  GtkWidget    *agent_row;
  GtkWidget    *priority_row;
  GtkWidget    *attempts_row;
  GtkWidget    *attempts_spin;
  GtkWidget    *window_row;
  GtkWidget    *window_switch;
  GtkWidget    *notes_view;
  GtkWidget    *notes_error;
  GtkWidget    *error_label;
  GtkWidget    *schedule_button;
  GtkWidget    *cancel_button;
};

G_DEFINE_FINAL_TYPE (CdFollowUpScheduleDialog, cd_follow_up_schedule_dialog, ADW_TYPE_WINDOW)

enum {
  SCHEDULED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const CdFollowUpType types[] = {
  CD_FOLLOW_UP_TYPE_CALL, CD_FOLLOW_UP_TYPE_SMS, CD_FOLLOW_UP_TYPE_WEBHOOK,
};
static const CdFollowUpPriority priorities[] = {
  CD_FOLLOW_UP_PRIORITY_LOW, CD_FOLLOW_UP_PRIORITY_NORMAL,
  CD_FOLLOW_UP_PRIORITY_HIGH, CD_FOLLOW_UP_PRIORITY_URGENT,
};

static void
cd_follow_up_schedule_dialog_dispose (GObject *object)
{
  CdFollowUpScheduleDialog *self = CD_FOLLOW_UP_SCHEDULE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->agent_ids, g_array_unref);
  G_OBJECT_CLASS (cd_follow_up_schedule_dialog_parent_class)->dispose (object);
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
cd_follow_up_schedule_dialog_class_init (CdFollowUpScheduleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_follow_up_schedule_dialog_dispose;
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, close_binding, NULL);

  signals[SCHEDULED] = g_signal_new ("scheduled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);
}

static void
cd_follow_up_schedule_dialog_init (CdFollowUpScheduleDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->idempotency_key = g_uuid_string_random ();
  self->agent_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
}

/* ---- errors ------------------------------------------------------------ */

static void
set_general_error (CdFollowUpScheduleDialog *self,
                   const char               *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

static void
clear_errors (CdFollowUpScheduleDialog *self)
{
  GtkWidget *rows[] = { self->when_row, self->type_row, self->agent_row, self->priority_row,
                        self->attempts_row, self->window_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    cd_follow_up_ui_set_row_error (ADW_ACTION_ROW (rows[i]), NULL);
  gtk_widget_remove_css_class (self->date_entry, "error");
  gtk_widget_remove_css_class (self->time_entry, "error");
  gtk_widget_remove_css_class (self->attempts_spin, "error");
  gtk_widget_set_visible (self->notes_error, FALSE);
  set_general_error (self, NULL);
}

/* The row a server field name belongs to, or NULL. */
static GtkWidget *
row_for_field (CdFollowUpScheduleDialog *self,
               const char               *field)
{
  if (g_str_equal (field, "scheduled_at"))
    return self->when_row;
  if (g_str_equal (field, "type"))
    return self->type_row;
  if (g_str_equal (field, "agent_id"))
    return self->agent_row;
  if (g_str_equal (field, "priority"))
    return self->priority_row;
  if (g_str_equal (field, "max_attempts"))
    return self->attempts_row;
  if (g_str_equal (field, "allow_out_of_window"))
    return self->window_row;
  return NULL;
}

static void
show_field_error (CdFollowUpScheduleDialog *self,
                  const char               *field,
                  const char               *message)
{
  GtkWidget *row = row_for_field (self, field);

  if (g_str_equal (field, "notes"))
    {
      gtk_label_set_text (GTK_LABEL (self->notes_error), message);
      gtk_widget_set_visible (self->notes_error, TRUE);
    }
  else if (row != NULL)
    cd_follow_up_ui_set_row_error (ADW_ACTION_ROW (row), message);
  if (g_str_equal (field, "scheduled_at"))
    {
      gtk_widget_add_css_class (self->date_entry, "error");
      gtk_widget_add_css_class (self->time_entry, "error");
    }
  else if (g_str_equal (field, "max_attempts"))
    gtk_widget_add_css_class (self->attempts_spin, "error");
}

static void
show_server_error (CdFollowUpScheduleDialog *self,
                   const GError             *error)
{
  g_auto(GStrv) fields = NULL;
  g_autofree char *text = cd_follow_up_ui_error_text (error);
  gboolean placed_all = TRUE;

  if (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_VALIDATION))
    fields = cd_api_error_dup_fields (error);
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      const char * const *messages = cd_api_error_get_field_messages (error, fields[i]);
      g_autofree char *joined = g_strjoinv ("; ", (char **) messages);

      if (row_for_field (self, fields[i]) == NULL && !g_str_equal (fields[i], "notes"))
        placed_all = FALSE;
      else
        show_field_error (self, fields[i], joined);
    }
  /* Anything not tied to a field (or an unknown field) stays visible on top. */
  if (fields == NULL || fields[0] == NULL || !placed_all)
    set_general_error (self, text);
}

/* ---- submit ------------------------------------------------------------ */

static void
set_in_flight (CdFollowUpScheduleDialog *self,
               gboolean                  in_flight)
{
  self->in_flight = in_flight;
  gtk_button_set_label (GTK_BUTTON (self->schedule_button),
                        in_flight ? _("Scheduling…") : _("Schedule"));
  gtk_widget_set_sensitive (self->schedule_button, !in_flight);
  gtk_widget_set_sensitive (self->cancel_button, !in_flight);
}

static void
schedule_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CdFollowUpScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowUp) follow_up = NULL;

  follow_up = cd_repository_schedule_follow_up_finish (CD_REPOSITORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_in_flight (self, FALSE);
  if (follow_up == NULL)
    {
      guint status = error->domain == CD_API_ERROR ? cd_api_error_get_http_status (error) : 0;

      /* A 4xx was not acted on: the corrected form is a new request. */
      if (status >= 400 && status < 500)
        {
          g_free (self->idempotency_key);
          self->idempotency_key = g_uuid_string_random ();
        }
      show_server_error (self, error);
      return;
    }
  self->queued = cd_offline_ui_was_queued (result);
  g_signal_emit (self, signals[SCHEDULED], 0, follow_up);
  gtk_window_destroy (GTK_WINDOW (self));
}

static char *
dup_notes (CdFollowUpScheduleDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/* The time in the form, or NULL with the field marked. */
static GDateTime *
read_time (CdFollowUpScheduleDialog *self)
{
  g_autofree char *message = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *when;

  when = cd_follow_up_ui_parse_time (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)),
                                     gtk_editable_get_text (GTK_EDITABLE (self->time_entry)),
                                     self->zone, &message);
  if (when != NULL && g_date_time_compare (when, now) <= 0)
    {
      g_clear_pointer (&when, g_date_time_unref);
      message = g_strdup (_("This time is in the past; choose a later one"));
    }
  if (when == NULL)
    show_field_error (self, "scheduled_at", message);
  return when;
}

static void
on_schedule_clicked (CdFollowUpScheduleDialog *self)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *notes = NULL;
  guint agent_index;
  CdFollowUpParams params = { 0 };

  /* A second click while the first request runs must not send anything. */
  if (self->in_flight)
    return;
  clear_errors (self);
  when = read_time (self);
  if (when == NULL)
    {
      gtk_widget_grab_focus (self->date_entry);
      return;
    }
  notes = dup_notes (self);
  agent_index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->agent_row));
  params.type = types[MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->type_row)), G_N_ELEMENTS (types) - 1)];
  params.priority = priorities[MIN (adw_combo_row_get_selected (ADW_COMBO_ROW (self->priority_row)),
                                    G_N_ELEMENTS (priorities) - 1)];
  params.scheduled_at = when;
  params.agent_id = agent_index < self->agent_ids->len ? g_array_index (self->agent_ids, gint64, agent_index) : 0;
  params.max_attempts = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->attempts_spin));
  params.allow_out_of_window = gtk_switch_get_active (GTK_SWITCH (self->window_switch));
  params.notes = notes;
  set_in_flight (self, TRUE);
  cd_repository_schedule_follow_up_async (self->repository, self->contact_id, &params,
                                          self->idempotency_key, self->cancellable,
                                          schedule_cb, g_object_ref (self));
}

/* ---- agents ------------------------------------------------------------ */

static void
agents_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdFollowUpScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) agents = NULL;
  GtkStringList *names;

  agents = cd_repository_list_agents_finish (CD_REPOSITORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->agents_loaded = TRUE;
  if (agents == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->agent_row),
                                   _("Couldn't load agents; the source's agent will be used"));
      return;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->agent_row), "");
  names = GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (self->agent_row)));
  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(CdAgent) agent = g_list_model_get_item (agents, i);
      gint64 id = cd_agent_get_id (agent);
      const char *name = cd_agent_get_name (agent);

      if (id <= 0)
        continue;
      g_array_append_val (self->agent_ids, id);
      gtk_string_list_append (names, name != NULL && *name != '\0' ? name : _("Unnamed agent"));
    }
}

/* ---- construction ------------------------------------------------------ */

static GtkWidget *
combo_row (const char          *title,
           const char * const  *labels,
           guint                selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

static GtkWidget *
action_row (const char *title,
            GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (suffix), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  return row;
}

static GtkWidget *
build_when_group (CdFollowUpScheduleDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *entries = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GDateTime) when = cd_follow_up_ui_default_time (self->zone);
  g_autofree char *zone = cd_follow_up_ui_zone_name (self->zone);
  g_autofree char *description = g_strdup_printf (_("Time zone: %s"), zone);

  self->date_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->date_entry), _("YYYY-MM-DD"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->date_entry), 10);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->date_entry), 10);
  gtk_widget_set_tooltip_text (self->date_entry, _("Date (YYYY-MM-DD)"));
  self->time_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->time_entry), _("HH:MM"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->time_entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->time_entry), 5);
  gtk_widget_set_tooltip_text (self->time_entry, _("Time (24-hour HH:MM)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time"), -1);
  cd_follow_up_ui_set_time_entries (GTK_EDITABLE (self->date_entry), GTK_EDITABLE (self->time_entry),
                                    when, self->zone);
  gtk_box_append (GTK_BOX (entries), self->date_entry);
  gtk_box_append (GTK_BOX (entries), self->time_entry);
  self->when_row = action_row (_("Date and time"), entries);
  g_signal_connect_swapped (self->date_entry, "activate", G_CALLBACK (on_schedule_clicked), self);
  g_signal_connect_swapped (self->time_entry, "activate", G_CALLBACK (on_schedule_clicked), self);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("When"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->when_row);
  return group;
}

static GtkWidget *
build_details_group (CdFollowUpScheduleDialog *self)
{
  const char *type_labels[] = { _("Call"), _("SMS"), _("Webhook"), NULL };
  const char *priority_labels[] = { _("Low"), _("Normal"), _("High"), _("Urgent"), NULL };
  const char *agent_labels[] = { _("Inherit from source"), NULL };
  GtkWidget *group = adw_preferences_group_new ();
  gint64 inherit = 0;

  self->type_row = combo_row (_("Type"), type_labels, 0);
  self->agent_row = combo_row (_("Agent"), agent_labels, 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->agent_row), _("Loading agents…"));
  g_array_append_val (self->agent_ids, inherit);
  self->priority_row = combo_row (_("Priority"), priority_labels, 1);
  self->attempts_spin = gtk_spin_button_new_with_range (1, 10, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->attempts_spin), 3);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->attempts_spin), TRUE);
  self->attempts_row = action_row (_("Maximum attempts"), self->attempts_spin);
  self->window_switch = gtk_switch_new ();
  self->window_row = action_row (_("Allow outside the calling window"), self->window_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->window_row), self->window_switch);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Details"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->type_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->agent_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->priority_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->attempts_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->window_row);
  return group;
}

static GtkWidget *
build_notes_group (CdFollowUpScheduleDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->notes_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->notes_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->notes_view), 9);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->notes_view), 9);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->notes_view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->notes_view), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->notes_view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 72);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_set_overflow (scroller, GTK_OVERFLOW_HIDDEN);
  self->notes_error = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->notes_error), 0);
  gtk_label_set_wrap (GTK_LABEL (self->notes_error), TRUE);
  gtk_widget_add_css_class (self->notes_error, "cd-fu-error-text");
  gtk_widget_add_css_class (self->notes_error, "caption");
  gtk_widget_set_margin_top (self->notes_error, 6);
  gtk_widget_set_visible (self->notes_error, FALSE);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Notes"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), scroller);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->notes_error);
  return group;
}

static GtkWidget *
build_header (CdFollowUpScheduleDialog *self)
{
  GtkWidget *header = adw_header_bar_new ();

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Schedule Follow-up"), NULL));
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gtk_window_close), self);
  self->schedule_button = gtk_button_new_with_label (_("Schedule"));
  gtk_widget_add_css_class (self->schedule_button, "suggested-action");
  g_signal_connect_swapped (self->schedule_button, "clicked", G_CALLBACK (on_schedule_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->schedule_button);
  return header;
}

static void
build (CdFollowUpScheduleDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

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
  gtk_box_append (GTK_BOX (form), build_when_group (self));
  gtk_box_append (GTK_BOX (form), build_details_group (self));
  gtk_box_append (GTK_BOX (form), build_notes_group (self));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 520);
  adw_clamp_set_child (ADW_CLAMP (clamp), form);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (content), build_header (self));
  gtk_box_append (GTK_BOX (content), scroller);
  adw_window_set_content (ADW_WINDOW (self), content);
}

GtkWidget *
cd_follow_up_schedule_dialog_new (GtkWindow    *parent,
                                  CdRepository *repository,
                                  gint64        contact_id,
                                  GTimeZone    *zone)
{
  CdFollowUpScheduleDialog *self;

  g_return_val_if_fail (CD_IS_REPOSITORY (repository), NULL);

  cd_follow_up_ui_ensure_style ();
  self = g_object_new (CD_TYPE_FOLLOW_UP_SCHEDULE_DIALOG,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       "title", _("Schedule Follow-up"),
                       "default-width", 480,
                       "default-height", 720,
                       NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->repository = g_object_ref (repository);
  self->contact_id = contact_id;
  self->zone = zone ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  build (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->schedule_button);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), &self->in_flight);
  cd_repository_list_agents_async (repository, self->cancellable, agents_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}

gboolean
cd_follow_up_schedule_dialog_get_agents_loaded (CdFollowUpScheduleDialog *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP_SCHEDULE_DIALOG (self), FALSE);
  return self->agents_loaded;
}

GtkWidget *
cd_follow_up_schedule_dialog_get_part (CdFollowUpScheduleDialog *self,
                                       const char               *name)
{
  const struct { const char *name; GtkWidget *widget; } parts[] = {
    { "date_entry", self->date_entry }, { "time_entry", self->time_entry },
    { "when_row", self->when_row }, { "type_row", self->type_row },
    { "agent_row", self->agent_row }, { "priority_row", self->priority_row },
    { "attempts_spin", self->attempts_spin }, { "attempts_row", self->attempts_row },
    { "window_switch", self->window_switch }, { "notes_view", self->notes_view },
    { "notes_error", self->notes_error }, { "error_label", self->error_label },
    { "schedule_button", self->schedule_button }, { "cancel_button", self->cancel_button },
  };

  g_return_val_if_fail (CD_IS_FOLLOW_UP_SCHEDULE_DIALOG (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_strcmp0 (name, parts[i].name) == 0)
      return parts[i].widget;
  return NULL;
}

gboolean
cd_follow_up_schedule_dialog_get_queued (CdFollowUpScheduleDialog *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP_SCHEDULE_DIALOG (self), FALSE);
  return self->queued;
}
