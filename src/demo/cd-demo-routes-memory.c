/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-demo"

#include "cd-demo-private.h"

/* Follow-ups and the memory card (summary, open items, facts, rebuild). */

#define REBUILD_FAILS_FOR CD_DEMO_CONTACT_REBUILD_FAILS

static const char *follow_up_statuses[] = {
  "scheduled", "queued",    "in_progress", "completed", "failed",
  "expired",   "cancelled", "snoozed",     NULL,
};
/* Statuses a person may still cancel, snooze or reschedule. */
static const char *open_statuses[] = {
  "scheduled", "queued", "snoozed", "failed", "expired", NULL
};

/* ---- typed member readers (add a field error on a wrong type) ---------- */

static const char *
opt_enum (JsonObject  *body,
          const char  *member,
          const char **allowed,
          const char  *fallback,
          JsonObject  *errors)
{
  JsonNode *node = json_object_get_member (body, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      g_strv_contains (allowed, json_node_get_string (node)))
    return json_node_get_string (node);
  cd_demo_errors_add (errors, member, "is not one of the allowed values");
  return fallback;
}

static gint64
opt_int (JsonObject *body,
         const char *member,
         gint64      min,
         gint64      max,
         gint64      fallback,
         JsonObject *errors)
{
  JsonNode        *node = json_object_get_member (body, member);
  g_autofree char *message = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= min && json_node_get_int (node) <= max)
    return json_node_get_int (node);
  message = g_strdup_printf (
    "must be a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT, min, max);
  cd_demo_errors_add (errors, member, message);
  return fallback;
}

