/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-demo"

#include "cd-demo-private.h"

/* Row → JSON mapping of the demo backend, built with JsonBuilder (no core models). */

char *
cd_demo_format_time (gint64 unix_time)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* A LIKE pattern matching @search anywhere; use with ESCAPE '\\'. */
char *
cd_demo_like_pattern (const char *search)
{
  GString *p = g_string_new ("%");

  for (const char *c = search; *c; c++)
    {
      if (*c == '%' || *c == '_' || *c == '\\')
        g_string_append_c (p, '\\');
      g_string_append_c (p, *c);
    }
  g_string_append_c (p, '%');
  return g_string_free (p, FALSE);
}

gboolean
cd_demo_parse_time (const char *text, gint64 *out)
{
  g_autoptr (GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

void
cd_demo_add_text (JsonBuilder *b, const char *member, sqlite3_stmt *st, int col)
{
  json_builder_set_member_name (b, member);
  if (sqlite3_column_type (st, col) == SQLITE_NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, col));
}

void
cd_demo_add_int (JsonBuilder *b, const char *member, sqlite3_stmt *st, int col)
{
  json_builder_set_member_name (b, member);
  if (sqlite3_column_type (st, col) == SQLITE_NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, sqlite3_column_int64 (st, col));
}

void
cd_demo_add_time (JsonBuilder *b, const char *member, sqlite3_stmt *st, int col)
{
  g_autofree char *text = NULL;

  json_builder_set_member_name (b, member);
  if (sqlite3_column_type (st, col) != SQLITE_NULL)
    text = cd_demo_format_time (sqlite3_column_int64 (st, col));
  if (text != NULL)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

/* Adds stored JSON text as a node; @fallback (JSON) when absent or unparsable. */
void
cd_demo_add_json_text (JsonBuilder *b, const char *member, const char *json, const char *fallback)
{
  JsonNode *node = json ? json_from_string (json, NULL) : NULL;

  if (node == NULL)
    node = json_from_string (fallback, NULL);
  json_builder_set_member_name (b, member);
  json_builder_add_value (b, node);
}

/* {id, name} or null when the id column is NULL. */
void
cd_demo_add_ref (JsonBuilder *b, const char *member, sqlite3_stmt *st, int id_col, int name_col)
{
  json_builder_set_member_name (b, member);
  if (sqlite3_column_type (st, id_col) == SQLITE_NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  cd_demo_add_int (b, "id", st, id_col);
  cd_demo_add_text (b, "name", st, name_col);
  json_builder_end_object (b);
}

static void
add_null (JsonBuilder *b, const char *member)
{
  json_builder_set_member_name (b, member);
  json_builder_add_null_value (b);
}

static void
add_money (JsonBuilder *b, const char *member, const char *amount)
{
  json_builder_set_member_name (b, member);
  if (amount == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "amount");
  json_builder_add_string_value (b, amount);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, "USD");
  json_builder_end_object (b);
}

static gint64
dnc_entry_for (sqlite3 *db, gint64 tenant_id, gint64 contact_id, const char *phone)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    db, "SELECT id FROM dnc_entries WHERE tenant_id = ?1 AND (contact_id = ?2 OR phone_e164 = ?3)"
        " ORDER BY id LIMIT 1");

  sqlite3_bind_int64 (st, 1, tenant_id);
  sqlite3_bind_int64 (st, 2, contact_id);
  if (phone != NULL)
    sqlite3_bind_text (st, 3, phone, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (st) == SQLITE_ROW)
    return sqlite3_column_int64 (st, 0);
  return 0;
}

gboolean
cd_demo_contact_state_load (CdDemoRequest *req, gint64 id, CdDemoContactState *state)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db, "SELECT c.phone_e164, c.lifecycle_state, c.version,"
             " (SELECT COUNT(*) FROM voice_sessions WHERE contact_id = c.id),"
             " (SELECT COUNT(DISTINCT campaign_id) FROM voice_sessions WHERE contact_id = c.id)"
             " FROM contacts c WHERE c.id = ?1 AND c.tenant_id = ?2");

  memset (state, 0, sizeof *state);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, req->tenant_id);
  if (sqlite3_step (st) != SQLITE_ROW)
    return FALSE;
  state->id = id;
  state->phone = g_strdup ((const char *) sqlite3_column_text (st, 0));
  state->lifecycle = g_strdup ((const char *) sqlite3_column_text (st, 1));
  state->version = sqlite3_column_int64 (st, 2);
  state->call_count = sqlite3_column_int64 (st, 3);
  state->campaign_count = sqlite3_column_int64 (st, 4);
  state->dnc_entry_id = dnc_entry_for (req->db, req->tenant_id, id, state->phone);
  return TRUE;
}

