/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-llm-usage.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdLlmUsage
{
  GObject parent_instance;

  char *model;
  gint64 run_count;
  CdMoney *last_run_cost;
  gint64 last_run_tokens;
  CdMoney *totals_cost;
  gint64 totals_tokens;
};

G_DEFINE_FINAL_TYPE (CdLlmUsage, cd_llm_usage, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MODEL,
  PROP_RUN_COUNT,
  PROP_LAST_RUN_COST,
  PROP_LAST_RUN_TOKENS,
  PROP_TOTALS_COST,
  PROP_TOTALS_TOKENS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_llm_usage_finalize (GObject *object)
{
  CdLlmUsage *self = CD_LLM_USAGE (object);

  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->last_run_cost, cd_money_free);
  g_clear_pointer (&self->totals_cost, cd_money_free);

  G_OBJECT_CLASS (cd_llm_usage_parent_class)->finalize (object);
}

static void
cd_llm_usage_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdLlmUsage *self = CD_LLM_USAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    case PROP_RUN_COUNT:
      g_value_set_int64 (value, self->run_count);
      break;

    case PROP_LAST_RUN_COST:
      g_value_set_boxed (value, self->last_run_cost);
      break;

    case PROP_LAST_RUN_TOKENS:
      g_value_set_int64 (value, self->last_run_tokens);
      break;

    case PROP_TOTALS_COST:
      g_value_set_boxed (value, self->totals_cost);
      break;

    case PROP_TOTALS_TOKENS:
      g_value_set_int64 (value, self->totals_tokens);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_llm_usage_class_init (CdLlmUsageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_llm_usage_finalize;
  object_class->get_property = cd_llm_usage_get_property;

  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_RUN_COUNT] =
    g_param_spec_int64 ("run-count", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);
  properties[PROP_LAST_RUN_COST] =
    g_param_spec_boxed ("last-run-cost", NULL, NULL, CD_TYPE_MONEY, PARAM_FLAGS);
  properties[PROP_LAST_RUN_TOKENS] =
    g_param_spec_int64 ("last-run-tokens", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);
  properties[PROP_TOTALS_COST] =
    g_param_spec_boxed ("totals-cost", NULL, NULL, CD_TYPE_MONEY, PARAM_FLAGS);
  properties[PROP_TOTALS_TOKENS] =
    g_param_spec_int64 ("totals-tokens", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_llm_usage_init (CdLlmUsage *self)
{
  self->run_count = -1;
  self->last_run_tokens = -1;
  self->totals_tokens = -1;
}

static gboolean
parse_last_run (CdLlmUsage  *self,
                JsonObject  *object,
                const char  *path,
                GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;

  if (!cd_money_read (object, path, "cost", &self->last_run_cost, error))
    return FALSE;
  if (!cd_json_read_int (object, path, "tokens", &number, &present, error))
    return FALSE;
  if (present)
    self->last_run_tokens = number;
  return TRUE;
}

static gboolean
parse_totals (CdLlmUsage  *self,
              JsonObject  *object,
              const char  *path,
              GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;

  if (!cd_money_read (object, path, "cost", &self->totals_cost, error))
    return FALSE;
  if (!cd_json_read_int (object, path, "tokens", &number, &present, error))
    return FALSE;
  if (present)
    self->totals_tokens = number;
  return TRUE;
}

static gboolean
parse_members (CdLlmUsage  *self,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  gint64 number = 0;
  gboolean present = FALSE;
  JsonObject *child = NULL;

  if (!cd_json_read_string (object, path, "model", &self->model, error))
    return FALSE;
  if (!cd_json_read_int (object, path, "run_count", &number, &present, error))
    return FALSE;
  if (present)
    self->run_count = number;
  if (!cd_json_read_object (object, path, "last_run", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "last_run");

      if (!parse_last_run (self, child, child_path, error))
        return FALSE;
    }
  if (!cd_json_read_object (object, path, "totals", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "totals");

      if (!parse_totals (self, child, child_path, error))
        return FALSE;
    }
  return TRUE;
}

CdLlmUsage *
cd_llm_usage_new_from_object (JsonObject  *object,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(CdLlmUsage) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_LLM_USAGE, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdLlmUsage *
cd_llm_usage_new_from_json (JsonNode  *node,
                            GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "llm_usage", error);

  if (object == NULL)
    return NULL;
  return cd_llm_usage_new_from_object (object, NULL, error);
}

const char *
cd_llm_usage_get_model (CdLlmUsage *self)
{
  g_return_val_if_fail (CD_IS_LLM_USAGE (self), NULL);

  return self->model;
}

gint64
cd_llm_usage_get_run_count (CdLlmUsage *self)
{
  g_return_val_if_fail (CD_IS_LLM_USAGE (self), -1);

  return self->run_count;
}

const CdMoney *
cd_llm_usage_get_last_run_cost (CdLlmUsage *self)
{
  g_return_val_if_fail (CD_IS_LLM_USAGE (self), NULL);

  return self->last_run_cost;
}

gint64
cd_llm_usage_get_last_run_tokens (CdLlmUsage *self)
{
  g_return_val_if_fail (CD_IS_LLM_USAGE (self), -1);

  return self->last_run_tokens;
}

const CdMoney *
cd_llm_usage_get_totals_cost (CdLlmUsage *self)
{
  g_return_val_if_fail (CD_IS_LLM_USAGE (self), NULL);

  return self->totals_cost;
}

gint64
cd_llm_usage_get_totals_tokens (CdLlmUsage *self)
{
  g_return_val_if_fail (CD_IS_LLM_USAGE (self), -1);

  return self->totals_tokens;
}
