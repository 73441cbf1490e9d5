/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-outbox"

#include <string.h>

#include "cd-json.h"
#include "cd-outbox-private.h"
#include "cd-statement.h"

/*
 * The worker side of the outbox: the `outbox` table and the optimistic copy of
 * each queued edit in the cached documents.  Runs on the repository's worker
 * thread only.  Logs carry ids, never bodies.
 */

static const char * const state_names[] = { "pending", "pending", "conflict", "failed" };

static CdOutboxState
state_from_string (const char *text)
{
  if (g_strcmp0 (text, "conflict") == 0)
    return CD_OUTBOX_CONFLICT;
  if (g_strcmp0 (text, "failed") == 0)
    return CD_OUTBOX_FAILED;
  return CD_OUTBOX_PENDING;
}

static gboolean
bind_text_or_null (CdStatement  *stmt,
                   int           column,
                   const char   *text,
                   GError      **error)
{
  if (text == NULL)
    return cd_statement_bind_null (stmt, column, error);
  return cd_statement_bind_text (stmt, column, text, error);
}

gboolean
cd_cache_outbox_insert (CdCache      *cache,
                        CdOutboxRow  *row,
                        GError      **error)
{
  CdDatabase *db = cd_cache_get_database (cache);
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (db,
                              "INSERT INTO outbox (contact_id, kind, target_id, method, path, body,"
                              " if_match, idempotency_key, created_at, state)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'pending')", error);
  if (stmt == NULL ||
      !cd_statement_bind_int64 (stmt, 0, row->contact_id, error) ||
      !cd_statement_bind_text (stmt, 1, cd_outbox_kind_to_string (row->kind), error) ||
      !cd_statement_bind_int64 (stmt, 2, row->target_id, error) ||
      !cd_statement_bind_text (stmt, 3, row->method, error) ||
      !cd_statement_bind_text (stmt, 4, row->path, error) ||
      !bind_text_or_null (stmt, 5, row->body, error) ||
      !bind_text_or_null (stmt, 6, row->if_match, error) ||
      !cd_statement_bind_text (stmt, 7, row->idempotency_key, error) ||
      !cd_statement_bind_int64 (stmt, 8, row->created_at, error) ||
      !cd_statement_run (stmt, error))
    return FALSE;
  row->seq = cd_database_last_insert_id (db);
  row->state = CD_OUTBOX_PENDING;
  return TRUE;
}

static char *
dup_column (CdStatement *stmt,
            int          column)
{
  return cd_statement_is_null (stmt, column) ? NULL : g_strdup (cd_statement_get_text (stmt, column));
}

/* NULL for a row this version cannot replay (unknown kind); it stays in the table. */
static CdOutboxRow *
read_row (CdStatement *stmt)
{
  CdOutboxRow *row = g_new0 (CdOutboxRow, 1);

  if (!cd_outbox_kind_from_string (cd_statement_get_text (stmt, 2), &row->kind))
    {
      g_debug ("Skipping outbox entry %" G_GINT64_FORMAT " of unknown kind",
               cd_statement_get_int64 (stmt, 0));
      g_free (row);
      return NULL;
    }
  row->seq = cd_statement_get_int64 (stmt, 0);
  row->contact_id = cd_statement_get_int64 (stmt, 1);
  row->target_id = cd_statement_get_int64 (stmt, 3);
  row->method = dup_column (stmt, 4);
  row->path = dup_column (stmt, 5);
  row->body = dup_column (stmt, 6);
  row->if_match = dup_column (stmt, 7);
  row->idempotency_key = dup_column (stmt, 8);
  row->created_at = cd_statement_get_int64 (stmt, 9);
  row->state = state_from_string (cd_statement_get_text (stmt, 10));
  row->error = dup_column (stmt, 11);
  row->theirs_json = dup_column (stmt, 12);
  row->theirs_etag = dup_column (stmt, 13);
  return row;
}

GPtrArray *
cd_cache_outbox_list (CdCache  *cache,
                      GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_outbox_row_free);
  GError *local = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "SELECT seq, contact_id, kind, target_id, method, path, body, if_match,"
                              " idempotency_key, created_at, state, error, theirs_json, theirs_etag"
                              " FROM outbox ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  while (cd_statement_step (stmt, &local))
    {
      CdOutboxRow *row = read_row (stmt);

      if (row != NULL && row->method != NULL && row->path != NULL && row->idempotency_key != NULL)
        g_ptr_array_add (rows, row);
      else
        cd_outbox_row_free (row);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
cd_cache_outbox_delete (CdCache  *cache,
                        gint64    seq,
                        GError  **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache), "DELETE FROM outbox WHERE seq = ?", error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, seq, error) &&
         cd_statement_run (stmt, error);
}

