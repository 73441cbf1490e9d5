/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

/*
 * "Pending" badges are read from the outbox, so they are exact after a
 * restart: offline edits of one memory fact, one follow-up and a new
 * follow-up are queued, the app "restarts" (a new repository on the same data
 * directory, new cards), and exactly those rows say "Pending" until the
 * outbox replays against the real demo backend.  Also: opening the memory
 * card costs one GET of the memory (the card takes the ETag from its
 * stale-while-revalidate resource).
 */

#include <glib/gstdio.h>

#include "cd-api-client.h"
#include "cd-demo-server.h"
#include "cd-follow-up-row.h"
#include "cd-follow-ups-card.h"
#include "cd-follow-ups-view.h"
#include "cd-memory-card.h"
#include "cd-memory-fact.h"
#include "cd-offline-ui.h"
#include "cd-repository-follow-ups.h"
#include "cd-repository-memory.h"
#include "cd-repository-outbox.h"
#include "cd-repository-private.h"
#include "../../cd-test-util.h"

#define DEADLINE_S 20
#define MEMORY_CONTACT    CD_DEMO_CONTACT_NAMED
#define FOLLOW_UP_CONTACT CD_DEMO_CONTACT_FOLLOW_UPS

typedef struct
{
  char            *tmp_dir;
  char            *cache_dir;
  CdDemoServer    *server;
  guint            port;
  CdRepository    *repository;
  GtkWindow       *window;
  CdMemoryCard    *memory;
  CdFollowUpsCard *follow_ups;
} Fixture;

static CdRepository *
new_repository (Fixture *fixture)
{
  CdRepository *repository = cd_repository_new (cd_demo_server_get_base_url (fixture->server),
                                                NULL, NULL, fixture->cache_dir);

  /* A stopped server must fail at once, not after retries. */
  cd_api_client_set_max_get_retries (cd_repository_get_api_client (repository), 0);
  return repository;
}

/* A window with a new memory card and a new follow-ups card on the repository. */
static void
open_cards (Fixture *fixture)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 1000);
  fixture->memory = CD_MEMORY_CARD (cd_memory_card_new ());
  cd_memory_card_set_repository (fixture->memory, fixture->repository);
  fixture->follow_ups = CD_FOLLOW_UPS_CARD (cd_follow_ups_card_new ());
  cd_follow_ups_card_set_repository (fixture->follow_ups, fixture->repository);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->follow_ups));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->memory));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_window_set_child (fixture->window, scrolled);
  gtk_window_present (fixture->window);
  /* Every row, not just the card's first few. */
  cd_follow_ups_view_set_max_rows (CD_FOLLOW_UPS_VIEW (cd_follow_ups_card_get_part (fixture->follow_ups, "view")), 0);
}

static void
close_cards (Fixture *fixture)
{
  if (fixture->window == NULL)
    return;
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  fixture->memory = NULL;
  fixture->follow_ups = NULL;
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;

  g_content_type_set_mime_dirs ((const char * const[]) { "/usr/share/mime", NULL });
  fixture->tmp_dir = g_dir_make_tmp ("cd-test-pending-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->tmp_dir, "demo.sqlite", NULL);
  fixture->server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);
  fixture->port = cd_demo_server_get_port (fixture->server);
  fixture->cache_dir = g_build_filename (fixture->tmp_dir, "cache", NULL);
  g_mkdir_with_parents (fixture->cache_dir, 0700);
  fixture->repository = new_repository (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  close_cards (fixture);
  g_clear_object (&fixture->repository);
  cd_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  remove_tree (fixture->tmp_dir);
  g_clear_pointer (&fixture->tmp_dir, g_free);
  g_clear_pointer (&fixture->cache_dir, g_free);
}

/* --- helpers ------------------------------------------------------------ */

/* The memory card's part "@prefix:@key". */
static GtkWidget *
memory_part (Fixture    *fixture,
             const char *prefix,
             const char *key)
{
  g_autofree char *name = g_strconcat (prefix, ":", key, NULL);

  return cd_memory_card_get_part (fixture->memory, name);
}

static gboolean
shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

static gboolean
fact_pending_shown (Fixture    *fixture,
                    const char *key)
{
  return shown (memory_part (fixture, "fact-pending", key));
}

static CdFollowUpsView *
follow_ups_view (Fixture *fixture)
{
  return CD_FOLLOW_UPS_VIEW (cd_follow_ups_card_get_part (fixture->follow_ups, "view"));
}

static GtkListBox *
follow_ups_list (Fixture *fixture)
{
  return GTK_LIST_BOX (cd_follow_ups_view_get_part (follow_ups_view (fixture), "list_box"));
}

static CdFollowUpRow *
follow_up_row (Fixture *fixture,
               gint64   id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (follow_ups_list (fixture), i)) != NULL; i++)
    if (CD_IS_FOLLOW_UP_ROW (row) &&
        cd_follow_up_get_id (cd_follow_up_row_get_follow_up (CD_FOLLOW_UP_ROW (row))) == id)
      return CD_FOLLOW_UP_ROW (row);
  return NULL;
}

