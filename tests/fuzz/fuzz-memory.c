/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include "fuzz-common.h"

/* GET /contacts/{id}/memory "data" → CdMemory (open items, facts, interactions, usage). */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cd_fuzz_init ();
  return 0;
}

static void
use_item (CdMemory *item)
{
  GListModel *facts = cd_memory_get_facts (item);
  CdLlmUsage *usage = cd_memory_get_llm_usage (item);

  cd_fuzz_walk_model (cd_memory_get_open_items (item), 2);
  cd_fuzz_walk_model (cd_memory_get_interactions (item), 2);
  for (guint i = 0; facts != NULL && i < g_list_model_get_n_items (facts); i++)
    {
      g_autoptr(CdMemoryFact) fact = g_list_model_get_item (facts, i);

      cd_memory_fact_is_user_set (fact);
      cd_fuzz_use_string (cd_memory_fact_get_value (fact));
      cd_fuzz_use_string (cd_memory_fact_get_ai_value (fact));
    }
  if (usage != NULL)
    {
      g_autofree char *last = cd_format_money (cd_llm_usage_get_last_run_cost (usage));
      g_autofree char *totals = cd_format_money (cd_llm_usage_get_totals_cost (usage));

      cd_fuzz_use_string (last);
      cd_fuzz_use_string (totals);
    }
  cd_fuzz_use_datetime (cd_memory_get_updated_at (item));
  cd_fuzz_use_string (cd_rebuild_status_to_string (cd_memory_get_rebuild_status (item)));
}

static JsonNode *
prepare (JsonNode *node)
{
  return json_node_ref (node);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = cd_fuzz_parse (data, size);
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(CdMemory) result = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return 0;
  input = prepare (node);
  result = cd_memory_new_from_json (input, &error);
  g_assert ((result == NULL) == (error != NULL));
  cd_fuzz_use_error (error);
  if (result == NULL)
    return 0;
  cd_fuzz_walk_object (G_OBJECT (result), 3);
  use_item (result);
  return 0;
}
