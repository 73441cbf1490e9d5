/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Loads the call-logs stylesheet (from this library's own GResource) once per display. */
void cd_calllogs_ensure_style (void);

/* TRUE for the roles that may see a session's cost and raw data. */
gboolean cd_calllogs_role_sees_internals (int role);

G_END_DECLS
