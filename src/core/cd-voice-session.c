/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-voice-session.h"

#include "cd-error.h"
#include "cd-json.h"
#include "cd-model-private.h"

struct _CdVoiceSession
{
  GObject parent_instance;

  gint64 id;
  gint64 contact_id;
  CdDirection direction;
  CdSessionStatus status;
  GDateTime *started_at;
  GDateTime *ended_at;
  gint64 duration_seconds;
  gint64 talk_time_seconds;
  gint64 agent_id;
  char *agent_name;
  gint64 campaign_id;
  char *campaign_name;
  char *campaign_outcome;
  char *from_number;
  char *to_number;
  char *summary;
  gboolean has_recording;
  CdMoney *cost;
  CdSentiment sentiment;
  char *end_reason;
  gboolean has_detail;
  GListModel *transcript;
  JsonObject *extracted_data;
  char *analysis_summary;
  gboolean analysis_success;
  gboolean has_analysis_success;
  char *analysis_disposition;
  char *analysis_task_status;
  char *analysis_failure;
  GListModel *cost_breakdown;
  GListModel *webhooks;
  gint64 follow_up_id;
  JsonObject *raw;
};

G_DEFINE_FINAL_TYPE (CdVoiceSession, cd_voice_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CONTACT_ID,
  PROP_DIRECTION,
  PROP_STATUS,
  PROP_STARTED_AT,
  PROP_ENDED_AT,
  PROP_DURATION_SECONDS,
  PROP_TALK_TIME_SECONDS,
  PROP_AGENT_ID,
  PROP_AGENT_NAME,
  PROP_CAMPAIGN_ID,
  PROP_CAMPAIGN_NAME,
  PROP_CAMPAIGN_OUTCOME,
  PROP_FROM_NUMBER,
  PROP_TO_NUMBER,
  PROP_SUMMARY,
  PROP_HAS_RECORDING,
  PROP_COST,
  PROP_SENTIMENT,
  PROP_END_REASON,
  PROP_HAS_DETAIL,
  PROP_TRANSCRIPT,
  PROP_EXTRACTED_DATA,
  PROP_ANALYSIS_SUMMARY,
  PROP_ANALYSIS_SUCCESS,
  PROP_ANALYSIS_DISPOSITION,
  PROP_ANALYSIS_TASK_STATUS,
  PROP_ANALYSIS_FAILURE,
  PROP_COST_BREAKDOWN,
  PROP_WEBHOOKS,
  PROP_FOLLOW_UP_ID,
  PROP_RAW,
  PROP_HAS_ANALYSIS_SUCCESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* every property is read-only: models are immutable snapshots of a response */
#define PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
cd_voice_session_finalize (GObject *object)
{
  CdVoiceSession *self = CD_VOICE_SESSION (object);

  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->ended_at, g_date_time_unref);
  g_clear_pointer (&self->agent_name, g_free);
  g_clear_pointer (&self->campaign_name, g_free);
  g_clear_pointer (&self->campaign_outcome, g_free);
  g_clear_pointer (&self->from_number, g_free);
  g_clear_pointer (&self->to_number, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->cost, cd_money_free);
  g_clear_pointer (&self->end_reason, g_free);
  g_clear_object (&self->transcript);
  g_clear_pointer (&self->extracted_data, json_object_unref);
  g_clear_pointer (&self->analysis_summary, g_free);
  g_clear_pointer (&self->analysis_disposition, g_free);
  g_clear_pointer (&self->analysis_task_status, g_free);
  g_clear_pointer (&self->analysis_failure, g_free);
  g_clear_object (&self->cost_breakdown);
  g_clear_object (&self->webhooks);
  g_clear_pointer (&self->raw, json_object_unref);

  G_OBJECT_CLASS (cd_voice_session_parent_class)->finalize (object);
}

