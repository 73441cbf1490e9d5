/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-repository-outbox.h"

G_BEGIN_DECLS

/*
 * "Resolve conflict" for an outbox entry the server refused with 412
 * (product.md §11: a conflict is shown, never silently overwritten).  Shows,
 * for each member of the entry's body, my value and the server's current one
 * (cd_outbox_entry_get_theirs) side by side, as plain text.  Keep Mine and Take
 * Theirs resolve at once; Edit turns my values into editable fields and Send
 * resolves with CD_CONFLICT_EDIT.  Errors stay in the dialog; on success it
 * emits "resolved" (guint CdConflictChoice) and closes itself.
 */

#define CD_TYPE_CONFLICT_DIALOG (cd_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdConflictDialog, cd_conflict_dialog, CD, CONFLICT_DIALOG, AdwWindow)

CdConflictDialog *cd_conflict_dialog_new      (CdRepository     *repository,
                                               CdOutboxEntry    *entry);
CdOutboxEntry    *cd_conflict_dialog_get_entry (CdConflictDialog *self);
/* TRUE while a resolution is being sent. */
gboolean          cd_conflict_dialog_get_busy  (CdConflictDialog *self);
/* For tests: "keep_button", "theirs_button", "edit_button", "send_button",
 * "cancel_edit_button", "error_label", "mine:MEMBER", "theirs:MEMBER" (labels)
 * and "entry:MEMBER" (the edit field, in edit mode). */
GtkWidget        *cd_conflict_dialog_get_part  (CdConflictDialog *self,
                                               const char       *name);

G_END_DECLS
