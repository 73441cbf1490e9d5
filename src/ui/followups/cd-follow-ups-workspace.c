/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-followups"

#include <glib/gi18n.h>

#include "cd-follow-up-detail.h"
#include "cd-follow-up-ui.h"
#include "cd-follow-ups-view.h"
#include "cd-follow-ups-workspace.h"

struct _CdFollowUpsWorkspace
{
  AdwBin     parent_instance;
  char      *contact_title;
  gboolean   can_schedule;
  gboolean   online;
  gint64     pending_detail_id;

  GtkWidget *back_button;
  GtkWidget *back_content;
  GtkWidget *window_title;
  GtkWidget *schedule_button;
  GtkWidget *reason_label;
  GtkWidget *filter_dropdown;
  GtkWidget *pages;
  GtkWidget *view;
  GtkWidget *detail;
  GtkWidget *detail_reschedule_button;
  GtkWidget *detail_snooze_button;
  GtkWidget *detail_cancel_button;
};

G_DEFINE_FINAL_TYPE (CdFollowUpsWorkspace, cd_follow_ups_workspace, ADW_TYPE_BIN)

enum {
  BACK,
  CHANGED,
  OPEN_CAMPAIGN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Dropdown position → group; position 0 is "All". */
static const CdFollowUpGroup filter_groups[] = {
  CD_FOLLOW_UP_GROUP_UNKNOWN, CD_FOLLOW_UP_GROUP_NOT_STARTED, CD_FOLLOW_UP_GROUP_IN_PROGRESS,
  CD_FOLLOW_UP_GROUP_DONE, CD_FOLLOW_UP_GROUP_NEEDS_ATTENTION, CD_FOLLOW_UP_GROUP_CANCELLED,
  CD_FOLLOW_UP_GROUP_SNOOZED,
};

static void
cd_follow_ups_workspace_finalize (GObject *object)
{
  CdFollowUpsWorkspace *self = CD_FOLLOW_UPS_WORKSPACE (object);

  g_free (self->contact_title);
  G_OBJECT_CLASS (cd_follow_ups_workspace_parent_class)->finalize (object);
}

static void
cd_follow_ups_workspace_class_init (CdFollowUpsWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_follow_ups_workspace_finalize;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[OPEN_CAMPAIGN] = g_signal_new ("open-campaign", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT64);
}

static CdFollowUpsView *
view (CdFollowUpsWorkspace *self)
{
  return CD_FOLLOW_UPS_VIEW (self->view);
}

static gboolean
showing_detail (CdFollowUpsWorkspace *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->pages)), "detail") == 0;
}

static void
sync_header (CdFollowUpsWorkspace *self)
{
  g_autofree char *back = NULL;
  const char *reason = NULL;

  if (showing_detail (self))
    back = g_strdup (_("Back to Follow-ups"));
  else if (self->contact_title != NULL && *self->contact_title != '\0')
    /* Translators: the back button of the workspace, with the contact's name */
    back = g_strdup_printf (_("Back to %s"), self->contact_title);
  else
    back = g_strdup (_("Back to Contact"));
  adw_button_content_set_label (ADW_BUTTON_CONTENT (self->back_content), back);
  gtk_widget_set_tooltip_text (self->back_button, back);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, back, -1);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title),
                                 self->contact_title ? self->contact_title : "");
  if (!self->can_schedule)
    reason = _("View only — your role can't schedule or change follow-ups");
  else if (!self->online)
    reason = _("Offline — scheduling and changes need a connection");
  gtk_label_set_text (GTK_LABEL (self->reason_label), reason ? reason : "");
  gtk_widget_set_visible (self->reason_label, reason != NULL);
  gtk_widget_set_visible (self->schedule_button, self->can_schedule && self->online);
  gtk_widget_set_visible (self->filter_dropdown, !showing_detail (self));
}

