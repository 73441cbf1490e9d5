/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-outbox"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-api-client.h"
#include "cd-error.h"
#include "cd-json.h"
#include "cd-outbox-private.h"
#include "cd-repository-private.h"
#include "cd-statement.h"

/*
 * The outbox (product.md §11): mutations made without a connection are stored
 * in the cache's `outbox` table and replayed in order later.  The GListStore
 * mirrors the table on the main thread; every change is written on the worker
 * thread first.  Logs carry ids only: bodies hold personal data.
 */

typedef struct
{
  GListStore *entries;   /* CdOutboxEntry, by seq */
  gboolean    replaying;
  GPtrArray  *waiters;   /* replay tasks joining the running one */
  guint       sent;
  guint       conflicts;
  GHashTable *removed;   /* seqs gone from the table (never reused): a late list must not revive them */
  GHashTable *erased;    /* contacts whose entries were dropped: nothing of theirs is cached again */
} Outbox;

static GQuark
outbox_quark (void)
{
  return g_quark_from_static_string ("cd-outbox");
}

/* Set on a mutation's task that was queued (cd_repository_result_was_queued). */
static GQuark
queued_quark (void)
{
  return g_quark_from_static_string ("cd-outbox-queued");
}

/* The request a mutation's task queues if it fails offline. */
static GQuark
request_quark (void)
{
  return g_quark_from_static_string ("cd-outbox-request");
}

typedef enum
{
  SEND_SENT,
  SEND_OFFLINE,
  SEND_CONFLICT,
  SEND_FAILED,
} SendOutcome;

static void replay_next (GTask *task);

static void
outbox_free (Outbox *outbox)
{
  g_clear_object (&outbox->entries);
  g_clear_pointer (&outbox->waiters, g_ptr_array_unref);
  g_clear_pointer (&outbox->removed, g_hash_table_unref);
  g_clear_pointer (&outbox->erased, g_hash_table_unref);
  g_free (outbox);
}

static Outbox *
outbox_get (CdRepository *self)
{
  Outbox *outbox = g_object_get_qdata (G_OBJECT (self), outbox_quark ());

  if (outbox == NULL)
    {
      outbox = g_new0 (Outbox, 1);
      outbox->entries = g_list_store_new (CD_TYPE_OUTBOX_ENTRY);
      outbox->waiters = g_ptr_array_new_with_free_func (g_object_unref);
      outbox->removed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      outbox->erased = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_object_set_qdata_full (G_OBJECT (self), outbox_quark (), outbox,
                               (GDestroyNotify) outbox_free);
    }
  return outbox;
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
emit_changed (CdRepository *self,
              gint64        contact_id)
{
  g_signal_emit_by_name (self, "outbox-changed", contact_id);
}

static CdOutboxEntry *
find_entry (CdRepository *self,
            gint64        seq,
            guint        *position)
{
  GListModel *model = G_LIST_MODEL (outbox_get (self)->entries);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdOutboxEntry) entry = g_list_model_get_item (model, i);

      if (cd_outbox_entry_get_seq (entry) == seq)
        {
          if (position != NULL)
            *position = i;
          return entry;  /* the store keeps it alive */
        }
    }
  return NULL;
}

/* Adds @row unless its seq is already there, keeping the store ordered by seq. */
static void
add_row (CdRepository      *self,
         const CdOutboxRow *row)
{
  GListModel *model = G_LIST_MODEL (outbox_get (self)->entries);
  g_autoptr(CdOutboxEntry) entry = NULL;
  guint position = g_list_model_get_n_items (model);

  if (find_entry (self, row->seq, NULL) != NULL)
    return;
  while (position > 0)
    {
      g_autoptr(CdOutboxEntry) before = g_list_model_get_item (model, position - 1);

      if (cd_outbox_entry_get_seq (before) < row->seq)
        break;
      position--;
    }
  entry = cd_outbox_entry_new (row);
  g_list_store_insert (outbox_get (self)->entries, position, entry);
}

static void
remove_entry (CdRepository *self,
              gint64        seq)
{
  guint position;

  g_hash_table_add (outbox_get (self)->removed, g_memdup2 (&seq, sizeof seq));
  if (find_entry (self, seq, &position) != NULL)
    g_list_store_remove (outbox_get (self)->entries, position);
}

static gboolean
contact_erased (CdRepository *self,
                gint64        contact_id)
{
  return g_hash_table_contains (outbox_get (self)->erased, &contact_id);
}

/* --- requests and queuing ------------------------------------------------ */

gboolean
cd_outbox_error_is_offline (const GError *error)
{
  return g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NETWORK) ||
         g_error_matches (error, CD_API_ERROR, CD_API_ERROR_TIMEOUT);
}

CdOutboxRow *
cd_outbox_row_new_request (CdOutboxKind        kind,
                           gint64              contact_id,
                           gint64              target_id,
                           CdApiEndpoint       endpoint,
                           const char * const *args,
                           JsonObject         *body,
                           const char         *if_match,
                           const char         *idempotency_key)
{
  CdOutboxRow *row = g_new0 (CdOutboxRow, 1);

  row->kind = kind;
  row->contact_id = contact_id;
  row->target_id = target_id;
  row->method = g_strdup (cd_api_endpoint_get_method (endpoint));
  row->path = cd_api_endpoint_expand (endpoint, args);
  if (body != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, body);
      row->body = json_to_string (node, FALSE);
    }
  row->if_match = (if_match != NULL && *if_match != '\0') ? g_strdup (if_match) : NULL;
  row->idempotency_key = (idempotency_key != NULL && *idempotency_key != '\0')
                         ? g_strdup (idempotency_key) : g_uuid_string_random ();
  row->created_at = now_unix ();
  row->state = CD_OUTBOX_PENDING;
  return row;
}

