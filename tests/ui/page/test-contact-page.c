/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-test"

#include <glib/gstdio.h>

#include "cd-columns.h"
#include "cd-contact-page.h"
#include "cd-tile-grid.h"
#include "cd-follow-ups-card.h"
#include "cd-follow-ups-workspace.h"
#include "cd-memory-card.h"
#include "cd-call-logs-card.h"
#include "cd-call-logs-page.h"
#include "cd-call-detail-page.h"
#include "cd-voice-session.h"
#include "cd-error.h"
#include "cd-demo-server.h"
#include "cd-format.h"
#include "../../cd-test-util.h"

#define DEADLINE_S 20

typedef struct
{
  char          *tmp_dir;
  CdDemoServer  *server;
  CdRepository  *repository;
  GtkWindow     *window;
  CdContactPage *page;
  GPtrArray     *requested;
} Fixture;

static void
on_action_requested (CdContactPage *page,
                     const char    *name,
                     Fixture       *fixture)
{
  g_ptr_array_add (fixture->requested, g_strdup (name));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *cache_dir = NULL;

  /* Isolated XDG dirs hide the MIME database, and GTK needs it to load the
   * recoloured symbolic SVGs of large icons (status pages). */
  g_content_type_set_mime_dirs ((const char * const[]) { "/usr/share/mime", NULL });

  fixture->tmp_dir = g_dir_make_tmp ("cd-test-page-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (fixture->tmp_dir, "demo.sqlite", NULL);
  fixture->server = cd_demo_server_new (db_path, &error);
  g_assert_no_error (error);
  cd_demo_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);
  if (data != NULL)
    cd_demo_server_set_role (fixture->server, data);

  cache_dir = g_build_filename (fixture->tmp_dir, "cache", NULL);
  g_mkdir_with_parents (cache_dir, 0700);
  fixture->repository = cd_repository_new (cd_demo_server_get_base_url (fixture->server),
                                           NULL, NULL, cache_dir);

  fixture->requested = g_ptr_array_new_with_free_func (g_free);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 800);
  fixture->page = CD_CONTACT_PAGE (cd_contact_page_new ());
  g_signal_connect (fixture->page, "action-requested", G_CALLBACK (on_action_requested), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  cd_contact_page_set_repository (fixture->page, fixture->repository);
  gtk_window_present (fixture->window);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_object_ref (fixture->page);
  gtk_window_destroy (fixture->window);
  /* Pending async calls hold references until their cancellation is delivered. */
  WAIT_UNTIL (G_OBJECT (fixture->page)->ref_count == 1);
  g_assert_finalize_object (fixture->page);
  g_clear_pointer (&fixture->requested, g_ptr_array_unref);
  g_clear_object (&fixture->repository);
  cd_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  remove_tree (fixture->tmp_dir);
  g_clear_pointer (&fixture->tmp_dir, g_free);
}

static GtkWidget *
part (Fixture    *fixture,
      const char *name)
{
  GtkWidget *widget = cd_contact_page_get_part (fixture->page, name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
settled (Fixture *fixture)
{
  CdResourceState state = cd_contact_page_get_state (fixture->page);

  return state != CD_RESOURCE_LOADING && state != CD_RESOURCE_STALE;
}

/* Loads @id and waits until the server answered and, when the page shows a contact,
 * the header actions reflect the user's role (the Edit or Actions button appears
 * for every role that may see anything, or the reason line explains). */
static void
load (Fixture *fixture,
      gint64   id)
{
  cd_contact_page_load (fixture->page, id);
  WAIT_UNTIL (settled (fixture));
  WAIT_UNTIL (cd_resource_get_value (cd_contact_page_get_resource (fixture->page)) == NULL ||
              gtk_widget_get_visible (part (fixture, "reason_label")) ||
              gtk_widget_get_visible (part (fixture, "call_button")));
  /* Let the frame clock lay out and map what became visible. */
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* All label text under @widget that a user can see, joined by newlines. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static char *
visible_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_text (widget, out);
  return g_string_free (out, FALSE);
}

static gboolean
model_has_action (GMenuModel *model,
                  const char *action)
{
  for (int i = 0; model && i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && model_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* Whether the Actions menu offers @action (and the button is shown at all). */
static gboolean
menu_has_action (GtkWidget  *menu_button,
                 const char *action)
{
  return gtk_widget_get_visible (menu_button) &&
         model_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), action);
}

static const char *
stack_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (part (fixture, "stack")));
}

