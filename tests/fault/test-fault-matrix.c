/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

/*
 * The fault matrix of issue #11: one test case per row, each against the real
 * in-process demo backend and the real window (contact page, cards, Edit
 * dialog).  Every row checks what the user sees (page state, banner, status
 * text, the offline-cache notice) and that no user edit is lost: an unsaved
 * change in the Edit dialog survives the fault and is saved once the server
 * recovers, or a saved change survives a restart.
 */

#include <glib/gstdio.h>

#include "cd-application.h"
#include "cd-cache.h"
#include "cd-call-detail-page.h"
#include "cd-contact.h"
#include "cd-contact-page.h"
#include "cd-demo-server.h"
#include "cd-edit-dialog-private.h"
#include "cd-repository-outbox.h"
#include "cd-repository-private.h"
#include "cd-repository-sessions.h"
#include "cd-window.h"
#include "../cd-test-util.h"

#define DEADLINE_S 30

/* The field every row edits, and what the user typed. */
#define EDIT_MEMBER "company"
#define CONTACT     CD_DEMO_CONTACT_NAMED
#define CONTACT_PATH "/contacts/501"

static gboolean have_session_bus;
static char *session_bus_address;

typedef struct
{
  char         *tmp_dir;
  char         *cache_dir;
  CdDemoServer *server;
  guint         port;
  CdRepository *repository;
  CdWindow     *window;
  CdEditDialog *dialog;   /* weak */
  CdContact    *saved;    /* what the dialog reported as saved */
  guint         loads;    /* the page went to loading or stale */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;

  /* Isolated XDG dirs hide the MIME database that GTK needs for symbolic SVG icons. */
  g_content_type_set_mime_dirs ((const char * const[]) { "/usr/share/mime", NULL });
  fixture->tmp_dir = g_dir_make_tmp ("cd-test-fault-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->tmp_dir, "demo.sqlite", NULL);
  fixture->server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);
  fixture->port = cd_demo_server_get_port (fixture->server);
  fixture->cache_dir = g_build_filename (fixture->tmp_dir, "cache", NULL);
  g_mkdir_with_parents (fixture->cache_dir, 0700);
}

/* Destroys @window and waits for pending async work to drop its references. */
static void
destroy_window (CdWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (G_OBJECT (window)->ref_count == 1);
  g_assert_finalize_object (window);
}

/* "Quits the app": closes the dialog and the window, drops the repository. */
static void
close_app (Fixture *fixture)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  g_assert_null (fixture->dialog);
  if (fixture->window != NULL)
    destroy_window (g_steal_pointer (&fixture->window));
  g_clear_object (&fixture->saved);
  g_clear_object (&fixture->repository);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  close_app (fixture);
  cd_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  g_chmod (fixture->cache_dir, 0700);
  remove_tree (fixture->tmp_dir);
  g_clear_pointer (&fixture->cache_dir, g_free);
  g_clear_pointer (&fixture->tmp_dir, g_free);
}

static void
on_state_changed (CdContactPage *contact_page,
                  GParamSpec    *pspec,
                  Fixture       *fixture)
{
  CdResourceState now = cd_contact_page_get_state (contact_page);

  if (now == CD_RESOURCE_LOADING || now == CD_RESOURCE_STALE)
    fixture->loads++;
}