void
cd_demo_contact_state_clear (CdDemoContactState *state)
{
  g_clear_pointer (&state->phone, g_free);
  g_clear_pointer (&state->lifecycle, g_free);
}

char *
cd_demo_contact_etag (CdDemoRequest *req, CdDemoContactState *state)
{
  /* Permissions depend on the role, so the role is part of the representation. */
  return g_strdup_printf ("\"c%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "-%s\"", state->id,
                          state->version, req->role);
}

gboolean
cd_demo_can_call (CdDemoRequest *req, CdDemoContactState *state, const char **reason)
{
  const char *why = NULL;

  if (g_strcmp0 (state->lifecycle, "deleted") == 0)
    why = "This contact was erased and cannot be called";
  else if (g_strcmp0 (state->lifecycle, "archived") == 0)
    why = "This contact is archived; unarchive it before calling";
  else if (state->dnc_entry_id != 0)
    why = "This contact is on the Do-Not-Call list";
  else if (state->phone == NULL)
    why = "This contact has no phone number";
  if (reason != NULL)
    *reason = why;
  return why == NULL;
}

static void
add_bool (JsonBuilder *b, const char *member, gboolean value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_boolean_value (b, value);
}

static void
add_permissions (JsonBuilder *b, CdDemoRequest *req, CdDemoContactState *st)
{
  gboolean write = cd_demo_role_can_write (req->role);
  gboolean admin = cd_demo_role_is_admin (req->role);
  gboolean deleted = g_strcmp0 (st->lifecycle, "deleted") == 0;
  gboolean history = st->call_count > 0 || st->campaign_count > 0;

  json_builder_set_member_name (b, "permissions");
  json_builder_begin_object (b);
  add_bool (b, "can_edit", write && !deleted);
  add_bool (b, "can_call", write && cd_demo_can_call (req, st, NULL));
  add_bool (b, "can_manage_dnc", write && !deleted && st->phone != NULL);
  add_bool (b, "can_archive", write && g_strcmp0 (st->lifecycle, "active") == 0);
  add_bool (b, "can_unarchive", write && g_strcmp0 (st->lifecycle, "archived") == 0);
  add_bool (b, "can_gdpr_erase", admin && !deleted);
  add_bool (b, "can_hard_delete", admin && !history);
  json_builder_end_object (b);
}

static void
add_dnc (JsonBuilder *b, CdDemoRequest *req, gint64 entry_id)
{
  g_autoptr (sqlite3_stmt) st =
    cd_demo_db_prepare (req->db, "SELECT id, reason, added_at FROM dnc_entries WHERE id = ?1");

  sqlite3_bind_int64 (st, 1, entry_id);
  json_builder_set_member_name (b, "dnc");
  json_builder_begin_object (b);
  if (entry_id != 0 && sqlite3_step (st) == SQLITE_ROW)
    {
      add_bool (b, "listed", TRUE);
      cd_demo_add_int (b, "entry_id", st, 0);
      cd_demo_add_text (b, "reason", st, 1);
      cd_demo_add_time (b, "added_at", st, 2);
    }
  else
    {
      add_bool (b, "listed", FALSE);
      add_null (b, "entry_id");
      add_null (b, "reason");
      add_null (b, "added_at");
    }
  json_builder_end_object (b);
}

