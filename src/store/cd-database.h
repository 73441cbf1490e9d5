/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * CdDatabase: a small SQLite connection wrapper (Epiphany's shape).  Not thread
 * safe: the repository uses one only from its worker thread.
 */

#define CD_CACHE_ERROR (cd_cache_error_quark ())

typedef enum
{
  CD_CACHE_ERROR_FAILED,
  CD_CACHE_ERROR_CORRUPT,    /* not a database, malformed, failing quick_check */
  CD_CACHE_ERROR_FULL,       /* disk or page limit full */
  CD_CACHE_ERROR_READ_ONLY,  /* read-only file or directory */
  CD_CACHE_ERROR_IO,         /* I/O error, cannot open */
  CD_CACHE_ERROR_BUSY,       /* locked by another process */
  CD_CACHE_ERROR_TOO_NEW,    /* schema newer than this program knows */
  CD_CACHE_ERROR_CONSTRAINT,
} CdCacheError;

GQuark cd_cache_error_quark (void);

typedef struct _CdStatement CdStatement;

#define CD_TYPE_DATABASE (cd_database_get_type ())
G_DECLARE_FINAL_TYPE (CdDatabase, cd_database, CD, DATABASE, GObject)

CdDatabase  *cd_database_new            (void);
/* Opens (creating if needed) @path; the file is created with mode 0600. */
gboolean     cd_database_open           (CdDatabase  *self,
                                         const char  *path,
                                         GError     **error);
void         cd_database_close          (CdDatabase  *self);
gboolean     cd_database_is_open        (CdDatabase  *self);
const char  *cd_database_get_path       (CdDatabase  *self);
gboolean     cd_database_exec           (CdDatabase  *self,
                                         const char  *sql,
                                         GError     **error);
CdStatement *cd_database_prepare        (CdDatabase  *self,
                                         const char  *sql,
                                         GError     **error);
gboolean     cd_database_begin          (CdDatabase  *self,
                                         GError     **error);
gboolean     cd_database_commit         (CdDatabase  *self,
                                         GError     **error);
void         cd_database_rollback       (CdDatabase  *self);
gint64       cd_database_last_insert_id (CdDatabase  *self);
int          cd_database_changes        (CdDatabase  *self);
/* Current sqlite error message (for ids/diagnostics; never contains row data). */
const char  *cd_database_last_error     (CdDatabase  *self);
/* Integer result of a single-value query such as "PRAGMA user_version". */
gint64       cd_database_query_int      (CdDatabase  *self,
                                         const char  *sql,
                                         GError     **error);
/* For tests: limits the file size to force SQLITE_FULL. */
gboolean     cd_database_set_max_page_count (CdDatabase *self,
                                             gint64      pages,
                                             GError    **error);

/* Internal: maps an sqlite result code to CD_CACHE_ERROR. */
void         cd_database_set_error      (CdDatabase  *self,
                                         int          rc,
                                         GError     **error);
gpointer     cd_database_get_handle     (CdDatabase  *self);

G_END_DECLS
