/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-demo"

#include <stdio.h>

#include "cd-demo-private.h"

/* /me, contacts, lifecycle, DNC, custom fields and the catalog (numbers, agents, campaigns). */

typedef struct
{
  const char *key;
  const char *label;
  const char *type;
  const char *enum_values; /* JSON array of {value,label} or NULL */
  gboolean    signal;
} FieldDef;

static const FieldDef field_defs[] = {
  { "plan_tier", "Plan tier", "enum",
    "[{\"value\":\"bronze\",\"label\":\"Bronze\"},{\"value\":\"silver\",\"label\":\"Silver\"},"
    "{\"value\":\"gold\",\"label\":\"Gold\"}]",
    FALSE },
  { "budget", "Budget (USD)", "number", NULL, FALSE },
  { "renewal_date", "Renewal date", "date", NULL, FALSE },
  { "newsletter", "Newsletter opt-in", "boolean", NULL, FALSE },
  { "notes", "Notes", "text", NULL, FALSE },
  { "last_outcome", "Last call outcome", "enum",
    "[{\"value\":\"interested\",\"label\":\"Interested\"},"
    "{\"value\":\"not_interested\",\"label\":\"Not interested\"},"
    "{\"value\":\"callback_requested\",\"label\":\"Callback requested\"},"
    "{\"value\":\"converted\",\"label\":\"Converted\"}]",
    TRUE },
  { "interest_score", "Interest score", "number", NULL, TRUE },
};

static void
reply_contact (CdDemoRequest *req, gint64 id, guint status, const char *message)
{
  CdDemoContactState state;
  JsonNode          *node = cd_demo_build_contact (req, id);

  if (node == NULL || !cd_demo_contact_state_load (req, id, &state))
    {
      g_clear_pointer (&node, json_node_unref);
      cd_demo_reply_not_found (req, "Contact");
      return;
    }
  g_free (req->etag);
  req->etag = cd_demo_contact_etag (req, &state);
  cd_demo_contact_state_clear (&state);
  cd_demo_reply_data (req, status, node, message, NULL);
}

/* Loads the contact named by the first path argument; replies 404 when absent. */
static gboolean
load_contact (CdDemoRequest *req, CdDemoContactState *state)
{
  gint64 id = 0;

  if (cd_demo_arg_id (req, 0, &id) && cd_demo_contact_state_load (req, id, state))
    return TRUE;
  cd_demo_reply_not_found (req, "Contact");
  return FALSE;
}

static void
handle_me (CdDemoRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, 7);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "Priya S.");
  json_builder_set_member_name (b, "email");
  json_builder_add_string_value (b, "priya@example.com");
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, req->role);
  json_builder_set_member_name (b, "tenants");
  json_builder_add_value (b, json_from_string ("[{\"id\":1,\"name\":\"Northwind Sales\"},"
                                               "{\"id\":2,\"name\":\"Northwind Support\"}]",
                                               NULL));
  json_builder_set_member_name (b, "current_tenant_id");
  json_builder_add_int_value (b, req->tenant_id);
  json_builder_end_object (b);
  cd_demo_reply_data (req, SOUP_STATUS_OK, json_builder_get_root (b), NULL, NULL);
}

#define CONTACT_SEARCH_WHERE                                                                       \
  " WHERE tenant_id = ?1 AND (?2 IS NULL OR first_name LIKE ?2 ESCAPE '\\'"                        \
  " OR last_name LIKE ?2 ESCAPE '\\'"                                                              \
  " OR (COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')) LIKE ?2 ESCAPE '\\'"           \
  " OR phone_e164 LIKE ?2 ESCAPE '\\' OR email LIKE ?2 ESCAPE '\\'"                                \
  " OR company LIKE ?2 ESCAPE '\\' OR CAST(id AS TEXT) = ?3)"

static void
bind_contact_search (CdDemoRequest *req, sqlite3_stmt *st, const char *search)
{
  g_autofree char *like = NULL;

  sqlite3_bind_int64 (st, 1, req->tenant_id);
  if (search == NULL || *search == '\0')
    return;
  like = cd_demo_like_pattern (search);
  sqlite3_bind_text (st, 2, like, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, search, -1, SQLITE_TRANSIENT);
}