static void
assert_title (Fixture    *fixture,
              gint64      id,
              const char *title,
              const char *subtitle)
{
  AdwWindowTitle *window_title = ADW_WINDOW_TITLE (part (fixture, "window_title"));

  load (fixture, id);
  g_assert_cmpint (cd_contact_page_get_state (fixture->page), ==, CD_RESOURCE_FRESH);
  g_assert_cmpstr (cd_contact_page_get_title (fixture->page), ==, title);
  g_assert_cmpstr (adw_window_title_get_title (window_title), ==, title);
  g_assert_cmpstr (adw_window_title_get_subtitle (window_title), ==, subtitle);
  g_assert_cmpstr (stack_page (fixture), ==, "content");
}

static void
test_titles (Fixture *fixture, gconstpointer data)
{
  assert_title (fixture, 501, "Rahul Mehta", "+919900000001");
  assert_title (fixture, 502, "+14155550142", "");
  assert_title (fixture, 503, "Contact #503", "Globex Industries");
  /* Markup-like names are shown verbatim, never parsed. */
  assert_title (fixture, 509, "<b>Bold</b> & Sons <i>", "+15555550509");
  assert_title (fixture, 510, "ليلى حداد", "+971501234567");
}

static void
test_active_buttons (Fixture *fixture, gconstpointer data)
{
  GtkWidget *dnc = part (fixture, "dnc_button");
  GtkWidget *actions = part (fixture, "actions_button");
  const char *tooltip;

  load (fixture, 501);
  g_assert_true (gtk_widget_get_mapped (part (fixture, "call_button")));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "edit_button")));
  g_assert_true (gtk_widget_get_mapped (dnc));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (dnc)), ==, "Add to DNC");
  g_assert_true (gtk_widget_get_mapped (actions));
  g_assert_true (menu_has_action (actions, "contact.archive"));
  g_assert_true (menu_has_action (actions, "contact.export"));
  g_assert_false (menu_has_action (actions, "contact.unarchive"));
  g_assert_false (gtk_widget_get_visible (part (fixture, "reason_label")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "badges_box")));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (part (fixture, "banner_revealer"))));
  tooltip = gtk_widget_get_tooltip_text (part (fixture, "call_button"));
  g_assert_cmpstr (tooltip, ==, "Call this contact");

  /* The header actions reach the window through "action-requested". */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.call", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.toggle-dnc", NULL);
  g_assert_cmpuint (fixture->requested->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->requested, 0), ==, "call");
  g_assert_cmpstr (g_ptr_array_index (fixture->requested, 1), ==, "toggle-dnc");
}

static void
test_dnc_contact (Fixture *fixture, gconstpointer data)
{
  g_autofree char *profile = NULL;

  load (fixture, 504);
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "dnc_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (part (fixture, "dnc_button"))), ==, "Remove from DNC");
  g_assert_true (gtk_widget_get_mapped (part (fixture, "reason_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "reason_label"))), ==,
                   "Not callable: on the Do-Not-Call list");
  g_assert_true (gtk_widget_get_mapped (part (fixture, "dnc_badge")));
  profile = visible_text (part (fixture, "profile_list"));
  g_assert_nonnull (strstr (profile, "Listed"));
}

static void
test_archived_contact (Fixture *fixture, gconstpointer data)
{
  load (fixture, 505);
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "archived_badge")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "erased_badge")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "reason_label"))), ==,
                   "Not callable: archived");
  g_assert_false (menu_has_action (part (fixture, "actions_button"), "contact.archive"));
  g_assert_true (menu_has_action (part (fixture, "actions_button"), "contact.unarchive"));
}

static void
test_erased_contact (Fixture *fixture, gconstpointer data)
{
  g_autofree char *profile = NULL;

  load (fixture, 506);
  g_assert_cmpstr (cd_contact_page_get_title (fixture->page), ==, "Contact #506");
  g_assert_true (gtk_widget_get_mapped (part (fixture, "erased_badge")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "edit_button")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "dnc_button")));
  g_assert_false (menu_has_action (part (fixture, "actions_button"), "contact.gdpr-erase"));
  profile = visible_text (part (fixture, "profile_list"));
  g_assert_nonnull (strstr (profile, "Redacted"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "reason_label"))), ==,
                   "Not callable: erased");
}