/* "Starts the app" on the demo server's URL with the fixture's cache directory. */
static void
open_app (Fixture *fixture)
{
  g_autofree char *base_url = g_strdup_printf ("http://127.0.0.1:%u/api/v1", fixture->port);

  fixture->repository = cd_repository_new (base_url, NULL, NULL, fixture->cache_dir);
  fixture->window = cd_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  cd_window_set_repository (fixture->window, fixture->repository);
  g_signal_connect (cd_window_get_page (fixture->window), "notify::state",
                    G_CALLBACK (on_state_changed), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
restart_server (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  cd_demo_server_start (fixture->server, fixture->port, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_demo_server_get_port (fixture->server), ==, fixture->port);
}

static CdContactPage *
page (Fixture *fixture)
{
  return CD_CONTACT_PAGE (cd_window_get_page (fixture->window));
}

static GtkWidget *
part (Fixture    *fixture,
      const char *name)
{
  GtkWidget *widget = cd_contact_page_get_part (page (fixture), name);

  g_assert_nonnull (widget);
  return widget;
}

static CdResourceState
state (Fixture *fixture)
{
  return cd_contact_page_get_state (page (fixture));
}

static gboolean
settled (Fixture *fixture,
         gint64   id)
{
  return cd_contact_page_get_contact_id (page (fixture)) == id &&
         state (fixture) != CD_RESOURCE_LOADING && state (fixture) != CD_RESOURCE_STALE;
}

static void
open_contact (Fixture *fixture,
              gint64   id)
{
  cd_window_open_contact (fixture->window, id);
  WAIT_UNTIL (settled (fixture, id));
  /* Let the frame clock lay out and map what became visible. */
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The user presses Refresh; waits until the page settles in @expected. */
static void
refresh (Fixture         *fixture,
         CdResourceState  expected)
{
  guint loads = fixture->loads;

  gtk_widget_activate_action (GTK_WIDGET (page (fixture)), "contact.refresh", NULL);
  WAIT_UNTIL (fixture->loads > loads && settled (fixture, CONTACT));
  g_assert_cmpint (state (fixture), ==, expected);
}

static const char *
stack_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (part (fixture, "stack")));
}

/* The banner above the page once it is shown. */
static const char *
banner (Fixture *fixture)
{
  WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (part (fixture, "banner_revealer"))));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "banner_label")));
  return gtk_label_get_text (GTK_LABEL (part (fixture, "banner_label")));
}

/* The cached contact is still shown, with a "couldn't refresh" banner. */
static void
assert_refresh_failed (Fixture *fixture)
{
  g_assert_cmpint (state (fixture), ==, CD_RESOURCE_ERROR);
  g_assert_cmpstr (stack_page (fixture), ==, "content");
  g_assert_cmpstr (cd_contact_page_get_title (page (fixture)), ==, "Rahul Mehta");
  g_assert_true (g_str_has_prefix (banner (fixture), "Couldn’t refresh — showing data from "));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "banner_retry_button")));
}

/* The cached contact is still shown, as offline (no answer in time). */
static void
assert_offline_cached (Fixture *fixture)
{
  g_assert_cmpint (state (fixture), ==, CD_RESOURCE_OFFLINE);
  g_assert_cmpstr (stack_page (fixture), ==, "content");
  g_assert_cmpstr (cd_contact_page_get_title (page (fixture)), ==, "Rahul Mehta");
  g_assert_true (g_str_has_prefix (banner (fixture), "Offline — showing data saved "));
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
}

static void
assert_fresh (Fixture *fixture)
{
  g_assert_cmpint (state (fixture), ==, CD_RESOURCE_FRESH);
  g_assert_cmpstr (stack_page (fixture), ==, "content");
  WAIT_UNTIL (!gtk_revealer_get_reveal_child (GTK_REVEALER (part (fixture, "banner_revealer"))));
}

/* ---- the user's edit ----------------------------------------------------- */

static void
on_contact_changed (CdEditDialog *dialog,
                    CdContact    *contact,
                    Fixture      *fixture)
{
  g_set_object (&fixture->saved, contact);
}

static const char *
edit_text (Fixture *fixture)
{
  return gtk_editable_get_text (GTK_EDITABLE (cd_edit_dialog_get_input (fixture->dialog, EDIT_MEMBER)));
}