static JsonNode *
paging_meta (gint64 total, gint64 page, gint64 per_page)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, total);
  json_builder_set_member_name (b, "page");
  json_builder_add_int_value (b, page);
  json_builder_set_member_name (b, "per_page");
  json_builder_add_int_value (b, per_page);
  json_builder_set_member_name (b, "pages");
  json_builder_add_int_value (b, (total + per_page - 1) / per_page);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
handle_list_contacts (CdDemoRequest *req)
{
  JsonObject *errors = json_object_new ();
  const char *search = cd_demo_query (req, "search");
  g_autoptr (sqlite3_stmt) count = NULL;
  g_autoptr (sqlite3_stmt) st = NULL;
  JsonArray *items = json_array_new ();
  JsonNode  *data = json_node_new (JSON_NODE_ARRAY);
  gint64     page, per_page, total;

  cd_demo_query_int (req, "page", 1, 1, G_MAXINT32, &page, errors);
  cd_demo_query_int (req, "per_page", 25, 1, CD_DEMO_MAX_PAGE, &per_page, errors);
  json_node_take_array (data, items);
  if (cd_demo_reply_if_invalid (req, errors))
    {
      json_node_unref (data);
      return;
    }
  count = cd_demo_db_prepare (req->db, "SELECT COUNT(*) FROM contacts" CONTACT_SEARCH_WHERE);
  bind_contact_search (req, count, search);
  sqlite3_step (count);
  total = sqlite3_column_int64 (count, 0);
  st = cd_demo_db_prepare (req->db, "SELECT id FROM contacts" CONTACT_SEARCH_WHERE
                                    " ORDER BY id LIMIT ?4 OFFSET ?5");
  bind_contact_search (req, st, search);
  sqlite3_bind_int64 (st, 4, per_page);
  sqlite3_bind_int64 (st, 5, (page - 1) * per_page);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      JsonNode *contact = cd_demo_build_contact (req, sqlite3_column_int64 (st, 0));

      if (contact != NULL)
        json_array_add_element (items, contact);
    }
  cd_demo_reply_data (req, SOUP_STATUS_OK, data, NULL, paging_meta (total, page, per_page));
}

static void
handle_get_contact (CdDemoRequest *req)
{
  CdDemoContactState state;
  g_autofree char   *etag = NULL;

  if (!load_contact (req, &state))
    return;
  etag = cd_demo_contact_etag (req, &state);
  if (!cd_demo_not_modified (req, etag))
    reply_contact (req, state.id, SOUP_STATUS_OK, NULL);
  cd_demo_contact_state_clear (&state);
}

/* ---- PATCH validation -------------------------------------------------- */

static const FieldDef *
find_field (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_defs); i++)
    if (g_str_equal (field_defs[i].key, key))
      return &field_defs[i];
  return NULL;
}

static gboolean
is_string_or_null (JsonNode *node)
{
  return JSON_NODE_HOLDS_NULL (node) ||
         (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
}

static gboolean
valid_date (const char *text)
{
  guint y, m, d;
  char  extra;

  return sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &extra) == 3 && strlen (text) == 10 &&
         g_date_valid_dmy (d, m, y);
}

static const char *
custom_value_error (const FieldDef *def, JsonNode *value)
{
  GType type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;

  if (def->signal)
    return "is filled by calls and campaigns and cannot be edited";
  if (JSON_NODE_HOLDS_NULL (value))
    return NULL;
  if (g_str_equal (def->type, "number"))
    return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE ? NULL : "must be a number";
  if (g_str_equal (def->type, "boolean"))
    return type == G_TYPE_BOOLEAN ? NULL : "must be true or false";
  if (type != G_TYPE_STRING)
    return "must be a string";
  if (g_str_equal (def->type, "date"))
    return valid_date (json_node_get_string (value)) ? NULL : "must be a date (YYYY-MM-DD)";
  if (g_str_equal (def->type, "enum"))
    {
      g_autofree char *quoted = g_strdup_printf ("\"value\":\"%s\"", json_node_get_string (value));

      return strstr (def->enum_values, quoted) ? NULL : "is not one of the allowed values";
    }
  return strlen (json_node_get_string (value)) <= 2000 ? NULL : "is too long";
}