static void
test_viewer_role (Fixture *fixture, gconstpointer data)
{
  load (fixture, 501);
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "edit_button")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "dnc_button")));
  g_assert_false (menu_has_action (part (fixture, "actions_button"), "contact.gdpr-erase"));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "reason_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "reason_label"))), ==,
                   "Not callable: your role can’t place calls");
}

static void
assert_offline_page (Fixture *fixture)
{
  const char *banner = gtk_label_get_text (GTK_LABEL (part (fixture, "banner_label")));

  g_assert_cmpint (cd_contact_page_get_state (fixture->page), ==, CD_RESOURCE_OFFLINE);
  g_assert_cmpstr (stack_page (fixture), ==, "content");
  g_assert_cmpstr (cd_contact_page_get_title (fixture->page), ==, "Rahul Mehta");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (part (fixture, "banner_revealer"))));
  g_assert_true (g_str_has_prefix (banner, "Offline — showing data saved "));
  WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (part (fixture, "banner_revealer"))));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "banner_label")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "banner_details_button")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "reason_label"))), ==,
                   "Not callable: offline");
  g_assert_true (gtk_widget_get_mapped (part (fixture, "reason_label")));
  g_assert_false (menu_has_action (part (fixture, "actions_button"), "contact.archive"));
  g_assert_false (menu_has_action (part (fixture, "actions_button"), "contact.export"));
}

static void
test_offline_reopen (Fixture *fixture, gconstpointer data)
{
  load (fixture, 501);
  g_assert_true (gtk_widget_get_visible (part (fixture, "call_button")));
  cd_demo_server_stop (fixture->server);
  load (fixture, 501);
  assert_offline_page (fixture);
}

static void
test_backend_killed (Fixture *fixture, gconstpointer data)
{
  load (fixture, 501);
  cd_demo_server_stop (fixture->server);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.refresh", NULL);
  WAIT_UNTIL (cd_contact_page_get_state (fixture->page) == CD_RESOURCE_OFFLINE);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  assert_offline_page (fixture);
  /* Refresh is not a dialog: it never reaches the window. */
  g_assert_cmpuint (fixture->requested->len, ==, 0);
}

static void
test_tiles (Fixture *fixture, gconstpointer data)
{
  GtkWidget *campaign = part (fixture, "campaign_button");

  load (fixture, 501);
  g_assert_true (gtk_widget_get_mapped (part (fixture, "tile_interaction_value")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "tile_interaction_value"))), !=, CD_EM_DASH);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "tile_call_value"))), !=, CD_EM_DASH);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "tile_talk_value"))), !=, CD_EM_DASH);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (part (fixture, "tile_talk_value"))), "min"));
  g_assert_true (gtk_widget_get_mapped (campaign));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "campaign_label"))), ==, "Q2 Reactivation");
  g_assert_nonnull (gtk_widget_get_tooltip_text (part (fixture, "tile_interaction_value")));
  /* The campaign link's popover summarises what the contact knows of it. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "campaign_name_label"))), ==, "Q2 Reactivation");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (part (fixture, "campaign_summary_label"))),
                            "Status: running"));
  /* Opening the popover fetches the full campaign: its agent and time zone appear. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (campaign));
  WAIT_UNTIL (strstr (gtk_label_get_text (GTK_LABEL (part (fixture, "campaign_summary_label"))),
                      "Agent: —") == NULL);
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (part (fixture, "campaign_summary_label"))),
                         "Timezone: —"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (campaign));

  load (fixture, 507);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "tile_interaction_value"))), ==, CD_EM_DASH);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "tile_call_value"))), ==, CD_EM_DASH);
  g_assert_false (gtk_widget_get_visible (campaign));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "tile_campaign_value")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "tile_campaign_value"))), ==, CD_EM_DASH);
  g_assert_false (gtk_widget_get_visible (part (fixture, "tile_call_detail")));
}

static void
test_sidebar (Fixture *fixture, gconstpointer data)
{
  g_autofree char *fields = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *profile = NULL;

  load (fixture, 501);
  WAIT_UNTIL (gtk_widget_get_visible (part (fixture, "fields_card")));
  fields = visible_text (part (fixture, "fields_list"));
  g_assert_nonnull (strstr (fields, "Plan tier\nGold\n"));
  g_assert_nonnull (strstr (fields, "Newsletter opt-in\nYes\n"));
  /* Campaign-signal fields are not listed. */
  g_assert_null (strstr (fields, "Interest score"));
  g_assert_null (strstr (fields, "Last call outcome"));
  labels = visible_text (part (fixture, "labels_card"));
  g_assert_nonnull (strstr (labels, "vip"));
  g_assert_nonnull (strstr (labels, "renewal"));
  profile = visible_text (part (fixture, "profile_list"));
  g_assert_nonnull (strstr (profile, "rahul@example.com"));
  g_assert_nonnull (strstr (profile, "India (IN)"));
  g_assert_nonnull (strstr (profile, "local, Asia/Kolkata"));
  g_assert_nonnull (strstr (profile, "Not listed"));

  /* No tags, no custom fields: both cards absent. */
  load (fixture, 507);
  g_assert_false (gtk_widget_get_visible (part (fixture, "labels_card")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "fields_card")));
}

