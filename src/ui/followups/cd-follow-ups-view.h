/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-follow-up.h"
#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The part the card and the workspace share: loads a contact's follow-ups
 * through the repository (stale-while-revalidate), shows loading / error with
 * Retry / empty / the rows, and runs the row actions (Cancel confirms; Reschedule
 * and Snooze ask for a time).  A successful mutation updates the row from the
 * server's answer (no reload) and emits "changed".
 *
 * Signals: "view" (CdFollowUp *) — the user wants one follow-up's details;
 * "changed" (CdFollowUp *) — a mutation succeeded (the new or changed follow-up);
 * "open-campaign" (gint64 campaign id).
 */

#define CD_TYPE_FOLLOW_UPS_VIEW (cd_follow_ups_view_get_type ())
G_DECLARE_FINAL_TYPE (CdFollowUpsView, cd_follow_ups_view, CD, FOLLOW_UPS_VIEW, AdwBin)

GtkWidget    *cd_follow_ups_view_new              (void);
void          cd_follow_ups_view_set_repository   (CdFollowUpsView *self,
                                                   CdRepository    *repository);
void          cd_follow_ups_view_load             (CdFollowUpsView *self,
                                                   gint64           contact_id);
gint64        cd_follow_ups_view_get_contact_id   (CdFollowUpsView *self);
/* Revalidates with the server (the Retry button). */
void          cd_follow_ups_view_reload           (CdFollowUpsView *self);
void          cd_follow_ups_view_set_time_zone    (CdFollowUpsView *self,
                                                   GTimeZone       *zone);
GTimeZone    *cd_follow_ups_view_get_time_zone    (CdFollowUpsView *self);
/* FALSE (viewer): no row actions at all. */
void          cd_follow_ups_view_set_can_schedule (CdFollowUpsView *self,
                                                   gboolean         can_schedule);
/* Kept for the host; mutations stay offline (they wait in the outbox and
 * their rows show "Pending"). */
void          cd_follow_ups_view_set_online       (CdFollowUpsView *self,
                                                   gboolean         online);
/* At most @max_rows rows (0 = all). */
void          cd_follow_ups_view_set_max_rows     (CdFollowUpsView *self,
                                                   guint            max_rows);
/* Only follow-ups of @group (UNKNOWN = all). */
void          cd_follow_ups_view_set_filter_group (CdFollowUpsView *self,
                                                   CdFollowUpGroup  group);
/* Every follow-up of the contact as currently known (GListModel of CdFollowUp). */
GListModel   *cd_follow_ups_view_get_model        (CdFollowUpsView *self);
/* The actions rows offer now (role and connection applied). */
CdFollowUpActions cd_follow_ups_view_get_action_mask (CdFollowUpsView *self);

/* Opens the Schedule dialog (returns it, owned by GTK). */
GtkWidget    *cd_follow_ups_view_schedule         (CdFollowUpsView *self);
/* Runs @action on @follow_up (as the row menu does): returns the dialog it opened. */
GtkWidget    *cd_follow_ups_view_run_action       (CdFollowUpsView   *self,
                                                   CdFollowUp        *follow_up,
                                                   CdFollowUpActions  action);

/* For tests: the visible state ("loading", "error", "empty", "list"), the last
 * dialog opened (or NULL), and parts: "list_box", "retry_button", "error_label",
 * "empty_label", "notice_label", "as_of_label" (the "as of" caption, not
 * placed by the view: the host puts it in its header). */
const char   *cd_follow_ups_view_get_state_name   (CdFollowUpsView *self);
GtkWidget    *cd_follow_ups_view_get_dialog       (CdFollowUpsView *self);
GtkWidget    *cd_follow_ups_view_get_part         (CdFollowUpsView *self,
                                                   const char      *name);

G_END_DECLS
