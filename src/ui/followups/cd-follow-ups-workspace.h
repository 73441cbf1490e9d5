/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-follow-up.h"
#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The Follow-ups workspace, a page pushed over the contact page: every
 * follow-up of one contact with a status-group filter, and the details of one
 * follow-up (with its actions) when a row is activated or View is chosen.
 * Its own header bar: a back button "Back to ‹contact title›" that emits
 * "back" (from the details it first returns to the list), and Schedule.
 *
 * Signals: "back", "changed" (a mutation succeeded), "open-campaign" (gint64).
 */

#define CD_TYPE_FOLLOW_UPS_WORKSPACE (cd_follow_ups_workspace_get_type ())
G_DECLARE_FINAL_TYPE (CdFollowUpsWorkspace, cd_follow_ups_workspace, CD, FOLLOW_UPS_WORKSPACE, AdwBin)

GtkWidget *cd_follow_ups_workspace_new               (void);
void       cd_follow_ups_workspace_set_repository    (CdFollowUpsWorkspace *self,
                                                      CdRepository         *repository);
void       cd_follow_ups_workspace_load              (CdFollowUpsWorkspace *self,
                                                      gint64                contact_id);
/* The contact's display title, for "Back to ‹title›" (NULL = "Back to contact"). */
void       cd_follow_ups_workspace_set_contact_title (CdFollowUpsWorkspace *self,
                                                      const char           *title);
void       cd_follow_ups_workspace_set_time_zone     (CdFollowUpsWorkspace *self,
                                                      GTimeZone            *zone);
void       cd_follow_ups_workspace_set_can_schedule  (CdFollowUpsWorkspace *self,
                                                      gboolean              can_schedule);
void       cd_follow_ups_workspace_set_online        (CdFollowUpsWorkspace *self,
                                                      gboolean              online);
/* Filter by status group (UNKNOWN = All); the dropdown follows. */
void       cd_follow_ups_workspace_set_filter_group  (CdFollowUpsWorkspace *self,
                                                      CdFollowUpGroup       group);
/* Shows the details of the follow-up with @follow_up_id once it is loaded. */
void       cd_follow_ups_workspace_show_follow_up    (CdFollowUpsWorkspace *self,
                                                      gint64                follow_up_id);
/* Back to the list (what the back button does from the details). */
void       cd_follow_ups_workspace_show_list         (CdFollowUpsWorkspace *self);

/* For tests: "view" (CdFollowUpsView), "back_button", "filter_dropdown",
 * "detail" (CdFollowUpDetail), "schedule_button", "reason_label",
 * "detail_cancel_button", "detail_reschedule_button", "detail_snooze_button";
 * the visible page ("list" or "detail"). */
GtkWidget  *cd_follow_ups_workspace_get_part  (CdFollowUpsWorkspace *self,
                                               const char           *name);
const char *cd_follow_ups_workspace_get_page  (CdFollowUpsWorkspace *self);

G_END_DECLS
