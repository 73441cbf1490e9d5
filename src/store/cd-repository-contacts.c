/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-repository"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-agent.h"
#include "cd-error.h"
#include "cd-json.h"
#include "cd-outbox-private.h"
#include "cd-phone-number.h"
#include "cd-repository-contacts.h"
#include "cd-repository-private.h"

/* What a contact task returns: the server's contact and the ETag it came with. */
typedef struct
{
  CdContact *contact;
  char      *etag;
} ContactResult;

static void
contact_result_free (ContactResult *result)
{
  g_clear_object (&result->contact);
  g_free (result->etag);
  g_free (result);
}

/* Task data of every contact task. */
typedef struct
{
  gint64     id;
  CdContact *erased;   /* GDPR erase: the server's redacted copy, kept across the purge */
} ContactTaskData;

static void
contact_task_data_free (ContactTaskData *data)
{
  g_clear_object (&data->erased);
  g_free (data);
}

static ContactTaskData *
task_data (GTask *task)
{
  return g_task_get_task_data (task);
}

static gint64
task_contact_id (GTask *task)
{
  return task_data (task)->id;
}

static GTask *
contact_task_new (CdRepository        *self,
                  gint64               contact_id,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ContactTaskData *data = g_new0 (ContactTaskData, 1);

  data->id = contact_id;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) contact_task_data_free);
  return task;
}

/* Finishes a client request, marking the repository online/offline. */
static CdApiResponse *
request_finish (GTask        *task,
                GObject      *client,
                GAsyncResult *res,
                GError      **error)
{
  return cd_repository_finish_request (g_task_get_source_object (task), client, res, error);
}

static CdContact *
parse_contact (CdApiResponse  *response,
               GError        **error)
{
  JsonNode *data = cd_api_response_get_data (response);

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_set_error_literal (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE,
                           _("The server sent no contact"));
      return NULL;
    }
  return cd_contact_new_from_json (data, error);
}

