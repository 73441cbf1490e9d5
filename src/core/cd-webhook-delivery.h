/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* One webhook delivery of a session. */
#define CD_TYPE_WEBHOOK_DELIVERY (cd_webhook_delivery_get_type ())

G_DECLARE_FINAL_TYPE (CdWebhookDelivery, cd_webhook_delivery, CD, WEBHOOK_DELIVERY, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdWebhookDelivery *cd_webhook_delivery_new_from_json (JsonNode *node,
                                                      GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdWebhookDelivery *cd_webhook_delivery_new_from_object (JsonObject  *object,
                                                        const char  *path,
                                                        GError     **error);
/* JSON array of objects → GListStore of CdWebhookDelivery (element errors name "[i]"). */
GListModel *cd_webhook_delivery_list_from_json  (JsonNode    *array_node,
                                                 GError     **error);
GListModel *cd_webhook_delivery_list_from_array (JsonArray   *array,
                                                 const char  *path,
                                                 GError     **error);

const char *cd_webhook_delivery_get_event (CdWebhookDelivery *self);
const char *cd_webhook_delivery_get_url (CdWebhookDelivery *self);
gint64      cd_webhook_delivery_get_status_code (CdWebhookDelivery *self);
GDateTime  *cd_webhook_delivery_get_delivered_at (CdWebhookDelivery *self);

G_END_DECLS
