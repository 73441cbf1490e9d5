/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

/* The follow-up repository operations against the real demo backend. */

#include <glib/gstdio.h>

#include "cd-agent.h"
#include "cd-demo-server.h"
#include "cd-error.h"
#include "cd-repository-follow-ups.h"
#include "cd-repository-private.h"
#include "../../cd-test-util.h"

#define DEADLINE_S 20
#define CONTACT CD_DEMO_CONTACT_FOLLOW_UPS

typedef struct
{
  char         *dir;
  CdDemoServer *server;
  CdRepository *repo;
} Fixture;

static void
iterate_until_set (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  while (*slot == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %d s", DEADLINE_S);
      g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
    }
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *cache = NULL;

  f->dir = g_dir_make_tmp ("cd-fu-repo-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "demo.sqlite", NULL);
  cache = g_build_filename (f->dir, "cache", NULL);
  f->server = cd_demo_server_new (db, &error);
  g_assert_no_error (error);
  g_assert_true (cd_demo_server_start (f->server, 0, &error));
  f->repo = cd_repository_new (cd_demo_server_get_base_url (f->server), NULL, NULL, cache);
  cd_api_client_set_retry_base_delay (cd_repository_get_api_client (f->repo), 5);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->repo);
  cd_demo_server_stop (f->server);
  g_clear_object (&f->server);
  remove_tree (f->dir);
  g_free (f->dir);
}

static GDateTime *
in_hours (int hours)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_hours (now, hours);
}

static CdFollowUp *
schedule (Fixture                *f,
          const CdFollowUpParams *params,
          const char             *key,
          GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_repository_schedule_follow_up_async (f->repo, CONTACT, params, key, NULL,
                                          store_result, &result);
  iterate_until_set (&result);
  return cd_repository_schedule_follow_up_finish (f->repo, result, error);
}

/* The list as a fresh open of the repository shows it once settled. */
static GListModel *
open_list (CdRepository    *repo,
           CdResourceState  wanted)
{
  g_autoptr(CdResource) resource = cd_repository_open_follow_ups (repo, CONTACT, NULL);
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  while (cd_resource_get_state (resource) != wanted)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Follow-ups never reached state %d", wanted);
      g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
    }
  return g_object_ref (cd_resource_get_value (resource));
}

static CdFollowUp *
find (GListModel *model,
      gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdFollowUp) item = g_list_model_get_item (model, i);

      if (cd_follow_up_get_id (item) == id)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static void
test_schedule (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) when = in_hours (2);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowUp) created = NULL;
  g_autoptr(CdFollowUp) replayed = NULL;
  g_autofree char *key = g_uuid_string_random ();
  CdFollowUpParams params = {
    .type = CD_FOLLOW_UP_TYPE_SMS, .scheduled_at = when, .priority = CD_FOLLOW_UP_PRIORITY_HIGH,
    .max_attempts = 5, .allow_out_of_window = TRUE, .notes = "Ask about <b>renewal</b>",
  };

  created = schedule (f, &params, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_follow_up_get_status (created), ==, CD_FOLLOW_UP_STATUS_SCHEDULED);
  g_assert_cmpint (cd_follow_up_get_follow_up_type (created), ==, CD_FOLLOW_UP_TYPE_SMS);
  g_assert_cmpint (cd_follow_up_get_priority (created), ==, CD_FOLLOW_UP_PRIORITY_HIGH);
  g_assert_cmpint (cd_follow_up_get_max_attempts (created), ==, 5);
  g_assert_cmpint (cd_follow_up_get_source (created), ==, CD_FOLLOW_UP_SOURCE_MANUAL);
  g_assert_true (cd_follow_up_get_allow_out_of_window (created));
  g_assert_cmpstr (cd_follow_up_get_notes (created), ==, "Ask about <b>renewal</b>");
  g_assert_cmpint (g_date_time_to_unix (cd_follow_up_get_scheduled_at (created)), ==,
                   g_date_time_to_unix (when));

  /* The same key again (a double submit) never creates a second one. */
  replayed = schedule (f, &params, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_follow_up_get_id (replayed), ==, cd_follow_up_get_id (created));
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", "/contacts/512/follow_ups"), ==, 1);
}

static void
test_schedule_rejected (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) past = in_hours (-3);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowUp) created = NULL;
  CdFollowUpParams params = { .scheduled_at = past, .max_attempts = 3 };
  const char * const *messages;

  created = schedule (f, &params, NULL, &error);
  g_assert_null (created);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_VALIDATION);
  messages = cd_api_error_get_field_messages (error, "scheduled_at");
  g_assert_nonnull (messages);
  g_assert_nonnull (messages[0]);
  g_assert_cmpuint (cd_demo_server_get_mutation_count (f->server, "POST", "/contacts/512/follow_ups"), ==, 0);
}