static void
test_not_found (Fixture *fixture, gconstpointer data)
{
  AdwStatusPage *status;

  load (fixture, 99999);
  status = ADW_STATUS_PAGE (part (fixture, "not_found_page"));
  g_assert_cmpint (cd_contact_page_get_state (fixture->page), ==, CD_RESOURCE_NOT_FOUND);
  g_assert_cmpstr (stack_page (fixture), ==, "not-found");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Contact not found");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "99999"));
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
}

static void
test_error_without_cache (Fixture *fixture, gconstpointer data)
{
  AdwStatusPage *status = ADW_STATUS_PAGE (part (fixture, "error_page"));

  cd_demo_server_inject_fault (fixture->server, "/contacts/501", CD_DEMO_FAULT_STATUS, 500, 5);
  load (fixture, 501);
  g_assert_cmpint (cd_contact_page_get_state (fixture->page), ==, CD_RESOURCE_ERROR);
  g_assert_cmpstr (stack_page (fixture), ==, "error");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Couldn’t load contact");
  g_assert_true (gtk_widget_get_mapped (part (fixture, "error_retry_button")));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "error_details_label")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "error_settings_button")));

  /* Retry once the server recovers. */
  cd_demo_server_clear_faults (fixture->server);
  g_signal_emit_by_name (part (fixture, "error_retry_button"), "clicked");
  WAIT_UNTIL (cd_contact_page_get_state (fixture->page) == CD_RESOURCE_FRESH);
  g_assert_cmpstr (stack_page (fixture), ==, "content");
  g_assert_cmpstr (cd_contact_page_get_title (fixture->page), ==, "Rahul Mehta");
}

static void
test_malformed_json (Fixture *fixture, gconstpointer data)
{
  cd_demo_server_inject_fault (fixture->server, "/contacts/501", CD_DEMO_FAULT_MALFORMED_JSON, 0, 5);
  load (fixture, 501);
  g_assert_cmpint (cd_contact_page_get_state (fixture->page), ==, CD_RESOURCE_ERROR);
  g_assert_cmpstr (stack_page (fixture), ==, "error");
  g_assert_true (gtk_widget_get_mapped (part (fixture, "error_retry_button")));
}

static void
test_unauthorized (Fixture *fixture, gconstpointer data)
{
  AdwStatusPage *status = ADW_STATUS_PAGE (part (fixture, "error_page"));
  GtkWidget *settings = part (fixture, "error_settings_button");

  cd_demo_server_inject_fault (fixture->server, "/contacts/501", CD_DEMO_FAULT_STATUS, 401, 5);
  load (fixture, 501);
  g_assert_cmpint (cd_contact_page_get_state (fixture->page), ==, CD_RESOURCE_ERROR);
  g_assert_cmpstr (stack_page (fixture), ==, "error");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Not signed in");
  g_assert_true (gtk_widget_get_mapped (settings));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (settings)), ==, "app.preferences");
}

