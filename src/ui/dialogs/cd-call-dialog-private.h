/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-call-dialog.h"

G_BEGIN_DECLS

/* For tests: the dialog's real widgets, to drive them as a user would. */
gboolean     cd_call_dialog_get_loaded          (CdCallDialog *self);
GtkDropDown *cd_call_dialog_get_number_dropdown (CdCallDialog *self);
GtkDropDown *cd_call_dialog_get_agent_dropdown  (CdCallDialog *self);
AdwActionRow *cd_call_dialog_get_agent_row      (CdCallDialog *self);
AdwActionRow *cd_call_dialog_get_number_row     (CdCallDialog *self);
GtkButton   *cd_call_dialog_get_start_button    (CdCallDialog *self);
GtkLabel    *cd_call_dialog_get_error_label     (CdCallDialog *self);
guint        cd_call_dialog_get_n_variables     (CdCallDialog *self);
/* Per variable (by name): the source dropdown (0 = Manual value), the manual
 * entry, the preview label and the chosen field id (NULL = manual). */
GtkDropDown *cd_call_dialog_get_variable_source (CdCallDialog *self,
                                                 const char   *name);
GtkEntry    *cd_call_dialog_get_variable_entry  (CdCallDialog *self,
                                                 const char   *name);
GtkLabel    *cd_call_dialog_get_variable_preview (CdCallDialog *self,
                                                  const char   *name);
const char  *cd_call_dialog_get_variable_field  (CdCallDialog *self,
                                                 const char   *name);

G_END_DECLS
