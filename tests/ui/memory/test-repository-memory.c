/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

/* The memory card's repository operations against the real demo backend. */

#include <glib/gstdio.h>

#include "cd-demo-server.h"
#include "cd-error.h"
#include "cd-repository-memory.h"
#include "../../cd-test-util.h"

#define DEADLINE_S 20

typedef struct
{
  char         *tmp_dir;
  CdDemoServer *server;
  CdRepository *repository;
  GAsyncResult *result;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *cache_dir = NULL;

  fixture->tmp_dir = g_dir_make_tmp ("cd-test-memrepo-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->tmp_dir, "demo.sqlite", NULL);
  fixture->server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);
  cache_dir = g_build_filename (fixture->tmp_dir, "cache", NULL);
  g_mkdir_with_parents (cache_dir, 0700);
  fixture->repository = cd_repository_new (cd_demo_server_get_base_url (fixture->server),
                                           NULL, NULL, cache_dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->result);
  g_clear_object (&fixture->repository);
  cd_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  remove_tree (fixture->tmp_dir);
  g_clear_pointer (&fixture->tmp_dir, g_free);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *fixture)
{
  WAIT_UNTIL (fixture->result != NULL);
  return fixture->result;
}

static void
clear_result (Fixture *fixture)
{
  g_clear_object (&fixture->result);
}

static CdMemory *
load (Fixture  *fixture,
      gint64    contact_id,
      char    **etag)
{
  g_autoptr(GError) error = NULL;
  CdMemory *memory;

  cd_repository_load_memory_async (fixture->repository, contact_id, NULL, result_cb, fixture);
  memory = cd_repository_load_memory_finish (fixture->repository, wait_result (fixture), etag,
                                             &error);
  g_assert_no_error (error);
  g_assert_nonnull (memory);
  clear_result (fixture);
  return memory;
}

static guint
mutations (Fixture    *fixture,
           const char *method,
           const char *path)
{
  return cd_demo_server_get_mutation_count (fixture->server, method, path);
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *etag = NULL;
  g_autofree char *empty_etag = NULL;
  g_autoptr(CdMemory) memory = load (fixture, CD_DEMO_CONTACT_NAMED, &etag);
  g_autoptr(CdMemory) empty = load (fixture, CD_DEMO_CONTACT_EMPTY, &empty_etag);

  g_assert_nonnull (etag);
  g_assert_nonnull (cd_memory_get_summary (memory));
  g_assert_cmpuint (g_list_model_get_n_items (cd_memory_get_facts (memory)), >, 0);
  g_assert_nonnull (cd_memory_get_llm_usage (memory));

  g_assert_null (cd_memory_get_summary (empty));
  g_assert_cmpuint (g_list_model_get_n_items (cd_memory_get_facts (empty)), ==, 0);
  g_assert_null (cd_memory_get_llm_usage (empty));
}

static void
test_summary_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *etag = NULL;
  g_autofree char *new_etag = NULL;
  g_autofree char *again_etag = NULL;
  g_autoptr(CdMemory) memory = load (fixture, CD_DEMO_CONTACT_NAMED, &etag);
  g_autoptr(CdMemory) saved = NULL;
  g_autoptr(CdMemory) again = NULL;
  g_autoptr(CdResource) cached = NULL;
  g_autoptr(GError) error = NULL;

  cd_repository_save_memory_summary_async (fixture->repository, CD_DEMO_CONTACT_NAMED,
                                           "Prefers <b>mornings</b> & email", etag, NULL,
                                           result_cb, fixture);
  saved = cd_repository_save_memory_summary_finish (fixture->repository, wait_result (fixture),
                                                    &new_etag, &error);
  g_assert_no_error (error);
  clear_result (fixture);
  g_assert_cmpstr (cd_memory_get_summary (saved), ==, "Prefers <b>mornings</b> & email");
  g_assert_nonnull (new_etag);
  g_assert_cmpstr (new_etag, !=, etag);

  again = load (fixture, CD_DEMO_CONTACT_NAMED, &again_etag);
  g_assert_cmpstr (cd_memory_get_summary (again), ==, "Prefers <b>mornings</b> & email");
  g_assert_cmpstr (again_etag, ==, new_etag);

  /* Written through: the cached copy the card shows first has the new text. */
  cd_demo_server_stop (fixture->server);
  cached = cd_repository_open_memory (fixture->repository, CD_DEMO_CONTACT_NAMED, NULL);
  WAIT_UNTIL (cd_resource_get_state (cached) == CD_RESOURCE_OFFLINE);
  g_assert_cmpstr (cd_memory_get_summary (cd_resource_get_value (cached)), ==,
                   "Prefers <b>mornings</b> & email");
}

