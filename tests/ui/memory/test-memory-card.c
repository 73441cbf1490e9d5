/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

/* The memory card in a real window against the real demo backend. */

#include <glib/gstdio.h>

#include "cd-api-client.h"
#include "cd-demo-server.h"
#include "cd-memory-card.h"
#include "../../cd-test-util.h"

#define DEADLINE_S 20

typedef struct
{
  char         *tmp_dir;
  CdDemoServer *server;
  CdRepository *repository;
  GtkWindow    *window;
  CdMemoryCard *card;
  GPtrArray    *toasts;
  gint64        opened_session;
} Fixture;

static void
on_toast (CdMemoryCard *card,
          const char   *message,
          Fixture      *fixture)
{
  g_ptr_array_add (fixture->toasts, g_strdup (message));
}

static void
on_open_session (CdMemoryCard *card,
                 gint64        session_id,
                 Fixture      *fixture)
{
  fixture->opened_session = session_id;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *cache_dir = NULL;
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_content_type_set_mime_dirs ((const char * const[]) { "/usr/share/mime", NULL });
  fixture->tmp_dir = g_dir_make_tmp ("cd-test-memory-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->tmp_dir, "demo.sqlite", NULL);
  fixture->server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);
  if (data != NULL)
    cd_demo_server_set_role (fixture->server, data);
  cache_dir = g_build_filename (fixture->tmp_dir, "cache", NULL);
  g_mkdir_with_parents (cache_dir, 0700);
  fixture->repository = cd_repository_new (cd_demo_server_get_base_url (fixture->server),
                                           NULL, NULL, cache_dir);

  fixture->toasts = g_ptr_array_new_with_free_func (g_free);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 640, 900);
  fixture->card = CD_MEMORY_CARD (cd_memory_card_new ());
  g_signal_connect (fixture->card, "toast", G_CALLBACK (on_toast), fixture);
  g_signal_connect (fixture->card, "open-session", G_CALLBACK (on_open_session), fixture);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->card));
  gtk_window_set_child (fixture->window, scrolled);
  cd_memory_card_set_repository (fixture->card, fixture->repository);
  gtk_window_present (fixture->window);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *dialog = cd_memory_card_get_part (fixture->card, "rebuild_dialog");

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_ref (fixture->card);
  gtk_window_destroy (fixture->window);
  /* Pending async calls hold references until their cancellation is delivered. */
  WAIT_UNTIL (G_OBJECT (fixture->card)->ref_count == 1);
  g_assert_finalize_object (fixture->card);
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  g_clear_object (&fixture->repository);
  cd_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  remove_tree (fixture->tmp_dir);
  g_clear_pointer (&fixture->tmp_dir, g_free);
}

/* --- helpers ------------------------------------------------------------ */

static GtkWidget *
part (Fixture    *fixture,
      const char *name)
{
  GtkWidget *widget = cd_memory_card_get_part (fixture->card, name);

  if (widget == NULL)
    g_error ("No part named %s", name);
  return widget;
}

/* On screen as the user sees it (stack pages and hidden ancestors count). */
static gboolean
shown (Fixture    *fixture,
       const char *name)
{
  GtkWidget *widget = cd_memory_card_get_part (fixture->card, name);

  return widget != NULL && gtk_widget_get_mapped (widget);
}

static void
click (Fixture    *fixture,
       const char *name)
{
  GtkWidget *button = part (fixture, name);

  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
type_into (Fixture    *fixture,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (part (fixture, name)), text);
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (part (fixture, name)));
}

