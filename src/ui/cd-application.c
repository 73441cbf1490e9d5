/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-ui"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <stdio.h>

#include "cd-call-logs-card.h"
#include "cd-contact-page.h"
#include "cd-demo-server.h"

#include "cd-application.h"
#include "cd-credentials.h"
#include "cd-preferences-window.h"

struct _CdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;      /* NULL when the schema is not installed */
  CdDemoServer   *demo_server;   /* the in-process backend of --demo, once started */
  char           *data_dir;      /* --data-dir; NULL = the user data dir */
  char           *demo_role;     /* --role, applied to the demo backend */
  GHashTable     *repositories;  /* "URL\nTENANT" → CdRepository */
  GCancellable   *cancellable;   /* cancelled at shutdown */
};

G_DEFINE_FINAL_TYPE (CdApplication, cd_application, ADW_TYPE_APPLICATION)

/* One command line, as parsed in the primary instance. */
typedef struct
{
  gboolean   help;
  gboolean   demo;
  char      *server;
  char      *role;
  char      *data_dir;
  gboolean   exit_after_paint;
  char     **remaining;
} LaunchOptions;

/* A key lookup in flight for cd_application_connect_server(). */
typedef struct
{
  CdApplication *app;
  CdWindow      *window;
  char          *base_url;
  char          *tenant_id;
  gint64         contact_id;
} ConnectData;

/* Helpers */

static void
launch_options_clear (LaunchOptions *options)
{
  g_clear_pointer (&options->server, g_free);
  g_clear_pointer (&options->role, g_free);
  g_clear_pointer (&options->data_dir, g_free);
  g_clear_pointer (&options->remaining, g_strfreev);
}

static void
connect_data_free (ConnectData *data)
{
  g_application_release (G_APPLICATION (data->app));
  g_clear_object (&data->app);
  g_clear_object (&data->window);
  g_free (data->base_url);
  g_free (data->tenant_id);
  g_free (data);
}

static GOptionContext *
create_option_context (LaunchOptions *options)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo,
      N_("Use the built-in demo backend"), NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING, &options->server,
      N_("Base URL of the platform API (https:// except on loopback)"), N_("URL") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &options->role,
      N_("Role of the demo user (with --demo; for testing)"), N_("ROLE") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &options->data_dir,
      N_("Directory for the offline cache and the demo database"), N_("DIR") },
    { "exit-after-paint", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &options->exit_after_paint,
      "Diagnostic: print the milliseconds from process start until the contact is painted, then quit",
      NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &options->help,
      N_("Show help options"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->remaining,
      NULL, NULL },
    { NULL }
  };
  GOptionContext *context;

  context = g_option_context_new (_("[CONTACT_ID|contact-detail://contact/ID]"));
  g_option_context_set_summary (context, _("Everything about one contact in one window."));
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

/* Parses the forwarded arguments; the result lives in @options. */
static gboolean
parse_arguments (GApplicationCommandLine  *cmdline,
                 LaunchOptions            *options,
                 char                    **help_text,
                 GError                  **error)
{
  g_autoptr(GOptionContext) context = create_option_context (options);
  g_auto(GStrv) argv = NULL;
  int argc = 0;

  argv = g_application_command_line_get_arguments (cmdline, &argc);
  if (!g_option_context_parse_strv (context, &argv, error))
    return FALSE;

  if (options->help)
    *help_text = g_option_context_get_help (context, TRUE, NULL);

  return TRUE;
}

/* scheme://host[:port]/path: no user info (it may hold a password), query or fragment. */
static char *
dup_public_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL)
    return g_strdup (_("(invalid address)"));

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static char *
dup_data_dir (CdApplication *self)
{
  if (self->data_dir != NULL)
    return g_strdup (self->data_dir);

  return g_build_filename (g_get_user_data_dir (), "contact-detail", NULL);
}

static gboolean
ensure_demo_server (CdApplication  *self,
                    GError        **error)
{
  g_autoptr(CdDemoServer) server = NULL;
  g_autofree char *dir = dup_data_dir (self);
  g_autofree char *db_path = g_build_filename (dir, "demo.sqlite", NULL);

  if (self->demo_server != NULL)
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  server = cd_demo_server_new (db_path, error);
  if (server == NULL || !cd_demo_server_start (server, 0, error))
    return FALSE;

  if (self->demo_role != NULL)
    cd_demo_server_set_role (server, self->demo_role);

  g_debug ("Demo backend listening on port %u", cd_demo_server_get_port (server));
  self->demo_server = g_steal_pointer (&server);
  return TRUE;
}

