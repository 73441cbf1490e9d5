/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"
#include "cd-tenant.h"

G_BEGIN_DECLS

/* The signed-in user (GET /me). */
#define CD_TYPE_USER (cd_user_get_type ())

G_DECLARE_FINAL_TYPE (CdUser, cd_user, CD, USER, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdUser *cd_user_new_from_json (JsonNode *node,
                               GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdUser *cd_user_new_from_object (JsonObject  *object,
                                 const char  *path,
                                 GError     **error);

gint64      cd_user_get_id (CdUser *self);
const char *cd_user_get_name (CdUser *self);
const char *cd_user_get_email (CdUser *self);
/* Role as an enum; unknown roles are CD_ROLE_UNKNOWN */
CdRole      cd_user_get_role (CdUser *self);
/* Role exactly as the server spelled it */
const char *cd_user_get_role_string (CdUser *self);
GListModel *cd_user_get_tenants (CdUser *self);
gint64      cd_user_get_current_tenant_id (CdUser *self);

/* Role rules (product §10).  Viewer and platform support are read-only for calls. */
gboolean cd_role_can_place_calls (CdRole role);
gboolean cd_role_can_edit        (CdRole role);
/* Tenant admin, platform admin, superadmin: may GDPR-erase and hard-delete. */
gboolean cd_role_is_privileged   (CdRole role);

G_END_DECLS
