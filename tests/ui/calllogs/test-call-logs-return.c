/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

/* The return link on a real contact page: View all pushes the full page, Back
 * (contact.back) pops it, and the embedded card kept its search, sort and page. */

#include <adwaita.h>

#include "calllogs-test-common.h"
#include "cd-call-detail-page.h"
#include "cd-call-logs-card.h"
#include "cd-call-logs-page.h"
#include "cd-contact-page.h"

typedef struct
{
  Fixture        base;
  CdContactPage *page;
  CdCallLogsCard *card;
} ReturnFixture;

static void
on_view_all (CdCallLogsCard *card,
             ReturnFixture  *fixture)
{
  cd_contact_page_push (fixture->page,
                        cd_call_logs_page_new (fixture->base.repository,
                                               cd_call_logs_card_get_contact_id (card),
                                               cd_contact_page_get_title (fixture->page)));
}

static void
on_open_session (CdCallLogsCard *card,
                 gint64          session_id,
                 ReturnFixture  *fixture)
{
  cd_contact_page_push (fixture->page,
                        cd_call_detail_page_new (fixture->base.repository, session_id,
                                                 cd_contact_page_get_title (fixture->page)));
}

static void
setup (ReturnFixture *fixture,
       gconstpointer  data)
{
  fixture_start (&fixture->base, data);
  fixture->base.window = gtk_window_new ();
  gtk_window_set_default_size (fixture->base.window, 1200, 900);
  fixture->page = CD_CONTACT_PAGE (cd_contact_page_new ());
  gtk_window_set_child (fixture->base.window, GTK_WIDGET (fixture->page));
  cd_contact_page_set_repository (fixture->page, fixture->base.repository);
  fixture->card = CD_CALL_LOGS_CARD (cd_call_logs_card_new ());
  gtk_box_append (cd_contact_page_get_call_logs_slot (fixture->page), GTK_WIDGET (fixture->card));
  cd_call_logs_card_set_repository (fixture->card, fixture->base.repository);
  g_signal_connect (fixture->card, "view-all", G_CALLBACK (on_view_all), fixture);
  g_signal_connect (fixture->card, "open-session", G_CALLBACK (on_open_session), fixture);
  gtk_window_present (fixture->base.window);
  cd_contact_page_load (fixture->page, CD_DEMO_CONTACT_NAMED);
  cd_call_logs_card_load (fixture->card, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (cd_call_logs_card_get_state (fixture->card) == CD_CALL_LOGS_STATE_READY &&
              !cd_call_logs_card_get_loading (fixture->card));
}

static void
teardown (ReturnFixture *fixture,
          gconstpointer  data)
{
  gtk_window_destroy (fixture->base.window);
  fixture_stop (&fixture->base);
}

static void
test_view_all_and_back (ReturnFixture *fixture,
                        gconstpointer  data)
{
  CdCallLogsCard *card = fixture->card;
  GtkColumnView *view = cd_call_logs_card_get_column_view (card);
  g_autoptr (GtkColumnViewColumn) duration = g_list_model_get_item (gtk_column_view_get_columns (view), 3);
  const CdSessionFilter *filter = cd_call_logs_card_get_filter (card);
  g_autoptr (GArray) before = NULL;
  g_autoptr (GArray) after = NULL;
  GtkWidget *top;

  gtk_editable_set_text (cd_call_logs_card_get_search_entry (card), "Riya");
  WAIT_UNTIL (g_strcmp0 (filter->search, "Riya") == 0 && !cd_call_logs_card_get_loading (card));
  gtk_column_view_sort_by_column (view, duration, GTK_SORT_ASCENDING);
  WAIT_UNTIL (g_strcmp0 (filter->sort, "duration") == 0 && !cd_call_logs_card_get_loading (card));
  if (gtk_widget_activate_action (GTK_WIDGET (card), "calllogs.next-page", NULL))
    WAIT_UNTIL (!cd_call_logs_card_get_loading (card));
  before = model_ids (cd_call_logs_card_get_model (card));

  gtk_widget_activate_action (GTK_WIDGET (card), "calllogs.view-all", NULL);
  top = cd_contact_page_get_top_page (fixture->page);
  g_assert_true (CD_IS_CALL_LOGS_PAGE (top));
  WAIT_UNTIL (cd_session_list_model_get_total (cd_call_logs_page_get_model (CD_CALL_LOGS_PAGE (top))) == 14);

  g_assert_true (gtk_widget_activate_action (top, "contact.back", NULL));
  g_assert_false (CD_IS_CALL_LOGS_PAGE (cd_contact_page_get_top_page (fixture->page)));
  after = model_ids (cd_call_logs_card_get_model (card));
  assert_same_ids (before, after);
  g_assert_cmpstr (gtk_editable_get_text (cd_call_logs_card_get_search_entry (card)), ==, "Riya");
  g_assert_cmpstr (filter->search, ==, "Riya");
  g_assert_cmpstr (filter->sort, ==, "duration");
  g_assert_cmpstr (filter->order, ==, "asc");

  /* A row opens the detail page; Back returns to the same card state too. */
  g_signal_emit_by_name (view, "activate", 0);
  top = cd_contact_page_get_top_page (fixture->page);
  g_assert_true (CD_IS_CALL_DETAIL_PAGE (top));
  WAIT_UNTIL (cd_call_detail_page_get_state (CD_CALL_DETAIL_PAGE (top)) == CD_CALL_DETAIL_READY);
  g_assert_true (gtk_widget_activate_action (top, "contact.back", NULL));
  g_clear_pointer (&after, g_array_unref);
  after = model_ids (cd_call_logs_card_get_model (card));
  assert_same_ids (before, after);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/calllogs/return/view-all-and-back", ReturnFixture, NULL, setup,
              test_view_all_and_back, teardown);
  return g_test_run ();
}
