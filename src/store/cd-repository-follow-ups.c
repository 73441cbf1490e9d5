/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-repository"

#include "cd-agent.h"
#include "cd-error.h"
#include "cd-outbox-private.h"
#include "cd-repository-follow-ups.h"
#include "cd-repository-private.h"

/* One follow-up mutation: the server's answer, kept while the list is re-read. */
typedef struct
{
  gint64      contact_id;
  CdFollowUp *follow_up;
} MutationData;

static void
mutation_data_free (gpointer data)
{
  MutationData *md = data;

  g_clear_object (&md->follow_up);
  g_free (md);
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

JsonObject *
cd_follow_up_params_to_json (const CdFollowUpParams *params)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (params != NULL, object);

  if (params->type != CD_FOLLOW_UP_TYPE_UNKNOWN)
    json_object_set_string_member (object, "type", cd_follow_up_type_to_string (params->type));
  if (params->scheduled_at != NULL)
    {
      g_autofree char *when = format_time (params->scheduled_at);

      json_object_set_string_member (object, "scheduled_at", when);
    }
  if (params->agent_id > 0)
    json_object_set_int_member (object, "agent_id", params->agent_id);
  if (params->priority != CD_FOLLOW_UP_PRIORITY_UNKNOWN)
    json_object_set_string_member (object, "priority",
                                   cd_follow_up_priority_to_string (params->priority));
  if (params->max_attempts > 0)
    json_object_set_int_member (object, "max_attempts", params->max_attempts);
  json_object_set_boolean_member (object, "allow_out_of_window", params->allow_out_of_window);
  if (params->notes != NULL && *params->notes != '\0')
    json_object_set_string_member (object, "notes", params->notes);
  return object;
}

static void
list_reread_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  MutationData *md = g_task_get_task_data (task);
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = cd_api_client_request_finish (CD_API_CLIENT (object), result, &error);
  if (response != NULL && cd_api_response_get_data (response) != NULL)
    {
      g_autoptr(GListModel) check = cd_follow_up_list_from_json (cd_api_response_get_data (response),
                                                                 NULL);

      /* Only a list we can read back goes into the cache. */
      if (check != NULL)
        cd_repository_cache_doc_json (self, CD_CACHE_DOC_FOLLOW_UPS, md->contact_id,
                                      cd_api_response_get_data (response), NULL);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Follow-ups of contact %" G_GINT64_FORMAT " not re-read after a change: %s",
             md->contact_id, error->message);

  g_task_return_pointer (task, g_object_ref (md->follow_up), g_object_unref);
}

/* A queued change returns the cached follow-up with the change applied. */
static void
return_queued_follow_up (GTask    *task,
                         JsonNode *value)
{
  GError *error = NULL;
  CdFollowUp *follow_up = cd_follow_up_new_from_json (value, &error);

  if (follow_up == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, follow_up, g_object_unref);
}

static void
mutation_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  MutationData *md = g_task_get_task_data (task);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;

  response = cd_repository_finish_request (self, object, result, &error);
  if (cd_outbox_error_is_offline (error) &&
      cd_repository_outbox_queue (self, task, error, return_queued_follow_up))
    {
      g_error_free (error);
      g_object_unref (task);
      return;
    }
  if (response != NULL)
    md->follow_up = cd_follow_up_new_from_json (cd_api_response_get_data (response), &error);
  if (md->follow_up == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (md->contact_id <= 0)
    md->contact_id = cd_follow_up_get_contact_id (md->follow_up);
  cd_api_client_list_follow_ups_async (cd_repository_get_api_client (self), md->contact_id, NULL,
                                       g_task_get_cancellable (task), list_reread_cb, task);
}

/*
 * Sends one follow-up mutation, or queues it when offline or behind earlier
 * queued edits of the contact.  Consumes @task.
 */