/* The ids of the rows that show "Pending", in list order. */
static GArray *
pending_follow_up_ids (Fixture *fixture)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (follow_ups_list (fixture), i)) != NULL; i++)
    if (CD_IS_FOLLOW_UP_ROW (row) && cd_follow_up_row_get_pending (CD_FOLLOW_UP_ROW (row)))
      {
        gint64 id = cd_follow_up_get_id (cd_follow_up_row_get_follow_up (CD_FOLLOW_UP_ROW (row)));

        g_assert_true (shown (cd_follow_up_row_get_part (CD_FOLLOW_UP_ROW (row), "pending_badge")));
        g_array_append_val (ids, id);
      }
  return ids;
}

static gboolean
no_row_pending (Fixture *fixture)
{
  g_autoptr(GArray) ids = pending_follow_up_ids (fixture);

  return ids->len == 0;
}

static const char *
follow_ups_state (Fixture *fixture)
{
  return cd_follow_ups_view_get_state_name (follow_ups_view (fixture));
}

static void
load_cards (Fixture *fixture)
{
  cd_memory_card_load (fixture->memory, MEMORY_CONTACT);
  cd_follow_ups_card_load (fixture->follow_ups, FOLLOW_UP_CONTACT);
}

/* Two fact keys of the shown memory (@a edited offline, @b left alone). */
static void
pick_facts (Fixture  *fixture,
            char    **a,
            char    **b)
{
  GListModel *facts = cd_memory_get_facts (cd_memory_card_get_memory (fixture->memory));
  g_autoptr(CdMemoryFact) first = NULL;
  g_autoptr(CdMemoryFact) second = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (facts), >=, 2);
  first = g_list_model_get_item (facts, 0);
  second = g_list_model_get_item (facts, 1);
  *a = g_strdup (cd_memory_fact_get_key (first));
  *b = g_strdup (cd_memory_fact_get_key (second));
}

/* A scheduled follow-up (to reschedule) and another row (left alone). */
static void
pick_follow_ups (Fixture *fixture,
                 gint64  *scheduled,
                 gint64  *other)
{
  GListModel *model = cd_follow_ups_view_get_model (follow_ups_view (fixture));

  *scheduled = *other = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdFollowUp) item = g_list_model_get_item (model, i);

      if (*scheduled == 0 && cd_follow_up_get_status (item) == CD_FOLLOW_UP_STATUS_SCHEDULED)
        *scheduled = cd_follow_up_get_id (item);
      else if (*other == 0)
        *other = cd_follow_up_get_id (item);
    }
  g_assert_cmpint (*scheduled, >, 0);
  g_assert_cmpint (*other, >, 0);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  WAIT_UNTIL (*slot != NULL);
  return *slot;
}

static void
queue_fact_edit (Fixture    *fixture,
                 const char *key,
                 const char *value)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdMemory) memory = NULL;
  g_autoptr(GError) error = NULL;

  cd_repository_save_memory_fact_async (fixture->repository, MEMORY_CONTACT, key, NULL, value,
                                        cd_memory_card_get_etag (fixture->memory), NULL,
                                        store_result, &result);
  memory = cd_repository_save_memory_fact_finish (fixture->repository, wait_result (&result),
                                                  NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (memory);
  g_assert_true (cd_repository_result_was_queued (result));
}

static void
queue_reschedule (Fixture *fixture,
                  gint64   follow_up_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, 3);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdFollowUp) follow_up = NULL;
  g_autoptr(GError) error = NULL;

  cd_repository_reschedule_follow_up_async (fixture->repository, FOLLOW_UP_CONTACT, follow_up_id,
                                            when, NULL, NULL, store_result, &result);
  follow_up = cd_repository_update_follow_up_finish (fixture->repository, wait_result (&result),
                                                     &error);
  g_assert_no_error (error);
  g_assert_nonnull (follow_up);
  g_assert_true (cd_repository_result_was_queued (result));
}

/* Returns the temporary id (-seq) of the queued schedule. */
static gint64
queue_schedule (Fixture *fixture)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, 5);
  CdFollowUpParams params = { 0, };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdFollowUp) follow_up = NULL;
  g_autoptr(GError) error = NULL;

  params.scheduled_at = when;
  params.notes = "Queued while offline";
  cd_repository_schedule_follow_up_async (fixture->repository, FOLLOW_UP_CONTACT, &params, NULL,
                                          NULL, store_result, &result);
  follow_up = cd_repository_schedule_follow_up_finish (fixture->repository, wait_result (&result),
                                                       &error);
  g_assert_no_error (error);
  g_assert_true (cd_repository_result_was_queued (result));
  g_assert_cmpint (cd_follow_up_get_id (follow_up), <, 0);
  return cd_follow_up_get_id (follow_up);
}