void
cd_outbox_task_remember (GTask       *task,
                         CdOutboxRow *row)
{
  g_object_set_qdata_full (G_OBJECT (task), request_quark (), row,
                           (GDestroyNotify) cd_outbox_row_free);
}

CdOutboxRow *
cd_outbox_task_get_row (GTask *task)
{
  return g_object_get_qdata (G_OBJECT (task), request_quark ());
}

void
cd_outbox_task_forget (GTask *task)
{
  g_object_set_qdata (G_OBJECT (task), request_quark (), NULL);
}

gboolean
cd_repository_outbox_wants (CdRepository *self,
                            gint64        contact_id)
{
  return !cd_repository_get_online (self) ||
         (contact_id > 0 && cd_repository_get_pending_count (self, contact_id) > 0);
}

typedef struct
{
  CdOutboxRow *row;
  gboolean     use_cached_etag;
} QueueJob;

typedef struct
{
  CdOutboxRow *row;    /* with seq and If-Match as stored */
  JsonNode    *value;
} QueueResult;

typedef struct
{
  CdRepository       *repo;
  GTask              *task;
  GError             *cause;
  CdOutboxReturnFunc  return_func;
} QueueCall;

static void
queue_job_free (QueueJob *job)
{
  cd_outbox_row_free (job->row);
  g_free (job);
}

static void
queue_result_free (QueueResult *result)
{
  cd_outbox_row_free (result->row);
  g_clear_pointer (&result->value, json_node_unref);
  g_free (result);
}

static gpointer
queue_job_run (CdCache  *cache,
               gpointer  data,
               GError  **error)
{
  QueueJob *job = data;
  QueueResult *result;
  JsonNode *value = cd_cache_outbox_queue (cache, job->row, job->use_cached_etag, error);

  if (value == NULL)
    return NULL;
  result = g_new0 (QueueResult, 1);
  result->row = cd_outbox_row_copy (job->row);
  result->value = value;
  return result;
}

static void
replay_quietly_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  cd_repository_replay_outbox_finish (CD_REPOSITORY (object), result, NULL, NULL, &error);
}

static void
queued_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  QueueCall *call = user_data;
  g_autoptr(GError) error = NULL;
  QueueResult *result = cd_repository_cache_job_finish (res, &error);

  if (result == NULL)
    {
      /* Not stored: the user must learn that the edit was not kept. */
      g_message ("Outbox entry for contact %" G_GINT64_FORMAT " not stored (code %d)",
                 cd_outbox_task_get_row (call->task)->contact_id, error ? error->code : -1);
      g_task_return_error (call->task, call->cause ? g_steal_pointer (&call->cause)
                           : cd_api_error_new (CD_API_ERROR_NETWORK, 0, _("You are offline"),
                                               NULL, NULL));
    }
  else
    {
      g_debug ("Queued outbox entry %" G_GINT64_FORMAT " for contact %" G_GINT64_FORMAT,
               result->row->seq, result->row->contact_id);
      add_row (call->repo, result->row);
      emit_changed (call->repo, result->row->contact_id);
      g_object_set_qdata (G_OBJECT (call->task), queued_quark (), GINT_TO_POINTER (TRUE));
      call->return_func (call->task, result->value);
      /* Online but queued behind earlier edits of the contact: send them all now. */
      if (cd_repository_get_online (call->repo))
        cd_repository_replay_outbox_async (call->repo, NULL, replay_quietly_cb, NULL);
      queue_result_free (result);
    }
  g_object_unref (call->repo);
  g_object_unref (call->task);
  g_clear_error (&call->cause);
  g_free (call);
}

gboolean
cd_repository_outbox_queue (CdRepository       *self,
                            GTask              *task,
                            const GError       *cause,
                            CdOutboxReturnFunc  return_func)
{
  CdOutboxRow *row = cd_outbox_task_get_row (task);
  QueueJob *job;
  QueueCall *call;

  if (row == NULL)
    return FALSE;
  job = g_new0 (QueueJob, 1);
  job->row = cd_outbox_row_copy (row);
  job->use_cached_etag = row->kind == CD_OUTBOX_CONTACT_UPDATE || cd_outbox_kind_is_memory (row->kind);
  call = g_new0 (QueueCall, 1);
  call->repo = g_object_ref (self);
  call->task = g_object_ref (task);
  call->cause = cause ? g_error_copy (cause) : NULL;
  call->return_func = return_func;
  cd_repository_run_cache_job (self, queue_job_run, job, (GDestroyNotify) queue_job_free,
                               (GDestroyNotify) queue_result_free, queued_cb, call);
  return TRUE;
}

/* --- loading ------------------------------------------------------------- */

