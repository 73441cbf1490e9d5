/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include <glib/gi18n.h>

#include "cd-api-client.h"
#include "cd-cache.h"
#include "cd-campaign.h"
#include "cd-contact.h"
#include "cd-custom-field.h"
#include "cd-error.h"
#include "cd-follow-up.h"
#include "cd-json.h"
#include "cd-outbox-private.h"
#include "cd-memory.h"
#include "cd-repository.h"
#include "cd-repository-offline.h"
#include "cd-repository-private.h"
#include "cd-repository-sessions.h"
#include "cd-user.h"
#include "cd-voice-session.h"
#include "cd-worker.h"

/*
 * The cache object lives in a holder shared with worker jobs, so that no job
 * ever holds a reference to the repository itself: the last unref of a GTask
 * may happen on the worker thread, and the repository must be finalized on the
 * main thread (it joins the worker).
 */
typedef struct
{
  CdCache *cache;  /* touched on the worker thread only */
  char    *path;
} CacheHolder;

struct _CdRepository
{
  GObject       parent_instance;
  char         *base_url;
  char         *tenant_id;
  char         *cache_path;
  CdApiClient  *client;
  CdWorker     *worker;
  CacheHolder  *holder;
  char         *notice;
  gboolean      online;
  gboolean      cache_unusable;  /* told the user once; later ops fail the same way */
  CdRepositoryOffline *offline;  /* "Keep offline" and sync (cd-repository-offline.c) */
};

G_DEFINE_FINAL_TYPE (CdRepository, cd_repository, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ONLINE,
  PROP_NOTICE,
  PROP_OFFLINE_JOB,
  N_PROPS
};

