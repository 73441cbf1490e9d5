/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-demo"

#include "cd-demo-private.h"

/*
 * The server runs on its own thread with its own GMainContext, so a client in
 * the same process (tests, `contact-detail --demo`) can block or iterate its
 * own loop freely, and a stalled response never blocks anything else.  All
 * request handling, SQLite access and rebuild timers live on that thread;
 * public setters and counters only touch fields guarded by @lock.
 */

typedef struct
{
  char       *prefix;
  CdDemoFault fault;
  guint       status;
  guint       remaining;
} Fault;

struct _CdDemoServer
{
  GObject parent_instance;

  char    *db_path;
  sqlite3 *db;

  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *soup;
  guint         port;
  char         *base_url;

  GMutex      lock;
  GCond       cond;
  gboolean    start_done;
  GError     *start_error;
  char       *api_key;
  char       *role;
  guint       latency_ms;
  double      fail_rate;
  GRand      *fail_rand;
  GPtrArray  *faults;
  guint       request_count;
  guint       not_modified_count;
  guint64     body_bytes;
  GHashTable *mutation_counts;
  GHashTable *last_bodies;
};

G_DEFINE_FINAL_TYPE (CdDemoServer, cd_demo_server, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DB_PATH,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CdDemoRoute *route_tables[3];

static void
fault_free (gpointer data)
{
  Fault *fault = data;

  g_free (fault->prefix);
  g_free (fault);
}

static void
cd_demo_server_finalize (GObject *object)
{
  CdDemoServer *self = (CdDemoServer *) object;

  cd_demo_server_stop (self);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->fail_rand, g_rand_free);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->mutation_counts, g_hash_table_unref);
  g_clear_pointer (&self->last_bodies, g_hash_table_unref);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (cd_demo_server_parent_class)->finalize (object);
}