static char *
summary_editor_text (Fixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (part (fixture, "summary_view")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_summary_editor_text (Fixture    *fixture,
                         const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (part (fixture, "summary_view"))),
                            text, -1);
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
load_and_settle (Fixture *fixture,
                 gint64   contact_id)
{
  cd_memory_card_load (fixture->card, contact_id);
  g_assert_cmpstr (cd_memory_card_get_view_state (fixture->card), ==, "loading");
  WAIT_UNTIL (cd_memory_card_get_etag (fixture->card) != NULL);
  g_assert_cmpstr (cd_memory_card_get_view_state (fixture->card), ==, "content");
}

static guint
mutations (Fixture    *fixture,
           const char *method,
           const char *path)
{
  return cd_demo_server_get_mutation_count (fixture->server, method, path);
}

static guint
count_with_class (GtkWidget  *widget,
                  const char *css_class)
{
  guint n = gtk_widget_has_css_class (widget, css_class) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_with_class (child, css_class);
  return n;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* The key of the first fact whose provenance is @user_set. */
static char *
fact_key (Fixture  *fixture,
          gboolean  user_set)
{
  GListModel *facts = cd_memory_get_facts (cd_memory_card_get_memory (fixture->card));

  for (guint i = 0; i < g_list_model_get_n_items (facts); i++)
    {
      g_autoptr(CdMemoryFact) fact = g_list_model_get_item (facts, i);

      if (cd_memory_fact_is_user_set (fact) == user_set)
        return g_strdup (cd_memory_fact_get_key (fact));
    }
  g_error ("No fact with user_set=%d", user_set);
  return NULL;
}

static const char *
badge (Fixture    *fixture,
       const char *key)
{
  g_autofree char *name = g_strdup_printf ("fact-badge:%s", key);

  return label_text (fixture, name);
}

static void
click_keyed (Fixture    *fixture,
             const char *what,
             const char *key)
{
  g_autofree char *name = g_strdup_printf ("%s:%s", what, key);

  click (fixture, name);
}

/* --- tests: content and empty states -------------------------------------- */

static void
test_content (Fixture       *fixture,
              gconstpointer  data)
{
  CdMemory *memory;
  g_autoptr(CdInteraction) first = NULL;
  g_autofree char *open_call = NULL;
  g_autofree char *user_key = NULL;
  g_autofree char *ai_key = NULL;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  memory = cd_memory_card_get_memory (fixture->card);

  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, cd_memory_get_summary (memory));
  g_assert_true (shown (fixture, "summary_label"));
  g_assert_cmpuint (count_children (part (fixture, "items_list_box")), ==,
                    g_list_model_get_n_items (cd_memory_get_open_items (memory)));
  g_assert_true (shown (fixture, "items_list_box"));
  g_assert_false (shown (fixture, "items_empty_label"));
  g_assert_false (shown (fixture, "facts_empty_label"));
  g_assert_false (shown (fixture, "interactions_empty_label"));

  /* Provenance badges; reset only on user-set facts. */
  user_key = fact_key (fixture, TRUE);
  ai_key = fact_key (fixture, FALSE);
  g_assert_cmpstr (badge (fixture, user_key), ==, "You");
  g_assert_cmpstr (badge (fixture, ai_key), ==, "AI");
  {
    g_autofree char *reset_ai = g_strdup_printf ("fact-reset:%s", ai_key);

    g_assert_null (cd_memory_card_get_part (fixture->card, reset_ai));
  }

  /* Interaction log: "Open call" emits the session id. */
  first = g_list_model_get_item (cd_memory_get_interactions (memory), 0);
  g_assert_cmpuint (count_children (part (fixture, "interactions_list")), ==,
                    g_list_model_get_n_items (cd_memory_get_interactions (memory)));
  open_call = g_strdup_printf ("open-call:%" G_GINT64_FORMAT,
                               cd_interaction_get_voice_session_id (first));
  click (fixture, open_call);
  g_assert_cmpint (fixture->opened_session, ==, cd_interaction_get_voice_session_id (first));

  /* LLM usage is reported for 501: its rows are shown. */
  g_assert_true (shown (fixture, "usage_grid"));
  g_assert_cmpuint (count_children (part (fixture, "usage_grid")), ==, 8);
  g_assert_true (shown (fixture, "rebuild_button"));
  g_assert_false (shown (fixture, "rebuild_state_box"));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  load_and_settle (fixture, CD_DEMO_CONTACT_EMPTY);

  g_assert_false (shown (fixture, "summary_label"));
  g_assert_true (shown (fixture, "items_empty_label"));
  g_assert_true (shown (fixture, "facts_empty_label"));
  g_assert_cmpstr (label_text (fixture, "facts_empty_label"), ==, "No structured facts yet");
  g_assert_true (shown (fixture, "interactions_empty_label"));
  g_assert_cmpstr (label_text (fixture, "interactions_empty_label"), ==, "No interactions recorded");
  g_assert_false (shown (fixture, "usage_grid"));
  {
    GtkStack *stack = GTK_STACK (part (fixture, "summary_stack"));

    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  }
  /* Editing still works from the empty state. */
  g_assert_true (shown (fixture, "summary_edit_button"));
  g_assert_true (shown (fixture, "fact_add_button"));
}

/* --- tests: summary ----------------------------------------------------------- */

static void
test_summary_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *editor = NULL;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  before = g_strdup (label_text (fixture, "summary_label"));
  click (fixture, "summary_edit_button");
  g_assert_true (shown (fixture, "summary_view"));
  editor = summary_editor_text (fixture);
  g_assert_cmpstr (editor, ==, before);
  set_summary_editor_text (fixture, "Something I will not keep");
  click (fixture, "summary_cancel_button");

  g_assert_false (shown (fixture, "summary_view"));
  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, before);
  g_assert_cmpuint (mutations (fixture, "PUT", "/contacts/501/memory/summary"), ==, 0);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
}

