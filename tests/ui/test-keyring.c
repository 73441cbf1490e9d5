/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

#include <string.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "cd-credentials.h"
#include "cd-demo-server.h"
#include "cd-repository.h"
#include "../cd-test-util.h"

/*
 * The API key lives in the keyring and nowhere else: a real gnome-keyring-daemon
 * on a private D-Bus session stores it through cd_credentials_store_async(),
 * gives it back, the key is used against the demo backend (so the offline cache
 * gets written), and no file under the isolated config, cache or data dirs
 * contains the key's bytes, nor does any log message (debug included).
 */

#define DEADLINE_S 20

/* Stopped, kept: see the end of the test.  volatile because the compiler would
 * otherwise drop the never-read store, and LSan/valgrind report the bus as lost. */
static GTestDBus *volatile test_bus;
static char *key_under_test; /* random per run */
static guint key_in_logs;    /* log messages that contained it */

/* Every log message passes here: none may contain the key. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; key_under_test != NULL && i < n_fields; i++)
    {
      gsize length = fields[i].length < 0 ? strlen (fields[i].value) : (gsize) fields[i].length;

      if (fields[i].value != NULL && length >= strlen (key_under_test) &&
          g_strstr_len (fields[i].value, length, key_under_test) != NULL)
        key_in_logs++;
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static gboolean
has_owner (GDBusConnection *bus,
           const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

/* gnome-keyring-daemon with an unlocked "login" collection; its files live in @keyring_home. */
static GSubprocess *
start_keyring (const char *keyring_home)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GBytes) password = g_bytes_new_static ("test-password", strlen ("test-password"));
  g_autoptr(GError) error = NULL;
  g_autofree char *runtime = g_build_filename (keyring_home, "runtime", NULL);

  g_mkdir_with_parents (runtime, 0700);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  /* Outside the app's dirs: the grep below is about what the app writes. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", keyring_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                        "--components=secrets", "--unlock", NULL);
  g_assert_no_error (error);

  /* --unlock reads the new login keyring's password from stdin until EOF. */
  g_output_stream_write_bytes (g_subprocess_get_stdin_pipe (daemon), password, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (daemon), NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&daemon);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **out_error = user_data;
  gboolean ok;

  ok = cd_credentials_store_finish (result, out_error);
  g_assert_true (ok == (*out_error == NULL));
  if (ok)
    *out_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "stored");
}

typedef struct
{
  gboolean  done;
  char     *key;
  GError   *error;
} Lookup;

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lookup *lookup = user_data;

  lookup->key = cd_credentials_lookup_finish (result, &lookup->error);
  lookup->done = TRUE;
}

static char *
lookup_key (const char *server_url)
{
  Lookup lookup = { FALSE, NULL, NULL };

  cd_credentials_lookup_async (server_url, NULL, lookup_cb, &lookup);
  WAIT_UNTIL (lookup.done);
  g_assert_no_error (lookup.error);
  return lookup.key;
}

static void
store_key (const char *server_url,
           const char *key)
{
  g_autoptr(GError) result = NULL;

  cd_credentials_store_async (server_url, key, NULL, store_cb, &result);
  WAIT_UNTIL (result != NULL);
  /* store_cb turns success into G_IO_ERROR_EXISTS to mark completion. */
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_EXISTS);
}

/* memmem(), which needs _GNU_SOURCE; files may hold NUL bytes. */
static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; needle_length <= length && i <= length - needle_length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;

  return FALSE;
}

/* Counts the files under @path and fails on any that contains @needle. */
static guint
assert_not_in_files (const char *path,
                     const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n_files = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          n_files += assert_not_in_files (child, needle);
          continue;
        }

      n_files++;
      if (!g_file_get_contents (child, &contents, &length, NULL))
        continue;
      if (contains_bytes (contents, length, needle))
        g_error ("The API key was written to %s", child);
    }

  return n_files;
}

static void
open_contact_with_key (const char *base_url,
                       const char *api_key,
                       const char *data_dir)
{
  g_autoptr(CdRepository) repository = cd_repository_new (base_url, api_key, NULL, data_dir);
  g_autoptr(CdResource) resource = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  resource = cd_repository_open_contact (repository, CD_DEMO_CONTACT_NAMED, cancellable);
  WAIT_UNTIL (cd_resource_get_state (resource) != CD_RESOURCE_LOADING &&
              cd_resource_get_state (resource) != CD_RESOURCE_STALE);
  g_assert_cmpint (cd_resource_get_state (resource), ==, CD_RESOURCE_FRESH);
  g_clear_object (&resource);
  g_clear_object (&repository);
  /* Let the cache's worker finish its writes. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_key_only_in_keyring (void)
{
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(CdDemoServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring_home = NULL;
  g_autofree char *server_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *found = NULL;
  g_autofree char *app_data_dir = NULL;
  g_autofree char *daemon_path = NULL;
  const char *server_url;
  guint n_files = 0;

  daemon_path = g_find_program_in_path ("gnome-keyring-daemon");
  if (daemon_path == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not installed (apt-get install gnome-keyring)");
      return;
    }

  g_unsetenv (CD_CREDENTIALS_ENV_VAR);
  key = g_strdup_printf ("cd-test-key-%08x%08x", g_random_int (), g_random_int ());
  key_under_test = key;
  /* Debug messages too: they are where a leak would hide. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  /* A private session bus: the test never touches the user's keyring. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  keyring_home = g_dir_make_tmp ("cd-test-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  daemon = start_keyring (keyring_home);
  WAIT_UNTIL (has_owner (connection, "org.freedesktop.secrets"));

  server_dir = g_dir_make_tmp ("cd-test-keyring-server-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (server_dir, "demo.sqlite", NULL);
  server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  server_url = cd_demo_server_get_base_url (server);

  /* Nothing stored yet, then the key comes back as stored. */
  found = lookup_key (server_url);
  g_assert_null (found);
  store_key (server_url, key);
  found = lookup_key (server_url);
  g_assert_cmpstr (found, ==, key);
  g_clear_pointer (&found, cd_credentials_free_key);

  /* Using it writes the offline cache, which must not hold the key. */
  app_data_dir = g_build_filename (g_get_user_data_dir (), "contact-detail", NULL);
  g_mkdir_with_parents (app_data_dir, 0700);
  open_contact_with_key (server_url, key, app_data_dir);

  n_files += assert_not_in_files (g_get_user_config_dir (), key);
  n_files += assert_not_in_files (g_get_user_cache_dir (), key);
  n_files += assert_not_in_files (g_get_user_data_dir (), key);
  g_assert_cmpuint (n_files, >, 0);
  g_test_message ("%u files checked", n_files);
  g_assert_cmpuint (key_in_logs, ==, 0);

  /* An empty key clears it. */
  store_key (server_url, "");
  found = lookup_key (server_url);
  g_assert_null (found);

  cd_demo_server_stop (server);
  g_subprocess_force_exit (daemon);
  g_subprocess_wait (daemon, NULL, NULL);
  /*
   * libsecret keeps a reference on the session bus connection for the life of
   * the process, so g_test_dbus_down() (which waits for it to be finalized)
   * would time out: stop the private bus instead and keep the object.
   */
  secret_service_disconnect ();
  g_clear_object (&connection);
  g_test_dbus_stop (bus);
  test_bus = g_steal_pointer (&bus);
  remove_tree (keyring_home);
  remove_tree (server_dir);
  key_under_test = NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ui/credentials/key-only-in-keyring", test_key_only_in_keyring);

  return g_test_run ();
}
