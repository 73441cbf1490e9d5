/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-format.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cd-countries.h"

/* Absurd server values must not overflow the "%d h" below; they show as a huge number. */
#define MAX_FORMATTED_SECONDS ((gint64) G_MAXINT * 3600)

char *
cd_format_talk_time (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup (CD_EM_DASH);
  seconds = MIN (seconds, MAX_FORMATTED_SECONDS);
  if (seconds >= 3600)
    /* Translators: hours and minutes of talk time, e.g. "1 h 05 min" */
    return g_strdup_printf (_("%d h %02d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
  if (seconds >= 60)
    /* Translators: minutes and seconds of talk time, e.g. "4 min 12 s" */
    return g_strdup_printf (_("%d min %02d s"), (int) (seconds / 60), (int) (seconds % 60));
  /* Translators: seconds of talk time, e.g. "42 s" */
  return g_strdup_printf (_("%d s"), (int) seconds);
}

char *
cd_format_duration (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup (CD_EM_DASH);
  seconds = MIN (seconds, MAX_FORMATTED_SECONDS);
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600),
                            (int) (seconds % 3600 / 60), (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/* Whole calendar days between the two times, both seen in @now's zone. */
static int
calendar_days_between (GDateTime *earlier,
                       GDateTime *later)
{
  g_autoptr(GTimeZone) zone = g_time_zone_ref (g_date_time_get_timezone (later));
  g_autoptr(GDateTime) a = g_date_time_to_timezone (earlier, zone);
  GDate da, db;

  g_date_clear (&da, 1);
  g_date_clear (&db, 1);
  g_date_set_dmy (&da, g_date_time_get_day_of_month (a), g_date_time_get_month (a),
                  g_date_time_get_year (a));
  g_date_set_dmy (&db, g_date_time_get_day_of_month (later), g_date_time_get_month (later),
                  g_date_time_get_year (later));
  return g_date_days_between (&da, &db);
}

static char *
format_past (GDateTime *time,
             GDateTime *now,
             gint64     seconds)
{
  int days = calendar_days_between (time, now);
  int hours = (int) (seconds / 3600);

  if (seconds < 60)
    return g_strdup (_("just now"));
  if (seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", (gulong) (seconds / 60)),
                            (int) (seconds / 60));
  /* a few hours ago reads better than "yesterday" just after midnight */
  if (hours < 24 && (days == 0 || hours < 6))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h ago", "%d h ago", (gulong) hours), hours);
  if (days <= 1)
    return g_strdup (_("yesterday"));
  if (days < 7)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", (gulong) days), days);
  return cd_format_date (time, g_date_time_get_timezone (now));
}

static char *
format_future (GDateTime *time,
               GDateTime *now,
               gint64     seconds)
{
  int days = calendar_days_between (now, time);
  int hours = (int) (seconds / 3600);

  if (seconds < 60)
    return g_strdup (_("just now"));
  if (seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d min", "in %d min", (gulong) (seconds / 60)),
                            (int) (seconds / 60));
  if (hours < 24 && (days == 0 || hours < 6))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d h", "in %d h", (gulong) hours), hours);
  if (days <= 1)
    return g_strdup (_("tomorrow"));
  if (days < 7)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", (gulong) days), days);
  return cd_format_date (time, g_date_time_get_timezone (now));
}

char *
cd_format_relative (GDateTime *time,
                    GDateTime *now)
{
  g_autoptr(GDateTime) local_now = NULL;
  GTimeSpan diff;

  if (time == NULL)
    return g_strdup (CD_EM_DASH);
  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();

  diff = g_date_time_difference (now, time);
  if (diff >= 0)
    return format_past (time, now, diff / G_TIME_SPAN_SECOND);
  return format_future (time, now, -diff / G_TIME_SPAN_SECOND);
}

static char *
format_in_zone (GDateTime  *time,
                GTimeZone  *zone,
                const char *format)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) shifted = NULL;
  char *text;

  if (time == NULL)
    return g_strdup (CD_EM_DASH);
  if (zone == NULL)
    zone = local = g_time_zone_new_local ();
  shifted = g_date_time_to_timezone (time, zone);
  text = shifted ? g_date_time_format (shifted, format) : NULL;
  return text ? text : g_strdup (CD_EM_DASH);
}

char *
cd_format_datetime (GDateTime *time,
                    GTimeZone *zone)
{
  /* Translators: absolute date and time, see g_date_time_format() */
  return format_in_zone (time, zone, _("%-d %b %Y, %H:%M"));
}

char *
cd_format_date (GDateTime *time,
                GTimeZone *zone)
{
  /* Translators: absolute date, see g_date_time_format() */
  return format_in_zone (time, zone, _("%-d %b %Y"));
}

char *
cd_format_local_time (const char *iana_zone,
                      GDateTime  *now)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) there = NULL;
  g_autofree char *clock = NULL;

  if (iana_zone == NULL || *iana_zone == '\0')
    return g_strdup (CD_EM_DASH);
  zone = g_time_zone_new_identifier (iana_zone);
  if (zone == NULL)
    return g_strdup (CD_EM_DASH);
  if (now == NULL)
    now = local_now = g_date_time_new_now_utc ();
  there = g_date_time_to_timezone (now, zone);
  /* Translators: time of day, see g_date_time_format() */
  clock = g_date_time_format (there, _("%H:%M"));
  /* Translators: the contact's current local time and its time zone, e.g. "14:02 local, Europe/Berlin" */
  return g_strdup_printf (_("%s local, %s"), clock, iana_zone);
}

