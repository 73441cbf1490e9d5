/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-outbox"

/*
 * The outbox (product.md §11) against the real demo backend: edits made while
 * the server is unreachable are stored, survive a restart and a crash, are
 * replayed once each in order, and a 412 becomes a conflict the user resolves.
 */

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cd-api-paths.h"
#include "cd-contact.h"
#include "cd-demo-server.h"
#include "cd-error.h"
#include "cd-follow-up.h"
#include "cd-memory.h"
#include "cd-memory-fact.h"
#include "cd-repository-contacts.h"
#include "cd-repository-follow-ups.h"
#include "cd-repository-memory.h"
#include "cd-repository-outbox.h"
#include "cd-repository-private.h"
#include "../cd-test-util.h"

#define DEADLINE_S 20

static const char *self_path;

typedef struct
{
  char         *dir;
  char         *data_dir;
  CdDemoServer *server;
  guint         port;
  CdRepository *repo;
  GAsyncResult *result;
} Fixture;

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

/* The next result; the caller owns it (it is taken out of the fixture). */
static GAsyncResult *
take_result (Fixture *f)
{
  WAIT_UNTIL (f->result != NULL);
  return g_steal_pointer (&f->result);
}

static CdRepository *
new_repository (Fixture *f)
{
  CdRepository *repo = cd_repository_new (cd_demo_server_get_base_url (f->server), "sk_test", NULL,
                                          f->data_dir);

  cd_api_client_set_retry_base_delay (cd_repository_get_api_client (repo), 5);
  return repo;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("cd-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  db = g_build_filename (f->dir, "demo.sqlite", NULL);
  f->server = cd_demo_server_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (cd_demo_server_start (f->server, 0, &error));
  f->port = cd_demo_server_get_port (f->server);
  f->repo = new_repository (f);
}

/* Every earlier cache job has finished once this returns. */
static void
flush_worker (Fixture      *f,
              CdRepository *repo)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) recent = NULL;

  cd_repository_list_recent_async (repo, 1, NULL, store_result, f);
  result = take_result (f);
  recent = cd_repository_list_recent_finish (repo, result, NULL);
}

static void
close_repository (Fixture       *f,
                  CdRepository **repo)
{
  flush_worker (f, *repo);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (repo));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->repo != NULL)
    close_repository (f, &f->repo);
  g_clear_object (&f->result);
  cd_demo_server_stop (f->server);
  g_clear_object (&f->server);
  remove_tree (f->dir);
  g_free (f->data_dir);
  g_free (f->dir);
}

static void
server_down (Fixture *f)
{
  cd_demo_server_stop (f->server);
}

static void
server_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_demo_server_start (f->server, f->port, &error));
  g_assert_no_error (error);
}

static CdContact *
load_contact (Fixture  *f,
              gint64    id,
              char    **etag)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CdContact *contact;

  cd_repository_load_contact_async (f->repo, id, NULL, store_result, f);
  result = take_result (f);
  contact = cd_repository_load_contact_finish (f->repo, result, etag, &error);
  g_assert_no_error (error);
  return contact;
}

static JsonObject *
one_member (const char *member,
            const char *value)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, member, value);
  return object;
}

/* An edit of contact @id's @member; returns what the finish function gave. */
static CdContact *
edit_contact (Fixture    *f,
              gint64      id,
              const char *member,
              const char *value,
              const char *if_match,
              gboolean   *queued)
{
  g_autoptr(JsonObject) changes = one_member (member, value);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  CdContact *contact;

  cd_repository_update_contact_async (f->repo, id, changes, if_match, NULL, store_result, f);
  result = take_result (f);
  contact = cd_repository_update_contact_finish (f->repo, result, &etag, &error);
  g_assert_no_error (error);
  *queued = cd_repository_result_was_queued (result);
  if (*queued)
    g_assert_null (etag);
  return contact;
}

static void
replay (Fixture *f,
        guint   *sent,
        guint   *conflicts)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cd_repository_replay_outbox_async (f->repo, NULL, store_result, f);
  result = take_result (f);
  g_assert_true (cd_repository_replay_outbox_finish (f->repo, result, sent, conflicts, &error));
  g_assert_no_error (error);
}

static CdOutboxEntry *
entry_at (CdRepository *repo,
          guint         position)
{
  g_autoptr(CdOutboxEntry) entry = g_list_model_get_item (cd_repository_get_outbox (repo), position);

  g_assert_nonnull (entry);
  return entry;  /* the model keeps it alive */
}

