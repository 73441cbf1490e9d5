/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-rules"

#include "cd-core.h"

static CdContact *
contact_from (const char *quoted)
{
  g_autofree char *text = g_strdup (quoted);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  CdContact *contact;

  g_strdelimit (text, "'", '"');
  node = cd_json_parse (text, -1, &error);
  g_assert_no_error (error);
  contact = cd_contact_new_from_json (node, &error);
  g_assert_no_error (error);
  return contact;
}

static void
assert_title (const char *json,
              const char *title,
              const char *subtitle)
{
  g_autoptr(CdContact) contact = contact_from (json);
  g_autofree char *t = cd_contact_dup_display_title (contact);
  g_autofree char *s = cd_contact_dup_display_subtitle (contact);

  g_assert_cmpstr (t, ==, title);
  g_assert_cmpstr (s, ==, subtitle);
}

static void
test_title (void)
{
  assert_title ("{'id': 1, 'first_name': 'Rahul', 'last_name': 'Mehta', 'phone_e164': '+919900000001',"
                " 'company': 'Acme'}", "Rahul Mehta", "+919900000001");
  assert_title ("{'id': 1, 'first_name': '  Rahul ', 'last_name': ' Mehta  ', 'company': 'Acme'}",
                "Rahul Mehta", NULL);
  assert_title ("{'id': 1, 'first_name': 'Rahul', 'phone_e164': '+91990'}", "Rahul", "+91990");
  assert_title ("{'id': 1, 'last_name': 'Mehta', 'last_name_extra': 'x'}", "Mehta", NULL);
  /* phone only: title is the phone, subtitle the company */
  assert_title ("{'id': 1, 'phone_e164': '+919900000001', 'company': 'Acme'}", "+919900000001", "Acme");
  assert_title ("{'id': 1, 'first_name': '', 'last_name': null, 'phone_e164': '+1555'}", "+1555", NULL);
  /* whitespace-only names count as missing */
  assert_title ("{'id': 1, 'first_name': '   ', 'last_name': '\\t', 'phone_e164': '+1555'}", "+1555", NULL);
  /* neither */
  assert_title ("{'id': 501, 'company': 'Acme'}", "Contact #501", "Acme");
  assert_title ("{'id': 502, 'first_name': ' ', 'phone_e164': ' ', 'company': '  '}", "Contact #502", NULL);
  /* markup-like names are returned verbatim (the UI shows them as plain text) */
  assert_title ("{'id': 1, 'first_name': '<b>Bob</b>', 'last_name': '& Co <i>', 'phone_e164': '+1'}",
                "<b>Bob</b> & Co <i>", "+1");
}

static void
assert_callable (const char          *json,
                 const CdCallContext *context,
                 const char          *expected_reason)
{
  g_autoptr(CdContact) contact = contact_from (json);
  g_autofree char *reason = NULL;
  gboolean callable = cd_contact_is_callable (contact, context, &reason);

  g_assert_cmpstr (reason, ==, expected_reason);
  g_assert_true (callable == (expected_reason == NULL));
  /* reason is optional */
  g_assert_true (cd_contact_is_callable (contact, context, NULL) == callable);
}

#define OK_CONTACT(extra) \
  "{'id': 1, 'phone_e164': '+4930123', 'lifecycle_state': 'active', 'dnc': {'listed': false}," \
  " 'permissions': {'can_call': true}" extra "}"

