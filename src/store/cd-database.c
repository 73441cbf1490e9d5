/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "cd-database.h"
#include "cd-statement.h"

struct _CdDatabase
{
  GObject  parent_instance;
  sqlite3 *db;
  char    *path;
};

G_DEFINE_FINAL_TYPE (CdDatabase, cd_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (cd-cache-error-quark, cd_cache_error)

static CdCacheError
code_for_rc (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return CD_CACHE_ERROR_CORRUPT;
    case SQLITE_FULL:
      return CD_CACHE_ERROR_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return CD_CACHE_ERROR_READ_ONLY;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return CD_CACHE_ERROR_IO;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CD_CACHE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return CD_CACHE_ERROR_CONSTRAINT;
    default:
      return CD_CACHE_ERROR_FAILED;
    }
}

/* Creates the file ourselves so it never exists with a wider mode than 0600. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, CD_CACHE_ERROR,
                   (saved == EROFS || saved == EACCES || saved == EPERM)
                     ? CD_CACHE_ERROR_READ_ONLY : CD_CACHE_ERROR_IO,
                   "Cannot create the cache file: %s", g_strerror (saved));
      return FALSE;
    }
  close (fd);
  /* An older file may have been created with a wider mode. */
  g_chmod (path, 0600);
  return TRUE;
}

static void
cd_database_finalize (GObject *object)
{
  CdDatabase *self = CD_DATABASE (object);

  cd_database_close (self);
  G_OBJECT_CLASS (cd_database_parent_class)->finalize (object);
}

static void
cd_database_class_init (CdDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_database_finalize;
}

static void
cd_database_init (CdDatabase *self)
{
}

CdDatabase *
cd_database_new (void)
{
  return g_object_new (CD_TYPE_DATABASE, NULL);
}

void
cd_database_set_error (CdDatabase  *self,
                       int          rc,
                       GError     **error)
{
  const char *msg = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  g_set_error (error, CD_CACHE_ERROR, code_for_rc (rc), "Cache database error: %s", msg);
}

gboolean
cd_database_open (CdDatabase  *self,
                  const char  *path,
                  GError     **error)
{
  int rc;

  g_return_val_if_fail (CD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->db == NULL, FALSE);

  if (!create_private_file (path, error))
    return FALSE;

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      cd_database_set_error (self, rc, error);
      cd_database_close (self);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 0);
  sqlite3_busy_timeout (self->db, 2000);
  g_free (self->path);
  self->path = g_strdup (path);
  return TRUE;
}

void
cd_database_close (CdDatabase *self)
{
  g_return_if_fail (CD_IS_DATABASE (self));

  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
}

gboolean
cd_database_is_open (CdDatabase *self)
{
  return self->db != NULL;
}

const char *
cd_database_get_path (CdDatabase *self)
{
  return self->path;
}

gpointer
cd_database_get_handle (CdDatabase *self)
{
  return self->db;
}

gboolean
cd_database_exec (CdDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  int rc;

  if (self->db == NULL)
    {
      g_set_error_literal (error, CD_CACHE_ERROR, CD_CACHE_ERROR_IO, "The cache is not open");
      return FALSE;
    }
  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      cd_database_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

CdStatement *
cd_database_prepare (CdDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (self->db == NULL)
    {
      g_set_error_literal (error, CD_CACHE_ERROR, CD_CACHE_ERROR_IO, "The cache is not open");
      return NULL;
    }
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      cd_database_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return cd_statement_new (self, stmt);
}

gboolean
cd_database_begin (CdDatabase  *self,
                   GError     **error)
{
  return cd_database_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
cd_database_commit (CdDatabase  *self,
                    GError     **error)
{
  return cd_database_exec (self, "COMMIT", error);
}

void
cd_database_rollback (CdDatabase *self)
{
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gint64
cd_database_last_insert_id (CdDatabase *self)
{
  return self->db ? sqlite3_last_insert_rowid (self->db) : 0;
}

int
cd_database_changes (CdDatabase *self)
{
  return self->db ? sqlite3_changes (self->db) : 0;
}

const char *
cd_database_last_error (CdDatabase *self)
{
  return self->db ? sqlite3_errmsg (self->db) : "not open";
}

gint64
cd_database_query_int (CdDatabase  *self,
                       const char  *sql,
                       GError     **error)
{
  g_autoptr(CdStatement) stmt = cd_database_prepare (self, sql, error);
  GError *local_error = NULL;

  if (stmt == NULL)
    return -1;
  if (!cd_statement_step (stmt, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return -1;
        }
      return 0;
    }
  return cd_statement_get_int64 (stmt, 0);
}

gboolean
cd_database_set_max_page_count (CdDatabase  *self,
                                gint64       pages,
                                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);

  return cd_database_query_int (self, sql, error) >= 0;
}
