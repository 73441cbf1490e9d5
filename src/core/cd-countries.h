/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Internal: the embedded ISO 3166-1 table (see cd-format.h for the public API). */
typedef struct
{
  const char *code;
  const char *name;
} CdCountry;

extern const CdCountry cd_countries[];
extern const guint cd_countries_count;

G_END_DECLS
