/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-follow-up.h"

G_BEGIN_DECLS

/*
 * One follow-up as a list row: status badge, "Out of window" outline badge,
 * type and time, agent, campaign link, attempts, source, and an actions menu
 * holding exactly the allowed actions.  Built once per item: a changed
 * follow-up is a new item, hence a new row.
 *
 * Signals: "action" (guint, one CdFollowUpActions flag) when the user picks an
 * action from the menu; "open-campaign" (gint64 campaign id).
 */

#define CD_TYPE_FOLLOW_UP_ROW (cd_follow_up_row_get_type ())
G_DECLARE_FINAL_TYPE (CdFollowUpRow, cd_follow_up_row, CD, FOLLOW_UP_ROW, GtkListBoxRow)

/* @actions: what the menu offers (already filtered by role and connection);
 * NONE hides the menu button. */
GtkWidget         *cd_follow_up_row_new           (CdFollowUp        *follow_up,
                                                   GTimeZone         *zone,
                                                   CdFollowUpActions  actions);
CdFollowUp        *cd_follow_up_row_get_follow_up (CdFollowUpRow *self);
CdFollowUpActions  cd_follow_up_row_get_actions   (CdFollowUpRow *self);
/* "Pending": the row's change waits in the outbox (hidden by default). */
void               cd_follow_up_row_set_pending   (CdFollowUpRow *self,
                                                   gboolean       pending);
gboolean           cd_follow_up_row_get_pending   (CdFollowUpRow *self);
/* For tests: "status_badge", "window_badge", "pending_badge", "title_label",
 * "meta_label", "campaign_button", "menu_button". */
GtkWidget         *cd_follow_up_row_get_part      (CdFollowUpRow *self,
                                                   const char    *name);

G_END_DECLS
