/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-net"

#include "cd-api-client.h"

#include <libsoup/soup.h>
#include <string.h>

#include "cd-api-paths.h"
#include "cd-error.h"

#define DEFAULT_CONNECT_MS        5000
#define DEFAULT_REQUEST_MS        20000
#define DEFAULT_RETRY_BASE_MS     300
#define DEFAULT_MAX_GET_RETRIES   2
#define DEFAULT_MAX_RETRY_AFTER_S 10
#define DEFAULT_MAX_RESPONSE_SIZE (16 * 1024 * 1024)
#define MAX_REDIRECTS             5
#define READ_CHUNK                (64 * 1024)

struct _CdApiClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *api_key;
  char        *bearer_token;
  char        *tenant_id;
  guint        connect_ms;
  guint        request_ms;
  guint        retry_base_ms;
  guint        max_get_retries;
  gboolean     retries_disabled;
  guint        max_retry_after_s;
  gsize        max_response_size;
};

G_DEFINE_FINAL_TYPE (CdApiClient, cd_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TENANT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  REQUEST_BINARY           = 1 << 0, /* body bytes, no envelope */
  REQUEST_KEEP_RAW         = 1 << 1, /* envelope parsed and raw bytes kept */
  REQUEST_FOLLOW_REDIRECTS = 1 << 2,
} RequestFlags;

/* One logical request: survives retries and redirects; the task data. */
typedef struct
{
  GTask         *task;            /* borrowed: the task owns this struct */
  CdApiEndpoint  endpoint;
  RequestFlags   flags;
  char          *path;
  GString       *query;
  GBytes        *request_body;
  char          *if_none_match;
  char          *if_match;
  char          *idempotency_key;

  GUri          *uri;             /* current target (changes on redirects) */
  gboolean       cross_origin;    /* redirected elsewhere: send no credentials */
  guint          retries;
  guint          redirects;

  /* Per attempt */
  SoupMessage   *msg;
  GCancellable  *attempt_cancellable; /* what timers and the caller cancel */
  GCancellable  *send_cancellable;    /* libsoup's, see on_attempt_cancelled() */
  GSource       *cancel_source;
  gboolean       got_headers;
  gulong         caller_handler;
  GSource       *request_timer;
  GSource       *connect_timer;
  gboolean       timed_out;
  gboolean       body_written;
  gboolean       refused;       /* nothing listens there: retrying only delays */
  GInputStream  *stream;
  GByteArray    *buffer;

  /* Backoff wait between attempts */
  GSource       *wait_timer;
  GSource       *wait_cancel;
} CdApiRequest;

static void start_attempt (GTask *task);

/* helpers */

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
end_attempt (CdApiRequest *req,
             GCancellable *caller)
{
  destroy_source (&req->request_timer);
  destroy_source (&req->connect_timer);
  destroy_source (&req->cancel_source);
  if (req->caller_handler != 0)
    {
      g_cancellable_disconnect (caller, req->caller_handler);
      req->caller_handler = 0;
    }
  if (req->msg != NULL)
    g_signal_handlers_disconnect_by_data (req->msg, req);
  g_clear_object (&req->msg);
  g_clear_object (&req->attempt_cancellable);
  g_clear_object (&req->send_cancellable);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buffer, g_byte_array_unref);
}

static void
request_free (gpointer data)
{
  CdApiRequest *req = data;

  /* Only reached once the task is done; no attempt is in flight, so there is
   * no caller handler left to disconnect. */
  destroy_source (&req->wait_timer);
  destroy_source (&req->wait_cancel);
  end_attempt (req, NULL);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_free (req->path);
  if (req->query != NULL)
    g_string_free (req->query, TRUE);
  g_clear_pointer (&req->request_body, g_bytes_unref);
  g_free (req->if_none_match);
  g_free (req->if_match);
  g_free (req->idempotency_key);
  g_free (req);
}

static const char *
request_method (CdApiRequest *req)
{
  return cd_api_endpoint_get_method (req->endpoint);
}

static gboolean
request_is_get (CdApiRequest *req)
{
  return g_str_equal (request_method (req), "GET");
}

static CdApiRequest *
request_new (CdApiEndpoint       endpoint,
             const char * const *args)
{
  CdApiRequest *req = g_new0 (CdApiRequest, 1);

  req->endpoint = endpoint;
  req->path = cd_api_endpoint_expand (endpoint, args);
  g_assert (req->path != NULL);
  return req;
}

static CdApiRequest *
request_new_for_id (CdApiEndpoint endpoint,
                    gint64        id)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *args[] = { id_text, NULL };

  return request_new (endpoint, args);
}

static void
request_add_query (CdApiRequest *req,
                   const char   *key,
                   const char   *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (req->query == NULL)
    req->query = g_string_new (NULL);
  else
    g_string_append_c (req->query, '&');
  g_string_append_uri_escaped (req->query, key, NULL, FALSE);
  g_string_append_c (req->query, '=');
  g_string_append_uri_escaped (req->query, value, NULL, FALSE);
}

static void
request_add_query_int (CdApiRequest *req,
                       const char   *key,
                       gint64        value)
{
  g_autofree char *text = NULL;

  if (value == 0)
    return;
  text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  request_add_query (req, key, text);
}

