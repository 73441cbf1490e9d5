/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-rules.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "cd-format.h"
#include "cd-model-private.h"
#include "cd-user.h"

/* Copy of @text without surrounding whitespace, or NULL when nothing is left. */
static char *
dup_trimmed (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static char *
dup_full_name (CdContact *contact)
{
  g_autofree char *first = dup_trimmed (cd_contact_get_first_name (contact));
  g_autofree char *last = dup_trimmed (cd_contact_get_last_name (contact));

  if (first != NULL && last != NULL)
    return g_strconcat (first, " ", last, NULL);
  if (first != NULL)
    return g_steal_pointer (&first);
  return g_steal_pointer (&last);
}

char *
cd_contact_dup_display_title (CdContact *contact)
{
  char *name;
  char *phone;
  g_autofree char *id = NULL;

  g_return_val_if_fail (CD_IS_CONTACT (contact), NULL);

  if ((name = dup_full_name (contact)) != NULL)
    return name;
  if ((phone = dup_trimmed (cd_contact_get_phone_e164 (contact))) != NULL)
    return phone;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, cd_contact_get_id (contact));
  /* Translators: header title of a contact with neither name nor phone */
  return g_strdup_printf (_("Contact #%s"), id);
}

char *
cd_contact_dup_display_subtitle (CdContact *contact)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (CD_IS_CONTACT (contact), NULL);

  name = dup_full_name (contact);
  if (name != NULL)
    return dup_trimmed (cd_contact_get_phone_e164 (contact));
  return dup_trimmed (cd_contact_get_company (contact));
}

static const char *
not_callable_reason (CdContact           *contact,
                     const CdCallContext *context)
{
  g_autofree char *phone = dup_trimmed (cd_contact_get_phone_e164 (contact));
  CdLifecycleState state = cd_contact_get_lifecycle_state (contact);

  /* permanent causes first, transient (offline) last */
  if (!context->tenant_selected)
    return _("Not callable: no workspace selected");
  if (state == CD_LIFECYCLE_STATE_DELETED)
    return _("Not callable: erased");
  if (state == CD_LIFECYCLE_STATE_ARCHIVED)
    return _("Not callable: archived");
  if (cd_contact_get_dnc_listed (contact))
    return _("Not callable: on the Do-Not-Call list");
  if (phone == NULL)
    return _("Not callable: no phone number");
  if (!cd_role_can_place_calls (context->role))
    return _("Not callable: your role can’t place calls");
  if (!cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_CALL))
    return _("Not callable: not permitted");
  if (!context->online)
    return _("Not callable: offline");
  return NULL;
}

gboolean
cd_contact_is_callable (CdContact           *contact,
                        const CdCallContext *context,
                        char               **reason)
{
  static const CdCallContext default_context = { TRUE, CD_ROLE_TENANT_OPERATOR, TRUE };
  const char *why;

  g_return_val_if_fail (CD_IS_CONTACT (contact), FALSE);

  why = not_callable_reason (contact, context ? context : &default_context);
  if (reason != NULL)
    *reason = g_strdup (why);
  return why == NULL;
}

G_DEFINE_BOXED_TYPE (CdVisibleField, cd_visible_field, cd_visible_field_copy, cd_visible_field_free)

static CdVisibleField *
visible_field_new (const char *key,
                   const char *label,
                   char       *value_text)
{
  CdVisibleField *field = g_new0 (CdVisibleField, 1);

  field->key = g_strdup (key);
  field->label = g_strdup (label);
  field->value_text = value_text;
  return field;
}

CdVisibleField *
cd_visible_field_copy (const CdVisibleField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return visible_field_new (field->key, field->label, g_strdup (field->value_text));
}

void
cd_visible_field_free (CdVisibleField *field)
{
  if (field == NULL)
    return;
  g_free (field->key);
  g_free (field->label);
  g_free (field->value_text);
  g_free (field);
}

/* "2026-03-12" (no zone shift) or RFC 3339 (shown in local time); NULL if neither. */
static char *
format_date_text (const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  int y, m, d;
  char end;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 && g_date_valid_dmy (d, m, y))
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      time = g_date_time_new (utc, y, m, d, 0, 0, 0);
      return cd_format_date (time, utc);
    }
  time = g_date_time_new_from_iso8601 (text, NULL);
  return time ? cd_format_date (time, NULL) : NULL;
}

