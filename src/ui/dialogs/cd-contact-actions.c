/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-call-dialog.h"
#include "cd-contact-actions.h"
#include "cd-edit-dialog.h"
#include "cd-error.h"
#include "cd-format.h"
#include "cd-offline-ui.h"
#include "cd-repository-contacts.h"
#include "cd-rules.h"

struct _CdContactActions
{
  GObject       parent_instance;

  CdRepository *repository;
  CdUser       *user;
  GFile        *export_file;  /* tests: instead of the file chooser */
  GFile        *export_target; /* where the running export is written */
  GCancellable *cancellable;

  /* The action being confirmed or run: one at a time. */
  GtkWindow    *dialog;      /* weak: cleared on destroy */
  GtkWidget    *parent;      /* weak */
  CdContact    *contact;
  char         *action;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CdContactActions, cd_contact_actions, G_TYPE_OBJECT)

enum
{
  CONTACT_CHANGED,
  CONTACT_REMOVED,
  CALL_STARTED,
  TOAST,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------ */

static GError *
refusal (const char *message)
{
  return cd_api_error_new (CD_API_ERROR_FORBIDDEN, 0, message, "NOT_ALLOWED", NULL);
}

static gboolean
role_allows (CdContactActions *self,
             gboolean (*rule) (CdRole role))
{
  return self->user == NULL || rule (cd_user_get_role (self->user));
}

static gboolean
check_call (CdContactActions  *self,
            CdContact         *contact,
            GError           **error)
{
  CdCallContext context = {
    TRUE,
    self->user != NULL ? cd_user_get_role (self->user) : CD_ROLE_TENANT_OPERATOR,
    cd_repository_get_online (self->repository),
  };
  g_autofree char *reason = NULL;

  if (cd_contact_is_callable (contact, &context, &reason))
    return TRUE;
  g_propagate_error (error, refusal (reason != NULL ? reason : _("This contact can't be called")));
  return FALSE;
}

/* Permission flag (server) + role rule (client) + state for each action. */
static gboolean
is_allowed (CdContactActions *self,
            CdContact        *contact,
            const char       *action)
{
  CdLifecycleState state = cd_contact_get_lifecycle_state (contact);
  gboolean erased = cd_contact_is_erased (contact);

  if (g_str_equal (action, "edit"))
    return !erased && cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_EDIT) &&
           role_allows (self, cd_role_can_edit);
  if (g_str_equal (action, "toggle-dnc"))
    return !erased && cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_MANAGE_DNC) &&
           role_allows (self, cd_role_can_edit);
  if (g_str_equal (action, "archive"))
    return state == CD_LIFECYCLE_STATE_ACTIVE &&
           cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_ARCHIVE);
  if (g_str_equal (action, "unarchive"))
    return state == CD_LIFECYCLE_STATE_ARCHIVED &&
           cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_UNARCHIVE);
  if (g_str_equal (action, "gdpr-erase"))
    return !erased && cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_GDPR_ERASE) &&
           role_allows (self, cd_role_is_privileged);
  if (g_str_equal (action, "hard-delete"))
    return cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_HARD_DELETE) &&
           role_allows (self, cd_role_is_privileged);
  if (g_str_equal (action, "export"))
    return TRUE;
  return FALSE;
}

static const char * const known_actions[] = {
  "call", "edit", "toggle-dnc", "archive", "unarchive", "gdpr-erase", "hard-delete", "export",
  NULL,
};

static void
emit_error (CdContactActions *self,
            const GError     *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Ids and codes only: server messages may quote personal data. */
  g_debug ("Action %s failed: %s (request %s)", self->action ? self->action : "?",
           error->domain == CD_API_ERROR ? cd_api_error_get_error_code (error) ?: "-" : "-",
           error->domain == CD_API_ERROR ? cd_api_error_get_request_id (error) ?: "none" : "none");
  g_signal_emit (self, signals[ERROR], 0, error);
}

