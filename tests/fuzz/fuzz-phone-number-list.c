/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include "fuzz-common.h"

/* GET /phone_numbers "data" → CdPhoneNumber list (call dialog caller ids). */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cd_fuzz_init ();
  return 0;
}

static void
use_item (CdPhoneNumber *item)
{
  cd_fuzz_use_string (cd_phone_number_get_e164 (item));
  cd_fuzz_use_string (cd_phone_number_get_label (item));
  cd_fuzz_use_string (cd_phone_number_get_status (item));
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
  g_autoptr(GListModel) result = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return 0;
  input = prepare (node);
  result = cd_phone_number_list_from_json (input, &error);
  g_assert ((result == NULL) == (error != NULL));
  cd_fuzz_use_error (error);
  if (result == NULL)
    return 0;
  cd_fuzz_walk_model (result, 3);
  for (guint i = 0; i < g_list_model_get_n_items (result); i++)
    {
      g_autoptr(CdPhoneNumber) item = g_list_model_get_item (result, i);

      use_item (item);
    }
  return 0;
}
