/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-ui"

#include <glib/gi18n.h>

#include "cd-format.h"
#include "cd-repository-offline.h"
#include "cd-tenant.h"
#include "cd-user.h"

#include "cd-application.h"
#include "cd-credentials.h"
#include "cd-preferences-window.h"
#include "cd-window.h"

struct _CdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;     /* NULL when the schema is not installed */
  GCancellable         *cancellable;
  CdWindow             *window;       /* weak: the window whose backend is shown */
  CdRepository         *repository;   /* that window's backend, NULL when none */
  GArray               *tenant_ids;   /* gint64 per workspace_row item */
  gboolean              loading_tenants;
  GCancellable         *size_cancellable;  /* the size measurement in flight */
  guint64               cache_size;
  guint                 pending_sizes;
  GCancellable         *list_cancellable;  /* the offline list query in flight */
  GPtrArray            *offline_rows;      /* AdwActionRow in offline_group, unowned */

  AdwEntryRow          *server_row;
  AdwComboRow          *workspace_row;
  AdwActionRow         *storage_row;
  GtkButton            *remove_data_button;
  AdwEntryRow          *api_key_row;
  AdwEntryRow          *timezone_row;
  AdwEntryRow          *dashboard_row;
  AdwPreferencesGroup  *offline_group;
  GtkWidget            *offline_empty_row;
};

G_DEFINE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Helpers */

/*
 * Async callbacks hold the window weakly.  A closed window (gtk_window_destroy)
 * is only disposed, and its requests cancelled, once its last reference goes:
 * a strong reference in a callback would keep it alive for as long as the
 * request takes (a stalled one: until its timeout), acting on a closed window,
 * and drop it later, when its transient parent may be gone already — GTK 4.8
 * then unsets the transient parent from freed memory.
 */
static gpointer
weak_self (CdPreferencesWindow *self)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  return weak;
}

/* The window of a callback (a new reference), or NULL once it is gone or disposed. */
static CdPreferencesWindow *
take_self (gpointer user_data)
{
  GWeakRef *weak = user_data;
  CdPreferencesWindow *self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  /* Disposed but still referenced elsewhere: its parts are cleared. */
  if (self != NULL && self->cancellable == NULL)
    g_clear_object (&self);
  return self;
}

static void
load_row (CdPreferencesWindow *self,
          AdwEntryRow         *row,
          const char          *key)
{
  g_autofree char *value = g_settings_get_string (self->settings, key);

  gtk_editable_set_text (GTK_EDITABLE (row), value);
}

static void
store_row (CdPreferencesWindow *self,
           AdwEntryRow         *row,
           const char          *key)
{
  g_autofree char *value = NULL;

  if (self->settings == NULL)
    return;

  value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_settings_set_string (self->settings, key, value);
}

static void
toast (CdPreferencesWindow *self,
       const char          *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static void
set_storage_subtitle (CdPreferencesWindow *self)
{
  g_autofree char *size = NULL;

  if (self->repository == NULL)
    {
      adw_action_row_set_subtitle (self->storage_row, _("Not connected"));
      return;
    }

  if (self->cache_size == 0)
    {
      adw_action_row_set_subtitle (self->storage_row, _("No offline data"));
      return;
    }

  /* Binary units, as the limit is set in MiB ("offline-max-mb"). */
  size = g_format_size_full (self->cache_size, G_FORMAT_SIZE_IEC_UNITS);
  if (self->settings != NULL)
    {
      g_autofree char *limit = NULL;
      g_autofree char *text = NULL;

      limit = g_format_size_full ((guint64) g_settings_get_uint (self->settings, "offline-max-mb")
                                  * 1024 * 1024, G_FORMAT_SIZE_IEC_UNITS);
      /* Translators: offline storage used, then the limit, e.g. "12.3 MiB of 2.0 GiB" */
      text = g_strdup_printf (_("%s of %s"), size, limit);
      adw_action_row_set_subtitle (self->storage_row, text);
      return;
    }
  adw_action_row_set_subtitle (self->storage_row, size);
}

static void
query_size_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdPreferencesWindow) self = take_self (user_data);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A missing file (no cache yet, or the WAL checkpointed) counts as 0. */
  if (info != NULL)
    self->cache_size += (guint64) g_file_info_get_size (info);

  if (--self->pending_sizes == 0)
    set_storage_subtitle (self);
}

