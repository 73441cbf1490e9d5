/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-transcript-segment.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdTranscriptSegment
{
  GObject parent_instance;

  CdSpeaker speaker;
  char *text;
  gint64 offset_ms;
};

G_DEFINE_FINAL_TYPE (CdTranscriptSegment, cd_transcript_segment, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SPEAKER,
  PROP_TEXT,
  PROP_OFFSET_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_transcript_segment_finalize (GObject *object)
{
  CdTranscriptSegment *self = CD_TRANSCRIPT_SEGMENT (object);

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (cd_transcript_segment_parent_class)->finalize (object);
}

static void
cd_transcript_segment_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CdTranscriptSegment *self = CD_TRANSCRIPT_SEGMENT (object);

  switch (prop_id)
    {
    case PROP_SPEAKER:
      g_value_set_enum (value, self->speaker);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_OFFSET_MS:
      g_value_set_int64 (value, self->offset_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_transcript_segment_class_init (CdTranscriptSegmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_transcript_segment_finalize;
  object_class->get_property = cd_transcript_segment_get_property;

  properties[PROP_SPEAKER] =
    g_param_spec_enum ("speaker", NULL, NULL, CD_TYPE_SPEAKER, 0, PARAM_FLAGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_OFFSET_MS] =
    g_param_spec_int64 ("offset-ms", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_transcript_segment_init (CdTranscriptSegment *self)
{
  self->offset_ms = -1;
}

static gboolean
parse_members (CdTranscriptSegment  *self,
               JsonObject           *object,
               const char           *path,
               GError              **error)
{
  gint64 number = 0;
  gboolean present = FALSE;
  char *str = NULL;

  if (!cd_json_read_string (object, path, "speaker", &str, error))
    return FALSE;
  self->speaker = cd_speaker_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_string (object, path, "text", &self->text, error))
    return FALSE;
  if (!cd_json_read_int (object, path, "offset_ms", &number, &present, error))
    return FALSE;
  if (present)
    self->offset_ms = number;
  return TRUE;
}

CdTranscriptSegment *
cd_transcript_segment_new_from_object (JsonObject  *object,
                                       const char  *path,
                                       GError     **error)
{
  g_autoptr(CdTranscriptSegment) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_TRANSCRIPT_SEGMENT, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdTranscriptSegment *
cd_transcript_segment_new_from_json (JsonNode  *node,
                                     GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "transcript_segment", error);

  if (object == NULL)
    return NULL;
  return cd_transcript_segment_new_from_object (object, NULL, error);
}

GListModel *
cd_transcript_segment_list_from_array (JsonArray   *array,
                                       const char  *path,
                                       GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_TRANSCRIPT_SEGMENT);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdTranscriptSegment) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_transcript_segment_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_transcript_segment_list_from_json (JsonNode  *array_node,
                                      GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "transcript_segments", error);

  if (array == NULL)
    return NULL;
  return cd_transcript_segment_list_from_array (array, NULL, error);
}

CdSpeaker
cd_transcript_segment_get_speaker (CdTranscriptSegment *self)
{
  g_return_val_if_fail (CD_IS_TRANSCRIPT_SEGMENT (self), 0);

  return self->speaker;
}

const char *
cd_transcript_segment_get_text (CdTranscriptSegment *self)
{
  g_return_val_if_fail (CD_IS_TRANSCRIPT_SEGMENT (self), NULL);

  return self->text;
}

gint64
cd_transcript_segment_get_offset_ms (CdTranscriptSegment *self)
{
  g_return_val_if_fail (CD_IS_TRANSCRIPT_SEGMENT (self), -1);

  return self->offset_ms;
}
