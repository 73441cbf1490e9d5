/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json"

#include <string.h>

#include "cd-core.h"

/* JSON with ' for " so the fixtures stay readable. */
static JsonNode *
parse_q (const char *quoted)
{
  g_autofree char *text = g_strdup (quoted);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_strdelimit (text, "'", '"');
  node = cd_json_parse (text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_bad_member (const GError *error,
                   const char   *member)
{
  g_autofree char *quoted = g_strdup_printf ("“%s”", member);

  g_assert_error (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);
  if (strstr (error->message, quoted) == NULL)
    g_error ("error “%s” does not name %s", error->message, quoted);
}

static GDateTime *
utc (int y, int mo, int d, int h, int mi, int s)
{
  return g_date_time_new_utc (y, mo, d, h, mi, s);
}

static void
assert_time (GDateTime *time,
             int y, int mo, int d, int h, int mi, int s)
{
  g_autoptr(GDateTime) expected = utc (y, mo, d, h, mi, s);

  g_assert_nonnull (time);
  g_assert_true (g_date_time_equal (time, expected));
}

/* ---- generic behaviour, table-driven over every model ---- */

typedef GObject    *(*NewFunc)  (JsonNode *node, GError **error);
typedef GListModel *(*ListFunc) (JsonNode *node, GError **error);

#define WRAP(name) \
  static GObject *new_##name (JsonNode *node, GError **error) \
  { return (GObject *) cd_##name##_new_from_json (node, error); }

WRAP (contact)
WRAP (custom_field)
WRAP (campaign)
WRAP (user)
WRAP (tenant)
WRAP (phone_number)
WRAP (agent)
WRAP (agent_variable)
WRAP (voice_session)
WRAP (transcript_segment)
WRAP (cost_item)
WRAP (webhook_delivery)
WRAP (follow_up)
WRAP (memory)
WRAP (open_item)
WRAP (memory_fact)
WRAP (interaction)
WRAP (llm_usage)

typedef struct
{
  const char *name;
  NewFunc     new_func;
  ListFunc    list_func;
  GType     (*get_type) (void);
  const char *bad_json;     /* one member of the wrong type … */
  const char *bad_member;   /* … and how the error must name it */
} ModelCase;

static const ModelCase model_cases[] = {
  { "contact", new_contact, cd_contact_list_from_json, cd_contact_get_type,
    "{'id': 1, 'dnc': {'listed': false, 'reason': 42}}", "dnc.reason" },
  { "custom-field", new_custom_field, cd_custom_field_list_from_json, cd_custom_field_get_type,
    "{'key': 'x', 'enum_values': ['a', {'value': 'c', 'label': 5}]}", "enum_values[1].label" },
  { "campaign", new_campaign, cd_campaign_list_from_json, cd_campaign_get_type,
    "{'id': 'abc'}", "id" },
  { "user", new_user, NULL, cd_user_get_type,
    "{'id': 1, 'tenants': [{'id': 1, 'name': 'A'}, {'id': 2, 'name': 7}]}", "tenants[1].name" },
  { "tenant", new_tenant, cd_tenant_list_from_json, cd_tenant_get_type,
    "{'name': ['x']}", "name" },
  { "phone-number", new_phone_number, cd_phone_number_list_from_json, cd_phone_number_get_type,
    "{'e164': 491234}", "e164" },
  { "agent", new_agent, cd_agent_list_from_json, cd_agent_get_type,
    "{'variables': [{'name': 'a', 'mappable': 'yes'}]}", "variables[0].mappable" },
  { "agent-variable", new_agent_variable, cd_agent_variable_list_from_json, cd_agent_variable_get_type,
    "{'description': {}}", "description" },
  { "voice-session", new_voice_session, cd_voice_session_list_from_json, cd_voice_session_get_type,
    "{'id': 9, 'transcript': [{'text': 'a'}, {'text': 'b'}, {'text': 'c'}, {'text': 3}]}", "transcript[3].text" },
  { "transcript-segment", new_transcript_segment, cd_transcript_segment_list_from_json, cd_transcript_segment_get_type,
    "{'offset_ms': 'soon'}", "offset_ms" },
  { "cost-item", new_cost_item, cd_cost_item_list_from_json, cd_cost_item_get_type,
    "{'item': 'llm', 'amount': {'amount': true}}", "amount.amount" },
  { "webhook-delivery", new_webhook_delivery, cd_webhook_delivery_list_from_json, cd_webhook_delivery_get_type,
    "{'delivered_at': 'yesterday'}", "delivered_at" },
  { "follow-up", new_follow_up, cd_follow_up_list_from_json, cd_follow_up_get_type,
    "{'agent': {'id': 1, 'name': false}}", "agent.name" },
  { "memory", new_memory, NULL, cd_memory_get_type,
    "{'llm_usage': {'last_run': {'tokens': 'many'}}}", "llm_usage.last_run.tokens" },
  { "open-item", new_open_item, cd_open_item_list_from_json, cd_open_item_get_type,
    "{'title': 5}", "title" },
  { "memory-fact", new_memory_fact, cd_memory_fact_list_from_json, cd_memory_fact_get_type,
    "{'key': 'k', 'value': {'nested': 1}}", "value" },
  { "interaction", new_interaction, cd_interaction_list_from_json, cd_interaction_get_type,
    "{'duration_seconds': 1.5}", "duration_seconds" },
  { "llm-usage", new_llm_usage, NULL, cd_llm_usage_get_type,
    "{'totals': {'cost': 'free'}}", "totals.cost" },
};

static void
test_every_model_generic (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (model_cases); i++)
    {
      const ModelCase *mc = &model_cases[i];
      g_autoptr(JsonNode) empty = parse_q ("{}");
      g_autoptr(JsonNode) unknown = parse_q ("{'zz_future': {'a': [1, 2]}, 'another': null}");
      g_autoptr(JsonNode) array_root = parse_q ("[{}]");
      g_autoptr(JsonNode) string_root = parse_q ("'hello'");
      g_autoptr(JsonNode) bad = parse_q (mc->bad_json);
      g_autoptr(GObject) obj = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("model %s", mc->name);

      /* empty object: everything unknown, still a valid object */
      obj = mc->new_func (empty, &error);
      g_assert_no_error (error);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (obj, mc->get_type ()));
      g_clear_object (&obj);

      /* unknown members are ignored */
      obj = mc->new_func (unknown, &error);
      g_assert_no_error (error);
      g_assert_nonnull (obj);
      g_clear_object (&obj);

      /* non-object roots are rejected */
      obj = mc->new_func (array_root, &error);
      g_assert_null (obj);
      g_assert_error (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);
      g_clear_error (&error);
      obj = mc->new_func (string_root, &error);
      g_assert_null (obj);
      g_assert_error (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);
      g_clear_error (&error);
      obj = mc->new_func (NULL, &error);
      g_assert_null (obj);
      g_assert_error (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);
      g_clear_error (&error);

      /* a wrong type fails the whole object, naming the member path */
      obj = mc->new_func (bad, &error);
      g_assert_null (obj);
      assert_bad_member (error, mc->bad_member);
    }
}

static void
test_every_list_helper (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (model_cases); i++)
    {
      const ModelCase *mc = &model_cases[i];
      g_autoptr(JsonNode) two = parse_q ("[{}, {'unknown': 1}]");
      g_autoptr(JsonNode) none = parse_q ("[]");
      g_autoptr(JsonNode) holes = parse_q ("[{}, 17]");
      g_autoptr(JsonNode) object_root = parse_q ("{}");
      g_autoptr(GListModel) list = NULL;
      g_autoptr(GError) error = NULL;

      if (mc->list_func == NULL)
        continue;
      g_test_message ("list of %s", mc->name);

      list = mc->list_func (two, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
      g_assert_true (g_list_model_get_item_type (list) == mc->get_type ());
      g_clear_object (&list);

      list = mc->list_func (none, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
      g_clear_object (&list);

      list = mc->list_func (object_root, &error);
      g_assert_null (list);
      g_assert_error (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);
      g_clear_error (&error);

      /* a non-object element fails the list (open items accept strings, not numbers) */
      list = mc->list_func (holes, &error);
      g_assert_null (list);
      assert_bad_member (error, "[1]");
    }
}

/* ---- contact ---- */

static const char *contact_json =
  "{'id': 501, 'first_name': 'Rahul', 'last_name': 'Mehta', 'phone_e164': '+919900000001',"
  " 'email': 'rahul@example.com', 'company': 'Acme Realty', 'timezone': 'Asia/Kolkata',"
  " 'country_code': 'IN', 'tags': ['vip', 'renewal'],"
  " 'custom_fields': {'plan_tier': 'gold', 'budget': 120000},"
  " 'lifecycle_state': 'active',"
  " 'dnc': {'listed': true, 'entry_id': 77, 'reason': 'asked', 'added_at': '2026-03-01T10:00:00Z'},"
  " 'permissions': {'can_edit': true, 'can_call': true, 'can_manage_dnc': false,"
  "                 'can_archive': true, 'can_unarchive': false, 'can_gdpr_erase': true,"
  "                 'can_hard_delete': false},"
  " 'stats': {'call_count': 14, 'campaign_count': 2, 'last_interaction_at': '2026-03-10T08:30:00Z',"
  "           'last_call_at': '2026-03-09T17:00:00+01:00', 'last_call_status': 'no_answer',"
  "           'talk_time_seconds': 3725},"
  " 'recent_campaign': {'id': 123, 'name': 'Q2 Reactivation', 'status': 'running'},"
  " 'created_by': {'id': 7, 'name': 'Priya S.'}, 'created_at': '2025-01-02T03:04:05Z',"
  " 'updated_at': '2026-03-10T09:00:00Z'}";

static void
test_contact_valid (void)
{
  g_autoptr(JsonNode) node = parse_q (contact_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdContact) contact = cd_contact_new_from_json (node, &error);
  const char * const *tags;
  JsonObject *custom;
  CdCampaign *campaign;
  g_autofree char *first_name = NULL;
  CdLifecycleState state;

  g_assert_no_error (error);
  g_assert_cmpint (cd_contact_get_id (contact), ==, 501);
  g_assert_cmpstr (cd_contact_get_first_name (contact), ==, "Rahul");
  g_assert_cmpstr (cd_contact_get_last_name (contact), ==, "Mehta");
  g_assert_cmpstr (cd_contact_get_phone_e164 (contact), ==, "+919900000001");
  g_assert_cmpstr (cd_contact_get_email (contact), ==, "rahul@example.com");
  g_assert_cmpstr (cd_contact_get_company (contact), ==, "Acme Realty");
  g_assert_cmpstr (cd_contact_get_timezone (contact), ==, "Asia/Kolkata");
  g_assert_cmpstr (cd_contact_get_country_code (contact), ==, "IN");
  tags = cd_contact_get_tags (contact);
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "vip");
  g_assert_cmpstr (tags[1], ==, "renewal");
  custom = cd_contact_get_custom_fields (contact);
  g_assert_cmpstr (json_object_get_string_member (custom, "plan_tier"), ==, "gold");
  g_assert_cmpint (json_object_get_int_member (custom, "budget"), ==, 120000);
  g_assert_cmpint (cd_contact_get_lifecycle_state (contact), ==, CD_LIFECYCLE_STATE_ACTIVE);
  g_assert_false (cd_contact_is_erased (contact));
  g_assert_true (cd_contact_get_dnc_listed (contact));
  g_assert_cmpint (cd_contact_get_dnc_entry_id (contact), ==, 77);
  g_assert_cmpstr (cd_contact_get_dnc_reason (contact), ==, "asked");
  assert_time (cd_contact_get_dnc_added_at (contact), 2026, 3, 1, 10, 0, 0);
  g_assert_true (cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_EDIT));
  g_assert_true (cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_CALL));
  g_assert_false (cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_MANAGE_DNC));
  g_assert_true (cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_ARCHIVE));
  g_assert_false (cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_UNARCHIVE));
  g_assert_true (cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_GDPR_ERASE));
  g_assert_false (cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_HARD_DELETE));
  g_assert_false (cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_EDIT | CD_CONTACT_PERMISSIONS_HARD_DELETE));
  g_assert_cmpint (cd_contact_get_call_count (contact), ==, 14);
  g_assert_cmpint (cd_contact_get_campaign_count (contact), ==, 2);
  assert_time (cd_contact_get_last_interaction_at (contact), 2026, 3, 10, 8, 30, 0);
  assert_time (cd_contact_get_last_call_at (contact), 2026, 3, 9, 16, 0, 0);
  g_assert_cmpint (cd_contact_get_last_call_status (contact), ==, CD_SESSION_STATUS_NO_ANSWER);
  g_assert_cmpint (cd_contact_get_talk_time_seconds (contact), ==, 3725);
  campaign = cd_contact_get_recent_campaign (contact);
  g_assert_nonnull (campaign);
  g_assert_cmpint (cd_campaign_get_id (campaign), ==, 123);
  g_assert_cmpstr (cd_campaign_get_name (campaign), ==, "Q2 Reactivation");
  g_assert_cmpstr (cd_campaign_get_status (campaign), ==, "running");
  g_assert_cmpint (cd_contact_get_created_by_id (contact), ==, 7);
  g_assert_cmpstr (cd_contact_get_created_by_name (contact), ==, "Priya S.");
  assert_time (cd_contact_get_created_at (contact), 2025, 1, 2, 3, 4, 5);
  assert_time (cd_contact_get_updated_at (contact), 2026, 3, 10, 9, 0, 0);

  /* the same values through GObject properties */
  g_object_get (contact, "first-name", &first_name, "lifecycle-state", &state, NULL);
  g_assert_cmpstr (first_name, ==, "Rahul");
  g_assert_cmpint (state, ==, CD_LIFECYCLE_STATE_ACTIVE);
}