/* Serialises @object (not consumed) as the JSON request body. */
static void
request_set_json_object (CdApiRequest *req,
                         JsonObject   *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  char *text;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  g_clear_pointer (&req->request_body, g_bytes_unref);
  req->request_body = g_bytes_new_take (text, strlen (text));
}

static void
request_set_idempotency_key (CdApiRequest *req,
                             const char   *key)
{
  req->idempotency_key = (key != NULL && *key != '\0') ? g_strdup (key)
                                                       : g_uuid_string_random ();
}

static GError *
network_error (const char *message)
{
  return cd_api_error_new (CD_API_ERROR_NETWORK, 0, message, "NETWORK", NULL);
}

static GError *
timeout_error (void)
{
  return cd_api_error_new (CD_API_ERROR_TIMEOUT, 0,
                           "The server did not answer in time.", "TIMEOUT", NULL);
}

static GError *
bad_response_error (guint       status,
                    const char *message)
{
  return cd_api_error_new (CD_API_ERROR_BAD_RESPONSE, status, message,
                           "BAD_RESPONSE", NULL);
}

/* Maps a transport-level error (GIO, resolver, TLS, libsoup) onto CD_API_ERROR. */
static GError *
map_transport_error (CdApiRequest *req,
                     const GError *error)
{
  if (req->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return timeout_error ();
  if (error->domain == SOUP_SESSION_ERROR &&
      (error->code == SOUP_SESSION_ERROR_PARSING ||
       error->code == SOUP_SESSION_ERROR_ENCODING))
    return bad_response_error (0, "The server sent a response that could not be read.");
  if (error->domain == SOUP_SESSION_ERROR &&
      error->code == SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS)
    return bad_response_error (0, "The server redirected too many times.");
  if (error->domain == G_RESOLVER_ERROR)
    return network_error ("The server address could not be found.");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      req->refused = TRUE;
      return network_error ("The server refused the connection.");
    }
  return network_error ("Could not reach the server.");
}

static gboolean
caller_cancelled (GTask *task)
{
  return g_cancellable_is_cancelled (g_task_get_cancellable (task));
}

static void
return_cancelled (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "Operation was cancelled");
}

/* Which failures are worth another attempt, see the header for the policy. */
static gboolean
should_retry (CdApiClient  *self,
              CdApiRequest *req,
              const GError *error)
{
  guint status;

  if (self->retries_disabled || req->retries >= self->max_get_retries ||
      error->domain != CD_API_ERROR)
    return FALSE;
  if (!request_is_get (req))
    /* Only when the body never fully left: the server cannot have acted on
     * it, and the same Idempotency-Key makes even a surprise harmless. */
    return (error->code == CD_API_ERROR_NETWORK || error->code == CD_API_ERROR_TIMEOUT) &&
           !req->body_written;
  switch (error->code)
    {
    case CD_API_ERROR_NETWORK:
      /* A refused connection is answered at once and means the server is down:
       * the caller's cached copy is worth more than a second of backoff. */
      return !req->refused;
    case CD_API_ERROR_TIMEOUT:
      return TRUE;
    case CD_API_ERROR_RATE_LIMITED:
      return cd_api_error_get_retry_after (error) <= self->max_retry_after_s;
    case CD_API_ERROR_SERVER:
      status = cd_api_error_get_http_status (error);
      return status == 502 || status == 503 || status == 504;
    default:
      return FALSE;
    }
}

static guint
retry_delay_ms (CdApiClient  *self,
                CdApiRequest *req,
                const GError *error)
{
  guint64 delay = (guint64) self->retry_base_ms << MIN (req->retries, 16);
  guint64 retry_after_ms = (guint64) cd_api_error_get_retry_after (error) * 1000;

  /* ±25 % jitter so clients that failed together do not retry together. */
  delay = (guint64) (delay * g_random_double_range (0.75, 1.25));
  if (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_RATE_LIMITED))
    delay = MAX (delay, retry_after_ms);
  return (guint) MIN (delay, G_MAXUINT);
}

static GSource *
attach_timeout (GTask       *task,
                guint        ms,
                GSourceFunc  func,
                gpointer     data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, g_task_get_context (task));
  return source;
}

/* callbacks: retry wait */

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  CdApiRequest *req = g_task_get_task_data (task);

  destroy_source (&req->wait_timer);
  g_clear_pointer (&req->wait_cancel, g_source_unref);
  return_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_done (gpointer user_data)
{
  GTask *task = user_data;
  CdApiRequest *req = g_task_get_task_data (task);

  destroy_source (&req->wait_cancel);
  g_clear_pointer (&req->wait_timer, g_source_unref);
  start_attempt (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  CdApiRequest *req = g_task_get_task_data (task);
  GCancellable *caller = g_task_get_cancellable (task);

  /* One task reference is shared by the two sources; whichever fires first
   * destroys the other and drops it. */
  req->wait_timer = attach_timeout (task, delay_ms, on_wait_done, g_object_ref (task));
  if (caller != NULL)
    {
      req->wait_cancel = g_cancellable_source_new (caller);
      g_source_set_callback (req->wait_cancel, G_SOURCE_FUNC (on_wait_cancelled), task, NULL);
      g_source_attach (req->wait_cancel, g_task_get_context (task));
    }
}

/* Ends the current attempt with @error: retry, or report. Consumes @error. */
static void
attempt_failed (GTask  *task,
                GError *error)
{
  CdApiClient *self = g_task_get_source_object (task);
  CdApiRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) mapped = NULL;

  end_attempt (req, g_task_get_cancellable (task));
  if (caller_cancelled (task))
    {
      g_error_free (error);
      return_cancelled (task);
      return;
    }
  if (error->domain != CD_API_ERROR)
    {
      g_debug ("%s %s: transport error: %s", request_method (req),
               cd_api_endpoint_get_path (req->endpoint), error->message);
      mapped = map_transport_error (req, error);
      g_error_free (error);
    }
  else
    mapped = error;
  if (should_retry (self, req, mapped))
    {
      guint delay = retry_delay_ms (self, req, mapped);

      req->retries++;
      g_debug ("%s %s: retry %u in %u ms", request_method (req),
               cd_api_endpoint_get_path (req->endpoint), req->retries, delay);
      schedule_retry (task, delay);
      return;
    }
  g_task_return_error (task, g_steal_pointer (&mapped));
}

