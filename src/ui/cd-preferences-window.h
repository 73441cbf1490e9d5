/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Server URL, workspace, API key (keyring), time zone and dashboard URL. */

#define CD_TYPE_PREFERENCES_WINDOW (cd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, CD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *cd_preferences_window_new (GtkWindow *transient_for);
/* The "Kept Offline" rows (AdwActionRow, unowned), refreshed on "offline-changed". */
GPtrArray *cd_preferences_window_get_offline_rows (CdPreferencesWindow *self);

G_END_DECLS