static gpointer
list_job_run (CdCache  *cache,
              gpointer  data,
              GError  **error)
{
  return cd_cache_outbox_list (cache, error);
}

/* Adds rows the store does not have yet; returns whether any was new. */
static gboolean
merge_rows (CdRepository *self,
            GPtrArray    *rows)
{
  gboolean added = FALSE;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const CdOutboxRow *row = g_ptr_array_index (rows, i);

      if (find_entry (self, row->seq, NULL) == NULL &&
          !g_hash_table_contains (outbox_get (self)->removed, &row->seq))
        {
          add_row (self, row);
          emit_changed (self, row->contact_id);
          added = TRUE;
        }
    }
  return added;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(CdRepository) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cd_repository_cache_job_finish (res, &error);

  if (rows == NULL)
    g_debug ("Outbox not loaded (code %d)", error ? error->code : -1);
  merge_rows (self, rows);
}

void
cd_repository_outbox_load (CdRepository *self)
{
  outbox_get (self);
  cd_repository_run_cache_job (self, list_job_run, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                               loaded_cb, g_object_ref (self));
}

/* --- persisting changes -------------------------------------------------- */

typedef enum
{
  ROW_UPDATE,
  ROW_DELETE,
  ROW_DELETE_FORGET,  /* discarded offline: the cached copy must not keep the edit */
  ROW_SENT,           /* delete, then hand the server's ETag and id to later entries */
} RowJobKind;

typedef struct
{
  RowJobKind   kind;
  CdOutboxRow *row;
  char        *new_etag;   /* ROW_SENT */
  gint64       new_id;     /* ROW_SENT of a schedule: the server's follow-up id */
} RowJob;

static void
row_job_free (RowJob *job)
{
  cd_outbox_row_free (job->row);
  g_free (job->new_etag);
  g_free (job);
}

static const char *
etag_group_sql (CdOutboxKind kind)
{
  if (kind == CD_OUTBOX_CONTACT_UPDATE)
    return "('contact_update')";
  if (cd_outbox_kind_is_memory (kind))
    return "('memory_summary', 'memory_open_items', 'memory_fact', 'memory_fact_reset')";
  return NULL;
}

/*
 * Later edits made on the same version as the one just sent were made by this
 * user on top of it: they now expect the server's new ETag, not a conflict.
 */
static gboolean
rechain_etags (CdCache  *cache,
               RowJob   *job,
               GError  **error)
{
  const char *group = etag_group_sql (job->row->kind);
  g_autofree char *sql = NULL;
  g_autoptr(CdStatement) stmt = NULL;

  if (group == NULL || job->row->if_match == NULL || job->new_etag == NULL)
    return TRUE;
  sql = g_strdup_printf ("UPDATE outbox SET if_match = ?1 WHERE contact_id = ?2 AND seq > ?3"
                         " AND if_match = ?4 AND kind IN %s", group);
  stmt = cd_database_prepare (cd_cache_get_database (cache), sql, error);
  return stmt != NULL &&
         cd_statement_bind_text (stmt, 0, job->new_etag, error) &&
         cd_statement_bind_int64 (stmt, 1, job->row->contact_id, error) &&
         cd_statement_bind_int64 (stmt, 2, job->row->seq, error) &&
         cd_statement_bind_text (stmt, 3, job->row->if_match, error) &&
         cd_statement_run (stmt, error);
}

static char *
follow_up_path (gint64 id)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *args[] = { text, NULL };

  return cd_api_endpoint_expand (CD_API_ENDPOINT_UPDATE_FOLLOW_UP, args);
}

/* Changes queued for a local schedule now name the server's follow-up. */
static gboolean
retarget_follow_ups (CdCache  *cache,
                     RowJob   *job,
                     GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  g_autofree char *path = NULL;

  if (job->row->kind != CD_OUTBOX_FOLLOW_UP_SCHEDULE || job->new_id <= 0)
    return TRUE;
  path = follow_up_path (job->new_id);
  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "UPDATE outbox SET target_id = ?1, path = ?2"
                              " WHERE target_id = ?3 AND kind = 'follow_up_update'", error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, job->new_id, error) &&
         cd_statement_bind_text (stmt, 1, path, error) &&
         cd_statement_bind_int64 (stmt, 2, -job->row->seq, error) &&
         cd_statement_run (stmt, error);
}

static gpointer
row_job_run (CdCache  *cache,
             gpointer  data,
             GError  **error)
{
  RowJob *job = data;
  CdDatabase *db = cd_cache_get_database (cache);

  if (job->kind == ROW_UPDATE)
    return GINT_TO_POINTER (cd_cache_outbox_update (cache, job->row, error));
  if (!cd_database_begin (db, error))
    return NULL;
  if (!cd_cache_outbox_delete (cache, job->row->seq, error) ||
      (job->kind == ROW_SENT && (!rechain_etags (cache, job, error) ||
                                 !retarget_follow_ups (cache, job, error))) ||
      !cd_database_commit (db, error))
    {
      cd_database_rollback (db);
      return NULL;
    }
  if (job->kind == ROW_DELETE_FORGET)
    cd_cache_outbox_forget (cache, job->row);
  return GINT_TO_POINTER (TRUE);
}