enum {
  NOTICE,
  OUTBOX_CHANGED,
  OFFLINE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum
{
  LOAD_CONTACT,
  LOAD_CALL_LOGS,
  LOAD_FOLLOW_UPS,
  LOAD_MEMORY,
} LoadKind;

typedef enum
{
  OP_OPEN,
  OP_GET_CONTACT,
  OP_GET_DOC,
  OP_PUT_CONTACT,
  OP_PUT_DOC,
  OP_MERGE_CONTACTS,
  OP_TOUCH,
  OP_SEARCH,
  OP_RECENT,
  OP_GET_GLOBAL,
  OP_PUT_GLOBAL,
  OP_PURGE,
  OP_CLEAR,
  OP_SET_LIMIT,
  OP_CLOSE,
  OP_DELETE_DOC,
  OP_GET_SESSION,
  OP_PUT_SESSION,
  OP_JOB,          /* cd_repository_run_cache_job() */
} OpKind;

/* Everything a worker job needs; owns copies, never the repository. */
typedef struct
{
  OpKind       kind;
  CacheHolder *holder;
  CdCacheDoc   doc;
  gint64       id;
  char        *json;
  char        *etag;
  char        *key;
  gint64       total;
  gint64       fetched_at;
  gint64       opened_at;
  guint        limit;
  gint64       contact_id; /* OP_PUT_SESSION: the session's contact (0 = unknown) */
  GPtrArray   *items;     /* OP_MERGE_CONTACTS: alternating id strings and json */
  gboolean     recovered; /* OP_OPEN result */
  CdCacheJobFunc job;     /* OP_JOB */
  gpointer       job_data;
  GDestroyNotify job_data_free;
  GDestroyNotify job_result_free;
} Op;

/* One stale-while-revalidate load into a resource. */
typedef struct
{
  CdRepository *repo;
  CdResource   *resource;
  LoadKind      kind;
  gint64        id;
  char         *cached_json;
  char         *cached_etag;
  GObject      *cached_value;
  GDateTime    *cached_fetched_at;
} Load;

/* Owned by the resource: lets it start a new load on refresh. */
typedef struct
{
  GWeakRef  repo;
  LoadKind  kind;
  gint64    id;
} RefreshSpec;

static void start_network (Load *load);

static void
cache_holder_clear (CacheHolder *holder)
{
  g_clear_object (&holder->cache);
  g_free (holder->path);
}

static void
cache_holder_release (CacheHolder *holder)
{
  g_atomic_rc_box_release_full (holder, (GDestroyNotify) cache_holder_clear);
}

static void
op_free (Op *op)
{
  cache_holder_release (op->holder);
  g_free (op->json);
  g_free (op->etag);
  g_free (op->key);
  g_clear_pointer (&op->items, g_ptr_array_unref);
  if (op->job_data_free != NULL)
    op->job_data_free (op->job_data);
  g_free (op);
}

static void
load_free (Load *load)
{
  g_clear_object (&load->repo);
  g_clear_object (&load->resource);
  g_free (load->cached_json);
  g_free (load->cached_etag);
  g_clear_object (&load->cached_value);
  g_clear_pointer (&load->cached_fetched_at, g_date_time_unref);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static void
refresh_spec_free (RefreshSpec *spec)
{
  g_weak_ref_clear (&spec->repo);
  g_free (spec);
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Microseconds: several contacts opened within one second still keep their order. */
static gint64
now_opened (void)
{
  return g_get_real_time ();
}

static GDateTime *
time_from_unix (gint64 t)
{
  return t > 0 ? g_date_time_new_from_unix_utc (t) : NULL;
}

/* --- worker side ------------------------------------------------------- */

static gboolean
ensure_cache (CacheHolder  *holder,
              GError      **error)
{
  if (holder->cache != NULL)
    return TRUE;
  g_set_error_literal (error, CD_CACHE_ERROR, CD_CACHE_ERROR_IO, "The offline cache is unavailable");
  return FALSE;
}

static gboolean
merge_contacts (CdCache    *cache,
                GPtrArray  *items,
                gint64      fetched_at,
                GError    **error)
{
  CdDatabase *db = cd_cache_get_database (cache);

  if (!cd_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i + 1 < items->len; i += 2)
    {
      gint64 id = g_ascii_strtoll (g_ptr_array_index (items, i), NULL, 10);

      if (!cd_cache_merge_contact (cache, id, g_ptr_array_index (items, i + 1), fetched_at, error))
        {
          cd_database_rollback (db);
          return FALSE;
        }
    }
  if (!cd_database_commit (db, error))
    {
      cd_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

static gpointer
run_op (Op      *op,
        GError **error)
{
  CdCache *cache = op->holder->cache;

  if (op->kind == OP_CLOSE)
    {
      g_clear_object (&op->holder->cache);
      return NULL;
    }
  if (op->kind == OP_OPEN)
    {
      op->holder->cache = cd_cache_open (op->holder->path, &op->recovered, error);
      return op->holder->cache ? GINT_TO_POINTER (TRUE) : NULL;
    }
  if (!ensure_cache (op->holder, error))
    return NULL;

  switch (op->kind)
    {
    case OP_GET_CONTACT:
      return cd_cache_get_contact (cache, op->id, error);
    case OP_GET_DOC:
      return cd_cache_get_doc (cache, op->doc, op->id, error);
    case OP_GET_GLOBAL:
      return cd_cache_get_global (cache, op->key, error);
    case OP_SEARCH:
      return cd_cache_search_contacts (cache, op->key, op->limit, error);
    case OP_RECENT:
      return cd_cache_list_recent (cache, op->limit, error);
    case OP_PUT_CONTACT:
      return GINT_TO_POINTER (cd_cache_put_contact (cache, op->id, op->json, op->etag,
                                                    op->fetched_at, op->opened_at, error));
    case OP_PUT_DOC:
      return GINT_TO_POINTER (cd_cache_put_doc (cache, op->doc, op->id, op->json, op->etag,
                                                op->total, op->fetched_at, error));
    case OP_MERGE_CONTACTS:
      return GINT_TO_POINTER (merge_contacts (cache, op->items, op->fetched_at, error));
    case OP_TOUCH:
      return GINT_TO_POINTER (cd_cache_touch_contact (cache, op->id, op->opened_at, error));
    case OP_PUT_GLOBAL:
      return GINT_TO_POINTER (cd_cache_put_global (cache, op->key, op->json, op->fetched_at, error));
    case OP_PURGE:
      return GINT_TO_POINTER (cd_cache_purge_contact (cache, op->id, error));
    case OP_DELETE_DOC:
      return GINT_TO_POINTER (cd_cache_delete_doc (cache, op->doc, op->id, error));
    case OP_CLEAR:
      return GINT_TO_POINTER (cd_cache_clear (cache, error));
    case OP_SET_LIMIT:
      return GINT_TO_POINTER (cd_cache_set_size_limit (cache, op->total, error));
    case OP_GET_SESSION:
      return cd_cache_get_session (cache, op->id, error);
    case OP_PUT_SESSION:
      return GINT_TO_POINTER (cd_cache_put_session (cache, op->id, op->contact_id, op->json,
                                                    op->etag, op->fetched_at, error));
    case OP_JOB:
      return op->job (cache, op->job_data, error);
    case OP_OPEN:
    case OP_CLOSE:
    default:
      g_assert_not_reached ();
    }
}

static GDestroyNotify
result_free_func (OpKind kind)
{
  switch (kind)
    {
    case OP_GET_CONTACT:
    case OP_GET_DOC:
    case OP_GET_GLOBAL:
    case OP_GET_SESSION:
      return (GDestroyNotify) cd_cache_entry_free;
    case OP_SEARCH:
    case OP_RECENT:
      return (GDestroyNotify) g_ptr_array_unref;
    default:
      return NULL;
    }
}

static void
op_thread_func (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;
  gpointer result = run_op (op, &error);

  /* Damage found while in use: start over with an empty cache (the caller's
   * notice says so); this one operation still fails. */
  if (g_error_matches (error, CD_CACHE_ERROR, CD_CACHE_ERROR_CORRUPT) &&
      op->kind != OP_OPEN && op->holder->cache != NULL)
    {
      g_autoptr(GError) rebuild_error = NULL;

      g_clear_object (&op->holder->cache);
      op->holder->cache = cd_cache_rebuild (op->holder->path, &rebuild_error);
      if (op->holder->cache == NULL)
        g_message ("Offline cache could not be rebuilt (code %d)", rebuild_error->code);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, op->kind == OP_JOB ? op->job_result_free
                                                            : result_free_func (op->kind));
}

/* --- main-thread side ---------------------------------------------------- */

static Op *
op_new (CdRepository *self,
        OpKind        kind)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->holder = g_atomic_rc_box_acquire (self->holder);
  op->total = -1;
  return op;
}

/* Queues @op; @callback receives @user_data (not the repository as source). */
static void
queue_op (CdRepository        *self,
          Op                  *op,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_source_tag (task, queue_op);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  cd_worker_queue (self->worker, task, op_thread_func);
}

static void
set_notice (CdRepository *self,
            const char   *notice)
{
  if (g_strcmp0 (self->notice, notice) == 0)
    return;
  g_free (self->notice);
  self->notice = g_strdup (notice);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
  g_signal_emit (self, signals[NOTICE], 0, notice);
}

static void
report_cache_error (CdRepository *self,
                    const GError *error)
{
  if (error == NULL || error->domain != CD_CACHE_ERROR || self->cache_unusable)
    return;
  g_debug ("Offline cache error %d", error->code);
  if (error->code == CD_CACHE_ERROR_FULL)
    set_notice (self, _("The offline cache is full: new data is not saved for offline use"));
  else if (error->code == CD_CACHE_ERROR_READ_ONLY)
    set_notice (self, _("The offline cache can’t be written: data is not saved for offline use"));
  else if (error->code == CD_CACHE_ERROR_CORRUPT)
    set_notice (self, _("The offline cache was damaged and has been reset"));
  else
    set_notice (self, _("The offline cache is unavailable: data is not saved for offline use"));
}

static void
op_written_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdRepository) self = user_data;
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  report_cache_error (self, error);
}

/* Fire-and-forget write; failures become a notice, never a failed read. */
static void
queue_write (CdRepository *self,
             Op           *op)
{
  queue_op (self, op, op_written_cb, g_object_ref (self));
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CdRepository) self = user_data;
  g_autoptr(GError) error = NULL;
  Op *op = g_task_get_task_data (G_TASK (result));

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      g_message ("Offline cache unavailable (code %d)", error->code);
      report_cache_error (self, error);
      self->cache_unusable = TRUE;
    }
  else if (op->recovered)
    set_notice (self, _("The offline cache was damaged and has been reset"));
}

