/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"
#include "cd-agent-variable.h"

G_BEGIN_DECLS

/* An AI agent. */
#define CD_TYPE_AGENT (cd_agent_get_type ())

G_DECLARE_FINAL_TYPE (CdAgent, cd_agent, CD, AGENT, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdAgent *cd_agent_new_from_json (JsonNode *node,
                                 GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdAgent *cd_agent_new_from_object (JsonObject  *object,
                                   const char  *path,
                                   GError     **error);
/* JSON array of objects → GListStore of CdAgent (element errors name "[i]"). */
GListModel *cd_agent_list_from_json  (JsonNode    *array_node,
                                      GError     **error);
GListModel *cd_agent_list_from_array (JsonArray   *array,
                                      const char  *path,
                                      GError     **error);

gint64      cd_agent_get_id (CdAgent *self);
const char *cd_agent_get_name (CdAgent *self);
gboolean    cd_agent_get_published (CdAgent *self);
GListModel *cd_agent_get_variables (CdAgent *self);

G_END_DECLS