static void
validate_custom_fields (JsonNode *node, JsonObject *errors)
{
  g_autoptr (GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      cd_demo_errors_add (errors, "custom_fields", "must be an object");
      return;
    }
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const FieldDef  *def = find_field (l->data);
      g_autofree char *field = g_strdup_printf ("custom_fields.%s", (const char *) l->data);
      const char      *problem =
        def
               ? custom_value_error (def, json_object_get_member (json_node_get_object (node), l->data))
               : "is not a known field";

      if (problem != NULL)
        cd_demo_errors_add (errors, field, problem);
    }
}

static void
validate_tags (JsonNode *node, JsonObject *errors)
{
  JsonArray *tags;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      cd_demo_errors_add (errors, "tags", "must be a list of labels");
      return;
    }
  tags = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonNode *tag = json_array_get_element (tags, i);

      if (!is_string_or_null (tag) || JSON_NODE_HOLDS_NULL (tag) ||
          *json_node_get_string (tag) == '\0' || strlen (json_node_get_string (tag)) > 50)
        {
          cd_demo_errors_add (errors, "tags", "each label must be 1–50 characters");
          return;
        }
    }
}

static const char *
text_field_error (const char *member, const char *value)
{
  if (value == NULL)
    return NULL;
  if (strlen (value) > 200)
    return "is too long";
  if (g_str_equal (member, "phone_e164") && !g_regex_match_simple ("^\\+[0-9]{8,15}$", value, 0, 0))
    return "must be an E.164 number: + followed by 8–15 digits";
  if (g_str_equal (member, "email") &&
      !g_regex_match_simple ("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", value, 0, 0))
    return "must be a valid email address";
  if (g_str_equal (member, "country_code") && !g_regex_match_simple ("^[A-Z]{2}$", value, 0, 0))
    return "must be a two-letter ISO 3166 code";
  if (g_str_equal (member, "timezone"))
    {
      GTimeZone *tz = g_time_zone_new_identifier (value);

      if (tz == NULL)
        return "must be an IANA time zone";
      g_time_zone_unref (tz);
    }
  return NULL;
}

static const char *text_members[] = {
  "first_name", "last_name", "phone_e164", "email", "company", "timezone", "country_code",
};

static void
validate_patch (JsonObject *body, JsonObject *errors)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    {
      JsonNode   *node = json_object_get_member (body, text_members[i]);
      const char *problem;

      if (node == NULL)
        continue;
      if (!is_string_or_null (node))
        problem = "must be a string or null";
      else
        problem = text_field_error (
          text_members[i], JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node));
      if (problem != NULL)
        cd_demo_errors_add (errors, text_members[i], problem);
    }
  if (json_object_has_member (body, "tags"))
    validate_tags (json_object_get_member (body, "tags"), errors);
  if (json_object_has_member (body, "custom_fields"))
    validate_custom_fields (json_object_get_member (body, "custom_fields"), errors);
}

/* ---- PATCH apply ------------------------------------------------------- */

static void
set_column (sqlite3 *db, gint64 id, const char *column, const char *value)
{
  /* @column comes from a fixed allow-list, never from the request. */
  g_autofree char *sql = g_strdup_printf ("UPDATE contacts SET %s = ?1 WHERE id = ?2", column);
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (db, sql);

  if (value != NULL)
    sqlite3_bind_text (st, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, id);
  sqlite3_step (st);
}

static char *
merged_custom_fields (sqlite3 *db, gint64 id, JsonObject *changes)
{
  g_autoptr (sqlite3_stmt) st =
    cd_demo_db_prepare (db, "SELECT custom_fields FROM contacts WHERE id = ?1");
  g_autoptr (JsonNode) current = NULL;
  g_autoptr (GList) members = json_object_get_members (changes);
  JsonObject *obj;

  sqlite3_bind_int64 (st, 1, id);
  if (sqlite3_step (st) == SQLITE_ROW)
    current = json_from_string ((const char *) sqlite3_column_text (st, 0), NULL);
  if (current == NULL || !JSON_NODE_HOLDS_OBJECT (current))
    current = json_from_string ("{}", NULL);
  obj = json_node_get_object (current);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (changes, l->data);

      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (obj, l->data);
      else
        json_object_set_member (obj, l->data, json_node_copy (value));
    }
  return json_to_string (current, FALSE);
}

