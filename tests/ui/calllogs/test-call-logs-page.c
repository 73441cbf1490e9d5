/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

#include <adwaita.h>

#include "calllogs-test-common.h"
#include "cd-call-log-item.h"
#include "cd-call-logs-page.h"
#include "cd-session-list-model.h"

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture_start (fixture, data);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (fixture->window, 1200, 800);
  gtk_window_present (fixture->window);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  fixture_stop (fixture);
}

static CdCallLogsPage *
open_page (Fixture *fixture,
           gint64   contact_id)
{
  CdCallLogsPage *page =
    CD_CALL_LOGS_PAGE (cd_call_logs_page_new (fixture->repository, contact_id, "Contact <i>x</i>"));
  CdSessionListModel *model = cd_call_logs_page_get_model (page);

  gtk_window_set_child (fixture->window, GTK_WIDGET (page));
  WAIT_UNTIL (cd_session_list_model_get_total (model) >= 0 && !cd_session_list_model_get_loading (model));
  return page;
}

/* Every id the backend returns for @query, walking its cursors. */
static GArray *
all_backend_ids (Fixture        *fixture,
                 CdSessionQuery *query)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cursor = NULL;

  query->page_size = 100;
  do
    {
      g_autofree char *next = NULL;
      g_autoptr (GArray) ids = NULL;

      query->cursor = cursor;
      ids = direct_page_ids (fixture, query, &next, NULL);
      g_array_append_vals (all, ids->data, ids->len);
      g_free (cursor);
      cursor = g_steal_pointer (&next);
    }
  while (cursor != NULL);
  query->cursor = NULL;
  return all;
}

static CdVoiceSession *
session_at (CdSessionListModel *model,
            guint               position)
{
  g_autoptr (CdCallLogItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);
  CdVoiceSession *s = cd_call_log_item_get_session (item);

  return s != NULL ? g_object_ref (s) : NULL;
}

/* Positions all over the 20,000 sessions: the model never holds more than its window. */
static void
test_memory_bounded (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  CdCallLogsPage *page = open_page (fixture, CD_DEMO_CONTACT_MANY_SESSIONS);
  gint64 first_page_us = g_get_monotonic_time () - start;
  CdSessionListModel *model = cd_call_logs_page_get_model (page);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint max_loaded = 0;
  guint positions = 0;
  g_autoptr (GDateTime) previous = NULL;
  CdSessionQuery newest = { .contact_id = CD_DEMO_CONTACT_MANY_SESSIONS, .page_size = 1 };
  CdSessionQuery oldest = { .contact_id = CD_DEMO_CONTACT_MANY_SESSIONS, .page_size = 1, .order = "asc" };
  g_autoptr (GArray) first_ids = direct_page_ids (fixture, &newest, NULL, NULL);
  g_autoptr (GArray) last_ids = direct_page_ids (fixture, &oldest, NULL, NULL);

  g_assert_cmpint (cd_session_list_model_get_total (model), >=, 20000);
  g_assert_cmpuint (n, ==, cd_session_list_model_get_total (model));
  for (guint p = 0; p < n; p += 997)
    {
      g_autoptr (GObject) placeholder = g_list_model_get_item (G_LIST_MODEL (model), p);
      g_autoptr (CdVoiceSession) s = NULL;

      WAIT_UNTIL (cd_session_list_model_is_loaded (model, p));
      s = session_at (model, p);
      g_assert_nonnull (s);
      g_assert_cmpint (cd_voice_session_get_contact_id (s), ==, CD_DEMO_CONTACT_MANY_SESSIONS);
      if (p == 0)
        g_assert_cmpint (cd_voice_session_get_id (s), ==, g_array_index (first_ids, gint64, 0));
      /* Newest first all the way down. */
      if (previous != NULL)
        g_assert_cmpint (g_date_time_compare (previous, cd_voice_session_get_started_at (s)), >=, 0);
      g_clear_pointer (&previous, g_date_time_unref);
      previous = g_date_time_ref (cd_voice_session_get_started_at (s));
      max_loaded = MAX (max_loaded, cd_session_list_model_get_loaded_count (model));
      g_assert_cmpuint (cd_session_list_model_get_loaded_count (model), <=, 8 * 50);
      positions++;
    }
  /* And the very last row. */
  {
    g_autoptr (GObject) last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
    g_autoptr (CdVoiceSession) s = NULL;

    WAIT_UNTIL (cd_session_list_model_is_loaded (model, n - 1));
    s = session_at (model, n - 1);
    g_assert_cmpint (cd_voice_session_get_id (s), ==, g_array_index (last_ids, gint64, 0));
  }
  g_assert_cmpuint (cd_session_list_model_get_loaded_count (model), <=, 8 * 50);
  g_assert_cmpuint (positions, >=, 20);
  /* Figures for the record (not asserted: no timed asserts). */
  g_test_message ("first page: %" G_GINT64_FORMAT " ms; positions 0..%u visited in %" G_GINT64_FORMAT
                  " ms; max materialised sessions: %u",
                  first_page_us / 1000, n - 1, (g_get_monotonic_time () - start) / 1000, max_loaded);
}

