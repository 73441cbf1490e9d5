/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

/* Fills a freshly created schema with the deterministic demo data set; every
 * time in it is relative to @base (seconds since the epoch). */
gboolean cd_demo_seed (sqlite3 *db,
                       gint64   base);

G_END_DECLS
