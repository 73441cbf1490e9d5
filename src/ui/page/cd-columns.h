/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * A two-child container: main column + sidebar side by side when at least
 * "threshold" pixels wide, otherwise the sidebar stacked under the main column.
 * (libadwaita 1.2 has no breakpoints.)  The first child is the main column.
 */

#define CD_TYPE_COLUMNS (cd_columns_get_type ())
G_DECLARE_FINAL_TYPE (CdColumns, cd_columns, CD, COLUMNS, GtkWidget)

GtkWidget *cd_columns_new         (void);
gboolean   cd_columns_get_stacked (CdColumns *self);

G_END_DECLS
