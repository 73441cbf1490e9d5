/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-cache.h"
#include "cd-repository-offline.h"

G_BEGIN_DECLS

/* Internals of "Keep offline": the job's setters and the cache's offline tables. */

/* ---- CdOfflineJob (main thread) ---- */

CdOfflineJob     *cd_offline_job_new                (void);
GCancellable     *cd_offline_job_get_cancellable    (CdOfflineJob *self);
void              cd_offline_job_add_contacts       (CdOfflineJob *self,
                                                     guint         n);
void              cd_offline_job_set_current        (CdOfflineJob *self,
                                                     gint64        contact_id,
                                                     gint64        sessions_done,
                                                     gint64        sessions_total);
void              cd_offline_job_set_sessions_done  (CdOfflineJob *self,
                                                     gint64        sessions_done);
void              cd_offline_job_contact_done       (CdOfflineJob *self);
/* Sets "finished" and the error (taken), then emits "finished" once. */
void              cd_offline_job_finish             (CdOfflineJob *self,
                                                     GError       *error);

CdOfflineContact *cd_offline_contact_new (gint64          contact_id,
                                          const char     *title,
                                          guint64         size,
                                          gint64          synced_at,
                                          CdOfflineState  state,
                                          gint64          sessions);

/* ---- the offline tables (worker thread, cd-cache-offline.c) ---- */

/* One row of offline_contacts. */
typedef struct
{
  gint64          contact_id;
  CdOfflineState  state;
  char           *next_cursor;    /* NULL = start from the first page */
  gint64          pages_done;
  gint64          sessions_done;
  gint64          sessions_total; /* -1 = not known */
  gint64          bytes;
  gint64          kept_at;
  gint64          synced_at;      /* 0 = never */
} CdOfflineRow;

void          cd_offline_row_free (CdOfflineRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdOfflineRow, cd_offline_row_free)

/* One stored call-log page (the API's `data` object). */
typedef struct
{
  char   *json;
  char   *next_cursor;
  gint64  total;  /* -1 = not known */
} CdOfflinePage;

void          cd_offline_page_free (CdOfflinePage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdOfflinePage, cd_offline_page_free)

/* Adds or re-arms (state pending, from the first page) each id. */
gboolean      cd_cache_offline_add      (CdCache       *cache,
                                         GArray        *ids,
                                         gint64         kept_at,
                                         GError       **error);
/* Rows (CdOfflineRow), most recently kept first. */
GPtrArray    *cd_cache_offline_list     (CdCache       *cache,
                                         GError       **error);
CdOfflineRow *cd_cache_offline_get      (CdCache       *cache,
                                         gint64         contact_id,
                                         GError       **error);
/* Writes the progress columns and state of @row (no-op when it left the set). */
gboolean      cd_cache_offline_update   (CdCache       *cache,
                                         const CdOfflineRow *row,
                                         GError       **error);
gboolean      cd_cache_offline_delete_pages (CdCache   *cache,
                                             gint64     contact_id,
                                             GError   **error);
gboolean      cd_cache_offline_put_page (CdCache       *cache,
                                         gint64         contact_id,
                                         const char    *cursor,
                                         const char    *json,
                                         const char    *next_cursor,
                                         gint64         total,
                                         gint64         fetched_at,
                                         GError       **error);
/* NULL without an error when that page is not stored; "" / NULL = first page. */
CdOfflinePage *cd_cache_offline_get_page (CdCache      *cache,
                                          gint64        contact_id,
                                          const char   *cursor,
                                          GError      **error);
/* The ids of @ids (gint64) without a stored session detail. */
GArray       *cd_cache_offline_missing_sessions (CdCache  *cache,
                                                 GArray   *ids,
                                                 GError  **error);
/* Distinct campaign ids named by the stored pages of @contact_id. */
GArray       *cd_cache_offline_campaign_ids (CdCache  *cache,
                                             gint64    contact_id,
                                             GError  **error);
