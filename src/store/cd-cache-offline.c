/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include "cd-offline-private.h"
#include "cd-statement.h"

/* SQL on the "Keep offline" tables of cache schema v4 (worker thread only). */

static const char * const state_names[] = {
  [CD_OFFLINE_NONE] = "none",
  [CD_OFFLINE_PENDING] = "pending",
  [CD_OFFLINE_DOWNLOADING] = "downloading",
  [CD_OFFLINE_DONE] = "done",
  [CD_OFFLINE_FAILED] = "failed",
};

const char *
cd_offline_state_to_string (CdOfflineState state)
{
  return state < G_N_ELEMENTS (state_names) ? state_names[state] : "pending";
}

CdOfflineState
cd_offline_state_from_string (const char *text)
{
  for (guint i = CD_OFFLINE_PENDING; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      return i;
  return CD_OFFLINE_PENDING;
}

void
cd_offline_row_free (CdOfflineRow *row)
{
  if (row == NULL)
    return;
  g_free (row->next_cursor);
  g_free (row);
}

void
cd_offline_page_free (CdOfflinePage *page)
{
  if (page == NULL)
    return;
  g_free (page->json);
  g_free (page->next_cursor);
  g_free (page);
}

/* Runs @sql with ?1 = @id. */
static gboolean
run_for_id (CdDatabase  *db,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(CdStatement) stmt = cd_database_prepare (db, sql, error);

  return stmt != NULL && cd_statement_bind_int64 (stmt, 0, id, error) &&
         cd_statement_run (stmt, error);
}

gboolean
cd_cache_offline_add (CdCache  *cache,
                      GArray   *ids,
                      gint64    kept_at,
                      GError  **error)
{
  CdDatabase *db = cd_cache_get_database (cache);

  if (!cd_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CdStatement) stmt = cd_database_prepare (db,
        "INSERT INTO offline_contacts (contact_id, state, kept_at) VALUES (?1, 'pending', ?2)"
        " ON CONFLICT (contact_id) DO UPDATE SET state = 'pending', next_cursor = NULL,"
        " pages_done = 0, sessions_done = 0, kept_at = excluded.kept_at", error);

      if (stmt == NULL ||
          !cd_statement_bind_int64 (stmt, 0, g_array_index (ids, gint64, i), error) ||
          !cd_statement_bind_int64 (stmt, 1, kept_at, error) || !cd_statement_run (stmt, error))
        {
          cd_database_rollback (db);
          return FALSE;
        }
    }
  if (cd_database_commit (db, error))
    return TRUE;
  cd_database_rollback (db);
  return FALSE;
}

#define ROW_COLUMNS \
  "contact_id, state, next_cursor, pages_done, sessions_done, sessions_total, bytes," \
  " kept_at, coalesce(synced_at, 0)"

static CdOfflineRow *
read_row (CdStatement *stmt)
{
  CdOfflineRow *row = g_new0 (CdOfflineRow, 1);

  row->contact_id = cd_statement_get_int64 (stmt, 0);
  row->state = cd_offline_state_from_string (cd_statement_get_text (stmt, 1));
  row->next_cursor = g_strdup (cd_statement_get_text (stmt, 2));
  row->pages_done = cd_statement_get_int64 (stmt, 3);
  row->sessions_done = cd_statement_get_int64 (stmt, 4);
  row->sessions_total = cd_statement_get_int64 (stmt, 5);
  row->bytes = cd_statement_get_int64 (stmt, 6);
  row->kept_at = cd_statement_get_int64 (stmt, 7);
  row->synced_at = cd_statement_get_int64 (stmt, 8);
  return row;
}

GPtrArray *
cd_cache_offline_list (CdCache  *cache,
                       GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_offline_row_free);
  GError *local = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "SELECT " ROW_COLUMNS " FROM offline_contacts"
                              " ORDER BY kept_at DESC, contact_id DESC", error);
  if (stmt == NULL)
    return NULL;
  while (cd_statement_step (stmt, &local))
    g_ptr_array_add (rows, read_row (stmt));
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

CdOfflineRow *
cd_cache_offline_get (CdCache  *cache,
                      gint64    contact_id,
                      GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "SELECT " ROW_COLUMNS " FROM offline_contacts WHERE contact_id = ?",
                              error);
  if (stmt == NULL || !cd_statement_bind_int64 (stmt, 0, contact_id, error))
    return NULL;
  return cd_statement_step (stmt, error) ? read_row (stmt) : NULL;
}

