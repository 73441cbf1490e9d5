/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-database.h"

G_BEGIN_DECLS

/*
 * CdCache: the offline cache schema on top of CdDatabase.  Stores the server's
 * raw JSON plus metadata.  Synchronous; used only from the repository's worker
 * thread (and directly by tests).  Times are Unix seconds (UTC).
 */

#define CD_CACHE_SCHEMA_VERSION 4

/* Per-contact documents besides the contact itself. */
typedef enum
{
  CD_CACHE_DOC_CALL_LOGS,
  CD_CACHE_DOC_FOLLOW_UPS,
  CD_CACHE_DOC_MEMORY,
} CdCacheDoc;

/* One cached JSON document. */
typedef struct
{
  char   *json;
  char   *etag;
  gint64  fetched_at;  /* 0 = unknown */
  gint64  opened_at;   /* contacts only; microseconds (g_get_real_time) */
  gint64  total;       /* call logs only, -1 = unknown */
} CdCacheEntry;

void          cd_cache_entry_free (CdCacheEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCacheEntry, cd_cache_entry_free)

#define CD_TYPE_CACHE (cd_cache_get_type ())
G_DECLARE_FINAL_TYPE (CdCache, cd_cache, CD, CACHE, GObject)

/* "<data_dir>/cache-<16 hex of sha256(base_url\ntenant)>.sqlite" */
char         *cd_cache_build_path (const char *data_dir,
                                   const char *base_url,
                                   const char *tenant_id);

/*
 * Opens @path, migrating to CD_CACHE_SCHEMA_VERSION.  A damaged file (not a
 * database, failing quick_check, newer schema) is moved aside to
 * "<path>.corrupt-<timestamp>" and rebuilt empty; then *@recovered is TRUE.
 * Fails (READ_ONLY, IO, FULL) when the file cannot be used at all.
 */
CdCache      *cd_cache_open       (const char  *path,
                                   gboolean    *recovered,
                                   GError     **error);
/* For damage found after opening: moves @path aside and opens a new empty cache. */
CdCache      *cd_cache_rebuild    (const char  *path,
                                   GError     **error);
CdDatabase   *cd_cache_get_database (CdCache   *self);
gint64        cd_cache_get_schema_version (CdCache *self);

/* Contacts */
CdCacheEntry *cd_cache_get_contact (CdCache     *self,
                                    gint64       id,
                                    GError     **error);
/* Full write after a 200 (json + etag); @opened_at 0 keeps the old one. */
gboolean      cd_cache_put_contact (CdCache     *self,
                                    gint64       id,
                                    const char  *json,
                                    const char  *etag,
                                    gint64       fetched_at,
                                    gint64       opened_at,
                                    GError     **error);
/*
 * Write from a list/search result: no ETag comes with it, so the stored etag is
 * dropped when the JSON differs (the next open then gets a full 200).
 */
gboolean      cd_cache_merge_contact (CdCache    *self,
                                      gint64      id,
                                      const char *json,
                                      gint64      fetched_at,
                                      GError    **error);
gboolean      cd_cache_touch_contact (CdCache    *self,
                                      gint64      id,
                                      gint64      opened_at,
                                      GError    **error);
/* Arrays of contact JSON strings (char *). */
GPtrArray    *cd_cache_search_contacts (CdCache    *self,
                                        const char *query,
                                        guint       limit,
                                        GError    **error);
GPtrArray    *cd_cache_list_recent     (CdCache    *self,
                                        guint       limit,
                                        GError    **error);

/* Per-contact documents */
CdCacheEntry *cd_cache_get_doc (CdCache     *self,
                                CdCacheDoc   doc,
                                gint64       contact_id,
                                GError     **error);
gboolean      cd_cache_put_doc (CdCache     *self,
                                CdCacheDoc   doc,
                                gint64       contact_id,
                                const char  *json,
                                const char  *etag,
                                gint64       total,
                                gint64       fetched_at,
                                GError     **error);
gboolean      cd_cache_delete_doc (CdCache     *self,
                                   CdCacheDoc   doc,
                                   gint64       contact_id,
                                   GError     **error);

/* Voice-session details (one row per session, keyed by session id); total is unused. */
CdCacheEntry *cd_cache_get_session (CdCache     *self,
                                    gint64       session_id,
                                    GError     **error);
gboolean      cd_cache_put_session (CdCache     *self,
                                    gint64       session_id,
                                    gint64       contact_id,
                                    const char  *json,
                                    const char  *etag,
                                    gint64       fetched_at,
                                    GError     **error);

/* Singletons: "me", "custom_fields" */
CdCacheEntry *cd_cache_get_global (CdCache     *self,
                                   const char  *key,
                                   GError     **error);
gboolean      cd_cache_put_global (CdCache     *self,
                                   const char  *key,
                                   const char  *json,
                                   gint64       fetched_at,
                                   GError     **error);

/* Caps the file at about @max_bytes (0 = no limit); writes beyond fail with FULL. */
gboolean      cd_cache_set_size_limit (CdCache  *self,
                                       gint64    max_bytes,
                                       GError  **error);

/* Deletes every row of the contact (session details, offline pages, its offline
 * set entry and its outbox entries too), then truncates the WAL. */
gboolean      cd_cache_purge_contact (CdCache  *self,
                                      gint64    contact_id,
                                      GError  **error);
/* Deletes everything except the outbox, truncates the WAL and vacuums. */
gboolean      cd_cache_clear         (CdCache  *self,
                                      GError  **error);

G_END_DECLS
