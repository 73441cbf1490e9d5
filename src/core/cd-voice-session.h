/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"
#include "cd-cost-item.h"
#include "cd-transcript-segment.h"
#include "cd-webhook-delivery.h"

G_BEGIN_DECLS

/* A voice session: list row, or detail when has-detail is TRUE. */
#define CD_TYPE_VOICE_SESSION (cd_voice_session_get_type ())

G_DECLARE_FINAL_TYPE (CdVoiceSession, cd_voice_session, CD, VOICE_SESSION, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdVoiceSession *cd_voice_session_new_from_json (JsonNode *node,
                                                GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdVoiceSession *cd_voice_session_new_from_object (JsonObject  *object,
                                                  const char  *path,
                                                  GError     **error);
/* JSON array of objects → GListStore of CdVoiceSession (element errors name "[i]"). */
GListModel *cd_voice_session_list_from_json  (JsonNode    *array_node,
                                              GError     **error);
GListModel *cd_voice_session_list_from_array (JsonArray   *array,
                                              const char  *path,
                                              GError     **error);

gint64          cd_voice_session_get_id (CdVoiceSession *self);
gint64          cd_voice_session_get_contact_id (CdVoiceSession *self);
CdDirection     cd_voice_session_get_direction (CdVoiceSession *self);
CdSessionStatus cd_voice_session_get_status (CdVoiceSession *self);
GDateTime      *cd_voice_session_get_started_at (CdVoiceSession *self);
GDateTime      *cd_voice_session_get_ended_at (CdVoiceSession *self);
gint64          cd_voice_session_get_duration_seconds (CdVoiceSession *self);
gint64          cd_voice_session_get_talk_time_seconds (CdVoiceSession *self);
gint64          cd_voice_session_get_agent_id (CdVoiceSession *self);
const char     *cd_voice_session_get_agent_name (CdVoiceSession *self);
gint64          cd_voice_session_get_campaign_id (CdVoiceSession *self);
const char     *cd_voice_session_get_campaign_name (CdVoiceSession *self);
const char     *cd_voice_session_get_campaign_outcome (CdVoiceSession *self);
const char     *cd_voice_session_get_from_number (CdVoiceSession *self);
const char     *cd_voice_session_get_to_number (CdVoiceSession *self);
const char     *cd_voice_session_get_summary (CdVoiceSession *self);
gboolean        cd_voice_session_get_has_recording (CdVoiceSession *self);
const CdMoney  *cd_voice_session_get_cost (CdVoiceSession *self);
CdSentiment     cd_voice_session_get_sentiment (CdVoiceSession *self);
const char     *cd_voice_session_get_end_reason (CdVoiceSession *self);
/* TRUE when any detail member (transcript, analysis, raw, …) was present */
gboolean        cd_voice_session_get_has_detail (CdVoiceSession *self);
GListModel     *cd_voice_session_get_transcript (CdVoiceSession *self);
/* Never NULL (empty when unknown) */
JsonObject     *cd_voice_session_get_extracted_data (CdVoiceSession *self);
const char     *cd_voice_session_get_analysis_summary (CdVoiceSession *self);
gboolean        cd_voice_session_get_analysis_success (CdVoiceSession *self);
gboolean        cd_voice_session_has_analysis_success (CdVoiceSession *self);
const char     *cd_voice_session_get_analysis_disposition (CdVoiceSession *self);
const char     *cd_voice_session_get_analysis_task_status (CdVoiceSession *self);
const char     *cd_voice_session_get_analysis_failure (CdVoiceSession *self);
GListModel     *cd_voice_session_get_cost_breakdown (CdVoiceSession *self);
GListModel     *cd_voice_session_get_webhooks (CdVoiceSession *self);
gint64          cd_voice_session_get_follow_up_id (CdVoiceSession *self);
/* Never NULL (empty when unknown) */
JsonObject     *cd_voice_session_get_raw (CdVoiceSession *self);

G_END_DECLS