/* The 409 of a hard delete, said in words a user can act on. */
static GError *
explain_error (const GError *error)
{
  if (g_strcmp0 (cd_api_error_get_error_code (error), "HAS_HISTORY") == 0)
    return cd_api_error_new (CD_API_ERROR_CONFLICT, cd_api_error_get_http_status (error),
                             _("This contact has call or campaign history, so it can’t be "
                               "permanently deleted. Archive it or use GDPR erase instead."),
                             "HAS_HISTORY", cd_api_error_get_request_id (error));
  return g_error_copy (error);
}

static void
finish_action (CdContactActions *self)
{
  self->busy = FALSE;
  g_clear_object (&self->contact);
  g_clear_pointer (&self->action, g_free);
}

static void
dialog_destroyed (CdContactActions *self)
{
  self->dialog = NULL;
  if (!self->busy)
    finish_action (self);
}

static void
track_dialog (CdContactActions *self,
              GtkWindow        *dialog)
{
  GtkRoot *root = self->parent != NULL ? gtk_widget_get_root (self->parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
  gtk_window_set_modal (dialog, TRUE);
  self->dialog = dialog;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

/* ---- request outcomes ---------------------------------------------------- */

static void
contact_op_done (CdContactActions *self,
                 CdContact        *contact,
                 const GError     *error,
                 const char       *toast,
                 gboolean          queued)
{
  if (contact != NULL)
    {
      g_signal_emit (self, signals[CONTACT_CHANGED], 0, contact);
      g_signal_emit (self, signals[TOAST], 0, cd_offline_ui_saved_message (queued, toast));
    }
  else
    {
      g_autoptr(GError) shown = explain_error (error);

      emit_error (self, shown);
    }
  finish_action (self);
}

#define CONTACT_CB(name, finish, toast)                                        \
  static void                                                                  \
  name (GObject *object, GAsyncResult *result, gpointer user_data)            \
  {                                                                            \
    g_autoptr(CdContactActions) self = user_data;                              \
    g_autoptr(GError) error = NULL;                                            \
    g_autoptr(CdContact) contact =                                             \
      finish (CD_REPOSITORY (object), result, NULL, &error);                   \
    contact_op_done (self, contact, error, toast,                              \
                     contact != NULL && cd_offline_ui_was_queued (result));    \
  }

CONTACT_CB (add_dnc_cb, cd_repository_add_dnc_finish, _("Added to the Do-Not-Call list"))
CONTACT_CB (remove_dnc_cb, cd_repository_remove_dnc_finish, _("Removed from the Do-Not-Call list"))
CONTACT_CB (archive_cb, cd_repository_archive_contact_finish, _("Contact archived"))
CONTACT_CB (unarchive_cb, cd_repository_unarchive_contact_finish, _("Contact unarchived"))

static void
erase_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CdContactActions) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdContact) contact = NULL;

  contact = cd_repository_gdpr_erase_contact_finish (CD_REPOSITORY (object), result, &error);
  if (contact == NULL && error == NULL)
    {
      /* Erased, but the answer had no contact: reload shows the redacted copy. */
      g_signal_emit (self, signals[TOAST], 0, _("Contact erased"));
      finish_action (self);
      return;
    }
  contact_op_done (self, contact, error, _("Contact erased"), FALSE);
}

static void
hard_delete_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdContactActions) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = self->contact != NULL ? cd_contact_get_id (self->contact) : 0;
  g_autoptr(GtkWidget) parent = self->parent != NULL ? g_object_ref (self->parent) : NULL;

  if (!cd_repository_hard_delete_contact_finish (CD_REPOSITORY (object), result, &error))
    {
      contact_op_done (self, NULL, error, NULL, FALSE);
      return;
    }
  finish_action (self);
  g_signal_emit (self, signals[CONTACT_REMOVED], 0, id);
  g_signal_emit (self, signals[TOAST], 0, _("Contact deleted"));
  if (parent != NULL)
    gtk_widget_activate_action (parent, "win.show-finder", NULL);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CdContactActions) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_signal_emit (self, signals[TOAST], 0, _("Contact data exported"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(GError) shown =
        cd_api_error_new (CD_API_ERROR_NETWORK, 0, error->message, "WRITE_FAILED", NULL);

      g_prefix_error (&shown, "%s", _("Could not save the export: "));
      emit_error (self, shown);
    }
  finish_action (self);
}