gboolean
cd_cache_offline_update (CdCache             *cache,
                         const CdOfflineRow  *row,
                         GError             **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "UPDATE offline_contacts SET state = ?2, next_cursor = ?3,"
                              " pages_done = ?4, sessions_done = ?5, sessions_total = ?6,"
                              " bytes = ?7, synced_at = nullif(?8, 0) WHERE contact_id = ?1", error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, row->contact_id, error) &&
         cd_statement_bind_text (stmt, 1, cd_offline_state_to_string (row->state), error) &&
         cd_statement_bind_text (stmt, 2, row->next_cursor, error) &&
         cd_statement_bind_int64 (stmt, 3, row->pages_done, error) &&
         cd_statement_bind_int64 (stmt, 4, row->sessions_done, error) &&
         cd_statement_bind_int64 (stmt, 5, row->sessions_total, error) &&
         cd_statement_bind_int64 (stmt, 6, row->bytes, error) &&
         cd_statement_bind_int64 (stmt, 7, row->synced_at, error) &&
         cd_statement_run (stmt, error);
}

gboolean
cd_cache_offline_delete_pages (CdCache  *cache,
                               gint64    contact_id,
                               GError  **error)
{
  return run_for_id (cd_cache_get_database (cache),
                     "DELETE FROM call_log_pages WHERE contact_id = ?", contact_id, error);
}

gboolean
cd_cache_offline_put_page (CdCache     *cache,
                           gint64       contact_id,
                           const char  *cursor,
                           const char  *json,
                           const char  *next_cursor,
                           gint64       total,
                           gint64       fetched_at,
                           GError     **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "INSERT OR REPLACE INTO call_log_pages"
                              " (contact_id, cursor, json, next_cursor, total, fetched_at)"
                              " VALUES (?, ?, ?, ?, ?, ?)", error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, contact_id, error) &&
         cd_statement_bind_text (stmt, 1, cursor ? cursor : "", error) &&
         cd_statement_bind_text (stmt, 2, json, error) &&
         cd_statement_bind_text (stmt, 3, next_cursor, error) &&
         (total >= 0 ? cd_statement_bind_int64 (stmt, 4, total, error)
                     : cd_statement_bind_null (stmt, 4, error)) &&
         cd_statement_bind_int64 (stmt, 5, fetched_at, error) &&
         cd_statement_run (stmt, error);
}

CdOfflinePage *
cd_cache_offline_get_page (CdCache     *cache,
                           gint64       contact_id,
                           const char  *cursor,
                           GError     **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  CdOfflinePage *page;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "SELECT json, next_cursor, total FROM call_log_pages"
                              " WHERE contact_id = ? AND cursor = ?", error);
  if (stmt == NULL || !cd_statement_bind_int64 (stmt, 0, contact_id, error) ||
      !cd_statement_bind_text (stmt, 1, cursor ? cursor : "", error) ||
      !cd_statement_step (stmt, error))
    return NULL;
  page = g_new0 (CdOfflinePage, 1);
  page->json = g_strdup (cd_statement_get_text (stmt, 0));
  page->next_cursor = g_strdup (cd_statement_get_text (stmt, 1));
  page->total = cd_statement_is_null (stmt, 2) ? -1 : cd_statement_get_int64 (stmt, 2);
  return page;
}

GArray *
cd_cache_offline_missing_sessions (CdCache  *cache,
                                   GArray   *ids,
                                   GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "SELECT 1 FROM session_details WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      GError *local = NULL;

      cd_statement_reset (stmt);
      if (!cd_statement_bind_int64 (stmt, 0, id, error))
        return NULL;
      if (!cd_statement_step (stmt, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, local);
              return NULL;
            }
          g_array_append_val (missing, id);
        }
    }
  return g_steal_pointer (&missing);
}

GArray *
cd_cache_offline_campaign_ids (CdCache  *cache,
                               gint64    contact_id,
                               GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *local = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "SELECT DISTINCT json_extract(i.value, '$.campaign.id')"
                              " FROM call_log_pages p, json_each(p.json, '$.items') i"
                              " WHERE p.contact_id = ? AND json_valid(p.json)"
                              " AND json_type(i.value, '$.campaign.id') = 'integer'", error);
  if (stmt == NULL || !cd_statement_bind_int64 (stmt, 0, contact_id, error))
    return NULL;
  while (cd_statement_step (stmt, &local))
    {
      gint64 id = cd_statement_get_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gint64
cd_cache_offline_size (CdCache  *cache,
                       gint64    contact_id,
                       GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
    "SELECT (SELECT coalesce(sum(length(json)), 0) FROM contacts WHERE id = ?1)"
    " + (SELECT coalesce(sum(length(json)), 0) FROM call_logs WHERE contact_id = ?1)"
    " + (SELECT coalesce(sum(length(json)), 0) FROM follow_ups WHERE contact_id = ?1)"
    " + (SELECT coalesce(sum(length(json)), 0) FROM memory WHERE contact_id = ?1)"
    " + (SELECT coalesce(sum(length(json)), 0) FROM session_details WHERE contact_id = ?1)"
    " + (SELECT coalesce(sum(length(json)), 0) FROM call_log_pages WHERE contact_id = ?1)",
    error);
  if (stmt == NULL || !cd_statement_bind_int64 (stmt, 0, contact_id, error) ||
      !cd_statement_step (stmt, error))
    return -1;
  return cd_statement_get_int64 (stmt, 0);
}

