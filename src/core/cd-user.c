/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-user.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdUser
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *email;
  CdRole role;
  char *role_string;
  GListModel *tenants;
  gint64 current_tenant_id;
};

G_DEFINE_FINAL_TYPE (CdUser, cd_user, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_ROLE,
  PROP_ROLE_STRING,
  PROP_TENANTS,
  PROP_CURRENT_TENANT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_user_finalize (GObject *object)
{
  CdUser *self = CD_USER (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->role_string, g_free);
  g_clear_object (&self->tenants);

  G_OBJECT_CLASS (cd_user_parent_class)->finalize (object);
}

static void
cd_user_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CdUser *self = CD_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_ROLE_STRING:
      g_value_set_string (value, self->role_string);
      break;

    case PROP_TENANTS:
      g_value_set_object (value, self->tenants);
      break;

    case PROP_CURRENT_TENANT_ID:
      g_value_set_int64 (value, self->current_tenant_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_user_class_init (CdUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_user_finalize;
  object_class->get_property = cd_user_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, CD_TYPE_ROLE, 0, PARAM_FLAGS);
  properties[PROP_ROLE_STRING] =
    g_param_spec_string ("role-string", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TENANTS] =
    g_param_spec_object ("tenants", NULL, NULL, G_TYPE_LIST_MODEL, PARAM_FLAGS);
  properties[PROP_CURRENT_TENANT_ID] =
    g_param_spec_int64 ("current-tenant-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_user_init (CdUser *self)
{
  self->tenants = G_LIST_MODEL (g_list_store_new (CD_TYPE_TENANT));
}

static gboolean
parse_members (CdUser      *self,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;
  char *str = NULL;
  JsonArray *array = NULL;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->id = number;
  if (!cd_json_read_string (object, path, "name", &self->name, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "email", &self->email, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "role", &str, error))
    return FALSE;
  self->role = cd_role_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_string (object, path, "role", &self->role_string, error))
    return FALSE;
  if (!cd_json_read_array (object, path, "tenants", &array, error))
    return FALSE;
  if (array != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "tenants");
      GListModel *list = cd_tenant_list_from_array (array, child_path, error);

      if (list == NULL)
        return FALSE;
      g_clear_object (&self->tenants);
      self->tenants = list;
    }
  if (!cd_json_read_int (object, path, "current_tenant_id", &number, &present, error))
    return FALSE;
  if (present)
    self->current_tenant_id = number;
  return TRUE;
}

CdUser *
cd_user_new_from_object (JsonObject  *object,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(CdUser) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_USER, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdUser *
cd_user_new_from_json (JsonNode  *node,
                       GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "user", error);

  if (object == NULL)
    return NULL;
  return cd_user_new_from_object (object, NULL, error);
}

gint64
cd_user_get_id (CdUser *self)
{
  g_return_val_if_fail (CD_IS_USER (self), 0);

  return self->id;
}

const char *
cd_user_get_name (CdUser *self)
{
  g_return_val_if_fail (CD_IS_USER (self), NULL);

  return self->name;
}

const char *
cd_user_get_email (CdUser *self)
{
  g_return_val_if_fail (CD_IS_USER (self), NULL);

  return self->email;
}

CdRole
cd_user_get_role (CdUser *self)
{
  g_return_val_if_fail (CD_IS_USER (self), 0);

  return self->role;
}

const char *
cd_user_get_role_string (CdUser *self)
{
  g_return_val_if_fail (CD_IS_USER (self), NULL);

  return self->role_string;
}

GListModel *
cd_user_get_tenants (CdUser *self)
{
  g_return_val_if_fail (CD_IS_USER (self), NULL);

  return self->tenants;
}

gint64
cd_user_get_current_tenant_id (CdUser *self)
{
  g_return_val_if_fail (CD_IS_USER (self), 0);

  return self->current_tenant_id;
}

gboolean
cd_role_can_place_calls (CdRole role)
{
  return role == CD_ROLE_TENANT_ADMIN || role == CD_ROLE_TENANT_OPERATOR ||
         role == CD_ROLE_SUPERADMIN || role == CD_ROLE_PLATFORM_ADMIN;
}

gboolean
cd_role_can_edit (CdRole role)
{
  return cd_role_can_place_calls (role);
}

gboolean
cd_role_is_privileged (CdRole role)
{
  return role == CD_ROLE_TENANT_ADMIN || role == CD_ROLE_SUPERADMIN ||
         role == CD_ROLE_PLATFORM_ADMIN;
}
