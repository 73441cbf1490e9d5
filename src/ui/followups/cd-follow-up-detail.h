/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-follow-up.h"

G_BEGIN_DECLS

/*
 * Every field of one follow-up (status, type, times, agent, campaign,
 * attempts, priority, window, source, notes, closed reason, created/updated),
 * read-only, as boxed lists.  Missing values show an em dash.
 */

#define CD_TYPE_FOLLOW_UP_DETAIL (cd_follow_up_detail_get_type ())
G_DECLARE_FINAL_TYPE (CdFollowUpDetail, cd_follow_up_detail, CD, FOLLOW_UP_DETAIL, GtkBox)

GtkWidget  *cd_follow_up_detail_new            (void);
/* @zone: the profile time zone (NULL = local). */
void        cd_follow_up_detail_set_follow_up  (CdFollowUpDetail *self,
                                                CdFollowUp       *follow_up,
                                                GTimeZone        *zone);
CdFollowUp *cd_follow_up_detail_get_follow_up  (CdFollowUpDetail *self);
/* The value shown for a field ("status", "type", "scheduled", "agent", "campaign",
 * "attempts", "priority", "window", "source", "notes", "closed_reason", "created",
 * "updated"), for tests. */
const char *cd_follow_up_detail_get_value      (CdFollowUpDetail *self,
                                                const char       *field);

G_END_DECLS
