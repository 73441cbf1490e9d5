/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-resource.h"

G_BEGIN_DECLS

/*
 * The UI's only data entry point: one object per backend URL + tenant.  Reads are
 * stale-while-revalidate through CdResource; the SQLite cache lives in
 * @data_dir (NULL = g_get_user_data_dir()/contact-detail), one file per
 * backend+tenant, mode 0600, all access on one worker thread.
 *
 * Properties: "online" (gboolean), "notice" (string, last cache notice).
 * Signal "notice" (void (*) (CdRepository *, const char *message)): a user-facing
 * message about the offline cache (reset after damage, full, unwritable); reads
 * then fall back to the network.
 */

#define CD_TYPE_REPOSITORY (cd_repository_get_type ())
G_DECLARE_FINAL_TYPE (CdRepository, cd_repository, CD, REPOSITORY, GObject)

CdRepository *cd_repository_new         (const char   *base_url,
                                         const char   *api_key,
                                         const char   *tenant_id,
                                         const char   *data_dir);
const char   *cd_repository_get_base_url (CdRepository *self);
/* FALSE after a request failed for lack of a connection, TRUE after one succeeded. */
gboolean      cd_repository_get_online  (CdRepository *self);
/* Path of the SQLite cache file (for tests and "Remove offline data"). */
const char   *cd_repository_get_cache_path (CdRepository *self);

/* Stale-while-revalidate reads; each returns a new resource the caller owns. */
CdResource   *cd_repository_open_contact   (CdRepository *self,
                                            gint64        contact_id,
                                            GCancellable *cancellable);
/* Value: GListModel of CdVoiceSession, first page (10, newest first). */
CdResource   *cd_repository_open_call_logs (CdRepository *self,
                                            gint64        contact_id,
                                            GCancellable *cancellable);
/* Value: GListModel of CdFollowUp. */
CdResource   *cd_repository_open_follow_ups (CdRepository *self,
                                             gint64        contact_id,
                                             GCancellable *cancellable);
/* Value: CdMemory. */
CdResource   *cd_repository_open_memory    (CdRepository *self,
                                            gint64        contact_id,
                                            GCancellable *cancellable);

/* Finder: server search, falling back to the cache when offline. */
void          cd_repository_search_contacts_async  (CdRepository        *self,
                                                    const char          *query,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* GListModel of CdContact; *from_cache tells whether the server was unreachable. */
GListModel   *cd_repository_search_contacts_finish (CdRepository  *self,
                                                    GAsyncResult  *result,
                                                    gboolean      *from_cache,
                                                    GError       **error);
/* Recently opened contacts from the cache, most recent first. */
void          cd_repository_list_recent_async      (CdRepository        *self,
                                                    guint                limit,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GListModel   *cd_repository_list_recent_finish     (CdRepository  *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);
/* The finder's list before anything is typed: recent contacts first, then the
 * server's list (cached contacts when offline), without duplicates. */
void          cd_repository_list_start_contacts_async  (CdRepository        *self,
                                                        guint                recent_limit,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GListModel   *cd_repository_list_start_contacts_finish (CdRepository  *self,
                                                        GAsyncResult  *result,
                                                        gboolean      *from_cache,
                                                        GError       **error);
/* Custom-field definitions (GListModel of CdCustomField), cached. */
void          cd_repository_get_custom_fields_async  (CdRepository        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GListModel   *cd_repository_get_custom_fields_finish (CdRepository  *self,
                                                      GAsyncResult  *result,
                                                      GError       **error);
/* The current user (CdUser), cached. */
void          cd_repository_get_me_async   (CdRepository        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gpointer      cd_repository_get_me_finish  (CdRepository  *self,
                                            GAsyncResult  *result,
                                            GError       **error);

/* The last user-facing notice about the offline cache (also the "notice" signal), or NULL. */
const char   *cd_repository_get_notice  (CdRepository *self);

/* "Offline storage size": writes beyond @max_bytes fail and raise a notice
 * (reads are unaffected); 0 = no limit.  Never shrinks below the current size. */
void          cd_repository_set_cache_size_limit (CdRepository *self,
                                                  guint64       max_bytes);

/* Deletes every cached row of one contact and truncates the WAL (GDPR erase). */
void          cd_repository_purge_contact_async  (CdRepository        *self,
                                                  gint64               contact_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      cd_repository_purge_contact_finish (CdRepository  *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);
/* "Remove offline data": empties the whole cache of this backend+tenant. */
void          cd_repository_clear_cache_async    (CdRepository        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      cd_repository_clear_cache_finish   (CdRepository  *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);

/* A campaign's summary (CdCampaign) for the Recent campaign popover; network only. */
void          cd_repository_get_campaign_async  (CdRepository        *self,
                                                 gint64               campaign_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gpointer      cd_repository_get_campaign_finish (CdRepository  *self,
                                                 GAsyncResult  *result,
                                                 GError       **error);

G_END_DECLS
