/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* One finder row: avatar, display title and a phone/email/company line. */

#define CD_TYPE_FINDER_ROW (cd_finder_row_get_type ())
G_DECLARE_FINAL_TYPE (CdFinderRow, cd_finder_row, CD, FINDER_ROW, GtkWidget)

GtkWidget  *cd_finder_row_new         (void);
/* @contact: a CdContact, or NULL to clear the row. */
void        cd_finder_row_set_contact (CdFinderRow *self,
                                       gpointer     contact);
const char *cd_finder_row_get_title   (CdFinderRow *self);
/* Shows the "Available offline" mark (icon with tooltip and accessible label). */
void        cd_finder_row_set_offline (CdFinderRow *self,
                                       gboolean     offline);
gboolean    cd_finder_row_get_offline (CdFinderRow *self);
/* The contact shown (0 when cleared). */
gint64      cd_finder_row_get_contact_id (CdFinderRow *self);

G_END_DECLS