static void
cd_demo_server_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CdDemoServer *self = CD_DEMO_SERVER (object);

  switch (prop_id)
    {
      case PROP_DB_PATH:
        g_value_set_string (value, self->db_path);
        break;
      case PROP_BASE_URL:
        g_value_set_string (value, self->base_url);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_demo_server_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CdDemoServer *self = CD_DEMO_SERVER (object);

  switch (prop_id)
    {
      case PROP_DB_PATH:
        self->db_path = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_demo_server_class_init (CdDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_demo_server_finalize;
  object_class->get_property = cd_demo_server_get_property;
  object_class->set_property = cd_demo_server_set_property;

  properties[PROP_DB_PATH] = g_param_spec_string (
    "db-path", NULL, NULL, NULL,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  route_tables[0] = cd_demo_contact_routes;
  route_tables[1] = cd_demo_session_routes;
  route_tables[2] = cd_demo_memory_routes;
}

static void
cd_demo_server_init (CdDemoServer *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->role = g_strdup ("tenant_admin");
  self->fail_rand = g_rand_new_with_seed (4242);
  self->faults = g_ptr_array_new_with_free_func (fault_free);
  self->mutation_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->last_bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CdDemoServer *
cd_demo_server_new (const char *db_path, GError **error)
{
  g_autoptr (CdDemoServer) self = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (CD_TYPE_DEMO_SERVER, "db-path", db_path, NULL);
  self->db = cd_demo_db_open (db_path, error);
  if (self->db == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- replies ---------------------------------------------------------- */

static void
set_body_from_builder (CdDemoRequest *req, guint status, JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  gsize length = 0;
  char *text;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &length);
  req->status = status;
  g_clear_pointer (&req->resp_body, g_bytes_unref);
  req->resp_body = g_bytes_new_take (text, length);
  g_free (req->content_type);
  req->content_type = g_strdup ("application/json");
}

void
cd_demo_reply_data (CdDemoRequest *req,
                    guint          status,
                    JsonNode      *data,
                    const char    *message,
                    JsonNode      *meta)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  json_builder_add_value (b, data ? data : json_node_new (JSON_NODE_NULL));
  if (message != NULL)
    {
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, message);
    }
  if (meta != NULL)
    {
      json_builder_set_member_name (b, "meta");
      json_builder_add_value (b, meta);
    }
  json_builder_set_member_name (b, "request_id");
  json_builder_add_string_value (b, req->request_id);
  json_builder_end_object (b);
  set_body_from_builder (req, status, b);
}

/*
 * A 200 whose ETag is a digest of @data (lists have no version of their own):
 * an If-None-Match naming it gets a 304 without a body.  Takes @data.
 */
void
cd_demo_reply_data_tagged (CdDemoRequest *req, JsonNode *data)
{
  g_autofree char *text = json_to_string (data, FALSE);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
  g_autofree char *etag = NULL;

  sum[20] = '\0';
  etag = g_strdup_printf ("\"l%s\"", sum);
  if (cd_demo_not_modified (req, etag))
    {
      json_node_unref (data);
      return;
    }
  cd_demo_reply_data (req, SOUP_STATUS_OK, data, NULL, NULL);
}

void
cd_demo_reply_error (CdDemoRequest *req,
                     guint          status,
                     const char    *code,
                     const char    *message,
                     JsonObject    *errors)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  JsonNode *errors_node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (errors_node, errors ? errors : json_object_new ());
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_set_member_name (b, "error_code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "details");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "errors");
  json_builder_add_value (b, errors_node);
  json_builder_set_member_name (b, "request_id");
  json_builder_add_string_value (b, req->request_id);
  json_builder_end_object (b);
  set_body_from_builder (req, status, b);
  g_clear_pointer (&req->etag, g_free);
}

void
cd_demo_reply_raw (CdDemoRequest *req, guint status, const char *content_type, GBytes *body)
{
  req->status = status;
  g_clear_pointer (&req->resp_body, g_bytes_unref);
  req->resp_body = body;
  g_free (req->content_type);
  req->content_type = g_strdup (content_type);
}

void
cd_demo_reply_not_found (CdDemoRequest *req, const char *what)
{
  g_autofree char *message = g_strdup_printf ("%s not found", what);

  cd_demo_reply_error (req, SOUP_STATUS_NOT_FOUND, "NOT_FOUND", message, NULL);
}

void
cd_demo_reply_forbidden (CdDemoRequest *req)
{
  cd_demo_reply_error (req, SOUP_STATUS_FORBIDDEN, "FORBIDDEN",
                       "Your role does not allow this action", NULL);
}

void
cd_demo_errors_add (JsonObject *errors, const char *field, const char *message)
{
  JsonArray *list;

  if (!json_object_has_member (errors, field))
    json_object_set_array_member (errors, field, json_array_new ());
  list = json_object_get_array_member (errors, field);
  json_array_add_string_element (list, message);
}

/* Replies 422 and returns TRUE when @errors (consumed) has any member. */
gboolean
cd_demo_reply_if_invalid (CdDemoRequest *req, JsonObject *errors)
{
  if (json_object_get_size (errors) == 0)
    {
      json_object_unref (errors);
      return FALSE;
    }
  cd_demo_reply_error (req, 422, "VALIDATION_FAILED", "Some fields are invalid", errors);
  return TRUE;
}

/* ---- request helpers -------------------------------------------------- */

const char *
cd_demo_query (CdDemoRequest *req, const char *name)
{
  return req->query ? g_hash_table_lookup (req->query, name) : NULL;
}

/* Optional integer query parameter in [min, max]; adds a field error otherwise. */
gboolean
cd_demo_query_int (CdDemoRequest *req,
                   const char    *name,
                   gint64         fallback,
                   gint64         min,
                   gint64         max,
                   gint64        *out,
                   JsonObject    *errors)
{
  const char      *text = cd_demo_query (req, name);
  g_autofree char *message = NULL;

  *out = fallback;
  if (text == NULL || g_ascii_string_to_signed (text, 10, min, max, out, NULL))
    return TRUE;
  *out = fallback;
  message = g_strdup_printf (
    "must be a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT, min, max);
  cd_demo_errors_add (errors, name, message);
  return FALSE;
}

gboolean
cd_demo_arg_id (CdDemoRequest *req, guint index, gint64 *out)
{
  guint64 value = 0;

  if (index >= g_strv_length (req->args) ||
      !g_ascii_string_to_unsigned (req->args[index], 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

JsonObject *
cd_demo_body_object (CdDemoRequest *req)
{
  if (req->body != NULL && JSON_NODE_HOLDS_OBJECT (req->body))
    return json_node_get_object (req->body);
  return NULL;
}

static gboolean
etag_list_matches (const char *header, const char *etag)
{
  g_auto (GStrv) parts = NULL;

  if (header == NULL)
    return FALSE;
  parts = g_strsplit (header, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);

      if (g_str_has_prefix (p, "W/"))
        p += 2;
      if (g_str_equal (p, "*") || g_str_equal (p, etag))
        return TRUE;
    }
  return FALSE;
}

/* Sets the ETag; answers 304 and returns TRUE when If-None-Match matches it. */
gboolean
cd_demo_not_modified (CdDemoRequest *req, const char *etag)
{
  g_free (req->etag);
  req->etag = g_strdup (etag);
  if (!etag_list_matches (soup_message_headers_get_one (req->req_headers, "If-None-Match"), etag))
    return FALSE;
  cd_demo_reply_raw (req, SOUP_STATUS_NOT_MODIFIED, NULL, NULL);
  return TRUE;
}

/* Missing If-Match passes; a mismatch answers 412 and returns FALSE. */
gboolean
cd_demo_precondition_ok (CdDemoRequest *req, const char *etag)
{
  const char *header = soup_message_headers_get_one (req->req_headers, "If-Match");

  if (header == NULL || etag_list_matches (header, etag))
    return TRUE;
  cd_demo_reply_error (req, SOUP_STATUS_PRECONDITION_FAILED, "PRECONDITION_FAILED",
                       "This resource was changed by someone else; reload and try again", NULL);
  return FALSE;
}

gboolean
cd_demo_role_is_admin (const char *role)
{
  return g_strcmp0 (role, "tenant_admin") == 0 || g_strcmp0 (role, "superadmin") == 0 ||
         g_strcmp0 (role, "platform_admin") == 0;
}

gboolean
cd_demo_role_can_write (const char *role)
{
  return cd_demo_role_is_admin (role) || g_strcmp0 (role, "tenant_operator") == 0;
}

gboolean
cd_demo_require_writer (CdDemoRequest *req)
{
  if (cd_demo_role_can_write (req->role))
    return TRUE;
  cd_demo_reply_forbidden (req);
  return FALSE;
}

/* ---- rebuild timers ---------------------------------------------------- */

typedef struct
{
  CdDemoServer *self;
  gint64        contact_id;
  guint         stage;
} RebuildStep;

static gboolean
rebuild_step_cb (gpointer data)
{
  RebuildStep *step = data;

  cd_demo_rebuild_step (step->self->db, step->contact_id, step->stage);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild_step (CdDemoServer *self, gint64 contact_id, guint stage, guint delay_ms)
{
  g_autoptr (GSource) source = g_timeout_source_new (delay_ms);
  RebuildStep *step = g_new0 (RebuildStep, 1);

  step->self = self;
  step->contact_id = contact_id;
  step->stage = stage;
  g_source_set_callback (source, rebuild_step_cb, step, g_free);
  g_source_attach (source, self->context);
}

/* queued → running after 0.5 s → finished after 1.5 s, on the server thread. */
void
cd_demo_server_note_rebuild (CdDemoServer *self, gint64 contact_id)
{
  schedule_rebuild_step (self, contact_id, 1, 500);
  schedule_rebuild_step (self, contact_id, 2, 1500);
}

/* ---- routing ----------------------------------------------------------- */

static const CdDemoRoute *
match_route (const char *method, const char *path, char ***args, gboolean *other_method)
{
  g_auto (GStrv) segs = g_strsplit (path + 1, "/", -1);

  *other_method = FALSE;
  for (guint t = 0; t < G_N_ELEMENTS (route_tables); t++)
    for (const CdDemoRoute *r = route_tables[t]; r->pattern != NULL; r++)
      {
        g_auto (GStrv) pat = g_strsplit (r->pattern, "/", -1);
        g_autoptr (GStrvBuilder) captured = g_strv_builder_new ();
        gboolean ok = g_strv_length (pat) == g_strv_length (segs);

        for (guint i = 0; ok && pat[i] != NULL; i++)
          {
            if (pat[i][0] == ':' && segs[i][0] != '\0')
              g_strv_builder_add (captured, segs[i]);
            else if (!g_str_equal (pat[i], segs[i]))
              ok = FALSE;
          }
        if (ok && !g_str_equal (r->method, method))
          *other_method = TRUE;
        else if (ok)
          {
            *args = g_strv_builder_end (captured);
            return r;
          }
      }
  return NULL;
}

/* ---- faults ------------------------------------------------------------ */

static CdDemoFault
take_fault (CdDemoServer *self, const char *path, guint *status)
{
  CdDemoFault fault = CD_DEMO_FAULT_NONE;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *f = g_ptr_array_index (self->faults, i);

      if (f->prefix != NULL && !g_str_has_prefix (path, f->prefix))
        continue;
      fault = f->fault;
      *status = f->status;
      if (--f->remaining == 0)
        g_ptr_array_remove_index (self->faults, i);
      break;
    }
  if (fault == CD_DEMO_FAULT_NONE && self->fail_rate > 0 &&
      g_rand_double (self->fail_rand) < self->fail_rate)
    {
      fault = CD_DEMO_FAULT_STATUS;
      *status = SOUP_STATUS_SERVICE_UNAVAILABLE;
    }
  g_mutex_unlock (&self->lock);
  return fault;
}

static const char *
code_for_status (guint status)
{
  switch (status)
    {
      case 400:
        return "BAD_REQUEST";
      case 401:
        return "UNAUTHORIZED";
      case 403:
        return "FORBIDDEN";
      case 404:
        return "NOT_FOUND";
      case 409:
        return "CONFLICT";
      case 422:
        return "VALIDATION_FAILED";
      case 429:
        return "RATE_LIMITED";
      case 502:
        return "BAD_GATEWAY";
      case 503:
        return "SERVICE_UNAVAILABLE";
      case 504:
        return "GATEWAY_TIMEOUT";
      default:
        return status >= 500 ? "INTERNAL_ERROR" : "ERROR";
    }
}

/* Rewrites every member of data (or data itself) to a JSON type the client does not expect. */
static JsonNode *
wrong_type_of (JsonNode *node)
{
  JsonNode *out;

  switch (json_node_get_node_type (node))
    {
      case JSON_NODE_OBJECT:
        out = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (out, json_array_new ());
        return out;
      case JSON_NODE_ARRAY:
        out = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (out, json_object_new ());
        return out;
      case JSON_NODE_VALUE:
        out = json_node_new (JSON_NODE_VALUE);
        if (json_node_get_value_type (node) == G_TYPE_STRING)
          json_node_set_int (out, 42);
        else
          json_node_set_string (out, "not-a-number");
        return out;
      default:
        out = json_node_new (JSON_NODE_VALUE);
        json_node_set_boolean (out, TRUE);
        return out;
    }
}

static void
apply_wrong_types (CdDemoRequest *req)
{
  g_autoptr (JsonNode) root =
    req->resp_body ? json_from_string (g_bytes_get_data (req->resp_body, NULL), NULL) : NULL;
  JsonObject *envelope = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode   *data = envelope ? json_object_get_member (envelope, "data") : NULL;
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  gsize length = 0;
  char *text;

  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    {
      JsonObject *obj = json_node_get_object (data);
      g_autoptr (GList) members = json_object_get_members (obj);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (obj, l->data,
                                wrong_type_of (json_object_get_member (obj, l->data)));
    }
  else if (data != NULL)
    json_object_set_member (envelope, "data", wrong_type_of (data));
  else
    root = json_from_string ("{\"data\":{\"id\":\"x\",\"first_name\":7,\"items\":{}}}", NULL);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &length);
  cd_demo_reply_raw (req, SOUP_STATUS_OK, "application/json", g_bytes_new_take (text, length));
}

static void
apply_malformed (CdDemoRequest *req)
{
  gsize   length = req->resp_body ? g_bytes_get_size (req->resp_body) : 0;
  GBytes *cut;

  if (length > 8)
    cut = g_bytes_new_from_bytes (req->resp_body, 0, length / 2);
  else
    cut = g_bytes_new_static ("{\"data\": {\"id\": 5", 17);
  cd_demo_reply_raw (req, SOUP_STATUS_OK, "application/json", cut);
}

static void
apply_huge (CdDemoRequest *req)
{
  GString *text = g_string_sized_new (10 * 1024 * 1024 + 1024);

  g_string_append (text, "{\"padding\":[");
  for (guint i = 0; i < 10 * 1024; i++)
    {
      g_string_append (text, i ? ",\"" : "\"");
      for (guint j = 0; j < 1020; j++)
        g_string_append_c (text, 'x');
      g_string_append_c (text, '"');
    }
  g_string_append_printf (text, "],\"data\":{\"id\":1},\"request_id\":\"%s\"}", req->request_id);
  cd_demo_reply_raw (req, SOUP_STATUS_OK, "application/json", g_string_free_to_bytes (text));
}

/* ---- dispatch ---------------------------------------------------------- */

static void
request_clear (CdDemoRequest *req)
{
  g_clear_pointer (&req->args, g_strfreev);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->body, json_node_unref);
  g_clear_pointer (&req->role, g_free);
  g_clear_pointer (&req->resp_body, g_bytes_unref);
  g_clear_pointer (&req->content_type, g_free);
  g_clear_pointer (&req->etag, g_free);
  g_clear_pointer (&req->location, g_free);
  g_clear_pointer (&req->request_id, g_free);
}

static gboolean
check_auth (CdDemoServer *self, CdDemoRequest *req, gboolean key_needed)
{
  g_autofree char *key = NULL;
  const char      *given = soup_message_headers_get_one (req->req_headers, "X-Api-Key");
  const char      *auth = soup_message_headers_get_one (req->req_headers, "Authorization");
  gboolean         ok;

  g_mutex_lock (&self->lock);
  key = g_strdup (self->api_key);
  req->role = g_strdup (self->role);
  g_mutex_unlock (&self->lock);
  if (given == NULL && auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    given = auth + 7;
  ok = !key_needed || key == NULL || g_strcmp0 (given, key) == 0;
  if (!ok)
    cd_demo_reply_error (req, SOUP_STATUS_UNAUTHORIZED, "UNAUTHORIZED",
                         "Missing or invalid API key", NULL);
  return ok;
}

static gboolean
check_tenant (CdDemoRequest *req)
{
  const char *tenant = soup_message_headers_get_one (req->req_headers, "X-Tenant-Id");

  req->tenant_id = 1;
  if (tenant == NULL || g_str_equal (tenant, "1"))
    return TRUE;
  if (g_str_equal (tenant, "2"))
    {
      req->tenant_id = 2;
      return TRUE;
    }
  cd_demo_reply_error (req, SOUP_STATUS_FORBIDDEN, "FORBIDDEN",
                       "You do not have access to this workspace", NULL);
  return FALSE;
}

static gboolean
parse_request (CdDemoRequest *req, SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char      *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (query != NULL)
    req->query = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (query != NULL && req->query == NULL)
    {
      cd_demo_reply_error (req, SOUP_STATUS_BAD_REQUEST, "BAD_REQUEST", "Malformed query string",
                           NULL);
      return FALSE;
    }
  if (body->length > CD_DEMO_MAX_BODY)
    {
      cd_demo_reply_error (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                           "Request body is larger than 1 MB", NULL);
      return FALSE;
    }
  if (body->length == 0 || g_str_equal (req->method, "GET"))
    return TRUE;
  if (!json_parser_load_from_data (parser, body->data, body->length, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      cd_demo_reply_error (req, SOUP_STATUS_BAD_REQUEST, "BAD_REQUEST",
                           "Request body must be a JSON object", NULL);
      return FALSE;
    }
  req->body = json_node_copy (json_parser_get_root (parser));
  return TRUE;
}

static gboolean
replay_idempotent (CdDemoRequest *req, const char *key)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db,
    "SELECT status, body, etag FROM idempotency WHERE key = ?1 AND method = ?2 AND path = ?3");

  sqlite3_bind_text (st, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, req->method, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, req->path, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) != SQLITE_ROW)
    return FALSE;
  cd_demo_reply_raw (req, sqlite3_column_int (st, 0), "application/json",
                     g_bytes_new (sqlite3_column_text (st, 1), sqlite3_column_bytes (st, 1)));
  g_free (req->etag);
  req->etag = g_strdup ((const char *) sqlite3_column_text (st, 2));
  return TRUE;
}

static void
store_idempotent (CdDemoRequest *req, const char *key)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db,
    "INSERT OR REPLACE INTO idempotency (key, method, path, status, body, etag, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  gsize       length = 0;
  const char *data = req->resp_body ? g_bytes_get_data (req->resp_body, &length) : "";

  sqlite3_bind_text (st, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, req->method, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, req->path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 4, req->status);
  sqlite3_bind_text (st, 5, data, length, SQLITE_TRANSIENT);
  if (req->etag != NULL)
    sqlite3_bind_text (st, 6, req->etag, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 7, cd_demo_db_now ());
  sqlite3_step (st);
}

static void
note_mutation (CdDemoServer *self, CdDemoRequest *req, SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  char            *key = g_strdup_printf ("%s %s", req->method, req->path);

  g_mutex_lock (&self->lock);
  g_hash_table_insert (
    self->mutation_counts, key,
    GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->mutation_counts, key)) + 1));
  g_hash_table_insert (self->last_bodies, g_strdup (req->path),
                       g_strndup (body->data ? body->data : "", body->length));
  g_mutex_unlock (&self->lock);
}

