/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-contact-page.h"
#include "cd-demo-server.h"
#include "cd-finder.h"
#include "cd-window.h"
#include "../cd-test-util.h"

/*
 * The German translation, as a user with LANGUAGE=de sees it: the contact
 * page's header buttons, the finder and the shortcuts window are in German.
 * The catalogue comes from the build tree (CONTACT_DETAIL_LOCALEDIR, set by
 * meson to BUILDDIR/po), the way main() binds it.
 */

#define DEADLINE_S 20

/* The texts of every visible button (label, or its child labels) under @widget. */
static void
collect_button_texts (GtkWidget *widget,
                      GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_button_get_label (GTK_BUTTON (widget))));
  if (GTK_IS_LABEL (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_button_texts (child, texts);
}

static gboolean
contains (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (texts->pdata[i], text))
      return TRUE;

  return FALSE;
}

/* The texts of all labels under @widget, shown or not (cards fill them on load). */
static void
collect_label_texts (GtkWidget *widget,
                     GString   *texts)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static gboolean
page_settled (CdContactPage *page)
{
  CdResourceState state = cd_contact_page_get_state (page);

  return cd_contact_page_get_contact_id (page) == CD_DEMO_CONTACT_NAMED &&
         state != CD_RESOURCE_LOADING && state != CD_RESOURCE_STALE;
}

static void
test_german_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDemoServer) server = NULL;
  g_autoptr(CdRepository) repository = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *tmp = g_dir_make_tmp ("cd-test-i18n-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (tmp, "demo.sqlite", NULL);
  CdWindow *window;
  CdContactPage *page;

  g_assert_no_error (error);
  server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  repository = cd_repository_new (cd_demo_server_get_base_url (server), NULL, NULL, tmp);

  window = cd_window_new (NULL);
  page = CD_CONTACT_PAGE (cd_window_get_page (window));
  cd_window_set_repository (window, repository);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  cd_window_open_contact (window, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (page_settled (page));
  g_assert_cmpint (cd_contact_page_get_state (page), ==, CD_RESOURCE_FRESH);

  /* The header's Edit and Call buttons. */
  collect_button_texts (GTK_WIDGET (page), texts);
  if (!contains (texts, "Bearbeiten") || !contains (texts, "Anrufen"))
    {
      g_autofree char *all = NULL;

      g_ptr_array_add (texts, NULL);
      all = g_strjoinv (", ", (char **) texts->pdata);
      g_error ("Expected German header buttons, got: %s", all);
    }
  g_assert_false (contains (texts, "Edit"));
  g_assert_false (contains (texts, "Call"));

  /* The finder's placeholder text, and strings from C code. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cd_finder_get_search_entry (CD_FINDER (cd_window_get_finder (window))))), ==, "");
  g_assert_cmpstr (_("Search Contacts"), ==, "Kontakte suchen");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", 3), ==,
                   "vor %d Tagen");

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (G_OBJECT (window)->ref_count == 1);
  g_assert_finalize_object (window);

  cd_demo_server_stop (server);
  remove_tree (tmp);
}

static gboolean
labels_contain (GtkWidget  *widget,
                const char *text)
{
  g_autoptr(GString) texts = g_string_new (NULL);

  collect_label_texts (widget, texts);
  return strstr (texts->str, text) != NULL;
}

/*
 * Under de_DE.UTF-8 the page shows money, counts and dates the German way:
 * the memory card's AI usage (the demo's 0.0486 USD and 7215 tokens) reads
 * "0,0486 $ · 7.215 Tokens", and absolute dates "12. Mär 2026, 14:02".
 */
static void
test_german_formats (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDemoServer) server = NULL;
  g_autoptr(CdRepository) repository = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autoptr(GRegex) german_date = g_regex_new ("^[0-9]{1,2}\\. \\S+ [0-9]{4}, [0-9]{2}:[0-9]{2}$",
                                               G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *db_path = NULL;
  CdWindow *window;
  CdContactPage *page;

  if (!g_str_has_prefix (setlocale (LC_NUMERIC, NULL), "de_DE"))
    {
      g_test_skip ("locale de_DE.UTF-8 is not installed (run build-aux/install-deps.sh)");
      return;
    }
  tmp = g_dir_make_tmp ("cd-test-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp, "demo.sqlite", NULL);
  server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (server, 0, &error);
  g_assert_no_error (error);
  repository = cd_repository_new (cd_demo_server_get_base_url (server), NULL, NULL, tmp);

  window = cd_window_new (NULL);
  page = CD_CONTACT_PAGE (cd_window_get_page (window));
  cd_window_set_repository (window, repository);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  cd_window_open_contact (window, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (page_settled (page));
  g_assert_cmpint (cd_contact_page_get_state (page), ==, CD_RESOURCE_FRESH);
  /* the memory card loads on its own */
  WAIT_UNTIL (labels_contain (GTK_WIDGET (page), "Tokens"));

  collect_label_texts (GTK_WIDGET (page), texts);
  if (strstr (texts->str, "0,0486\xc2\xa0$ · 7.215 Tokens") == NULL)
    g_error ("Expected German money and token count on the page, got:\n%s", texts->str);
  g_assert_null (strstr (texts->str, "$0.0486"));
  g_assert_null (strstr (texts->str, "7,215"));
  if (!g_regex_match (german_date, texts->str, 0, NULL))
    g_error ("Expected a German date (\"12. Mär 2026, 14:02\") on the page, got:\n%s", texts->str);

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (G_OBJECT (window)->ref_count == 1);
  g_assert_finalize_object (window);

  cd_demo_server_stop (server);
  remove_tree (tmp);
}

/* The shortcuts window (a GtkBuilder file of ours) is translated too. */
static void
test_german_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  GObject *overlay;
  gboolean found = FALSE;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  gtk_builder_add_from_resource (builder, "/com/example/ContactDetail/gtk/help-overlay.ui", &error);
  g_assert_no_error (error);
  overlay = gtk_builder_get_object (builder, "help_overlay");

  g_ptr_array_add (stack, overlay);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
        {
          g_autofree char *title = NULL;

          g_object_get (widget, "title", &title, NULL);
          g_assert_cmpstr (title, !=, "Search Contacts");
          found |= g_strcmp0 (title, "Kontakte suchen") == 0;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_assert_true (found);

  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  const char * const *data_dirs = g_get_system_data_dirs ();
  const char *localedir = g_getenv ("CONTACT_DETAIL_LOCALEDIR");

  /* A German user: gettext honours LANGUAGE under any locale but plain "C";
   * money, numbers and dates follow LC_ALL (gtk_init() reads it again). */
  g_setenv ("LANGUAGE", "de", TRUE);
  if (setlocale (LC_ALL, "de_DE.UTF-8") != NULL)
    g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  if (localedir == NULL)
    localedir = CONTACT_DETAIL_LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (guint i = 0; data_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/ui/i18n/german-header", test_german_header);
  g_test_add_func ("/ui/i18n/german-shortcuts", test_german_shortcuts);
  g_test_add_func ("/ui/i18n/german-formats", test_german_formats);

  return g_test_run ();
}
