/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-bench"

/*
 * Call-logs benchmark for the 20,000-session demo contact (508), one figure per
 * process so that each peak RSS is its own:
 *
 *   bench-call-logs card    the embedded card in a window: main() → first page painted
 *   bench-call-logs scroll  the full Call logs page: main() → first rows painted, then
 *                           the list is scrolled to the end until the last row is
 *                           loaded and painted
 *
 * The demo backend runs in-process on its own thread with a temporary database;
 * seeding it happens before the clock starts (the printed pre_ui_rss_kib is the
 * peak RSS at that point, i.e. the backend's share).
 */

#include <glib/gstdio.h>

#include "bench-common.h"
#include "cd-call-logs-card.h"
#include "cd-call-logs-page.h"
#include "cd-demo-server.h"
#include "cd-session-list-model.h"
#include "../cd-test-util.h"

typedef struct
{
  const char     *mode;
  CdRepository   *repository;
  long            pre_ui_rss_kib;
  gint64          start_us;
  GtkWidget      *widget;
  GtkAdjustment  *vadjustment;
  int             status;
} Bench;

/* Card */

static gboolean
card_ready (gpointer data)
{
  Bench *bench = data;
  CdCallLogsCard *card = CD_CALL_LOGS_CARD (bench->widget);

  return cd_call_logs_card_get_state (card) != CD_CALL_LOGS_STATE_LOADING &&
         !cd_call_logs_card_get_loading (card);
}

static void
run_card (Bench          *bench,
          GtkApplication *app)
{
  GtkWidget *window;
  g_autofree char *extra = NULL;
  gint64 painted;

  bench->widget = cd_call_logs_card_new ();
  window = bench_window_new (app, bench->widget, TRUE);
  cd_call_logs_card_set_repository (CD_CALL_LOGS_CARD (bench->widget), bench->repository);
  cd_call_logs_card_load (CD_CALL_LOGS_CARD (bench->widget), CD_DEMO_CONTACT_MANY_SESSIONS);
  gtk_window_present (GTK_WINDOW (window));
  painted = bench_wait_painted (window, card_ready, NULL, bench);
  if (cd_call_logs_card_get_state (CD_CALL_LOGS_CARD (bench->widget)) != CD_CALL_LOGS_STATE_READY)
    {
      fprintf (stderr, "bench: the card did not show its first page\n");
      bench->status = 1;
    }
  extra = g_strdup_printf ("rows=%u total=%" G_GINT64_FORMAT,
                           g_list_model_get_n_items (cd_call_logs_card_get_model (CD_CALL_LOGS_CARD (bench->widget))),
                           cd_call_logs_card_get_total (CD_CALL_LOGS_CARD (bench->widget)));
  bench_print ("card-first-page", (painted - bench->start_us) / 1000.0, bench_peak_rss_kib (),
               bench->pre_ui_rss_kib, extra);
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
  GtkWidget *window;
  g_autofree char *extra = NULL;
  gint64 first_painted;
  gint64 last_painted;
  long first_rss;

  bench->widget = cd_call_logs_page_new (bench->repository, CD_DEMO_CONTACT_MANY_SESSIONS, "Bench");
  window = bench_window_new (app, bench->widget, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  first_painted = bench_wait_painted (window, page_first_rows, NULL, bench);
  first_rss = bench_peak_rss_kib ();
  bench_print ("page-first-rows", (first_painted - bench->start_us) / 1000.0, first_rss,
               bench->pre_ui_rss_kib, NULL);

  bench->vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (find_column_view (bench->widget)));
  last_painted = bench_wait_painted (window, page_last_row, scroll_step, bench);
  extra = g_strdup_printf ("rows=%u loaded_at_end=%u scroll_only_ms=%.1f",
                           g_list_model_get_n_items (G_LIST_MODEL (page_model (bench))),
                           cd_session_list_model_get_loaded_count (page_model (bench)),
                           (last_painted - first_painted) / 1000.0);
  bench_print ("page-scroll-to-end", (last_painted - bench->start_us) / 1000.0, bench_peak_rss_kib (),
               bench->pre_ui_rss_kib, extra);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
activate_cb (GtkApplication *app,
             Bench          *bench)
{
  if (g_strcmp0 (bench->mode, "scroll") == 0)
    run_scroll (bench, app);
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
  g_autofree char *data_dir = NULL;
  Bench bench = { 0 };

  bench.mode = argc > 1 ? argv[1] : "card";
  if (g_strcmp0 (bench.mode, "card") != 0 && g_strcmp0 (bench.mode, "scroll") != 0)
    {
      fprintf (stderr, "usage: %s [card|scroll]\n", argv[0]);
      return 64;
    }
  if (tmp == NULL)
    g_error ("temporary directory: %s", error->message);
  db_path = g_build_filename (tmp, "demo.sqlite", NULL);
  data_dir = g_build_filename (tmp, "data", NULL);
  server = cd_demo_server_new (db_path, &error);
  if (server == NULL || !cd_demo_server_start (server, 0, &error))
    g_error ("demo server: %s", error->message);
  bench.repository = cd_repository_new (cd_demo_server_get_base_url (server), NULL, NULL, data_dir);
  bench.pre_ui_rss_kib = bench_peak_rss_kib ();

  /* The clock starts where the baseline's does: before the toolkit is initialised. */
  bench.start_us = g_get_monotonic_time ();
  app = adw_application_new ("org.example.ContactDetail.BenchCallLogs", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), &bench);
  g_application_run (G_APPLICATION (app), 0, NULL);

  g_clear_object (&app);
  g_clear_object (&bench.repository);
  cd_demo_server_stop (server);
  g_clear_object (&server);
  remove_tree (tmp);
  return bench.status;
}
