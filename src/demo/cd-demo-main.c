/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-demo"

#include <glib-unix.h>
#include <stdio.h>

#include "cd-demo-server.h"

/* contact-detail-server: the demo backend as a standalone process. */

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* SIGUSR1: prints the traffic counters since the last SIGUSR1 (or start) and
 * resets them; tests/bench/run-bench.sh reads them. */
static gboolean
print_counters_cb (gpointer data)
{
  CdDemoServer *server = data;

  printf ("COUNTERS requests=%u not_modified=%u body_bytes=%" G_GUINT64_FORMAT "\n",
          cd_demo_server_get_request_count (server), cd_demo_server_get_not_modified_count (server),
          cd_demo_server_get_body_bytes (server));
  fflush (stdout);
  cd_demo_server_reset_counters (server);
  return G_SOURCE_CONTINUE;
}

static const char *valid_roles[] = {
  "tenant_admin", "tenant_operator", "tenant_viewer",
  "superadmin",   "platform_admin",  "platform_support",
  NULL,
};

int
main (int argc, char *argv[])
{
  int              port = 8080, latency = 0;
  double           fail_rate = 0;
  g_autofree char *db_path = NULL;
  g_autofree char *api_key = NULL;
  g_autofree char *role = NULL;
  g_auto (GStrv) faults = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new ("- Contact Detail demo backend");
  g_autoptr (CdDemoServer) server = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0 = any free port)", "N" },
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db_path, "SQLite database file (created when missing)",
      "PATH" },
    { "api-key", 0, 0, G_OPTION_ARG_STRING, &api_key, "Require this X-Api-Key", "KEY" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, "Role reported by /me (tenant_admin, …)", "ROLE" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency, "Delay every response", "N" },
    { "fail-rate", 0, 0, G_OPTION_ARG_DOUBLE, &fail_rate, "Share of requests answered 503 (0–1)",
      "F" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults,
      "Arm a fault: KIND[,status=N][,path=/prefix][,count=N] (repeatable; also CD_DEMO_FAULTS)",
      "SPEC" },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || latency < 0 || fail_rate < 0 || fail_rate > 1 ||
      (role != NULL && !g_strv_contains (valid_roles, role)))
    {
      g_printerr ("Invalid option value; see --help\n");
      return 2;
    }
  if (db_path == NULL)
    db_path = g_build_filename (g_get_user_data_dir (), "contact-detail-demo.sqlite", NULL);
  server = cd_demo_server_new (db_path, &error);
  if (server == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  cd_demo_server_set_api_key (server, api_key);
  cd_demo_server_set_role (server, role);
  cd_demo_server_set_latency_ms (server, latency);
  cd_demo_server_set_fail_rate (server, fail_rate);
  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    if (!cd_demo_server_arm_faults (server, faults[i], &error))
      break;
  if (error == NULL)
    cd_demo_server_arm_faults (server, g_getenv ("CD_DEMO_FAULTS"), &error);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!cd_demo_server_start (server, port, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("%s\n", cd_demo_server_get_base_url (server));
  fflush (stdout);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGUSR1, print_counters_cb, server);
  g_main_loop_run (loop);
  cd_demo_server_stop (server);
  return 0;
}