/* The same as rechain_etags/retarget_follow_ups, on the live entries. */
static void
apply_sent_to_entries (CdRepository *self,
                       RowJob       *job)
{
  GListModel *model = G_LIST_MODEL (outbox_get (self)->entries);
  const CdOutboxRow *sent = job->row;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdOutboxEntry) entry = g_list_model_get_item (model, i);
      g_autoptr(CdOutboxRow) row = cd_outbox_row_copy (cd_outbox_entry_get_row (entry));
      gboolean changed = FALSE;

      if (row->seq <= sent->seq)
        continue;
      if (etag_group_sql (sent->kind) != NULL && row->contact_id == sent->contact_id &&
          g_strcmp0 (etag_group_sql (row->kind), etag_group_sql (sent->kind)) == 0 &&
          sent->if_match != NULL && job->new_etag != NULL &&
          g_strcmp0 (row->if_match, sent->if_match) == 0)
        {
          g_free (row->if_match);
          row->if_match = g_strdup (job->new_etag);
          changed = TRUE;
        }
      if (sent->kind == CD_OUTBOX_FOLLOW_UP_SCHEDULE && job->new_id > 0 &&
          row->kind == CD_OUTBOX_FOLLOW_UP_UPDATE && row->target_id == -sent->seq)
        {
          row->target_id = job->new_id;
          g_free (row->path);
          row->path = follow_up_path (job->new_id);
          changed = TRUE;
        }
      if (changed)
        cd_outbox_entry_update (entry, row);
    }
}

/* Runs @job on the worker; @callback gets a boolean GAsyncResult (cache_job_finish). */
static void
run_row_job (CdRepository        *self,
             RowJobKind           kind,
             const CdOutboxRow   *row,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  RowJob *job = g_new0 (RowJob, 1);

  job->kind = kind;
  job->row = cd_outbox_row_copy (row);
  cd_repository_run_cache_job (self, row_job_run, job, (GDestroyNotify) row_job_free, NULL,
                               callback, user_data);
}

static void
row_written_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (cd_repository_cache_job_finish (res, &error) == NULL)
    g_debug ("Outbox entry state not stored (code %d)", error ? error->code : -1);
}

/* Replaces the entry's row, persists it and tells listeners. */
static void
store_row (CdRepository      *self,
           const CdOutboxRow *row)
{
  CdOutboxEntry *entry = find_entry (self, row->seq, NULL);

  /* Discarded or dropped while it was being sent: nothing to keep. */
  if (entry == NULL)
    return;
  cd_outbox_entry_update (entry, row);
  run_row_job (self, ROW_UPDATE, row, row_written_cb, NULL);
  emit_changed (self, row->contact_id);
}

/* --- sending one entry --------------------------------------------------- */

typedef struct
{
  CdOutboxRow   *row;       /* as sent */
  CdApiResponse *response;
  char          *new_etag;
  gint64         new_id;
} SendData;

static void
send_data_free (SendData *data)
{
  cd_outbox_row_free (data->row);
  g_clear_pointer (&data->response, cd_api_response_unref);
  g_free (data->new_etag);
  g_free (data);
}

static CdRepository *
task_repo (GTask *task)
{
  return g_task_get_source_object (task);
}

static SendData *
send_data (GTask *task)
{
  return g_task_get_task_data (task);
}

static void
finish_send (GTask       *task,
             SendOutcome  outcome)
{
  CdOutboxEntry *entry = find_entry (task_repo (task), send_data (task)->row->seq, NULL);

  if (entry != NULL && cd_outbox_entry_get_state (entry) == CD_OUTBOX_SENDING)
    cd_outbox_entry_set_state (entry, CD_OUTBOX_PENDING);
  g_task_return_int (task, outcome);
  g_object_unref (task);
}

static void
write_through_cb (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  GTask *task = user_data;
  CdRepository *self = task_repo (task);
  const CdOutboxRow *row = send_data (task)->row;
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *data;

  response = cd_repository_finish_request (self, object, res, &error);
  data = response ? cd_api_response_get_data (response) : NULL;
  if (data == NULL)
    g_debug ("Server copy after outbox entry %" G_GINT64_FORMAT " not re-read", row->seq);
  else if (row->kind == CD_OUTBOX_DNC_ADD || row->kind == CD_OUTBOX_CONTACT_UPDATE)
    cd_repository_cache_contact_json (self, row->contact_id, data, cd_api_response_get_etag (response));
  else
    cd_repository_cache_doc_json (self, cd_outbox_kind_is_memory (row->kind) ? CD_CACHE_DOC_MEMORY
                                                                              : CD_CACHE_DOC_FOLLOW_UPS,
                                  row->contact_id, data, cd_api_response_get_etag (response));
  finish_send (task, SEND_SENT);
}

/* The server's copy of what the entry changed: GET it (@callback) when the
 * answer did not carry it. */