/* Runs a mutation in one transaction, with Idempotency-Key replay. */
static void
run_mutation (CdDemoServer      *self,
              CdDemoRequest     *req,
              const CdDemoRoute *route,
              SoupServerMessage *msg)
{
  const char *key = soup_message_headers_get_one (req->req_headers, "Idempotency-Key");

  if (key != NULL && replay_idempotent (req, key))
    return;
  cd_demo_db_exec (self->db, "BEGIN IMMEDIATE");
  route->handler (req);
  if (req->status >= 400)
    {
      cd_demo_db_exec (self->db, "ROLLBACK");
      cd_demo_db_exec (self->db, "BEGIN");
    }
  else
    note_mutation (self, req, msg);
  /* 5xx would be worth retrying, so only deterministic answers are remembered. */
  if (key != NULL && req->status < 500)
    store_idempotent (req, key);
  cd_demo_db_exec (self->db, "COMMIT");
}

static const char *
route_request (CdDemoServer *self, CdDemoRequest *req, SoupServerMessage *msg)
{
  gboolean           other_method = FALSE;
  const CdDemoRoute *route = match_route (req->method, req->path, &req->args, &other_method);

  if (route == NULL && other_method)
    {
      cd_demo_reply_error (req, SOUP_STATUS_METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                           "This method is not allowed on this resource", NULL);
      return "(method)";
    }
  if (route == NULL)
    {
      cd_demo_reply_not_found (req, "Resource");
      return "(unknown)";
    }
  /* Recordings stand in for pre-signed storage URLs: no API key needed. */
  if (!check_auth (self, req, !g_str_has_prefix (route->pattern, "recordings/")))
    return route->pattern;
  if (!check_tenant (req) || !parse_request (req, msg))
    return route->pattern;
  if (route->mutation)
    run_mutation (self, req, route, msg);
  else
    route->handler (req);
  return route->pattern;
}

