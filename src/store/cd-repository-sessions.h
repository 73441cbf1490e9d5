/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-repository.h"
#include "cd-voice-session.h"

G_BEGIN_DECLS

/*
 * Voice sessions through the repository: paged lists (the query runs on the
 * server: search, sort and filters), session detail, recordings and a CSV export
 * that streams every page of a query.
 */

/* What a list shows; NULL strings and 0 numbers mean "not filtered". */
typedef struct
{
  gint64  contact_id;
  char   *search;
  char   *sort;           /* started_at (default) | duration | status */
  char   *order;          /* desc (default) | asc */
  char   *direction;      /* inbound | outbound */
  char   *status;         /* completed, no_answer, … */
  char   *started_after;  /* RFC 3339 */
  char   *started_before; /* RFC 3339 */
  gint64  campaign_id;
} CdSessionFilter;

#define CD_TYPE_SESSION_FILTER (cd_session_filter_get_type ())
GType            cd_session_filter_get_type (void) G_GNUC_CONST;
CdSessionFilter *cd_session_filter_new      (gint64                 contact_id);
CdSessionFilter *cd_session_filter_copy     (const CdSessionFilter *filter);
void             cd_session_filter_free     (CdSessionFilter       *filter);
gboolean         cd_session_filter_equal    (const CdSessionFilter *a,
                                             const CdSessionFilter *b);
/* The contact's whole list, newest first: the view the cache keeps a copy of. */
gboolean         cd_session_filter_is_default (const CdSessionFilter *filter);
/* Replaces one string member ("" becomes NULL). */
void             cd_session_filter_set      (char                 **member,
                                             const char            *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSessionFilter, cd_session_filter_free)

/* One page of a list. */
typedef struct
{
  GListModel *items;       /* CdVoiceSession, never NULL */
  char       *next_cursor; /* NULL on the last page */
  char       *prev_cursor; /* NULL on the first page */
  gint64      total;       /* -1 when the server did not say */
  gboolean    from_cache;  /* TRUE when the server was unreachable, or a peek */
  GDateTime  *fetched_at;  /* from_cache: when the server last confirmed it; NULL if unknown */
  gboolean    unchanged;   /* the rows are the cached copy a peek gives (304, offline copy) */
} CdSessionPage;

void cd_session_page_free (CdSessionPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSessionPage, cd_session_page_free)

/* One page of @filter at @cursor (NULL = first page); @page_size 1–100.
 * The first page (10 rows) of a contact's default list (no search/filters,
 * newest first) falls back to the call-logs cache when the server is
 * unreachable (from_cache TRUE, total -1). */
void           cd_repository_list_sessions_async  (CdRepository          *self,
                                                   const CdSessionFilter *filter,
                                                   const char            *cursor,
                                                   guint                  page_size,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
CdSessionPage *cd_repository_list_sessions_finish (CdRepository  *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);

/* Stale-while-revalidate for the card: the first page of @contact_id's default
 * list (10 rows, newest first) as last stored by cd_repository_list_sessions_async(),
 * read from the cache only, to show while that call revalidates it.  from_cache
 * is TRUE, total -1 (as from the offline fallback) and fetched_at says when the
 * server last sent or confirmed it (NULL if unknown).  NULL without an error
 * when nothing usable is cached. */
void           cd_repository_peek_sessions_async  (CdRepository        *self,
                                                   gint64               contact_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CdSessionPage *cd_repository_peek_sessions_finish (CdRepository  *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);

/* Session detail (CdVoiceSession with has-detail).  Each fetched detail is
 * written through to the cache; when the server is unreachable (NETWORK or
 * TIMEOUT) a detail fetched before comes from the cache and *@from_cache is
 * TRUE.  Never fetched and offline: the network error. */
void            cd_repository_get_session_async  (CdRepository        *self,
                                                  gint64               session_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CdVoiceSession *cd_repository_get_session_finish (CdRepository  *self,
                                                  GAsyncResult  *result,
                                                  gboolean      *from_cache,
                                                  GError       **error);

/* The cache side of the detail (store code and tests; implemented in
 * cd-repository.c on the worker thread).  The write is fire-and-forget; the
 * read returns the cached JSON, or NULL without an error when there is none. */
void            cd_repository_cache_session_json (CdRepository *self,
                                                  gint64        session_id,
                                                  gint64        contact_id,
                                                  JsonNode     *data,
                                                  const char   *etag);
void            cd_repository_get_cached_session_async  (CdRepository        *self,
                                                         gint64               session_id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
char           *cd_repository_get_cached_session_finish (CdRepository  *self,
                                                         GAsyncResult  *result,
                                                         GError       **error);

/* Downloads the recording (following the storage redirect) into
 * g_get_user_cache_dir()/contact-detail/recordings/<id>.<ext>, mode 0600, and
 * returns that file (a GtkMediaFile can play it). */
void   cd_repository_get_recording_async  (CdRepository        *self,
                                           gint64               session_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GFile *cd_repository_get_recording_finish (CdRepository  *self,
                                           GAsyncResult  *result,
                                           GError       **error);

/* Progress of an export: rows written so far and the total (-1 = unknown). */
typedef void (*CdExportProgressFunc) (guint64  rows_written,
                                      gint64   total,
                                      gpointer user_data);

/* The RFC 4180 header line and one record (each ends with CRLF). */
char *cd_sessions_csv_header (void);
char *cd_sessions_csv_row    (CdVoiceSession *session);

/* Streams every page of @filter (100 per request) into @stream as CSV: a header
 * row and one row per session.  @progress runs on the caller's main context. */
void     cd_repository_export_sessions_csv_async  (CdRepository          *self,
                                                   const CdSessionFilter *filter,
                                                   GOutputStream         *stream,
                                                   CdExportProgressFunc   progress,
                                                   gpointer               progress_data,
                                                   GDestroyNotify         progress_destroy,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
/* Returns the number of session rows written (header excluded). */
gboolean cd_repository_export_sessions_csv_finish (CdRepository  *self,
                                                   GAsyncResult  *result,
                                                   guint64       *rows_written,
                                                   GError       **error);

G_END_DECLS
