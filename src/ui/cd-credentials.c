/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-ui"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "cd-credentials.h"

static const SecretSchema *
cd_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    "com.example.ContactDetail", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret_key;
  char *key = NULL;

  secret_key = secret_password_lookup_finish (result, &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* No keyring (e.g. no session bus) simply means "no stored key". */
  if (error != NULL)
    g_debug ("Keyring unavailable: %s", error->message);

  /* Copy into plain g_malloc memory so every caller frees the same way. */
  if (secret_key != NULL && secret_key[0] != '\0')
    key = g_strdup (secret_key);
  g_clear_pointer (&secret_key, secret_password_free);

  g_task_return_pointer (task, key, (GDestroyNotify) cd_credentials_free_key);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
cd_credentials_lookup_async (const char          *server_url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *env_key;

  g_return_if_fail (server_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_credentials_lookup_async);

  env_key = g_getenv (CD_CREDENTIALS_ENV_VAR);
  if (env_key != NULL && env_key[0] != '\0')
    {
      g_task_return_pointer (task, g_strdup (env_key), (GDestroyNotify) cd_credentials_free_key);
      return;
    }

  secret_password_lookup (cd_credentials_get_schema (), cancellable,
                          lookup_cb, g_steal_pointer (&task),
                          "server", server_url,
                          NULL);
}

char *
cd_credentials_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cd_credentials_store_async (const char          *server_url,
                            const char          *api_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (server_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_credentials_store_async);

  if (api_key == NULL || api_key[0] == '\0')
    {
      secret_password_clear (cd_credentials_get_schema (), cancellable,
                             clear_cb, g_steal_pointer (&task),
                             "server", server_url,
                             NULL);
      return;
    }

  /* Translators: the keyring item's label; %s is the server URL */
  label = g_strdup_printf (_("Contact Detail API key for %s"), server_url);
  secret_password_store (cd_credentials_get_schema (), SECRET_COLLECTION_DEFAULT,
                         label, api_key, cancellable,
                         store_cb, g_steal_pointer (&task),
                         "server", server_url,
                         NULL);
}

gboolean
cd_credentials_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cd_credentials_free_key (char *api_key)
{
  if (api_key == NULL)
    return;

  memset (api_key, 0, strlen (api_key));
  g_free (api_key);
}
