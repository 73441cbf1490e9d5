/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-demo"

#include "cd-demo-private.h"
#include "cd-demo-seed.h"

#include <glib/gstdio.h>

static const char *schema_sql =
  "CREATE TABLE contacts (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL,"
  " first_name TEXT, last_name TEXT, phone_e164 TEXT, email TEXT, company TEXT,"
  " timezone TEXT, country_code TEXT, tags TEXT NOT NULL DEFAULT '[]',"
  " custom_fields TEXT NOT NULL DEFAULT '{}', lifecycle_state TEXT NOT NULL DEFAULT 'active',"
  " recent_campaign_id INTEGER, created_by_id INTEGER, created_by_name TEXT,"
  " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
  "CREATE INDEX contacts_tenant ON contacts (tenant_id, id);"
  "CREATE INDEX contacts_phone ON contacts (phone_e164);"
  "CREATE TABLE dnc_entries (id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id INTEGER NOT NULL,"
  " phone_e164 TEXT NOT NULL, reason TEXT, contact_id INTEGER, added_at INTEGER NOT NULL);"
  "CREATE INDEX dnc_phone ON dnc_entries (phone_e164);"
  "CREATE INDEX dnc_contact ON dnc_entries (contact_id);"
  "CREATE TABLE agents (id INTEGER PRIMARY KEY, name TEXT NOT NULL, published INTEGER NOT NULL,"
  " status TEXT NOT NULL, variables TEXT NOT NULL);"
  "CREATE TABLE phone_numbers (id INTEGER PRIMARY KEY, e164 TEXT NOT NULL, label TEXT,"
  " status TEXT NOT NULL);"
  "CREATE TABLE campaigns (id INTEGER PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL,"
  " agent_id INTEGER, timezone TEXT, dashboard_url TEXT, version INTEGER NOT NULL DEFAULT 1);"
  "CREATE TABLE voice_sessions (id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL,"
  " direction TEXT NOT NULL, status TEXT NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER,"
  " duration_seconds INTEGER, talk_time_seconds INTEGER, agent_id INTEGER, campaign_id INTEGER,"
  " campaign_outcome TEXT, from_number TEXT, to_number TEXT, summary TEXT,"
  " has_recording INTEGER NOT NULL DEFAULT 0, cost TEXT, sentiment TEXT, end_reason TEXT,"
  " follow_up_id INTEGER, version INTEGER NOT NULL DEFAULT 1);"
  "CREATE INDEX vs_contact_started ON voice_sessions (contact_id, started_at, id);"
  "CREATE INDEX vs_contact_duration ON voice_sessions (contact_id, duration_seconds, id);"
  "CREATE INDEX vs_contact_status ON voice_sessions (contact_id, status, started_at);"
  "CREATE TABLE follow_ups (id INTEGER PRIMARY KEY AUTOINCREMENT, contact_id INTEGER NOT NULL,"
  " status TEXT NOT NULL, type TEXT NOT NULL, scheduled_at INTEGER NOT NULL, agent_id INTEGER,"
  " campaign_id INTEGER, attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL "
  "DEFAULT 3,"
  " priority TEXT NOT NULL DEFAULT 'normal', allow_out_of_window INTEGER NOT NULL DEFAULT 0,"
  " source TEXT NOT NULL DEFAULT 'manual', notes TEXT, closed_reason TEXT,"
  " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
  "CREATE INDEX fu_contact ON follow_ups (contact_id, scheduled_at);"
  "CREATE TABLE memories (contact_id INTEGER PRIMARY KEY, summary TEXT,"
  " open_items TEXT NOT NULL DEFAULT '[]', llm_usage TEXT,"
  " rebuild_status TEXT NOT NULL DEFAULT 'idle', rebuild_requested_at INTEGER,"
  " rebuild_job INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL,"
  " version INTEGER NOT NULL DEFAULT 1);"
  "CREATE TABLE memory_facts (contact_id INTEGER NOT NULL, key TEXT NOT NULL, label TEXT,"
  " value TEXT, source TEXT NOT NULL, ai_value TEXT, updated_at INTEGER NOT NULL,"
  " position INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (contact_id, key));"
  "CREATE TABLE idempotency (key TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,"
  " status INTEGER NOT NULL, body TEXT NOT NULL, etag TEXT, created_at INTEGER NOT NULL,"
  " PRIMARY KEY (key, method, path));";

