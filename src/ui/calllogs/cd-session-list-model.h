/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-repository-sessions.h"

G_BEGIN_DECLS

/*
 * A GListModel of CdCallLogItem over every session of a filter, fetched page by
 * page from the server as positions are asked for.  Unfetched positions are
 * placeholder items (no session); when their page arrives, items-changed
 * replaces them.  At most "max-pages" pages of sessions are kept: the ones far
 * from the last requested position are dropped (and fetched again if needed).
 * Cursors are opaque, so reaching a far page walks the server's next_cursor
 * chain; only the cursors (not the rows) of the pages walked over are kept.
 *
 * Properties: "loading" (a request in flight), "total" (-1 until known),
 * "error" (the last failure, boxed GError, or NULL).
 */
#define CD_TYPE_SESSION_LIST_MODEL (cd_session_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CdSessionListModel, cd_session_list_model, CD, SESSION_LIST_MODEL, GObject)

CdSessionListModel    *cd_session_list_model_new        (CdRepository          *repository,
                                                         const CdSessionFilter *filter,
                                                         guint                  page_size,
                                                         guint                  max_pages);
const CdSessionFilter *cd_session_list_model_get_filter (CdSessionListModel    *self);
/* Starts over with @filter (cancelling what is in flight). */
void                   cd_session_list_model_set_filter (CdSessionListModel    *self,
                                                         const CdSessionFilter *filter);
/* Fetches again after an error. */
void                   cd_session_list_model_retry      (CdSessionListModel    *self);
gboolean               cd_session_list_model_get_loading (CdSessionListModel   *self);
gint64                 cd_session_list_model_get_total  (CdSessionListModel    *self);
const GError          *cd_session_list_model_get_error  (CdSessionListModel    *self);
/* Sessions held in memory right now (at most page_size × max_pages). */
guint                  cd_session_list_model_get_loaded_count (CdSessionListModel *self);
/* TRUE when @position's session is in memory. */
gboolean               cd_session_list_model_is_loaded  (CdSessionListModel    *self,
                                                         guint                  position);

G_END_DECLS