/* U+00A0: a currency symbol never wraps away from its amount. */
#define NBSP "\xc2\xa0"

/* The symbol users know for the currencies the backend bills in; else the ISO code. */
static const char *
currency_symbol (const char *code)
{
  static const struct { const char *code; const char *symbol; } symbols[] = {
    { "USD", "$" }, { "EUR", "\xe2\x82\xac" }, { "GBP", "\xc2\xa3" }, { "JPY", "\xc2\xa5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_ascii_strcasecmp (code, symbols[i].code) == 0)
      return symbols[i].symbol;
  return code;
}

/* Appends @len digits, separated into groups as the locale's @grouping says
 * (one byte per group size from the right; the last repeats; CHAR_MAX stops). */
static void
append_grouped (GString    *out,
                const char *digits,
                gsize       len,
                const char *separator,
                const char *grouping)
{
  g_autofree gboolean *cut = NULL;
  gsize from_right = 0;
  int size = 0;

  if (separator == NULL || *separator == '\0' || grouping == NULL)
    {
      g_string_append_len (out, digits, (gssize) len);
      return;
    }
  cut = g_new0 (gboolean, len + 1);
  for (const char *g = grouping;;)
    {
      if (*g != '\0')
        size = (*g > 0 && *g != CHAR_MAX) ? *g++ : 0;
      if (size <= 0 || from_right + (gsize) size >= len)
        break;
      from_right += (gsize) size;
      cut[len - from_right] = TRUE;
    }
  for (gsize i = 0; i < len; i++)
    {
      if (cut[i])
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
}

/* A plain decimal: [-+]digits[.digits]; anything else is shown verbatim. */
static gboolean
split_decimal (const char  *amount,
               gboolean    *negative,
               const char **integer,
               gsize       *integer_len,
               const char **fraction)
{
  const char *p = amount;

  *negative = *p == '-';
  if (*p == '-' || *p == '+')
    p++;
  *integer = p;
  while (g_ascii_isdigit (*p))
    p++;
  *integer_len = (gsize) (p - *integer);
  *fraction = NULL;
  if (*p == '.')
    {
      *fraction = ++p;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0' && (*integer_len > 0 || (*fraction != NULL && **fraction != '\0'));
}

/* The amount in the locale's monetary digits; every given decimal is kept ("0.0123"). */
static char *
localize_amount (const char   *integer,
                 gsize         integer_len,
                 const char   *fraction,
                 struct lconv *lc)
{
  GString *out = g_string_new (NULL);
  const char *point = *lc->mon_decimal_point ? lc->mon_decimal_point
                      : *lc->decimal_point ? lc->decimal_point : ".";

  if (integer_len == 0)
    g_string_append_c (out, '0');
  append_grouped (out, integer, integer_len, lc->mon_thousands_sep, lc->mon_grouping);
  if (fraction != NULL && *fraction != '\0')
    g_string_append_printf (out, "%s%s", point, fraction);
  return g_string_free (out, FALSE);
}

/* Places symbol, sign and number as the locale's LC_MONETARY says (POSIX
 * cs_precedes, sep_by_space, sign_posn).  Without conventions (the C locale)
 * symbols precede ("-$2.00") and ISO codes follow ("1.50 CHF"). */
static char *
arrange_money (const char   *number,
               const char   *symbol,
               gboolean      negative,
               gboolean      is_code,
               struct lconv *lc)
{
  char precedes = negative ? lc->n_cs_precedes : lc->p_cs_precedes;
  char sep = negative ? lc->n_sep_by_space : lc->p_sep_by_space;
  char posn = negative ? lc->n_sign_posn : lc->p_sign_posn;
  /* positive amounts never get a "+" */
  const char *sign = negative ? (*lc->negative_sign ? lc->negative_sign : "-") : "";
  g_autofree char *unit = NULL;
  g_autofree char *core = NULL;

  if (precedes == CHAR_MAX)
    {
      precedes = !is_code;
      sep = is_code;
      posn = 1;
    }
  if (sep == 0 && is_code)
    sep = 1;    /* "CHF1.50" would read as one word */
  if (posn == 3 || posn == 4)
    unit = posn == 3 ? g_strconcat (sign, sep == 2 ? NBSP : "", symbol, NULL)
                     : g_strconcat (symbol, sep == 2 ? NBSP : "", sign, NULL);
  else
    unit = g_strdup (symbol);
  core = precedes ? g_strconcat (unit, sep == 1 ? NBSP : "", number, NULL)
                  : g_strconcat (number, sep == 1 ? NBSP : "", unit, NULL);
  if (!negative)
    return g_steal_pointer (&core);
  if (posn == 0)
    return g_strconcat ("(", core, ")", NULL);
  if (posn == 2)
    return g_strconcat (core, sign, NULL);
  if (posn == 3 || posn == 4)
    return g_steal_pointer (&core);
  return g_strconcat (sign, core, NULL);
}

char *
cd_format_money (const CdMoney *money)
{
  struct lconv *lc = localeconv ();
  const char *integer, *fraction, *symbol;
  gsize integer_len;
  gboolean negative;
  g_autofree char *number = NULL;
  gboolean has_currency;

  if (money == NULL || money->amount == NULL || *money->amount == '\0')
    return g_strdup (CD_EM_DASH);

  has_currency = money->currency != NULL && *money->currency != '\0';
  if (!split_decimal (money->amount, &negative, &integer, &integer_len, &fraction))
    /* not a number we understand: show what the server sent, never guess */
    return has_currency ? g_strdup_printf ("%s %s", money->amount, money->currency)
                        : g_strdup (money->amount);

  number = localize_amount (integer, integer_len, fraction, lc);
  if (!has_currency)
    return negative ? g_strconcat (*lc->negative_sign ? lc->negative_sign : "-", number, NULL)
                    : g_steal_pointer (&number);
  symbol = currency_symbol (money->currency);
  return arrange_money (number, symbol, negative, symbol == money->currency, lc);
}

/* Decimals actually needed to show @value without rounding away data (max 6). */
static int
needed_decimals (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *dot;

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (strchr (buf, 'e') != NULL)
    return 6;
  dot = strchr (buf, '.');
  return dot ? MIN ((int) strlen (dot + 1), 6) : 0;
}

char *
cd_format_number (double value)
{
  if (isnan (value) || isinf (value))
    return g_strdup (CD_EM_DASH);
  /* the ' flag groups thousands as the user's locale does */
  return g_strdup_printf ("%'.*f", needed_decimals (value), value);
}

const char *
cd_country_name (const char *iso_code)
{
  if (iso_code == NULL)
    return NULL;
  for (guint i = 0; i < cd_countries_count; i++)
    if (g_ascii_strcasecmp (cd_countries[i].code, iso_code) == 0)
      return cd_countries[i].name;
  return NULL;
}

guint
cd_country_count (void)
{
  return cd_countries_count;
}

const char *
cd_country_code_at (guint index)
{
  g_return_val_if_fail (index < cd_countries_count, NULL);

  return cd_countries[index].code;
}

const char *
cd_country_name_at (guint index)
{
  g_return_val_if_fail (index < cd_countries_count, NULL);

  return cd_countries[index].name;
}
