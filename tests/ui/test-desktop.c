/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cd-application.h"
#include "cd-call-detail-page.h"
#include "cd-call-logs-card.h"
#include "cd-call-logs-page.h"
#include "cd-contact.h"
#include "cd-contact-page.h"
#include "cd-demo-server.h"
#include "cd-finder.h"
#include "cd-follow-ups-workspace.h"
#include "cd-preferences-window.h"
#include "cd-tile-grid.h"
#include "cd-window.h"
#include "../cd-test-util.h"

/*
 * Desktop integration: keyboard shortcuts (and the shortcuts window that lists
 * them), the About window's debug info, the Preferences workspace picker and
 * "Remove offline data", and accessible names of every button.
 */

#define DEADLINE_S 20

static gboolean have_session_bus;

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

  fixture->tmp_dir = g_dir_make_tmp ("cd-test-desktop-XXXXXX", &error);
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

static void
destroy_window (gpointer window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (G_OBJECT (window)->ref_count == 1);
  g_assert_finalize_object (window);
}

static gboolean
page_settled (CdContactPage *page,
              gint64         contact_id)
{
  CdResourceState state = cd_contact_page_get_state (page);

  return cd_contact_page_get_contact_id (page) == contact_id &&
         state != CD_RESOURCE_LOADING && state != CD_RESOURCE_STALE;
}

static CdWindow *
create_window (Fixture *fixture)
{
  CdWindow *window = cd_window_new (NULL);

  cd_window_set_repository (window, fixture->repository);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
open_contact (CdWindow *window,
              gint64    contact_id)
{
  CdContactPage *page = CD_CONTACT_PAGE (cd_window_get_page (window));

  cd_window_open_contact (window, contact_id);
  WAIT_UNTIL (page_settled (page, contact_id));
  g_assert_cmpint (cd_contact_page_get_state (page), ==, CD_RESOURCE_FRESH);
}

/* The shortcut of @widget's controllers (class bindings included) for @accel. */
static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint keyval = 0;
  GdkModifierType modifiers = 0;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &modifiers));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == gdk_keyval_to_lower (keyval) &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return shortcut;
        }
    }

  return NULL;
}

/* Runs what pressing @accel in @window does; FALSE when nothing handled it. */
static gboolean
press (GtkWidget  *window,
       const char *accel)
{
  GtkShortcut *shortcut = find_shortcut (window, accel);

  g_assert_nonnull (shortcut);
  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, window,
                                       gtk_shortcut_get_arguments (shortcut));
}

static void
record_action (CdContactPage *page,
               const char    *name,
               GPtrArray     *requested)
{
  g_ptr_array_add (requested, g_strdup (name));
}

/* Ctrl+E and Ctrl+Shift+C reach the page's actions with the focus anywhere. */
static void
test_page_shortcuts (Fixture       *fixture,
                     gconstpointer  data)
{
  CdWindow *window = create_window (fixture);
  GtkWidget *page = cd_window_get_page (window);
  g_autoptr(GPtrArray) requested = g_ptr_array_new_with_free_func (g_free);

  /* Nothing to edit on the welcome/placeholder: the keys are not taken. */
  g_assert_false (press (GTK_WIDGET (window), "<Control>e"));

  g_signal_connect (page, "action-requested", G_CALLBACK (record_action), requested);
  open_contact (window, CD_DEMO_CONTACT_NAMED);
  cd_finder_focus_search (CD_FINDER (cd_window_get_finder (window)));

  g_assert_true (press (GTK_WIDGET (window), "<Control>e"));
  g_assert_true (press (GTK_WIDGET (window), "<Control><Shift>c"));
  g_assert_cmpuint (requested->len, ==, 2);
  g_assert_cmpstr (requested->pdata[0], ==, "edit");
  g_assert_cmpstr (requested->pdata[1], ==, "call");

  /* Refresh and back are bound on the window too, forwarded to the page. */
  g_assert_nonnull (find_shortcut (GTK_WIDGET (window), "<Control>r"));
  g_assert_nonnull (find_shortcut (GTK_WIDGET (window), "F5"));
  g_assert_nonnull (find_shortcut (GTK_WIDGET (window), "<Alt>Left"));
  g_assert_nonnull (find_shortcut (GTK_WIDGET (window), "<Control><Shift>f"));

  g_signal_handlers_disconnect_by_data (page, requested);
  destroy_window (window);
}

static gint64
finder_id_at (CdWindow *window,
              guint     position)
{
  GListModel *model = cd_finder_get_model (CD_FINDER (cd_window_get_finder (window)));
  g_autoptr(CdContact) contact = g_list_model_get_item (model, position);

  return contact != NULL ? cd_contact_get_id (contact) : 0;
}

static gint64
shown_id (CdWindow *window)
{
  return cd_contact_page_get_contact_id (CD_CONTACT_PAGE (cd_window_get_page (window)));
}

