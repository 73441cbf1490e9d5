/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-follow-up.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdFollowUp
{
  GObject parent_instance;

  gint64 id;
  gint64 contact_id;
  CdFollowUpStatus status;
  CdFollowUpType type;
  GDateTime *scheduled_at;
  gint64 agent_id;
  char *agent_name;
  gint64 campaign_id;
  char *campaign_name;
  gint64 attempts;
  gint64 max_attempts;
  CdFollowUpPriority priority;
  gboolean allow_out_of_window;
  CdFollowUpSource source;
  char *notes;
  char *closed_reason;
  GDateTime *created_at;
  GDateTime *updated_at;
};

G_DEFINE_FINAL_TYPE (CdFollowUp, cd_follow_up, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CONTACT_ID,
  PROP_STATUS,
  PROP_TYPE,
  PROP_SCHEDULED_AT,
  PROP_AGENT_ID,
  PROP_AGENT_NAME,
  PROP_CAMPAIGN_ID,
  PROP_CAMPAIGN_NAME,
  PROP_ATTEMPTS,
  PROP_MAX_ATTEMPTS,
  PROP_PRIORITY,
  PROP_ALLOW_OUT_OF_WINDOW,
  PROP_SOURCE,
  PROP_NOTES,
  PROP_CLOSED_REASON,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_follow_up_finalize (GObject *object)
{
  CdFollowUp *self = CD_FOLLOW_UP (object);

  g_clear_pointer (&self->scheduled_at, g_date_time_unref);
  g_clear_pointer (&self->agent_name, g_free);
  g_clear_pointer (&self->campaign_name, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->closed_reason, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (cd_follow_up_parent_class)->finalize (object);
}

static void
cd_follow_up_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdFollowUp *self = CD_FOLLOW_UP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_TYPE:
      g_value_set_enum (value, self->type);
      break;

    case PROP_SCHEDULED_AT:
      g_value_set_boxed (value, self->scheduled_at);
      break;

    case PROP_AGENT_ID:
      g_value_set_int64 (value, self->agent_id);
      break;

    case PROP_AGENT_NAME:
      g_value_set_string (value, self->agent_name);
      break;

    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;

    case PROP_CAMPAIGN_NAME:
      g_value_set_string (value, self->campaign_name);
      break;

    case PROP_ATTEMPTS:
      g_value_set_int64 (value, self->attempts);
      break;

    case PROP_MAX_ATTEMPTS:
      g_value_set_int64 (value, self->max_attempts);
      break;

    case PROP_PRIORITY:
      g_value_set_enum (value, self->priority);
      break;

    case PROP_ALLOW_OUT_OF_WINDOW:
      g_value_set_boolean (value, self->allow_out_of_window);
      break;

    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_CLOSED_REASON:
      g_value_set_string (value, self->closed_reason);
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
cd_follow_up_class_init (CdFollowUpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_follow_up_finalize;
  object_class->get_property = cd_follow_up_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CD_TYPE_FOLLOW_UP_STATUS, 0, PARAM_FLAGS);
  properties[PROP_TYPE] =
    g_param_spec_enum ("type", NULL, NULL, CD_TYPE_FOLLOW_UP_TYPE, 0, PARAM_FLAGS);
  properties[PROP_SCHEDULED_AT] =
    g_param_spec_boxed ("scheduled-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_AGENT_ID] =
    g_param_spec_int64 ("agent-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_AGENT_NAME] =
    g_param_spec_string ("agent-name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_CAMPAIGN_ID] =
    g_param_spec_int64 ("campaign-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_CAMPAIGN_NAME] =
    g_param_spec_string ("campaign-name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_ATTEMPTS] =
    g_param_spec_int64 ("attempts", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_int64 ("max-attempts", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);
  properties[PROP_PRIORITY] =
    g_param_spec_enum ("priority", NULL, NULL, CD_TYPE_FOLLOW_UP_PRIORITY, 0, PARAM_FLAGS);
  properties[PROP_ALLOW_OUT_OF_WINDOW] =
    g_param_spec_boolean ("allow-out-of-window", NULL, NULL, FALSE, PARAM_FLAGS);
  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL, CD_TYPE_FOLLOW_UP_SOURCE, 0, PARAM_FLAGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_CLOSED_REASON] =
    g_param_spec_string ("closed-reason", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_follow_up_init (CdFollowUp *self)
{
  self->attempts = -1;
  self->max_attempts = -1;
}

static gboolean
parse_agent (CdFollowUp  *self,
             JsonObject  *object,
             const char  *path,
             GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->agent_id = number;
  if (!cd_json_read_string (object, path, "name", &self->agent_name, error))
    return FALSE;
  return TRUE;
}

static gboolean
parse_campaign (CdFollowUp  *self,
                JsonObject  *object,
                const char  *path,
                GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->campaign_id = number;
  if (!cd_json_read_string (object, path, "name", &self->campaign_name, error))
    return FALSE;
  return TRUE;
}

static gboolean
parse_members (CdFollowUp  *self,
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
  if (!cd_json_read_int (object, path, "contact_id", &number, &present, error))
    return FALSE;
  if (present)
    self->contact_id = number;
  if (!cd_json_read_string (object, path, "status", &str, error))
    return FALSE;
  self->status = cd_follow_up_status_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_string (object, path, "type", &str, error))
    return FALSE;
  self->type = cd_follow_up_type_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_datetime (object, path, "scheduled_at", &self->scheduled_at, error))
    return FALSE;
  if (!cd_json_read_int (object, path, "attempts", &number, &present, error))
    return FALSE;
  if (present)
    self->attempts = number;
  if (!cd_json_read_int (object, path, "max_attempts", &number, &present, error))
    return FALSE;
  if (present)
    self->max_attempts = number;
  if (!cd_json_read_string (object, path, "priority", &str, error))
    return FALSE;
  self->priority = cd_follow_up_priority_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_boolean (object, path, "allow_out_of_window", &self->allow_out_of_window, NULL, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "source", &str, error))
    return FALSE;
  self->source = cd_follow_up_source_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_string (object, path, "notes", &self->notes, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "closed_reason", &self->closed_reason, error))
    return FALSE;
  if (!cd_json_read_datetime (object, path, "created_at", &self->created_at, error))
    return FALSE;
  if (!cd_json_read_datetime (object, path, "updated_at", &self->updated_at, error))
    return FALSE;
  if (!cd_json_read_object (object, path, "agent", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "agent");

      if (!parse_agent (self, child, child_path, error))
        return FALSE;
    }
  if (!cd_json_read_object (object, path, "campaign", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "campaign");

      if (!parse_campaign (self, child, child_path, error))
        return FALSE;
    }
  return TRUE;
}

CdFollowUp *
cd_follow_up_new_from_object (JsonObject  *object,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(CdFollowUp) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_FOLLOW_UP, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdFollowUp *
cd_follow_up_new_from_json (JsonNode  *node,
                            GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "follow_up", error);

  if (object == NULL)
    return NULL;
  return cd_follow_up_new_from_object (object, NULL, error);
}

GListModel *
cd_follow_up_list_from_array (JsonArray   *array,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_FOLLOW_UP);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdFollowUp) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_follow_up_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_follow_up_list_from_json (JsonNode  *array_node,
                             GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "follow_ups", error);

  if (array == NULL)
    return NULL;
  return cd_follow_up_list_from_array (array, NULL, error);
}

gint64
cd_follow_up_get_id (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), 0);

  return self->id;
}

