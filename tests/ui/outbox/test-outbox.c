/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

/*
 * Offline in the cards (product.md §11) against the real demo backend: "as of"
 * captions on cached copies, Rebuild hidden offline, offline edits that show
 * "Pending" and the outbox button's count until the outbox replays, and the
 * conflict dialog.  The server "goes away" by stopping and comes back on the
 * same port.
 */

#include <glib/gstdio.h>

#include "cd-api-client.h"
#include "cd-call-logs-card.h"
#include "cd-conflict-dialog.h"
#include "cd-contact-actions.h"
#include "cd-demo-server.h"
#include "cd-edit-dialog-private.h"
#include "cd-follow-up-row.h"
#include "cd-follow-ups-card.h"
#include "cd-follow-ups-view.h"
#include "cd-memory-card.h"
#include "cd-offline-ui.h"
#include "cd-outbox-button.h"
#include "cd-repository-contacts.h"
#include "cd-repository-memory.h"
#include "cd-repository-outbox.h"
#include "cd-repository-private.h"
#include "../../cd-test-util.h"

#define DEADLINE_S 20
#define QUEUED_TOAST "Saved offline — will be sent when you are back online"

typedef struct
{
  char            *tmp_dir;
  CdDemoServer    *server;
  guint            port;
  CdRepository    *repository;
  GtkWindow       *window;
  CdOutboxButton  *button;
  CdMemoryCard    *memory;
  CdFollowUpsCard *follow_ups;
  CdCallLogsCard  *call_logs;
  GPtrArray       *toasts;
} Fixture;

static void
on_toast (GObject    *source,
          const char *message,
          Fixture    *fixture)
{
  g_ptr_array_add (fixture->toasts, g_strdup (message));
}

static gboolean
has_toast (Fixture    *fixture,
           const char *message)
{
  for (guint i = 0; i < fixture->toasts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (fixture->toasts, i), message) == 0)
      return TRUE;
  return FALSE;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *cache_dir = NULL;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *overlay = adw_toast_overlay_new ();

  g_content_type_set_mime_dirs ((const char * const[]) { "/usr/share/mime", NULL });
  fixture->tmp_dir = g_dir_make_tmp ("cd-test-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->tmp_dir, "demo.sqlite", NULL);
  fixture->server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);
  fixture->port = cd_demo_server_get_port (fixture->server);
  cache_dir = g_build_filename (fixture->tmp_dir, "cache", NULL);
  g_mkdir_with_parents (cache_dir, 0700);
  fixture->repository = cd_repository_new (cd_demo_server_get_base_url (fixture->server),
                                           NULL, NULL, cache_dir);
  /* A stopped server must fail at once, not after retries. */
  cd_api_client_set_max_get_retries (cd_repository_get_api_client (fixture->repository), 0);

  fixture->toasts = g_ptr_array_new_with_free_func (g_free);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 1000);
  fixture->button = CD_OUTBOX_BUTTON (cd_outbox_button_new ());
  cd_outbox_button_set_repository (fixture->button, fixture->repository);
  cd_outbox_button_set_contact_id (fixture->button, CD_DEMO_CONTACT_NAMED);
  fixture->memory = CD_MEMORY_CARD (cd_memory_card_new ());
  cd_memory_card_set_repository (fixture->memory, fixture->repository);
  g_signal_connect (fixture->memory, "toast", G_CALLBACK (on_toast), fixture);
  fixture->follow_ups = CD_FOLLOW_UPS_CARD (cd_follow_ups_card_new ());
  cd_follow_ups_card_set_repository (fixture->follow_ups, fixture->repository);
  fixture->call_logs = CD_CALL_LOGS_CARD (cd_call_logs_card_new ());
  cd_call_logs_card_set_repository (fixture->call_logs, fixture->repository);
  gtk_widget_set_halign (GTK_WIDGET (fixture->button), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->button));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->call_logs));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->follow_ups));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->memory));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), scrolled);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  g_clear_object (&fixture->repository);
  cd_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  remove_tree (fixture->tmp_dir);
  g_clear_pointer (&fixture->tmp_dir, g_free);
}

/* --- helpers ------------------------------------------------------------ */

static GtkWidget *
memory_part (Fixture    *fixture,
             const char *name)
{
  GtkWidget *widget = cd_memory_card_get_part (fixture->memory, name);

  if (widget == NULL)
    g_error ("No memory part named %s", name);
  return widget;
}