/* Ctrl+Page Down/Up walk the finder's list in its order, which does not move. */
static void
test_step_contacts (Fixture       *fixture,
                    gconstpointer  data)
{
  CdWindow *window = create_window (fixture);
  CdFinder *finder = CD_FINDER (cd_window_get_finder (window));
  GListModel *model = cd_finder_get_model (finder);
  const gint64 opened[] = { CD_DEMO_CONTACT_NAMED, CD_DEMO_CONTACT_PHONE_ONLY,
                            CD_DEMO_CONTACT_ID_ONLY };
  gint64 order[4];
  gint64 expected;

  /* The empty query lists the three recent contacts first, most recent first,
   * then everyone else. */
  for (guint i = 0; i < G_N_ELEMENTS (opened); i++)
    open_contact (window, opened[i]);
  WAIT_UNTIL (!cd_finder_get_busy (finder) && g_list_model_get_n_items (model) > 3 &&
              finder_id_at (window, 0) == CD_DEMO_CONTACT_ID_ONLY);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    order[i] = finder_id_at (window, i);
  g_assert_cmpint (order[1], ==, CD_DEMO_CONTACT_PHONE_ONLY);
  g_assert_cmpint (order[2], ==, CD_DEMO_CONTACT_NAMED);

  /* Down past the recent ones, in the list's order although each opened
   * contact becomes the most recent one. */
  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    {
      g_assert_true (press (GTK_WIDGET (window), "<Control>Page_Down"));
      WAIT_UNTIL (page_settled (CD_CONTACT_PAGE (cd_window_get_page (window)), order[i]));
    }

  /* And back up to the top, where it stays. */
  for (gint i = G_N_ELEMENTS (order) - 2; i >= 0; i--)
    {
      g_assert_true (press (GTK_WIDGET (window), "<Control>Page_Up"));
      WAIT_UNTIL (page_settled (CD_CONTACT_PAGE (cd_window_get_page (window)), order[i]));
    }
  g_assert_true (press (GTK_WIDGET (window), "<Control>Page_Up"));
  g_assert_cmpint (shown_id (window), ==, order[0]);

  /* Opening a contact another way starts over from the list as it is then. */
  cd_window_open_contact (window, order[2]);
  WAIT_UNTIL (page_settled (CD_CONTACT_PAGE (cd_window_get_page (window)), order[2]));
  WAIT_UNTIL (!cd_finder_get_busy (finder) && finder_id_at (window, 0) == order[2]);
  expected = finder_id_at (window, 1);
  g_assert_true (press (GTK_WIDGET (window), "<Control>Page_Down"));
  WAIT_UNTIL (page_settled (CD_CONTACT_PAGE (cd_window_get_page (window)), expected));

  destroy_window (window);
}

/* Every accelerator of the shortcuts window, split into single accelerators. */
static GPtrArray *
help_overlay_accels (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/com/example/ContactDetail/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  GPtrArray *accels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_ptr_array_add (stack, overlay);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
        {
          g_autofree char *accelerator = NULL;
          g_auto(GStrv) parts = NULL;

          g_object_get (widget, "accelerator", &accelerator, NULL);
          parts = g_strsplit (accelerator, " ", -1);
          for (guint i = 0; parts[i] != NULL; i++)
            g_ptr_array_add (accels, g_strdup (parts[i]));
        }

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }

  gtk_window_destroy (GTK_WINDOW (overlay));
  return accels;
}

static gboolean
has_accel (GPtrArray  *accels,
           const char *accel)
{
  for (guint i = 0; i < accels->len; i++)
    if (g_str_equal (accels->pdata[i], accel))
      return TRUE;

  return FALSE;
}

/* A test body run inside g_application_run(). */
typedef struct
{
  Fixture       *fixture;
  CdApplication *app;
} AppTest;

static void
run_app (CdApplication *app,
         GSourceFunc    body,
         AppTest       *test)
{
  const char *argv[] = { "contact-detail", NULL };
  int status;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  test->app = app;
  g_idle_add (body, test);
  status = g_application_run (G_APPLICATION (app), 1, (char **) argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_finalize_object (app);
}

/* The shortcuts window lists every shortcut of the issue, and each is bound. */
static gboolean
shortcuts_body (gpointer user_data)
{
  AppTest *test = user_data;
  GtkApplication *app = GTK_APPLICATION (test->app);
  g_autoptr(GPtrArray) accels = help_overlay_accels ();
  const char *required[] = {
    "<Control>f", "<Control><Shift>f", "<Control>e", "<Control><Shift>c", "<Alt>Left",
    "<Control>r", "<Control>comma", "<Control>Page_Up", "<Control>Page_Down",
    "<Control>question",
  };
  CdWindow *window = cd_application_get_main_window (test->app);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!has_accel (accels, required[i]))
      g_error ("The shortcuts window does not list %s", required[i]);

  /* Listed means bound: on the window, the page, or as an app accelerator. */
  for (guint i = 0; i < accels->len; i++)
    {
      const char *accel = accels->pdata[i];
      g_auto(GStrv) actions = gtk_application_get_actions_for_accel (app, accel);

      if (find_shortcut (GTK_WIDGET (window), accel) == NULL &&
          find_shortcut (cd_window_get_page (window), accel) == NULL &&
          (actions == NULL || actions[0] == NULL))
        g_error ("%s is in the shortcuts window but nothing binds it", accel);
    }

  /* The window's help overlay is the one from the resource (Ctrl+?). */
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))));

  destroy_window (window);
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
test_shortcuts_window (void)
{
  AppTest test = { NULL, NULL };

  if (!have_session_bus)
    {
      g_test_skip ("Needs a D-Bus session bus (the ui suite runs under dbus-run-session)");
      return;
    }

  run_app (cd_application_new (), shortcuts_body, &test);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }

  return NULL;
}

