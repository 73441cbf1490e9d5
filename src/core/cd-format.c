/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-format.h"

#include <glib/gi18n-lib.h>
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
  clock = g_date_time_format (there, "%H:%M");
  /* Translators: the contact's current local time and its time zone, e.g. "14:02 local, Europe/Berlin" */
  return g_strdup_printf (_("%s local, %s"), clock, iana_zone);
}

char *
cd_format_money (const CdMoney *money)
{
  const char *amount;
  const char *sign = "";

  if (money == NULL || money->amount == NULL || *money->amount == '\0')
    return g_strdup (CD_EM_DASH);

  amount = money->amount;
  if (*amount == '-')
    {
      sign = "-";
      amount++;
    }
  if (g_strcmp0 (money->currency, "USD") == 0)
    return g_strconcat (sign, "$", amount, NULL);
  if (g_strcmp0 (money->currency, "EUR") == 0)
    return g_strconcat (sign, "\xe2\x82\xac", amount, NULL);
  if (money->currency == NULL || *money->currency == '\0')
    return g_strdup (money->amount);
  return g_strdup_printf ("%s %s", money->amount, money->currency);
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