/* Opens Edit on the contact shown and types @text, without saving. */
static void
start_edit (Fixture    *fixture,
            const char *text)
{
  CdContact *contact = CD_CONTACT (cd_resource_get_value (cd_contact_page_get_resource (page (fixture))));

  g_assert_nonnull (contact);
  fixture->dialog = cd_edit_dialog_new (fixture->repository, contact);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  g_signal_connect (fixture->dialog, "contact-changed", G_CALLBACK (on_contact_changed), fixture);
  gtk_window_set_transient_for (GTK_WINDOW (fixture->dialog), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  WAIT_UNTIL (cd_edit_dialog_get_loaded (fixture->dialog));
  gtk_editable_set_text (GTK_EDITABLE (cd_edit_dialog_get_input (fixture->dialog, EDIT_MEMBER)), text);
}

/* The dialog is still open with the user's text, and Save can be pressed again. */
static void
assert_edit_kept (Fixture    *fixture,
                  const char *text)
{
  g_assert_nonnull (fixture->dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->dialog)));
  g_assert_cmpstr (edit_text (fixture), ==, text);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (cd_edit_dialog_get_save_button (fixture->dialog))));
}

static void
click_save (Fixture *fixture)
{
  GtkButton *save = cd_edit_dialog_get_save_button (fixture->dialog);

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (save)));
  g_signal_emit_by_name (save, "clicked");
  g_assert_true (fixture->dialog == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (save)));
}

/* Save fails visibly; nothing the user typed is lost. */
static void
save_fails (Fixture    *fixture,
            const char *text)
{
  GtkLabel *error_label = cd_edit_dialog_get_error_label (fixture->dialog);

  click_save (fixture);
  WAIT_UNTIL (fixture->dialog == NULL ||
              gtk_widget_get_sensitive (GTK_WIDGET (cd_edit_dialog_get_save_button (fixture->dialog))));
  g_assert_null (fixture->saved);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), !=, "");
  assert_edit_kept (fixture, text);
}

static CdContact *
shown_contact (Fixture *fixture)
{
  return CD_CONTACT (cd_resource_get_value (cd_contact_page_get_resource (page (fixture))));
}

/* The server already has what the user typed (its answer was lost on the way). */
static void
assert_edit_on_server (Fixture    *fixture,
                       const char *text)
{
  g_autofree char *body = cd_demo_server_dup_last_body (fixture->server, CONTACT_PATH);
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", text);

  g_assert_nonnull (body);
  g_assert_nonnull (strstr (body, quoted));
}

/* Save succeeds: the dialog closes and the server has what the user typed. */
static void
save_succeeds (Fixture    *fixture,
               const char *text)
{
  click_save (fixture);
  WAIT_UNTIL (fixture->dialog == NULL ||
              gtk_widget_get_sensitive (GTK_WIDGET (cd_edit_dialog_get_save_button (fixture->dialog))));
  if (fixture->dialog != NULL)
    g_error ("Save failed: %s (conflict box %s)",
             gtk_label_get_text (cd_edit_dialog_get_error_label (fixture->dialog)),
             gtk_widget_get_visible (cd_edit_dialog_get_conflict_box (fixture->dialog)) ? "shown" : "hidden");
  g_assert_nonnull (fixture->saved);
  g_assert_cmpstr (cd_contact_get_company (fixture->saved), ==, text);
  assert_edit_on_server (fixture, text);
}

/*
 * One row whose fault hits both the page's refresh and the dialog's save: the page
 * keeps its cached contact under a banner and the edit survives the failed save.
 * A fault before the route (@applied FALSE) leaves the server unchanged: saving
 * again once it is healthy stores the edit.  A fault that replaces the answer of
 * an applied save (@applied TRUE: the response was lost in transit) leaves the
 * edit on the server: the page shows it once it can refresh.
 */