/* The rows at any position are the backend's rows for that position. */
static void
test_positions_match_backend (Fixture       *fixture,
                              gconstpointer  data)
{
  CdCallLogsPage *page = open_page (fixture, CD_DEMO_CONTACT_NAMED);
  CdSessionListModel *model = cd_call_logs_page_get_model (page);
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (CD_DEMO_CONTACT_NAMED);
  CdSessionQuery query = { .contact_id = CD_DEMO_CONTACT_NAMED, .direction = "outbound",
                           .sort = "duration", .order = "asc" };
  g_autoptr (GArray) expected = NULL;

  cd_session_filter_set (&filter->direction, "outbound");
  cd_session_filter_set (&filter->sort, "duration");
  cd_session_filter_set (&filter->order, "asc");
  cd_call_logs_page_set_filter (page, filter);
  WAIT_UNTIL (cd_session_list_model_get_total (model) >= 0 && !cd_session_list_model_get_loading (model));
  expected = all_backend_ids (fixture, &query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr (CdVoiceSession) s = NULL;
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      WAIT_UNTIL (cd_session_list_model_is_loaded (model, i));
      s = session_at (model, i);
      g_assert_cmpint (cd_voice_session_get_id (s), ==, g_array_index (expected, gint64, i));
      g_assert_cmpint (cd_voice_session_get_direction (s), ==, CD_DIRECTION_OUTBOUND);
    }
}

