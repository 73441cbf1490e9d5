/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-screenshot"

/*
 * Not a test: renders "Keep offline" for visual review.
 *
 *   GSETTINGS_BACKEND=memory GSK_RENDERER=cairo xvfb-run -a BUILD/tests/ui/screenshot-offline OUTDIR
 *
 * writes OUTDIR/offline-finder-{keep,downloading}.png ("Keep These N Offline"),
 * offline-{downloading,paused}.png (contact 508 mid-download, then cancelled),
 * offline-{wide-light,wide-dark,narrow-light}.png (contact 501 kept offline,
 * server stopped), offline-pending.png and offline-menu.png (an edit in the
 * outbox, the page menu) and offline-preferences-{light,dark}.png.
 */

#include "cd-contact-page.h"
#include "cd-demo-server.h"
#include "cd-finder.h"
#include "cd-preferences-window.h"
#include "cd-repository-contacts.h"
#include "cd-repository-offline.h"
#include "cd-window.h"

#define DEADLINE_S 60
#include "../cd-test-util.h"

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
      const char *dir,
      const char *name)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);

  /* The paintable is empty while a resize is queued (a running download keeps
   * changing the progress): try again after the next frames. */
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

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

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static CdWindow *
new_window (CdRepository *repository,
            int           width)
{
  CdWindow *window = cd_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  cd_window_set_repository (window, repository);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
job_busy (CdRepository *repository)
{
  CdOfflineJob *job = cd_repository_get_offline_job (repository);

  return job != NULL && cd_offline_job_get_sessions_done (job) > 200;
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
  const gint64 named = CD_DEMO_CONTACT_NAMED, many = CD_DEMO_CONTACT_MANY_SESSIONS;
  const struct { const char *name; int width; gboolean dark; } shots[] = {
    { "offline-wide-light.png", 1200, FALSE },
    { "offline-wide-dark.png", 1200, TRUE },
    { "offline-narrow-light.png", 360, FALSE },
  };
  CdWindow *window;
  GtkWidget *prefs;
  CdOfflineJob *job;

  gtk_init ();
  adw_init ();
  g_assert (argc > 1);

  server = cd_demo_server_new (db, &error);
  g_assert_no_error (error);
  cd_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  repository = cd_repository_new (cd_demo_server_get_base_url (server), NULL, NULL, cache);

  /* A search online offers "Keep These N Offline". */
  set_dark (FALSE);
  window = new_window (repository, 1200);
  gtk_editable_set_text (GTK_EDITABLE (cd_finder_get_search_entry (CD_FINDER (cd_window_get_finder (window)))),
                         "example");
  spin (1500);
  save (GTK_WIDGET (window), argv[1], "offline-finder-keep.png");
  gtk_widget_activate (cd_finder_get_keep_button (CD_FINDER (cd_window_get_finder (window))));
  WAIT_UNTIL (job_busy (repository));
  save (GTK_WIDGET (window), argv[1], "offline-finder-downloading.png");
  job = g_object_ref (cd_repository_get_offline_job (repository));
  cd_offline_job_cancel (job);
  WAIT_UNTIL (cd_offline_job_get_finished (job));
  g_clear_object (&job);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Mid-download: the page's progress. */
  window = new_window (repository, 1200);
  cd_window_open_contact (window, many);
  spin (1000);
  cd_repository_keep_offline (repository, &many, 1);
  WAIT_UNTIL (job_busy (repository));
  spin (300);
  save (GTK_WIDGET (window), argv[1], "offline-downloading.png");
  job = g_object_ref (cd_repository_get_offline_job (repository));
  cd_offline_job_cancel (job);
  WAIT_UNTIL (cd_offline_job_get_finished (job));
  g_clear_object (&job);
  spin (300);
  save (GTK_WIDGET (window), argv[1], "offline-paused.png");
  gtk_window_destroy (GTK_WINDOW (window));

  cd_repository_keep_offline (repository, &named, 1);
  WAIT_UNTIL (cd_repository_get_offline_state (repository, named) == CD_OFFLINE_DONE);
  cd_demo_server_stop (server);

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      set_dark (shots[i].dark);
      window = new_window (repository, shots[i].width);
      cd_window_open_contact (window, named);
      /* Until the refused connections have used up their retries. */
      spin (4000);
      save (GTK_WIDGET (window), argv[1], shots[i].name);
      gtk_window_destroy (GTK_WINDOW (window));
    }

  /* An edit made offline: "1 pending" in the header. */
  set_dark (FALSE);
  window = new_window (repository, 1200);
  cd_window_open_contact (window, named);
  spin (4000);
  cd_repository_add_dnc_async (repository,
                               cd_resource_get_value (cd_contact_page_get_resource (
                                 CD_CONTACT_PAGE (cd_window_get_page (window)))),
                               NULL, NULL, NULL, NULL);
  spin (1500);
  save (GTK_WIDGET (window), argv[1], "offline-pending.png");
  {
    CdContactPage *page = CD_CONTACT_PAGE (cd_window_get_page (window));
    GtkMenuButton *menu = GTK_MENU_BUTTON (cd_contact_page_get_part (page, "actions_button"));

    gtk_menu_button_popup (menu);
    spin (800);
    save (GTK_WIDGET (gtk_menu_button_get_popover (menu)), argv[1], "offline-menu.png");
    gtk_menu_button_popdown (menu);
  }
  gtk_window_destroy (GTK_WINDOW (window));

  for (guint dark = 0; dark < 2; dark++)
    {
      set_dark (dark);
      window = new_window (repository, 1200);
      prefs = cd_preferences_window_new (GTK_WINDOW (window));
      gtk_window_set_default_size (GTK_WINDOW (prefs), 560, 760);
      gtk_window_present (GTK_WINDOW (prefs));
      spin (1500);
      save (prefs, argv[1], dark ? "offline-preferences-dark.png" : "offline-preferences-light.png");
      gtk_window_destroy (GTK_WINDOW (prefs));
      gtk_window_destroy (GTK_WINDOW (window));
    }

  return 0;
}
