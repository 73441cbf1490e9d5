/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include "fuzz-common.h"

/* GET /bulk_call_campaigns/{id} "data" → CdCampaign. */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cd_fuzz_init ();
  return 0;
}

static void
use_item (CdCampaign *item)
{
  g_autofree char *local_time = cd_format_local_time (cd_campaign_get_timezone (item),
                                                      cd_fuzz_now ());

  cd_fuzz_use_string (local_time);
  cd_fuzz_use_string (cd_campaign_get_dashboard_url (item));
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
  g_autoptr(CdCampaign) result = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return 0;
  input = prepare (node);
  result = cd_campaign_new_from_json (input, &error);
  g_assert ((result == NULL) == (error != NULL));
  cd_fuzz_use_error (error);
  if (result == NULL)
    return 0;
  cd_fuzz_walk_object (G_OBJECT (result), 3);
  use_item (result);
  return 0;
}
