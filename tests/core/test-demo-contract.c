/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-demo-contract"

/* Every core model parses what the real demo backend sends, and the rules give the
 * answers the seeded edge-case contacts are made for. */

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cd-core.h"
#include "cd-demo-server.h"

typedef struct
{
  char         *dir;
  CdDemoServer *server;
  SoupSession  *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("cd-core-contract-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "demo.sqlite", NULL);
  f->server = cd_demo_server_new (db, &error);
  g_assert_no_error (error);
  cd_demo_server_start (f->server, 0, &error);
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("timeout", 20, NULL);
  /* loopback: no proxy, and no system proxy settings needed */
  soup_session_set_proxy_resolver (f->session, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "demo.sqlite", NULL);
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->session);
  cd_demo_server_stop (f->server);
  g_clear_object (&f->server);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* GET @path and return the envelope's "data" node (owned). */
static JsonNode *
get_data (Fixture    *f,
          const char *path)
{
  g_autofree char *uri = g_strconcat (cd_demo_server_get_base_url (f->server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *envelope;
  gsize size;
  const char *text;

  soup_message_headers_append (soup_message_get_request_headers (msg), "X-Api-Key", "sk_test");
  body = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  text = g_bytes_get_data (body, &size);
  root = cd_json_parse (text, (gssize) size, &error);
  g_assert_no_error (error);
  envelope = cd_json_node_get_object (root, "envelope", &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (envelope, "data"));
  return json_node_copy (json_object_get_member (envelope, "data"));
}

static CdContact *
get_contact (Fixture *f,
             gint64   id)
{
  g_autofree char *path = g_strdup_printf ("/contacts/%" G_GINT64_FORMAT, id);
  g_autoptr(JsonNode) data = get_data (f, path);
  g_autoptr(GError) error = NULL;
  CdContact *contact = cd_contact_new_from_json (data, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cd_contact_get_id (contact), ==, id);
  return contact;
}

static void
test_me (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(JsonNode) node = get_data (f, "/me");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdUser) user = cd_user_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cd_user_get_role (user), ==, CD_ROLE_TENANT_ADMIN);
  g_assert_cmpuint (g_list_model_get_n_items (cd_user_get_tenants (user)), >, 0);
  g_assert_cmpint (cd_user_get_current_tenant_id (user), >, 0);
}

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) page = get_data (f, "/contacts?per_page=100");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = cd_contact_list_from_json (page, &error);
  CdCallContext ctx = { TRUE, CD_ROLE_TENANT_ADMIN, TRUE };
  g_autoptr(CdContact) named = get_contact (f, CD_DEMO_CONTACT_NAMED);
  g_autoptr(CdContact) phone_only = get_contact (f, CD_DEMO_CONTACT_PHONE_ONLY);
  g_autoptr(CdContact) id_only = get_contact (f, CD_DEMO_CONTACT_ID_ONLY);
  g_autoptr(CdContact) dnc = get_contact (f, CD_DEMO_CONTACT_DNC);
  g_autoptr(CdContact) archived = get_contact (f, CD_DEMO_CONTACT_ARCHIVED);
  g_autoptr(CdContact) erased = get_contact (f, CD_DEMO_CONTACT_ERASED);
  g_autoptr(CdContact) markup = get_contact (f, CD_DEMO_CONTACT_MARKUP);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *reason = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), >=, 12);

  title = cd_contact_dup_display_title (named);
  subtitle = cd_contact_dup_display_subtitle (named);
  g_assert_cmpstr (title, !=, cd_contact_get_phone_e164 (named));
  g_assert_true (g_str_has_prefix (title, cd_contact_get_first_name (named)));
  g_assert_cmpstr (subtitle, ==, cd_contact_get_phone_e164 (named));
  g_assert_nonnull (cd_contact_get_phone_e164 (named));
  g_assert_cmpint (cd_contact_get_call_count (named), >, 0);
  g_assert_true (cd_contact_is_callable (named, &ctx, NULL));
  g_clear_pointer (&title, g_free);

  title = cd_contact_dup_display_title (phone_only);
  g_assert_cmpstr (title, ==, cd_contact_get_phone_e164 (phone_only));
  g_clear_pointer (&title, g_free);

  title = cd_contact_dup_display_title (id_only);
  g_assert_cmpstr (title, ==, "Contact #503");
  g_assert_false (cd_contact_is_callable (id_only, &ctx, &reason));
  g_assert_cmpstr (reason, ==, "Not callable: no phone number");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&reason, g_free);

  g_assert_true (cd_contact_get_dnc_listed (dnc));
  g_assert_false (cd_contact_is_callable (dnc, &ctx, &reason));
  g_assert_cmpstr (reason, ==, "Not callable: on the Do-Not-Call list");
  g_clear_pointer (&reason, g_free);

  g_assert_cmpint (cd_contact_get_lifecycle_state (archived), ==, CD_LIFECYCLE_STATE_ARCHIVED);
  g_assert_false (cd_contact_is_callable (archived, &ctx, &reason));
  g_assert_cmpstr (reason, ==, "Not callable: archived");
  g_clear_pointer (&reason, g_free);

  g_assert_true (cd_contact_is_erased (erased));
  g_assert_null (cd_contact_get_email (erased));
  g_assert_false (cd_contact_is_callable (erased, &ctx, &reason));
  g_assert_cmpstr (reason, ==, "Not callable: erased");

  /* markup characters survive verbatim */
  title = cd_contact_dup_display_title (markup);
  g_assert_nonnull (strchr (title, '<'));
}

