/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-contact.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdContact
{
  GObject parent_instance;

  gint64 id;
  char *first_name;
  char *last_name;
  char *phone_e164;
  char *email;
  char *company;
  char *timezone;
  char *country_code;
  char **tags;
  JsonObject *custom_fields;
  CdLifecycleState lifecycle_state;
  gboolean dnc_listed;
  gint64 dnc_entry_id;
  char *dnc_reason;
  GDateTime *dnc_added_at;
  CdContactPermissions permissions;
  gint64 call_count;
  gint64 campaign_count;
  GDateTime *last_interaction_at;
  GDateTime *last_call_at;
  CdSessionStatus last_call_status;
  gint64 talk_time_seconds;
  CdCampaign *recent_campaign;
  gint64 created_by_id;
  char *created_by_name;
  GDateTime *created_at;
  GDateTime *updated_at;
};

G_DEFINE_FINAL_TYPE (CdContact, cd_contact, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_PHONE_E164,
  PROP_EMAIL,
  PROP_COMPANY,
  PROP_TIMEZONE,
  PROP_COUNTRY_CODE,
  PROP_TAGS,
  PROP_CUSTOM_FIELDS,
  PROP_LIFECYCLE_STATE,
  PROP_DNC_LISTED,
  PROP_DNC_ENTRY_ID,
  PROP_DNC_REASON,
  PROP_DNC_ADDED_AT,
  PROP_PERMISSIONS,
  PROP_CALL_COUNT,
  PROP_CAMPAIGN_COUNT,
  PROP_LAST_INTERACTION_AT,
  PROP_LAST_CALL_AT,
  PROP_LAST_CALL_STATUS,
  PROP_TALK_TIME_SECONDS,
  PROP_RECENT_CAMPAIGN,
  PROP_CREATED_BY_ID,
  PROP_CREATED_BY_NAME,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_contact_finalize (GObject *object)
{
  CdContact *self = CD_CONTACT (object);

  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->phone_e164, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->timezone, g_free);
  g_clear_pointer (&self->country_code, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->custom_fields, json_object_unref);
  g_clear_pointer (&self->dnc_reason, g_free);
  g_clear_pointer (&self->dnc_added_at, g_date_time_unref);
  g_clear_pointer (&self->last_interaction_at, g_date_time_unref);
  g_clear_pointer (&self->last_call_at, g_date_time_unref);
  g_clear_object (&self->recent_campaign);
  g_clear_pointer (&self->created_by_name, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (cd_contact_parent_class)->finalize (object);
}

static void
cd_contact_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CdContact *self = CD_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;

    case PROP_PHONE_E164:
      g_value_set_string (value, self->phone_e164);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;

    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;

    case PROP_COUNTRY_CODE:
      g_value_set_string (value, self->country_code);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_CUSTOM_FIELDS:
      g_value_set_boxed (value, self->custom_fields);
      break;

    case PROP_LIFECYCLE_STATE:
      g_value_set_enum (value, self->lifecycle_state);
      break;

    case PROP_DNC_LISTED:
      g_value_set_boolean (value, self->dnc_listed);
      break;

    case PROP_DNC_ENTRY_ID:
      g_value_set_int64 (value, self->dnc_entry_id);
      break;

    case PROP_DNC_REASON:
      g_value_set_string (value, self->dnc_reason);
      break;

    case PROP_DNC_ADDED_AT:
      g_value_set_boxed (value, self->dnc_added_at);
      break;

    case PROP_PERMISSIONS:
      g_value_set_flags (value, self->permissions);
      break;

    case PROP_CALL_COUNT:
      g_value_set_int64 (value, self->call_count);
      break;

    case PROP_CAMPAIGN_COUNT:
      g_value_set_int64 (value, self->campaign_count);
      break;

    case PROP_LAST_INTERACTION_AT:
      g_value_set_boxed (value, self->last_interaction_at);
      break;

    case PROP_LAST_CALL_AT:
      g_value_set_boxed (value, self->last_call_at);
      break;

    case PROP_LAST_CALL_STATUS:
      g_value_set_enum (value, self->last_call_status);
      break;

    case PROP_TALK_TIME_SECONDS:
      g_value_set_int64 (value, self->talk_time_seconds);
      break;

    case PROP_RECENT_CAMPAIGN:
      g_value_set_object (value, self->recent_campaign);
      break;

    case PROP_CREATED_BY_ID:
      g_value_set_int64 (value, self->created_by_id);
      break;

    case PROP_CREATED_BY_NAME:
      g_value_set_string (value, self->created_by_name);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_contact_class_init (CdContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_contact_finalize;
  object_class->get_property = cd_contact_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_PHONE_E164] =
    g_param_spec_string ("phone-e164", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TIMEZONE] =
    g_param_spec_string ("timezone", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_COUNTRY_CODE] =
    g_param_spec_string ("country-code", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, PARAM_FLAGS);
  properties[PROP_CUSTOM_FIELDS] =
    g_param_spec_boxed ("custom-fields", NULL, NULL, JSON_TYPE_OBJECT, PARAM_FLAGS);
  properties[PROP_LIFECYCLE_STATE] =
    g_param_spec_enum ("lifecycle-state", NULL, NULL, CD_TYPE_LIFECYCLE_STATE, 0, PARAM_FLAGS);
  properties[PROP_DNC_LISTED] =
    g_param_spec_boolean ("dnc-listed", NULL, NULL, FALSE, PARAM_FLAGS);
  properties[PROP_DNC_ENTRY_ID] =
    g_param_spec_int64 ("dnc-entry-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_DNC_REASON] =
    g_param_spec_string ("dnc-reason", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_DNC_ADDED_AT] =
    g_param_spec_boxed ("dnc-added-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_PERMISSIONS] =
    g_param_spec_flags ("permissions", NULL, NULL, CD_TYPE_CONTACT_PERMISSIONS, 0, PARAM_FLAGS);
  properties[PROP_CALL_COUNT] =
    g_param_spec_int64 ("call-count", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);
  properties[PROP_CAMPAIGN_COUNT] =
    g_param_spec_int64 ("campaign-count", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);
  properties[PROP_LAST_INTERACTION_AT] =
    g_param_spec_boxed ("last-interaction-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_LAST_CALL_AT] =
    g_param_spec_boxed ("last-call-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_LAST_CALL_STATUS] =
    g_param_spec_enum ("last-call-status", NULL, NULL, CD_TYPE_SESSION_STATUS, 0, PARAM_FLAGS);
  properties[PROP_TALK_TIME_SECONDS] =
    g_param_spec_int64 ("talk-time-seconds", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);
  properties[PROP_RECENT_CAMPAIGN] =
    g_param_spec_object ("recent-campaign", NULL, NULL, CD_TYPE_CAMPAIGN, PARAM_FLAGS);
  properties[PROP_CREATED_BY_ID] =
    g_param_spec_int64 ("created-by-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_CREATED_BY_NAME] =
    g_param_spec_string ("created-by-name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_contact_init (CdContact *self)
{
  self->tags = g_new0 (char *, 1);
  self->custom_fields = json_object_new ();
  self->call_count = -1;
  self->campaign_count = -1;
  self->talk_time_seconds = -1;
}

static const struct
{
  const char *member;
  CdContactPermissions flag;
} permission_members[] = {
  { "can_edit", CD_CONTACT_PERMISSIONS_EDIT },
  { "can_call", CD_CONTACT_PERMISSIONS_CALL },
  { "can_manage_dnc", CD_CONTACT_PERMISSIONS_MANAGE_DNC },
  { "can_archive", CD_CONTACT_PERMISSIONS_ARCHIVE },
  { "can_unarchive", CD_CONTACT_PERMISSIONS_UNARCHIVE },
  { "can_gdpr_erase", CD_CONTACT_PERMISSIONS_GDPR_ERASE },
  { "can_hard_delete", CD_CONTACT_PERMISSIONS_HARD_DELETE },
};

/* Missing permission members mean "not granted": the server is the authority. */
static gboolean
parse_permissions (CdContact   *self,
                   JsonObject  *object,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *child_path = cd_model_path (path, "permissions");
  JsonObject *child = NULL;

  if (!cd_json_read_object (object, path, "permissions", &child, error))
    return FALSE;
  if (child == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (permission_members); i++)
    {
      gboolean granted = FALSE;

      if (!cd_json_read_boolean (child, child_path, permission_members[i].member, &granted, NULL, error))
        return FALSE;
      if (granted)
        self->permissions |= permission_members[i].flag;
    }
  return TRUE;
}

static gboolean
parse_dnc (CdContact   *self,
           JsonObject  *object,
           const char  *path,
           GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;

  if (!cd_json_read_boolean (object, path, "listed", &self->dnc_listed, NULL, error))
    return FALSE;
  if (!cd_json_read_int (object, path, "entry_id", &number, &present, error))
    return FALSE;
  if (present)
    self->dnc_entry_id = number;
  if (!cd_json_read_string (object, path, "reason", &self->dnc_reason, error))
    return FALSE;
  if (!cd_json_read_datetime (object, path, "added_at", &self->dnc_added_at, error))
    return FALSE;
  return TRUE;
}

static gboolean
parse_stats (CdContact   *self,
             JsonObject  *object,
             const char  *path,
             GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;
  char *str = NULL;

  if (!cd_json_read_int (object, path, "call_count", &number, &present, error))
    return FALSE;
  if (present)
    self->call_count = number;
  if (!cd_json_read_int (object, path, "campaign_count", &number, &present, error))
    return FALSE;
  if (present)
    self->campaign_count = number;
  if (!cd_json_read_datetime (object, path, "last_interaction_at", &self->last_interaction_at, error))
    return FALSE;
  if (!cd_json_read_datetime (object, path, "last_call_at", &self->last_call_at, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "last_call_status", &str, error))
    return FALSE;
  self->last_call_status = cd_session_status_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_int (object, path, "talk_time_seconds", &number, &present, error))
    return FALSE;
  if (present)
    self->talk_time_seconds = number;
  return TRUE;
}

static gboolean
parse_created_by (CdContact   *self,
                  JsonObject  *object,
                  const char  *path,
                  GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->created_by_id = number;
  if (!cd_json_read_string (object, path, "name", &self->created_by_name, error))
    return FALSE;
  return TRUE;
}

static gboolean
parse_members (CdContact   *self,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;
  char *str = NULL;
  JsonObject *child = NULL;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->id = number;
  if (!cd_json_read_string (object, path, "first_name", &self->first_name, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "last_name", &self->last_name, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "phone_e164", &self->phone_e164, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "email", &self->email, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "company", &self->company, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "timezone", &self->timezone, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "country_code", &self->country_code, error))
    return FALSE;
  g_clear_pointer (&self->tags, g_strfreev);
  if (!cd_json_read_strv (object, path, "tags", &self->tags, error))
    return FALSE;
  if (!cd_json_read_object (object, path, "custom_fields", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_clear_pointer (&self->custom_fields, json_object_unref);
      self->custom_fields = json_object_ref (child);
    }
  if (!cd_json_read_string (object, path, "lifecycle_state", &str, error))
    return FALSE;
  self->lifecycle_state = cd_lifecycle_state_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_object (object, path, "recent_campaign", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "recent_campaign");

      self->recent_campaign = cd_campaign_new_from_object (child, child_path, error);
      if (self->recent_campaign == NULL)
        return FALSE;
    }
  if (!cd_json_read_datetime (object, path, "created_at", &self->created_at, error))
    return FALSE;
  if (!cd_json_read_datetime (object, path, "updated_at", &self->updated_at, error))
    return FALSE;
  if (!cd_json_read_object (object, path, "dnc", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "dnc");

      if (!parse_dnc (self, child, child_path, error))
        return FALSE;
    }
  if (!cd_json_read_object (object, path, "stats", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "stats");

      if (!parse_stats (self, child, child_path, error))
        return FALSE;
    }
  if (!cd_json_read_object (object, path, "created_by", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "created_by");

      if (!parse_created_by (self, child, child_path, error))
        return FALSE;
    }
  if (!parse_permissions (self, object, path, error))
    return FALSE;
  return TRUE;
}

CdContact *
cd_contact_new_from_object (JsonObject  *object,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(CdContact) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_CONTACT, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdContact *
cd_contact_new_from_json (JsonNode  *node,
                          GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "contact", error);

  if (object == NULL)
    return NULL;
  return cd_contact_new_from_object (object, NULL, error);
}

GListModel *
cd_contact_list_from_array (JsonArray   *array,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_CONTACT);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdContact) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_contact_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_contact_list_from_json (JsonNode  *array_node,
                           GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "contacts", error);

  if (array == NULL)
    return NULL;
  return cd_contact_list_from_array (array, NULL, error);
}

gint64
cd_contact_get_id (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), 0);

  return self->id;
}

const char *
cd_contact_get_first_name (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->first_name;
}

const char *
cd_contact_get_last_name (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->last_name;
}

const char *
cd_contact_get_phone_e164 (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->phone_e164;
}

const char *
cd_contact_get_email (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->email;
}

const char *
cd_contact_get_company (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->company;
}

const char *
cd_contact_get_timezone (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->timezone;
}

const char *
cd_contact_get_country_code (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->country_code;
}

const char * const *
cd_contact_get_tags (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return (const char * const *) self->tags;
}

JsonObject *
cd_contact_get_custom_fields (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->custom_fields;
}

CdLifecycleState
cd_contact_get_lifecycle_state (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), 0);

  return self->lifecycle_state;
}