static void
test_summary_save (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *text = "Prefers <b>morning</b> calls & a written quote";
  g_autofree char *body = NULL;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  click (fixture, "summary_edit_button");
  set_summary_editor_text (fixture, text);
  click (fixture, "summary_save_button");
  WAIT_UNTIL (has_toast (fixture, "Summary saved"));

  g_assert_false (shown (fixture, "summary_view"));
  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, text);
  g_assert_cmpuint (mutations (fixture, "PUT", "/contacts/501/memory/summary"), ==, 1);
  body = cd_demo_server_dup_last_body (fixture->server, "/contacts/501/memory/summary");
  g_assert_nonnull (strstr (body, "morning"));

  /* A fresh load shows the backend's copy. */
  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, text);
}

/* --- tests: open items -------------------------------------------------------- */

static void
test_items_edit (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *items;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  click (fixture, "items_edit_button");
  g_assert_true (shown (fixture, "items_editor"));

  /* A bad date is flagged locally and nothing is added. */
  type_into (fixture, "items_new_title", "Chase signed contract");
  type_into (fixture, "items_new_due", "31/01/2020");
  click (fixture, "items_add_button");
  g_assert_true (shown (fixture, "items_error_label"));

  type_into (fixture, "items_new_due", "2020-01-31");
  click (fixture, "items_add_button");
  g_assert_false (shown (fixture, "items_error_label"));
  click (fixture, "items_save_button");
  WAIT_UNTIL (has_toast (fixture, "Open items saved"));

  items = cd_memory_get_open_items (cd_memory_card_get_memory (fixture->card));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_assert_false (shown (fixture, "items_editor"));
  /* The item due in 2020 is past due: highlighted as overdue. */
  g_assert_cmpuint (count_with_class (part (fixture, "items_list_box"), "cd-overdue"), ==, 1);
  g_assert_cmpuint (count_with_class (part (fixture, "items_list_box"), "overdue"), ==, 1);
}

static void
test_items_remove_all (Fixture       *fixture,
                       gconstpointer  data)
{
  guint n;
  g_autofree char *body = NULL;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  n = g_list_model_get_n_items (cd_memory_get_open_items (cd_memory_card_get_memory (fixture->card)));
  g_assert_cmpuint (n, >, 0);
  click (fixture, "items_edit_button");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("item-remove:%u", i);

      click (fixture, name);
    }
  g_assert_cmpuint (count_children (part (fixture, "items_edit_rows")), ==, 0);
  click (fixture, "items_save_button");
  WAIT_UNTIL (has_toast (fixture, "Open items saved"));

  body = cd_demo_server_dup_last_body (fixture->server, "/contacts/501/memory/open_items");
  g_assert_nonnull (strstr (body, "\"items\":[]"));
  g_assert_true (shown (fixture, "items_empty_label"));
  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  g_assert_true (shown (fixture, "items_empty_label"));
}

/* --- tests: facts ------------------------------------------------------------- */

