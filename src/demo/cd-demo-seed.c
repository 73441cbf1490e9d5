/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-demo"

#include "cd-demo-private.h"
#include "cd-demo-seed.h"

/*
 * Deterministic demo data: a GRand with a fixed seed drives every choice, and
 * times are relative to the moment of seeding (so "scheduled" follow-ups are in
 * the future on a fresh database).
 */

#define SEED 20240501
#define HOUR 3600
#define DAY (24 * HOUR)
#define LAST_CONTACT 700

typedef struct
{
  sqlite3      *db;
  GRand        *rand;
  gint64        now;
  sqlite3_stmt *contact;
  sqlite3_stmt *session;
  sqlite3_stmt *follow_up;
  sqlite3_stmt *fact;
  sqlite3_stmt *memory;
  gboolean      ok;
} Seed;

typedef struct
{
  gint64      id;
  const char *first;
  const char *last;
  const char *phone;
  const char *email;
  const char *company;
  const char *tz;
  const char *country;
  const char *tags;
  const char *custom;
  const char *lifecycle;
} SeedContact;

static const SeedContact special_contacts[] = {
  { 501, "Rahul", "Mehta", "+919900000001", "rahul@example.com", "Acme Realty", "Asia/Kolkata",
    "IN", "[\"vip\",\"renewal\"]",
    "{\"plan_tier\":\"gold\",\"budget\":120000,\"renewal_date\":\"2026-03-31\",\"newsletter\":true,"
    "\"notes\":\"Prefers morning calls\",\"last_outcome\":\"interested\",\"interest_score\":82}",
    "active" },
  { 502, NULL, NULL, "+14155550142", NULL, NULL, "America/Los_Angeles", "US", "[]", "{}",
    "active" },
  { 503, NULL, NULL, NULL, NULL, "Globex Industries", "Europe/Berlin", "DE", "[]", "{}", "active" },
  { 504, "María", "García", "+34911234567", "maria.garcia@example.es", "Sol Viajes",
    "Europe/Madrid", "ES", "[\"prospect\"]", "{\"plan_tier\":\"bronze\"}", "active" },
  { 505, "Tobias", "Weber", "+4930123456789", "tobias@example.de", "Weber GmbH", "Europe/Berlin",
    "DE", "[]", "{\"plan_tier\":\"silver\",\"newsletter\":false}", "archived" },
  { 506, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "[]", "{}", "deleted" },
  { 507, "Emma", "Johansson", "+46701234567", "emma@example.se", NULL, "Europe/Stockholm", "SE",
    "[]", "{}", "active" },
  { 508, "Wei", "Chen", "+8613800138000", "wei.chen@example.cn", "Dragon Logistics",
    "Asia/Shanghai", "CN", "[\"high-volume\"]",
    "{\"budget\":5000000,\"last_outcome\":\"callback_requested\"}", "active" },
  { 509, "<b>Bold</b>", "& Sons <i>", "+15555550509", "markup@example.com",
    "<script>x</script> & Co", "Europe/London", "GB", "[\"<tag>\",\"a&b\"]",
    "{\"notes\":\"<i>not italic</i> & <u>raw</u>\"}", "active" },
  { 510, "ليلى", "حداد", "+971501234567", "layla@example.ae", "شركة النخيل", "Asia/Dubai", "AE",
    "[\"arabic\"]", "{}", "active" },
  { 511, "Noah", "Fischer", "+41791234567", "noah@example.ch", NULL, "Europe/Zurich", "CH", "[]",
    "{}", "active" },
  { 512, "Aisha", "Bello", "+2348031234567", "aisha@example.ng", "Lagos Foods", "Africa/Lagos",
    "NG", "[\"follow-up\"]", "{\"plan_tier\":\"silver\"}", "active" },
};

