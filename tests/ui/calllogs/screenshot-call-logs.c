/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-screenshot"

/*
 * Not a test: renders the call-logs card, the call detail page and the full
 * Call logs page to PNGs for visual review.
 * Usage: screenshot-call-logs OUTDIR
 * Writes OUTDIR/{card,detail,page,card-empty}-{wide,narrow}-{light,dark}.png.
 */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cd-call-detail-page.h"
#include "cd-call-logs-card.h"
#include "cd-call-logs-page.h"
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
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, path);
  g_print ("%s\n", path);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gint64
first_session (CdRepository *repository)
{
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (CD_DEMO_CONTACT_NAMED);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CdSessionPage) page = NULL;
  g_autoptr (CdVoiceSession) s = NULL;

  cd_repository_list_sessions_async (repository, filter, NULL, 10, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  page = cd_repository_list_sessions_finish (repository, result, NULL);
  s = g_list_model_get_item (page->items, 0);
  return cd_voice_session_get_id (s);
}

static GtkWidget *
make_card (CdRepository *repository,
           gint64        contact_id)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *card = cd_call_logs_card_new ();

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  cd_call_logs_card_set_repository (CD_CALL_LOGS_CARD (card), repository);
  cd_call_logs_card_set_time_zone (CD_CALL_LOGS_CARD (card), "Asia/Kolkata");
  cd_call_logs_card_set_callable (CD_CALL_LOGS_CARD (card), TRUE);
  cd_call_logs_card_load (CD_CALL_LOGS_CARD (card), contact_id);
  gtk_box_append (GTK_BOX (box), card);
  return box;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("cd-shot-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (tmp, "demo.sqlite", NULL);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autoptr (CdDemoServer) server = NULL;
  g_autoptr (CdRepository) repository = NULL;
  const int widths[] = { 1280, 560 };
  const char *width_names[] = { "wide", "narrow" };
  const char *kinds[] = { "card", "detail", "page", "card-empty" };
  gint64 session_id;

  gtk_init ();
  adw_init ();
  g_assert (argc > 1);

  server = cd_demo_server_new (db, &error);
  g_assert_no_error (error);
  cd_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  repository = cd_repository_new (cd_demo_server_get_base_url (server), NULL, NULL, cache);
  session_id = first_session (repository);

  for (guint dark = 0; dark < 2; dark++)
    for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          GtkWidget *window = gtk_window_new ();
          GtkWidget *child;
          g_autofree char *name = g_strdup_printf ("%s-%s-%s.png", kinds[k], width_names[i],
                                                   dark ? "dark" : "light");
          g_autofree char *path = g_build_filename (argv[1], name, NULL);

          adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                              dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
          if (k == 0)
            child = make_card (repository, CD_DEMO_CONTACT_NAMED);
          else if (k == 3)
            child = make_card (repository, CD_DEMO_CONTACT_EMPTY);
          else if (k == 1)
            child = cd_call_detail_page_new (repository, session_id, "Rahul Mehta");
          else
            child = cd_call_logs_page_new (repository, CD_DEMO_CONTACT_MANY_SESSIONS, "Many Sessions");
          gtk_window_set_default_size (GTK_WINDOW (window), widths[i], k == 0 || k == 3 ? 620 : 900);
          gtk_window_set_child (GTK_WINDOW (window), child);
          gtk_window_present (GTK_WINDOW (window));
          spin (1500);
          save (window, path);
          gtk_window_destroy (GTK_WINDOW (window));
        }
  return 0;
}
