/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cd-money.h"

G_BEGIN_DECLS

/* What we show for a missing value — never "null", "0" or 1970. */
#define CD_EM_DASH "\xe2\x80\x94"

/* All return newly allocated strings. */

/* "1 h 05 min", "4 min 12 s", "42 s", "0 s"; negative (unknown) → "—". */
char *cd_format_talk_time (gint64 seconds);
/* Compact call duration: "0:42", "4:12", "1:02:03"; negative → "—". */
char *cd_format_duration  (gint64 seconds);
/* "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then an absolute date
 * ("12 Mar 2026"); future: "in 5 min", "in 3 h", "tomorrow", "in 4 days".
 * Calendar days are counted in @now's time zone (NULL @now = the current local time).
 * NULL time → "—". */
char *cd_format_relative  (GDateTime  *time,
                           GDateTime  *now);
/* "12 Mar 2026, 14:02" in @zone (NULL = local).  NULL time → "—". */
char *cd_format_datetime  (GDateTime  *time,
                           GTimeZone  *zone);
/* "12 Mar 2026" in @zone (NULL = local).  NULL time → "—". */
char *cd_format_date      (GDateTime  *time,
                           GTimeZone  *zone);
/* "14:02 local, Europe/Berlin" (NULL @now = current time); an invalid or NULL zone → "—". */
char *cd_format_local_time (const char *iana_zone,
                            GDateTime  *now);
/* "$0.0123", "€1.50", "£2.00", else "1.50 GBP"-style; NULL → "—". */
char *cd_format_money     (const CdMoney *money);
/* A localised integer ("120000" → "120,000" in en locales, as printf's ' flag). */
char *cd_format_number    (double value);

/* ISO 3166-1 alpha-2 → English short name ("IN" → "India"), case-insensitive;
 * NULL when unknown. */
const char *cd_country_name      (const char *iso_code);
/* Iteration over the full list, sorted by code: 0 ≤ index < cd_country_count (). */
guint       cd_country_count     (void);
const char *cd_country_code_at   (guint       index);
const char *cd_country_name_at  (guint       index);

G_END_DECLS
