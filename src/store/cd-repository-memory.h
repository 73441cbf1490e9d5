/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-repository.h"
#include "cd-memory.h"

G_BEGIN_DECLS

/*
 * Repository operations for the memory card.
 *
 * cd_repository_open_memory() gives the cached copy at once (stale-while-
 * revalidate) but not the ETag an edit must send; cd_repository_load_memory_*
 * fetches the memory unconditionally and returns it with its ETag.  Every edit
 * takes the ETag of the copy the user edited (If-Match; a mismatch fails with
 * CD_API_ERROR_PRECONDITION_FAILED) and returns the server's new memory and its
 * new ETag, which are also written through to the offline cache.
 */

void      cd_repository_load_memory_async  (CdRepository        *self,
                                            gint64               contact_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* The memory (transfer full); *@etag (nullable out, transfer full) its ETag. */
CdMemory *cd_repository_load_memory_finish (CdRepository  *self,
                                            GAsyncResult  *result,
                                            char         **etag,
                                            GError       **error);

/* PUT summary; NULL or "" clears it. */
void      cd_repository_save_memory_summary_async  (CdRepository        *self,
                                                    gint64               contact_id,
                                                    const char          *summary,
                                                    const char          *if_match,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
CdMemory *cd_repository_save_memory_summary_finish (CdRepository  *self,
                                                    GAsyncResult  *result,
                                                    char         **etag,
                                                    GError       **error);

/*
 * PUT the whole open-item list: @n_items titles and due dates ("YYYY-MM-DD",
 * NULL or "" for none; @due_dates itself may be NULL).  0 items clears the list.
 */
void      cd_repository_save_memory_open_items_async  (CdRepository        *self,
                                                       gint64               contact_id,
                                                       guint                n_items,
                                                       const char * const  *titles,
                                                       const char * const  *due_dates,
                                                       const char          *if_match,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
CdMemory *cd_repository_save_memory_open_items_finish (CdRepository  *self,
                                                       GAsyncResult  *result,
                                                       char         **etag,
                                                       GError       **error);

/* PUT one fact (creates it when @key is new); the server marks it user-set. */
void      cd_repository_save_memory_fact_async  (CdRepository        *self,
                                                 gint64               contact_id,
                                                 const char          *key,
                                                 const char          *label,
                                                 const char          *value,
                                                 const char          *if_match,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CdMemory *cd_repository_save_memory_fact_finish (CdRepository  *self,
                                                 GAsyncResult  *result,
                                                 char         **etag,
                                                 GError       **error);

/* POST reset: restores the AI value (the endpoint takes no If-Match). */
void      cd_repository_reset_memory_fact_async  (CdRepository        *self,
                                                  gint64               contact_id,
                                                  const char          *key,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CdMemory *cd_repository_reset_memory_fact_finish (CdRepository  *self,
                                                  GAsyncResult  *result,
                                                  char         **etag,
                                                  GError       **error);

/* POST rebuild {max_calls: 3}; TRUE once queued (then poll load_memory). */
void      cd_repository_rebuild_memory_async  (CdRepository        *self,
                                               gint64               contact_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean  cd_repository_rebuild_memory_finish (CdRepository  *self,
                                               GAsyncResult  *result,
                                               GError       **error);

G_END_DECLS
