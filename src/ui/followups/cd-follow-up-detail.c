/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-followups"

#include <glib/gi18n.h>

#include "cd-follow-up-detail.h"
#include "cd-follow-up-ui.h"
#include "cd-format.h"

struct _CdFollowUpDetail
{
  GtkBox      parent_instance;
  CdFollowUp *follow_up;
  GtkWidget  *status_badge;
  GtkWidget  *window_badge;
  GtkWidget  *title_label;
  GHashTable *values;   /* field → GtkLabel (borrowed) */
};

G_DEFINE_FINAL_TYPE (CdFollowUpDetail, cd_follow_up_detail, GTK_TYPE_BOX)

static void
cd_follow_up_detail_dispose (GObject *object)
{
  CdFollowUpDetail *self = CD_FOLLOW_UP_DETAIL (object);

  g_clear_object (&self->follow_up);
  g_clear_pointer (&self->values, g_hash_table_unref);
  G_OBJECT_CLASS (cd_follow_up_detail_parent_class)->dispose (object);
}

static void
cd_follow_up_detail_class_init (CdFollowUpDetailClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cd_follow_up_detail_dispose;
}

static void
add_field (CdFollowUpDetail *self,
           GtkWidget        *group,
           const char       *field,
           const char       *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (CD_EM_DASH);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_add_css_class (value, "cd-fu-detail-value");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_hash_table_insert (self->values, (gpointer) field, value);
}

static GtkWidget *
text_group (CdFollowUpDetail *self,
            const char       *field,
            const char       *title)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *label = gtk_label_new (CD_EM_DASH);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "card");
  gtk_widget_add_css_class (label, "cd-fu-placeholder");
  gtk_widget_set_margin_top (label, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  g_hash_table_insert (self->values, (gpointer) field, label);
  return group;
}