/* callbacks: one attempt */

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 ||
         status == 307 || status == 308;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_strcmp0 (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a) ? g_uri_get_host (a) : "",
                             g_uri_get_host (b) ? g_uri_get_host (b) : "") == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

/* Follows a 3xx by hand: bounded (a loop ends with an error) and credentials
 * never leak to another origin such as a storage bucket. */
static void
follow_redirect (GTask              *task,
                 guint               status,
                 SoupMessageHeaders *headers)
{
  CdApiRequest *req = g_task_get_task_data (task);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) target = NULL;

  if (++req->redirects > MAX_REDIRECTS)
    {
      attempt_failed (task, bad_response_error (status,
                                                "The download was redirected too many times."));
      return;
    }
  if (location != NULL)
    target = g_uri_parse_relative (req->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL ||
      (g_strcmp0 (g_uri_get_scheme (target), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (target), "https") != 0))
    {
      attempt_failed (task, bad_response_error (status,
                                                "The server sent an invalid redirect."));
      return;
    }
  if (!same_origin (req->uri, target))
    req->cross_origin = TRUE;
  g_uri_unref (req->uri);
  req->uri = g_steal_pointer (&target);
  end_attempt (req, g_task_get_cancellable (task));
  start_attempt (task);
}

/* The envelope is fine but "data" is not what this endpoint returns. */
static gboolean
check_data_shape (CdApiRequest   *req,
                  CdApiResponse  *response,
                  GError        **error)
{
  JsonNode *data = cd_api_response_get_data (response);

  if (data == NULL)
    return TRUE;
  switch (cd_api_endpoint_get_data_shape (req->endpoint))
    {
    case CD_API_DATA_OBJECT:
      if (JSON_NODE_HOLDS_OBJECT (data) || (JSON_NODE_HOLDS_NULL (data) && !request_is_get (req)))
        return TRUE;
      g_propagate_error (error, cd_api_error_new_bad_member ("data", "an object"));
      return FALSE;
    case CD_API_DATA_ARRAY:
      if (JSON_NODE_HOLDS_ARRAY (data))
        return TRUE;
      g_propagate_error (error, cd_api_error_new_bad_member ("data", "an array"));
      return FALSE;
    case CD_API_DATA_NONE:
    default:
      return TRUE;
    }
}

static CdApiResponse *
build_success (CdApiRequest        *req,
               guint                status,
               GBytes              *body,
               SoupMessageHeaders  *headers,
               GError             **error)
{
  g_autoptr(CdApiResponse) response = NULL;

  if ((req->flags & REQUEST_BINARY) && status != 304)
    {
      response = cd_api_response_new (status);
      cd_api_response_set_etag (response, soup_message_headers_get_one (headers, "ETag"));
      cd_api_response_set_request_id (response,
                                      soup_message_headers_get_one (headers, "X-Request-Id"));
      cd_api_response_set_content_type (response,
                                        soup_message_headers_get_content_type (headers, NULL));
      cd_api_response_set_body (response, body);
    }
  else
    {
      response = cd_api_parse_success_envelope (status, body, headers, error);
      if (response == NULL || !check_data_shape (req, response, error))
        return NULL;
      if (req->flags & REQUEST_KEEP_RAW)
        cd_api_response_set_body (response, body);
    }
  if (status == 304 && cd_api_response_get_etag (response) == NULL)
    cd_api_response_set_etag (response, req->if_none_match);
  cd_api_response_set_idempotency_key (response, req->idempotency_key);
  return g_steal_pointer (&response);
}

