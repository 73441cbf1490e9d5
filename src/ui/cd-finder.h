/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The contact finder: a search entry over a list of contacts.  An empty query
 * lists the recently opened contacts; typing runs a debounced server search
 * (cache fallback when offline).  Activating a row emits "contact-activated".
 */

#define CD_TYPE_FINDER (cd_finder_get_type ())
G_DECLARE_FINAL_TYPE (CdFinder, cd_finder, CD, FINDER, GtkWidget)

GtkWidget    *cd_finder_new            (void);
CdRepository *cd_finder_get_repository (CdFinder     *self);
void          cd_finder_set_repository (CdFinder     *self,
                                        CdRepository *repository);
/* Re-runs the current query (e.g. after a contact was opened). */
void          cd_finder_refresh        (CdFinder     *self);
/* The contacts shown (GListModel of CdContact); for tests. */
GListModel   *cd_finder_get_model      (CdFinder     *self);
/* "list", "loading", "empty" (No contacts found) or "error". */
const char   *cd_finder_get_view_name  (CdFinder     *self);
/* The (stripped) query whose results the list shows; NULL before the first. */
const char   *cd_finder_get_shown_query (CdFinder    *self);
/* TRUE while the list shows saved contacts because the server was unreachable. */
gboolean      cd_finder_get_from_cache (CdFinder     *self);
/* TRUE while a query is in flight. */
gboolean      cd_finder_get_busy       (CdFinder     *self);
GtkWidget    *cd_finder_get_search_entry (CdFinder   *self);
/* Emits "contact-activated" for the contact at @position. */
void          cd_finder_activate_position (CdFinder  *self,
                                           guint      position);
/* Highlights @contact_id's row whenever it is listed (0 = none). */
void          cd_finder_set_selected_id (CdFinder    *self,
                                         gint64       contact_id);
/* Moves the keyboard focus into the search entry. */
void          cd_finder_focus_search   (CdFinder     *self);
/* "Keep These N Offline" (shown for search results online) and its progress strip. */
GtkWidget    *cd_finder_get_keep_button (CdFinder    *self);
GtkWidget    *cd_finder_get_offline_bar (CdFinder    *self);
/* Whether @contact_id's shown row carries the "Available offline" mark. */
gboolean      cd_finder_row_shows_offline (CdFinder  *self,
                                           gint64     contact_id);

G_END_DECLS
