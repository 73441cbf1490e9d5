/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-bench"

/*
 * Call-logs benchmark for the 20,000-session demo contact (508), one mode per
 * process so that each peak RSS is its own.  Each figure runs from the call
 * that starts the work (the window is already shown and painted) to the first
 * frame painted after the result is on screen:
 *
 *   bench-call-logs card    the embedded card: first page from the server (empty
 *                           cache), then a search ("voicemail") from the server
 *   bench-call-logs cache   the card's first page from the cache, the server stopped
 *                           (a first load with the server up warmed the cache)
 *   bench-call-logs cache DATA_DIR BASE_URL
 *                           the same from an existing cache (e.g. 508 kept offline)
 *                           of the backend at BASE_URL, which is not running
 *   bench-call-logs scroll  the full Call logs page: first rows, then the list
 *                           scrolled to the end until the last row is loaded and painted
 *
 * The demo backend runs in-process on its own thread with a temporary database;
 * pre_ui_rss_kib is the peak RSS before the toolkit starts (the backend's share).
 */

#include <glib/gstdio.h>

#include "bench-common.h"
#include "cd-call-logs-card.h"
#include "cd-call-logs-page.h"
#include "cd-demo-server.h"
#include "cd-session-list-model.h"
#include "../cd-test-util.h"

#define SEARCH_TEXT "voicemail"

typedef struct
{
  const char     *mode;
  CdDemoServer   *server;       /* NULL with an existing cache */
  const char     *cache_dir;    /* an existing cache, or NULL */
  const char     *cache_url;
  char           *tmp_dir;
  long            pre_ui_rss_kib;
  GtkWidget      *widget;
  GtkAdjustment  *vadjustment;
  int             status;
} Bench;

static gboolean
always (gpointer data)
{
  return TRUE;
}

/* A shown, painted window whose content is a placeholder until the figure starts. */
static GtkWidget *
painted_window_new (GtkApplication *app,
                    GtkWidget     **slot)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *window = bench_window_new (app, box, TRUE);

  gtk_window_present (GTK_WINDOW (window));
  bench_wait_painted (window, always, NULL, NULL);
  *slot = box;
  return window;
}

static CdRepository *
bench_repository_new (Bench      *bench,
                      const char *name)
{
  g_autofree char *dir = g_build_filename (bench->tmp_dir, name, NULL);

  return cd_repository_new (cd_demo_server_get_base_url (bench->server), NULL, NULL, dir);
}

static double
elapsed_ms (gint64 since,
            gint64 until)
{
  return (until - since) / 1000.0;
}

/* Card */

/* The first page is painted once its rows are shown (READY or EMPTY), as for
 * --exit-after-paint: cached rows the card is still revalidating count. */
static gboolean
card_ready (gpointer data)
{
  Bench *bench = data;
  CdCallLogsState state = cd_call_logs_card_get_state (CD_CALL_LOGS_CARD (bench->widget));

  return state == CD_CALL_LOGS_STATE_READY || state == CD_CALL_LOGS_STATE_EMPTY;
}

/* A search replaces rows already shown: it is done when the server answered. */
static gboolean
card_searched (gpointer data)
{
  Bench *bench = data;
  CdCallLogsCard *card = CD_CALL_LOGS_CARD (bench->widget);
  const CdSessionFilter *filter = cd_call_logs_card_get_filter (card);

  return card_ready (bench) && !cd_call_logs_card_get_loading (card) &&
         filter != NULL && g_strcmp0 (filter->search, SEARCH_TEXT) == 0;
}