static void
complete_attempt (GTask  *task,
                  GBytes *body)
{
  CdApiRequest *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
  g_autoptr(SoupMessageHeaders) headers_ref = soup_message_headers_ref (headers);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;

  /* headers_ref only keeps the headers alive while a redirect replaces the message. */
  (void) headers_ref;

  if (is_redirect (status) && (req->flags & REQUEST_FOLLOW_REDIRECTS))
    {
      follow_redirect (task, status, headers);
      return;
    }
  if ((status >= 200 && status < 300) || status == 304)
    response = build_success (req, status, body, headers, &error);
  else if (status >= 300 && status < 400)
    error = bad_response_error (status, "The server sent an unexpected redirect.");
  else
    error = cd_api_parse_error_envelope (status, body, headers);

  if (error != NULL)
    {
      g_debug ("%s %s: HTTP %u, error %d (request %s)", request_method (req),
               cd_api_endpoint_get_path (req->endpoint), status, error->code,
               error->domain == CD_API_ERROR && cd_api_error_get_request_id (error)
                 ? cd_api_error_get_request_id (error) : "-");
      attempt_failed (task, error);
      return;
    }
  g_debug ("%s %s: HTTP %u", request_method (req),
           cd_api_endpoint_get_path (req->endpoint), status);
  end_attempt (req, g_task_get_cancellable (task));
  g_task_return_pointer (task, g_steal_pointer (&response),
                         (GDestroyNotify) cd_api_response_unref);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdApiClient *self = g_task_get_source_object (task);
  CdApiRequest *req = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      attempt_failed (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&req->buffer));
      complete_attempt (task, body);
      return;
    }
  if (req->buffer->len + g_bytes_get_size (chunk) > self->max_response_size)
    {
      attempt_failed (task, bad_response_error (soup_message_get_status (req->msg),
                                                "The server's answer is too large."));
      return;
    }
  g_byte_array_append (req->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->attempt_cancellable, on_read, g_steal_pointer (&task));
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdApiClient *self = g_task_get_source_object (task);
  CdApiRequest *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;

  destroy_source (&req->cancel_source);
  req->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (req->stream == NULL)
    {
      attempt_failed (task, error);
      return;
    }
  if (g_cancellable_is_cancelled (req->attempt_cancellable))
    {
      /* Cancelled while the answer was on its way (see on_attempt_cancelled()). */
      attempt_failed (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 "Operation was cancelled"));
      return;
    }
  headers = soup_message_get_response_headers (req->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) self->max_response_size)
    {
      attempt_failed (task, bad_response_error (soup_message_get_status (req->msg),
                                                "The server's answer is too large."));
      return;
    }
  req->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->attempt_cancellable, on_read, g_steal_pointer (&task));
}

static gboolean
on_request_timeout (gpointer user_data)
{
  CdApiRequest *req = user_data;

  req->timed_out = TRUE;
  g_cancellable_cancel (req->attempt_cancellable);
  g_clear_pointer (&req->request_timer, g_source_unref);
  return G_SOURCE_REMOVE;
}

static gboolean
on_connect_timeout (gpointer user_data)
{
  CdApiRequest *req = user_data;

  req->timed_out = TRUE;
  g_cancellable_cancel (req->attempt_cancellable);
  g_clear_pointer (&req->connect_timer, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  CdApiRequest *req = user_data;
  CdApiClient *self = g_task_get_source_object (req->task);

  /* Only new connections emit these; reused ones skip the connect limit. */
  if (event == G_SOCKET_CLIENT_RESOLVING && req->connect_timer == NULL)
    req->connect_timer = attach_timeout (req->task, self->connect_ms, on_connect_timeout, req);
  else if (event == G_SOCKET_CLIENT_COMPLETE)
    destroy_source (&req->connect_timer);
}

static void
on_wrote_body (SoupMessage *msg,
               gpointer     user_data)
{
  CdApiRequest *req = user_data;

  req->body_written = TRUE;
}

static void
on_got_headers (SoupMessage *msg,
                gpointer     user_data)
{
  CdApiRequest *req = user_data;

  req->got_headers = TRUE;
}

static void
on_restarted (SoupMessage *msg,
              gpointer     user_data)
{
  CdApiRequest *req = user_data;

  /* A new round trip: a cancellation held back for the old answer applies now. */
  req->got_headers = FALSE;
  if (g_cancellable_is_cancelled (req->attempt_cancellable))
    g_cancellable_cancel (req->send_cancellable);
}

/* Runs in the task's context. Once the response headers are in, libsoup
 * (3.6 at least) must not see the send cancelled before on_sent(): its
 * run_until_read_done() then finishes the message twice, unreffing the queue
 * item and the session features once too often (use-after-free, crash in
 * soup_session_send_finish()). on_sent() drops such an answer instead, and the
 * body read is cancelled as usual. */
static gboolean
on_attempt_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  CdApiRequest *req = user_data;

  if (!req->got_headers)
    g_cancellable_cancel (req->send_cancellable);
  else
    g_debug ("%s %s: cancelled after the response headers", request_method (req),
             cd_api_endpoint_get_path (req->endpoint));
  g_clear_pointer (&req->cancel_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      user_data)
{
  /* May run in another thread; g_cancellable_cancel() is thread-safe. */
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
set_request_headers (CdApiClient  *self,
                     CdApiRequest *req)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (req->msg);

  soup_message_headers_replace (headers, "Accept",
                                (req->flags & REQUEST_BINARY) ? "*/*" : "application/json");
  if (!req->cross_origin)
    {
      if (self->api_key != NULL)
        soup_message_headers_replace (headers, "X-Api-Key", self->api_key);
      if (self->bearer_token != NULL)
        {
          g_autofree char *value = g_strconcat ("Bearer ", self->bearer_token, NULL);
          soup_message_headers_replace (headers, "Authorization", value);
        }
      if (self->tenant_id != NULL)
        soup_message_headers_replace (headers, "X-Tenant-Id", self->tenant_id);
    }
  if (req->if_none_match != NULL)
    soup_message_headers_replace (headers, "If-None-Match", req->if_none_match);
  if (req->if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", req->if_match);
  if (req->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", req->idempotency_key);
}

static void
start_attempt (GTask *task)
{
  CdApiClient *self = g_task_get_source_object (task);
  CdApiRequest *req = g_task_get_task_data (task);
  GCancellable *caller = g_task_get_cancellable (task);

  if (caller_cancelled (task))
    {
      return_cancelled (task);
      return;
    }
  req->timed_out = FALSE;
  req->body_written = FALSE;
  /* A redirect (303 aside) repeats the method; only GETs follow redirects here. */
  req->msg = soup_message_new_from_uri (req->redirects > 0 ? "GET" : request_method (req),
                                        req->uri);
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  /* Credentials are our own headers. Without this, libsoup reads a 401's body
   * before on_sent() (expecting to retry with auth), where a timeout could
   * only take effect once it is read, see on_attempt_cancelled(). */
  soup_message_disable_feature (req->msg, SOUP_TYPE_AUTH_MANAGER);
  set_request_headers (self, req);
  if (req->request_body != NULL && req->redirects == 0)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->request_body);
  g_signal_connect (req->msg, "network-event", G_CALLBACK (on_network_event), req);
  g_signal_connect (req->msg, "wrote-body", G_CALLBACK (on_wrote_body), req);
  g_signal_connect (req->msg, "got-headers", G_CALLBACK (on_got_headers), req);
  g_signal_connect (req->msg, "restarted", G_CALLBACK (on_restarted), req);

  req->got_headers = FALSE;
  req->attempt_cancellable = g_cancellable_new ();
  req->send_cancellable = g_cancellable_new ();
  req->cancel_source = g_cancellable_source_new (req->attempt_cancellable);
  g_source_set_callback (req->cancel_source, G_SOURCE_FUNC (on_attempt_cancelled), req, NULL);
  g_source_attach (req->cancel_source, g_task_get_context (task));
  if (caller != NULL)
    req->caller_handler = g_cancellable_connect (caller, G_CALLBACK (on_caller_cancelled),
                                                 g_object_ref (req->attempt_cancellable),
                                                 g_object_unref);
  req->request_timer = attach_timeout (task, self->request_ms, on_request_timeout, req);
  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                           req->send_cancellable, on_sent, g_object_ref (task));
}

/* GObject overrides */

static void
cd_api_client_finalize (GObject *object)
{
  CdApiClient *self = CD_API_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->bearer_token, g_free);
  g_clear_pointer (&self->tenant_id, g_free);

  G_OBJECT_CLASS (cd_api_client_parent_class)->finalize (object);
}