static const char *first_names[] = {
  "Olivia", "Liam", "Sofía", "Mateo", "Анна",   "Дмитрий",  "प्रिया",  "अर्जुन",
  "さくら", "伟",   "Yuki",  "Zoë",   "Björn",  "François", "Nguyễn", "Sunny 😀",
  "Chloé",  "Ömer", "美玲",  "Kwame", "Ingrid", "Ravi",     "Lucía",  "Oksana",
};
static const char *last_names[] = {
  "Smith", "Kowalski", "Иванов", "शर्मा",    "山田",      "王",     "Okafor",  "Dubois", "Rossi",
  "Silva", "Nakamura", "Müller", "Петрова", "Andersson", "🌟 Star", "O'Brien", "Haddad", "Kim",
};
static const char *companies[] = {
  "Initech",
  "Umbrella Corp",
  "Stark Industries",
  "Wayne Enterprises",
  "Hooli",
  "Тройка",
  "テック株式会社",
  NULL,
  "Pied Piper",
  NULL,
};
static const char *tag_sets[] = {
  "[]", "[\"vip\"]", "[\"renewal\"]", "[\"prospect\",\"webinar\"]", "[]", "[\"churn-risk\"]",
};
static const char *summaries[] = {
  "Discussed renewal options; asked for a written quote.",
  "Interested in the premium plan, wants a demo next week.",
  "Not interested at the moment, call back next quarter.",
  "Confirmed appointment for Thursday morning.",
  "Asked about pricing for 20 seats and invoicing terms.",
  "Reported a billing issue; escalated to support.",
  "Left a voicemail with the callback number.",
  "Requested information by email instead of calls.",
};
static const char *outcomes[] = { "interested", "not_interested", "callback_requested",
                                  "converted" };
static const char *timezones[] = { "America/New_York", "Europe/Paris", "Asia/Tokyo",
                                   "Europe/Moscow",    "Asia/Kolkata", "America/Sao_Paulo" };
static const char *countries[] = { "US", "FR", "JP", "RU", "IN", "BR" };

static void
check (Seed *s, int rc)
{
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      g_warning ("Seeding failed: %s", sqlite3_errmsg (s->db));
      s->ok = FALSE;
    }
}

static void
bind_text (sqlite3_stmt *st, int col, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (st, col, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, col);
}

static void
bind_opt_int (sqlite3_stmt *st, int col, gint64 value)
{
  if (value != 0)
    sqlite3_bind_int64 (st, col, value);
  else
    sqlite3_bind_null (st, col);
}

static void
run (Seed *s, sqlite3_stmt *st)
{
  check (s, sqlite3_step (st));
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
}

static void
seed_catalog (Seed *s)
{
  check (
    s,
    sqlite3_exec (
      s->db,
      "INSERT INTO agents VALUES (1, 'Riya – Renewals', 1, 'active', "
      "'[{\"name\":\"first_name\",\"description\":\"How the agent greets the "
      "contact\",\"mappable\":true},"
      "{\"name\":\"company\",\"description\":\"Company mentioned in the pitch\",\"mappable\":true},"
      "{\"name\":\"plan_tier\",\"description\":\"Current plan\",\"mappable\":true},"
      "{\"name\":\"discount_code\",\"description\":\"Offer code read out on the "
      "call\",\"mappable\":true},"
      "{\"name\":\"call_direction\",\"description\":\"System: inbound or "
      "outbound\",\"mappable\":false},"
      "{\"name\":\"contact_phone\",\"description\":\"System: dialled "
      "number\",\"mappable\":false}]');"
      "INSERT INTO agents VALUES (2, 'Support Triage', 1, 'active', "
      "'[{\"name\":\"call_direction\",\"description\":\"System: inbound or "
      "outbound\",\"mappable\":false},"
      "{\"name\":\"recording_enabled\",\"description\":\"System flag\",\"mappable\":false}]');"
      "INSERT INTO agents VALUES (3, 'Draft – Surveys', 0, 'draft', "
      "'[{\"name\":\"first_name\",\"description\":\"Greeting\",\"mappable\":true}]');"
      "INSERT INTO phone_numbers VALUES (1, '+14155550100', 'Main line', 'active');"
      "INSERT INTO phone_numbers VALUES (2, '+14155550101', 'Sales', 'active');"
      "INSERT INTO phone_numbers VALUES (3, '+442071838750', 'London', 'active');"
      "INSERT INTO phone_numbers VALUES (4, '+14155550199', 'Old line', 'inactive');"
      "INSERT INTO campaigns VALUES (123, 'Q2 Reactivation', 'running', 1, 'America/New_York', "
      "'https://app.example.com/campaigns/123/dashboard', 1);"
      "INSERT INTO campaigns VALUES (124, 'Renewal Push', 'completed', 1, 'Europe/London', "
      "'https://app.example.com/campaigns/124/dashboard', 1);"
      "INSERT INTO campaigns VALUES (125, 'Support Check-in', 'paused', 2, 'Asia/Kolkata', "
      "'https://app.example.com/campaigns/125/dashboard', 1);",
      NULL, NULL, NULL));
}

