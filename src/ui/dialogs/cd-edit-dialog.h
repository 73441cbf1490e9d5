/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-contact.h"
#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The modal "Edit contact" dialog (product §7).  Loads the contact with its
 * ETag and the custom-field definitions; Save sends only changed members with
 * If-Match.  Signal "contact-changed" (CdContact *) — then it closes itself.
 */
#define CD_TYPE_EDIT_DIALOG (cd_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CdEditDialog, cd_edit_dialog, CD, EDIT_DIALOG, AdwWindow)

CdEditDialog *cd_edit_dialog_new (CdRepository *repository,
                                  CdContact    *contact);
/* During "contact-changed": TRUE when the save waits in the outbox (offline);
 * the contact is then the cached copy with the edit applied. */
gboolean      cd_edit_dialog_get_queued (CdEditDialog *self);

G_END_DECLS
