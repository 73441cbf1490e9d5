/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The "Schedule follow-up" form (a modal window).  Defaults: call, now + 1 h
 * rounded up to 5 min in the profile time zone (shown), "Inherit from source"
 * agent (active agents load when it opens), normal priority, 3 attempts.
 * A past time is refused on the field before anything is sent.  One
 * Idempotency-Key per dialog (a new one only after the server refused the
 * request with a 4xx, which it did not act on), and a guard while in flight,
 * so a double submit schedules once.  The server's field errors land under
 * their fields.
 *
 * Signal "scheduled" (CdFollowUp *): emitted on success, then the dialog closes.
 */

#define CD_TYPE_FOLLOW_UP_SCHEDULE_DIALOG (cd_follow_up_schedule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdFollowUpScheduleDialog, cd_follow_up_schedule_dialog,
                      CD, FOLLOW_UP_SCHEDULE_DIALOG, AdwWindow)

/* @zone: the profile time zone (NULL = local). */
GtkWidget  *cd_follow_up_schedule_dialog_new      (GtkWindow    *parent,
                                                   CdRepository *repository,
                                                   gint64        contact_id,
                                                   GTimeZone    *zone);
/* For tests: "date_entry", "time_entry", "when_row", "type_row", "agent_row",
 * "priority_row", "attempts_spin", "window_switch", "notes_view", "notes_error",
 * "error_label", "schedule_button", "cancel_button". */
GtkWidget  *cd_follow_up_schedule_dialog_get_part (CdFollowUpScheduleDialog *self,
                                                   const char               *name);
/* TRUE once the agents list has been loaded (or failed to load). */
gboolean    cd_follow_up_schedule_dialog_get_agents_loaded (CdFollowUpScheduleDialog *self);
/* During "scheduled": TRUE when the request waits in the outbox (offline). */
gboolean    cd_follow_up_schedule_dialog_get_queued (CdFollowUpScheduleDialog *self);

G_END_DECLS
