/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

#include <glib/gstdio.h>

#include "cd-application.h"
#include "cd-contact.h"
#include "cd-contact-page.h"
#include "cd-demo-server.h"
#include "cd-finder.h"
#include "cd-preferences-window.h"
#include "cd-rules.h"
#include "cd-window.h"
#include "../cd-test-util.h"

#define DEADLINE_S 20

/* GtkApplication warns (fatally, in tests) without a session bus. */
static gboolean have_session_bus;
static char *session_bus_address;

typedef struct
{
  char         *tmp_dir;
  CdDemoServer *server;
  CdRepository *repository;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *cache_dir = NULL;

  fixture->tmp_dir = g_dir_make_tmp ("cd-test-window-XXXXXX", &error);
  g_assert_no_error (error);

  db_path = g_build_filename (fixture->tmp_dir, "demo.sqlite", NULL);
  fixture->server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);

  cache_dir = g_build_filename (fixture->tmp_dir, "cache", NULL);
  g_mkdir_with_parents (cache_dir, 0700);
  fixture->repository = cd_repository_new (cd_demo_server_get_base_url (fixture->server),
                                           NULL, NULL, cache_dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->repository);
  cd_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  remove_tree (fixture->tmp_dir);
  g_clear_pointer (&fixture->tmp_dir, g_free);
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

static CdWindow *
create_window (Fixture *fixture)
{
  CdWindow *window = cd_window_new (NULL);

  cd_window_set_repository (window, fixture->repository);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (cd_window_get_view_name (window), ==, "main");

  return window;
}

static gboolean
page_settled (CdContactPage *page,
              gint64         contact_id)
{
  CdResourceState state = cd_contact_page_get_state (page);

  return cd_contact_page_get_contact_id (page) == contact_id &&
         state != CD_RESOURCE_LOADING && state != CD_RESOURCE_STALE;
}

/* The contact as the server has it, loaded apart from the window. */
static CdContact *
fetch_contact (Fixture *fixture,
               gint64   contact_id)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CdResource) resource = NULL;

  resource = cd_repository_open_contact (fixture->repository, contact_id, cancellable);
  WAIT_UNTIL (cd_resource_get_state (resource) != CD_RESOURCE_LOADING &&
              cd_resource_get_state (resource) != CD_RESOURCE_STALE);
  g_assert_cmpint (cd_resource_get_state (resource), ==, CD_RESOURCE_FRESH);
  g_assert_true (CD_IS_CONTACT (cd_resource_get_value (resource)));

  return g_object_ref (cd_resource_get_value (resource));
}

static const char *
open_and_get_title (CdWindow *window,
                    gint64    contact_id)
{
  CdContactPage *page = CD_CONTACT_PAGE (cd_window_get_page (window));

  cd_window_open_contact (window, contact_id);
  WAIT_UNTIL (page_settled (page, contact_id));
  g_assert_cmpint (cd_contact_page_get_state (page), ==, CD_RESOURCE_FRESH);
  g_assert_nonnull (cd_contact_page_get_title (page));

  /* The window title follows the page's. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, cd_contact_page_get_title (page));
  return cd_contact_page_get_title (page);
}

static void
test_open_by_id (Fixture       *fixture,
                 gconstpointer  data)
{
  CdWindow *window = create_window (fixture);
  g_autoptr(CdContact) named = fetch_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_autoptr(CdContact) phone_only = fetch_contact (fixture, CD_DEMO_CONTACT_PHONE_ONLY);
  g_autofree char *named_title = cd_contact_dup_display_title (named);
  const char *title;

  /* Named: the name, neither the phone nor the id fallback. */
  title = open_and_get_title (window, CD_DEMO_CONTACT_NAMED);
  g_assert_cmpstr (title, ==, named_title);
  g_assert_false (g_str_has_prefix (title, "+"));
  g_assert_false (g_str_has_prefix (title, "Contact #"));

  /* Phone only: the E.164 phone. */
  title = open_and_get_title (window, CD_DEMO_CONTACT_PHONE_ONLY);
  g_assert_true (g_str_has_prefix (title, "+"));
  g_assert_cmpstr (title, ==, cd_contact_get_phone_e164 (phone_only));

  /* Neither: the id. */
  title = open_and_get_title (window, CD_DEMO_CONTACT_ID_ONLY);
  g_assert_cmpstr (title, ==, "Contact #503");

  destroy_window (window);
}

