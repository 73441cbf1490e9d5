/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-follow-up.h"
#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * Asks for a new time for one follow-up and sends it: Reschedule
 * (PATCH {scheduled_at}) or Snooze (PATCH {status:"snoozed", scheduled_at}).
 * Date + time entries in the profile time zone (shown); a past time is refused
 * on the field; one Idempotency-Key per dialog; the server's field errors land
 * under the field.
 *
 * Signal "done" (CdFollowUp *): the server's new follow-up; then it closes.
 */

#define CD_TYPE_FOLLOW_UP_TIME_DIALOG (cd_follow_up_time_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdFollowUpTimeDialog, cd_follow_up_time_dialog,
                      CD, FOLLOW_UP_TIME_DIALOG, AdwWindow)

/* @action: CD_FOLLOW_UP_ACTIONS_RESCHEDULE or CD_FOLLOW_UP_ACTIONS_SNOOZE. */
GtkWidget *cd_follow_up_time_dialog_new      (GtkWindow         *parent,
                                              CdRepository      *repository,
                                              CdFollowUp        *follow_up,
                                              CdFollowUpActions  action,
                                              GTimeZone         *zone);
/* For tests: "date_entry", "time_entry", "when_row", "error_label", "save_button". */
GtkWidget *cd_follow_up_time_dialog_get_part (CdFollowUpTimeDialog *self,
                                              const char           *name);

/* During "done": TRUE when the request waits in the outbox (offline). */
gboolean   cd_follow_up_time_dialog_get_queued (CdFollowUpTimeDialog *self);

G_END_DECLS
