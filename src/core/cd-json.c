/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-json"

#include "cd-json.h"

#include <string.h>

#include "cd-error.h"

static char *
member_name (const char *path,
             const char *member)
{
  return path ? g_strconcat (path, ".", member, NULL) : g_strdup (member);
}

static gboolean
fail_member (const char  *path,
             const char  *member,
             const char  *expected,
             GError     **error)
{
  g_autofree char *name = member_name (path, member);

  g_propagate_error (error, cd_api_error_new_bad_member (name, expected));
  return FALSE;
}

/* Returns the member node, or NULL when missing or JSON null. */
static JsonNode *
lookup (JsonObject *object,
        const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
holds_value_of (JsonNode *node,
                GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

JsonObject *
cd_json_node_get_object (JsonNode    *node,
                         const char  *what,
                         GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_member (NULL, what, "an object", error);
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
cd_json_node_get_array (JsonNode    *node,
                        const char  *what,
                        GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      fail_member (NULL, what, "an array", error);
      return NULL;
    }
  return json_node_get_array (node);
}

gboolean
cd_json_read_string (JsonObject  *object,
                     const char  *path,
                     const char  *member,
                     char       **out,
                     GError     **error)
{
  JsonNode *node = lookup (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!holds_value_of (node, G_TYPE_STRING))
    return fail_member (path, member, "a string", error);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* Casting a double outside the gint64 range is undefined behaviour (UBSan,
 * found by tests/fuzz with {"id": 1e21}), so the range is checked first. */
static gboolean
double_is_int64 (double value)
{
  return value >= (double) G_MININT64 && value < -(double) G_MININT64 &&
         value == (double) (gint64) value;
}

gboolean
cd_json_read_int (JsonObject  *object,
                  const char  *path,
                  const char  *member,
                  gint64      *out,
                  gboolean    *present,
                  GError     **error)
{
  JsonNode *node = lookup (object, member);

  *out = 0;
  if (present)
    *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (holds_value_of (node, G_TYPE_INT64))
    *out = json_node_get_int (node);
  else if (holds_value_of (node, G_TYPE_DOUBLE) && double_is_int64 (json_node_get_double (node)))
    *out = (gint64) json_node_get_double (node);
  else
    return fail_member (path, member, "an integer", error);
  if (present)
    *present = TRUE;
  return TRUE;
}

gboolean
cd_json_read_double (JsonObject  *object,
                     const char  *path,
                     const char  *member,
                     double      *out,
                     gboolean    *present,
                     GError     **error)
{
  JsonNode *node = lookup (object, member);

  *out = 0;
  if (present)
    *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (holds_value_of (node, G_TYPE_INT64))
    *out = (double) json_node_get_int (node);
  else if (holds_value_of (node, G_TYPE_DOUBLE))
    *out = json_node_get_double (node);
  else
    return fail_member (path, member, "a number", error);
  if (present)
    *present = TRUE;
  return TRUE;
}

gboolean
cd_json_read_boolean (JsonObject  *object,
                      const char  *path,
                      const char  *member,
                      gboolean    *out,
                      gboolean    *present,
                      GError     **error)
{
  JsonNode *node = lookup (object, member);

  *out = FALSE;
  if (present)
    *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (!holds_value_of (node, G_TYPE_BOOLEAN))
    return fail_member (path, member, "a boolean", error);
  *out = json_node_get_boolean (node);
  if (present)
    *present = TRUE;
  return TRUE;
}

gboolean
cd_json_read_datetime (JsonObject  *object,
                       const char  *path,
                       const char  *member,
                       GDateTime  **out,
                       GError     **error)
{
  JsonNode *node = lookup (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!holds_value_of (node, G_TYPE_STRING))
    return fail_member (path, member, "an RFC 3339 time string", error);
  *out = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  if (*out == NULL)
    return fail_member (path, member, "an RFC 3339 time string", error);
  return TRUE;
}

gboolean
cd_json_read_object (JsonObject  *object,
                     const char  *path,
                     const char  *member,
                     JsonObject **out,
                     GError     **error)
{
  JsonNode *node = lookup (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_member (path, member, "an object", error);
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
cd_json_read_array (JsonObject  *object,
                    const char  *path,
                    const char  *member,
                    JsonArray  **out,
                    GError     **error)
{
  JsonNode *node = lookup (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_member (path, member, "an array", error);
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
cd_json_read_strv (JsonObject  *object,
                   const char  *path,
                   const char  *member,
                   char      ***out,
                   GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = NULL;

  *out = NULL;
  if (!cd_json_read_array (object, path, member, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!holds_value_of (element, G_TYPE_STRING))
        return fail_member (path, member, "an array of strings", error);
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Reads "uXXXX" at @i into @unit. */
static gboolean
read_unicode_escape (const char *text,
                     gsize       length,
                     gsize       i,
                     guint      *unit)
{
  if (i + 5 > length || text[i] != 'u')
    return FALSE;
  *unit = 0;
  for (gsize k = i + 1; k < i + 5; k++)
    {
      int digit = g_ascii_xdigit_value (text[k]);

      if (digit < 0)
        return FALSE;
      *unit = *unit * 16 + (guint) digit;
    }
  return TRUE;
}

/* Length of the escape after a backslash at @i - 1 in a string, 0 if JSON does
 * not allow it.  json-glib 1.6 also takes octal escapes such as "\777" and lone
 * UTF-16 surrogates, and turns them into invalid UTF-8 (found by the long fuzz
 * run). */
static gsize
escape_length (const char *text,
               gsize       length,
               gsize       i)
{
  guint unit, low;

  if (i < length && text[i] != '\0' && strchr ("\"\\/bfnrt", text[i]) != NULL)
    return 1;
  if (!read_unicode_escape (text, length, i, &unit) || (unit >= 0xDC00 && unit <= 0xDFFF))
    return 0;
  if (unit < 0xD800 || unit > 0xDBFF)
    return 5;
  if (i + 5 < length && text[i + 5] == '\\' &&
      read_unicode_escape (text, length, i + 6, &low) && low >= 0xDC00 && low <= 0xDFFF)
    return 11;
  return 0;
}

/* Outside strings JSON has only structure, white space, numbers and
 * true/false/null.  json-glib 1.6's scanner also reads comments ('/'),
 * single-quoted strings and identifiers, and leaks nodes on some of them. */
static gboolean
is_json_char_outside_strings (char c)
{
  return c != '\0' && strchr ("{}[],:\" \t\n\r-+.0123456789Eaeflnrstu", c) != NULL;
}

/*
 * TRUE unless @text is not JSON in a way json-glib 1.6 mishandles: a second
 * top-level value after the first one ("0{…}", "{…}{…}": json-glib keeps the
 * first and leaks the rest), a character JSON has no use for outside strings,
 * or an escape JSON does not allow (all found by tests/fuzz with LeakSanitizer
 * or UTF-8 checks).  A leading BOM is skipped; anything else is left to json-glib.
 */
static gboolean
passes_json_precheck (const char *text,
                      gsize       length)
{
  gsize depth = 0;
  gboolean in_string = FALSE, in_scalar = FALSE, done = FALSE;
  gsize i = length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

  for (; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          gsize escape = c == '\\' ? escape_length (text, length, i + 1) : 0;

          if (c == '\\' && escape == 0)
            return FALSE;
          i += escape;
          if (c == '"')
            {
              in_string = FALSE;
              done = depth == 0;
            }
          continue;
        }
      if (!is_json_char_outside_strings (c))
        return FALSE;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          done = done || (depth == 0 && in_scalar);
          continue;
        }
      if (depth == 0 && (done || (in_scalar && (c == '{' || c == '[' || c == '"'))))
        return FALSE;
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return TRUE; /* unbalanced: json-glib reports it */
          done = --depth == 0;
        }
      else if (depth == 0)
        in_scalar = TRUE;
    }
  return TRUE;
}

JsonNode *
cd_json_parse (const char  *text,
               gssize       length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (text != NULL && length < 0)
    length = (gssize) strlen (text);
  if ((text != NULL && !passes_json_precheck (text, (gsize) length)) ||
      !json_parser_load_from_data (parser, text ? text : "", text ? length : 0, &local_error))
    {
      g_propagate_error (error,
                         cd_api_error_new (CD_API_ERROR_BAD_RESPONSE, 0,
                                           "The server sent malformed JSON",
                                           "BAD_RESPONSE", NULL));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_propagate_error (error,
                         cd_api_error_new (CD_API_ERROR_BAD_RESPONSE, 0,
                                           "The server sent an empty response",
                                           "BAD_RESPONSE", NULL));
      return NULL;
    }
  return json_node_ref (root);
}