static void
set_online (CdRepository *self,
            gboolean      online)
{
  if (self->online == online)
    return;
  self->online = online;
  /* Offline, retrying a dead server only delays the cached answer. */
  cd_api_client_set_retries_enabled (self->client, online);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

static gboolean
is_offline_error (const GError *error)
{
  return g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NETWORK) ||
         g_error_matches (error, CD_API_ERROR, CD_API_ERROR_TIMEOUT);
}

/* Keeps `online` in step with the outcome of every request. */
static void
note_outcome (CdRepository *self,
              const GError *error)
{
  if (error == NULL)
    set_online (self, TRUE);
  else if (is_offline_error (error))
    set_online (self, FALSE);
  else if (error->domain == CD_API_ERROR)
    set_online (self, TRUE);
}

static char *
node_to_json (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : NULL;
}

/* Parses the JSON a load stores (the envelope's data) into its model. */
static GObject *
parse_value (LoadKind     kind,
             JsonNode    *node,
             GError     **error)
{
  switch (kind)
    {
    case LOAD_CONTACT:
      return G_OBJECT (cd_contact_new_from_json (node, error));
    case LOAD_MEMORY:
      return G_OBJECT (cd_memory_new_from_json (node, error));
    case LOAD_FOLLOW_UPS:
      return G_OBJECT (cd_follow_up_list_from_json (node, error));
    case LOAD_CALL_LOGS:
      {
        JsonObject *object = cd_json_node_get_object (node, "data", error);
        JsonNode *items;

        if (object == NULL)
          return NULL;
        items = json_object_get_member (object, "items");
        if (items == NULL || JSON_NODE_HOLDS_NULL (items))
          return G_OBJECT (g_list_store_new (CD_TYPE_VOICE_SESSION));
        return G_OBJECT (cd_voice_session_list_from_json (items, error));
      }
    default:
      g_assert_not_reached ();
    }
}

static GObject *
parse_text (LoadKind     kind,
            const char  *json,
            GError     **error)
{
  g_autoptr(JsonNode) node = cd_json_parse (json, -1, error);

  return node ? parse_value (kind, node, error) : NULL;
}

static gboolean
load_cancelled (Load *load)
{
  return g_cancellable_is_cancelled (cd_resource_get_cancellable (load->resource));
}

static CdCacheDoc
doc_for_kind (LoadKind kind)
{
  switch (kind)
    {
    case LOAD_CALL_LOGS:
      return CD_CACHE_DOC_CALL_LOGS;
    case LOAD_FOLLOW_UPS:
      return CD_CACHE_DOC_FOLLOW_UPS;
    case LOAD_MEMORY:
    case LOAD_CONTACT:
    default:
      return CD_CACHE_DOC_MEMORY;
    }
}

static void
queue_purge (CdRepository *self,
             gint64        contact_id)
{
  Op *op = op_new (self, OP_PURGE);

  op->id = contact_id;
  queue_write (self, op);
  /* A purge also drops the contact from the offline set and the outbox. */
  cd_repository_offline_forget (self, contact_id);
  cd_repository_outbox_drop_contact (self, contact_id);
}