static void
apply_patch (sqlite3 *db, gint64 id, JsonObject *body)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    {
      JsonNode *node = json_object_get_member (body, text_members[i]);

      if (node != NULL)
        set_column (db, id, text_members[i],
                    JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node));
    }
  if (json_object_has_member (body, "tags"))
    {
      g_autofree char *tags = json_to_string (json_object_get_member (body, "tags"), FALSE);

      set_column (db, id, "tags", tags);
    }
  if (json_object_has_member (body, "custom_fields"))
    {
      g_autofree char *merged =
        merged_custom_fields (db, id, json_object_get_object_member (body, "custom_fields"));

      set_column (db, id, "custom_fields", merged);
    }
  cd_demo_bump_contact (db, id);
}

static void
handle_patch_contact (CdDemoRequest *req)
{
  CdDemoContactState state;
  g_autofree char   *etag = NULL;
  JsonObject        *body = cd_demo_body_object (req);
  JsonObject        *errors;

  if (!cd_demo_require_writer (req) || !load_contact (req, &state))
    return;
  etag = cd_demo_contact_etag (req, &state);
  if (!cd_demo_precondition_ok (req, etag))
    goto out;
  if (g_strcmp0 (state.lifecycle, "deleted") == 0)
    {
      cd_demo_reply_error (req, SOUP_STATUS_CONFLICT, "CONFLICT",
                           "An erased contact cannot be edited", NULL);
      goto out;
    }
  errors = json_object_new ();
  if (body == NULL)
    cd_demo_errors_add (errors, "body", "must be a JSON object with the changed members");
  else
    validate_patch (body, errors);
  if (cd_demo_reply_if_invalid (req, errors))
    goto out;
  apply_patch (req->db, state.id, body);
  reply_contact (req, state.id, SOUP_STATUS_OK, "Contact updated");
out:
  cd_demo_contact_state_clear (&state);
}

/* ---- lifecycle --------------------------------------------------------- */

static void
set_lifecycle (CdDemoRequest *req, const char *from, const char *to, const char *message)
{
  CdDemoContactState state;

  if (!cd_demo_require_writer (req) || !load_contact (req, &state))
    return;
  if (g_strcmp0 (state.lifecycle, from) != 0)
    {
      g_autofree char *why =
        g_strdup_printf ("Only %s contacts can be %s", from,
                         g_str_equal (to, "archived") ? "archived" : "unarchived");

      cd_demo_reply_error (req, SOUP_STATUS_CONFLICT, "CONFLICT", why, NULL);
    }
  else
    {
      set_column (req->db, state.id, "lifecycle_state", to);
      cd_demo_bump_contact (req->db, state.id);
      reply_contact (req, state.id, SOUP_STATUS_OK, message);
    }
  cd_demo_contact_state_clear (&state);
}

static void
handle_archive (CdDemoRequest *req)
{
  set_lifecycle (req, "active", "archived", "Contact archived");
}

static void
handle_unarchive (CdDemoRequest *req)
{
  set_lifecycle (req, "archived", "active", "Contact unarchived");
}

static gboolean
require_admin (CdDemoRequest *req)
{
  if (cd_demo_role_is_admin (req->role))
    return TRUE;
  cd_demo_reply_forbidden (req);
  return FALSE;
}

static void
exec_with_id (sqlite3 *db, const char *sql, gint64 id)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (db, sql);

  sqlite3_bind_int64 (st, 1, id);
  sqlite3_step (st);
}

