/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

#include "cd-call-dialog-private.h"
#include "cd-contact-actions.h"
#include "cd-edit-dialog-private.h"
#include "cd-error.h"
#include "dialogs-test-util.h"

/* What the actions object told the page. */
typedef struct
{
  CdContact *changed;
  gint64     removed;
  GError    *error;
  char      *toast;
} Outcome;

static void
on_changed (CdContactActions *actions, CdContact *contact, Outcome *outcome)
{
  g_set_object (&outcome->changed, contact);
}

static void
on_removed (CdContactActions *actions, gint64 id, Outcome *outcome)
{
  outcome->removed = id;
}

static void
on_error (CdContactActions *actions, const GError *error, Outcome *outcome)
{
  g_clear_error (&outcome->error);
  outcome->error = g_error_copy (error);
}

static void
on_toast (CdContactActions *actions, const char *message, Outcome *outcome)
{
  g_free (outcome->toast);
  outcome->toast = g_strdup (message);
}

static void
outcome_clear (Outcome *outcome)
{
  g_clear_object (&outcome->changed);
  g_clear_error (&outcome->error);
  g_clear_pointer (&outcome->toast, g_free);
  outcome->removed = 0;
}

static CdContactActions *
actions_new (DialogsFixture *fixture, Outcome *outcome)
{
  CdContactActions *actions = cd_contact_actions_new (fixture->repository);

  g_signal_connect (actions, "contact-changed", G_CALLBACK (on_changed), outcome);
  g_signal_connect (actions, "contact-removed", G_CALLBACK (on_removed), outcome);
  g_signal_connect (actions, "error", G_CALLBACK (on_error), outcome);
  g_signal_connect (actions, "toast", G_CALLBACK (on_toast), outcome);
  return actions;
}

static AdwMessageDialog *
open_dialog (DialogsFixture *fixture, CdContactActions *actions, CdContact *contact,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  g_assert_true (cd_contact_actions_run (actions, fixture->parent, contact, action, &error));
  g_assert_no_error (error);
  dialog = cd_contact_actions_get_dialog (actions);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == fixture->window);
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
set_entry (AdwMessageDialog *dialog, const char *text)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* As a click on the button: emit the response, then the dialog closes. */
static void
respond (CdContactActions *actions, AdwMessageDialog *dialog, const char *response)
{
  adw_message_dialog_response (dialog, response);
  if (cd_contact_actions_get_dialog (actions) == GTK_WINDOW (dialog))
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_dnc_round_trip (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr(CdContactActions) actions = NULL;
  g_autofree char *body = NULL;
  Outcome outcome = { 0 };
  AdwMessageDialog *dialog;

  actions = actions_new (fixture, &outcome);
  g_assert_false (cd_contact_get_dnc_listed (contact));
  dialog = open_dialog (fixture, actions, contact, "toggle-dnc");
  take_screenshot (GTK_WIDGET (dialog), "dnc-add");
  /* The reason is optional: Add is enabled at once. */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add-dnc"));
  set_entry (dialog, "Asked not to be called");
  respond (actions, dialog, "add-dnc");
  WAIT_UNTIL (outcome.changed != NULL || outcome.error != NULL);
  g_assert_no_error (outcome.error);
  g_assert_true (cd_contact_get_dnc_listed (outcome.changed));
  g_assert_cmpstr (outcome.toast, ==, "Added to the Do-Not-Call list");
  g_assert_cmpuint (cd_demo_server_get_mutation_count (fixture->server, "POST", "/dnc_entries"), ==, 1);
  body = cd_demo_server_dup_last_body (fixture->server, "/dnc_entries");
  g_assert_nonnull (strstr (body, "Asked not to be called"));
  g_assert_nonnull (strstr (body, "+919900000001"));

  /* Remove: confirmation with a required reason. */
  g_set_object (&contact, outcome.changed);
  outcome_clear (&outcome);
  dialog = open_dialog (fixture, actions, contact, "toggle-dnc");
  take_screenshot (GTK_WIDGET (dialog), "dnc-remove");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "remove-dnc"));
  set_entry (dialog, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "remove-dnc"));
  set_entry (dialog, "Customer opted back in");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "remove-dnc"));
  respond (actions, dialog, "remove-dnc");
  WAIT_UNTIL (outcome.changed != NULL || outcome.error != NULL);
  g_assert_no_error (outcome.error);
  g_assert_false (cd_contact_get_dnc_listed (outcome.changed));
  outcome_clear (&outcome);
}