static void
test_fact_edit_and_reset (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *key = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *value = NULL;
  g_autofree char *original = NULL;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  key = fact_key (fixture, FALSE);
  value = g_strdup_printf ("fact-value:%s", key);
  original = g_strdup (label_text (fixture, value));
  g_assert_cmpstr (badge (fixture, key), ==, "AI");

  /* Cancel keeps the AI value and sends nothing. */
  click_keyed (fixture, "fact-edit", key);
  entry = g_strdup_printf ("fact-entry:%s", key);
  type_into (fixture, entry, "Not kept");
  click_keyed (fixture, "fact-cancel", key);
  g_assert_cmpstr (label_text (fixture, value), ==, original);

  click_keyed (fixture, "fact-edit", key);
  type_into (fixture, entry, "Set by me");
  click_keyed (fixture, "fact-save", key);
  WAIT_UNTIL (has_toast (fixture, "Fact saved"));
  g_assert_cmpstr (badge (fixture, key), ==, "You");
  g_assert_cmpstr (label_text (fixture, value), ==, "Set by me");

  click_keyed (fixture, "fact-reset", key);
  WAIT_UNTIL (has_toast (fixture, "Fact reset to the AI value"));
  g_assert_cmpstr (badge (fixture, key), ==, "AI");
  g_assert_cmpstr (label_text (fixture, value), ==, original);
  {
    g_autofree char *reset = g_strdup_printf ("fact-reset:%s", key);

    g_assert_null (cd_memory_card_get_part (fixture->card, reset));
  }
}

static void
test_fact_add (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *existing = NULL;
  g_autofree char *path = NULL;
  guint before;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  existing = fact_key (fixture, FALSE);

  /* A duplicate key is rejected on the field, nothing is sent. */
  click (fixture, "fact_add_button");
  type_into (fixture, "fact_key_entry", existing);
  type_into (fixture, "fact_value_entry", "Duplicate");
  path = g_strdup_printf ("/contacts/501/memory/facts/%s", existing);
  before = mutations (fixture, "PUT", path);
  click (fixture, "fact_add_save_button");
  g_assert_true (shown (fixture, "fact_key_error"));
  g_assert_true (gtk_widget_has_css_class (part (fixture, "fact_key_entry"), "error"));
  g_assert_cmpuint (mutations (fixture, "PUT", path), ==, before);

  /* Typing clears the message; a new key is added as a user fact. */
  type_into (fixture, "fact_key_entry", "preferred_time");
  g_assert_false (shown (fixture, "fact_key_error"));
  type_into (fixture, "fact_value_entry", "Mornings, before 10");
  click (fixture, "fact_add_save_button");
  WAIT_UNTIL (has_toast (fixture, "Fact added"));
  g_assert_false (shown (fixture, "fact_add_box"));
  g_assert_cmpstr (badge (fixture, "preferred_time"), ==, "You");
  g_assert_cmpstr (label_text (fixture, "fact-value:preferred_time"), ==, "Mornings, before 10");
}

/* --- tests: rebuild ------------------------------------------------------------- */

