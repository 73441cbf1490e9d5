/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-cost-item.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdCostItem
{
  GObject parent_instance;

  char *item;
  CdMoney *amount;
};

G_DEFINE_FINAL_TYPE (CdCostItem, cd_cost_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ITEM,
  PROP_AMOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_cost_item_finalize (GObject *object)
{
  CdCostItem *self = CD_COST_ITEM (object);

  g_clear_pointer (&self->item, g_free);
  g_clear_pointer (&self->amount, cd_money_free);

  G_OBJECT_CLASS (cd_cost_item_parent_class)->finalize (object);
}

static void
cd_cost_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdCostItem *self = CD_COST_ITEM (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_string (value, self->item);
      break;

    case PROP_AMOUNT:
      g_value_set_boxed (value, self->amount);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_cost_item_class_init (CdCostItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_cost_item_finalize;
  object_class->get_property = cd_cost_item_get_property;

  properties[PROP_ITEM] =
    g_param_spec_string ("item", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_AMOUNT] =
    g_param_spec_boxed ("amount", NULL, NULL, CD_TYPE_MONEY, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_cost_item_init (CdCostItem *self)
{
}

static gboolean
parse_members (CdCostItem  *self,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  if (!cd_json_read_string (object, path, "item", &self->item, error))
    return FALSE;
  if (!cd_money_read (object, path, "amount", &self->amount, error))
    return FALSE;
  return TRUE;
}

CdCostItem *
cd_cost_item_new_from_object (JsonObject  *object,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(CdCostItem) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_COST_ITEM, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdCostItem *
cd_cost_item_new_from_json (JsonNode  *node,
                            GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "cost_item", error);

  if (object == NULL)
    return NULL;
  return cd_cost_item_new_from_object (object, NULL, error);
}

GListModel *
cd_cost_item_list_from_array (JsonArray   *array,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_COST_ITEM);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdCostItem) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_cost_item_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_cost_item_list_from_json (JsonNode  *array_node,
                             GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "cost_items", error);

  if (array == NULL)
    return NULL;
  return cd_cost_item_list_from_array (array, NULL, error);
}

const char *
cd_cost_item_get_item (CdCostItem *self)
{
  g_return_val_if_fail (CD_IS_COST_ITEM (self), NULL);

  return self->item;
}

const CdMoney *
cd_cost_item_get_amount (CdCostItem *self)
{
  g_return_val_if_fail (CD_IS_COST_ITEM (self), NULL);

  return self->amount;
}
