/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-demo"

#include "cd-demo-private.h"

/* Voice sessions: list (search/sort/cursor), detail, recording, transcript PDF, manual calls. */

static const char *session_statuses[] = {
  "queued", "ringing", "in_progress", "completed", "no_answer",
  "busy",   "failed",  "voicemail",   "canceled",  NULL,
};

typedef struct
{
  GString    *where;
  gint64      contact_id;
  gint64      campaign_id;
  gint64      after;
  gint64      before;
  char       *like;
  const char *direction;
  const char *status;
} SessionFilter;

static void
session_filter_clear (SessionFilter *f)
{
  g_string_free (f->where, TRUE);
  g_free (f->like);
}

static void
parse_time_param (CdDemoRequest *req, const char *name, gint64 *out, JsonObject *errors)
{
  const char *text = cd_demo_query (req, name);

  if (text != NULL && !cd_demo_parse_time (text, out))
    cd_demo_errors_add (errors, name,
                        "must be an RFC 3339 time with a zone, e.g. 2025-01-31T09:00:00Z");
}

static void
parse_enum_param (CdDemoRequest *req,
                  const char    *name,
                  const char   **allowed,
                  const char   **out,
                  JsonObject    *errors)
{
  const char *text = cd_demo_query (req, name);

  *out = NULL;
  if (text == NULL || *text == '\0')
    return;
  if (g_strv_contains (allowed, text))
    *out = text;
  else
    cd_demo_errors_add (errors, name, "is not one of the allowed values");
}

/* Builds the WHERE clause; every value is bound, never spliced. */
static void
session_filter_parse (CdDemoRequest *req, SessionFilter *f, JsonObject *errors)
{
  static const char *directions[] = { "inbound", "outbound", NULL };
  const char        *search = cd_demo_query (req, "search");

  f->where = g_string_new (" WHERE c.tenant_id = :tenant");
  cd_demo_query_int (req, "contact_id", 0, 1, G_MAXINT64, &f->contact_id, errors);
  cd_demo_query_int (req, "campaign_id", 0, 1, G_MAXINT64, &f->campaign_id, errors);
  parse_enum_param (req, "direction", directions, &f->direction, errors);
  parse_enum_param (req, "status", session_statuses, &f->status, errors);
  parse_time_param (req, "started_after", &f->after, errors);
  parse_time_param (req, "started_before", &f->before, errors);
  if (f->contact_id)
    g_string_append (f->where, " AND s.contact_id = :contact");
  if (f->campaign_id)
    g_string_append (f->where, " AND s.campaign_id = :campaign");
  if (f->direction)
    g_string_append (f->where, " AND s.direction = :direction");
  if (f->status)
    g_string_append (f->where, " AND s.status = :status");
  if (f->after)
    g_string_append (f->where, " AND s.started_at >= :after");
  if (f->before)
    g_string_append (f->where, " AND s.started_at < :before");
  if (search != NULL && *search != '\0')
    {
      f->like = cd_demo_like_pattern (search);
      g_string_append (
        f->where, " AND (s.summary LIKE :q ESCAPE '\\' OR s.campaign_outcome LIKE :q ESCAPE '\\'"
                  " OR a.name LIKE :q ESCAPE '\\' OR g.name LIKE :q ESCAPE '\\'"
                  " OR s.from_number LIKE :q ESCAPE '\\' OR s.to_number LIKE :q ESCAPE '\\'"
                  " OR s.status LIKE :q ESCAPE '\\')");
    }
}

static void
bind_named_int (sqlite3_stmt *st, const char *name, gint64 value)
{
  int index = sqlite3_bind_parameter_index (st, name);

  if (index > 0)
    sqlite3_bind_int64 (st, index, value);
}

static void
bind_named_text (sqlite3_stmt *st, const char *name, const char *value)
{
  int index = sqlite3_bind_parameter_index (st, name);

  if (index > 0 && value != NULL)
    sqlite3_bind_text (st, index, value, -1, SQLITE_TRANSIENT);
}

static void
session_filter_bind (CdDemoRequest *req, SessionFilter *f, sqlite3_stmt *st)
{
  bind_named_int (st, ":tenant", req->tenant_id);
  bind_named_int (st, ":contact", f->contact_id);
  bind_named_int (st, ":campaign", f->campaign_id);
  bind_named_int (st, ":after", f->after);
  bind_named_int (st, ":before", f->before);
  bind_named_text (st, ":direction", f->direction);
  bind_named_text (st, ":status", f->status);
  bind_named_text (st, ":q", f->like);
}

