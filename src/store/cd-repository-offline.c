/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include <glib/gi18n.h>

#include "cd-campaign.h"
#include "cd-contact.h"
#include "cd-error.h"
#include "cd-json.h"
#include "cd-offline-private.h"
#include "cd-repository-private.h"
#include "cd-repository-outbox.h"
#include "cd-rules.h"

/*
 * The offline set on the repository's side: an in-memory copy of
 * offline_contacts (for cheap row states), the running download, the
 * "Preferences" list and removal, the campaign fallback, and the network watch
 * that starts a sync on reconnect (cd-offline-sync.c).
 */

struct _CdRepositoryOffline
{
  CdRepository    *repo;        /* owner; not a reference */
  GHashTable      *states;      /* gint64 id → CdOfflineState */
  gboolean         loaded;
  gboolean         resume_wanted;
  CdOfflineJob    *job;
  CdOfflineRun    *run;
  guint            page_size;
  gint64           focus_id;
  gboolean         syncing;
  GPtrArray       *sync_waiters; /* GTask: "Refresh" while a sync runs joins it */
  gboolean         was_online;
  GNetworkMonitor *monitor;
  gulong           network_handler;
  gulong           online_handler;
};

GWeakRef *
cd_offline_weak_new (CdRepository *repo)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, repo);
  return weak;
}

void
cd_offline_weak_free (GWeakRef *weak)
{
  g_weak_ref_clear (weak);
  g_free (weak);
}

static CdRepositoryOffline *
get_offline (CdRepository *repo)
{
  return cd_repository_get_offline (repo);
}

static void
put_state (CdRepositoryOffline *offline,
           gint64               id,
           CdOfflineState       state)
{
  g_hash_table_insert (offline->states, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (state));
}

void
cd_repository_offline_set_state (CdRepository   *repo,
                                 gint64          contact_id,
                                 CdOfflineState  state)
{
  CdRepositoryOffline *offline = get_offline (repo);

  /* Only a contact still in the set: a removal may have overtaken the download. */
  if (offline == NULL || !g_hash_table_contains (offline->states, &contact_id))
    return;
  put_state (offline, contact_id, state);
  cd_repository_emit_offline_changed (repo, contact_id);
}

void
cd_repository_offline_forget (CdRepository *repo,
                              gint64        contact_id)
{
  CdRepositoryOffline *offline = get_offline (repo);

  if (offline == NULL)
    return;
  if (offline->run != NULL && contact_id > 0)
    cd_offline_run_drop (offline->run, contact_id);
  /* Everything goes (clear, "Remove offline data"): so does the download. */
  if (offline->job != NULL && contact_id == 0)
    cd_offline_job_cancel (offline->job);
  if (contact_id == 0)
    g_hash_table_remove_all (offline->states);
  else if (!g_hash_table_remove (offline->states, &contact_id))
    return;
  cd_repository_emit_offline_changed (repo, contact_id);
}

void
cd_repository_offline_purge_gone (CdRepository *repo,
                                  gint64        contact_id)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, contact_id);
  g_autofree char *notice = NULL;
  guint unsent = cd_repository_get_pending_count (repo, contact_id);

  g_debug ("Contact %s is gone on the server; purged", id);
  cd_repository_purge_contact_async (repo, contact_id, NULL, NULL, NULL);
  if (unsent == 0)
    /* Translators: %s is a contact id; nothing personal may appear here. */
    notice = g_strdup_printf (_("Contact #%s was erased or deleted on the server and has been removed from this device"), id);
  else
    /* Translators: %s is a contact id, %u a count of edits made offline. */
    notice = g_strdup_printf (ngettext ("Contact #%s was erased or deleted on the server and has been removed from this device, with %u unsent change",
                                        "Contact #%s was erased or deleted on the server and has been removed from this device, with %u unsent changes",
                                        unsent), id, unsent);
  cd_repository_post_notice (repo, notice);
}

void
cd_repository_offline_run_ended (CdRepository *repo,
                                 CdOfflineRun *run,
                                 CdOfflineJob *job,
                                 GError       *error)
{
  CdRepositoryOffline *offline = get_offline (repo);
  g_autoptr(CdOfflineJob) finished = g_object_ref (job);

  if (offline != NULL && offline->run == run)
    {
      g_clear_pointer (&offline->run, cd_offline_run_unref);
      g_clear_object (&offline->job);
      cd_repository_notify_offline_job (repo);
    }
  cd_offline_job_finish (finished, error);
}