static void
test_contact_missing (void)
{
  g_autoptr(JsonNode) node = parse_q ("{'id': 9, 'first_name': null, 'dnc': null, 'stats': {}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdContact) contact = cd_contact_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cd_contact_get_id (contact), ==, 9);
  g_assert_null (cd_contact_get_first_name (contact));
  g_assert_null (cd_contact_get_phone_e164 (contact));
  g_assert_nonnull (cd_contact_get_tags (contact));
  g_assert_null (cd_contact_get_tags (contact)[0]);
  g_assert_nonnull (cd_contact_get_custom_fields (contact));
  g_assert_cmpuint (json_object_get_size (cd_contact_get_custom_fields (contact)), ==, 0);
  g_assert_cmpint (cd_contact_get_lifecycle_state (contact), ==, CD_LIFECYCLE_STATE_UNKNOWN);
  g_assert_false (cd_contact_get_dnc_listed (contact));
  g_assert_cmpint (cd_contact_get_dnc_entry_id (contact), ==, 0);
  g_assert_null (cd_contact_get_dnc_added_at (contact));
  g_assert_false (cd_contact_has_permission (contact, CD_CONTACT_PERMISSIONS_CALL));
  g_assert_cmpint (cd_contact_get_call_count (contact), ==, -1);
  g_assert_cmpint (cd_contact_get_talk_time_seconds (contact), ==, -1);
  g_assert_null (cd_contact_get_last_call_at (contact));
  g_assert_cmpint (cd_contact_get_last_call_status (contact), ==, CD_SESSION_STATUS_UNKNOWN);
  g_assert_null (cd_contact_get_recent_campaign (contact));
  g_assert_null (cd_contact_get_created_by_name (contact));
}

static void
test_contact_erased_and_unknown_enum (void)
{
  g_autoptr(JsonNode) erased = parse_q ("{'id': 3, 'lifecycle_state': 'deleted', 'first_name': null,"
                                        " 'phone_e164': null, 'email': null}");
  g_autoptr(JsonNode) future = parse_q ("{'id': 4, 'lifecycle_state': 'frozen'}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdContact) a = cd_contact_new_from_json (erased, &error);
  g_autoptr(CdContact) b = NULL;

  g_assert_no_error (error);
  g_assert_true (cd_contact_is_erased (a));
  b = cd_contact_new_from_json (future, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_contact_get_lifecycle_state (b), ==, CD_LIFECYCLE_STATE_UNKNOWN);
  g_assert_false (cd_contact_is_erased (b));
}

static void
test_contact_wrong_types (void)
{
  static const struct { const char *json; const char *member; } cases[] = {
    { "{'id': '501'}", "id" },
    { "{'first_name': 5}", "first_name" },
    { "{'tags': 'vip'}", "tags" },
    { "{'tags': ['vip', 3]}", "tags" },
    { "{'custom_fields': []}", "custom_fields" },
    { "{'lifecycle_state': 1}", "lifecycle_state" },
    { "{'dnc': true}", "dnc" },
    { "{'dnc': {'listed': 'yes'}}", "dnc.listed" },
    { "{'dnc': {'added_at': 'not a time'}}", "dnc.added_at" },
    { "{'permissions': {'can_call': 1}}", "permissions.can_call" },
    { "{'stats': {'talk_time_seconds': '3725'}}", "stats.talk_time_seconds" },
    { "{'recent_campaign': {'name': 5}}", "recent_campaign.name" },
    { "{'created_by': {'id': 'seven'}}", "created_by.id" },
    { "{'updated_at': 12}", "updated_at" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_q (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(CdContact) contact = cd_contact_new_from_json (node, &error);

      g_assert_null (contact);
      assert_bad_member (error, cases[i].member);
    }
}

static void
test_huge_strings (void)
{
  gsize size = 1024 * 1024;
  g_autofree char *big = g_malloc (size + 1);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdContact) contact = NULL;
  g_autoptr(CdVoiceSession) session = NULL;
  g_autoptr(CdTranscriptSegment) segment = NULL;

  memset (big, 'x', size);
  big[0] = '<';
  big[size] = '\0';

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "first_name");
  json_builder_add_string_value (builder, big);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, big);
  json_builder_set_member_name (builder, "transcript");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, big);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  /* through the real parser, as from the network */
  text = json_to_string (node, FALSE);
  reparsed = cd_json_parse (text, -1, &error);
  g_assert_no_error (error);

  contact = cd_contact_new_from_json (reparsed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (cd_contact_get_first_name (contact)), ==, size);
  g_assert_cmpstr (cd_contact_get_first_name (contact), ==, big);

  session = cd_voice_session_new_from_json (reparsed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_voice_session_get_summary (session), ==, big);
  segment = g_list_model_get_item (cd_voice_session_get_transcript (session), 0);
  g_assert_cmpuint (strlen (cd_transcript_segment_get_text (segment)), ==, size);
}