static void
sync_detail_actions (CdFollowUpsWorkspace *self)
{
  CdFollowUp *follow_up = cd_follow_up_detail_get_follow_up (CD_FOLLOW_UP_DETAIL (self->detail));
  CdFollowUpActions actions = CD_FOLLOW_UP_ACTIONS_NONE;

  if (follow_up != NULL)
    actions = cd_follow_ups_view_get_action_mask (view (self)) & cd_follow_up_allowed_actions (follow_up);
  gtk_widget_set_visible (self->detail_reschedule_button, actions & CD_FOLLOW_UP_ACTIONS_RESCHEDULE);
  gtk_widget_set_visible (self->detail_snooze_button, actions & CD_FOLLOW_UP_ACTIONS_SNOOZE);
  gtk_widget_set_visible (self->detail_cancel_button, actions & CD_FOLLOW_UP_ACTIONS_CANCEL);
}

static void
show_detail (CdFollowUpsWorkspace *self,
             CdFollowUp           *follow_up)
{
  cd_follow_up_detail_set_follow_up (CD_FOLLOW_UP_DETAIL (self->detail), follow_up,
                                     cd_follow_ups_view_get_time_zone (view (self)));
  sync_detail_actions (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->pages), "detail");
  sync_header (self);
}

void
cd_follow_ups_workspace_show_list (CdFollowUpsWorkspace *self)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_WORKSPACE (self));
  gtk_stack_set_visible_child_name (GTK_STACK (self->pages), "list");
  sync_header (self);
}

static void
on_back_clicked (CdFollowUpsWorkspace *self)
{
  if (showing_detail (self))
    cd_follow_ups_workspace_show_list (self);
  else
    g_signal_emit (self, signals[BACK], 0);
}

static void
on_view (CdFollowUpsView      *v,
         CdFollowUp           *follow_up,
         CdFollowUpsWorkspace *self)
{
  show_detail (self, follow_up);
}

/* Looks for a follow-up that was asked for before the list arrived. */
static void
try_pending_detail (CdFollowUpsWorkspace *self)
{
  GListModel *model = cd_follow_ups_view_get_model (view (self));

  for (guint i = 0; self->pending_detail_id > 0 && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdFollowUp) item = g_list_model_get_item (model, i);

      if (cd_follow_up_get_id (item) == self->pending_detail_id)
        {
          self->pending_detail_id = 0;
          show_detail (self, item);
        }
    }
}

static void
on_changed (CdFollowUpsView      *v,
            CdFollowUp           *follow_up,
            CdFollowUpsWorkspace *self)
{
  CdFollowUp *shown = cd_follow_up_detail_get_follow_up (CD_FOLLOW_UP_DETAIL (self->detail));

  /* The details follow the server's new version. */
  if (shown != NULL && cd_follow_up_get_id (shown) == cd_follow_up_get_id (follow_up))
    {
      cd_follow_up_detail_set_follow_up (CD_FOLLOW_UP_DETAIL (self->detail), follow_up,
                                         cd_follow_ups_view_get_time_zone (v));
      sync_detail_actions (self);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_open_campaign (CdFollowUpsView      *v,
                  gint64                campaign_id,
                  CdFollowUpsWorkspace *self)
{
  g_signal_emit (self, signals[OPEN_CAMPAIGN], 0, campaign_id);
}

static void
on_filter_selected (CdFollowUpsWorkspace *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->filter_dropdown));

  cd_follow_ups_view_set_filter_group (view (self),
                                       selected < G_N_ELEMENTS (filter_groups) ? filter_groups[selected]
                                                                               : CD_FOLLOW_UP_GROUP_UNKNOWN);
}

static void
run_detail_action (CdFollowUpsWorkspace *self,
                   CdFollowUpActions     action)
{
  CdFollowUp *follow_up = cd_follow_up_detail_get_follow_up (CD_FOLLOW_UP_DETAIL (self->detail));

  if (follow_up != NULL)
    cd_follow_ups_view_run_action (view (self), follow_up, action);
}

static void
on_detail_reschedule (CdFollowUpsWorkspace *self)
{
  run_detail_action (self, CD_FOLLOW_UP_ACTIONS_RESCHEDULE);
}

static void
on_detail_snooze (CdFollowUpsWorkspace *self)
{
  run_detail_action (self, CD_FOLLOW_UP_ACTIONS_SNOOZE);
}

static void
on_detail_cancel (CdFollowUpsWorkspace *self)
{
  run_detail_action (self, CD_FOLLOW_UP_ACTIONS_CANCEL);
}

static void
on_schedule_clicked (CdFollowUpsWorkspace *self)
{
  cd_follow_ups_view_schedule (view (self));
}