/* Versions and the backend URL, with the URL's secrets left out. */
static gboolean
about_body (gpointer user_data)
{
  AppTest *test = user_data;
  CdApplication *app = test->app;
  CdWindow *window = cd_application_get_main_window (app);
  g_autoptr(GUri) base = g_uri_parse (cd_demo_server_get_base_url (test->fixture->server),
                                      G_URI_FLAGS_NONE, NULL);
  g_autofree char *secret_url = NULL;
  g_autofree char *public_url = NULL;
  g_autofree char *info = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *gtk_version = NULL;
  GtkWidget *about;

  secret_url = g_strdup_printf ("http://operator:hunter2-secret@127.0.0.1:%d%s?api_key=tok3n#frag",
                                g_uri_get_port (base), g_uri_get_path (base));
  public_url = g_strdup_printf ("http://127.0.0.1:%d%s", g_uri_get_port (base),
                                g_uri_get_path (base));
  cd_window_set_repository (window, cd_application_get_repository (app, secret_url, NULL, NULL));
  gtk_window_present (GTK_WINDOW (window));

  info = cd_application_dup_debug_info (app);
  gtk_version = g_strdup_printf ("GTK: %u.%u.%u", gtk_get_major_version (),
                                 gtk_get_minor_version (), gtk_get_micro_version ());
  g_assert_nonnull (strstr (info, gtk_version));
  g_assert_nonnull (strstr (info, "libadwaita: 1."));
  g_assert_nonnull (strstr (info, "libsoup: 3."));
  g_assert_nonnull (strstr (info, "json-glib: 1."));
  g_assert_nonnull (strstr (info, "SQLite: 3."));
  g_assert_nonnull (strstr (info, "GLib: 2."));
  g_assert_nonnull (strstr (info, "com.example.ContactDetail"));
  g_assert_nonnull (strstr (info, public_url));
  g_assert_null (strstr (info, "hunter2"));
  g_assert_null (strstr (info, "operator"));
  g_assert_null (strstr (info, "tok3n"));

  /* The About window shows exactly that. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_object_get (about, "debug-info", &shown, NULL);
  g_assert_cmpstr (shown, ==, info);
  destroy_window (about);

  destroy_window (window);
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
test_about (Fixture       *fixture,
            gconstpointer  data)
{
  AppTest test = { fixture, NULL };

  if (!have_session_bus)
    {
      g_test_skip ("Needs a D-Bus session bus (the ui suite runs under dbus-run-session)");
      return;
    }

  run_app (cd_application_new (), about_body, &test);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The workspace picker lists GET /me's tenants and switches the window to another. */
static gboolean
workspaces_body (gpointer user_data)
{
  AppTest *test = user_data;
  CdApplication *app = test->app;
  CdWindow *window = cd_application_get_main_window (app);
  g_autoptr(GSettings) settings = cd_application_create_settings ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant = NULL;
  CdRepository *first;
  CdRepository *second;
  CdRepository *old;
  CdContactPage *page;
  GtkWidget *preferences;
  AdwComboRow *row;
  GListModel *names;

  g_assert_true (cd_application_connect_demo (app, window, CD_DEMO_CONTACT_NAMED, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  page = CD_CONTACT_PAGE (cd_window_get_page (window));
  WAIT_UNTIL (page_settled (page, CD_DEMO_CONTACT_NAMED));

  /* After a new API key, the window gets a fresh backend and keeps its contact. */
  old = cd_window_get_repository (window);
  g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);
  cd_application_reconnect (app, window);
  WAIT_UNTIL (old == NULL && cd_window_get_repository (window) != NULL);
  WAIT_UNTIL (page_settled (page, CD_DEMO_CONTACT_NAMED));
  g_assert_cmpint (cd_contact_page_get_state (page), ==, CD_RESOURCE_FRESH);

  first = cd_window_get_repository (window);

  preferences = cd_preferences_window_new (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (preferences));
  row = ADW_COMBO_ROW (find_descendant (preferences, ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (row);
  WAIT_UNTIL (adw_combo_row_get_model (row) != NULL);
  names = adw_combo_row_get_model (row);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "Northwind Sales");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==, "Northwind Support");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));

  /* Picking the second stores it and reconnects the window to that workspace. */
  adw_combo_row_set_selected (row, 1);
  tenant = g_settings_get_string (settings, "tenant-id");
  g_assert_cmpstr (tenant, ==, "2");
  WAIT_UNTIL (cd_window_get_repository (window) != NULL && cd_window_get_repository (window) != first);
  second = cd_window_get_repository (window);
  g_assert_cmpstr (cd_repository_get_base_url (second), ==, cd_repository_get_base_url (first));
  g_assert_cmpstr (cd_repository_get_cache_path (second), !=, cd_repository_get_cache_path (first));
  g_assert_cmpstr (cd_window_get_view_name (window), ==, "main");

  /* The picker follows the window's new backend. */
  WAIT_UNTIL (adw_combo_row_get_model (row) != NULL && adw_combo_row_get_selected (row) == 1);

  destroy_window (preferences);
  destroy_window (window);
  g_settings_reset (settings, "tenant-id");
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
test_workspaces (void)
{
  AppTest test = { NULL, NULL };
  g_autofree char *data_dir = NULL;

  if (!have_session_bus)
    {
      g_test_skip ("Needs a D-Bus session bus (the ui suite runs under dbus-run-session)");
      return;
    }

  /* The demo takes any key; this keeps the keyring out of this test. */
  g_setenv ("CONTACT_DETAIL_API_KEY", "demo-key", TRUE);
  run_app (cd_application_new (), workspaces_body, &test);
  g_unsetenv ("CONTACT_DETAIL_API_KEY");
}

static void
list_recent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GListModel **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cd_repository_list_recent_finish (CD_REPOSITORY (source), result, &error);
  g_assert_no_error (error);
}

