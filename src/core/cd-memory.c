/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-memory.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdMemory
{
  GObject parent_instance;

  char *summary;
  GListModel *open_items;
  GListModel *facts;
  GListModel *interactions;
  CdLlmUsage *llm_usage;
  CdRebuildStatus rebuild_status;
  GDateTime *rebuild_requested_at;
  GDateTime *updated_at;
};

G_DEFINE_FINAL_TYPE (CdMemory, cd_memory, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SUMMARY,
  PROP_OPEN_ITEMS,
  PROP_FACTS,
  PROP_INTERACTIONS,
  PROP_LLM_USAGE,
  PROP_REBUILD_STATUS,
  PROP_REBUILD_REQUESTED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_memory_finalize (GObject *object)
{
  CdMemory *self = CD_MEMORY (object);

  g_clear_pointer (&self->summary, g_free);
  g_clear_object (&self->open_items);
  g_clear_object (&self->facts);
  g_clear_object (&self->interactions);
  g_clear_object (&self->llm_usage);
  g_clear_pointer (&self->rebuild_requested_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (cd_memory_parent_class)->finalize (object);
}

static void
cd_memory_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CdMemory *self = CD_MEMORY (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_OPEN_ITEMS:
      g_value_set_object (value, self->open_items);
      break;

    case PROP_FACTS:
      g_value_set_object (value, self->facts);
      break;

    case PROP_INTERACTIONS:
      g_value_set_object (value, self->interactions);
      break;

    case PROP_LLM_USAGE:
      g_value_set_object (value, self->llm_usage);
      break;

    case PROP_REBUILD_STATUS:
      g_value_set_enum (value, self->rebuild_status);
      break;

    case PROP_REBUILD_REQUESTED_AT:
      g_value_set_boxed (value, self->rebuild_requested_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_memory_class_init (CdMemoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_memory_finalize;
  object_class->get_property = cd_memory_get_property;

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_OPEN_ITEMS] =
    g_param_spec_object ("open-items", NULL, NULL, G_TYPE_LIST_MODEL, PARAM_FLAGS);
  properties[PROP_FACTS] =
    g_param_spec_object ("facts", NULL, NULL, G_TYPE_LIST_MODEL, PARAM_FLAGS);
  properties[PROP_INTERACTIONS] =
    g_param_spec_object ("interactions", NULL, NULL, G_TYPE_LIST_MODEL, PARAM_FLAGS);
  properties[PROP_LLM_USAGE] =
    g_param_spec_object ("llm-usage", NULL, NULL, CD_TYPE_LLM_USAGE, PARAM_FLAGS);
  properties[PROP_REBUILD_STATUS] =
    g_param_spec_enum ("rebuild-status", NULL, NULL, CD_TYPE_REBUILD_STATUS, 0, PARAM_FLAGS);
  properties[PROP_REBUILD_REQUESTED_AT] =
    g_param_spec_boxed ("rebuild-requested-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_memory_init (CdMemory *self)
{
  self->open_items = G_LIST_MODEL (g_list_store_new (CD_TYPE_OPEN_ITEM));
  self->facts = G_LIST_MODEL (g_list_store_new (CD_TYPE_MEMORY_FACT));
  self->interactions = G_LIST_MODEL (g_list_store_new (CD_TYPE_INTERACTION));
}

static gboolean
parse_rebuild (CdMemory    *self,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  char *str = NULL;

  if (!cd_json_read_string (object, path, "status", &str, error))
    return FALSE;
  self->rebuild_status = cd_rebuild_status_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_datetime (object, path, "requested_at", &self->rebuild_requested_at, error))
    return FALSE;
  return TRUE;
}

static gboolean
parse_members (CdMemory    *self,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  JsonObject *child = NULL;
  JsonArray *array = NULL;

  if (!cd_json_read_string (object, path, "summary", &self->summary, error))
    return FALSE;
  if (!cd_json_read_array (object, path, "open_items", &array, error))
    return FALSE;
  if (array != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "open_items");
      GListModel *list = cd_open_item_list_from_array (array, child_path, error);

      if (list == NULL)
        return FALSE;
      g_clear_object (&self->open_items);
      self->open_items = list;
    }
  if (!cd_json_read_array (object, path, "facts", &array, error))
    return FALSE;
  if (array != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "facts");
      GListModel *list = cd_memory_fact_list_from_array (array, child_path, error);

      if (list == NULL)
        return FALSE;
      g_clear_object (&self->facts);
      self->facts = list;
    }
  if (!cd_json_read_array (object, path, "interactions", &array, error))
    return FALSE;
  if (array != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "interactions");
      GListModel *list = cd_interaction_list_from_array (array, child_path, error);

      if (list == NULL)
        return FALSE;
      g_clear_object (&self->interactions);
      self->interactions = list;
    }
  if (!cd_json_read_object (object, path, "llm_usage", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "llm_usage");

      self->llm_usage = cd_llm_usage_new_from_object (child, child_path, error);
      if (self->llm_usage == NULL)
        return FALSE;
    }
  if (!cd_json_read_datetime (object, path, "updated_at", &self->updated_at, error))
    return FALSE;
  if (!cd_json_read_object (object, path, "rebuild", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "rebuild");

      if (!parse_rebuild (self, child, child_path, error))
        return FALSE;
    }
  return TRUE;
}

CdMemory *
cd_memory_new_from_object (JsonObject  *object,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(CdMemory) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_MEMORY, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdMemory *
cd_memory_new_from_json (JsonNode  *node,
                         GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "memory", error);

  if (object == NULL)
    return NULL;
  return cd_memory_new_from_object (object, NULL, error);
}

const char *
cd_memory_get_summary (CdMemory *self)
{
  g_return_val_if_fail (CD_IS_MEMORY (self), NULL);

  return self->summary;
}

GListModel *
cd_memory_get_open_items (CdMemory *self)
{
  g_return_val_if_fail (CD_IS_MEMORY (self), NULL);

  return self->open_items;
}

GListModel *
cd_memory_get_facts (CdMemory *self)
{
  g_return_val_if_fail (CD_IS_MEMORY (self), NULL);

  return self->facts;
}

GListModel *
cd_memory_get_interactions (CdMemory *self)
{
  g_return_val_if_fail (CD_IS_MEMORY (self), NULL);

  return self->interactions;
}

CdLlmUsage *
cd_memory_get_llm_usage (CdMemory *self)
{
  g_return_val_if_fail (CD_IS_MEMORY (self), NULL);

  return self->llm_usage;
}

CdRebuildStatus
cd_memory_get_rebuild_status (CdMemory *self)
{
  g_return_val_if_fail (CD_IS_MEMORY (self), 0);

  return self->rebuild_status;
}

GDateTime *
cd_memory_get_rebuild_requested_at (CdMemory *self)
{
  g_return_val_if_fail (CD_IS_MEMORY (self), NULL);

  return self->rebuild_requested_at;
}

GDateTime *
cd_memory_get_updated_at (CdMemory *self)
{
  g_return_val_if_fail (CD_IS_MEMORY (self), NULL);

  return self->updated_at;
}