static void
test_stale_etag (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *etag = NULL;
  g_autofree char *unused = NULL;
  g_autoptr(CdMemory) memory = load (fixture, CD_DEMO_CONTACT_NAMED, &etag);
  g_autoptr(CdMemory) saved = NULL;
  g_autoptr(CdMemory) conflict = NULL;
  g_autoptr(GError) error = NULL;

  cd_repository_save_memory_summary_async (fixture->repository, CD_DEMO_CONTACT_NAMED, "First",
                                           etag, NULL, result_cb, fixture);
  saved = cd_repository_save_memory_summary_finish (fixture->repository, wait_result (fixture),
                                                    NULL, &error);
  g_assert_no_error (error);
  clear_result (fixture);
  g_assert_cmpuint (mutations (fixture, "PUT", "/contacts/501/memory/summary"), ==, 1);

  /* The same (now stale) ETag again: 412, nothing applied. */
  cd_repository_save_memory_summary_async (fixture->repository, CD_DEMO_CONTACT_NAMED, "Second",
                                           etag, NULL, result_cb, fixture);
  conflict = cd_repository_save_memory_summary_finish (fixture->repository, wait_result (fixture),
                                                       &unused, &error);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_PRECONDITION_FAILED);
  g_assert_null (conflict);
  g_assert_null (unused);
  clear_result (fixture);
  g_assert_cmpuint (mutations (fixture, "PUT", "/contacts/501/memory/summary"), ==, 1);
}

static void
test_open_items (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *titles[] = { "Send quote", "Call back" };
  const char *dues[] = { "2020-01-31", NULL };
  g_autofree char *etag = NULL;
  g_autofree char *etag2 = NULL;
  g_autofree char *body = NULL;
  g_autoptr(CdMemory) memory = load (fixture, CD_DEMO_CONTACT_NAMED, &etag);
  g_autoptr(CdMemory) saved = NULL;
  g_autoptr(CdMemory) cleared = NULL;
  g_autoptr(CdOpenItem) first = NULL;
  g_autoptr(GError) error = NULL;

  cd_repository_save_memory_open_items_async (fixture->repository, CD_DEMO_CONTACT_NAMED, 2,
                                              titles, dues, etag, NULL, result_cb, fixture);
  saved = cd_repository_save_memory_open_items_finish (fixture->repository, wait_result (fixture),
                                                       &etag2, &error);
  g_assert_no_error (error);
  clear_result (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (cd_memory_get_open_items (saved)), ==, 2);
  first = g_list_model_get_item (cd_memory_get_open_items (saved), 0);
  g_assert_cmpstr (cd_open_item_get_title (first), ==, "Send quote");
  g_assert_nonnull (cd_open_item_get_due_date (first));

  /* Removing every item sends an empty list. */
  cd_repository_save_memory_open_items_async (fixture->repository, CD_DEMO_CONTACT_NAMED, 0,
                                              NULL, NULL, etag2, NULL, result_cb, fixture);
  cleared = cd_repository_save_memory_open_items_finish (fixture->repository,
                                                         wait_result (fixture), NULL, &error);
  g_assert_no_error (error);
  clear_result (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (cd_memory_get_open_items (cleared)), ==, 0);
  body = cd_demo_server_dup_last_body (fixture->server, "/contacts/501/memory/open_items");
  g_assert_nonnull (strstr (body, "\"items\":[]"));
}