static char *
dup_setting (CdApplication *self,
             const char    *key)
{
  if (self->settings == NULL)
    return g_strdup ("");

  return g_settings_get_string (self->settings, key);
}

static void
open_contacts (CdApplication *self,
               CdWindow      *window,
               const gint64  *ids,
               guint          n_ids)
{
  /* One window shows one contact: the last id given wins. */
  if (n_ids > 0)
    cd_window_open_contact (window, ids[n_ids - 1]);
}

/*
 * Shows what a launch asked for in @window: an explicit backend, else the
 * window's current one, else the configured server, else the welcome page.
 */
static gboolean
show_launch (CdApplication  *self,
             CdWindow       *window,
             LaunchOptions  *options,
             gint64          contact_id,
             GError        **error)
{
  g_autofree char *configured = NULL;

  if (options->demo)
    return cd_application_connect_demo (self, window, contact_id, error);

  if (options->server != NULL)
    {
      if (!cd_application_validate_server_url (options->server, error))
        return FALSE;
      cd_application_connect_server (self, window, options->server, contact_id);
      return TRUE;
    }

  if (cd_window_get_repository (window) != NULL)
    {
      if (contact_id > 0)
        cd_window_open_contact (window, contact_id);
      return TRUE;
    }

  configured = dup_setting (self, "server-url");
  if (configured[0] != '\0' && cd_application_validate_server_url (configured, NULL))
    cd_application_connect_server (self, window, configured, contact_id);
  else
    cd_window_show_welcome (window);

  return TRUE;
}

/*
 * --exit-after-paint: a diagnostic for tests/bench/run-bench.sh.  The clock is
 * the monotonic time read by a constructor of this binary, i.e. just before
 * main() (after the dynamic loader); the benchmark's baseline window reads it
 * the same way.
 */

#define PAINT_PROBE_DEADLINE_S 120

typedef struct
{
  CdApplication *app;
  CdWindow      *window;
  gint64         contact_id;
  GdkFrameClock *clock;
  gulong         before_paint_id;
  gulong         after_paint_id;
  guint          poll_id;
  gboolean       armed;       /* the condition held when the current frame started painting */
  gint64         deadline;
} PaintProbe;

static gint64 process_start_us;

__attribute__ ((constructor)) static void
record_process_start (void)
{
  process_start_us = g_get_monotonic_time ();
}

/* The contact's header and tiles show its value and the call-logs card shows the
 * rows of its first page (READY or EMPTY): cached rows still being revalidated
 * count, as they do for the header and tiles. */
static gboolean
paint_probe_ready (PaintProbe *probe,
                   gboolean   *failed)
{
  CdContactPage *page = CD_CONTACT_PAGE (cd_window_get_page (probe->window));
  CdResource *resource = cd_contact_page_get_resource (page);
  GtkWidget *tiles = cd_contact_page_get_part (page, "tiles_stack");
  GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (cd_contact_page_get_call_logs_slot (page)));
  CdCallLogsState state;

  if (cd_contact_page_get_contact_id (page) != probe->contact_id || resource == NULL)
    return FALSE;
  if (cd_resource_get_value (resource) == NULL)
    {
      *failed = cd_resource_get_state (resource) != CD_RESOURCE_LOADING &&
                cd_resource_get_state (resource) != CD_RESOURCE_STALE;
      return FALSE;
    }
  if (!CD_IS_CALL_LOGS_CARD (card) ||
      cd_call_logs_card_get_contact_id (CD_CALL_LOGS_CARD (card)) != probe->contact_id)
    return FALSE;
  state = cd_call_logs_card_get_state (CD_CALL_LOGS_CARD (card));
  *failed = state == CD_CALL_LOGS_STATE_ERROR;
  return (state == CD_CALL_LOGS_STATE_READY || state == CD_CALL_LOGS_STATE_EMPTY) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (tiles)), "ready") == 0 &&
         gtk_widget_get_mapped (card);
}

static void
paint_probe_before_paint (GdkFrameClock *clock,
                          PaintProbe    *probe)
{
  gboolean failed = FALSE;

  probe->armed = paint_probe_ready (probe, &failed);
}