static void
test_error_with_cache (Fixture *fixture, gconstpointer data)
{
  const char *banner;
  const char *details;

  load (fixture, 501);
  cd_demo_server_inject_fault (fixture->server, "/contacts/501", CD_DEMO_FAULT_STATUS, 500, 5);
  load (fixture, 501);
  g_assert_cmpint (cd_contact_page_get_state (fixture->page), ==, CD_RESOURCE_ERROR);
  g_assert_cmpstr (stack_page (fixture), ==, "content");
  g_assert_cmpstr (cd_contact_page_get_title (fixture->page), ==, "Rahul Mehta");
  WAIT_UNTIL (gtk_revealer_get_child_revealed (GTK_REVEALER (part (fixture, "banner_revealer"))));
  banner = gtk_label_get_text (GTK_LABEL (part (fixture, "banner_label")));
  g_assert_true (g_str_has_prefix (banner, "Couldn’t refresh — showing data from "));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "banner_retry_button")));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "banner_details_button")));
  details = gtk_label_get_text (GTK_LABEL (part (fixture, "details_label")));
  g_assert_nonnull (strstr (details, "Request ID:"));

  /* 401 with a cached copy: page kept, banner leads to the account settings. */
  cd_demo_server_clear_faults (fixture->server);
  cd_demo_server_inject_fault (fixture->server, "/contacts/501", CD_DEMO_FAULT_STATUS, 401, 5);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.refresh", NULL);
  WAIT_UNTIL (gtk_widget_get_visible (part (fixture, "banner_settings_button")));
  g_assert_cmpstr (stack_page (fixture), ==, "content");

  cd_demo_server_clear_faults (fixture->server);
  g_signal_emit_by_name (part (fixture, "banner_retry_button"), "clicked");
  WAIT_UNTIL (cd_contact_page_get_state (fixture->page) == CD_RESOURCE_FRESH);
  WAIT_UNTIL (!gtk_revealer_get_reveal_child (GTK_REVEALER (part (fixture, "banner_revealer"))));
}

static void
test_follow_ups_card (Fixture *fixture, gconstpointer data)
{
  GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (cd_contact_page_get_follow_ups_slot (fixture->page)));
  gboolean viewer = data != NULL;
  GtkWidget *workspace;

  load (fixture, CD_DEMO_CONTACT_FOLLOW_UPS);
  g_assert_true (CD_IS_FOLLOW_UPS_CARD (card));
  WAIT_UNTIL (gtk_widget_get_mapped (card));
  /* Scheduling follows the role: a viewer gets no schedule controls. */
  WAIT_UNTIL (cd_follow_ups_card_get_can_schedule (CD_FOLLOW_UPS_CARD (card)) == !viewer);
  g_assert_true (cd_follow_ups_card_get_online (CD_FOLLOW_UPS_CARD (card)));

  /* View all pushes the workspace for this contact; its return link pops it. */
  g_signal_emit_by_name (card, "view-all");
  workspace = cd_contact_page_get_top_page (fixture->page);
  g_assert_true (CD_IS_FOLLOW_UPS_WORKSPACE (workspace));
  WAIT_UNTIL (gtk_widget_get_mapped (workspace));
  g_signal_emit_by_name (workspace, "back");
  g_assert_null (cd_contact_page_get_top_page (fixture->page));

  /* An archived contact keeps its follow-ups but gets no new outbound work. */
  load (fixture, CD_DEMO_CONTACT_ARCHIVED);
  WAIT_UNTIL (gtk_widget_get_mapped (part (fixture, "archived_badge")));
  g_assert_false (cd_follow_ups_card_get_can_schedule (CD_FOLLOW_UPS_CARD (card)));
}

static void
test_push_and_back (Fixture *fixture, gconstpointer data)
{
  GtkAdjustment *vadj;
  GtkWidget *pushed = gtk_label_new ("Pushed");
  double scrolled_to;

  load (fixture, 501);
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (part (fixture, "scrolled_window")));
  gtk_window_set_default_size (fixture->window, 1100, 400);
  WAIT_UNTIL (gtk_adjustment_get_upper (vadj) > gtk_adjustment_get_page_size (vadj) + 50);
  scrolled_to = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);
  gtk_adjustment_set_value (vadj, scrolled_to);

  cd_contact_page_push (fixture->page, pushed);
  g_assert_true (cd_contact_page_get_top_page (fixture->page) == pushed);
  WAIT_UNTIL (gtk_widget_get_mapped (pushed) &&
              !gtk_widget_get_mapped (part (fixture, "scrolled_window")));

  /* The return link is an action, so Alt+Left and any "Back to …" button share it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.back", NULL));
  g_assert_null (cd_contact_page_get_top_page (fixture->page));
  WAIT_UNTIL (gtk_widget_get_mapped (part (fixture, "scrolled_window")));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj), scrolled_to, 1.0);
  g_assert_false (cd_contact_page_pop (fixture->page));
}

static void
test_action_error_box (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = cd_api_error_new (CD_API_ERROR_CONFLICT, 409,
                                              "Contact has call history", "HAS_HISTORY",
                                              "req-1234");

  load (fixture, 501);
  g_assert_null (cd_contact_page_get_action_error (fixture->page));
  cd_contact_page_show_action_error (fixture->page, error);
  g_assert_cmpstr (cd_contact_page_get_action_error (fixture->page), ==, "Contact has call history");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (fixture, "action_error_request_label"))), ==,
                   "Request ID: req-1234");
  WAIT_UNTIL (gtk_widget_get_mapped (part (fixture, "action_error_label")));

  /* Reloading the same contact keeps it; another contact starts clean. */
  load (fixture, 501);
  g_assert_nonnull (cd_contact_page_get_action_error (fixture->page));
  load (fixture, 502);
  g_assert_null (cd_contact_page_get_action_error (fixture->page));
}