static void
test_window_state (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = cd_application_create_settings ();
  CdWindow *window;
  int width, height;

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);

  /* Restored from the settings; welcome page until a backend is set. */
  window = cd_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);
  g_assert_cmpstr (cd_window_get_view_name (window), ==, "welcome");
  gtk_window_present (GTK_WINDOW (window));

  /* Saved when the window is closed. */
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  WAIT_UNTIL (G_OBJECT (window)->ref_count == 1);
  g_assert_finalize_object (window);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
find_position (GListModel *model,
               gint64      contact_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (model, i);

      if (cd_contact_get_id (contact) == contact_id)
        return i;
    }

  return G_MAXUINT;
}

/* Types @query into the finder, activates @contact_id's row, waits for the page. */
static void
search_and_open (CdWindow   *window,
                 const char *query,
                 gint64      contact_id)
{
  CdFinder *finder = CD_FINDER (cd_window_get_finder (window));
  CdContactPage *page = CD_CONTACT_PAGE (cd_window_get_page (window));
  GListModel *model = cd_finder_get_model (finder);
  GtkWidget *list_view = find_descendant (GTK_WIDGET (finder), GTK_TYPE_LIST_VIEW);
  guint position;

  g_assert_nonnull (list_view);
  gtk_editable_set_text (GTK_EDITABLE (cd_finder_get_search_entry (finder)), query);
  WAIT_UNTIL (!cd_finder_get_busy (finder) &&
              g_strcmp0 (cd_finder_get_shown_query (finder), query) == 0);
  g_assert_cmpuint (find_position (model, contact_id), !=, G_MAXUINT);

  /* Activate the row the way a click or Enter on it does. */
  position = find_position (model, contact_id);
  gtk_widget_activate_action (list_view, "list.activate-item", "u", position);
  WAIT_UNTIL (page_settled (page, contact_id));
  g_assert_cmpint (cd_contact_page_get_state (page), ==, CD_RESOURCE_FRESH);
}

static void
test_finder_by_name (Fixture       *fixture,
                     gconstpointer  data)
{
  CdWindow *window = create_window (fixture);
  g_autoptr(CdContact) contact = fetch_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_autofree char *title = cd_contact_dup_display_title (contact);
  g_auto(GStrv) words = g_strsplit (title, " ", 2);

  /* The first word of the name is enough. */
  search_and_open (window, words[0], CD_DEMO_CONTACT_NAMED);
  g_assert_cmpstr (cd_contact_page_get_title (CD_CONTACT_PAGE (cd_window_get_page (window))),
                   ==, title);

  destroy_window (window);
}

static void
test_finder_by_phone (Fixture       *fixture,
                      gconstpointer  data)
{
  CdWindow *window = create_window (fixture);
  g_autoptr(CdContact) contact = fetch_contact (fixture, CD_DEMO_CONTACT_PHONE_ONLY);
  const char *phone = cd_contact_get_phone_e164 (contact);

  g_assert_nonnull (phone);
  search_and_open (window, phone, CD_DEMO_CONTACT_PHONE_ONLY);
  g_assert_cmpstr (cd_contact_page_get_title (CD_CONTACT_PAGE (cd_window_get_page (window))),
                   ==, phone);

  destroy_window (window);
}

static void
test_finder_offline (Fixture       *fixture,
                     gconstpointer  data)
{
  CdWindow *window = create_window (fixture);
  CdFinder *finder = CD_FINDER (cd_window_get_finder (window));
  g_autoptr(CdContact) contact = fetch_contact (fixture, CD_DEMO_CONTACT_NAMED);
  g_autofree char *title = cd_contact_dup_display_title (contact);
  g_auto(GStrv) words = g_strsplit (title, " ", 2);

  /* Opened once online, so it is in the cache. */
  search_and_open (window, words[0], CD_DEMO_CONTACT_NAMED);
  g_assert_false (cd_finder_get_from_cache (finder));
  gtk_editable_set_text (GTK_EDITABLE (cd_finder_get_search_entry (finder)), "");
  WAIT_UNTIL (!cd_finder_get_busy (finder) &&
              g_strcmp0 (cd_finder_get_shown_query (finder), "") == 0);

  /* Server gone: the same search answers from the cache, and says so. */
  cd_demo_server_stop (fixture->server);
  gtk_editable_set_text (GTK_EDITABLE (cd_finder_get_search_entry (finder)), words[0]);
  WAIT_UNTIL (!cd_finder_get_busy (finder) &&
              g_strcmp0 (cd_finder_get_shown_query (finder), words[0]) == 0);
  g_assert_true (cd_finder_get_from_cache (finder));
  g_assert_cmpuint (find_position (cd_finder_get_model (finder), CD_DEMO_CONTACT_NAMED),
                    !=, G_MAXUINT);

  destroy_window (window);
}

