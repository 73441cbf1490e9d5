/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-format"

#include <locale.h>
#include <string.h>

#include "cd-core.h"

static void
assert_talk_time (gint64      seconds,
                  const char *expected)
{
  g_autofree char *text = cd_format_talk_time (seconds);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_talk_time (void)
{
  assert_talk_time (-1, CD_EM_DASH);
  assert_talk_time (0, "0 s");
  assert_talk_time (1, "1 s");
  assert_talk_time (42, "42 s");
  assert_talk_time (59, "59 s");
  assert_talk_time (60, "1 min 00 s");
  assert_talk_time (252, "4 min 12 s");
  assert_talk_time (3599, "59 min 59 s");
  assert_talk_time (3600, "1 h 00 min");
  assert_talk_time (3725, "1 h 02 min");
  assert_talk_time (3900, "1 h 05 min");
  assert_talk_time (100 * 3600 + 59, "100 h 00 min");
  /* An absurd server value stays a (huge) positive number, never a wrapped negative one. */
  assert_talk_time (G_GINT64_CONSTANT (9000000000000), "2147483647 h 00 min");
  assert_talk_time (G_MAXINT64, "2147483647 h 00 min");
}

static void
test_duration (void)
{
  static const struct { gint64 seconds; const char *text; } cases[] = {
    { -5, CD_EM_DASH }, { 0, "0:00" }, { 42, "0:42" }, { 252, "4:12" },
    { 3599, "59:59" }, { 3600, "1:00:00" }, { 3723, "1:02:03" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cd_format_duration (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static char *
relative_at (GDateTime *now,
             GTimeSpan  offset)
{
  g_autoptr(GDateTime) time = g_date_time_add (now, offset);

  return cd_format_relative (time, now);
}

static void
assert_relative (GDateTime  *now,
                 GTimeSpan   offset,
                 const char *expected)
{
  g_autofree char *text = relative_at (now, offset);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_relative (void)
{
  /* Tuesday 10 March 2026, 15:00 UTC */
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 10, 15, 0, 0);
  g_autoptr(GDateTime) early = g_date_time_new_utc (2026, 3, 10, 1, 0, 0);
  g_autofree char *none = cd_format_relative (NULL, now);
  const GTimeSpan S = G_TIME_SPAN_SECOND, M = G_TIME_SPAN_MINUTE, H = G_TIME_SPAN_HOUR, D = G_TIME_SPAN_DAY;

  g_assert_cmpstr (none, ==, CD_EM_DASH);
  assert_relative (now, 0, "just now");
  assert_relative (now, -59 * S, "just now");
  assert_relative (now, -60 * S, "1 min ago");
  assert_relative (now, -5 * M, "5 min ago");
  assert_relative (now, -59 * M, "59 min ago");
  assert_relative (now, -H, "1 h ago");
  assert_relative (now, -3 * H, "3 h ago");
  assert_relative (now, -15 * H, "15 h ago");        /* still today: 00:00 */
  assert_relative (now, -16 * H, "yesterday");       /* 23:00 the day before */
  assert_relative (now, -D - 8 * H, "yesterday");
  assert_relative (now, -2 * D, "2 days ago");
  assert_relative (now, -4 * D, "4 days ago");
  assert_relative (now, -6 * D, "6 days ago");
  assert_relative (now, -7 * D, "3 Mar 2026");
  assert_relative (now, -400 * D, "3 Feb 2025");
  /* just after midnight, a few hours ago reads better than "yesterday" */
  assert_relative (early, -3 * H, "3 h ago");
  assert_relative (early, -7 * H, "yesterday");

  assert_relative (now, 30 * S, "just now");
  assert_relative (now, 5 * M, "in 5 min");
  assert_relative (now, 3 * H, "in 3 h");
  assert_relative (now, 12 * H, "tomorrow");
  assert_relative (now, 3 * D, "in 3 days");
  assert_relative (now, 10 * D, "20 Mar 2026");
}

static void
test_datetime (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 3, 12, 23, 30, 0);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");
  g_autofree char *a = cd_format_datetime (time, utc);
  g_autofree char *b = cd_format_datetime (time, berlin);
  g_autofree char *c = cd_format_datetime (time, kolkata);
  g_autofree char *d = cd_format_date (time, utc);
  g_autofree char *e = cd_format_date (time, berlin);
  g_autofree char *f = cd_format_datetime (NULL, utc);
  g_autofree char *g = cd_format_date (NULL, NULL);

  g_assert_nonnull (berlin);
  g_assert_cmpstr (a, ==, "12 Mar 2026, 23:30");
  g_assert_cmpstr (b, ==, "13 Mar 2026, 00:30");
  g_assert_cmpstr (c, ==, "13 Mar 2026, 05:00");
  g_assert_cmpstr (d, ==, "12 Mar 2026");
  g_assert_cmpstr (e, ==, "13 Mar 2026");
  g_assert_cmpstr (f, ==, CD_EM_DASH);
  g_assert_cmpstr (g, ==, CD_EM_DASH);
}

static void
test_local_time (void)
{
  /* winter: Berlin is UTC+1; summer: UTC+2 */
  g_autoptr(GDateTime) winter = g_date_time_new_utc (2026, 1, 15, 13, 2, 0);
  g_autoptr(GDateTime) summer = g_date_time_new_utc (2026, 7, 15, 12, 2, 0);
  g_autofree char *a = cd_format_local_time ("Europe/Berlin", winter);
  g_autofree char *b = cd_format_local_time ("Europe/Berlin", summer);
  g_autofree char *c = cd_format_local_time ("Asia/Kolkata", winter);
  g_autofree char *d = cd_format_local_time ("Not/AZone", winter);
  g_autofree char *e = cd_format_local_time (NULL, winter);
  g_autofree char *f = cd_format_local_time ("", winter);

  g_assert_cmpstr (a, ==, "14:02 local, Europe/Berlin");
  g_assert_cmpstr (b, ==, "14:02 local, Europe/Berlin");
  g_assert_cmpstr (c, ==, "18:32 local, Asia/Kolkata");
  g_assert_cmpstr (d, ==, CD_EM_DASH);
  g_assert_cmpstr (e, ==, CD_EM_DASH);
  g_assert_cmpstr (f, ==, CD_EM_DASH);
}

static void
assert_money (const char *amount,
              const char *currency,
              const char *expected)
{
  g_autoptr(CdMoney) money = cd_money_new (amount, currency);
  g_autofree char *text = cd_format_money (money);
  g_autofree char *same = cd_money_format (money);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (same, ==, expected);
}

#define NBSP "\xc2\xa0"

static void
test_money (void)
{
  g_autofree char *none = cd_format_money (NULL);

  /* the C locale has no monetary conventions: symbols precede, ISO codes follow */
  assert_money ("0.0123", "USD", "$0.0123");
  assert_money ("1.50", "EUR", "€1.50");
  assert_money ("1.50", "GBP", "£1.50");
  assert_money ("500", "JPY", "¥500");
  assert_money ("1.50", "CHF", "1.50" NBSP "CHF");
  assert_money ("-2.00", "USD", "-$2.00");
  assert_money ("1234567.5", "USD", "$1234567.5");
  assert_money ("7", NULL, "7");
  assert_money ("-7", "", "-7");
  /* what is not a plain decimal is shown as sent, never reinterpreted */
  assert_money ("1e5", "USD", "1e5 USD");
  assert_money ("12,5", "EUR", "12,5 EUR");
  assert_money ("-", "USD", "- USD");
  assert_money ("<b>1</b>", NULL, "<b>1</b>");
  g_assert_cmpstr (none, ==, CD_EM_DASH);
}

/* A huge amount from a broken server is shown in full, never truncated or crashing. */
static void
test_money_huge (void)
{
  g_autofree char *digits = g_strnfill (100000, '9');
  g_autoptr(CdMoney) money = cd_money_new (digits, "EUR");
  g_autofree char *text = cd_format_money (money);

  g_assert_true (g_str_has_prefix (text, "\xe2\x82\xac" "999"));
  g_assert_cmpuint (strlen (text), ==, 100000 + strlen ("\xe2\x82\xac"));
}

/* Switches the whole process to @name; skips the test when it is not installed
 * (build-aux/install-deps.sh generates de_DE.UTF-8 and en_US.UTF-8). */
static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) != NULL)
    return TRUE;
  g_test_skip_printf ("locale %s is not installed (run build-aux/install-deps.sh)", name);
  return FALSE;
}

static void
assert_number (double      value,
               const char *expected)
{
  g_autofree char *text = cd_format_number (value);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_money_german (void)
{
  g_autoptr(GDateTime) march = g_date_time_new_utc (2026, 3, 12, 14, 2, 0);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *date = NULL;

  if (!use_locale ("de_DE.UTF-8"))
    return;
  /* decimal comma, dot grouping, symbol after the amount */
  assert_money ("1234.50", "EUR", "1.234,50" NBSP "€");
  assert_money ("0.0123", "USD", "0,0123" NBSP "$");
  assert_money ("-2.00", "USD", "-2,00" NBSP "$");
  assert_money ("1234567", "GBP", "1.234.567" NBSP "£");
  assert_money ("1.50", "CHF", "1,50" NBSP "CHF");
  assert_money ("999", "EUR", "999" NBSP "€");
  assert_money ("7.25", NULL, "7,25");
  assert_number (120000, "120.000");
  assert_number (1234567.5, "1.234.567,5");
  assert_number (0.25, "0,25");
  assert_number (-3, "-3");
  /* month names come from LC_TIME */
  date = cd_format_date (march, utc);
  g_assert_nonnull (strstr (date, "Mär"));
  setlocale (LC_ALL, "C");
}

static void
test_money_english (void)
{
  if (!use_locale ("en_US.UTF-8"))
    return;
  assert_money ("1234.50", "EUR", "€1,234.50");
  assert_money ("0.0123", "USD", "$0.0123");
  assert_money ("-2.00", "USD", "-$2.00");
  assert_money ("1234567.25", "USD", "$1,234,567.25");
  assert_money ("1.50", "CHF", "CHF" NBSP "1.50");
  assert_number (120000, "120,000");
  assert_number (1234567.5, "1,234,567.5");
  assert_number (100, "100");
  setlocale (LC_ALL, "C");
}

static void
test_number (void)
{
  g_autofree char *a = cd_format_number (120000);
  g_autofree char *b = cd_format_number (0.25);
  g_autofree char *c = cd_format_number (-3);
  g_autofree char *d = cd_format_number (1.0 / 0.0);

  /* the test runs in C.UTF-8, which has no thousands separator */
  g_assert_cmpstr (a, ==, "120000");
  g_assert_cmpstr (b, ==, "0.25");
  g_assert_cmpstr (c, ==, "-3");
  g_assert_cmpstr (d, ==, CD_EM_DASH);
}

static void
test_countries (void)
{
  guint n = cd_country_count ();
  gboolean found_de = FALSE;

  g_assert_cmpstr (cd_country_name ("IN"), ==, "India");
  g_assert_cmpstr (cd_country_name ("de"), ==, "Germany");
  g_assert_cmpstr (cd_country_name ("US"), ==, "United States");
  g_assert_cmpstr (cd_country_name ("GB"), ==, "United Kingdom");
  g_assert_null (cd_country_name ("XX"));
  g_assert_null (cd_country_name (""));
  g_assert_null (cd_country_name (NULL));

  /* the full ISO 3166-1 list, sorted by code, every entry named */
  g_assert_cmpuint (n, >=, 249);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (strlen (cd_country_code_at (i)), ==, 2);
      g_assert_true (*cd_country_name_at (i) != '\0');
      if (i > 0)
        g_assert_cmpstr (cd_country_code_at (i - 1), <, cd_country_code_at (i));
      if (g_str_equal (cd_country_code_at (i), "DE"))
        found_de = g_str_equal (cd_country_name_at (i), "Germany");
    }
  g_assert_true (found_de);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/format/talk-time", test_talk_time);
  g_test_add_func ("/format/duration", test_duration);
  g_test_add_func ("/format/relative", test_relative);
  g_test_add_func ("/format/datetime", test_datetime);
  g_test_add_func ("/format/local-time", test_local_time);
  g_test_add_func ("/format/money", test_money);
  g_test_add_func ("/format/money-huge", test_money_huge);
  g_test_add_func ("/format/number", test_number);
  g_test_add_func ("/format/locale/german", test_money_german);
  g_test_add_func ("/format/locale/english", test_money_english);
  g_test_add_func ("/format/countries", test_countries);

  return g_test_run ();
}
