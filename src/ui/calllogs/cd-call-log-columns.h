/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cd-voice-session.h"

G_BEGIN_DECLS

/*
 * The call-log columns shared by the card and the full page, on a GtkColumnView
 * whose model is a GtkSelectionModel over CdVoiceSession or CdCallLogItem items
 * (a CdCallLogItem without a session is drawn as a placeholder row).
 *
 * Clicking the Started, Duration or Status header only moves the sort indicator
 * and calls the sort callback: the owner re-queries the server.  The column
 * view never sorts the rows itself (its model is not a GtkSortListModel).
 */
typedef struct _CdCallLogColumns CdCallLogColumns;

typedef void (*CdCallLogSortFunc) (const char *sort,
                                   const char *order,
                                   gpointer    user_data);

CdCallLogColumns *cd_call_log_columns_new           (GtkColumnView     *view,
                                                     CdCallLogSortFunc  sort_func,
                                                     gpointer           user_data);
void              cd_call_log_columns_free          (CdCallLogColumns  *self);
/* Time zone of the Started column (NULL = local); rebinds visible rows. */
void              cd_call_log_columns_set_time_zone (CdCallLogColumns  *self,
                                                     GTimeZone         *zone);
/* Moves the indicator without calling the sort callback. */
void              cd_call_log_columns_set_sort      (CdCallLogColumns  *self,
                                                     const char        *sort,
                                                     const char        *order);

/* The session behind a list item (CdVoiceSession or CdCallLogItem), or NULL. */
CdVoiceSession   *cd_call_log_session_from_item     (gpointer           item);

/* "Completed", "No answer", …; "Inbound"/"Outbound"; never NULL. */
const char       *cd_call_log_status_label          (CdSessionStatus    status);
const char       *cd_call_log_direction_label       (CdDirection        direction);

G_END_DECLS
