/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-money.h"

#include "cd-error.h"
#include "cd-format.h"
#include "cd-json.h"
#include "cd-model-private.h"

G_DEFINE_BOXED_TYPE (CdMoney, cd_money, cd_money_copy, cd_money_free)

CdMoney *
cd_money_new (const char *amount,
              const char *currency)
{
  CdMoney *money = g_new0 (CdMoney, 1);

  money->amount = g_strdup (amount ? amount : "0");
  money->currency = g_strdup (currency);
  return money;
}

CdMoney *
cd_money_copy (const CdMoney *money)
{
  g_return_val_if_fail (money != NULL, NULL);

  return cd_money_new (money->amount, money->currency);
}

void
cd_money_free (CdMoney *money)
{
  if (money == NULL)
    return;
  g_free (money->amount);
  g_free (money->currency);
  g_free (money);
}

CdMoney *
cd_money_new_from_object (JsonObject  *object,
                          const char  *path,
                          GError     **error)
{
  JsonNode *amount = json_object_get_member (object, "amount");
  g_autofree char *amount_text = NULL;
  g_autofree char *currency = NULL;

  /* the amount is a decimal string; a JSON number is tolerated */
  if (amount != NULL && !JSON_NODE_HOLDS_NULL (amount) &&
      !(JSON_NODE_HOLDS_VALUE (amount) && json_node_get_value_type (amount) != G_TYPE_BOOLEAN))
    {
      g_autofree char *name = cd_model_path (path, "amount");

      g_propagate_error (error, cd_api_error_new_bad_member (name, "a decimal string"));
      return NULL;
    }
  if (!cd_json_read_string (object, path, "currency", &currency, error))
    return NULL;
  amount_text = cd_model_scalar_to_string (amount);
  if (amount_text == NULL)
    return NULL; /* no amount: unknown, not an error */
  return cd_money_new (amount_text, currency);
}

gboolean
cd_money_read (JsonObject  *object,
               const char  *path,
               const char  *member,
               CdMoney    **out,
               GError     **error)
{
  g_autofree char *child_path = cd_model_path (path, member);
  JsonObject *child = NULL;
  GError *local_error = NULL;

  *out = NULL;
  if (!cd_json_read_object (object, path, member, &child, error))
    return FALSE;
  if (child == NULL)
    return TRUE;
  *out = cd_money_new_from_object (child, child_path, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

char *
cd_money_format (const CdMoney *money)
{
  return cd_format_money (money);
}