static void
erase_contact (CdDemoRequest *req, CdDemoContactState *state)
{
  if (state->phone != NULL && state->dnc_entry_id == 0)
    {
      g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
        req->db, "INSERT INTO dnc_entries (tenant_id, phone_e164, reason, contact_id, added_at)"
                 " VALUES (?1, ?2, 'GDPR erasure', ?3, ?4)");

      sqlite3_bind_int64 (st, 1, req->tenant_id);
      sqlite3_bind_text (st, 2, state->phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (st, 3, state->id);
      sqlite3_bind_int64 (st, 4, cd_demo_db_now ());
      sqlite3_step (st);
    }
  else if (state->dnc_entry_id != 0)
    {
      /* Tie the existing entry to the contact: its phone is about to be nulled. */
      g_autoptr (sqlite3_stmt) st =
        cd_demo_db_prepare (req->db, "UPDATE dnc_entries SET contact_id = ?2 WHERE id = ?1");

      sqlite3_bind_int64 (st, 1, state->dnc_entry_id);
      sqlite3_bind_int64 (st, 2, state->id);
      sqlite3_step (st);
    }
  exec_with_id (
    req->db,
    "UPDATE contacts SET first_name = NULL, last_name = NULL, phone_e164 = NULL, email = NULL,"
    " company = NULL, timezone = NULL, country_code = NULL, tags = '[]', custom_fields = '{}',"
    " lifecycle_state = 'deleted' WHERE id = ?1",
    state->id);
  /* History is kept, anonymised: numbers and free text that could identify the person go. */
  exec_with_id (
    req->db,
    "UPDATE voice_sessions SET to_number = CASE direction WHEN 'outbound' THEN NULL ELSE to_number "
    "END,"
    " from_number = CASE direction WHEN 'inbound' THEN NULL ELSE from_number END, summary = NULL"
    " WHERE contact_id = ?1",
    state->id);
  exec_with_id (req->db, "DELETE FROM memory_facts WHERE contact_id = ?1", state->id);
  exec_with_id (req->db,
                "UPDATE memories SET summary = NULL, open_items = '[]', version = version + 1"
                " WHERE contact_id = ?1",
                state->id);
  exec_with_id (req->db, "UPDATE follow_ups SET notes = NULL WHERE contact_id = ?1", state->id);
  cd_demo_bump_contact (req->db, state->id);
}

static void
handle_gdpr_delete (CdDemoRequest *req)
{
  CdDemoContactState state;

  if (!require_admin (req) || !load_contact (req, &state))
    return;
  if (g_strcmp0 (state.lifecycle, "deleted") == 0)
    cd_demo_reply_error (req, SOUP_STATUS_CONFLICT, "CONFLICT", "This contact is already erased",
                         NULL);
  else
    {
      erase_contact (req, &state);
      reply_contact (req, state.id, SOUP_STATUS_OK, "Contact erased");
    }
  cd_demo_contact_state_clear (&state);
}

static void
handle_hard_delete (CdDemoRequest *req)
{
  CdDemoContactState state;
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (!require_admin (req) || !load_contact (req, &state))
    return;
  if (state.call_count > 0 || state.campaign_count > 0)
    {
      g_autofree char *why =
        g_strdup_printf ("This contact has %" G_GINT64_FORMAT " calls in %" G_GINT64_FORMAT
                         " campaigns and cannot be "
                         "deleted permanently; archive or GDPR-erase it instead",
                         state.call_count, state.campaign_count);

      cd_demo_reply_error (req, SOUP_STATUS_CONFLICT, "HAS_HISTORY", why, NULL);
      cd_demo_contact_state_clear (&state);
      return;
    }
  exec_with_id (req->db, "DELETE FROM follow_ups WHERE contact_id = ?1", state.id);
  exec_with_id (req->db, "DELETE FROM memory_facts WHERE contact_id = ?1", state.id);
  exec_with_id (req->db, "DELETE FROM memories WHERE contact_id = ?1", state.id);
  exec_with_id (req->db, "DELETE FROM contacts WHERE id = ?1", state.id);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, state.id);
  json_builder_set_member_name (b, "deleted");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  cd_demo_reply_data (req, SOUP_STATUS_OK, json_builder_get_root (b), "Contact deleted", NULL);
  cd_demo_contact_state_clear (&state);
}

/* ---- export ------------------------------------------------------------ */

#define EXPORT_MAX_SESSIONS 2000

static JsonNode *
export_sessions (CdDemoRequest *req, gint64 id)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db, "SELECT " CD_DEMO_SESSION_COLUMNS CD_DEMO_SESSION_FROM
             " WHERE s.contact_id = ?1 ORDER BY s.started_at DESC, s.id DESC LIMIT ?2");
  JsonArray *items = json_array_new ();
  JsonNode  *node = json_node_new (JSON_NODE_ARRAY);

  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, EXPORT_MAX_SESSIONS);
  while (sqlite3_step (st) == SQLITE_ROW)
    json_array_add_element (items, cd_demo_build_session (req, st, FALSE));
  json_node_take_array (node, items);
  return node;
}