static void
test_contact_list (void)
{
  g_autofree char *quoted = g_strdup_printf ("[%s, {'id': 2, 'first_name': 'Ann'}]", contact_json);
  g_autoptr(JsonNode) node = parse_q (quoted);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = cd_contact_list_from_json (node, &error);
  g_autoptr(CdContact) second = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  second = g_list_model_get_item (list, 1);
  g_assert_cmpint (cd_contact_get_id (second), ==, 2);
  g_assert_cmpstr (cd_contact_get_first_name (second), ==, "Ann");
}

/* ---- custom field ---- */

static void
test_custom_field (void)
{
  g_autoptr(JsonNode) node = parse_q (
    "[{'key': 'plan_tier', 'label': 'Plan tier', 'type': 'enum', 'required': true,"
    "  'enum_values': [{'value': 'gold', 'label': 'Gold'}, {'value': 'silver'}], 'default': 'silver',"
    "  'signal': false},"
    " {'key': 'budget', 'label': 'Budget', 'type': 'number', 'default': 1000},"
    " {'key': 'tier2', 'type': 'enum', 'enum_values': ['a', 'b']},"
    " {'key': 'flag', 'type': 'boolean', 'default': true, 'signal': true},"
    " {'key': 'odd', 'type': 'geo'}]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = cd_custom_field_list_from_json (node, &error);
  g_autoptr(CdCustomField) plan = NULL;
  g_autoptr(CdCustomField) budget = NULL;
  g_autoptr(CdCustomField) tier2 = NULL;
  g_autoptr(CdCustomField) flag = NULL;
  g_autoptr(CdCustomField) odd = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);
  plan = g_list_model_get_item (list, 0);
  budget = g_list_model_get_item (list, 1);
  tier2 = g_list_model_get_item (list, 2);
  flag = g_list_model_get_item (list, 3);
  odd = g_list_model_get_item (list, 4);

  g_assert_cmpstr (cd_custom_field_get_key (plan), ==, "plan_tier");
  g_assert_cmpstr (cd_custom_field_get_label (plan), ==, "Plan tier");
  g_assert_cmpint (cd_custom_field_get_field_type (plan), ==, CD_FIELD_TYPE_ENUM);
  g_assert_true (cd_custom_field_get_required (plan));
  g_assert_false (cd_custom_field_get_signal (plan));
  g_assert_cmpstr (cd_custom_field_get_default (plan), ==, "silver");
  g_assert_cmpuint (g_strv_length ((char **) cd_custom_field_get_enum_values (plan)), ==, 2);
  g_assert_cmpstr (cd_custom_field_get_enum_values (plan)[1], ==, "silver");
  g_assert_cmpstr (cd_custom_field_get_enum_label (plan, "gold"), ==, "Gold");
  g_assert_cmpstr (cd_custom_field_get_enum_label (plan, "silver"), ==, "silver");
  g_assert_null (cd_custom_field_get_enum_label (plan, "bronze"));

  g_assert_cmpint (cd_custom_field_get_field_type (budget), ==, CD_FIELD_TYPE_NUMBER);
  g_assert_cmpstr (cd_custom_field_get_default (budget), ==, "1000");
  g_assert_false (cd_custom_field_get_required (budget));
  g_assert_cmpuint (g_strv_length ((char **) cd_custom_field_get_enum_values (budget)), ==, 0);

  g_assert_cmpstr (cd_custom_field_get_enum_label (tier2, "b"), ==, "b");
  g_assert_cmpstr (cd_custom_field_get_default (flag), ==, "true");
  g_assert_true (cd_custom_field_get_signal (flag));
  g_assert_cmpint (cd_custom_field_get_field_type (odd), ==, CD_FIELD_TYPE_UNKNOWN);
  g_assert_null (cd_custom_field_get_default (odd));
}

