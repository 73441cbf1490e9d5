/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-screenshot"

#include <glib/gstdio.h>

#include "cd-contact-page.h"
#include "cd-demo-server.h"
#include "cd-window.h"

/*
 * Not a test: renders the main window on the demo backend to PNGs, for the
 * AppStream screenshots in data/screenshots/.
 *
 *   GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=BUILD/data GSK_RENDERER=cairo \
 *     xvfb-run -a BUILD/tests/ui/screenshot-window OUTPUT_DIR
 *
 * writes OUTPUT_DIR/contact-wide.png (contact 501, 1280×800) and
 * OUTPUT_DIR/contact-narrow-dark.png (the same contact, 420×800, dark style).
 *
 * For accessibility reviews, CD_SHOT_WIDTH=360 instead writes only
 * OUTPUT_DIR/contact-WIDTH.png (light, CD_SHOT_HEIGHT tall, default 800, GNOME's
 * close-only window buttons);
 * CD_SHOT_DPI=147456 renders it with large text (gtk-xft-dpi, 1.5 × 96 × 1024),
 * and libadwaita's ADW_DEBUG_HIGH_CONTRAST=1 in high contrast.
 */

#define DEADLINE_S 30

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (gboolean (*cond) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out");
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

/* A few hundred ms of frames so the cards load and lay out. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 1500 * 1000;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static gboolean
page_settled (gpointer data)
{
  CdContactPage *page = data;
  CdResourceState state = cd_contact_page_get_state (page);

  return cd_contact_page_get_contact_id (page) == CD_DEMO_CONTACT_NAMED &&
         state != CD_RESOURCE_LOADING && state != CD_RESOURCE_STALE;
}

static void
save (GtkWidget  *window,
      const char *path)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_save_to_png (texture, path);
  g_object_unref (paintable);
  g_print ("%s\n", path);
}

static gboolean
has_width_at_most (gpointer data)
{
  GtkWidget *window = data;

  return gtk_widget_get_width (window) <= GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "cd-width"));
}

/* Opens contact 501 at twice @width, then narrows the window as a user drags it:
 * the page stacks its columns and the header turns to icons on the way. */
static void
shoot_narrow (CdRepository *repository,
              int           width,
              int           height,
              const char   *path)
{
  CdWindow *window = cd_window_new (NULL);
  CdContactPage *page = CD_CONTACT_PAGE (cd_window_get_page (window));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  /* GNOME's window buttons, not the three of a bare X server */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  cd_window_set_repository (window, repository);
  gtk_window_set_default_size (GTK_WINDOW (window), 2 * width, height);
  gtk_window_present (GTK_WINDOW (window));
  cd_window_open_contact (window, CD_DEMO_CONTACT_NAMED);
  wait_until (page_settled, page);
  settle ();
  g_object_set_data (G_OBJECT (window), "cd-width", GINT_TO_POINTER (width));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  wait_until (has_width_at_most, window);
  settle ();
  save (GTK_WIDGET (window), path);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
shoot (CdRepository *repository,
       int           width,
       int           height,
       gboolean      dark,
       const char   *path)
{
  CdWindow *window = cd_window_new (NULL);
  CdContactPage *page = CD_CONTACT_PAGE (cd_window_get_page (window));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  cd_window_set_repository (window, repository);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  cd_window_open_contact (window, CD_DEMO_CONTACT_NAMED);
  wait_until (page_settled, page);
  settle ();
  save (GTK_WIDGET (window), path);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDemoServer) server = NULL;
  g_autoptr(CdRepository) repository = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *wide = NULL;
  g_autofree char *narrow = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTPUT_DIR\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();

  tmp = g_dir_make_tmp ("cd-screenshot-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp, "demo.sqlite", NULL);
  server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  repository = cd_repository_new (cd_demo_server_get_base_url (server), NULL, NULL, tmp);

  if (g_getenv ("CD_SHOT_WIDTH") != NULL)
    {
      int width = (int) g_ascii_strtoll (g_getenv ("CD_SHOT_WIDTH"), NULL, 10);
      const char *height = g_getenv ("CD_SHOT_HEIGHT");
      g_autofree char *name = g_strdup_printf ("contact-%d.png", width);
      g_autofree char *path = g_build_filename (argv[1], name, NULL);

      if (g_getenv ("CD_SHOT_DPI") != NULL)
        g_object_set (gtk_settings_get_default (), "gtk-xft-dpi",
                      (int) g_ascii_strtoll (g_getenv ("CD_SHOT_DPI"), NULL, 10), NULL);
      shoot_narrow (repository, width, height ? (int) g_ascii_strtoll (height, NULL, 10) : 800, path);
      cd_demo_server_stop (server);
      return 0;
    }

  wide = g_build_filename (argv[1], "contact-wide.png", NULL);
  narrow = g_build_filename (argv[1], "contact-narrow-dark.png", NULL);
  shoot (repository, 1280, 800, FALSE, wide);
  shoot (repository, 420, 800, TRUE, narrow);

  cd_demo_server_stop (server);
  return 0;
}