static void
export_fetched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CdContactActions) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = g_steal_pointer (&self->export_target);

  bytes = cd_repository_export_contact_data_finish (CD_REPOSITORY (object), result, &error);
  if (bytes == NULL || file == NULL)
    {
      if (error != NULL)
        emit_error (self, error);
      finish_action (self);
      return;
    }
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       self->cancellable, export_written_cb,
                                       g_object_ref (self));
}

static void
start_export (CdContactActions *self,
              GFile            *file)
{
  self->busy = TRUE;
  g_set_object (&self->export_target, file);
  cd_repository_export_contact_data_async (self->repository, cd_contact_get_id (self->contact),
                                           self->cancellable, export_fetched_cb,
                                           g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     CdContactActions *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file != NULL && self->contact != NULL)
    start_export (self, file);
  else
    finish_action (self);
  g_object_unref (self);
}

static void
run_export (CdContactActions *self)
{
  GtkFileChooserNative *chooser;
  GtkRoot *root = self->parent != NULL ? gtk_widget_get_root (self->parent) : NULL;
  g_autofree char *name = NULL;

  if (self->export_file != NULL)
    {
      start_export (self, self->export_file);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Export Contact Data"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("contact-%" G_GINT64_FORMAT "-export.json",
                          cd_contact_get_id (self->contact));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->busy = TRUE;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- confirmation dialogs ----------------------------------------------- */

static GtkEntry *
dialog_entry (AdwMessageDialog *dialog)
{
  GtkWidget *child = adw_message_dialog_get_extra_child (dialog);

  return GTK_IS_ENTRY (child) ? GTK_ENTRY (child) : NULL;
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CdContactActions *self)
{
  GtkEntry *entry = dialog_entry (dialog);
  const char *text = entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (entry)) : NULL;
  gint64 id;

  /* A response is emitted once per dialog; a disabled one never is, but be safe. */
  if (self->busy || self->contact == NULL || g_str_equal (response, "cancel") ||
      !adw_message_dialog_get_response_enabled (dialog, response))
    return;
  id = cd_contact_get_id (self->contact);
  self->busy = TRUE;
  if (g_str_equal (response, "add-dnc"))
    cd_repository_add_dnc_async (self->repository, self->contact, text, self->cancellable,
                                 add_dnc_cb, g_object_ref (self));
  else if (g_str_equal (response, "remove-dnc"))
    {
      g_autofree char *reason = g_strstrip (g_strdup (text != NULL ? text : ""));

      cd_repository_remove_dnc_async (self->repository, self->contact, reason,
                                      self->cancellable, remove_dnc_cb, g_object_ref (self));
    }
  else if (g_str_equal (response, "archive"))
    cd_repository_archive_contact_async (self->repository, id, self->cancellable, archive_cb,
                                         g_object_ref (self));
  else if (g_str_equal (response, "unarchive"))
    cd_repository_unarchive_contact_async (self->repository, id, self->cancellable,
                                           unarchive_cb, g_object_ref (self));
  else if (g_str_equal (response, "erase"))
    cd_repository_gdpr_erase_contact_async (self->repository, id, self->cancellable, erase_cb,
                                            g_object_ref (self));
  else if (g_str_equal (response, "delete"))
    cd_repository_hard_delete_contact_async (self->repository, id, self->cancellable,
                                             hard_delete_cb, g_object_ref (self));
  else
    self->busy = FALSE;
}