static JsonNode *
export_follow_ups (CdDemoRequest *req, gint64 id)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db, CD_DEMO_FOLLOW_UP_SELECT "WHERE f.contact_id = ?1 ORDER BY f.scheduled_at");
  JsonArray *items = json_array_new ();
  JsonNode  *node = json_node_new (JSON_NODE_ARRAY);

  sqlite3_bind_int64 (st, 1, id);
  while (sqlite3_step (st) == SQLITE_ROW)
    json_array_add_element (items, cd_demo_build_follow_up (st));
  json_node_take_array (node, items);
  return node;
}

static void
handle_data_export (CdDemoRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *now = cd_demo_format_time (cd_demo_db_now ());
  JsonNode        *contact;
  gint64           id = 0;

  if (!cd_demo_arg_id (req, 0, &id) || (contact = cd_demo_build_contact (req, id)) == NULL)
    {
      cd_demo_reply_not_found (req, "Contact");
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "exported_at");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "contact");
  json_builder_add_value (b, contact);
  json_builder_set_member_name (b, "voice_sessions_total");
  json_builder_add_int_value (
    b, cd_demo_db_query_int (req->db, "SELECT COUNT(*) FROM voice_sessions WHERE contact_id = ?1",
                             id, 0));
  json_builder_set_member_name (b, "voice_sessions");
  json_builder_add_value (b, export_sessions (req, id));
  json_builder_set_member_name (b, "follow_ups");
  json_builder_add_value (b, export_follow_ups (req, id));
  json_builder_set_member_name (b, "memory");
  json_builder_add_value (b, cd_demo_build_memory (req, id, NULL));
  json_builder_end_object (b);
  cd_demo_reply_data (req, SOUP_STATUS_OK, json_builder_get_root (b), NULL, NULL);
}

/* ---- definitions and catalog ------------------------------------------ */

static void
handle_custom_fields (CdDemoRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (field_defs); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, field_defs[i].key);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, field_defs[i].label);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, field_defs[i].type);
      cd_demo_add_json_text (b, "enum_values", field_defs[i].enum_values, "null");
      json_builder_set_member_name (b, "required");
      json_builder_add_boolean_value (b, FALSE);
      json_builder_set_member_name (b, "default");
      json_builder_add_null_value (b);
      json_builder_set_member_name (b, "signal");
      json_builder_add_boolean_value (b, field_defs[i].signal);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  cd_demo_reply_data (req, SOUP_STATUS_OK, json_builder_get_root (b), NULL, NULL);
}

