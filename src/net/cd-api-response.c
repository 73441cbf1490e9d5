/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-net"

#include "cd-api-response.h"

#include <stdlib.h>

#include "cd-error.h"
#include "cd-json.h"

/* Server-provided texts are shown to the user; keep them bounded. */
#define MAX_TEXT_CHARS 1000

struct _CdApiResponse
{
  gatomicrefcount  ref_count;
  guint            http_status;
  gboolean         not_modified;
  JsonNode        *data;
  JsonObject      *meta;
  char            *message;
  char            *etag;
  char            *request_id;
  GBytes          *body;
  char            *content_type;
  char            *idempotency_key;
};

G_DEFINE_BOXED_TYPE (CdApiResponse, cd_api_response,
                     cd_api_response_ref, cd_api_response_unref)

/* helpers */

static char *
bounded_text (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  if (g_utf8_strlen (valid, -1) <= MAX_TEXT_CHARS)
    return g_steal_pointer (&valid);
  return g_utf8_substring (valid, 0, MAX_TEXT_CHARS);
}

static const char *
generic_message (guint status)
{
  switch (status)
    {
    case 400: return "The server rejected the request.";
    case 401: return "The API key was rejected. Check it in Preferences.";
    case 403: return "You do not have permission to do this.";
    case 404: return "Not found. It may have been deleted.";
    case 409: return "This conflicts with the current state on the server.";
    case 412: return "Someone else changed this in the meantime.";
    case 422: return "Some values are not valid.";
    case 429: return "Too many requests. Try again shortly.";
    default:
      if (status >= 500 && status < 600)
        return "The server had a problem. Try again later.";
      return "The server gave an unexpected answer.";
    }
}

static CdApiError
code_for_status (guint status)
{
  switch (status)
    {
    case 400:
    case 422: return CD_API_ERROR_VALIDATION;
    case 401: return CD_API_ERROR_UNAUTHORIZED;
    case 403: return CD_API_ERROR_FORBIDDEN;
    case 404:
    case 410: return CD_API_ERROR_NOT_FOUND;
    case 409: return CD_API_ERROR_CONFLICT;
    case 412: return CD_API_ERROR_PRECONDITION_FAILED;
    case 429: return CD_API_ERROR_RATE_LIMITED;
    default:  return CD_API_ERROR_SERVER;
    }
}

/* Returns the string of a member, or NULL when missing or of another type. */
static const char *
lenient_string (JsonObject *object,
                const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Seconds, or an HTTP date; 0 when absent or unparsable. */
static guint
parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end = NULL;
  guint64 seconds;
  GTimeSpan diff;

  if (value == NULL)
    return 0;
  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, &end, 10);
      return (guint) MIN (seconds, G_MAXUINT);
    }
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;
  now = g_date_time_new_now_utc ();
  diff = g_date_time_difference (when, now);
  return diff > 0 ? (guint) MIN ((diff + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND,
                                 G_MAXUINT) : 0;
}

static void
add_field_errors (GError     *error,
                  JsonObject *errors)
{
  JsonObjectIter iter;
  const char *field;
  JsonNode *node;

  json_object_iter_init (&iter, errors);
  while (json_object_iter_next (&iter, &field, &node))
    {
      g_autofree char *field_text = bounded_text (field);

      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *item = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (item) &&
                  json_node_get_value_type (item) == G_TYPE_STRING)
                {
                  g_autofree char *text = bounded_text (json_node_get_string (item));
                  cd_api_error_add_field_message (error, field_text, text);
                }
            }
        }
      else if (JSON_NODE_HOLDS_VALUE (node) &&
               json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_autofree char *text = bounded_text (json_node_get_string (node));
          cd_api_error_add_field_message (error, field_text, text);
        }
    }
}

/* Parses @body as a JSON object, or NULL (no error: the error path is tolerant). */
static JsonObject *
parse_object_lenient (GBytes    *body,
                      JsonNode **out_root)
{
  const char *text;
  gsize len;

  *out_root = NULL;
  if (body == NULL)
    return NULL;
  text = g_bytes_get_data (body, &len);
  if (text == NULL || len == 0)
    return NULL;
  *out_root = cd_json_parse (text, (gssize) len, NULL);
  if (*out_root == NULL || !JSON_NODE_HOLDS_OBJECT (*out_root))
    return NULL;
  return json_node_get_object (*out_root);
}

/* public: envelopes */

GError *
cd_api_parse_error_envelope (guint               status,
                             GBytes             *body,
                             SoupMessageHeaders *headers)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_object_lenient (body, &root);
  const char *message = lenient_string (object, "error");
  const char *request_id = lenient_string (object, "request_id");
  g_autofree char *message_text = NULL;
  g_autofree char *code_text = NULL;
  g_autofree char *request_text = NULL;
  GError *error;

  /* Some servers nest the error: {"error": {"message": "…"}}. */
  if (message == NULL && object != NULL &&
      json_object_has_member (object, "error") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "error")))
    message = lenient_string (json_object_get_object_member (object, "error"), "message");
  if (message == NULL)
    message = lenient_string (object, "message");
  if (message == NULL || *message == '\0')
    message = generic_message (status);
  if (request_id == NULL && headers != NULL)
    request_id = soup_message_headers_get_one (headers, "X-Request-Id");

  message_text = bounded_text (message);
  code_text = bounded_text (lenient_string (object, "error_code"));
  request_text = bounded_text (request_id);
  error = cd_api_error_new (code_for_status (status), status, message_text,
                            code_text, request_text);

  if (object != NULL && json_object_has_member (object, "errors") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "errors")))
    add_field_errors (error, json_object_get_object_member (object, "errors"));
  if (headers != NULL)
    cd_api_error_set_retry_after (error,
                                  parse_retry_after (soup_message_headers_get_one (headers,
                                                                                   "Retry-After")));
  return error;
}