static gboolean
write_through (GTask *task)
{
  CdRepository *self = task_repo (task);
  CdApiClient *client = cd_repository_get_api_client (self);
  SendData *data = send_data (task);
  JsonNode *node = cd_api_response_get_data (data->response);
  gboolean has_object = node != NULL && JSON_NODE_HOLDS_OBJECT (node);
  gint64 contact_id = data->row->contact_id;

  if (data->row->kind == CD_OUTBOX_CONTACT_UPDATE && has_object)
    cd_repository_cache_contact_json (self, contact_id, node, data->new_etag);
  else if (cd_outbox_kind_is_memory (data->row->kind) && has_object)
    cd_repository_cache_doc_json (self, CD_CACHE_DOC_MEMORY, contact_id, node, data->new_etag);
  else if (data->row->kind == CD_OUTBOX_DNC_ADD || data->row->kind == CD_OUTBOX_CONTACT_UPDATE)
    cd_api_client_get_contact_async (client, contact_id, NULL, NULL, write_through_cb, task);
  else if (cd_outbox_kind_is_memory (data->row->kind))
    cd_api_client_get_memory_async (client, contact_id, NULL, NULL, write_through_cb, task);
  else
    cd_api_client_list_follow_ups_async (client, contact_id, NULL, NULL, write_through_cb, task);
  return !has_object || data->row->kind == CD_OUTBOX_DNC_ADD ||
         cd_outbox_kind_is_follow_up (data->row->kind);
}

static void
sent_row_done_cb (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  GTask *task = user_data;
  CdRepository *self = task_repo (task);
  SendData *data = send_data (task);
  g_autoptr(GError) error = NULL;

  if (cd_repository_cache_job_finish (res, &error) == NULL)
    g_message ("Sent outbox entry %" G_GINT64_FORMAT " not removed (code %d)",
               data->row->seq, error ? error->code : -1);
  g_debug ("Outbox entry %" G_GINT64_FORMAT " sent", data->row->seq);
  remove_entry (self, data->row->seq);
  emit_changed (self, data->row->contact_id);
  if (contact_erased (self, data->row->contact_id) || !write_through (task))
    finish_send (task, SEND_SENT);
}

static void
handle_sent (GTask *task)
{
  CdRepository *self = task_repo (task);
  SendData *data = send_data (task);
  JsonNode *node = cd_api_response_get_data (data->response);
  RowJob *job = g_new0 (RowJob, 1);

  data->new_etag = g_strdup (cd_api_response_get_etag (data->response));
  if (data->row->kind == CD_OUTBOX_FOLLOW_UP_SCHEDULE && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    data->new_id = json_object_get_int_member_with_default (json_node_get_object (node), "id", 0);
  job->kind = ROW_SENT;
  job->row = cd_outbox_row_copy (data->row);
  job->new_etag = g_strdup (data->new_etag);
  job->new_id = data->new_id;
  apply_sent_to_entries (self, job);
  cd_repository_run_cache_job (self, row_job_run, job, (GDestroyNotify) row_job_free, NULL,
                               sent_row_done_cb, task);
}

static char *
error_text (const GError *error)
{
  const char *request_id = cd_api_error_get_request_id (error);

  if (request_id == NULL)
    return g_strdup (error->message);
  return g_strdup_printf (_("%s · Request ID %s"), error->message, request_id);
}

static void
handle_failed (GTask        *task,
               const GError *error)
{
  g_autoptr(CdOutboxRow) row = cd_outbox_row_copy (send_data (task)->row);

  g_debug ("Outbox entry %" G_GINT64_FORMAT " failed (code %d)", row->seq, error->code);
  row->state = CD_OUTBOX_FAILED;
  g_free (row->error);
  row->error = error_text (error);
  store_row (task_repo (task), row);
  finish_send (task, SEND_FAILED);
}

/* Finds the follow-up with @id in a list answer (theirs for a follow-up change). */
static JsonNode *
pick_follow_up (JsonNode *list,
                gint64    id)
{
  JsonArray *array = list && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (item) &&
          json_object_get_int_member_with_default (json_node_get_object (item), "id", 0) == id)
        return item;
    }
  return NULL;
}

static void
theirs_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(CdOutboxRow) row = cd_outbox_row_copy (send_data (task)->row);
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *theirs;

  response = cd_repository_finish_request (task_repo (task), object, res, &error);
  if (cd_outbox_error_is_offline (error) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish_send (task, SEND_OFFLINE);
      return;
    }
  theirs = response ? cd_api_response_get_data (response) : NULL;
  if (theirs != NULL && cd_outbox_kind_is_follow_up (row->kind))
    theirs = pick_follow_up (theirs, row->target_id);
  g_debug ("Outbox entry %" G_GINT64_FORMAT " conflicts with the server's copy", row->seq);
  row->state = CD_OUTBOX_CONFLICT;
  g_clear_pointer (&row->theirs_json, g_free);
  g_clear_pointer (&row->theirs_etag, g_free);
  if (theirs != NULL && JSON_NODE_HOLDS_OBJECT (theirs))
    {
      row->theirs_json = json_to_string (theirs, FALSE);
      row->theirs_etag = g_strdup (cd_api_response_get_etag (response));
    }
  store_row (task_repo (task), row);
  finish_send (task, SEND_CONFLICT);
}