static void
cd_voice_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdVoiceSession *self = CD_VOICE_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;

    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;

    case PROP_ENDED_AT:
      g_value_set_boxed (value, self->ended_at);
      break;

    case PROP_DURATION_SECONDS:
      g_value_set_int64 (value, self->duration_seconds);
      break;

    case PROP_TALK_TIME_SECONDS:
      g_value_set_int64 (value, self->talk_time_seconds);
      break;

    case PROP_AGENT_ID:
      g_value_set_int64 (value, self->agent_id);
      break;

    case PROP_AGENT_NAME:
      g_value_set_string (value, self->agent_name);
      break;

    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;

    case PROP_CAMPAIGN_NAME:
      g_value_set_string (value, self->campaign_name);
      break;

    case PROP_CAMPAIGN_OUTCOME:
      g_value_set_string (value, self->campaign_outcome);
      break;

    case PROP_FROM_NUMBER:
      g_value_set_string (value, self->from_number);
      break;

    case PROP_TO_NUMBER:
      g_value_set_string (value, self->to_number);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_HAS_RECORDING:
      g_value_set_boolean (value, self->has_recording);
      break;

    case PROP_COST:
      g_value_set_boxed (value, self->cost);
      break;

    case PROP_SENTIMENT:
      g_value_set_enum (value, self->sentiment);
      break;

    case PROP_END_REASON:
      g_value_set_string (value, self->end_reason);
      break;

    case PROP_HAS_DETAIL:
      g_value_set_boolean (value, self->has_detail);
      break;

    case PROP_TRANSCRIPT:
      g_value_set_object (value, self->transcript);
      break;

    case PROP_EXTRACTED_DATA:
      g_value_set_boxed (value, self->extracted_data);
      break;

    case PROP_ANALYSIS_SUMMARY:
      g_value_set_string (value, self->analysis_summary);
      break;

    case PROP_ANALYSIS_SUCCESS:
      g_value_set_boolean (value, self->analysis_success);
      break;

    case PROP_ANALYSIS_DISPOSITION:
      g_value_set_string (value, self->analysis_disposition);
      break;

    case PROP_ANALYSIS_TASK_STATUS:
      g_value_set_string (value, self->analysis_task_status);
      break;

    case PROP_ANALYSIS_FAILURE:
      g_value_set_string (value, self->analysis_failure);
      break;

    case PROP_COST_BREAKDOWN:
      g_value_set_object (value, self->cost_breakdown);
      break;

    case PROP_WEBHOOKS:
      g_value_set_object (value, self->webhooks);
      break;

    case PROP_FOLLOW_UP_ID:
      g_value_set_int64 (value, self->follow_up_id);
      break;

    case PROP_RAW:
      g_value_set_boxed (value, self->raw);
      break;

    case PROP_HAS_ANALYSIS_SUCCESS:
      g_value_set_boolean (value, self->has_analysis_success);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_voice_session_class_init (CdVoiceSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_voice_session_finalize;
  object_class->get_property = cd_voice_session_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, CD_TYPE_DIRECTION, 0, PARAM_FLAGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CD_TYPE_SESSION_STATUS, 0, PARAM_FLAGS);
  properties[PROP_STARTED_AT] =
    g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_ENDED_AT] =
    g_param_spec_boxed ("ended-at", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_DURATION_SECONDS] =
    g_param_spec_int64 ("duration-seconds", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);
  properties[PROP_TALK_TIME_SECONDS] =
    g_param_spec_int64 ("talk-time-seconds", NULL, NULL, G_MININT64, G_MAXINT64, -1, PARAM_FLAGS);
  properties[PROP_AGENT_ID] =
    g_param_spec_int64 ("agent-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_AGENT_NAME] =
    g_param_spec_string ("agent-name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_CAMPAIGN_ID] =
    g_param_spec_int64 ("campaign-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_CAMPAIGN_NAME] =
    g_param_spec_string ("campaign-name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_CAMPAIGN_OUTCOME] =
    g_param_spec_string ("campaign-outcome", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_FROM_NUMBER] =
    g_param_spec_string ("from-number", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TO_NUMBER] =
    g_param_spec_string ("to-number", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_HAS_RECORDING] =
    g_param_spec_boolean ("has-recording", NULL, NULL, FALSE, PARAM_FLAGS);
  properties[PROP_COST] =
    g_param_spec_boxed ("cost", NULL, NULL, CD_TYPE_MONEY, PARAM_FLAGS);
  properties[PROP_SENTIMENT] =
    g_param_spec_enum ("sentiment", NULL, NULL, CD_TYPE_SENTIMENT, 0, PARAM_FLAGS);
  properties[PROP_END_REASON] =
    g_param_spec_string ("end-reason", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_HAS_DETAIL] =
    g_param_spec_boolean ("has-detail", NULL, NULL, FALSE, PARAM_FLAGS);
  properties[PROP_TRANSCRIPT] =
    g_param_spec_object ("transcript", NULL, NULL, G_TYPE_LIST_MODEL, PARAM_FLAGS);
  properties[PROP_EXTRACTED_DATA] =
    g_param_spec_boxed ("extracted-data", NULL, NULL, JSON_TYPE_OBJECT, PARAM_FLAGS);
  properties[PROP_ANALYSIS_SUMMARY] =
    g_param_spec_string ("analysis-summary", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_ANALYSIS_SUCCESS] =
    g_param_spec_boolean ("analysis-success", NULL, NULL, FALSE, PARAM_FLAGS);
  properties[PROP_ANALYSIS_DISPOSITION] =
    g_param_spec_string ("analysis-disposition", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_ANALYSIS_TASK_STATUS] =
    g_param_spec_string ("analysis-task-status", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_ANALYSIS_FAILURE] =
    g_param_spec_string ("analysis-failure", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_COST_BREAKDOWN] =
    g_param_spec_object ("cost-breakdown", NULL, NULL, G_TYPE_LIST_MODEL, PARAM_FLAGS);
  properties[PROP_WEBHOOKS] =
    g_param_spec_object ("webhooks", NULL, NULL, G_TYPE_LIST_MODEL, PARAM_FLAGS);
  properties[PROP_FOLLOW_UP_ID] =
    g_param_spec_int64 ("follow-up-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, PARAM_FLAGS);
  properties[PROP_RAW] =
    g_param_spec_boxed ("raw", NULL, NULL, JSON_TYPE_OBJECT, PARAM_FLAGS);
  properties[PROP_HAS_ANALYSIS_SUCCESS] =
    g_param_spec_boolean ("has-analysis-success", NULL, NULL, FALSE, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_voice_session_init (CdVoiceSession *self)
{
  self->duration_seconds = -1;
  self->talk_time_seconds = -1;
  self->transcript = G_LIST_MODEL (g_list_store_new (CD_TYPE_TRANSCRIPT_SEGMENT));
  self->extracted_data = json_object_new ();
  self->cost_breakdown = G_LIST_MODEL (g_list_store_new (CD_TYPE_COST_ITEM));
  self->webhooks = G_LIST_MODEL (g_list_store_new (CD_TYPE_WEBHOOK_DELIVERY));
  self->raw = json_object_new ();
}

static gboolean
parse_extra (CdVoiceSession  *self,
             JsonObject      *object,
             const char      *path,
             GError         **error)
{
  static const char * const detail_members[] = {
    "transcript", "extracted_data", "analysis", "cost_breakdown", "webhooks", "raw",
  };

  for (guint i = 0; i < G_N_ELEMENTS (detail_members); i++)
    {
      JsonNode *node = json_object_get_member (object, detail_members[i]);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        self->has_detail = TRUE;
    }
  return TRUE;
}

static gboolean
parse_agent (CdVoiceSession  *self,
             JsonObject      *object,
             const char      *path,
             GError         **error)
{
  gint64 number = 0;
  gboolean present = FALSE;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->agent_id = number;
  if (!cd_json_read_string (object, path, "name", &self->agent_name, error))
    return FALSE;
  return TRUE;
}

static gboolean
parse_campaign (CdVoiceSession  *self,
                JsonObject      *object,
                const char      *path,
                GError         **error)
{
  gint64 number = 0;
  gboolean present = FALSE;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->campaign_id = number;
  if (!cd_json_read_string (object, path, "name", &self->campaign_name, error))
    return FALSE;
  return TRUE;
}

static gboolean
parse_analysis (CdVoiceSession  *self,
                JsonObject      *object,
                const char      *path,
                GError         **error)
{
  if (!cd_json_read_string (object, path, "summary", &self->analysis_summary, error))
    return FALSE;
  if (!cd_json_read_boolean (object, path, "success", &self->analysis_success, &self->has_analysis_success, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "disposition", &self->analysis_disposition, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "task_status", &self->analysis_task_status, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "failure", &self->analysis_failure, error))
    return FALSE;
  return TRUE;
}

static gboolean
parse_members (CdVoiceSession  *self,
               JsonObject      *object,
               const char      *path,
               GError         **error)
{
  gint64 number = 0;
  gboolean present = FALSE;
  char *str = NULL;
  JsonObject *child = NULL;
  JsonArray *array = NULL;

  if (!cd_json_read_int (object, path, "id", &number, &present, error))
    return FALSE;
  if (present)
    self->id = number;
  if (!cd_json_read_int (object, path, "contact_id", &number, &present, error))
    return FALSE;
  if (present)
    self->contact_id = number;
  if (!cd_json_read_string (object, path, "direction", &str, error))
    return FALSE;
  self->direction = cd_direction_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_string (object, path, "status", &str, error))
    return FALSE;
  self->status = cd_session_status_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_datetime (object, path, "started_at", &self->started_at, error))
    return FALSE;
  if (!cd_json_read_datetime (object, path, "ended_at", &self->ended_at, error))
    return FALSE;
  if (!cd_json_read_int (object, path, "duration_seconds", &number, &present, error))
    return FALSE;
  if (present)
    self->duration_seconds = number;
  if (!cd_json_read_int (object, path, "talk_time_seconds", &number, &present, error))
    return FALSE;
  if (present)
    self->talk_time_seconds = number;
  if (!cd_json_read_string (object, path, "campaign_outcome", &self->campaign_outcome, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "from_number", &self->from_number, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "to_number", &self->to_number, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "summary", &self->summary, error))
    return FALSE;
  if (!cd_json_read_boolean (object, path, "has_recording", &self->has_recording, NULL, error))
    return FALSE;
  if (!cd_money_read (object, path, "cost", &self->cost, error))
    return FALSE;
  if (!cd_json_read_string (object, path, "sentiment", &str, error))
    return FALSE;
  self->sentiment = cd_sentiment_from_string (str);
  g_clear_pointer (&str, g_free);
  if (!cd_json_read_string (object, path, "end_reason", &self->end_reason, error))
    return FALSE;
  if (!cd_json_read_array (object, path, "transcript", &array, error))
    return FALSE;
  if (array != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "transcript");
      GListModel *list = cd_transcript_segment_list_from_array (array, child_path, error);

      if (list == NULL)
        return FALSE;
      g_clear_object (&self->transcript);
      self->transcript = list;
    }
  if (!cd_json_read_object (object, path, "extracted_data", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_clear_pointer (&self->extracted_data, json_object_unref);
      self->extracted_data = json_object_ref (child);
    }
  if (!cd_json_read_array (object, path, "cost_breakdown", &array, error))
    return FALSE;
  if (array != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "cost_breakdown");
      GListModel *list = cd_cost_item_list_from_array (array, child_path, error);

      if (list == NULL)
        return FALSE;
      g_clear_object (&self->cost_breakdown);
      self->cost_breakdown = list;
    }
  if (!cd_json_read_array (object, path, "webhooks", &array, error))
    return FALSE;
  if (array != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "webhooks");
      GListModel *list = cd_webhook_delivery_list_from_array (array, child_path, error);

      if (list == NULL)
        return FALSE;
      g_clear_object (&self->webhooks);
      self->webhooks = list;
    }
  if (!cd_json_read_int (object, path, "follow_up_id", &number, &present, error))
    return FALSE;
  if (present)
    self->follow_up_id = number;
  if (!cd_json_read_object (object, path, "raw", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_clear_pointer (&self->raw, json_object_unref);
      self->raw = json_object_ref (child);
    }
  if (!cd_json_read_object (object, path, "agent", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "agent");

      if (!parse_agent (self, child, child_path, error))
        return FALSE;
    }
  if (!cd_json_read_object (object, path, "campaign", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "campaign");

      if (!parse_campaign (self, child, child_path, error))
        return FALSE;
    }
  if (!cd_json_read_object (object, path, "analysis", &child, error))
    return FALSE;
  if (child != NULL)
    {
      g_autofree char *child_path = cd_model_path (path, "analysis");

      if (!parse_analysis (self, child, child_path, error))
        return FALSE;
    }
  if (!parse_extra (self, object, path, error))
    return FALSE;
  return TRUE;
}

CdVoiceSession *
cd_voice_session_new_from_object (JsonObject  *object,
                                  const char  *path,
                                  GError     **error)
{
  g_autoptr(CdVoiceSession) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CD_TYPE_VOICE_SESSION, NULL);
  if (!parse_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

CdVoiceSession *
cd_voice_session_new_from_json (JsonNode  *node,
                                GError   **error)
{
  JsonObject *object = cd_json_node_get_object (node, "session", error);

  if (object == NULL)
    return NULL;
  return cd_voice_session_new_from_object (object, NULL, error);
}

GListModel *
cd_voice_session_list_from_array (JsonArray   *array,
                                  const char  *path,
                                  GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CD_TYPE_VOICE_SESSION);

  g_return_val_if_fail (array != NULL, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = cd_model_index_path (path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CdVoiceSession) item = NULL;
      JsonObject *object;

      object = cd_json_node_get_object (node, item_path, error);
      if (object == NULL)
        return NULL;
      item = cd_voice_session_new_from_object (object, item_path, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
cd_voice_session_list_from_json (JsonNode  *array_node,
                                 GError   **error)
{
  JsonArray *array = cd_json_node_get_array (array_node, "sessions", error);

  if (array == NULL)
    return NULL;
  return cd_voice_session_list_from_array (array, NULL, error);
}

gint64
cd_voice_session_get_id (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), 0);

  return self->id;
}

gint64
cd_voice_session_get_contact_id (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), 0);

  return self->contact_id;
}

CdDirection
cd_voice_session_get_direction (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), 0);

  return self->direction;
}