static void
cd_follow_up_detail_init (CdFollowUpDetail *self)
{
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *when = adw_preferences_group_new ();
  GtkWidget *how = adw_preferences_group_new ();
  GtkWidget *record = adw_preferences_group_new ();

  self->values = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);

  self->status_badge = cd_follow_up_ui_badge_new ("", NULL);
  self->window_badge = cd_follow_up_ui_badge_new (_("Out of window"), "cd-fu-outline");
  self->title_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_widget_add_css_class (self->title_label, "title-2");
  gtk_box_append (GTK_BOX (heading), self->title_label);
  gtk_box_append (GTK_BOX (heading), self->status_badge);
  gtk_box_append (GTK_BOX (heading), self->window_badge);
  gtk_box_append (GTK_BOX (self), heading);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (when), _("Schedule"));
  add_field (self, when, "status", _("Status"));
  add_field (self, when, "scheduled", _("Scheduled for"));
  add_field (self, when, "attempts", _("Attempts"));
  add_field (self, when, "window", _("Outside the calling window"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (how), _("Follow-up"));
  add_field (self, how, "type", _("Type"));
  add_field (self, how, "priority", _("Priority"));
  add_field (self, how, "agent", _("Agent"));
  add_field (self, how, "campaign", _("Campaign"));
  add_field (self, how, "source", _("Source"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (record), _("Record"));
  add_field (self, record, "created", _("Created"));
  add_field (self, record, "updated", _("Updated"));
  add_field (self, record, "id", _("Follow-up ID"));
  gtk_box_append (GTK_BOX (self), when);
  gtk_box_append (GTK_BOX (self), text_group (self, "notes", _("Notes")));
  gtk_box_append (GTK_BOX (self), text_group (self, "closed_reason", _("Closed Reason")));
  gtk_box_append (GTK_BOX (self), how);
  gtk_box_append (GTK_BOX (self), record);
}

GtkWidget *
cd_follow_up_detail_new (void)
{
  cd_follow_up_ui_ensure_style ();
  return g_object_new (CD_TYPE_FOLLOW_UP_DETAIL, NULL);
}

static void
set_value (CdFollowUpDetail *self,
           const char       *field,
           const char       *text)
{
  GtkLabel *label = g_hash_table_lookup (self->values, field);

  gtk_label_set_text (label, text != NULL && *text != '\0' ? text : CD_EM_DASH);
}

static void
set_owned_value (CdFollowUpDetail *self,
                 const char       *field,
                 char             *text)
{
  set_value (self, field, text);
  g_free (text);
}

static char *
count_text (gint64 value)
{
  return value >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : g_strdup (CD_EM_DASH);
}

static char *
attempts_text (CdFollowUp *follow_up)
{
  g_autofree char *current = count_text (cd_follow_up_get_attempts (follow_up));
  g_autofree char *max = count_text (cd_follow_up_get_max_attempts (follow_up));

  return g_strdup_printf ("%s/%s", current, max);
}

void
cd_follow_up_detail_set_follow_up (CdFollowUpDetail *self,
                                   CdFollowUp       *follow_up,
                                   GTimeZone        *zone)
{
  CdFollowUpStatus status;
  g_autofree char *title = NULL;

  g_return_if_fail (CD_IS_FOLLOW_UP_DETAIL (self));
  g_return_if_fail (CD_IS_FOLLOW_UP (follow_up));

  g_set_object (&self->follow_up, follow_up);
  status = cd_follow_up_get_status (follow_up);
  gtk_label_set_text (GTK_LABEL (self->status_badge), cd_follow_up_ui_status_label (status));
  gtk_widget_set_css_classes (self->status_badge,
                              (const char *[]) { "cd-fu-badge", cd_follow_up_ui_status_css_class (status), NULL });
  gtk_widget_set_visible (self->window_badge, cd_follow_up_get_allow_out_of_window (follow_up));
  title = g_strdup_printf (_("%s Follow-up"),
                           cd_follow_up_ui_type_label (cd_follow_up_get_follow_up_type (follow_up)));
  gtk_label_set_text (GTK_LABEL (self->title_label), title);

  set_value (self, "status", cd_follow_up_ui_status_label (status));
  set_owned_value (self, "scheduled", cd_format_datetime (cd_follow_up_get_scheduled_at (follow_up), zone));
  set_owned_value (self, "attempts", attempts_text (follow_up));
  set_value (self, "window", cd_follow_up_get_allow_out_of_window (follow_up) ? _("Allowed") : _("Not allowed"));
  set_value (self, "type", cd_follow_up_ui_type_label (cd_follow_up_get_follow_up_type (follow_up)));
  set_value (self, "priority", cd_follow_up_ui_priority_label (cd_follow_up_get_priority (follow_up)));
  set_value (self, "agent", cd_follow_up_get_agent_name (follow_up) ? cd_follow_up_get_agent_name (follow_up)
                                                                     : _("Inherited from source"));
  set_value (self, "campaign", cd_follow_up_get_campaign_name (follow_up));
  set_value (self, "source", cd_follow_up_ui_source_label (cd_follow_up_get_source (follow_up)));
  set_value (self, "notes", cd_follow_up_get_notes (follow_up));
  set_value (self, "closed_reason", cd_follow_up_get_closed_reason (follow_up));
  set_owned_value (self, "created", cd_format_datetime (cd_follow_up_get_created_at (follow_up), zone));
  set_owned_value (self, "updated", cd_format_datetime (cd_follow_up_get_updated_at (follow_up), zone));
  set_owned_value (self, "id", g_strdup_printf ("%" G_GINT64_FORMAT, cd_follow_up_get_id (follow_up)));
}

CdFollowUp *
cd_follow_up_detail_get_follow_up (CdFollowUpDetail *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP_DETAIL (self), NULL);
  return self->follow_up;
}

const char *
cd_follow_up_detail_get_value (CdFollowUpDetail *self,
                               const char       *field)
{
  GtkLabel *label;

  g_return_val_if_fail (CD_IS_FOLLOW_UP_DETAIL (self), NULL);
  label = g_hash_table_lookup (self->values, field);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}