static void
paint_probe_after_paint (GdkFrameClock *clock,
                         PaintProbe    *probe)
{
  if (!probe->armed)
    return;

  printf ("%.1f\n", (g_get_monotonic_time () - process_start_us) / 1000.0);
  fflush (stdout);
  g_clear_signal_handler (&probe->before_paint_id, probe->clock);
  g_clear_signal_handler (&probe->after_paint_id, probe->clock);
  g_clear_handle_id (&probe->poll_id, g_source_remove);
  g_application_quit (G_APPLICATION (probe->app));
}

/* Attaches to the frame clock once there is one, and makes sure a frame follows
 * once the condition holds (a finished load need not redraw anything). */
static gboolean
paint_probe_poll (gpointer user_data)
{
  PaintProbe *probe = user_data;
  gboolean failed = FALSE;

  if (probe->clock == NULL && gtk_widget_get_realized (GTK_WIDGET (probe->window)))
    {
      probe->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (probe->window)));
      probe->before_paint_id = g_signal_connect (probe->clock, "before-paint",
                                                 G_CALLBACK (paint_probe_before_paint), probe);
      probe->after_paint_id = g_signal_connect (probe->clock, "after-paint",
                                                G_CALLBACK (paint_probe_after_paint), probe);
    }

  if (paint_probe_ready (probe, &failed))
    gtk_widget_queue_draw (GTK_WIDGET (probe->window));
  else if (failed || g_get_monotonic_time () > probe->deadline)
    {
      /* A diagnostic run that cannot measure must not look like a measurement. */
      fprintf (stderr, "--exit-after-paint: contact %" G_GINT64_FORMAT " was not shown%s\n",
               probe->contact_id, failed ? " (load failed)" : " in time");
      exit (EXIT_FAILURE);
    }
  return G_SOURCE_CONTINUE;
}

static void
paint_probe_start (CdApplication *self,
                   CdWindow      *window,
                   gint64         contact_id)
{
  /* Lives until the process exits: the probe ends the process either way. */
  PaintProbe *probe = g_new0 (PaintProbe, 1);

  probe->app = self;
  probe->window = g_object_ref (window);
  probe->contact_id = contact_id;
  probe->deadline = g_get_monotonic_time () + PAINT_PROBE_DEADLINE_S * G_USEC_PER_SEC;
  probe->poll_id = g_timeout_add (5, paint_probe_poll, probe);
}

/* Callbacks */

static void
lookup_key_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ConnectData *data = user_data;
  g_autoptr(GError) error = NULL;
  CdRepository *repository;
  char *api_key;

  api_key = cd_credentials_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      gtk_widget_in_destruction (GTK_WIDGET (data->window)))
    {
      connect_data_free (data);
      return;
    }

  repository = cd_application_get_repository (data->app, data->base_url, api_key,
                                              data->tenant_id);
  cd_credentials_free_key (api_key);

  cd_window_set_repository (data->window, repository);
  if (data->contact_id > 0)
    cd_window_open_contact (data->window, data->contact_id);

  connect_data_free (data);
}

static void
on_server_url_changed (CdApplication *self)
{
  CdWindow *window;
  g_autofree char *url = dup_setting (self, "server-url");

  /* A server configured from the welcome page connects at once. */
  window = CD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self)));
  if (window == NULL || cd_window_get_repository (window) != NULL)
    return;

  if (url[0] != '\0' && cd_application_validate_server_url (url, NULL))
    cd_application_connect_server (self, window, url, 0);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Contact Detail authors"), NULL };
  g_autofree char *debug_info = cd_application_dup_debug_info (self);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Contact Detail"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Contact Detail authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", "https://example.com/contact-detail",
                        "issue-url", "https://example.com/contact-detail/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 The Contact Detail authors"),
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Everything about one contact: calls, follow-ups and what the AI learned."),
                        "debug-info", debug_info,
                        "debug-info-filename", "contact-detail-debug-info.txt",
                        NULL);
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Built with"),
                                       (const char *[]) { "GTK https://gtk.org",
                                                          "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
                                                          "libsoup https://libsoup.org",
                                                          NULL });
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *preferences;

  preferences = cd_preferences_window_new (gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* GObject and GApplication overrides */

static void
cd_application_startup (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);
  static const GActionEntry actions[] = {
    { "quit", quit_activated },
    { "about", about_activated },
    { "preferences", preferences_activated },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (cd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_accels);

  self->settings = cd_application_create_settings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::server-url",
                             G_CALLBACK (on_server_url_changed), self, G_CONNECT_SWAPPED);
}