static void
start_mutation (GTask         *task,
                CdOutboxKind   kind,
                CdApiEndpoint  endpoint,
                gint64         id,
                JsonObject    *body,
                const char    *idempotency_key)
{
  CdRepository *self = g_task_get_source_object (task);
  MutationData *md = g_task_get_task_data (task);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *args[] = { id_text, NULL };
  CdOutboxRow *row = cd_outbox_row_new_request (kind, md->contact_id,
                                                kind == CD_OUTBOX_FOLLOW_UP_UPDATE ? id : 0,
                                                endpoint, args, body, NULL, idempotency_key);

  cd_outbox_task_remember (task, row);
  if (cd_repository_outbox_wants (self, md->contact_id))
    {
      cd_repository_outbox_queue (self, task, NULL, return_queued_follow_up);
      g_object_unref (task);
      return;
    }
  cd_api_client_send_async (cd_repository_get_api_client (self), row->method, row->path, body,
                            NULL, row->idempotency_key, g_task_get_cancellable (task),
                            mutation_cb, task);
}

static GTask *
mutation_task_new (CdRepository        *self,
                   gint64               contact_id,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  MutationData *md = g_new0 (MutationData, 1);

  md->contact_id = contact_id;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, md, mutation_data_free);
  return task;
}

void
cd_repository_schedule_follow_up_async (CdRepository           *self,
                                        gint64                  contact_id,
                                        const CdFollowUpParams *params,
                                        const char             *idempotency_key,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  g_autoptr(JsonObject) fields = NULL;
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (params != NULL);

  task = mutation_task_new (self, contact_id, cd_repository_schedule_follow_up_async,
                            cancellable, callback, user_data);
  fields = cd_follow_up_params_to_json (params);
  start_mutation (task, CD_OUTBOX_FOLLOW_UP_SCHEDULE, CD_API_ENDPOINT_CREATE_FOLLOW_UP, contact_id,
                  fields, idempotency_key);
}

CdFollowUp *
cd_repository_schedule_follow_up_finish (CdRepository  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
update_follow_up (CdRepository        *self,
                  gint64               contact_id,
                  gint64               follow_up_id,
                  const char          *status,
                  GDateTime           *scheduled_at,
                  const char          *idempotency_key,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  GTask *task;

  task = mutation_task_new (self, contact_id, update_follow_up, cancellable, callback, user_data);
  if (status != NULL)
    json_object_set_string_member (changes, "status", status);
  if (scheduled_at != NULL)
    {
      g_autofree char *when = format_time (scheduled_at);

      json_object_set_string_member (changes, "scheduled_at", when);
    }
  start_mutation (task, CD_OUTBOX_FOLLOW_UP_UPDATE, CD_API_ENDPOINT_UPDATE_FOLLOW_UP, follow_up_id,
                  changes, idempotency_key);
}

void
cd_repository_cancel_follow_up_async (CdRepository        *self,
                                      gint64               contact_id,
                                      gint64               follow_up_id,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  update_follow_up (self, contact_id, follow_up_id, "cancelled", NULL, idempotency_key,
                    cancellable, callback, user_data);
}

void
cd_repository_reschedule_follow_up_async (CdRepository        *self,
                                          gint64               contact_id,
                                          gint64               follow_up_id,
                                          GDateTime           *scheduled_at,
                                          const char          *idempotency_key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (scheduled_at != NULL);
  update_follow_up (self, contact_id, follow_up_id, NULL, scheduled_at, idempotency_key,
                    cancellable, callback, user_data);
}

void
cd_repository_snooze_follow_up_async (CdRepository        *self,
                                      gint64               contact_id,
                                      gint64               follow_up_id,
                                      GDateTime           *scheduled_at,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (scheduled_at != NULL);
  update_follow_up (self, contact_id, follow_up_id, "snoozed", scheduled_at, idempotency_key,
                    cancellable, callback, user_data);
}

CdFollowUp *
cd_repository_update_follow_up_finish (CdRepository  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cd_repository_list_agents_async (CdRepository        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  task = cd_repository_parsed_task_new (self, cd_repository_list_agents_async,
                                        (CdResponseParser) cd_agent_list_from_json,
                                        cancellable, callback, user_data);
  cd_api_client_list_agents_async (cd_repository_get_api_client (self), "active", cancellable,
                                   cd_repository_parsed_response_cb, task);
}

GListModel *
cd_repository_list_agents_finish (CdRepository  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
