/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include <sqlite3.h>

#include "cd-statement.h"

struct _CdStatement
{
  CdDatabase   *database;
  sqlite3_stmt *stmt;
};

static gboolean
check (CdStatement  *self,
       int           rc,
       GError      **error)
{
  if (rc == SQLITE_OK)
    return TRUE;
  cd_database_set_error (self->database, rc, error);
  return FALSE;
}

CdStatement *
cd_statement_new (CdDatabase *database,
                  gpointer    stmt)
{
  CdStatement *self = g_new0 (CdStatement, 1);

  self->database = g_object_ref (database);
  self->stmt = stmt;
  return self;
}

void
cd_statement_free (CdStatement *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->stmt);
  g_clear_object (&self->database);
  g_free (self);
}

gboolean
cd_statement_bind_int64 (CdStatement  *self,
                         int           column,
                         gint64        value,
                         GError      **error)
{
  return check (self, sqlite3_bind_int64 (self->stmt, column + 1, value), error);
}

gboolean
cd_statement_bind_text (CdStatement  *self,
                        int           column,
                        const char   *value,
                        GError      **error)
{
  if (value == NULL)
    return cd_statement_bind_null (self, column, error);
  return check (self, sqlite3_bind_text (self->stmt, column + 1, value, -1,
                                         SQLITE_TRANSIENT), error);
}

gboolean
cd_statement_bind_null (CdStatement  *self,
                        int           column,
                        GError      **error)
{
  return check (self, sqlite3_bind_null (self->stmt, column + 1), error);
}

gboolean
cd_statement_step (CdStatement  *self,
                   GError      **error)
{
  int rc = sqlite3_step (self->stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      /* sqlite3_step returns the generic code; reset reports the specific one. */
      int rc2 = sqlite3_reset (self->stmt);

      cd_database_set_error (self->database, rc2 != SQLITE_OK ? rc2 : rc, error);
    }
  return FALSE;
}

gboolean
cd_statement_run (CdStatement  *self,
                  GError      **error)
{
  GError *local_error = NULL;

  while (cd_statement_step (self, &local_error))
    ;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

void
cd_statement_reset (CdStatement *self)
{
  sqlite3_reset (self->stmt);
  sqlite3_clear_bindings (self->stmt);
}

int
cd_statement_column_count (CdStatement *self)
{
  return sqlite3_column_count (self->stmt);
}

gint64
cd_statement_get_int64 (CdStatement *self,
                        int          column)
{
  return sqlite3_column_int64 (self->stmt, column);
}

const char *
cd_statement_get_text (CdStatement *self,
                       int          column)
{
  return (const char *) sqlite3_column_text (self->stmt, column);
}

gboolean
cd_statement_is_null (CdStatement *self,
                      int          column)
{
  return sqlite3_column_type (self->stmt, column) == SQLITE_NULL;
}