static void
cd_api_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CdApiClient *self = CD_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TENANT_ID:
      g_value_set_string (value, self->tenant_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_api_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CdApiClient *self = CD_API_CLIENT (object);
  const char *text;
  gsize len;

  switch (prop_id)
    {
    case PROP_BASE_URL:
      text = g_value_get_string (value);
      len = text ? strlen (text) : 0;
      /* Paths in the table start with "/": drop a trailing one here. */
      while (len > 0 && text[len - 1] == '/')
        len--;
      self->base_url = g_strndup (text ? text : "", len);
      break;
    case PROP_TENANT_ID:
      cd_api_client_set_tenant_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  return host != NULL && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1") ||
                          g_ascii_strcasecmp (host, "localhost") == 0);
}

static void
cd_api_client_constructed (GObject *object)
{
  CdApiClient *self = CD_API_CLIENT (object);

  G_OBJECT_CLASS (cd_api_client_parent_class)->constructed (object);

  /* Loopback (the demo backend) never goes through a proxy; skipping the
   * system resolver also keeps headless tests free of GSettings. */
  if (is_loopback_url (self->base_url))
    soup_session_set_proxy_resolver (self->session, NULL);
}

static void
cd_api_client_class_init (CdApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cd_api_client_constructed;
  object_class->finalize = cd_api_client_finalize;
  object_class->get_property = cd_api_client_get_property;
  object_class->set_property = cd_api_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_api_client_init (CdApiClient *self)
{
  /* The whole-request and connect limits are our own timers; libsoup's
   * per-read timeout would only duplicate them. */
  self->session = soup_session_new_with_options ("timeout", 0,
                                                 "user-agent", "contact-detail/" PACKAGE_VERSION,
                                                 NULL);
  self->connect_ms = DEFAULT_CONNECT_MS;
  self->request_ms = DEFAULT_REQUEST_MS;
  self->retry_base_ms = DEFAULT_RETRY_BASE_MS;
  self->max_get_retries = DEFAULT_MAX_GET_RETRIES;
  self->max_retry_after_s = DEFAULT_MAX_RETRY_AFTER_S;
  self->max_response_size = DEFAULT_MAX_RESPONSE_SIZE;
}

/* public API: configuration */

CdApiClient *
cd_api_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  return g_object_new (CD_TYPE_API_CLIENT, "base-url", base_url, NULL);
}

const char *
cd_api_client_get_base_url (CdApiClient *self)
{
  g_return_val_if_fail (CD_IS_API_CLIENT (self), NULL);
  return self->base_url;
}

static char *
dup_non_empty (const char *text)
{
  return (text != NULL && *text != '\0') ? g_strdup (text) : NULL;
}

void
cd_api_client_set_api_key (CdApiClient *self,
                           const char  *api_key)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  g_free (self->api_key);
  self->api_key = dup_non_empty (api_key);
}