static gint64
first_with_status (Fixture          *f,
                   CdFollowUpStatus  status)
{
  g_autoptr(GListModel) list = open_list (f->repo, CD_RESOURCE_FRESH);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CdFollowUp) item = g_list_model_get_item (list, i);

      if (cd_follow_up_get_status (item) == status)
        return cd_follow_up_get_id (item);
    }
  g_assert_not_reached ();
  return 0;
}

static CdFollowUp *
wait_update (Fixture  *f,
             GError  **error,
             GAsyncResult **slot)
{
  iterate_until_set (slot);
  return cd_repository_update_follow_up_finish (f->repo, *slot, error);
}

static void
test_cancel_written_through (Fixture       *f,
                             gconstpointer  data)
{
  gint64 id = first_with_status (f, CD_FOLLOW_UP_STATUS_SCHEDULED);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowUp) cancelled = NULL;
  g_autoptr(GListModel) cached = NULL;
  g_autoptr(CdFollowUp) row = NULL;

  cd_repository_cancel_follow_up_async (f->repo, CONTACT, id, NULL, NULL, store_result, &result);
  cancelled = wait_update (f, &error, &result);
  g_assert_no_error (error);
  g_assert_cmpint (cd_follow_up_get_id (cancelled), ==, id);
  g_assert_cmpint (cd_follow_up_get_status (cancelled), ==, CD_FOLLOW_UP_STATUS_CANCELLED);

  /* With the backend gone, the cache already holds the new status. */
  cd_demo_server_stop (f->server);
  cached = open_list (f->repo, CD_RESOURCE_OFFLINE);
  row = find (cached, id);
  g_assert_nonnull (row);
  g_assert_cmpint (cd_follow_up_get_status (row), ==, CD_FOLLOW_UP_STATUS_CANCELLED);
}

static void
test_reschedule_and_snooze (Fixture       *f,
                            gconstpointer  data)
{
  gint64 id = first_with_status (f, CD_FOLLOW_UP_STATUS_QUEUED);
  g_autoptr(GDateTime) later = in_hours (30);
  g_autoptr(GDateTime) much_later = in_hours (50);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowUp) moved = NULL;
  g_autoptr(CdFollowUp) snoozed = NULL;
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(CdFollowUp) row = NULL;

  cd_repository_reschedule_follow_up_async (f->repo, CONTACT, id, later, NULL, NULL,
                                            store_result, &result);
  moved = wait_update (f, &error, &result);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_to_unix (cd_follow_up_get_scheduled_at (moved)), ==,
                   g_date_time_to_unix (later));

  cd_repository_snooze_follow_up_async (f->repo, CONTACT, id, much_later, NULL, NULL,
                                        store_result, &result2);
  snoozed = wait_update (f, &error, &result2);
  g_assert_no_error (error);
  g_assert_cmpint (cd_follow_up_get_status (snoozed), ==, CD_FOLLOW_UP_STATUS_SNOOZED);

  fresh = open_list (f->repo, CD_RESOURCE_FRESH);
  row = find (fresh, id);
  g_assert_cmpint (cd_follow_up_get_status (row), ==, CD_FOLLOW_UP_STATUS_SNOOZED);
  g_assert_cmpint (g_date_time_to_unix (cd_follow_up_get_scheduled_at (row)), ==,
                   g_date_time_to_unix (much_later));
}

static void
test_viewer_forbidden (Fixture       *f,
                       gconstpointer  data)
{
  gint64 id = first_with_status (f, CD_FOLLOW_UP_STATUS_SCHEDULED);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowUp) cancelled = NULL;

  cd_demo_server_set_role (f->server, "tenant_viewer");
  cd_repository_cancel_follow_up_async (f->repo, CONTACT, id, NULL, NULL, store_result, &result);
  cancelled = wait_update (f, &error, &result);
  g_assert_null (cancelled);
  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_FORBIDDEN);
}

static void
test_list_agents (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) agents = NULL;

  cd_repository_list_agents_async (f->repo, NULL, store_result, &result);
  iterate_until_set (&result);
  agents = cd_repository_list_agents_finish (f->repo, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (agents), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(CdAgent) agent = g_list_model_get_item (agents, i);

      g_assert_cmpint (cd_agent_get_id (agent), >, 0);
    }
}

static void
test_cancelled_silently (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) agents = NULL;

  cd_repository_list_agents_async (f->repo, cancellable, store_result, &result);
  g_cancellable_cancel (cancellable);
  iterate_until_set (&result);
  agents = cd_repository_list_agents_finish (f->repo, result, &error);
  g_assert_null (agents);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/repository-follow-ups/schedule", test_schedule);
  ADD ("/repository-follow-ups/schedule-rejected", test_schedule_rejected);
  ADD ("/repository-follow-ups/cancel-written-through", test_cancel_written_through);
  ADD ("/repository-follow-ups/reschedule-and-snooze", test_reschedule_and_snooze);
  ADD ("/repository-follow-ups/viewer-forbidden", test_viewer_forbidden);
  ADD ("/repository-follow-ups/list-agents", test_list_agents);
  ADD ("/repository-follow-ups/cancelled", test_cancelled_silently);

  return g_test_run ();
}
