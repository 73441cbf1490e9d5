/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include "fuzz-common.h"

/* GET /voice_sessions "data" (page or items array) → CdVoiceSession rows. */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cd_fuzz_init ();
  return 0;
}

static void
use_item (CdVoiceSession *item)
{
  const CdMoney *cost = cd_voice_session_get_cost (item);
  g_autofree char *cost_text = cd_format_money (cost);
  g_autofree char *duration = cd_format_duration (cd_voice_session_get_duration_seconds (item));

  cd_fuzz_use_string (cost_text);
  cd_fuzz_use_string (duration);
  cd_fuzz_use_string (cd_direction_to_string (cd_voice_session_get_direction (item)));
  cd_fuzz_use_string (cd_session_status_to_string (cd_voice_session_get_status (item)));
  cd_fuzz_use_string (cd_sentiment_to_string (cd_voice_session_get_sentiment (item)));
  cd_fuzz_walk_model (cd_voice_session_get_transcript (item), 2);
  cd_fuzz_walk_model (cd_voice_session_get_cost_breakdown (item), 2);
  cd_fuzz_walk_model (cd_voice_session_get_webhooks (item), 2);
  g_assert (cd_voice_session_get_extracted_data (item) != NULL);
  g_assert (cd_voice_session_get_raw (item) != NULL);
  if (cd_voice_session_has_analysis_success (item))
    cd_voice_session_get_analysis_success (item);
}

static JsonNode *
prepare (JsonNode *node)
{
  JsonObject *page;
  JsonArray *items = NULL;

  /* A page object {items, next_cursor} (what the server sends) or a bare array. */
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return json_node_ref (node);
  page = json_node_get_object (node);
  if (!cd_json_read_array (page, NULL, "items", &items, NULL) || items == NULL)
    return json_node_ref (node);
  return json_node_init_array (json_node_alloc (), items);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = cd_fuzz_parse (data, size);
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(GListModel) result = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return 0;
  input = prepare (node);
  result = cd_voice_session_list_from_json (input, &error);
  g_assert ((result == NULL) == (error != NULL));
  cd_fuzz_use_error (error);
  if (result == NULL)
    return 0;
  cd_fuzz_walk_model (result, 3);
  for (guint i = 0; i < g_list_model_get_n_items (result); i++)
    {
      g_autoptr(CdVoiceSession) item = g_list_model_get_item (result, i);

      use_item (item);
    }
  return 0;
}
