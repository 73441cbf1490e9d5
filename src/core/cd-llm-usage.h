/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* LLM usage of the memory extraction. */
#define CD_TYPE_LLM_USAGE (cd_llm_usage_get_type ())

G_DECLARE_FINAL_TYPE (CdLlmUsage, cd_llm_usage, CD, LLM_USAGE, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdLlmUsage *cd_llm_usage_new_from_json (JsonNode *node,
                                        GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdLlmUsage *cd_llm_usage_new_from_object (JsonObject  *object,
                                          const char  *path,
                                          GError     **error);

const char    *cd_llm_usage_get_model (CdLlmUsage *self);
gint64         cd_llm_usage_get_run_count (CdLlmUsage *self);
const CdMoney *cd_llm_usage_get_last_run_cost (CdLlmUsage *self);
gint64         cd_llm_usage_get_last_run_tokens (CdLlmUsage *self);
const CdMoney *cd_llm_usage_get_totals_cost (CdLlmUsage *self);
gint64         cd_llm_usage_get_totals_tokens (CdLlmUsage *self);

G_END_DECLS