/* What enables the response of a confirmation that needs typed text. */
typedef struct
{
  AdwMessageDialog *dialog;   /* unowned: the entry lives inside it */
  char             *response;
  char             *expected; /* the contact id to type; NULL = any non-blank text */
} Requirement;

static void
requirement_free (gpointer  data,
                  GClosure *closure)
{
  Requirement *requirement = data;

  g_free (requirement->response);
  g_free (requirement->expected);
  g_free (requirement);
}

static void
entry_changed_cb (GtkEditable *entry,
                  Requirement *requirement)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gboolean ok = requirement->expected != NULL ? g_str_equal (text, requirement->expected)
                                              : *text != '\0';

  adw_message_dialog_set_response_enabled (requirement->dialog, requirement->response, ok);
}

static AdwMessageDialog *
confirm_new (const char             *heading,
             const char             *body,
             const char             *response,
             const char             *label,
             AdwResponseAppearance   appearance)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/* @expected: the exact text that enables @response; NULL = any non-blank text;
 * @required FALSE leaves the response enabled (optional text). */
static GtkWidget *
add_entry (AdwMessageDialog *dialog,
           const char       *response,
           const char       *placeholder,
           const char       *expected,
           gboolean          required)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 500);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  adw_message_dialog_set_extra_child (dialog, entry);
  if (required)
    {
      Requirement *requirement = g_new0 (Requirement, 1);

      requirement->dialog = dialog;
      requirement->response = g_strdup (response);
      requirement->expected = g_strdup (expected);
      adw_message_dialog_set_response_enabled (dialog, response, FALSE);
      g_signal_connect_data (entry, "changed", G_CALLBACK (entry_changed_cb), requirement,
                             requirement_free, 0);
    }
  return entry;
}

static AdwMessageDialog *
build_dnc_dialog (CdContact *contact)
{
  const char *phone = cd_contact_get_phone_e164 (contact);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (!cd_contact_get_dnc_listed (contact))
    {
      body = g_strdup_printf (_("Calls to %s will be blocked for the whole workspace."),
                              phone != NULL ? phone : _("this number"));
      dialog = confirm_new (_("Add to Do-Not-Call list?"), body, "add-dnc", _("_Add to List"),
                            ADW_RESPONSE_DESTRUCTIVE);
      add_entry (dialog, "add-dnc", _("Reason (optional)"), NULL, FALSE);
      return dialog;
    }
  body = g_strdup_printf (_("%s can be called again once removed. Policy requires a reason."),
                          phone != NULL ? phone : _("This number"));
  dialog = confirm_new (_("Remove from Do-Not-Call list?"), body, "remove-dnc",
                        _("_Remove from List"), ADW_RESPONSE_SUGGESTED);
  add_entry (dialog, "remove-dnc", _("Reason (required)"), NULL, TRUE);
  return dialog;
}

static char *
counts_text (CdContact *contact)
{
  gint64 calls = MAX (cd_contact_get_call_count (contact), 0);
  gint64 campaigns = MAX (cd_contact_get_campaign_count (contact), 0);
  g_autofree char *call_text = NULL;
  g_autofree char *campaign_text = NULL;
  g_autofree char *calls_number = cd_format_number ((double) calls);
  g_autofree char *campaigns_number = cd_format_number ((double) campaigns);

  /* Translators: %s is a number of calls */
  call_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s call", "%s calls", (gulong) calls),
                               calls_number);
  /* Translators: %s is a number of campaigns */
  campaign_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s campaign", "%s campaigns",
                                                (gulong) campaigns), campaigns_number);
  /* Translators: "14 calls and 2 campaigns" */
  return g_strdup_printf (_("%s and %s"), call_text, campaign_text);
}

