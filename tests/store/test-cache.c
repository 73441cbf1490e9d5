/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cache"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cd-cache.h"
#include "cd-statement.h"

#define SESSION_JSON \
  "{\"id\":9001,\"contact_id\":501,\"summary\":\"Spoke with Quortleby about Zebediah\"}"

#define CONTACT_JSON \
  "{\"id\":501,\"first_name\":\"Zebediah\",\"last_name\":\"Quortleby\"," \
  "\"phone_e164\":\"+919900000001\",\"email\":\"zeb@example.com\",\"company\":\"Acme Realty\"}"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cd-cache-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static CdCache *
open_cache (const char *path,
            gboolean   *recovered)
{
  g_autoptr(GError) error = NULL;
  CdCache *cache = cd_cache_open (path, recovered, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cache);
  return cache;
}

static void
assert_mode_0600 (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_path (void)
{
  g_autofree char *a = cd_cache_build_path ("/d", "http://a/api/v1", "t1");
  g_autofree char *b = cd_cache_build_path ("/d", "http://a/api/v1", "t2");
  g_autofree char *c = cd_cache_build_path ("/d", "http://a/api/v1", "t1");
  g_autofree char *base = g_path_get_basename (a);

  g_assert_cmpstr (a, !=, b);
  g_assert_cmpstr (a, ==, c);
  g_assert_true (g_str_has_prefix (a, "/d/cache-"));
  g_assert_true (g_str_has_suffix (a, ".sqlite"));
  g_assert_cmpuint (strlen (base), ==, strlen ("cache-") + 16 + strlen (".sqlite"));
}

static void
test_migrate_empty (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "c.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CdCache) cache = NULL;
  gboolean recovered = TRUE;

  cache = open_cache (path, &recovered);
  g_assert_false (recovered);
  g_assert_cmpint (cd_cache_get_schema_version (cache), ==, CD_CACHE_SCHEMA_VERSION);
  g_assert_true (cd_cache_put_contact (cache, 501, CONTACT_JSON, "\"e1\"", 100, 0, NULL));
  assert_mode_0600 (path);
  assert_mode_0600 (wal);
  assert_mode_0600 (shm);
  g_assert_cmpint (cd_database_query_int (cd_cache_get_database (cache), "PRAGMA secure_delete", NULL), ==, 1);
  g_assert_cmpint (cd_database_query_int (cd_cache_get_database (cache), "PRAGMA foreign_keys", NULL), ==, 1);
}

/* A zero-byte file (version 0) is migrated like a new one. */
static void
test_migrate_zero_file (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autoptr(CdCache) cache = NULL;
  gboolean recovered = TRUE;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_chmod (path, 0644);
  cache = open_cache (path, &recovered);
  g_assert_false (recovered);
  g_assert_cmpint (cd_cache_get_schema_version (cache), ==, CD_CACHE_SCHEMA_VERSION);
  assert_mode_0600 (path);
}

static void
exec_raw (sqlite3    *db,
          const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s", msg);
}

/* The v1 schema as an old release wrote it, by hand. */
static void
write_v1_file (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_raw (db,
            "CREATE TABLE contacts (id INTEGER PRIMARY KEY, json TEXT NOT NULL, etag TEXT,"
            "  fetched_at INTEGER NOT NULL DEFAULT 0);"
            "CREATE TABLE call_logs (contact_id INTEGER PRIMARY KEY, json TEXT NOT NULL, etag TEXT,"
            "  total INTEGER, fetched_at INTEGER NOT NULL DEFAULT 0);"
            "CREATE TABLE follow_ups (contact_id INTEGER PRIMARY KEY, json TEXT NOT NULL, etag TEXT,"
            "  total INTEGER, fetched_at INTEGER NOT NULL DEFAULT 0);"
            "CREATE TABLE memory (contact_id INTEGER PRIMARY KEY, json TEXT NOT NULL, etag TEXT,"
            "  total INTEGER, fetched_at INTEGER NOT NULL DEFAULT 0);"
            "CREATE TABLE custom_fields (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL,"
            "  fetched_at INTEGER NOT NULL DEFAULT 0);"
            "CREATE TABLE me (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL,"
            "  fetched_at INTEGER NOT NULL DEFAULT 0);"
            "INSERT INTO contacts VALUES (501, '" CONTACT_JSON "', '\"v1etag\"', 1234);"
            "INSERT INTO memory VALUES (501, '{\"summary\":\"old\"}', '\"m1\"', NULL, 77);"
            "PRAGMA user_version = 1;");
  sqlite3_close (db);
}

static void
test_migrate_v1 (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autoptr(CdCache) cache = NULL;
  g_autoptr(CdCacheEntry) entry = NULL;
  g_autoptr(CdCacheEntry) memory = NULL;
  g_autoptr(CdCacheEntry) session = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gboolean recovered = TRUE;

  write_v1_file (path);
  cache = open_cache (path, &recovered);
  g_assert_false (recovered);
  g_assert_cmpint (cd_cache_get_schema_version (cache), ==, CD_CACHE_SCHEMA_VERSION);

  entry = cd_cache_get_contact (cache, 501, NULL);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->json, ==, CONTACT_JSON);
  g_assert_cmpstr (entry->etag, ==, "\"v1etag\"");
  g_assert_cmpint (entry->fetched_at, ==, 1234);
  g_assert_cmpint (entry->opened_at, ==, 0);
  memory = cd_cache_get_doc (cache, CD_CACHE_DOC_MEMORY, 501, NULL);
  g_assert_cmpstr (memory->json, ==, "{\"summary\":\"old\"}");

  /* v2 back-filled the finder's search text from the old rows. */
  found = cd_cache_search_contacts (cache, "quortleby", 50, NULL);
  g_assert_cmpuint (found->len, ==, 1);

  /* v3 added the session-detail table, usable at once. */
  g_assert_true (cd_cache_put_session (cache, 9001, 501, SESSION_JSON, NULL, 5, NULL));
  session = cd_cache_get_session (cache, 9001, NULL);
  g_assert_nonnull (session);
}