CdSessionStatus
cd_voice_session_get_status (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), 0);

  return self->status;
}

GDateTime *
cd_voice_session_get_started_at (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->started_at;
}

GDateTime *
cd_voice_session_get_ended_at (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->ended_at;
}

gint64
cd_voice_session_get_duration_seconds (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), -1);

  return self->duration_seconds;
}

gint64
cd_voice_session_get_talk_time_seconds (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), -1);

  return self->talk_time_seconds;
}

gint64
cd_voice_session_get_agent_id (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), 0);

  return self->agent_id;
}

const char *
cd_voice_session_get_agent_name (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->agent_name;
}

gint64
cd_voice_session_get_campaign_id (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), 0);

  return self->campaign_id;
}

const char *
cd_voice_session_get_campaign_name (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->campaign_name;
}

const char *
cd_voice_session_get_campaign_outcome (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->campaign_outcome;
}

const char *
cd_voice_session_get_from_number (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->from_number;
}

const char *
cd_voice_session_get_to_number (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->to_number;
}

const char *
cd_voice_session_get_summary (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->summary;
}

gboolean
cd_voice_session_get_has_recording (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), FALSE);

  return self->has_recording;
}

const CdMoney *
cd_voice_session_get_cost (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->cost;
}

CdSentiment
cd_voice_session_get_sentiment (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), 0);

  return self->sentiment;
}

