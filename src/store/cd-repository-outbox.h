/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The outbox: edits made without a connection (product.md §11).
 *
 * These repository mutations queue instead of failing when the repository is
 * offline, or when their request fails for lack of a connection:
 *   cd_repository_update_contact_async, cd_repository_add_dnc_async,
 *   cd_repository_save_memory_summary_async, _save_memory_open_items_async,
 *   _save_memory_fact_async, _reset_memory_fact_async,
 *   cd_repository_schedule_follow_up_async, _cancel_follow_up_async,
 *   _reschedule_follow_up_async, _snooze_follow_up_async.
 * Queuing writes the entry (method, path, body, the If-Match of the version the
 * edit was made on, its idempotency key) to SQLite and commits before the task
 * returns.  The edit is also applied to the cached copy, so the finish function
 * returns that optimistic object (etag NULL) and cd_repository_result_was_queued()
 * tells the caller to say "pending" instead of "saved".
 *
 * Replay sends entries oldest first, each with its own idempotency key and
 * If-Match; a connection failure stops the replay (entries stay pending).  A 412
 * turns the entry into a conflict holding the server's current copy ("theirs");
 * later entries of the same contact wait behind it.  Another 4xx/5xx marks the
 * entry failed with the error's message.  Nothing is dropped without the user.
 *
 * Signal "outbox-changed" (void (*) (CdRepository *, gint64 contact_id)).
 */

typedef enum
{
  CD_OUTBOX_CONTACT_UPDATE,
  CD_OUTBOX_DNC_ADD,
  CD_OUTBOX_MEMORY_SUMMARY,
  CD_OUTBOX_MEMORY_OPEN_ITEMS,
  CD_OUTBOX_MEMORY_FACT,
  CD_OUTBOX_MEMORY_FACT_RESET,
  CD_OUTBOX_FOLLOW_UP_SCHEDULE,
  CD_OUTBOX_FOLLOW_UP_UPDATE,   /* cancel, reschedule, snooze */
} CdOutboxKind;

typedef enum
{
  CD_OUTBOX_PENDING,
  CD_OUTBOX_SENDING,
  CD_OUTBOX_CONFLICT,
  CD_OUTBOX_FAILED,
} CdOutboxState;

#define CD_TYPE_OUTBOX_ENTRY (cd_outbox_entry_get_type ())
G_DECLARE_FINAL_TYPE (CdOutboxEntry, cd_outbox_entry, CD, OUTBOX_ENTRY, GObject)

gint64         cd_outbox_entry_get_seq        (CdOutboxEntry *self);
gint64         cd_outbox_entry_get_contact_id (CdOutboxEntry *self);
CdOutboxKind   cd_outbox_entry_get_kind       (CdOutboxEntry *self);
/* Extension: the follow-up a FOLLOW_UP_UPDATE changes; for FOLLOW_UP_SCHEDULE
 * the temporary id (-seq) its optimistic copy carries until sent; else 0. */
gint64         cd_outbox_entry_get_target_id  (CdOutboxEntry *self);
/* Extension: the key of the fact a MEMORY_FACT or MEMORY_FACT_RESET entry
 * changes (from its path, unescaped); NULL for every other kind. */
const char    *cd_outbox_entry_get_fact_key   (CdOutboxEntry *self);
/* Property "state" notifies. */
CdOutboxState  cd_outbox_entry_get_state      (CdOutboxEntry *self);
GDateTime     *cd_outbox_entry_get_created_at (CdOutboxEntry *self);
/* Translated one-line description, e.g. "Edit contact: email, phone". */
const char    *cd_outbox_entry_get_label      (CdOutboxEntry *self);
/* The request body that will be sent (NULL for bodiless requests). */
JsonObject    *cd_outbox_entry_get_body       (CdOutboxEntry *self);
const char    *cd_outbox_entry_get_idempotency_key (CdOutboxEntry *self);
/* Conflicts: the server's current copy of the edited object, NULL otherwise. */
JsonObject    *cd_outbox_entry_get_theirs     (CdOutboxEntry *self);
/* Failed entries: the server's message (with its request id). */
const char    *cd_outbox_entry_get_error      (CdOutboxEntry *self);

/* Live GListModel of CdOutboxEntry, oldest first, for the whole repository
 * (transfer none).  Loaded from SQLite when the cache opens. */
GListModel    *cd_repository_get_outbox        (CdRepository *self);
/* Entries not yet sent for @contact_id (0 = all contacts), any state. */
guint          cd_repository_get_pending_count (CdRepository *self,
                                                gint64        contact_id);
/* TRUE when the mutation that produced @result was queued, not sent. */
gboolean       cd_repository_result_was_queued (GAsyncResult *result);

/* Sends pending entries now (see above).  Runs by itself on reconnect. */
void           cd_repository_replay_outbox_async  (CdRepository        *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* *sent: entries the server accepted; *conflicts: entries now in conflict. */
gboolean       cd_repository_replay_outbox_finish (CdRepository  *self,
                                                   GAsyncResult  *result,
                                                   guint         *sent,
                                                   guint         *conflicts,
                                                   GError       **error);

/* Deletes one entry (pending, conflict or failed) and restores the cached copy
 * from the server when online (else drops the optimistic edit at the next sync). */
void           cd_repository_discard_outbox_entry_async  (CdRepository        *self,
                                                          gint64               seq,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean       cd_repository_discard_outbox_entry_finish (CdRepository  *self,
                                                          GAsyncResult  *result,
                                                          GError       **error);

typedef enum
{
  CD_CONFLICT_KEEP_MINE,   /* re-apply my body on top of theirs (If-Match = theirs) */
  CD_CONFLICT_TAKE_THEIRS, /* drop my edit; the cache takes theirs */
  CD_CONFLICT_EDIT,        /* send @edited_body instead, on top of theirs */
} CdConflictChoice;

/* Resolves a conflict entry; KEEP_MINE and EDIT send at once (online) and may
 * conflict again.  @edited_body is used only with CD_CONFLICT_EDIT. */
void           cd_repository_resolve_conflict_async  (CdRepository        *self,
                                                      gint64               seq,
                                                      CdConflictChoice     choice,
                                                      JsonObject          *edited_body,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean       cd_repository_resolve_conflict_finish (CdRepository  *self,
                                                      GAsyncResult  *result,
                                                      GError       **error);

G_END_DECLS