static void
fill_from_headers (CdApiResponse      *self,
                   SoupMessageHeaders *headers)
{
  if (headers == NULL)
    return;
  cd_api_response_set_etag (self, soup_message_headers_get_one (headers, "ETag"));
  cd_api_response_set_request_id (self, soup_message_headers_get_one (headers, "X-Request-Id"));
  cd_api_response_set_content_type (self, soup_message_headers_get_content_type (headers, NULL));
}

CdApiResponse *
cd_api_parse_success_envelope (guint                status,
                               GBytes              *body,
                               SoupMessageHeaders  *headers,
                               GError             **error)
{
  g_autoptr(CdApiResponse) self = cd_api_response_new (status);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *message = NULL;
  g_autofree char *request_id = NULL;
  JsonObject *object;
  JsonObject *meta = NULL;
  const char *text;
  gsize len = 0;

  fill_from_headers (self, headers);
  text = body ? g_bytes_get_data (body, &len) : NULL;
  if (status == 204 || status == 304)
    return g_steal_pointer (&self);
  if (text == NULL || len == 0)
    {
      g_propagate_error (error, cd_api_error_new (CD_API_ERROR_BAD_RESPONSE, status,
                                                  "The server sent an empty answer.",
                                                  "BAD_RESPONSE", self->request_id));
      return NULL;
    }
  root = cd_json_parse (text, (gssize) len, error);
  if (root == NULL)
    return NULL;
  object = cd_json_node_get_object (root, "envelope", error);
  if (object == NULL)
    return NULL;
  if (!json_object_has_member (object, "data"))
    {
      g_propagate_error (error, cd_api_error_new_bad_member ("data", "present"));
      return NULL;
    }
  if (!cd_json_read_object (object, NULL, "meta", &meta, error) ||
      !cd_json_read_string (object, NULL, "message", &message, error) ||
      !cd_json_read_string (object, NULL, "request_id", &request_id, error))
    return NULL;

  cd_api_response_set_data (self, json_object_get_member (object, "data"));
  cd_api_response_set_meta (self, meta);
  cd_api_response_set_message (self, message);
  if (request_id != NULL)
    cd_api_response_set_request_id (self, request_id);
  return g_steal_pointer (&self);
}

/* public: the boxed type */

CdApiResponse *
cd_api_response_new (guint http_status)
{
  CdApiResponse *self = g_new0 (CdApiResponse, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->http_status = http_status;
  self->not_modified = http_status == 304;
  return self;
}

CdApiResponse *
cd_api_response_ref (CdApiResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cd_api_response_unref (CdApiResponse *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->data, json_node_unref);
  g_clear_pointer (&self->meta, json_object_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->message);
  g_free (self->etag);
  g_free (self->request_id);
  g_free (self->content_type);
  g_free (self->idempotency_key);
  g_free (self);
}

guint
cd_api_response_get_http_status (const CdApiResponse *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->http_status;
}

JsonNode *
cd_api_response_get_data (const CdApiResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->data;
}

JsonObject *
cd_api_response_get_meta (const CdApiResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->meta;
}

const char *
cd_api_response_get_message (const CdApiResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->message;
}

const char *
cd_api_response_get_etag (const CdApiResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->etag;
}

const char *
cd_api_response_get_request_id (const CdApiResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->request_id;
}

gboolean
cd_api_response_get_not_modified (const CdApiResponse *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->not_modified;
}

GBytes *
cd_api_response_get_body (const CdApiResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->body;
}

const char *
cd_api_response_get_content_type (const CdApiResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->content_type;
}

const char *
cd_api_response_get_idempotency_key (const CdApiResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->idempotency_key;
}

static void
replace_string (char       **slot,
                const char  *value,
                gboolean     bounded)
{
  char *copy = bounded ? bounded_text (value) : g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

void
cd_api_response_set_data (CdApiResponse *self,
                          JsonNode      *data)
{
  g_return_if_fail (self != NULL);
  g_clear_pointer (&self->data, json_node_unref);
  self->data = data ? json_node_ref (data) : NULL;
}

void
cd_api_response_set_meta (CdApiResponse *self,
                          JsonObject    *meta)
{
  g_return_if_fail (self != NULL);
  g_clear_pointer (&self->meta, json_object_unref);
  self->meta = meta ? json_object_ref (meta) : NULL;
}

void
cd_api_response_set_message (CdApiResponse *self,
                             const char    *message)
{
  g_return_if_fail (self != NULL);
  replace_string (&self->message, message, TRUE);
}

void
cd_api_response_set_etag (CdApiResponse *self,
                          const char    *etag)
{
  g_return_if_fail (self != NULL);
  replace_string (&self->etag, etag, FALSE);
}

void
cd_api_response_set_request_id (CdApiResponse *self,
                                const char    *request_id)
{
  g_return_if_fail (self != NULL);
  replace_string (&self->request_id, request_id, TRUE);
}

void
cd_api_response_set_not_modified (CdApiResponse *self,
                                  gboolean       not_modified)
{
  g_return_if_fail (self != NULL);
  self->not_modified = !!not_modified;
}

void
cd_api_response_set_body (CdApiResponse *self,
                          GBytes        *body)
{
  g_return_if_fail (self != NULL);
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = body ? g_bytes_ref (body) : NULL;
}

void
cd_api_response_set_content_type (CdApiResponse *self,
                                  const char    *content_type)
{
  g_return_if_fail (self != NULL);
  replace_string (&self->content_type, content_type, FALSE);
}

void
cd_api_response_set_idempotency_key (CdApiResponse *self,
                                     const char    *key)
{
  g_return_if_fail (self != NULL);
  replace_string (&self->idempotency_key, key, FALSE);
}