static void
insert_contact (Seed *s, const SeedContact *c, gint64 recent_campaign)
{
  sqlite3_stmt *st = s->contact;
  gint64        created = s->now - (gint64) (400 - (c->id % 300)) * DAY;

  sqlite3_bind_int64 (st, 1, c->id);
  bind_text (st, 2, c->first);
  bind_text (st, 3, c->last);
  bind_text (st, 4, c->phone);
  bind_text (st, 5, c->email);
  bind_text (st, 6, c->company);
  bind_text (st, 7, c->tz);
  bind_text (st, 8, c->country);
  bind_text (st, 9, c->tags);
  bind_text (st, 10, c->custom);
  bind_text (st, 11, c->lifecycle);
  bind_opt_int (st, 12, recent_campaign);
  sqlite3_bind_int64 (st, 13, created);
  sqlite3_bind_int64 (st, 14, created + 3 * DAY);
  run (s, st);
}

static const char *
pick_status (Seed *s)
{
  int r = g_rand_int_range (s->rand, 0, 100);

  if (r < 55)
    return "completed";
  if (r < 70)
    return "no_answer";
  if (r < 75)
    return "busy";
  if (r < 80)
    return "failed";
  if (r < 92)
    return "voicemail";
  return "canceled";
}

static const char *
end_reason_for (const char *status)
{
  if (g_str_equal (status, "completed"))
    return "customer_hangup";
  if (g_str_equal (status, "no_answer"))
    return "no_answer";
  if (g_str_equal (status, "busy"))
    return "busy";
  if (g_str_equal (status, "failed"))
    return "carrier_error";
  if (g_str_equal (status, "voicemail"))
    return "voicemail_detected";
  return "canceled_by_operator";
}

/* One finished call; @campaign 0 = manual call. */
static void
insert_session (Seed *s, gint64 contact_id, const char *phone, gint64 started, gint64 campaign)
{
  sqlite3_stmt    *st = s->session;
  const char      *status = pick_status (s);
  gboolean         completed = g_str_equal (status, "completed");
  gboolean         voicemail = g_str_equal (status, "voicemail");
  gboolean         outbound = g_rand_int_range (s->rand, 0, 100) < 80;
  gint64           duration = completed   ? g_rand_int_range (s->rand, 30, 900)
                              : voicemail ? g_rand_int_range (s->rand, 20, 45)
                                          : 0;
  char             cost[G_ASCII_DTOSTR_BUF_SIZE];

  sqlite3_bind_int64 (st, 1, contact_id);
  sqlite3_bind_text (st, 2, outbound ? "outbound" : "inbound", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 4, started);
  sqlite3_bind_int64 (st, 5, started + 25 + duration);
  sqlite3_bind_int64 (st, 6, duration);
  sqlite3_bind_int64 (st, 7, completed ? MAX (duration - g_rand_int_range (s->rand, 0, 10), 0) : 0);
  sqlite3_bind_int64 (st, 8, g_rand_int_range (s->rand, 1, 3));
  bind_opt_int (st, 9, campaign);
  bind_text (st, 10, campaign && completed ? outcomes[g_rand_int_range (s->rand, 0, 4)] : NULL);
  bind_text (st, 11, outbound ? "+14155550100" : phone);
  bind_text (st, 12, outbound ? phone : "+14155550100");
  bind_text (st, 13,
             completed || voicemail
               ? summaries[g_rand_int_range (s->rand, 0, G_N_ELEMENTS (summaries))]
               : NULL);
  sqlite3_bind_int (st, 14, completed || voicemail);
  /* "0.0021", never "0,0021" under a German LC_NUMERIC */
  g_ascii_formatd (cost, sizeof cost, "%.4f", 0.0021 + duration * 0.0012);
  sqlite3_bind_text (st, 15, cost, -1, SQLITE_TRANSIENT);
  bind_text (st, 16,
             completed ? (const char *[]){ "positive", "neutral",
                                           "negative" }[g_rand_int_range (s->rand, 0, 3)]
                       : NULL);
  sqlite3_bind_text (st, 17, end_reason_for (status), -1, SQLITE_STATIC);
  run (s, st);
}