static AdwMessageDialog *
build_lifecycle_dialog (CdContact  *contact,
                        const char *action)
{
  g_autofree char *title = cd_contact_dup_display_title (contact);
  g_autofree char *counts = counts_text (contact);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, cd_contact_get_id (contact));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  const char *response;

  if (g_str_equal (action, "archive"))
    {
      body = g_strdup_printf (_("%s has %s. The history is kept, but the contact leaves active "
                                "lists and segments and can’t be called until unarchived."),
                              title, counts);
      return confirm_new (_("Archive contact?"), body, "archive", _("_Archive"),
                          ADW_RESPONSE_DESTRUCTIVE);
    }
  if (g_str_equal (action, "unarchive"))
    {
      body = g_strdup_printf (_("%s will be active again and can be called."), title);
      return confirm_new (_("Unarchive contact?"), body, "unarchive", _("_Unarchive"),
                          ADW_RESPONSE_SUGGESTED);
    }
  if (g_str_equal (action, "gdpr-erase"))
    {
      body = g_strdup_printf (_("The personal data of %s is redacted and the number is added to "
                                "the Do-Not-Call list; %s are kept anonymised. This can’t be "
                                "undone.\n\nType the contact id %s to confirm."),
                              title, counts, id);
      response = "erase";
      dialog = confirm_new (_("GDPR erase contact?"), body, response, _("_Erase"),
                            ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      body = g_strdup_printf (_("%s is removed everywhere, including this computer. This can’t "
                                "be undone.\n\nType the contact id %s to confirm."),
                              title, id);
      response = "delete";
      dialog = confirm_new (_("Permanently delete contact?"), body, response,
                            _("_Delete Permanently"), ADW_RESPONSE_DESTRUCTIVE);
    }
  add_entry (dialog, response, _("Contact id"), id, TRUE);
  return dialog;
}

/* ---- GObject ------------------------------------------------------------ */

static void
cd_contact_actions_dispose (GObject *object)
{
  CdContactActions *self = CD_CONTACT_ACTIONS (object);

  g_cancellable_cancel (self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->repository);
  g_clear_object (&self->user);
  g_clear_object (&self->export_file);
  g_clear_object (&self->export_target);
  g_clear_object (&self->contact);
  g_clear_pointer (&self->action, g_free);
  G_OBJECT_CLASS (cd_contact_actions_parent_class)->dispose (object);
}

