/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-repository-sessions.h"

G_BEGIN_DECLS

/*
 * The embedded "Call logs" card of the contact page: the contact's sessions, 10
 * per page, searched and sorted by the server.
 *
 * Signals: "open-session" (gint64 session_id) when a row is activated,
 * "view-all" when "View all" is clicked.  The empty state's "Call" button uses
 * the action "contact.call" and is shown only when the contact is callable.
 * Widget actions: "calllogs.next-page", "calllogs.previous-page",
 * "calllogs.retry", "calllogs.view-all".
 */
#define CD_TYPE_CALL_LOGS_CARD (cd_call_logs_card_get_type ())
G_DECLARE_FINAL_TYPE (CdCallLogsCard, cd_call_logs_card, CD, CALL_LOGS_CARD, AdwBin)

typedef enum
{
  CD_CALL_LOGS_STATE_LOADING, /* first load, nothing to show yet */
  CD_CALL_LOGS_STATE_READY,
  CD_CALL_LOGS_STATE_EMPTY,
  CD_CALL_LOGS_STATE_ERROR,
} CdCallLogsState;

GtkWidget       *cd_call_logs_card_new            (void);
void             cd_call_logs_card_set_repository (CdCallLogsCard *self,
                                                   CdRepository   *repository);
/* Loads the first page of @contact_id (resetting search, sort and page). */
void             cd_call_logs_card_load           (CdCallLogsCard *self,
                                                   gint64          contact_id);
/* Reloads the shown page keeping search, sort and page (e.g. on contact refresh). */
void             cd_call_logs_card_refresh        (CdCallLogsCard *self);
void             cd_call_logs_card_set_callable   (CdCallLogsCard *self,
                                                   gboolean        callable);
/* IANA zone of the Started column (the profile's); NULL or invalid = local. */
void             cd_call_logs_card_set_time_zone  (CdCallLogsCard *self,
                                                   const char     *iana_zone);
gint64           cd_call_logs_card_get_contact_id (CdCallLogsCard *self);

/* State, for tests and the page. */
CdCallLogsState  cd_call_logs_card_get_state      (CdCallLogsCard *self);
gboolean         cd_call_logs_card_get_loading    (CdCallLogsCard *self);
/* The shown rows: GListModel of CdVoiceSession. */
GListModel      *cd_call_logs_card_get_model      (CdCallLogsCard *self);
const CdSessionFilter *cd_call_logs_card_get_filter (CdCallLogsCard *self);
guint            cd_call_logs_card_get_page       (CdCallLogsCard *self);
/* -1 when unknown */
gint64           cd_call_logs_card_get_total      (CdCallLogsCard *self);
/* "n–m of N" as shown */
const char      *cd_call_logs_card_get_range_text (CdCallLogsCard *self);
GtkEditable     *cd_call_logs_card_get_search_entry (CdCallLogsCard *self);
GtkColumnView   *cd_call_logs_card_get_column_view  (CdCallLogsCard *self);
/* The "as of ‹time›" caption, visible while the rows come from the cache. */
GtkWidget       *cd_call_logs_card_get_as_of_label  (CdCallLogsCard *self);

G_END_DECLS
