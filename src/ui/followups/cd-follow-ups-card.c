/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-followups"

#include <glib/gi18n.h>

#include "cd-follow-up-detail.h"
#include "cd-follow-up-ui.h"
#include "cd-follow-ups-card.h"
#include "cd-follow-ups-view.h"

#define CARD_ROWS 5

struct _CdFollowUpsCard
{
  AdwBin     parent_instance;
  gboolean   can_schedule;
  gboolean   online;
  gboolean   show_heading;
  GtkWidget *details_window;   /* weak */

  GtkWidget *heading_label;
  GtkWidget *schedule_button;
  GtkWidget *schedule_compact;
  GtkWidget *view_all_button;
  GtkWidget *reason_label;
  GtkWidget *view;
  GtkWidget *more_label;
};

G_DEFINE_FINAL_TYPE (CdFollowUpsCard, cd_follow_ups_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CAN_SCHEDULE,
  PROP_ONLINE,
  PROP_SHOW_HEADING,
  N_PROPS
};

enum {
  VIEW_ALL,
  CHANGED,
  OPEN_CAMPAIGN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
cd_follow_ups_card_dispose (GObject *object)
{
  CdFollowUpsCard *self = CD_FOLLOW_UPS_CARD (object);

  if (self->details_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->details_window));
  g_clear_weak_pointer (&self->details_window);
  G_OBJECT_CLASS (cd_follow_ups_card_parent_class)->dispose (object);
}

