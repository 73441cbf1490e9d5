/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-error.h"
#include "cd-outbox-private.h"
#include "cd-repository-memory.h"
#include "cd-repository-private.h"

/* What a memory task returns: the server's memory and the ETag it came with. */
typedef struct
{
  CdMemory *memory;
  char     *etag;
} MemoryResult;

static void
memory_result_free (MemoryResult *result)
{
  g_clear_object (&result->memory);
  g_free (result->etag);
  g_free (result);
}

static gint64
task_contact_id (GTask *task)
{
  return *(gint64 *) g_task_get_task_data (task);
}

static GTask *
memory_task_new (CdRepository        *self,
                 gint64               contact_id,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  gint64 *id = g_new (gint64, 1);

  *id = contact_id;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, id, g_free);
  return task;
}

/*
 * Parses @response's data as the whole memory; on success writes it through
 * to the cache and returns the task's result.  NULL (and @error set) when the
 * data is not a memory object.
 */
static MemoryResult *
adopt_response (GTask          *task,
                CdApiResponse  *response,
                GError        **error)
{
  CdRepository *self = g_task_get_source_object (task);
  JsonNode *data = cd_api_response_get_data (response);
  MemoryResult *result;
  CdMemory *memory;

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_set_error_literal (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE,
                           _("The server sent no memory"));
      return NULL;
    }
  memory = cd_memory_new_from_json (data, error);
  if (memory == NULL)
    return NULL;
  result = g_new0 (MemoryResult, 1);
  result->memory = memory;
  result->etag = g_strdup (cd_api_response_get_etag (response));
  cd_repository_cache_doc_json (self, CD_CACHE_DOC_MEMORY, task_contact_id (task), data,
                                result->etag);
  return result;
}

static void
load_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;
  MemoryResult *result;

  response = cd_repository_finish_request (self, object, res, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = adopt_response (task, response, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) memory_result_free);
}

/* Plain GET (no If-None-Match): we need the body and its ETag. */
static void
start_get (GTask *task)
{
  CdRepository *self = g_task_get_source_object (task);

  cd_api_client_get_memory_async (cd_repository_get_api_client (self), task_contact_id (task),
                                  NULL, g_task_get_cancellable (task), load_cb, task);
}

/* A queued edit returns the cached memory with the edit applied, without ETag. */
static void
return_queued_memory (GTask    *task,
                      JsonNode *value)
{
  GError *error = NULL;
  CdMemory *memory = cd_memory_new_from_json (value, &error);
  MemoryResult *result;

  if (memory == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = g_new0 (MemoryResult, 1);
  result->memory = memory;
  g_task_return_pointer (task, result, (GDestroyNotify) memory_result_free);
}

/* A mutation's answer: the whole memory when the server sends it, else re-GET. */
static void
edit_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) parse_error = NULL;
  GError *error = NULL;
  MemoryResult *result;

  response = cd_repository_finish_request (self, object, res, &error);
  if (cd_outbox_error_is_offline (error) &&
      cd_repository_outbox_queue (self, task, error, return_queued_memory))
    {
      g_error_free (error);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The server acted: a failing re-read must not queue the change again. */
  cd_outbox_task_forget (task);
  result = adopt_response (task, response, &parse_error);
  if (result != NULL)
    {
      g_task_return_pointer (task, result, (GDestroyNotify) memory_result_free);
      return;
    }
  g_debug ("Memory edit of %" G_GINT64_FORMAT " answered without the memory; reloading",
           task_contact_id (task));
  start_get (g_steal_pointer (&task));
}

/*
 * Sends one memory edit (@body may be NULL), or queues it when offline or
 * behind earlier queued edits of the contact.  Consumes @task.
 */
static void
start_edit (GTask         *task,
            CdOutboxKind   kind,
            CdApiEndpoint  endpoint,
            const char    *key,
            JsonObject    *body,
            const char    *if_match)
{
  CdRepository *self = g_task_get_source_object (task);
  gint64 contact_id = task_contact_id (task);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, contact_id);
  const char *args[] = { id_text, key, NULL };
  CdOutboxRow *row = cd_outbox_row_new_request (kind, contact_id, 0, endpoint, args, body,
                                                if_match, NULL);

  cd_outbox_task_remember (task, row);
  if (cd_repository_outbox_wants (self, contact_id))
    {
      cd_repository_outbox_queue (self, task, NULL, return_queued_memory);
      g_object_unref (task);
      return;
    }
  cd_api_client_send_async (cd_repository_get_api_client (self), row->method, row->path, body,
                            row->if_match, row->idempotency_key, g_task_get_cancellable (task),
                            edit_cb, task);
}

static CdMemory *
memory_finish (CdRepository  *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               char         **etag,
               GError       **error)
{
  MemoryResult *value;
  CdMemory *memory;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  value = g_task_propagate_pointer (G_TASK (result), error);
  if (value == NULL)
    return NULL;
  memory = g_steal_pointer (&value->memory);
  if (etag != NULL)
    *etag = g_steal_pointer (&value->etag);
  memory_result_free (value);
  return memory;
}