static gboolean
shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget);
}

static GtkWidget *
memory_as_of (Fixture *fixture)
{
  return memory_part (fixture, "as_of_label");
}

static GtkWidget *
follow_ups_as_of (Fixture *fixture)
{
  GtkWidget *view = cd_follow_ups_card_get_part (fixture->follow_ups, "view");

  return cd_follow_ups_view_get_part (CD_FOLLOW_UPS_VIEW (view), "as_of_label");
}

static const char *
follow_ups_state (Fixture *fixture)
{
  GtkWidget *view = cd_follow_ups_card_get_part (fixture->follow_ups, "view");

  return cd_follow_ups_view_get_state_name (CD_FOLLOW_UPS_VIEW (view));
}

static void
load_all (Fixture *fixture,
          gint64   contact_id)
{
  cd_memory_card_load (fixture->memory, contact_id);
  cd_follow_ups_card_load (fixture->follow_ups, contact_id);
  cd_call_logs_card_load (fixture->call_logs, contact_id);
}

/* Online and confirmed by the server: every card has its rows and its ETag. */
static void
load_fresh (Fixture *fixture)
{
  load_all (fixture, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (cd_memory_card_get_etag (fixture->memory) != NULL &&
              g_strcmp0 (follow_ups_state (fixture), "list") == 0 &&
              cd_call_logs_card_get_state (fixture->call_logs) == CD_CALL_LOGS_STATE_READY &&
              !cd_call_logs_card_get_loading (fixture->call_logs) &&
              !gtk_widget_get_visible (follow_ups_as_of (fixture)));
}

/* The server goes away; reopened, the cards show the cache. */
static void
go_offline (Fixture *fixture)
{
  cd_demo_server_stop (fixture->server);
  load_all (fixture, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (!cd_repository_get_online (fixture->repository) &&
              shown (memory_as_of (fixture)) &&
              g_strcmp0 (cd_memory_card_get_view_state (fixture->memory), "content") == 0);
}

static void
come_back (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  cd_demo_server_start (fixture->server, fixture->port, &error);
  g_assert_no_error (error);
}

static void
replay_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  cd_repository_replay_outbox_finish (CD_REPOSITORY (object), result, NULL, NULL, NULL);
  *done = TRUE;
}

static void
replay (Fixture *fixture)
{
  gboolean done = FALSE;

  cd_repository_replay_outbox_async (fixture->repository, NULL, replay_cb, &done);
  WAIT_UNTIL (done);
}

static const char *
button_label (Fixture *fixture)
{
  GtkWidget *content = cd_outbox_button_get_part (fixture->button, "content");

  return adw_button_content_get_label (ADW_BUTTON_CONTENT (content));
}

static void
edit_summary_offline (Fixture    *fixture,
                      const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (memory_part (fixture, "summary_view"));

  g_signal_emit_by_name (memory_part (fixture, "summary_edit_button"), "clicked");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  g_signal_emit_by_name (memory_part (fixture, "summary_save_button"), "clicked");
  WAIT_UNTIL (has_toast (fixture, QUEUED_TOAST));
}

typedef struct
{
  CdMemory *memory;
  char     *etag;
  gboolean  done;
} Loaded;

static void
load_memory_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Loaded *loaded = user_data;

  loaded->memory = cd_repository_load_memory_finish (CD_REPOSITORY (object), result,
                                                     &loaded->etag, NULL);
  loaded->done = TRUE;
}

static void
save_summary_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Loaded *loaded = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&loaded->memory);
  loaded->memory = cd_repository_save_memory_summary_finish (CD_REPOSITORY (object), result,
                                                             NULL, &error);
  g_assert_no_error (error);
  loaded->done = TRUE;
}

/* What the server holds now, through a second client with its own cache. */
static char *
server_summary (Fixture *fixture)
{
  g_autofree char *cache = g_build_filename (fixture->tmp_dir, "other", NULL);
  g_autoptr(CdRepository) other = cd_repository_new (cd_demo_server_get_base_url (fixture->server),
                                                     NULL, NULL, cache);
  Loaded loaded = { NULL, NULL, FALSE };
  char *summary;

  cd_repository_load_memory_async (other, CD_DEMO_CONTACT_NAMED, NULL, load_memory_cb, &loaded);
  WAIT_UNTIL (loaded.done);
  g_assert_nonnull (loaded.memory);
  summary = g_strdup (cd_memory_get_summary (loaded.memory));
  g_clear_object (&loaded.memory);
  g_free (loaded.etag);
  return summary;
}

