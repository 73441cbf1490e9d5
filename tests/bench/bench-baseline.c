/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-bench"

/*
 * Baseline: a minimal AdwApplicationWindow (header bar and a label).  Prints the
 * time from main() to its first painted frame and the peak RSS.
 */

#include "bench-common.h"

static gint64 start_us;

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
  bench_print ("baseline", (painted - start_us) / 1000.0, bench_peak_rss_kib (), 0, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) app = NULL;

  start_us = g_get_monotonic_time ();
  app = adw_application_new ("org.example.ContactDetail.BenchBaseline", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}