static guint
patch_count (Fixture *f,
             gint64   id)
{
  g_autofree char *path = g_strdup_printf ("/contacts/%" G_GINT64_FORMAT, id);

  return cd_demo_server_get_mutation_count (f->server, "PATCH", path);
}

/* The cached copy as the next open shows it (offline: straight from the cache). */
static CdContact *
cached_contact (Fixture *f,
                gint64   id)
{
  g_autoptr(CdResource) resource = cd_repository_open_contact (f->repo, id, NULL);

  /* Wait for the end of the load, so nothing is in flight afterwards. */
  WAIT_UNTIL (cd_resource_get_state (resource) == CD_RESOURCE_OFFLINE);
  g_assert_true (cd_resource_get_from_cache (resource));
  return g_object_ref (cd_resource_get_value (resource));
}

static void
test_offline_edit_survives_restart (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(CdContact) before = NULL;
  g_autoptr(CdContact) queued_copy = NULL;
  g_autoptr(CdContact) cached = NULL;
  g_autoptr(CdContact) after = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *key = NULL;
  gboolean queued = FALSE;
  guint sent = 0, conflicts = 0;

  before = load_contact (f, CD_DEMO_CONTACT_NAMED, &etag);
  server_down (f);
  queued_copy = edit_contact (f, CD_DEMO_CONTACT_NAMED, "email", "offline@example.com", etag, &queued);
  g_assert_true (queued);
  g_assert_cmpstr (cd_contact_get_email (queued_copy), ==, "offline@example.com");
  g_assert_cmpstr (cd_contact_get_company (queued_copy), ==, cd_contact_get_company (before));
  g_assert_cmpuint (cd_repository_get_pending_count (f->repo, CD_DEMO_CONTACT_NAMED), ==, 1);
  g_assert_cmpuint (cd_repository_get_pending_count (f->repo, CD_DEMO_CONTACT_PHONE_ONLY), ==, 0);
  g_assert_cmpstr (cd_outbox_entry_get_label (entry_at (f->repo, 0)), ==, "Edit contact: email");
  g_assert_cmpint (cd_outbox_entry_get_state (entry_at (f->repo, 0)), ==, CD_OUTBOX_PENDING);
  key = g_strdup (cd_outbox_entry_get_idempotency_key (entry_at (f->repo, 0)));
  g_assert_nonnull (key);

  /* The next open (still offline) shows the edit. */
  cached = cached_contact (f, CD_DEMO_CONTACT_NAMED);
  g_assert_cmpstr (cd_contact_get_email (cached), ==, "offline@example.com");

  /* Restart: a new repository on the same data dir finds the entry. */
  close_repository (f, &f->repo);
  f->repo = new_repository (f);
  WAIT_UNTIL (g_list_model_get_n_items (cd_repository_get_outbox (f->repo)) == 1);
  g_assert_cmpstr (cd_outbox_entry_get_idempotency_key (entry_at (f->repo, 0)), ==, key);

  server_up (f);
  replay (f, &sent, &conflicts);
  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpuint (conflicts, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cd_repository_get_outbox (f->repo)), ==, 0);
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_NAMED), ==, 1);

  /* A second replay sends nothing. */
  replay (f, &sent, &conflicts);
  g_assert_cmpuint (sent, ==, 0);
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_NAMED), ==, 1);

  after = load_contact (f, CD_DEMO_CONTACT_NAMED, NULL);
  g_assert_cmpstr (cd_contact_get_email (after), ==, "offline@example.com");
}

/* The replay used the stored key: the same key again is answered from the
 * server's idempotency record, without a second effect. */
static void
test_wire_key_is_stored_key (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CdContact) contact = NULL;
  g_autoptr(JsonObject) changes = one_member ("company", "Queued Co");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *etag = NULL;
  gboolean queued = FALSE;
  guint sent = 0;

  g_object_unref (load_contact (f, CD_DEMO_CONTACT_NAMED, &etag));
  server_down (f);
  contact = edit_contact (f, CD_DEMO_CONTACT_NAMED, "company", "Queued Co", etag, &queued);
  g_assert_true (queued);
  key = g_strdup (cd_outbox_entry_get_idempotency_key (entry_at (f->repo, 0)));
  server_up (f);
  replay (f, &sent, NULL);
  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_NAMED), ==, 1);

  cd_api_client_update_contact_async (cd_repository_get_api_client (f->repo), CD_DEMO_CONTACT_NAMED,
                                      changes, etag, key, NULL, store_result, f);
  result = take_result (f);
  response = cd_api_client_request_finish (cd_repository_get_api_client (f->repo), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_NAMED), ==, 1);
}

