/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-outbox"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-json.h"
#include "cd-outbox-private.h"

/* One queued edit as the UI shows it; the row is the persisted truth. */
struct _CdOutboxEntry
{
  GObject      parent_instance;
  CdOutboxRow *row;
  JsonObject  *body;     /* parsed lazily from row->body */
  JsonObject  *theirs;   /* parsed lazily from row->theirs_json */
  GDateTime   *created_at;
  char        *label;
  char        *fact_key; /* MEMORY_FACT(_RESET) only: derived from row->path */
};

G_DEFINE_FINAL_TYPE (CdOutboxEntry, cd_outbox_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = {
  [CD_OUTBOX_CONTACT_UPDATE]      = "contact_update",
  [CD_OUTBOX_DNC_ADD]             = "dnc_add",
  [CD_OUTBOX_MEMORY_SUMMARY]      = "memory_summary",
  [CD_OUTBOX_MEMORY_OPEN_ITEMS]   = "memory_open_items",
  [CD_OUTBOX_MEMORY_FACT]         = "memory_fact",
  [CD_OUTBOX_MEMORY_FACT_RESET]   = "memory_fact_reset",
  [CD_OUTBOX_FOLLOW_UP_SCHEDULE]  = "follow_up_schedule",
  [CD_OUTBOX_FOLLOW_UP_UPDATE]    = "follow_up_update",
};

const char *
cd_outbox_kind_to_string (CdOutboxKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
cd_outbox_kind_from_string (const char   *text,
                            CdOutboxKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (kind_names[i], text))
      {
        *kind = (CdOutboxKind) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
cd_outbox_kind_is_memory (CdOutboxKind kind)
{
  return kind == CD_OUTBOX_MEMORY_SUMMARY || kind == CD_OUTBOX_MEMORY_OPEN_ITEMS ||
         kind == CD_OUTBOX_MEMORY_FACT || kind == CD_OUTBOX_MEMORY_FACT_RESET;
}

gboolean
cd_outbox_kind_is_follow_up (CdOutboxKind kind)
{
  return kind == CD_OUTBOX_FOLLOW_UP_SCHEDULE || kind == CD_OUTBOX_FOLLOW_UP_UPDATE;
}

CdOutboxRow *
cd_outbox_row_copy (const CdOutboxRow *row)
{
  CdOutboxRow *copy = g_memdup2 (row, sizeof *row);

  copy->method = g_strdup (row->method);
  copy->path = g_strdup (row->path);
  copy->body = g_strdup (row->body);
  copy->if_match = g_strdup (row->if_match);
  copy->idempotency_key = g_strdup (row->idempotency_key);
  copy->error = g_strdup (row->error);
  copy->theirs_json = g_strdup (row->theirs_json);
  copy->theirs_etag = g_strdup (row->theirs_etag);
  return copy;
}

void
cd_outbox_row_free (CdOutboxRow *row)
{
  if (row == NULL)
    return;
  g_free (row->method);
  g_free (row->path);
  g_free (row->body);
  g_free (row->if_match);
  g_free (row->idempotency_key);
  g_free (row->error);
  g_free (row->theirs_json);
  g_free (row->theirs_etag);
  g_free (row);
}

/* NULL for missing, unreadable or non-object JSON: a damaged row still shows. */
static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return NULL;
  node = cd_json_parse (text, -1, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/* The path segment @from_end places before the last one, unescaped (fact keys). */
static char *
path_segment (const char *path,
              guint       from_end)
{
  g_auto(GStrv) parts = g_strsplit (path ? path : "", "/", -1);
  guint n = g_strv_length (parts);

  if (n <= from_end)
    return g_strdup ("");
  return g_uri_unescape_string (parts[n - 1 - from_end], NULL);
}

/* "Edit contact: email, phone_e164" names the changed members, not their values. */
static char *
contact_label (JsonObject *body)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GList) members = body ? json_object_get_members (body) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, l->data);
    }
  if (names->len == 0)
    return g_strdup (_("Edit contact"));
  /* Translators: %s is a list of field names */
  return g_strdup_printf (_("Edit contact: %s"), names->str);
}

static char *
follow_up_label (JsonObject *body)
{
  g_autofree char *status = NULL;

  if (body != NULL)
    cd_json_read_string (body, NULL, "status", &status, NULL);
  if (g_strcmp0 (status, "cancelled") == 0)
    return g_strdup (_("Cancel follow-up"));
  if (g_strcmp0 (status, "snoozed") == 0)
    return g_strdup (_("Snooze follow-up"));
  return g_strdup (_("Reschedule follow-up"));
}

static char *
build_label (CdOutboxEntry *self)
{
  JsonObject *body = cd_outbox_entry_get_body (self);
  g_autofree char *key = NULL;

  switch (self->row->kind)
    {
    case CD_OUTBOX_CONTACT_UPDATE:
      return contact_label (body);
    case CD_OUTBOX_DNC_ADD:
      return g_strdup (_("Add to the Do-Not-Call list"));
    case CD_OUTBOX_MEMORY_SUMMARY:
      return g_strdup (_("Edit memory summary"));
    case CD_OUTBOX_MEMORY_OPEN_ITEMS:
      return g_strdup (_("Edit open items"));
    case CD_OUTBOX_MEMORY_FACT:
      key = path_segment (self->row->path, 0);
      /* Translators: %s is the key of a memory fact */
      return g_strdup_printf (_("Edit fact: %s"), key);
    case CD_OUTBOX_MEMORY_FACT_RESET:
      key = path_segment (self->row->path, 1);
      /* Translators: %s is the key of a memory fact */
      return g_strdup_printf (_("Reset fact: %s"), key);
    case CD_OUTBOX_FOLLOW_UP_SCHEDULE:
      return g_strdup (_("Schedule follow-up"));
    case CD_OUTBOX_FOLLOW_UP_UPDATE:
    default:
      return follow_up_label (body);
    }
}

