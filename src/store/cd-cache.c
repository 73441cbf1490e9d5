/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-cache.h"
#include "cd-statement.h"

struct _CdCache
{
  GObject     parent_instance;
  CdDatabase *db;
};

G_DEFINE_FINAL_TYPE (CdCache, cd_cache, G_TYPE_OBJECT)

/* Lower-cased text the offline finder matches against (name, phone, email, company). */
#define SEARCH_TEXT_EXPR(col) \
  "CASE WHEN json_valid(" col ") THEN lower(" \
  "coalesce(json_extract(" col ", '$.first_name'), '') || ' ' || " \
  "coalesce(json_extract(" col ", '$.last_name'), '') || ' ' || " \
  "coalesce(json_extract(" col ", '$.phone_e164'), '') || ' ' || " \
  "coalesce(json_extract(" col ", '$.email'), '') || ' ' || " \
  "coalesce(json_extract(" col ", '$.company'), '')) ELSE '' END"

/* For an upsert into contacts: the stored copy is not a newer version than the
 * incoming one.  A list or GET answered before an edit may be read after the
 * edit's own answer; it must not bring the old version back. */
#define NOT_NEWER_THAN_EXCLUDED \
  "coalesce(CASE WHEN json_valid(contacts.json) AND json_valid(excluded.json) THEN " \
  "julianday(json_extract(contacts.json, '$.updated_at')) > " \
  "julianday(json_extract(excluded.json, '$.updated_at')) END, 0) = 0"

/* Index i migrates from version i to i + 1; each runs in one transaction. */
static const char * const migrations[] = {
  /* v1: base tables */
  "CREATE TABLE contacts (id INTEGER PRIMARY KEY, json TEXT NOT NULL, etag TEXT,"
  "  fetched_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE call_logs (contact_id INTEGER PRIMARY KEY, json TEXT NOT NULL, etag TEXT,"
  "  total INTEGER, fetched_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE follow_ups (contact_id INTEGER PRIMARY KEY, json TEXT NOT NULL, etag TEXT,"
  "  total INTEGER, fetched_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE memory (contact_id INTEGER PRIMARY KEY, json TEXT NOT NULL, etag TEXT,"
  "  total INTEGER, fetched_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE custom_fields (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL,"
  "  fetched_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE me (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL,"
  "  fetched_at INTEGER NOT NULL DEFAULT 0);",
  /* v2: recent contacts and the offline finder */
  "ALTER TABLE contacts ADD COLUMN opened_at INTEGER;"
  "ALTER TABLE contacts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';"
  "UPDATE contacts SET search_text = " SEARCH_TEXT_EXPR ("json") ";"
  "CREATE INDEX contacts_opened_at ON contacts (opened_at DESC) WHERE opened_at IS NOT NULL;",
  /* v3: voice-session details for the offline call detail */
  "CREATE TABLE session_details (id INTEGER PRIMARY KEY, contact_id INTEGER,"
  "  json TEXT NOT NULL, etag TEXT, fetched_at INTEGER);"
  "CREATE INDEX session_details_contact ON session_details (contact_id);",
  /* v4: "Keep offline" (the set, every call-log page, campaigns) and the outbox */
  "CREATE TABLE offline_contacts (contact_id INTEGER PRIMARY KEY,"
  "  state TEXT NOT NULL DEFAULT 'pending',"   /* pending | downloading | done | failed */
  "  next_cursor TEXT,"                        /* resume point in the call-log pages */
  "  pages_done INTEGER NOT NULL DEFAULT 0, sessions_done INTEGER NOT NULL DEFAULT 0,"
  "  sessions_total INTEGER NOT NULL DEFAULT -1, bytes INTEGER NOT NULL DEFAULT 0,"
  "  kept_at INTEGER NOT NULL, synced_at INTEGER);"
  "CREATE TABLE call_log_pages (contact_id INTEGER NOT NULL, cursor TEXT NOT NULL,"
  "  json TEXT NOT NULL, next_cursor TEXT, total INTEGER, fetched_at INTEGER NOT NULL,"
  "  PRIMARY KEY (contact_id, cursor));"
  "CREATE TABLE campaigns (id INTEGER PRIMARY KEY, json TEXT NOT NULL, etag TEXT,"
  "  fetched_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  contact_id INTEGER NOT NULL, kind TEXT NOT NULL, target_id INTEGER,"
  "  method TEXT NOT NULL, path TEXT NOT NULL, body TEXT, if_match TEXT,"
  "  idempotency_key TEXT NOT NULL, created_at INTEGER NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'pending',"   /* pending | conflict | failed */
  "  error TEXT, theirs_json TEXT, theirs_etag TEXT);"
  "CREATE INDEX outbox_contact ON outbox (contact_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CD_CACHE_SCHEMA_VERSION);

static const char * const doc_tables[] = { "call_logs", "follow_ups", "memory" };

void
cd_cache_entry_free (CdCacheEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->json);
  g_free (entry->etag);
  g_free (entry);
}