static guint
count_recent (CdRepository *repository)
{
  g_autoptr(GListModel) recent = NULL;

  cd_repository_list_recent_async (repository, 50, NULL, list_recent_cb, &recent);
  WAIT_UNTIL (recent != NULL);
  return g_list_model_get_n_items (recent);
}

static AdwEntryRow *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ENTRY_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Applies @text in the row titled @title; returns what the setting @key holds then. */
static char *
apply_row (GtkWidget  *preferences,
           const char *title,
           const char *text,
           const char *key)
{
  g_autoptr(GSettings) settings = cd_application_create_settings ();
  AdwEntryRow *row = find_entry_row (preferences, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  return g_settings_get_string (settings, key);
}

/* Profile time zone and dashboard URL: valid values stored, bad ones refused. */
static void
test_display_settings (void)
{
  g_autoptr(GSettings) settings = cd_application_create_settings ();
  GtkWidget *preferences = cd_preferences_window_new (NULL);
  g_autofree char *zone = NULL;
  g_autofree char *bad_zone = NULL;
  g_autofree char *dashboard = NULL;
  g_autofree char *bad_dashboard = NULL;

  gtk_window_present (GTK_WINDOW (preferences));

  zone = apply_row (preferences, "Profile Time Zone (empty: system)", "Europe/Berlin",
                    "profile-timezone");
  g_assert_cmpstr (zone, ==, "Europe/Berlin");
  bad_zone = apply_row (preferences, "Profile Time Zone (empty: system)", "Mars/Olympus_Mons",
                        "profile-timezone");
  g_assert_cmpstr (bad_zone, ==, "Europe/Berlin");

  dashboard = apply_row (preferences, "Web Dashboard URL", "https://app.example.com",
                         "dashboard-url");
  g_assert_cmpstr (dashboard, ==, "https://app.example.com");
  bad_dashboard = apply_row (preferences, "Web Dashboard URL", "javascript:alert(1)",
                             "dashboard-url");
  g_assert_cmpstr (bad_dashboard, ==, "https://app.example.com");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_entry_row (preferences, "Web Dashboard URL")),
                                           "error"));

  destroy_window (preferences);
  g_settings_reset (settings, "profile-timezone");
  g_settings_reset (settings, "dashboard-url");
}

static GtkWidget *
find_destructive_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "destructive-action"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_destructive_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* "Remove offline data": size shown, confirmation, cache emptied. */
static void
test_remove_offline_data (Fixture       *fixture,
                          gconstpointer  data)
{
  CdWindow *window = create_window (fixture);
  GtkWidget *preferences;
  AdwActionRow *storage_row = NULL;
  GtkWidget *remove_button;
  GtkWidget *dialog;

  open_contact (window, CD_DEMO_CONTACT_NAMED);
  g_assert_cmpuint (count_recent (fixture->repository), ==, 1);

  preferences = cd_preferences_window_new (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (preferences));

  /* The size of the cache file, once measured. */
  remove_button = find_destructive_button (preferences);
  g_assert_nonnull (remove_button);
  storage_row = ADW_ACTION_ROW (gtk_widget_get_ancestor (remove_button, ADW_TYPE_ACTION_ROW));
  g_assert_nonnull (storage_row);
  WAIT_UNTIL (g_strcmp0 (adw_action_row_get_subtitle (storage_row), "Not connected") != 0 &&
              g_strcmp0 (adw_action_row_get_subtitle (storage_row), "No offline data") != 0 &&
              adw_action_row_get_subtitle (storage_row) != NULL);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (storage_row), "B"));
  g_assert_true (gtk_widget_get_sensitive (remove_button));

  /* Asks first: cancelling keeps the data. */
  g_signal_emit_by_name (remove_button, "clicked");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  destroy_window (dialog);
  g_assert_cmpuint (count_recent (fixture->repository), ==, 1);

  g_signal_emit_by_name (remove_button, "clicked");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  destroy_window (dialog);
  WAIT_UNTIL (count_recent (fixture->repository) == 0);

  destroy_window (preferences);
  destroy_window (window);
}

