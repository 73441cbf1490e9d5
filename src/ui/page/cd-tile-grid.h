/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Equal-width tiles in balanced rows: all in one row when they fit at their
 * minimum width ("min-tile-width"), else two per row, else one — so four tiles
 * never wrap as 3 + 1.
 *
 * With "homogeneous" off it is a flow box instead: children keep their natural
 * widths (hexpand ones share a line's spare room) and wrap onto new lines like
 * words, so a row of text and buttons still fits a 360 px phone.
 */

#define CD_TYPE_TILE_GRID (cd_tile_grid_get_type ())
G_DECLARE_FINAL_TYPE (CdTileGrid, cd_tile_grid, CD, TILE_GRID, GtkWidget)

GtkWidget *cd_tile_grid_new             (void);
/* Tiles per row at the current allocation (0 before the first one). */
guint      cd_tile_grid_get_columns     (CdTileGrid *self);
gboolean   cd_tile_grid_get_homogeneous (CdTileGrid *self);
void       cd_tile_grid_set_homogeneous (CdTileGrid *self,
                                         gboolean    homogeneous);

G_END_DECLS
