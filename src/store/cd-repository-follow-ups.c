/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-repository"

#include "cd-agent.h"
#include "cd-error.h"
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
  cd_api_client_create_follow_up_async (cd_repository_get_api_client (self), contact_id, fields,
                                        idempotency_key, cancellable, mutation_cb, task);
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
  cd_api_client_update_follow_up_async (cd_repository_get_api_client (self), follow_up_id, changes,
                                        idempotency_key, cancellable, mutation_cb, task);
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