/* Stores what the server just confirmed (200, or 304 with the cached text). */
static void
store_fresh (Load       *load,
             const char *json,
             const char *etag,
             JsonNode   *data)
{
  Op *op = op_new (load->repo, load->kind == LOAD_CONTACT ? OP_PUT_CONTACT : OP_PUT_DOC);

  op->id = load->id;
  op->doc = doc_for_kind (load->kind);
  op->json = g_strdup (json);
  op->etag = g_strdup (etag);
  op->fetched_at = now_unix ();
  op->opened_at = now_opened ();
  if (load->kind == LOAD_CALL_LOGS && data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    {
      JsonNode *total = json_object_get_member (json_node_get_object (data), "total");

      if (total != NULL && JSON_NODE_HOLDS_VALUE (total) &&
          json_node_get_value_type (total) == G_TYPE_INT64)
        op->total = json_node_get_int (total);
    }
  queue_write (load->repo, op);
}

static void
handle_error (Load         *load,
              const GError *error)
{
  gboolean has_cache = load->cached_value != NULL;

  if (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NOT_FOUND))
    {
      /* A missing contact takes all its data along; a missing card only itself. */
      if (load->kind == LOAD_CONTACT)
        queue_purge (load->repo, load->id);
      else
        {
          Op *op = op_new (load->repo, OP_DELETE_DOC);

          op->id = load->id;
          op->doc = doc_for_kind (load->kind);
          queue_write (load->repo, op);
        }
      cd_resource_update (load->resource, CD_RESOURCE_NOT_FOUND, NULL, error, NULL, FALSE);
    }
  else if (is_offline_error (error))
    cd_resource_update (load->resource, CD_RESOURCE_OFFLINE, load->cached_value, error,
                        load->cached_fetched_at, has_cache);
  else
    cd_resource_update (load->resource, CD_RESOURCE_ERROR, load->cached_value, error,
                        load->cached_fetched_at, has_cache);
}

static void
handle_not_modified (Load *load)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (load->cached_value == NULL)
    {
      g_autoptr(GError) error = cd_api_error_new (CD_API_ERROR_BAD_RESPONSE, 304,
                                                  _("The server answered “not modified” for data that is not cached"),
                                                  NULL, NULL);
      handle_error (load, error);
      return;
    }
  store_fresh (load, load->cached_json, load->cached_etag, NULL);
  cd_resource_set_etag (load->resource, load->cached_etag);
  cd_resource_update (load->resource, CD_RESOURCE_FRESH, load->cached_value, NULL, now, FALSE);
}

static void
handle_data (Load          *load,
             CdApiResponse *response)
{
  JsonNode *data = cd_api_response_get_data (response);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) value = NULL;
  g_autofree char *json = NULL;

  value = data ? parse_value (load->kind, data, &error) : NULL;
  if (value == NULL)
    {
      if (error == NULL)
        error = cd_api_error_new (CD_API_ERROR_BAD_RESPONSE, cd_api_response_get_http_status (response),
                                  _("The server sent no data"), NULL,
                                  cd_api_response_get_request_id (response));
      handle_error (load, error);
      return;
    }

  /* Another contact's data must never replace this one's cached copy. */
  if (load->kind == LOAD_CONTACT && cd_contact_get_id (CD_CONTACT (value)) != load->id)
    {
      error = cd_api_error_new (CD_API_ERROR_BAD_RESPONSE, cd_api_response_get_http_status (response),
                                _("The server sent a different contact"), NULL,
                                cd_api_response_get_request_id (response));
      handle_error (load, error);
      return;
    }

  /* An erased contact keeps nothing personal on this device. */
  if (load->kind == LOAD_CONTACT && cd_contact_is_erased (CD_CONTACT (value)))
    queue_purge (load->repo, load->id);
  else
    {
      json = node_to_json (data);
      store_fresh (load, json, cd_api_response_get_etag (response), data);
    }
  cd_resource_set_etag (load->resource, cd_api_response_get_etag (response));
  cd_resource_update (load->resource, CD_RESOURCE_FRESH, value, NULL, now, FALSE);
}

static void
network_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = cd_api_client_request_finish (CD_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || load_cancelled (load))
    return;
  note_outcome (load->repo, error);
  if (error != NULL)
    handle_error (load, error);
  else if (cd_api_response_get_not_modified (response))
    handle_not_modified (load);
  else
    handle_data (load, response);
}

