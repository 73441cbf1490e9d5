/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include <glib/gi18n.h>

#include "cd-api-client.h"
#include "cd-cache.h"
#include "cd-contact.h"
#include "cd-custom-field.h"
#include "cd-error.h"
#include "cd-follow-up.h"
#include "cd-json.h"
#include "cd-memory.h"
#include "cd-repository.h"
#include "cd-repository-private.h"
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
};

G_DEFINE_FINAL_TYPE (CdRepository, cd_repository, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ONLINE,
  PROP_NOTICE,
  N_PROPS
};

enum {
  NOTICE,
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
  GPtrArray   *items;     /* OP_MERGE_CONTACTS: alternating id strings and json */
  gboolean     recovered; /* OP_OPEN result */
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
op_free (Op *op)
{
  g_atomic_rc_box_release_full (op->holder, (GDestroyNotify) cache_holder_clear);
  g_free (op->json);
  g_free (op->etag);
  g_free (op->key);
  g_clear_pointer (&op->items, g_ptr_array_unref);
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
    case OP_CLEAR:
      return GINT_TO_POINTER (cd_cache_clear (cache, error));
    case OP_OPEN:
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

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, result_free_func (op->kind));
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
  if (error == NULL || error->domain != CD_CACHE_ERROR)
    return;
  g_debug ("Offline cache error %d", error->code);
  if (error->code == CD_CACHE_ERROR_FULL)
    set_notice (self, _("The disk is full: changes are no longer saved for offline use"));
  else if (error->code == CD_CACHE_ERROR_READ_ONLY)
    set_notice (self, _("The offline cache can’t be written: data is not saved for offline use"));
  else if (error->code == CD_CACHE_ERROR_CORRUPT)
    set_notice (self, _("The offline cache is damaged: data is not saved for offline use"));
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
      g_warning ("Offline cache unavailable (code %d)", error->code);
      report_cache_error (self, error);
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
