/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-tenant.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdTenant
{
  GObject parent_instance;

  gint64 id;
  char *name;
};

G_DEFINE_FINAL_TYPE (CdTenant, cd_tenant, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_tenant_finalize (GObject *object)
{
  CdTenant *self = CD_TENANT (object);

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (cd_tenant_parent_class)->finalize (object);
}

static void
cd_tenant_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CdTenant *self = CD_TENANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_tenant_class_init (CdTenantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_tenant_finalize;
  object_class->get_property = cd_tenant_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_tenant_init (CdTenant *self)
{
}

static gboolean
parse_members (CdTenant    *self,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->id = number;
  if (!cd_json_read_string (object, path, "name", &self->name, error))
    return FALSE;
  return TRUE;
}

CdTenant *
cd_tenant_new_from_object (JsonObject  *object,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(CdTenant) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_TENANT, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdTenant *
cd_tenant_new_from_json (JsonNode  *node,
                         GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "tenant", error);

  if (object == NULL)
    return NULL;
  return cd_tenant_new_from_object (object, NULL, error);
}

GListModel *
cd_tenant_list_from_array (JsonArray   *array,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_TENANT);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdTenant) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_tenant_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_tenant_list_from_json (JsonNode  *array_node,
                          GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "tenants", error);

  if (array == NULL)
    return NULL;
  return cd_tenant_list_from_array (array, NULL, error);
}

gint64
cd_tenant_get_id (CdTenant *self)
{
  g_return_val_if_fail (CD_IS_TENANT (self), 0);

  return self->id;
}

const char *
cd_tenant_get_name (CdTenant *self)
{
  g_return_val_if_fail (CD_IS_TENANT (self), NULL);

  return self->name;
}