static void
start_network (Load *load)
{
  CdApiClient *client = load->repo->client;
  GCancellable *cancellable = cd_resource_get_cancellable (load->resource);

  switch (load->kind)
    {
    case LOAD_CONTACT:
      cd_api_client_get_contact_async (client, load->id, load->cached_etag, cancellable,
                                       network_cb, load);
      break;
    case LOAD_MEMORY:
      cd_api_client_get_memory_async (client, load->id, load->cached_etag, cancellable,
                                      network_cb, load);
      break;
    case LOAD_FOLLOW_UPS:
      /* Lists carry an ETag too: an unchanged card costs a 304. */
      cd_api_client_list_follow_ups_if_none_match_async (client, load->id, load->cached_etag,
                                                         cancellable, network_cb, load);
      break;
    case LOAD_CALL_LOGS:
      {
        CdSessionQuery query = { 0, };

        query.contact_id = load->id;
        query.sort = "started_at";
        query.order = "desc";
        query.page_size = 10;
        query.if_none_match = load->cached_etag;
        cd_api_client_list_voice_sessions_async (client, &query, cancellable, network_cb, load);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
cached_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(CdCacheEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parse_error = NULL;

  entry = g_task_propagate_pointer (G_TASK (result), &error);
  if (load_cancelled (load))
    {
      load_free (load);
      return;
    }
  if (error != NULL)
    report_cache_error (load->repo, error);

  if (entry != NULL)
    load->cached_value = parse_text (load->kind, entry->json, &parse_error);
  if (load->cached_value != NULL)
    {
      load->cached_json = g_steal_pointer (&entry->json);
      load->cached_etag = g_steal_pointer (&entry->etag);
      load->cached_fetched_at = time_from_unix (entry->fetched_at);
      cd_resource_set_etag (load->resource, load->cached_etag);
      cd_resource_update (load->resource, CD_RESOURCE_STALE, load->cached_value, NULL,
                          load->cached_fetched_at, TRUE);
      if (load->kind == LOAD_CONTACT)
        {
          Op *op = op_new (load->repo, OP_TOUCH);

          op->id = load->id;
          op->opened_at = now_opened ();
          queue_write (load->repo, op);
        }
    }
  else if (parse_error != NULL)
    g_debug ("Ignoring unreadable cached data for %" G_GINT64_FORMAT, load->id);

  start_network (load);
}

static void
start_load (CdRepository *self,
            CdResource   *resource,
            LoadKind      kind,
            gint64        id)
{
  Load *load = g_new0 (Load, 1);
  Op *op = op_new (self, kind == LOAD_CONTACT ? OP_GET_CONTACT : OP_GET_DOC);

  load->repo = g_object_ref (self);
  load->resource = g_object_ref (resource);
  load->kind = kind;
  load->id = id;
  op->id = id;
  op->doc = doc_for_kind (kind);
  queue_op (self, op, cached_cb, load);
}

static void
refresh_cb (CdResource  *resource,
            RefreshSpec *spec)
{
  g_autoptr(CdRepository) self = g_weak_ref_get (&spec->repo);

  if (self != NULL)
    start_load (self, resource, spec->kind, spec->id);
}

static CdResource *
open_resource (CdRepository *self,
               LoadKind      kind,
               gint64        id,
               GCancellable *cancellable)
{
  CdResource *resource = cd_resource_new (cancellable);
  RefreshSpec *spec = g_new0 (RefreshSpec, 1);

  g_weak_ref_init (&spec->repo, self);
  spec->kind = kind;
  spec->id = id;
  cd_resource_set_refresh_func (resource, G_CALLBACK (refresh_cb), spec,
                                (GDestroyNotify) refresh_spec_free);
  start_load (self, resource, kind, id);
  return resource;
}

/* --- GObject ------------------------------------------------------------- */

static void
cd_repository_dispose (GObject *object)
{
  CdRepository *self = CD_REPOSITORY (object);

  g_clear_pointer (&self->offline, cd_repository_offline_free);
  /* Pending writes finish, then the cache closes on the worker thread too. */
  if (self->worker != NULL)
    {
      queue_op (self, op_new (self, OP_CLOSE), NULL, NULL);
      cd_worker_shutdown (self->worker);
    }
  g_clear_object (&self->worker);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (cd_repository_parent_class)->dispose (object);
}

static void
cd_repository_finalize (GObject *object)
{
  CdRepository *self = CD_REPOSITORY (object);

  g_clear_pointer (&self->holder, cache_holder_release);
  g_free (self->base_url);
  g_free (self->tenant_id);
  g_free (self->cache_path);
  g_free (self->notice);
  G_OBJECT_CLASS (cd_repository_parent_class)->finalize (object);
}

static void
cd_repository_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CdRepository *self = CD_REPOSITORY (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;
    case PROP_OFFLINE_JOB:
      g_value_set_object (value, cd_repository_get_offline_job (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_repository_class_init (CdRepositoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_repository_dispose;
  object_class->finalize = cd_repository_finalize;
  object_class->get_property = cd_repository_get_property;

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The running "Keep offline" download (cd-repository-offline.h). */
  properties[PROP_OFFLINE_JOB] =
    g_param_spec_object ("offline-job", NULL, NULL, CD_TYPE_OFFLINE_JOB,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A user-facing message about the offline cache (reset, full, unwritable). */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A contact entered or left the offline set, or its state changed (0 = many). */
  signals[OFFLINE_CHANGED] =
    g_signal_new ("offline-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The outbox of one contact changed (cd-repository-outbox.h). */
  signals[OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
cd_repository_init (CdRepository *self)
{
  self->online = TRUE;
}

/* --- search, recent, globals --------------------------------------------- */

typedef struct
{
  gboolean  from_cache;
  GError   *network_error;
  char     *query;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_clear_error (&data->network_error);
  g_free (data->query);
  g_free (data);
}

/* Cached JSON texts → GListStore of CdContact, skipping unreadable rows. */
static GListModel *
contacts_from_texts (GPtrArray *texts)
{
  GListStore *store = g_list_store_new (CD_TYPE_CONTACT);

  for (guint i = 0; texts != NULL && i < texts->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = cd_json_parse (g_ptr_array_index (texts, i), -1, &error);
      g_autoptr(CdContact) contact = node ? cd_contact_new_from_json (node, &error) : NULL;

      if (contact != NULL)
        g_list_store_append (store, contact);
    }
  return G_LIST_MODEL (store);
}

static void
search_cache_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SearchData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;

  texts = g_task_propagate_pointer (G_TASK (result), &error);
  if (texts == NULL)
    {
      report_cache_error (g_task_get_source_object (task), error);
      g_task_return_error (task, g_steal_pointer (&data->network_error));
      return;
    }
  data->from_cache = TRUE;
  g_task_return_pointer (task, contacts_from_texts (texts), g_object_unref);
}

/* Every contact the server returned becomes searchable offline. */
static void
cache_search_results (CdRepository *self,
                      JsonArray    *array,
                      GListModel   *contacts)
{
  Op *op = op_new (self, OP_MERGE_CONTACTS);
  guint n = MIN (json_array_get_length (array), g_list_model_get_n_items (contacts));

  op->items = g_ptr_array_new_with_free_func (g_free);
  op->fetched_at = now_unix ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (contacts, i);

      g_ptr_array_add (op->items, g_strdup_printf ("%" G_GINT64_FORMAT, cd_contact_get_id (contact)));
      g_ptr_array_add (op->items, node_to_json (json_array_get_element (array, i)));
    }
  queue_write (self, op);
}

static void
search_net_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  SearchData *data = g_task_get_task_data (task);
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GListModel) contacts = NULL;
  GError *error = NULL;

  response = cd_repository_finish_request (self, object, result, &error);
  if (is_offline_error (error))
    {
      Op *op = op_new (self, OP_SEARCH);

      data->network_error = error;
      op->key = g_strdup (data->query);
      op->limit = 50;
      queue_op (self, op, search_cache_cb, g_steal_pointer (&task));
      return;
    }
  if (error == NULL)
    contacts = cd_contact_list_from_json (cd_api_response_get_data (response), &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cache_search_results (self, json_node_get_array (cd_api_response_get_data (response)), contacts);
  g_task_return_pointer (task, g_steal_pointer (&contacts), g_object_unref);
}

typedef enum
{
  GLOBAL_ME,
  GLOBAL_CUSTOM_FIELDS,
} GlobalKind;

typedef struct
{
  GlobalKind  kind;
  GError     *network_error;
} GlobalData;

static void
global_data_free (GlobalData *data)
{
  g_clear_error (&data->network_error);
  g_free (data);
}

static const char *
global_key (GlobalKind kind)
{
  return kind == GLOBAL_ME ? "me" : "custom_fields";
}

static gpointer
parse_global (GlobalKind   kind,
              JsonNode    *node,
              GError     **error)
{
  if (kind == GLOBAL_ME)
    return cd_user_new_from_json (node, error);
  return cd_custom_field_list_from_json (node, error);
}

static void
global_cache_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GlobalData *data = g_task_get_task_data (task);
  g_autoptr(CdCacheEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gpointer value = NULL;

  entry = g_task_propagate_pointer (G_TASK (result), &error);
  if (entry != NULL)
    node = cd_json_parse (entry->json, -1, NULL);
  if (node != NULL)
    value = parse_global (data->kind, node, NULL);
  if (value == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->network_error));
      return;
    }
  g_task_return_pointer (task, value, g_object_unref);
}

static void
global_net_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  GlobalData *data = g_task_get_task_data (task);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;
  gpointer value = NULL;
  Op *op;

  response = cd_api_client_request_finish (CD_API_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  note_outcome (self, error);
  if (error == NULL)
    value = parse_global (data->kind, cd_api_response_get_data (response), &error);
  if (value == NULL)
    {
      /* Network first, then whatever this device saved last time. */
      data->network_error = error;
      op = op_new (self, OP_GET_GLOBAL);
      op->key = g_strdup (global_key (data->kind));
      queue_op (self, op, global_cache_cb, g_steal_pointer (&task));
      return;
    }
  op = op_new (self, OP_PUT_GLOBAL);
  op->key = g_strdup (global_key (data->kind));
  op->json = node_to_json (cd_api_response_get_data (response));
  op->fetched_at = now_unix ();
  queue_write (self, op);
  g_task_return_pointer (task, value, g_object_unref);
}

static void
start_global (CdRepository        *self,
              GlobalKind           kind,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GlobalData *data = g_new0 (GlobalData, 1);

  data->kind = kind;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) global_data_free);
  if (kind == GLOBAL_ME)
    cd_api_client_get_me_async (self->client, cancellable, global_net_cb, g_steal_pointer (&task));
  else
    cd_api_client_list_custom_fields_async (self->client, cancellable, global_net_cb,
                                            g_steal_pointer (&task));
}

/* Relays a cache op's outcome to the caller's task (recent, purge, clear). */
static void
relay_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    {
      report_cache_error (self, error);
      g_task_return_error (task, error);
    }
  else if (op->kind == OP_RECENT)
    {
      g_task_return_pointer (task, contacts_from_texts (value), g_object_unref);
      g_ptr_array_unref (value);
    }
  else if (op->kind == OP_GET_SESSION)
    {
      CdCacheEntry *entry = value;

      /* A miss is NULL without an error. */
      g_task_return_pointer (task, entry ? g_steal_pointer (&entry->json) : NULL, g_free);
      cd_cache_entry_free (entry);
    }
  else
    g_task_return_boolean (task, TRUE);
}

static void
start_relay (CdRepository        *self,
             Op                  *op,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  queue_op (self, op, relay_cb, task);
}

/* --- public API ---------------------------------------------------------- */

CdRepository *
cd_repository_new (const char *base_url,
                   const char *api_key,
                   const char *tenant_id,
                   const char *data_dir)
{
  CdRepository *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (CD_TYPE_REPOSITORY, NULL);
  self->base_url = g_strdup (base_url);
  self->tenant_id = g_strdup (tenant_id);
  self->cache_path = cd_cache_build_path (data_dir, base_url, tenant_id);
  self->client = cd_api_client_new (base_url);
  cd_api_client_set_api_key (self->client, api_key);
  cd_api_client_set_tenant_id (self->client, tenant_id);

  self->holder = g_atomic_rc_box_new0 (CacheHolder);
  self->holder->path = g_strdup (self->cache_path);
  self->worker = cd_worker_new ("cd-cache");
  /* Opening (and migrating or rebuilding) is the worker's first job. */
  queue_op (self, op_new (self, OP_OPEN), open_cb, g_object_ref (self));
  /* The outbox loads right after the cache opened (same worker, in order). */
  cd_repository_outbox_load (self);
  /* Then the offline set (it resumes unfinished downloads) and the network watch. */
  self->offline = cd_repository_offline_new (self);
  return self;
}

const char *
cd_repository_get_base_url (CdRepository *self)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  return self->base_url;
}

gboolean
cd_repository_get_online (CdRepository *self)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), FALSE);
  return self->online;
}

