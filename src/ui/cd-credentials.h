/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The API key of a server: the CONTACT_DETAIL_API_KEY environment variable wins,
 * otherwise the system keyring (libsecret, schema "com.example.ContactDetail",
 * attribute server=URL).  The key is never logged nor written to a file.
 */

#define CD_CREDENTIALS_ENV_VAR "CONTACT_DETAIL_API_KEY"

/* Result: the key (free with cd_credentials_free_key) or NULL when none is stored. */
void      cd_credentials_lookup_async  (const char          *server_url,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char     *cd_credentials_lookup_finish (GAsyncResult        *result,
                                        GError             **error);

/* Stores @api_key for @server_url in the keyring; an empty key clears it. */
void      cd_credentials_store_async   (const char          *server_url,
                                        const char          *api_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  cd_credentials_store_finish  (GAsyncResult        *result,
                                        GError             **error);

/* Wipes the key's memory before freeing it. */
void      cd_credentials_free_key      (char                *api_key);

G_END_DECLS