/* Loads 508 into a new card in @slot and returns the time to its painted first page. */
static double
card_first_page (Bench        *bench,
                 GtkWidget    *window,
                 GtkWidget    *slot,
                 CdRepository *repository)
{
  CdCallLogsCard *card;
  gint64 start;
  gint64 painted;

  bench->widget = cd_call_logs_card_new ();
  card = CD_CALL_LOGS_CARD (bench->widget);
  gtk_box_append (GTK_BOX (slot), bench->widget);
  cd_call_logs_card_set_repository (card, repository);
  start = g_get_monotonic_time ();
  cd_call_logs_card_load (card, CD_DEMO_CONTACT_MANY_SESSIONS);
  painted = bench_wait_painted (window, card_ready, NULL, bench);
  if (cd_call_logs_card_get_state (card) != CD_CALL_LOGS_STATE_READY)
    {
      fprintf (stderr, "bench: the card did not show its first page\n");
      bench->status = 1;
    }
  return elapsed_ms (start, painted);
}

static char *
card_extra (Bench *bench)
{
  CdCallLogsCard *card = CD_CALL_LOGS_CARD (bench->widget);

  return g_strdup_printf ("rows=%u total=%" G_GINT64_FORMAT,
                          g_list_model_get_n_items (cd_call_logs_card_get_model (card)),
                          cd_call_logs_card_get_total (card));
}