static void
insert_follow_up (Seed       *s,
                  gint64      contact_id,
                  const char *status,
                  gint64      scheduled,
                  int         attempts,
                  gboolean    out_of_window,
                  const char *source,
                  const char *closed_reason)
{
  sqlite3_stmt *st = s->follow_up;

  sqlite3_bind_int64 (st, 1, contact_id);
  sqlite3_bind_text (st, 2, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, attempts % 3 == 2 ? "sms" : "call", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 4, scheduled);
  bind_opt_int (st, 5, g_str_equal (source, "inbound") ? 0 : 1);
  bind_opt_int (st, 6, g_str_equal (source, "campaign") ? 123 : 0);
  sqlite3_bind_int (st, 7, attempts);
  sqlite3_bind_int (st, 8, 3);
  sqlite3_bind_text (st, 9, attempts > 1 ? "high" : "normal", -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 10, out_of_window);
  sqlite3_bind_text (st, 11, source, -1, SQLITE_STATIC);
  bind_text (st, 12, "Seeded follow-up");
  bind_text (st, 13, closed_reason);
  sqlite3_bind_int64 (st, 14, s->now - 7 * DAY);
  sqlite3_bind_int64 (st, 15, s->now - DAY);
  run (s, st);
}

static void
insert_memory (Seed       *s,
               gint64      contact_id,
               const char *summary,
               const char *open_items,
               const char *llm_usage)
{
  sqlite3_stmt *st = s->memory;

  sqlite3_bind_int64 (st, 1, contact_id);
  bind_text (st, 2, summary);
  bind_text (st, 3, open_items);
  bind_text (st, 4, llm_usage);
  sqlite3_bind_int64 (st, 5, s->now - 2 * DAY);
  run (s, st);
}

static void
insert_fact (Seed       *s,
             gint64      contact_id,
             int         position,
             const char *key,
             const char *label,
             const char *value,
             const char *source,
             const char *ai_value)
{
  sqlite3_stmt *st = s->fact;

  sqlite3_bind_int64 (st, 1, contact_id);
  sqlite3_bind_text (st, 2, key, -1, SQLITE_STATIC);
  bind_text (st, 3, label);
  bind_text (st, 4, value);
  sqlite3_bind_text (st, 5, source, -1, SQLITE_STATIC);
  bind_text (st, 6, ai_value);
  sqlite3_bind_int64 (st, 7, s->now - 2 * DAY - position * HOUR);
  sqlite3_bind_int (st, 8, position);
  run (s, st);
}

static void
seed_named_contact_extras (Seed *s)
{
  for (int i = 0; i < 14; i++)
    insert_session (s, 501, "+919900000001", s->now - (i * 5 + 1) * DAY - i * HOUR,
                    i % 3 == 0   ? 123
                    : i % 5 == 1 ? 124
                                 : 0);
  insert_follow_up (s, 501, "scheduled", s->now + DAY + 2 * HOUR, 0, FALSE, "ai", NULL);
  insert_follow_up (s, 501, "completed", s->now - 3 * DAY, 1, FALSE, "manual", "Reached contact");
  insert_memory (
    s, 501,
    "Rahul manages renewals at Acme Realty. He is interested in the gold plan "
    "and wants a written quote before the end of the quarter.",
    "[{\"title\":\"Send written quote\",\"due_date\":\"2026-12-15\"},"
    "{\"title\":\"Confirm number of seats\",\"due_date\":null}]",
    "{\"model\":\"gpt-4o-mini\",\"run_count\":4,"
    "\"last_run\":{\"cost\":{\"amount\":\"0.0123\",\"currency\":\"USD\"},\"tokens\":1830},"
    "\"totals\":{\"cost\":{\"amount\":\"0.0486\",\"currency\":\"USD\"},\"tokens\":7215}}");
  insert_fact (s, 501, 0, "budget_range", "Budget range", "100k–150k USD", "system",
               "100k–150k USD");
  insert_fact (s, 501, 1, "decision_maker", "Decision maker", "Yes", "system", "Yes");
  insert_fact (s, 501, 2, "preferred_channel", "Preferred channel", "Email", "user", "Phone");
  insert_fact (s, 501, 3, "assistant_name", "Assistant", "Kavya", "user", NULL);
}