static void
cd_application_shutdown (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_hash_table_remove_all (self->repositories);
  if (self->demo_server != NULL)
    cd_demo_server_stop (self->demo_server);

  G_APPLICATION_CLASS (cd_application_parent_class)->shutdown (app);
}

/* A measured run (--exit-after-paint) is its own process, never forwarded to a
 * running instance. */
static gboolean
cd_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  if (*arguments != NULL &&
      g_strv_contains ((const char * const *) *arguments, "--exit-after-paint"))
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (cd_application_parent_class)->local_command_line (app, arguments,
                                                                              exit_status);
}

static void
cd_application_activate (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);
  CdWindow *window = cd_application_get_main_window (self);
  LaunchOptions options = { 0 };

  show_launch (self, window, &options, 0, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static int
cd_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  CdApplication *self = CD_APPLICATION (app);
  LaunchOptions options = { 0 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *help_text = NULL;
  CdWindow *window = NULL;
  gboolean new_window = FALSE;
  int status = EXIT_SUCCESS;

  if (!parse_arguments (cmdline, &options, &help_text, &error))
    goto failed;

  if (help_text != NULL)
    {
      g_application_command_line_print (cmdline, "%s", help_text);
      goto out;
    }

  for (guint i = 0; options.remaining != NULL && options.remaining[i] != NULL; i++)
    {
      gint64 id;

      if (!cd_application_parse_contact_arg (options.remaining[i], &id, &error))
        goto failed;
      g_array_append_val (ids, id);
    }

  if (options.exit_after_paint && ids->len == 0)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "--exit-after-paint needs a contact id");
      goto failed;
    }

  if (options.role != NULL && !options.demo)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--role only applies to the demo backend (--demo)"));
      goto failed;
    }

  /* The first launch decides where caches and the demo database live. */
  if (options.data_dir != NULL && self->data_dir == NULL)
    self->data_dir = g_strdup (options.data_dir);
  if (options.role != NULL)
    {
      g_free (self->demo_role);
      self->demo_role = g_strdup (options.role);
    }

  /* Refuse a bad server before any window appears. */
  if (options.server != NULL && !cd_application_validate_server_url (options.server, &error))
    goto failed;

  new_window = gtk_application_get_windows (GTK_APPLICATION (self)) == NULL;
  window = cd_application_get_main_window (self);
  if (!show_launch (self, window, &options,
                    ids->len > 0 ? g_array_index (ids, gint64, ids->len - 1) : 0,
                    &error))
    goto failed;

  if (options.role != NULL && self->demo_server != NULL)
    cd_demo_server_set_role (self->demo_server, options.role);

  gtk_window_present (GTK_WINDOW (window));
  if (options.exit_after_paint)
    paint_probe_start (self, window, g_array_index (ids, gint64, ids->len - 1));
  goto out;

failed:
  g_application_command_line_printerr (cmdline, "%s\n", error->message);
  status = EXIT_FAILURE;
  /* A window made for a failed first launch would keep the app alive unseen. */
  if (window != NULL && new_window)
    gtk_window_destroy (GTK_WINDOW (window));

out:
  launch_options_clear (&options);
  return status;
}

static void
cd_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CdApplication *self = CD_APPLICATION (app);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CdWindow *window = cd_application_get_main_window (self);
  LaunchOptions options = { 0 };

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autoptr(GError) error = NULL;
      gint64 id;

      if (cd_application_parse_contact_arg (uri, &id, &error))
        g_array_append_val (ids, id);
      else
        g_warning ("Ignoring a link that is not a contact link: %s", error->message);
    }

  if (cd_window_get_repository (window) != NULL)
    open_contacts (self, window, (const gint64 *) (gpointer) ids->data, ids->len);
  else
    show_launch (self, window, &options,
                 ids->len > 0 ? g_array_index (ids, gint64, ids->len - 1) : 0, NULL);

  gtk_window_present (GTK_WINDOW (window));
}

