/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-webhook-delivery.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdWebhookDelivery
{
  GObject parent_instance;

  char *event;
  char *url;
  gint64 status_code;
  GDateTime *delivered_at;
};

G_DEFINE_FINAL_TYPE (CdWebhookDelivery, cd_webhook_delivery, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_EVENT,
  PROP_URL,
  PROP_STATUS_CODE,
  PROP_DELIVERED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_webhook_delivery_finalize (GObject *object)
{
  CdWebhookDelivery *self = CD_WEBHOOK_DELIVERY (object);

  g_clear_pointer (&self->event, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->delivered_at, g_date_time_unref);

  G_OBJECT_CLASS (cd_webhook_delivery_parent_class)->finalize (object);
}

static void
cd_webhook_delivery_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CdWebhookDelivery *self = CD_WEBHOOK_DELIVERY (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_string (value, self->event);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_STATUS_CODE:
      g_value_set_int64 (value, self->status_code);
      break;

    case PROP_DELIVERED_AT:
      g_value_set_boxed (value, self->delivered_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_webhook_delivery_class_init (CdWebhookDeliveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_webhook_delivery_finalize;
  object_class->get_property = cd_webhook_delivery_get_property;

  properties[PROP_EVENT] =
    g_param_spec_string ("event", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_STATUS_CODE] =
    g_param_spec_int64 ("status-code", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);
  properties[PROP_DELIVERED_AT] =
    g_param_spec_boxed ("delivered-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_webhook_delivery_init (CdWebhookDelivery *self)
{
  self->status_code = -1;
}

static gboolean
parse_members (CdWebhookDelivery  *self,
               JsonObject         *object,
               const char         *path,
               GError            **error)
{
  gint64 number = 0;
  gboolean present = FALSE;

  if (!cd_json_read_string (object, path, "event", &self->event, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "url", &self->url, error))
    return FALSE;
  if (!cd_json_read_int (object, path, "status_code", &number, &present, error))
    return FALSE;
  if (present)
    self->status_code = number;
  if (!cd_json_read_datetime (object, path, "delivered_at", &self->delivered_at, error))
    return FALSE;
  return TRUE;
}

CdWebhookDelivery *
cd_webhook_delivery_new_from_object (JsonObject  *object,
                                     const char  *path,
                                     GError     **error)
{
  g_autoptr(CdWebhookDelivery) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_WEBHOOK_DELIVERY, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdWebhookDelivery *
cd_webhook_delivery_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "webhook_delivery", error);

  if (object == NULL)
    return NULL;
  return cd_webhook_delivery_new_from_object (object, NULL, error);
}

GListModel *
cd_webhook_delivery_list_from_array (JsonArray   *array,
                                     const char  *path,
                                     GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_WEBHOOK_DELIVERY);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdWebhookDelivery) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_webhook_delivery_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_webhook_delivery_list_from_json (JsonNode  *array_node,
                                    GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "webhook_deliverys", error);

  if (array == NULL)
    return NULL;
  return cd_webhook_delivery_list_from_array (array, NULL, error);
}

const char *
cd_webhook_delivery_get_event (CdWebhookDelivery *self)
{
  g_return_val_if_fail (CD_IS_WEBHOOK_DELIVERY (self), NULL);

  return self->event;
}

const char *
cd_webhook_delivery_get_url (CdWebhookDelivery *self)
{
  g_return_val_if_fail (CD_IS_WEBHOOK_DELIVERY (self), NULL);

  return self->url;
}

gint64
cd_webhook_delivery_get_status_code (CdWebhookDelivery *self)
{
  g_return_val_if_fail (CD_IS_WEBHOOK_DELIVERY (self), -1);

  return self->status_code;
}

GDateTime *
cd_webhook_delivery_get_delivered_at (CdWebhookDelivery *self)
{
  g_return_val_if_fail (CD_IS_WEBHOOK_DELIVERY (self), NULL);

  return self->delivered_at;
}