/* What a click on a response button does: emit the response, then close. */
static void
respond (GtkWidget  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_rebuild_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *dialog;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  click (fixture, "rebuild_button");
  dialog = part (fixture, "rebuild_dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "last 3"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "costs"));
  /* 501 reports a last run: its cost is in the confirmation. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "$"));
  respond (dialog, "cancel");
  WAIT_UNTIL (cd_memory_card_get_part (fixture->card, "rebuild_dialog") == NULL);
  g_assert_cmpuint (mutations (fixture, "POST", "/contacts/501/memory/rebuild"), ==, 0);
  g_assert_false (shown (fixture, "rebuild_state_box"));
}

static gint64
run_count (Fixture *fixture)
{
  CdLlmUsage *usage = cd_memory_get_llm_usage (cd_memory_card_get_memory (fixture->card));

  return usage ? cd_llm_usage_get_run_count (usage) : 0;
}

static void
confirm_rebuild (Fixture *fixture)
{
  GtkWidget *dialog;

  click (fixture, "rebuild_button");
  dialog = part (fixture, "rebuild_dialog");
  respond (dialog, "rebuild");
  WAIT_UNTIL (has_toast (fixture, "Rebuild queued"));
  g_assert_true (shown (fixture, "rebuild_state_box"));
  g_assert_true (shown (fixture, "rebuild_spinner"));
  g_assert_false (gtk_widget_get_sensitive (part (fixture, "rebuild_button")));
}

static void
test_rebuild_complete (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 runs;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  runs = run_count (fixture);
  confirm_rebuild (fixture);
  g_assert_cmpuint (mutations (fixture, "POST", "/contacts/501/memory/rebuild"), ==, 1);

  WAIT_UNTIL (has_toast (fixture, "Memory rebuilt"));
  g_assert_cmpint (cd_memory_get_rebuild_status (cd_memory_card_get_memory (fixture->card)), ==,
                   CD_REBUILD_STATUS_IDLE);
  g_assert_false (shown (fixture, "rebuild_state_box"));
  g_assert_true (gtk_widget_get_sensitive (part (fixture, "rebuild_button")));
  /* Refreshed: the new run is counted and its fact is listed. */
  g_assert_cmpint (run_count (fixture), ==, runs + 1);
  g_assert_nonnull (cd_memory_card_get_part (fixture->card, "fact-badge:last_rebuild"));
}

static void
test_rebuild_failed (Fixture       *fixture,
                     gconstpointer  data)
{
  load_and_settle (fixture, CD_DEMO_CONTACT_REBUILD_FAILS);
  confirm_rebuild (fixture);
  WAIT_UNTIL (cd_memory_get_rebuild_status (cd_memory_card_get_memory (fixture->card)) ==
              CD_REBUILD_STATUS_FAILED);
  g_assert_true (shown (fixture, "rebuild_state_box"));
  g_assert_false (shown (fixture, "rebuild_spinner"));
  g_assert_nonnull (strstr (label_text (fixture, "rebuild_state_label"), "failed"));
  g_assert_false (has_toast (fixture, "Memory rebuilt"));
}

/* --- tests: conflict, roles, offline ------------------------------------------ */

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdApiResponse) response = cd_api_client_request_finish (CD_API_CLIENT (object),
                                                                   result, &error);

  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CdApiClient) other = cd_api_client_new (cd_demo_server_get_base_url (fixture->server));
  g_autofree char *old_etag = NULL;
  g_autofree char *editor = NULL;
  gboolean done = FALSE;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  old_etag = g_strdup (cd_memory_card_get_etag (fixture->card));
  click (fixture, "summary_edit_button");
  set_summary_editor_text (fixture, "My careful edit");

  /* Someone else changes the memory behind the card's back. */
  cd_api_client_put_memory_summary_async (other, CD_DEMO_CONTACT_NAMED, "Their change", NULL,
                                          NULL, NULL, put_cb, &done);
  WAIT_UNTIL (done);

  click (fixture, "summary_save_button");
  WAIT_UNTIL (shown (fixture, "conflict_box"));
  editor = summary_editor_text (fixture);
  g_assert_cmpstr (editor, ==, "My careful edit");
  g_assert_true (shown (fixture, "summary_view"));
  g_assert_false (has_toast (fixture, "Summary saved"));
  g_assert_cmpuint (mutations (fixture, "PUT", "/contacts/501/memory/summary"), ==, 1);
  g_assert_true (shown (fixture, "reapply_button"));
  g_assert_true (shown (fixture, "discard_button"));

  click (fixture, "reapply_button");
  WAIT_UNTIL (!shown (fixture, "conflict_box"));
  g_assert_cmpstr (cd_memory_card_get_etag (fixture->card), !=, old_etag);
  g_clear_pointer (&editor, g_free);
  editor = summary_editor_text (fixture);
  g_assert_cmpstr (editor, ==, "My careful edit");

  click (fixture, "summary_save_button");
  WAIT_UNTIL (has_toast (fixture, "Summary saved"));
  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, "My careful edit");
  g_assert_cmpuint (mutations (fixture, "PUT", "/contacts/501/memory/summary"), ==, 2);
}

static void
test_conflict_discard (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CdApiClient) other = cd_api_client_new (cd_demo_server_get_base_url (fixture->server));
  g_autofree char *old_etag = NULL;
  gboolean done = FALSE;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  old_etag = g_strdup (cd_memory_card_get_etag (fixture->card));
  click (fixture, "summary_edit_button");
  set_summary_editor_text (fixture, "Will be discarded");
  cd_api_client_put_memory_summary_async (other, CD_DEMO_CONTACT_NAMED, "Their change", NULL,
                                          NULL, NULL, put_cb, &done);
  WAIT_UNTIL (done);
  click (fixture, "summary_save_button");
  WAIT_UNTIL (shown (fixture, "conflict_box"));

  click (fixture, "discard_button");
  WAIT_UNTIL (!shown (fixture, "conflict_box") &&
              g_strcmp0 (cd_memory_card_get_etag (fixture->card), old_etag) != 0);
  g_assert_false (shown (fixture, "summary_view"));
  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, "Their change");
}