static void
cd_application_finalize (GObject *object)
{
  CdApplication *self = CD_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->repositories, g_hash_table_unref);
  g_clear_object (&self->demo_server);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->demo_role, g_free);

  G_OBJECT_CLASS (cd_application_parent_class)->finalize (object);
}

static void
cd_application_class_init (CdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cd_application_finalize;
  app_class->startup = cd_application_startup;
  app_class->shutdown = cd_application_shutdown;
  app_class->activate = cd_application_activate;
  app_class->command_line = cd_application_command_line;
  app_class->local_command_line = cd_application_local_command_line;
  app_class->open = cd_application_open;
}

static void
cd_application_init (CdApplication *self)
{
  self->repositories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
}

/* Public API */

CdApplication *
cd_application_new (void)
{
  return g_object_new (CD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
cd_application_create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, CD_SETTINGS_SCHEMA_ID, TRUE);

  /* Running uninstalled without GSETTINGS_SCHEMA_DIR: work without settings. */
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

gboolean
cd_application_validate_server_url (const char  *url,
                                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address; expected e.g. https://api.example.com/api/v1"),
                   url);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (is_loopback_host (g_uri_get_host (uri)))
        return TRUE;

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Refusing the unencrypted address %s: the API key and contact data would "
                     "travel in clear text. Use https://, or http:// only for 127.0.0.1/localhost."),
                   url);
      return FALSE;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Unsupported address scheme “%s”; use https://"), scheme);
  return FALSE;
}

gboolean
cd_application_parse_contact_arg (const char  *arg,
                                  gint64      *out_id,
                                  GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *digits = arg;
  guint64 id = 0;

  g_return_val_if_fail (arg != NULL, FALSE);

  uri = g_uri_parse (arg, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL)
    {
      const char *path = g_uri_get_path (uri);

      if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "contact-detail") != 0 ||
          g_strcmp0 (g_uri_get_host (uri), "contact") != 0 ||
          path == NULL || path[0] != '/')
        goto invalid;
      digits = path + 1;
    }

  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &id, NULL))
    goto invalid;

  *out_id = (gint64) id;
  return TRUE;

invalid:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not a contact id or a contact-detail://contact/ID link"), arg);
  return FALSE;
}

CdWindow *
cd_application_get_main_window (CdApplication *self)
{
  GtkWindow *window;

  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL && CD_IS_WINDOW (window))
    return CD_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (CD_IS_WINDOW (l->data))
        return CD_WINDOW (l->data);
    }

  return cd_window_new (GTK_APPLICATION (self));
}

CdRepository *
cd_application_get_repository (CdApplication *self,
                               const char    *base_url,
                               const char    *api_key,
                               const char    *tenant_id)
{
  g_autofree char *key = NULL;
  g_autofree char *dir = NULL;
  CdRepository *repository;

  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  if (tenant_id != NULL && tenant_id[0] == '\0')
    tenant_id = NULL;

  key = g_strdup_printf ("%s\n%s", base_url, tenant_id != NULL ? tenant_id : "");
  repository = g_hash_table_lookup (self->repositories, key);
  if (repository != NULL)
    return repository;

  dir = dup_data_dir (self);
  repository = cd_repository_new (base_url, api_key, tenant_id, dir);
  /* "Offline storage size" from Preferences caps the cache. */
  if (self->settings != NULL)
    cd_repository_set_cache_size_limit (repository,
                                        (guint64) g_settings_get_uint (self->settings,
                                                                       "offline-max-mb") * 1024 * 1024);
  g_hash_table_insert (self->repositories, g_steal_pointer (&key), repository);

  return repository;
}

