/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include "cd-contact.h"
#include "cd-error.h"
#include "cd-offline-private.h"
#include "cd-repository-outbox.h"
#include "cd-repository-private.h"

/*
 * Sync after reconnect: replay the outbox, then revalidate the focus contact
 * and each contact of the offline set with the ETags of the cached copies
 * (contact, the card's first call-log page, follow-ups, memory).  A 304
 * transfers nothing; a 200 replaces the cached copy; a contact that comes back
 * erased or 404 is purged with a notice.  A connection failure stops the sync
 * (the next reconnect starts over); unfinished downloads resume at the end.
 */

typedef enum
{
  SYNC_CONTACT,
  SYNC_CARD,
  SYNC_FOLLOW_UPS,
  SYNC_MEMORY,
  SYNC_FINISH,
} SyncStep;

typedef struct
{
  char     *contact;
  char     *card;
  char     *follow_ups;
  char     *memory;
  gboolean  has_contact;
} Etags;

typedef struct
{
  GArray   *ids;
  guint     index;
  SyncStep  step;
  Etags    *etags;
  guint     not_modified;
  guint     purged;
} SyncData;

static void sync_next_contact (GTask *task);
static void sync_step (GTask *task);

static void
etags_free (Etags *etags)
{
  if (etags == NULL)
    return;
  g_free (etags->contact);
  g_free (etags->card);
  g_free (etags->follow_ups);
  g_free (etags->memory);
  g_free (etags);
}

static void
sync_data_free (SyncData *data)
{
  g_clear_pointer (&data->ids, g_array_unref);
  etags_free (data->etags);
  g_free (data);
}

static gint64
current_id (SyncData *data)
{
  return g_array_index (data->ids, gint64, data->index);
}

static void
sync_return (GTask  *task,
             GError *error)
{
  CdRepository *repo = g_task_get_source_object (task);

  cd_repository_offline_end_sync (repo, error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    {
      cd_repository_resume_offline (repo);
      g_task_return_boolean (task, TRUE);
    }
  g_object_unref (task);
}

static gboolean
is_connection_error (const GError *error)
{
  return g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NETWORK) ||
         g_error_matches (error, CD_API_ERROR, CD_API_ERROR_TIMEOUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- one contact ------------------------------------------------------------ */

static void
contact_gone (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);

  cd_repository_offline_purge_gone (g_task_get_source_object (task), current_id (data));
  data->purged++;
  data->index++;
  sync_next_contact (task);
}

static gpointer
restart_func (CdCache   *cache,
              gpointer   data,
              GError   **error)
{
  return GINT_TO_POINTER (cd_cache_offline_restart (cache, *(gint64 *) data, error));
}

/* New calls shift every offset-based page: a kept contact downloads its pages
 * again (details already stored are skipped) in the resume after the sync. */
static void
restart_if_kept (CdRepository *repo,
                 gint64        id)
{
  if (cd_repository_get_offline_state (repo, id) != CD_OFFLINE_DONE)
    return;
  cd_repository_run_cache_job (repo, restart_func, g_memdup2 (&id, sizeof id), g_free, NULL,
                               NULL, NULL);
  cd_repository_offline_set_state (repo, id, CD_OFFLINE_PENDING);
}

/* Stores a 200; FALSE when the contact came back erased. */
static gboolean
store_fresh (GTask         *task,
             CdApiResponse *response)
{
  CdRepository *repo = g_task_get_source_object (task);
  SyncData *data = g_task_get_task_data (task);
  JsonNode *node = cd_api_response_get_data (response);
  const char *etag = cd_api_response_get_etag (response);
  gint64 id = current_id (data);
  g_autoptr(CdContact) contact = NULL;

  if (node == NULL)
    return TRUE;
  if (data->step == SYNC_CONTACT)
    {
      contact = cd_contact_new_from_json (node, NULL);
      if (contact != NULL && cd_contact_is_erased (contact))
        return FALSE;
      if (contact != NULL)
        cd_repository_cache_contact_json (repo, id, node, etag);
    }
  else if (data->step == SYNC_CARD)
    {
      cd_repository_cache_doc_json (repo, CD_CACHE_DOC_CALL_LOGS, id, node, etag);
      restart_if_kept (repo, id);
    }
  else if (data->step == SYNC_FOLLOW_UPS)
    cd_repository_cache_doc_json (repo, CD_CACHE_DOC_FOLLOW_UPS, id, node, etag);
  else if (data->step == SYNC_MEMORY)
    cd_repository_cache_doc_json (repo, CD_CACHE_DOC_MEMORY, id, node, etag);
  return TRUE;
}

static void
sync_response_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  SyncData *data = g_task_get_task_data (task);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;

  response = cd_repository_finish_request (g_task_get_source_object (task), source, result, &error);
  if (is_connection_error (error))
    {
      sync_return (task, error);
      return;
    }
  if ((g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NOT_FOUND) && data->step == SYNC_CONTACT) ||
      (response != NULL && !cd_api_response_get_not_modified (response) &&
       !store_fresh (task, response)))
    {
      g_clear_error (&error);
      contact_gone (task);
      return;
    }
  if (error != NULL)
    g_debug ("Sync of %" G_GINT64_FORMAT " step %d failed (%d)", current_id (data), data->step,
             error->code);
  else if (cd_api_response_get_not_modified (response))
    data->not_modified++;
  /* Another failure of the contact itself skips its cards (nothing to compare). */
  data->step = error != NULL && data->step == SYNC_CONTACT ? SYNC_FINISH : data->step + 1;
  g_clear_error (&error);
  sync_step (task);
}