/* ---- campaign, user, phone number, agent ---- */

static void
test_campaign_user_phone_agent (void)
{
  g_autoptr(JsonNode) campaign_node = parse_q (
    "{'id': 123, 'name': 'Q2', 'status': 'running', 'agent': {'id': 4, 'name': 'Ava'},"
    " 'timezone': 'Europe/Berlin', 'dashboard_url': 'https://example.com/c/123'}");
  g_autoptr(JsonNode) user_node = parse_q (
    "{'id': 1, 'name': 'Priya', 'email': 'p@example.com', 'role': 'tenant_viewer',"
    " 'tenants': [{'id': 10, 'name': 'Acme'}, {'id': 11, 'name': 'Beta'}], 'current_tenant_id': 11}");
  g_autoptr(JsonNode) future_role = parse_q ("{'role': 'chief_wizard'}");
  g_autoptr(JsonNode) phones = parse_q ("[{'id': 5, 'e164': '+4930123', 'label': 'Berlin', 'status': 'active'}]");
  g_autoptr(JsonNode) agent_node = parse_q (
    "{'id': 4, 'name': 'Ava', 'published': true, 'variables': [{'name': 'first_name',"
    " 'description': 'Callee first name', 'mappable': true}, {'name': 'x'}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCampaign) campaign = cd_campaign_new_from_json (campaign_node, &error);
  g_autoptr(CdUser) user = NULL;
  g_autoptr(CdUser) wizard = NULL;
  g_autoptr(CdTenant) tenant = NULL;
  g_autoptr(GListModel) phone_list = NULL;
  g_autoptr(CdPhoneNumber) phone = NULL;
  g_autoptr(CdAgent) agent = NULL;
  g_autoptr(CdAgentVariable) var0 = NULL;
  g_autoptr(CdAgentVariable) var1 = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cd_campaign_get_id (campaign), ==, 123);
  g_assert_cmpstr (cd_campaign_get_name (campaign), ==, "Q2");
  g_assert_cmpstr (cd_campaign_get_status (campaign), ==, "running");
  g_assert_cmpint (cd_campaign_get_agent_id (campaign), ==, 4);
  g_assert_cmpstr (cd_campaign_get_agent_name (campaign), ==, "Ava");
  g_assert_cmpstr (cd_campaign_get_timezone (campaign), ==, "Europe/Berlin");
  g_assert_cmpstr (cd_campaign_get_dashboard_url (campaign), ==, "https://example.com/c/123");

  user = cd_user_new_from_json (user_node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_user_get_id (user), ==, 1);
  g_assert_cmpstr (cd_user_get_name (user), ==, "Priya");
  g_assert_cmpstr (cd_user_get_email (user), ==, "p@example.com");
  g_assert_cmpint (cd_user_get_role (user), ==, CD_ROLE_TENANT_VIEWER);
  g_assert_cmpstr (cd_user_get_role_string (user), ==, "tenant_viewer");
  g_assert_cmpint (cd_user_get_current_tenant_id (user), ==, 11);
  g_assert_cmpuint (g_list_model_get_n_items (cd_user_get_tenants (user)), ==, 2);
  tenant = g_list_model_get_item (cd_user_get_tenants (user), 1);
  g_assert_cmpint (cd_tenant_get_id (tenant), ==, 11);
  g_assert_cmpstr (cd_tenant_get_name (tenant), ==, "Beta");
  wizard = cd_user_new_from_json (future_role, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_user_get_role (wizard), ==, CD_ROLE_UNKNOWN);
  g_assert_cmpstr (cd_user_get_role_string (wizard), ==, "chief_wizard");
  g_assert_cmpuint (g_list_model_get_n_items (cd_user_get_tenants (wizard)), ==, 0);

  phone_list = cd_phone_number_list_from_json (phones, &error);
  g_assert_no_error (error);
  phone = g_list_model_get_item (phone_list, 0);
  g_assert_cmpint (cd_phone_number_get_id (phone), ==, 5);
  g_assert_cmpstr (cd_phone_number_get_e164 (phone), ==, "+4930123");
  g_assert_cmpstr (cd_phone_number_get_label (phone), ==, "Berlin");
  g_assert_cmpstr (cd_phone_number_get_status (phone), ==, "active");

  agent = cd_agent_new_from_json (agent_node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_agent_get_id (agent), ==, 4);
  g_assert_cmpstr (cd_agent_get_name (agent), ==, "Ava");
  g_assert_true (cd_agent_get_published (agent));
  g_assert_cmpuint (g_list_model_get_n_items (cd_agent_get_variables (agent)), ==, 2);
  var0 = g_list_model_get_item (cd_agent_get_variables (agent), 0);
  var1 = g_list_model_get_item (cd_agent_get_variables (agent), 1);
  g_assert_cmpstr (cd_agent_variable_get_name (var0), ==, "first_name");
  g_assert_cmpstr (cd_agent_variable_get_description (var0), ==, "Callee first name");
  g_assert_true (cd_agent_variable_get_mappable (var0));
  g_assert_false (cd_agent_variable_get_mappable (var1));
  g_assert_null (cd_agent_variable_get_description (var1));
}

