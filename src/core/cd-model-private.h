/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Internal helpers shared by the model mappings (not part of the public API). */

/* "dnc" under NULL → "dnc"; under "contact" → "contact.dnc". */
char     *cd_model_path        (const char *path,
                                const char *member);
/* "transcript" + 3 → "transcript[3]". */
char     *cd_model_index_path  (const char *path,
                                guint       index);
/* Any JSON scalar as a display string (numbers without trailing zeros, true/false);
 * NULL for null/missing; arrays of scalars joined with ", "; objects → NULL. */
char     *cd_model_scalar_to_string (JsonNode *node);

G_END_DECLS