static void
add_stats (JsonBuilder *b, CdDemoRequest *req, gint64 id)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db, "SELECT COUNT(*), COUNT(DISTINCT campaign_id), MAX(COALESCE(ended_at, started_at)),"
             " MAX(started_at), COALESCE(SUM(talk_time_seconds), 0)"
             " FROM voice_sessions WHERE contact_id = ?1");

  sqlite3_bind_int64 (st, 1, id);
  sqlite3_step (st);
  json_builder_set_member_name (b, "stats");
  json_builder_begin_object (b);
  cd_demo_add_int (b, "call_count", st, 0);
  cd_demo_add_int (b, "campaign_count", st, 1);
  cd_demo_add_time (b, "last_interaction_at", st, 2);
  cd_demo_add_time (b, "last_call_at", st, 3);
  cd_demo_add_int (b, "talk_time_seconds", st, 4);
  json_builder_end_object (b);
}

static void
add_contact_members (JsonBuilder *b, sqlite3_stmt *st)
{
  cd_demo_add_int (b, "id", st, 0);
  cd_demo_add_text (b, "first_name", st, 1);
  cd_demo_add_text (b, "last_name", st, 2);
  cd_demo_add_text (b, "phone_e164", st, 3);
  cd_demo_add_text (b, "email", st, 4);
  cd_demo_add_text (b, "company", st, 5);
  cd_demo_add_text (b, "timezone", st, 6);
  cd_demo_add_text (b, "country_code", st, 7);
  cd_demo_add_json_text (b, "tags", (const char *) sqlite3_column_text (st, 8), "[]");
  cd_demo_add_json_text (b, "custom_fields", (const char *) sqlite3_column_text (st, 9), "{}");
  cd_demo_add_text (b, "lifecycle_state", st, 10);
  json_builder_set_member_name (b, "recent_campaign");
  if (sqlite3_column_type (st, 11) == SQLITE_NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_object (b);
      cd_demo_add_int (b, "id", st, 11);
      cd_demo_add_text (b, "name", st, 12);
      cd_demo_add_text (b, "status", st, 13);
      json_builder_end_object (b);
    }
  cd_demo_add_ref (b, "created_by", st, 14, 15);
  cd_demo_add_time (b, "created_at", st, 16);
  cd_demo_add_time (b, "updated_at", st, 17);
}

/* The full contact object, or NULL when it does not exist in the request's tenant. */
JsonNode *
cd_demo_build_contact (CdDemoRequest *req, gint64 id)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db,
    "SELECT c.id, c.first_name, c.last_name, c.phone_e164, c.email, c.company, c.timezone,"
    " c.country_code, c.tags, c.custom_fields, c.lifecycle_state, c.recent_campaign_id, g.name,"
    " g.status, c.created_by_id, c.created_by_name, c.created_at, c.updated_at"
    " FROM contacts c LEFT JOIN campaigns g ON g.id = c.recent_campaign_id"
    " WHERE c.id = ?1 AND c.tenant_id = ?2");
  CdDemoContactState state;

  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, req->tenant_id);
  if (sqlite3_step (st) != SQLITE_ROW || !cd_demo_contact_state_load (req, id, &state))
    return NULL;
  json_builder_begin_object (b);
  add_contact_members (b, st);
  add_dnc (b, req, state.dnc_entry_id);
  add_permissions (b, req, &state);
  add_stats (b, req, id);
  json_builder_end_object (b);
  cd_demo_contact_state_clear (&state);
  return json_builder_get_root (b);
}

void
cd_demo_bump_contact (sqlite3 *db, gint64 id)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    db, "UPDATE contacts SET version = version + 1, updated_at = ?2 WHERE id = ?1");

  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, cd_demo_db_now ());
  sqlite3_step (st);
}

static void
add_session_members (JsonBuilder *b, sqlite3_stmt *st)
{
  cd_demo_add_int (b, "id", st, 0);
  cd_demo_add_int (b, "contact_id", st, 1);
  cd_demo_add_text (b, "direction", st, 2);
  cd_demo_add_text (b, "status", st, 3);
  cd_demo_add_time (b, "started_at", st, 4);
  cd_demo_add_time (b, "ended_at", st, 5);
  cd_demo_add_int (b, "duration_seconds", st, 6);
  cd_demo_add_int (b, "talk_time_seconds", st, 7);
  cd_demo_add_ref (b, "agent", st, 8, 9);
  cd_demo_add_ref (b, "campaign", st, 10, 11);
  cd_demo_add_text (b, "campaign_outcome", st, 12);
  cd_demo_add_text (b, "from_number", st, 13);
  cd_demo_add_text (b, "to_number", st, 14);
  cd_demo_add_text (b, "summary", st, 15);
  add_bool (b, "has_recording", sqlite3_column_int (st, 16) != 0);
  add_money (b, "cost", (const char *) sqlite3_column_text (st, 17));
  cd_demo_add_text (b, "sentiment", st, 18);
  cd_demo_add_text (b, "end_reason", st, 19);
}

