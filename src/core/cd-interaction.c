/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-interaction.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdInteraction
{
  GObject parent_instance;

  GDateTime *ended_at;
  CdDirection direction;
  char *result;
  gint64 duration_seconds;
  gint64 voice_session_id;
  char *summary;
};

G_DEFINE_FINAL_TYPE (CdInteraction, cd_interaction, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ENDED_AT,
  PROP_DIRECTION,
  PROP_RESULT,
  PROP_DURATION_SECONDS,
  PROP_VOICE_SESSION_ID,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_interaction_finalize (GObject *object)
{
  CdInteraction *self = CD_INTERACTION (object);

  g_clear_pointer (&self->ended_at, g_date_time_unref);
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (cd_interaction_parent_class)->finalize (object);
}

static void
cd_interaction_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdInteraction *self = CD_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ENDED_AT:
      g_value_set_boxed (value, self->ended_at);
      break;

    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;

    case PROP_RESULT:
      g_value_set_string (value, self->result);
      break;

    case PROP_DURATION_SECONDS:
      g_value_set_int64 (value, self->duration_seconds);
      break;

    case PROP_VOICE_SESSION_ID:
      g_value_set_int64 (value, self->voice_session_id);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_interaction_class_init (CdInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_interaction_finalize;
  object_class->get_property = cd_interaction_get_property;

  properties[PROP_ENDED_AT] =
    g_param_spec_boxed ("ended-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, CD_TYPE_DIRECTION, 0, PARAM_FLAGS);
  properties[PROP_RESULT] =
    g_param_spec_string ("result", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_DURATION_SECONDS] =
    g_param_spec_int64 ("duration-seconds", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);
  properties[PROP_VOICE_SESSION_ID] =
    g_param_spec_int64 ("voice-session-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_interaction_init (CdInteraction *self)
{
  self->duration_seconds = -1;
}

static gboolean
parse_members (CdInteraction  *self,
               JsonObject     *object,
               const char     *path,
               GError        **error)
{
  gint64 number = 0;
  gboolean present = FALSE;
  char *str = NULL;

  if (!cd_json_read_datetime (object, path, "ended_at", &self->ended_at, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "direction", &str, error))
    return FALSE;
  self->direction = cd_direction_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_string (object, path, "result", &self->result, error))
    return FALSE;
  if (!cd_json_read_int (object, path, "duration_seconds", &number, &present, error))
    return FALSE;
  if (present)
    self->duration_seconds = number;
  if (!cd_json_read_int (object, path, "voice_session_id", &number, &present, error))
    return FALSE;
  if (present)
    self->voice_session_id = number;
  if (!cd_json_read_string (object, path, "summary", &self->summary, error))
    return FALSE;
  return TRUE;
}

CdInteraction *
cd_interaction_new_from_object (JsonObject  *object,
                                const char  *path,
                                GError     **error)
{
  g_autoptr(CdInteraction) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_INTERACTION, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdInteraction *
cd_interaction_new_from_json (JsonNode  *node,
                              GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "interaction", error);

  if (object == NULL)
    return NULL;
  return cd_interaction_new_from_object (object, NULL, error);
}

GListModel *
cd_interaction_list_from_array (JsonArray   *array,
                                const char  *path,
                                GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_INTERACTION);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdInteraction) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_interaction_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_interaction_list_from_json (JsonNode  *array_node,
                               GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "interactions", error);

  if (array == NULL)
    return NULL;
  return cd_interaction_list_from_array (array, NULL, error);
}

GDateTime *
cd_interaction_get_ended_at (CdInteraction *self)
{
  g_return_val_if_fail (CD_IS_INTERACTION (self), NULL);

  return self->ended_at;
}

CdDirection
cd_interaction_get_direction (CdInteraction *self)
{
  g_return_val_if_fail (CD_IS_INTERACTION (self), 0);

  return self->direction;
}

const char *
cd_interaction_get_result (CdInteraction *self)
{
  g_return_val_if_fail (CD_IS_INTERACTION (self), NULL);

  return self->result;
}

gint64
cd_interaction_get_duration_seconds (CdInteraction *self)
{
  g_return_val_if_fail (CD_IS_INTERACTION (self), -1);

  return self->duration_seconds;
}

gint64
cd_interaction_get_voice_session_id (CdInteraction *self)
{
  g_return_val_if_fail (CD_IS_INTERACTION (self), 0);

  return self->voice_session_id;
}

const char *
cd_interaction_get_summary (CdInteraction *self)
{
  g_return_val_if_fail (CD_IS_INTERACTION (self), NULL);

  return self->summary;
}
