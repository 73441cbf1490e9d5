/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"
#include "cd-campaign.h"

G_BEGIN_DECLS

/* A contact (GET /contacts/{id}); stats, dnc and created_by are flattened. */
#define CD_TYPE_CONTACT (cd_contact_get_type ())

G_DECLARE_FINAL_TYPE (CdContact, cd_contact, CD, CONTACT, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdContact *cd_contact_new_from_json (JsonNode *node,
                                     GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdContact *cd_contact_new_from_object (JsonObject  *object,
                                       const char  *path,
                                       GError     **error);
/* JSON array of objects → GListStore of CdContact (element errors name "[i]"). */
GListModel *cd_contact_list_from_json  (JsonNode    *array_node,
                                        GError     **error);
GListModel *cd_contact_list_from_array (JsonArray   *array,
                                        const char  *path,
                                        GError     **error);

gint64               cd_contact_get_id (CdContact *self);
const char          *cd_contact_get_first_name (CdContact *self);
const char          *cd_contact_get_last_name (CdContact *self);
const char          *cd_contact_get_phone_e164 (CdContact *self);
const char          *cd_contact_get_email (CdContact *self);
const char          *cd_contact_get_company (CdContact *self);
const char          *cd_contact_get_timezone (CdContact *self);
const char          *cd_contact_get_country_code (CdContact *self);
/* Never NULL */
const char * const  *cd_contact_get_tags (CdContact *self);
/* Borrowed; never NULL (empty when unknown) */
JsonObject          *cd_contact_get_custom_fields (CdContact *self);
CdLifecycleState     cd_contact_get_lifecycle_state (CdContact *self);
gboolean             cd_contact_get_dnc_listed (CdContact *self);
gint64               cd_contact_get_dnc_entry_id (CdContact *self);
const char          *cd_contact_get_dnc_reason (CdContact *self);
GDateTime           *cd_contact_get_dnc_added_at (CdContact *self);
CdContactPermissions cd_contact_get_permissions (CdContact *self);
gint64               cd_contact_get_call_count (CdContact *self);
gint64               cd_contact_get_campaign_count (CdContact *self);
GDateTime           *cd_contact_get_last_interaction_at (CdContact *self);
GDateTime           *cd_contact_get_last_call_at (CdContact *self);
CdSessionStatus      cd_contact_get_last_call_status (CdContact *self);
gint64               cd_contact_get_talk_time_seconds (CdContact *self);
CdCampaign          *cd_contact_get_recent_campaign (CdContact *self);
gint64               cd_contact_get_created_by_id (CdContact *self);
const char          *cd_contact_get_created_by_name (CdContact *self);
GDateTime           *cd_contact_get_created_at (CdContact *self);
GDateTime           *cd_contact_get_updated_at (CdContact *self);

/* TRUE when the server granted every flag in @permission. */
gboolean cd_contact_has_permission (CdContact            *self,
                                    CdContactPermissions  permission);
/* An erased (GDPR) contact: lifecycle "deleted", PII members null. */
gboolean cd_contact_is_erased      (CdContact            *self);

G_END_DECLS