gboolean
cd_cache_outbox_update (CdCache            *cache,
                        const CdOutboxRow  *row,
                        GError            **error)
{
  g_autoptr(CdStatement) stmt = NULL;

  stmt = cd_database_prepare (cd_cache_get_database (cache),
                              "UPDATE outbox SET state = ?2, error = ?3, theirs_json = ?4,"
                              " theirs_etag = ?5, if_match = ?6, body = ?7, path = ?8, target_id = ?9,"
                              " idempotency_key = ?10 WHERE seq = ?1", error);
  return stmt != NULL &&
         cd_statement_bind_int64 (stmt, 0, row->seq, error) &&
         cd_statement_bind_text (stmt, 1, state_names[row->state], error) &&
         bind_text_or_null (stmt, 2, row->error, error) &&
         bind_text_or_null (stmt, 3, row->theirs_json, error) &&
         bind_text_or_null (stmt, 4, row->theirs_etag, error) &&
         bind_text_or_null (stmt, 5, row->if_match, error) &&
         bind_text_or_null (stmt, 6, row->body, error) &&
         cd_statement_bind_text (stmt, 7, row->path, error) &&
         cd_statement_bind_int64 (stmt, 8, row->target_id, error) &&
         cd_statement_bind_text (stmt, 9, row->idempotency_key, error) &&
         cd_statement_run (stmt, error);
}

/* --- the optimistic copy ------------------------------------------------- */

static char *
now_rfc3339 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static JsonObject *
body_object (const CdOutboxRow *row)
{
  g_autoptr(JsonNode) node = row->body ? cd_json_parse (row->body, -1, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();
  return json_object_ref (json_node_get_object (node));
}

/* The cached document as an object/array node, or @fallback when missing or unreadable. */
static JsonNode *
parse_cached (const CdCacheEntry *entry,
              JsonNodeType        type)
{
  g_autoptr(JsonNode) node = entry ? cd_json_parse (entry->json, -1, NULL) : NULL;

  if (node != NULL && JSON_NODE_TYPE (node) == type)
    return g_steal_pointer (&node);
  /* A document of the other shape is replaced, not leaked. */
  g_clear_pointer (&node, json_node_unref);
  node = json_node_new (type);
  if (type == JSON_NODE_OBJECT)
    json_node_take_object (node, json_object_new ());
  else
    json_node_take_array (node, json_array_new ());
  return g_steal_pointer (&node);
}

/* Members of @changes replace the contact's; custom_fields merge key by key. */
static void
merge_contact (JsonObject *contact,
               JsonObject *changes)
{
  g_autoptr(GList) members = json_object_get_members (changes);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (changes, l->data);
      JsonNode *old = json_object_get_member (contact, l->data);

      if (g_str_equal (l->data, "custom_fields") && JSON_NODE_HOLDS_OBJECT (value) &&
          old != NULL && JSON_NODE_HOLDS_OBJECT (old))
        {
          merge_contact (json_node_get_object (old), json_node_get_object (value));
          continue;
        }
      json_object_set_member (contact, l->data, json_node_copy (value));
    }
}

static void
apply_dnc (JsonObject *contact,
           JsonObject *body)
{
  JsonObject *dnc = json_object_new ();
  g_autofree char *now = now_rfc3339 ();
  JsonNode *reason = json_object_get_member (body, "reason");

  json_object_set_boolean_member (dnc, "listed", TRUE);
  json_object_set_null_member (dnc, "entry_id");
  if (reason != NULL && JSON_NODE_HOLDS_VALUE (reason))
    json_object_set_member (dnc, "reason", json_node_copy (reason));
  else
    json_object_set_null_member (dnc, "reason");
  json_object_set_string_member (dnc, "added_at", now);
  json_object_set_object_member (contact, "dnc", dnc);
}

/* The fact with @key, appended (user-set, no AI value) when missing. */
static JsonObject *
find_fact (JsonObject *memory,
           const char *key,
           gboolean    create)
{
  JsonNode *facts = json_object_get_member (memory, "facts");
  JsonArray *array;
  JsonObject *fact;

  if (facts == NULL || !JSON_NODE_HOLDS_ARRAY (facts))
    json_object_set_array_member (memory, "facts", json_array_new ());
  array = json_object_get_array_member (memory, "facts");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *candidate = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (candidate != NULL && json_object_has_member (candidate, "key") &&
          g_strcmp0 (json_object_get_string_member_with_default (candidate, "key", NULL), key) == 0)
        return candidate;
    }
  if (!create)
    return NULL;
  fact = json_object_new ();
  json_object_set_string_member (fact, "key", key);
  json_object_set_string_member (fact, "label", key);
  json_object_set_null_member (fact, "ai_value");
  json_array_add_object_element (array, fact);
  return fact;
}