/* Someone else changes the contact while my offline edit waits: a conflict. */
static gint64
make_conflict (Fixture *f)
{
  g_autoptr(CdContact) mine = NULL;
  g_autoptr(CdContact) later = NULL;
  g_autoptr(CdContact) other = NULL;
  g_autoptr(JsonObject) theirs_change = one_member ("company", "Their Company");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *other_etag = NULL;
  gboolean queued = FALSE;
  guint sent = 0, conflicts = 0;
  CdOutboxEntry *entry;

  g_object_unref (load_contact (f, CD_DEMO_CONTACT_NAMED, &etag));
  g_object_unref (load_contact (f, CD_DEMO_CONTACT_PHONE_ONLY, &other_etag));
  server_down (f);
  mine = edit_contact (f, CD_DEMO_CONTACT_NAMED, "email", "mine@example.com", etag, &queued);
  g_assert_true (queued);
  later = edit_contact (f, CD_DEMO_CONTACT_NAMED, "first_name", "Later", etag, &queued);
  g_assert_true (queued);
  other = edit_contact (f, CD_DEMO_CONTACT_PHONE_ONLY, "email", "other@example.com", other_etag, &queued);
  g_assert_true (queued);
  server_up (f);

  cd_api_client_update_contact_async (cd_repository_get_api_client (f->repo), CD_DEMO_CONTACT_NAMED,
                                      theirs_change, NULL, NULL, NULL, store_result, f);
  result = take_result (f);
  response = cd_api_client_request_finish (cd_repository_get_api_client (f->repo), result, &error);
  g_assert_no_error (error);

  replay (f, &sent, &conflicts);
  /* The other contact goes through; the later edit of 501 waits behind the conflict. */
  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpuint (conflicts, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (cd_repository_get_outbox (f->repo)), ==, 2);
  entry = entry_at (f->repo, 0);
  g_assert_cmpint (cd_outbox_entry_get_state (entry), ==, CD_OUTBOX_CONFLICT);
  g_assert_cmpstr (json_object_get_string_member (cd_outbox_entry_get_theirs (entry), "company"), ==,
                   "Their Company");
  g_assert_cmpstr (json_object_get_string_member (cd_outbox_entry_get_body (entry), "email"), ==,
                   "mine@example.com");
  g_assert_cmpint (cd_outbox_entry_get_state (entry_at (f->repo, 1)), ==, CD_OUTBOX_PENDING);
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_NAMED), ==, 1);
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_PHONE_ONLY), ==, 1);
  return cd_outbox_entry_get_seq (entry);
}

static void
resolve (Fixture          *f,
         gint64            seq,
         CdConflictChoice  choice,
         JsonObject       *edited)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cd_repository_resolve_conflict_async (f->repo, seq, choice, edited, NULL, store_result, f);
  result = take_result (f);
  cd_repository_resolve_conflict_finish (f->repo, result, &error);
  g_assert_no_error (error);
}

static void
test_conflict_keep_mine (Fixture       *f,
                         gconstpointer  data)
{
  gint64 seq = make_conflict (f);
  g_autoptr(CdContact) server = NULL;

  resolve (f, seq, CD_CONFLICT_KEEP_MINE, NULL);
  server = load_contact (f, CD_DEMO_CONTACT_NAMED, NULL);
  g_assert_cmpstr (cd_contact_get_email (server), ==, "mine@example.com");
  g_assert_cmpstr (cd_contact_get_company (server), ==, "Their Company");
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_NAMED), ==, 2);
  /* The edit that waited behind it was made on the old version: its own conflict. */
  WAIT_UNTIL (cd_outbox_entry_get_state (entry_at (f->repo, 0)) == CD_OUTBOX_CONFLICT);
  g_assert_cmpuint (g_list_model_get_n_items (cd_repository_get_outbox (f->repo)), ==, 1);
}

