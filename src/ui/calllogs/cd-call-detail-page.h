/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-repository-sessions.h"

G_BEGIN_DECLS

/*
 * Call detail, pushed over the contact page: recording player and transcript
 * (left), insight tabs (right: Details, Analysis, Webhooks, and for admin roles
 * Cost and Raw data).  Its header has "Back to …" (action "contact.back"),
 * "Open contact" and "Open campaign".
 *
 * Signals: "open-contact" (gint64 contact_id), "open-campaign" (gint64 campaign_id).
 */
#define CD_TYPE_CALL_DETAIL_PAGE (cd_call_detail_page_get_type ())
G_DECLARE_FINAL_TYPE (CdCallDetailPage, cd_call_detail_page, CD, CALL_DETAIL_PAGE, AdwBin)

typedef enum
{
  CD_CALL_DETAIL_LOADING,
  CD_CALL_DETAIL_READY,
  CD_CALL_DETAIL_ERROR,
} CdCallDetailState;

typedef enum
{
  CD_RECORDING_LOADING,
  CD_RECORDING_READY,
  CD_RECORDING_UNAVAILABLE,
} CdRecordingState;

/* @back_label: what "Back to …" names (e.g. the contact's title or "Call logs"). */
GtkWidget         *cd_call_detail_page_new        (CdRepository     *repository,
                                                   gint64            session_id,
                                                   const char       *back_label);
/* Zone of the times shown (the profile's); NULL or invalid = local. */
void               cd_call_detail_page_set_time_zone (CdCallDetailPage *self,
                                                      const char       *iana_zone);

CdCallDetailState  cd_call_detail_page_get_state           (CdCallDetailPage *self);
CdVoiceSession    *cd_call_detail_page_get_session         (CdCallDetailPage *self);
CdRecordingState   cd_call_detail_page_get_recording_state (CdCallDetailPage *self);
/* Why the recording is unavailable, as shown; NULL otherwise. */
const char        *cd_call_detail_page_get_recording_reason (CdCallDetailPage *self);
/* The downloaded recording, or NULL. */
GFile             *cd_call_detail_page_get_recording_file  (CdCallDetailPage *self);
/* For tests: the insight tabs, the transcript search entry and its result. */
AdwViewStack      *cd_call_detail_page_get_tabs            (CdCallDetailPage *self);
GtkEditable       *cd_call_detail_page_get_transcript_search (CdCallDetailPage *self);
guint              cd_call_detail_page_get_match_count     (CdCallDetailPage *self);
/* The text of a tab's empty state if it shows one, else NULL. */
const char        *cd_call_detail_page_get_empty_text      (CdCallDetailPage *self,
                                                            const char       *tab);
gboolean           cd_call_detail_page_get_wide            (CdCallDetailPage *self);
/* "Offline — saved copy" while the detail shown is the cached one, else NULL. */
const char        *cd_call_detail_page_get_offline_text    (CdCallDetailPage *self);

G_END_DECLS