void
cd_api_client_set_bearer_token (CdApiClient *self,
                                const char  *token)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  g_free (self->bearer_token);
  self->bearer_token = dup_non_empty (token);
}

void
cd_api_client_set_tenant_id (CdApiClient *self,
                             const char  *tenant_id)
{
  g_autofree char *value = dup_non_empty (tenant_id);

  g_return_if_fail (CD_IS_API_CLIENT (self));
  if (g_strcmp0 (value, self->tenant_id) == 0)
    return;
  g_free (self->tenant_id);
  self->tenant_id = g_steal_pointer (&value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENANT_ID]);
}

const char *
cd_api_client_get_tenant_id (CdApiClient *self)
{
  g_return_val_if_fail (CD_IS_API_CLIENT (self), NULL);
  return self->tenant_id;
}

void
cd_api_client_set_timeouts (CdApiClient *self,
                            guint        connect_ms,
                            guint        request_ms)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  self->connect_ms = MAX (connect_ms, 1);
  self->request_ms = MAX (request_ms, 1);
}

void
cd_api_client_set_retry_base_delay (CdApiClient *self,
                                    guint        delay_ms)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  self->retry_base_ms = delay_ms;
}

void
cd_api_client_set_max_get_retries (CdApiClient *self,
                                   guint        max_retries)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  self->max_get_retries = max_retries;
}

void
cd_api_client_set_retries_enabled (CdApiClient *self,
                                   gboolean     enabled)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  self->retries_disabled = !enabled;
}

void
cd_api_client_set_max_retry_after (CdApiClient *self,
                                   guint        seconds)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  self->max_retry_after_s = seconds;
}

void
cd_api_client_set_max_response_size (CdApiClient *self,
                                     gsize        max_bytes)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  self->max_response_size = MAX (max_bytes, 1);
}

/* public API: requests */

/* Takes ownership of @req and starts it. */
static void
send_request (CdApiClient         *self,
              CdApiRequest        *req,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, req, request_free);
  req->task = task;
  url = g_strconcat (self->base_url, req->path,
                     req->query ? "?" : NULL, req->query ? req->query->str : NULL, NULL);
  req->uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (req->uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (req->uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (req->uri), "https") != 0))
    {
      g_task_return_error (task, network_error ("The server address is not valid."));
      return;
    }
  start_attempt (task);
}

