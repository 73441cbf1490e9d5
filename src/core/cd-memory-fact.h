/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* A structured fact the AI (or a user) recorded. */
#define CD_TYPE_MEMORY_FACT (cd_memory_fact_get_type ())

G_DECLARE_FINAL_TYPE (CdMemoryFact, cd_memory_fact, CD, MEMORY_FACT, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdMemoryFact *cd_memory_fact_new_from_json (JsonNode *node,
                                            GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdMemoryFact *cd_memory_fact_new_from_object (JsonObject  *object,
                                              const char  *path,
                                              GError     **error);
/* JSON array of objects → GListStore of CdMemoryFact (element errors name "[i]"). */
GListModel *cd_memory_fact_list_from_json  (JsonNode    *array_node,
                                            GError     **error);
GListModel *cd_memory_fact_list_from_array (JsonArray   *array,
                                            const char  *path,
                                            GError     **error);

const char  *cd_memory_fact_get_key (CdMemoryFact *self);
const char  *cd_memory_fact_get_label (CdMemoryFact *self);
/* Value as a display string; any JSON scalar accepted */
const char  *cd_memory_fact_get_value (CdMemoryFact *self);
CdFactSource cd_memory_fact_get_source (CdMemoryFact *self);
const char  *cd_memory_fact_get_ai_value (CdMemoryFact *self);
GDateTime   *cd_memory_fact_get_updated_at (CdMemoryFact *self);

/* TRUE when a user changed the fact (source "user"): "Reset to AI value" applies. */
gboolean cd_memory_fact_is_user_set (CdMemoryFact *self);

G_END_DECLS