/* 412: keep the server's current copy next to mine. */
static void
fetch_theirs (GTask *task)
{
  CdApiClient *client = cd_repository_get_api_client (task_repo (task));
  const CdOutboxRow *row = send_data (task)->row;

  if (row->kind == CD_OUTBOX_CONTACT_UPDATE || row->kind == CD_OUTBOX_DNC_ADD)
    cd_api_client_get_contact_async (client, row->contact_id, NULL, NULL, theirs_cb, task);
  else if (cd_outbox_kind_is_memory (row->kind))
    cd_api_client_get_memory_async (client, row->contact_id, NULL, NULL, theirs_cb, task);
  else
    cd_api_client_list_follow_ups_async (client, row->contact_id, NULL, NULL, theirs_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = send_data (task);
  g_autoptr(GError) error = NULL;

  data->response = cd_repository_finish_request (task_repo (task), object, res, &error);
  if (data->response != NULL)
    handle_sent (task);
  else if (cd_outbox_error_is_offline (error) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    finish_send (task, SEND_OFFLINE);
  else if (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_PRECONDITION_FAILED))
    fetch_theirs (task);
  else
    handle_failed (task, error);
}

/* Sends @entry once; the task's int is a SendOutcome.  Never fails. */
static void
send_entry_async (CdRepository        *self,
                  CdOutboxEntry       *entry,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SendData *data = g_new0 (SendData, 1);
  const CdOutboxRow *row = cd_outbox_entry_get_row (entry);

  g_task_set_source_tag (task, send_entry_async);
  g_task_set_check_cancellable (task, FALSE);
  data->row = cd_outbox_row_copy (row);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);
  cd_outbox_entry_set_state (entry, CD_OUTBOX_SENDING);
  g_debug ("Sending outbox entry %" G_GINT64_FORMAT, row->seq);
  cd_api_client_send_async (cd_repository_get_api_client (self), row->method, row->path,
                            cd_outbox_entry_get_body (entry), row->if_match,
                            row->idempotency_key, cancellable, send_cb, task);
}

static SendOutcome
send_entry_finish (GAsyncResult *result)
{
  return (SendOutcome) g_task_propagate_int (G_TASK (result), NULL);
}

/* --- replay ---------------------------------------------------------------- */

typedef struct
{
  GHashTable *blocked;   /* contact ids with a conflict (gint64 keys) */
  gint64      last_seq;
} ReplayData;

static void
replay_data_free (ReplayData *data)
{
  g_hash_table_unref (data->blocked);
  g_free (data);
}

/* Completes the running replay and every call that joined it. */
static void
replay_done (GTask  *task,
             GError *error)
{
  Outbox *outbox = outbox_get (task_repo (task));
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&outbox->waiters);

  outbox->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  outbox->replaying = FALSE;
  g_ptr_array_add (waiters, g_object_ref (task));
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      g_object_set_data (G_OBJECT (waiter), "sent", GUINT_TO_POINTER (outbox->sent));
      g_object_set_data (G_OBJECT (waiter), "conflicts", GUINT_TO_POINTER (outbox->conflicts));
      if (error != NULL)
        g_task_return_error (waiter, g_error_copy (error));
      else
        g_task_return_boolean (waiter, TRUE);
    }
  g_clear_error (&error);
  g_object_unref (task);
}

static void
replay_sent_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  GTask *task = user_data;
  Outbox *outbox = outbox_get (task_repo (task));

  switch (send_entry_finish (res))
    {
    case SEND_SENT:
      outbox->sent++;
      break;
    case SEND_CONFLICT:
      outbox->conflicts++;
      break;
    case SEND_OFFLINE:
      /* No connection: the rest waits for the next reconnect. */
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        replay_done (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
      else
        replay_done (task, NULL);
      return;
    case SEND_FAILED:
    default:
      break;
    }
  replay_next (task);
}

/* The next pending entry not waiting behind a conflict of its contact. */
static CdOutboxEntry *
next_entry (GTask *task)
{
  ReplayData *data = g_task_get_task_data (task);
  GListModel *model = G_LIST_MODEL (outbox_get (task_repo (task))->entries);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdOutboxEntry) entry = g_list_model_get_item (model, i);
      gint64 contact_id = cd_outbox_entry_get_contact_id (entry);

      if (cd_outbox_entry_get_state (entry) == CD_OUTBOX_CONFLICT)
        g_hash_table_add (data->blocked, g_memdup2 (&contact_id, sizeof contact_id));
      if (cd_outbox_entry_get_seq (entry) <= data->last_seq ||
          cd_outbox_entry_get_state (entry) != CD_OUTBOX_PENDING ||
          g_hash_table_contains (data->blocked, &contact_id))
        continue;
      data->last_seq = cd_outbox_entry_get_seq (entry);
      return entry;
    }
  return NULL;
}

static void
replay_next (GTask *task)
{
  CdOutboxEntry *entry;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      replay_done (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
      return;
    }
  entry = next_entry (task);
  if (entry == NULL)
    {
      replay_done (task, NULL);
      return;
    }
  send_entry_async (task_repo (task), entry, g_task_get_cancellable (task), replay_sent_cb, task);
}

static void
replay_loaded_cb (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cd_repository_cache_job_finish (res, &error);

  /* Rows another repository instance queued in the same file show up too. */
  merge_rows (task_repo (task), rows);
  replay_next (task);
}

/* --- public API ------------------------------------------------------------ */

GListModel *
cd_repository_get_outbox (CdRepository *self)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  return G_LIST_MODEL (outbox_get (self)->entries);
}