static void
test_conflict_fact (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CdApiClient) other = cd_api_client_new (cd_demo_server_get_base_url (fixture->server));
  g_autofree char *key = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *value = NULL;
  gboolean done = FALSE;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  key = fact_key (fixture, FALSE);
  entry = g_strdup_printf ("fact-entry:%s", key);
  value = g_strdup_printf ("fact-value:%s", key);
  click_keyed (fixture, "fact-edit", key);
  type_into (fixture, entry, "My fact value");

  cd_api_client_put_memory_summary_async (other, CD_DEMO_CONTACT_NAMED, "Their change", NULL,
                                          NULL, NULL, put_cb, &done);
  WAIT_UNTIL (done);
  click_keyed (fixture, "fact-save", key);
  WAIT_UNTIL (shown (fixture, "conflict_box"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (fixture, entry))), ==,
                   "My fact value");

  /* Re-apply: the rest of the card shows their change, the editor keeps mine. */
  click (fixture, "reapply_button");
  WAIT_UNTIL (!shown (fixture, "conflict_box"));
  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, "Their change");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (fixture, entry))), ==,
                   "My fact value");
  click_keyed (fixture, "fact-save", key);
  WAIT_UNTIL (has_toast (fixture, "Fact saved"));
  g_assert_cmpstr (label_text (fixture, value), ==, "My fact value");
  g_assert_cmpstr (badge (fixture, key), ==, "You");
}

static void
test_save_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *editor = NULL;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  click (fixture, "summary_edit_button");
  set_summary_editor_text (fixture, "Kept after a server error");
  cd_demo_server_inject_fault (fixture->server, "/contacts/501/memory/summary",
                               CD_DEMO_FAULT_STATUS, 500, 1);
  click (fixture, "summary_save_button");
  WAIT_UNTIL (shown (fixture, "notice_box"));

  /* The server's message and the request id are shown; the text is kept. */
  g_assert_nonnull (strstr (label_text (fixture, "notice_label"), "Request ID"));
  g_assert_false (shown (fixture, "conflict_box"));
  editor = summary_editor_text (fixture);
  g_assert_cmpstr (editor, ==, "Kept after a server error");
  g_assert_false (has_toast (fixture, "Summary saved"));

  click (fixture, "summary_save_button");
  WAIT_UNTIL (has_toast (fixture, "Summary saved"));
  g_assert_false (shown (fixture, "notice_box"));
  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, "Kept after a server error");
}