static void
start_run (CdRepositoryOffline *offline,
           GArray              *ids)
{
  offline->job = cd_offline_job_new ();
  offline->run = cd_offline_run_start (offline->repo, offline->job, ids, offline->page_size);
  cd_repository_notify_offline_job (offline->repo);
}

/* ---- loading the set ------------------------------------------------------ */

static gpointer
list_rows_func (CdCache   *cache,
                gpointer   data,
                GError   **error)
{
  return cd_cache_offline_list (cache, error);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(CdRepository) repo = g_weak_ref_get (weak);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CdRepositoryOffline *offline;

  cd_offline_weak_free (weak);
  rows = cd_repository_cache_job_finish (result, &error);
  if (repo == NULL || (offline = get_offline (repo)) == NULL)
    return;
  offline->loaded = TRUE;
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      CdOfflineRow *row = g_ptr_array_index (rows, i);

      /* Ids kept meanwhile already have a newer state. */
      if (!g_hash_table_contains (offline->states, &row->contact_id))
        put_state (offline, row->contact_id,
                   row->state == CD_OFFLINE_DOWNLOADING ? CD_OFFLINE_PENDING : row->state);
      if (row->state == CD_OFFLINE_PENDING || row->state == CD_OFFLINE_DOWNLOADING)
        offline->resume_wanted = TRUE;
    }
  cd_repository_emit_offline_changed (repo, 0);
  /* A restart continues unfinished downloads. */
  if (offline->resume_wanted)
    cd_repository_resume_offline (repo);
}

/* ---- network watch -------------------------------------------------------- */

static void
auto_sync_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cd_repository_sync_finish (CD_REPOSITORY (source), result, NULL, NULL, &error))
    g_debug ("Sync after reconnect stopped (%s %d)", g_quark_to_string (error->domain), error->code);
}

static void
request_sync (CdRepositoryOffline *offline)
{
  if (offline->syncing)
    return;
  cd_repository_sync_async (offline->repo, NULL, auto_sync_cb, NULL);
}

static void
network_changed_cb (GNetworkMonitor     *monitor,
                    gboolean             available,
                    CdRepositoryOffline *offline)
{
  /* The monitor is only a hint: the sync's own requests decide "online". */
  if (available && !cd_repository_get_online (offline->repo))
    request_sync (offline);
}

static void
online_changed_cb (CdRepository        *repo,
                   GParamSpec          *pspec,
                   CdRepositoryOffline *offline)
{
  gboolean online = cd_repository_get_online (repo);

  if (online && !offline->was_online)
    request_sync (offline);
  offline->was_online = online;
}

/* ---- lifecycle -------------------------------------------------------------- */

CdRepositoryOffline *
cd_repository_offline_new (CdRepository *repo)
{
  CdRepositoryOffline *offline = g_new0 (CdRepositoryOffline, 1);

  offline->repo = repo;
  offline->states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  offline->page_size = CD_OFFLINE_PAGE_SIZE;
  offline->sync_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  offline->was_online = cd_repository_get_online (repo);
  offline->monitor = g_object_ref (g_network_monitor_get_default ());
  offline->network_handler = g_signal_connect (offline->monitor, "network-changed",
                                               G_CALLBACK (network_changed_cb), offline);
  offline->online_handler = g_signal_connect (repo, "notify::online",
                                              G_CALLBACK (online_changed_cb), offline);
  cd_repository_run_cache_job (repo, list_rows_func, NULL, NULL,
                               (GDestroyNotify) g_ptr_array_unref, loaded_cb,
                               cd_offline_weak_new (repo));
  return offline;
}

void
cd_repository_offline_free (CdRepositoryOffline *offline)
{
  g_clear_signal_handler (&offline->network_handler, offline->monitor);
  g_clear_signal_handler (&offline->online_handler, offline->repo);
  g_clear_object (&offline->monitor);
  /* The run holds only a weak reference: it ends by itself once cancelled. */
  if (offline->job != NULL)
    cd_offline_job_cancel (offline->job);
  g_clear_pointer (&offline->run, cd_offline_run_unref);
  g_clear_object (&offline->job);
  g_hash_table_unref (offline->states);
  g_ptr_array_unref (offline->sync_waiters);
  g_free (offline);
}

/* ---- sync bookkeeping (cd-offline-sync.c) ------------------------------------ */