static CdMemoryFact *
find_fact (CdMemory   *memory,
           const char *key)
{
  GListModel *facts = cd_memory_get_facts (memory);

  for (guint i = 0; i < g_list_model_get_n_items (facts); i++)
    {
      g_autoptr(CdMemoryFact) fact = g_list_model_get_item (facts, i);

      if (g_strcmp0 (cd_memory_fact_get_key (fact), key) == 0)
        return fact;
    }
  return NULL;
}

static void
test_fact_edit_reset (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *etag = NULL;
  g_autofree char *etag2 = NULL;
  g_autoptr(CdMemory) memory = load (fixture, CD_DEMO_CONTACT_NAMED, &etag);
  g_autoptr(CdMemory) saved = NULL;
  g_autoptr(CdMemory) reset = NULL;
  g_autoptr(CdMemoryFact) first = g_list_model_get_item (cd_memory_get_facts (memory), 0);
  g_autofree char *key = g_strdup (cd_memory_fact_get_key (first));
  g_autoptr(GError) error = NULL;
  CdMemoryFact *fact;

  g_assert_false (cd_memory_fact_is_user_set (first));
  cd_repository_save_memory_fact_async (fixture->repository, CD_DEMO_CONTACT_NAMED, key, NULL,
                                        "Changed by a person", etag, NULL, result_cb, fixture);
  saved = cd_repository_save_memory_fact_finish (fixture->repository, wait_result (fixture),
                                                 &etag2, &error);
  g_assert_no_error (error);
  clear_result (fixture);
  fact = find_fact (saved, key);
  g_assert_nonnull (fact);
  g_assert_true (cd_memory_fact_is_user_set (fact));
  g_assert_cmpstr (cd_memory_fact_get_value (fact), ==, "Changed by a person");

  cd_repository_reset_memory_fact_async (fixture->repository, CD_DEMO_CONTACT_NAMED, key, NULL,
                                         result_cb, fixture);
  reset = cd_repository_reset_memory_fact_finish (fixture->repository, wait_result (fixture),
                                                  NULL, &error);
  g_assert_no_error (error);
  clear_result (fixture);
  fact = find_fact (reset, key);
  g_assert_false (cd_memory_fact_is_user_set (fact));
  g_assert_cmpstr (cd_memory_fact_get_value (fact), ==, cd_memory_fact_get_value (first));
}

static void
test_rebuild (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gboolean ok;
  CdRebuildStatus status = CD_REBUILD_STATUS_QUEUED;

  cd_repository_rebuild_memory_async (fixture->repository, CD_DEMO_CONTACT_NAMED, NULL,
                                      result_cb, fixture);
  ok = cd_repository_rebuild_memory_finish (fixture->repository, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  clear_result (fixture);
  body = cd_demo_server_dup_last_body (fixture->server, "/contacts/501/memory/rebuild");
  g_assert_nonnull (strstr (body, "\"max_calls\":3"));

  while (status == CD_REBUILD_STATUS_QUEUED || status == CD_REBUILD_STATUS_RUNNING)
    {
      g_autoptr(CdMemory) memory = load (fixture, CD_DEMO_CONTACT_NAMED, NULL);

      status = cd_memory_get_rebuild_status (memory);
    }
  g_assert_cmpint (status, ==, CD_REBUILD_STATUS_IDLE);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/repository-memory/load", test_load);
  ADD ("/repository-memory/summary-round-trip", test_summary_round_trip);
  ADD ("/repository-memory/stale-etag", test_stale_etag);
  ADD ("/repository-memory/open-items", test_open_items);
  ADD ("/repository-memory/fact-edit-reset", test_fact_edit_reset);
  ADD ("/repository-memory/rebuild", test_rebuild);
  return g_test_run ();
}
