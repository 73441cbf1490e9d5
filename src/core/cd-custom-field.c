/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-custom-field.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdCustomField
{
  GObject parent_instance;

  char *key;
  char *label;
  CdFieldType type;
  char **enum_values;
  gboolean required;
  char *default_value;
  gboolean signal;
  char **enum_labels;
};

G_DEFINE_FINAL_TYPE (CdCustomField, cd_custom_field, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KEY,
  PROP_LABEL,
  PROP_TYPE,
  PROP_ENUM_VALUES,
  PROP_REQUIRED,
  PROP_DEFAULT,
  PROP_SIGNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_custom_field_finalize (GObject *object)
{
  CdCustomField *self = CD_CUSTOM_FIELD (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->enum_values, g_strfreev);
  g_clear_pointer (&self->default_value, g_free);
  g_clear_pointer (&self->enum_labels, g_strfreev);

  G_OBJECT_CLASS (cd_custom_field_parent_class)->finalize (object);
}

static void
cd_custom_field_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdCustomField *self = CD_CUSTOM_FIELD (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_TYPE:
      g_value_set_enum (value, self->type);
      break;

    case PROP_ENUM_VALUES:
      g_value_set_boxed (value, self->enum_values);
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;

    case PROP_DEFAULT:
      g_value_set_string (value, self->default_value);
      break;

    case PROP_SIGNAL:
      g_value_set_boolean (value, self->signal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_custom_field_class_init (CdCustomFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_custom_field_finalize;
  object_class->get_property = cd_custom_field_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TYPE] =
    g_param_spec_enum ("type", NULL, NULL, CD_TYPE_FIELD_TYPE, 0, PARAM_FLAGS);
  properties[PROP_ENUM_VALUES] =
    g_param_spec_boxed ("enum-values", NULL, NULL, G_TYPE_STRV, PARAM_FLAGS);
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, FALSE, PARAM_FLAGS);
  properties[PROP_DEFAULT] =
    g_param_spec_string ("default", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_SIGNAL] =
    g_param_spec_boolean ("signal", NULL, NULL, FALSE, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_custom_field_init (CdCustomField *self)
{
  self->enum_values = g_new0 (char *, 1);
}

/* enum_values is either ["a","b"] or [{"value":"a","label":"A"}, …] */
static gboolean
parse_enum_values (CdCustomField  *self,
                   JsonArray      *array,
                   const char     *path,
                   GError        **error)
{
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = cd_model_index_path (path, i);
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          value = cd_model_scalar_to_string (json_object_get_member (object, "value"));
          if (!cd_json_read_string (object, item_path, "label", &label, error))
            return FALSE;
        }
      else
        value = cd_model_scalar_to_string (node);

      if (value == NULL)
        {
          g_propagate_error (error, cd_api_error_new_bad_member (item_path, "a string or {value, label}"));
          return FALSE;
        }
      g_strv_builder_add (values, value);
      g_strv_builder_add (labels, label ? label : value);
    }

  g_strfreev (self->enum_values);
  g_strfreev (self->enum_labels);
  self->enum_values = g_strv_builder_end (values);
  self->enum_labels = g_strv_builder_end (labels);
  return TRUE;
}

static gboolean
parse_extra (CdCustomField  *self,
             JsonObject     *object,
             const char     *path,
             GError        **error)
{
  JsonArray *array = NULL;
  JsonNode *node;

  if (!cd_json_read_array (object, path, "enum_values", &array, error))
    return FALSE;
  if (array != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "enum_values");

      if (!parse_enum_values (self, array, child_path, error))
        return FALSE;
    }

  node = json_object_get_member (object, "default");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *member = cd_model_path (path, "default");

      g_propagate_error (error, cd_api_error_new_bad_member (member, "a scalar"));
      return FALSE;
    }
  self->default_value = cd_model_scalar_to_string (node);
  return TRUE;
}

static gboolean
parse_members (CdCustomField  *self,
               JsonObject     *object,
               const char     *path,
               GError        **error)
{
  char *str = NULL;

  if (!cd_json_read_string (object, path, "key", &self->key, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "label", &self->label, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "type", &str, error))
    return FALSE;
  self->type = cd_field_type_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_boolean (object, path, "required", &self->required, NULL, error))
    return FALSE;
  if (!cd_json_read_boolean (object, path, "signal", &self->signal, NULL, error))
    return FALSE;
  if (!parse_extra (self, object, path, error))
    return FALSE;
  return TRUE;
}

CdCustomField *
cd_custom_field_new_from_object (JsonObject  *object,
                                 const char  *path,
                                 GError     **error)
{
  g_autoptr(CdCustomField) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_CUSTOM_FIELD, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdCustomField *
cd_custom_field_new_from_json (JsonNode  *node,
                               GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "custom_field", error);

  if (object == NULL)
    return NULL;
  return cd_custom_field_new_from_object (object, NULL, error);
}

GListModel *
cd_custom_field_list_from_array (JsonArray   *array,
                                 const char  *path,
                                 GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_CUSTOM_FIELD);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdCustomField) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_custom_field_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_custom_field_list_from_json (JsonNode  *array_node,
                                GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "custom_fields", error);

  if (array == NULL)
    return NULL;
  return cd_custom_field_list_from_array (array, NULL, error);
}

const char *
cd_custom_field_get_key (CdCustomField *self)
{
  g_return_val_if_fail (CD_IS_CUSTOM_FIELD (self), NULL);

  return self->key;
}

const char *
cd_custom_field_get_label (CdCustomField *self)
{
  g_return_val_if_fail (CD_IS_CUSTOM_FIELD (self), NULL);

  return self->label;
}

CdFieldType
cd_custom_field_get_field_type (CdCustomField *self)
{
  g_return_val_if_fail (CD_IS_CUSTOM_FIELD (self), 0);

  return self->type;
}

const char * const *
cd_custom_field_get_enum_values (CdCustomField *self)
{
  g_return_val_if_fail (CD_IS_CUSTOM_FIELD (self), NULL);

  return (const char * const *) self->enum_values;
}

gboolean
cd_custom_field_get_required (CdCustomField *self)
{
  g_return_val_if_fail (CD_IS_CUSTOM_FIELD (self), FALSE);

  return self->required;
}

const char *
cd_custom_field_get_default (CdCustomField *self)
{
  g_return_val_if_fail (CD_IS_CUSTOM_FIELD (self), NULL);

  return self->default_value;
}

gboolean
cd_custom_field_get_signal (CdCustomField *self)
{
  g_return_val_if_fail (CD_IS_CUSTOM_FIELD (self), FALSE);

  return self->signal;
}

const char *
cd_custom_field_get_enum_label (CdCustomField *self,
                                const char    *value)
{
  g_return_val_if_fail (CD_IS_CUSTOM_FIELD (self), NULL);

  if (value == NULL || self->enum_labels == NULL)
    return NULL;
  for (guint i = 0; self->enum_values[i] != NULL; i++)
    if (g_strcmp0 (self->enum_values[i], value) == 0)
      return self->enum_labels[i];
  return NULL;
}
