/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-screenshot"

/*
 * Not a test: renders the offline pieces to PNGs for visual review.
 * Usage: xvfb-run -a env GSK_RENDERER=cairo screenshot-outbox OUTDIR
 * Writes OUTDIR/outbox-{cards,popover,conflict}-{light,dark,narrow}.png:
 * the cards offline ("as of" + "Pending"), the outbox popover (one conflict,
 * one waiting entry) and the conflict dialog.
 */

#include <glib/gstdio.h>

#include "cd-api-client.h"
#include "cd-conflict-dialog.h"
#include "cd-demo-server.h"
#include "cd-follow-ups-card.h"
#include "cd-memory-card.h"
#include "cd-outbox-button.h"
#include "cd-repository-memory.h"
#include "cd-repository-outbox.h"
#include "cd-repository-private.h"

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

#define SPIN_UNTIL(cond) \
  G_STMT_START { \
    gint64 end_ = g_get_monotonic_time () + 20 * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < end_) \
      spin (20); \
    if (!(cond)) \
      g_error ("Timed out waiting for %s", #cond); \
  } G_STMT_END

static void
save (GtkWidget  *widget,
      const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  /* The paintable's size includes CSS padding (gtk_widget_get_height does not). */
  int w = gdk_paintable_get_intrinsic_width (paintable);
  int h = gdk_paintable_get_intrinsic_height (paintable);
  graphene_rect_t bounds;

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_to_node (snapshot);
  /* A popover draws its arrow and shadow outside its allocation. */
  gsk_render_node_get_bounds (node, &bounds);
  graphene_rect_union (&bounds, &GRAPHENE_RECT_INIT (0, 0, w, h), &bounds);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &bounds);
  gdk_texture_save_to_png (texture, path);
  g_print ("%s\n", path);
}

typedef struct
{
  CdMemory *memory;
  char     *etag;
  gboolean  done;
} Loaded;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Loaded *loaded = user_data;

  loaded->memory = cd_repository_load_memory_finish (CD_REPOSITORY (object), result,
                                                     &loaded->etag, NULL);
  loaded->done = TRUE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Loaded *loaded = user_data;
  g_autoptr(CdMemory) memory = cd_repository_save_memory_summary_finish (CD_REPOSITORY (object),
                                                                         result, NULL, NULL);

  loaded->done = TRUE;
}

static void
change_elsewhere (CdDemoServer *server,
                  const char   *dir)
{
  g_autofree char *cache = g_build_filename (dir, "other", NULL);
  g_autoptr(CdRepository) other = cd_repository_new (cd_demo_server_get_base_url (server),
                                                     NULL, NULL, cache);
  Loaded loaded = { NULL, NULL, FALSE };

  cd_repository_load_memory_async (other, 501, NULL, loaded_cb, &loaded);
  SPIN_UNTIL (loaded.done);
  loaded.done = FALSE;
  cd_repository_save_memory_summary_async (other, 501,
                                           "Prefers calls before noon. Asked about the <Pro> plan & pricing.",
                                           loaded.etag, NULL, saved_cb, &loaded);
  SPIN_UNTIL (loaded.done);
  g_clear_object (&loaded.memory);
  g_free (loaded.etag);
}

