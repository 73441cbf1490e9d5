/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-contact-actions.h"
#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The contact page: the window's content pane, with its own AdwHeaderBar
 * (AdwWindowTitle + contact actions) above the section-based page.  It loads
 * through CdRepository; each load cancels the previous one.
 */

#define CD_TYPE_CONTACT_PAGE (cd_contact_page_get_type ())
G_DECLARE_FINAL_TYPE (CdContactPage, cd_contact_page, CD, CONTACT_PAGE, AdwBin)

GtkWidget      *cd_contact_page_new            (void);
void            cd_contact_page_set_repository (CdContactPage *self,
                                                CdRepository  *repository);
/* Starts loading @contact_id (cancelling any earlier load). */
void            cd_contact_page_load           (CdContactPage *self,
                                                gint64         contact_id);
gint64          cd_contact_page_get_contact_id (CdContactPage *self);
/* Property "title": what the AdwWindowTitle shows (display title rule). */
const char     *cd_contact_page_get_title      (CdContactPage *self);
/* Property "subtitle". */
const char     *cd_contact_page_get_subtitle   (CdContactPage *self);
/* Property "state": the contact resource's state (CdResourceState). */
CdResourceState cd_contact_page_get_state      (CdContactPage *self);
/*
 * Property "show-back-button": set by the window when its leaflet is folded;
 * the page then shows a back button in its header that activates "win.show-finder".
 */
void            cd_contact_page_set_show_back_button (CdContactPage *self,
                                                      gboolean       show);

/*
 * Extensions.  Signal "action-requested" (const char *name) is emitted for every
 * contact action except refresh: "call", "edit", "toggle-dnc", "archive",
 * "unarchive", "gdpr-erase", "hard-delete", "export"; the window opens dialogs.
 */
/* Empty containers for the cards later issues fill (call logs, follow-ups, memory). */
GtkBox         *cd_contact_page_get_call_logs_slot  (CdContactPage *self);
GtkBox         *cd_contact_page_get_follow_ups_slot (CdContactPage *self);
GtkBox         *cd_contact_page_get_memory_slot     (CdContactPage *self);
/* The contact resource being shown (NULL before the first load). */
CdResource     *cd_contact_page_get_resource        (CdContactPage *self);
/* A named template child (e.g. "call_button", "banner_label"), for tests and the window. */
GtkWidget      *cd_contact_page_get_part            (CdContactPage *self,
                                                     const char    *name);

/* A toast over the page; the message is plain text, not markup. */
void            cd_contact_page_add_toast      (CdContactPage *self,
                                                const char    *message);
CdContactActions *cd_contact_page_get_actions  (CdContactPage *self);

/* The inline error box under the header (failed lifecycle/DNC actions). */
void            cd_contact_page_show_action_error  (CdContactPage *self,
                                                    const GError  *error);
void            cd_contact_page_clear_action_error (CdContactPage *self);
const char     *cd_contact_page_get_action_error   (CdContactPage *self);

/* Pushed pages with a return link ("contact.back", Alt+Left). */
void            cd_contact_page_push           (CdContactPage *self,
                                                GtkWidget     *page);
gboolean        cd_contact_page_pop            (CdContactPage *self);
void            cd_contact_page_pop_all        (CdContactPage *self);
GtkWidget      *cd_contact_page_get_top_page   (CdContactPage *self);

G_END_DECLS
