/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* An open item of the contact memory; a plain string item is just a title. */
#define CD_TYPE_OPEN_ITEM (cd_open_item_get_type ())

G_DECLARE_FINAL_TYPE (CdOpenItem, cd_open_item, CD, OPEN_ITEM, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdOpenItem *cd_open_item_new_from_json (JsonNode *node,
                                        GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdOpenItem *cd_open_item_new_from_object (JsonObject  *object,
                                          const char  *path,
                                          GError     **error);
/* JSON array of objects → GListStore of CdOpenItem (element errors name "[i]"). */
GListModel *cd_open_item_list_from_json  (JsonNode    *array_node,
                                          GError     **error);
GListModel *cd_open_item_list_from_array (JsonArray   *array,
                                          const char  *path,
                                          GError     **error);

const char *cd_open_item_get_title (CdOpenItem *self);
/* Due date (midnight UTC for a date-only value) or NULL */
GDateTime  *cd_open_item_get_due_date (CdOpenItem *self);

G_END_DECLS