static char *
format_bool (gboolean value)
{
  return g_strdup (value ? _("Yes") : _("No"));
}

static char *
render_string (CdCustomField *definition,
               const char    *text)
{
  CdFieldType type = definition ? cd_custom_field_get_field_type (definition) : CD_FIELD_TYPE_UNKNOWN;
  char *end = NULL;
  double number;

  if (type == CD_FIELD_TYPE_DATE)
    {
      char *date = format_date_text (text);

      return date ? date : g_strdup (text);
    }
  if (type == CD_FIELD_TYPE_BOOLEAN && (g_str_equal (text, "true") || g_str_equal (text, "false")))
    return format_bool (g_str_equal (text, "true"));
  if (type == CD_FIELD_TYPE_ENUM)
    {
      const char *label = cd_custom_field_get_enum_label (definition, text);

      return g_strdup (label ? label : text);
    }
  if (type == CD_FIELD_TYPE_NUMBER)
    {
      number = g_ascii_strtod (text, &end);
      if (end != text && *end == '\0')
        return cd_format_number (number);
    }
  return g_strdup (text);
}

static char *
render_scalar (CdCustomField *definition,
               JsonNode      *node)
{
  CdFieldType type = definition ? cd_custom_field_get_field_type (definition) : CD_FIELD_TYPE_UNKNOWN;
  g_autofree char *text = NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return format_bool (json_node_get_boolean (node));
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      if (type == CD_FIELD_TYPE_BOOLEAN)
        return format_bool (json_node_get_double (node) != 0);
      if (type == CD_FIELD_TYPE_ENUM)
        break;
      return cd_format_number (json_node_get_double (node));
    case G_TYPE_STRING:
      text = dup_trimmed (json_node_get_string (node));
      return text ? render_string (definition, text) : NULL;
    default:
      break;
    }
  text = cd_model_scalar_to_string (node);
  return text ? render_string (definition, text) : NULL;
}

char *
cd_custom_field_dup_value_text (CdCustomField *definition,
                                JsonNode      *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *part = cd_custom_field_dup_value_text (definition, json_array_get_element (array, i));

          if (part != NULL)
            g_strv_builder_add (builder, part);
        }
      parts = g_strv_builder_end (builder);
      return parts[0] ? g_strjoinv (", ", parts) : NULL;
    }
  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      /* an unexpected structured value is shown as compact JSON rather than hidden */
      if (json_object_get_size (json_node_get_object (value)) == 0)
        return NULL;
      return json_to_string (value, FALSE);
    }
  return render_scalar (definition, value);
}

static void
add_field (GPtrArray     *fields,
           JsonObject    *values,
           const char    *key,
           CdCustomField *definition)
{
  const char *label = definition ? cd_custom_field_get_label (definition) : NULL;
  char *text = cd_custom_field_dup_value_text (definition, json_object_get_member (values, key));

  if (text == NULL)
    return;
  if (label == NULL || *label == '\0')
    label = key;
  g_ptr_array_add (fields, visible_field_new (key, label, text));
}

GPtrArray *
cd_contact_dup_visible_fields (CdContact  *contact,
                               GListModel *definitions)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_visible_field_free);
  g_autoptr(GHashTable) defined = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *values;
  GList *keys;
  guint n = definitions ? g_list_model_get_n_items (definitions) : 0;

  g_return_val_if_fail (CD_IS_CONTACT (contact), fields);

  values = cd_contact_get_custom_fields (contact);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdCustomField) definition = g_list_model_get_item (definitions, i);
      const char *key = cd_custom_field_get_key (definition);

      if (key == NULL || g_hash_table_contains (defined, key))
        continue;
      /* keys are owned by the definitions, which outlive this function via @definitions */
      g_hash_table_add (defined, (gpointer) key);
      if (!cd_custom_field_get_signal (definition) && json_object_has_member (values, key))
        add_field (fields, values, key, definition);
    }

  keys = g_list_sort (json_object_get_members (values), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    if (!g_hash_table_contains (defined, l->data))
      add_field (fields, values, l->data, NULL);
  g_list_free (keys);

  return fields;
}