gint64
cd_follow_up_get_contact_id (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), 0);

  return self->contact_id;
}

CdFollowUpStatus
cd_follow_up_get_status (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), 0);

  return self->status;
}

CdFollowUpType
cd_follow_up_get_follow_up_type (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), 0);

  return self->type;
}

GDateTime *
cd_follow_up_get_scheduled_at (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), NULL);

  return self->scheduled_at;
}

gint64
cd_follow_up_get_agent_id (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), 0);

  return self->agent_id;
}

const char *
cd_follow_up_get_agent_name (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), NULL);

  return self->agent_name;
}

gint64
cd_follow_up_get_campaign_id (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), 0);

  return self->campaign_id;
}

const char *
cd_follow_up_get_campaign_name (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), NULL);

  return self->campaign_name;
}

gint64
cd_follow_up_get_attempts (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), -1);

  return self->attempts;
}

gint64
cd_follow_up_get_max_attempts (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), -1);

  return self->max_attempts;
}

CdFollowUpPriority
cd_follow_up_get_priority (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), 0);

  return self->priority;
}

gboolean
cd_follow_up_get_allow_out_of_window (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), FALSE);

  return self->allow_out_of_window;
}

CdFollowUpSource
cd_follow_up_get_source (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), 0);

  return self->source;
}