/*
 * Accessible names.  GTK 4.8 cannot read the computed name, so a button counts
 * as named when it has a label (own or a descendant GtkLabel with text, e.g.
 * AdwButtonContent), a tooltip, or an explicit accessible LABEL property or
 * LABELLED_BY relation.  The inner button of a GtkMenuButton/AdwSplitButton is
 * judged through its parent, which carries the tooltip.  Every sensitive
 * button must also be focusable (keyboard reachable), window controls aside.
 */
static gboolean
has_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (text != NULL && text[0] != '\0')
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child))
      return TRUE;

  return FALSE;
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL && tooltip[0] != '\0')
    return TRUE;
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_MENU_BUTTON (widget))
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));

      if (label != NULL && label[0] != '\0')
        return TRUE;
    }
  if (GTK_IS_BUTTON (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      if (label != NULL && label[0] != '\0' && gtk_button_get_icon_name (GTK_BUTTON (widget)) == NULL)
        return TRUE;
    }

  return has_label_text (widget);
}

static gboolean
is_inner_button (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return parent != NULL && (GTK_IS_MENU_BUTTON (parent) || ADW_IS_SPLIT_BUTTON (parent));
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *offenders,
                 guint     *n_checked)
{
  gboolean is_button;

  if (!gtk_widget_get_mapped (widget))
    return;

  is_button = (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
               ADW_IS_SPLIT_BUTTON (widget)) && !is_inner_button (widget);
  if (is_button)
    (*n_checked)++;

  /* Reachable by keyboard: window controls are the only exception (as in GTK). */
  if (is_button && GTK_IS_BUTTON (widget) && gtk_widget_is_sensitive (widget) &&
      !gtk_widget_get_focusable (widget) &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) == NULL)
    g_string_append_printf (offenders, "\n  %s “%s” cannot take the keyboard focus",
                            G_OBJECT_TYPE_NAME (widget),
                            gtk_button_get_label (GTK_BUTTON (widget)) ?: "");

  if (is_button && !has_accessible_name (widget))
    {
      GtkWidget *ancestor = widget;
      const char *icon = GTK_IS_BUTTON (widget) ? gtk_button_get_icon_name (GTK_BUTTON (widget)) :
                         GTK_IS_MENU_BUTTON (widget) ? gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) :
                         NULL;

      g_string_append_printf (offenders, "\n  %s (icon %s, css name %s) in",
                              G_OBJECT_TYPE_NAME (widget), icon ? icon : "none",
                              gtk_widget_get_css_name (widget));
      /* Name the nearest templated ancestors so the owner can be found. */
      while ((ancestor = gtk_widget_get_parent (ancestor)) != NULL)
        if (g_str_has_prefix (G_OBJECT_TYPE_NAME (ancestor), "Cd") ||
            ancestor == gtk_widget_get_parent (widget))
          g_string_append_printf (offenders, " %s", G_OBJECT_TYPE_NAME (ancestor));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, offenders, n_checked);
}

/* Returns how many buttons were checked. */
static guint
assert_all_named (GtkWidget  *root,
                  const char *what)
{
  g_autoptr(GString) offenders = g_string_new (NULL);
  guint n_checked = 0;

  collect_unnamed (root, offenders, &n_checked);
  if (offenders->len > 0)
    g_error ("Buttons without an accessible name or keyboard focus (%s):%s", what, offenders->str);

  g_test_message ("%u visible buttons named (%s)", n_checked, what);
  return n_checked;
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  CdWindow *window = cd_window_new (NULL);
  GtkWidget *preferences;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  assert_all_named (GTK_WIDGET (window), "welcome page");

  cd_window_set_repository (window, fixture->repository);
  assert_all_named (GTK_WIDGET (window), "no contact selected");

  open_contact (window, CD_DEMO_CONTACT_NAMED);
  /* Let the cards load and lay out. */
  WAIT_UNTIL (!cd_finder_get_busy (CD_FINDER (cd_window_get_finder (window))));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  /* The header alone has several (call, edit, actions, back…). */
  g_assert_cmpuint (assert_all_named (GTK_WIDGET (window), "contact 501"), >=, 5);

  /* Narrow: the header's buttons turn icon-only. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 800);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) < 700);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  assert_all_named (GTK_WIDGET (window), "contact 501, narrow");

  preferences = cd_preferences_window_new (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (preferences));
  WAIT_UNTIL (gtk_widget_get_mapped (preferences));
  assert_all_named (preferences, "preferences");
  destroy_window (preferences);

  destroy_window (window);
}

/* AppStream's display_length (data/…metainfo.xml.in) promises phones. */
#define NARROWEST 360
/* gtk-xft-dpi is 1024 × dots per inch; "Large Text" scales 96 dpi by 1.5. */
#define NORMAL_DPI (96 * 1024)
#define LARGE_DPI (96 * 1024 * 3 / 2)

static int
min_width (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static void
append_name (GString    *out,
             const char *prefix,
             GtkWidget  *widget)
{
  const char *id = GTK_IS_BUILDABLE (widget) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;

  g_string_append_printf (out, "%s%s%s%s", prefix, G_OBJECT_TYPE_NAME (widget), id ? "#" : "", id ? id : "");
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, " \"%s\"", gtk_label_get_text (GTK_LABEL (widget)));
}

static GtkWidget *
widest_child (GtkWidget *widget)
{
  GtkWidget *widest = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child) && (widest == NULL || min_width (child) > min_width (widest)))
      widest = child;
  return widest;
}