static void
test_callable (void)
{
  const CdCallContext ok = { TRUE, CD_ROLE_TENANT_OPERATOR, TRUE };
  const CdCallContext admin = { TRUE, CD_ROLE_TENANT_ADMIN, TRUE };
  const CdCallContext no_tenant = { FALSE, CD_ROLE_TENANT_ADMIN, TRUE };
  const CdCallContext viewer = { TRUE, CD_ROLE_TENANT_VIEWER, TRUE };
  const CdCallContext support = { TRUE, CD_ROLE_PLATFORM_SUPPORT, TRUE };
  const CdCallContext offline = { TRUE, CD_ROLE_TENANT_OPERATOR, FALSE };
  const CdCallContext everything_wrong = { FALSE, CD_ROLE_TENANT_VIEWER, FALSE };

  assert_callable (OK_CONTACT (""), &ok, NULL);
  assert_callable (OK_CONTACT (""), &admin, NULL);
  assert_callable (OK_CONTACT (""), NULL, NULL);

  assert_callable (OK_CONTACT (""), &no_tenant, "Not callable: no workspace selected");
  assert_callable (OK_CONTACT (", 'dnc': {'listed': true}"), &ok, "Not callable: on the Do-Not-Call list");
  assert_callable (OK_CONTACT (", 'lifecycle_state': 'archived'"), &ok, "Not callable: archived");
  assert_callable (OK_CONTACT (", 'lifecycle_state': 'deleted'"), &ok, "Not callable: erased");
  assert_callable (OK_CONTACT (", 'phone_e164': null"), &ok, "Not callable: no phone number");
  assert_callable (OK_CONTACT (", 'phone_e164': '  '"), &ok, "Not callable: no phone number");
  assert_callable (OK_CONTACT (", 'permissions': {'can_call': false}"), &ok, "Not callable: not permitted");
  assert_callable (OK_CONTACT (", 'permissions': null"), &ok, "Not callable: not permitted");
  assert_callable (OK_CONTACT (""), &viewer, "Not callable: your role can’t place calls");
  assert_callable (OK_CONTACT (""), &support, "Not callable: your role can’t place calls");
  assert_callable (OK_CONTACT (""), &offline, "Not callable: offline");

  /* precedence: workspace, erased, archived, DNC, phone, role, permission, offline */
  assert_callable (OK_CONTACT (", 'lifecycle_state': 'deleted', 'dnc': {'listed': true}, 'phone_e164': null"),
                   &everything_wrong, "Not callable: no workspace selected");
  assert_callable (OK_CONTACT (", 'lifecycle_state': 'deleted', 'dnc': {'listed': true}"),
                   &offline, "Not callable: erased");
  assert_callable (OK_CONTACT (", 'lifecycle_state': 'archived', 'dnc': {'listed': true}"),
                   &offline, "Not callable: archived");
  assert_callable (OK_CONTACT (", 'dnc': {'listed': true}, 'phone_e164': null"),
                   &viewer, "Not callable: on the Do-Not-Call list");
  assert_callable (OK_CONTACT (", 'phone_e164': null, 'permissions': {}"),
                   &viewer, "Not callable: no phone number");
  assert_callable (OK_CONTACT (", 'permissions': {}"), &viewer, "Not callable: your role can’t place calls");
  assert_callable (OK_CONTACT (", 'permissions': {}"), &offline, "Not callable: not permitted");
}

static GListModel *
definitions_from (const char *quoted)
{
  g_autofree char *text = g_strdup (quoted);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  g_strdelimit (text, "'", '"');
  node = cd_json_parse (text, -1, &error);
  g_assert_no_error (error);
  list = cd_custom_field_list_from_json (node, &error);
  g_assert_no_error (error);
  return list;
}

static void
assert_field (GPtrArray  *fields,
              guint       index,
              const char *key,
              const char *label,
              const char *value)
{
  CdVisibleField *field;

  g_assert_cmpuint (index, <, fields->len);
  field = g_ptr_array_index (fields, index);
  g_assert_cmpstr (field->key, ==, key);
  g_assert_cmpstr (field->label, ==, label);
  g_assert_cmpstr (field->value_text, ==, value);
}