const char *
cd_voice_session_get_end_reason (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->end_reason;
}

gboolean
cd_voice_session_get_has_detail (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), FALSE);

  return self->has_detail;
}

GListModel *
cd_voice_session_get_transcript (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->transcript;
}

JsonObject *
cd_voice_session_get_extracted_data (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->extracted_data;
}

const char *
cd_voice_session_get_analysis_summary (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->analysis_summary;
}

gboolean
cd_voice_session_get_analysis_success (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), FALSE);

  return self->analysis_success;
}

gboolean
cd_voice_session_has_analysis_success (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), FALSE);

  return self->has_analysis_success;
}

const char *
cd_voice_session_get_analysis_disposition (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->analysis_disposition;
}

const char *
cd_voice_session_get_analysis_task_status (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->analysis_task_status;
}

const char *
cd_voice_session_get_analysis_failure (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->analysis_failure;
}

GListModel *
cd_voice_session_get_cost_breakdown (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->cost_breakdown;
}

GListModel *
cd_voice_session_get_webhooks (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->webhooks;
}

gint64
cd_voice_session_get_follow_up_id (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), 0);

  return self->follow_up_id;
}

JsonObject *
cd_voice_session_get_raw (CdVoiceSession *self)
{
  g_return_val_if_fail (CD_IS_VOICE_SESSION (self), NULL);

  return self->raw;
}
