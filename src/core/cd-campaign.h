/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* A campaign (the contact's recent campaign, or a picker entry). */
#define CD_TYPE_CAMPAIGN (cd_campaign_get_type ())

G_DECLARE_FINAL_TYPE (CdCampaign, cd_campaign, CD, CAMPAIGN, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdCampaign *cd_campaign_new_from_json (JsonNode *node,
                                       GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdCampaign *cd_campaign_new_from_object (JsonObject  *object,
                                         const char  *path,
                                         GError     **error);
/* JSON array of objects → GListStore of CdCampaign (element errors name "[i]"). */
GListModel *cd_campaign_list_from_json  (JsonNode    *array_node,
                                         GError     **error);
GListModel *cd_campaign_list_from_array (JsonArray   *array,
                                         const char  *path,
                                         GError     **error);

gint64      cd_campaign_get_id (CdCampaign *self);
const char *cd_campaign_get_name (CdCampaign *self);
const char *cd_campaign_get_status (CdCampaign *self);
gint64      cd_campaign_get_agent_id (CdCampaign *self);
const char *cd_campaign_get_agent_name (CdCampaign *self);
const char *cd_campaign_get_timezone (CdCampaign *self);
const char *cd_campaign_get_dashboard_url (CdCampaign *self);

G_END_DECLS
