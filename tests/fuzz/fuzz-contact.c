/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include "fuzz-common.h"

/* GET /contacts/{id} "data" → CdContact → header title, visible fields, call rules. */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cd_fuzz_init ();
  return 0;
}

static void
use_rules (CdContact *contact)
{
  static const CdRole roles[] = { CD_ROLE_UNKNOWN, CD_ROLE_TENANT_OPERATOR, CD_ROLE_TENANT_VIEWER };
  g_autofree char *title = cd_contact_dup_display_title (contact);
  g_autofree char *subtitle = cd_contact_dup_display_subtitle (contact);
  g_autofree char *local_time = cd_format_local_time (cd_contact_get_timezone (contact),
                                                      cd_fuzz_now ());
  g_autoptr(GPtrArray) plain = cd_contact_dup_visible_fields (contact, NULL);
  g_autoptr(GPtrArray) defined = cd_contact_dup_visible_fields (contact, cd_fuzz_definitions ());

  /* The header always has a title (platform rule: name, phone or "Contact #ID"). */
  g_assert (title != NULL && *title != '\0');
  cd_fuzz_use_string (title);
  cd_fuzz_use_string (subtitle);
  cd_fuzz_use_string (local_time);
  cd_fuzz_use_string (cd_country_name (cd_contact_get_country_code (contact)));
  for (guint i = 0; i < defined->len; i++)
    {
      CdVisibleField *field = g_ptr_array_index (defined, i);
      g_autoptr(CdVisibleField) copy = cd_visible_field_copy (field);

      cd_fuzz_use_string (copy->key);
      cd_fuzz_use_string (copy->label);
      g_assert (field->value_text != NULL);
      cd_fuzz_use_string (field->value_text);
    }
  g_assert (plain != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    for (int online = 0; online < 2; online++)
      {
        CdCallContext context = { TRUE, roles[i], online };
        g_autofree char *reason = NULL;

        if (!cd_contact_is_callable (contact, &context, &reason))
          g_assert (reason != NULL);
        cd_fuzz_use_string (reason);
      }
  cd_contact_is_callable (contact, NULL, NULL);
  cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_CALL | CD_CONTACT_PERMISSIONS_EDIT);
  cd_contact_is_erased (contact);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = cd_fuzz_parse (data, size);
  g_autoptr(CdContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return 0;
  contact = cd_contact_new_from_json (node, &error);
  g_assert ((contact == NULL) == (error != NULL));
  cd_fuzz_use_error (error);
  if (contact == NULL)
    return 0;
  cd_fuzz_walk_object (G_OBJECT (contact), 3);
  use_rules (contact);
  return 0;
}