/* ---- sending ----------------------------------------------------------- */

static gboolean
unpause_cb (gpointer data)
{
  soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

/* Called with @lock held: the transfer counters tests and benchmarks read. */
static void
count_response (CdDemoServer *self, CdDemoRequest *req)
{
  if (req->status == SOUP_STATUS_NOT_MODIFIED)
    self->not_modified_count++;
  else if (SOUP_STATUS_IS_SUCCESSFUL (req->status) && req->resp_body != NULL)
    self->body_bytes += g_bytes_get_size (req->resp_body);
}

static void
send_response (CdDemoServer *self, CdDemoRequest *req, SoupServerMessage *msg, gboolean delay)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint               latency = 0;

  /* libsoup 3.2 has no phrase for 429. */
  soup_server_message_set_status (msg, req->status,
                                  req->status == 429 ? "Too Many Requests" : NULL);
  soup_message_headers_replace (headers, "X-Request-Id", req->request_id);
  if (req->etag != NULL)
    soup_message_headers_replace (headers, "ETag", req->etag);
  if (req->location != NULL)
    soup_message_headers_replace (headers, "Location", req->location);
  if (req->status == 429)
    soup_message_headers_replace (headers, "Retry-After", "1");
  if (req->resp_body != NULL && req->status != SOUP_STATUS_NOT_MODIFIED)
    {
      soup_message_headers_set_content_type (headers, req->content_type, NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), req->resp_body);
    }
  g_mutex_lock (&self->lock);
  count_response (self, req);
  if (delay)
    latency = self->latency_ms;
  g_mutex_unlock (&self->lock);
  if (latency > 0)
    {
      g_autoptr (GSource) source = g_timeout_source_new (latency);

      soup_server_message_pause (msg);
      g_source_set_callback (source, unpause_cb, g_object_ref (msg), g_object_unref);
      g_source_attach (source, self->context);
    }
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
stall_response (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* Chunked with no chunk ever appended: headers go out, the body never ends. */
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
}

