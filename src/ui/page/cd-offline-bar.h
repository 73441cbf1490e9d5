/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-repository-offline.h"

G_BEGIN_DECLS

/*
 * The "Keep offline" status strip (product.md §11).  For a contact (the page):
 * its offline state — downloading with a progress bar and Cancel, waiting,
 * paused with Resume, failed with Retry, or "Available offline · synced 5 min
 * ago".  With contact id 0 (the finder): the running download of any contacts,
 * hidden when none runs.  The widget hides itself when it has nothing to say.
 */

#define CD_TYPE_OFFLINE_BAR (cd_offline_bar_get_type ())
G_DECLARE_FINAL_TYPE (CdOfflineBar, cd_offline_bar, CD, OFFLINE_BAR, GtkWidget)

GtkWidget  *cd_offline_bar_new            (void);
void        cd_offline_bar_set_repository (CdOfflineBar *self,
                                           CdRepository *repository);
/* 0 = any download (finder mode). */
void        cd_offline_bar_set_contact_id (CdOfflineBar *self,
                                           gint64        contact_id);
/* What the strip says now ("" when hidden); for tests. */
const char *cd_offline_bar_get_text       (CdOfflineBar *self);
/* The progress bar's fraction, or -1 when no progress bar is shown. */
double      cd_offline_bar_get_fraction   (CdOfflineBar *self);
/* The visible button ("Cancel", "Resume", "Retry") or NULL; for tests. */
GtkWidget  *cd_offline_bar_get_button     (CdOfflineBar *self);
/* Finder mode shows downloads of several contacts; this also shows @job (one
 * the host started, e.g. "Keep This Contact Offline"). */
void        cd_offline_bar_show_job       (CdOfflineBar *self,
                                           CdOfflineJob *job);

G_END_DECLS