static void
test_roles (void)
{
  g_assert_cmpint (cd_role_from_string ("tenant_admin"), ==, CD_ROLE_TENANT_ADMIN);
  g_assert_cmpint (cd_role_from_string ("platform_support"), ==, CD_ROLE_PLATFORM_SUPPORT);
  g_assert_cmpint (cd_role_from_string (NULL), ==, CD_ROLE_UNKNOWN);
  g_assert_cmpstr (cd_role_to_string (CD_ROLE_SUPERADMIN), ==, "superadmin");
  g_assert_null (cd_role_to_string (CD_ROLE_UNKNOWN));

  g_assert_true (cd_role_can_place_calls (CD_ROLE_TENANT_ADMIN));
  g_assert_true (cd_role_can_place_calls (CD_ROLE_TENANT_OPERATOR));
  g_assert_false (cd_role_can_place_calls (CD_ROLE_TENANT_VIEWER));
  g_assert_false (cd_role_can_place_calls (CD_ROLE_PLATFORM_SUPPORT));
  g_assert_false (cd_role_can_place_calls (CD_ROLE_UNKNOWN));
  g_assert_false (cd_role_can_edit (CD_ROLE_TENANT_VIEWER));
  g_assert_true (cd_role_can_edit (CD_ROLE_TENANT_OPERATOR));
  g_assert_true (cd_role_is_privileged (CD_ROLE_TENANT_ADMIN));
  g_assert_true (cd_role_is_privileged (CD_ROLE_PLATFORM_ADMIN));
  g_assert_true (cd_role_is_privileged (CD_ROLE_SUPERADMIN));
  g_assert_false (cd_role_is_privileged (CD_ROLE_TENANT_OPERATOR));
  g_assert_false (cd_role_is_privileged (CD_ROLE_PLATFORM_SUPPORT));
}

/* ---- voice session ---- */

static const char *session_row_json =
  "{'id': 9001, 'contact_id': 501, 'direction': 'outbound', 'status': 'completed',"
  " 'started_at': '2026-03-09T16:00:00Z', 'ended_at': '2026-03-09T16:04:12Z',"
  " 'duration_seconds': 252, 'talk_time_seconds': 240, 'agent': {'id': 4, 'name': 'Ava'},"
  " 'campaign': null, 'campaign_outcome': 'interested', 'from_number': '+4930123',"
  " 'to_number': '+919900000001', 'summary': 'Wants a quote', 'has_recording': true,"
  " 'cost': {'amount': '0.0123', 'currency': 'USD'}, 'sentiment': 'positive',"
  " 'end_reason': 'customer_hangup'}";

static void
test_voice_session_row (void)
{
  g_autoptr(JsonNode) node = parse_q (session_row_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdVoiceSession) s = cd_voice_session_new_from_json (node, &error);
  const CdMoney *cost;

  g_assert_no_error (error);
  g_assert_cmpint (cd_voice_session_get_id (s), ==, 9001);
  g_assert_cmpint (cd_voice_session_get_contact_id (s), ==, 501);
  g_assert_cmpint (cd_voice_session_get_direction (s), ==, CD_DIRECTION_OUTBOUND);
  g_assert_cmpint (cd_voice_session_get_status (s), ==, CD_SESSION_STATUS_COMPLETED);
  assert_time (cd_voice_session_get_started_at (s), 2026, 3, 9, 16, 0, 0);
  assert_time (cd_voice_session_get_ended_at (s), 2026, 3, 9, 16, 4, 12);
  g_assert_cmpint (cd_voice_session_get_duration_seconds (s), ==, 252);
  g_assert_cmpint (cd_voice_session_get_talk_time_seconds (s), ==, 240);
  g_assert_cmpint (cd_voice_session_get_agent_id (s), ==, 4);
  g_assert_cmpstr (cd_voice_session_get_agent_name (s), ==, "Ava");
  g_assert_cmpint (cd_voice_session_get_campaign_id (s), ==, 0);
  g_assert_null (cd_voice_session_get_campaign_name (s));
  g_assert_cmpstr (cd_voice_session_get_campaign_outcome (s), ==, "interested");
  g_assert_cmpstr (cd_voice_session_get_from_number (s), ==, "+4930123");
  g_assert_cmpstr (cd_voice_session_get_to_number (s), ==, "+919900000001");
  g_assert_cmpstr (cd_voice_session_get_summary (s), ==, "Wants a quote");
  g_assert_true (cd_voice_session_get_has_recording (s));
  cost = cd_voice_session_get_cost (s);
  g_assert_nonnull (cost);
  g_assert_cmpstr (cost->amount, ==, "0.0123");
  g_assert_cmpstr (cost->currency, ==, "USD");
  g_assert_cmpint (cd_voice_session_get_sentiment (s), ==, CD_SENTIMENT_POSITIVE);
  g_assert_cmpstr (cd_voice_session_get_end_reason (s), ==, "customer_hangup");
  g_assert_false (cd_voice_session_get_has_detail (s));
  g_assert_cmpuint (g_list_model_get_n_items (cd_voice_session_get_transcript (s)), ==, 0);
  g_assert_false (cd_voice_session_has_analysis_success (s));
}

