/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Helpers every test program shares.  The including file defines DEADLINE_S,
 * the seconds WAIT_UNTIL may wait before it fails the test.
 */

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

G_GNUC_UNUSED static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/*
 * Seconds a wait may take: @seconds times $CD_TEST_DEADLINE_MULTIPLIER (default
 * 1), which build-aux/run-sanitizers.sh and run-valgrind.sh raise because
 * everything runs several times slower there (like meson's --timeout-multiplier).
 */
G_GNUC_UNUSED static int
cd_test_deadline_s (int seconds)
{
  const char *multiplier = g_getenv ("CD_TEST_DEADLINE_MULTIPLIER");
  gint64 factor = multiplier != NULL ? g_ascii_strtoll (multiplier, NULL, 10) : 1;

  return seconds * (int) CLAMP (factor, 1, 100);
}

/* Iterates the main context until @cond holds; fails the test after DEADLINE_S
 * (times the multiplier above). */
#define WAIT_UNTIL(cond) \
  G_STMT_START { \
    int deadline_s_ = cd_test_deadline_s (DEADLINE_S); \
    gint64 deadline_ = g_get_monotonic_time () + (gint64) deadline_s_ * G_USEC_PER_SEC; \
    guint tick_ = g_timeout_add (20, tick_cb, NULL); \
    while (!(cond)) \
      { \
        if (g_get_monotonic_time () > deadline_) \
          g_error ("Timed out after %d s waiting for: %s", deadline_s_, #cond); \
        g_main_context_iteration (NULL, TRUE); \
      } \
    g_source_remove (tick_); \
  } G_STMT_END

/* Deletes a temporary directory tree without following symlinked directories. */
G_GNUC_UNUSED static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

/*
 * Upstream warnings that are not ours and would be fatal in tests.  Only one
 * today: with libadwaita 1.7 / GTK 4.18 (GNOME 48; not Debian 12's 1.2 / 4.8),
 * AdwMessageDialog sizes its own heading/body labels, and GTK warns
 * "Trying to measure GtkLabel 0x… for width of N, but it needs at least M"
 * (domain Gtk) while such a dialog is allocated.  The labels and their size
 * requests belong to libadwaita's AdwMessageDialog (deprecated since 1.6 in
 * favour of AdwAlertDialog, which we cannot use with libadwaita 1.2), not to
 * our code.  Exactly that message is dropped; every other warning stays fatal.
 */
G_GNUC_UNUSED static gboolean
cd_test_is_upstream_warning (const char     *log_domain,
                             GLogLevelFlags  log_level,
                             const char     *message)
{
  return (log_level & G_LOG_LEVEL_WARNING) != 0 &&
         g_strcmp0 (log_domain, "Gtk") == 0 &&
         message != NULL &&
         g_str_has_prefix (message, "Trying to measure GtkLabel ") &&
         strstr (message, " for width of ") != NULL &&
         strstr (message, ", but it needs at least ") != NULL;
}

G_GNUC_UNUSED static GLogWriterOutput
cd_test_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
        message = fields[i].value;
    }
  if (cd_test_is_upstream_warning (domain, log_level, message))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

G_GNUC_UNUSED static gboolean
cd_test_fatal_handler (const char     *log_domain,
                       GLogLevelFlags  log_level,
                       const char     *message,
                       gpointer        user_data)
{
  return !cd_test_is_upstream_warning (log_domain, log_level, message);
}

/*
 * Call once, after g_test_init (), in a program whose widgets may open an
 * AdwMessageDialog.  Covers both GLib paths: structured logging (GTK's
 * g_warning, where the writer decides fatality) and g_log () (where the test
 * fatal handler does).  Installs the process's only log writer, so a program
 * with its own writer cannot also call this.
 */
G_GNUC_UNUSED static void
cd_test_ignore_upstream_warnings (void)
{
  g_log_set_writer_func (cd_test_log_writer, NULL, NULL);
  g_test_log_set_fatal_handler (cd_test_fatal_handler, NULL);
}
