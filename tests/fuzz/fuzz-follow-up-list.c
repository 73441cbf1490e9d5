/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include "fuzz-common.h"

/* GET /contacts/{id}/follow_ups "data" → CdFollowUp list → status groups and actions. */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cd_fuzz_init ();
  return 0;
}

static void
use_item (CdFollowUp *item)
{
  CdFollowUpStatus status = cd_follow_up_get_status (item);
  CdFollowUpActions actions = cd_follow_up_allowed_actions (item);

  /* Every follow-up can at least be viewed; the group is a pure function of status. */
  g_assert (actions & CD_FOLLOW_UP_ACTIONS_VIEW);
  g_assert (cd_follow_up_get_group (item) == cd_follow_up_status_group (status));
  g_assert (actions == cd_follow_up_status_allowed_actions (status));
  cd_fuzz_use_string (cd_follow_up_status_to_string (status));
  cd_fuzz_use_string (cd_follow_up_priority_to_string (cd_follow_up_get_priority (item)));
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
  result = cd_follow_up_list_from_json (input, &error);
  g_assert ((result == NULL) == (error != NULL));
  cd_fuzz_use_error (error);
  if (result == NULL)
    return 0;
  cd_fuzz_walk_model (result, 3);
  for (guint i = 0; i < g_list_model_get_n_items (result); i++)
    {
      g_autoptr(CdFollowUp) item = g_list_model_get_item (result, i);

      use_item (item);
    }
  return 0;
}