/* Every label below @widget, however deep: libadwaita 1.7's AdwButtonContent
 * wraps its label in a GtkBox, 1.2's does not. */
static void
ellipsize_labels (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      if (GTK_IS_LABEL (w))
        gtk_label_set_ellipsize (GTK_LABEL (w), PANGO_ELLIPSIZE_END);
      ellipsize_labels (w);
    }
}

static GtkWidget *
build_header (CdFollowUpsWorkspace *self)
{
  GtkWidget *header = adw_header_bar_new ();

  self->back_content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (self->back_content), "go-previous-symbolic");
  self->back_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->back_button), self->back_content);
  /* "Back to Rahul Mehta" ellipsizes: the page still fits a 360 px phone */
  ellipsize_labels (self->back_content);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  self->window_title = adw_window_title_new (_("Follow-ups"), NULL);
  self->schedule_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (self->schedule_button, _("Schedule Follow-up"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->schedule_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Schedule Follow-up"), -1);
  g_signal_connect_swapped (self->schedule_button, "clicked", G_CALLBACK (on_schedule_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->schedule_button);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), self->window_title);
  return header;
}

static GtkWidget *
build_list_page (CdFollowUpsWorkspace *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (_("Show"));
  const char *groups[G_N_ELEMENTS (filter_groups) + 1] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (filter_groups); i++)
    groups[i] = cd_follow_up_ui_group_label (filter_groups[i]);
  self->filter_dropdown = gtk_drop_down_new_from_strings (groups);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show follow-ups by status"), -1);
  g_signal_connect_swapped (self->filter_dropdown, "notify::selected", G_CALLBACK (on_filter_selected), self);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (bar), label);
  gtk_box_append (GTK_BOX (bar), self->filter_dropdown);

  self->view = cd_follow_ups_view_new ();
  g_signal_connect (self->view, "view", G_CALLBACK (on_view), self);
  g_signal_connect (self->view, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect (self->view, "open-campaign", G_CALLBACK (on_open_campaign), self);
  g_signal_connect_swapped (cd_follow_ups_view_get_model (view (self)), "items-changed",
                            G_CALLBACK (try_pending_detail), self);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), self->view);
  return box;
}

static GtkWidget *
action_button (const char *label,
               GCallback   callback,
               gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_signal_connect_swapped (button, "clicked", callback, data);
  return button;
}

static GtkWidget *
build_detail_page (CdFollowUpsWorkspace *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  /* A flow box: on a 360 px phone the buttons wrap onto a second line. */
  GtkWidget *actions = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (actions), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (actions), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (actions), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (actions), 3);
  gtk_widget_set_halign (actions, GTK_ALIGN_START);
  self->detail = cd_follow_up_detail_new ();
  self->detail_reschedule_button = action_button (_("_Reschedule…"), G_CALLBACK (on_detail_reschedule), self);
  self->detail_snooze_button = action_button (_("S_nooze…"), G_CALLBACK (on_detail_snooze), self);
  self->detail_cancel_button = action_button (_("_Cancel Follow-up…"), G_CALLBACK (on_detail_cancel), self);
  gtk_widget_add_css_class (self->detail_cancel_button, "destructive-action");
  gtk_flow_box_append (GTK_FLOW_BOX (actions), self->detail_reschedule_button);
  gtk_flow_box_append (GTK_FLOW_BOX (actions), self->detail_snooze_button);
  gtk_flow_box_append (GTK_FLOW_BOX (actions), self->detail_cancel_button);
  /* only the buttons take the focus, not the flow box's slots */
  for (GtkWidget *slot = gtk_widget_get_first_child (actions); slot != NULL;
       slot = gtk_widget_get_next_sibling (slot))
    gtk_widget_set_focusable (slot, FALSE);
  gtk_box_append (GTK_BOX (box), self->detail);
  gtk_box_append (GTK_BOX (box), actions);
  return box;
}

