/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* A variable an agent expects (mappable to a contact field). */
#define CD_TYPE_AGENT_VARIABLE (cd_agent_variable_get_type ())

G_DECLARE_FINAL_TYPE (CdAgentVariable, cd_agent_variable, CD, AGENT_VARIABLE, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdAgentVariable *cd_agent_variable_new_from_json (JsonNode *node,
                                                  GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdAgentVariable *cd_agent_variable_new_from_object (JsonObject  *object,
                                                    const char  *path,
                                                    GError     **error);
/* JSON array of objects → GListStore of CdAgentVariable (element errors name "[i]"). */
GListModel *cd_agent_variable_list_from_json  (JsonNode    *array_node,
                                               GError     **error);
GListModel *cd_agent_variable_list_from_array (JsonArray   *array,
                                               const char  *path,
                                               GError     **error);

const char *cd_agent_variable_get_name (CdAgentVariable *self);
const char *cd_agent_variable_get_description (CdAgentVariable *self);
gboolean    cd_agent_variable_get_mappable (CdAgentVariable *self);

G_END_DECLS