/* The cache file and its write-ahead log, stat'ed off the main thread. */
static void
update_storage_size (CdPreferencesWindow *self)
{
  const char *path;
  g_autofree char *wal_path = NULL;
  const char *paths[2];

  /* A new measurement replaces the one in flight, whose callbacks then drop out. */
  g_cancellable_cancel (self->size_cancellable);
  g_clear_object (&self->size_cancellable);
  self->size_cancellable = g_cancellable_new ();
  self->cache_size = 0;
  self->pending_sizes = 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_data_button), self->repository != NULL);
  if (self->repository == NULL)
    {
      set_storage_subtitle (self);
      return;
    }

  path = cd_repository_get_cache_path (self->repository);
  wal_path = g_strconcat (path, "-wal", NULL);
  paths[0] = path;
  paths[1] = wal_path;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      self->pending_sizes++;
      g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                               G_PRIORITY_DEFAULT, self->size_cancellable, query_size_cb,
                               weak_self (self));
    }
}

static void update_offline_list (CdPreferencesWindow *self);

static const char *
offline_state_text (CdOfflineState state)
{
  switch (state)
    {
    case CD_OFFLINE_PENDING: return _("Download incomplete");
    case CD_OFFLINE_DOWNLOADING: return _("Downloading…");
    case CD_OFFLINE_FAILED: return _("Download failed");
    case CD_OFFLINE_DONE:
    case CD_OFFLINE_NONE:
    default: return NULL;
    }
}

/* "1.2 MB · synced 5 min ago", "340 kB · Downloading…" */
static char *
dup_offline_subtitle (CdOfflineContact *contact)
{
  /* Binary units, as the storage size above. */
  g_autofree char *size = g_format_size_full (cd_offline_contact_get_size (contact), G_FORMAT_SIZE_IEC_UNITS);
  const char *state = offline_state_text (cd_offline_contact_get_state (contact));
  GDateTime *synced = cd_offline_contact_get_synced_at (contact);
  g_autofree char *when = NULL;

  if (state != NULL)
    return g_strdup_printf ("%s · %s", size, state);
  if (synced == NULL)
    return g_steal_pointer (&size);
  when = cd_format_relative (synced, NULL);
  /* Translators: offline data size, then a relative time, e.g. "1.2 MB · synced 5 min ago" */
  return g_strdup_printf (_("%s · synced %s"), size, when);
}

/* One contact's or everyone's offline data removed. */
static void
remove_offline_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdPreferencesWindow) self = take_self (user_data);
  g_autoptr(GError) error = NULL;

  if (!cd_repository_remove_offline_finish (CD_REPOSITORY (source), result, &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, _("Could not remove the offline data"));
      return;
    }
  if (self == NULL)
    return;
  toast (self, _("Offline data removed"));
  update_storage_size (self);
  update_offline_list (self);
}

static void
on_remove_one_clicked (GtkButton           *button,
                       CdPreferencesWindow *self)
{
  gint64 contact_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "contact-id"));

  if (self->repository == NULL || contact_id <= 0)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  cd_repository_remove_offline_async (self->repository, contact_id, self->cancellable,
                                      remove_offline_cb, weak_self (self));
}