static gboolean
opt_bool (JsonObject *body, const char *member, JsonObject *errors)
{
  JsonNode *node = json_object_get_member (body, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  cd_demo_errors_add (errors, member, "must be true or false");
  return FALSE;
}

static const char *
opt_text (JsonObject *body, const char *member, gsize max_length, JsonObject *errors)
{
  JsonNode *node = json_object_get_member (body, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      strlen (json_node_get_string (node)) <= max_length)
    return json_node_get_string (node);
  cd_demo_errors_add (errors, member, "must be text and not too long");
  return NULL;
}

/* A required future time; @required FALSE accepts absence (returns 0). */
static gint64
future_time (JsonObject *body, gboolean required, JsonObject *errors)
{
  const char *text = opt_text (body, "scheduled_at", 64, errors);
  gint64      when = 0;

  if (text == NULL && !json_object_has_member (body, "scheduled_at") && !required)
    return 0;
  if (text == NULL || !cd_demo_parse_time (text, &when))
    cd_demo_errors_add (errors, "scheduled_at", "must be an RFC 3339 time with a zone");
  else if (when < cd_demo_db_now () - 60)
    cd_demo_errors_add (errors, "scheduled_at", "must not be in the past");
  return when;
}

/* ---- contact guard ----------------------------------------------------- */

/* Writer role, existing contact, not erased; replies otherwise. */
static gboolean
writable_contact (CdDemoRequest *req, CdDemoContactState *state)
{
  gint64 id = 0;

  if (!cd_demo_require_writer (req))
    return FALSE;
  if (!cd_demo_arg_id (req, 0, &id) || !cd_demo_contact_state_load (req, id, state))
    {
      cd_demo_reply_not_found (req, "Contact");
      return FALSE;
    }
  if (g_strcmp0 (state->lifecycle, "deleted") != 0)
    return TRUE;
  cd_demo_reply_error (req, SOUP_STATUS_CONFLICT, "CONFLICT", "This contact was erased", NULL);
  cd_demo_contact_state_clear (state);
  return FALSE;
}

/* ---- follow-ups -------------------------------------------------------- */

static void
reply_follow_up (CdDemoRequest *req, gint64 id, guint status, const char *message)
{
  g_autoptr (sqlite3_stmt) st =
    cd_demo_db_prepare (req->db, CD_DEMO_FOLLOW_UP_SELECT "WHERE f.id = ?1");

  sqlite3_bind_int64 (st, 1, id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      cd_demo_reply_not_found (req, "Follow-up");
      return;
    }
  g_free (req->etag);
  req->etag = g_strdup_printf ("\"f%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\"", id,
                               (gint64) sqlite3_column_int64 (st, 18));
  cd_demo_reply_data (req, status, cd_demo_build_follow_up (st), message, NULL);
}

static void
handle_list_follow_ups (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st =
    cd_demo_db_prepare (req->db, CD_DEMO_FOLLOW_UP_SELECT
                        "WHERE f.contact_id = ?1 AND c.tenant_id = ?2"
                        " AND (?3 IS NULL OR instr(',' || ?3 || ',', ',' || f.status || ',') > 0)"
                        " ORDER BY f.scheduled_at DESC, f.id");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  CdDemoContactState state;
  const char        *filter = cd_demo_query (req, "status");
  g_auto (GStrv) wanted = filter ? g_strsplit (filter, ",", -1) : NULL;

  for (guint i = 0; wanted && wanted[i]; i++)
    if (!g_strv_contains (follow_up_statuses, wanted[i]))
      {
        JsonObject *errors = json_object_new ();

        cd_demo_errors_add (errors, "status", "is not a follow-up status");
        cd_demo_reply_if_invalid (req, errors);
        return;
      }
  if (!cd_demo_arg_id (req, 0, &state.id) || !cd_demo_contact_state_load (req, state.id, &state))
    {
      cd_demo_reply_not_found (req, "Contact");
      return;
    }
  sqlite3_bind_int64 (st, 1, state.id);
  sqlite3_bind_int64 (st, 2, req->tenant_id);
  if (filter != NULL && *filter != '\0')
    sqlite3_bind_text (st, 3, filter, -1, SQLITE_TRANSIENT);
  json_builder_begin_array (b);
  while (sqlite3_step (st) == SQLITE_ROW)
    json_builder_add_value (b, cd_demo_build_follow_up (st));
  json_builder_end_array (b);
  cd_demo_contact_state_clear (&state);
  cd_demo_reply_data_tagged (req, json_builder_get_root (b));
}

typedef struct
{
  const char *type;
  const char *priority;
  const char *notes;
  gint64      scheduled_at;
  gint64      agent_id;
  gint64      campaign_id;
  gint64      max_attempts;
  gboolean    out_of_window;
} NewFollowUp;

static void
parse_new_follow_up (CdDemoRequest *req, JsonObject *body, NewFollowUp *f, JsonObject *errors)
{
  static const char *types[] = { "call", "sms", "webhook", NULL };
  static const char *priorities[] = { "low", "normal", "high", "urgent", NULL };

  f->type = opt_enum (body, "type", types, "call", errors);
  f->priority = opt_enum (body, "priority", priorities, "normal", errors);
  f->notes = opt_text (body, "notes", 2000, errors);
  f->scheduled_at = future_time (body, TRUE, errors);
  f->max_attempts = opt_int (body, "max_attempts", 1, 10, 3, errors);
  f->agent_id = opt_int (body, "agent_id", 1, G_MAXINT32, 0, errors);
  f->campaign_id = opt_int (body, "campaign_id", 1, G_MAXINT32, 0, errors);
  f->out_of_window = opt_bool (body, "allow_out_of_window", errors);
  if (f->agent_id &&
      !cd_demo_db_query_int (req->db, "SELECT 1 FROM agents WHERE id = ?1", f->agent_id, 0))
    cd_demo_errors_add (errors, "agent_id", "Unknown agent");
  if (f->campaign_id &&
      !cd_demo_db_query_int (req->db, "SELECT 1 FROM campaigns WHERE id = ?1", f->campaign_id, 0))
    cd_demo_errors_add (errors, "campaign_id", "Unknown campaign");
}

static void
insert_follow_up (CdDemoRequest *req, gint64 contact_id, NewFollowUp *f)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db,
    "INSERT INTO follow_ups (contact_id, status, type, scheduled_at, agent_id, campaign_id,"
    " max_attempts, priority, allow_out_of_window, source, notes, created_at, updated_at)"
    " VALUES (?1, 'scheduled', ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'manual', ?9, ?10, ?10)");

  sqlite3_bind_int64 (st, 1, contact_id);
  sqlite3_bind_text (st, 2, f->type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 3, f->scheduled_at);
  if (f->agent_id)
    sqlite3_bind_int64 (st, 4, f->agent_id);
  if (f->campaign_id)
    sqlite3_bind_int64 (st, 5, f->campaign_id);
  sqlite3_bind_int64 (st, 6, f->max_attempts);
  sqlite3_bind_text (st, 7, f->priority, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 8, f->out_of_window);
  if (f->notes != NULL)
    sqlite3_bind_text (st, 9, f->notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 10, cd_demo_db_now ());
  sqlite3_step (st);
}

