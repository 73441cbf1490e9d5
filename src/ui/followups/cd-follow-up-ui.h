/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-follow-up.h"

G_BEGIN_DECLS

/* Shared helpers of the follow-ups widgets (labels, styles, time fields). */

/* Loads the follow-ups stylesheet once per display. */
void        cd_follow_up_ui_ensure_style     (void);

/* User-facing words: "Scheduled", "Call", "Manual", "Normal"; unknown → "—". */
const char *cd_follow_up_ui_status_label     (CdFollowUpStatus   status);
const char *cd_follow_up_ui_type_label       (CdFollowUpType     type);
const char *cd_follow_up_ui_source_label     (CdFollowUpSource   source);
const char *cd_follow_up_ui_priority_label   (CdFollowUpPriority priority);
const char *cd_follow_up_ui_group_label      (CdFollowUpGroup    group);
/* CSS class colouring a status badge ("cd-fu-status-scheduled", …). */
const char *cd_follow_up_ui_status_css_class (CdFollowUpStatus   status);

/* A badge label with the "cd-fu-badge" style (+ @css_class). */
GtkWidget  *cd_follow_up_ui_badge_new        (const char *text,
                                              const char *css_class);

/* Now + 1 h, rounded up to the next 5 minutes, in @zone (NULL = local). */
GDateTime  *cd_follow_up_ui_default_time     (GTimeZone  *zone);
/* "YYYY-MM-DD" + "HH:MM" in @zone → a time; NULL with a user-facing message
 * in *@message (may be NULL). */
GDateTime  *cd_follow_up_ui_parse_time       (const char *date_text,
                                              const char *time_text,
                                              GTimeZone  *zone,
                                              char      **message);
/* Fills date/time entries with @time shown in @zone. */
void        cd_follow_up_ui_set_time_entries (GtkEditable *date_entry,
                                              GtkEditable *time_entry,
                                              GDateTime   *time,
                                              GTimeZone   *zone);
/* "Europe/Berlin (UTC+01:00)" for the zone shown next to time fields. */
char       *cd_follow_up_ui_zone_name        (GTimeZone  *zone);

/* Marks a form row as wrong with @message under it (NULL clears). */
void        cd_follow_up_ui_set_row_error    (AdwActionRow *row,
                                              const char   *message);

/* "Error text (request 1234-…)" for a failed request; NULL for cancellation. */
char       *cd_follow_up_ui_error_text       (const GError *error);

G_END_DECLS
