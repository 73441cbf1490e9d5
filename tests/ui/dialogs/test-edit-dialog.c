/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

#include "cd-edit-dialog-private.h"
#include "cd-error.h"
#include "dialogs-test-util.h"

static void
on_changed (CdEditDialog *dialog, CdContact *contact, CdContact **out)
{
  g_set_object (out, contact);
}

static CdEditDialog *
open_edit_dialog (DialogsFixture *fixture, gint64 id, CdContact **changed)
{
  g_autoptr(CdContact) contact = load_contact (fixture, id);
  CdEditDialog *dialog = cd_edit_dialog_new (fixture->repository, contact);

  g_signal_connect (dialog, "contact-changed", G_CALLBACK (on_changed), changed);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), fixture->window);
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (cd_edit_dialog_get_loaded (dialog));
  return dialog;
}

static void
set_text (CdEditDialog *dialog, const char *member, const char *text)
{
  GtkWidget *input = cd_edit_dialog_get_input (dialog, member);

  g_assert_true (GTK_IS_EDITABLE (input));
  gtk_editable_set_text (GTK_EDITABLE (input), text);
}

static void
save (CdEditDialog *dialog)
{
  g_signal_emit_by_name (cd_edit_dialog_get_save_button (dialog), "clicked");
}

static guint
patch_count (DialogsFixture *fixture)
{
  return cd_demo_server_get_mutation_count (fixture->server, "PATCH", "/contacts/501");
}

static void
test_populated (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) changed = NULL;
  CdEditDialog *dialog = open_edit_dialog (fixture, CD_DEMO_CONTACT_NAMED, &changed);
  GtkDropDown *zone = GTK_DROP_DOWN (cd_edit_dialog_get_input (dialog, "timezone"));
  GtkDropDown *country = GTK_DROP_DOWN (cd_edit_dialog_get_input (dialog, "country_code"));
  GtkDropDown *tier = GTK_DROP_DOWN (cd_edit_dialog_get_input (dialog, "custom_fields.plan_tier"));
  g_auto(GStrv) labels = cd_edit_dialog_dup_labels (dialog);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cd_edit_dialog_get_input (dialog, "first_name"))), ==, "Rahul");
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (zone)), ==,
                   "Asia/Kolkata");
  /* The zone list comes from the system's zone data: hundreds of zones. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (zone)), >, 300);
  g_assert_true (gtk_drop_down_get_enable_search (zone));
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (country)), ==,
                   "India (IN)");
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (tier)), ==, "Gold");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cd_edit_dialog_get_input (dialog, "custom_fields.budget"))), ==, "120000");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (cd_edit_dialog_get_input (dialog, "custom_fields.newsletter"))));
  g_assert_cmpuint (g_strv_length (labels), ==, 2);
  /* Signal fields are shown read-only. */
  g_assert_true (ADW_IS_ACTION_ROW (cd_edit_dialog_get_input (dialog, "custom_fields.interest_score")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (cd_edit_dialog_get_input (dialog, "custom_fields.last_outcome"))),
                   ==, "Interested");
  take_screenshot (GTK_WIDGET (dialog), "edit-dialog");
  /* The custom fields, below the fold. */
  take_screenshot (gtk_widget_get_ancestor (cd_edit_dialog_get_row (dialog, "custom_fields.notes"),
                                            ADW_TYPE_PREFERENCES_GROUP),
                   "edit-dialog-custom-fields");
  /* Nothing changed: Save sends nothing. */
  save (dialog);
  g_assert_cmpuint (patch_count (fixture), ==, 0);
}