static void
test_dnc_remove_needs_reason (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_DNC);
  g_autoptr(CdContactActions) actions = NULL;
  Outcome outcome = { 0 };
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  actions = actions_new (fixture, &outcome);
  dialog = open_dialog (fixture, actions, contact, "toggle-dnc");
  /* A second activation while the dialog is open does not open another. */
  g_assert_false (cd_contact_actions_run (actions, fixture->parent, contact, "toggle-dnc", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_true (cd_contact_actions_get_dialog (actions) == GTK_WINDOW (dialog));
  /* The disabled button sends nothing even if the response is forced. */
  respond (actions, dialog, "remove-dnc");
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  path = g_strdup_printf ("/dnc_entries/%" G_GINT64_FORMAT, cd_contact_get_dnc_entry_id (contact));
  g_assert_cmpuint (cd_demo_server_get_mutation_count (fixture->server, "DELETE", path), ==, 0);
  g_assert_null (outcome.changed);
  g_assert_null (cd_contact_actions_get_dialog (actions));
  outcome_clear (&outcome);
}

static void
test_archive_unarchive (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr(CdContactActions) actions = NULL;
  g_autofree char *expected = NULL;
  Outcome outcome = { 0 };
  AdwMessageDialog *dialog;

  actions = actions_new (fixture, &outcome);
  dialog = open_dialog (fixture, actions, contact, "archive");
  take_screenshot (GTK_WIDGET (dialog), "archive");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Archive contact?");
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " calls", cd_contact_get_call_count (contact));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "archive"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  respond (actions, dialog, "archive");
  WAIT_UNTIL (outcome.changed != NULL || outcome.error != NULL);
  g_assert_no_error (outcome.error);
  g_assert_cmpint (cd_contact_get_lifecycle_state (outcome.changed), ==,
                   CD_LIFECYCLE_STATE_ARCHIVED);

  g_set_object (&contact, outcome.changed);
  outcome_clear (&outcome);
  dialog = open_dialog (fixture, actions, contact, "unarchive");
  take_screenshot (GTK_WIDGET (dialog), "unarchive");
  respond (actions, dialog, "unarchive");
  WAIT_UNTIL (outcome.changed != NULL || outcome.error != NULL);
  g_assert_no_error (outcome.error);
  g_assert_cmpint (cd_contact_get_lifecycle_state (outcome.changed), ==,
                   CD_LIFECYCLE_STATE_ACTIVE);
  outcome_clear (&outcome);
}

static void
test_archive_error_changes_nothing (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr(CdContactActions) actions = NULL;
  g_autoptr(CdContact) after = NULL;
  Outcome outcome = { 0 };
  AdwMessageDialog *dialog;

  actions = actions_new (fixture, &outcome);
  cd_demo_server_inject_fault (fixture->server, "/contacts/501/archive", CD_DEMO_FAULT_STATUS,
                               500, 1);
  dialog = open_dialog (fixture, actions, contact, "archive");
  respond (actions, dialog, "archive");
  WAIT_UNTIL (outcome.error != NULL);
  g_assert_error (outcome.error, CD_API_ERROR, CD_API_ERROR_SERVER);
  g_assert_nonnull (cd_api_error_get_request_id (outcome.error));
  g_assert_null (outcome.changed);
  g_assert_false (cd_contact_actions_get_busy (actions));
  after = load_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_assert_cmpint (cd_contact_get_lifecycle_state (after), ==, CD_LIFECYCLE_STATE_ACTIVE);
  outcome_clear (&outcome);
}