static void
cd_follow_ups_card_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CdFollowUpsCard *self = CD_FOLLOW_UPS_CARD (object);

  switch (prop_id)
    {
    case PROP_CAN_SCHEDULE:
      g_value_set_boolean (value, self->can_schedule);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_SHOW_HEADING:
      g_value_set_boolean (value, self->show_heading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_follow_ups_card_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CdFollowUpsCard *self = CD_FOLLOW_UPS_CARD (object);

  switch (prop_id)
    {
    case PROP_CAN_SCHEDULE:
      cd_follow_ups_card_set_can_schedule (self, g_value_get_boolean (value));
      break;
    case PROP_ONLINE:
      cd_follow_ups_card_set_online (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_HEADING:
      cd_follow_ups_card_set_show_heading (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_follow_ups_card_class_init (CdFollowUpsCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_follow_ups_card_dispose;
  object_class->get_property = cd_follow_ups_card_get_property;
  object_class->set_property = cd_follow_ups_card_set_property;

  properties[PROP_CAN_SCHEDULE] =
    g_param_spec_boolean ("can-schedule", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_HEADING] =
    g_param_spec_boolean ("show-heading", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[VIEW_ALL] = g_signal_new ("view-all", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[OPEN_CAMPAIGN] = g_signal_new ("open-campaign", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT64);
}

static CdFollowUpsView *
view (CdFollowUpsCard *self)
{
  return CD_FOLLOW_UPS_VIEW (self->view);
}

static void
sync_controls (CdFollowUpsCard *self)
{
  const char *reason = NULL;
  guint total = g_list_model_get_n_items (cd_follow_ups_view_get_model (view (self)));

  if (!self->can_schedule)
    reason = _("View only — your role can't schedule or change follow-ups");
  else if (!self->online)
    reason = _("Offline — changes are saved on this device and sent when you are back online");
  gtk_label_set_text (GTK_LABEL (self->reason_label), reason ? reason : "");
  gtk_widget_set_visible (self->reason_label, reason != NULL);
  /* Offline too: scheduling waits in the outbox. */
  gtk_widget_set_visible (self->schedule_button, self->can_schedule);
  gtk_widget_set_visible (self->schedule_compact, self->can_schedule);
  gtk_widget_set_sensitive (self->schedule_button, cd_follow_ups_view_get_contact_id (view (self)) > 0);
  gtk_widget_set_sensitive (self->schedule_compact, cd_follow_ups_view_get_contact_id (view (self)) > 0);
  gtk_widget_set_visible (self->heading_label, self->show_heading);
  if (total > CARD_ROWS)
    {
      g_autofree char *text = g_strdup_printf (_("Showing %u of %u"), CARD_ROWS, total);

      gtk_label_set_text (GTK_LABEL (self->more_label), text);
    }
  /* Items are only ever shown as the list, so the count alone decides. */
  gtk_widget_set_visible (self->more_label, total > CARD_ROWS);
}

static void
on_schedule_clicked (CdFollowUpsCard *self)
{
  cd_follow_ups_view_schedule (view (self));
}

static void
on_view_all_clicked (CdFollowUpsCard *self)
{
  g_signal_emit (self, signals[VIEW_ALL], 0);
}

static void
on_view_changed (CdFollowUpsView *v,
                 CdFollowUp      *follow_up,
                 CdFollowUpsCard *self)
{
  sync_controls (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_open_campaign (CdFollowUpsView *v,
                  gint64           campaign_id,
                  CdFollowUpsCard *self)
{
  g_signal_emit (self, signals[OPEN_CAMPAIGN], 0, campaign_id);
}

/* View from the card: a details window, so the card keeps its place. */
static void
on_view_follow_up (CdFollowUpsView *v,
                   CdFollowUp      *follow_up,
                   CdFollowUpsCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window = adw_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *detail = cd_follow_up_detail_new ();

  cd_follow_up_detail_set_follow_up (CD_FOLLOW_UP_DETAIL (detail), follow_up,
                                     cd_follow_ups_view_get_time_zone (v));
  gtk_widget_set_margin_top (detail, 18);
  gtk_widget_set_margin_bottom (detail, 18);
  gtk_widget_set_margin_start (detail, 12);
  gtk_widget_set_margin_end (detail, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), detail);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (content), scroller);
  adw_window_set_content (ADW_WINDOW (window), content);
  gtk_window_set_title (GTK_WINDOW (window), _("Follow-up Details"));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 640);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  g_set_weak_pointer (&self->details_window, window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_view_state (CdFollowUpsCard *self)
{
  sync_controls (self);
}

static GtkWidget *
build_header (CdFollowUpsCard *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *squeezer = adw_squeezer_new ();

  self->heading_label = gtk_label_new (_("Follow-ups"));
  gtk_label_set_xalign (GTK_LABEL (self->heading_label), 0);
  gtk_widget_add_css_class (self->heading_label, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading_label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_widget_set_hexpand (spacer, TRUE);
  self->schedule_button = gtk_button_new_with_mnemonic (_("_Schedule Follow-up"));
  gtk_widget_set_tooltip_text (self->schedule_button, _("Schedule a follow-up for this contact"));
  g_signal_connect_swapped (self->schedule_button, "clicked", G_CALLBACK (on_schedule_clicked), self);
  self->view_all_button = gtk_button_new_with_mnemonic (_("_View All"));
  gtk_widget_add_css_class (self->view_all_button, "flat");
  gtk_widget_set_tooltip_text (self->view_all_button, _("Open all follow-ups of this contact"));
  g_signal_connect_swapped (self->view_all_button, "clicked", G_CALLBACK (on_view_all_clicked), self);
  /* Narrow widths get the same action as an icon button. */
  self->schedule_compact = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (self->schedule_compact, _("Schedule Follow-up"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->schedule_compact),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Schedule Follow-up"), -1);
  g_signal_connect_swapped (self->schedule_compact, "clicked", G_CALLBACK (on_schedule_clicked), self);
  gtk_widget_set_halign (self->schedule_compact, GTK_ALIGN_END);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), self->schedule_button);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), self->schedule_compact);
  adw_squeezer_set_homogeneous (ADW_SQUEEZER (squeezer), FALSE);
  adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
  gtk_widget_set_valign (squeezer, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->schedule_button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->view_all_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), self->heading_label);
  /* "as of 10:42" when the list came from the cache unconfirmed. */
  gtk_box_append (GTK_BOX (header), cd_follow_ups_view_get_part (view (self), "as_of_label"));
  gtk_box_append (GTK_BOX (header), spacer);
  gtk_box_append (GTK_BOX (header), self->view_all_button);
  gtk_box_append (GTK_BOX (header), squeezer);
  return header;
}

static void
cd_follow_ups_card_init (CdFollowUpsCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->can_schedule = TRUE;
  self->online = TRUE;
  self->show_heading = TRUE;

  self->reason_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->reason_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->reason_label), TRUE);
  gtk_widget_add_css_class (self->reason_label, "dim-label");
  gtk_widget_add_css_class (self->reason_label, "cd-fu-reason");
  self->view = cd_follow_ups_view_new ();
  cd_follow_ups_view_set_max_rows (view (self), CARD_ROWS);
  g_signal_connect (self->view, "changed", G_CALLBACK (on_view_changed), self);
  g_signal_connect (self->view, "open-campaign", G_CALLBACK (on_open_campaign), self);
  g_signal_connect (self->view, "view", G_CALLBACK (on_view_follow_up), self);
  g_signal_connect_swapped (cd_follow_ups_view_get_model (view (self)), "items-changed",
                            G_CALLBACK (on_view_state), self);
  self->more_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->more_label), 0);
  gtk_widget_add_css_class (self->more_label, "dim-label");
  gtk_widget_add_css_class (self->more_label, "cd-fu-reason");

  gtk_box_append (GTK_BOX (box), build_header (self));
  gtk_box_append (GTK_BOX (box), self->reason_label);
  gtk_box_append (GTK_BOX (box), self->view);
  gtk_box_append (GTK_BOX (box), self->more_label);
  adw_bin_set_child (ADW_BIN (self), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Follow-ups"), -1);
  sync_controls (self);
}

GtkWidget *
cd_follow_ups_card_new (void)
{
  cd_follow_up_ui_ensure_style ();
  return g_object_new (CD_TYPE_FOLLOW_UPS_CARD, NULL);
}

void
cd_follow_ups_card_set_repository (CdFollowUpsCard *self,
                                   CdRepository    *repository)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_CARD (self));
  cd_follow_ups_view_set_repository (view (self), repository);
}