static char *
fact_key (const CdOutboxRow *row,
          guint              from_end)
{
  g_auto(GStrv) parts = g_strsplit (row->path, "/", -1);
  guint n = g_strv_length (parts);

  return n > from_end ? g_uri_unescape_string (parts[n - 1 - from_end], NULL) : NULL;
}

static void
apply_fact (JsonObject        *memory,
            const CdOutboxRow *row,
            JsonObject        *body)
{
  g_autofree char *key = fact_key (row, row->kind == CD_OUTBOX_MEMORY_FACT ? 0 : 1);
  g_autofree char *now = now_rfc3339 ();
  JsonObject *fact;

  if (key == NULL)
    return;
  fact = find_fact (memory, key, row->kind == CD_OUTBOX_MEMORY_FACT);
  if (fact == NULL)
    return;
  if (row->kind == CD_OUTBOX_MEMORY_FACT)
    {
      if (json_object_has_member (body, "label"))
        json_object_set_member (fact, "label", json_node_copy (json_object_get_member (body, "label")));
      if (json_object_has_member (body, "value"))
        json_object_set_member (fact, "value", json_node_copy (json_object_get_member (body, "value")));
      json_object_set_string_member (fact, "source", "user");
    }
  else
    {
      JsonNode *ai = json_object_get_member (fact, "ai_value");

      json_object_set_member (fact, "value", ai ? json_node_copy (ai) : json_node_new (JSON_NODE_NULL));
      json_object_set_string_member (fact, "source", "system");
    }
  json_object_set_string_member (fact, "updated_at", now);
}

static void
apply_memory (JsonObject        *memory,
              const CdOutboxRow *row,
              JsonObject        *body)
{
  JsonNode *value;

  switch (row->kind)
    {
    case CD_OUTBOX_MEMORY_SUMMARY:
      value = json_object_get_member (body, "summary");
      json_object_set_member (memory, "summary", value ? json_node_copy (value)
                                                      : json_node_new (JSON_NODE_NULL));
      break;
    case CD_OUTBOX_MEMORY_OPEN_ITEMS:
      value = json_object_get_member (body, "items");
      if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
        json_object_set_member (memory, "open_items", json_node_copy (value));
      break;
    default:
      apply_fact (memory, row, body);
      break;
    }
}

/* A schedule shown before the server knows it: id -seq, status "scheduled". */
static JsonObject *
local_follow_up (const CdOutboxRow *row,
                 JsonObject        *body)
{
  JsonObject *item = json_object_new ();
  g_autofree char *now = now_rfc3339 ();
  g_autoptr(GList) members = json_object_get_members (body);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (item, l->data, json_node_copy (json_object_get_member (body, l->data)));
  json_object_set_int_member (item, "id", -row->seq);
  json_object_set_int_member (item, "contact_id", row->contact_id);
  json_object_set_string_member (item, "status", "scheduled");
  if (!json_object_has_member (item, "type"))
    json_object_set_string_member (item, "type", "call");
  json_object_set_int_member (item, "attempts", 0);
  json_object_set_string_member (item, "source", "manual");
  json_object_set_string_member (item, "created_at", now);
  json_object_set_string_member (item, "updated_at", now);
  return item;
}

/* Cancel, reschedule, snooze: the body's members replace the item's. */
static JsonObject *
update_follow_up (JsonArray         *list,
                  const CdOutboxRow *row,
                  JsonObject        *body)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (item != NULL && json_object_get_int_member_with_default (item, "id", 0) == row->target_id)
        {
          merge_contact (item, body);
          return json_object_ref (item);
        }
    }
  /* Not cached: what the finish function returns is the change alone. */
  {
    JsonObject *item = json_object_new ();

    merge_contact (item, body);
    json_object_set_int_member (item, "id", row->target_id);
    json_object_set_int_member (item, "contact_id", row->contact_id);
    return item;
  }
}

/* Takes the reference the callers hold on @object (set_object would add one). */
static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static CdCacheEntry *
get_cached (CdCache           *cache,
            const CdOutboxRow *row)
{
  g_autoptr(GError) error = NULL;
  CdCacheEntry *entry;

  if (row->kind == CD_OUTBOX_CONTACT_UPDATE || row->kind == CD_OUTBOX_DNC_ADD)
    entry = cd_cache_get_contact (cache, row->contact_id, &error);
  else
    entry = cd_cache_get_doc (cache, cd_outbox_kind_is_memory (row->kind) ? CD_CACHE_DOC_MEMORY
                                                                         : CD_CACHE_DOC_FOLLOW_UPS,
                              row->contact_id, &error);
  if (error != NULL)
    g_debug ("Cached copy for outbox entry of contact %" G_GINT64_FORMAT " unreadable (code %d)",
             row->contact_id, error->code);
  return entry;
}