static gboolean
file_contains (const char *path, const char *needle)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  /* Binary search: SQLite pages are full of NUL bytes. */
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (data + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
cache_contains (CdRepository *repository, const char *needle)
{
  g_autofree char *wal = g_strconcat (cd_repository_get_cache_path (repository), "-wal", NULL);

  return file_contains (cd_repository_get_cache_path (repository), needle) ||
         file_contains (wal, needle);
}

static void
test_gdpr_erase (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr(CdContactActions) actions = NULL;
  const char *pii[] = { "Rahul", "Mehta", "+919900000001", "rahul@example.com" };
  Outcome outcome = { 0 };
  AdwMessageDialog *dialog;

  /* The load wrote the contact through to the cache: its PII is on disk now. */
  WAIT_UNTIL (cache_contains (fixture->repository, "rahul@example.com"));
  actions = actions_new (fixture, &outcome);
  dialog = open_dialog (fixture, actions, contact, "gdpr-erase");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "erase"));
  set_entry (dialog, "50");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "erase"));
  set_entry (dialog, "5011");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "erase"));
  set_entry (dialog, "501");
  take_screenshot (GTK_WIDGET (dialog), "gdpr-erase");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "erase"));
  respond (actions, dialog, "erase");
  WAIT_UNTIL (outcome.changed != NULL || outcome.error != NULL);
  g_assert_no_error (outcome.error);
  g_assert_true (cd_contact_is_erased (outcome.changed));
  g_assert_null (cd_contact_get_first_name (outcome.changed));
  g_assert_null (cd_contact_get_email (outcome.changed));
  for (guint i = 0; i < G_N_ELEMENTS (pii); i++)
    g_assert_false (cache_contains (fixture->repository, pii[i]));
  outcome_clear (&outcome);
}

static void
test_gdpr_erase_cancel (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr(CdContactActions) actions = NULL;
  Outcome outcome = { 0 };
  AdwMessageDialog *dialog;

  actions = actions_new (fixture, &outcome);
  dialog = open_dialog (fixture, actions, contact, "gdpr-erase");
  set_entry (dialog, "501");
  /* Escape = the close response = cancel. */
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_UNTIL (cd_contact_actions_get_dialog (actions) == NULL);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (fixture->server, "DELETE",
                                                       "/contacts/501/gdpr_delete"), ==, 0);
  g_assert_null (outcome.changed);
}

static void
start_call_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  gint64 *session = user_data;
  g_autoptr(GError) error = NULL;

  *session = cd_repository_start_call_finish (CD_REPOSITORY (object), result, &error);
  g_assert_no_error (error);
}

static void
test_hard_delete_with_history (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_NO_HISTORY);
  g_autoptr(CdContactActions) actions = NULL;
  Outcome outcome = { 0 };
  AdwMessageDialog *dialog;
  gint64 session = 0;

  g_assert_true (cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_HARD_DELETE));
  /* Someone calls the contact after the page loaded it: now it has history. */
  cd_repository_start_call_async (fixture->repository, CD_DEMO_CONTACT_NO_HISTORY, 1, 1, NULL,
                                  NULL, NULL, NULL, start_call_cb, &session);
  WAIT_UNTIL (session != 0);
  actions = actions_new (fixture, &outcome);
  dialog = open_dialog (fixture, actions, contact, "hard-delete");
  take_screenshot (GTK_WIDGET (dialog), "hard-delete");
  set_entry (dialog, "511");
  respond (actions, dialog, "delete");
  WAIT_UNTIL (outcome.error != NULL || outcome.removed != 0);
  g_assert_error (outcome.error, CD_API_ERROR, CD_API_ERROR_CONFLICT);
  g_assert_cmpstr (outcome.error->message, ==,
                   "This contact has call or campaign history, so it can’t be permanently "
                   "deleted. Archive it or use GDPR erase instead.");
  g_assert_nonnull (cd_api_error_get_request_id (outcome.error));
  g_assert_cmpint (outcome.removed, ==, 0);
  outcome_clear (&outcome);
}

