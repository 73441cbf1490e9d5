/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

/*
 * The benchmarks' diagnostic option: `contact-detail --demo --exit-after-paint ID`
 * paints the contact, prints the elapsed milliseconds and exits 0.  No figure is
 * asserted, only that it is a number.
 */

#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "../cd-test-util.h"

/* One data dir for every test: the demo database is seeded once. */
static char *data_dir;

/* Runs the app with @contact_arg (NULL = none); returns its stdout and exit status. */
static char *
run_app (const char  *contact_arg,
         int         *status,
         char       **err)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              CONTACT_DETAIL_BIN, "--demo", "--data-dir", data_dir,
                              "--exit-after-paint", contact_arg, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  return out;
}

static void
test_prints_milliseconds (gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;
  char *end = NULL;
  int status;

  out = run_app (data, &status, &err);
  g_test_message ("stdout: %s", out);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 0);

  /* One line: the milliseconds, nothing else. */
  line = g_strstrip (g_strdup (out));
  g_assert_cmpfloat (g_ascii_strtod (line, &end), >, 0);
  g_assert_true (end != line);
  g_assert_cmpstr (end, ==, "");
}

static void
test_needs_contact (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run_app (NULL, &status, &err);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "--exit-after-paint"));
}

static void
test_unknown_contact_fails (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  /* A measurement that cannot happen must not print a number. */
  out = run_app ("999999", &status, &err);
  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (out, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Holding a display connection keeps Xvfb from resetting (and refusing
   * connections for a moment) each time the last app run disconnects. */
  gtk_init ();
  tmp_dir = g_dir_make_tmp ("cd-exit-after-paint-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (tmp_dir, "data", NULL);

  g_test_add_data_func ("/exit-after-paint/contact-id", "501", test_prints_milliseconds);
  g_test_add_data_func ("/exit-after-paint/contact-uri", "contact-detail://contact/508",
                        test_prints_milliseconds);
  g_test_add_func ("/exit-after-paint/needs-contact", test_needs_contact);
  g_test_add_func ("/exit-after-paint/unknown-contact", test_unknown_contact_fails);
  status = g_test_run ();

  remove_tree (tmp_dir);
  g_free (data_dir);
  return status;
}