static void
refresh_and_save_through_fault (Fixture     *fixture,
                                CdDemoFault  fault,
                                guint        status,
                                gboolean     applied,
                                const char  *text)
{
  guint patches;

  open_app (fixture);
  open_contact (fixture, CONTACT);
  assert_fresh (fixture);
  start_edit (fixture, text);

  cd_demo_server_inject_fault (fixture->server, CONTACT_PATH, fault, status, 1000);
  refresh (fixture, CD_RESOURCE_ERROR);
  assert_refresh_failed (fixture);
  patches = cd_demo_server_get_mutation_count (fixture->server, "PATCH", CONTACT_PATH);
  save_fails (fixture, text);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (fixture->server, "PATCH", CONTACT_PATH), ==,
                    patches + (applied ? 1 : 0));

  cd_demo_server_clear_faults (fixture->server);
  if (applied)
    {
      assert_edit_on_server (fixture, text);
      gtk_window_destroy (GTK_WINDOW (fixture->dialog));
    }
  else
    {
      save_succeeds (fixture, text);
    }
  refresh (fixture, CD_RESOURCE_FRESH);
  assert_fresh (fixture);
  g_assert_cmpstr (cd_contact_get_company (shown_contact (fixture)), ==, text);
}

/* ---- rows ---------------------------------------------------------------- */

