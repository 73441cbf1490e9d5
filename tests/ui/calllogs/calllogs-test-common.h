/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared fixture of the call-logs tests: a demo backend on loopback, a repository
 * with its cache in a temporary directory, and (for widget tests) a window. */

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "cd-api-client.h"
#include "cd-demo-server.h"
#include "cd-repository-sessions.h"
#include "cd-repository-private.h"
#include "../../cd-test-util.h"

#define DEADLINE_S 60

typedef struct
{
  char         *tmp_dir;
  CdDemoServer *server;
  CdRepository *repository;
  CdApiClient  *client;
  gpointer      window;   /* GtkWindow in widget tests */
} Fixture;

G_GNUC_UNUSED static void
fixture_start (Fixture    *fixture,
               const char *role)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *cache_dir = NULL;

  /* Isolated XDG dirs hide the MIME database, which GTK needs for symbolic SVG icons. */
  g_content_type_set_mime_dirs ((const char * const[]) { "/usr/share/mime", NULL });
  fixture->tmp_dir = g_dir_make_tmp ("cd-test-calllogs-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->tmp_dir, "demo.sqlite", NULL);
  fixture->server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);
  if (role != NULL)
    cd_demo_server_set_role (fixture->server, role);
  cache_dir = g_build_filename (fixture->tmp_dir, "cache", NULL);
  g_mkdir_with_parents (cache_dir, 0700);
  fixture->repository = cd_repository_new (cd_demo_server_get_base_url (fixture->server),
                                           NULL, NULL, cache_dir);
  fixture->client = cd_api_client_new (cd_demo_server_get_base_url (fixture->server));
}

G_GNUC_UNUSED static void
fixture_stop (Fixture *fixture)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->repository);
  cd_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  remove_tree (fixture->tmp_dir);
  g_clear_pointer (&fixture->tmp_dir, g_free);
}

G_GNUC_UNUSED static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Ids of one page straight from the backend (the reference the UI must match). */
G_GNUC_UNUSED static GArray *
direct_page_ids (Fixture              *fixture,
                 const CdSessionQuery *query,
                 char                **next_cursor,
                 gint64               *total)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CdApiResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonObject *data;
  JsonArray *items;

  cd_api_client_list_voice_sessions_async (fixture->client, query, NULL, store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  response = cd_api_client_request_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  data = json_node_get_object (cd_api_response_get_data (response));
  items = json_object_get_array_member (data, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), "id");

      g_array_append_val (ids, id);
    }
  if (next_cursor != NULL)
    *next_cursor = json_object_has_member (data, "next_cursor") &&
                   !json_object_get_null_member (data, "next_cursor") ?
                   g_strdup (json_object_get_string_member (data, "next_cursor")) : NULL;
  if (total != NULL)
    *total = json_object_has_member (data, "total") ? json_object_get_int_member (data, "total") : -1;
  return ids;
}

G_GNUC_UNUSED static GArray *
model_ids (GListModel *model)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (CdVoiceSession) s = g_list_model_get_item (model, i);
      gint64 id = cd_voice_session_get_id (s);

      g_array_append_val (ids, id);
    }
  return ids;
}

G_GNUC_UNUSED static void
assert_same_ids (GArray *a,
                 GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (g_array_index (a, gint64, i), ==, g_array_index (b, gint64, i));
}