/* Someone else changes the summary on the server meanwhile. */
static void
change_summary_elsewhere (Fixture    *fixture,
                          const char *summary)
{
  g_autofree char *cache = g_build_filename (fixture->tmp_dir, "other", NULL);
  g_autoptr(CdRepository) other = cd_repository_new (cd_demo_server_get_base_url (fixture->server),
                                                     NULL, NULL, cache);
  Loaded loaded = { NULL, NULL, FALSE };

  cd_repository_load_memory_async (other, CD_DEMO_CONTACT_NAMED, NULL, load_memory_cb, &loaded);
  WAIT_UNTIL (loaded.done);
  g_assert_nonnull (loaded.etag);
  loaded.done = FALSE;
  cd_repository_save_memory_summary_async (other, CD_DEMO_CONTACT_NAMED, summary, loaded.etag,
                                           NULL, save_summary_cb, &loaded);
  WAIT_UNTIL (loaded.done);
  g_clear_object (&loaded.memory);
  g_free (loaded.etag);
}

/* The call logs' first page is cached by its stale-while-revalidate read (as
 * "Keep offline" does); the card's own list requests are network reads. */
static void
warm_call_logs_cache (Fixture *fixture)
{
  g_autoptr(CdResource) resource = cd_repository_open_call_logs (fixture->repository,
                                                                 CD_DEMO_CONTACT_NAMED, NULL);

  WAIT_UNTIL (cd_resource_get_state (resource) == CD_RESOURCE_FRESH);
}

/* --- tests ---------------------------------------------------------------- */

static void
test_as_of (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *call_logs_as_of = cd_call_logs_card_get_as_of_label (fixture->call_logs);

  load_fresh (fixture);
  g_assert_false (shown (memory_as_of (fixture)));
  g_assert_false (shown (follow_ups_as_of (fixture)));
  g_assert_false (shown (call_logs_as_of));

  warm_call_logs_cache (fixture);
  go_offline (fixture);
  WAIT_UNTIL (shown (follow_ups_as_of (fixture)) && shown (call_logs_as_of));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (memory_as_of (fixture))), "as of "));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (follow_ups_as_of (fixture))), "as of "));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (call_logs_as_of)), "as of "));
  /* The tooltip carries the full date. */
  g_assert_nonnull (gtk_widget_get_tooltip_text (memory_as_of (fixture)));

  /* Back online, the server's copies replace the cached ones and the captions go. */
  come_back (fixture);
  load_fresh (fixture);
  WAIT_UNTIL (!shown (memory_as_of (fixture)) && !shown (call_logs_as_of));
}

static void
test_rebuild_offline (Fixture       *fixture,
                      gconstpointer  data)
{
  load_fresh (fixture);
  g_assert_true (shown (memory_part (fixture, "rebuild_button")));
  g_assert_false (shown (memory_part (fixture, "rebuild_offline_label")));

  go_offline (fixture);
  /* Rebuild runs on the server: hidden, with the reason; edits stay (they queue). */
  g_assert_false (shown (memory_part (fixture, "rebuild_button")));
  g_assert_true (shown (memory_part (fixture, "rebuild_offline_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (memory_part (fixture, "rebuild_offline_label"))),
                   ==, "Rebuild needs a connection");
  g_assert_true (shown (memory_part (fixture, "summary_edit_button")));
}

static void
test_memory_pending_then_sent (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *text = "Prefers calls after 5 pm <b>not</b> & mornings";
  g_autofree char *on_server = NULL;

  load_fresh (fixture);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->button)));
  go_offline (fixture);
  edit_summary_offline (fixture, text);

  /* Shown at once, marked as not sent, and counted in the header button. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (memory_part (fixture, "summary_label"))), ==, text);
  g_assert_true (shown (memory_part (fixture, "summary_badge")));
  g_assert_false (shown (memory_part (fixture, "items_badge")));
  WAIT_UNTIL (cd_outbox_button_get_count (fixture->button) == 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->button)));
  g_assert_cmpstr (button_label (fixture), ==, "1 pending");

  come_back (fixture);
  replay (fixture);
  WAIT_UNTIL (cd_outbox_button_get_count (fixture->button) == 0);
  WAIT_UNTIL (!shown (memory_part (fixture, "summary_badge")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->button)));
  on_server = server_summary (fixture);
  g_assert_cmpstr (on_server, ==, text);
  /* The card fetches the server's copy (and an ETag to edit with) again. */
  WAIT_UNTIL (cd_memory_card_get_etag (fixture->memory) != NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (memory_part (fixture, "summary_label"))), ==, text);
}

