/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include "fuzz-common.h"

/* GET /me "data" → CdUser → role rules and workspaces. */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cd_fuzz_init ();
  return 0;
}

static void
use_item (CdUser *item)
{
  CdRole role = cd_user_get_role (item);

  /* Privileged roles can always edit; unknown roles can do nothing. */
  if (cd_role_is_privileged (role))
    g_assert (cd_role_can_edit (role));
  if (role == CD_ROLE_UNKNOWN)
    g_assert (!cd_role_can_place_calls (role) && !cd_role_is_privileged (role));
  cd_fuzz_use_string (cd_user_get_role_string (item));
  cd_fuzz_walk_model (cd_user_get_tenants (item), 2);
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
  g_autoptr(CdUser) result = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return 0;
  input = prepare (node);
  result = cd_user_new_from_json (input, &error);
  g_assert ((result == NULL) == (error != NULL));
  cd_fuzz_use_error (error);
  if (result == NULL)
    return 0;
  cd_fuzz_walk_object (G_OBJECT (result), 3);
  use_item (result);
  return 0;
}