static void
test_visible_fields (void)
{
  g_autoptr(CdContact) contact = contact_from (
    "{'id': 1, 'custom_fields': {"
    "  'zeta_unknown': 'z', 'plan_tier': 'gold', 'budget': 120000, 'renewal': '2026-03-12',"
    "  'vip': true, 'opted_in': 'false', 'churn_score': 0.82, 'empty_text': '', 'blank': '   ',"
    "  'nothing': null, 'no_items': [], 'colors': ['red', 'blue'], 'alpha_unknown': 7,"
    "  'next_call': '2026-03-20T10:00:00Z', 'free_text': '<b>hi</b>', 'tier_code': 2,"
    "  'weird_date': 'soon', 'mystery': {'a': 1}, 'hollow': {}}}");
  g_autoptr(GListModel) defs = definitions_from (
    "[{'key': 'plan_tier', 'label': 'Plan tier', 'type': 'enum',"
    "  'enum_values': [{'value': 'gold', 'label': 'Gold'}, {'value': 'silver', 'label': 'Silver'}]},"
    " {'key': 'churn_score', 'label': 'Churn score', 'type': 'number', 'signal': true},"
    " {'key': 'budget', 'label': 'Budget', 'type': 'number'},"
    " {'key': 'renewal', 'label': 'Renewal', 'type': 'date'},"
    " {'key': 'vip', 'label': 'VIP', 'type': 'boolean'},"
    " {'key': 'opted_in', 'label': 'Opted in', 'type': 'boolean'},"
    " {'key': 'empty_text', 'label': 'Empty', 'type': 'text'},"
    " {'key': 'blank', 'label': 'Blank', 'type': 'text'},"
    " {'key': 'nothing', 'label': 'Nothing', 'type': 'text'},"
    " {'key': 'no_items', 'label': 'No items', 'type': 'enum', 'enum_values': ['a']},"
    " {'key': 'colors', 'label': 'Colours', 'type': 'enum',"
    "  'enum_values': [{'value': 'red', 'label': 'Red'}, {'value': 'blue', 'label': 'Blue'}]},"
    " {'key': 'not_set', 'label': 'Not set', 'type': 'text'},"
    " {'key': 'free_text', 'label': '', 'type': 'text'},"
    " {'key': 'tier_code', 'label': 'Tier code', 'type': 'enum', 'enum_values': [{'value': 2, 'label': 'Two'}]},"
    " {'key': 'weird_date', 'label': 'Weird date', 'type': 'date'},"
    " {'key': 'next_call', 'label': 'Next call', 'type': 'date'}]");
  g_autoptr(GPtrArray) fields = cd_contact_dup_visible_fields (contact, defs);
  g_autoptr(GPtrArray) bare = NULL;

  /* definition order; signal, null, "", blank, [] and missing values hidden */
  assert_field (fields, 0, "plan_tier", "Plan tier", "Gold");
  assert_field (fields, 1, "budget", "Budget", "120000");
  assert_field (fields, 2, "renewal", "Renewal", "12 Mar 2026");
  assert_field (fields, 3, "vip", "VIP", "Yes");
  assert_field (fields, 4, "opted_in", "Opted in", "No");
  assert_field (fields, 5, "colors", "Colours", "Red, Blue");
  assert_field (fields, 6, "free_text", "free_text", "<b>hi</b>");
  assert_field (fields, 7, "tier_code", "Tier code", "Two");
  assert_field (fields, 8, "weird_date", "Weird date", "soon");
  assert_field (fields, 9, "next_call", "Next call", "20 Mar 2026");
  /* then keys without a definition, sorted, labelled by key */
  assert_field (fields, 10, "alpha_unknown", "alpha_unknown", "7");
  assert_field (fields, 11, "mystery", "mystery", "{\"a\":1}");
  assert_field (fields, 12, "zeta_unknown", "zeta_unknown", "z");
  g_assert_cmpuint (fields->len, ==, 13);

  /* without definitions everything non-empty shows, sorted by key, rendered by JSON type */
  bare = cd_contact_dup_visible_fields (contact, NULL);
  assert_field (bare, 0, "alpha_unknown", "alpha_unknown", "7");
  assert_field (bare, 1, "budget", "budget", "120000");
  assert_field (bare, 2, "churn_score", "churn_score", "0.82");
  assert_field (bare, 3, "colors", "colors", "red, blue");
  g_assert_cmpuint (bare->len, ==, 14);
  for (guint i = 0; i < bare->len; i++)
    {
      CdVisibleField *field = g_ptr_array_index (bare, i);

      g_assert_cmpstr (field->key, !=, "empty_text");
      g_assert_cmpstr (field->key, !=, "hollow");
      if (g_str_equal (field->key, "vip"))
        g_assert_cmpstr (field->value_text, ==, "Yes");
      if (g_str_equal (field->key, "opted_in"))
        g_assert_cmpstr (field->value_text, ==, "false");
    }
}