static void
handle_create_follow_up (CdDemoRequest *req)
{
  CdDemoContactState state;
  JsonObject        *body = cd_demo_body_object (req);
  JsonObject        *errors;
  NewFollowUp        f = { 0 };

  if (!writable_contact (req, &state))
    return;
  errors = json_object_new ();
  if (body == NULL)
    cd_demo_errors_add (errors, "scheduled_at", "is required");
  else
    parse_new_follow_up (req, body, &f, errors);
  if (cd_demo_reply_if_invalid (req, errors))
    goto out;
  if (g_strcmp0 (state.lifecycle, "archived") == 0)
    {
      cd_demo_reply_error (req, SOUP_STATUS_CONFLICT, "CONFLICT",
                           "Archived contacts cannot get new follow-ups; unarchive first", NULL);
      goto out;
    }
  insert_follow_up (req, state.id, &f);
  reply_follow_up (req, sqlite3_last_insert_rowid (req->db), SOUP_STATUS_CREATED,
                   "Follow-up scheduled");
out:
  cd_demo_contact_state_clear (&state);
}

static void
update_follow_up (sqlite3    *db,
                  gint64      id,
                  const char *status,
                  gint64      scheduled_at,
                  const char *closed_reason)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    db, "UPDATE follow_ups SET status = ?2, scheduled_at = COALESCE(?3, scheduled_at),"
        " closed_reason = ?4, updated_at = ?5, version = version + 1 WHERE id = ?1");

  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, status, -1, SQLITE_TRANSIENT);
  if (scheduled_at)
    sqlite3_bind_int64 (st, 3, scheduled_at);
  if (closed_reason != NULL)
    sqlite3_bind_text (st, 4, closed_reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 5, cd_demo_db_now ());
  sqlite3_step (st);
}

/* Validates a PATCH; returns the new status or NULL (errors filled). */
static const char *
follow_up_change (JsonObject *body, gint64 *scheduled_at, JsonObject *errors)
{
  static const char *settable[] = { "cancelled", "snoozed", "scheduled", NULL };
  const char        *status = opt_enum (body, "status", settable, NULL, errors);

  *scheduled_at = future_time (body, status != NULL && !g_str_equal (status, "cancelled"), errors);
  if (status == NULL && *scheduled_at == 0 && json_object_get_size (errors) == 0)
    cd_demo_errors_add (errors, "scheduled_at", "Give a new time or a status");
  if (status == NULL)
    status = "scheduled";
  return status;
}

static void
handle_patch_follow_up (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db, "SELECT f.status, f.version FROM follow_ups f JOIN contacts c ON c.id = f.contact_id"
             " WHERE f.id = ?1 AND c.tenant_id = ?2");
  JsonObject      *body = cd_demo_body_object (req);
  JsonObject      *errors;
  g_autofree char *etag = NULL;
  const char      *status;
  gint64           id = 0, when = 0;

  if (!cd_demo_require_writer (req))
    return;
  cd_demo_arg_id (req, 0, &id);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, req->tenant_id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      cd_demo_reply_not_found (req, "Follow-up");
      return;
    }
  etag = g_strdup_printf ("\"f%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\"", id,
                          (gint64) sqlite3_column_int64 (st, 1));
  if (!cd_demo_precondition_ok (req, etag))
    return;
  errors = json_object_new ();
  if (body == NULL)
    cd_demo_errors_add (errors, "status", "Give a new time or a status");
  status = body ? follow_up_change (body, &when, errors) : NULL;
  if (cd_demo_reply_if_invalid (req, errors))
    return;
  if (!g_strv_contains (open_statuses, (const char *) sqlite3_column_text (st, 0)))
    {
      cd_demo_reply_error (req, SOUP_STATUS_CONFLICT, "CONFLICT",
                           "This follow-up is already running or closed", NULL);
      return;
    }
  update_follow_up (req->db, id, status, when,
                    g_str_equal (status, "cancelled") ? "Cancelled by operator" : NULL);
  reply_follow_up (req, id, SOUP_STATUS_OK, "Follow-up updated");
}