static void
redirect_to_self (SoupServerMessage *msg)
{
  g_autofree char *target =
    g_uri_to_string_partial (soup_server_message_get_uri (msg), G_URI_HIDE_USERINFO);

  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, target);
}

/* Faults answered before the route runs (no effect is applied). */
static gboolean
apply_early_fault (CdDemoRequest *req, SoupServerMessage *msg, CdDemoFault fault, guint status)
{
  switch (fault)
    {
      case CD_DEMO_FAULT_STATUS:
        cd_demo_reply_error (req, status ? status : 500, code_for_status (status ? status : 500),
                             "Injected failure", NULL);
        return FALSE;
      case CD_DEMO_FAULT_DROP:
        drop_connection (msg);
        return TRUE;
      case CD_DEMO_FAULT_STALL:
        stall_response (msg);
        return TRUE;
      case CD_DEMO_FAULT_REDIRECT_LOOP:
        redirect_to_self (msg);
        return TRUE;
      default:
        return FALSE;
    }
}

static void
apply_late_fault (CdDemoRequest *req, CdDemoFault fault)
{
  if (fault == CD_DEMO_FAULT_MALFORMED_JSON)
    apply_malformed (req);
  else if (fault == CD_DEMO_FAULT_WRONG_TYPES)
    apply_wrong_types (req);
  else if (fault == CD_DEMO_FAULT_HUGE)
    apply_huge (req);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  CdDemoServer *self = user_data;
  CdDemoRequest req = { self, self->db, soup_server_message_get_method (msg) };
  const char   *pattern = "(outside api)";
  CdDemoFault   fault = CD_DEMO_FAULT_NONE;
  guint         fault_status = 0;

  g_mutex_lock (&self->lock);
  self->request_count++;
  g_mutex_unlock (&self->lock);
  req.request_id = g_uuid_string_random ();
  req.req_headers = soup_server_message_get_request_headers (msg);
  req.path = g_str_has_prefix (path, "/api/v1/") ? path + strlen ("/api/v1") : NULL;
  if (req.path != NULL)
    fault = take_fault (self, req.path, &fault_status);
  if (fault != CD_DEMO_FAULT_NONE && apply_early_fault (&req, msg, fault, fault_status))
    {
      g_debug ("%s fault %d", req.method, fault);
      request_clear (&req);
      return;
    }
  if (req.status == 0 && req.path == NULL)
    cd_demo_reply_not_found (&req, "Resource");
  else if (req.status == 0)
    pattern = route_request (self, &req, msg);
  if (req.status == 0)
    cd_demo_reply_error (&req, 500, "INTERNAL_ERROR", "The handler produced no response", NULL);
  apply_late_fault (&req, fault);
  g_debug ("%s %s -> %u", req.method, pattern, req.status);
  send_response (self, &req, msg, TRUE);
  request_clear (&req);
}