static void
test_custom_fields (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) node = get_data (f, "/custom_fields");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) defs = cd_custom_field_list_from_json (node, &error);
  g_autoptr(CdContact) named = get_contact (f, CD_DEMO_CONTACT_NAMED);
  g_autoptr(GPtrArray) fields = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (defs), >, 0);
  fields = cd_contact_dup_visible_fields (named, defs);
  g_assert_cmpuint (fields->len, >, 0);
  for (guint i = 0; i < fields->len; i++)
    {
      CdVisibleField *field = g_ptr_array_index (fields, i);

      g_assert_nonnull (field->label);
      g_assert_true (field->value_text != NULL && *field->value_text != '\0');
    }
}

static void
test_sessions (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/voice_sessions?contact_id=%d&page_size=10", CD_DEMO_CONTACT_NAMED);
  g_autoptr(JsonNode) page = get_data (f, path);
  g_autoptr(GError) error = NULL;
  JsonObject *object = json_node_get_object (page);
  g_autoptr(GListModel) rows = cd_voice_session_list_from_json (json_object_get_member (object, "items"), &error);
  g_autoptr(CdVoiceSession) first = NULL;
  g_autoptr(CdVoiceSession) detail = NULL;
  g_autoptr(JsonNode) detail_node = NULL;
  g_autofree char *detail_path = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpint (cd_voice_session_get_contact_id (first), ==, CD_DEMO_CONTACT_NAMED);
  g_assert_false (cd_voice_session_get_has_detail (first));
  g_assert_cmpint (cd_voice_session_get_status (first), !=, CD_SESSION_STATUS_UNKNOWN);
  g_assert_cmpint (cd_voice_session_get_direction (first), !=, CD_DIRECTION_UNKNOWN);
  g_assert_nonnull (cd_voice_session_get_started_at (first));

  detail_path = g_strdup_printf ("/voice_sessions/%" G_GINT64_FORMAT, cd_voice_session_get_id (first));
  detail_node = get_data (f, detail_path);
  detail = cd_voice_session_new_from_json (detail_node, &error);
  g_assert_no_error (error);
  g_assert_true (cd_voice_session_get_has_detail (detail));
  g_assert_cmpuint (g_list_model_get_n_items (cd_voice_session_get_cost_breakdown (detail)), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (cd_voice_session_get_raw (detail), "provider"), ==, "demo");
  g_assert_true (cd_voice_session_has_analysis_success (detail));
}