static void
handle_phone_numbers (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st =
    cd_demo_db_prepare (req->db, "SELECT id, e164, label, status FROM phone_numbers WHERE ?1 IS "
                                 "NULL OR status = ?1 ORDER BY id");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  const char *status = cd_demo_query (req, "status");

  if (status != NULL)
    sqlite3_bind_text (st, 1, status, -1, SQLITE_TRANSIENT);
  json_builder_begin_array (b);
  while (req->tenant_id == 1 && sqlite3_step (st) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      cd_demo_add_int (b, "id", st, 0);
      cd_demo_add_text (b, "e164", st, 1);
      cd_demo_add_text (b, "label", st, 2);
      cd_demo_add_text (b, "status", st, 3);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  cd_demo_reply_data (req, SOUP_STATUS_OK, json_builder_get_root (b), NULL, NULL);
}

static void
handle_agents (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st =
    cd_demo_db_prepare (req->db, "SELECT id, name, published, variables, status FROM agents"
                                 " WHERE ?1 IS NULL OR status = ?1 ORDER BY id");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  const char *status = cd_demo_query (req, "status");

  if (status != NULL)
    sqlite3_bind_text (st, 1, status, -1, SQLITE_TRANSIENT);
  json_builder_begin_array (b);
  while (req->tenant_id == 1 && sqlite3_step (st) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      cd_demo_add_int (b, "id", st, 0);
      cd_demo_add_text (b, "name", st, 1);
      json_builder_set_member_name (b, "published");
      json_builder_add_boolean_value (b, sqlite3_column_int (st, 2) != 0);
      cd_demo_add_json_text (b, "variables", (const char *) sqlite3_column_text (st, 3), "[]");
      cd_demo_add_text (b, "status", st, 4);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  cd_demo_reply_data (req, SOUP_STATUS_OK, json_builder_get_root (b), NULL, NULL);
}

static void
handle_campaign (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db,
    "SELECT g.id, g.name, g.status, g.agent_id, a.name, g.timezone, g.dashboard_url, g.version"
    " FROM campaigns g LEFT JOIN agents a ON a.id = g.agent_id WHERE g.id = ?1");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *etag = NULL;
  gint64           id = 0;

  if (cd_demo_arg_id (req, 0, &id))
    sqlite3_bind_int64 (st, 1, id);
  if (id == 0 || req->tenant_id != 1 || sqlite3_step (st) != SQLITE_ROW)
    {
      cd_demo_reply_not_found (req, "Campaign");
      return;
    }
  etag = g_strdup_printf ("\"g%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\"", id,
                          (gint64) sqlite3_column_int64 (st, 7));
  if (cd_demo_not_modified (req, etag))
    return;
  json_builder_begin_object (b);
  cd_demo_add_int (b, "id", st, 0);
  cd_demo_add_text (b, "name", st, 1);
  cd_demo_add_text (b, "status", st, 2);
  cd_demo_add_ref (b, "agent", st, 3, 4);
  cd_demo_add_text (b, "timezone", st, 5);
  cd_demo_add_text (b, "dashboard_url", st, 6);
  json_builder_end_object (b);
  cd_demo_reply_data (req, SOUP_STATUS_OK, json_builder_get_root (b), NULL, NULL);
}

/* ---- DNC --------------------------------------------------------------- */

static void
bump_contacts_with_phone (sqlite3 *db, const char *phone, gint64 contact_id)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    db,
    "UPDATE contacts SET version = version + 1, updated_at = ?3 WHERE phone_e164 = ?1 OR id = ?2");

  sqlite3_bind_text (st, 1, phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, contact_id);
  sqlite3_bind_int64 (st, 3, cd_demo_db_now ());
  sqlite3_step (st);
}

static JsonNode *
dnc_entry_node (CdDemoRequest *req, gint64 id, gboolean removed)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db, "SELECT id, phone_e164, reason, added_at FROM dnc_entries WHERE id = ?1");
  g_autoptr (JsonBuilder) b = json_builder_new ();

  sqlite3_bind_int64 (st, 1, id);
  if (sqlite3_step (st) != SQLITE_ROW)
    return NULL;
  json_builder_begin_object (b);
  cd_demo_add_int (b, "id", st, 0);
  cd_demo_add_text (b, "phone_e164", st, 1);
  cd_demo_add_text (b, "reason", st, 2);
  cd_demo_add_time (b, "added_at", st, 3);
  json_builder_set_member_name (b, "removed");
  json_builder_add_boolean_value (b, removed);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char *
optional_reason (JsonObject *body, JsonObject *errors)
{
  JsonNode *node = json_object_get_member (body, "reason");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!is_string_or_null (node) || strlen (json_node_get_string (node)) > 500)
    {
      cd_demo_errors_add (errors, "reason", "must be text of at most 500 characters");
      return NULL;
    }
  return json_node_get_string (node);
}

static void
handle_add_dnc (CdDemoRequest *req)
{
  JsonObject *body = cd_demo_body_object (req);
  JsonObject *errors = json_object_new ();
  JsonNode   *phone = body ? json_object_get_member (body, "phone_e164") : NULL;
  const char *reason = body ? optional_reason (body, errors) : NULL;
  g_autoptr (sqlite3_stmt) st = NULL;

  if (!cd_demo_require_writer (req))
    {
      json_object_unref (errors);
      return;
    }
  if (phone == NULL || !is_string_or_null (phone) || JSON_NODE_HOLDS_NULL (phone) ||
      text_field_error ("phone_e164", json_node_get_string (phone)) != NULL)
    cd_demo_errors_add (errors, "phone_e164", "must be an E.164 number: + followed by 8–15 digits");
  if (cd_demo_reply_if_invalid (req, errors))
    return;
  st = cd_demo_db_prepare (req->db,
                           "SELECT id FROM dnc_entries WHERE phone_e164 = ?1 AND tenant_id = ?2");
  sqlite3_bind_text (st, 1, json_node_get_string (phone), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, req->tenant_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      cd_demo_reply_error (req, SOUP_STATUS_CONFLICT, "ALREADY_LISTED",
                           "This number is already on the Do-Not-Call list", NULL);
      return;
    }
  g_clear_pointer (&st, sqlite3_finalize);
  st =
    cd_demo_db_prepare (req->db, "INSERT INTO dnc_entries (tenant_id, phone_e164, reason, added_at)"
                                 " VALUES (?1, ?2, ?3, ?4)");
  sqlite3_bind_int64 (st, 1, req->tenant_id);
  sqlite3_bind_text (st, 2, json_node_get_string (phone), -1, SQLITE_TRANSIENT);
  if (reason != NULL)
    sqlite3_bind_text (st, 3, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 4, cd_demo_db_now ());
  sqlite3_step (st);
  bump_contacts_with_phone (req->db, json_node_get_string (phone), 0);
  cd_demo_reply_data (req, SOUP_STATUS_CREATED,
                      dnc_entry_node (req, sqlite3_last_insert_rowid (req->db), FALSE),
                      "Added to the Do-Not-Call list", NULL);
}

