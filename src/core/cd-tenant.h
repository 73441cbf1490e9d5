/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* A workspace the user belongs to. */
#define CD_TYPE_TENANT (cd_tenant_get_type ())

G_DECLARE_FINAL_TYPE (CdTenant, cd_tenant, CD, TENANT, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdTenant *cd_tenant_new_from_json (JsonNode *node,
                                   GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdTenant *cd_tenant_new_from_object (JsonObject  *object,
                                     const char  *path,
                                     GError     **error);
/* JSON array of objects → GListStore of CdTenant (element errors name "[i]"). */
GListModel *cd_tenant_list_from_json  (JsonNode    *array_node,
                                       GError     **error);
GListModel *cd_tenant_list_from_array (JsonArray   *array,
                                       const char  *path,
                                       GError     **error);

gint64      cd_tenant_get_id (CdTenant *self);
const char *cd_tenant_get_name (CdTenant *self);

G_END_DECLS