/* The app quits and starts again on the same data directory. */
static void
restart (Fixture *fixture,
         guint    expected_entries)
{
  close_cards (fixture);
  g_clear_object (&fixture->repository);
  fixture->repository = new_repository (fixture);
  WAIT_UNTIL (g_list_model_get_n_items (cd_repository_get_outbox (fixture->repository)) ==
              expected_entries);
  open_cards (fixture);
}

static void
replay_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  guint *sent = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_repository_replay_outbox_finish (CD_REPOSITORY (object), result, sent, NULL,
                                                     &error));
  g_assert_no_error (error);
}

static guint
replay (Fixture *fixture)
{
  guint sent = G_MAXUINT;

  cd_repository_replay_outbox_async (fixture->repository, NULL, replay_cb, &sent);
  WAIT_UNTIL (sent != G_MAXUINT);
  return sent;
}

/* --- tests ---------------------------------------------------------------- */

static void
test_exact_after_restart (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *edited = NULL;
  g_autofree char *untouched = NULL;
  g_autofree char *fact_path = NULL;
  g_autofree char *value_name = NULL;
  g_autoptr(GArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rescheduled, other, local;

  /* Online first, so both cards are cached on this device. */
  open_cards (fixture);
  load_cards (fixture);
  WAIT_UNTIL (cd_memory_card_get_etag (fixture->memory) != NULL &&
              g_strcmp0 (follow_ups_state (fixture), "list") == 0);
  pick_facts (fixture, &edited, &untouched);
  pick_follow_ups (fixture, &rescheduled, &other);

  /* Offline: one fact edit, one reschedule, one new follow-up queue. */
  cd_demo_server_stop (fixture->server);
  queue_fact_edit (fixture, edited, "Changed while offline");
  queue_reschedule (fixture, rescheduled);
  local = queue_schedule (fixture);
  g_assert_cmpuint (cd_repository_get_pending_count (fixture->repository, 0), ==, 3);

  /* Restart: nothing the old cards remembered survives, only the outbox. */
  restart (fixture, 3);
  load_cards (fixture);
  WAIT_UNTIL (g_strcmp0 (cd_memory_card_get_view_state (fixture->memory), "content") == 0);
  WAIT_UNTIL (g_strcmp0 (follow_ups_state (fixture), "list") == 0);
  WAIT_UNTIL (follow_up_row (fixture, local) != NULL);

  /* Exactly the edited fact says "Pending", not the other one nor the heading. */
  value_name = g_strdup_printf ("fact-value:%s", edited);
  WAIT_UNTIL (fact_pending_shown (fixture, edited));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cd_memory_card_get_part (fixture->memory, value_name))),
                   ==, "Changed while offline");
  g_assert_false (fact_pending_shown (fixture, untouched));
  g_assert_false (shown (cd_memory_card_get_part (fixture->memory, "facts_badge")));
  g_assert_false (shown (cd_memory_card_get_part (fixture->memory, "summary_badge")));

  /* Exactly the rescheduled row and the new one, not the others. */
  pending = pending_follow_up_ids (fixture);
  g_assert_cmpuint (pending->len, ==, 2);
  g_assert_true (cd_follow_up_row_get_pending (follow_up_row (fixture, rescheduled)));
  g_assert_true (cd_follow_up_row_get_pending (follow_up_row (fixture, local)));
  g_assert_false (cd_follow_up_row_get_pending (follow_up_row (fixture, other)));

  /* Back online: the outbox replays, and the badges go. */
  cd_demo_server_start (fixture->server, fixture->port, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replay (fixture), ==, 3);
  g_assert_cmpuint (cd_repository_get_pending_count (fixture->repository, 0), ==, 0);
  WAIT_UNTIL (!fact_pending_shown (fixture, edited) && no_row_pending (fixture) &&
              follow_up_row (fixture, local) == NULL);
  g_assert_false (shown (cd_memory_card_get_part (fixture->memory, "facts_badge")));
  fact_path = g_strdup_printf ("/contacts/%d/memory/facts/%s", MEMORY_CONTACT, edited);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (fixture->server, "PUT", fact_path), ==, 1);
  /* The card has the server's copy (and an ETag to edit with) again. */
  WAIT_UNTIL (cd_memory_card_get_etag (fixture->memory) != NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cd_memory_card_get_part (fixture->memory, value_name))),
                   ==, "Changed while offline");
}

