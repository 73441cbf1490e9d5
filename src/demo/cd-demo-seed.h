/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

/* Fills a freshly created schema with the deterministic demo data set. */
gboolean cd_demo_seed (sqlite3 *db);

G_END_DECLS