/* The fact an entry changes: PUT …/memory/facts/{key}, POST …/facts/{key}/reset. */
static char *
build_fact_key (const CdOutboxRow *row)
{
  char *key;

  if (row->kind != CD_OUTBOX_MEMORY_FACT && row->kind != CD_OUTBOX_MEMORY_FACT_RESET)
    return NULL;
  key = path_segment (row->path, row->kind == CD_OUTBOX_MEMORY_FACT ? 0 : 1);
  if (key != NULL && *key == '\0')
    g_clear_pointer (&key, g_free);
  return key;
}

static void
cd_outbox_entry_finalize (GObject *object)
{
  CdOutboxEntry *self = CD_OUTBOX_ENTRY (object);

  cd_outbox_row_free (self->row);
  g_clear_pointer (&self->body, json_object_unref);
  g_clear_pointer (&self->theirs, json_object_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_free (self->label);
  g_free (self->fact_key);
  G_OBJECT_CLASS (cd_outbox_entry_parent_class)->finalize (object);
}

static void
cd_outbox_entry_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdOutboxEntry *self = CD_OUTBOX_ENTRY (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->row->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_outbox_entry_class_init (CdOutboxEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_outbox_entry_finalize;
  object_class->get_property = cd_outbox_entry_get_property;

  /* A CdOutboxState (there is no registered enum type for it). */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CD_OUTBOX_PENDING, CD_OUTBOX_FAILED, CD_OUTBOX_PENDING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_outbox_entry_init (CdOutboxEntry *self)
{
}

CdOutboxEntry *
cd_outbox_entry_new (const CdOutboxRow *row)
{
  CdOutboxEntry *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (CD_TYPE_OUTBOX_ENTRY, NULL);
  self->row = cd_outbox_row_copy (row);
  self->created_at = g_date_time_new_from_unix_utc (MAX (row->created_at, 0));
  self->label = build_label (self);
  self->fact_key = build_fact_key (self->row);
  return self;
}

const CdOutboxRow *
cd_outbox_entry_get_row (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), NULL);
  return self->row;
}

void
cd_outbox_entry_update (CdOutboxEntry     *self,
                        const CdOutboxRow *row)
{
  CdOutboxState old_state;

  g_return_if_fail (CD_IS_OUTBOX_ENTRY (self));
  g_return_if_fail (row != NULL && row != self->row);

  old_state = self->row->state;
  cd_outbox_row_free (self->row);
  self->row = cd_outbox_row_copy (row);
  g_clear_pointer (&self->body, json_object_unref);
  g_clear_pointer (&self->theirs, json_object_unref);
  g_free (self->label);
  self->label = build_label (self);
  g_free (self->fact_key);
  self->fact_key = build_fact_key (self->row);
  if (old_state != row->state)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
cd_outbox_entry_set_state (CdOutboxEntry *self,
                           CdOutboxState  state)
{
  g_return_if_fail (CD_IS_OUTBOX_ENTRY (self));

  if (self->row->state == state)
    return;
  self->row->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gint64
cd_outbox_entry_get_seq (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), 0);
  return self->row->seq;
}

gint64
cd_outbox_entry_get_contact_id (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), 0);
  return self->row->contact_id;
}

CdOutboxKind
cd_outbox_entry_get_kind (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), CD_OUTBOX_CONTACT_UPDATE);
  return self->row->kind;
}

gint64
cd_outbox_entry_get_target_id (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), 0);

  if (self->row->kind == CD_OUTBOX_FOLLOW_UP_SCHEDULE)
    return -self->row->seq;
  return self->row->kind == CD_OUTBOX_FOLLOW_UP_UPDATE ? self->row->target_id : 0;
}

const char *
cd_outbox_entry_get_fact_key (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), NULL);
  return self->fact_key;
}

CdOutboxState
cd_outbox_entry_get_state (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), CD_OUTBOX_PENDING);
  return self->row->state;
}

GDateTime *
cd_outbox_entry_get_created_at (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), NULL);
  return self->created_at;
}

const char *
cd_outbox_entry_get_label (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), NULL);
  return self->label;
}

JsonObject *
cd_outbox_entry_get_body (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), NULL);

  if (self->body == NULL)
    self->body = parse_object (self->row->body);
  return self->body;
}

const char *
cd_outbox_entry_get_idempotency_key (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), NULL);
  return self->row->idempotency_key;
}

JsonObject *
cd_outbox_entry_get_theirs (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), NULL);

  if (self->row->state != CD_OUTBOX_CONFLICT)
    return NULL;
  if (self->theirs == NULL)
    self->theirs = parse_object (self->row->theirs_json);
  return self->theirs;
}

const char *
cd_outbox_entry_get_error (CdOutboxEntry *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (self), NULL);
  return self->row->state == CD_OUTBOX_FAILED ? self->row->error : NULL;
}
