/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-error"

#include "cd-error.h"

#include <stdlib.h>

typedef struct
{
  char       *request_id;
  char       *error_code;
  guint       http_status;
  guint       retry_after;
  GHashTable *fields; /* char* -> GPtrArray of char* (NULL-terminated) */
} CdApiErrorPrivate;

static void
cd_api_error_private_init (CdApiErrorPrivate *priv)
{
  priv->fields = NULL;
}

static void
cd_api_error_private_copy (const CdApiErrorPrivate *src,
                           CdApiErrorPrivate       *dest)
{
  dest->request_id = g_strdup (src->request_id);
  dest->error_code = g_strdup (src->error_code);
  dest->http_status = src->http_status;
  dest->retry_after = src->retry_after;
  dest->fields = src->fields ? g_hash_table_ref (src->fields) : NULL;
}

static void
cd_api_error_private_clear (CdApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->request_id, g_free);
  g_clear_pointer (&priv->error_code, g_free);
  g_clear_pointer (&priv->fields, g_hash_table_unref);
}

G_DEFINE_EXTENDED_ERROR (CdApiError, cd_api_error)

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static CdApiErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != CD_API_ERROR)
    return NULL;
  return cd_api_error_get_private (error);
}

GError *
cd_api_error_new (CdApiError  code,
                  guint       http_status,
                  const char *message,
                  const char *error_code,
                  const char *request_id)
{
  GError *error = g_error_new_literal (CD_API_ERROR, code, message ? message : "");
  CdApiErrorPrivate *priv = cd_api_error_get_private (error);

  priv->http_status = http_status;
  priv->error_code = g_strdup (error_code);
  priv->request_id = g_strdup (request_id);
  return error;
}

GError *
cd_api_error_new_bad_member (const char *member,
                             const char *expected)
{
  g_autofree char *message =
    g_strdup_printf ("Unexpected response: member “%s” should be %s", member, expected);

  return cd_api_error_new (CD_API_ERROR_BAD_RESPONSE, 0, message, "BAD_RESPONSE", NULL);
}

void
cd_api_error_add_field_message (GError     *error,
                                const char *field,
                                const char *message)
{
  CdApiErrorPrivate *priv = get_private (error);
  GPtrArray *messages;

  g_return_if_fail (priv != NULL && field != NULL && message != NULL);

  if (priv->fields == NULL)
    priv->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  messages = g_hash_table_lookup (priv->fields, field);
  if (messages == NULL)
    {
      messages = g_ptr_array_new_null_terminated (1, g_free, TRUE);
      g_hash_table_insert (priv->fields, g_strdup (field), messages);
    }
  g_ptr_array_add (messages, g_strdup (message));
}

void
cd_api_error_set_retry_after (GError *error,
                              guint   seconds)
{
  CdApiErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);
  priv->retry_after = seconds;
}

const char *
cd_api_error_get_request_id (const GError *error)
{
  CdApiErrorPrivate *priv = get_private (error);
  return priv ? priv->request_id : NULL;
}

const char *
cd_api_error_get_error_code (const GError *error)
{
  CdApiErrorPrivate *priv = get_private (error);
  return priv ? priv->error_code : NULL;
}

guint
cd_api_error_get_http_status (const GError *error)
{
  CdApiErrorPrivate *priv = get_private (error);
  return priv ? priv->http_status : 0;
}

guint
cd_api_error_get_retry_after (const GError *error)
{
  CdApiErrorPrivate *priv = get_private (error);
  return priv ? priv->retry_after : 0;
}

char **
cd_api_error_dup_fields (const GError *error)
{
  CdApiErrorPrivate *priv = get_private (error);
  g_autofree const char **keys = NULL;
  char **copy;

  if (priv == NULL || priv->fields == NULL)
    return g_new0 (char *, 1);
  keys = (const char **) g_hash_table_get_keys_as_array (priv->fields, NULL);
  copy = g_strdupv ((char **) keys);
  qsort (copy, g_strv_length (copy), sizeof (char *), compare_strings);
  return copy;
}

const char * const *
cd_api_error_get_field_messages (const GError *error,
                                 const char   *field)
{
  CdApiErrorPrivate *priv = get_private (error);
  GPtrArray *messages;

  if (priv == NULL || priv->fields == NULL)
    return NULL;
  messages = g_hash_table_lookup (priv->fields, field);
  return messages ? (const char * const *) messages->pdata : NULL;
}
