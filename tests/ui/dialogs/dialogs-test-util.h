/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared fixture of the dialog tests: demo backend + repository + a window. */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cd-demo-server.h"
#include "cd-repository.h"
#include "cd-repository-contacts.h"
#include "cd-repository-private.h"
#include "../../cd-test-util.h"

#define DEADLINE_S 20

typedef struct
{
  char         *tmp_dir;
  CdDemoServer *server;
  CdRepository *repository;
  GtkWindow    *window;
  GtkWidget    *parent;
} DialogsFixture;

static void
dialogs_fixture_setup (DialogsFixture *fixture,
                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *cache_dir = NULL;

  g_content_type_set_mime_dirs ((const char * const[]) { "/usr/share/mime", NULL });
  fixture->tmp_dir = g_dir_make_tmp ("cd-test-dialogs-XXXXXX", &error);
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
  /* Tests expect one answer per request: no client-side retries of injected faults. */
  cd_api_client_set_max_get_retries (cd_repository_get_api_client (fixture->repository), 0);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 600);
  fixture->parent = gtk_label_new ("Contact page stand-in");
  gtk_window_set_child (fixture->window, fixture->parent);
  gtk_window_present (fixture->window);
}

static void
dialogs_fixture_teardown (DialogsFixture *fixture,
                          gconstpointer   data)
{
  gtk_window_destroy (fixture->window);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&fixture->repository);
  cd_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  remove_tree (fixture->tmp_dir);
  g_clear_pointer (&fixture->tmp_dir, g_free);
}

static void
load_contact_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CdContact **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cd_repository_load_contact_finish (CD_REPOSITORY (object), result, NULL, &error);
  g_assert_no_error (error);
}

/* The server's current copy of contact @id. */
static CdContact *
load_contact (DialogsFixture *fixture,
              gint64          id)
{
  CdContact *contact = NULL;

  cd_repository_load_contact_async (fixture->repository, id, NULL, load_contact_cb, &contact);
  WAIT_UNTIL (contact != NULL);
  return contact;
}

/* Renders @widget's window to $CD_SCREENSHOT_DIR/@name.png when that is set. */
static void
take_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("CD_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

/* Without a session bus (plain xvfb-run) GTK's AT-SPI bridge can only warn,
 * and warnings are fatal in tests. */
static void
dialogs_test_init (int    *argc,
                   char ***argv)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cd_test_ignore_upstream_warnings ();
  gtk_init ();
  adw_init ();
}