static void
test_archive_through_dialog (Fixture *fixture, gconstpointer data)
{
  CdContactActions *actions;
  GtkWindow *dialog;

  load (fixture, CD_DEMO_CONTACT_NAMED);
  actions = cd_contact_page_get_actions (fixture->page);
  WAIT_UNTIL (gtk_widget_get_visible (part (fixture, "actions_button")));

  /* The header action opens the confirmation; confirming archives on the server
   * and the page shows it at once, with Call hidden. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.archive", NULL));
  dialog = cd_contact_actions_get_dialog (actions);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "archive");
  WAIT_UNTIL (gtk_widget_get_mapped (part (fixture, "archived_badge")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
  g_assert_null (cd_contact_page_get_action_error (fixture->page));
  g_assert_cmpuint (cd_demo_server_get_mutation_count (fixture->server, "POST", "/contacts/501/archive"), ==, 1);
}

static void
test_action_error_inline (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog;

  load (fixture, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (gtk_widget_get_visible (part (fixture, "actions_button")));
  cd_demo_server_inject_fault (fixture->server, "/contacts/501/archive", CD_DEMO_FAULT_STATUS, 500, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.archive", NULL));
  dialog = cd_contact_actions_get_dialog (cd_contact_page_get_actions (fixture->page));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "archive");

  /* The server's failure lands in the error box with its request id; nothing changes. */
  WAIT_UNTIL (cd_contact_page_get_action_error (fixture->page) != NULL);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (part (fixture, "action_error_request_label"))),
                                   "Request ID: "));
  g_assert_false (gtk_widget_get_visible (part (fixture, "archived_badge")));
}

static void
test_memory_card (Fixture *fixture, gconstpointer data)
{
  GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (cd_contact_page_get_memory_slot (fixture->page)));
  gboolean viewer = data != NULL;

  load (fixture, CD_DEMO_CONTACT_NAMED);
  g_assert_true (CD_IS_MEMORY_CARD (card));
  WAIT_UNTIL (g_strcmp0 (cd_memory_card_get_view_state (CD_MEMORY_CARD (card)), "content") == 0);
  g_assert_nonnull (cd_memory_card_get_memory (CD_MEMORY_CARD (card)));
  /* Edits follow the role and the contact's permissions: a viewer reads only. */
  WAIT_UNTIL (cd_memory_card_get_can_edit (CD_MEMORY_CARD (card)) == !viewer);
  g_assert_cmpint (cd_memory_card_get_contact_id (CD_MEMORY_CARD (card)), ==, CD_DEMO_CONTACT_NAMED);
}