static void
replayed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  cd_repository_replay_outbox_finish (CD_REPOSITORY (object), result, NULL, NULL, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
click (GtkWidget *widget)
{
  g_signal_emit_by_name (widget, "clicked");
}

static void
shoot (const char *outdir,
       const char *variant,
       int         width,
       gboolean    dark)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cd-shot-outbox-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "demo.sqlite", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autoptr(CdDemoServer) server = cd_demo_server_new (db, &error);
  g_autoptr(CdRepository) repository = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *button = cd_outbox_button_new ();
  GtkWidget *memory = cd_memory_card_new ();
  GtkWidget *follow_ups = cd_follow_ups_card_new ();
  GtkWidget *summary_view;
  g_autoptr(CdOutboxEntry) entry = NULL;
  g_autofree char *path = NULL;
  GtkWidget *dialog;
  guint port;
  gboolean done = FALSE;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  cd_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  port = cd_demo_server_get_port (server);
  repository = cd_repository_new (cd_demo_server_get_base_url (server), NULL, NULL, cache);
  cd_api_client_set_max_get_retries (cd_repository_get_api_client (repository), 0);

  cd_outbox_button_set_repository (CD_OUTBOX_BUTTON (button), repository);
  cd_outbox_button_set_contact_id (CD_OUTBOX_BUTTON (button), 501);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  cd_memory_card_set_repository (CD_MEMORY_CARD (memory), repository);
  cd_follow_ups_card_set_repository (CD_FOLLOW_UPS_CARD (follow_ups), repository);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), follow_ups);
  gtk_box_append (GTK_BOX (box), memory);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 1500);
  gtk_window_present (GTK_WINDOW (window));

  /* Fresh copies first, then someone else edits, then the connection goes. */
  cd_memory_card_load (CD_MEMORY_CARD (memory), 501);
  cd_follow_ups_card_load (CD_FOLLOW_UPS_CARD (follow_ups), 501);
  SPIN_UNTIL (cd_memory_card_get_etag (CD_MEMORY_CARD (memory)) != NULL);
  change_elsewhere (server, dir);
  cd_demo_server_stop (server);
  cd_memory_card_load (CD_MEMORY_CARD (memory), 501);
  cd_follow_ups_card_load (CD_FOLLOW_UPS_CARD (follow_ups), 501);
  SPIN_UNTIL (!cd_repository_get_online (repository) &&
              gtk_widget_get_mapped (cd_memory_card_get_part (CD_MEMORY_CARD (memory), "summary_edit_button")));
  cd_memory_card_set_online (CD_MEMORY_CARD (memory), FALSE);
  cd_follow_ups_card_set_online (CD_FOLLOW_UPS_CARD (follow_ups), FALSE);

  /* An offline edit: "Pending" on the summary, "1 pending" in the header. */
  click (cd_memory_card_get_part (CD_MEMORY_CARD (memory), "summary_edit_button"));
  summary_view = cd_memory_card_get_part (CD_MEMORY_CARD (memory), "summary_view");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (summary_view)),
                            "Prefers calls after 5 pm; wants the <b>annual</b> plan & a demo.", -1);
  click (cd_memory_card_get_part (CD_MEMORY_CARD (memory), "summary_save_button"));
  SPIN_UNTIL (cd_outbox_button_get_count (CD_OUTBOX_BUTTON (button)) == 1);
  spin (300);
  path = g_strdup_printf ("%s/outbox-cards-%s.png", outdir, variant);
  save (window, path);

  /* Back online: the replay meets the other edit (412), a conflict. */
  cd_demo_server_start (server, port, &error);
  g_assert_no_error (error);
  cd_repository_replay_outbox_async (repository, NULL, replayed_cb, &done);
  SPIN_UNTIL (done);
  entry = g_list_model_get_item (cd_repository_get_outbox (repository), 0);
  SPIN_UNTIL (cd_outbox_entry_get_state (entry) == CD_OUTBOX_CONFLICT);
  gtk_menu_button_popup (GTK_MENU_BUTTON (cd_outbox_button_get_part (CD_OUTBOX_BUTTON (button), "menu_button")));
  spin (500);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (cd_outbox_button_get_part (CD_OUTBOX_BUTTON (button), "menu_button")));
  spin (300);
  gtk_menu_button_popup (GTK_MENU_BUTTON (cd_outbox_button_get_part (CD_OUTBOX_BUTTON (button), "menu_button")));
  spin (500);
  g_free (path);
  path = g_strdup_printf ("%s/outbox-popover-%s.png", outdir, variant);
  /* The popover's contents node (background included), without the arrow. */
  save (gtk_widget_get_first_child (cd_outbox_button_get_part (CD_OUTBOX_BUTTON (button), "popover")),
        path);
  {
    g_autofree char *name = g_strdup_printf ("resolve:%" G_GINT64_FORMAT, cd_outbox_entry_get_seq (entry));

    click (cd_outbox_button_get_part (CD_OUTBOX_BUTTON (button), name));
  }
  dialog = GTK_WIDGET (cd_outbox_button_get_dialog (CD_OUTBOX_BUTTON (button)));
  gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (width, 560), 440);
  spin (500);
  g_free (path);
  path = g_strdup_printf ("%s/outbox-conflict-%s.png", outdir, variant);
  save (dialog, path);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  cd_demo_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  const char *outdir = argc > 1 ? argv[1] : ".";

  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();
  shoot (outdir, "light", 900, FALSE);
  shoot (outdir, "dark", 900, TRUE);
  shoot (outdir, "narrow", 360, FALSE);
  return 0;
}