/* A queued edit returns the cached contact with the edit applied, without ETag. */
static void
return_queued_contact (GTask    *task,
                       JsonNode *value)
{
  GError *error = NULL;
  CdContact *contact = cd_contact_new_from_json (value, &error);
  ContactResult *result;

  if (contact == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = g_new0 (ContactResult, 1);
  result->contact = contact;
  g_task_return_pointer (task, result, (GDestroyNotify) contact_result_free);
}

/* Without a connection a remembered mutation goes to the outbox instead of failing. */
static gboolean
queue_if_offline (GTask        *task,
                  const GError *error)
{
  return cd_outbox_error_is_offline (error) &&
         cd_repository_outbox_queue (g_task_get_source_object (task), task, error,
                                     return_queued_contact);
}

/* Remembers what to queue; TRUE (task consumed) when it must queue right away. */
static gboolean
remember_or_queue (GTask       *task,
                   CdOutboxRow *row)
{
  CdRepository *self = g_task_get_source_object (task);

  cd_outbox_task_remember (task, row);
  if (!cd_repository_outbox_wants (self, task_contact_id (task)))
    return FALSE;
  cd_repository_outbox_queue (self, task, NULL, return_queued_contact);
  g_object_unref (task);
  return TRUE;
}

/* A reply carrying the whole contact: write it through and return it. */
static void
contact_reply_cb (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;
  ContactResult *result;
  CdContact *contact;

  response = request_finish (task, object, res, &error);
  if (queue_if_offline (task, error))
    {
      g_error_free (error);
      return;
    }
  contact = response != NULL ? parse_contact (response, &error) : NULL;
  /* Another contact's data must never replace this one's cached copy. */
  if (contact != NULL && cd_contact_get_id (contact) != task_contact_id (task))
    {
      g_clear_object (&contact);
      error = cd_api_error_new (CD_API_ERROR_BAD_RESPONSE, cd_api_response_get_http_status (response),
                                _("The server sent a different contact"), NULL,
                                cd_api_response_get_request_id (response));
    }
  if (contact == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = g_new0 (ContactResult, 1);
  result->contact = contact;
  result->etag = g_strdup (cd_api_response_get_etag (response));
  cd_repository_cache_contact_json (self, task_contact_id (task),
                                    cd_api_response_get_data (response), result->etag);
  g_task_return_pointer (task, result, (GDestroyNotify) contact_result_free);
}

/* Plain GET (no If-None-Match): we need the body and its ETag. */
static void
start_get (GTask *task)
{
  CdRepository *self = g_task_get_source_object (task);

  cd_api_client_get_contact_async (cd_repository_get_api_client (self), task_contact_id (task),
                                   NULL, g_task_get_cancellable (task), contact_reply_cb, task);
}

/* A reply that does not carry the contact (DNC entries): re-GET it. */
static void
then_reload_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;

  response = request_finish (task, object, res, &error);
  if (queue_if_offline (task, error))
    {
      g_error_free (error);
      return;
    }
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The server acted: a failing re-read must not queue the change again. */
  cd_outbox_task_forget (task);
  start_get (g_steal_pointer (&task));
}

static CdContact *
contact_finish (CdRepository  *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                char         **etag,
                GError       **error)
{
  ContactResult *value;
  CdContact *contact;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  value = g_task_propagate_pointer (G_TASK (result), error);
  if (value == NULL)
    return NULL;
  contact = g_steal_pointer (&value->contact);
  if (etag != NULL)
    *etag = g_steal_pointer (&value->etag);
  contact_result_free (value);
  return contact;
}

static void
purge_then_return_cb (GObject      *object,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  CdContact *erased = task_data (task)->erased;

  /* The server already acted: a failed purge is logged, not reported as failure. */
  if (!cd_repository_purge_contact_finish (CD_REPOSITORY (object), res, &error))
    g_warning ("Could not purge contact %" G_GINT64_FORMAT " from the cache: %s",
               task_contact_id (task), error->message);
  if (g_task_get_source_tag (task) == cd_repository_gdpr_erase_contact_async)
    g_task_return_pointer (task, erased != NULL ? g_object_ref (erased) : NULL, g_object_unref);
  else
    g_task_return_boolean (task, TRUE);
}

/* Purges the contact from the cache, then returns @erased (erase) or TRUE (hard delete). */
static void
purge_and_return (GTask     *task,
                  CdContact *erased)
{
  CdRepository *self = g_task_get_source_object (task);

  task_data (task)->erased = erased;
  cd_repository_outbox_drop_contact (self, task_contact_id (task));
  /* Not the task's cancellable: once the server erased, the purge must happen. */
  cd_repository_purge_contact_async (self, task_contact_id (task), NULL,
                                     purge_then_return_cb, task);
}

static void
erase_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;
  CdContact *contact = NULL;

  response = request_finish (task, object, res, &error);
  if (response != NULL)
    {
      g_autoptr(GError) parse_error = NULL;

      /* The erase happened even if the body is odd: purge regardless. */
      contact = parse_contact (response, &parse_error);
      if (contact == NULL)
        g_debug ("Erase of %" G_GINT64_FORMAT " answered without a contact",
                 task_contact_id (task));
      purge_and_return (task, contact);
      return;
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
hard_delete_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;

  response = request_finish (task, object, res, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  purge_and_return (task, NULL);
}

static void
export_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;
  GBytes *body;

  response = request_finish (task, object, res, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  body = cd_api_response_get_body (response);
  if (body == NULL || g_bytes_get_size (body) == 0)
    g_task_return_new_error (task, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE, "%s",
                             _("The server sent an empty export"));
  else
    g_task_return_pointer (task, g_bytes_ref (body), (GDestroyNotify) g_bytes_unref);
}

static void
start_call_cb (GObject      *object,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;
  JsonObject *data;
  gint64 session_id = 0;

  response = request_finish (task, object, res, &error);
  data = response != NULL ? cd_json_node_get_object (cd_api_response_get_data (response),
                                                     "data", &error) : NULL;
  if (data != NULL)
    cd_json_read_int (data, NULL, "voice_session_id", &session_id, NULL, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, MAX (session_id, 1));
}

/* Agents that cannot place a call (drafts) are not offered. */
static gpointer
parse_published_agents (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(GListModel) all = cd_agent_list_from_json (node, error);
  GListStore *published;

  if (all == NULL)
    return NULL;
  published = g_list_store_new (CD_TYPE_AGENT);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(CdAgent) agent = g_list_model_get_item (all, i);

      if (cd_agent_get_published (agent))
        g_list_store_append (published, agent);
    }
  return G_LIST_MODEL (published);
}

static gpointer
parse_phone_numbers (JsonNode  *node,
                     GError   **error)
{
  return cd_phone_number_list_from_json (node, error);
}

/* ---- public API -------------------------------------------------------- */

void
cd_repository_load_contact_async (CdRepository        *self,
                                  gint64               contact_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  start_get (contact_task_new (self, contact_id, cd_repository_load_contact_async,
                               cancellable, callback, user_data));
}

CdContact *
cd_repository_load_contact_finish (CdRepository  *self,
                                   GAsyncResult  *result,
                                   char         **etag,
                                   GError       **error)
{
  return contact_finish (self, result, cd_repository_load_contact_async, etag, error);
}

void
cd_repository_update_contact_async (CdRepository        *self,
                                    gint64               contact_id,
                                    JsonObject          *changes,
                                    const char          *if_match,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *id_text = NULL;
  const char *args[] = { NULL, NULL };
  CdOutboxRow *row;
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (changes != NULL);

  task = contact_task_new (self, contact_id, cd_repository_update_contact_async,
                           cancellable, callback, user_data);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, contact_id);
  args[0] = id_text;
  row = cd_outbox_row_new_request (CD_OUTBOX_CONTACT_UPDATE, contact_id, 0,
                                   CD_API_ENDPOINT_UPDATE_CONTACT, args, changes, if_match, NULL);
  if (remember_or_queue (task, row))
    return;
  cd_api_client_update_contact_async (cd_repository_get_api_client (self), contact_id, changes,
                                      if_match, row->idempotency_key, cancellable,
                                      contact_reply_cb, task);
}