static void
test_validation (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) changed = NULL;
  CdEditDialog *dialog = open_edit_dialog (fixture, CD_DEMO_CONTACT_NAMED, &changed);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  set_text (dialog, "phone_e164", "12345");
  set_text (dialog, "email", "rahul@");
  set_text (dialog, "custom_fields.renewal_date", "2026-02-30");
  set_text (dialog, "custom_fields.budget", "lots");
  save (dialog);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (patch_count (fixture), ==, 0);
  g_assert_true (gtk_widget_has_css_class (cd_edit_dialog_get_row (dialog, "phone_e164"), "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cd_edit_dialog_get_message (dialog, "phone_e164"))));
  g_assert_true (gtk_widget_has_css_class (cd_edit_dialog_get_row (dialog, "email"), "error"));
  g_assert_true (gtk_widget_has_css_class (cd_edit_dialog_get_row (dialog, "custom_fields.renewal_date"), "error"));
  g_assert_true (gtk_widget_has_css_class (cd_edit_dialog_get_row (dialog, "custom_fields.budget"), "error"));
  g_assert_false (gtk_widget_has_css_class (cd_edit_dialog_get_row (dialog, "company"), "error"));
  take_screenshot (GTK_WIDGET (dialog), "edit-dialog-invalid");

  /* Fixed: the flags go and the save goes through. */
  set_text (dialog, "phone_e164", "+919900000099");
  set_text (dialog, "email", "rahul@example.com");
  set_text (dialog, "custom_fields.renewal_date", "2026-02-28");
  set_text (dialog, "custom_fields.budget", "120000");
  save (dialog);
  WAIT_UNTIL (changed != NULL);
  g_assert_null (dialog);
  g_assert_cmpuint (patch_count (fixture), ==, 1);
  g_assert_cmpstr (cd_contact_get_phone_e164 (changed), ==, "+919900000099");
}

static void
test_only_changed_members (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) changed = NULL;
  CdEditDialog *dialog = open_edit_dialog (fixture, CD_DEMO_CONTACT_NAMED, &changed);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object, *custom;
  GtkWidget *add_label;

  set_text (dialog, "company", "Acme Realty Holdings");
  set_text (dialog, "custom_fields.budget", "150000");
  gtk_switch_set_active (GTK_SWITCH (cd_edit_dialog_get_input (dialog, "custom_fields.newsletter")), FALSE);
  add_label = cd_edit_dialog_get_input (dialog, "tags");
  gtk_editable_set_text (GTK_EDITABLE (add_label), "priority");
  g_signal_emit_by_name (add_label, "apply");
  /* Adding the same label twice keeps one chip. */
  gtk_editable_set_text (GTK_EDITABLE (add_label), "priority");
  g_signal_emit_by_name (add_label, "apply");
  g_signal_emit_by_name (cd_edit_dialog_get_label_remove_button (dialog, "vip"), "clicked");
  take_screenshot (GTK_WIDGET (dialog), "edit-dialog-labels");
  save (dialog);
  g_assert_cmpstr (gtk_button_get_label (cd_edit_dialog_get_save_button (dialog)), ==, "Saving…");
  save (dialog);   /* a double click saves once */
  WAIT_UNTIL (changed != NULL);
  g_assert_cmpuint (patch_count (fixture), ==, 1);

  text = cd_demo_server_dup_last_body (fixture->server, "/contacts/501");
  body = json_from_string (text, NULL);
  object = json_node_get_object (body);
  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "company"), ==, "Acme Realty Holdings");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "tags")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "tags"), 0), ==, "renewal");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "tags"), 1), ==, "priority");
  custom = json_object_get_object_member (object, "custom_fields");
  g_assert_cmpuint (json_object_get_size (custom), ==, 2);
  g_assert_cmpint (json_object_get_int_member (custom, "budget"), ==, 150000);
  g_assert_false (json_object_get_boolean_member (custom, "newsletter"));
  g_assert_cmpstr (cd_contact_get_company (changed), ==, "Acme Realty Holdings");
  g_assert_cmpstr (cd_contact_get_first_name (changed), ==, "Rahul");
}

static void
update_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  CdContact **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cd_repository_update_contact_finish (CD_REPOSITORY (object), result, NULL, &error);
  g_assert_no_error (error);
}

