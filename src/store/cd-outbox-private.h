/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cd-api-paths.h"
#include "cd-cache.h"
#include "cd-repository-outbox.h"

G_BEGIN_DECLS

/* One row of the `outbox` table (cache schema v4), owned copies. */
typedef struct
{
  gint64         seq;
  gint64         contact_id;
  CdOutboxKind   kind;
  gint64         target_id;      /* follow-up id (negative: a local, unsent schedule) */
  char          *method;
  char          *path;
  char          *body;           /* JSON text, NULL for bodiless requests */
  char          *if_match;
  char          *idempotency_key;
  gint64         created_at;     /* Unix seconds */
  CdOutboxState  state;
  char          *error;
  char          *theirs_json;
  char          *theirs_etag;
} CdOutboxRow;

CdOutboxRow  *cd_outbox_row_copy         (const CdOutboxRow *row);
void          cd_outbox_row_free         (CdOutboxRow       *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdOutboxRow, cd_outbox_row_free)

const char   *cd_outbox_kind_to_string   (CdOutboxKind  kind);
gboolean      cd_outbox_kind_from_string (const char   *text,
                                          CdOutboxKind *kind);
/* Which cached document an entry of @kind changes. */
gboolean      cd_outbox_kind_is_memory   (CdOutboxKind  kind);
gboolean      cd_outbox_kind_is_follow_up (CdOutboxKind kind);

/* CdOutboxEntry internals (main thread only). */
CdOutboxEntry *cd_outbox_entry_new        (const CdOutboxRow *row);
const CdOutboxRow *cd_outbox_entry_get_row (CdOutboxEntry    *self);
/* Replaces the row (state, error, theirs, if_match, body, path) and notifies. */
void          cd_outbox_entry_update     (CdOutboxEntry     *self,
                                          const CdOutboxRow *row);
void          cd_outbox_entry_set_state  (CdOutboxEntry     *self,
                                          CdOutboxState      state);

/* Worker side: SQL on the outbox table (cd-cache-outbox.c). */
gboolean      cd_cache_outbox_insert     (CdCache      *cache,
                                          CdOutboxRow  *row,
                                          GError      **error);
/* Every row, oldest first (CdOutboxRow). */
GPtrArray    *cd_cache_outbox_list       (CdCache      *cache,
                                          GError      **error);
gboolean      cd_cache_outbox_delete     (CdCache      *cache,
                                          gint64        seq,
                                          GError      **error);
/* Writes state, error, theirs, if_match, body, path, target_id and key of @row. */
gboolean      cd_cache_outbox_update     (CdCache      *cache,
                                          const CdOutboxRow *row,
                                          GError      **error);

/*
 * Queues @row: without an If-Match and with @use_cached_etag, takes the ETag
 * of the cached copy; inserts the row (committed, sets seq); then applies the
 * change to the cached copy it affects and writes that back (keeping its
 * ETag; a failed cache write does not undo the entry).  Returns what the
 * mutation's finish function returns: the contact, the memory, or the one
 * follow-up (a local schedule gets id -seq).
 */
JsonNode     *cd_cache_outbox_queue      (CdCache      *cache,
                                          CdOutboxRow  *row,
                                          gboolean      use_cached_etag,
                                          GError      **error);
/* Drops the cached ETag of the copy @row changed (a discarded offline edit
 * must not survive a 304) and removes a local schedule from the list. */
void          cd_cache_outbox_forget     (CdCache           *cache,
                                          const CdOutboxRow *row);

/* --- mutations that may queue (cd-repository-outbox.c) ------------------ */

/* A request as the outbox stores it; a NULL @idempotency_key gets a new UUID. */
CdOutboxRow  *cd_outbox_row_new_request  (CdOutboxKind        kind,
                                          gint64              contact_id,
                                          gint64              target_id,
                                          CdApiEndpoint       endpoint,
                                          const char * const *args,
                                          JsonObject         *body,
                                          const char         *if_match,
                                          const char         *idempotency_key);
/* Attaches @row (transfer full) to a mutation's task: what to queue if it fails offline. */
void          cd_outbox_task_remember    (GTask        *task,
                                          CdOutboxRow  *row);
CdOutboxRow  *cd_outbox_task_get_row     (GTask        *task);
/* The request succeeded: nothing to queue any more. */
void          cd_outbox_task_forget      (GTask        *task);

gboolean      cd_outbox_error_is_offline (const GError *error);
/* TRUE when a mutation for @contact_id must queue without trying the network:
 * the repository is offline, or earlier edits of the contact still wait. */
gboolean      cd_repository_outbox_wants (CdRepository *self,
                                          gint64        contact_id);

/* Returns the optimistic value through @task (g_task_return_*). */
typedef void (*CdOutboxReturnFunc) (GTask    *task,
                                    JsonNode *value);
/*
 * Queues the request remembered on @task (FALSE, doing nothing, when there is
 * none) and then completes @task through @return_func, marked as queued.  If
 * the entry cannot be stored, @task fails with @cause (or a network error).
 */
gboolean      cd_repository_outbox_queue (CdRepository       *self,
                                          GTask              *task,
                                          const GError       *cause,
                                          CdOutboxReturnFunc  return_func);

/* An erased or deleted contact: its queued edits (personal data) go too. */
void          cd_repository_outbox_drop_contact (CdRepository *self,
                                                 gint64        contact_id);

G_END_DECLS