static char *
encode_cursor (gint64 offset)
{
  g_autofree char *raw = g_strdup_printf ("o:%" G_GINT64_FORMAT, offset);

  return g_base64_encode ((const guchar *) raw, strlen (raw));
}

static gboolean
decode_cursor (const char *cursor, gint64 *offset)
{
  gsize              length = 0;
  g_autofree guchar *raw = NULL;
  g_autofree char   *text = NULL;

  if (cursor == NULL || *cursor == '\0')
    {
      *offset = 0;
      return TRUE;
    }
  if (strlen (cursor) > 64 || !g_regex_match_simple ("^[A-Za-z0-9+/=]+$", cursor, 0, 0))
    return FALSE;
  raw = g_base64_decode (cursor, &length);
  text = g_strndup ((const char *) raw, length);
  return g_str_has_prefix (text, "o:") &&
         g_ascii_string_to_signed (text + 2, 10, 0, G_MAXINT32, offset, NULL);
}

static char *
order_clause (CdDemoRequest *req, JsonObject *errors)
{
  static const char *sorts[] = { "started_at", "duration", "status", NULL };
  static const char *orders[] = { "asc", "desc", NULL };
  const char        *sort = NULL, *order = NULL;

  parse_enum_param (req, "sort", sorts, &sort, errors);
  parse_enum_param (req, "order", orders, &order, errors);
  order = order && g_str_equal (order, "asc") ? "ASC" : "DESC";
  if (sort != NULL && g_str_equal (sort, "duration"))
    return g_strdup_printf (" ORDER BY s.duration_seconds %s, s.id %s", order, order);
  if (sort != NULL && g_str_equal (sort, "status"))
    return g_strdup_printf (" ORDER BY s.status %s, s.started_at DESC, s.id DESC", order);
  return g_strdup_printf (" ORDER BY s.started_at %s, s.id %s", order, order);
}

static void
add_cursor_member (JsonBuilder *b, const char *member, gboolean present, gint64 offset)
{
  g_autofree char *cursor = present ? encode_cursor (offset) : NULL;

  json_builder_set_member_name (b, member);
  if (cursor != NULL)
    json_builder_add_string_value (b, cursor);
  else
    json_builder_add_null_value (b);
}

static void
reply_session_page (CdDemoRequest *req,
                    sqlite3_stmt  *st,
                    gint64         offset,
                    gint64         page_size,
                    gint64         total)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  while (sqlite3_step (st) == SQLITE_ROW)
    json_builder_add_value (b, cd_demo_build_session (req, st, FALSE));
  json_builder_end_array (b);
  add_cursor_member (b, "next_cursor", offset + page_size < total, offset + page_size);
  add_cursor_member (b, "prev_cursor", offset > 0, MAX (offset - page_size, 0));
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, total);
  json_builder_end_object (b);
  cd_demo_reply_data_tagged (req, json_builder_get_root (b));
}

static void
handle_list_sessions (CdDemoRequest *req)
{
  JsonObject      *errors = json_object_new ();
  SessionFilter    f = { 0 };
  g_autofree char *order = order_clause (req, errors);
  g_autofree char *sql = NULL;
  g_autoptr (sqlite3_stmt) count = NULL;
  g_autoptr (sqlite3_stmt) st = NULL;
  gint64 page_size, offset = 0;

  session_filter_parse (req, &f, errors);
  cd_demo_query_int (req, "page_size", 10, 1, CD_DEMO_MAX_PAGE, &page_size, errors);
  if (!decode_cursor (cd_demo_query (req, "cursor"), &offset))
    cd_demo_errors_add (errors, "cursor", "is not a valid cursor");
  if (cd_demo_reply_if_invalid (req, errors))
    goto out;
  sql = g_strconcat ("SELECT COUNT(*)" CD_DEMO_SESSION_FROM, f.where->str, NULL);
  count = cd_demo_db_prepare (req->db, sql);
  session_filter_bind (req, &f, count);
  sqlite3_step (count);
  g_free (sql);
  sql = g_strconcat ("SELECT " CD_DEMO_SESSION_COLUMNS CD_DEMO_SESSION_FROM, f.where->str, order,
                     " LIMIT :limit OFFSET :offset", NULL);
  st = cd_demo_db_prepare (req->db, sql);
  session_filter_bind (req, &f, st);
  bind_named_int (st, ":limit", page_size);
  bind_named_int (st, ":offset", offset);
  reply_session_page (req, st, offset, page_size, sqlite3_column_int64 (count, 0));
out:
  session_filter_clear (&f);
}

