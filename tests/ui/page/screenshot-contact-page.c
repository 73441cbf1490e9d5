/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-screenshot"

/*
 * Not a test: renders the contact page to PNGs for visual review.
 * Usage: screenshot-contact-page OUTDIR [CONTACT_ID]
 * Writes OUTDIR/page-{wide,narrow}-{light,dark}-ID.png.
 */

#include <glib/gstdio.h>

#include "cd-contact-page.h"
#include "cd-demo-server.h"

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static void
save (GtkWidget  *window,
      const char *path)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);

  /* The paintable is empty while a resize is queued: retry after the next frames. */
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        spin (50);
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_to_node (snapshot);
    }
  g_assert (node != NULL);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, path);
  g_print ("%s\n", path);
}

/* CD_SHOT_HEIGHT makes a tall window that shows the whole page. */
static int
shot_height (void)
{
  const char *height = g_getenv ("CD_SHOT_HEIGHT");

  return height ? (int) g_ascii_strtoll (height, NULL, 10) : 900;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("cd-shot-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (tmp, "demo.sqlite", NULL);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autoptr(CdDemoServer) server = NULL;
  g_autoptr(CdRepository) repository = NULL;
  /* CD_SHOT_NARROW overrides the narrow width (e.g. 360, the window's minimum). */
  const char *narrow = g_getenv ("CD_SHOT_NARROW");
  const int widths[] = { 1200, narrow ? (int) g_ascii_strtoll (narrow, NULL, 10) : 560 };
  const char *width_names[] = { "wide", "narrow" };
  gint64 id = argc > 2 ? g_ascii_strtoll (argv[2], NULL, 10) : 501;

  gtk_init ();
  adw_init ();
  g_assert (argc > 1);

  server = cd_demo_server_new (db, &error);
  g_assert_no_error (error);
  cd_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  if (g_getenv ("CD_SHOT_FAULT") != NULL)
    cd_demo_server_inject_fault (server, NULL, CD_DEMO_FAULT_STATUS, 500, 1000);
  repository = cd_repository_new (cd_demo_server_get_base_url (server), NULL, NULL, cache);

  for (guint dark = 0; dark < 2; dark++)
    for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
      {
        GtkWidget *window = gtk_window_new ();
        GtkWidget *page = cd_contact_page_new ();
        g_autofree char *name = g_strdup_printf ("page-%s-%s-%" G_GINT64_FORMAT ".png",
                                                 width_names[i], dark ? "dark" : "light", id);
        g_autofree char *path = g_build_filename (argv[1], name, NULL);

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gtk_window_set_default_size (GTK_WINDOW (window), widths[i], shot_height ());
        gtk_window_set_child (GTK_WINDOW (window), page);
        cd_contact_page_set_repository (CD_CONTACT_PAGE (page), repository);
        cd_contact_page_load (CD_CONTACT_PAGE (page), id);
        if (g_getenv ("CD_SHOT_STOP") != NULL && dark + i > 0)
          cd_demo_server_stop (server);
        gtk_window_present (GTK_WINDOW (window));
        spin (1500);
        save (window, path);
        gtk_window_destroy (GTK_WINDOW (window));
      }

  return 0;
}