static void
load_contact_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CdContact **out = user_data;

  *out = cd_repository_load_contact_finish (CD_REPOSITORY (object), result, NULL, NULL);
  g_assert_nonnull (*out);
}

static GtkWidget *
find_pending_row (GtkListBox *list)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (CD_IS_FOLLOW_UP_ROW (row) && cd_follow_up_row_get_pending (CD_FOLLOW_UP_ROW (row)))
      return GTK_WIDGET (row);
  return NULL;
}

static void
test_edit_dialog_offline (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CdContactActions) actions = cd_contact_actions_new (fixture->repository);
  g_autoptr(CdContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  CdEditDialog *dialog;

  g_signal_connect (actions, "toast", G_CALLBACK (on_toast), fixture);
  cd_repository_load_contact_async (fixture->repository, CD_DEMO_CONTACT_NAMED, NULL,
                                    load_contact_cb, &contact);
  WAIT_UNTIL (contact != NULL);
  load_fresh (fixture);
  go_offline (fixture);

  g_assert_true (cd_contact_actions_run (actions, GTK_WIDGET (fixture->memory), contact, "edit", &error));
  g_assert_no_error (error);
  dialog = CD_EDIT_DIALOG (cd_contact_actions_get_dialog (actions));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  /* Offline it edits the copy the page shows. */
  WAIT_UNTIL (cd_edit_dialog_get_loaded (dialog));
  gtk_editable_set_text (GTK_EDITABLE (cd_edit_dialog_get_input (dialog, "first_name")), "Offline");
  g_signal_emit_by_name (cd_edit_dialog_get_save_button (dialog), "clicked");
  WAIT_UNTIL (dialog == NULL);
  WAIT_UNTIL (has_toast (fixture, QUEUED_TOAST));
  g_assert_false (has_toast (fixture, "Contact saved"));
  WAIT_UNTIL (cd_outbox_button_get_count (fixture->button) == 1);
  g_assert_cmpstr (button_label (fixture), ==, "1 pending");
}

static void
test_dnc_offline (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CdContactActions) actions = cd_contact_actions_new (fixture->repository);
  g_autoptr(CdContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  guint added;

  g_signal_connect (actions, "toast", G_CALLBACK (on_toast), fixture);
  cd_repository_load_contact_async (fixture->repository, CD_DEMO_CONTACT_NAMED, NULL,
                                    load_contact_cb, &contact);
  WAIT_UNTIL (contact != NULL);
  load_fresh (fixture);
  go_offline (fixture);

  g_assert_true (cd_contact_actions_run (actions, GTK_WIDGET (fixture->memory), contact, "toggle-dnc", &error));
  g_assert_no_error (error);
  dialog = ADW_MESSAGE_DIALOG (cd_contact_actions_get_dialog (actions));
  adw_message_dialog_response (dialog, "add-dnc");
  if (cd_contact_actions_get_dialog (actions) == GTK_WINDOW (dialog))
    gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_UNTIL (has_toast (fixture, QUEUED_TOAST));
  g_assert_false (has_toast (fixture, "Added to the Do-Not-Call list"));
  WAIT_UNTIL (cd_outbox_button_get_count (fixture->button) == 1);

  /* Sent once the server is back. */
  added = cd_demo_server_get_mutation_count (fixture->server, "POST", "/dnc_entries");
  come_back (fixture);
  replay (fixture);
  WAIT_UNTIL (cd_outbox_button_get_count (fixture->button) == 0);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (fixture->server, "POST", "/dnc_entries"),
                    ==, added + 1);
}