static GtkWidget *
scrolled_page (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_set_margin_top (child, 18);
  gtk_widget_set_margin_bottom (child, 18);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

static void
cd_follow_ups_workspace_init (CdFollowUpsWorkspace *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->can_schedule = TRUE;
  self->online = TRUE;
  self->reason_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->reason_label), TRUE);
  gtk_widget_add_css_class (self->reason_label, "dim-label");
  gtk_widget_add_css_class (self->reason_label, "cd-fu-reason");
  gtk_widget_set_margin_top (self->reason_label, 6);
  self->pages = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->pages), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_named (GTK_STACK (self->pages), scrolled_page (build_list_page (self)), "list");
  gtk_stack_add_named (GTK_STACK (self->pages), scrolled_page (build_detail_page (self)), "detail");
  gtk_box_append (GTK_BOX (box), build_header (self));
  gtk_box_append (GTK_BOX (box), self->reason_label);
  gtk_box_append (GTK_BOX (box), self->pages);
  adw_bin_set_child (ADW_BIN (self), box);
  sync_header (self);
}

GtkWidget *
cd_follow_ups_workspace_new (void)
{
  cd_follow_up_ui_ensure_style ();
  return g_object_new (CD_TYPE_FOLLOW_UPS_WORKSPACE, NULL);
}

void
cd_follow_ups_workspace_set_repository (CdFollowUpsWorkspace *self,
                                        CdRepository         *repository)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_WORKSPACE (self));
  cd_follow_ups_view_set_repository (view (self), repository);
}

void
cd_follow_ups_workspace_load (CdFollowUpsWorkspace *self,
                              gint64                contact_id)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_WORKSPACE (self));
  cd_follow_ups_workspace_show_list (self);
  cd_follow_ups_view_load (view (self), contact_id);
}

void
cd_follow_ups_workspace_set_contact_title (CdFollowUpsWorkspace *self,
                                           const char           *title)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_WORKSPACE (self));
  g_free (self->contact_title);
  self->contact_title = g_strdup (title);
  sync_header (self);
}

void
cd_follow_ups_workspace_set_time_zone (CdFollowUpsWorkspace *self,
                                       GTimeZone            *zone)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_WORKSPACE (self));
  cd_follow_ups_view_set_time_zone (view (self), zone);
}

void
cd_follow_ups_workspace_set_can_schedule (CdFollowUpsWorkspace *self,
                                          gboolean              can_schedule)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_WORKSPACE (self));
  self->can_schedule = !!can_schedule;
  cd_follow_ups_view_set_can_schedule (view (self), self->can_schedule);
  sync_header (self);
  sync_detail_actions (self);
}

void
cd_follow_ups_workspace_set_online (CdFollowUpsWorkspace *self,
                                    gboolean              online)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_WORKSPACE (self));
  self->online = !!online;
  cd_follow_ups_view_set_online (view (self), self->online);
  sync_header (self);
  sync_detail_actions (self);
}

void
cd_follow_ups_workspace_set_filter_group (CdFollowUpsWorkspace *self,
                                          CdFollowUpGroup       group)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_WORKSPACE (self));

  for (guint i = 0; i < G_N_ELEMENTS (filter_groups); i++)
    if (filter_groups[i] == group)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->filter_dropdown), i);
}

void
cd_follow_ups_workspace_show_follow_up (CdFollowUpsWorkspace *self,
                                        gint64                follow_up_id)
{
  g_return_if_fail (CD_IS_FOLLOW_UPS_WORKSPACE (self));
  self->pending_detail_id = follow_up_id;
  try_pending_detail (self);
}

GtkWidget *
cd_follow_ups_workspace_get_part (CdFollowUpsWorkspace *self,
                                  const char           *name)
{
  const struct { const char *name; GtkWidget *widget; } parts[] = {
    { "view", self->view }, { "back_button", self->back_button },
    { "filter_dropdown", self->filter_dropdown }, { "detail", self->detail },
    { "schedule_button", self->schedule_button }, { "reason_label", self->reason_label },
    { "detail_cancel_button", self->detail_cancel_button },
    { "detail_reschedule_button", self->detail_reschedule_button },
    { "detail_snooze_button", self->detail_snooze_button },
  };

  g_return_val_if_fail (CD_IS_FOLLOW_UPS_WORKSPACE (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_strcmp0 (name, parts[i].name) == 0)
      return parts[i].widget;
  return NULL;
}

const char *
cd_follow_ups_workspace_get_page (CdFollowUpsWorkspace *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UPS_WORKSPACE (self), NULL);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->pages));
}