static void
test_conflict_take_theirs (Fixture       *f,
                           gconstpointer  data)
{
  gint64 seq = make_conflict (f);
  g_autoptr(CdContact) server = NULL;
  g_autoptr(CdContact) cached = NULL;

  resolve (f, seq, CD_CONFLICT_TAKE_THEIRS, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (cd_repository_get_outbox (f->repo)), ==, 1);
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_NAMED), ==, 1);
  server = load_contact (f, CD_DEMO_CONTACT_NAMED, NULL);
  g_assert_cmpstr (cd_contact_get_email (server), !=, "mine@example.com");
  g_assert_cmpstr (cd_contact_get_company (server), ==, "Their Company");
  server_down (f);
  cached = cached_contact (f, CD_DEMO_CONTACT_NAMED);
  g_assert_cmpstr (cd_contact_get_company (cached), ==, "Their Company");
}

static void
test_conflict_edit (Fixture       *f,
                    gconstpointer  data)
{
  gint64 seq = make_conflict (f);
  g_autoptr(JsonObject) edited = one_member ("email", "merged@example.com");
  g_autoptr(CdContact) server = NULL;

  resolve (f, seq, CD_CONFLICT_EDIT, edited);
  server = load_contact (f, CD_DEMO_CONTACT_NAMED, NULL);
  g_assert_cmpstr (cd_contact_get_email (server), ==, "merged@example.com");
  g_assert_cmpstr (cd_contact_get_company (server), ==, "Their Company");
  /* The replay that the resolution started is over once the later edit settled. */
  WAIT_UNTIL (cd_outbox_entry_get_state (entry_at (f->repo, 0)) == CD_OUTBOX_CONFLICT);
}

static void
test_discard (Fixture       *f,
              gconstpointer  data)
{
  gint64 seq = make_conflict (f);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdContact) server = NULL;
  g_autoptr(CdContact) cached = NULL;

  cd_repository_discard_outbox_entry_async (f->repo, seq, NULL, store_result, f);
  result = take_result (f);
  g_assert_true (cd_repository_discard_outbox_entry_finish (f->repo, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cd_repository_get_outbox (f->repo)), ==, 1);
  g_assert_cmpuint (cd_repository_get_pending_count (f->repo, CD_DEMO_CONTACT_NAMED), ==, 1);
  server = load_contact (f, CD_DEMO_CONTACT_NAMED, NULL);
  g_assert_cmpstr (cd_contact_get_email (server), !=, "mine@example.com");
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_NAMED), ==, 1);
  /* The cache no longer shows the discarded edit. */
  server_down (f);
  cached = cached_contact (f, CD_DEMO_CONTACT_NAMED);
  g_assert_cmpstr (cd_contact_get_email (cached), !=, "mine@example.com");
}

static CdMemory *
load_memory (Fixture  *f,
             char    **etag)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CdMemory *memory;

  cd_repository_load_memory_async (f->repo, CD_DEMO_CONTACT_NAMED, NULL, store_result, f);
  result = take_result (f);
  memory = cd_repository_load_memory_finish (f->repo, result, etag, &error);
  g_assert_no_error (error);
  return memory;
}

static const char *
fact_value (CdMemory   *memory,
            const char *key)
{
  GListModel *facts = cd_memory_get_facts (memory);

  for (guint i = 0; i < g_list_model_get_n_items (facts); i++)
    {
      g_autoptr(CdMemoryFact) fact = g_list_model_get_item (facts, i);

      if (g_strcmp0 (cd_memory_fact_get_key (fact), key) == 0)
        return cd_memory_fact_get_value (fact);
    }
  return NULL;
}

static void
queue_memory_edits (Fixture    *f,
                    const char *etag)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMemory) after_summary = NULL;
  g_autoptr(CdMemory) after_fact = NULL;

  cd_repository_save_memory_summary_async (f->repo, CD_DEMO_CONTACT_NAMED, "Offline summary", etag,
                                           NULL, store_result, f);
  result = take_result (f);
  after_summary = cd_repository_save_memory_summary_finish (f->repo, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cd_repository_result_was_queued (result));
  g_assert_cmpstr (cd_memory_get_summary (after_summary), ==, "Offline summary");

  cd_repository_save_memory_fact_async (f->repo, CD_DEMO_CONTACT_NAMED, "favourite_colour",
                                        "Favourite colour", "green", etag, NULL, store_result, f);
  result2 = take_result (f);
  after_fact = cd_repository_save_memory_fact_finish (f->repo, result2, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cd_repository_result_was_queued (result2));
  g_assert_cmpstr (fact_value (after_fact, "favourite_colour"), ==, "green");
  g_assert_cmpstr (cd_memory_get_summary (after_fact), ==, "Offline summary");
}