/* Follow-ups offline: a cancel is queued and its row says "Pending". */
static void
test_follow_up_offline (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *view = cd_follow_ups_card_get_part (fixture->follow_ups, "view");
  GtkListBox *list = GTK_LIST_BOX (cd_follow_ups_view_get_part (CD_FOLLOW_UPS_VIEW (view), "list_box"));
  GtkWidget *pending = NULL;
  CdFollowUp *follow_up = NULL;
  GtkWidget *dialog;
  GtkListBoxRow *row;

  cd_follow_ups_card_load (fixture->follow_ups, CD_DEMO_CONTACT_FOLLOW_UPS);
  WAIT_UNTIL (g_strcmp0 (follow_ups_state (fixture), "list") == 0);
  cd_demo_server_stop (fixture->server);
  cd_follow_ups_card_load (fixture->follow_ups, CD_DEMO_CONTACT_FOLLOW_UPS);
  WAIT_UNTIL (shown (follow_ups_as_of (fixture)));
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (CD_IS_FOLLOW_UP_ROW (row) &&
        cd_follow_up_get_status (cd_follow_up_row_get_follow_up (CD_FOLLOW_UP_ROW (row))) == CD_FOLLOW_UP_STATUS_SCHEDULED)
      {
        follow_up = cd_follow_up_row_get_follow_up (CD_FOLLOW_UP_ROW (row));
        break;
      }
  g_assert_nonnull (follow_up);
  dialog = cd_follow_ups_view_run_action (CD_FOLLOW_UPS_VIEW (view), follow_up,
                                          CD_FOLLOW_UP_ACTIONS_CANCEL);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  WAIT_UNTIL ((pending = find_pending_row (list)) != NULL);
  g_assert_true (gtk_widget_get_mapped (cd_follow_up_row_get_part (CD_FOLLOW_UP_ROW (pending),
                                                                   "pending_badge")));
  g_assert_cmpint (cd_follow_up_get_status (cd_follow_up_row_get_follow_up (CD_FOLLOW_UP_ROW (pending))),
                   ==, CD_FOLLOW_UP_STATUS_CANCELLED);
}

static CdOutboxEntry *
first_entry (Fixture *fixture)
{
  GListModel *outbox = cd_repository_get_outbox (fixture->repository);

  g_assert_cmpuint (g_list_model_get_n_items (outbox), >, 0);
  return g_list_model_get_item (outbox, 0);
}

static void
test_conflict_keep_mine (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *mine = "Mine: <i>call</i> on Fridays";
  const char *theirs = "Theirs: call on Mondays & Tuesdays";
  g_autoptr(CdOutboxEntry) entry = NULL;
  g_autofree char *resolve_name = NULL;
  g_autofree char *on_server = NULL;
  GtkWindow *dialog;
  GtkWidget *part;

  /* Someone changes the summary after this device cached it, then the
   * connection goes and the user edits the cached copy. */
  load_fresh (fixture);
  change_summary_elsewhere (fixture, theirs);
  go_offline (fixture);
  edit_summary_offline (fixture, mine);
  come_back (fixture);
  replay (fixture);

  /* Never overwritten silently: the entry waits as a conflict. */
  entry = first_entry (fixture);
  WAIT_UNTIL (cd_outbox_entry_get_state (entry) == CD_OUTBOX_CONFLICT);
  g_assert_cmpuint (cd_outbox_button_get_count (fixture->button), ==, 1);
  resolve_name = g_strdup_printf ("resolve:%" G_GINT64_FORMAT, cd_outbox_entry_get_seq (entry));
  part = cd_outbox_button_get_part (fixture->button, resolve_name);
  g_assert_nonnull (part);
  g_assert_true (gtk_widget_get_visible (part));
  g_signal_emit_by_name (part, "clicked");
  dialog = cd_outbox_button_get_dialog (fixture->button);
  g_assert_true (CD_IS_CONFLICT_DIALOG (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* Both values, as plain text (markup characters stay characters). */
  part = cd_conflict_dialog_get_part (CD_CONFLICT_DIALOG (dialog), "mine:summary");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part)), ==, mine);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (part)));
  part = cd_conflict_dialog_get_part (CD_CONFLICT_DIALOG (dialog), "theirs:summary");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part)), ==, theirs);

  g_signal_emit_by_name (cd_conflict_dialog_get_part (CD_CONFLICT_DIALOG (dialog), "keep_button"),
                         "clicked");
  WAIT_UNTIL (dialog == NULL);
  WAIT_UNTIL (cd_outbox_button_get_count (fixture->button) == 0);
  on_server = server_summary (fixture);
  g_assert_cmpstr (on_server, ==, mine);
}

