/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-contact.h"
#include "cd-repository.h"
#include "cd-user.h"

G_BEGIN_DECLS

/*
 * CdContactActions: runs the contact page's header actions ("call", "edit",
 * "toggle-dnc", "archive", "unarchive", "gdpr-erase", "hard-delete",
 * "export") — confirmation dialog, request through the repository, outcome.
 * One per contact page.  Refuses actions the contact's server permissions
 * and the user's role do not allow, and a second action while one runs.
 *
 * Signals (connect them on the page):
 *  "contact-changed" (CdContact *contact): the server's new copy (DNC,
 *      archive, unarchive, erase, edit); show it at once.
 *  "contact-removed" (gint64 id): hard-deleted; "win.show-finder" is also
 *      activated on the parent.
 *  "call-started" (gint64 voice_session_id): refresh call logs and tiles.
 *  "toast" (const char *message): a short confirmation for an AdwToast.
 *  "error" (GError *error): CD_API_ERROR with message and request id
 *      (cd_api_error_get_request_id) for the inline error box; nothing
 *      changed locally.
 */
#define CD_TYPE_CONTACT_ACTIONS (cd_contact_actions_get_type ())

G_DECLARE_FINAL_TYPE (CdContactActions, cd_contact_actions, CD, CONTACT_ACTIONS, GObject)

CdContactActions *cd_contact_actions_new        (CdRepository     *repository);
/* The signed-in user (role rules); NULL = rely on the server's permissions. */
void              cd_contact_actions_set_user   (CdContactActions *self,
                                                 CdUser           *user);
/* TRUE when @action may be offered for @contact; else *@error says why. */
gboolean          cd_contact_actions_check      (CdContactActions *self,
                                                 CdContact        *contact,
                                                 const char       *action,
                                                 GError          **error);
/*
 * Opens the dialog of @action, transient for @parent's root.  FALSE (and
 * @error) when not allowed, busy, or unknown.  The dialog is
 * cd_contact_actions_get_dialog() until it closes.
 */
gboolean          cd_contact_actions_run        (CdContactActions *self,
                                                 GtkWidget        *parent,
                                                 CdContact        *contact,
                                                 const char       *action,
                                                 GError          **error);
/* The open dialog (AdwMessageDialog, CdCallDialog or CdEditDialog), or NULL. */
GtkWindow        *cd_contact_actions_get_dialog (CdContactActions *self);
/* TRUE while a request of a confirmed action is in flight. */
gboolean          cd_contact_actions_get_busy   (CdContactActions *self);
/* Tests: "export" writes here instead of asking with a file chooser. */
void              cd_contact_actions_set_export_file (CdContactActions *self,
                                                      GFile            *file);

G_END_DECLS
