/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Equal-width tiles in balanced rows: all in one row when they fit at their
 * minimum width ("min-tile-width"), else two per row, else one — so four tiles
 * never wrap as 3 + 1.
 */

#define CD_TYPE_TILE_GRID (cd_tile_grid_get_type ())
G_DECLARE_FINAL_TYPE (CdTileGrid, cd_tile_grid, CD, TILE_GRID, GtkWidget)

GtkWidget *cd_tile_grid_new             (void);
/* Tiles per row at the current allocation (0 before the first one). */
guint      cd_tile_grid_get_columns     (CdTileGrid *self);

G_END_DECLS