const char *
cd_repository_get_cache_path (CdRepository *self)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  return self->cache_path;
}

const char *
cd_repository_get_notice (CdRepository *self)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  return self->notice;
}

CdApiClient *
cd_repository_get_api_client (CdRepository *self)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  return self->client;
}

CdResource *
cd_repository_open_contact (CdRepository *self,
                            gint64        contact_id,
                            GCancellable *cancellable)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  return open_resource (self, LOAD_CONTACT, contact_id, cancellable);
}

CdResource *
cd_repository_open_call_logs (CdRepository *self,
                              gint64        contact_id,
                              GCancellable *cancellable)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  return open_resource (self, LOAD_CALL_LOGS, contact_id, cancellable);
}

CdResource *
cd_repository_open_follow_ups (CdRepository *self,
                               gint64        contact_id,
                               GCancellable *cancellable)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  return open_resource (self, LOAD_FOLLOW_UPS, contact_id, cancellable);
}

CdResource *
cd_repository_open_memory (CdRepository *self,
                           gint64        contact_id,
                           GCancellable *cancellable)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  return open_resource (self, LOAD_MEMORY, contact_id, cancellable);
}

void
cd_repository_search_contacts_async (CdRepository        *self,
                                     const char          *query,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  SearchData *data;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_search_contacts_async);
  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query ? query : "");
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  cd_api_client_list_contacts_async (self->client, 1, 50, data->query, cancellable,
                                     search_net_cb, task);
}