/* ---- memory ------------------------------------------------------------ */

static void
reply_memory (CdDemoRequest *req, gint64 contact_id, guint status, const char *message)
{
  JsonNode *memory = cd_demo_build_memory (req, contact_id, &req->etag);

  cd_demo_reply_data (req, status, memory, message, NULL);
}

static void
handle_get_memory (CdDemoRequest *req)
{
  CdDemoContactState state;
  g_autofree char   *etag = NULL;
  JsonNode          *memory;
  gint64             id = 0;

  if (!cd_demo_arg_id (req, 0, &id) || !cd_demo_contact_state_load (req, id, &state))
    {
      cd_demo_reply_not_found (req, "Contact");
      return;
    }
  cd_demo_contact_state_clear (&state);
  memory = cd_demo_build_memory (req, id, &etag);
  if (cd_demo_not_modified (req, etag))
    json_node_unref (memory);
  else
    cd_demo_reply_data (req, SOUP_STATUS_OK, memory, NULL, NULL);
}

static void
touch_memory (sqlite3 *db, gint64 contact_id)
{
  g_autoptr (sqlite3_stmt) ensure = cd_demo_db_prepare (
    db, "INSERT OR IGNORE INTO memories (contact_id, updated_at) VALUES (?1, ?2)");
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    db, "UPDATE memories SET version = version + 1, updated_at = ?2 WHERE contact_id = ?1");

  sqlite3_bind_int64 (ensure, 1, contact_id);
  sqlite3_bind_int64 (ensure, 2, cd_demo_db_now ());
  sqlite3_step (ensure);
  sqlite3_bind_int64 (st, 1, contact_id);
  sqlite3_bind_int64 (st, 2, cd_demo_db_now ());
  sqlite3_step (st);
}

/* Common prologue of memory mutations: role, contact, If-Match on the memory ETag. */
static gboolean
begin_memory_edit (CdDemoRequest *req, gint64 *contact_id)
{
  CdDemoContactState state;
  g_autoptr (JsonNode) memory = NULL;
  g_autofree char *etag = NULL;

  if (!writable_contact (req, &state))
    return FALSE;
  *contact_id = state.id;
  cd_demo_contact_state_clear (&state);
  memory = cd_demo_build_memory (req, *contact_id, &etag);
  return cd_demo_precondition_ok (req, etag);
}

static void
set_memory_text (sqlite3 *db, gint64 contact_id, const char *column, const char *value)
{
  /* @column is one of two literals below, never request data. */
  g_autofree char *sql =
    g_strdup_printf ("UPDATE memories SET %s = ?2 WHERE contact_id = ?1", column);
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (db, sql);

  sqlite3_bind_int64 (st, 1, contact_id);
  if (value != NULL)
    sqlite3_bind_text (st, 2, value, -1, SQLITE_TRANSIENT);
  sqlite3_step (st);
}

static void
handle_put_summary (CdDemoRequest *req)
{
  JsonObject *body = cd_demo_body_object (req);
  JsonObject *errors;
  const char *summary = NULL;
  gint64      id;

  if (!begin_memory_edit (req, &id))
    return;
  errors = json_object_new ();
  if (body == NULL || !json_object_has_member (body, "summary"))
    cd_demo_errors_add (errors, "summary", "is required (null clears it)");
  else
    summary = opt_text (body, "summary", 10000, errors);
  if (cd_demo_reply_if_invalid (req, errors))
    return;
  touch_memory (req->db, id);
  set_memory_text (req->db, id, "summary", summary && *summary ? summary : NULL);
  reply_memory (req, id, SOUP_STATUS_OK, "Summary saved");
}

