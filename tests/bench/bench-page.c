/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-bench"

/*
 * The real app (CdApplication, its window, finder and contact page) against an
 * in-process demo backend, driven from inside:
 *
 *   bench-page switch    opens 501 and 508 once (caching both), then switches
 *                        between them SWITCHES times; each switch is timed from
 *                        cd_window_open_contact() to the first frame painted with
 *                        the new contact's header, tiles and first call-log page
 *                        (its rows shown, READY or EMPTY, even while the card
 *                        revalidates a cached copy; between switches the app
 *                        settles until the server confirmed everything).
 *                        Prints the median, min and max.
 *   bench-page transfer  requests, 304 answers and response body bytes the server
 *                        counted to open 501 and 508 with an empty cache (cold), then
 *                        to open them again (revalidate), each once the app is quiet.
 */

#include "bench-common.h"
#include "cd-application.h"
#include "cd-call-logs-card.h"
#include "cd-contact-page.h"
#include "cd-demo-server.h"
#include "../cd-test-util.h"

#define SWITCHES     20
#define QUIET_MS     500
#define SETTLE_MAX_S 30

typedef struct
{
  CdDemoServer  *server;
  CdApplication *app;
  CdWindow      *window;
  gint64         contact_id;   /* the contact being waited for */
  const char    *mode;
  int            status;
} Bench;

static CdContactPage *
bench_page (Bench *bench)
{
  return CD_CONTACT_PAGE (cd_window_get_page (bench->window));
}

static CdCallLogsCard *
bench_card (Bench *bench)
{
  GtkBox *slot = cd_contact_page_get_call_logs_slot (bench_page (bench));
  GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (slot));

  return CD_IS_CALL_LOGS_CARD (card) ? CD_CALL_LOGS_CARD (card) : NULL;
}

/* The same condition as the app's --exit-after-paint: the first call-log page's
 * rows are shown (cached rows being revalidated count). */
static gboolean
contact_shown (gpointer data)
{
  Bench *bench = data;
  CdContactPage *page = bench_page (bench);
  CdResource *resource = cd_contact_page_get_resource (page);
  GtkWidget *tiles = cd_contact_page_get_part (page, "tiles_stack");
  CdCallLogsCard *card = bench_card (bench);
  CdCallLogsState state;

  if (cd_contact_page_get_contact_id (page) != bench->contact_id || resource == NULL ||
      cd_resource_get_value (resource) == NULL || card == NULL ||
      cd_call_logs_card_get_contact_id (card) != bench->contact_id)
    return FALSE;
  state = cd_call_logs_card_get_state (card);
  return (state == CD_CALL_LOGS_STATE_READY || state == CD_CALL_LOGS_STATE_EMPTY) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (tiles)), "ready") == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (card));
}