CdApiResponse *
cd_api_client_request_finish (CdApiClient   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CD_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Shorthands for the endpoint methods below. */
#define SEND(req) \
  send_request (self, (req), (gpointer) G_STRFUNC, cancellable, callback, user_data)

static CdApiRequest *
simple_get (CdApiEndpoint  endpoint,
            gint64         id,
            const char    *if_none_match)
{
  CdApiRequest *req = request_new_for_id (endpoint, id);

  req->if_none_match = dup_non_empty (if_none_match);
  return req;
}

static CdApiRequest *
simple_mutation (CdApiEndpoint  endpoint,
                 gint64         id,
                 const char    *idempotency_key)
{
  CdApiRequest *req = request_new_for_id (endpoint, id);

  request_set_idempotency_key (req, idempotency_key);
  return req;
}

void
cd_api_client_get_me_async (CdApiClient         *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  SEND (request_new (CD_API_ENDPOINT_ME, NULL));
}

void
cd_api_client_list_contacts_async (CdApiClient         *self,
                                   guint                page,
                                   guint                per_page,
                                   const char          *search,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = request_new (CD_API_ENDPOINT_LIST_CONTACTS, NULL);
  request_add_query_int (req, "page", page);
  request_add_query_int (req, "per_page", per_page);
  request_add_query (req, "search", search);
  SEND (req);
}

void
cd_api_client_get_contact_async (CdApiClient         *self,
                                 gint64               id,
                                 const char          *if_none_match,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  SEND (simple_get (CD_API_ENDPOINT_GET_CONTACT, id, if_none_match));
}

void
cd_api_client_update_contact_async (CdApiClient         *self,
                                    gint64               id,
                                    JsonObject          *changes,
                                    const char          *if_match,
                                    const char          *idempotency_key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  g_return_if_fail (changes != NULL);
  req = simple_mutation (CD_API_ENDPOINT_UPDATE_CONTACT, id, idempotency_key);
  req->if_match = dup_non_empty (if_match);
  request_set_json_object (req, changes);
  SEND (req);
}

void
cd_api_client_archive_contact_async (CdApiClient         *self,
                                     gint64               id,
                                     const char          *idempotency_key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  SEND (simple_mutation (CD_API_ENDPOINT_ARCHIVE_CONTACT, id, idempotency_key));
}

void
cd_api_client_unarchive_contact_async (CdApiClient         *self,
                                       gint64               id,
                                       const char          *idempotency_key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  SEND (simple_mutation (CD_API_ENDPOINT_UNARCHIVE_CONTACT, id, idempotency_key));
}

void
cd_api_client_gdpr_erase_contact_async (CdApiClient         *self,
                                        gint64               id,
                                        const char          *idempotency_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  SEND (simple_mutation (CD_API_ENDPOINT_GDPR_ERASE_CONTACT, id, idempotency_key));
}

void
cd_api_client_hard_delete_contact_async (CdApiClient         *self,
                                         gint64               id,
                                         const char          *idempotency_key,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  SEND (simple_mutation (CD_API_ENDPOINT_HARD_DELETE_CONTACT, id, idempotency_key));
}

void
cd_api_client_export_contact_data_async (CdApiClient         *self,
                                         gint64               id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = request_new_for_id (CD_API_ENDPOINT_EXPORT_CONTACT_DATA, id);
  req->flags |= REQUEST_KEEP_RAW;
  SEND (req);
}

void
cd_api_client_list_custom_fields_async (CdApiClient         *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  SEND (request_new (CD_API_ENDPOINT_LIST_CUSTOM_FIELDS, NULL));
}

void
cd_api_client_add_dnc_entry_async (CdApiClient         *self,
                                   const char          *phone_e164,
                                   const char          *reason,
                                   const char          *idempotency_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  g_return_if_fail (phone_e164 != NULL);
  req = request_new (CD_API_ENDPOINT_ADD_DNC_ENTRY, NULL);
  request_set_idempotency_key (req, idempotency_key);
  json_object_set_string_member (body, "phone_e164", phone_e164);
  if (reason != NULL)
    json_object_set_string_member (body, "reason", reason);
  request_set_json_object (req, body);
  SEND (req);
}

void
cd_api_client_remove_dnc_entry_async (CdApiClient         *self,
                                      gint64               entry_id,
                                      const char          *reason,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = simple_mutation (CD_API_ENDPOINT_REMOVE_DNC_ENTRY, entry_id, idempotency_key);
  if (reason != NULL)
    json_object_set_string_member (body, "reason", reason);
  request_set_json_object (req, body);
  SEND (req);
}

void
cd_api_client_list_voice_sessions_async (CdApiClient          *self,
                                         const CdSessionQuery *query,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = request_new (CD_API_ENDPOINT_LIST_VOICE_SESSIONS, NULL);
  if (query != NULL)
    {
      request_add_query_int (req, "contact_id", query->contact_id);
      request_add_query (req, "search", query->search);
      request_add_query (req, "sort", query->sort);
      request_add_query (req, "order", query->order);
      request_add_query (req, "cursor", query->cursor);
      request_add_query_int (req, "page_size", query->page_size);
      request_add_query (req, "direction", query->direction);
      request_add_query (req, "status", query->status);
      request_add_query (req, "started_after", query->started_after);
      request_add_query (req, "started_before", query->started_before);
      request_add_query_int (req, "campaign_id", query->campaign_id);
      req->if_none_match = dup_non_empty (query->if_none_match);
    }
  SEND (req);
}

void
cd_api_client_get_voice_session_async (CdApiClient         *self,
                                       gint64               id,
                                       const char          *if_none_match,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  SEND (simple_get (CD_API_ENDPOINT_GET_VOICE_SESSION, id, if_none_match));
}

void
cd_api_client_get_recording_async (CdApiClient         *self,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = request_new_for_id (CD_API_ENDPOINT_GET_RECORDING, id);
  req->flags |= REQUEST_BINARY | REQUEST_FOLLOW_REDIRECTS;
  SEND (req);
}

void
cd_api_client_get_transcript_pdf_async (CdApiClient         *self,
                                        gint64               id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = request_new_for_id (CD_API_ENDPOINT_GET_TRANSCRIPT_PDF, id);
  req->flags |= REQUEST_BINARY | REQUEST_FOLLOW_REDIRECTS;
  SEND (req);
}

void
cd_api_client_start_call_async (CdApiClient         *self,
                                gint64               contact_id,
                                gint64               phone_number_id,
                                gint64               agent_id,
                                JsonObject          *variable_mappings,
                                JsonObject          *runtime_vars,
                                const char          *idempotency_key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = simple_mutation (CD_API_ENDPOINT_START_CALL, contact_id, idempotency_key);
  json_object_set_int_member (body, "phone_number_id", phone_number_id);
  json_object_set_int_member (body, "agent_id", agent_id);
  json_object_set_object_member (body, "variable_mappings",
                                 variable_mappings ? json_object_ref (variable_mappings)
                                                   : json_object_new ());
  json_object_set_object_member (body, "runtime_vars",
                                 runtime_vars ? json_object_ref (runtime_vars)
                                              : json_object_new ());
  request_set_json_object (req, body);
  SEND (req);
}

void
cd_api_client_list_phone_numbers_async (CdApiClient         *self,
                                        const char          *status,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = request_new (CD_API_ENDPOINT_LIST_PHONE_NUMBERS, NULL);
  request_add_query (req, "status", status);
  SEND (req);
}

void
cd_api_client_list_agents_async (CdApiClient         *self,
                                 const char          *status,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = request_new (CD_API_ENDPOINT_LIST_AGENTS, NULL);
  request_add_query (req, "status", status);
  SEND (req);
}

void
cd_api_client_get_campaign_async (CdApiClient         *self,
                                  gint64               id,
                                  const char          *if_none_match,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  SEND (simple_get (CD_API_ENDPOINT_GET_CAMPAIGN, id, if_none_match));
}

void
cd_api_client_list_follow_ups_async (CdApiClient         *self,
                                     gint64               contact_id,
                                     const char          *status,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = request_new_for_id (CD_API_ENDPOINT_LIST_FOLLOW_UPS, contact_id);
  request_add_query (req, "status", status);
  SEND (req);
}

void
cd_api_client_list_follow_ups_if_none_match_async (CdApiClient         *self,
                                                   gint64               contact_id,
                                                   const char          *if_none_match,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  SEND (simple_get (CD_API_ENDPOINT_LIST_FOLLOW_UPS, contact_id, if_none_match));
}

void
cd_api_client_create_follow_up_async (CdApiClient         *self,
                                      gint64               contact_id,
                                      JsonObject          *fields,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  g_return_if_fail (fields != NULL);
  req = simple_mutation (CD_API_ENDPOINT_CREATE_FOLLOW_UP, contact_id, idempotency_key);
  request_set_json_object (req, fields);
  SEND (req);
}

void
cd_api_client_update_follow_up_async (CdApiClient         *self,
                                      gint64               id,
                                      JsonObject          *changes,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  g_return_if_fail (changes != NULL);
  req = simple_mutation (CD_API_ENDPOINT_UPDATE_FOLLOW_UP, id, idempotency_key);
  request_set_json_object (req, changes);
  SEND (req);
}

void
cd_api_client_get_memory_async (CdApiClient         *self,
                                gint64               contact_id,
                                const char          *if_none_match,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  SEND (simple_get (CD_API_ENDPOINT_GET_MEMORY, contact_id, if_none_match));
}

void
cd_api_client_put_memory_summary_async (CdApiClient         *self,
                                        gint64               contact_id,
                                        const char          *summary,
                                        const char          *if_match,
                                        const char          *idempotency_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = simple_mutation (CD_API_ENDPOINT_PUT_MEMORY_SUMMARY, contact_id, idempotency_key);
  req->if_match = dup_non_empty (if_match);
  if (summary != NULL)
    json_object_set_string_member (body, "summary", summary);
  else
    json_object_set_null_member (body, "summary");
  request_set_json_object (req, body);
  SEND (req);
}

void
cd_api_client_put_memory_open_items_async (CdApiClient         *self,
                                           gint64               contact_id,
                                           JsonArray           *items,
                                           const char          *if_match,
                                           const char          *idempotency_key,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = simple_mutation (CD_API_ENDPOINT_PUT_MEMORY_OPEN_ITEMS, contact_id, idempotency_key);
  req->if_match = dup_non_empty (if_match);
  json_object_set_array_member (body, "items",
                                items ? json_array_ref (items) : json_array_new ());
  request_set_json_object (req, body);
  SEND (req);
}

static CdApiRequest *
fact_request (CdApiEndpoint  endpoint,
              gint64         contact_id,
              const char    *key,
              const char    *idempotency_key)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, contact_id);
  const char *args[] = { id_text, key, NULL };
  CdApiRequest *req = request_new (endpoint, args);

  request_set_idempotency_key (req, idempotency_key);
  return req;
}