/* The widgets that make @widget wider than @limit themselves (none of their
 * children is that wide), with their ancestry, for a useful failure message. */
static void
describe_too_wide (GtkWidget *widget,
                   int        limit,
                   GString   *out)
{
  gboolean child_too_wide = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child) && min_width (child) > limit)
      {
        describe_too_wide (child, limit, out);
        child_too_wide = TRUE;
      }
  if (child_too_wide)
    return;

  g_string_append_printf (out, "\n  %d px:", min_width (widget));
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    append_name (out, " < ", w);
  /* and where inside it the width comes from */
  for (GtkWidget *w = widest_child (widget); w != NULL; w = widest_child (w))
    {
      append_name (out, "\n      > ", w);
      g_string_append_printf (out, " %d px", min_width (w));
    }
}

static int   saved_dpi;
static char *saved_layout;

/* A GNOME desktop's look: its close-only window buttons (a bare X server
 * would show three) and @dpi text; restore_display() undoes it. */
static void
set_display (int dpi)
{
  GtkSettings *settings = gtk_settings_get_default ();

  if (saved_layout == NULL)
    g_object_get (settings, "gtk-xft-dpi", &saved_dpi, "gtk-decoration-layout", &saved_layout, NULL);
  g_object_set (settings, "gtk-decoration-layout", "appmenu:close", "gtk-xft-dpi", dpi, NULL);
  /* New fonts re-measure everything on the next frames. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
restore_display (void)
{
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", saved_dpi,
                "gtk-decoration-layout", saved_layout, NULL);
  g_clear_pointer (&saved_layout, g_free);
}

/* The window content's minimum width, failing with the culprits above @limit. */
static int
assert_fits (CdWindow   *window,
             int         limit,
             const char *what)
{
  GtkWidget *content = gtk_window_get_child (GTK_WINDOW (window));
  int width = min_width (content);

  g_test_message ("minimum window width (%s): %d px", what, width);
  if (width > limit)
    {
      g_autoptr(GString) culprits = g_string_new (NULL);

      describe_too_wide (content, limit, culprits);
      g_error ("The window needs %d px (%s), more than %d px:%s", width, what, limit, culprits->str);
    }
  return width;
}

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_page_fits (CdWindow   *window,
                  const char *page_name,
                  const char *text_size)
{
  g_autofree char *what = g_strdup_printf ("%s, %s", page_name, text_size);

  assert_fits (window, NARROWEST, what);
}

/* The pages pushed over the contact (full call logs, a call's detail, the
 * follow-ups workspace) fit too: the page's stack measures them all. */
static void
assert_pushed_pages_fit (Fixture    *fixture,
                         CdWindow   *window,
                         const char *text_size)
{
  CdContactPage *page = CD_CONTACT_PAGE (cd_window_get_page (window));
  CdCallLogsCard *card = CD_CALL_LOGS_CARD (find_of_type (GTK_WIDGET (page), CD_TYPE_CALL_LOGS_CARD));
  g_autoptr(CdVoiceSession) session = NULL;
  GtkWidget *logs, *detail, *workspace;

  g_assert_nonnull (card);
  WAIT_UNTIL (g_list_model_get_n_items (cd_call_logs_card_get_model (card)) > 0);
  session = g_list_model_get_item (cd_call_logs_card_get_model (card), 0);

  logs = cd_call_logs_page_new (fixture->repository, CD_DEMO_CONTACT_NAMED, "Rahul Mehta");
  cd_contact_page_push (page, logs);
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (cd_call_logs_page_get_model (CD_CALL_LOGS_PAGE (logs)))) > 0);
  assert_page_fits (window, "full call logs", text_size);

  detail = cd_call_detail_page_new (fixture->repository, cd_voice_session_get_id (session), "Rahul Mehta");
  cd_contact_page_push (page, detail);
  WAIT_UNTIL (cd_call_detail_page_get_state (CD_CALL_DETAIL_PAGE (detail)) != CD_CALL_DETAIL_LOADING);
  g_assert_cmpint (cd_call_detail_page_get_state (CD_CALL_DETAIL_PAGE (detail)), ==, CD_CALL_DETAIL_READY);
  assert_page_fits (window, "call detail", text_size);

  workspace = cd_follow_ups_workspace_new ();
  cd_follow_ups_workspace_set_repository (CD_FOLLOW_UPS_WORKSPACE (workspace), fixture->repository);
  cd_follow_ups_workspace_load (CD_FOLLOW_UPS_WORKSPACE (workspace), CD_DEMO_CONTACT_NAMED);
  cd_contact_page_push (page, workspace);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  assert_page_fits (window, "follow-ups workspace", text_size);

  cd_contact_page_pop_all (page);
}