static void
test_conflict_412 (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) changed = NULL;
  g_autoptr(CdContact) elsewhere = NULL;
  g_autoptr(JsonObject) change = json_object_new ();
  g_autofree char *text = NULL;
  CdEditDialog *dialog = open_edit_dialog (fixture, CD_DEMO_CONTACT_NAMED, &changed);

  /* Someone else renames the contact while the dialog is open. */
  json_object_set_string_member (change, "last_name", "Mehta-Shah");
  cd_repository_update_contact_async (fixture->repository, CD_DEMO_CONTACT_NAMED, change, NULL,
                                      NULL, update_cb, &elsewhere);
  WAIT_UNTIL (elsewhere != NULL);

  set_text (dialog, "company", "Mine Realty");
  save (dialog);
  WAIT_UNTIL (gtk_widget_get_visible (cd_edit_dialog_get_conflict_box (dialog)));
  take_screenshot (GTK_WIDGET (dialog), "edit-dialog-conflict");
  g_assert_null (changed);
  g_assert_cmpuint (patch_count (fixture), ==, 1);

  g_signal_emit_by_name (cd_edit_dialog_get_reload_button (dialog), "clicked");
  WAIT_UNTIL (!gtk_widget_get_visible (cd_edit_dialog_get_conflict_box (dialog)));
  /* The other change is shown, the user's edit is kept on top. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cd_edit_dialog_get_input (dialog, "last_name"))), ==, "Mehta-Shah");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cd_edit_dialog_get_input (dialog, "company"))), ==, "Mine Realty");
  save (dialog);
  WAIT_UNTIL (changed != NULL);
  g_assert_cmpuint (patch_count (fixture), ==, 2);
  text = cd_demo_server_dup_last_body (fixture->server, "/contacts/501");
  g_assert_cmpstr (text, ==, "{\"company\":\"Mine Realty\"}");
  g_assert_cmpstr (cd_contact_get_last_name (changed), ==, "Mehta-Shah");
}

static void
test_server_validation_422 (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) changed = NULL;
  CdEditDialog *dialog = open_edit_dialog (fixture, CD_DEMO_CONTACT_NAMED, &changed);
  g_autofree char *long_notes = g_strnfill (2100, 'x');
  GtkLabel *message = cd_edit_dialog_get_message (dialog, "custom_fields.notes");
  GtkLabel *error_label = cd_edit_dialog_get_error_label (dialog);

  /* The server allows at most 2000 characters; the client leaves that to it. */
  set_text (dialog, "custom_fields.notes", long_notes);
  save (dialog);
  WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_null (changed);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "too long"));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "Request ID: "));
  g_assert_cmpuint (patch_count (fixture), ==, 0);
  /* The input is kept. */
  g_assert_cmpuint (strlen (gtk_editable_get_text (GTK_EDITABLE (cd_edit_dialog_get_input (dialog, "custom_fields.notes")))), ==, 2100);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_injected_422 (DialogsFixture *fixture, gconstpointer data)
{
  g_autoptr(CdContact) changed = NULL;
  CdEditDialog *dialog = open_edit_dialog (fixture, CD_DEMO_CONTACT_NAMED, &changed);
  GtkLabel *error_label = cd_edit_dialog_get_error_label (dialog);

  cd_demo_server_inject_fault (fixture->server, "/contacts/501", CD_DEMO_FAULT_STATUS, 422, 1);
  set_text (dialog, "company", "Other");
  save (dialog);
  WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_null (changed);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (cd_edit_dialog_get_save_button (dialog))));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char **argv)
{
  dialogs_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, DialogsFixture, NULL, dialogs_fixture_setup, func, dialogs_fixture_teardown)
  ADD ("/dialogs/edit/populated", test_populated);
  ADD ("/dialogs/edit/validation", test_validation);
  ADD ("/dialogs/edit/only-changed", test_only_changed_members);
  ADD ("/dialogs/edit/conflict-412", test_conflict_412);
  ADD ("/dialogs/edit/server-422", test_server_validation_422);
  ADD ("/dialogs/edit/injected-422", test_injected_422);
  return g_test_run ();
}