/*
 * Answers 413 to announced bodies over 1 MB.  libsoup still reads such a body
 * (so the client gets a clean 413 instead of a reset), but an absurd one is
 * not worth the memory: that connection is simply closed.
 */
static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  CdDemoRequest       req = { user_data, NULL, soup_server_message_get_method (msg) };
  goffset             length = soup_message_headers_get_content_length (headers);

  if (length <= CD_DEMO_MAX_BODY)
    return;
  if (length > 64 * CD_DEMO_MAX_BODY)
    {
      drop_connection (msg);
      return;
    }
  req.request_id = g_uuid_string_random ();
  cd_demo_reply_error (&req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                       "Request body is larger than 1 MB", NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
  send_response (user_data, &req, msg, FALSE);
  request_clear (&req);
}

/* ---- thread ------------------------------------------------------------ */

static gboolean
start_listening (CdDemoServer *self, guint port, GError **error)
{
  g_autoptr (GSList) uris = NULL;

  self->soup = soup_server_new ("server-header", "contact-detail-demo", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_request, self, NULL);
  if (!soup_server_listen_local (self->soup, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;
  uris = soup_server_get_uris (self->soup);
  self->port = uris ? g_uri_get_port (uris->data) : 0;
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u/api/v1", self->port);
  return TRUE;
}

typedef struct
{
  CdDemoServer *self;
  guint         port;
} StartData;

static gpointer
server_thread (gpointer data)
{
  StartData    *start = data;
  CdDemoServer *self = start->self;
  GError       *error = NULL;
  gboolean      ok;

  g_main_context_push_thread_default (self->context);
  ok = start_listening (self, start->port, &error);
  g_mutex_lock (&self->lock);
  self->start_done = TRUE;
  self->start_error = error;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  if (ok)
    g_main_loop_run (self->loop);
  soup_server_disconnect (self->soup);
  /* Let closing connections and their sources finish before the context goes away. */
  for (guint i = 0; i < 100 && g_main_context_iteration (self->context, FALSE); i++)
    ;
  g_clear_object (&self->soup);
  g_main_context_pop_thread_default (self->context);
  g_free (start);
  return NULL;
}

gboolean
cd_demo_server_start (CdDemoServer *self, guint port, GError **error)
{
  StartData *start = g_new0 (StartData, 1);

  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  start->self = self;
  start->port = port;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->start_done = FALSE;
  self->thread = g_thread_new ("cd-demo-server", server_thread, start);
  g_mutex_lock (&self->lock);
  while (!self->start_done)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      cd_demo_server_stop (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
cd_demo_server_stop (CdDemoServer *self)
{
  GSource *quit;

  g_return_if_fail (CD_IS_DEMO_SERVER (self));

  if (self->thread == NULL)
    return;
  /* Quit from inside the server's own context: a g_main_loop_quit() sent before
   * the thread reached g_main_loop_run() would be lost and the join would hang. */
  quit = g_idle_source_new ();
  g_source_set_callback (quit, quit_loop_cb, g_main_loop_ref (self->loop),
                         (GDestroyNotify) g_main_loop_unref);
  g_source_attach (quit, self->context);
  g_source_unref (quit);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
}

/* ---- public accessors -------------------------------------------------- */

/* Accepts paths with or without the /api/v1 prefix. */
static const char *
relative_path (const char *path)
{
  return g_str_has_prefix (path, "/api/v1/") ? path + strlen ("/api/v1") : path;
}

const char *
cd_demo_server_get_base_url (CdDemoServer *self)
{
  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), NULL);
  return self->base_url;
}

guint
cd_demo_server_get_port (CdDemoServer *self)
{
  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), 0);
  return self->port;
}

