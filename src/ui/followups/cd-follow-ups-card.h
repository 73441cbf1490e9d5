/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The contact page's "Follow-ups" card: heading, "Schedule follow-up" and
 * "View all" buttons, and the contact's latest follow-ups (at most 5) with row
 * actions.  Loading, error (Retry) and empty ("No follow-ups scheduled") states
 * stay inside the card.
 *
 * Signals:
 *   "view-all"      void (CdFollowUpsCard *) — open the Follow-ups workspace
 *   "changed"       void (CdFollowUpsCard *) — a mutation succeeded (refresh tiles)
 *   "open-campaign" void (CdFollowUpsCard *, gint64 campaign_id)
 * View on a row opens a details window of that follow-up.
 */

#define CD_TYPE_FOLLOW_UPS_CARD (cd_follow_ups_card_get_type ())
G_DECLARE_FINAL_TYPE (CdFollowUpsCard, cd_follow_ups_card, CD, FOLLOW_UPS_CARD, AdwBin)

GtkWidget *cd_follow_ups_card_new              (void);
void       cd_follow_ups_card_set_repository   (CdFollowUpsCard *self,
                                                CdRepository    *repository);
/* Starts loading @contact_id (cancelling any earlier load). */
void       cd_follow_ups_card_load             (CdFollowUpsCard *self,
                                                gint64           contact_id);
/* The profile time zone every time is shown and entered in (NULL = local). */
void       cd_follow_ups_card_set_time_zone    (CdFollowUpsCard *self,
                                                GTimeZone       *zone);
/* Property "can-schedule" (default TRUE): FALSE for a viewer — no Schedule
 * button and no row actions. */
void       cd_follow_ups_card_set_can_schedule (CdFollowUpsCard *self,
                                                gboolean         can_schedule);
gboolean   cd_follow_ups_card_get_can_schedule (CdFollowUpsCard *self);
/* Property "online" (default TRUE): FALSE hides mutations and says why. */
void       cd_follow_ups_card_set_online       (CdFollowUpsCard *self,
                                                gboolean         online);
gboolean   cd_follow_ups_card_get_online       (CdFollowUpsCard *self);
/* Property "show-heading" (default TRUE): FALSE when the host already shows
 * a "Follow-ups" heading (the buttons stay). */
void       cd_follow_ups_card_set_show_heading (CdFollowUpsCard *self,
                                                gboolean         show_heading);

/* For tests and the window: "view" (CdFollowUpsView), "schedule_button",
 * "view_all_button", "reason_label", "heading_label", "more_label"; the last
 * dialog it opened (schedule, time, confirm or details), or NULL. */
GtkWidget *cd_follow_ups_card_get_part         (CdFollowUpsCard *self,
                                                const char      *name);
GtkWidget *cd_follow_ups_card_get_dialog       (CdFollowUpsCard *self);

G_END_DECLS