gboolean
cd_repository_offline_begin_sync (CdRepository *repo,
                                  GTask        *task)
{
  CdRepositoryOffline *offline = get_offline (repo);

  if (offline->syncing)
    {
      g_ptr_array_add (offline->sync_waiters, g_object_ref (task));
      return FALSE;
    }
  offline->syncing = TRUE;
  return TRUE;
}

void
cd_repository_offline_end_sync (CdRepository *repo,
                                const GError *error)
{
  CdRepositoryOffline *offline = get_offline (repo);
  g_autoptr(GPtrArray) waiters = NULL;

  if (offline == NULL)
    return;
  offline->syncing = FALSE;
  waiters = g_steal_pointer (&offline->sync_waiters);
  offline->sync_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

GArray *
cd_repository_offline_sync_ids (CdRepository *repo)
{
  CdRepositoryOffline *offline = get_offline (repo);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;

  if (offline == NULL)
    return ids;
  if (offline->focus_id > 0)
    g_array_append_val (ids, offline->focus_id);
  g_hash_table_iter_init (&iter, offline->states);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *) key;

      /* Unfinished ones are downloaded by the resume that follows the sync. */
      if (id != offline->focus_id && GPOINTER_TO_INT (value) != CD_OFFLINE_PENDING &&
          GPOINTER_TO_INT (value) != CD_OFFLINE_DOWNLOADING)
        g_array_append_val (kept, id);
    }
  g_array_sort (kept, compare_ids);
  g_array_append_vals (ids, kept->data, kept->len);
  return ids;
}

void
cd_repository_offline_set_page_size (CdRepository *repo,
                                     guint         page_size)
{
  CdRepositoryOffline *offline = get_offline (repo);

  if (offline != NULL)
    offline->page_size = CLAMP (page_size, 1, CD_OFFLINE_PAGE_SIZE);
}

/* ---- keep, resume, state ------------------------------------------------------ */

static gpointer
add_func (CdCache   *cache,
          gpointer   data,
          GError   **error)
{
  return GINT_TO_POINTER (cd_cache_offline_add (cache, data, g_get_real_time () / G_USEC_PER_SEC,
                                                error));
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The run reads each row next; a failed write shows as a failed download. */
  cd_repository_cache_job_finish (result, &error);
  if (error != NULL)
    g_debug ("Offline set not written (code %d)", error->code);
}

CdOfflineJob *
cd_repository_keep_offline (CdRepository *self,
                            const gint64 *ids,
                            guint         n_ids)
{
  CdRepositoryOffline *offline;
  GArray *array;

  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  offline = get_offline (self);
  array = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] > 0)
      {
        g_array_append_val (array, ids[i]);
        put_state (offline, ids[i], CD_OFFLINE_PENDING);
      }
  if (array->len == 0)
    {
      g_array_unref (array);
      return offline->job;
    }
  /* Written first, so a restart resumes even if the download never started. */
  cd_repository_run_cache_job (self, add_func, g_array_ref (array),
                               (GDestroyNotify) g_array_unref, NULL, added_cb, NULL);
  cd_repository_emit_offline_changed (self, array->len == 1 ? g_array_index (array, gint64, 0) : 0);
  if (offline->run != NULL)
    cd_offline_run_add (offline->run, array);
  else
    start_run (offline, array);
  g_array_unref (array);
  return offline->job;
}

CdOfflineJob *
cd_repository_get_offline_job (CdRepository *self)
{
  g_return_val_if_fail (CD_IS_REPOSITORY (self), NULL);
  return get_offline (self) ? get_offline (self)->job : NULL;
}

void
cd_repository_resume_offline (CdRepository *self)
{
  CdRepositoryOffline *offline;
  g_autoptr(GArray) ids = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  offline = get_offline (self);
  if (!offline->loaded)
    {
      offline->resume_wanted = TRUE;
      return;
    }
  offline->resume_wanted = FALSE;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_iter_init (&iter, offline->states);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_INT (value) == CD_OFFLINE_PENDING ||
        GPOINTER_TO_INT (value) == CD_OFFLINE_DOWNLOADING)
      g_array_append_val (ids, *(gint64 *) key);
  if (ids->len == 0)
    return;
  g_array_sort (ids, compare_ids);
  if (offline->run != NULL)
    cd_offline_run_add (offline->run, ids);
  else
    start_run (offline, ids);
}

CdOfflineState
cd_repository_get_offline_state (CdRepository *self,
                                 gint64        contact_id)
{
  CdRepositoryOffline *offline;
  gpointer value;

  g_return_val_if_fail (CD_IS_REPOSITORY (self), CD_OFFLINE_NONE);
  offline = get_offline (self);
  if (offline == NULL || !g_hash_table_lookup_extended (offline->states, &contact_id, NULL, &value))
    return CD_OFFLINE_NONE;
  return GPOINTER_TO_INT (value);
}