static gboolean
remove_rows (CdDatabase  *db,
             gint64       contact_id,
             GError     **error)
{
  const char *sql[] = {
    "DELETE FROM contacts WHERE id = ?",
    "DELETE FROM call_logs WHERE contact_id = ?",
    "DELETE FROM follow_ups WHERE contact_id = ?",
    "DELETE FROM memory WHERE contact_id = ?",
    "DELETE FROM session_details WHERE contact_id = ?",
    "DELETE FROM call_log_pages WHERE contact_id = ?",
    "DELETE FROM offline_contacts WHERE contact_id = ?",
  };

  if (contact_id == 0)
    return cd_database_exec (db,
                             "DELETE FROM contacts; DELETE FROM call_logs; DELETE FROM follow_ups;"
                             "DELETE FROM memory; DELETE FROM custom_fields; DELETE FROM me;"
                             "DELETE FROM session_details; DELETE FROM call_log_pages;"
                             "DELETE FROM campaigns; DELETE FROM offline_contacts;", error);
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    if (!run_for_id (db, sql[i], contact_id, error))
      return FALSE;
  return TRUE;
}

gboolean
cd_cache_offline_remove (CdCache  *cache,
                         gint64    contact_id,
                         GError  **error)
{
  CdDatabase *db = cd_cache_get_database (cache);

  if (!cd_database_begin (db, error))
    return FALSE;
  if (!remove_rows (db, contact_id, error) || !cd_database_commit (db, error))
    {
      cd_database_rollback (db);
      return FALSE;
    }
  /* secure_delete zeroed the pages; the checkpoint moves that into the file. */
  if (!cd_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;
  return contact_id != 0 || (cd_database_exec (db, "VACUUM", error) &&
                             cd_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error));
}

CdCacheEntry *
cd_cache_get_campaign (CdCache  *cache,
                       gint64    campaign_id,
                       GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  CdCacheEntry *entry;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "SELECT json, etag, fetched_at FROM campaigns WHERE id = ?", error);
  if (stmt == NULL || !cd_statement_bind_int64 (stmt, 0, campaign_id, error) ||
      !cd_statement_step (stmt, error))
    return NULL;
  entry = g_new0 (CdCacheEntry, 1);
  entry->json = g_strdup (cd_statement_get_text (stmt, 0));
  entry->etag = g_strdup (cd_statement_get_text (stmt, 1));
  entry->fetched_at = cd_statement_get_int64 (stmt, 2);
  entry->total = -1;
  return entry;
}

gboolean
cd_cache_put_campaign (CdCache     *cache,
                       gint64       campaign_id,
                       const char  *json,
                       const char  *etag,
                       gint64       fetched_at,
                       GError     **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "INSERT OR REPLACE INTO campaigns (id, json, etag, fetched_at)"
                              " VALUES (?, ?, ?, ?)", error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, campaign_id, error) &&
         cd_statement_bind_text (stmt, 1, json, error) &&
         cd_statement_bind_text (stmt, 2, etag, error) &&
         cd_statement_bind_int64 (stmt, 3, fetched_at, error) &&
         cd_statement_run (stmt, error);
}

gboolean
cd_cache_offline_set_synced (CdCache  *cache,
                             gint64    contact_id,
                             gint64    synced_at,
                             GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "UPDATE offline_contacts SET synced_at = ? WHERE contact_id = ?", error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, synced_at, error) &&
         cd_statement_bind_int64 (stmt, 1, contact_id, error) &&
         cd_statement_run (stmt, error);
}

gboolean
cd_cache_offline_restart (CdCache  *cache,
                          gint64    contact_id,
                          GError  **error)
{
  return run_for_id (cd_cache_get_database (cache),
                     "UPDATE offline_contacts SET state = 'pending', next_cursor = NULL,"
                     " pages_done = 0, sessions_done = 0 WHERE contact_id = ?", contact_id, error);
}
