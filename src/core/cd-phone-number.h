/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* A caller-id number of the workspace. */
#define CD_TYPE_PHONE_NUMBER (cd_phone_number_get_type ())

G_DECLARE_FINAL_TYPE (CdPhoneNumber, cd_phone_number, CD, PHONE_NUMBER, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdPhoneNumber *cd_phone_number_new_from_json (JsonNode *node,
                                              GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdPhoneNumber *cd_phone_number_new_from_object (JsonObject  *object,
                                                const char  *path,
                                                GError     **error);
/* JSON array of objects → GListStore of CdPhoneNumber (element errors name "[i]"). */
GListModel *cd_phone_number_list_from_json  (JsonNode    *array_node,
                                             GError     **error);
GListModel *cd_phone_number_list_from_array (JsonArray   *array,
                                             const char  *path,
                                             GError     **error);

gint64      cd_phone_number_get_id (CdPhoneNumber *self);
const char *cd_phone_number_get_e164 (CdPhoneNumber *self);
const char *cd_phone_number_get_label (CdPhoneNumber *self);
const char *cd_phone_number_get_status (CdPhoneNumber *self);

G_END_DECLS