CdContact *
cd_repository_update_contact_finish (CdRepository  *self,
                                     GAsyncResult  *result,
                                     char         **etag,
                                     GError       **error)
{
  return contact_finish (self, result, cd_repository_update_contact_async, etag, error);
}

void
cd_repository_archive_contact_async (CdRepository        *self,
                                     gint64               contact_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = contact_task_new (self, contact_id, cd_repository_archive_contact_async,
                           cancellable, callback, user_data);
  cd_api_client_archive_contact_async (cd_repository_get_api_client (self), contact_id, NULL,
                                       cancellable, contact_reply_cb, task);
}

CdContact *
cd_repository_archive_contact_finish (CdRepository  *self,
                                      GAsyncResult  *result,
                                      char         **etag,
                                      GError       **error)
{
  return contact_finish (self, result, cd_repository_archive_contact_async, etag, error);
}

void
cd_repository_unarchive_contact_async (CdRepository        *self,
                                       gint64               contact_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = contact_task_new (self, contact_id, cd_repository_unarchive_contact_async,
                           cancellable, callback, user_data);
  cd_api_client_unarchive_contact_async (cd_repository_get_api_client (self), contact_id, NULL,
                                         cancellable, contact_reply_cb, task);
}

CdContact *
cd_repository_unarchive_contact_finish (CdRepository  *self,
                                        GAsyncResult  *result,
                                        char         **etag,
                                        GError       **error)
{
  return contact_finish (self, result, cd_repository_unarchive_contact_async, etag, error);
}

void
cd_repository_add_dnc_async (CdRepository        *self,
                             CdContact           *contact,
                             const char          *reason,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonObject) body = NULL;
  CdOutboxRow *row;
  GTask *task;
  const char *phone;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (CD_IS_CONTACT (contact));

  task = contact_task_new (self, cd_contact_get_id (contact), cd_repository_add_dnc_async,
                           cancellable, callback, user_data);
  phone = cd_contact_get_phone_e164 (contact);
  if (phone == NULL || *phone == '\0')
    {
      g_task_return_new_error (task, CD_API_ERROR, CD_API_ERROR_VALIDATION, "%s",
                               _("This contact has no phone number to put on the list"));
      g_object_unref (task);
      return;
    }
  body = json_object_new ();
  json_object_set_string_member (body, "phone_e164", phone);
  if (reason != NULL && *reason != '\0')
    json_object_set_string_member (body, "reason", reason);
  row = cd_outbox_row_new_request (CD_OUTBOX_DNC_ADD, cd_contact_get_id (contact), 0,
                                   CD_API_ENDPOINT_ADD_DNC_ENTRY, NULL, body, NULL, NULL);
  if (remember_or_queue (task, row))
    return;
  cd_api_client_add_dnc_entry_async (cd_repository_get_api_client (self), phone,
                                     reason != NULL && *reason != '\0' ? reason : NULL,
                                     row->idempotency_key, cancellable, then_reload_cb, task);
}