static char *
validated_open_items (JsonObject *body, JsonObject *errors)
{
  JsonNode  *node = body ? json_object_get_member (body, "items") : NULL;
  JsonArray *items;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      cd_demo_errors_add (errors, "items", "must be a list of {title, due_date}");
      return NULL;
    }
  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode   *item = json_array_get_element (items, i);
      JsonObject *obj = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *title = obj ? opt_text (obj, "title", 500, errors) : NULL;
      const char *due = obj ? opt_text (obj, "due_date", 10, errors) : NULL;
      GDate       date;

      if (title == NULL || *title == '\0')
        cd_demo_errors_add (errors, "items", "every item needs a title");
      g_date_clear (&date, 1);
      if (due != NULL)
        g_date_set_parse (&date, due);
      if (due != NULL && (!g_date_valid (&date) || strlen (due) != 10 || due[4] != '-'))
        cd_demo_errors_add (errors, "items", "due_date must be YYYY-MM-DD");
    }
  return json_object_get_size (errors) ? NULL : json_to_string (node, FALSE);
}

static void
handle_put_open_items (CdDemoRequest *req)
{
  JsonObject      *errors;
  g_autofree char *items = NULL;
  gint64           id;

  if (!begin_memory_edit (req, &id))
    return;
  errors = json_object_new ();
  items = validated_open_items (cd_demo_body_object (req), errors);
  if (cd_demo_reply_if_invalid (req, errors))
    return;
  touch_memory (req->db, id);
  set_memory_text (req->db, id, "open_items", items);
  reply_memory (req, id, SOUP_STATUS_OK, "Open items saved");
}

static gboolean
valid_fact_key (const char *key)
{
  return g_regex_match_simple ("^[a-z0-9_]{1,64}$", key, 0, 0);
}

static void
upsert_user_fact (sqlite3    *db,
                  gint64      contact_id,
                  const char *key,
                  const char *label,
                  const char *value)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    db, "INSERT INTO memory_facts (contact_id, key, label, value, source, ai_value, updated_at, "
        "position)"
        " VALUES (?1, ?2, COALESCE(?3, ?2), ?4, 'user', NULL, ?5,"
        "  (SELECT COALESCE(MAX(position), 0) + 1 FROM memory_facts WHERE contact_id = ?1))"
        " ON CONFLICT (contact_id, key) DO UPDATE SET label = COALESCE(?3, label), value = ?4,"
        "  source = 'user', updated_at = ?5");

  sqlite3_bind_int64 (st, 1, contact_id);
  sqlite3_bind_text (st, 2, key, -1, SQLITE_TRANSIENT);
  if (label != NULL)
    sqlite3_bind_text (st, 3, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 4, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 5, cd_demo_db_now ());
  sqlite3_step (st);
}

static void
handle_put_fact (CdDemoRequest *req)
{
  JsonObject *body = cd_demo_body_object (req);
  JsonObject *errors;
  const char *label = NULL, *value = NULL;
  gint64      id;

  if (!begin_memory_edit (req, &id))
    return;
  errors = json_object_new ();
  if (!valid_fact_key (req->args[1]))
    cd_demo_errors_add (errors, "key", "use 1–64 lowercase letters, digits or _");
  if (body != NULL)
    {
      label = opt_text (body, "label", 200, errors);
      value = opt_text (body, "value", 2000, errors);
    }
  if (value == NULL && !json_object_has_member (errors, "value"))
    cd_demo_errors_add (errors, "value", "is required");
  if (cd_demo_reply_if_invalid (req, errors))
    return;
  touch_memory (req->db, id);
  upsert_user_fact (req->db, id, req->args[1], label, value);
  reply_memory (req, id, SOUP_STATUS_OK, "Fact saved");
}