/* A full contact (cards, call logs, memory) still fits a 360 px phone screen. */
static void
test_narrow_width (Fixture       *fixture,
                   gconstpointer  data)
{
  const gint64 others[] = { CD_DEMO_CONTACT_FOLLOW_UPS, CD_DEMO_CONTACT_RTL, CD_DEMO_CONTACT_MARKUP,
                            CD_DEMO_CONTACT_DNC, CD_DEMO_CONTACT_ARCHIVED };
  CdWindow *window = create_window (fixture);
  int normal, normal_page, large;

  set_display (NORMAL_DPI);
  open_contact (window, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (!cd_finder_get_busy (CD_FINDER (cd_window_get_finder (window))));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  normal = assert_fits (window, NARROWEST, "normal text");
  /* the window itself asks for 360 px (cd-window.ui); this is what the page needs */
  normal_page = min_width (cd_window_get_page (window));
  assert_pushed_pages_fit (fixture, window, "normal text");

  /* and it really lays out there: the window shrinks to it */
  gtk_window_set_default_size (GTK_WINDOW (window), NARROWEST, 800);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) <= NARROWEST);

  set_display (LARGE_DPI);
  large = assert_fits (window, NARROWEST, "1.5× text");
  assert_pushed_pages_fit (fixture, window, "1.5× text");
  g_test_message ("minimum widths: window %d px / page %d px at normal text, "
                  "window %d px / page %d px at 1.5× text",
                  normal, normal_page, large, min_width (cd_window_get_page (window)));
  restore_display ();

  /* other demo contacts: every follow-up status, a right-to-left name, a markup name… */
  set_display (NORMAL_DPI);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *what = g_strdup_printf ("contact %" G_GINT64_FORMAT, others[i]);

      open_contact (window, others[i]);
      for (guint j = 0; j < 50; j++)
        g_main_context_iteration (NULL, FALSE);
      assert_fits (window, NARROWEST, what);
    }
  restore_display ();

  destroy_window (window);
}

static double
top_in (GtkWidget *widget,
        GtkWidget *ancestor)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, ancestor, &bounds));
  return bounds.origin.y;
}

/* The page banner's flow layout (CdTileGrid, homogeneous off): text and
 * buttons share a line when there is room, the buttons wrap below on a phone. */
static void
test_flow_wraps (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *grid = cd_tile_grid_new ();
  GtkWidget *label = gtk_label_new ("Not signed in or not allowed — check your account settings.");
  GtkWidget *details = gtk_button_new_with_label ("Details");
  GtkWidget *retry = gtk_button_new_with_label ("Retry");
  int min = 0, nat = 0;

  cd_tile_grid_set_homogeneous (CD_TILE_GRID (grid), FALSE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_parent (label, grid);
  gtk_widget_set_parent (details, grid);
  gtk_widget_set_parent (retry, grid);
  gtk_window_set_child (GTK_WINDOW (window), grid);

  /* as narrow as the widest child, as wide as all of them in a row */
  gtk_widget_measure (grid, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, MAX (min_width (label), MAX (min_width (details), min_width (retry))));
  g_assert_cmpint (nat, >, 3 * min_width (retry));

  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 200);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_width (grid) >= nat);
  g_assert_cmpfloat (top_in (retry, grid), ==, 0);
  g_assert_cmpfloat (top_in (details, grid), ==, 0);
  /* the hexpand text takes the spare room, the buttons end the line */
  g_assert_cmpint (gtk_widget_get_width (label), >, nat - min_width (details) - min_width (retry) - 24);

  gtk_window_set_default_size (GTK_WINDOW (window), 300, 200);
  WAIT_UNTIL (gtk_widget_get_width (grid) <= 300);
  g_assert_cmpfloat (top_in (details, grid), >, 0);
  g_assert_cmpfloat (top_in (retry, grid), ==, top_in (details, grid));
  g_assert_cmpint (gtk_widget_get_height (grid), >=,
                   gtk_widget_get_height (label) + gtk_widget_get_height (retry));

  destroy_window (window);
}

/* Every CSS file we ship (from the GResources), concatenated with its path. */
static void
collect_css (const char *path,
             GString    *out)
{
  g_auto(GStrv) children = g_resources_enumerate_children (path, 0, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *child = g_strconcat (path, children[i], NULL);

      if (g_str_has_suffix (child, "/"))
        collect_css (child, out);
      else if (g_str_has_suffix (child, ".css"))
        {
          g_autoptr(GBytes) bytes = g_resources_lookup_data (child, 0, NULL);

          g_assert_nonnull (bytes);
          g_string_append_printf (out, "\n/* %s */\n%.*s", child, (int) g_bytes_get_size (bytes),
                                  (const char *) g_bytes_get_data (bytes, NULL));
        }
    }
}

