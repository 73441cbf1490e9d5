/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include "fuzz-common.h"

/* GET /custom_fields "data" → definitions → value rendering and visible fields. */

static GPtrArray *sample_values;
static CdContact *sample_contact;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  static const char * const samples[] = {
    "\"gold\"", "\"\"", "120000", "-1.5e300", "true", "\"2026-03-31\"", "\"2026-02-30\"",
    "[\"a\",1,null]", "[]", "{\"k\":1}", "null", "\"<b>x</b>\"",
  };
  static const char contact_json[] =
    "{\"id\":1,\"custom_fields\":{\"plan_tier\":\"gold\",\"budget\":120000,"
    "\"renewal_date\":\"2026-03-31\",\"newsletter\":true,\"notes\":\"x\",\"odd\":[1]}}";
  g_autoptr(JsonNode) contact_node = NULL;

  cd_fuzz_init ();
  sample_values = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_ptr_array_add (sample_values, cd_json_parse (samples[i], -1, NULL));
  contact_node = cd_json_parse (contact_json, -1, NULL);
  sample_contact = cd_contact_new_from_json (contact_node, NULL);
  g_assert (sample_contact != NULL);
  return 0;
}

static void
use_definition (CdCustomField *field)
{
  cd_fuzz_use_string (cd_custom_field_get_enum_label (field, cd_custom_field_get_default (field)));
  cd_fuzz_use_string (cd_custom_field_get_enum_label (field, "gold"));
  for (guint i = 0; i < sample_values->len; i++)
    {
      g_autofree char *text = cd_custom_field_dup_value_text (field,
                                                              g_ptr_array_index (sample_values, i));

      cd_fuzz_use_string (text);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = cd_fuzz_parse (data, size);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) visible = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return 0;
  list = cd_custom_field_list_from_json (node, &error);
  g_assert ((list == NULL) == (error != NULL));
  cd_fuzz_use_error (error);
  if (list == NULL)
    return 0;
  cd_fuzz_walk_model (list, 2);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CdCustomField) field = g_list_model_get_item (list, i);

      use_definition (field);
    }
  visible = cd_contact_dup_visible_fields (sample_contact, list);
  for (guint i = 0; i < visible->len; i++)
    {
      CdVisibleField *field = g_ptr_array_index (visible, i);

      cd_fuzz_use_string (field->label);
      cd_fuzz_use_string (field->value_text);
    }
  return 0;
}