static void
add_transcript (JsonBuilder *b, sqlite3_stmt *st)
{
  const char *summary = (const char *) sqlite3_column_text (st, 15);
  const char *speakers[] = { "system", "agent", "user", "agent", "tool", "user", "agent" };
  const char *texts[] = {
    "Call connected.",
    "Hello, this is Riya calling from Northwind. Is now a good time?",
    "Yes, I have a few minutes.",
    "Great. I'm calling about your plan renewal.",
    "crm.lookup_contact → ok",
    "Could you send me the details by email?",
    summary ? summary : "Thank you, goodbye.",
  };

  json_builder_set_member_name (b, "transcript");
  json_builder_begin_array (b);
  for (guint i = 0; summary != NULL && i < G_N_ELEMENTS (texts); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "speaker");
      json_builder_add_string_value (b, speakers[i]);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, texts[i]);
      json_builder_set_member_name (b, "offset_ms");
      json_builder_add_int_value (b, i * 4200);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_analysis (JsonBuilder *b, sqlite3_stmt *st)
{
  gboolean completed = g_strcmp0 ((const char *) sqlite3_column_text (st, 3), "completed") == 0;

  json_builder_set_member_name (b, "extracted_data");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "callback_requested");
  json_builder_add_boolean_value (b, completed && sqlite3_column_int64 (st, 0) % 2 == 0);
  cd_demo_add_text (b, "outcome", st, 12);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "analysis");
  json_builder_begin_object (b);
  cd_demo_add_text (b, "summary", st, 15);
  add_bool (b, "success", completed);
  cd_demo_add_text (b, "disposition", st, completed ? 12 : 3);
  json_builder_set_member_name (b, "task_status");
  json_builder_add_string_value (b, completed ? "done" : "not_reached");
  if (completed)
    add_null (b, "failure");
  else
    cd_demo_add_text (b, "failure", st, 19);
  json_builder_end_object (b);
}

static void
add_cost_and_webhooks (JsonBuilder *b, sqlite3_stmt *st)
{
  const char *items[] = { "telephony", "speech", "llm" };
  const char *amounts[] = { "0.0015", "0.0004", "0.0002" };

  json_builder_set_member_name (b, "cost_breakdown");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "item");
      json_builder_add_string_value (b, items[i]);
      add_money (b, "amount", amounts[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "webhooks");
  json_builder_begin_array (b);
  if (sqlite3_column_type (st, 5) != SQLITE_NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "event");
      json_builder_add_string_value (b, "call.ended");
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, "https://hooks.example.com/callaro");
      json_builder_set_member_name (b, "status_code");
      json_builder_add_int_value (b, 200);
      cd_demo_add_time (b, "delivered_at", st, 5);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* @st is positioned on a row selected with CD_DEMO_SESSION_COLUMNS. */
JsonNode *
cd_demo_build_session (CdDemoRequest *req, sqlite3_stmt *st, gboolean detail)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_session_members (b, st);
  if (detail)
    {
      add_transcript (b, st);
      add_analysis (b, st);
      add_cost_and_webhooks (b, st);
      cd_demo_add_int (b, "follow_up_id", st, 20);
      json_builder_set_member_name (b, "raw");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "provider");
      json_builder_add_string_value (b, "demo");
      cd_demo_add_int (b, "provider_session_id", st, 0);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* @st is positioned on a row selected with CD_DEMO_FOLLOW_UP_SELECT. */