static void
test_offline_cached (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *summary = NULL;

  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  summary = g_strdup (label_text (fixture, "summary_label"));
  cd_demo_server_stop (fixture->server);

  /* Reopened without a server: the cached copy, "as of" its time, editable
   * (edits wait in the outbox); Rebuild needs the server and says so. */
  cd_memory_card_load (fixture->card, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (shown (fixture, "offline_label"));
  g_assert_cmpstr (cd_memory_card_get_view_state (fixture->card), ==, "content");
  g_assert_cmpstr (label_text (fixture, "summary_label"), ==, summary);
  g_assert_null (cd_memory_card_get_etag (fixture->card));
  g_assert_true (shown (fixture, "as_of_label"));
  g_assert_true (g_str_has_prefix (label_text (fixture, "as_of_label"), "as of "));
  g_assert_true (shown (fixture, "summary_edit_button"));
  g_assert_true (shown (fixture, "fact_add_button"));
  g_assert_false (shown (fixture, "rebuild_button"));
  g_assert_true (shown (fixture, "rebuild_offline_label"));
}

static void
test_viewer (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *facts;

  cd_memory_card_set_can_edit (fixture->card, FALSE);
  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  facts = cd_memory_get_facts (cd_memory_card_get_memory (fixture->card));

  g_assert_false (shown (fixture, "summary_edit_button"));
  g_assert_false (shown (fixture, "items_edit_button"));
  g_assert_false (shown (fixture, "fact_add_button"));
  g_assert_false (shown (fixture, "rebuild_button"));
  g_assert_false (shown (fixture, "offline_label"));
  for (guint i = 0; i < g_list_model_get_n_items (facts); i++)
    {
      g_autoptr(CdMemoryFact) fact = g_list_model_get_item (facts, i);
      g_autofree char *edit = g_strdup_printf ("fact-edit:%s", cd_memory_fact_get_key (fact));
      g_autofree char *reset = g_strdup_printf ("fact-reset:%s", cd_memory_fact_get_key (fact));

      g_assert_null (cd_memory_card_get_part (fixture->card, edit));
      g_assert_null (cd_memory_card_get_part (fixture->card, reset));
    }
  /* Reading stays complete: usage is still shown. */
  g_assert_true (shown (fixture, "usage_grid"));
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  load_and_settle (fixture, CD_DEMO_CONTACT_NAMED);
  g_assert_true (shown (fixture, "summary_edit_button"));
  g_assert_false (shown (fixture, "as_of_label"));
  cd_memory_card_set_online (fixture->card, FALSE);
  g_assert_true (shown (fixture, "offline_label"));
  g_assert_true (shown (fixture, "summary_edit_button"));
  g_assert_true (shown (fixture, "fact_add_button"));
  g_assert_false (shown (fixture, "rebuild_button"));
  g_assert_true (shown (fixture, "rebuild_offline_label"));
  cd_memory_card_set_online (fixture->card, TRUE);
  g_assert_false (shown (fixture, "offline_label"));
  g_assert_false (shown (fixture, "rebuild_offline_label"));
  g_assert_true (shown (fixture, "rebuild_button"));
}

static void
test_load_error_retry (Fixture       *fixture,
                       gconstpointer  data)
{
  cd_demo_server_inject_fault (fixture->server, "/contacts/501/memory", CD_DEMO_FAULT_STATUS,
                               500, 100);
  cd_memory_card_load (fixture->card, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (g_strcmp0 (cd_memory_card_get_view_state (fixture->card), "error") == 0);
  g_assert_true (shown (fixture, "retry_button"));
  g_assert_cmpstr (label_text (fixture, "error_label"), !=, "");

  cd_demo_server_clear_faults (fixture->server);
  click (fixture, "retry_button");
  WAIT_UNTIL (cd_memory_card_get_etag (fixture->card) != NULL);
  g_assert_cmpstr (cd_memory_card_get_view_state (fixture->card), ==, "content");
}

static void
test_bad_json (Fixture       *fixture,
               gconstpointer  data)
{
  cd_demo_server_inject_fault (fixture->server, "/contacts/501/memory",
                               CD_DEMO_FAULT_MALFORMED_JSON, 0, 100);
  cd_memory_card_load (fixture->card, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (g_strcmp0 (cd_memory_card_get_view_state (fixture->card), "error") == 0);
  g_assert_true (shown (fixture, "retry_button"));
  g_assert_null (cd_memory_card_get_memory (fixture->card));

  cd_demo_server_clear_faults (fixture->server);
  click (fixture, "retry_button");
  WAIT_UNTIL (cd_memory_card_get_etag (fixture->card) != NULL);
  g_assert_cmpstr (cd_memory_card_get_view_state (fixture->card), ==, "content");
}

#define ADD(path, func, role) \
  g_test_add (path, Fixture, role, fixture_setup, func, fixture_teardown)

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

  ADD ("/memory-card/content", test_content, NULL);
  ADD ("/memory-card/empty", test_empty, NULL);
  ADD ("/memory-card/summary/cancel", test_summary_cancel, NULL);
  ADD ("/memory-card/summary/save", test_summary_save, NULL);
  ADD ("/memory-card/open-items/edit", test_items_edit, NULL);
  ADD ("/memory-card/open-items/remove-all", test_items_remove_all, NULL);
  ADD ("/memory-card/facts/edit-reset", test_fact_edit_and_reset, NULL);
  ADD ("/memory-card/facts/add", test_fact_add, NULL);
  ADD ("/memory-card/rebuild/cancel", test_rebuild_cancel, NULL);
  ADD ("/memory-card/rebuild/complete", test_rebuild_complete, NULL);
  ADD ("/memory-card/rebuild/failed", test_rebuild_failed, NULL);
  ADD ("/memory-card/conflict/reapply", test_conflict, NULL);
  ADD ("/memory-card/conflict/discard", test_conflict_discard, NULL);
  ADD ("/memory-card/conflict/fact", test_conflict_fact, NULL);
  ADD ("/memory-card/save-error", test_save_error, NULL);
  ADD ("/memory-card/offline-cached", test_offline_cached, NULL);
  ADD ("/memory-card/viewer", test_viewer, "tenant_viewer");
  ADD ("/memory-card/offline", test_offline, NULL);
  ADD ("/memory-card/load-error-retry", test_load_error_retry, NULL);
  ADD ("/memory-card/bad-json", test_bad_json, NULL);
  return g_test_run ();
}