/* Labels shorter than their text that neither ellipsize nor wrap: cut-off words. */
static void
collect_clipped_labels (GtkWidget *widget,
                        GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0' &&
      gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_NONE &&
      !gtk_label_get_wrap (GTK_LABEL (widget)))
    {
      int natural = 0;

      /* the text's own width; the allocation excludes CSS padding and borders */
      pango_layout_get_pixel_size (gtk_label_get_layout (GTK_LABEL (widget)), &natural, NULL);
      if (gtk_widget_get_width (widget) < natural)
        {
          append_name (out, "\n  ", widget);
          g_string_append_printf (out, ": %d px of %d", gtk_widget_get_width (widget), natural);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_clipped_labels (child, out);
}

/*
 * High contrast and Large Text as GNOME's Accessibility settings set them
 * (org.gnome.desktop.a11y.interface high-contrast, which libadwaita 1.2 reads
 * through GSettings without a portal; text-scaling-factor 1.5 reaches GTK as
 * gtk-xft-dpi): the style manager follows, our CSS uses only named colours
 * (libadwaita's high-contrast stylesheet redefines those), no label is cut off,
 * and the window still fits a 360 px phone.
 */
static void
test_high_contrast_large_text (Fixture       *fixture,
                               gconstpointer  data)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.interface", TRUE);
  g_autoptr(GSettings) a11y = NULL;
  g_autoptr(GString) css = g_string_new (NULL);
  g_autoptr(GString) clipped = g_string_new (NULL);
  g_autoptr(GRegex) colour = g_regex_new ("#[0-9a-fA-F]{3,8}\\b|\\brgba?\\s*\\(|\\bhsla?\\s*\\(|"
                                          ":\\s*(white|black|red|green|blue|yellow|orange|gray|grey)\\b",
                                          0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  CdWindow *window;

  if (schema == NULL)
    {
      g_test_skip ("org.gnome.desktop.a11y.interface is not installed (gsettings-desktop-schemas)");
      return;
    }
  a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  g_settings_set_boolean (a11y, "high-contrast", TRUE);
  WAIT_UNTIL (adw_style_manager_get_high_contrast (style));
  set_display (LARGE_DPI);

  /* Colours: named ones only (@accent_color, @error_color, alpha(currentColor, …)). */
  collect_css ("/com/example/ContactDetail/", css);
  g_assert_nonnull (strstr (css->str, ".cd-tile"));
  if (g_regex_match (colour, css->str, 0, &match))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);

      g_error ("Hard-coded colour \"%s\" in our CSS breaks high contrast:%s", found, css->str);
    }

  window = create_window (fixture);
  open_contact (window, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (!cd_finder_get_busy (CD_FINDER (cd_window_get_finder (window))));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  /* Wide, the header keeps its labels (ellipsizing): a little over 360 px at
   * 1.5× text.  Narrower, as a user drags the window, the page stacks its
   * columns and the header turns to icons, so it goes down to 360 px. */
  g_test_message ("minimum window width, high contrast, 1.5× text, wide: %d px",
                  min_width (gtk_window_get_child (GTK_WINDOW (window))));
  gtk_window_set_default_size (GTK_WINDOW (window), 2 * NARROWEST, 800);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) <= 2 * NARROWEST);
  WAIT_UNTIL (min_width (gtk_window_get_child (GTK_WINDOW (window))) <= NARROWEST);
  gtk_window_set_default_size (GTK_WINDOW (window), NARROWEST, 800);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) <= NARROWEST);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  /* Still high contrast with the window up (nothing reset it). */
  g_assert_true (adw_style_manager_get_high_contrast (style));
  assert_fits (window, NARROWEST, "high contrast, 1.5× text, narrow");
  collect_clipped_labels (cd_window_get_page (window), clipped);
  if (clipped->len > 0)
    g_error ("Labels cut off at %d px with 1.5× text:%s", NARROWEST, clipped->str);

  destroy_window (window);
  g_settings_reset (a11y, "high-contrast");
  WAIT_UNTIL (!adw_style_manager_get_high_contrast (style));
  restore_display ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  const char * const *data_dirs = g_get_system_data_dirs ();
  g_autoptr(GDBusConnection) bus = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  have_session_bus = bus != NULL;

  /* Isolated XDG dirs hide the MIME database GTK needs for symbolic icons. */
  for (guint i = 0; data_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);

  /*
   * Accessible properties live in the AT context; GTK_A11Y=none (set for the
   * test suites) has none, so nothing could be checked: use GTK's test context.
   */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* High contrast from GSettings (the memory backend), not a desktop portal. */
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/ui/desktop/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/ui/desktop/workspaces", test_workspaces);
  g_test_add_func ("/ui/desktop/display-settings", test_display_settings);
  g_test_add_func ("/ui/desktop/flow-wraps", test_flow_wraps);
  g_test_add ("/ui/desktop/page-shortcuts", Fixture, NULL,
              fixture_setup, test_page_shortcuts, fixture_teardown);
  g_test_add ("/ui/desktop/step-contacts", Fixture, NULL,
              fixture_setup, test_step_contacts, fixture_teardown);
  g_test_add ("/ui/desktop/about", Fixture, NULL,
              fixture_setup, test_about, fixture_teardown);
  g_test_add ("/ui/desktop/remove-offline-data", Fixture, NULL,
              fixture_setup, test_remove_offline_data, fixture_teardown);
  g_test_add ("/ui/desktop/accessible-names", Fixture, NULL,
              fixture_setup, test_accessible_names, fixture_teardown);
  g_test_add ("/ui/desktop/narrow-width", Fixture, NULL,
              fixture_setup, test_narrow_width, fixture_teardown);
  g_test_add ("/ui/desktop/high-contrast-large-text", Fixture, NULL,
              fixture_setup, test_high_contrast_large_text, fixture_teardown);

  return g_test_run ();
}