gboolean
cd_contact_get_dnc_listed (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), FALSE);

  return self->dnc_listed;
}

gint64
cd_contact_get_dnc_entry_id (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), 0);

  return self->dnc_entry_id;
}

const char *
cd_contact_get_dnc_reason (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->dnc_reason;
}

GDateTime *
cd_contact_get_dnc_added_at (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->dnc_added_at;
}

CdContactPermissions
cd_contact_get_permissions (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), 0);

  return self->permissions;
}

gint64
cd_contact_get_call_count (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), -1);

  return self->call_count;
}

gint64
cd_contact_get_campaign_count (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), -1);

  return self->campaign_count;
}

GDateTime *
cd_contact_get_last_interaction_at (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->last_interaction_at;
}

GDateTime *
cd_contact_get_last_call_at (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->last_call_at;
}

CdSessionStatus
cd_contact_get_last_call_status (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), 0);

  return self->last_call_status;
}

gint64
cd_contact_get_talk_time_seconds (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), -1);

  return self->talk_time_seconds;
}

CdCampaign *
cd_contact_get_recent_campaign (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->recent_campaign;
}

gint64
cd_contact_get_created_by_id (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), 0);

  return self->created_by_id;
}

const char *
cd_contact_get_created_by_name (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->created_by_name;
}

GDateTime *
cd_contact_get_created_at (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->created_at;
}

GDateTime *
cd_contact_get_updated_at (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), NULL);

  return self->updated_at;
}

gboolean
cd_contact_has_permission (CdContact            *self,
                           CdContactPermissions  permission)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), FALSE);

  return (self->permissions & permission) == permission;
}

gboolean
cd_contact_is_erased (CdContact *self)
{
  g_return_val_if_fail (CD_IS_CONTACT (self), FALSE);

  return self->lifecycle_state == CD_LIFECYCLE_STATE_DELETED;
}
