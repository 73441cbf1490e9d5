/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* A custom field definition (GET /custom-fields). */
#define CD_TYPE_CUSTOM_FIELD (cd_custom_field_get_type ())

G_DECLARE_FINAL_TYPE (CdCustomField, cd_custom_field, CD, CUSTOM_FIELD, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdCustomField *cd_custom_field_new_from_json (JsonNode *node,
                                              GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdCustomField *cd_custom_field_new_from_object (JsonObject  *object,
                                                const char  *path,
                                                GError     **error);
/* JSON array of objects → GListStore of CdCustomField (element errors name "[i]"). */
GListModel *cd_custom_field_list_from_json  (JsonNode    *array_node,
                                             GError     **error);
GListModel *cd_custom_field_list_from_array (JsonArray   *array,
                                             const char  *path,
                                             GError     **error);

const char         *cd_custom_field_get_key (CdCustomField *self);
const char         *cd_custom_field_get_label (CdCustomField *self);
CdFieldType         cd_custom_field_get_field_type (CdCustomField *self);
/* Allowed values of an enum field (never NULL) */
const char * const *cd_custom_field_get_enum_values (CdCustomField *self);
gboolean            cd_custom_field_get_required (CdCustomField *self);
/* Default as a display string, any JSON scalar accepted */
const char         *cd_custom_field_get_default (CdCustomField *self);
gboolean            cd_custom_field_get_signal (CdCustomField *self);

/* Label of an enum value, or NULL when @value is not one of the values. */
const char *cd_custom_field_get_enum_label (CdCustomField *self,
                                            const char    *value);

G_END_DECLS