static void
handle_reset_fact (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db, "UPDATE memory_facts SET value = ai_value, source = 'system', updated_at = ?3"
             " WHERE contact_id = ?1 AND key = ?2 AND ai_value IS NOT NULL");
  gint64 id;

  if (!begin_memory_edit (req, &id))
    return;
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, req->args[1], -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 3, cd_demo_db_now ());
  sqlite3_step (st);
  if (sqlite3_changes (req->db) == 0)
    {
      g_autoptr (sqlite3_stmt) exists = cd_demo_db_prepare (
        req->db, "SELECT 1 FROM memory_facts WHERE contact_id = ?1 AND key = ?2");

      sqlite3_bind_int64 (exists, 1, id);
      sqlite3_bind_text (exists, 2, req->args[1], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (exists) == SQLITE_ROW)
        cd_demo_reply_error (req, SOUP_STATUS_CONFLICT, "CONFLICT",
                             "This fact has no AI value to restore", NULL);
      else
        cd_demo_reply_not_found (req, "Fact");
      return;
    }
  touch_memory (req->db, id);
  reply_memory (req, id, SOUP_STATUS_OK, "Fact reset to the AI value");
}

static void
handle_rebuild (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db, "UPDATE memories SET rebuild_status = 'queued', rebuild_requested_at = ?2,"
             " rebuild_job = rebuild_job + 1, version = version + 1 WHERE contact_id = ?1");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  CdDemoContactState state;
  JsonObject        *errors = json_object_new ();
  JsonObject        *body = cd_demo_body_object (req);

  if (body != NULL)
    opt_int (body, "max_calls", 1, 20, 3, errors);
  if (!writable_contact (req, &state))
    {
      json_object_unref (errors);
      return;
    }
  cd_demo_contact_state_clear (&state);
  if (cd_demo_reply_if_invalid (req, errors))
    return;
  touch_memory (req->db, state.id);
  sqlite3_bind_int64 (st, 1, state.id);
  sqlite3_bind_int64 (st, 2, cd_demo_db_now ());
  sqlite3_step (st);
  cd_demo_server_note_rebuild (req->server, state.id);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "job");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (
    b, state.id * 1000 +
         cd_demo_db_query_int (req->db, "SELECT rebuild_job FROM memories WHERE contact_id = ?1",
                               state.id, 0));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "queued");
  json_builder_end_object (b);
  json_builder_end_object (b);
  cd_demo_reply_data (req, SOUP_STATUS_ACCEPTED, json_builder_get_root (b), "Rebuild queued", NULL);
}

/* ---- rebuild worker (server thread timers) ----------------------------- */

static char *
next_llm_usage (const char *current)
{
  g_autoptr (JsonNode) node = current ? json_from_string (current, NULL) : NULL;
  g_autofree char *total_cost = NULL;
  char             amount[G_ASCII_DTOSTR_BUF_SIZE];
  JsonObject      *usage, *totals;
  gint64           runs, tokens = 0;
  double           cost = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    node = json_from_string (
      "{\"model\":\"gpt-4o-mini\",\"run_count\":0,"
      "\"totals\":{\"cost\":{\"amount\":\"0\",\"currency\":\"USD\"},\"tokens\":0}}",
      NULL);
  usage = json_node_get_object (node);
  runs = json_object_get_int_member_with_default (usage, "run_count", 0) + 1;
  json_object_set_int_member (usage, "run_count", runs);
  json_object_set_member (
    usage, "last_run",
    json_from_string ("{\"cost\":{\"amount\":\"0.0118\",\"currency\":\"USD\"},\"tokens\":1750}",
                      NULL));
  totals = json_object_get_object_member (usage, "totals");
  if (totals != NULL)
    {
      JsonObject *money = json_object_get_object_member (totals, "cost");

      tokens = json_object_get_int_member_with_default (totals, "tokens", 0);
      if (money != NULL)
        cost =
          g_ascii_strtod (json_object_get_string_member_with_default (money, "amount", "0"), NULL);
    }
  /* g_ascii_formatd: a German LC_NUMERIC must not turn the amount into "0,0118" */
  total_cost = g_strdup_printf ("{\"cost\":{\"amount\":\"%s\",\"currency\":\"USD\"},"
                                "\"tokens\":%" G_GINT64_FORMAT "}",
                                g_ascii_formatd (amount, sizeof amount, "%.4f", cost + 0.0118),
                                tokens + 1750);
  json_object_set_member (usage, "totals", json_from_string (total_cost, NULL));
  return json_to_string (node, FALSE);
}