static void
cd_cache_finalize (GObject *object)
{
  CdCache *self = CD_CACHE (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (cd_cache_parent_class)->finalize (object);
}

static void
cd_cache_class_init (CdCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_cache_finalize;
}

static void
cd_cache_init (CdCache *self)
{
}

char *
cd_cache_build_path (const char *data_dir,
                     const char *base_url,
                     const char *tenant_id)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", base_url ? base_url : "",
                                          tenant_id ? tenant_id : "");
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *name = NULL;
  g_autofree char *default_dir = NULL;

  sum[16] = '\0';
  name = g_strdup_printf ("cache-%s.sqlite", sum);
  if (data_dir == NULL)
    data_dir = default_dir = g_build_filename (g_get_user_data_dir (), "contact-detail", NULL);
  return g_build_filename (data_dir, name, NULL);
}

static gboolean
migrate (CdDatabase  *db,
         GError     **error)
{
  gint64 version = cd_database_query_int (db, "PRAGMA user_version", error);

  if (version < 0)
    return FALSE;
  if (version > CD_CACHE_SCHEMA_VERSION)
    {
      g_set_error (error, CD_CACHE_ERROR, CD_CACHE_ERROR_TOO_NEW,
                   "Cache schema %" G_GINT64_FORMAT " is newer than this version knows", version);
      return FALSE;
    }
  for (; version < CD_CACHE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT,
                                                      version + 1);

      if (!cd_database_begin (db, error))
        return FALSE;
      if (!cd_database_exec (db, migrations[version], error) ||
          !cd_database_exec (db, set_version, error) ||
          !cd_database_commit (db, error))
        {
          cd_database_rollback (db);
          return FALSE;
        }
      g_debug ("Cache migrated to schema %" G_GINT64_FORMAT, version + 1);
    }
  return TRUE;
}

/* Damage is anything that means the file's contents cannot be trusted. */
static gboolean
check_integrity (CdDatabase  *db,
                 GError     **error)
{
  g_autoptr(CdStatement) stmt = cd_database_prepare (db, "PRAGMA quick_check", error);
  const char *result;

  if (stmt == NULL)
    return FALSE;
  if (!cd_statement_step (stmt, error))
    return FALSE;
  result = cd_statement_get_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error_literal (error, CD_CACHE_ERROR, CD_CACHE_ERROR_CORRUPT,
                           "Cache integrity check failed");
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_and_prepare (CdDatabase  *db,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  if (!cd_database_open (db, path, error))
    return FALSE;
  if (!check_integrity (db, error))
    return FALSE;
  if (!cd_database_exec (db, "PRAGMA secure_delete = ON;"
                             "PRAGMA foreign_keys = ON;", error))
    return FALSE;
  if (cd_database_query_int (db, "PRAGMA journal_mode = WAL", error) < 0)
    return FALSE;
  /* SQLite gives -wal/-shm the main file's mode; make sure anyway. */
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    g_chmod (wal, 0600);
  if (g_file_test (shm, G_FILE_TEST_EXISTS))
    g_chmod (shm, 0600);
  return migrate (db, error);
}

static gboolean
is_damage (const GError *error)
{
  return g_error_matches (error, CD_CACHE_ERROR, CD_CACHE_ERROR_CORRUPT) ||
         g_error_matches (error, CD_CACHE_ERROR, CD_CACHE_ERROR_TOO_NEW);
}

static void
move_aside (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  const char *suffixes[] = { "-wal", "-shm" };

  for (guint i = 1; g_file_test (target, G_FILE_TEST_EXISTS); i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }
  if (g_rename (path, target) != 0)
    g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_unlink (from);
    }
  g_message ("Damaged offline cache moved aside");
}

