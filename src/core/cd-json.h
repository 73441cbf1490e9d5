/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Defensive member readers shared by every model's JSON mapping.
 *
 * A missing member or JSON null is "unknown": the reader returns TRUE and leaves
 * the default (NULL, 0, FALSE; *present = FALSE where offered).  A member of the
 * wrong type returns FALSE with a CD_API_ERROR_BAD_RESPONSE error naming the
 * member.  @path prefixes the member in that message ("dnc" → "dnc.reason");
 * pass NULL at the top level.
 */

JsonObject *cd_json_node_get_object (JsonNode    *node,
                                     const char  *what,
                                     GError     **error);
JsonArray  *cd_json_node_get_array  (JsonNode    *node,
                                     const char  *what,
                                     GError     **error);

gboolean cd_json_read_string   (JsonObject  *object,
                                const char  *path,
                                const char  *member,
                                char       **out,
                                GError     **error);
gboolean cd_json_read_int      (JsonObject  *object,
                                const char  *path,
                                const char  *member,
                                gint64      *out,
                                gboolean    *present,
                                GError     **error);
gboolean cd_json_read_double   (JsonObject  *object,
                                const char  *path,
                                const char  *member,
                                double      *out,
                                gboolean    *present,
                                GError     **error);
gboolean cd_json_read_boolean  (JsonObject  *object,
                                const char  *path,
                                const char  *member,
                                gboolean    *out,
                                gboolean    *present,
                                GError     **error);
/* RFC 3339 string → GDateTime (UTC kept); an unparsable string is a bad member. */
gboolean cd_json_read_datetime (JsonObject  *object,
                                const char  *path,
                                const char  *member,
                                GDateTime  **out,
                                GError     **error);
/* Borrowed object/array, NULL when missing or null. */
gboolean cd_json_read_object   (JsonObject  *object,
                                const char  *path,
                                const char  *member,
                                JsonObject **out,
                                GError     **error);
gboolean cd_json_read_array    (JsonObject  *object,
                                const char  *path,
                                const char  *member,
                                JsonArray  **out,
                                GError     **error);
/* Array of strings → NULL-terminated vector (empty vector when missing). */
gboolean cd_json_read_strv     (JsonObject  *object,
                                const char  *path,
                                const char  *member,
                                char      ***out,
                                GError     **error);

/* Parses @text into a JsonNode; malformed input is CD_API_ERROR_BAD_RESPONSE. */
JsonNode *cd_json_parse (const char  *text,
                         gssize       length,
                         GError     **error);

G_END_DECLS
