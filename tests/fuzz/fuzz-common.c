/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include <string.h>

#include "fuzz-common.h"

/* Keeps the optimiser from dropping the reads we only do for their side effects. */
static volatile gsize sink;

static const char demo_definitions[] =
  "[{\"key\":\"plan_tier\",\"label\":\"Plan tier\",\"type\":\"enum\",\"enum_values\":"
  "[{\"value\":\"bronze\",\"label\":\"Bronze\"},{\"value\":\"gold\",\"label\":\"Gold\"}],"
  "\"required\":false,\"default\":\"bronze\",\"signal\":false},"
  "{\"key\":\"budget\",\"label\":\"Budget\",\"type\":\"number\",\"default\":0},"
  "{\"key\":\"renewal_date\",\"label\":\"Renewal date\",\"type\":\"date\"},"
  "{\"key\":\"newsletter\",\"label\":\"Newsletter\",\"type\":\"boolean\"},"
  "{\"key\":\"notes\",\"label\":\"Notes\",\"type\":\"text\"},"
  "{\"key\":\"interest_score\",\"label\":\"Score\",\"type\":\"number\",\"signal\":true}]";

static GListModel *definitions;
static GDateTime *fixed_now;

void
cd_fuzz_init (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  /* Same as the test suites' G_DEBUG=fatal-criticals, plus warnings. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);

  fixed_now = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);
  node = cd_json_parse (demo_definitions, -1, &error);
  g_assert_no_error (error);
  definitions = cd_custom_field_list_from_json (node, &error);
  g_assert_no_error (error);
}

JsonNode *
cd_fuzz_parse (const uint8_t *data,
               size_t         size)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  node = cd_json_parse ((const char *) data, (gssize) size, &error);
  g_assert ((node == NULL) == (error != NULL));
  return node;
}

GDateTime *
cd_fuzz_now (void)
{
  return fixed_now;
}

GListModel *
cd_fuzz_definitions (void)
{
  return definitions;
}

void
cd_fuzz_use_string (const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  /* json-glib rejects invalid UTF-8, so anything invalid here was mangled by us
   * (e.g. a byte-wise truncation) and would make GTK labels warn. */
  g_assert (g_utf8_validate (text, -1, NULL));
  sink += strlen (text);
  escaped = g_markup_escape_text (text, -1);
  sink += strlen (escaped);
}

static void
use_owned_string (char *text)
{
  g_assert (text != NULL);
  cd_fuzz_use_string (text);
  g_free (text);
}

void
cd_fuzz_use_datetime (GDateTime *time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  use_owned_string (cd_format_relative (time, fixed_now));
  use_owned_string (cd_format_datetime (time, utc));
  use_owned_string (cd_format_date (time, utc));
  use_owned_string (cd_format_datetime (time, NULL));
}

static void
use_int64 (gint64 value)
{
  use_owned_string (cd_format_talk_time (value));
  use_owned_string (cd_format_duration (value));
  use_owned_string (cd_format_number ((double) value));
}

void
cd_fuzz_use_error (const GError *error)
{
  g_auto(GStrv) fields = NULL;

  if (error == NULL)
    return;
  cd_fuzz_use_string (error->message);
  if (error->domain != CD_API_ERROR)
    return;
  cd_fuzz_use_string (cd_api_error_get_request_id (error));
  cd_fuzz_use_string (cd_api_error_get_error_code (error));
  sink += cd_api_error_get_http_status (error);
  sink += cd_api_error_get_retry_after (error);
  fields = cd_api_error_dup_fields (error);
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      const char * const *messages = cd_api_error_get_field_messages (error, fields[i]);

      cd_fuzz_use_string (fields[i]);
      for (guint j = 0; messages != NULL && messages[j] != NULL; j++)
        cd_fuzz_use_string (messages[j]);
    }
}

void
cd_fuzz_walk_json (JsonNode *node,
                   guint     depth)
{
  g_autofree char *text = NULL;

  if (node == NULL)
    return;
  /* What a "raw JSON" view or the cache would do with it. */
  text = json_to_string (node, FALSE);
  sink += strlen (text);
  if (depth > 0 && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &child))
        cd_fuzz_use_string (member);
    }
}

static void walk_value (const GValue *value,
                        guint         depth);

void
cd_fuzz_walk_model (GListModel *model,
                    guint       depth)
{
  guint n;

  if (model == NULL)
    return;
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert (item != NULL);
      cd_fuzz_walk_object (item, depth);
    }
  g_assert (g_list_model_get_item (model, n) == NULL);
}

static void
walk_object_value (GObject *object,
                   guint    depth)
{
  if (object == NULL || depth == 0)
    return;
  if (G_IS_LIST_MODEL (object))
    cd_fuzz_walk_model (G_LIST_MODEL (object), depth - 1);
  else
    cd_fuzz_walk_object (object, depth - 1);
}

static void
walk_value (const GValue *value,
            guint         depth)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    cd_fuzz_use_string (g_value_get_string (value));
  else if (type == G_TYPE_INT64)
    use_int64 (g_value_get_int64 (value));
  else if (type == G_TYPE_INT || type == G_TYPE_UINT || type == G_TYPE_BOOLEAN ||
           type == G_TYPE_DOUBLE)
    {
      g_auto(GValue) as_string = G_VALUE_INIT;

      g_value_init (&as_string, G_TYPE_STRING);
      g_value_transform (value, &as_string);
      cd_fuzz_use_string (g_value_get_string (&as_string));
    }
  else if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);

      for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
        cd_fuzz_use_string (strv[i]);
    }
  else if (type == G_TYPE_DATE_TIME)
    cd_fuzz_use_datetime (g_value_get_boxed (value));
  else if (type == CD_TYPE_MONEY)
    use_owned_string (cd_format_money (g_value_get_boxed (value)));
  else if (type == JSON_TYPE_OBJECT)
    {
      JsonObject *object = g_value_get_boxed (value);

      if (object != NULL)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

          cd_fuzz_walk_json (node, depth);
        }
    }
  else if (type == JSON_TYPE_NODE)
    cd_fuzz_walk_json (g_value_get_boxed (value), depth);
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = g_type_class_ref (type);
      GEnumValue *enum_value = g_enum_get_value (klass, g_value_get_enum (value));

      /* A mapping must only ever produce declared values (UNKNOWN for the rest). */
      g_assert (enum_value != NULL);
      g_type_class_unref (klass);
    }
  else if (G_TYPE_IS_FLAGS (type))
    sink += g_value_get_flags (value);
  else if (g_type_is_a (type, G_TYPE_OBJECT))
    walk_object_value (g_value_get_object (value), depth);
}

void
cd_fuzz_walk_object (GObject *object,
                     guint    depth)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  if (object == NULL)
    return;
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      walk_value (&value, depth);
    }
}