static void
cd_contact_actions_finalize (GObject *object)
{
  CdContactActions *self = CD_CONTACT_ACTIONS (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (cd_contact_actions_parent_class)->finalize (object);
}

static void
cd_contact_actions_class_init (CdContactActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_contact_actions_dispose;
  object_class->finalize = cd_contact_actions_finalize;

  signals[CONTACT_CHANGED] = g_signal_new ("contact-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, CD_TYPE_CONTACT);
  signals[CONTACT_REMOVED] = g_signal_new ("contact-removed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CALL_STARTED] = g_signal_new ("call-started", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
cd_contact_actions_init (CdContactActions *self)
{
  self->cancellable = g_cancellable_new ();
}

/* ---- public API --------------------------------------------------------- */

CdContactActions *
cd_contact_actions_new (CdRepository *repository)
{
  CdContactActions *self;

  g_return_val_if_fail (CD_IS_REPOSITORY (repository), NULL);

  self = g_object_new (CD_TYPE_CONTACT_ACTIONS, NULL);
  self->repository = g_object_ref (repository);
  return self;
}

void
cd_contact_actions_set_user (CdContactActions *self,
                             CdUser           *user)
{
  g_return_if_fail (CD_IS_CONTACT_ACTIONS (self));
  g_set_object (&self->user, user);
}

void
cd_contact_actions_set_export_file (CdContactActions *self,
                                    GFile            *file)
{
  g_return_if_fail (CD_IS_CONTACT_ACTIONS (self));
  g_set_object (&self->export_file, file);
}

GtkWindow *
cd_contact_actions_get_dialog (CdContactActions *self)
{
  g_return_val_if_fail (CD_IS_CONTACT_ACTIONS (self), NULL);
  return self->dialog;
}

gboolean
cd_contact_actions_get_busy (CdContactActions *self)
{
  g_return_val_if_fail (CD_IS_CONTACT_ACTIONS (self), FALSE);
  return self->busy;
}

gboolean
cd_contact_actions_check (CdContactActions  *self,
                          CdContact         *contact,
                          const char        *action,
                          GError           **error)
{
  g_return_val_if_fail (CD_IS_CONTACT_ACTIONS (self), FALSE);
  g_return_val_if_fail (CD_IS_CONTACT (contact), FALSE);

  if (action == NULL || !g_strv_contains (known_actions, action))
    {
      g_propagate_error (error, refusal (_("Unknown action")));
      return FALSE;
    }
  if (g_str_equal (action, "call"))
    return check_call (self, contact, error);
  if (g_str_equal (action, "export") && !cd_repository_get_online (self->repository))
    {
      g_propagate_error (error, refusal (_("Exporting data needs a connection")));
      return FALSE;
    }
  if (!is_allowed (self, contact, action))
    {
      g_propagate_error (error, refusal (_("You aren’t allowed to do this for this contact")));
      return FALSE;
    }
  return TRUE;
}

static void
call_started_cb (CdContactActions *self,
                 gint64            session_id)
{
  g_signal_emit (self, signals[CALL_STARTED], 0, session_id);
  g_signal_emit (self, signals[TOAST], 0, _("Call started"));
}

static void
contact_edited_cb (CdEditDialog     *dialog,
                   CdContact        *contact,
                   CdContactActions *self)
{
  g_signal_emit (self, signals[CONTACT_CHANGED], 0, contact);
  g_signal_emit (self, signals[TOAST], 0,
                 cd_offline_ui_saved_message (cd_edit_dialog_get_queued (dialog), _("Contact saved")));
}

static GtkWindow *
build_dialog (CdContactActions *self,
              const char       *action)
{
  AdwMessageDialog *message;

  if (g_str_equal (action, "call"))
    {
      CdCallDialog *dialog = cd_call_dialog_new (self->repository, self->contact);

      g_signal_connect_object (dialog, "call-started", G_CALLBACK (call_started_cb), self,
                               G_CONNECT_SWAPPED);
      return GTK_WINDOW (dialog);
    }
  if (g_str_equal (action, "edit"))
    {
      CdEditDialog *dialog = cd_edit_dialog_new (self->repository, self->contact);

      g_signal_connect_object (dialog, "contact-changed", G_CALLBACK (contact_edited_cb), self, 0);
      return GTK_WINDOW (dialog);
    }
  if (g_str_equal (action, "toggle-dnc"))
    message = build_dnc_dialog (self->contact);
  else
    message = build_lifecycle_dialog (self->contact, action);
  g_signal_connect_object (message, "response", G_CALLBACK (confirm_response_cb), self, 0);
  return GTK_WINDOW (message);
}

gboolean
cd_contact_actions_run (CdContactActions  *self,
                        GtkWidget         *parent,
                        CdContact         *contact,
                        const char        *action,
                        GError           **error)
{
  g_return_val_if_fail (CD_IS_CONTACT_ACTIONS (self), FALSE);
  g_return_val_if_fail (CD_IS_CONTACT (contact), FALSE);

  if (self->busy || self->dialog != NULL)
    {
      /* Double activation: the open dialog keeps the focus. */
      if (self->dialog != NULL)
        gtk_window_present (self->dialog);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("Another action on this contact is still running"));
      return FALSE;
    }
  if (!cd_contact_actions_check (self, contact, action, error))
    return FALSE;

  g_set_object (&self->contact, contact);
  g_free (self->action);
  self->action = g_strdup (action);
  g_set_weak_pointer (&self->parent, parent);
  if (g_str_equal (action, "export"))
    {
      run_export (self);
      return TRUE;
    }
  track_dialog (self, build_dialog (self, action));
  return TRUE;
}
