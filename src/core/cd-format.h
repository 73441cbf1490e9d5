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
/* The amount in the locale's monetary conventions (decimal point, grouping, symbol
 * position; a no-break space where the locale wants a space), every decimal the
 * server sent kept, with the currency's symbol (USD $, EUR €, GBP £, JPY ¥) or else
 * its ISO code: "$0.0123", "€1.50", "1.50 CHF" in C; "1.234,50 €" in de_DE;
 * "$1,234.50" in en_US.  A non-decimal amount is shown verbatim; NULL → "—". */
char *cd_format_money     (const CdMoney *money);
/* A localised number, grouped as LC_NUMERIC says ("120000" → "120,000" in en_US,
 * "120.000" in de_DE, "120000" in C), as printf's ' flag; NaN/inf → "—". */
char *cd_format_number    (double value);

/* ISO 3166-1 alpha-2 → English short name ("IN" → "India"), case-insensitive;
 * NULL when unknown. */
const char *cd_country_name      (const char *iso_code);
/* Iteration over the full list, sorted by code: 0 ≤ index < cd_country_count (). */
guint       cd_country_count     (void);
const char *cd_country_code_at   (guint       index);
const char *cd_country_name_at  (guint       index);

G_END_DECLS