/* Positions a statement on session :id of the request's tenant, or replies 404. */
static sqlite3_stmt *
load_session (CdDemoRequest *req)
{
  sqlite3_stmt *st =
    cd_demo_db_prepare (req->db, "SELECT " CD_DEMO_SESSION_COLUMNS CD_DEMO_SESSION_FROM
                                 " WHERE s.id = ?1 AND c.tenant_id = ?2");
  gint64 id = 0;

  if (cd_demo_arg_id (req, 0, &id))
    {
      sqlite3_bind_int64 (st, 1, id);
      sqlite3_bind_int64 (st, 2, req->tenant_id);
      if (sqlite3_step (st) == SQLITE_ROW)
        return st;
    }
  sqlite3_finalize (st);
  cd_demo_reply_not_found (req, "Call");
  return NULL;
}

static void
handle_get_session (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st = load_session (req);
  g_autofree char *etag = NULL;

  if (st == NULL)
    return;
  etag =
    g_strdup_printf ("\"s%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\"",
                     (gint64) sqlite3_column_int64 (st, 0), (gint64) sqlite3_column_int64 (st, 21));
  if (!cd_demo_not_modified (req, etag))
    cd_demo_reply_data (req, SOUP_STATUS_OK, cd_demo_build_session (req, st, TRUE), NULL, NULL);
}

static void
handle_recording_redirect (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st = load_session (req);

  if (st == NULL)
    return;
  if (sqlite3_column_int (st, 16) == 0)
    {
      cd_demo_reply_not_found (req, "Recording");
      return;
    }
  g_free (req->location);
  req->location = g_strdup_printf ("%s/recordings/%" G_GINT64_FORMAT ".wav",
                                   cd_demo_server_get_base_url (req->server),
                                   (gint64) sqlite3_column_int64 (st, 0));
  cd_demo_reply_data (req, SOUP_STATUS_FOUND, NULL, "Recording moved to storage", NULL);
}

static void
handle_recording_file (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st =
    cd_demo_db_prepare (req->db, "SELECT has_recording FROM voice_sessions WHERE id = ?1");
  guint64          id = 0;
  g_autofree char *digits = NULL;

  if (g_str_has_suffix (req->args[0], ".wav"))
    digits = g_strndup (req->args[0], strlen (req->args[0]) - 4);
  if (digits == NULL || !g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &id, NULL))
    {
      cd_demo_reply_not_found (req, "Recording");
      return;
    }
  sqlite3_bind_int64 (st, 1, (gint64) id);
  if (sqlite3_step (st) != SQLITE_ROW || sqlite3_column_int (st, 0) == 0)
    {
      cd_demo_reply_not_found (req, "Recording");
      return;
    }
  cd_demo_reply_raw (req, SOUP_STATUS_OK, "audio/wav", cd_demo_media_wav ((gint64) id));
}

static void
handle_transcript_pdf (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st = load_session (req);
  g_autoptr (JsonNode) session = NULL;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  JsonArray       *transcript;

  if (st == NULL)
    return;
  session = cd_demo_build_session (req, st, TRUE);
  transcript = json_object_get_array_member (json_node_get_object (session), "transcript");
  for (guint i = 0; i < json_array_get_length (transcript); i++)
    {
      JsonObject *line = json_array_get_object_element (transcript, i);

      g_ptr_array_add (lines,
                       g_strdup_printf ("%s: %s", json_object_get_string_member (line, "speaker"),
                                        json_object_get_string_member (line, "text")));
    }
  if (lines->len == 0)
    g_ptr_array_add (lines, g_strdup ("No transcript is available for this call."));
  g_ptr_array_add (lines, NULL);
  title =
    g_strdup_printf ("Transcript of call %" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (st, 0));
  cd_demo_reply_raw (req, SOUP_STATUS_OK, "application/pdf",
                     cd_demo_media_pdf (title, (const char *const *) lines->pdata));
}