void
cd_repository_set_focus_contact (CdRepository *self,
                                 gint64        contact_id)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  if (get_offline (self) != NULL)
    get_offline (self)->focus_id = MAX (contact_id, 0);
}

/* ---- the Preferences list ------------------------------------------------------ */

typedef struct
{
  CdOfflineRow *row;
  char         *contact_json;
  gint64        size;
} ListItem;

static void
list_item_free (ListItem *item)
{
  cd_offline_row_free (item->row);
  g_free (item->contact_json);
  g_free (item);
}

static gpointer
list_func (CdCache   *cache,
           gpointer   data,
           GError   **error)
{
  g_autoptr(GPtrArray) rows = cd_cache_offline_list (cache, error);
  GPtrArray *items;

  if (rows == NULL)
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) list_item_free);
  for (guint i = 0; i < rows->len; i++)
    {
      ListItem *item = g_new0 (ListItem, 1);
      g_autoptr(CdCacheEntry) entry = NULL;

      item->row = g_steal_pointer (&g_ptr_array_index (rows, i));
      entry = cd_cache_get_contact (cache, item->row->contact_id, NULL);
      item->contact_json = entry ? g_steal_pointer (&entry->json) : NULL;
      item->size = MAX (0, cd_cache_offline_size (cache, item->row->contact_id, NULL));
      g_ptr_array_add (items, item);
    }
  g_ptr_array_set_free_func (rows, NULL);
  return items;
}

static char *
title_for (gint64      id,
           const char *json)
{
  g_autoptr(JsonNode) node = json ? cd_json_parse (json, -1, NULL) : NULL;
  g_autoptr(CdContact) contact = node ? cd_contact_new_from_json (node, NULL) : NULL;
  g_autofree char *text = NULL;

  if (contact != NULL)
    return cd_contact_dup_display_title (contact);
  text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  return g_strdup_printf (_("Contact #%s"), text);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *repo = g_task_get_source_object (task);
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;
  GListStore *store;

  items = cd_repository_cache_job_finish (result, &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  store = g_list_store_new (CD_TYPE_OFFLINE_CONTACT);
  for (guint i = 0; i < items->len; i++)
    {
      ListItem *item = g_ptr_array_index (items, i);
      CdOfflineState state = cd_repository_get_offline_state (repo, item->row->contact_id);
      g_autofree char *title = title_for (item->row->contact_id, item->contact_json);
      g_autoptr(CdOfflineContact) row = NULL;

      row = cd_offline_contact_new (item->row->contact_id, title, item->size, item->row->synced_at,
                                    state != CD_OFFLINE_NONE ? state : item->row->state,
                                    item->row->sessions_done);
      g_list_store_append (store, row);
    }
  g_task_return_pointer (task, store, g_object_unref);
}

void
cd_repository_list_offline_async (CdRepository        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_list_offline_async);
  cd_repository_run_cache_job (self, list_func, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                               listed_cb, task);
}

GListModel *
cd_repository_list_offline_finish (CdRepository  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- removal ---------------------------------------------------------------------- */

static gpointer
remove_func (CdCache   *cache,
             gpointer   data,
             GError   **error)
{
  return GINT_TO_POINTER (cd_cache_offline_remove (cache, *(gint64 *) data, error));
}

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  cd_repository_cache_job_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Whatever else was waiting in the set continues. */
  cd_repository_resume_offline (g_task_get_source_object (task));
  g_task_return_boolean (task, TRUE);
}

static void
queue_removal (GTask *task)
{
  CdRepository *repo = g_task_get_source_object (task);
  gint64 *id = g_task_get_task_data (task);

  cd_repository_run_cache_job (repo, remove_func, g_memdup2 (id, sizeof *id), g_free, NULL,
                               removed_cb, task);
}

static void
job_finished_for_removal (CdOfflineJob *job,
                          GTask        *task)
{
  g_signal_handlers_disconnect_by_func (job, job_finished_for_removal, task);
  queue_removal (task);
}

