/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* One line of a session's cost breakdown. */
#define CD_TYPE_COST_ITEM (cd_cost_item_get_type ())

G_DECLARE_FINAL_TYPE (CdCostItem, cd_cost_item, CD, COST_ITEM, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdCostItem *cd_cost_item_new_from_json (JsonNode *node,
                                        GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdCostItem *cd_cost_item_new_from_object (JsonObject  *object,
                                          const char  *path,
                                          GError     **error);
/* JSON array of objects → GListStore of CdCostItem (element errors name "[i]"). */
GListModel *cd_cost_item_list_from_json  (JsonNode    *array_node,
                                          GError     **error);
GListModel *cd_cost_item_list_from_array (JsonArray   *array,
                                          const char  *path,
                                          GError     **error);

const char    *cd_cost_item_get_item (CdCostItem *self);
const CdMoney *cd_cost_item_get_amount (CdCostItem *self);

G_END_DECLS
