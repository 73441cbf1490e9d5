/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-edit-dialog.h"

G_BEGIN_DECLS

/* For tests: the dialog's real widgets, to drive them as a user would. */
gboolean   cd_edit_dialog_get_loaded        (CdEditDialog *self);
/* The input of a member ("first_name", "phone_e164", "timezone", "tags",
 * "custom_fields.budget", …): AdwEntryRow, GtkDropDown, GtkSwitch or the
 * label entry row for "tags". */
GtkWidget *cd_edit_dialog_get_input         (CdEditDialog *self,
                                             const char   *member);
/* The row carrying the "error" style class when the input is invalid. */
GtkWidget *cd_edit_dialog_get_row           (CdEditDialog *self,
                                             const char   *member);
/* The message under a field (hidden when none). */
GtkLabel  *cd_edit_dialog_get_message       (CdEditDialog *self,
                                             const char   *member);
GtkButton *cd_edit_dialog_get_save_button   (CdEditDialog *self);
GtkLabel  *cd_edit_dialog_get_error_label   (CdEditDialog *self);
GtkWidget *cd_edit_dialog_get_conflict_box  (CdEditDialog *self);
GtkButton *cd_edit_dialog_get_reload_button (CdEditDialog *self);
/* The labels currently in the chips, in order (NULL-terminated, free with g_strfreev). */
char     **cd_edit_dialog_dup_labels        (CdEditDialog *self);

/* The "remove" button of a label chip, or NULL. */
GtkButton *cd_edit_dialog_get_label_remove_button (CdEditDialog *self,
                                                   const char   *label);

G_END_DECLS