void
cd_demo_server_set_api_key (CdDemoServer *self, const char *api_key)
{
  g_return_if_fail (CD_IS_DEMO_SERVER (self));
  g_mutex_lock (&self->lock);
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
  g_mutex_unlock (&self->lock);
}

void
cd_demo_server_set_role (CdDemoServer *self, const char *role)
{
  g_return_if_fail (CD_IS_DEMO_SERVER (self));
  g_mutex_lock (&self->lock);
  g_free (self->role);
  self->role = g_strdup (role ? role : "tenant_admin");
  g_mutex_unlock (&self->lock);
}

void
cd_demo_server_set_latency_ms (CdDemoServer *self, guint latency_ms)
{
  g_return_if_fail (CD_IS_DEMO_SERVER (self));
  g_mutex_lock (&self->lock);
  self->latency_ms = latency_ms;
  g_mutex_unlock (&self->lock);
}

void
cd_demo_server_set_fail_rate (CdDemoServer *self, double fail_rate)
{
  g_return_if_fail (CD_IS_DEMO_SERVER (self));
  g_mutex_lock (&self->lock);
  self->fail_rate = CLAMP (fail_rate, 0.0, 1.0);
  g_mutex_unlock (&self->lock);
}

void
cd_demo_server_inject_fault (CdDemoServer *self,
                             const char   *path_prefix,
                             CdDemoFault   fault,
                             guint         status,
                             guint         count)
{
  Fault *f;

  g_return_if_fail (CD_IS_DEMO_SERVER (self));
  if (fault == CD_DEMO_FAULT_NONE || count == 0)
    return;
  f = g_new0 (Fault, 1);
  f->prefix = path_prefix ? g_strdup (relative_path (path_prefix)) : NULL;
  f->fault = fault;
  f->status = status;
  f->remaining = count;
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->faults, f);
  g_mutex_unlock (&self->lock);
}

