/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-bench"

/*
 * Baseline: a minimal AdwApplicationWindow (header bar and a label).  Prints the
 * time from process start (bench_process_start_us, just before main()) to its
 * first painted frame and the peak RSS.
 */

#include "bench-common.h"

static gboolean
always (gpointer data)
{
  return TRUE;
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = bench_window_new (app, gtk_label_new ("Hello"), TRUE);
  gint64 painted;

  gtk_window_present (GTK_WINDOW (window));
  painted = bench_wait_painted (window, always, NULL, NULL);
  bench_print ("baseline", (painted - bench_process_start_us) / 1000.0, bench_peak_rss_kib (), 0, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) app = NULL;

  app = adw_application_new ("org.example.ContactDetail.BenchBaseline", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}
