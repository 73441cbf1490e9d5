/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-followups"

#include <glib/gi18n.h>

#include "cd-follow-up-row.h"
#include "cd-follow-up-ui.h"
#include "cd-format.h"
#include "cd-offline-ui.h"

struct _CdFollowUpRow
{
  GtkListBoxRow      parent_instance;
  CdFollowUp        *follow_up;
  CdFollowUpActions  actions;
  GtkWidget         *status_badge;
  GtkWidget         *window_badge;
  GtkWidget         *pending_badge;
  GtkWidget         *title_label;
  GtkWidget         *meta_label;
  GtkWidget         *campaign_button;
  GtkWidget         *menu_button;
};

G_DEFINE_FINAL_TYPE (CdFollowUpRow, cd_follow_up_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  ACTION,
  OPEN_CAMPAIGN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  CdFollowUpActions  flag;
  const char        *name;
  const char        *label;
} menu_entries[] = {
  { CD_FOLLOW_UP_ACTIONS_VIEW, "view", N_("View Details") },
  { CD_FOLLOW_UP_ACTIONS_RESCHEDULE, "reschedule", N_("Reschedule…") },
  { CD_FOLLOW_UP_ACTIONS_SNOOZE, "snooze", N_("Snooze…") },
  { CD_FOLLOW_UP_ACTIONS_CANCEL, "cancel", N_("Cancel Follow-up…") },
};

static void
cd_follow_up_row_dispose (GObject *object)
{
  CdFollowUpRow *self = CD_FOLLOW_UP_ROW (object);

  g_clear_object (&self->follow_up);
  G_OBJECT_CLASS (cd_follow_up_row_parent_class)->dispose (object);
}

static void
cd_follow_up_row_class_init (CdFollowUpRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_follow_up_row_dispose;

  signals[ACTION] = g_signal_new ("action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[OPEN_CAMPAIGN] = g_signal_new ("open-campaign", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
cd_follow_up_row_init (CdFollowUpRow *self)
{
}

static void
on_menu_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CdFollowUpRow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  for (guint i = 0; i < G_N_ELEMENTS (menu_entries); i++)
    if (g_str_equal (name, menu_entries[i].name))
      g_signal_emit (self, signals[ACTION], 0, (guint) menu_entries[i].flag);
}

static void
on_campaign_clicked (GtkButton     *button,
                     CdFollowUpRow *self)
{
  g_signal_emit (self, signals[OPEN_CAMPAIGN], 0, cd_follow_up_get_campaign_id (self->follow_up));
}

static GtkWidget *
build_menu_button (CdFollowUpRow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  for (guint i = 0; i < G_N_ELEMENTS (menu_entries); i++)
    {
      g_autoptr(GSimpleAction) action = NULL;
      g_autofree char *detailed = NULL;

      if (!(self->actions & menu_entries[i].flag))
        continue;
      action = g_simple_action_new (menu_entries[i].name, NULL);
      g_signal_connect (action, "activate", G_CALLBACK (on_menu_action), self);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
      detailed = g_strconcat ("row.", menu_entries[i].name, NULL);
      g_menu_append (menu, _(menu_entries[i].label), detailed);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "row", G_ACTION_GROUP (group));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Follow-up Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Follow-up Actions"), -1);
  return button;
}

static char *
build_title (CdFollowUp *follow_up,
             GTimeZone  *zone)
{
  g_autofree char *when = cd_format_datetime (cd_follow_up_get_scheduled_at (follow_up), zone);

  /* Translators: follow-up type, then when it is due, e.g. "Call · 24 Nov 2026, 14:05" */
  return g_strdup_printf (_("%s · %s"),
                          cd_follow_up_ui_type_label (cd_follow_up_get_follow_up_type (follow_up)),
                          when);
}

static char *
format_count (gint64 value)
{
  return value >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : g_strdup (CD_EM_DASH);
}

static char *
build_meta (CdFollowUp *follow_up)
{
  const char *agent = cd_follow_up_get_agent_name (follow_up);
  g_autofree char *current = format_count (cd_follow_up_get_attempts (follow_up));
  g_autofree char *max = format_count (cd_follow_up_get_max_attempts (follow_up));

  /* Translators: agent name, attempts made/allowed ("1/3"), source ("Manual") */
  return g_strdup_printf (_("Agent: %s · Attempts %s/%s · %s"),
                          agent != NULL && *agent != '\0' ? agent : _("inherited"),
                          current, max,
                          cd_follow_up_ui_source_label (cd_follow_up_get_source (follow_up)));
}

static GtkWidget *
build_title_line (CdFollowUpRow *self,
                  GTimeZone     *zone)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  CdFollowUpStatus status = cd_follow_up_get_status (self->follow_up);
  g_autofree char *title = build_title (self->follow_up, zone);

  self->status_badge = cd_follow_up_ui_badge_new (cd_follow_up_ui_status_label (status),
                                                  cd_follow_up_ui_status_css_class (status));
  self->window_badge = cd_follow_up_ui_badge_new (_("Out of window"), "cd-fu-outline");
  gtk_widget_set_tooltip_text (self->window_badge, _("May run outside the calling window"));
  gtk_widget_set_visible (self->window_badge,
                          cd_follow_up_get_allow_out_of_window (self->follow_up));
  self->title_label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  /* Wraps rather than hiding the time on narrow widths. */
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->title_label, "cd-fu-title");
  /* A change waiting in the outbox: the row shows it, marked as not sent. */
  self->pending_badge = cd_offline_ui_pending_badge_new ();
  gtk_widget_set_visible (self->pending_badge, FALSE);
  gtk_box_append (GTK_BOX (line), self->status_badge);
  gtk_box_append (GTK_BOX (line), self->pending_badge);
  gtk_box_append (GTK_BOX (line), self->title_label);
  return line;
}

