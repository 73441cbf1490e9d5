/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cd-follow-up.h"
#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * Repository operations for the follow-ups card.  Schedule, cancel,
 * reschedule and snooze queue in the outbox when offline (see
 * cd-repository-outbox.h) and carry @idempotency_key: the caller
 * chooses it (g_uuid_string_random ()) and reuses it for a retry or a double
 * submit, so the server applies the effect once; NULL lets the client pick one.
 *
 * On success each mutation re-reads the contact's follow-ups list and writes
 * it through to the cache before finishing, so the next
 * cd_repository_open_follow_ups() shows the change even offline.  A failing
 * re-read does not fail the mutation (the next open revalidates anyway).
 *
 * The _finish functions return the follow-up as the server answered (a new
 * reference), or NULL with a CD_API_ERROR (VALIDATION carries field errors:
 * "scheduled_at", "max_attempts", "agent_id", …) or G_IO_ERROR_CANCELLED.
 */

/* What the Schedule dialog sends; strings may be NULL (not sent). */
typedef struct
{
  CdFollowUpType     type;           /* UNKNOWN = server default (call) */
  GDateTime         *scheduled_at;   /* required; sent as RFC 3339 UTC */
  gint64             agent_id;       /* 0 = inherit from source */
  CdFollowUpPriority priority;       /* UNKNOWN = server default (normal) */
  guint              max_attempts;   /* 0 = server default (3) */
  gboolean           allow_out_of_window;
  const char        *notes;
} CdFollowUpParams;

/* The JSON body POST /contacts/{id}/follow_ups gets for @params. */
JsonObject *cd_follow_up_params_to_json (const CdFollowUpParams *params);

/* POST /contacts/{id}/follow_ups */
void        cd_repository_schedule_follow_up_async   (CdRepository           *self,
                                                      gint64                  contact_id,
                                                      const CdFollowUpParams *params,
                                                      const char             *idempotency_key,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
CdFollowUp *cd_repository_schedule_follow_up_finish  (CdRepository  *self,
                                                      GAsyncResult  *result,
                                                      GError       **error);

/* PATCH /follow_ups/{id} {status:"cancelled"} */
void        cd_repository_cancel_follow_up_async     (CdRepository        *self,
                                                      gint64               contact_id,
                                                      gint64               follow_up_id,
                                                      const char          *idempotency_key,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* PATCH /follow_ups/{id} {scheduled_at} */
void        cd_repository_reschedule_follow_up_async (CdRepository        *self,
                                                      gint64               contact_id,
                                                      gint64               follow_up_id,
                                                      GDateTime           *scheduled_at,
                                                      const char          *idempotency_key,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* PATCH /follow_ups/{id} {status:"snoozed", scheduled_at} */
void        cd_repository_snooze_follow_up_async     (CdRepository        *self,
                                                      gint64               contact_id,
                                                      gint64               follow_up_id,
                                                      GDateTime           *scheduled_at,
                                                      const char          *idempotency_key,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* Finishes cancel, reschedule and snooze. */
CdFollowUp *cd_repository_update_follow_up_finish    (CdRepository  *self,
                                                      GAsyncResult  *result,
                                                      GError       **error);

/* GET /agents?status=active → GListModel of CdAgent (network only). */
void        cd_repository_list_agents_async          (CdRepository        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GListModel *cd_repository_list_agents_finish         (CdRepository  *self,
                                                      GAsyncResult  *result,
                                                      GError       **error);

G_END_DECLS