/* ---- manual call ------------------------------------------------------- */

static gboolean
member_id (JsonObject *body, const char *member, gint64 *out)
{
  JsonNode *node = json_object_get_member (body, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static char *
lookup_text (sqlite3 *db, const char *sql, gint64 id)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (db, sql);

  sqlite3_bind_int64 (st, 1, id);
  if (sqlite3_step (st) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (st, 0));
  return NULL;
}

static void
validate_string_map (JsonObject *body, const char *member, JsonObject *errors)
{
  JsonNode *node = json_object_get_member (body, member);
  g_autoptr (GList) members = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cd_demo_errors_add (errors, member, "must be an object");
      return;
    }
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (json_node_get_object (node), l->data);

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          cd_demo_errors_add (errors, member, "values must be strings");
          return;
        }
    }
}

static char *
validate_call (CdDemoRequest *req, JsonObject *body, gint64 *agent_id, JsonObject *errors)
{
  gint64 number_id = 0;
  char  *from = NULL;

  if (body == NULL || !member_id (body, "phone_number_id", &number_id) ||
      (from =
         lookup_text (req->db, "SELECT e164 FROM phone_numbers WHERE id = ?1 AND status = 'active'",
                      number_id)) == NULL)
    cd_demo_errors_add (errors, "phone_number_id", "Choose an active phone number");
  if (body == NULL || !member_id (body, "agent_id", agent_id) ||
      !cd_demo_db_query_int (
        req->db, "SELECT published FROM agents WHERE id = ?1 AND status = 'active'", *agent_id, 0))
    cd_demo_errors_add (errors, "agent_id", "Choose a published agent");
  if (body != NULL)
    {
      validate_string_map (body, "variable_mappings", errors);
      validate_string_map (body, "runtime_vars", errors);
    }
  return from;
}

static void
handle_start_call (CdDemoRequest *req)
{
  CdDemoContactState state;
  JsonObject        *errors;
  g_autofree char   *from = NULL;
  g_autoptr (sqlite3_stmt) st = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  const char *reason = NULL;
  gint64      id = 0, agent_id = 0;

  if (!cd_demo_require_writer (req))
    return;
  if (!cd_demo_arg_id (req, 0, &id) || !cd_demo_contact_state_load (req, id, &state))
    {
      cd_demo_reply_not_found (req, "Contact");
      return;
    }
  errors = json_object_new ();
  from = validate_call (req, cd_demo_body_object (req), &agent_id, errors);
  if (cd_demo_reply_if_invalid (req, errors))
    goto out;
  if (!cd_demo_can_call (req, &state, &reason))
    {
      cd_demo_reply_error (req, SOUP_STATUS_CONFLICT, "NOT_CALLABLE", reason, NULL);
      goto out;
    }
  st = cd_demo_db_prepare (
    req->db,
    "INSERT INTO voice_sessions (contact_id, direction, status, started_at, duration_seconds,"
    " talk_time_seconds, agent_id, from_number, to_number, has_recording)"
    " VALUES (?1, 'outbound', 'queued', ?2, 0, 0, ?3, ?4, ?5, 0)");
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, cd_demo_db_now ());
  sqlite3_bind_int64 (st, 3, agent_id);
  sqlite3_bind_text (st, 4, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, state.phone, -1, SQLITE_TRANSIENT);
  sqlite3_step (st);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "voice_session_id");
  json_builder_add_int_value (b, sqlite3_last_insert_rowid (req->db));
  json_builder_end_object (b);
  cd_demo_bump_contact (req->db, id);
  cd_demo_reply_data (req, SOUP_STATUS_CREATED, json_builder_get_root (b), "Call started", NULL);
out:
  cd_demo_contact_state_clear (&state);
}

const CdDemoRoute cd_demo_session_routes[] = {
  { "GET", "voice_sessions", handle_list_sessions, FALSE },
  { "GET", "voice_sessions/:id", handle_get_session, FALSE },
  { "GET", "voice_sessions/:id/recording", handle_recording_redirect, FALSE },
  { "GET", "voice_sessions/:id/transcript_pdf", handle_transcript_pdf, FALSE },
  { "GET", "recordings/:file", handle_recording_file, FALSE },
  { "POST", "contacts/:id/calls", handle_start_call, TRUE },
  { NULL, NULL, NULL, FALSE },
};