void
cd_api_client_put_memory_fact_async (CdApiClient         *self,
                                     gint64               contact_id,
                                     const char          *key,
                                     const char          *label,
                                     const char          *value,
                                     const char          *if_match,
                                     const char          *idempotency_key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  g_return_if_fail (key != NULL && *key != '\0');
  req = fact_request (CD_API_ENDPOINT_PUT_MEMORY_FACT, contact_id, key, idempotency_key);
  req->if_match = dup_non_empty (if_match);
  if (label != NULL)
    json_object_set_string_member (body, "label", label);
  if (value != NULL)
    json_object_set_string_member (body, "value", value);
  else
    json_object_set_null_member (body, "value");
  request_set_json_object (req, body);
  SEND (req);
}

void
cd_api_client_reset_memory_fact_async (CdApiClient         *self,
                                       gint64               contact_id,
                                       const char          *key,
                                       const char          *idempotency_key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CD_IS_API_CLIENT (self));
  g_return_if_fail (key != NULL && *key != '\0');
  SEND (fact_request (CD_API_ENDPOINT_RESET_MEMORY_FACT, contact_id, key, idempotency_key));
}

void
cd_api_client_rebuild_memory_async (CdApiClient         *self,
                                    gint64               contact_id,
                                    guint                max_calls,
                                    const char          *idempotency_key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  req = simple_mutation (CD_API_ENDPOINT_REBUILD_MEMORY, contact_id, idempotency_key);
  if (max_calls > 0)
    json_object_set_int_member (body, "max_calls", max_calls);
  request_set_json_object (req, body);
  SEND (req);
}

void
cd_api_client_send_async (CdApiClient         *self,
                          const char          *method,
                          const char          *path,
                          JsonObject          *body,
                          const char          *if_match,
                          const char          *idempotency_key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  CdApiEndpoint endpoint;
  CdApiRequest *req;

  g_return_if_fail (CD_IS_API_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);

  endpoint = cd_api_endpoint_match (method, path);
  if (endpoint == CD_API_N_ENDPOINTS || g_str_equal (method, "GET") ||
      cd_api_endpoint_get_data_shape (endpoint) == CD_API_DATA_NONE)
    {
      g_task_report_error (self, callback, user_data, cd_api_client_send_async,
                           cd_api_error_new (CD_API_ERROR_BAD_RESPONSE, 0,
                                             "This request is not part of the API", NULL, NULL));
      return;
    }
  req = g_new0 (CdApiRequest, 1);
  req->endpoint = endpoint;
  req->path = g_strdup (path);
  req->if_match = dup_non_empty (if_match);
  request_set_idempotency_key (req, idempotency_key);
  if (body != NULL)
    request_set_json_object (req, body);
  SEND (req);
}
