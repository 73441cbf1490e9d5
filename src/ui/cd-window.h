/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The main window: an AdwLeaflet with the contact finder on the left and the
 * contact page on the right, or a welcome page while no backend is configured.
 */

#define CD_TYPE_WINDOW (cd_window_get_type ())
G_DECLARE_FINAL_TYPE (CdWindow, cd_window, CD, WINDOW, AdwApplicationWindow)

CdWindow     *cd_window_new            (GtkApplication *application);
CdRepository *cd_window_get_repository (CdWindow       *self);
/* Shows the finder and page on @repository (NULL shows the welcome page). */
void          cd_window_set_repository (CdWindow       *self,
                                        CdRepository   *repository);
/* While the API key is looked up. */
void          cd_window_show_connecting (CdWindow      *self);
void          cd_window_show_welcome   (CdWindow       *self);
/* Loads @contact_id in the contact page and shows it (also when folded). */
void          cd_window_open_contact   (CdWindow       *self,
                                        gint64          contact_id);
void          cd_window_add_toast      (CdWindow       *self,
                                        const char     *message);
/* For tests. */
GtkWidget    *cd_window_get_finder     (CdWindow       *self);
GtkWidget    *cd_window_get_page       (CdWindow       *self);
/* "welcome", "connecting" or "main". */
const char   *cd_window_get_view_name  (CdWindow       *self);

G_END_DECLS