static void
seed_follow_up_contact (Seed *s)
{
  insert_follow_up (s, 512, "scheduled", s->now + DAY, 0, FALSE, "manual", NULL);
  insert_follow_up (s, 512, "queued", s->now + 10 * 60, 0, FALSE, "campaign", NULL);
  insert_follow_up (s, 512, "in_progress", s->now - 5 * 60, 1, FALSE, "ai", NULL);
  insert_follow_up (s, 512, "completed", s->now - 2 * DAY, 1, FALSE, "manual", "Reached contact");
  insert_follow_up (s, 512, "failed", s->now - DAY, 3, TRUE, "campaign", "Max attempts reached");
  insert_follow_up (s, 512, "expired", s->now - 3 * DAY, 0, FALSE, "inbound",
                    "Calling window closed before dialing");
  insert_follow_up (s, 512, "cancelled", s->now - 4 * DAY, 0, FALSE, "manual",
                    "Cancelled by operator");
  insert_follow_up (s, 512, "snoozed", s->now + 3 * DAY, 2, TRUE, "ai", NULL);
  for (int i = 0; i < 3; i++)
    insert_session (s, 512, "+2348031234567", s->now - (i + 2) * DAY, 0);
}

static void
seed_special_history (Seed *s)
{
  /* 508: the 20,000-session contact; one call every ~47 minutes going back. */
  for (int i = 0; i < 20000; i++)
    insert_session (s, 508, "+8613800138000", s->now - HOUR - (gint64) i * 2820,
                    i % 4 == 0   ? 123
                    : i % 4 == 1 ? 125
                                 : 0);
  insert_memory (s, 508, "High-volume logistics contact; calls daily about shipments.", "[]", NULL);
  insert_fact (s, 508, 0, "shipments_per_week", "Shipments per week", "120", "system", "120");

  for (int i = 0; i < 3; i++)
    {
      insert_session (s, 504, "+34911234567", s->now - (20 + i) * DAY, 0);
      insert_session (s, 505, "+4930123456789", s->now - (60 + i) * DAY, 124);
      insert_session (s, 506, NULL, s->now - (90 + i) * DAY, 123);
      insert_session (s, 509, "+15555550509", s->now - (10 + i) * DAY, 0);
      insert_session (s, 510, "+971501234567", s->now - (15 + i) * DAY, 125);
    }
  insert_session (s, 502, "+14155550142", s->now - 8 * DAY, 0);
  insert_session (s, 503, NULL, s->now - 9 * DAY, 0);
  insert_memory (s, 509, "Summary with <b>markup</b> & ampersands that must stay literal.",
                 "[{\"title\":\"<i>Check</i> & confirm\",\"due_date\":null}]", NULL);
  insert_fact (s, 509, 0, "note", "Note <b>", "<script>alert(1)</script>", "system",
               "<script>alert(1)</script>");
  insert_memory (s, 510, "تفضّل ليلى التواصل صباحًا.", "[]", NULL);
}

static void
seed_dnc (Seed *s)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO dnc_entries (tenant_id, phone_e164, reason, contact_id, added_at) VALUES "
    "(1, '+34911234567', 'Asked not to be called again', NULL, %" G_GINT64_FORMAT "),"
    "(1, '+15551230506', 'GDPR erasure', 506, %" G_GINT64_FORMAT ");",
    s->now - 12 * DAY, s->now - 30 * DAY);

  check (s, sqlite3_exec (s->db, sql, NULL, NULL, NULL));
}

static char *
random_custom_fields (Seed *s)
{
  static const char *tiers[] = { "bronze", "silver", "gold" };

  switch (g_rand_int_range (s->rand, 0, 4))
    {
      case 0:
        return g_strdup ("{}");
      case 1:
        return g_strdup_printf ("{\"plan_tier\":\"%s\",\"budget\":%d}",
                                tiers[g_rand_int_range (s->rand, 0, 3)],
                                g_rand_int_range (s->rand, 1, 500) * 1000);
      case 2:
        return g_strdup_printf ("{\"renewal_date\":\"2026-%02d-15\",\"newsletter\":%s,"
                                "\"interest_score\":%d}",
                                g_rand_int_range (s->rand, 1, 13),
                                g_rand_boolean (s->rand) ? "true" : "false",
                                g_rand_int_range (s->rand, 0, 101));
      default:
        return g_strdup ("{\"last_outcome\":\"not_interested\"}");
    }
}