static GtkWidget *
create_offline_row (CdPreferencesWindow *self,
                    CdOfflineContact    *contact)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  const char *title = cd_offline_contact_get_title (contact);
  g_autofree char *subtitle = dup_offline_subtitle (contact);
  g_autofree char *fallback = NULL;
  g_autofree char *name = NULL;

  if (title == NULL || title[0] == '\0')
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, cd_offline_contact_get_contact_id (contact));

      /* Translators: %s is a contact's id */
      title = fallback = g_strdup_printf (_("Contact #%s"), id);
    }
  /* Names are plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Offline Data"));
  /* Translators: accessible name of a button; %s is the contact's name */
  name = g_strdup_printf (_("Remove offline data of %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "contact-id",
                     GSIZE_TO_POINTER ((gsize) cd_offline_contact_get_contact_id (contact)));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_one_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
show_offline_list (CdPreferencesWindow *self,
                   GListModel          *list)
{
  guint n = list ? g_list_model_get_n_items (list) : 0;

  for (guint i = 0; i < self->offline_rows->len; i++)
    adw_preferences_group_remove (self->offline_group, g_ptr_array_index (self->offline_rows, i));
  g_ptr_array_set_size (self->offline_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdOfflineContact) contact = g_list_model_get_item (list, i);
      GtkWidget *row = create_offline_row (self, contact);

      adw_preferences_group_add (self->offline_group, row);
      g_ptr_array_add (self->offline_rows, row);
    }
  gtk_widget_set_visible (self->offline_empty_row, n == 0);
}

static void
list_offline_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdPreferencesWindow) self = take_self (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;

  list = cd_repository_list_offline_finish (CD_REPOSITORY (source), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (list == NULL)
    g_debug ("Offline list unavailable (code %d)", error ? error->code : -1);
  show_offline_list (self, list);
}

static void
update_offline_list (CdPreferencesWindow *self)
{
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  if (self->repository == NULL)
    {
      show_offline_list (self, NULL);
      return;
    }
  self->list_cancellable = g_cancellable_new ();
  cd_repository_list_offline_async (self->repository, self->list_cancellable,
                                    list_offline_cb, weak_self (self));
}

static void
on_offline_changed (CdPreferencesWindow *self)
{
  update_offline_list (self);
}

static void
clear_workspaces (CdPreferencesWindow *self,
                  const char          *subtitle)
{
  self->loading_tenants = TRUE;
  adw_combo_row_set_model (self->workspace_row, NULL);
  self->loading_tenants = FALSE;
  g_array_set_size (self->tenant_ids, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->workspace_row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->workspace_row), subtitle);
}

/* The configured workspace, else the one the server picked for this user. */
static gint64
current_tenant_id (CdPreferencesWindow *self,
                   CdUser              *user)
{
  g_autofree char *configured = NULL;
  guint64 id = 0;

  if (self->settings != NULL)
    configured = g_settings_get_string (self->settings, "tenant-id");
  if (configured != NULL && g_ascii_string_to_unsigned (configured, 10, 1, G_MAXINT64, &id, NULL))
    return (gint64) id;

  return cd_user_get_current_tenant_id (user);
}

static void
show_workspaces (CdPreferencesWindow *self,
                 CdUser              *user)
{
  GListModel *tenants = cd_user_get_tenants (user);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 current = current_tenant_id (self, user);
  guint selected = GTK_INVALID_LIST_POSITION;
  guint n = tenants != NULL ? g_list_model_get_n_items (tenants) : 0;

  g_array_set_size (self->tenant_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdTenant) tenant = g_list_model_get_item (tenants, i);
      gint64 id = cd_tenant_get_id (tenant);
      const char *name = cd_tenant_get_name (tenant);
      g_autofree char *fallback = NULL;

      if (name == NULL || name[0] == '\0')
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          /* Translators: a workspace without a name; %s is its number */
          name = fallback = g_strdup_printf (_("Workspace %s"), number);
        }
      gtk_string_list_append (names, name);
      g_array_append_val (self->tenant_ids, id);
      if (id == current)
        selected = i;
    }

  if (n == 0)
    {
      clear_workspaces (self, _("This account has no workspaces"));
      return;
    }

  self->loading_tenants = TRUE;
  adw_combo_row_set_model (self->workspace_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->workspace_row, selected);
  self->loading_tenants = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->workspace_row), n > 1 && self->settings != NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->workspace_row), NULL);
}

/* Callbacks */

static void
get_me_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdPreferencesWindow) self = take_self (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdUser) user = NULL;

  user = cd_repository_get_me_finish (CD_REPOSITORY (source), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->repository != CD_REPOSITORY (source))
    return;

  if (user == NULL)
    {
      g_debug ("Workspaces unavailable: %s", error ? error->message : "no user");
      clear_workspaces (self, _("Could not load your workspaces"));
      return;
    }

  show_workspaces (self, user);
}