/* Delivers a key press to the entry's own key controllers, as GTK would. */
static gboolean
press_key_in (GtkWidget *widget,
              guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }

  return handled;
}

static void
test_finder_by_id (Fixture       *fixture,
                   gconstpointer  data)
{
  CdWindow *window = create_window (fixture);
  CdFinder *finder = CD_FINDER (cd_window_get_finder (window));
  GtkWidget *entry = cd_finder_get_search_entry (finder);
  GtkWidget *list_view = find_descendant (GTK_WIDGET (finder), GTK_TYPE_LIST_VIEW);
  GtkWidget *focus;

  search_and_open (window, "503", CD_DEMO_CONTACT_ID_ONLY);
  g_assert_cmpstr (cd_contact_page_get_title (CD_CONTACT_PAGE (cd_window_get_page (window))),
                   ==, "Contact #503");

  /* A query nothing matches says so. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zz-no-such-contact-zz");
  WAIT_UNTIL (!cd_finder_get_busy (finder) &&
              g_strcmp0 (cd_finder_get_shown_query (finder), "zz-no-such-contact-zz") == 0);
  g_assert_cmpuint (g_list_model_get_n_items (cd_finder_get_model (finder)), ==, 0);
  g_assert_cmpstr (cd_finder_get_view_name (finder), ==, "empty");

  /* Back to the id: Down in the search entry moves the keyboard focus into the result list. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "503");
  WAIT_UNTIL (!cd_finder_get_busy (finder) &&
              g_strcmp0 (cd_finder_get_shown_query (finder), "503") == 0);
  g_assert_cmpstr (cd_finder_get_view_name (finder), ==, "list");
  gtk_widget_grab_focus (entry);
  g_assert_true (press_key_in (entry, GDK_KEY_Down));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == list_view || gtk_widget_is_ancestor (focus, list_view));

  destroy_window (window);
}

/* What GApplication hands the primary instance for a (possibly remote) launch. */
static int
run_command_line (CdApplication      *app,
                  const char * const *argv)
{
  g_autoptr(GApplicationCommandLine) cmdline = NULL;
  int status = -1;

  cmdline = g_object_new (G_TYPE_APPLICATION_COMMAND_LINE,
                          "arguments", g_variant_new_bytestring_array (argv, -1),
                          NULL);
  g_signal_emit_by_name (app, "command-line", cmdline, &status);
  return status;
}

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

/* A test body run inside g_application_run(), once the first command line was handled. */
typedef struct
{
  Fixture       *fixture;
  CdApplication *app;
} AppTest;

static void
run_app (CdApplication      *app,
         const char * const *argv,
         GSourceFunc         body,
         AppTest            *test)
{
  int status;

  test->app = app;
  g_idle_add (body, test);
  status = g_application_run (G_APPLICATION (app), (int) g_strv_length ((char **) argv),
                              (char **) argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_finalize_object (app);
}

static gboolean
command_line_body (gpointer user_data)
{
  AppTest *test = user_data;
  CdApplication *app = test->app;
  g_autoptr(GError) error = NULL;
  const char *base_url = cd_demo_server_get_base_url (test->fixture->server);
  const char *second[] = { "contact-detail", "503", NULL };
  const char *uri[] = { "contact-detail", "contact-detail://contact/502", NULL };
  const char *bad[] = { "contact-detail", "--server", "http://example.com/api/v1", NULL };
  CdContactPage *page;
  CdWindow *window;

  /* The first launch created the window on the given server and opened 501. */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  window = cd_application_get_main_window (app);
  page = CD_CONTACT_PAGE (cd_window_get_page (window));
  WAIT_UNTIL (page_settled (page, CD_DEMO_CONTACT_NAMED));
  g_assert_cmpstr (cd_repository_get_base_url (cd_window_get_repository (window)), ==, base_url);

  /* A second launch with an id opens it in the same window. */
  g_assert_cmpint (run_command_line (app, second), ==, 0);
  WAIT_UNTIL (page_settled (page, CD_DEMO_CONTACT_ID_ONLY));
  g_assert_cmpstr (cd_contact_page_get_title (page), ==, "Contact #503");
  g_assert_true (cd_application_get_main_window (app) == window);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* …and so does a contact-detail:// link. */
  g_assert_cmpint (run_command_line (app, uri), ==, 0);
  WAIT_UNTIL (page_settled (page, CD_DEMO_CONTACT_PHONE_ONLY));

  /* Plain http:// to a remote host is refused and changes nothing. */
  g_assert_cmpint (run_command_line (app, bad), ==, 1);
  g_assert_cmpint (cd_contact_page_get_contact_id (page), ==, CD_DEMO_CONTACT_PHONE_ONLY);

  /*
   * A true second process, when a session bus makes this instance the primary
   * one (the ui suite runs under dbus-run-session).
   */
  if (g_application_get_dbus_connection (G_APPLICATION (app)) != NULL &&
      !g_application_get_is_remote (G_APPLICATION (app)))
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_autoptr(GSubprocess) process = NULL;
      gboolean done = FALSE;

      /* The same bus as this instance, whatever the isolated dirs say. */
      g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", session_bus_address, TRUE);
      process = g_subprocess_launcher_spawn (launcher, &error, CONTACT_DETAIL_BIN, "503", NULL);
      g_assert_no_error (error);
      g_subprocess_wait_check_async (process, NULL, subprocess_done_cb, &done);
      WAIT_UNTIL (done && page_settled (page, CD_DEMO_CONTACT_ID_ONLY));
      g_assert_cmpstr (cd_contact_page_get_title (page), ==, "Contact #503");
      g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
    }
  else
    {
      g_test_message ("No session bus: second process not tested, only the forwarded command line");
    }

  destroy_window (window);
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
test_command_line (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *data_dir = g_build_filename (fixture->tmp_dir, "app", NULL);
  const char *base_url = cd_demo_server_get_base_url (fixture->server);
  const char *first[] = { "contact-detail", "--server", base_url, "--data-dir", data_dir, "501", NULL };
  AppTest test = { fixture, NULL };

  if (!have_session_bus)
    {
      g_test_skip ("Needs a D-Bus session bus (the ui suite runs under dbus-run-session)");
      return;
    }

  /* The demo accepts any key; the env var keeps the keyring out of the test. */
  g_setenv ("CONTACT_DETAIL_API_KEY", "sk_test", TRUE);
  run_app (cd_application_new (), first, command_line_body, &test);
  g_unsetenv ("CONTACT_DETAIL_API_KEY");
}

static gboolean
try_demo_body (gpointer user_data)
{
  AppTest *test = user_data;
  CdApplication *app = test->app;
  CdWindow *window = cd_application_get_main_window (app);

  /* No server configured: the welcome page. */
  g_assert_cmpstr (cd_window_get_view_name (window), ==, "welcome");
  g_assert_null (cd_window_get_repository (window));

  /* "Try the Demo" starts the in-process backend and shows the finder on it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.try-demo", NULL);
  g_assert_cmpstr (cd_window_get_view_name (window), ==, "main");
  g_assert_nonnull (cd_application_get_demo_url (app));
  g_assert_cmpstr (cd_repository_get_base_url (cd_window_get_repository (window)), ==,
                   cd_application_get_demo_url (app));
  g_assert_true (g_str_has_prefix (cd_application_get_demo_url (app), "http://127.0.0.1:"));

  destroy_window (window);
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
test_try_demo (void)
{
  const char *argv[] = { "contact-detail", NULL };
  AppTest test = { NULL, NULL };
  CdApplication *app;

  if (!have_session_bus)
    {
      g_test_skip ("Needs a D-Bus session bus (the ui suite runs under dbus-run-session)");
      return;
    }

  app = cd_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  run_app (app, argv, try_demo_body, &test);
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = cd_application_create_settings ();
  g_autofree char *stored = NULL;
  GtkWidget *preferences;
  GtkWidget *entry_row;

  g_settings_set_string (settings, "server-url", "https://api.example.com/api/v1");

  /* The stored server is shown for editing; the key never is. */
  preferences = cd_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (preferences));
  entry_row = find_descendant (preferences, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row)), ==,
                   "https://api.example.com/api/v1");

  /* An unencrypted remote server is refused and not stored. */
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "http://api.example.com/api/v1");
  g_signal_emit_by_name (entry_row, "apply");
  g_assert_true (gtk_widget_has_css_class (entry_row, "error"));
  stored = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (stored, ==, "https://api.example.com/api/v1");

  g_object_ref (preferences);
  gtk_window_destroy (GTK_WINDOW (preferences));
  WAIT_UNTIL (G_OBJECT (preferences)->ref_count == 1);
  g_assert_finalize_object (preferences);
  g_settings_reset (settings, "server-url");
}