void
cd_demo_server_clear_faults (CdDemoServer *self)
{
  g_return_if_fail (CD_IS_DEMO_SERVER (self));
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->faults, 0);
  g_mutex_unlock (&self->lock);
}

guint
cd_demo_server_get_request_count (CdDemoServer *self)
{
  guint count;

  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), 0);
  g_mutex_lock (&self->lock);
  count = self->request_count;
  g_mutex_unlock (&self->lock);
  return count;
}

guint
cd_demo_server_get_not_modified_count (CdDemoServer *self)
{
  guint count;

  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), 0);
  g_mutex_lock (&self->lock);
  count = self->not_modified_count;
  g_mutex_unlock (&self->lock);
  return count;
}

guint64
cd_demo_server_get_body_bytes (CdDemoServer *self)
{
  guint64 bytes;

  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), 0);
  g_mutex_lock (&self->lock);
  bytes = self->body_bytes;
  g_mutex_unlock (&self->lock);
  return bytes;
}

void
cd_demo_server_reset_counters (CdDemoServer *self)
{
  g_return_if_fail (CD_IS_DEMO_SERVER (self));
  g_mutex_lock (&self->lock);
  self->request_count = 0;
  self->not_modified_count = 0;
  self->body_bytes = 0;
  g_mutex_unlock (&self->lock);
}

guint
cd_demo_server_get_mutation_count (CdDemoServer *self, const char *method, const char *path)
{
  g_autofree char *key = NULL;
  guint            count;

  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), 0);
  key = g_strdup_printf ("%s %s", method, relative_path (path));
  g_mutex_lock (&self->lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->mutation_counts, key));
  g_mutex_unlock (&self->lock);
  return count;
}

char *
cd_demo_server_dup_last_body (CdDemoServer *self, const char *path)
{
  char *body;

  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), NULL);
  g_mutex_lock (&self->lock);
  body = g_strdup (g_hash_table_lookup (self->last_bodies, relative_path (path)));
  g_mutex_unlock (&self->lock);
  return body;
}

static const char *fault_names[] = {
  "none", "status", "malformed_json", "wrong_types", "drop", "stall", "huge", "redirect_loop", NULL,
};

static gboolean
arm_one_fault (CdDemoServer *self, const char *entry, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (entry, ",", -1);
  const char *prefix = NULL;
  guint64     status = 500, count = 1;
  guint       kind;

  for (kind = 1;
       fault_names[kind] != NULL && g_strcmp0 (fault_names[kind], g_strstrip (parts[0])) != 0;
       kind++)
    ;
  if (fault_names[kind] == NULL)
    goto bad;
  for (guint i = 1; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);

      if (g_str_has_prefix (p, "path="))
        prefix = p + 5;
      else if (!(g_str_has_prefix (p, "status=") &&
                 g_ascii_string_to_unsigned (p + 7, 10, 100, 599, &status, NULL)) &&
               !(g_str_has_prefix (p, "count=") &&
                 g_ascii_string_to_unsigned (p + 6, 10, 1, G_MAXUINT, &count, NULL)))
        goto bad;
    }
  cd_demo_server_inject_fault (self, prefix, kind, status, count);
  return TRUE;
bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "Bad fault \"%s\": use KIND[,status=N][,path=/prefix][,count=N] with KIND one of "
               "status, malformed_json, wrong_types, drop, stall, huge, redirect_loop",
               entry);
  return FALSE;
}

/*
 * Arms faults from text, for the command line and the CD_DEMO_FAULTS
 * environment variable: entries separated by ';', each
 * KIND[,status=N][,path=/prefix][,count=N] (count defaults to 1).
 */
gboolean
cd_demo_server_arm_faults (CdDemoServer *self, const char *spec, GError **error)
{
  g_auto (GStrv) entries = NULL;

  g_return_val_if_fail (CD_IS_DEMO_SERVER (self), FALSE);
  if (spec == NULL)
    return TRUE;
  entries = g_strsplit (spec, ";", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    if (*g_strstrip (entries[i]) != '\0' && !arm_one_fault (self, entries[i], error))
      return FALSE;
  return TRUE;
}