/* Shows the workspaces and offline data of the window's current backend. */
static void
on_window_repository_changed (CdPreferencesWindow *self)
{
  CdRepository *repository = self->window ? cd_window_get_repository (self->window) : NULL;

  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  g_set_object (&self->repository, repository);
  if (repository != NULL)
    g_signal_connect_object (repository, "offline-changed", G_CALLBACK (on_offline_changed), self,
                             G_CONNECT_SWAPPED);
  update_storage_size (self);
  update_offline_list (self);

  if (repository == NULL)
    {
      clear_workspaces (self, _("Connect to a server to choose a workspace"));
      return;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->workspace_row), _("Loading…"));
  cd_repository_get_me_async (repository, self->cancellable, get_me_cb, weak_self (self));
}

static void
on_workspace_selected (CdPreferencesWindow *self)
{
  guint position = adw_combo_row_get_selected (self->workspace_row);
  g_autofree char *id = NULL;
  g_autofree char *configured = NULL;
  g_autofree char *base_url = NULL;
  GtkApplication *app;

  if (self->loading_tenants || position >= self->tenant_ids->len || self->settings == NULL ||
      self->repository == NULL || self->window == NULL)
    return;

  id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (self->tenant_ids, gint64, position));
  configured = g_settings_get_string (self->settings, "tenant-id");
  if (g_strcmp0 (id, configured) == 0)
    return;

  g_settings_set_string (self->settings, "tenant-id", id);

  /* Reconnect the window to the same server in the new workspace. */
  app = gtk_window_get_application (GTK_WINDOW (self->window));
  base_url = g_strdup (cd_repository_get_base_url (self->repository));
  if (app != NULL && CD_IS_APPLICATION (app))
    cd_application_connect_server (CD_APPLICATION (app), self->window, base_url, 0);
}

static void
on_remove_confirmed (CdPreferencesWindow *self,
                     const char          *response)
{
  if (g_strcmp0 (response, "remove") != 0 || self->repository == NULL)
    return;

  /* 0 = every contact; the outbox of unsent edits stays. */
  cd_repository_remove_offline_async (self->repository, 0, self->cancellable, remove_offline_cb,
                                      weak_self (self));
}

static void
on_remove_data_clicked (CdPreferencesWindow *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Offline Data?"),
                                   _("Every contact, call log and note saved on this computer "
                                     "for this server is deleted, including contacts kept "
                                     "offline. They are downloaded again when you open them "
                                     "while online. Edits waiting to be sent are kept."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_confirmed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_server_changed (CdPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
}

static void
on_server_apply (CdPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  g_autoptr(GError) error = NULL;

  if (url[0] != '\0' && !cd_application_validate_server_url (url, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      toast (self, error->message);
      return;
    }

  store_row (self, self->server_row, "server-url");
}

static void
on_timezone_apply (CdPreferencesWindow *self)
{
  const char *zone = gtk_editable_get_text (GTK_EDITABLE (self->timezone_row));
  g_autoptr(GTimeZone) tz = NULL;

  if (zone[0] != '\0')
    {
      tz = g_time_zone_new_identifier (zone);
      if (tz == NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->timezone_row), "error");
          toast (self, _("Unknown time zone; use an IANA name such as Europe/Berlin"));
          return;
        }
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->timezone_row), "error");
  store_row (self, self->timezone_row, "profile-timezone");
}

static void
on_dashboard_apply (CdPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->dashboard_row));
  g_autoptr(GUri) uri = NULL;

  /* Campaign links open in the browser: only web addresses make sense. */
  if (url[0] != '\0')
    {
      uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
      if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
          (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
           g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->dashboard_row), "error");
          toast (self, _("Enter a web address such as https://app.example.com"));
          return;
        }
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->dashboard_row), "error");
  store_row (self, self->dashboard_row, "dashboard-url");
}

/* A key being stored: it is saved, and the window reconnected, even when
 * Preferences closes meanwhile; only the toasts need Preferences. */
typedef struct
{
  GWeakRef  prefs;
  GWeakRef  window;
  char     *server_url;
} StoreKey;