static void
handle_remove_dnc (CdDemoRequest *req)
{
  g_autoptr (sqlite3_stmt) st = cd_demo_db_prepare (
    req->db, "SELECT d.phone_e164, d.contact_id, c.lifecycle_state FROM dnc_entries d"
             " LEFT JOIN contacts c ON c.id = d.contact_id WHERE d.id = ?1 AND d.tenant_id = ?2");
  JsonObject      *body = cd_demo_body_object (req);
  JsonObject      *errors = json_object_new ();
  const char      *reason = body ? optional_reason (body, errors) : NULL;
  g_autofree char *phone = NULL;
  JsonNode        *entry;
  gint64           id = 0, contact_id;

  if (!cd_demo_require_writer (req))
    {
      json_object_unref (errors);
      return;
    }
  cd_demo_arg_id (req, 0, &id);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, req->tenant_id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      json_object_unref (errors);
      cd_demo_reply_not_found (req, "Do-Not-Call entry");
      return;
    }
  if ((reason == NULL || *reason == '\0') && !json_object_has_member (errors, "reason"))
    cd_demo_errors_add (errors, "reason", "A reason is required to remove a number from the list");
  if (cd_demo_reply_if_invalid (req, errors))
    return;
  if (g_strcmp0 ((const char *) sqlite3_column_text (st, 2), "deleted") == 0)
    {
      cd_demo_reply_error (req, SOUP_STATUS_CONFLICT, "CONFLICT",
                           "Numbers of erased contacts stay on the Do-Not-Call list", NULL);
      return;
    }
  phone = g_strdup ((const char *) sqlite3_column_text (st, 0));
  contact_id = sqlite3_column_int64 (st, 1);
  entry = dnc_entry_node (req, id, TRUE);
  exec_with_id (req->db, "DELETE FROM dnc_entries WHERE id = ?1", id);
  bump_contacts_with_phone (req->db, phone, contact_id);
  cd_demo_reply_data (req, SOUP_STATUS_OK, entry, "Removed from the Do-Not-Call list", NULL);
}

const CdDemoRoute cd_demo_contact_routes[] = {
  { "GET", "me", handle_me, FALSE },
  { "GET", "contacts", handle_list_contacts, FALSE },
  { "GET", "contacts/:id", handle_get_contact, FALSE },
  { "PATCH", "contacts/:id", handle_patch_contact, TRUE },
  { "POST", "contacts/:id/archive", handle_archive, TRUE },
  { "POST", "contacts/:id/unarchive", handle_unarchive, TRUE },
  { "DELETE", "contacts/:id/gdpr_delete", handle_gdpr_delete, TRUE },
  { "DELETE", "contacts/:id/hard_delete", handle_hard_delete, TRUE },
  { "GET", "contacts/:id/data_export", handle_data_export, FALSE },
  { "GET", "custom_fields", handle_custom_fields, FALSE },
  { "POST", "dnc_entries", handle_add_dnc, TRUE },
  { "DELETE", "dnc_entries/:id", handle_remove_dnc, TRUE },
  { "GET", "phone_numbers", handle_phone_numbers, FALSE },
  { "GET", "agents", handle_agents, FALSE },
  { "GET", "bulk_call_campaigns/:id", handle_campaign, FALSE },
  { NULL, NULL, NULL, FALSE },
};