static gpointer
synced_func (CdCache   *cache,
             gpointer   data,
             GError   **error)
{
  return GINT_TO_POINTER (cd_cache_offline_set_synced (cache, *(gint64 *) data,
                                                       g_get_real_time () / G_USEC_PER_SEC,
                                                       error));
}

static void
sync_step (GTask *task)
{
  CdRepository *repo = g_task_get_source_object (task);
  CdApiClient *client = cd_repository_get_api_client (repo);
  GCancellable *cancellable = g_task_get_cancellable (task);
  SyncData *data = g_task_get_task_data (task);
  gint64 id = current_id (data);
  CdSessionQuery card = { 0, };

  switch (data->step)
    {
    case SYNC_CONTACT:
      cd_api_client_get_contact_async (client, id, data->etags->contact, cancellable,
                                       sync_response_cb, task);
      break;
    case SYNC_CARD:
      card.contact_id = id;
      card.sort = "started_at";
      card.order = "desc";
      card.page_size = CD_OFFLINE_CARD_PAGE_SIZE;
      card.if_none_match = data->etags->card;
      cd_api_client_list_voice_sessions_async (client, &card, cancellable, sync_response_cb, task);
      break;
    case SYNC_FOLLOW_UPS:
      cd_api_client_list_follow_ups_if_none_match_async (client, id, data->etags->follow_ups,
                                                         cancellable, sync_response_cb, task);
      break;
    case SYNC_MEMORY:
      cd_api_client_get_memory_async (client, id, data->etags->memory, cancellable,
                                      sync_response_cb, task);
      break;
    case SYNC_FINISH:
    default:
      if (cd_repository_get_offline_state (repo, id) != CD_OFFLINE_NONE)
        cd_repository_run_cache_job (repo, synced_func, g_memdup2 (&id, sizeof id), g_free, NULL,
                                     NULL, NULL);
      data->index++;
      sync_next_contact (task);
      break;
    }
}

static gpointer
etags_func (CdCache   *cache,
            gpointer   data,
            GError   **error)
{
  gint64 id = *(gint64 *) data;
  Etags *etags = g_new0 (Etags, 1);
  g_autoptr(CdCacheEntry) contact = cd_cache_get_contact (cache, id, NULL);
  g_autoptr(CdCacheEntry) card = cd_cache_get_doc (cache, CD_CACHE_DOC_CALL_LOGS, id, NULL);
  g_autoptr(CdCacheEntry) follow_ups = cd_cache_get_doc (cache, CD_CACHE_DOC_FOLLOW_UPS, id, NULL);
  g_autoptr(CdCacheEntry) memory = cd_cache_get_doc (cache, CD_CACHE_DOC_MEMORY, id, NULL);

  etags->has_contact = contact != NULL;
  etags->contact = contact ? g_steal_pointer (&contact->etag) : NULL;
  etags->card = card ? g_steal_pointer (&card->etag) : NULL;
  etags->follow_ups = follow_ups ? g_steal_pointer (&follow_ups->etag) : NULL;
  etags->memory = memory ? g_steal_pointer (&memory->etag) : NULL;
  return etags;
}

static void
etags_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  SyncData *data = g_task_get_task_data (task);

  etags_free (data->etags);
  data->etags = cd_repository_cache_job_finish (result, NULL);
  if (g_task_get_cancellable (task) != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      sync_return (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
      return;
    }
  /* Nothing cached for it: nothing to revalidate. */
  if (data->etags == NULL || !data->etags->has_contact)
    {
      data->index++;
      sync_next_contact (task);
      return;
    }
  data->step = SYNC_CONTACT;
  sync_step (task);
}

static void
sync_next_contact (GTask *task)
{
  SyncData *data = g_task_get_task_data (task);
  gint64 id;

  if (data->index >= data->ids->len)
    {
      sync_return (task, NULL);
      return;
    }
  id = current_id (data);
  cd_repository_run_cache_job (g_task_get_source_object (task), etags_func,
                               g_memdup2 (&id, sizeof id), g_free, (GDestroyNotify) etags_free,
                               etags_cb, task);
}

/* ---- the outbox first --------------------------------------------------------- */

static void
replayed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  SyncData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!cd_repository_replay_outbox_finish (CD_REPOSITORY (source), result, NULL, NULL, &error) &&
      is_connection_error (error))
    {
      sync_return (task, error);
      return;
    }
  g_clear_error (&error);
  data->ids = cd_repository_offline_sync_ids (CD_REPOSITORY (source));
  sync_next_contact (task);
}

void
cd_repository_sync_async (CdRepository        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_sync_async);
  g_task_set_task_data (task, g_new0 (SyncData, 1), (GDestroyNotify) sync_data_free);
  if (!cd_repository_offline_begin_sync (self, task))
    {
      /* Joined the running sync; its counts are not this task's. */
      g_object_unref (task);
      return;
    }
  cd_repository_replay_outbox_async (self, cancellable, replayed_cb, task);
}

gboolean
cd_repository_sync_finish (CdRepository  *self,
                           GAsyncResult  *result,
                           guint         *not_modified,
                           guint         *purged,
                           GError       **error)
{
  SyncData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  data = g_task_get_task_data (G_TASK (result));
  if (not_modified != NULL)
    *not_modified = data->not_modified;
  if (purged != NULL)
    *purged = data->purged;
  return g_task_propagate_boolean (G_TASK (result), error);
}