/* Server down at start: the last session's saved edit is shown from the cache. */
static void
test_server_down_at_start (Fixture *fixture, gconstpointer data)
{
  AdwStatusPage *status;

  open_app (fixture);
  open_contact (fixture, CONTACT);
  start_edit (fixture, "Saved Before Restart Ltd");
  save_succeeds (fixture, "Saved Before Restart Ltd");
  close_app (fixture);

  cd_demo_server_stop (fixture->server);
  open_app (fixture);
  open_contact (fixture, CONTACT);
  assert_offline_cached (fixture);
  g_assert_cmpstr (cd_contact_get_company (shown_contact (fixture)),
                   ==, "Saved Before Restart Ltd");

  /* A contact never seen before (not even in the finder's list): nothing to
   * show, and the page says why. */
  open_contact (fixture, 99999);
  g_assert_null (cd_resource_get_value (cd_contact_page_get_resource (page (fixture))));
  g_assert_cmpstr (stack_page (fixture), ==, "error");
  status = ADW_STATUS_PAGE (part (fixture, "error_page"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_cmpstr (adw_status_page_get_title (status), !=, "");
  g_assert_true (gtk_widget_get_mapped (part (fixture, "error_retry_button")));

  /* The server comes up: Retry gets its real answer, and the contact is fresh. */
  restart_server (fixture);
  g_signal_emit_by_name (part (fixture, "error_retry_button"), "clicked");
  WAIT_UNTIL (state (fixture) == CD_RESOURCE_NOT_FOUND);
  g_assert_cmpstr (stack_page (fixture), ==, "not-found");
  open_contact (fixture, CONTACT);
  assert_fresh (fixture);
  g_assert_cmpstr (cd_contact_get_company (shown_contact (fixture)),
                   ==, "Saved Before Restart Ltd");
}

/*
 * The server dies while the page reloads: offline banner.  Saving then queues
 * the edit in the outbox (committed to SQLite); it survives quitting the app and
 * is sent by itself once the server is back.
 */
static void
test_server_killed_mid_load (Fixture *fixture, gconstpointer data)
{
  const char *text = "Killed Mid Load GmbH";
  g_autofree char *body = NULL;

  open_app (fixture);
  open_contact (fixture, CONTACT);
  start_edit (fixture, text);

  cd_demo_server_set_latency_ms (fixture->server, 2000);
  gtk_widget_activate_action (GTK_WIDGET (page (fixture)), "contact.refresh", NULL);
  WAIT_UNTIL (state (fixture) == CD_RESOURCE_STALE || state (fixture) == CD_RESOURCE_LOADING);
  cd_demo_server_stop (fixture->server);
  WAIT_UNTIL (settled (fixture, CONTACT));
  assert_offline_cached (fixture);

  click_save (fixture);
  WAIT_UNTIL (fixture->saved != NULL && fixture->dialog == NULL);
  g_assert_cmpstr (cd_contact_get_company (fixture->saved), ==, text);
  g_assert_cmpuint (cd_repository_get_pending_count (fixture->repository, CONTACT), ==, 1);
  body = cd_demo_server_dup_last_body (fixture->server, CONTACT_PATH);
  g_assert_null (body);

  /* Quit while offline, start again: the queued edit is still there. */
  close_app (fixture);
  open_app (fixture);
  WAIT_UNTIL (cd_repository_get_pending_count (fixture->repository, CONTACT) == 1);
  open_contact (fixture, CONTACT);
  assert_offline_cached (fixture);
  g_assert_cmpstr (cd_contact_get_company (shown_contact (fixture)), ==, text);

  /* The server is back: the outbox empties into it by itself. */
  cd_demo_server_set_latency_ms (fixture->server, 0);
  restart_server (fixture);
  refresh (fixture, CD_RESOURCE_FRESH);
  WAIT_UNTIL (cd_repository_get_pending_count (fixture->repository, CONTACT) == 0);
  assert_edit_on_server (fixture, text);
  refresh (fixture, CD_RESOURCE_FRESH);
  assert_fresh (fixture);
  g_assert_cmpstr (cd_contact_get_company (shown_contact (fixture)), ==, text);
}

static void
test_status_500 (Fixture *fixture, gconstpointer data)
{
  refresh_and_save_through_fault (fixture, CD_DEMO_FAULT_STATUS, 500, FALSE, "Five Hundred Inc");
}

/* 429: one with Retry-After is waited out on its own; a persistent one is shown. */
static void
test_rate_limited_429 (Fixture *fixture, gconstpointer data)
{
  const char *text = "Rate Limited LLC";
  guint before;

  open_app (fixture);
  open_contact (fixture, CONTACT);
  start_edit (fixture, text);

  before = cd_demo_server_get_request_count (fixture->server);
  cd_demo_server_inject_fault (fixture->server, CONTACT_PATH, CD_DEMO_FAULT_STATUS, 429, 1);
  refresh (fixture, CD_RESOURCE_FRESH);
  assert_fresh (fixture);
  /* The 429 and the retry after its Retry-After: 1. */
  g_assert_cmpuint (cd_demo_server_get_request_count (fixture->server) - before, >=, 2);

  cd_demo_server_inject_fault (fixture->server, CONTACT_PATH, CD_DEMO_FAULT_STATUS, 429, 1000);
  refresh (fixture, CD_RESOURCE_ERROR);
  assert_refresh_failed (fixture);
  save_fails (fixture, text);

  cd_demo_server_clear_faults (fixture->server);
  save_succeeds (fixture, text);
}

/* Headers arrive, the body never ends: the request times out. */
static void
test_stalled_body (Fixture *fixture, gconstpointer data)
{
  const char *text = "Stalled Body Co";

  open_app (fixture);
  /* Short limits keep the row quick; the defaults are 5 s / 20 s. */
  cd_api_client_set_timeouts (cd_repository_get_api_client (fixture->repository), 2000, 2000);
  open_contact (fixture, CONTACT);
  start_edit (fixture, text);

  /* No answer in time is treated like no connection: offline, from the cache,
   * and the save waits in the outbox. */
  cd_demo_server_inject_fault (fixture->server, CONTACT_PATH, CD_DEMO_FAULT_STALL, 0, 1000);
  refresh (fixture, CD_RESOURCE_OFFLINE);
  assert_offline_cached (fixture);
  click_save (fixture);
  WAIT_UNTIL (fixture->saved != NULL && fixture->dialog == NULL);
  g_assert_cmpuint (cd_repository_get_pending_count (fixture->repository, CONTACT), ==, 1);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (fixture->server, "PATCH", CONTACT_PATH), ==, 0);

  /* Answers flow again: the outbox empties into the server. */
  cd_demo_server_clear_faults (fixture->server);
  refresh (fixture, CD_RESOURCE_FRESH);
  WAIT_UNTIL (cd_repository_get_pending_count (fixture->repository, CONTACT) == 0);
  assert_edit_on_server (fixture, text);
}

static void
test_malformed_json (Fixture *fixture, gconstpointer data)
{
  refresh_and_save_through_fault (fixture, CD_DEMO_FAULT_MALFORMED_JSON, 0, TRUE, "Malformed Json AG");
}

static void
test_wrong_member_types (Fixture *fixture, gconstpointer data)
{
  refresh_and_save_through_fault (fixture, CD_DEMO_FAULT_WRONG_TYPES, 0, TRUE, "Wrong Types SA");
}

static void
test_huge_response (Fixture *fixture, gconstpointer data)
{
  refresh_and_save_through_fault (fixture, CD_DEMO_FAULT_HUGE, 0, TRUE, "Ten Megabytes BV");
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A session of the contact that has a recording. */
static gint64
recorded_session (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdSessionFilter) filter = cd_session_filter_new (CONTACT);
  g_autoptr(CdSessionPage) sessions = NULL;
  g_autoptr(GError) error = NULL;

  cd_repository_list_sessions_async (fixture->repository, filter, NULL, 100, NULL,
                                     store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  sessions = cd_repository_list_sessions_finish (fixture->repository, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (sessions->items); i++)
    {
      g_autoptr(CdVoiceSession) s = g_list_model_get_item (sessions->items, i);

      if (cd_voice_session_get_has_recording (s))
        return cd_voice_session_get_id (s);
    }
  g_assert_not_reached ();
}

/* The recording redirects to itself forever: the player says so, nothing else breaks. */
static void
test_recording_redirect_loop (Fixture *fixture, gconstpointer data)
{
  const char *text = "Redirect Loop Pty";
  g_autofree char *path = NULL;
  CdCallDetailPage *detail;
  gint64 session_id;

  open_app (fixture);
  open_contact (fixture, CONTACT);
  start_edit (fixture, text);

  session_id = recorded_session (fixture);
  path = g_strdup_printf ("/voice_sessions/%" G_GINT64_FORMAT "/recording", session_id);
  cd_demo_server_inject_fault (fixture->server, path, CD_DEMO_FAULT_REDIRECT_LOOP, 0, 1000);
  detail = CD_CALL_DETAIL_PAGE (cd_call_detail_page_new (fixture->repository, session_id, "Rahul Mehta"));
  cd_contact_page_push (page (fixture), GTK_WIDGET (detail));
  WAIT_UNTIL (cd_call_detail_page_get_state (detail) != CD_CALL_DETAIL_LOADING);
  g_assert_cmpint (cd_call_detail_page_get_state (detail), ==, CD_CALL_DETAIL_READY);
  WAIT_UNTIL (cd_call_detail_page_get_recording_state (detail) != CD_RECORDING_LOADING);
  g_assert_cmpint (cd_call_detail_page_get_recording_state (detail), ==, CD_RECORDING_UNAVAILABLE);
  g_assert_nonnull (cd_call_detail_page_get_recording_reason (detail));
  g_assert_cmpstr (cd_call_detail_page_get_recording_reason (detail), !=, "");
  g_assert_null (cd_call_detail_page_get_recording_file (detail));
  /* The loop is bounded: a handful of hops, not a thousand. */
  g_assert_cmpuint (cd_demo_server_get_request_count (fixture->server), <, 100);

  g_assert_true (cd_contact_page_pop (page (fixture)));
  g_assert_cmpint (state (fixture), ==, CD_RESOURCE_FRESH);
  assert_edit_kept (fixture, text);
  save_succeeds (fixture, text);
}

/*
 * The cache directory cannot be written (read-only, or full): the app works
 * from the network, says that nothing is kept for offline use, and saves edits.
 * The database path is taken by a directory, which stops even root; the mode
 * makes the directory read-only for everyone else.
 */
static void
test_cache_unwritable (Fixture *fixture, gconstpointer data)
{
  const char *text = "Read Only Cache Oy";
  g_autofree char *base_url = g_strdup_printf ("http://127.0.0.1:%u/api/v1", fixture->port);
  g_autofree char *db_path = cd_cache_build_path (fixture->cache_dir, base_url, NULL);
  const char *notice;

  g_assert_cmpint (g_mkdir (db_path, 0500), ==, 0);
  g_assert_cmpint (g_chmod (fixture->cache_dir, 0500), ==, 0);

  open_app (fixture);
  open_contact (fixture, CONTACT);
  assert_fresh (fixture);
  g_assert_cmpstr (cd_contact_page_get_title (page (fixture)), ==, "Rahul Mehta");
  WAIT_UNTIL (cd_repository_get_notice (fixture->repository) != NULL);
  notice = cd_repository_get_notice (fixture->repository);
  g_assert_true (g_str_has_prefix (notice, "The offline cache "));
  g_assert_nonnull (strstr (notice, "not saved for offline use"));

  start_edit (fixture, text);
  save_succeeds (fixture, text);
  /* Away and back: nothing cached, so the page shows the server's copy. */
  open_contact (fixture, CD_DEMO_CONTACT_PHONE_ONLY);
  open_contact (fixture, CONTACT);
  assert_fresh (fixture);
  g_assert_cmpstr (cd_contact_get_company (shown_contact (fixture)), ==, text);
  g_assert_true (g_file_test (db_path, G_FILE_TEST_IS_DIR));
}

/* Damaged cache file: moved aside (never deleted), a fresh cache, the user told. */
static void
test_cache_corrupt (Fixture *fixture, gconstpointer data)
{
  const char *text = "Corrupt Cache Kft";
  g_autofree char *base_url = g_strdup_printf ("http://127.0.0.1:%u/api/v1", fixture->port);
  g_autofree char *db_path = cd_cache_build_path (fixture->cache_dir, base_url, NULL);
  g_autofree char *wal_path = g_strconcat (db_path, "-wal", NULL);
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  gboolean kept_aside = FALSE;
  const char *name;

  open_app (fixture);
  open_contact (fixture, CONTACT);
  close_app (fixture);
  /* The app has quit: the cache is closed (its write-ahead log checkpointed). */
  WAIT_UNTIL (!g_file_test (wal_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (db_path, G_FILE_TEST_IS_REGULAR));
  for (int i = 0; i < 4096; i++)
    g_string_append (garbage, "not a database ");
  g_file_set_contents (db_path, garbage->str, garbage->len, &error);
  g_assert_no_error (error);

  open_app (fixture);
  open_contact (fixture, CONTACT);
  assert_fresh (fixture);
  g_assert_cmpstr (cd_contact_page_get_title (page (fixture)), ==, "Rahul Mehta");
  WAIT_UNTIL (cd_repository_get_notice (fixture->repository) != NULL);
  g_assert_cmpstr (cd_repository_get_notice (fixture->repository), ==,
                   "The offline cache was damaged and has been reset");
  dir = g_dir_open (fixture->cache_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    kept_aside |= strstr (name, ".corrupt-") != NULL;
  g_assert_true (kept_aside);

  start_edit (fixture, text);
  save_succeeds (fixture, text);
  close_app (fixture);

  /* The new cache works: offline, the saved edit is there. */
  cd_demo_server_stop (fixture->server);
  open_app (fixture);
  open_contact (fixture, CONTACT);
  g_assert_cmpint (state (fixture), ==, CD_RESOURCE_OFFLINE);
  g_assert_cmpstr (cd_contact_get_company (shown_contact (fixture)),
                   ==, text);
}

/* ---- two app instances --------------------------------------------------- */

typedef struct
{
  Fixture       *fixture;
  CdApplication *app;
} AppTest;

static void
subprocess_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static guint
count_main_windows (CdApplication *app)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    n += CD_IS_WINDOW (l->data);
  return n;
}

static gboolean
two_instances_body (gpointer user_data)
{
  AppTest *test = user_data;
  Fixture *fixture = test->fixture;
  const char *text = "Two Instances Sarl";
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  /* The window of the first instance, with the user's unsaved edit open. */
  fixture->window = g_object_ref (cd_application_get_main_window (test->app));
  fixture->repository = g_object_ref (cd_window_get_repository (fixture->window));
  WAIT_UNTIL (settled (fixture, CONTACT));
  start_edit (fixture, text);
  g_assert_true (g_application_get_is_registered (G_APPLICATION (test->app)));
  g_assert_false (g_application_get_is_remote (G_APPLICATION (test->app)));

  /* A second process with another contact forwards it here and exits. */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", session_bus_address, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, CONTACT_DETAIL_BIN,
                                         "contact-detail://contact/503", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, subprocess_done_cb, &done);
  WAIT_UNTIL (done && settled (fixture, CD_DEMO_CONTACT_ID_ONLY));
  g_assert_cmpstr (cd_contact_page_get_title (page (fixture)), ==, "Contact #503");
  g_assert_cmpuint (count_main_windows (test->app), ==, 1);
  g_assert_true (cd_application_get_main_window (test->app) == fixture->window);

  /* The edit of the first contact is untouched and still saves. */
  assert_edit_kept (fixture, text);
  save_succeeds (fixture, text);

  g_clear_object (&fixture->repository);
  g_object_unref (fixture->window);
  destroy_window (g_steal_pointer (&fixture->window));
  g_application_quit (G_APPLICATION (test->app));
  return G_SOURCE_REMOVE;
}

static void
test_two_instances (Fixture *fixture, gconstpointer data)
{
  g_autofree char *base_url = g_strdup_printf ("http://127.0.0.1:%u/api/v1", fixture->port);
  g_autofree char *data_dir = g_build_filename (fixture->tmp_dir, "app", NULL);
  const char *argv[] = { "contact-detail", "--server", base_url, "--data-dir", data_dir, "501", NULL };
  AppTest test = { fixture, NULL };
  int status;

  if (!have_session_bus)
    {
      g_test_skip ("Needs a D-Bus session bus (the ui suite runs under dbus-run-session)");
      return;
    }
  /* The demo accepts any key; the variable keeps the keyring out of the test. */
  g_setenv ("CONTACT_DETAIL_API_KEY", "sk_test", TRUE);
  test.app = cd_application_new ();
  g_idle_add (two_instances_body, &test);
  status = g_application_run (G_APPLICATION (test.app), (int) g_strv_length ((char **) argv),
                              (char **) argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_finalize_object (test.app);
  g_unsetenv ("CONTACT_DETAIL_API_KEY");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDBusConnection) bus = NULL;
  int ret;

  /* Before the dirs are isolated: the bus address may live in XDG_RUNTIME_DIR. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  session_bus_address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  have_session_bus = bus != NULL && session_bus_address != NULL;
  if (!have_session_bus)
    g_setenv ("GTK_A11Y", "none", FALSE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cd_test_ignore_upstream_warnings ();
  gtk_init ();
  adw_init ();

#define ROW(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ROW ("/fault/server-down-at-start", test_server_down_at_start);
  ROW ("/fault/server-killed-mid-load", test_server_killed_mid_load);
  ROW ("/fault/status-500", test_status_500);
  ROW ("/fault/rate-limited-429", test_rate_limited_429);
  ROW ("/fault/stalled-body", test_stalled_body);
  ROW ("/fault/malformed-json", test_malformed_json);
  ROW ("/fault/wrong-member-types", test_wrong_member_types);
  ROW ("/fault/huge-response", test_huge_response);
  ROW ("/fault/recording-redirect-loop", test_recording_redirect_loop);
  ROW ("/fault/cache-unwritable", test_cache_unwritable);
  ROW ("/fault/cache-corrupt", test_cache_corrupt);
  ROW ("/fault/two-instances", test_two_instances);

  ret = g_test_run ();
  g_free (session_bus_address);
  return ret;
}
