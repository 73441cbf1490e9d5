/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-phone-number.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdPhoneNumber
{
  GObject parent_instance;

  gint64 id;
  char *e164;
  char *label;
  char *status;
};

G_DEFINE_FINAL_TYPE (CdPhoneNumber, cd_phone_number, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_E164,
  PROP_LABEL,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_phone_number_finalize (GObject *object)
{
  CdPhoneNumber *self = CD_PHONE_NUMBER (object);

  g_clear_pointer (&self->e164, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (cd_phone_number_parent_class)->finalize (object);
}

static void
cd_phone_number_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdPhoneNumber *self = CD_PHONE_NUMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_E164:
      g_value_set_string (value, self->e164);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_phone_number_class_init (CdPhoneNumberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_phone_number_finalize;
  object_class->get_property = cd_phone_number_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_E164] =
    g_param_spec_string ("e164", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_phone_number_init (CdPhoneNumber *self)
{
}

static gboolean
parse_members (CdPhoneNumber  *self,
               JsonObject     *object,
               const char     *path,
               GError        **error)
{
  gint64 number = 0;
  gboolean present = FALSE;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->id = number;
  if (!cd_json_read_string (object, path, "e164", &self->e164, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "label", &self->label, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "status", &self->status, error))
    return FALSE;
  return TRUE;
}

CdPhoneNumber *
cd_phone_number_new_from_object (JsonObject  *object,
                                 const char  *path,
                                 GError     **error)
{
  g_autoptr(CdPhoneNumber) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_PHONE_NUMBER, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdPhoneNumber *
cd_phone_number_new_from_json (JsonNode  *node,
                               GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "phone_number", error);

  if (object == NULL)
    return NULL;
  return cd_phone_number_new_from_object (object, NULL, error);
}

GListModel *
cd_phone_number_list_from_array (JsonArray   *array,
                                 const char  *path,
                                 GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_PHONE_NUMBER);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdPhoneNumber) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_phone_number_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_phone_number_list_from_json (JsonNode  *array_node,
                                GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "phone_numbers", error);

  if (array == NULL)
    return NULL;
  return cd_phone_number_list_from_array (array, NULL, error);
}

gint64
cd_phone_number_get_id (CdPhoneNumber *self)
{
  g_return_val_if_fail (CD_IS_PHONE_NUMBER (self), 0);

  return self->id;
}

const char *
cd_phone_number_get_e164 (CdPhoneNumber *self)
{
  g_return_val_if_fail (CD_IS_PHONE_NUMBER (self), NULL);

  return self->e164;
}

const char *
cd_phone_number_get_label (CdPhoneNumber *self)
{
  g_return_val_if_fail (CD_IS_PHONE_NUMBER (self), NULL);

  return self->label;
}

const char *
cd_phone_number_get_status (CdPhoneNumber *self)
{
  g_return_val_if_fail (CD_IS_PHONE_NUMBER (self), NULL);

  return self->status;
}