void
cd_repository_remove_offline_async (CdRepository        *self,
                                    gint64               contact_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CdRepositoryOffline *offline;
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  offline = get_offline (self);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_remove_offline_async);
  g_task_set_task_data (task, g_memdup2 (&contact_id, sizeof contact_id), g_free);
  cd_repository_offline_forget (self, MAX (contact_id, 0));
  /* The download of a removed contact stops first, so it writes nothing after. */
  if (offline->run != NULL &&
      (contact_id <= 0 || cd_offline_run_get_current (offline->run) == contact_id))
    {
      g_signal_connect (offline->job, "finished", G_CALLBACK (job_finished_for_removal), task);
      cd_offline_job_cancel (offline->job);
      return;
    }
  queue_removal (task);
}

gboolean
cd_repository_remove_offline_finish (CdRepository  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- campaigns: network first, the cached summary offline ---------------------------- */

static gpointer
get_campaign_func (CdCache   *cache,
                   gpointer   data,
                   GError   **error)
{
  return cd_cache_get_campaign (cache, *(gint64 *) data, error);
}

typedef struct
{
  gint64  id;
  char   *json;
  char   *etag;
} CampaignPut;

static void
campaign_put_free (CampaignPut *put)
{
  g_free (put->json);
  g_free (put->etag);
  g_free (put);
}

static gpointer
put_campaign_func (CdCache   *cache,
                   gpointer   data,
                   GError   **error)
{
  CampaignPut *put = data;

  return GINT_TO_POINTER (cd_cache_put_campaign (cache, put->id, put->json, put->etag,
                                                 g_get_real_time () / G_USEC_PER_SEC, error));
}

/* Parses a cached campaign; NULL (no error) when there is none or it is unreadable. */
static CdCampaign *
campaign_from_entry (CdCacheEntry *entry)
{
  g_autoptr(JsonNode) node = entry ? cd_json_parse (entry->json, -1, NULL) : NULL;

  return node ? cd_campaign_new_from_json (node, NULL) : NULL;
}

static void
cached_campaign_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CdCacheEntry) entry = cd_repository_cache_job_finish (result, NULL);
  CdCampaign *campaign = campaign_from_entry (entry);
  GError *network_error = g_object_steal_data (G_OBJECT (task), "network-error");

  if (campaign != NULL)
    {
      g_clear_error (&network_error);
      g_task_return_pointer (task, campaign, g_object_unref);
    }
  else if (network_error != NULL)
    g_task_return_error (task, network_error);
  else
    g_task_return_pointer (task, NULL, NULL);
}

static void
read_cached_campaign (CdRepository *repo,
                      gint64        id,
                      GTask        *task)
{
  cd_repository_run_cache_job (repo, get_campaign_func, g_memdup2 (&id, sizeof id), g_free,
                               (GDestroyNotify) cd_cache_entry_free, cached_campaign_cb, task);
}

static void
campaign_net_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *repo = g_task_get_source_object (task);
  gint64 id = *(gint64 *) g_task_get_task_data (task);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;
  CdCampaign *campaign = NULL;
  CampaignPut *put;

  response = cd_repository_finish_request (repo, source, result, &error);
  if (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NETWORK) ||
      g_error_matches (error, CD_API_ERROR, CD_API_ERROR_TIMEOUT))
    {
      g_object_set_data_full (G_OBJECT (task), "network-error", error, (GDestroyNotify) g_error_free);
      read_cached_campaign (repo, id, g_steal_pointer (&task));
      return;
    }
  if (response != NULL)
    campaign = cd_campaign_new_from_json (cd_api_response_get_data (response), &error);
  if (campaign == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  put = g_new0 (CampaignPut, 1);
  put->id = id;
  put->json = json_to_string (cd_api_response_get_data (response), FALSE);
  put->etag = g_strdup (cd_api_response_get_etag (response));
  cd_repository_run_cache_job (repo, put_campaign_func, put, (GDestroyNotify) campaign_put_free,
                               NULL, NULL, NULL);
  g_task_return_pointer (task, campaign, g_object_unref);
}

void
cd_repository_offline_get_campaign (CdRepository *self,
                                    gint64        campaign_id,
                                    GTask        *task)
{
  g_task_set_task_data (task, g_memdup2 (&campaign_id, sizeof campaign_id), g_free);
  cd_api_client_get_campaign_async (cd_repository_get_api_client (self), campaign_id, NULL,
                                    g_task_get_cancellable (task), campaign_net_cb, task);
}

void
cd_repository_get_cached_campaign_async (CdRepository        *self,
                                         gint64               campaign_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_get_cached_campaign_async);
  read_cached_campaign (self, campaign_id, task);
}

gpointer
cd_repository_get_cached_campaign_finish (CdRepository  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