static void
finish_rebuild (sqlite3 *db, gint64 contact_id)
{
  g_autoptr (sqlite3_stmt) read =
    cd_demo_db_prepare (db, "SELECT llm_usage FROM memories WHERE contact_id = ?1");
  g_autoptr (sqlite3_stmt) write = cd_demo_db_prepare (
    db, "UPDATE memories SET llm_usage = ?2, rebuild_status = 'idle' WHERE contact_id = ?1");
  g_autoptr (sqlite3_stmt) fact = cd_demo_db_prepare (
    db, "INSERT INTO memory_facts (contact_id, key, label, value, source, ai_value, updated_at, "
        "position)"
        " VALUES (?1, 'last_rebuild', 'Last rebuild', ?2, 'system', ?2, ?3, 99)"
        " ON CONFLICT (contact_id, key) DO UPDATE SET ai_value = ?2, updated_at = ?3,"
        "  value = CASE source WHEN 'user' THEN value ELSE ?2 END");
  g_autofree char *usage = NULL;
  g_autofree char *when = cd_demo_format_time (cd_demo_db_now ());
  g_autofree char *value = g_strdup_printf ("Re-extracted from the last 3 calls at %s", when);

  sqlite3_bind_int64 (read, 1, contact_id);
  usage = next_llm_usage (
    sqlite3_step (read) == SQLITE_ROW ? (const char *) sqlite3_column_text (read, 0) : NULL);
  sqlite3_bind_int64 (write, 1, contact_id);
  sqlite3_bind_text (write, 2, usage, -1, SQLITE_TRANSIENT);
  sqlite3_step (write);
  sqlite3_bind_int64 (fact, 1, contact_id);
  sqlite3_bind_text (fact, 2, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (fact, 3, cd_demo_db_now ());
  sqlite3_step (fact);
}

void
cd_demo_rebuild_step (sqlite3 *db, gint64 contact_id, guint stage)
{
  g_autoptr (sqlite3_stmt) st = NULL;

  if (stage == 1)
    st = cd_demo_db_prepare (db,
                             "UPDATE memories SET rebuild_status = 'running', version = version + 1"
                             " WHERE contact_id = ?1 AND rebuild_status = 'queued'");
  else if (contact_id == REBUILD_FAILS_FOR)
    st =
      cd_demo_db_prepare (db, "UPDATE memories SET rebuild_status = 'failed', version = version + 1"
                              " WHERE contact_id = ?1 AND rebuild_status = 'running'");
  else
    {
      cd_demo_db_exec (db, "BEGIN IMMEDIATE");
      if (cd_demo_db_query_int (
            db, "SELECT rebuild_status = 'running' FROM memories WHERE contact_id = ?1", contact_id,
            0))
        finish_rebuild (db, contact_id);
      st = cd_demo_db_prepare (db, "UPDATE memories SET version = version + 1, updated_at = ?2"
                                   " WHERE contact_id = ?1");
    }
  sqlite3_bind_int64 (st, 1, contact_id);
  if (sqlite3_bind_parameter_count (st) > 1)
    sqlite3_bind_int64 (st, 2, cd_demo_db_now ());
  sqlite3_step (st);
  if (stage == 2 && contact_id != REBUILD_FAILS_FOR)
    cd_demo_db_exec (db, "COMMIT");
}

const CdDemoRoute cd_demo_memory_routes[] = {
  { "GET", "contacts/:id/follow_ups", handle_list_follow_ups, FALSE },
  { "POST", "contacts/:id/follow_ups", handle_create_follow_up, TRUE },
  { "PATCH", "follow_ups/:id", handle_patch_follow_up, TRUE },
  { "GET", "contacts/:id/memory", handle_get_memory, FALSE },
  { "PUT", "contacts/:id/memory/summary", handle_put_summary, TRUE },
  { "PUT", "contacts/:id/memory/open_items", handle_put_open_items, TRUE },
  { "PUT", "contacts/:id/memory/facts/:key", handle_put_fact, TRUE },
  { "POST", "contacts/:id/memory/facts/:key/reset", handle_reset_fact, TRUE },
  { "POST", "contacts/:id/memory/rebuild", handle_rebuild, TRUE },
  { NULL, NULL, NULL, FALSE },
};
