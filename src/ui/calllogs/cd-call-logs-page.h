/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-repository-sessions.h"
#include "cd-session-list-model.h"

G_BEGIN_DECLS

/*
 * The full Call logs page, pushed over the contact page: every session of the
 * contact, 50 rows per request, loaded as the list scrolls (CdSessionListModel),
 * with filters (direction, status, started after/before, campaign, search) and
 * sorting on the server, and "Export CSV" of the current filter.  Its header's
 * "Back to ‹contact title›" button activates "contact.back".
 *
 * Signal "open-session" (gint64 session_id).
 */
#define CD_TYPE_CALL_LOGS_PAGE (cd_call_logs_page_get_type ())
G_DECLARE_FINAL_TYPE (CdCallLogsPage, cd_call_logs_page, CD, CALL_LOGS_PAGE, AdwBin)

GtkWidget          *cd_call_logs_page_new            (CdRepository   *repository,
                                                      gint64          contact_id,
                                                      const char     *contact_title);
void                cd_call_logs_page_set_time_zone  (CdCallLogsPage *self,
                                                      const char     *iana_zone);
CdSessionListModel *cd_call_logs_page_get_model      (CdCallLogsPage *self);
/* Replaces the filter (the contact stays fixed); the filter widgets follow. */
void                cd_call_logs_page_set_filter     (CdCallLogsPage        *self,
                                                      const CdSessionFilter *filter);
/* Writes the current filter's CSV to @file (what the file chooser does). */
void                cd_call_logs_page_export_to_file (CdCallLogsPage *self,
                                                      GFile          *file);
/* TRUE while an export runs; the last export's row count and error. */
gboolean            cd_call_logs_page_get_exporting  (CdCallLogsPage *self);
guint64             cd_call_logs_page_get_exported_rows (CdCallLogsPage *self);
const GError       *cd_call_logs_page_get_export_error  (CdCallLogsPage *self);
/* Cancels a running export (the Cancel button); the partial file is deleted. */
void                cd_call_logs_page_cancel_export  (CdCallLogsPage *self);

G_END_DECLS
