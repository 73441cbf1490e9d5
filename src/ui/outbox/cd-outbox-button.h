/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The contact page header's "2 pending" button (product.md §11): hidden while
 * the contact has no outbox entries; its popover lists them oldest first
 * (label, relative time, state: waiting / conflict / failed with the server's
 * message), each with Discard (confirmed) and, for a conflict, Resolve… (the
 * conflict dialog).  "Send Now" replays the outbox when online.  Follows the
 * repository's "outbox-changed" signal and each entry's state.
 */

#define CD_TYPE_OUTBOX_BUTTON (cd_outbox_button_get_type ())
G_DECLARE_FINAL_TYPE (CdOutboxButton, cd_outbox_button, CD, OUTBOX_BUTTON, AdwBin)

GtkWidget *cd_outbox_button_new            (void);
void       cd_outbox_button_set_repository (CdOutboxButton *self,
                                            CdRepository   *repository);
/* The contact whose entries are shown (0 = none: hidden). */
void       cd_outbox_button_set_contact_id (CdOutboxButton *self,
                                            gint64          contact_id);
gint64     cd_outbox_button_get_contact_id (CdOutboxButton *self);
/* Entries of the contact not yet sent, as the label shows them. */
guint      cd_outbox_button_get_count      (CdOutboxButton *self);

/* For tests and screenshots: "menu_button", "content" (AdwButtonContent),
 * "popover", "list_box", "send_button", "error_label", per entry
 * "row:SEQ", "discard:SEQ", "resolve:SEQ"; and the dialog it opened last
 * (discard confirmation or CdConflictDialog) while open, else NULL. */
GtkWidget *cd_outbox_button_get_part       (CdOutboxButton *self,
                                            const char     *name);
GtkWindow *cd_outbox_button_get_dialog     (CdOutboxButton *self);

G_END_DECLS