/* Sum of the JSON lengths of every row of @contact_id. */
gint64        cd_cache_offline_size     (CdCache       *cache,
                                         gint64         contact_id,
                                         GError       **error);
/* Drops the rows of @contact_id (0 = every contact, globals too) and its set
 * entry; the outbox stays.  Then truncates the WAL (and vacuums for 0). */
gboolean      cd_cache_offline_remove   (CdCache       *cache,
                                         gint64         contact_id,
                                         GError       **error);

CdCacheEntry *cd_cache_get_campaign     (CdCache       *cache,
                                         gint64         campaign_id,
                                         GError       **error);
gboolean      cd_cache_put_campaign     (CdCache       *cache,
                                         gint64         campaign_id,
                                         const char    *json,
                                         const char    *etag,
                                         gint64         fetched_at,
                                         GError       **error);

/* Marks @contact_id pending from the first page (its calls changed on the server). */
gboolean      cd_cache_offline_restart  (CdCache       *cache,
                                         gint64         contact_id,
                                         GError       **error);
/* Sets synced_at of @contact_id (no-op when it left the set). */
gboolean      cd_cache_offline_set_synced (CdCache     *cache,
                                           gint64       contact_id,
                                           gint64       synced_at,
                                           GError     **error);

const char   *cd_offline_state_to_string   (CdOfflineState  state);
CdOfflineState cd_offline_state_from_string (const char     *text);

/* ---- repository side (main thread) ---- */

#define CD_OFFLINE_PAGE_SIZE 100  /* the API's largest page (api.md) */
#define CD_OFFLINE_CARD_PAGE_SIZE 10

/* cd-offline-download.c: the engine behind a CdOfflineJob. */
typedef struct _CdOfflineRun CdOfflineRun;

CdOfflineRun *cd_offline_run_start   (CdRepository  *repo,
                                      CdOfflineJob  *job,
                                      GArray        *ids,
                                      guint          page_size);
void          cd_offline_run_unref   (CdOfflineRun  *run);
void          cd_offline_run_add     (CdOfflineRun  *run,
                                      GArray        *ids);
/* Drops a queued contact; the one downloading now is not affected. */
void          cd_offline_run_drop    (CdOfflineRun  *run,
                                      gint64         contact_id);
gint64        cd_offline_run_get_current (CdOfflineRun *run);

/* cd-repository-offline.c */
/* Updates the in-memory state of a contact still in the set (emits). */
void          cd_repository_offline_set_state  (CdRepository   *repo,
                                                gint64          contact_id,
                                                CdOfflineState  state);
/* The run ended: clears "offline-job", then finishes @job with @error (taken). */
void          cd_repository_offline_run_ended  (CdRepository   *repo,
                                                CdOfflineRun   *run,
                                                CdOfflineJob   *job,
                                                GError         *error);
/* The server reports @contact_id erased or gone: purge it and say so (id only). */
void          cd_repository_offline_purge_gone (CdRepository   *repo,
                                                gint64          contact_id);
/* Contacts to revalidate: the focus contact first, then the offline set. */
GArray       *cd_repository_offline_sync_ids   (CdRepository   *repo);
/* Starts a sync (TRUE), or, when one runs already, keeps @task to finish
 * with that one's outcome (FALSE).  end_sync finishes the kept tasks. */
gboolean      cd_repository_offline_begin_sync (CdRepository   *repo,
                                                GTask          *task);
void          cd_repository_offline_end_sync   (CdRepository   *repo,
                                                const GError   *error);
/* For tests: call-log page size of new downloads (default CD_OFFLINE_PAGE_SIZE). */
void          cd_repository_offline_set_page_size (CdRepository *repo,
                                                   guint         page_size);

/* Wraps a repository in a GWeakRef for async callbacks that must not keep it alive. */
GWeakRef     *cd_offline_weak_new      (CdRepository  *repo);
void          cd_offline_weak_free     (GWeakRef      *weak);

G_END_DECLS
