/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Helpers every test program shares.  The including file defines DEADLINE_S,
 * the seconds WAIT_UNTIL may wait before it fails the test.
 */

#include <glib.h>
#include <glib/gstdio.h>

G_GNUC_UNUSED static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until @cond holds; fails the test after DEADLINE_S. */
#define WAIT_UNTIL(cond) \
  G_STMT_START { \
    gint64 deadline_ = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC; \
    guint tick_ = g_timeout_add (20, tick_cb, NULL); \
    while (!(cond)) \
      { \
        if (g_get_monotonic_time () > deadline_) \
          g_error ("Timed out after %d s waiting for: %s", DEADLINE_S, #cond); \
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