GListModel *
cd_repository_search_contacts_finish (CdRepository  *self,
                                      GAsyncResult  *result,
                                      gboolean      *from_cache,
                                      GError       **error)
{
  SearchData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (from_cache != NULL)
    *from_cache = data->from_cache;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cd_repository_list_recent_async (CdRepository        *self,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  op = op_new (self, OP_RECENT);
  op->limit = limit;
  start_relay (self, op, cd_repository_list_recent_async, cancellable, callback, user_data);
}

GListModel *
cd_repository_list_recent_finish (CdRepository  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cd_repository_get_custom_fields_async (CdRepository        *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  start_global (self, GLOBAL_CUSTOM_FIELDS, cd_repository_get_custom_fields_async,
                cancellable, callback, user_data);
}

GListModel *
cd_repository_get_custom_fields_finish (CdRepository  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cd_repository_get_me_async (CdRepository        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  start_global (self, GLOBAL_ME, cd_repository_get_me_async, cancellable, callback, user_data);
}

gpointer
cd_repository_get_me_finish (CdRepository  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cd_repository_set_cache_size_limit (CdRepository *self,
                                    guint64       max_bytes)
{
  Op *op;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  op = op_new (self, OP_SET_LIMIT);
  op->total = (gint64) MIN (max_bytes, (guint64) G_MAXINT64);
  queue_write (self, op);
}

void
cd_repository_purge_contact_async (CdRepository        *self,
                                   gint64               contact_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  op = op_new (self, OP_PURGE);
  op->id = contact_id;
  cd_repository_offline_forget (self, contact_id);
  /* The cache purge deletes the contact's outbox rows; the live list follows. */
  cd_repository_outbox_drop_contact (self, contact_id);
  start_relay (self, op, cd_repository_purge_contact_async, cancellable, callback, user_data);
}

gboolean
cd_repository_purge_contact_finish (CdRepository  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cd_repository_clear_cache_async (CdRepository        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  cd_repository_offline_forget (self, 0);
  start_relay (self, op_new (self, OP_CLEAR), cd_repository_clear_cache_async,
               cancellable, callback, user_data);
}

gboolean
cd_repository_clear_cache_finish (CdRepository  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cd_repository_cache_contact_json (CdRepository *self,
                                  gint64        contact_id,
                                  JsonNode     *data,
                                  const char   *etag)
{
  Op *op;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (data != NULL);

  op = op_new (self, OP_PUT_CONTACT);
  op->id = contact_id;
  op->json = node_to_json (data);
  op->etag = g_strdup (etag);
  op->fetched_at = now_unix ();
  op->opened_at = now_opened ();
  queue_write (self, op);
}

void
cd_repository_cache_doc_json (CdRepository *self,
                              CdCacheDoc    doc,
                              gint64        contact_id,
                              JsonNode     *data,
                              const char   *etag)
{
  Op *op;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (data != NULL);

  op = op_new (self, OP_PUT_DOC);
  op->id = contact_id;
  op->doc = doc;
  op->json = node_to_json (data);
  op->etag = g_strdup (etag);
  op->fetched_at = now_unix ();
  queue_write (self, op);
}

GTask *
cd_repository_parsed_task_new (CdRepository        *self,
                               gpointer             source_tag,
                               CdResponseParser     parser,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) parser, NULL);
  return task;
}

void
cd_repository_parsed_response_cb (GObject      *client,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdResponseParser parse = (CdResponseParser) g_task_get_task_data (task);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;
  gpointer value = NULL;

  response = cd_repository_finish_request (g_task_get_source_object (task), client, result, &error);
  if (response != NULL)
    value = parse (cd_api_response_get_data (response), &error);
  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, g_object_unref);
}

void
cd_repository_cache_session_json (CdRepository *self,
                                  gint64        session_id,
                                  gint64        contact_id,
                                  JsonNode     *data,
                                  const char   *etag)
{
  Op *op;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (data != NULL);

  op = op_new (self, OP_PUT_SESSION);
  op->id = session_id;
  op->contact_id = contact_id;
  op->json = node_to_json (data);
  op->etag = g_strdup (etag);
  op->fetched_at = now_unix ();
  queue_write (self, op);
}

void
cd_repository_get_cached_session_async (CdRepository        *self,
                                        gint64               session_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  op = op_new (self, OP_GET_SESSION);
  op->id = session_id;
  start_relay (self, op, cd_repository_get_cached_session_async, cancellable, callback, user_data);
}

char *
cd_repository_get_cached_session_finish (CdRepository  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

CdApiResponse *
cd_repository_finish_request (CdRepository  *self,
                              GObject       *client,
                              GAsyncResult  *result,
                              GError       **error)
{
  GError *local = NULL;
  CdApiResponse *response = cd_api_client_request_finish (CD_API_CLIENT (client), result, &local);

  if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    note_outcome (self, local);
  if (local != NULL)
    g_propagate_error (error, local);
  return response;
}

void
cd_repository_note_request_outcome (CdRepository *self,
                                    const GError *error)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  note_outcome (self, error);
}

void
cd_repository_get_campaign_async (CdRepository        *self,
                                  gint64               campaign_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  /* Network first, written through; the cached summary when unreachable. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_get_campaign_async);
  cd_repository_offline_get_campaign (self, campaign_id, task);
}

gpointer
cd_repository_get_campaign_finish (CdRepository  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- the finder's start list: recent contacts first, then everyone else ---- */

typedef struct
{
  GListModel *recent;
  guint       recent_limit;
  gboolean    from_cache;
} StartListData;

static void
start_list_data_free (StartListData *data)
{
  g_clear_object (&data->recent);
  g_free (data);
}

static gboolean
model_has_contact (GListModel *model,
                   gint64      contact_id)
{
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (model, i);

      if (cd_contact_get_id (contact) == contact_id)
        return TRUE;
    }
  return FALSE;
}

static void
start_list_search_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StartListData *data = g_task_get_task_data (task);
  g_autoptr(GListModel) everyone = NULL;
  g_autoptr(GError) error = NULL;
  GListStore *merged = g_list_store_new (CD_TYPE_CONTACT);
  gboolean from_cache = FALSE;
  guint n_recent = data->recent ? g_list_model_get_n_items (data->recent) : 0;

  everyone = cd_repository_search_contacts_finish (CD_REPOSITORY (object), result, &from_cache, &error);
  if (everyone == NULL && (n_recent == 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      g_object_unref (merged);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < n_recent; i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (data->recent, i);
      g_list_store_append (merged, contact);
    }
  for (guint i = 0; everyone != NULL && i < g_list_model_get_n_items (everyone); i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (everyone, i);

      if (!model_has_contact (data->recent, cd_contact_get_id (contact)))
        g_list_store_append (merged, contact);
    }
  /* A failed server list still shows the recent ones, marked as saved data. */
  data->from_cache = from_cache || everyone == NULL;
  g_task_return_pointer (task, merged, g_object_unref);
}

static void
start_list_recent_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StartListData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* An unreadable cache only loses the "recent" part of the list. */
  data->recent = cd_repository_list_recent_finish (CD_REPOSITORY (object), result, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  cd_repository_search_contacts_async (CD_REPOSITORY (object), "", g_task_get_cancellable (task),
                                       start_list_search_cb, g_object_ref (task));
}

/**
 * cd_repository_list_start_contacts_async:
 * What the finder shows before anything is typed: up to @recent_limit recently
 * opened contacts first, then the server's contact list (the cached contacts
 * when offline), without duplicates.
 */
void
cd_repository_list_start_contacts_async (CdRepository        *self,
                                         guint                recent_limit,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  StartListData *data;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_list_start_contacts_async);
  data = g_new0 (StartListData, 1);
  data->recent_limit = recent_limit;
  g_task_set_task_data (task, data, (GDestroyNotify) start_list_data_free);
  cd_repository_list_recent_async (self, recent_limit, cancellable, start_list_recent_cb, task);
}

GListModel *
cd_repository_list_start_contacts_finish (CdRepository  *self,
                                          GAsyncResult  *result,
                                          gboolean      *from_cache,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (from_cache != NULL)
    *from_cache = ((StartListData *) g_task_get_task_data (G_TASK (result)))->from_cache;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- generic worker jobs (the outbox, cd-repository-outbox.c) ----------- */

void
cd_repository_run_cache_job (CdRepository        *self,
                             CdCacheJobFunc       func,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             GDestroyNotify       result_free,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (func != NULL);

  op = op_new (self, OP_JOB);
  op->job = func;
  op->job_data = data;
  op->job_data_free = data_free;
  op->job_result_free = result_free;
  queue_op (self, op, callback, user_data);
}

gpointer
cd_repository_cache_job_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- hooks for "Keep offline" (cd-repository-offline.c) ----------------- */

CdRepositoryOffline *
cd_repository_get_offline (CdRepository *self)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  return self->offline;
}

void
cd_repository_emit_offline_changed (CdRepository *self,
                                    gint64        contact_id)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_signal_emit (self, signals[OFFLINE_CHANGED], 0, contact_id);
}

void
cd_repository_notify_offline_job (CdRepository *self)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_JOB]);
}

void
cd_repository_post_notice (CdRepository *self,
                           const char   *notice)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  set_notice (self, notice);
}