const char *
cd_follow_up_get_notes (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), NULL);

  return self->notes;
}

const char *
cd_follow_up_get_closed_reason (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), NULL);

  return self->closed_reason;
}

GDateTime *
cd_follow_up_get_created_at (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), NULL);

  return self->created_at;
}

GDateTime *
cd_follow_up_get_updated_at (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), NULL);

  return self->updated_at;
}

CdFollowUpGroup
cd_follow_up_status_group (CdFollowUpStatus status)
{
  switch (status)
    {
    case CD_FOLLOW_UP_STATUS_SCHEDULED:
    case CD_FOLLOW_UP_STATUS_QUEUED:
      return CD_FOLLOW_UP_GROUP_NOT_STARTED;
    case CD_FOLLOW_UP_STATUS_IN_PROGRESS:
      return CD_FOLLOW_UP_GROUP_IN_PROGRESS;
    case CD_FOLLOW_UP_STATUS_COMPLETED:
      return CD_FOLLOW_UP_GROUP_DONE;
    case CD_FOLLOW_UP_STATUS_FAILED:
    case CD_FOLLOW_UP_STATUS_EXPIRED:
      return CD_FOLLOW_UP_GROUP_NEEDS_ATTENTION;
    case CD_FOLLOW_UP_STATUS_CANCELLED:
      return CD_FOLLOW_UP_GROUP_CANCELLED;
    case CD_FOLLOW_UP_STATUS_SNOOZED:
      return CD_FOLLOW_UP_GROUP_SNOOZED;
    case CD_FOLLOW_UP_STATUS_UNKNOWN:
    default:
      return CD_FOLLOW_UP_GROUP_UNKNOWN;
    }
}

CdFollowUpActions
cd_follow_up_status_allowed_actions (CdFollowUpStatus status)
{
  switch (status)
    {
    case CD_FOLLOW_UP_STATUS_SCHEDULED:
    case CD_FOLLOW_UP_STATUS_QUEUED:
    case CD_FOLLOW_UP_STATUS_SNOOZED:
      return CD_FOLLOW_UP_ACTIONS_VIEW | CD_FOLLOW_UP_ACTIONS_CANCEL |
             CD_FOLLOW_UP_ACTIONS_RESCHEDULE | CD_FOLLOW_UP_ACTIONS_SNOOZE;
    case CD_FOLLOW_UP_STATUS_UNKNOWN:
    case CD_FOLLOW_UP_STATUS_IN_PROGRESS:
    case CD_FOLLOW_UP_STATUS_COMPLETED:
    case CD_FOLLOW_UP_STATUS_FAILED:
    case CD_FOLLOW_UP_STATUS_EXPIRED:
    case CD_FOLLOW_UP_STATUS_CANCELLED:
    default:
      return CD_FOLLOW_UP_ACTIONS_VIEW;
    }
}

CdFollowUpGroup
cd_follow_up_get_group (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), CD_FOLLOW_UP_GROUP_UNKNOWN);

  return cd_follow_up_status_group (self->status);
}

CdFollowUpActions
cd_follow_up_allowed_actions (CdFollowUp *self)
{
  g_return_val_if_fail (CD_IS_FOLLOW_UP (self), CD_FOLLOW_UP_ACTIONS_NONE);

  return cd_follow_up_status_allowed_actions (self->status);
}