gboolean
cd_application_connect_demo (CdApplication  *self,
                             CdWindow       *window,
                             gint64          contact_id,
                             GError        **error)
{
  CdRepository *repository;

  g_return_val_if_fail (CD_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (CD_IS_WINDOW (window), FALSE);

  if (!ensure_demo_server (self, error))
    return FALSE;

  /* The demo accepts any key and has a single workspace. */
  repository = cd_application_get_repository (self, cd_demo_server_get_base_url (self->demo_server),
                                              NULL, NULL);
  cd_window_set_repository (window, repository);
  if (contact_id > 0)
    cd_window_open_contact (window, contact_id);

  return TRUE;
}

void
cd_application_connect_server (CdApplication *self,
                               CdWindow      *window,
                               const char    *base_url,
                               gint64         contact_id)
{
  ConnectData *data;

  g_return_if_fail (CD_IS_APPLICATION (self));
  g_return_if_fail (CD_IS_WINDOW (window));
  g_return_if_fail (base_url != NULL);

  data = g_new0 (ConnectData, 1);
  data->app = g_object_ref (self);
  data->window = g_object_ref (window);
  data->base_url = g_strdup (base_url);
  data->tenant_id = dup_setting (self, "tenant-id");
  data->contact_id = contact_id;

  /* Keep running while the keyring answers, even without a window shown. */
  g_application_hold (G_APPLICATION (self));
  cd_window_show_connecting (window);
  cd_credentials_lookup_async (base_url, self->cancellable, lookup_key_cb, data);
}

void
cd_application_reconnect (CdApplication *self,
                          CdWindow      *window)
{
  CdRepository *repository;
  g_autofree char *base_url = NULL;
  g_autofree char *prefix = NULL;
  GHashTableIter iter;
  const char *key;
  gint64 contact_id;

  g_return_if_fail (CD_IS_APPLICATION (self));
  g_return_if_fail (CD_IS_WINDOW (window));

  repository = cd_window_get_repository (window);
  if (repository == NULL)
    return;

  base_url = g_strdup (cd_repository_get_base_url (repository));
  contact_id = cd_contact_page_get_contact_id (CD_CONTACT_PAGE (cd_window_get_page (window)));

  /* Every workspace of that server used the old key. */
  prefix = g_strconcat (base_url, "\n", NULL);
  g_hash_table_iter_init (&iter, self->repositories);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_hash_table_iter_remove (&iter);

  cd_application_connect_server (self, window, base_url, MAX (contact_id, 0));
}

char *
cd_application_dup_debug_info (CdApplication *self)
{
  GString *info = g_string_new (NULL);
  GtkWindow *window;
  CdRepository *repository = NULL;

  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL && CD_IS_WINDOW (window))
    repository = cd_window_get_repository (CD_WINDOW (window));

  g_string_append_printf (info, "Contact Detail %s\n", PACKAGE_VERSION);
  g_string_append_printf (info, "Application id: %s\n", APPLICATION_ID);
  g_string_append_printf (info, "Profile: %s\n", DEVELOPMENT_BUILD ? "development" : "default");
  /* Flatpak sets FLATPAK_ID in the sandbox: no file check on the main thread. */
  g_string_append_printf (info, "Flatpak: %s\n", g_getenv ("FLATPAK_ID") != NULL ? "yes" : "no");
  g_string_append (info, "\nRuntime versions\n");
  g_string_append_printf (info, "GLib: %u.%u.%u\n",
                          glib_major_version, glib_minor_version, glib_micro_version);
  g_string_append_printf (info, "GTK: %u.%u.%u\n", gtk_get_major_version (),
                          gtk_get_minor_version (), gtk_get_micro_version ());
  g_string_append_printf (info, "libadwaita: %u.%u.%u\n", adw_get_major_version (),
                          adw_get_minor_version (), adw_get_micro_version ());
  g_string_append_printf (info, "libsoup: %u.%u.%u\n", soup_get_major_version (),
                          soup_get_minor_version (), soup_get_micro_version ());
  /* json-glib has no runtime version call: this is the version built against. */
  g_string_append_printf (info, "json-glib: %s (build)\n", JSON_VERSION_S);
  g_string_append_printf (info, "SQLite: %s\n", sqlite3_libversion ());

  g_string_append (info, "\nBackend\n");
  if (repository != NULL)
    {
      g_autofree char *url = dup_public_url (cd_repository_get_base_url (repository));

      g_string_append_printf (info, "URL: %s%s\n", url,
                              self->demo_server != NULL &&
                              g_strcmp0 (cd_repository_get_base_url (repository),
                                         cd_demo_server_get_base_url (self->demo_server)) == 0
                              ? " (built-in demo)" : "");
      g_string_append_printf (info, "Online: %s\n",
                              cd_repository_get_online (repository) ? "yes" : "no");
    }
  else
    {
      g_string_append (info, "Not connected\n");
    }

  return g_string_free (info, FALSE);
}

const char *
cd_application_get_demo_url (CdApplication *self)
{
  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);

  if (self->demo_server == NULL)
    return NULL;

  return cd_demo_server_get_base_url (self->demo_server);
}