guint
cd_repository_get_pending_count (CdRepository *self,
                                 gint64        contact_id)
{
  GListModel *model;
  guint count = 0;

  g_return_val_if_fail (CD_IS_REPOSITORY (self), 0);

  model = G_LIST_MODEL (outbox_get (self)->entries);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdOutboxEntry) entry = g_list_model_get_item (model, i);

      if (contact_id == 0 || cd_outbox_entry_get_contact_id (entry) == contact_id)
        count++;
    }
  return count;
}

gboolean
cd_repository_result_was_queued (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  return g_object_get_qdata (G_OBJECT (result), queued_quark ()) != NULL;
}

void
cd_repository_replay_outbox_async (CdRepository        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Outbox *outbox;
  GTask *task;
  ReplayData *data;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  outbox = outbox_get (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_replay_outbox_async);
  if (outbox->replaying)
    {
      /* One replay at a time: a second call waits for the running one. */
      g_ptr_array_add (outbox->waiters, task);
      return;
    }
  outbox->replaying = TRUE;
  outbox->sent = 0;
  outbox->conflicts = 0;
  data = g_new0 (ReplayData, 1);
  data->blocked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) replay_data_free);
  cd_repository_run_cache_job (self, list_job_run, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                               replay_loaded_cb, task);
}

gboolean
cd_repository_replay_outbox_finish (CdRepository  *self,
                                    GAsyncResult  *result,
                                    guint         *sent,
                                    guint         *conflicts,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (sent != NULL)
    *sent = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "sent"));
  if (conflicts != NULL)
    *conflicts = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "conflicts"));
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- erased contacts ------------------------------------------------------- */

static gpointer
drop_contact_run (CdCache  *cache,
                  gpointer  data,
                  GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "DELETE FROM outbox WHERE contact_id = ?", error);
  if (stmt == NULL ||
      !cd_statement_bind_int64 (stmt, 0, *(gint64 *) data, error) ||
      !cd_statement_run (stmt, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
dropped_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (cd_repository_cache_job_finish (res, &error) == NULL)
    g_message ("Outbox entries of an erased contact not deleted (code %d)", error ? error->code : -1);
}

void
cd_repository_outbox_drop_contact (CdRepository *self,
                                   gint64        contact_id)
{
  GListModel *model = G_LIST_MODEL (outbox_get (self)->entries);
  gint64 *id = g_new (gint64, 1);
  gboolean removed = FALSE;

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(CdOutboxEntry) entry = g_list_model_get_item (model, i - 1);

      if (cd_outbox_entry_get_contact_id (entry) == contact_id)
        {
          remove_entry (self, cd_outbox_entry_get_seq (entry));
          removed = TRUE;
        }
    }
  g_hash_table_add (outbox_get (self)->erased, g_memdup2 (&contact_id, sizeof contact_id));
  *id = contact_id;
  cd_repository_run_cache_job (self, drop_contact_run, id, g_free, NULL, dropped_cb, NULL);
  if (removed)
    emit_changed (self, contact_id);
}

/* --- discard and resolve --------------------------------------------------- */

static GError *
not_found_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("This change is no longer waiting"));
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  const CdOutboxRow *row = g_task_get_task_data (task);
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *data;

  response = cd_repository_finish_request (self, object, res, &error);
  data = response ? cd_api_response_get_data (response) : NULL;
  if (data != NULL && (row->kind == CD_OUTBOX_CONTACT_UPDATE || row->kind == CD_OUTBOX_DNC_ADD))
    cd_repository_cache_contact_json (self, row->contact_id, data, cd_api_response_get_etag (response));
  else if (data != NULL)
    cd_repository_cache_doc_json (self, cd_outbox_kind_is_memory (row->kind) ? CD_CACHE_DOC_MEMORY
                                                                              : CD_CACHE_DOC_FOLLOW_UPS,
                                  row->contact_id, data, cd_api_response_get_etag (response));
  g_task_return_boolean (task, TRUE);
}

/* Re-reads the server's copy of what @row changed into the cache, then returns TRUE. */
static void
refresh_and_return (GTask *task)
{
  CdRepository *self = g_task_get_source_object (task);
  CdApiClient *client = cd_repository_get_api_client (self);
  const CdOutboxRow *row = g_task_get_task_data (task);

  if (row->kind == CD_OUTBOX_CONTACT_UPDATE || row->kind == CD_OUTBOX_DNC_ADD)
    cd_api_client_get_contact_async (client, row->contact_id, NULL, NULL, refreshed_cb, task);
  else if (cd_outbox_kind_is_memory (row->kind))
    cd_api_client_get_memory_async (client, row->contact_id, NULL, NULL, refreshed_cb, task);
  else
    cd_api_client_list_follow_ups_async (client, row->contact_id, NULL, NULL, refreshed_cb, task);
}

