/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-screenshot"

/*
 * Not a test: renders the follow-ups card, its Schedule dialog and the
 * workspace to PNGs for visual review.
 * Usage: xvfb-run -a env GSK_RENDERER=cairo screenshot-follow-ups OUTDIR
 * Writes OUTDIR/followups-card-{wide,narrow}-{light,dark}.png, followups-empty.png,
 * followups-viewer.png, followups-schedule{,-error-dark}.png, followups-workspace-{list,detail}.png.
 */

#include <glib/gstdio.h>

#include "cd-demo-server.h"
#include "cd-follow-up-schedule-dialog.h"
#include "cd-follow-ups-card.h"
#include "cd-follow-ups-view.h"
#include "cd-follow-ups-workspace.h"

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
      const char *dir,
      const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, path);
  g_print ("%s\n", path);
}

static GtkWidget *
card_window (CdRepository *repository,
             gint64        contact_id,
             int           width,
             gboolean      can_schedule,
             GtkWidget   **card_out)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *card = cd_follow_ups_card_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");

  gtk_widget_set_margin_top (card, 18);
  gtk_widget_set_margin_bottom (card, 18);
  gtk_widget_set_margin_start (card, 12);
  gtk_widget_set_margin_end (card, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), card);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  adw_window_set_content (ADW_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  cd_follow_ups_card_set_repository (CD_FOLLOW_UPS_CARD (card), repository);
  cd_follow_ups_card_set_time_zone (CD_FOLLOW_UPS_CARD (card), zone);
  cd_follow_ups_card_set_can_schedule (CD_FOLLOW_UPS_CARD (card), can_schedule);
  cd_follow_ups_card_load (CD_FOLLOW_UPS_CARD (card), contact_id);
  gtk_window_present (GTK_WINDOW (window));
  if (card_out != NULL)
    *card_out = card;
  return window;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("cd-fu-shot-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (tmp, "demo.sqlite", NULL);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autoptr(CdDemoServer) server = NULL;
  g_autoptr(CdRepository) repository = NULL;
  AdwStyleManager *style = NULL;
  GtkWidget *window, *card, *dialog, *workspace;

  gtk_init ();
  adw_init ();
  g_assert (argc > 1);
  style = adw_style_manager_get_default ();
  server = cd_demo_server_new (db, &error);
  g_assert_no_error (error);
  cd_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  repository = cd_repository_new (cd_demo_server_get_base_url (server), NULL, NULL, cache);

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      window = card_window (repository, CD_DEMO_CONTACT_FOLLOW_UPS, 720, TRUE, &card);
      cd_follow_ups_view_set_max_rows (CD_FOLLOW_UPS_VIEW (cd_follow_ups_card_get_part (CD_FOLLOW_UPS_CARD (card), "view")), 0);
      spin (1200);
      save (window, argv[1], dark ? "followups-card-wide-dark.png" : "followups-card-wide-light.png");
      gtk_window_destroy (GTK_WINDOW (window));
      window = card_window (repository, CD_DEMO_CONTACT_FOLLOW_UPS, 360, TRUE, NULL);
      spin (1200);
      save (window, argv[1], dark ? "followups-card-narrow-dark.png" : "followups-card-narrow-light.png");
      gtk_window_destroy (GTK_WINDOW (window));
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = card_window (repository, CD_DEMO_CONTACT_EMPTY, 600, TRUE, NULL);
  spin (1000);
  save (window, argv[1], "followups-empty.png");
  gtk_window_destroy (GTK_WINDOW (window));

  window = card_window (repository, CD_DEMO_CONTACT_FOLLOW_UPS, 600, FALSE, &card);
  spin (1000);
  save (window, argv[1], "followups-viewer.png");
  gtk_window_destroy (GTK_WINDOW (window));

  window = card_window (repository, CD_DEMO_CONTACT_FOLLOW_UPS, 600, TRUE, &card);
  spin (1000);
  dialog = cd_follow_ups_view_schedule (CD_FOLLOW_UPS_VIEW (cd_follow_ups_card_get_part (CD_FOLLOW_UPS_CARD (card), "view")));
  spin (1500);
  save (dialog, argv[1], "followups-schedule.png");
  /* The field error of a past time, in the dark style. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_editable_set_text (GTK_EDITABLE (cd_follow_up_schedule_dialog_get_part (CD_FOLLOW_UP_SCHEDULE_DIALOG (dialog),
                                                                              "date_entry")), "2020-01-01");
  g_signal_emit_by_name (cd_follow_up_schedule_dialog_get_part (CD_FOLLOW_UP_SCHEDULE_DIALOG (dialog),
                                                                "schedule_button"), "clicked");
  spin (500);
  save (dialog, argv[1], "followups-schedule-error-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_destroy (GTK_WINDOW (window));

  window = adw_window_new ();
  workspace = cd_follow_ups_workspace_new ();
  adw_window_set_content (ADW_WINDOW (window), workspace);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  cd_follow_ups_workspace_set_repository (CD_FOLLOW_UPS_WORKSPACE (workspace), repository);
  cd_follow_ups_workspace_set_contact_title (CD_FOLLOW_UPS_WORKSPACE (workspace), "Priya Raman");
  cd_follow_ups_workspace_load (CD_FOLLOW_UPS_WORKSPACE (workspace), CD_DEMO_CONTACT_FOLLOW_UPS);
  gtk_window_present (GTK_WINDOW (window));
  spin (1200);
  save (window, argv[1], "followups-workspace-list.png");
  {
    GListModel *model = cd_follow_ups_view_get_model (CD_FOLLOW_UPS_VIEW (
      cd_follow_ups_workspace_get_part (CD_FOLLOW_UPS_WORKSPACE (workspace), "view")));
    g_autoptr(CdFollowUp) item = g_list_model_get_item (model, 3);

    cd_follow_ups_workspace_show_follow_up (CD_FOLLOW_UPS_WORKSPACE (workspace), cd_follow_up_get_id (item));
  }
  spin (800);
  save (window, argv[1], "followups-workspace-detail.png");
  gtk_window_destroy (GTK_WINDOW (window));

  cd_demo_server_stop (server);
  return 0;
}