/* Minimal RFC 4180 reader: records of fields, quotes doubled inside quoted fields. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        g_ptr_array_add (fields, g_strdup (field->str)), g_string_truncate (field, 0);
      else if (*p == '\r' && p[1] == '\n')
        {
          p++;
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
          fields = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_string_append_c (field, *p);
    }
  g_assert_false (quoted);
  g_assert_cmpuint (fields->len, ==, 0);
  return records;
}

static void
export_and_check (Fixture               *fixture,
                  gint64                 contact_id,
                  const CdSessionFilter *filter,
                  CdSessionQuery        *query)
{
  CdCallLogsPage *page = open_page (fixture, contact_id);
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "export.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GArray) expected = NULL;
  g_autoptr (GError) error = NULL;

  cd_call_logs_page_set_filter (page, filter);
  cd_call_logs_page_export_to_file (page, file);
  g_assert_true (cd_call_logs_page_get_exporting (page));
  WAIT_UNTIL (!cd_call_logs_page_get_exporting (page));
  g_assert_no_error (cd_call_logs_page_get_export_error (page));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  records = parse_csv (contents);
  expected = all_backend_ids (fixture, query);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (records->len, ==, expected->len + 1);
  g_assert_cmpuint (cd_call_logs_page_get_exported_rows (page), ==, expected->len);
  g_assert_cmpstr (((char **) records->pdata[0])[0], ==, "id");
  g_assert_cmpstr (((char **) records->pdata[0])[1], ==, "contact_id");
  for (guint i = 0; i < expected->len; i++)
    {
      char **record = records->pdata[i + 1];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (expected, gint64, i));
      g_autofree char *contact = g_strdup_printf ("%" G_GINT64_FORMAT, contact_id);

      g_assert_cmpuint (g_strv_length (record), ==, g_strv_length (records->pdata[0]));
      g_assert_cmpstr (record[0], ==, id);
      g_assert_cmpstr (record[1], ==, contact);
    }
}

static void
test_export_filtered (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (CD_DEMO_CONTACT_NAMED);
  CdSessionQuery query = { .contact_id = CD_DEMO_CONTACT_NAMED, .status = "completed" };

  cd_session_filter_set (&filter->status, "completed");
  export_and_check (fixture, CD_DEMO_CONTACT_NAMED, filter, &query);
}

/* Thousands of rows over many requests, in the server's order. */
static void
test_export_many (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (CD_DEMO_CONTACT_MANY_SESSIONS);
  CdSessionQuery query = { .contact_id = CD_DEMO_CONTACT_MANY_SESSIONS, .direction = "inbound",
                           .sort = "duration", .order = "desc" };

  cd_session_filter_set (&filter->direction, "inbound");
  cd_session_filter_set (&filter->sort, "duration");
  cd_session_filter_set (&filter->order, "desc");
  export_and_check (fixture, CD_DEMO_CONTACT_MANY_SESSIONS, filter, &query);
}

static void
test_export_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  CdCallLogsPage *page = open_page (fixture, CD_DEMO_CONTACT_MANY_SESSIONS);
  g_autofree char *path = g_build_filename (fixture->tmp_dir, "cancelled.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *part_path = g_strconcat (path, ".part", NULL);
  g_autofree char *contents = NULL;

  /* An existing file the user chose to overwrite survives a cancelled export. */
  g_file_set_contents (path, "old", -1, NULL);
  cd_call_logs_page_export_to_file (page, file);
  WAIT_UNTIL (g_file_test (part_path, G_FILE_TEST_EXISTS));
  cd_call_logs_page_cancel_export (page);
  WAIT_UNTIL (!cd_call_logs_page_get_exporting (page));
  g_assert_error (cd_call_logs_page_get_export_error (page), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (part_path, G_FILE_TEST_EXISTS));
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "old");
}

static void
test_error_retry (Fixture       *fixture,
                  gconstpointer  data)
{
  CdCallLogsPage *page;
  CdSessionListModel *model;

  cd_api_client_set_max_get_retries (cd_repository_get_api_client (fixture->repository), 0);
  cd_demo_server_inject_fault (fixture->server, "/voice_sessions", CD_DEMO_FAULT_STATUS, 500, 1);
  page = CD_CALL_LOGS_PAGE (cd_call_logs_page_new (fixture->repository, CD_DEMO_CONTACT_NAMED, "x"));
  model = cd_call_logs_page_get_model (page);
  gtk_window_set_child (fixture->window, GTK_WIDGET (page));
  WAIT_UNTIL (cd_session_list_model_get_error (model) != NULL);
  cd_session_list_model_retry (model);
  WAIT_UNTIL (cd_session_list_model_get_total (model) == 14);
  g_assert_null (cd_session_list_model_get_error (model));
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  ADD ("/calllogs/page/memory-bounded", test_memory_bounded);
  ADD ("/calllogs/page/positions-match-backend", test_positions_match_backend);
  ADD ("/calllogs/page/export-filtered", test_export_filtered);
  ADD ("/calllogs/page/export-many", test_export_many);
  ADD ("/calllogs/page/export-cancel", test_export_cancel);
  ADD ("/calllogs/page/error-retry", test_error_retry);
  return g_test_run ();
}