gint64
cd_demo_db_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
cd_demo_db_exec (sqlite3 *db, const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_warning ("SQL failed: %s", msg ? msg : "?");
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
cd_demo_db_prepare (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    {
      /* A bug in our own SQL: loud in tests (fatal criticals), harmless otherwise. */
      g_critical ("SQL prepare failed: %s", sqlite3_errmsg (db));
      return NULL;
    }
  return st;
}

/* Runs a one-row integer query with one optional integer parameter. */
gint64
cd_demo_db_query_int (sqlite3 *db, const char *sql, gint64 arg, gint64 fallback)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (db, sql);

  if (st == NULL)
    return fallback;
  if (sqlite3_bind_parameter_count (st) > 0)
    sqlite3_bind_int64 (st, 1, arg);
  if (sqlite3_step (st) == SQLITE_ROW && sqlite3_column_type (st, 0) != SQLITE_NULL)
    return sqlite3_column_int64 (st, 0);
  return fallback;
}

static gboolean
create_and_seed (sqlite3 *db, gint64 base)
{
  g_autofree char *pragma = NULL;

  if (!cd_demo_db_exec (db, "BEGIN") || !cd_demo_db_exec (db, schema_sql) ||
      !cd_demo_seed (db, base))
    {
      cd_demo_db_exec (db, "ROLLBACK");
      return FALSE;
    }
  pragma = g_strdup_printf ("PRAGMA user_version = %d", CD_DEMO_SCHEMA_VERSION);
  cd_demo_db_exec (db, pragma);
  return cd_demo_db_exec (db, "COMMIT");
}

/* Tests start a fresh server per case, and seeding costs 0.15 s natively but
 * 6 s under valgrind: the first database seeded in a process is kept in memory
 * and copied into later ones while its base hour is still the current one, so
 * each copy is byte for byte what seeding would have written. */
static GMutex   seed_copy_lock;
static sqlite3 *seed_copy;
static gint64   seed_copy_base;

static gboolean
copy_database (sqlite3 *from, sqlite3 *to)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");

  if (backup == NULL)
    return FALSE;
  sqlite3_backup_step (backup, -1);
  return sqlite3_backup_finish (backup) == SQLITE_OK;
}

static gboolean
copy_seeded (sqlite3 *db, gint64 base)
{
  gboolean copied;

  g_mutex_lock (&seed_copy_lock);
  copied = seed_copy != NULL && seed_copy_base == base && copy_database (seed_copy, db);
  g_mutex_unlock (&seed_copy_lock);
  return copied;
}

static void
keep_seeded (sqlite3 *db, gint64 base)
{
  sqlite3 *copy = NULL;

  if (sqlite3_open (":memory:", &copy) != SQLITE_OK || !copy_database (db, copy))
    {
      sqlite3_close (copy);
      return;
    }
  g_mutex_lock (&seed_copy_lock);
  sqlite3_close (seed_copy);
  seed_copy = copy;
  seed_copy_base = base;
  g_mutex_unlock (&seed_copy_lock);
}

static gboolean
create (sqlite3 *db, GError **error)
{
  gint64 base = (cd_demo_db_now () / 3600) * 3600;

  if (copy_seeded (db, base))
    return TRUE;
  if (!create_and_seed (db, base))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not create the demo database");
      return FALSE;
    }
  keep_seeded (db, base);
  return TRUE;
}

static sqlite3 *
open_raw (const char *path, GError **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not open the demo database: %s",
                   db ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* A file that is not an SQLite database is moved aside (never deleted) and replaced. */
static sqlite3 *
open_or_replace_corrupt (const char *path, GError **error)
{
  sqlite3         *db = open_raw (path, error);
  g_autofree char *aside = NULL;

  if (db == NULL ||
      sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) == SQLITE_OK)
    return db;
  sqlite3_close (db);
  aside = g_strdup_printf ("%s.corrupt-%" G_GINT64_FORMAT, path, cd_demo_db_now ());
  g_warning ("Demo database is unreadable; moved it aside and starting fresh");
  if (g_rename (path, aside) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The demo database is unreadable");
      return NULL;
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *side = g_strconcat (path, i ? "-shm" : "-wal", NULL);
      g_autofree char *side_aside = g_strconcat (aside, i ? "-shm" : "-wal", NULL);

      g_rename (side, side_aside);
    }
  return open_raw (path, error);
}

sqlite3 *
cd_demo_db_open (const char *path, GError **error)
{
  sqlite3         *db = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  gint64           version;

  /* The app passes a path under the user data dir, which may not exist yet. */
  g_mkdir_with_parents (dir, 0700);
  db = open_or_replace_corrupt (path, error);
  if (db == NULL)
    return NULL;
  cd_demo_db_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
  version = cd_demo_db_query_int (db, "PRAGMA user_version", 0, 0);
  if (version == 0 && !create (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  if (version > CD_DEMO_SCHEMA_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The demo database is newer (schema %" G_GINT64_FORMAT ") than this server",
                   version);
      sqlite3_close (db);
      return NULL;
    }
  /* A rebuild interrupted by a restart would otherwise stay queued forever. */
  cd_demo_db_exec (db, "UPDATE memories SET rebuild_status = 'idle' "
                       "WHERE rebuild_status IN ('queued', 'running')");
  return db;
}