/* v2 as the previous release wrote it: v1 plus the finder columns. */
static void
write_v2_file (const char *path)
{
  sqlite3 *db = NULL;

  write_v1_file (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_raw (db,
            "BEGIN;"
            "ALTER TABLE contacts ADD COLUMN opened_at INTEGER;"
            "ALTER TABLE contacts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';"
            "UPDATE contacts SET opened_at = 999, search_text = 'zebediah quortleby';"
            "CREATE INDEX contacts_opened_at ON contacts (opened_at DESC) WHERE opened_at IS NOT NULL;"
            "INSERT INTO call_logs VALUES (501, '{\"items\":[]}', '\"c2\"', 0, 55);"
            "PRAGMA user_version = 2;"
            "COMMIT;");
  sqlite3_close (db);
}

static void
test_migrate_v2 (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autoptr(CdCache) cache = NULL;
  g_autoptr(CdCacheEntry) entry = NULL;
  g_autoptr(CdCacheEntry) logs = NULL;
  g_autoptr(CdCacheEntry) session = NULL;
  g_autoptr(CdCacheEntry) missing = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GError) error = NULL;
  gboolean recovered = TRUE;

  write_v2_file (path);
  cache = open_cache (path, &recovered);
  g_assert_false (recovered);
  g_assert_cmpint (cd_cache_get_schema_version (cache), ==, CD_CACHE_SCHEMA_VERSION);

  /* Old rows survive the migration. */
  entry = cd_cache_get_contact (cache, 501, NULL);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->json, ==, CONTACT_JSON);
  g_assert_cmpstr (entry->etag, ==, "\"v1etag\"");
  g_assert_cmpint (entry->opened_at, ==, 999);
  logs = cd_cache_get_doc (cache, CD_CACHE_DOC_CALL_LOGS, 501, NULL);
  g_assert_nonnull (logs);
  g_assert_cmpstr (logs->etag, ==, "\"c2\"");
  recent = cd_cache_list_recent (cache, 10, NULL);
  g_assert_cmpuint (recent->len, ==, 1);

  /* The new table works: round trip, replace, miss. */
  g_assert_true (cd_cache_put_session (cache, 9001, 501, "{\"id\":9001}", "\"s0\"", 5, &error));
  g_assert_true (cd_cache_put_session (cache, 9001, 501, SESSION_JSON, "\"s1\"", 6, &error));
  g_assert_no_error (error);
  session = cd_cache_get_session (cache, 9001, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_cmpstr (session->json, ==, SESSION_JSON);
  g_assert_cmpstr (session->etag, ==, "\"s1\"");
  g_assert_cmpint (session->fetched_at, ==, 6);
  missing = cd_cache_get_session (cache, 9002, &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autoptr(CdCache) cache = open_cache (path, NULL);
  g_autoptr(CdCacheEntry) logs = NULL;
  g_autoptr(CdCacheEntry) me = NULL;
  g_autoptr(CdCacheEntry) missing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_cache_put_doc (cache, CD_CACHE_DOC_CALL_LOGS, 501, "{\"items\":[]}", NULL, 42, 5, NULL));
  logs = cd_cache_get_doc (cache, CD_CACHE_DOC_CALL_LOGS, 501, NULL);
  g_assert_cmpstr (logs->json, ==, "{\"items\":[]}");
  g_assert_cmpint (logs->total, ==, 42);
  g_assert_null (logs->etag);

  g_assert_true (cd_cache_put_global (cache, "me", "{\"id\":7}", 9, NULL));
  me = cd_cache_get_global (cache, "me", NULL);
  g_assert_cmpstr (me->json, ==, "{\"id\":7}");

  missing = cd_cache_get_doc (cache, CD_CACHE_DOC_FOLLOW_UPS, 501, &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

/* A list result (no ETag) drops the stored ETag only when the JSON changed. */
static void
test_merge_etag (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autoptr(CdCache) cache = open_cache (path, NULL);
  CdCacheEntry *entry;

  g_assert_true (cd_cache_put_contact (cache, 501, CONTACT_JSON, "\"e1\"", 1, 10, NULL));
  g_assert_true (cd_cache_merge_contact (cache, 501, CONTACT_JSON, 2, NULL));
  entry = cd_cache_get_contact (cache, 501, NULL);
  g_assert_cmpstr (entry->etag, ==, "\"e1\"");
  g_assert_cmpint (entry->opened_at, ==, 10);
  cd_cache_entry_free (entry);

  g_assert_true (cd_cache_merge_contact (cache, 501, "{\"id\":501,\"first_name\":\"New\"}", 3, NULL));
  entry = cd_cache_get_contact (cache, 501, NULL);
  g_assert_null (entry->etag);
  g_assert_cmpstr (entry->json, ==, "{\"id\":501,\"first_name\":\"New\"}");
  g_assert_cmpint (entry->opened_at, ==, 10);
  cd_cache_entry_free (entry);
}

/* A list or GET answered before an edit and read after it never brings the old
 * version back (by the server's updated_at); equal or unknown times replace. */
static void
test_older_copy_kept_out (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autoptr(CdCache) cache = open_cache (path, NULL);
  const char *edited = "{\"id\":501,\"company\":\"New\",\"updated_at\":\"2026-11-24T03:00:01Z\"}";
  const char *before = "{\"id\":501,\"company\":\"Old\",\"updated_at\":\"2026-05-12T02:00:00Z\"}";
  const char *later = "{\"id\":501,\"company\":\"Later\",\"updated_at\":\"2026-11-24T05:00:00+02:00\"}";
  const char *undated = "{\"id\":501,\"company\":\"Undated\"}";
  CdCacheEntry *entry;

  g_assert_true (cd_cache_put_contact (cache, 501, edited, "\"e2\"", 5, 10, NULL));
  g_assert_true (cd_cache_merge_contact (cache, 501, before, 6, NULL));
  g_assert_true (cd_cache_put_contact (cache, 501, before, "\"e1\"", 6, 0, NULL));
  entry = cd_cache_get_contact (cache, 501, NULL);
  g_assert_cmpstr (entry->json, ==, edited);
  g_assert_cmpstr (entry->etag, ==, "\"e2\"");
  cd_cache_entry_free (entry);

  /* 05:00+02:00 is 03:00 UTC, before the edit at 03:00:01 UTC. */
  g_assert_true (cd_cache_merge_contact (cache, 501, later, 7, NULL));
  entry = cd_cache_get_contact (cache, 501, NULL);
  g_assert_cmpstr (entry->json, ==, edited);
  cd_cache_entry_free (entry);

  g_assert_true (cd_cache_merge_contact (cache, 501, undated, 8, NULL));
  entry = cd_cache_get_contact (cache, 501, NULL);
  g_assert_cmpstr (entry->json, ==, undated);
  cd_cache_entry_free (entry);
}

static void
test_search_and_recent (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autoptr(CdCache) cache = open_cache (path, NULL);
  const char *queries[] = { "zebediah", "QUORTLEBY", "Zebediah Quortleby", "+91 99000 00001",
                            "9900000001", "zeb@example", "acme", "501" };
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) pct = NULL;
  g_autoptr(GPtrArray) recent = NULL;

  g_assert_true (cd_cache_put_contact (cache, 501, CONTACT_JSON, NULL, 1, 100, NULL));
  g_assert_true (cd_cache_put_contact (cache, 502, "{\"id\":502,\"first_name\":\"Other\"}", NULL, 1, 200, NULL));
  g_assert_true (cd_cache_put_contact (cache, 503, "{\"id\":503}", NULL, 1, 0, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) found = cd_cache_search_contacts (cache, queries[i], 50, NULL);

      g_assert_cmpuint (found->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (found, 0), "Zebediah"));
    }
  none = cd_cache_search_contacts (cache, "nobody-here", 50, NULL);
  g_assert_cmpuint (none->len, ==, 0);
  /* LIKE wildcards in the query are literal. */
  pct = cd_cache_search_contacts (cache, "%", 50, NULL);
  g_assert_cmpuint (pct->len, ==, 0);

  recent = cd_cache_list_recent (cache, 10, NULL);
  g_assert_cmpuint (recent->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (recent, 0), "Other"));
  g_assert_nonnull (strstr (g_ptr_array_index (recent, 1), "Zebediah"));
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  gsize n = strlen (needle);

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_purge (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(CdCache) cache = open_cache (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCacheEntry) gone = NULL;
  g_autoptr(CdCacheEntry) kept = NULL;
  g_autoptr(CdCacheEntry) kept_session = NULL;

  g_assert_true (cd_cache_put_contact (cache, 501, CONTACT_JSON, "\"e\"", 1, 1, NULL));
  g_assert_true (cd_cache_put_contact (cache, 502, "{\"id\":502,\"first_name\":\"Keeper\"}", NULL, 1, 1, NULL));
  g_assert_true (cd_cache_put_doc (cache, CD_CACHE_DOC_MEMORY, 501,
                                   "{\"summary\":\"Zebediah likes gold\"}", NULL, -1, 1, NULL));
  g_assert_true (cd_cache_put_doc (cache, CD_CACHE_DOC_CALL_LOGS, 501,
                                   "{\"items\":[{\"summary\":\"Called Quortleby\"}]}", NULL, 1, 1, NULL));
  g_assert_true (cd_cache_put_session (cache, 9001, 501, SESSION_JSON, "\"s\"", 1, NULL));
  g_assert_true (cd_cache_put_session (cache, 9002, 502, "{\"id\":9002,\"summary\":\"Keeper call\"}",
                                       NULL, 1, NULL));
  /* Move the rows into the main file first, as a long-lived cache would have. */
  g_assert_true (cd_database_exec (cd_cache_get_database (cache), "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_assert_true (file_contains (path, "Quortleby"));
  g_assert_true (file_contains (path, "Spoke with"));

  g_assert_true (cd_cache_purge_contact (cache, 501, &error));
  g_assert_no_error (error);
  gone = cd_cache_get_contact (cache, 501, NULL);
  g_assert_null (gone);
  kept = cd_cache_get_contact (cache, 502, NULL);
  g_assert_nonnull (kept);
  g_assert_null (cd_cache_get_session (cache, 9001, NULL));
  kept_session = cd_cache_get_session (cache, 9002, NULL);
  g_assert_nonnull (kept_session);

  g_assert_false (file_contains (path, "Quortleby"));
  g_assert_false (file_contains (path, "Zebediah"));
  g_assert_false (file_contains (wal, "Quortleby"));
  g_assert_false (file_contains (wal, "Zebediah"));
  /* The session detail's own text is gone from the bytes too. */
  g_assert_false (file_contains (path, "Spoke with"));
  g_assert_false (file_contains (wal, "Spoke with"));
  g_assert_true (file_contains (path, "Keeper") || file_contains (wal, "Keeper"));
  g_assert_true (file_contains (path, "Keeper call") || file_contains (wal, "Keeper call"));
}

static void
test_clear (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(CdCache) cache = open_cache (path, NULL);
  g_autoptr(GPtrArray) recent = NULL;

  g_assert_true (cd_cache_put_contact (cache, 501, CONTACT_JSON, NULL, 1, 1, NULL));
  g_assert_true (cd_cache_put_global (cache, "me", "{\"name\":\"Zebediah\"}", 1, NULL));
  g_assert_true (cd_cache_put_session (cache, 9001, 501, SESSION_JSON, NULL, 1, NULL));
  g_assert_true (cd_cache_clear (cache, NULL));
  g_assert_null (cd_cache_get_session (cache, 9001, NULL));
  recent = cd_cache_list_recent (cache, 10, NULL);
  g_assert_cmpuint (recent->len, ==, 0);
  g_assert_null (cd_cache_get_global (cache, "me", NULL));
  g_assert_false (file_contains (path, "Zebediah"));
  g_assert_false (file_contains (wal, "Zebediah"));
}

static guint
count_corrupt_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (strstr (name, ".sqlite.corrupt-") != NULL && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      n++;
  return n;
}

static void
test_corrupt_garbage (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autoptr(CdCache) cache = NULL;
  g_autoptr(GString) garbage = g_string_new (NULL);
  gboolean recovered = FALSE;

  for (guint i = 0; i < 500; i++)
    g_string_append (garbage, "this is not a database \x01\xff ");
  g_assert_true (g_file_set_contents (path, garbage->str, garbage->len, NULL));

  cache = open_cache (path, &recovered);
  g_assert_true (recovered);
  g_assert_cmpint (cd_cache_get_schema_version (cache), ==, CD_CACHE_SCHEMA_VERSION);
  g_assert_true (cd_cache_put_contact (cache, 501, CONTACT_JSON, NULL, 1, 1, NULL));
  g_assert_cmpuint (count_corrupt_files (dir), ==, 1);
  assert_mode_0600 (path);
}

/* A cache written by a newer release is not trusted either. */
static void
test_corrupt_too_new (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autoptr(CdCache) cache = NULL;
  gboolean recovered = FALSE;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_raw (db, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  sqlite3_close (db);

  cache = open_cache (path, &recovered);
  g_assert_true (recovered);
  g_assert_cmpint (cd_cache_get_schema_version (cache), ==, CD_CACHE_SCHEMA_VERSION);
  g_assert_cmpuint (count_corrupt_files (dir), ==, 1);
}

/* A damaged page inside a valid header fails quick_check. */
static void
test_corrupt_pages (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autoptr(CdCache) cache = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  gboolean recovered = FALSE;

  cache = open_cache (path, NULL);
  for (gint64 i = 1; i <= 200; i++)
    g_assert_true (cd_cache_put_contact (cache, i, CONTACT_JSON, NULL, 1, 1, NULL));
  g_assert_true (cd_database_exec (cd_cache_get_database (cache), "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_clear_object (&cache);

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 3 * 4096);
  /* Scribble over the second page (a b-tree page), keeping the header. */
  memset (data + 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (path, data, len, NULL));

  cache = open_cache (path, &recovered);
  g_assert_true (recovered);
  g_assert_null (cd_cache_get_contact (cache, 1, NULL));
}

static void
test_unwritable_dir (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *blocker = g_build_filename (dir, "not-a-dir", NULL);
  g_autofree char *path = g_build_filename (blocker, "c.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCache) cache = NULL;

  /* A regular file where the directory should be: works even as root. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  cache = cd_cache_open (path, NULL, &error);
  g_assert_null (cache);
  g_assert_error (error, CD_CACHE_ERROR, CD_CACHE_ERROR_READ_ONLY);
  g_clear_error (&error);

  if (geteuid () != 0)
    {
      g_autofree char *ro = g_build_filename (dir, "ro", NULL);
      g_autofree char *ro_path = g_build_filename (ro, "c.sqlite", NULL);

      g_assert_cmpint (g_mkdir (ro, 0500), ==, 0);
      cache = cd_cache_open (ro_path, NULL, &error);
      g_assert_null (cache);
      g_assert_error (error, CD_CACHE_ERROR, CD_CACHE_ERROR_READ_ONLY);
      g_chmod (ro, 0700);
    }
}

static void
test_disk_full (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "c.sqlite", NULL);
  g_autoptr(CdCache) cache = open_cache (path, NULL);
  CdDatabase *db = cd_cache_get_database (cache);
  g_autoptr(GString) big = g_string_new ("{\"id\":9,\"first_name\":\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCacheEntry) still = NULL;
  gint64 pages;

  g_assert_true (cd_cache_put_contact (cache, 501, CONTACT_JSON, NULL, 1, 1, NULL));
  pages = cd_database_query_int (db, "PRAGMA page_count", NULL);
  g_assert_true (cd_database_set_max_page_count (db, pages, NULL));
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (big, 'a' + i % 26);
  g_string_append (big, "\"}");

  g_assert_false (cd_cache_put_contact (cache, 9, big->str, NULL, 1, 1, &error));
  g_assert_error (error, CD_CACHE_ERROR, CD_CACHE_ERROR_FULL);
  /* Reads keep working. */
  still = cd_cache_get_contact (cache, 501, NULL);
  g_assert_nonnull (still);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cache/path", test_path);
  g_test_add_func ("/cache/migrate/empty", test_migrate_empty);
  g_test_add_func ("/cache/migrate/zero-byte-file", test_migrate_zero_file);
  g_test_add_func ("/cache/migrate/from-v1", test_migrate_v1);
  g_test_add_func ("/cache/migrate/from-v2", test_migrate_v2);
  g_test_add_func ("/cache/round-trip", test_round_trip);
  g_test_add_func ("/cache/merge-etag", test_merge_etag);
  g_test_add_func ("/cache/older-copy-kept-out", test_older_copy_kept_out);
  g_test_add_func ("/cache/search-and-recent", test_search_and_recent);
  g_test_add_func ("/cache/purge", test_purge);
  g_test_add_func ("/cache/clear", test_clear);
  g_test_add_func ("/cache/corrupt/garbage", test_corrupt_garbage);
  g_test_add_func ("/cache/corrupt/too-new", test_corrupt_too_new);
  g_test_add_func ("/cache/corrupt/pages", test_corrupt_pages);
  g_test_add_func ("/cache/error/unwritable-dir", test_unwritable_dir);
  g_test_add_func ("/cache/error/disk-full", test_disk_full);

  return g_test_run ();
}