static void
test_call_logs_card (Fixture *fixture, gconstpointer data)
{
  CdCallLogsCard *card = CD_CALL_LOGS_CARD (gtk_widget_get_first_child (
                           GTK_WIDGET (cd_contact_page_get_call_logs_slot (fixture->page))));
  g_autoptr(CdVoiceSession) first = NULL;
  GtkWidget *full, *detail;

  load (fixture, CD_DEMO_CONTACT_NAMED);
  WAIT_UNTIL (cd_call_logs_card_get_state (card) == CD_CALL_LOGS_STATE_READY &&
              !cd_call_logs_card_get_loading (card));
  g_assert_cmpint (cd_call_logs_card_get_contact_id (card), ==, CD_DEMO_CONTACT_NAMED);
  g_assert_cmpuint (g_list_model_get_n_items (cd_call_logs_card_get_model (card)), ==, 10);

  /* Ctrl+Shift+F lands in the call-log search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.search-call-logs", NULL));
  WAIT_UNTIL (gtk_window_get_focus (fixture->window) != NULL &&
              gtk_widget_is_ancestor (gtk_window_get_focus (fixture->window),
                                      GTK_WIDGET (cd_call_logs_card_get_search_entry (card))));

  /* View all pushes the full page; a session there pushes its detail; back twice. */
  g_signal_emit_by_name (card, "view-all");
  full = cd_contact_page_get_top_page (fixture->page);
  g_assert_true (CD_IS_CALL_LOGS_PAGE (full));
  first = g_list_model_get_item (cd_call_logs_card_get_model (card), 0);
  g_signal_emit_by_name (full, "open-session", cd_voice_session_get_id (first));
  detail = cd_contact_page_get_top_page (fixture->page);
  g_assert_true (CD_IS_CALL_DETAIL_PAGE (detail));
  WAIT_UNTIL (gtk_widget_get_mapped (detail));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.back", NULL));
  g_assert_true (cd_contact_page_get_top_page (fixture->page) == full);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contact.back", NULL));
  g_assert_null (cd_contact_page_get_top_page (fixture->page));
}

static void
test_layout (Fixture *fixture, gconstpointer data)
{
  CdColumns *columns = CD_COLUMNS (part (fixture, "columns"));
  CdTileGrid *tiles = CD_TILE_GRID (part (fixture, "tiles_box"));
  GtkWidget *main_column = part (fixture, "main_column");
  GtkWidget *sidebar = part (fixture, "sidebar");
  graphene_point_t main_origin, side_origin;

  load (fixture, 501);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (fixture->window)) >= 1000 &&
              cd_tile_grid_get_columns (tiles) == 4);
  g_assert_false (cd_columns_get_stacked (columns));
  /* Side by side: the sidebar starts right of the main column, at the same height. */
  g_assert_true (gtk_widget_compute_point (main_column, GTK_WIDGET (columns), &GRAPHENE_POINT_INIT (0, 0), &main_origin));
  g_assert_true (gtk_widget_compute_point (sidebar, GTK_WIDGET (columns), &GRAPHENE_POINT_INIT (0, 0), &side_origin));
  g_assert_cmpfloat (side_origin.x, >, main_origin.x + 300);
  g_assert_cmpfloat (side_origin.y, ==, main_origin.y);

  gtk_window_set_default_size (fixture->window, 520, 800);
  WAIT_UNTIL (cd_columns_get_stacked (columns) && cd_tile_grid_get_columns (tiles) == 2);
  WAIT_UNTIL (gtk_widget_get_width (sidebar) == gtk_widget_get_width (main_column));
  g_assert_true (gtk_widget_compute_point (sidebar, GTK_WIDGET (columns), &GRAPHENE_POINT_INIT (0, 0), &side_origin));
  g_assert_cmpfloat (side_origin.x, ==, 0);
  g_assert_cmpfloat (side_origin.y, >=, gtk_widget_get_height (main_column));

  /* A narrow header keeps the title readable: buttons go icon-only, names stay in tooltips. */
  WAIT_UNTIL (gtk_button_get_label (GTK_BUTTON (part (fixture, "edit_button"))) == NULL);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (part (fixture, "edit_button"))), ==,
                   "document-edit-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (part (fixture, "dnc_button")), ==,
                   "Add this number to the Do-Not-Call list");

  gtk_window_set_default_size (fixture->window, 1100, 800);
  WAIT_UNTIL (!cd_columns_get_stacked (columns) &&
              gtk_button_get_label (GTK_BUTTON (part (fixture, "edit_button"))) != NULL);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (part (fixture, "edit_button"))), ==, "Edit");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (part (fixture, "dnc_button"))), ==, "Add to DNC");
}

static void
test_loading (Fixture *fixture, gconstpointer data)
{
  cd_demo_server_set_latency_ms (fixture->server, 1000);
  cd_contact_page_load (fixture->page, 501);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  /* The page layout is there at once; each card shows its own spinner. */
  g_assert_cmpint (cd_contact_page_get_state (fixture->page), ==, CD_RESOURCE_LOADING);
  g_assert_cmpstr (stack_page (fixture), ==, "content");
  g_assert_true (gtk_widget_get_mapped (part (fixture, "tiles_spinner")));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (part (fixture, "tiles_spinner"))));
  g_assert_true (gtk_widget_get_mapped (part (fixture, "profile_spinner")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "call_button")));
  g_assert_false (gtk_widget_get_visible (part (fixture, "reason_label")));

  WAIT_UNTIL (cd_contact_page_get_state (fixture->page) == CD_RESOURCE_FRESH);
  WAIT_UNTIL (gtk_widget_get_mapped (part (fixture, "tile_talk_value")));
  g_assert_false (gtk_widget_get_mapped (part (fixture, "tiles_spinner")));
  g_assert_false (gtk_widget_get_mapped (part (fixture, "profile_spinner")));
}

