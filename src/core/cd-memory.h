/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"
#include "cd-interaction.h"
#include "cd-llm-usage.h"
#include "cd-memory-fact.h"
#include "cd-open-item.h"

G_BEGIN_DECLS

/* The contact memory (GET /contacts/{id}/memory). */
#define CD_TYPE_MEMORY (cd_memory_get_type ())

G_DECLARE_FINAL_TYPE (CdMemory, cd_memory, CD, MEMORY, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdMemory *cd_memory_new_from_json (JsonNode *node,
                                   GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdMemory *cd_memory_new_from_object (JsonObject  *object,
                                     const char  *path,
                                     GError     **error);

const char     *cd_memory_get_summary (CdMemory *self);
GListModel     *cd_memory_get_open_items (CdMemory *self);
GListModel     *cd_memory_get_facts (CdMemory *self);
GListModel     *cd_memory_get_interactions (CdMemory *self);
CdLlmUsage     *cd_memory_get_llm_usage (CdMemory *self);
CdRebuildStatus cd_memory_get_rebuild_status (CdMemory *self);
GDateTime      *cd_memory_get_rebuild_requested_at (CdMemory *self);
GDateTime      *cd_memory_get_updated_at (CdMemory *self);

G_END_DECLS
