/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-screenshot"

/*
 * Not a test: renders the memory card to PNGs for visual review.
 * Usage: xvfb-run -a env GSK_RENDERER=cairo screenshot-memory-card OUTDIR
 * Writes OUTDIR/memory-{light,dark,narrow,empty,edit,viewer}.png.
 */

#include <glib/gstdio.h>

#include "cd-api-client.h"
#include "cd-memory-card.h"
#include "cd-repository-memory.h"
#include "cd-demo-server.h"

typedef struct
{
  const char *name;
  gint64      contact_id;
  int         width;
  gboolean    dark;
  gboolean    edit;
  gboolean    viewer;
  const char *state;  /* NULL, "conflict", "rebuilding", "error", "overdue" */
} Shot;

static CdDemoServer *server;

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
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, path);
  g_print ("%s\n", path);
}

static void
click (CdMemoryCard *card,
       const char   *name)
{
  GtkWidget *button = cd_memory_card_get_part (card, name);

  if (button != NULL)
    g_signal_emit_by_name (button, "clicked");
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Puts the card into one of the states worth reviewing. */
static void
prepare_state (const Shot   *shot,
               CdMemoryCard *card,
               CdRepository *repository)
{
  gboolean done = FALSE;

  if (g_strcmp0 (shot->state, "conflict") == 0)
    {
      g_autoptr(CdApiClient) other = cd_api_client_new (cd_demo_server_get_base_url (server));

      click (card, "summary_edit_button");
      cd_api_client_put_memory_summary_async (other, shot->contact_id, "Changed elsewhere", NULL,
                                              NULL, NULL, done_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      click (card, "summary_save_button");
      spin (600);
    }
  else if (g_strcmp0 (shot->state, "rebuilding") == 0)
    {
      click (card, "rebuild_button");
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (cd_memory_card_get_part (card, "rebuild_dialog")),
                                   "rebuild");
      gtk_window_close (GTK_WINDOW (cd_memory_card_get_part (card, "rebuild_dialog")));
      spin (300);
    }
}

static void
rebuild_dialog_shot (CdMemoryCard *card,
                     const char   *outdir)
{
  g_autofree char *path = g_build_filename (outdir, "memory-rebuild-dialog.png", NULL);
  GtkWidget *dialog;

  click (card, "rebuild_button");
  dialog = cd_memory_card_get_part (card, "rebuild_dialog");
  spin (500);
  save (dialog, path);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
take (const Shot   *shot,
      CdRepository *repository,
      const char   *outdir)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *card = cd_memory_card_new ();
  g_autofree char *file = g_strdup_printf ("memory-%s.png", shot->name);
  g_autofree char *path = g_build_filename (outdir, file, NULL);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      shot->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                 : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_widget_set_valign (clamp, GTK_ALIGN_START);
  adw_clamp_set_child (ADW_CLAMP (clamp), card);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), shot->width, 1900);
  cd_memory_card_set_timezone (CD_MEMORY_CARD (card), "Asia/Kolkata");
  cd_memory_card_set_can_edit (CD_MEMORY_CARD (card), !shot->viewer);
  cd_memory_card_set_repository (CD_MEMORY_CARD (card), repository);
  cd_memory_card_load (CD_MEMORY_CARD (card), shot->contact_id);
  gtk_window_present (GTK_WINDOW (window));
  spin (1200);
  if (g_strcmp0 (shot->state, "dialog") == 0)
    rebuild_dialog_shot (CD_MEMORY_CARD (card), outdir);
  prepare_state (shot, CD_MEMORY_CARD (card), repository);
  if (shot->edit)
    {
      click (CD_MEMORY_CARD (card), "summary_edit_button");
      click (CD_MEMORY_CARD (card), "items_edit_button");
      click (CD_MEMORY_CARD (card), "fact_add_button");
      spin (300);
      if (g_getenv ("CD_SHOT_MEASURE") != NULL)
        {
          const char *parts[] = { "summary_view", "summary_stack", "items_editor", "items_edit_rows",
                                  "fact_add_box", "facts_list", "stack", NULL };

          for (guint i = 0; parts[i]; i++)
            {
              int min = 0, nat = 0;

              gtk_widget_measure (cd_memory_card_get_part (CD_MEMORY_CARD (card), parts[i]),
                                  GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
              g_print ("%s min %d nat %d\n", parts[i], min, nat);
            }
          for (GtkWidget *w = cd_memory_card_get_part (CD_MEMORY_CARD (card), "summary_view"); w; w = gtk_widget_get_parent (w))
            {
              int min = 0, nat = 0;

              gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
              g_print ("  %s min %d nat %d\n", G_OBJECT_TYPE_NAME (w), min, nat);
            }
        }
    }
  save (window, path);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
}

int
main (int   argc,
      char *argv[])
{
  const Shot shots[] = {
    { "light", 501, 640, FALSE, FALSE, FALSE },
    { "dark", 501, 640, TRUE, FALSE, FALSE },
    { "narrow", 501, 360, FALSE, FALSE, FALSE },
    { "empty", 507, 640, FALSE, FALSE, FALSE },
    { "edit", 501, 640, FALSE, TRUE, FALSE },
    { "edit-dark", 501, 640, TRUE, TRUE, FALSE },
    { "viewer", 501, 640, FALSE, FALSE, TRUE },
    { "conflict", 501, 640, FALSE, FALSE, FALSE, "conflict" },
    { "rebuilding", 502, 640, FALSE, FALSE, FALSE, "rebuilding" },
    { "overdue", 512, 640, FALSE, FALSE, FALSE, "overdue" },
    { "error", 503, 640, FALSE, FALSE, FALSE, "error" },
    { "dialog", 501, 640, FALSE, FALSE, FALSE, "dialog" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("cd-shot-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (tmp, "demo.sqlite", NULL);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autoptr(CdRepository) repository = NULL;
  const char *titles[] = { "Send the signed contract", "Book a demo" };
  const char *dues[] = { "2020-01-31", "2099-06-30" };
  gboolean done = FALSE;

  gtk_init ();
  adw_init ();
  g_assert (argc > 1);
  g_content_type_set_mime_dirs ((const char * const[]) { "/usr/share/mime", NULL });

  server = cd_demo_server_new (db, &error);
  g_assert_no_error (error);
  cd_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  repository = cd_repository_new (cd_demo_server_get_base_url (server), NULL, NULL, cache);
  cd_demo_server_inject_fault (server, "/contacts/503/memory", CD_DEMO_FAULT_STATUS, 500, 1000);
  cd_repository_save_memory_open_items_async (repository, 512, 2, titles, dues, NULL, NULL,
                                              done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    take (&shots[i], repository, argv[1]);
  g_clear_object (&server);
  return 0;
}