static void
test_back_button (Fixture *fixture, gconstpointer data)
{
  GtkWidget *back = part (fixture, "back_button");

  g_assert_false (gtk_widget_get_visible (back));
  cd_contact_page_set_show_back_button (fixture->page, TRUE);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (back));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (back)), ==, "win.show-finder");
  cd_contact_page_set_show_back_button (fixture->page, FALSE);
  g_assert_false (gtk_widget_get_visible (back));
}

static void
test_markup_verbatim (Fixture *fixture, gconstpointer data)
{
  g_autofree char *profile = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *fields = NULL;

  load (fixture, 509);
  WAIT_UNTIL (gtk_widget_get_visible (part (fixture, "fields_card")));
  profile = visible_text (part (fixture, "profile_list"));
  g_assert_nonnull (strstr (profile, "<script>x</script> & Co"));
  g_assert_nonnull (strstr (profile, "markup@example.com"));
  labels = visible_text (part (fixture, "labels_card"));
  g_assert_nonnull (strstr (labels, "<tag>"));
  g_assert_nonnull (strstr (labels, "a&b"));
  fields = visible_text (part (fixture, "fields_list"));
  g_assert_nonnull (strstr (fields, "<i>not italic</i> & <u>raw</u>"));
}

#define ADD(path, func, role) \
  g_test_add (path, Fixture, role, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  /* Without a session bus (plain xvfb-run) GTK's AT-SPI bridge can only warn,
   * and warnings are fatal in tests. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cd_test_ignore_upstream_warnings ();
  gtk_init ();
  adw_init ();

  ADD ("/contact-page/titles", test_titles, NULL);
  ADD ("/contact-page/buttons/active", test_active_buttons, NULL);
  ADD ("/contact-page/buttons/dnc", test_dnc_contact, NULL);
  ADD ("/contact-page/buttons/archived", test_archived_contact, NULL);
  ADD ("/contact-page/buttons/erased", test_erased_contact, NULL);
  ADD ("/contact-page/buttons/viewer", test_viewer_role, "tenant_viewer");
  ADD ("/contact-page/offline/reopen", test_offline_reopen, NULL);
  ADD ("/contact-page/offline/backend-killed", test_backend_killed, NULL);
  ADD ("/contact-page/tiles", test_tiles, NULL);
  ADD ("/contact-page/sidebar", test_sidebar, NULL);
  ADD ("/contact-page/state/not-found", test_not_found, NULL);
  ADD ("/contact-page/state/error", test_error_without_cache, NULL);
  ADD ("/contact-page/state/malformed-json", test_malformed_json, NULL);
  ADD ("/contact-page/state/unauthorized", test_unauthorized, NULL);
  ADD ("/contact-page/state/error-with-cache", test_error_with_cache, NULL);
  ADD ("/contact-page/cards/follow-ups", test_follow_ups_card, NULL);
  ADD ("/contact-page/cards/follow-ups-viewer", test_follow_ups_card, "tenant_viewer");
  ADD ("/contact-page/push-and-back", test_push_and_back, NULL);
  ADD ("/contact-page/action-error-box", test_action_error_box, NULL);
  ADD ("/contact-page/dialogs/archive", test_archive_through_dialog, NULL);
  ADD ("/contact-page/dialogs/error-inline", test_action_error_inline, NULL);
  ADD ("/contact-page/cards/memory", test_memory_card, NULL);
  ADD ("/contact-page/cards/memory-viewer", test_memory_card, "tenant_viewer");
  ADD ("/contact-page/cards/call-logs", test_call_logs_card, NULL);
  ADD ("/contact-page/layout", test_layout, NULL);
  ADD ("/contact-page/markup-verbatim", test_markup_verbatim, NULL);
  ADD ("/contact-page/state/loading", test_loading, NULL);
  ADD ("/contact-page/back-button", test_back_button, NULL);

  return g_test_run ();
}
