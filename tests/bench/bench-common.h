/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Shared by the benchmarks (not tests: they print figures and assert nothing
 * about time).  A figure is the time until a condition holds *and* a frame has
 * been painted after it, so what is measured is what the user sees.
 */

#include <adwaita.h>
#include <stdio.h>
#include <sys/resource.h>

#define BENCH_DEADLINE_S 300

typedef gboolean (*BenchCondition) (gpointer data);

/*
 * The clock of the start figures: the monotonic time read by a constructor,
 * i.e. just before main() (after the dynamic loader), as the app's
 * --exit-after-paint does.
 */
static gint64 bench_process_start_us;

__attribute__ ((constructor)) static void
bench_record_process_start (void)
{
  bench_process_start_us = g_get_monotonic_time ();
}

typedef struct
{
  BenchCondition  condition;
  BenchCondition  step;       /* optional: runs at each poll until painted (e.g. scroll) */
  gpointer        data;
  gboolean        armed;      /* the condition held when the current frame started painting */
  gboolean        painted;
  gint64          painted_at; /* monotonic µs */
} BenchWait;

/* Peak resident set size of this process so far, in KiB (Linux ru_maxrss). */
G_GNUC_UNUSED static long
bench_peak_rss_kib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss;
}

/* The condition is checked again right before each paint: nothing else runs
 * between this and the paint, so the frame shows what the condition saw. */
static void
bench_before_paint (GdkFrameClock *clock,
                    BenchWait     *wait)
{
  if (!wait->armed && wait->condition (wait->data))
    wait->armed = TRUE;
}

static void
bench_after_paint (GdkFrameClock *clock,
                   BenchWait     *wait)
{
  if (wait->armed && !wait->painted)
    {
      wait->painted = TRUE;
      wait->painted_at = g_get_monotonic_time ();
    }
}

/* Polls between frames: once the condition holds, the next paint shows it. */
static gboolean
bench_poll (gpointer user_data)
{
  BenchWait *wait = user_data;

  if (wait->step != NULL && !wait->armed)
    wait->step (wait->data);
  if (!wait->armed && wait->condition (wait->data))
    wait->armed = TRUE;
  return G_SOURCE_CONTINUE;
}

/*
 * Iterates the main context until @condition holds and @window has painted a
 * frame after that; returns the monotonic time of that paint (µs), or exits the
 * process after the deadline.
 */
G_GNUC_UNUSED static gint64
bench_wait_painted (GtkWidget      *window,
                    BenchCondition  condition,
                    BenchCondition  step,
                    gpointer        data)
{
  BenchWait wait = { condition, step, data, FALSE, FALSE, 0 };
  gint64 deadline = g_get_monotonic_time () + BENCH_DEADLINE_S * G_USEC_PER_SEC;
  GdkFrameClock *clock;
  gulong handler;
  gulong before_handler;
  guint poll;

  while (!gtk_widget_get_realized (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  before_handler = g_signal_connect (clock, "before-paint", G_CALLBACK (bench_before_paint), &wait);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint), &wait);
  poll = g_timeout_add (1, bench_poll, &wait);
  while (!wait.painted)
    {
      if (g_get_monotonic_time () > deadline)
        {
          fprintf (stderr, "bench: timed out after %d s\n", BENCH_DEADLINE_S);
          exit (2);
        }
      /* Make sure a frame follows once the condition holds. */
      if (wait.armed)
        gtk_widget_queue_draw (window);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (poll);
  g_signal_handler_disconnect (clock, handler);
  g_signal_handler_disconnect (clock, before_handler);
  return wait.painted_at;
}

/* A minimal libadwaita window: header bar and @content (a label for the baseline). */
G_GNUC_UNUSED static GtkWidget *
bench_window_new (GtkApplication *app,
                  GtkWidget      *content,
                  gboolean        with_header)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* The same default size as the app window (its GSettings schema). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 800);
  if (with_header)
    gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  return window;
}

G_GNUC_UNUSED static void
bench_print (const char *figure,
             double      ms,
             long        peak_rss_kib,
             long        pre_ui_rss_kib,
             const char *extra)
{
  printf ("RESULT figure=%s ms=%.1f peak_rss_kib=%ld pre_ui_rss_kib=%ld%s%s\n",
          figure, ms, peak_rss_kib, pre_ui_rss_kib, extra ? " " : "", extra ? extra : "");
  fflush (stdout);
}