static void
test_catalog (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) numbers = get_data (f, "/phone_numbers?status=active");
  g_autoptr(JsonNode) agents = get_data (f, "/agents?status=active");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) number_list = cd_phone_number_list_from_json (numbers, &error);
  g_autoptr(GListModel) agent_list = NULL;
  g_autoptr(CdPhoneNumber) number = NULL;
  g_autoptr(CdAgent) agent = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (number_list), >, 0);
  number = g_list_model_get_item (number_list, 0);
  g_assert_true (g_str_has_prefix (cd_phone_number_get_e164 (number), "+"));

  agent_list = cd_agent_list_from_json (agents, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (agent_list), >, 0);
  agent = g_list_model_get_item (agent_list, 0);
  g_assert_nonnull (cd_agent_get_name (agent));
}

static void
test_campaign (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CdContact) named = get_contact (f, CD_DEMO_CONTACT_NAMED);
  CdCampaign *recent = cd_contact_get_recent_campaign (named);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCampaign) campaign = NULL;

  g_assert_nonnull (recent);
  path = g_strdup_printf ("/bulk_call_campaigns/%" G_GINT64_FORMAT, cd_campaign_get_id (recent));
  node = get_data (f, path);
  campaign = cd_campaign_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_campaign_get_name (campaign), ==, cd_campaign_get_name (recent));
  g_assert_nonnull (cd_campaign_get_status (campaign));
}

static void
test_follow_ups (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/contacts/%d/follow_ups", CD_DEMO_CONTACT_FOLLOW_UPS);
  g_autoptr(JsonNode) node = get_data (f, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = cd_follow_up_list_from_json (node, &error);
  guint seen = 0;

  g_assert_no_error (error);
  /* one follow-up in every status, each known to us */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CdFollowUp) follow_up = g_list_model_get_item (list, i);

      g_assert_cmpint (cd_follow_up_get_status (follow_up), !=, CD_FOLLOW_UP_STATUS_UNKNOWN);
      g_assert_cmpint (cd_follow_up_get_group (follow_up), !=, CD_FOLLOW_UP_GROUP_UNKNOWN);
      g_assert_true (cd_follow_up_allowed_actions (follow_up) & CD_FOLLOW_UP_ACTIONS_VIEW);
      seen |= 1u << cd_follow_up_get_status (follow_up);
    }
  g_assert_cmpuint (seen, ==, 0x1fe);
}

static void
test_memory (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/contacts/%d/memory", CD_DEMO_CONTACT_NAMED);
  g_autofree char *empty_path = g_strdup_printf ("/contacts/%d/memory", CD_DEMO_CONTACT_EMPTY);
  g_autoptr(JsonNode) node = get_data (f, path);
  g_autoptr(JsonNode) empty_node = get_data (f, empty_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMemory) memory = cd_memory_new_from_json (node, &error);
  g_autoptr(CdMemory) empty = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (cd_memory_get_summary (memory));
  g_assert_cmpuint (g_list_model_get_n_items (cd_memory_get_facts (memory)), >, 0);
  g_assert_cmpint (cd_memory_get_rebuild_status (memory), !=, CD_REBUILD_STATUS_UNKNOWN);

  empty = cd_memory_new_from_json (empty_node, &error);
  g_assert_no_error (error);
  g_assert_null (cd_memory_get_summary (empty));
  g_assert_cmpuint (g_list_model_get_n_items (cd_memory_get_facts (empty)), ==, 0);
  g_assert_cmpint (cd_memory_get_rebuild_status (empty), ==, CD_REBUILD_STATUS_IDLE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/demo-contract/me", test_me);
  ADD ("/demo-contract/contacts", test_contacts);
  ADD ("/demo-contract/custom-fields", test_custom_fields);
  ADD ("/demo-contract/sessions", test_sessions);
  ADD ("/demo-contract/catalog", test_catalog);
  ADD ("/demo-contract/campaign", test_campaign);
  ADD ("/demo-contract/follow-ups", test_follow_ups);
  ADD ("/demo-contract/memory", test_memory);
#undef ADD

  return g_test_run ();
}