void
cd_repository_load_memory_async (CdRepository        *self,
                                 gint64               contact_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  start_get (memory_task_new (self, contact_id, cd_repository_load_memory_async,
                              cancellable, callback, user_data));
}

CdMemory *
cd_repository_load_memory_finish (CdRepository  *self,
                                  GAsyncResult  *result,
                                  char         **etag,
                                  GError       **error)
{
  return memory_finish (self, result, cd_repository_load_memory_async, etag, error);
}

void
cd_repository_save_memory_summary_async (CdRepository        *self,
                                         gint64               contact_id,
                                         const char          *summary,
                                         const char          *if_match,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = memory_task_new (self, contact_id, cd_repository_save_memory_summary_async,
                          cancellable, callback, user_data);
  if (summary != NULL && *summary != '\0')
    json_object_set_string_member (body, "summary", summary);
  else
    json_object_set_null_member (body, "summary");
  start_edit (task, CD_OUTBOX_MEMORY_SUMMARY, CD_API_ENDPOINT_PUT_MEMORY_SUMMARY, NULL, body,
              if_match);
}

CdMemory *
cd_repository_save_memory_summary_finish (CdRepository  *self,
                                          GAsyncResult  *result,
                                          char         **etag,
                                          GError       **error)
{
  return memory_finish (self, result, cd_repository_save_memory_summary_async, etag, error);
}

static JsonArray *
open_items_to_json (guint               n_items,
                    const char * const *titles,
                    const char * const *due_dates)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n_items; i++)
    {
      JsonObject *item = json_object_new ();
      const char *due = due_dates != NULL ? due_dates[i] : NULL;

      json_object_set_string_member (item, "title", titles[i] ? titles[i] : "");
      if (due != NULL && *due != '\0')
        json_object_set_string_member (item, "due_date", due);
      else
        json_object_set_null_member (item, "due_date");
      json_array_add_object_element (array, item);
    }
  return array;
}

void
cd_repository_save_memory_open_items_async (CdRepository        *self,
                                            gint64               contact_id,
                                            guint                n_items,
                                            const char * const  *titles,
                                            const char * const  *due_dates,
                                            const char          *if_match,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (n_items == 0 || titles != NULL);

  json_object_set_array_member (body, "items", open_items_to_json (n_items, titles, due_dates));
  task = memory_task_new (self, contact_id, cd_repository_save_memory_open_items_async,
                          cancellable, callback, user_data);
  start_edit (task, CD_OUTBOX_MEMORY_OPEN_ITEMS, CD_API_ENDPOINT_PUT_MEMORY_OPEN_ITEMS, NULL, body,
              if_match);
}

CdMemory *
cd_repository_save_memory_open_items_finish (CdRepository  *self,
                                             GAsyncResult  *result,
                                             char         **etag,
                                             GError       **error)
{
  return memory_finish (self, result, cd_repository_save_memory_open_items_async, etag, error);
}

void
cd_repository_save_memory_fact_async (CdRepository        *self,
                                      gint64               contact_id,
                                      const char          *key,
                                      const char          *label,
                                      const char          *value,
                                      const char          *if_match,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (key != NULL && value != NULL);

  task = memory_task_new (self, contact_id, cd_repository_save_memory_fact_async,
                          cancellable, callback, user_data);
  if (label != NULL)
    json_object_set_string_member (body, "label", label);
  json_object_set_string_member (body, "value", value);
  start_edit (task, CD_OUTBOX_MEMORY_FACT, CD_API_ENDPOINT_PUT_MEMORY_FACT, key, body, if_match);
}

CdMemory *
cd_repository_save_memory_fact_finish (CdRepository  *self,
                                       GAsyncResult  *result,
                                       char         **etag,
                                       GError       **error)
{
  return memory_finish (self, result, cd_repository_save_memory_fact_async, etag, error);
}

void
cd_repository_reset_memory_fact_async (CdRepository        *self,
                                       gint64               contact_id,
                                       const char          *key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (key != NULL);

  task = memory_task_new (self, contact_id, cd_repository_reset_memory_fact_async,
                          cancellable, callback, user_data);
  start_edit (task, CD_OUTBOX_MEMORY_FACT_RESET, CD_API_ENDPOINT_RESET_MEMORY_FACT, key, NULL, NULL);
}

CdMemory *
cd_repository_reset_memory_fact_finish (CdRepository  *self,
                                        GAsyncResult  *result,
                                        char         **etag,
                                        GError       **error)
{
  return memory_finish (self, result, cd_repository_reset_memory_fact_async, etag, error);
}

static void
rebuild_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;

  response = cd_repository_finish_request (self, object, res, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
cd_repository_rebuild_memory_async (CdRepository        *self,
                                    gint64               contact_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = memory_task_new (self, contact_id, cd_repository_rebuild_memory_async,
                          cancellable, callback, user_data);
  cd_api_client_rebuild_memory_async (cd_repository_get_api_client (self), contact_id, 3,
                                      NULL, cancellable, rebuild_cb, task);
}

gboolean
cd_repository_rebuild_memory_finish (CdRepository  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