static void
test_visible_field_boxed (void)
{
  g_autoptr(CdContact) contact = contact_from ("{'id': 1, 'custom_fields': {'a': 'b'}}");
  g_autoptr(GPtrArray) fields = cd_contact_dup_visible_fields (contact, NULL);
  g_autoptr(CdVisibleField) copy = cd_visible_field_copy (g_ptr_array_index (fields, 0));

  g_assert_cmpstr (copy->key, ==, "a");
  g_assert_cmpstr (copy->value_text, ==, "b");
  g_assert_true (G_TYPE_IS_BOXED (CD_TYPE_VISIBLE_FIELD));
}

static void
test_follow_up_groups (void)
{
  static const struct
  {
    CdFollowUpStatus status;
    CdFollowUpGroup group;
    CdFollowUpActions actions;
  } cases[] = {
    { CD_FOLLOW_UP_STATUS_SCHEDULED, CD_FOLLOW_UP_GROUP_NOT_STARTED, 0xf },
    { CD_FOLLOW_UP_STATUS_QUEUED, CD_FOLLOW_UP_GROUP_NOT_STARTED, 0xf },
    { CD_FOLLOW_UP_STATUS_IN_PROGRESS, CD_FOLLOW_UP_GROUP_IN_PROGRESS, CD_FOLLOW_UP_ACTIONS_VIEW },
    { CD_FOLLOW_UP_STATUS_COMPLETED, CD_FOLLOW_UP_GROUP_DONE, CD_FOLLOW_UP_ACTIONS_VIEW },
    { CD_FOLLOW_UP_STATUS_FAILED, CD_FOLLOW_UP_GROUP_NEEDS_ATTENTION, CD_FOLLOW_UP_ACTIONS_VIEW },
    { CD_FOLLOW_UP_STATUS_EXPIRED, CD_FOLLOW_UP_GROUP_NEEDS_ATTENTION, CD_FOLLOW_UP_ACTIONS_VIEW },
    { CD_FOLLOW_UP_STATUS_CANCELLED, CD_FOLLOW_UP_GROUP_CANCELLED, CD_FOLLOW_UP_ACTIONS_VIEW },
    { CD_FOLLOW_UP_STATUS_SNOOZED, CD_FOLLOW_UP_GROUP_SNOOZED, 0xf },
    { CD_FOLLOW_UP_STATUS_UNKNOWN, CD_FOLLOW_UP_GROUP_UNKNOWN, CD_FOLLOW_UP_ACTIONS_VIEW },
  };
  const CdFollowUpActions all = CD_FOLLOW_UP_ACTIONS_VIEW | CD_FOLLOW_UP_ACTIONS_CANCEL |
                                CD_FOLLOW_UP_ACTIONS_RESCHEDULE | CD_FOLLOW_UP_ACTIONS_SNOOZE;

  g_assert_cmpuint (all, ==, 0xf);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": 1, \"status\": \"%s\"}",
                                               cd_follow_up_status_to_string (cases[i].status)
                                                 ? cd_follow_up_status_to_string (cases[i].status) : "weird");
      g_autoptr(JsonNode) node = cd_json_parse (json, -1, NULL);
      g_autoptr(CdFollowUp) follow_up = cd_follow_up_new_from_json (node, NULL);

      g_assert_cmpint (cd_follow_up_status_group (cases[i].status), ==, cases[i].group);
      g_assert_cmpuint (cd_follow_up_status_allowed_actions (cases[i].status), ==, cases[i].actions);
      g_assert_cmpint (cd_follow_up_get_group (follow_up), ==, cases[i].group);
      g_assert_cmpuint (cd_follow_up_allowed_actions (follow_up), ==, cases[i].actions);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rules/title-subtitle", test_title);
  g_test_add_func ("/rules/callable", test_callable);
  g_test_add_func ("/rules/visible-fields", test_visible_fields);
  g_test_add_func ("/rules/visible-field-boxed", test_visible_field_boxed);
  g_test_add_func ("/rules/follow-up-groups", test_follow_up_groups);

  return g_test_run ();
}
