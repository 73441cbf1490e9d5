/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-open-item.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdOpenItem
{
  GObject parent_instance;

  char *title;
  GDateTime *due_date;
};

G_DEFINE_FINAL_TYPE (CdOpenItem, cd_open_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_DUE_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_open_item_finalize (GObject *object)
{
  CdOpenItem *self = CD_OPEN_ITEM (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->due_date, g_date_time_unref);

  G_OBJECT_CLASS (cd_open_item_parent_class)->finalize (object);
}

static void
cd_open_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdOpenItem *self = CD_OPEN_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DUE_DATE:
      g_value_set_boxed (value, self->due_date);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_open_item_class_init (CdOpenItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_open_item_finalize;
  object_class->get_property = cd_open_item_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_DUE_DATE] =
    g_param_spec_boxed ("due-date", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_open_item_init (CdOpenItem *self)
{
}

/* Due dates are often date-only ("2026-03-12"); accept those and full RFC 3339.
 * An unreadable date is dropped rather than losing the whole memory card. */
static gboolean
parse_extra (CdOpenItem  *self,
             JsonObject  *object,
             const char  *path,
             GError     **error)
{
  g_autofree char *text = NULL;
  int y, m, d;
  char end;

  if (!cd_json_read_string (object, path, "due_date", &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  self->due_date = g_date_time_new_from_iso8601 (text, NULL);
  if (self->due_date == NULL && sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 &&
      g_date_valid_dmy (d, m, y))
    self->due_date = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (self->due_date == NULL)
    g_debug ("Ignoring unreadable open item due date");
  return TRUE;
}

static gboolean
parse_members (CdOpenItem  *self,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  if (!cd_json_read_string (object, path, "title", &self->title, error))
    return FALSE;
  if (!parse_extra (self, object, path, error))
    return FALSE;
  return TRUE;
}

CdOpenItem *
cd_open_item_new_from_object (JsonObject  *object,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(CdOpenItem) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_OPEN_ITEM, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdOpenItem *
cd_open_item_new_from_json (JsonNode  *node,
                            GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "open_item", error);

  if (object == NULL)
    return NULL;
  return cd_open_item_new_from_object (object, NULL, error);
}

GListModel *
cd_open_item_list_from_array (JsonArray   *array,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_OPEN_ITEM);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdOpenItem) item = NULL;
      JsonObject *object;

      /* a plain string is shorthand for an item with only a title */
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          item = g_object_new (CD_TYPE_OPEN_ITEM, NULL);
          item->title = g_strdup (json_node_get_string (node));
          g_list_store_append (store, item);
          continue;
        }

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_open_item_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_open_item_list_from_json (JsonNode  *array_node,
                             GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "open_items", error);

  if (array == NULL)
    return NULL;
  return cd_open_item_list_from_array (array, NULL, error);
}

const char *
cd_open_item_get_title (CdOpenItem *self)
{
  g_return_val_if_fail (CD_IS_OPEN_ITEM (self), NULL);

  return self->title;
}

GDateTime *
cd_open_item_get_due_date (CdOpenItem *self)
{
  g_return_val_if_fail (CD_IS_OPEN_ITEM (self), NULL);

  return self->due_date;
}