CdContact *
cd_repository_add_dnc_finish (CdRepository  *self,
                              GAsyncResult  *result,
                              char         **etag,
                              GError       **error)
{
  return contact_finish (self, result, cd_repository_add_dnc_async, etag, error);
}

void
cd_repository_remove_dnc_async (CdRepository        *self,
                                CdContact           *contact,
                                const char          *reason,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (CD_IS_CONTACT (contact));

  task = contact_task_new (self, cd_contact_get_id (contact), cd_repository_remove_dnc_async,
                           cancellable, callback, user_data);
  if (cd_contact_get_dnc_entry_id (contact) <= 0)
    {
      g_task_return_new_error (task, CD_API_ERROR, CD_API_ERROR_VALIDATION, "%s",
                               _("This contact is not on the Do-Not-Call list"));
      g_object_unref (task);
      return;
    }
  cd_api_client_remove_dnc_entry_async (cd_repository_get_api_client (self),
                                        cd_contact_get_dnc_entry_id (contact), reason, NULL,
                                        cancellable, then_reload_cb, task);
}

CdContact *
cd_repository_remove_dnc_finish (CdRepository  *self,
                                 GAsyncResult  *result,
                                 char         **etag,
                                 GError       **error)
{
  return contact_finish (self, result, cd_repository_remove_dnc_async, etag, error);
}

void
cd_repository_gdpr_erase_contact_async (CdRepository        *self,
                                        gint64               contact_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = contact_task_new (self, contact_id, cd_repository_gdpr_erase_contact_async,
                           cancellable, callback, user_data);
  cd_api_client_gdpr_erase_contact_async (cd_repository_get_api_client (self), contact_id, NULL,
                                          cancellable, erase_cb, task);
}

CdContact *
cd_repository_gdpr_erase_contact_finish (CdRepository  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cd_repository_hard_delete_contact_async (CdRepository        *self,
                                         gint64               contact_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = contact_task_new (self, contact_id, cd_repository_hard_delete_contact_async,
                           cancellable, callback, user_data);
  cd_api_client_hard_delete_contact_async (cd_repository_get_api_client (self), contact_id, NULL,
                                           cancellable, hard_delete_cb, task);
}

gboolean
cd_repository_hard_delete_contact_finish (CdRepository  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cd_repository_export_contact_data_async (CdRepository        *self,
                                         gint64               contact_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = contact_task_new (self, contact_id, cd_repository_export_contact_data_async,
                           cancellable, callback, user_data);
  cd_api_client_export_contact_data_async (cd_repository_get_api_client (self), contact_id,
                                           cancellable, export_cb, task);
}

GBytes *
cd_repository_export_contact_data_finish (CdRepository  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cd_repository_start_call_async (CdRepository        *self,
                                gint64               contact_id,
                                gint64               phone_number_id,
                                gint64               agent_id,
                                JsonObject          *variable_mappings,
                                JsonObject          *runtime_vars,
                                const char          *idempotency_key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = contact_task_new (self, contact_id, cd_repository_start_call_async,
                           cancellable, callback, user_data);
  cd_api_client_start_call_async (cd_repository_get_api_client (self), contact_id,
                                  phone_number_id, agent_id, variable_mappings, runtime_vars,
                                  idempotency_key, cancellable, start_call_cb, task);
}

gint64
cd_repository_start_call_finish (CdRepository  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  return g_task_propagate_int (G_TASK (result), error);
}

void
cd_repository_list_phone_numbers_async (CdRepository        *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = cd_repository_parsed_task_new (self, cd_repository_list_phone_numbers_async,
                                        parse_phone_numbers, cancellable, callback, user_data);
  cd_api_client_list_phone_numbers_async (cd_repository_get_api_client (self), "active",
                                          cancellable, cd_repository_parsed_response_cb, task);
}

GListModel *
cd_repository_list_phone_numbers_finish (CdRepository  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cd_repository_list_call_agents_async (CdRepository        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  task = cd_repository_parsed_task_new (self, cd_repository_list_call_agents_async,
                                        parse_published_agents, cancellable, callback, user_data);
  cd_api_client_list_agents_async (cd_repository_get_api_client (self), "active",
                                   cancellable, cd_repository_parsed_response_cb, task);
}

GListModel *
cd_repository_list_call_agents_finish (CdRepository  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
