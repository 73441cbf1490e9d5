/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include "fuzz-common.h"

/* GET /voice_sessions/{id} "data" → CdVoiceSession detail (transcript, costs, webhooks). */

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
  return json_node_ref (node);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = cd_fuzz_parse (data, size);
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(CdVoiceSession) result = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return 0;
  input = prepare (node);
  result = cd_voice_session_new_from_json (input, &error);
  g_assert ((result == NULL) == (error != NULL));
  cd_fuzz_use_error (error);
  if (result == NULL)
    return 0;
  cd_fuzz_walk_object (G_OBJECT (result), 3);
  use_item (result);
  return 0;
}
