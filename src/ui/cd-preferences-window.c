/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-ui"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-credentials.h"
#include "cd-preferences-window.h"

struct _CdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;     /* NULL when the schema is not installed */
  GCancellable         *cancellable;

  AdwEntryRow          *server_row;
  AdwEntryRow          *tenant_row;
  AdwEntryRow          *api_key_row;
  AdwEntryRow          *timezone_row;
  AdwEntryRow          *dashboard_row;
};

G_DEFINE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Helpers */

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

/* Callbacks */

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
on_tenant_apply (CdPreferencesWindow *self)
{
  store_row (self, self->tenant_row, "tenant-id");
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
  store_row (self, self->dashboard_row, "dashboard-url");
}

static void
store_key_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cd_credentials_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, _("Could not store the API key in the keyring"));
      return;
    }

  toast (self, _("API key saved in the keyring"));
}

static void
on_api_key_apply (CdPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->api_key_row));

  if (url[0] == '\0' || !cd_application_validate_server_url (url, NULL))
    {
      toast (self, _("Enter a valid server URL first"));
      return;
    }

  /* The key goes to the keyring only; the row is cleared right away. */
  cd_credentials_store_async (url, key, self->cancellable, store_key_cb, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (self->api_key_row), "");
}

/* GObject overrides */

static void
cd_preferences_window_dispose (GObject *object)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (cd_preferences_window_parent_class)->dispose (object);
}

static void
cd_preferences_window_class_init (CdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/ContactDetail/ui/cd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, tenant_row);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, dashboard_row);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_tenant_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_api_key_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_timezone_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_dashboard_apply);
}

static void
cd_preferences_window_init (CdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = cd_application_create_settings ();
  if (self->settings == NULL)
    return;

  load_row (self, self->server_row, "server-url");
  load_row (self, self->tenant_row, "tenant-id");
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
