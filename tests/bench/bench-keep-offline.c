/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-bench"

/*
 * "Keep offline" benchmark: keeps the 20,000-session demo contact (508)
 * offline and prints one table: wall time from cd_repository_keep_offline()
 * to the job's "finished", requests and response body bytes the server
 * counted, the cache file's size on disk (file + -wal, after the repository
 * closed it, which checkpoints), and the sessions stored.
 *
 *   bench-keep-offline [--data-dir DIR] [--server URL]
 *
 * Without --server the demo backend runs in-process (temporary database) and
 * the request figures come from its counters; with --server they are "n/a".
 * --data-dir keeps the cache there (e.g. for a later start with the server
 * stopped); otherwise a temporary directory is used and removed.
 */

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>

#include "cd-demo-server.h"
#include "cd-repository.h"
#include "cd-repository-offline.h"
#include "cd-repository-private.h"

#define CONTACT CD_DEMO_CONTACT_MANY_SESSIONS
#define DEADLINE_S 1800
#include "../cd-test-util.h"

static char *opt_data_dir;
static char *opt_server;

static const GOptionEntry entries[] = {
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_data_dir, "Keep the cache in DIR", "DIR" },
  { "server", 0, 0, G_OPTION_ARG_STRING, &opt_server, "Use the backend at URL", "URL" },
  { NULL },
};

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static gint64
count_sessions (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM session_details WHERE contact_id = 508", -1,
                          &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static CdDemoServer *
start_demo (const char *tmp_dir)
{
  g_autofree char *db = g_build_filename (tmp_dir, "demo.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDemoServer) server = cd_demo_server_new (db, &error);

  if (server == NULL || !cd_demo_server_start (server, 0, &error))
    g_error ("The demo backend did not start: %s", error->message);
  return g_steal_pointer (&server);
}

/* Runs the download; returns the wall time in seconds, or -1 after an error. */
static double
keep_contact (CdRepository *repo)
{
  gint64 id = CONTACT;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(CdOfflineJob) job = g_object_ref (cd_repository_keep_offline (repo, &id, 1));
  const GError *error;

  WAIT_UNTIL (cd_offline_job_get_finished (job));
  error = cd_offline_job_get_error (job);
  if (error != NULL)
    {
      g_printerr ("bench-keep-offline: the download failed: %s\n", error->message);
      return -1;
    }
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
print_table (double        seconds,
             CdDemoServer *server,
             const char   *cache_path)
{
  g_autofree char *wal = g_strconcat (cache_path, "-wal", NULL);
  gint64 bytes = file_size (cache_path) + file_size (wal);
  gint64 sessions = count_sessions (cache_path);

  printf ("%-22s | %s\n", "figure", "value");
  printf ("%-22s | %d\n", "contact", CONTACT);
  printf ("%-22s | %.2f s\n", "wall time", seconds);
  if (server != NULL)
    {
      printf ("%-22s | %u\n", "requests", cd_demo_server_get_request_count (server));
      printf ("%-22s | %" G_GUINT64_FORMAT "\n", "response body bytes",
              cd_demo_server_get_body_bytes (server));
    }
  else
    {
      printf ("%-22s | n/a\n", "requests");
      printf ("%-22s | n/a\n", "response body bytes");
    }
  printf ("%-22s | %" G_GINT64_FORMAT " (%.1f MiB)\n", "cache on disk", bytes,
          bytes / (1024.0 * 1024.0));
  printf ("%-22s | %" G_GINT64_FORMAT "\n", "sessions stored", sessions);
  if (seconds > 0 && sessions > 0)
    printf ("%-22s | %.0f /s\n", "sessions per second", sessions / seconds);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *cache_path = NULL;
  g_autoptr(CdDemoServer) server = NULL;
  CdRepository *repo;
  double seconds;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-keep-offline: %s\n", error->message);
      return 2;
    }
  tmp_dir = g_dir_make_tmp ("cd-bench-offline-XXXXXX", &error);
  g_assert_no_error (error);
  if (opt_server == NULL)
    server = start_demo (tmp_dir);
  repo = cd_repository_new (opt_server ? opt_server : cd_demo_server_get_base_url (server),
                            NULL, NULL, opt_data_dir ? opt_data_dir : tmp_dir);
  cache_path = g_strdup (cd_repository_get_cache_path (repo));
  if (server != NULL)
    cd_demo_server_reset_counters (server);
  seconds = keep_contact (repo);
  /* Closing the last connection checkpoints the WAL into the file. */
  g_object_unref (repo);
  print_table (seconds, server, cache_path);
  if (server != NULL)
    cd_demo_server_stop (server);
  /* The demo database, and the cache unless --data-dir put it elsewhere. */
  remove_tree (tmp_dir);
  return seconds < 0 ? 1 : 0;
}