/* Open items and a fact reset (which takes no If-Match) queue the same way. */
static void
queue_more_memory_edits (Fixture    *f,
                         const char *etag)
{
  const char *titles[] = { "Send offer", "Call back" };
  const char *dues[] = { "2030-01-02", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMemory) with_items = NULL;
  g_autoptr(CdMemory) reset = NULL;

  cd_repository_save_memory_open_items_async (f->repo, CD_DEMO_CONTACT_NAMED, 2, titles, dues, etag,
                                              NULL, store_result, f);
  result = take_result (f);
  with_items = cd_repository_save_memory_open_items_finish (f->repo, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cd_memory_get_open_items (with_items)), ==, 2);

  cd_repository_reset_memory_fact_async (f->repo, CD_DEMO_CONTACT_NAMED, "preferred_channel", NULL,
                                         store_result, f);
  result2 = take_result (f);
  reset = cd_repository_reset_memory_fact_finish (f->repo, result2, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cd_repository_result_was_queued (result2));
  g_assert_cmpstr (fact_value (reset, "preferred_channel"), ==, "Phone");
}

/* Schedules and at once cancels (by its temporary id) a follow-up offline. */
static void
queue_follow_up_edits (Fixture *f)
{
  g_autoptr(GDateTime) when = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (when, 1);
  CdFollowUpParams params = { 0, };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowUp) local = NULL;
  g_autoptr(CdFollowUp) cancelled = NULL;

  params.scheduled_at = tomorrow;
  params.notes = "outbox test";
  cd_repository_schedule_follow_up_async (f->repo, CD_DEMO_CONTACT_NAMED, &params, NULL, NULL,
                                          store_result, f);
  result = take_result (f);
  local = cd_repository_schedule_follow_up_finish (f->repo, result, &error);
  g_assert_no_error (error);
  g_assert_true (cd_repository_result_was_queued (result));
  g_assert_cmpint (cd_follow_up_get_id (local), <, 0);
  g_assert_cmpint (cd_follow_up_get_status (local), ==, CD_FOLLOW_UP_STATUS_SCHEDULED);

  cd_repository_cancel_follow_up_async (f->repo, CD_DEMO_CONTACT_NAMED, cd_follow_up_get_id (local),
                                        NULL, NULL, store_result, f);
  result2 = take_result (f);
  cancelled = cd_repository_update_follow_up_finish (f->repo, result2, &error);
  g_assert_no_error (error);
  g_assert_true (cd_repository_result_was_queued (result2));
  g_assert_cmpint (cd_follow_up_get_status (cancelled), ==, CD_FOLLOW_UP_STATUS_CANCELLED);
}

/* The server's follow-up with notes "outbox test", or NULL. */
static CdFollowUp *
find_server_follow_up (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;

  cd_api_client_list_follow_ups_async (cd_repository_get_api_client (f->repo), CD_DEMO_CONTACT_NAMED,
                                       NULL, NULL, store_result, f);
  result = take_result (f);
  response = cd_api_client_request_finish (cd_repository_get_api_client (f->repo), result, &error);
  g_assert_no_error (error);
  list = cd_follow_up_list_from_json (cd_api_response_get_data (response), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CdFollowUp) item = g_list_model_get_item (list, i);

      if (g_strcmp0 (cd_follow_up_get_notes (item), "outbox test") == 0)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static gboolean
has_local_cancelled (GListModel *list)
{
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CdFollowUp) item = g_list_model_get_item (list, i);

      if (cd_follow_up_get_id (item) < 0 &&
          cd_follow_up_get_status (item) == CD_FOLLOW_UP_STATUS_CANCELLED)
        return TRUE;
    }
  return FALSE;
}