static void
seed_random_contact (Seed *s, gint64 id)
{
  g_autofree char *phone = g_strdup_printf ("+1555%07" G_GINT64_FORMAT, 1000000 + id * 7);
  g_autofree char *email = NULL;
  g_autofree char *custom = random_custom_fields (s);
  const char      *first = first_names[g_rand_int_range (s->rand, 0, G_N_ELEMENTS (first_names))];
  const char      *last = last_names[g_rand_int_range (s->rand, 0, G_N_ELEMENTS (last_names))];
  int              zone = g_rand_int_range (s->rand, 0, G_N_ELEMENTS (timezones));
  int              calls = g_rand_int_range (s->rand, 0, 7);
  SeedContact      c = { id,
                         first,
                         last,
                         phone,
                         NULL,
                         companies[g_rand_int_range (s->rand, 0, G_N_ELEMENTS (companies))],
                         timezones[zone],
                         countries[zone],
                         tag_sets[g_rand_int_range (s->rand, 0, G_N_ELEMENTS (tag_sets))],
                         custom,
                         "active" };

  if (id % 7 != 0)
    c.email = email = g_strdup_printf ("contact%" G_GINT64_FORMAT "@example.org", id);
  insert_contact (s, &c, calls > 3 ? 123 : 0);
  for (int i = 0; i < calls; i++)
    insert_session (s, id, phone, s->now - g_rand_int_range (s->rand, 1, 90) * DAY - i * HOUR,
                    i % 2 ? 123 : 0);
  if (id % 3 == 0)
    insert_memory (
      s, id, summaries[id % G_N_ELEMENTS (summaries)], "[]",
      id % 6 == 0
        ? NULL
        : "{\"model\":\"gpt-4o-mini\",\"run_count\":1,"
          "\"last_run\":{\"cost\":{\"amount\":\"0.0040\",\"currency\":\"USD\"},\"tokens\":610},"
          "\"totals\":{\"cost\":{\"amount\":\"0.0040\",\"currency\":\"USD\"},\"tokens\":610}}");
  if (id % 5 == 0)
    insert_follow_up (s, id, "scheduled", s->now + (id % 9 + 1) * DAY, 0, FALSE, "campaign", NULL);
}

static gboolean
prepare_all (Seed *s)
{
  s->contact = cd_demo_db_prepare (
    s->db, "INSERT INTO contacts (id, tenant_id, first_name, last_name, phone_e164, email, company,"
           " timezone, country_code, tags, custom_fields, lifecycle_state, recent_campaign_id,"
           " created_at, updated_at) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
           "?13, ?14)");
  s->session = cd_demo_db_prepare (
    s->db,
    "INSERT INTO voice_sessions (contact_id, direction, status, started_at, ended_at,"
    " duration_seconds, talk_time_seconds, agent_id, campaign_id, campaign_outcome, from_number,"
    " to_number, summary, has_recording, cost, sentiment, end_reason)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
  s->follow_up = cd_demo_db_prepare (
    s->db, "INSERT INTO follow_ups (contact_id, status, type, scheduled_at, agent_id, campaign_id,"
           " attempts, max_attempts, priority, allow_out_of_window, source, notes, closed_reason,"
           " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
           "?13, ?14, ?15)");
  s->memory = cd_demo_db_prepare (
    s->db, "INSERT INTO memories (contact_id, summary, open_items, llm_usage, updated_at)"
           " VALUES (?1, ?2, ?3, ?4, ?5)");
  s->fact = cd_demo_db_prepare (s->db, "INSERT INTO memory_facts (contact_id, key, label, value, "
                                       "source, ai_value, updated_at, position)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  return s->contact && s->session && s->follow_up && s->memory && s->fact;
}

gboolean
cd_demo_seed (sqlite3 *db,
              gint64   base)
{
  Seed s = { db, g_rand_new_with_seed (SEED), base };

  s.ok = prepare_all (&s);
  if (s.ok)
    {
      seed_catalog (&s);
      for (guint i = 0; i < G_N_ELEMENTS (special_contacts); i++)
        insert_contact (&s, &special_contacts[i],
                        special_contacts[i].id == 501 || special_contacts[i].id == 508 ? 123 : 0);
      seed_named_contact_extras (&s);
      seed_follow_up_contact (&s);
      seed_special_history (&s);
      seed_dnc (&s);
      for (gint64 id = 513; id <= LAST_CONTACT; id++)
        seed_random_contact (&s, id);
      check (&s, sqlite3_exec (db,
                               "UPDATE contacts SET created_by_id = 7,"
                               " created_by_name = 'Priya S.'",
                               NULL, NULL, NULL));
    }
  g_clear_pointer (&s.contact, sqlite3_finalize);
  g_clear_pointer (&s.session, sqlite3_finalize);
  g_clear_pointer (&s.follow_up, sqlite3_finalize);
  g_clear_pointer (&s.memory, sqlite3_finalize);
  g_clear_pointer (&s.fact, sqlite3_finalize);
  g_rand_free (s.rand);
  return s.ok;
}
