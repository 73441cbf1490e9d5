/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-agent-variable.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdAgentVariable
{
  GObject parent_instance;

  char *name;
  char *description;
  gboolean mappable;
};

G_DEFINE_FINAL_TYPE (CdAgentVariable, cd_agent_variable, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_MAPPABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_agent_variable_finalize (GObject *object)
{
  CdAgentVariable *self = CD_AGENT_VARIABLE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (cd_agent_variable_parent_class)->finalize (object);
}

static void
cd_agent_variable_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CdAgentVariable *self = CD_AGENT_VARIABLE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_MAPPABLE:
      g_value_set_boolean (value, self->mappable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_agent_variable_class_init (CdAgentVariableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_agent_variable_finalize;
  object_class->get_property = cd_agent_variable_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_MAPPABLE] =
    g_param_spec_boolean ("mappable", NULL, NULL, FALSE, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_agent_variable_init (CdAgentVariable *self)
{
}

static gboolean
parse_members (CdAgentVariable  *self,
               JsonObject       *object,
               const char       *path,
               GError          **error)
{
  if (!cd_json_read_string (object, path, "name", &self->name, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "description", &self->description, error))
    return FALSE;
  if (!cd_json_read_boolean (object, path, "mappable", &self->mappable, NULL, error))
    return FALSE;
  return TRUE;
}

CdAgentVariable *
cd_agent_variable_new_from_object (JsonObject  *object,
                                   const char  *path,
                                   GError     **error)
{
  g_autoptr(CdAgentVariable) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_AGENT_VARIABLE, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdAgentVariable *
cd_agent_variable_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "agent_variable", error);

  if (object == NULL)
    return NULL;
  return cd_agent_variable_new_from_object (object, NULL, error);
}

GListModel *
cd_agent_variable_list_from_array (JsonArray   *array,
                                   const char  *path,
                                   GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_AGENT_VARIABLE);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdAgentVariable) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_agent_variable_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_agent_variable_list_from_json (JsonNode  *array_node,
                                  GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "agent_variables", error);

  if (array == NULL)
    return NULL;
  return cd_agent_variable_list_from_array (array, NULL, error);
}

const char *
cd_agent_variable_get_name (CdAgentVariable *self)
{
  g_return_val_if_fail (CD_IS_AGENT_VARIABLE (self), NULL);

  return self->name;
}

const char *
cd_agent_variable_get_description (CdAgentVariable *self)
{
  g_return_val_if_fail (CD_IS_AGENT_VARIABLE (self), NULL);

  return self->description;
}

gboolean
cd_agent_variable_get_mappable (CdAgentVariable *self)
{
  g_return_val_if_fail (CD_IS_AGENT_VARIABLE (self), FALSE);

  return self->mappable;
}