static void
test_memory_and_follow_ups_in_order (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(CdMemory) before = NULL;
  g_autoptr(CdMemory) after = NULL;
  g_autoptr(CdFollowUp) scheduled = NULL;
  g_autoptr(CdResource) follow_ups = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *cancel_path = NULL;
  guint sent = 0, conflicts = 0;

  before = load_memory (f, &etag);
  server_down (f);
  queue_memory_edits (f, etag);
  queue_follow_up_edits (f);
  queue_more_memory_edits (f, etag);
  g_assert_cmpuint (cd_repository_get_pending_count (f->repo, CD_DEMO_CONTACT_NAMED), ==, 6);
  g_assert_cmpstr (cd_outbox_entry_get_label (entry_at (f->repo, 1)), ==, "Edit fact: favourite_colour");
  g_assert_cmpstr (cd_outbox_entry_get_label (entry_at (f->repo, 3)), ==, "Cancel follow-up");
  /* The cancel names the local schedule by its temporary id. */
  g_assert_cmpint (cd_outbox_entry_get_target_id (entry_at (f->repo, 3)), <, 0);
  g_assert_cmpint (cd_outbox_entry_get_target_id (entry_at (f->repo, 3)), ==,
                   cd_outbox_entry_get_target_id (entry_at (f->repo, 2)));

  /* Offline, the cached list shows the local follow-up, already cancelled. */
  follow_ups = cd_repository_open_follow_ups (f->repo, CD_DEMO_CONTACT_NAMED, NULL);
  WAIT_UNTIL (cd_resource_get_state (follow_ups) == CD_RESOURCE_OFFLINE);
  g_assert_true (has_local_cancelled (G_LIST_MODEL (cd_resource_get_value (follow_ups))));

  server_up (f);
  replay (f, &sent, &conflicts);
  /* Both memory edits were made on the same version: no conflict with myself. */
  g_assert_cmpuint (sent, ==, 6);
  g_assert_cmpuint (conflicts, ==, 0);
  g_assert_cmpuint (cd_repository_get_pending_count (f->repo, 0), ==, 0);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "PUT", "/contacts/501/memory/summary"), ==, 1);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "PUT",
                                                       "/contacts/501/memory/facts/favourite_colour"), ==, 1);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", "/contacts/501/follow_ups"), ==, 1);

  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "PUT", "/contacts/501/memory/open_items"), ==, 1);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST",
                                                       "/contacts/501/memory/facts/preferred_channel/reset"), ==, 1);
  after = load_memory (f, NULL);
  g_assert_cmpstr (cd_memory_get_summary (after), ==, "Offline summary");
  g_assert_cmpstr (fact_value (after, "preferred_channel"), ==, "Phone");
  g_assert_cmpuint (g_list_model_get_n_items (cd_memory_get_open_items (after)), ==, 2);
  g_assert_cmpstr (fact_value (after, "favourite_colour"), ==, "green");
  scheduled = find_server_follow_up (f);
  g_assert_nonnull (scheduled);
  g_assert_cmpint (cd_follow_up_get_status (scheduled), ==, CD_FOLLOW_UP_STATUS_CANCELLED);
  cancel_path = g_strdup_printf ("/follow_ups/%" G_GINT64_FORMAT, cd_follow_up_get_id (scheduled));
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "PATCH", cancel_path), ==, 1);
}

static void
test_dnc_add_queued (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CdContact) contact = load_contact (f, CD_DEMO_CONTACT_PHONE_ONLY, NULL);
  g_autoptr(CdContact) listed = NULL;
  g_autoptr(CdContact) server = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint sent = 0;

  server_down (f);
  cd_repository_add_dnc_async (f->repo, contact, "asked on the phone", NULL, store_result, f);
  result = take_result (f);
  listed = cd_repository_add_dnc_finish (f->repo, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cd_repository_result_was_queued (result));
  g_assert_true (cd_contact_get_dnc_listed (listed));
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", "/dnc_entries"), ==, 0);

  server_up (f);
  replay (f, &sent, NULL);
  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", "/dnc_entries"), ==, 1);
  server = load_contact (f, CD_DEMO_CONTACT_PHONE_ONLY, NULL);
  g_assert_true (cd_contact_get_dnc_listed (server));
}

/* Two replays at once (reconnect and the user's "Send now"): one request each entry. */
static void
store_in_array (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_ptr_array_add (user_data, g_object_ref (result));
}

