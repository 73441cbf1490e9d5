/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-database.h"

G_BEGIN_DECLS

/* A prepared statement of a CdDatabase; indexes are 0-based for bind and column. */

CdStatement *cd_statement_new          (CdDatabase   *database,
                                        gpointer      stmt);
void         cd_statement_free         (CdStatement  *self);
gboolean     cd_statement_bind_int64   (CdStatement  *self,
                                        int           column,
                                        gint64        value,
                                        GError      **error);
gboolean     cd_statement_bind_text    (CdStatement  *self,
                                        int           column,
                                        const char   *value,
                                        GError      **error);
gboolean     cd_statement_bind_null    (CdStatement  *self,
                                        int           column,
                                        GError      **error);
/* TRUE while a row is available; FALSE at the end or on error (check @error). */
gboolean     cd_statement_step         (CdStatement  *self,
                                        GError      **error);
/* Steps to completion (INSERT/UPDATE/DELETE). */
gboolean     cd_statement_run          (CdStatement  *self,
                                        GError      **error);
void         cd_statement_reset        (CdStatement  *self);
int          cd_statement_column_count (CdStatement  *self);
gint64       cd_statement_get_int64    (CdStatement  *self,
                                        int           column);
const char  *cd_statement_get_text     (CdStatement  *self,
                                        int           column);
gboolean     cd_statement_is_null      (CdStatement  *self,
                                        int           column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStatement, cd_statement_free)

G_END_DECLS