static void
discarded_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  const CdOutboxRow *row = g_task_get_task_data (task);
  GError *error = NULL;

  if (cd_repository_cache_job_finish (res, &error) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_debug ("Outbox entry %" G_GINT64_FORMAT " discarded", row->seq);
  remove_entry (self, row->seq);
  emit_changed (self, row->contact_id);
  if (cd_repository_get_online (self))
    refresh_and_return (task);
  else
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

void
cd_repository_discard_outbox_entry_async (CdRepository        *self,
                                          gint64               seq,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  CdOutboxEntry *entry;
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_discard_outbox_entry_async);
  entry = find_entry (self, seq, NULL);
  if (entry == NULL || cd_outbox_entry_get_state (entry) == CD_OUTBOX_SENDING)
    {
      g_task_return_error (task, entry ? g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PENDING,
                                                              _("This change is being sent"))
                                       : not_found_error ());
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, cd_outbox_row_copy (cd_outbox_entry_get_row (entry)),
                        (GDestroyNotify) cd_outbox_row_free);
  run_row_job (self, cd_repository_get_online (self) ? ROW_DELETE : ROW_DELETE_FORGET,
               cd_outbox_entry_get_row (entry), discarded_cb, task);
}

gboolean
cd_repository_discard_outbox_entry_finish (CdRepository  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
taken_theirs_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  GTask *task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  const CdOutboxRow *row = g_task_get_task_data (task);
  g_autoptr(JsonNode) theirs = row->theirs_json ? cd_json_parse (row->theirs_json, -1, NULL) : NULL;
  GError *error = NULL;

  if (cd_repository_cache_job_finish (res, &error) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  remove_entry (self, row->seq);
  emit_changed (self, row->contact_id);
  if (theirs != NULL && row->kind == CD_OUTBOX_CONTACT_UPDATE)
    cd_repository_cache_contact_json (self, row->contact_id, theirs, row->theirs_etag);
  else if (theirs != NULL && cd_outbox_kind_is_memory (row->kind))
    cd_repository_cache_doc_json (self, CD_CACHE_DOC_MEMORY, row->contact_id, theirs, row->theirs_etag);
  else if (cd_repository_get_online (self))
    {
      /* Theirs is not a whole cached document (DNC, one follow-up): re-read it. */
      refresh_and_return (task);
      return;
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
resent_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  const CdOutboxRow *row = g_task_get_task_data (task);
  CdOutboxEntry *entry = find_entry (self, row->seq, NULL);

  switch (send_entry_finish (res))
    {
    case SEND_CONFLICT:
      g_task_return_new_error (task, CD_API_ERROR, CD_API_ERROR_PRECONDITION_FAILED, "%s",
                               _("Someone changed this again in the meantime"));
      return;
    case SEND_FAILED:
      g_task_return_new_error (task, CD_API_ERROR, CD_API_ERROR_SERVER, "%s",
                               entry ? cd_outbox_entry_get_error (entry) : _("The change was not accepted"));
      return;
    case SEND_SENT:
      /* Edits of the contact that waited behind the conflict can go now. */
      if (cd_repository_get_pending_count (self, row->contact_id) > 0)
        cd_repository_replay_outbox_async (self, NULL, replay_quietly_cb, NULL);
      G_GNUC_FALLTHROUGH;
    case SEND_OFFLINE:
    default:
      g_task_return_boolean (task, TRUE);
    }
}

/* Keep mine / edit: my body (or @edited) on top of theirs, sent now when online.
 * On a failed entry this is "retry" (with @edited: "fix and retry"). */
static void
resend (GTask         *task,
        CdOutboxEntry *entry,
        JsonObject    *edited)
{
  CdRepository *self = g_task_get_source_object (task);
  g_autoptr(CdOutboxRow) row = cd_outbox_row_copy (cd_outbox_entry_get_row (entry));

  /* A failed entry is retried as it was; a conflict goes on top of theirs. */
  if (row->state == CD_OUTBOX_CONFLICT)
    {
      g_free (row->if_match);
      row->if_match = g_strdup (row->theirs_etag);
    }
  if (edited != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, edited);
      g_free (row->body);
      row->body = json_to_string (node, FALSE);
    }
  /* A new request, not a retry: the old key would replay the server's 412. */
  g_free (row->idempotency_key);
  row->idempotency_key = g_uuid_string_random ();
  row->state = CD_OUTBOX_PENDING;
  g_clear_pointer (&row->error, g_free);
  g_clear_pointer (&row->theirs_json, g_free);
  g_clear_pointer (&row->theirs_etag, g_free);
  store_row (self, row);
  if (!cd_repository_get_online (self))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  send_entry_async (self, entry, g_task_get_cancellable (task), resent_cb, task);
}

void
cd_repository_resolve_conflict_async (CdRepository        *self,
                                      gint64               seq,
                                      CdConflictChoice     choice,
                                      JsonObject          *edited_body,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  CdOutboxEntry *entry;
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (choice != CD_CONFLICT_EDIT || edited_body != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_resolve_conflict_async);
  entry = find_entry (self, seq, NULL);
  if (entry == NULL || cd_outbox_entry_get_state (entry) == CD_OUTBOX_SENDING ||
      cd_outbox_entry_get_state (entry) == CD_OUTBOX_PENDING)
    {
      g_task_return_error (task, not_found_error ());
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, cd_outbox_row_copy (cd_outbox_entry_get_row (entry)),
                        (GDestroyNotify) cd_outbox_row_free);
  if (choice == CD_CONFLICT_TAKE_THEIRS)
    run_row_job (self, ROW_DELETE, cd_outbox_entry_get_row (entry), taken_theirs_cb, task);
  else
    resend (task, entry, choice == CD_CONFLICT_EDIT ? edited_body : NULL);
}

gboolean
cd_repository_resolve_conflict_finish (CdRepository  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