static void
test_concurrent_replays (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CdContact) edited = NULL;
  g_autofree char *etag = NULL;
  gboolean queued = FALSE;
  guint sent[2] = { 0, 0 };

  g_object_unref (load_contact (f, CD_DEMO_CONTACT_NAMED, &etag));
  server_down (f);
  edited = edit_contact (f, CD_DEMO_CONTACT_NAMED, "company", "Twice Ltd", etag, &queued);
  g_assert_true (queued);
  server_up (f);
  cd_repository_replay_outbox_async (f->repo, NULL, store_in_array, results);
  cd_repository_replay_outbox_async (f->repo, NULL, store_in_array, results);
  WAIT_UNTIL (results->len == 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (cd_repository_replay_outbox_finish (f->repo, g_ptr_array_index (results, i),
                                                         &sent[i], NULL, &error));
      g_assert_no_error (error);
    }
  /* The second call joined the first: both report the one entry sent. */
  g_assert_cmpuint (sent[0], ==, 1);
  g_assert_cmpuint (sent[1], ==, 1);
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_NAMED), ==, 1);
}

/* Another error than 412 keeps the entry as failed, with the server's message
 * and request id; later entries still go. */
static void
test_failed_entry (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CdContact) one = NULL;
  g_autoptr(CdContact) two = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *other_etag = NULL;
  gboolean queued = FALSE;
  guint sent = 0, conflicts = 0;
  CdOutboxEntry *entry;

  g_object_unref (load_contact (f, CD_DEMO_CONTACT_NAMED, &etag));
  g_object_unref (load_contact (f, CD_DEMO_CONTACT_PHONE_ONLY, &other_etag));
  server_down (f);
  one = edit_contact (f, CD_DEMO_CONTACT_NAMED, "company", "Fails Ltd", etag, &queued);
  two = edit_contact (f, CD_DEMO_CONTACT_PHONE_ONLY, "company", "Goes Ltd", other_etag, &queued);
  server_up (f);
  cd_demo_server_inject_fault (f->server, "/contacts/501", CD_DEMO_FAULT_STATUS, 500, 1);
  replay (f, &sent, &conflicts);
  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpuint (conflicts, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cd_repository_get_outbox (f->repo)), ==, 1);
  entry = entry_at (f->repo, 0);
  g_assert_cmpint (cd_outbox_entry_get_state (entry), ==, CD_OUTBOX_FAILED);
  g_assert_nonnull (cd_outbox_entry_get_error (entry));
  g_assert_nonnull (strstr (cd_outbox_entry_get_error (entry), "Request ID"));
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_PHONE_ONLY), ==, 1);

  /* Failed entries survive a restart as failed. */
  close_repository (f, &f->repo);
  f->repo = new_repository (f);
  WAIT_UNTIL (g_list_model_get_n_items (cd_repository_get_outbox (f->repo)) == 1);
  g_assert_cmpint (cd_outbox_entry_get_state (entry_at (f->repo, 0)), ==, CD_OUTBOX_FAILED);

  /* "Keep mine" on a failed entry retries it as it was (same If-Match). */
  resolve (f, cd_outbox_entry_get_seq (entry_at (f->repo, 0)), CD_CONFLICT_KEEP_MINE, NULL);
  g_assert_cmpuint (cd_repository_get_pending_count (f->repo, 0), ==, 0);
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_NAMED), ==, 1);
}

static void
test_endpoint_match (void)
{
  g_assert_cmpint (cd_api_endpoint_match ("PATCH", "/contacts/501"), ==, CD_API_ENDPOINT_UPDATE_CONTACT);
  g_assert_cmpint (cd_api_endpoint_match ("GET", "/contacts/501"), ==, CD_API_ENDPOINT_GET_CONTACT);
  g_assert_cmpint (cd_api_endpoint_match ("PUT", "/contacts/501/memory/facts/a%2Fb"), ==,
                   CD_API_ENDPOINT_PUT_MEMORY_FACT);
  g_assert_cmpint (cd_api_endpoint_match ("POST", "/contacts/501/memory/facts/k/reset"), ==,
                   CD_API_ENDPOINT_RESET_MEMORY_FACT);
  g_assert_cmpint (cd_api_endpoint_match ("POST", "/dnc_entries"), ==, CD_API_ENDPOINT_ADD_DNC_ENTRY);
  g_assert_cmpint (cd_api_endpoint_match ("PATCH", "/contacts"), ==, CD_API_N_ENDPOINTS);
  g_assert_cmpint (cd_api_endpoint_match ("PATCH", "/contacts/"), ==, CD_API_N_ENDPOINTS);
  g_assert_cmpint (cd_api_endpoint_match ("PATCH", "/contacts/501/x"), ==, CD_API_N_ENDPOINTS);
  g_assert_cmpint (cd_api_endpoint_match ("DELETE", "/contacts/501"), ==, CD_API_N_ENDPOINTS);
}

