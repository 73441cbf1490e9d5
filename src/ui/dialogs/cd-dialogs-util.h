/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Loads the dialogs' stylesheet once per display. */
void  cd_dialogs_ensure_style     (void);
/* "Message\nRequest ID: …" for an inline error (plain text, never markup). */
char *cd_dialogs_dup_error_text   (const GError *error);
/* Shows @error in @label (hides it for NULL). */
void  cd_dialogs_show_error       (GtkLabel     *label,
                                   const GError *error);

G_END_DECLS
