/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * "Keep offline" and sync after reconnect (product.md §11).
 *
 * Keeping a contact offline downloads the contact, every call-log page (default
 * order, no filter), each session's detail, its follow-ups, its memory and the
 * summaries of the campaigns its sessions name.  The set lives in SQLite
 * (offline_contacts) and is written before the download starts, so a restart
 * resumes where it stopped (cd_repository_resume_offline).
 *
 * The repository watches GNetworkMonitor as well as request outcomes ("online").
 * When it goes from offline to online it replays the outbox
 * (cd_repository_replay_outbox_async), then syncs: the contact named by
 * cd_repository_set_focus_contact first, then the offline set, with ETags
 * (304 = no body).  A contact the server reports erased or deleted is purged
 * from the cache with a "notice".
 *
 * Repository signal "offline-changed" (void (*) (CdRepository *, gint64 contact_id)):
 * a contact entered or left the offline set, or its download state changed
 * (contact_id 0 = many).  Property "offline-job" (CdOfflineJob, nullable): the
 * download running now.
 */

/* ---- CdOfflineJob: one running download of one or more contacts ---- */

#define CD_TYPE_OFFLINE_JOB (cd_offline_job_get_type ())
G_DECLARE_FINAL_TYPE (CdOfflineJob, cd_offline_job, CD, OFFLINE_JOB, GObject)

/* Properties (all notify): "contacts-done", "contacts-total" (guint),
 * "sessions-done", "sessions-total" (gint64, total -1 = not known yet),
 * "current-contact-id" (gint64), "finished" (gboolean).
 * Signal "finished" (void (*) (CdOfflineJob *)) once, after done/cancel/failure. */
guint         cd_offline_job_get_contacts_done    (CdOfflineJob *self);
guint         cd_offline_job_get_contacts_total   (CdOfflineJob *self);
gint64        cd_offline_job_get_sessions_done    (CdOfflineJob *self);
gint64        cd_offline_job_get_sessions_total   (CdOfflineJob *self);
gint64        cd_offline_job_get_current_contact_id (CdOfflineJob *self);
/* 0.0 … 1.0 over all its contacts; for a GtkProgressBar. */
double        cd_offline_job_get_fraction         (CdOfflineJob *self);
gboolean      cd_offline_job_get_finished         (CdOfflineJob *self);
/* After "finished": NULL on success, G_IO_ERROR_CANCELLED after cancel, else why. */
const GError *cd_offline_job_get_error            (CdOfflineJob *self);
/* Stops after the current request; what was downloaded stays, and the contacts
 * stay in the set as unfinished, so a later resume continues. */
void          cd_offline_job_cancel               (CdOfflineJob *self);

/* ---- CdOfflineContact: one row of Preferences' offline list ---- */

typedef enum
{
  CD_OFFLINE_NONE,         /* not in the offline set */
  CD_OFFLINE_PENDING,      /* in the set, download not finished (resumable) */
  CD_OFFLINE_DOWNLOADING,
  CD_OFFLINE_DONE,
  CD_OFFLINE_FAILED,
} CdOfflineState;

#define CD_TYPE_OFFLINE_CONTACT (cd_offline_contact_get_type ())
G_DECLARE_FINAL_TYPE (CdOfflineContact, cd_offline_contact, CD, OFFLINE_CONTACT, GObject)

gint64          cd_offline_contact_get_contact_id (CdOfflineContact *self);
/* The display title (cd_rules), from the cached contact. */
const char     *cd_offline_contact_get_title      (CdOfflineContact *self);
/* Bytes of this contact's rows in the cache (JSON lengths). */
guint64         cd_offline_contact_get_size       (CdOfflineContact *self);
/* Last successful download or sync; NULL if never finished. */
GDateTime      *cd_offline_contact_get_synced_at  (CdOfflineContact *self);
CdOfflineState  cd_offline_contact_get_state      (CdOfflineContact *self);
gint64          cd_offline_contact_get_sessions   (CdOfflineContact *self);

/* ---- Repository ---- */

/* Adds @ids to the offline set (written to SQLite first) and downloads them.
 * If a job is running, the ids join it.  Returns the running job (transfer none). */
CdOfflineJob   *cd_repository_keep_offline     (CdRepository  *self,
                                                const gint64  *ids,
                                                guint          n_ids);
/* The running download, or NULL. */
CdOfflineJob   *cd_repository_get_offline_job  (CdRepository  *self);
/* Continues unfinished downloads (at startup, after reconnect); no-op when none. */
void            cd_repository_resume_offline   (CdRepository  *self);
/* From an in-memory copy of the set (loaded when the cache opens): cheap, for rows. */
CdOfflineState  cd_repository_get_offline_state (CdRepository *self,
                                                 gint64        contact_id);

/* GListModel of CdOfflineContact, most recently kept first. */
void            cd_repository_list_offline_async  (CdRepository        *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GListModel     *cd_repository_list_offline_finish (CdRepository  *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);
/* Removes one contact's offline data (@contact_id > 0: its rows and its set entry,
 * but not pending outbox edits) or, with 0, every contact's (the whole cache except
 * the outbox).  Cancels the running download for those contacts. */
void            cd_repository_remove_offline_async  (CdRepository        *self,
                                                     gint64               contact_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        cd_repository_remove_offline_finish (CdRepository  *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);

/* The contact the user is looking at: synced first after reconnect (0 = none). */
void            cd_repository_set_focus_contact (CdRepository *self,
                                                 gint64        contact_id);
/* Replays the outbox, then revalidates the focus contact and the offline set.
 * Runs by itself on reconnect; exposed for "Refresh" and tests.  Counts are
 * optional outs: requests answered 304, and contacts purged. */
void            cd_repository_sync_async   (CdRepository        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean        cd_repository_sync_finish  (CdRepository  *self,
                                            GAsyncResult  *result,
                                            guint         *not_modified,
                                            guint         *purged,
                                            GError       **error);

/* A campaign summary (CdCampaign) from the cache, for the popover offline; NULL if none. */
void            cd_repository_get_cached_campaign_async  (CdRepository        *self,
                                                          gint64               campaign_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gpointer        cd_repository_get_cached_campaign_finish (CdRepository  *self,
                                                          GAsyncResult  *result,
                                                          GError       **error);

G_END_DECLS
