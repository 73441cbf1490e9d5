/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-campaign.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdCampaign
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *status;
  gint64 agent_id;
  char *agent_name;
  char *timezone;
  char *dashboard_url;
};

G_DEFINE_FINAL_TYPE (CdCampaign, cd_campaign, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_STATUS,
  PROP_AGENT_ID,
  PROP_AGENT_NAME,
  PROP_TIMEZONE,
  PROP_DASHBOARD_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_campaign_finalize (GObject *object)
{
  CdCampaign *self = CD_CAMPAIGN (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->agent_name, g_free);
  g_clear_pointer (&self->timezone, g_free);
  g_clear_pointer (&self->dashboard_url, g_free);

  G_OBJECT_CLASS (cd_campaign_parent_class)->finalize (object);
}

static void
cd_campaign_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CdCampaign *self = CD_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_AGENT_ID:
      g_value_set_int64 (value, self->agent_id);
      break;

    case PROP_AGENT_NAME:
      g_value_set_string (value, self->agent_name);
      break;

    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;

    case PROP_DASHBOARD_URL:
      g_value_set_string (value, self->dashboard_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_campaign_class_init (CdCampaignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_campaign_finalize;
  object_class->get_property = cd_campaign_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_AGENT_ID] =
    g_param_spec_int64 ("agent-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_AGENT_NAME] =
    g_param_spec_string ("agent-name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TIMEZONE] =
    g_param_spec_string ("timezone", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_DASHBOARD_URL] =
    g_param_spec_string ("dashboard-url", NULL, NULL, NULL, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_campaign_init (CdCampaign *self)
{
}

static gboolean
parse_agent (CdCampaign  *self,
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
parse_members (CdCampaign  *self,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;
  JsonObject *child = NULL;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->id = number;
  if (!cd_json_read_string (object, path, "name", &self->name, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "status", &self->status, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "timezone", &self->timezone, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "dashboard_url", &self->dashboard_url, error))
    return FALSE;
  if (!cd_json_read_object (object, path, "agent", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "agent");

      if (!parse_agent (self, child, child_path, error))
        return FALSE;
    }
  return TRUE;
}

CdCampaign *
cd_campaign_new_from_object (JsonObject  *object,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(CdCampaign) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_CAMPAIGN, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdCampaign *
cd_campaign_new_from_json (JsonNode  *node,
                           GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "campaign", error);

  if (object == NULL)
    return NULL;
  return cd_campaign_new_from_object (object, NULL, error);
}

GListModel *
cd_campaign_list_from_array (JsonArray   *array,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_CAMPAIGN);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdCampaign) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_campaign_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_campaign_list_from_json (JsonNode  *array_node,
                            GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "campaigns", error);

  if (array == NULL)
    return NULL;
  return cd_campaign_list_from_array (array, NULL, error);
}

gint64
cd_campaign_get_id (CdCampaign *self)
{
  g_return_val_if_fail (CD_IS_CAMPAIGN (self), 0);

  return self->id;
}

const char *
cd_campaign_get_name (CdCampaign *self)
{
  g_return_val_if_fail (CD_IS_CAMPAIGN (self), NULL);

  return self->name;
}

const char *
cd_campaign_get_status (CdCampaign *self)
{
  g_return_val_if_fail (CD_IS_CAMPAIGN (self), NULL);

  return self->status;
}

gint64
cd_campaign_get_agent_id (CdCampaign *self)
{
  g_return_val_if_fail (CD_IS_CAMPAIGN (self), 0);

  return self->agent_id;
}

const char *
cd_campaign_get_agent_name (CdCampaign *self)
{
  g_return_val_if_fail (CD_IS_CAMPAIGN (self), NULL);

  return self->agent_name;
}

const char *
cd_campaign_get_timezone (CdCampaign *self)
{
  g_return_val_if_fail (CD_IS_CAMPAIGN (self), NULL);

  return self->timezone;
}

const char *
cd_campaign_get_dashboard_url (CdCampaign *self)
{
  g_return_val_if_fail (CD_IS_CAMPAIGN (self), NULL);

  return self->dashboard_url;
}