void
cd_follow_ups_card_load (CdFollowUpsCard *self,
                         gint64           contact_id)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_CARD (self));
  cd_follow_ups_view_load (view (self), contact_id);
  sync_controls (self);
}

void
cd_follow_ups_card_set_time_zone (CdFollowUpsCard *self,
                                  GTimeZone       *zone)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_CARD (self));
  cd_follow_ups_view_set_time_zone (view (self), zone);
}

void
cd_follow_ups_card_set_can_schedule (CdFollowUpsCard *self,
                                     gboolean         can_schedule)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_CARD (self));

  if (self->can_schedule == !!can_schedule)
    return;
  self->can_schedule = !!can_schedule;
  cd_follow_ups_view_set_can_schedule (view (self), self->can_schedule);
  sync_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SCHEDULE]);
}

gboolean
cd_follow_ups_card_get_can_schedule (CdFollowUpsCard *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_CARD (self), FALSE);
  return self->can_schedule;
}

void
cd_follow_ups_card_set_online (CdFollowUpsCard *self,
                               gboolean         online)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_CARD (self));

  if (self->online == !!online)
    return;
  self->online = !!online;
  cd_follow_ups_view_set_online (view (self), self->online);
  sync_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

gboolean
cd_follow_ups_card_get_online (CdFollowUpsCard *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_CARD (self), FALSE);
  return self->online;
}

void
cd_follow_ups_card_set_show_heading (CdFollowUpsCard *self,
                                     gboolean         show_heading)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_CARD (self));

  if (self->show_heading == !!show_heading)
    return;
  self->show_heading = !!show_heading;
  sync_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_HEADING]);
}

GtkWidget *
cd_follow_ups_card_get_part (CdFollowUpsCard *self,
                             const char      *name)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_CARD (self), NULL);

  if (g_strcmp0 (name, "view") == 0)
    return self->view;
  if (g_strcmp0 (name, "schedule_button") == 0)
    return self->schedule_button;
  if (g_strcmp0 (name, "schedule_compact") == 0)
    return self->schedule_compact;
  if (g_strcmp0 (name, "view_all_button") == 0)
    return self->view_all_button;
  if (g_strcmp0 (name, "reason_label") == 0)
    return self->reason_label;
  if (g_strcmp0 (name, "heading_label") == 0)
    return self->heading_label;
  if (g_strcmp0 (name, "more_label") == 0)
    return self->more_label;
  return NULL;
}

GtkWidget *
cd_follow_ups_card_get_dialog (CdFollowUpsCard *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_CARD (self), NULL);

  if (self->details_window != NULL)
    return self->details_window;
  return cd_follow_ups_view_get_dialog (view (self));
}