CdCache *
cd_cache_open (const char  *path,
               gboolean    *recovered,
               GError     **error)
{
  g_autoptr(CdCache) self = g_object_new (CD_TYPE_CACHE, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  if (recovered != NULL)
    *recovered = FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, CD_CACHE_ERROR, CD_CACHE_ERROR_READ_ONLY,
                   "Cannot create the cache directory: %s", g_strerror (errno));
      return NULL;
    }

  self->db = cd_database_new ();
  if (!open_and_prepare (self->db, path, &local_error))
    {
      if (!is_damage (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);
      cd_database_close (self->db);
      move_aside (path);
      if (recovered != NULL)
        *recovered = TRUE;
      if (!open_and_prepare (self->db, path, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

CdCache *
cd_cache_rebuild (const char  *path,
                  GError     **error)
{
  move_aside (path);
  return cd_cache_open (path, NULL, error);
}

CdDatabase *
cd_cache_get_database (CdCache *self)
{
  return self->db;
}

gint64
cd_cache_get_schema_version (CdCache *self)
{
  return cd_database_query_int (self->db, "PRAGMA user_version", NULL);
}

static CdCacheEntry *
read_entry (CdStatement  *stmt,
            GError      **error)
{
  CdCacheEntry *entry;

  if (!cd_statement_step (stmt, error))
    return NULL;
  entry = g_new0 (CdCacheEntry, 1);
  entry->json = g_strdup (cd_statement_get_text (stmt, 0));
  entry->etag = g_strdup (cd_statement_get_text (stmt, 1));
  entry->fetched_at = cd_statement_get_int64 (stmt, 2);
  entry->opened_at = cd_statement_get_int64 (stmt, 3);
  entry->total = cd_statement_is_null (stmt, 4) ? -1 : cd_statement_get_int64 (stmt, 4);
  return entry;
}

CdCacheEntry *
cd_cache_get_contact (CdCache  *self,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (self->db,
                              "SELECT json, etag, fetched_at, opened_at, NULL"
                              " FROM contacts WHERE id = ?", error);
  if (stmt == NULL || !cd_statement_bind_int64 (stmt, 0, id, error))
    return NULL;
  return read_entry (stmt, error);
}

gboolean
cd_cache_put_contact (CdCache     *self,
                      gint64       id,
                      const char  *json,
                      const char  *etag,
                      gint64       fetched_at,
                      gint64       opened_at,
                      GError     **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (self->db,
                              "INSERT INTO contacts (id, json, etag, fetched_at, opened_at, search_text)"
                              " VALUES (?1, ?2, ?3, ?4, nullif(?5, 0), " SEARCH_TEXT_EXPR ("?2") ")"
                              " ON CONFLICT (id) DO UPDATE SET json = excluded.json,"
                              " etag = excluded.etag, fetched_at = excluded.fetched_at,"
                              " search_text = excluded.search_text,"
                              " opened_at = coalesce(excluded.opened_at, opened_at)"
                              " WHERE " NOT_NEWER_THAN_EXCLUDED, error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, id, error) &&
         cd_statement_bind_text (stmt, 1, json, error) &&
         cd_statement_bind_text (stmt, 2, etag, error) &&
         cd_statement_bind_int64 (stmt, 3, fetched_at, error) &&
         cd_statement_bind_int64 (stmt, 4, opened_at, error) &&
         cd_statement_run (stmt, error);
}

gboolean
cd_cache_merge_contact (CdCache    *self,
                        gint64      id,
                        const char *json,
                        gint64      fetched_at,
                        GError    **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (self->db,
                              "INSERT INTO contacts (id, json, etag, fetched_at, search_text)"
                              " VALUES (?1, ?2, NULL, ?3, " SEARCH_TEXT_EXPR ("?2") ")"
                              " ON CONFLICT (id) DO UPDATE SET"
                              " etag = CASE WHEN json = excluded.json THEN etag ELSE NULL END,"
                              " json = excluded.json, fetched_at = excluded.fetched_at,"
                              " search_text = excluded.search_text"
                              " WHERE " NOT_NEWER_THAN_EXCLUDED, error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, id, error) &&
         cd_statement_bind_text (stmt, 1, json, error) &&
         cd_statement_bind_int64 (stmt, 2, fetched_at, error) &&
         cd_statement_run (stmt, error);
}

gboolean
cd_cache_touch_contact (CdCache  *self,
                        gint64    id,
                        gint64    opened_at,
                        GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (self->db, "UPDATE contacts SET opened_at = ? WHERE id = ?", error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, opened_at, error) &&
         cd_statement_bind_int64 (stmt, 1, id, error) &&
         cd_statement_run (stmt, error);
}

static GPtrArray *
collect_json (CdStatement  *stmt,
              GError      **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  GError *local_error = NULL;

  while (cd_statement_step (stmt, &local_error))
    g_ptr_array_add (result, g_strdup (cd_statement_get_text (stmt, 0)));
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* "+91 99000-00001" and "(990) 000" match the stored E.164 digits. */
static char *
normalize_phone (const char *query)
{
  GString *out = g_string_new (NULL);

  for (const char *p = query; *p; p++)
    {
      if (g_ascii_isdigit (*p) || *p == '+')
        g_string_append_c (out, *p);
      else if (strchr (" -().", *p) == NULL)
        return (g_string_free (out, TRUE), NULL);
    }
  if (out->len == 0)
    return (g_string_free (out, TRUE), NULL);
  return g_string_free (out, FALSE);
}

static char *
like_pattern (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *out = g_string_new ("%");

  for (const char *p = lower; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

GPtrArray *
cd_cache_search_contacts (CdCache    *self,
                          const char *query,
                          guint       limit,
                          GError    **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (query ? query : ""));
  g_autofree char *phone = normalize_phone (stripped);
  g_autofree char *pattern = like_pattern (stripped);
  g_autofree char *phone_pattern = phone ? like_pattern (phone) : NULL;
  gint64 id = 0;

  g_ascii_string_to_signed (stripped, 10, 1, G_MAXINT64, &id, NULL);
  stmt = cd_database_prepare (self->db,
                              "SELECT json FROM contacts WHERE search_text LIKE ?1 ESCAPE '\\'"
                              " OR (?2 IS NOT NULL AND search_text LIKE ?2 ESCAPE '\\')"
                              " OR id = ?3"
                              " ORDER BY opened_at IS NULL, opened_at DESC, id LIMIT ?4", error);
  if (stmt == NULL ||
      !cd_statement_bind_text (stmt, 0, pattern, error) ||
      !cd_statement_bind_text (stmt, 1, phone_pattern, error) ||
      !cd_statement_bind_int64 (stmt, 2, id, error) ||
      !cd_statement_bind_int64 (stmt, 3, limit ? limit : 50, error))
    return NULL;
  return collect_json (stmt, error);
}

GPtrArray *
cd_cache_list_recent (CdCache  *self,
                      guint     limit,
                      GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (self->db,
                              "SELECT json FROM contacts WHERE opened_at IS NOT NULL"
                              " ORDER BY opened_at DESC, id DESC LIMIT ?", error);
  if (stmt == NULL || !cd_statement_bind_int64 (stmt, 0, limit ? limit : 20, error))
    return NULL;
  return collect_json (stmt, error);
}

CdCacheEntry *
cd_cache_get_doc (CdCache     *self,
                  CdCacheDoc   doc,
                  gint64       contact_id,
                  GError     **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (doc < G_N_ELEMENTS (doc_tables), NULL);
  sql = g_strdup_printf ("SELECT json, etag, fetched_at, 0, total FROM %s WHERE contact_id = ?",
                         doc_tables[doc]);
  stmt = cd_database_prepare (self->db, sql, error);
  if (stmt == NULL || !cd_statement_bind_int64 (stmt, 0, contact_id, error))
    return NULL;
  return read_entry (stmt, error);
}

gboolean
cd_cache_put_doc (CdCache     *self,
                  CdCacheDoc   doc,
                  gint64       contact_id,
                  const char  *json,
                  const char  *etag,
                  gint64       total,
                  gint64       fetched_at,
                  GError     **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (doc < G_N_ELEMENTS (doc_tables), FALSE);
  sql = g_strdup_printf ("INSERT OR REPLACE INTO %s (contact_id, json, etag, total, fetched_at)"
                         " VALUES (?, ?, ?, ?, ?)", doc_tables[doc]);
  stmt = cd_database_prepare (self->db, sql, error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, contact_id, error) &&
         cd_statement_bind_text (stmt, 1, json, error) &&
         cd_statement_bind_text (stmt, 2, etag, error) &&
         (total >= 0 ? cd_statement_bind_int64 (stmt, 3, total, error)
                     : cd_statement_bind_null (stmt, 3, error)) &&
         cd_statement_bind_int64 (stmt, 4, fetched_at, error) &&
         cd_statement_run (stmt, error);
}

CdCacheEntry *
cd_cache_get_session (CdCache  *self,
                      gint64    session_id,
                      GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (self->db,
                              "SELECT json, etag, fetched_at, 0, NULL"
                              " FROM session_details WHERE id = ?", error);
  if (stmt == NULL || !cd_statement_bind_int64 (stmt, 0, session_id, error))
    return NULL;
  return read_entry (stmt, error);
}

gboolean
cd_cache_put_session (CdCache     *self,
                      gint64       session_id,
                      gint64       contact_id,
                      const char  *json,
                      const char  *etag,
                      gint64       fetched_at,
                      GError     **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (self->db,
                              "INSERT OR REPLACE INTO session_details"
                              " (id, contact_id, json, etag, fetched_at) VALUES (?, ?, ?, ?, ?)",
                              error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, session_id, error) &&
         (contact_id > 0 ? cd_statement_bind_int64 (stmt, 1, contact_id, error)
                         : cd_statement_bind_null (stmt, 1, error)) &&
         cd_statement_bind_text (stmt, 2, json, error) &&
         cd_statement_bind_text (stmt, 3, etag, error) &&
         cd_statement_bind_int64 (stmt, 4, fetched_at, error) &&
         cd_statement_run (stmt, error);
}

static const char *
global_table (const char *key)
{
  if (g_strcmp0 (key, "me") == 0)
    return "me";
  if (g_strcmp0 (key, "custom_fields") == 0)
    return "custom_fields";
  g_return_val_if_reached (NULL);
}

CdCacheEntry *
cd_cache_get_global (CdCache     *self,
                     const char  *key,
                     GError     **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *table = global_table (key);

  if (table == NULL)
    return NULL;
  sql = g_strdup_printf ("SELECT json, NULL, fetched_at, 0, NULL FROM %s WHERE id = 1", table);
  stmt = cd_database_prepare (self->db, sql, error);
  if (stmt == NULL)
    return NULL;
  return read_entry (stmt, error);
}

gboolean
cd_cache_put_global (CdCache     *self,
                     const char  *key,
                     const char  *json,
                     gint64       fetched_at,
                     GError     **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *table = global_table (key);

  if (table == NULL)
    return FALSE;
  sql = g_strdup_printf ("INSERT OR REPLACE INTO %s (id, json, fetched_at) VALUES (1, ?, ?)", table);
  stmt = cd_database_prepare (self->db, sql, error);
  return stmt != NULL &&
         cd_statement_bind_text (stmt, 0, json, error) &&
         cd_statement_bind_int64 (stmt, 1, fetched_at, error) &&
         cd_statement_run (stmt, error);
}

/* Copies the WAL into the main file (where secure_delete zeroed the rows) and truncates it. */
static gboolean
checkpoint (CdCache  *self,
            GError  **error)
{
  return cd_database_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", error);
}

gboolean
cd_cache_purge_contact (CdCache  *self,
                        gint64    contact_id,
                        GError  **error)
{
  const char *sql[] = {
    "DELETE FROM contacts WHERE id = ?",
    "DELETE FROM call_logs WHERE contact_id = ?",
    "DELETE FROM follow_ups WHERE contact_id = ?",
    "DELETE FROM memory WHERE contact_id = ?",
    "DELETE FROM session_details WHERE contact_id = ?",
    /* v4: its offline pages and set entry, and (erased or gone on the server)
     * its unsent edits, which can no longer be applied. */
    "DELETE FROM call_log_pages WHERE contact_id = ?",
    "DELETE FROM offline_contacts WHERE contact_id = ?",
    "DELETE FROM outbox WHERE contact_id = ?",
  };

  if (!cd_database_begin (self->db, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(CdStatement) stmt = cd_database_prepare (self->db, sql[i], error);

      if (stmt == NULL ||
          !cd_statement_bind_int64 (stmt, 0, contact_id, error) ||
          !cd_statement_run (stmt, error))
        {
          cd_database_rollback (self->db);
          return FALSE;
        }
    }
  if (!cd_database_commit (self->db, error))
    {
      cd_database_rollback (self->db);
      return FALSE;
    }
  return checkpoint (self, error);
}

gboolean
cd_cache_clear (CdCache  *self,
                GError  **error)
{
  if (!cd_database_begin (self->db, error))
    return FALSE;
  if (!cd_database_exec (self->db,
                         "DELETE FROM contacts; DELETE FROM call_logs; DELETE FROM follow_ups;"
                         "DELETE FROM memory; DELETE FROM custom_fields; DELETE FROM me;"
                         "DELETE FROM session_details;"
                         /* v4; the outbox stays: unsent edits are never lost this way. */
                         "DELETE FROM call_log_pages; DELETE FROM campaigns;"
                         "DELETE FROM offline_contacts;", error) ||
      !cd_database_commit (self->db, error))
    {
      cd_database_rollback (self->db);
      return FALSE;
    }
  return checkpoint (self, error) && cd_database_exec (self->db, "VACUUM", error) &&
         checkpoint (self, error);
}

gboolean
cd_cache_set_size_limit (CdCache  *self,
                         gint64    max_bytes,
                         GError  **error)
{
  gint64 page_size = cd_database_query_int (self->db, "PRAGMA page_size", error);
  /* SQLite's own ceiling when there is no limit. */
  gint64 pages = G_GINT64_CONSTANT (4294967294);

  if (page_size <= 0)
    return FALSE;
  if (max_bytes > 0)
    pages = MAX (1, max_bytes / page_size);
  return cd_database_set_max_page_count (self->db, pages, error);
}

gboolean
cd_cache_delete_doc (CdCache     *self,
                     CdCacheDoc   doc,
                     gint64       contact_id,
                     GError     **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (doc < G_N_ELEMENTS (doc_tables), FALSE);
  sql = g_strdup_printf ("DELETE FROM %s WHERE contact_id = ?", doc_tables[doc]);
  stmt = cd_database_prepare (self->db, sql, error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, contact_id, error) &&
         cd_statement_run (stmt, error);
}