static void
store_key_free (StoreKey *data)
{
  g_weak_ref_clear (&data->prefs);
  g_weak_ref_clear (&data->window);
  g_free (data->server_url);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreKey, store_key_free)

static void
store_key_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StoreKey) data = user_data;
  g_autoptr(CdPreferencesWindow) self = g_weak_ref_get (&data->prefs);
  g_autoptr(CdWindow) window = g_weak_ref_get (&data->window);
  g_autoptr(GError) error = NULL;
  CdRepository *repository = window ? cd_window_get_repository (window) : NULL;
  GtkApplication *app = window ? gtk_window_get_application (GTK_WINDOW (window)) : NULL;

  /* Disposed but still referenced elsewhere: its parts are cleared. */
  if (self != NULL && self->cancellable == NULL)
    g_clear_object (&self);
  if (!cd_credentials_store_finish (result, &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, _("Could not store the API key in the keyring"));
      return;
    }
  if (self != NULL)
    toast (self, _("API key saved in the keyring"));

  /* The window's backend still holds the old key: reconnect it with the new one. */
  if (repository != NULL && app != NULL && CD_IS_APPLICATION (app) &&
      g_strcmp0 (cd_repository_get_base_url (repository), data->server_url) == 0)
    cd_application_reconnect (CD_APPLICATION (app), window);
}

static void
on_api_key_apply (CdPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->api_key_row));
  StoreKey *data;

  if (url[0] == '\0' || !cd_application_validate_server_url (url, NULL))
    {
      toast (self, _("Enter a valid server URL first"));
      return;
    }

  data = g_new0 (StoreKey, 1);
  g_weak_ref_init (&data->prefs, self);
  g_weak_ref_init (&data->window, self->window);
  data->server_url = g_strdup (url);
  /* The key goes to the keyring only; the row is cleared right away.  Not
   * cancelled when Preferences closes: the user pressed Apply. */
  cd_credentials_store_async (url, key, NULL, store_key_cb, data);
  gtk_editable_set_text (GTK_EDITABLE (self->api_key_row), "");
}

/* GObject overrides */

static void
cd_preferences_window_dispose (GObject *object)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->size_cancellable);
  g_clear_object (&self->size_cancellable);
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->settings);
  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->offline_rows, g_ptr_array_unref);
  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_clear_weak_pointer (&self->window);
    }
  g_clear_pointer (&self->tenant_ids, g_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (cd_preferences_window_parent_class)->dispose (object);
}

static void
cd_preferences_window_constructed (GObject *object)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  G_OBJECT_CLASS (cd_preferences_window_parent_class)->constructed (object);

  if (parent != NULL && CD_IS_WINDOW (parent))
    {
      g_set_weak_pointer (&self->window, CD_WINDOW (parent));
      g_signal_connect_object (parent, "notify::repository",
                               G_CALLBACK (on_window_repository_changed), self,
                               G_CONNECT_SWAPPED);
    }
  on_window_repository_changed (self);
}

static void
cd_preferences_window_class_init (CdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_preferences_window_dispose;
  object_class->constructed = cd_preferences_window_constructed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/ContactDetail/ui/cd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, workspace_row);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, storage_row);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, remove_data_button);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, dashboard_row);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, offline_group);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, offline_empty_row);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_workspace_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_data_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_api_key_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_timezone_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_dashboard_apply);
}

static void
cd_preferences_window_init (CdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->tenant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->offline_rows = g_ptr_array_new ();
  self->settings = cd_application_create_settings ();
  if (self->settings == NULL)
    return;

  load_row (self, self->server_row, "server-url");
  load_row (self, self->timezone_row, "profile-timezone");
  load_row (self, self->dashboard_row, "dashboard-url");
}

/* Public API */

GtkWidget *
cd_preferences_window_new (GtkWindow *transient_for)
{
  return g_object_new (CD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       NULL);
}

/* The rows of "Kept Offline" (AdwActionRow, one per contact); for tests. */
GPtrArray *
cd_preferences_window_get_offline_rows (CdPreferencesWindow *self)
{
  g_return_val_if_fail (CD_IS_PREFERENCES_WINDOW (self), NULL);

  return self->offline_rows;
}