JsonNode *
cd_demo_build_follow_up (sqlite3_stmt *st)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  cd_demo_add_int (b, "id", st, 0);
  cd_demo_add_int (b, "contact_id", st, 1);
  cd_demo_add_text (b, "status", st, 2);
  cd_demo_add_text (b, "type", st, 3);
  cd_demo_add_time (b, "scheduled_at", st, 4);
  cd_demo_add_ref (b, "agent", st, 5, 6);
  cd_demo_add_ref (b, "campaign", st, 7, 8);
  cd_demo_add_int (b, "attempts", st, 9);
  cd_demo_add_int (b, "max_attempts", st, 10);
  cd_demo_add_text (b, "priority", st, 11);
  add_bool (b, "allow_out_of_window", sqlite3_column_int (st, 12) != 0);
  cd_demo_add_text (b, "source", st, 13);
  cd_demo_add_text (b, "notes", st, 14);
  cd_demo_add_text (b, "closed_reason", st, 15);
  cd_demo_add_time (b, "created_at", st, 16);
  cd_demo_add_time (b, "updated_at", st, 17);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_facts (JsonBuilder *b, CdDemoRequest *req, gint64 contact_id)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db, "SELECT key, label, value, source, ai_value, updated_at FROM memory_facts"
             " WHERE contact_id = ?1 ORDER BY position, key");

  sqlite3_bind_int64 (st, 1, contact_id);
  json_builder_set_member_name (b, "facts");
  json_builder_begin_array (b);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      cd_demo_add_text (b, "key", st, 0);
      cd_demo_add_text (b, "label", st, 1);
      cd_demo_add_text (b, "value", st, 2);
      cd_demo_add_text (b, "source", st, 3);
      cd_demo_add_text (b, "ai_value", st, 4);
      cd_demo_add_time (b, "updated_at", st, 5);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_interactions (JsonBuilder *b, CdDemoRequest *req, gint64 contact_id, gboolean any)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db, "SELECT ended_at, direction, status, duration_seconds, id, summary FROM voice_sessions"
             " WHERE contact_id = ?1 AND ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT 5");

  sqlite3_bind_int64 (st, 1, contact_id);
  json_builder_set_member_name (b, "interactions");
  json_builder_begin_array (b);
  while (any && sqlite3_step (st) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      cd_demo_add_time (b, "ended_at", st, 0);
      cd_demo_add_text (b, "direction", st, 1);
      cd_demo_add_text (b, "result", st, 2);
      cd_demo_add_int (b, "duration_seconds", st, 3);
      cd_demo_add_int (b, "voice_session_id", st, 4);
      cd_demo_add_text (b, "summary", st, 5);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_memory_row (JsonBuilder *b, sqlite3_stmt *st, gboolean found)
{
  if (found)
    cd_demo_add_text (b, "summary", st, 0);
  else
    add_null (b, "summary");
  cd_demo_add_json_text (b, "open_items", found ? (const char *) sqlite3_column_text (st, 1) : NULL,
                         "[]");
  cd_demo_add_json_text (b, "llm_usage", found ? (const char *) sqlite3_column_text (st, 2) : NULL,
                         "null");
  json_builder_set_member_name (b, "rebuild");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, found ? (const char *) sqlite3_column_text (st, 3) : "idle");
  if (found)
    cd_demo_add_time (b, "requested_at", st, 4);
  else
    add_null (b, "requested_at");
  json_builder_end_object (b);
  if (found)
    cd_demo_add_time (b, "updated_at", st, 5);
  else
    add_null (b, "updated_at");
}

/* Memory of a contact known to exist; an absent row is the empty memory. */
JsonNode *
cd_demo_build_memory (CdDemoRequest *req, gint64 contact_id, char **etag)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db,
    "SELECT summary, open_items, llm_usage, rebuild_status, rebuild_requested_at, updated_at,"
    " version FROM memories WHERE contact_id = ?1");
  gboolean found;

  sqlite3_bind_int64 (st, 1, contact_id);
  found = sqlite3_step (st) == SQLITE_ROW;
  json_builder_begin_object (b);
  add_memory_row (b, st, found);
  add_facts (b, req, contact_id);
  add_interactions (b, req, contact_id, found);
  json_builder_end_object (b);
  if (etag != NULL)
    *etag = g_strdup_printf ("\"m%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\"", contact_id,
                             found ? (gint64) sqlite3_column_int64 (st, 6) : 0);
  return json_builder_get_root (b);
}
