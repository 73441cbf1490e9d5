/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-agent.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdAgent
{
  GObject parent_instance;

  gint64 id;
  char *name;
  gboolean published;
  GListModel *variables;
};

G_DEFINE_FINAL_TYPE (CdAgent, cd_agent, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PUBLISHED,
  PROP_VARIABLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_agent_finalize (GObject *object)
{
  CdAgent *self = CD_AGENT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->variables);

  G_OBJECT_CLASS (cd_agent_parent_class)->finalize (object);
}

static void
cd_agent_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CdAgent *self = CD_AGENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PUBLISHED:
      g_value_set_boolean (value, self->published);
      break;

    case PROP_VARIABLES:
      g_value_set_object (value, self->variables);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_agent_class_init (CdAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_agent_finalize;
  object_class->get_property = cd_agent_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_PUBLISHED] =
    g_param_spec_boolean ("published", NULL, NULL, FALSE, PARAM_FLAGS);
  properties[PROP_VARIABLES] =
    g_param_spec_object ("variables", NULL, NULL, G_TYPE_LIST_MODEL, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_agent_init (CdAgent *self)
{
  self->variables = G_LIST_MODEL (g_list_store_new (CD_TYPE_AGENT_VARIABLE));
}

static gboolean
parse_members (CdAgent     *self,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;
  JsonArray *array = NULL;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->id = number;
  if (!cd_json_read_string (object, path, "name", &self->name, error))
    return FALSE;
  if (!cd_json_read_boolean (object, path, "published", &self->published, NULL, error))
    return FALSE;
  if (!cd_json_read_array (object, path, "variables", &array, error))
    return FALSE;
  if (array != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "variables");
      GListModel *list = cd_agent_variable_list_from_array (array, child_path, error);

      if (list == NULL)
        return FALSE;
      g_clear_object (&self->variables);
      self->variables = list;
    }
  return TRUE;
}

CdAgent *
cd_agent_new_from_object (JsonObject  *object,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(CdAgent) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_AGENT, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdAgent *
cd_agent_new_from_json (JsonNode  *node,
                        GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "agent", error);

  if (object == NULL)
    return NULL;
  return cd_agent_new_from_object (object, NULL, error);
}

GListModel *
cd_agent_list_from_array (JsonArray   *array,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_AGENT);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdAgent) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_agent_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_agent_list_from_json (JsonNode  *array_node,
                         GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "agents", error);

  if (array == NULL)
    return NULL;
  return cd_agent_list_from_array (array, NULL, error);
}

gint64
cd_agent_get_id (CdAgent *self)
{
  g_return_val_if_fail (CD_IS_AGENT (self), 0);

  return self->id;
}

const char *
cd_agent_get_name (CdAgent *self)
{
  g_return_val_if_fail (CD_IS_AGENT (self), NULL);

  return self->name;
}

gboolean
cd_agent_get_published (CdAgent *self)
{
  g_return_val_if_fail (CD_IS_AGENT (self), FALSE);

  return self->published;
}

GListModel *
cd_agent_get_variables (CdAgent *self)
{
  g_return_val_if_fail (CD_IS_AGENT (self), NULL);

  return self->variables;
}