static void
run_card (Bench          *bench,
          GtkApplication *app)
{
  g_autoptr (CdRepository) repository = bench_repository_new (bench, "card");
  g_autofree char *extra = NULL;
  g_autofree char *search_extra = NULL;
  GtkWidget *slot;
  GtkWidget *window = painted_window_new (app, &slot);
  GtkEditable *entry;
  double ms;
  gint64 start;
  gint64 painted;

  ms = card_first_page (bench, window, slot, repository);
  extra = card_extra (bench);
  bench_print ("card-first-page-server", ms, bench_peak_rss_kib (), bench->pre_ui_rss_kib, extra);

  /* Search as typed, measured from the entry's search-changed (i.e. after its
   * 300 ms typing delay, which is not part of the figure). */
  entry = cd_call_logs_card_get_search_entry (CD_CALL_LOGS_CARD (bench->widget));
  start = g_get_monotonic_time ();
  gtk_editable_set_text (entry, SEARCH_TEXT);
  g_signal_emit_by_name (entry, "search-changed");
  painted = bench_wait_painted (window, card_searched, NULL, bench);
  search_extra = card_extra (bench);
  bench_print ("card-search-server", elapsed_ms (start, painted), bench_peak_rss_kib (),
               bench->pre_ui_rss_kib, search_extra);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
run_cache (Bench          *bench,
           GtkApplication *app)
{
  g_autoptr (CdRepository) warm = NULL;
  g_autoptr (CdRepository) cold = NULL;
  g_autofree char *extra = NULL;
  GtkWidget *slot;
  GtkWidget *window = painted_window_new (app, &slot);
  double ms;

  if (bench->cache_dir == NULL)
    {
      /* Warm the cache as an earlier session would have, then lose the server. */
      warm = bench_repository_new (bench, "cache");
      card_first_page (bench, window, slot, warm);
      gtk_box_remove (GTK_BOX (slot), bench->widget);
      g_clear_object (&warm);
      cd_demo_server_stop (bench->server);
    }

  /* A new repository reads the cache file from disk, as a new session does. */
  if (bench->cache_dir != NULL)
    cold = cd_repository_new (bench->cache_url, NULL, NULL, bench->cache_dir);
  else
    cold = bench_repository_new (bench, "cache");
  ms = card_first_page (bench, window, slot, cold);
  extra = card_extra (bench);
  bench_print (bench->cache_dir != NULL ? "card-first-page-kept" : "card-first-page-cache", ms, bench_peak_rss_kib (), bench->pre_ui_rss_kib, extra);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Full page */

static CdSessionListModel *
page_model (Bench *bench)
{
  return cd_call_logs_page_get_model (CD_CALL_LOGS_PAGE (bench->widget));
}

static gboolean
page_first_rows (gpointer data)
{
  Bench *bench = data;
  CdSessionListModel *model = page_model (bench);

  return cd_session_list_model_get_total (model) > 0 && cd_session_list_model_is_loaded (model, 0);
}

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
at_end (GtkAdjustment *adj)
{
  return gtk_adjustment_get_value (adj) >=
         gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) - 0.5;
}

/* What a user dragging the scrollbar to the bottom does, repeated as the list's
 * height estimate changes. */
static gboolean
scroll_step (gpointer data)
{
  Bench *bench = data;
  GtkAdjustment *adj = bench->vadjustment;

  if (!at_end (adj))
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  return TRUE;
}

static gboolean
page_last_row (gpointer data)
{
  Bench *bench = data;
  CdSessionListModel *model = page_model (bench);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  return n > 0 && cd_session_list_model_is_loaded (model, n - 1) && at_end (bench->vadjustment);
}

static void
run_scroll (Bench          *bench,
            GtkApplication *app)
{
  g_autoptr (CdRepository) repository = bench_repository_new (bench, "scroll");
  g_autofree char *extra = NULL;
  GtkWidget *slot;
  GtkWidget *window = painted_window_new (app, &slot);
  gint64 start;
  gint64 first_painted;
  gint64 last_painted;

  start = g_get_monotonic_time ();
  bench->widget = cd_call_logs_page_new (repository, CD_DEMO_CONTACT_MANY_SESSIONS, "Bench");
  gtk_widget_set_vexpand (bench->widget, TRUE);
  gtk_box_append (GTK_BOX (slot), bench->widget);
  first_painted = bench_wait_painted (window, page_first_rows, NULL, bench);
  bench_print ("page-first-rows-server", elapsed_ms (start, first_painted), bench_peak_rss_kib (),
               bench->pre_ui_rss_kib, NULL);

  bench->vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (find_column_view (bench->widget)));
  last_painted = bench_wait_painted (window, page_last_row, scroll_step, bench);
  extra = g_strdup_printf ("rows=%u loaded_at_end=%u",
                           g_list_model_get_n_items (G_LIST_MODEL (page_model (bench))),
                           cd_session_list_model_get_loaded_count (page_model (bench)));
  bench_print ("page-scroll-to-end", elapsed_ms (first_painted, last_painted), bench_peak_rss_kib (),
               bench->pre_ui_rss_kib, extra);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
activate_cb (GtkApplication *app,
             Bench          *bench)
{
  if (g_strcmp0 (bench->mode, "scroll") == 0)
    run_scroll (bench, app);
  else if (g_strcmp0 (bench->mode, "cache") == 0)
    run_cache (bench, app);
  else
    run_card (bench, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CdDemoServer) server = NULL;
  g_autoptr (AdwApplication) app = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("cd-bench-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  Bench bench = { 0 };

  bench.mode = argc > 1 ? argv[1] : "card";
  if (g_strcmp0 (bench.mode, "card") != 0 && g_strcmp0 (bench.mode, "cache") != 0 &&
      g_strcmp0 (bench.mode, "scroll") != 0)
    {
      fprintf (stderr, "usage: %s [card|cache|scroll]\n", argv[0]);
      return 64;
    }
  if (tmp == NULL)
    g_error ("temporary directory: %s", error->message);
  if (g_strcmp0 (bench.mode, "cache") == 0 && argc > 3)
    {
      bench.cache_dir = argv[2];
      bench.cache_url = argv[3];
    }
  else
    {
      db_path = g_build_filename (tmp, "demo.sqlite", NULL);
      server = cd_demo_server_new (db_path, &error);
      if (server == NULL || !cd_demo_server_start (server, 0, &error))
        g_error ("demo server: %s", error->message);
      bench.server = server;
    }
  bench.tmp_dir = tmp;
  bench.pre_ui_rss_kib = bench_peak_rss_kib ();

  app = adw_application_new ("org.example.ContactDetail.BenchCallLogs", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), &bench);
  g_application_run (G_APPLICATION (app), 0, NULL);

  g_clear_object (&app);
  if (server != NULL)
    cd_demo_server_stop (server);
  g_clear_object (&server);
  remove_tree (tmp);
  return bench.status;
}