static void
put_cached (CdCache            *cache,
            const CdOutboxRow  *row,
            const CdCacheEntry *entry,
            JsonNode           *doc)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = json_to_string (doc, FALSE);
  const char *etag = entry ? entry->etag : NULL;
  gint64 fetched_at = entry && entry->fetched_at > 0 ? entry->fetched_at
                                                     : g_get_real_time () / G_USEC_PER_SEC;

  if (row->kind == CD_OUTBOX_CONTACT_UPDATE || row->kind == CD_OUTBOX_DNC_ADD)
    cd_cache_put_contact (cache, row->contact_id, json, etag, fetched_at, 0, &error);
  else
    cd_cache_put_doc (cache, cd_outbox_kind_is_memory (row->kind) ? CD_CACHE_DOC_MEMORY
                                                                 : CD_CACHE_DOC_FOLLOW_UPS,
                      row->contact_id, json, etag, entry ? entry->total : -1, fetched_at, &error);
  if (error != NULL)
    g_debug ("Optimistic copy of outbox entry %" G_GINT64_FORMAT " not cached (code %d)",
             row->seq, error->code);
}

/* Applies @row to @doc; returns what the mutation's finish function gets. */
static JsonNode *
apply_row (const CdOutboxRow *row,
           JsonNode          *doc)
{
  g_autoptr(JsonObject) body = body_object (row);
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (doc) ? json_node_get_object (doc) : NULL;

  switch (row->kind)
    {
    case CD_OUTBOX_CONTACT_UPDATE:
    case CD_OUTBOX_DNC_ADD:
      if (!json_object_has_member (object, "id"))
        json_object_set_int_member (object, "id", row->contact_id);
      if (row->kind == CD_OUTBOX_DNC_ADD)
        apply_dnc (object, body);
      else
        merge_contact (object, body);
      return json_node_copy (doc);
    case CD_OUTBOX_FOLLOW_UP_SCHEDULE:
      {
        JsonObject *item = local_follow_up (row, body);

        json_array_add_object_element (json_node_get_array (doc), json_object_ref (item));
        return object_node (item);
      }
    case CD_OUTBOX_FOLLOW_UP_UPDATE:
      return object_node (update_follow_up (json_node_get_array (doc), row, body));
    default:
      apply_memory (object, row, body);
      return json_node_copy (doc);
    }
}

JsonNode *
cd_cache_outbox_queue (CdCache      *cache,
                       CdOutboxRow  *row,
                       gboolean      use_cached_etag,
                       GError      **error)
{
  g_autoptr(CdCacheEntry) entry = get_cached (cache, row);
  g_autoptr(JsonNode) doc = NULL;
  JsonNode *value;

  if (row->if_match == NULL && use_cached_etag && entry != NULL)
    row->if_match = g_strdup (entry->etag);
  /* The entry is durable before anything else happens. */
  if (!cd_cache_outbox_insert (cache, row, error))
    return NULL;
  doc = parse_cached (entry, cd_outbox_kind_is_follow_up (row->kind) ? JSON_NODE_ARRAY
                                                                      : JSON_NODE_OBJECT);
  value = apply_row (row, doc);
  put_cached (cache, row, entry, doc);
  return value;
}

/* Removes the local item with id @id from a cached follow-ups list. */
static void
drop_local_item (JsonArray *list,
                 gint64     id)
{
  for (guint i = json_array_get_length (list); i > 0; i--)
    {
      JsonNode *node = json_array_get_element (list, i - 1);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          json_object_get_int_member_with_default (json_node_get_object (node), "id", 0) == id)
        json_array_remove_element (list, i - 1);
    }
}

void
cd_cache_outbox_forget (CdCache           *cache,
                        const CdOutboxRow *row)
{
  g_autoptr(CdCacheEntry) entry = get_cached (cache, row);
  g_autoptr(JsonNode) doc = NULL;

  if (entry == NULL)
    return;
  doc = parse_cached (entry, cd_outbox_kind_is_follow_up (row->kind) ? JSON_NODE_ARRAY
                                                                      : JSON_NODE_OBJECT);
  if (row->kind == CD_OUTBOX_FOLLOW_UP_SCHEDULE)
    drop_local_item (json_node_get_array (doc), -row->seq);
  /* Without its ETag the next load is a full 200, which replaces the edit. */
  g_clear_pointer (&entry->etag, g_free);
  put_cached (cache, row, entry, doc);
}
