/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-memory-fact.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdMemoryFact
{
  GObject parent_instance;

  char *key;
  char *label;
  char *value;
  CdFactSource source;
  char *ai_value;
  GDateTime *updated_at;
};

G_DEFINE_FINAL_TYPE (CdMemoryFact, cd_memory_fact, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KEY,
  PROP_LABEL,
  PROP_VALUE,
  PROP_SOURCE,
  PROP_AI_VALUE,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_memory_fact_finalize (GObject *object)
{
  CdMemoryFact *self = CD_MEMORY_FACT (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->ai_value, g_free);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (cd_memory_fact_parent_class)->finalize (object);
}

static void
cd_memory_fact_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdMemoryFact *self = CD_MEMORY_FACT (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;

    case PROP_AI_VALUE:
      g_value_set_string (value, self->ai_value);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_memory_fact_class_init (CdMemoryFactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_memory_fact_finalize;
  object_class->get_property = cd_memory_fact_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL, CD_TYPE_FACT_SOURCE, 0, PARAM_FLAGS);
  properties[PROP_AI_VALUE] =
    g_param_spec_string ("ai-value", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_memory_fact_init (CdMemoryFact *self)
{
}

static gboolean
read_scalar (JsonObject  *object,
             const char  *path,
             const char  *member,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *name = cd_model_path (path, member);

      g_propagate_error (error, cd_api_error_new_bad_member (name, "a scalar"));
      return FALSE;
    }
  *out = cd_model_scalar_to_string (node);
  return TRUE;
}

static gboolean
parse_extra (CdMemoryFact  *self,
             JsonObject    *object,
             const char    *path,
             GError       **error)
{
  return read_scalar (object, path, "value", &self->value, error) &&
         read_scalar (object, path, "ai_value", &self->ai_value, error);
}

static gboolean
parse_members (CdMemoryFact  *self,
               JsonObject    *object,
               const char    *path,
               GError       **error)
{
  char *str = NULL;

  if (!cd_json_read_string (object, path, "key", &self->key, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "label", &self->label, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "source", &str, error))
    return FALSE;
  self->source = cd_fact_source_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_datetime (object, path, "updated_at", &self->updated_at, error))
    return FALSE;
  if (!parse_extra (self, object, path, error))
    return FALSE;
  return TRUE;
}

CdMemoryFact *
cd_memory_fact_new_from_object (JsonObject  *object,
                                const char  *path,
                                GError     **error)
{
  g_autoptr(CdMemoryFact) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_MEMORY_FACT, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdMemoryFact *
cd_memory_fact_new_from_json (JsonNode  *node,
                              GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "memory_fact", error);

  if (object == NULL)
    return NULL;
  return cd_memory_fact_new_from_object (object, NULL, error);
}

GListModel *
cd_memory_fact_list_from_array (JsonArray   *array,
                                const char  *path,
                                GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_MEMORY_FACT);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdMemoryFact) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_memory_fact_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_memory_fact_list_from_json (JsonNode  *array_node,
                               GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "memory_facts", error);

  if (array == NULL)
    return NULL;
  return cd_memory_fact_list_from_array (array, NULL, error);
}

const char *
cd_memory_fact_get_key (CdMemoryFact *self)
{
  g_return_val_if_fail (CD_IS_MEMORY_FACT (self), NULL);

  return self->key;
}

const char *
cd_memory_fact_get_label (CdMemoryFact *self)
{
  g_return_val_if_fail (CD_IS_MEMORY_FACT (self), NULL);

  return self->label;
}

const char *
cd_memory_fact_get_value (CdMemoryFact *self)
{
  g_return_val_if_fail (CD_IS_MEMORY_FACT (self), NULL);

  return self->value;
}

CdFactSource
cd_memory_fact_get_source (CdMemoryFact *self)
{
  g_return_val_if_fail (CD_IS_MEMORY_FACT (self), 0);

  return self->source;
}

const char *
cd_memory_fact_get_ai_value (CdMemoryFact *self)
{
  g_return_val_if_fail (CD_IS_MEMORY_FACT (self), NULL);

  return self->ai_value;
}

GDateTime *
cd_memory_fact_get_updated_at (CdMemoryFact *self)
{
  g_return_val_if_fail (CD_IS_MEMORY_FACT (self), NULL);

  return self->updated_at;
}

gboolean
cd_memory_fact_is_user_set (CdMemoryFact *self)
{
  g_return_val_if_fail (CD_IS_MEMORY_FACT (self), FALSE);

  return self->source == CD_FACT_SOURCE_USER;
}
