/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* One entry of the memory interaction log. */
#define CD_TYPE_INTERACTION (cd_interaction_get_type ())

G_DECLARE_FINAL_TYPE (CdInteraction, cd_interaction, CD, INTERACTION, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdInteraction *cd_interaction_new_from_json (JsonNode *node,
                                             GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdInteraction *cd_interaction_new_from_object (JsonObject  *object,
                                               const char  *path,
                                               GError     **error);
/* JSON array of objects → GListStore of CdInteraction (element errors name "[i]"). */
GListModel *cd_interaction_list_from_json  (JsonNode    *array_node,
                                            GError     **error);
GListModel *cd_interaction_list_from_array (JsonArray   *array,
                                            const char  *path,
                                            GError     **error);

GDateTime  *cd_interaction_get_ended_at (CdInteraction *self);
CdDirection cd_interaction_get_direction (CdInteraction *self);
const char *cd_interaction_get_result (CdInteraction *self);
gint64      cd_interaction_get_duration_seconds (CdInteraction *self);
gint64      cd_interaction_get_voice_session_id (CdInteraction *self);
const char *cd_interaction_get_summary (CdInteraction *self);

G_END_DECLS
