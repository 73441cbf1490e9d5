/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-window.h"

G_BEGIN_DECLS

/*
 * The application: single instance; a second launch with a contact id or a
 * contact-detail://contact/ID URI opens it in the running instance's window.
 *
 *   contact-detail [--demo [--role ROLE]] [--server URL] [--data-dir DIR] [CONTACT_ID|URI]
 */

#define CD_SETTINGS_SCHEMA_ID "com.example.ContactDetail"

#define CD_TYPE_APPLICATION (cd_application_get_type ())
G_DECLARE_FINAL_TYPE (CdApplication, cd_application, CD, APPLICATION, AdwApplication)

CdApplication *cd_application_new             (void);

/* The app's GSettings, or NULL when the schema is not installed. */
GSettings     *cd_application_create_settings (void);

/* https:// anywhere, http:// only on loopback hosts. */
gboolean       cd_application_validate_server_url (const char  *url,
                                                   GError     **error);
/* "503" or "contact-detail://contact/503" → 503. */
gboolean       cd_application_parse_contact_arg   (const char  *arg,
                                                   gint64      *out_id,
                                                   GError     **error);

/* The window commands open in (the active one, created when none). */
CdWindow      *cd_application_get_main_window (CdApplication *self);
/* One repository per (base URL, tenant), shared by the windows. */
CdRepository  *cd_application_get_repository  (CdApplication *self,
                                               const char    *base_url,
                                               const char    *api_key,
                                               const char    *tenant_id);
/* Starts (once) the in-process demo backend and shows it in @window. */
gboolean       cd_application_connect_demo    (CdApplication *self,
                                               CdWindow      *window,
                                               gint64         contact_id,
                                               GError       **error);
/* Looks the API key up, then shows @base_url in @window (contact_id 0 = none). */
void           cd_application_connect_server  (CdApplication *self,
                                               CdWindow      *window,
                                               const char    *base_url,
                                               gint64         contact_id);
/* Drops the cached backends of @window's server and connects it again, looking
 * the API key up anew (after the key changed); keeps the open contact. */
void           cd_application_reconnect       (CdApplication *self,
                                               CdWindow      *window);
/* The About window's debug info: versions, app id, profile and the backend URL
 * (never its user info, query, API key or tenant data). */
char          *cd_application_dup_debug_info  (CdApplication *self);
/* The demo backend's base URL, or NULL when it is not running. */
const char    *cd_application_get_demo_url    (CdApplication *self);

G_END_DECLS
