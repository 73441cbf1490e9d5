/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cd-contact.h"
#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * Contact mutations (edit, DNC, lifecycle, export) and the catalog of the
 * Call dialog.  Every operation that yields a contact returns the server's
 * new copy (transfer full) with its ETag (nullable out, transfer full) and
 * writes it through to the offline cache.  Errors are CD_API_ERROR (request
 * id, field messages, error_code) or G_IO_ERROR_CANCELLED.
 *
 * cd_repository_open_contact() shows the cached copy but not the ETag an edit
 * must send: cd_repository_load_contact_async() GETs the contact
 * unconditionally and returns it with its ETag.
 */

void       cd_repository_load_contact_async    (CdRepository        *self,
                                                gint64               contact_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CdContact *cd_repository_load_contact_finish   (CdRepository  *self,
                                                GAsyncResult  *result,
                                                char         **etag,
                                                GError       **error);

/* PATCH with only the changed members; @if_match: the ETag of the edited copy. */
void       cd_repository_update_contact_async  (CdRepository        *self,
                                                gint64               contact_id,
                                                JsonObject          *changes,
                                                const char          *if_match,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CdContact *cd_repository_update_contact_finish (CdRepository  *self,
                                                GAsyncResult  *result,
                                                char         **etag,
                                                GError       **error);

void       cd_repository_archive_contact_async    (CdRepository        *self,
                                                   gint64               contact_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CdContact *cd_repository_archive_contact_finish   (CdRepository  *self,
                                                   GAsyncResult  *result,
                                                   char         **etag,
                                                   GError       **error);
void       cd_repository_unarchive_contact_async  (CdRepository        *self,
                                                   gint64               contact_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CdContact *cd_repository_unarchive_contact_finish (CdRepository  *self,
                                                   GAsyncResult  *result,
                                                   char         **etag,
                                                   GError       **error);

/* POST /dnc_entries with the contact's phone, then re-GET the contact.
 * @reason may be NULL. */
void       cd_repository_add_dnc_async       (CdRepository        *self,
                                              CdContact           *contact,
                                              const char          *reason,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CdContact *cd_repository_add_dnc_finish      (CdRepository  *self,
                                              GAsyncResult  *result,
                                              char         **etag,
                                              GError       **error);
/* DELETE the contact's DNC entry (reason required by policy), then re-GET. */
void       cd_repository_remove_dnc_async    (CdRepository        *self,
                                              CdContact           *contact,
                                              const char          *reason,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CdContact *cd_repository_remove_dnc_finish   (CdRepository  *self,
                                              GAsyncResult  *result,
                                              char         **etag,
                                              GError       **error);

/* GDPR erase: returns the redacted contact after purging every cached row of
 * it (and truncating the WAL), so no PII is left on disk. */
void       cd_repository_gdpr_erase_contact_async  (CdRepository        *self,
                                                    gint64               contact_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
CdContact *cd_repository_gdpr_erase_contact_finish (CdRepository  *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);
/* Hard delete (409 HAS_HISTORY when the contact has calls or campaigns);
 * purges the cache on success. */
void       cd_repository_hard_delete_contact_async  (CdRepository        *self,
                                                     gint64               contact_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean   cd_repository_hard_delete_contact_finish (CdRepository  *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);

/* The subject-access export as the server's raw JSON bytes. */
void       cd_repository_export_contact_data_async  (CdRepository        *self,
                                                     gint64               contact_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GBytes    *cd_repository_export_contact_data_finish (CdRepository  *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);

/*
 * POST /contacts/{id}/calls.  @idempotency_key comes from the caller and stays
 * the same for every attempt of one user intent (a double click or a retry
 * never places two calls).  Returns the new voice session id (> 0).
 */
void       cd_repository_start_call_async  (CdRepository        *self,
                                            gint64               contact_id,
                                            gint64               phone_number_id,
                                            gint64               agent_id,
                                            JsonObject          *variable_mappings,
                                            JsonObject          *runtime_vars,
                                            const char          *idempotency_key,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gint64     cd_repository_start_call_finish (CdRepository  *self,
                                            GAsyncResult  *result,
                                            GError       **error);

/* Active caller-id numbers: GListModel of CdPhoneNumber. */
void        cd_repository_list_phone_numbers_async  (CdRepository        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GListModel *cd_repository_list_phone_numbers_finish (CdRepository  *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);
/* Active, published agents with their variables (the Call dialog's choice):
 * GListModel of CdAgent.  (cd_repository_list_agents_async keeps unpublished ones.) */
void        cd_repository_list_call_agents_async         (CdRepository        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GListModel *cd_repository_list_call_agents_finish        (CdRepository  *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);

G_END_DECLS