static void
test_voice_session_detail (void)
{
  g_autoptr(JsonNode) node = parse_q (
    "{'id': 9002, 'status': 'voicemail', 'direction': 'sideways', 'sentiment': null,"
    " 'transcript': [{'speaker': 'agent', 'text': 'Hello', 'offset_ms': 0},"
    "                {'speaker': 'user', 'text': 'Hi', 'offset_ms': 1500},"
    "                {'speaker': 'narrator', 'text': '?'}],"
    " 'extracted_data': {'budget': 5000},"
    " 'analysis': {'summary': 'Left a message', 'success': false, 'disposition': 'voicemail',"
    "              'task_status': 'done', 'failure': null},"
    " 'cost_breakdown': [{'item': 'telephony', 'amount': {'amount': 0.01, 'currency': 'EUR'}},"
    "                    {'item': 'llm', 'amount': null}],"
    " 'webhooks': [{'event': 'call.ended', 'url': 'https://hooks.example.com', 'status_code': 200,"
    "               'delivered_at': '2026-03-09T16:05:00Z'}],"
    " 'follow_up_id': 88, 'raw': {'provider': 'x'}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdVoiceSession) s = cd_voice_session_new_from_json (node, &error);
  g_autoptr(CdTranscriptSegment) seg0 = NULL;
  g_autoptr(CdTranscriptSegment) seg1 = NULL;
  g_autoptr(CdTranscriptSegment) seg2 = NULL;
  g_autoptr(CdCostItem) item0 = NULL;
  g_autoptr(CdCostItem) item1 = NULL;
  g_autoptr(CdWebhookDelivery) hook = NULL;

  g_assert_no_error (error);
  g_assert_true (cd_voice_session_get_has_detail (s));
  g_assert_cmpint (cd_voice_session_get_status (s), ==, CD_SESSION_STATUS_VOICEMAIL);
  g_assert_cmpint (cd_voice_session_get_direction (s), ==, CD_DIRECTION_UNKNOWN);
  g_assert_cmpint (cd_voice_session_get_sentiment (s), ==, CD_SENTIMENT_UNKNOWN);
  g_assert_cmpint (cd_voice_session_get_duration_seconds (s), ==, -1);
  g_assert_null (cd_voice_session_get_cost (s));

  g_assert_cmpuint (g_list_model_get_n_items (cd_voice_session_get_transcript (s)), ==, 3);
  seg0 = g_list_model_get_item (cd_voice_session_get_transcript (s), 0);
  seg1 = g_list_model_get_item (cd_voice_session_get_transcript (s), 1);
  seg2 = g_list_model_get_item (cd_voice_session_get_transcript (s), 2);
  g_assert_cmpint (cd_transcript_segment_get_speaker (seg0), ==, CD_SPEAKER_AGENT);
  g_assert_cmpstr (cd_transcript_segment_get_text (seg0), ==, "Hello");
  g_assert_cmpint (cd_transcript_segment_get_offset_ms (seg0), ==, 0);
  g_assert_cmpint (cd_transcript_segment_get_speaker (seg1), ==, CD_SPEAKER_USER);
  g_assert_cmpint (cd_transcript_segment_get_offset_ms (seg1), ==, 1500);
  g_assert_cmpint (cd_transcript_segment_get_speaker (seg2), ==, CD_SPEAKER_UNKNOWN);
  g_assert_cmpint (cd_transcript_segment_get_offset_ms (seg2), ==, -1);

  g_assert_cmpint (json_object_get_int_member (cd_voice_session_get_extracted_data (s), "budget"), ==, 5000);
  g_assert_cmpstr (cd_voice_session_get_analysis_summary (s), ==, "Left a message");
  g_assert_true (cd_voice_session_has_analysis_success (s));
  g_assert_false (cd_voice_session_get_analysis_success (s));
  g_assert_cmpstr (cd_voice_session_get_analysis_disposition (s), ==, "voicemail");
  g_assert_cmpstr (cd_voice_session_get_analysis_task_status (s), ==, "done");
  g_assert_null (cd_voice_session_get_analysis_failure (s));

  item0 = g_list_model_get_item (cd_voice_session_get_cost_breakdown (s), 0);
  item1 = g_list_model_get_item (cd_voice_session_get_cost_breakdown (s), 1);
  g_assert_cmpstr (cd_cost_item_get_item (item0), ==, "telephony");
  g_assert_cmpstr (cd_cost_item_get_amount (item0)->amount, ==, "0.01");
  g_assert_cmpstr (cd_cost_item_get_amount (item0)->currency, ==, "EUR");
  g_assert_null (cd_cost_item_get_amount (item1));

  hook = g_list_model_get_item (cd_voice_session_get_webhooks (s), 0);
  g_assert_cmpstr (cd_webhook_delivery_get_event (hook), ==, "call.ended");
  g_assert_cmpstr (cd_webhook_delivery_get_url (hook), ==, "https://hooks.example.com");
  g_assert_cmpint (cd_webhook_delivery_get_status_code (hook), ==, 200);
  assert_time (cd_webhook_delivery_get_delivered_at (hook), 2026, 3, 9, 16, 5, 0);

  g_assert_cmpint (cd_voice_session_get_follow_up_id (s), ==, 88);
  g_assert_cmpstr (json_object_get_string_member (cd_voice_session_get_raw (s), "provider"), ==, "x");
}

static void
test_voice_session_wrong_types (void)
{
  static const struct { const char *json; const char *member; } cases[] = {
    { "{'status': 3}", "status" },
    { "{'agent': {'id': 'x'}}", "agent.id" },
    { "{'cost': {'amount': '1', 'currency': 5}}", "cost.currency" },
    { "{'cost': 'free'}", "cost" },
    { "{'transcript': {}}", "transcript" },
    { "{'transcript': [{'speaker': 'agent', 'offset_ms': 'x'}]}", "transcript[0].offset_ms" },
    { "{'analysis': {'success': 'no'}}", "analysis.success" },
    { "{'cost_breakdown': [{'item': 'a', 'amount': {'amount': []}}]}", "cost_breakdown[0].amount.amount" },
    { "{'webhooks': [{}, {'status_code': '500'}]}", "webhooks[1].status_code" },
    { "{'has_recording': 'yes'}", "has_recording" },
    { "{'raw': 'text'}", "raw" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_q (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(CdVoiceSession) s = cd_voice_session_new_from_json (node, &error);

      g_assert_null (s);
      assert_bad_member (error, cases[i].member);
    }
}

static void
test_money (void)
{
  g_autoptr(JsonNode) node = parse_q (
    "{'a': {'amount': '0.0123', 'currency': 'USD'}, 'b': {'amount': 2, 'currency': 'GBP'},"
    " 'c': {'currency': 'USD'}, 'd': {'amount': 1.5}}");
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMoney) a = NULL;
  g_autoptr(CdMoney) b = NULL;
  g_autoptr(CdMoney) c = NULL;
  g_autoptr(CdMoney) d = NULL;
  g_autoptr(CdMoney) missing = NULL;
  g_autoptr(CdMoney) copy = NULL;

  g_assert_true (cd_money_read (object, NULL, "a", &a, &error));
  g_assert_cmpstr (a->amount, ==, "0.0123");
  g_assert_cmpstr (a->currency, ==, "USD");
  g_assert_true (cd_money_read (object, NULL, "b", &b, &error));
  g_assert_cmpstr (b->amount, ==, "2");
  g_assert_true (cd_money_read (object, NULL, "c", &c, &error));
  g_assert_null (c);
  g_assert_true (cd_money_read (object, NULL, "d", &d, &error));
  g_assert_cmpstr (d->amount, ==, "1.5");
  g_assert_null (d->currency);
  g_assert_true (cd_money_read (object, NULL, "zz", &missing, &error));
  g_assert_null (missing);
  g_assert_no_error (error);

  copy = cd_money_copy (a);
  g_assert_cmpstr (copy->amount, ==, "0.0123");
  g_assert_true (copy->amount != a->amount);
}

/* ---- follow-up ---- */

static void
test_follow_up (void)
{
  g_autoptr(JsonNode) node = parse_q (
    "{'id': 70, 'contact_id': 501, 'status': 'snoozed', 'type': 'sms',"
    " 'scheduled_at': '2026-03-11T09:00:00Z', 'agent': null, 'campaign': {'id': 123, 'name': 'Q2'},"
    " 'attempts': 1, 'max_attempts': 3, 'priority': 'urgent', 'allow_out_of_window': true,"
    " 'source': 'ai', 'notes': 'Call after lunch', 'closed_reason': null,"
    " 'created_at': '2026-03-10T09:00:00Z', 'updated_at': '2026-03-10T10:00:00Z'}");
  g_autoptr(JsonNode) sparse = parse_q ("{'id': 71, 'status': 'paused', 'priority': 'meh', 'type': 'fax'}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowUp) f = cd_follow_up_new_from_json (node, &error);
  g_autoptr(CdFollowUp) g = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cd_follow_up_get_id (f), ==, 70);
  g_assert_cmpint (cd_follow_up_get_contact_id (f), ==, 501);
  g_assert_cmpint (cd_follow_up_get_status (f), ==, CD_FOLLOW_UP_STATUS_SNOOZED);
  g_assert_cmpint (cd_follow_up_get_follow_up_type (f), ==, CD_FOLLOW_UP_TYPE_SMS);
  assert_time (cd_follow_up_get_scheduled_at (f), 2026, 3, 11, 9, 0, 0);
  g_assert_cmpint (cd_follow_up_get_agent_id (f), ==, 0);
  g_assert_null (cd_follow_up_get_agent_name (f));
  g_assert_cmpint (cd_follow_up_get_campaign_id (f), ==, 123);
  g_assert_cmpstr (cd_follow_up_get_campaign_name (f), ==, "Q2");
  g_assert_cmpint (cd_follow_up_get_attempts (f), ==, 1);
  g_assert_cmpint (cd_follow_up_get_max_attempts (f), ==, 3);
  g_assert_cmpint (cd_follow_up_get_priority (f), ==, CD_FOLLOW_UP_PRIORITY_URGENT);
  g_assert_true (cd_follow_up_get_allow_out_of_window (f));
  g_assert_cmpint (cd_follow_up_get_source (f), ==, CD_FOLLOW_UP_SOURCE_AI);
  g_assert_cmpstr (cd_follow_up_get_notes (f), ==, "Call after lunch");
  g_assert_null (cd_follow_up_get_closed_reason (f));
  assert_time (cd_follow_up_get_created_at (f), 2026, 3, 10, 9, 0, 0);
  assert_time (cd_follow_up_get_updated_at (f), 2026, 3, 10, 10, 0, 0);

  g = cd_follow_up_new_from_json (sparse, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_follow_up_get_status (g), ==, CD_FOLLOW_UP_STATUS_UNKNOWN);
  g_assert_cmpint (cd_follow_up_get_priority (g), ==, CD_FOLLOW_UP_PRIORITY_UNKNOWN);
  g_assert_cmpint (cd_follow_up_get_follow_up_type (g), ==, CD_FOLLOW_UP_TYPE_UNKNOWN);
  g_assert_cmpint (cd_follow_up_get_attempts (g), ==, -1);
  g_assert_null (cd_follow_up_get_scheduled_at (g));
}

/* ---- memory ---- */

static void
test_memory (void)
{
  g_autoptr(JsonNode) node = parse_q (
    "{'summary': 'Prefers mornings.',"
    " 'open_items': [{'title': 'Send quote', 'due_date': '2026-03-12'},"
    "                'Call back', {'title': 'Visit', 'due_date': '2026-03-20T10:00:00Z'},"
    "                {'title': 'Bad date', 'due_date': 'someday'}],"
    " 'facts': [{'key': 'budget', 'label': 'Budget', 'value': 120000, 'source': 'system',"
    "            'ai_value': null, 'updated_at': '2026-03-10T08:00:00Z'},"
    "           {'key': 'decision_maker', 'label': 'Decision maker', 'value': true, 'source': 'user',"
    "            'ai_value': false},"
    "           {'key': 'ratio', 'value': 0.25},"
    "           {'key': 'city', 'value': 'Pune', 'source': 'robot'}],"
    " 'interactions': [{'ended_at': '2026-03-09T16:04:12Z', 'direction': 'outbound', 'result': 'completed',"
    "                   'duration_seconds': 252, 'voice_session_id': 9001, 'summary': 'Quote'}],"
    " 'llm_usage': {'model': 'gpt-x', 'run_count': 3,"
    "               'last_run': {'cost': {'amount': '0.0040', 'currency': 'USD'}, 'tokens': 1200},"
    "               'totals': {'cost': {'amount': '0.0120', 'currency': 'USD'}, 'tokens': 3600}},"
    " 'rebuild': {'status': 'running', 'requested_at': '2026-03-10T09:59:00Z'},"
    " 'updated_at': '2026-03-10T10:00:00Z'}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMemory) m = cd_memory_new_from_json (node, &error);
  GListModel *items, *facts;
  g_autoptr(CdOpenItem) i0 = NULL, i1 = NULL, i2 = NULL, i3 = NULL;
  g_autoptr(CdMemoryFact) f0 = NULL, f1 = NULL, f2 = NULL, f3 = NULL;
  g_autoptr(CdInteraction) x = NULL;
  CdLlmUsage *usage;

  g_assert_no_error (error);
  g_assert_cmpstr (cd_memory_get_summary (m), ==, "Prefers mornings.");

  items = cd_memory_get_open_items (m);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);
  i0 = g_list_model_get_item (items, 0);
  i1 = g_list_model_get_item (items, 1);
  i2 = g_list_model_get_item (items, 2);
  i3 = g_list_model_get_item (items, 3);
  g_assert_cmpstr (cd_open_item_get_title (i0), ==, "Send quote");
  assert_time (cd_open_item_get_due_date (i0), 2026, 3, 12, 0, 0, 0);
  g_assert_cmpstr (cd_open_item_get_title (i1), ==, "Call back");
  g_assert_null (cd_open_item_get_due_date (i1));
  assert_time (cd_open_item_get_due_date (i2), 2026, 3, 20, 10, 0, 0);
  g_assert_cmpstr (cd_open_item_get_title (i3), ==, "Bad date");
  g_assert_null (cd_open_item_get_due_date (i3));

  facts = cd_memory_get_facts (m);
  g_assert_cmpuint (g_list_model_get_n_items (facts), ==, 4);
  f0 = g_list_model_get_item (facts, 0);
  f1 = g_list_model_get_item (facts, 1);
  f2 = g_list_model_get_item (facts, 2);
  f3 = g_list_model_get_item (facts, 3);
  g_assert_cmpstr (cd_memory_fact_get_key (f0), ==, "budget");
  g_assert_cmpstr (cd_memory_fact_get_label (f0), ==, "Budget");
  g_assert_cmpstr (cd_memory_fact_get_value (f0), ==, "120000");
  g_assert_cmpint (cd_memory_fact_get_source (f0), ==, CD_FACT_SOURCE_SYSTEM);
  g_assert_false (cd_memory_fact_is_user_set (f0));
  g_assert_null (cd_memory_fact_get_ai_value (f0));
  assert_time (cd_memory_fact_get_updated_at (f0), 2026, 3, 10, 8, 0, 0);
  g_assert_cmpstr (cd_memory_fact_get_value (f1), ==, "true");
  g_assert_cmpstr (cd_memory_fact_get_ai_value (f1), ==, "false");
  g_assert_true (cd_memory_fact_is_user_set (f1));
  g_assert_cmpstr (cd_memory_fact_get_value (f2), ==, "0.25");
  g_assert_null (cd_memory_fact_get_label (f2));
  g_assert_cmpint (cd_memory_fact_get_source (f3), ==, CD_FACT_SOURCE_UNKNOWN);
  g_assert_false (cd_memory_fact_is_user_set (f3));

  x = g_list_model_get_item (cd_memory_get_interactions (m), 0);
  assert_time (cd_interaction_get_ended_at (x), 2026, 3, 9, 16, 4, 12);
  g_assert_cmpint (cd_interaction_get_direction (x), ==, CD_DIRECTION_OUTBOUND);
  g_assert_cmpstr (cd_interaction_get_result (x), ==, "completed");
  g_assert_cmpint (cd_interaction_get_duration_seconds (x), ==, 252);
  g_assert_cmpint (cd_interaction_get_voice_session_id (x), ==, 9001);
  g_assert_cmpstr (cd_interaction_get_summary (x), ==, "Quote");

  usage = cd_memory_get_llm_usage (m);
  g_assert_nonnull (usage);
  g_assert_cmpstr (cd_llm_usage_get_model (usage), ==, "gpt-x");
  g_assert_cmpint (cd_llm_usage_get_run_count (usage), ==, 3);
  g_assert_cmpstr (cd_llm_usage_get_last_run_cost (usage)->amount, ==, "0.0040");
  g_assert_cmpint (cd_llm_usage_get_last_run_tokens (usage), ==, 1200);
  g_assert_cmpstr (cd_llm_usage_get_totals_cost (usage)->amount, ==, "0.0120");
  g_assert_cmpint (cd_llm_usage_get_totals_tokens (usage), ==, 3600);

  g_assert_cmpint (cd_memory_get_rebuild_status (m), ==, CD_REBUILD_STATUS_RUNNING);
  assert_time (cd_memory_get_rebuild_requested_at (m), 2026, 3, 10, 9, 59, 0);
  assert_time (cd_memory_get_updated_at (m), 2026, 3, 10, 10, 0, 0);
}

static void
test_memory_empty (void)
{
  g_autoptr(JsonNode) node = parse_q ("{'summary': null, 'llm_usage': null, 'rebuild': {'status': 'idle',"
                                      " 'requested_at': null}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMemory) m = cd_memory_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_null (cd_memory_get_summary (m));
  g_assert_cmpuint (g_list_model_get_n_items (cd_memory_get_open_items (m)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cd_memory_get_facts (m)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cd_memory_get_interactions (m)), ==, 0);
  g_assert_null (cd_memory_get_llm_usage (m));
  g_assert_cmpint (cd_memory_get_rebuild_status (m), ==, CD_REBUILD_STATUS_IDLE);
  g_assert_null (cd_memory_get_rebuild_requested_at (m));
}

static void
test_memory_wrong_types (void)
{
  static const struct { const char *json; const char *member; } cases[] = {
    { "{'summary': 5}", "summary" },
    { "{'open_items': [{'title': 'a'}, 42]}", "open_items[1]" },
    { "{'open_items': [{'title': 'a', 'due_date': 5}]}", "open_items[0].due_date" },
    { "{'facts': [{'key': 'a', 'source': 1}]}", "facts[0].source" },
    { "{'facts': [{'key': 'a', 'ai_value': {}}]}", "facts[0].ai_value" },
    { "{'interactions': [{'voice_session_id': 'x'}]}", "interactions[0].voice_session_id" },
    { "{'llm_usage': {'run_count': true}}", "llm_usage.run_count" },
    { "{'rebuild': {'requested_at': 'later'}}", "rebuild.requested_at" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_q (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(CdMemory) m = cd_memory_new_from_json (node, &error);

      g_assert_null (m);
      assert_bad_member (error, cases[i].member);
    }
}

/* Not JSON, and json-glib 1.6 would leak on it: rejected before parsing. */
static void
test_not_json_rejected (void)
{
  /* The last ones came from the long fuzz run: json-glib 1.6 made invalid UTF-8
   * of octal escapes and lone surrogates, and leaked on single quotes. */
  const char *texts[] = { "{/{}/}{}}", "/* note */ {}", "{} // note", "{}{}", "0{}",
                          "{\"a\": \"\\777\"}", "[\"\\2\"]", "[\"\\ud800\"]",
                          "[\"\\udc00\\ud800\"]", "[\"\\ud800\\u0041\"]", "[\"\\x41\"]",
                          "'][['[][]", "['a']", "{a: 1}", "[#]" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = cd_json_parse (texts[i], -1, &error);

      g_assert_null (node);
      g_assert_error (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE);
    }
  /* A slash inside a string is ordinary text; every JSON escape is fine. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = cd_json_parse ("{\"url\": \"https://a/b\"}", -1, &error);

    g_assert_no_error (error);
    g_assert_nonnull (node);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node =
      cd_json_parse ("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", -1.5e+3, true, false, null]",
                     -1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_array_get_string_element (json_node_get_array (node), 0),
                     ==, "\"\\/\b\f\n\r\t\u00e9\U0001F600");
  }
}

static void
test_enum_strings (void)
{
  g_assert_cmpint (cd_session_status_from_string ("no_answer"), ==, CD_SESSION_STATUS_NO_ANSWER);
  g_assert_cmpstr (cd_session_status_to_string (CD_SESSION_STATUS_IN_PROGRESS), ==, "in_progress");
  g_assert_cmpint (cd_session_status_from_string ("exploded"), ==, CD_SESSION_STATUS_UNKNOWN);
  g_assert_cmpint (cd_follow_up_status_from_string ("cancelled"), ==, CD_FOLLOW_UP_STATUS_CANCELLED);
  g_assert_cmpstr (cd_follow_up_source_to_string (CD_FOLLOW_UP_SOURCE_INBOUND), ==, "inbound");
  g_assert_cmpstr (cd_follow_up_priority_to_string (CD_FOLLOW_UP_PRIORITY_NORMAL), ==, "normal");
  g_assert_cmpstr (cd_rebuild_status_to_string (CD_REBUILD_STATUS_QUEUED), ==, "queued");
  g_assert_cmpstr (cd_direction_to_string (CD_DIRECTION_INBOUND), ==, "inbound");
  g_assert_null (cd_direction_to_string (99));
  g_assert_true (G_TYPE_IS_ENUM (CD_TYPE_SESSION_STATUS));
  g_assert_true (G_TYPE_IS_FLAGS (CD_TYPE_CONTACT_PERMISSIONS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json/generic/every-model", test_every_model_generic);
  g_test_add_func ("/json/generic/list-helpers", test_every_list_helper);
  g_test_add_func ("/json/generic/huge-strings", test_huge_strings);
  g_test_add_func ("/json/generic/not-json-rejected", test_not_json_rejected);
  g_test_add_func ("/json/contact/valid", test_contact_valid);
  g_test_add_func ("/json/contact/missing", test_contact_missing);
  g_test_add_func ("/json/contact/erased-unknown-enum", test_contact_erased_and_unknown_enum);
  g_test_add_func ("/json/contact/wrong-types", test_contact_wrong_types);
  g_test_add_func ("/json/contact/list", test_contact_list);
  g_test_add_func ("/json/custom-field", test_custom_field);
  g_test_add_func ("/json/campaign-user-phone-agent", test_campaign_user_phone_agent);
  g_test_add_func ("/json/roles", test_roles);
  g_test_add_func ("/json/voice-session/row", test_voice_session_row);
  g_test_add_func ("/json/voice-session/detail", test_voice_session_detail);
  g_test_add_func ("/json/voice-session/wrong-types", test_voice_session_wrong_types);
  g_test_add_func ("/json/money", test_money);
  g_test_add_func ("/json/follow-up", test_follow_up);
  g_test_add_func ("/json/memory/valid", test_memory);
  g_test_add_func ("/json/memory/empty", test_memory_empty);
  g_test_add_func ("/json/memory/wrong-types", test_memory_wrong_types);
  g_test_add_func ("/json/enum-strings", test_enum_strings);

  return g_test_run ();
}
