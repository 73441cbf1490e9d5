/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-model-private.h"

char *
cd_model_path (const char *path,
               const char *member)
{
  return path ? g_strconcat (path, ".", member, NULL) : g_strdup (member);
}

char *
cd_model_index_path (const char *path,
                     guint       index)
{
  return g_strdup_printf ("%s[%u]", path ? path : "", index);
}

static char *
double_to_string (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* %.15g drops the noise digits of binary doubles (0.1 stays "0.1") */
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

char *
cd_model_scalar_to_string (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *part = cd_model_scalar_to_string (json_array_get_element (array, i));

          if (part != NULL && *part != '\0')
            g_strv_builder_add (builder, part);
        }
      parts = g_strv_builder_end (builder);
      return parts[0] ? g_strjoinv (", ", parts) : NULL;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return double_to_string (json_node_get_double (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}