static GtkWidget *
build_campaign_link (CdFollowUpRow *self)
{
  const char *name = cd_follow_up_get_campaign_name (self->follow_up);
  g_autofree char *label = NULL;
  GtkWidget *button;

  label = g_strdup_printf (_("Campaign: %s"), name != NULL && *name != '\0' ? name : CD_EM_DASH);
  button = gtk_button_new_with_label (label);
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), PANGO_ELLIPSIZE_END);
  gtk_label_set_use_markup (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Open the campaign"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_campaign_clicked), self);
  {
    GtkWidget *wrap = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_widget_add_css_class (wrap, "cd-fu-link");
    gtk_box_append (GTK_BOX (wrap), button);
    gtk_widget_set_visible (wrap, cd_follow_up_get_campaign_id (self->follow_up) > 0);
    self->campaign_button = button;
    return wrap;
  }
}

static void
build (CdFollowUpRow *self,
       GTimeZone     *zone)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *meta_line;
  g_autofree char *meta = build_meta (self->follow_up);
  g_autofree char *title = build_title (self->follow_up, zone);
  g_autofree char *a11y = NULL;

  gtk_widget_add_css_class (box, "cd-fu-row");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), build_title_line (self, zone));
  meta_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->meta_label = gtk_label_new (meta);
  gtk_label_set_xalign (GTK_LABEL (self->meta_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->meta_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->meta_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->meta_label, "cd-fu-meta");
  gtk_widget_add_css_class (self->meta_label, "dim-label");
  /* The outline badge sits with the details, so the time keeps its line. */
  gtk_box_append (GTK_BOX (meta_line), self->window_badge);
  gtk_box_append (GTK_BOX (meta_line), self->meta_label);
  gtk_box_append (GTK_BOX (text), meta_line);
  gtk_box_append (GTK_BOX (text), build_campaign_link (self));
  gtk_box_append (GTK_BOX (box), text);
  self->menu_button = build_menu_button (self);
  gtk_widget_set_visible (self->menu_button, self->actions != CD_FOLLOW_UP_ACTIONS_NONE);
  gtk_box_append (GTK_BOX (box), self->menu_button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  a11y = g_strdup_printf ("%s, %s",
                          cd_follow_up_ui_status_label (cd_follow_up_get_status (self->follow_up)),
                          title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

GtkWidget *
cd_follow_up_row_new (CdFollowUp        *follow_up,
                      GTimeZone         *zone,
                      CdFollowUpActions  actions)
{
  CdFollowUpRow *self;

  g_return_val_if_fail (CD_IS_FOLLOW_UP (follow_up), NULL);

  self = g_object_new (CD_TYPE_FOLLOW_UP_ROW, NULL);
  self->follow_up = g_object_ref (follow_up);
  self->actions = actions & cd_follow_up_allowed_actions (follow_up);
  build (self, zone);
  return GTK_WIDGET (self);
}

CdFollowUp *
cd_follow_up_row_get_follow_up (CdFollowUpRow *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP_ROW (self), NULL);
  return self->follow_up;
}

CdFollowUpActions
cd_follow_up_row_get_actions (CdFollowUpRow *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP_ROW (self), CD_FOLLOW_UP_ACTIONS_NONE);
  return self->actions;
}

GtkWidget *
cd_follow_up_row_get_part (CdFollowUpRow *self,
                           const char    *name)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP_ROW (self), NULL);

  if (g_strcmp0 (name, "status_badge") == 0)
    return self->status_badge;
  if (g_strcmp0 (name, "window_badge") == 0)
    return self->window_badge;
  if (g_strcmp0 (name, "pending_badge") == 0)
    return self->pending_badge;
  if (g_strcmp0 (name, "title_label") == 0)
    return self->title_label;
  if (g_strcmp0 (name, "meta_label") == 0)
    return self->meta_label;
  if (g_strcmp0 (name, "campaign_button") == 0)
    return self->campaign_button;
  if (g_strcmp0 (name, "menu_button") == 0)
    return self->menu_button;
  return NULL;
}

void
cd_follow_up_row_set_pending (CdFollowUpRow *self,
                              gboolean       pending)
{
  g_return_if_fail (CD_IS_FOLLOW_UP_ROW (self));
  gtk_widget_set_visible (self->pending_badge, pending);
}

gboolean
cd_follow_up_row_get_pending (CdFollowUpRow *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP_ROW (self), FALSE);
  return gtk_widget_get_visible (self->pending_badge);
}
