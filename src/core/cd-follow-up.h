/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* A scheduled follow-up. */
#define CD_TYPE_FOLLOW_UP (cd_follow_up_get_type ())

G_DECLARE_FINAL_TYPE (CdFollowUp, cd_follow_up, CD, FOLLOW_UP, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdFollowUp *cd_follow_up_new_from_json (JsonNode *node,
                                        GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdFollowUp *cd_follow_up_new_from_object (JsonObject  *object,
                                          const char  *path,
                                          GError     **error);
/* JSON array of objects → GListStore of CdFollowUp (element errors name "[i]"). */
GListModel *cd_follow_up_list_from_json  (JsonNode    *array_node,
                                          GError     **error);
GListModel *cd_follow_up_list_from_array (JsonArray   *array,
                                          const char  *path,
                                          GError     **error);

gint64             cd_follow_up_get_id (CdFollowUp *self);
gint64             cd_follow_up_get_contact_id (CdFollowUp *self);
CdFollowUpStatus   cd_follow_up_get_status (CdFollowUp *self);
CdFollowUpType     cd_follow_up_get_follow_up_type (CdFollowUp *self);
GDateTime         *cd_follow_up_get_scheduled_at (CdFollowUp *self);
gint64             cd_follow_up_get_agent_id (CdFollowUp *self);
const char        *cd_follow_up_get_agent_name (CdFollowUp *self);
gint64             cd_follow_up_get_campaign_id (CdFollowUp *self);
const char        *cd_follow_up_get_campaign_name (CdFollowUp *self);
gint64             cd_follow_up_get_attempts (CdFollowUp *self);
gint64             cd_follow_up_get_max_attempts (CdFollowUp *self);
CdFollowUpPriority cd_follow_up_get_priority (CdFollowUp *self);
gboolean           cd_follow_up_get_allow_out_of_window (CdFollowUp *self);
CdFollowUpSource   cd_follow_up_get_source (CdFollowUp *self);
const char        *cd_follow_up_get_notes (CdFollowUp *self);
const char        *cd_follow_up_get_closed_reason (CdFollowUp *self);
GDateTime         *cd_follow_up_get_created_at (CdFollowUp *self);
GDateTime         *cd_follow_up_get_updated_at (CdFollowUp *self);

/* scheduled/queued → NOT_STARTED, in_progress → IN_PROGRESS, completed → DONE,
 * failed/expired → NEEDS_ATTENTION, cancelled → CANCELLED, snoozed → SNOOZED. */
CdFollowUpGroup   cd_follow_up_status_group           (CdFollowUpStatus status);
/* VIEW always; CANCEL, RESCHEDULE, SNOOZE only while scheduled, queued or snoozed. */
CdFollowUpActions cd_follow_up_status_allowed_actions (CdFollowUpStatus status);
CdFollowUpGroup   cd_follow_up_get_group              (CdFollowUp      *self);
CdFollowUpActions cd_follow_up_allowed_actions        (CdFollowUp      *self);

G_END_DECLS
