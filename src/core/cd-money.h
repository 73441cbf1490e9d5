/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* An amount of money as the API sends it: a decimal string kept verbatim (no float rounding). */
typedef struct
{
  char *amount;   /* e.g. "0.0123"; never NULL in a parsed value */
  char *currency; /* ISO 4217, e.g. "USD"; may be NULL */
} CdMoney;

#define CD_TYPE_MONEY (cd_money_get_type ())

GType    cd_money_get_type (void) G_GNUC_CONST;
CdMoney *cd_money_new      (const char    *amount,
                            const char    *currency);
CdMoney *cd_money_copy     (const CdMoney *money);
void     cd_money_free     (CdMoney       *money);
/* {"amount": "0.0123" | 0.0123, "currency": "USD"}; NULL with error on wrong types. */
CdMoney *cd_money_new_from_object (JsonObject  *object,
                                   const char  *path,
                                   GError     **error);
/* Reads @member of @object; missing/null leaves *out NULL and returns TRUE. */
gboolean cd_money_read     (JsonObject    *object,
                            const char    *path,
                            const char    *member,
                            CdMoney      **out,
                            GError       **error);
/* Same as cd_format_money(): "$0.0123", "€1.50", "£2.00", "1.50 CHF" (locale-dependent); NULL → "—". */
char    *cd_money_format   (const CdMoney *money);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdMoney, cd_money_free)

G_END_DECLS