static gint64
outbox_rows (CdRepository *repo)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (cd_repository_get_cache_path (repo), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM outbox", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A GDPR erase leaves no queued personal data behind. */
static void
test_erase_drops_entries (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CdContact) edited = NULL;
  g_autoptr(CdContact) erased = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean queued = FALSE;

  g_object_unref (load_contact (f, CD_DEMO_CONTACT_NO_HISTORY, NULL));
  server_down (f);
  edited = edit_contact (f, CD_DEMO_CONTACT_NO_HISTORY, "email", "secret@example.com", NULL, &queued);
  g_assert_true (queued);
  flush_worker (f, f->repo);
  g_assert_cmpint (outbox_rows (f->repo), ==, 1);

  server_up (f);
  cd_repository_gdpr_erase_contact_async (f->repo, CD_DEMO_CONTACT_NO_HISTORY, NULL, store_result, f);
  result = take_result (f);
  erased = cd_repository_gdpr_erase_contact_finish (f->repo, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_repository_get_pending_count (f->repo, 0), ==, 0);
  flush_worker (f, f->repo);
  g_assert_cmpint (outbox_rows (f->repo), ==, 0);
}

/* --- crash safety: a child queues an edit and is killed at once ------------ */

static void
child_queued_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdContact) contact = cd_repository_update_contact_finish (CD_REPOSITORY (object), result,
                                                                      NULL, &error);

  /* No clean shutdown, no replay: only what was committed survives. */
  if (contact != NULL && cd_repository_result_was_queued (result))
    raise (SIGKILL);
  _exit (3);
}

static int
run_crash_child (const char *data_dir,
                 const char *base_url)
{
  CdRepository *repo = cd_repository_new (base_url, "sk_test", NULL, data_dir);
  g_autoptr(JsonObject) changes = one_member ("email", "crash@example.com");

  cd_api_client_set_retry_base_delay (cd_repository_get_api_client (repo), 5);
  cd_repository_update_contact_async (repo, CD_DEMO_CONTACT_NAMED, changes, NULL, NULL,
                                      child_queued_cb, NULL);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 4;
}

static void
test_crash_before_replay (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *base_url = g_strdup (cd_demo_server_get_base_url (f->server));
  const char *argv[] = { self_path, "--crash-child", f->data_dir, base_url, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdContact) server = NULL;
  int status = 0;
  guint sent = 0;

  close_repository (f, &f->repo);
  server_down (f);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  f->repo = new_repository (f);
  WAIT_UNTIL (g_list_model_get_n_items (cd_repository_get_outbox (f->repo)) == 1);
  server_up (f);
  replay (f, &sent, NULL);
  g_assert_cmpuint (sent, ==, 1);
  replay (f, &sent, NULL);
  g_assert_cmpuint (sent, ==, 0);
  g_assert_cmpuint (patch_count (f, CD_DEMO_CONTACT_NAMED), ==, 1);
  server = load_contact (f, CD_DEMO_CONTACT_NAMED, NULL);
  g_assert_cmpstr (cd_contact_get_email (server), ==, "crash@example.com");
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--crash-child"))
    return run_crash_child (argv[2], argv[3]);
  self_path = argv[0];

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/outbox/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("offline-edit-survives-restart", test_offline_edit_survives_restart);
  ADD ("wire-key-is-stored-key", test_wire_key_is_stored_key);
  ADD ("conflict-keep-mine", test_conflict_keep_mine);
  ADD ("conflict-take-theirs", test_conflict_take_theirs);
  ADD ("conflict-edit", test_conflict_edit);
  ADD ("discard", test_discard);
  ADD ("memory-and-follow-ups-in-order", test_memory_and_follow_ups_in_order);
  ADD ("dnc-add-queued", test_dnc_add_queued);
  ADD ("erase-drops-entries", test_erase_drops_entries);
  ADD ("concurrent-replays", test_concurrent_replays);
  ADD ("failed-entry", test_failed_entry);
  g_test_add_func ("/outbox/endpoint-match", test_endpoint_match);
  ADD ("crash-before-replay", test_crash_before_replay);
#undef ADD

  return g_test_run ();
}