static void
test_hard_delete (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_NO_HISTORY);
  g_autoptr(CdContactActions) actions = NULL;
  Outcome outcome = { 0 };
  AdwMessageDialog *dialog;

  WAIT_UNTIL (cache_contains (fixture->repository, "noah@example.ch"));
  actions = actions_new (fixture, &outcome);
  dialog = open_dialog (fixture, actions, contact, "hard-delete");
  set_entry (dialog, "511");
  respond (actions, dialog, "delete");
  WAIT_UNTIL (outcome.error != NULL || outcome.removed != 0);
  g_assert_no_error (outcome.error);
  g_assert_cmpint (outcome.removed, ==, CD_DEMO_CONTACT_NO_HISTORY);
  g_assert_false (cache_contains (fixture->repository, "noah@example.ch"));
  outcome_clear (&outcome);
}

static void
test_export (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr(CdContactActions) actions = NULL;
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  Outcome outcome = { 0 };

  actions = actions_new (fixture, &outcome);
  cd_contact_actions_set_export_file (actions, file);
  g_assert_true (cd_contact_actions_run (actions, fixture->parent, contact, "export", &error));
  g_assert_no_error (error);
  WAIT_UNTIL (outcome.toast != NULL || outcome.error != NULL);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.toast, ==, "Contact data exported");
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (file_contains (path, "rahul@example.com"));
  outcome_clear (&outcome);
}

static CdUser *
user_with_role (const char *role)
{
  g_autofree char *json = g_strdup_printf ("{\"id\":7,\"name\":\"T\",\"role\":\"%s\"}", role);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  return cd_user_new_from_json (node, NULL);
}

static void
test_refuses_unpermitted (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr(CdContact) archived = load_contact (fixture, CD_DEMO_CONTACT_ARCHIVED);
  g_autoptr(CdContact) erased = load_contact (fixture, CD_DEMO_CONTACT_ERASED);
  g_autoptr(CdContactActions) actions = NULL;
  g_autoptr(CdUser) operator = user_with_role ("tenant_operator");
  g_autoptr(CdUser) viewer = user_with_role ("tenant_viewer");
  Outcome outcome = { 0 };

  actions = actions_new (fixture, &outcome);
  /* Server flags: no hard delete with history, no unarchive of an active contact. */
  g_assert_false (cd_contact_actions_check (actions, contact, "hard-delete", NULL));
  g_assert_false (cd_contact_actions_check (actions, contact, "unarchive", NULL));
  g_assert_false (cd_contact_actions_check (actions, archived, "call", NULL));
  g_assert_false (cd_contact_actions_check (actions, erased, "edit", NULL));
  g_assert_false (cd_contact_actions_check (actions, erased, "toggle-dnc", NULL));
  g_assert_false (cd_contact_actions_check (actions, contact, "no-such-action", NULL));
  g_assert_true (cd_contact_actions_check (actions, contact, "gdpr-erase", NULL));
  /* Role: an operator may not erase even when the server flag says so. */
  cd_contact_actions_set_user (actions, operator);
  g_assert_false (cd_contact_actions_run (actions, fixture->parent, contact, "gdpr-erase", NULL));
  g_assert_null (cd_contact_actions_get_dialog (actions));
  g_assert_true (cd_contact_actions_check (actions, contact, "edit", NULL));
  cd_contact_actions_set_user (actions, viewer);
  g_assert_false (cd_contact_actions_check (actions, contact, "edit", NULL));
  g_assert_false (cd_contact_actions_check (actions, contact, "call", NULL));
  g_assert_false (cd_contact_actions_check (actions, contact, "toggle-dnc", NULL));
}