static void
test_conflict_edit (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CdOutboxEntry) entry = NULL;
  g_autofree char *on_server = NULL;
  CdConflictDialog *dialog;
  GtkWidget *row;

  load_fresh (fixture);
  change_summary_elsewhere (fixture, "Theirs");
  go_offline (fixture);
  edit_summary_offline (fixture, "Mine");
  come_back (fixture);
  replay (fixture);
  entry = first_entry (fixture);
  WAIT_UNTIL (cd_outbox_entry_get_state (entry) == CD_OUTBOX_CONFLICT);

  dialog = cd_conflict_dialog_new (fixture->repository, entry);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_emit_by_name (cd_conflict_dialog_get_part (dialog, "edit_button"), "clicked");
  row = cd_conflict_dialog_get_part (dialog, "entry:summary");
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Mine");
  gtk_editable_set_text (GTK_EDITABLE (row), "Mine and theirs, merged");
  g_signal_emit_by_name (cd_conflict_dialog_get_part (dialog, "send_button"), "clicked");
  WAIT_UNTIL (dialog == NULL);
  WAIT_UNTIL (cd_outbox_button_get_count (fixture->button) == 0);
  on_server = server_summary (fixture);
  g_assert_cmpstr (on_server, ==, "Mine and theirs, merged");
}

static void
test_discard (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CdOutboxEntry) entry = NULL;
  g_autofree char *name = NULL;
  GtkWindow *dialog;

  load_fresh (fixture);
  go_offline (fixture);
  edit_summary_offline (fixture, "Not wanted after all");
  WAIT_UNTIL (cd_outbox_button_get_count (fixture->button) == 1);
  entry = first_entry (fixture);
  name = g_strdup_printf ("discard:%" G_GINT64_FORMAT, cd_outbox_entry_get_seq (entry));
  g_signal_emit_by_name (cd_outbox_button_get_part (fixture->button, name), "clicked");
  dialog = cd_outbox_button_get_dialog (fixture->button);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  /* Keep: nothing happens. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_cmpuint (cd_outbox_button_get_count (fixture->button), ==, 1);
  g_signal_emit_by_name (cd_outbox_button_get_part (fixture->button, name), "clicked");
  dialog = cd_outbox_button_get_dialog (fixture->button);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  WAIT_UNTIL (cd_outbox_button_get_count (fixture->button) == 0);
  WAIT_UNTIL (!shown (memory_part (fixture, "summary_badge")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->button)));
}

/* The caption's wording in the profile zone: time today, day and time this
 * year, the full date before. */
static void
test_as_of_format (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2026, 11, 23, 18, 0, 0);
  g_autoptr(GDateTime) today = g_date_time_new_utc (2026, 11, 23, 9, 42, 0);
  g_autoptr(GDateTime) earlier = g_date_time_new_utc (2026, 11, 3, 9, 42, 0);
  g_autoptr(GDateTime) last_year = g_date_time_new_utc (2025, 11, 3, 9, 42, 0);
  /* 23:30 UTC is already tomorrow in Berlin. */
  g_autoptr(GDateTime) late = g_date_time_new_utc (2026, 11, 22, 23, 30, 0);
  g_autofree char *a = cd_offline_ui_format_as_of (today, zone, now);
  g_autofree char *b = cd_offline_ui_format_as_of (earlier, zone, now);
  g_autofree char *c = cd_offline_ui_format_as_of (last_year, zone, now);
  g_autofree char *d = cd_offline_ui_format_as_of (late, zone, now);
  g_autofree char *e = cd_offline_ui_format_as_of (NULL, zone, now);

  g_assert_cmpstr (a, ==, "as of 10:42");
  g_assert_cmpstr (b, ==, "as of 3 Nov, 10:42");
  g_assert_cmpstr (c, ==, "as of 3 Nov 2025, 10:42");
  g_assert_cmpstr (d, ==, "as of 00:30");
  g_assert_cmpstr (e, ==, "offline copy");
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

  g_test_add_func ("/outbox/as-of-format", test_as_of_format);
  ADD ("/outbox/as-of", test_as_of);
  ADD ("/outbox/rebuild-offline", test_rebuild_offline);
  ADD ("/outbox/memory-pending-then-sent", test_memory_pending_then_sent);
  ADD ("/outbox/edit-dialog-offline", test_edit_dialog_offline);
  ADD ("/outbox/dnc-offline", test_dnc_offline);
  ADD ("/outbox/follow-up-offline", test_follow_up_offline);
  ADD ("/outbox/conflict-keep-mine", test_conflict_keep_mine);
  ADD ("/outbox/conflict-edit", test_conflict_edit);
  ADD ("/outbox/discard", test_discard);
  return g_test_run ();
}