static void
test_parse_arguments (void)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (cd_application_parse_contact_arg ("503", &id, &error));
  g_assert_cmpint (id, ==, 503);
  g_assert_true (cd_application_parse_contact_arg ("contact-detail://contact/77", &id, &error));
  g_assert_cmpint (id, ==, 77);
  g_assert_no_error (error);

  g_assert_false (cd_application_parse_contact_arg ("abc", &id, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (cd_application_parse_contact_arg ("0", &id, NULL));
  g_assert_false (cd_application_parse_contact_arg ("-5", &id, NULL));
  g_assert_false (cd_application_parse_contact_arg ("https://contact/5", &id, NULL));
  g_assert_false (cd_application_parse_contact_arg ("contact-detail://contact/", &id, NULL));

  g_assert_true (cd_application_validate_server_url ("https://api.example.com/api/v1", NULL));
  g_assert_true (cd_application_validate_server_url ("http://127.0.0.1:8080/api/v1", NULL));
  g_assert_true (cd_application_validate_server_url ("http://localhost/api/v1", NULL));
  g_assert_true (cd_application_validate_server_url ("http://[::1]:9/api/v1", NULL));
  g_assert_false (cd_application_validate_server_url ("http://example.com/api/v1", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (cd_application_validate_server_url ("ftp://example.com", NULL));
  g_assert_false (cd_application_validate_server_url ("not a url", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  const char * const *data_dirs = g_get_system_data_dirs ();
  g_autoptr(GDBusConnection) bus = NULL;
  int ret;

  /* Before the dirs are isolated: the bus address may live in XDG_RUNTIME_DIR. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  session_bus_address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  have_session_bus = bus != NULL && session_bus_address != NULL;

  /*
   * Isolated XDG dirs hide the MIME database, which GTK needs to load the
   * symbolic SVG icons of status pages: keep the real one.
   */
  for (guint i = 0; data_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/ui/application/parse-arguments", test_parse_arguments);
  g_test_add_func ("/ui/application/try-demo", test_try_demo);
  g_test_add_func ("/ui/preferences/server", test_preferences);
  g_test_add ("/ui/window/open-by-id", Fixture, NULL,
              fixture_setup, test_open_by_id, fixture_teardown);
  g_test_add ("/ui/window/state", Fixture, NULL,
              fixture_setup, test_window_state, fixture_teardown);
  g_test_add ("/ui/finder/by-name", Fixture, NULL,
              fixture_setup, test_finder_by_name, fixture_teardown);
  g_test_add ("/ui/finder/by-phone", Fixture, NULL,
              fixture_setup, test_finder_by_phone, fixture_teardown);
  g_test_add ("/ui/finder/by-id", Fixture, NULL,
              fixture_setup, test_finder_by_id, fixture_teardown);
  g_test_add ("/ui/finder/offline", Fixture, NULL,
              fixture_setup, test_finder_offline, fixture_teardown);
  g_test_add ("/ui/application/command-line", Fixture, NULL,
              fixture_setup, test_command_line, fixture_teardown);

  ret = g_test_run ();
  g_free (session_bus_address);
  return ret;
}