static void
on_call_started (CdContactActions *actions, gint64 session_id, gint64 *out)
{
  *out = session_id;
}

static void
test_call_and_edit (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr(CdContactActions) actions = NULL;
  Outcome outcome = { 0 };
  GtkWindow *dialog;
  gint64 session = 0;

  actions = actions_new (fixture, &outcome);
  g_signal_connect (actions, "call-started", G_CALLBACK (on_call_started), &session);
  g_assert_true (cd_contact_actions_run (actions, fixture->parent, contact, "call", NULL));
  dialog = cd_contact_actions_get_dialog (actions);
  g_assert_true (CD_IS_CALL_DIALOG (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == fixture->window);
  g_assert_true (gtk_window_get_modal (dialog));
  WAIT_UNTIL (cd_call_dialog_get_loaded (CD_CALL_DIALOG (dialog)));
  g_signal_emit_by_name (cd_call_dialog_get_start_button (CD_CALL_DIALOG (dialog)), "clicked");
  WAIT_UNTIL (session != 0);
  g_assert_cmpstr (outcome.toast, ==, "Call started");
  g_assert_null (cd_contact_actions_get_dialog (actions));

  outcome_clear (&outcome);
  g_assert_true (cd_contact_actions_run (actions, fixture->parent, contact, "edit", NULL));
  dialog = cd_contact_actions_get_dialog (actions);
  g_assert_true (CD_IS_EDIT_DIALOG (dialog));
  WAIT_UNTIL (cd_edit_dialog_get_loaded (CD_EDIT_DIALOG (dialog)));
  gtk_editable_set_text (GTK_EDITABLE (cd_edit_dialog_get_input (CD_EDIT_DIALOG (dialog), "company")),
                         "Acme Two");
  g_signal_emit_by_name (cd_edit_dialog_get_save_button (CD_EDIT_DIALOG (dialog)), "clicked");
  WAIT_UNTIL (outcome.changed != NULL);
  g_assert_cmpstr (cd_contact_get_company (outcome.changed), ==, "Acme Two");
  g_assert_cmpstr (outcome.toast, ==, "Contact saved");
  outcome_clear (&outcome);
}

static void
test_markup_is_text (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) contact = load_contact (fixture, CD_DEMO_CONTACT_MARKUP);
  g_autoptr(CdContactActions) actions = NULL;
  Outcome outcome = { 0 };
  AdwMessageDialog *dialog;

  actions = actions_new (fixture, &outcome);
  dialog = open_dialog (fixture, actions, contact, "archive");
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "<b>Bold</b> & Sons <i>"));
  take_screenshot (GTK_WIDGET (dialog), "archive-markup");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_UNTIL (cd_contact_actions_get_dialog (actions) == NULL);
}

int
main (int argc, char **argv)
{
  dialogs_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, DialogsFixture, NULL, dialogs_fixture_setup, func, dialogs_fixture_teardown)
  ADD ("/dialogs/actions/dnc-round-trip", test_dnc_round_trip);
  ADD ("/dialogs/actions/dnc-remove-needs-reason", test_dnc_remove_needs_reason);
  ADD ("/dialogs/actions/archive-unarchive", test_archive_unarchive);
  ADD ("/dialogs/actions/archive-error", test_archive_error_changes_nothing);
  ADD ("/dialogs/actions/gdpr-erase", test_gdpr_erase);
  ADD ("/dialogs/actions/gdpr-erase-cancel", test_gdpr_erase_cancel);
  ADD ("/dialogs/actions/hard-delete-history", test_hard_delete_with_history);
  ADD ("/dialogs/actions/hard-delete", test_hard_delete);
  ADD ("/dialogs/actions/export", test_export);
  ADD ("/dialogs/actions/refuses", test_refuses_unpermitted);
  ADD ("/dialogs/actions/call-and-edit", test_call_and_edit);
  ADD ("/dialogs/actions/markup", test_markup_is_text);
  return g_test_run ();
}