/* The outbox names the fact an entry changes, edit and reset alike. */
static void
test_fact_key (Fixture       *fixture,
               gconstpointer  data)
{
  const char *key = "preferred time / \"evening\"";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdMemory) memory = NULL;
  g_autoptr(CdOutboxEntry) edit = NULL;
  g_autoptr(CdOutboxEntry) reset = NULL;
  GListModel *outbox = cd_repository_get_outbox (fixture->repository);

  open_cards (fixture);
  cd_memory_card_load (fixture->memory, MEMORY_CONTACT);
  WAIT_UNTIL (cd_memory_card_get_etag (fixture->memory) != NULL);
  cd_demo_server_stop (fixture->server);
  queue_fact_edit (fixture, key, "After six");
  cd_repository_reset_memory_fact_async (fixture->repository, MEMORY_CONTACT, key, NULL,
                                         store_result, &result);
  memory = cd_repository_reset_memory_fact_finish (fixture->repository, wait_result (&result),
                                                   NULL, NULL);
  g_assert_nonnull (memory);
  g_assert_cmpuint (g_list_model_get_n_items (outbox), ==, 2);
  edit = g_list_model_get_item (outbox, 0);
  reset = g_list_model_get_item (outbox, 1);
  g_assert_cmpint (cd_outbox_entry_get_kind (edit), ==, CD_OUTBOX_MEMORY_FACT);
  g_assert_cmpint (cd_outbox_entry_get_kind (reset), ==, CD_OUTBOX_MEMORY_FACT_RESET);
  g_assert_cmpstr (cd_outbox_entry_get_fact_key (edit), ==, key);
  g_assert_cmpstr (cd_outbox_entry_get_fact_key (reset), ==, key);
  g_assert_true (cd_offline_ui_fact_pending (fixture->repository, MEMORY_CONTACT, key));
  g_assert_false (cd_offline_ui_fact_pending (fixture->repository, MEMORY_CONTACT, "other"));
  g_assert_false (cd_offline_ui_fact_pending (fixture->repository, FOLLOW_UP_CONTACT, key));
  /* Queued behind the card's back: its copy has no row for the new fact, so
   * the Facts heading says "Pending". */
  WAIT_UNTIL (shown (cd_memory_card_get_part (fixture->memory, "facts_badge")));
  g_assert_null (memory_part (fixture, "fact-pending", key));
  /* Reopened (offline), the cached copy has the fact: its own row says it. */
  cd_memory_card_load (fixture->memory, MEMORY_CONTACT);
  WAIT_UNTIL (fact_pending_shown (fixture, key));
  g_assert_false (shown (cd_memory_card_get_part (fixture->memory, "facts_badge")));
}

/* Opening the memory card is one GET of the memory, fresh or revalidated. */
static void
test_memory_one_request (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdMemory) memory = NULL;
  g_autofree char *server_etag = NULL;
  g_autofree char *card_etag = NULL;

  open_cards (fixture);
  cd_demo_server_reset_counters (fixture->server);
  cd_memory_card_load (fixture->memory, MEMORY_CONTACT);
  WAIT_UNTIL (cd_memory_card_get_etag (fixture->memory) != NULL &&
              g_strcmp0 (cd_memory_card_get_view_state (fixture->memory), "content") == 0);
  /* Let anything else the load might send arrive. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (cd_demo_server_get_request_count (fixture->server), ==, 1);
  g_assert_cmpuint (cd_demo_server_get_not_modified_count (fixture->server), ==, 0);
  card_etag = g_strdup (cd_memory_card_get_etag (fixture->memory));
  g_assert_cmpstr (card_etag, !=, "");

  /* Reopened with a cached copy: one conditional GET, answered 304. */
  cd_demo_server_reset_counters (fixture->server);
  cd_memory_card_load (fixture->memory, MEMORY_CONTACT);
  WAIT_UNTIL (cd_memory_card_get_etag (fixture->memory) != NULL);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (cd_demo_server_get_request_count (fixture->server), ==, 1);
  g_assert_cmpuint (cd_demo_server_get_not_modified_count (fixture->server), ==, 1);
  g_assert_cmpstr (cd_memory_card_get_etag (fixture->memory), ==, card_etag);

  /* It is the server's ETag of that memory (what a save sends as If-Match). */
  cd_repository_load_memory_async (fixture->repository, MEMORY_CONTACT, NULL, store_result, &result);
  memory = cd_repository_load_memory_finish (fixture->repository, wait_result (&result),
                                             &server_etag, NULL);
  g_assert_nonnull (memory);
  g_assert_cmpstr (server_etag, ==, card_etag);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  /* Without a session bus (plain xvfb-run) GTK's AT-SPI bridge can only warn. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cd_test_ignore_upstream_warnings ();
  gtk_init ();
  adw_init ();

  ADD ("/pending-restart/exact-after-restart", test_exact_after_restart);
  ADD ("/pending-restart/fact-key", test_fact_key);
  ADD ("/pending-restart/memory-one-request", test_memory_one_request);
  return g_test_run ();
}