/* Shown (unless @any), confirmed by the server, and no request for QUIET_MS. */
static void
wait_quiet (Bench    *bench,
            gboolean  any)
{
  gint64 deadline = g_get_monotonic_time () + SETTLE_MAX_S * G_USEC_PER_SEC;
  guint count = cd_demo_server_get_request_count (bench->server);
  gint64 quiet_since = g_get_monotonic_time ();

  while (g_get_monotonic_time () < deadline)
    {
      CdResource *resource = cd_contact_page_get_resource (bench_page (bench));
      guint now_count = cd_demo_server_get_request_count (bench->server);

      if (now_count != count)
        {
          count = now_count;
          quiet_since = g_get_monotonic_time ();
        }
      /* Settled: the card's revalidation too, not only its rows shown. */
      if ((any || (contact_shown (bench) && cd_resource_get_state (resource) == CD_RESOURCE_FRESH &&
                   !cd_call_logs_card_get_loading (bench_card (bench)))) &&
          g_get_monotonic_time () - quiet_since > QUIET_MS * 1000)
        return;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  fprintf (stderr, "bench: contact %" G_GINT64_FORMAT " did not settle in %d s\n",
           bench->contact_id, SETTLE_MAX_S);
  bench->status = 1;
}

static void
wait_settled (Bench *bench)
{
  wait_quiet (bench, FALSE);
}

static double
open_contact (Bench  *bench,
              gint64  contact_id)
{
  gint64 start = g_get_monotonic_time ();

  bench->contact_id = contact_id;
  cd_window_open_contact (bench->window, contact_id);
  return (bench_wait_painted (GTK_WIDGET (bench->window), contact_shown, NULL, bench) - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (double *values,
           guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
run_switch (Bench *bench)
{
  double ms[SWITCHES];
  double to_named[SWITCHES / 2];
  double to_many[SWITCHES / 2];
  g_autofree char *extra = NULL;

  /* Both contacts and their first call-log pages are cached once. */
  open_contact (bench, CD_DEMO_CONTACT_NAMED);
  wait_settled (bench);
  open_contact (bench, CD_DEMO_CONTACT_MANY_SESSIONS);
  wait_settled (bench);

  for (guint i = 0; i < SWITCHES; i++)
    {
      ms[i] = open_contact (bench, i % 2 == 0 ? CD_DEMO_CONTACT_NAMED : CD_DEMO_CONTACT_MANY_SESSIONS);
      if (i % 2 == 0)
        to_named[i / 2] = ms[i];
      else
        to_many[i / 2] = ms[i];
      /* Let the revalidation finish so that switches do not overlap. */
      wait_settled (bench);
    }
  extra = g_strdup_printf ("switches=%d to_501_ms=%.1f to_508_ms=%.1f",
                           SWITCHES, median_of (to_named, SWITCHES / 2), median_of (to_many, SWITCHES / 2));
  bench_print ("switch", median_of (ms, SWITCHES), bench_peak_rss_kib (), 0, extra);
}

/* The demo backend's debug line per request ("GET contacts/:id -> 304"), collected
 * from its thread: which requests an open makes, not only how many. */
static GMutex   requests_lock;
static GString *requests_seen;

static void
demo_log_cb (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        data)
{
  g_mutex_lock (&requests_lock);
  if (requests_seen != NULL && strstr (message, " -> ") != NULL)
    {
      for (const char *c = message; *c != '\0'; c++)
        g_string_append_c (requests_seen, *c == ' ' ? '_' : *c);
      g_string_append_c (requests_seen, ',');
    }
  g_mutex_unlock (&requests_lock);
}

static void
print_transfer (Bench      *bench,
                const char *figure)
{
  g_mutex_lock (&requests_lock);
  if (requests_seen->len > 0)
    g_string_truncate (requests_seen, requests_seen->len - 1);
  printf ("RESULT figure=%s contact=%" G_GINT64_FORMAT " requests=%u not_modified=%u body_bytes=%" G_GUINT64_FORMAT " seen=%s\n",
          figure, bench->contact_id, cd_demo_server_get_request_count (bench->server),
          cd_demo_server_get_not_modified_count (bench->server),
          cd_demo_server_get_body_bytes (bench->server), requests_seen->str);
  g_string_truncate (requests_seen, 0);
  g_mutex_unlock (&requests_lock);
  fflush (stdout);
}

static void
measure_open (Bench      *bench,
              const char *figure,
              gint64      contact_id)
{
  cd_demo_server_reset_counters (bench->server);
  g_mutex_lock (&requests_lock);
  g_string_truncate (requests_seen, 0);
  g_mutex_unlock (&requests_lock);
  open_contact (bench, contact_id);
  wait_settled (bench);
  print_transfer (bench, figure);
}

static void
run_transfer (Bench *bench)
{
  const gint64 contacts[] = { CD_DEMO_CONTACT_NAMED, CD_DEMO_CONTACT_MANY_SESSIONS };

  requests_seen = g_string_new (NULL);
  g_log_set_handler ("cd-demo", G_LOG_LEVEL_DEBUG, demo_log_cb, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    measure_open (bench, "transfer-cold", contacts[i]);
  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    measure_open (bench, "transfer-revalidate", contacts[i]);
}

static gboolean
drive_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 deadline = g_get_monotonic_time () + SETTLE_MAX_S * G_USEC_PER_SEC;

  bench->window = cd_application_get_main_window (bench->app);
  /* The finder's start list loads first; the figures begin once it is done. */
  while (cd_window_get_repository (bench->window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  bench->contact_id = 0;
  wait_quiet (bench, TRUE);

  if (g_strcmp0 (bench->mode, "transfer") == 0)
    run_transfer (bench);
  else
    run_switch (bench);

  g_application_quit (G_APPLICATION (bench->app));
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CdDemoServer) server = NULL;
  g_autoptr (CdApplication) app = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("cd-bench-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autofree char *data_dir = NULL;
  Bench bench = { 0 };
  const char *app_argv[6];

  bench.mode = argc > 1 ? argv[1] : "switch";
  if (g_strcmp0 (bench.mode, "switch") != 0 && g_strcmp0 (bench.mode, "transfer") != 0)
    {
      fprintf (stderr, "usage: %s [switch|transfer]\n", argv[0]);
      return 64;
    }
  if (tmp == NULL)
    g_error ("temporary directory: %s", error->message);
  db_path = g_build_filename (tmp, "demo.sqlite", NULL);
  data_dir = g_build_filename (tmp, "app", NULL);
  server = cd_demo_server_new (db_path, &error);
  if (server == NULL || !cd_demo_server_start (server, 0, &error))
    g_error ("demo server: %s", error->message);
  bench.server = server;

  /* The demo accepts any key; the variable keeps the keyring out of the figures. */
  g_setenv ("CONTACT_DETAIL_API_KEY", "bench", TRUE);
  app_argv[0] = "contact-detail";
  app_argv[1] = "--server";
  app_argv[2] = cd_demo_server_get_base_url (server);
  app_argv[3] = "--data-dir";
  app_argv[4] = data_dir;
  app_argv[5] = NULL;
  app = cd_application_new ();
  bench.app = app;
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_idle_add (drive_cb, &bench);
  g_application_run (G_APPLICATION (app), 5, (char **) app_argv);

  g_clear_object (&app);
  cd_demo_server_stop (server);
  g_clear_object (&server);
  remove_tree (tmp);
  return bench.status;
}
