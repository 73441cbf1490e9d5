/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-core"

#include "cd-enums.h"

G_DEFINE_ENUM_TYPE (CdLifecycleState, cd_lifecycle_state,
  G_DEFINE_ENUM_VALUE (CD_LIFECYCLE_STATE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_LIFECYCLE_STATE_ACTIVE, "active"),
  G_DEFINE_ENUM_VALUE (CD_LIFECYCLE_STATE_ARCHIVED, "archived"),
  G_DEFINE_ENUM_VALUE (CD_LIFECYCLE_STATE_DELETED, "deleted"))

static const char * const cd_lifecycle_state_strings[] = {
  NULL,
  "active",
  "archived",
  "deleted",
};

CdLifecycleState
cd_lifecycle_state_from_string (const char *str)
{
  if (str == NULL)
    return CD_LIFECYCLE_STATE_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_lifecycle_state_strings); i++)
    if (g_strcmp0 (str, cd_lifecycle_state_strings[i]) == 0)
      return (CdLifecycleState) i;
  return CD_LIFECYCLE_STATE_UNKNOWN;
}

const char *
cd_lifecycle_state_to_string (CdLifecycleState value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_lifecycle_state_strings))
    return NULL;
  return cd_lifecycle_state_strings[value];
}

G_DEFINE_ENUM_TYPE (CdFieldType, cd_field_type,
  G_DEFINE_ENUM_VALUE (CD_FIELD_TYPE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_FIELD_TYPE_TEXT, "text"),
  G_DEFINE_ENUM_VALUE (CD_FIELD_TYPE_NUMBER, "number"),
  G_DEFINE_ENUM_VALUE (CD_FIELD_TYPE_DATE, "date"),
  G_DEFINE_ENUM_VALUE (CD_FIELD_TYPE_BOOLEAN, "boolean"),
  G_DEFINE_ENUM_VALUE (CD_FIELD_TYPE_ENUM, "enum"))

static const char * const cd_field_type_strings[] = {
  NULL,
  "text",
  "number",
  "date",
  "boolean",
  "enum",
};

CdFieldType
cd_field_type_from_string (const char *str)
{
  if (str == NULL)
    return CD_FIELD_TYPE_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_field_type_strings); i++)
    if (g_strcmp0 (str, cd_field_type_strings[i]) == 0)
      return (CdFieldType) i;
  return CD_FIELD_TYPE_UNKNOWN;
}

const char *
cd_field_type_to_string (CdFieldType value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_field_type_strings))
    return NULL;
  return cd_field_type_strings[value];
}

G_DEFINE_ENUM_TYPE (CdRole, cd_role,
  G_DEFINE_ENUM_VALUE (CD_ROLE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_ROLE_TENANT_ADMIN, "tenant-admin"),
  G_DEFINE_ENUM_VALUE (CD_ROLE_TENANT_OPERATOR, "tenant-operator"),
  G_DEFINE_ENUM_VALUE (CD_ROLE_TENANT_VIEWER, "tenant-viewer"),
  G_DEFINE_ENUM_VALUE (CD_ROLE_SUPERADMIN, "superadmin"),
  G_DEFINE_ENUM_VALUE (CD_ROLE_PLATFORM_ADMIN, "platform-admin"),
  G_DEFINE_ENUM_VALUE (CD_ROLE_PLATFORM_SUPPORT, "platform-support"))

static const char * const cd_role_strings[] = {
  NULL,
  "tenant_admin",
  "tenant_operator",
  "tenant_viewer",
  "superadmin",
  "platform_admin",
  "platform_support",
};

CdRole
cd_role_from_string (const char *str)
{
  if (str == NULL)
    return CD_ROLE_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_role_strings); i++)
    if (g_strcmp0 (str, cd_role_strings[i]) == 0)
      return (CdRole) i;
  return CD_ROLE_UNKNOWN;
}

const char *
cd_role_to_string (CdRole value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_role_strings))
    return NULL;
  return cd_role_strings[value];
}

G_DEFINE_ENUM_TYPE (CdDirection, cd_direction,
  G_DEFINE_ENUM_VALUE (CD_DIRECTION_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_DIRECTION_INBOUND, "inbound"),
  G_DEFINE_ENUM_VALUE (CD_DIRECTION_OUTBOUND, "outbound"))

static const char * const cd_direction_strings[] = {
  NULL,
  "inbound",
  "outbound",
};

CdDirection
cd_direction_from_string (const char *str)
{
  if (str == NULL)
    return CD_DIRECTION_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_direction_strings); i++)
    if (g_strcmp0 (str, cd_direction_strings[i]) == 0)
      return (CdDirection) i;
  return CD_DIRECTION_UNKNOWN;
}

const char *
cd_direction_to_string (CdDirection value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_direction_strings))
    return NULL;
  return cd_direction_strings[value];
}

G_DEFINE_ENUM_TYPE (CdSessionStatus, cd_session_status,
  G_DEFINE_ENUM_VALUE (CD_SESSION_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_SESSION_STATUS_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (CD_SESSION_STATUS_RINGING, "ringing"),
  G_DEFINE_ENUM_VALUE (CD_SESSION_STATUS_IN_PROGRESS, "in-progress"),
  G_DEFINE_ENUM_VALUE (CD_SESSION_STATUS_COMPLETED, "completed"),
  G_DEFINE_ENUM_VALUE (CD_SESSION_STATUS_NO_ANSWER, "no-answer"),
  G_DEFINE_ENUM_VALUE (CD_SESSION_STATUS_BUSY, "busy"),
  G_DEFINE_ENUM_VALUE (CD_SESSION_STATUS_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (CD_SESSION_STATUS_VOICEMAIL, "voicemail"),
  G_DEFINE_ENUM_VALUE (CD_SESSION_STATUS_CANCELED, "canceled"))

static const char * const cd_session_status_strings[] = {
  NULL,
  "queued",
  "ringing",
  "in_progress",
  "completed",
  "no_answer",
  "busy",
  "failed",
  "voicemail",
  "canceled",
};

CdSessionStatus
cd_session_status_from_string (const char *str)
{
  if (str == NULL)
    return CD_SESSION_STATUS_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_session_status_strings); i++)
    if (g_strcmp0 (str, cd_session_status_strings[i]) == 0)
      return (CdSessionStatus) i;
  return CD_SESSION_STATUS_UNKNOWN;
}

const char *
cd_session_status_to_string (CdSessionStatus value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_session_status_strings))
    return NULL;
  return cd_session_status_strings[value];
}

G_DEFINE_ENUM_TYPE (CdSentiment, cd_sentiment,
  G_DEFINE_ENUM_VALUE (CD_SENTIMENT_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_SENTIMENT_POSITIVE, "positive"),
  G_DEFINE_ENUM_VALUE (CD_SENTIMENT_NEUTRAL, "neutral"),
  G_DEFINE_ENUM_VALUE (CD_SENTIMENT_NEGATIVE, "negative"))

static const char * const cd_sentiment_strings[] = {
  NULL,
  "positive",
  "neutral",
  "negative",
};

CdSentiment
cd_sentiment_from_string (const char *str)
{
  if (str == NULL)
    return CD_SENTIMENT_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_sentiment_strings); i++)
    if (g_strcmp0 (str, cd_sentiment_strings[i]) == 0)
      return (CdSentiment) i;
  return CD_SENTIMENT_UNKNOWN;
}

const char *
cd_sentiment_to_string (CdSentiment value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_sentiment_strings))
    return NULL;
  return cd_sentiment_strings[value];
}

G_DEFINE_ENUM_TYPE (CdSpeaker, cd_speaker,
  G_DEFINE_ENUM_VALUE (CD_SPEAKER_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_SPEAKER_AGENT, "agent"),
  G_DEFINE_ENUM_VALUE (CD_SPEAKER_USER, "user"),
  G_DEFINE_ENUM_VALUE (CD_SPEAKER_TOOL, "tool"),
  G_DEFINE_ENUM_VALUE (CD_SPEAKER_SYSTEM, "system"))

static const char * const cd_speaker_strings[] = {
  NULL,
  "agent",
  "user",
  "tool",
  "system",
};

CdSpeaker
cd_speaker_from_string (const char *str)
{
  if (str == NULL)
    return CD_SPEAKER_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_speaker_strings); i++)
    if (g_strcmp0 (str, cd_speaker_strings[i]) == 0)
      return (CdSpeaker) i;
  return CD_SPEAKER_UNKNOWN;
}

const char *
cd_speaker_to_string (CdSpeaker value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_speaker_strings))
    return NULL;
  return cd_speaker_strings[value];
}

G_DEFINE_ENUM_TYPE (CdFollowUpStatus, cd_follow_up_status,
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_STATUS_SCHEDULED, "scheduled"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_STATUS_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_STATUS_IN_PROGRESS, "in-progress"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_STATUS_COMPLETED, "completed"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_STATUS_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_STATUS_EXPIRED, "expired"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_STATUS_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_STATUS_SNOOZED, "snoozed"))

static const char * const cd_follow_up_status_strings[] = {
  NULL,
  "scheduled",
  "queued",
  "in_progress",
  "completed",
  "failed",
  "expired",
  "cancelled",
  "snoozed",
};

CdFollowUpStatus
cd_follow_up_status_from_string (const char *str)
{
  if (str == NULL)
    return CD_FOLLOW_UP_STATUS_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_follow_up_status_strings); i++)
    if (g_strcmp0 (str, cd_follow_up_status_strings[i]) == 0)
      return (CdFollowUpStatus) i;
  return CD_FOLLOW_UP_STATUS_UNKNOWN;
}

const char *
cd_follow_up_status_to_string (CdFollowUpStatus value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_follow_up_status_strings))
    return NULL;
  return cd_follow_up_status_strings[value];
}

G_DEFINE_ENUM_TYPE (CdFollowUpType, cd_follow_up_type,
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_TYPE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_TYPE_CALL, "call"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_TYPE_SMS, "sms"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_TYPE_WEBHOOK, "webhook"))

static const char * const cd_follow_up_type_strings[] = {
  NULL,
  "call",
  "sms",
  "webhook",
};

CdFollowUpType
cd_follow_up_type_from_string (const char *str)
{
  if (str == NULL)
    return CD_FOLLOW_UP_TYPE_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_follow_up_type_strings); i++)
    if (g_strcmp0 (str, cd_follow_up_type_strings[i]) == 0)
      return (CdFollowUpType) i;
  return CD_FOLLOW_UP_TYPE_UNKNOWN;
}

const char *
cd_follow_up_type_to_string (CdFollowUpType value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_follow_up_type_strings))
    return NULL;
  return cd_follow_up_type_strings[value];
}

G_DEFINE_ENUM_TYPE (CdFollowUpPriority, cd_follow_up_priority,
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_PRIORITY_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_PRIORITY_LOW, "low"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_PRIORITY_NORMAL, "normal"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_PRIORITY_HIGH, "high"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_PRIORITY_URGENT, "urgent"))

static const char * const cd_follow_up_priority_strings[] = {
  NULL,
  "low",
  "normal",
  "high",
  "urgent",
};

CdFollowUpPriority
cd_follow_up_priority_from_string (const char *str)
{
  if (str == NULL)
    return CD_FOLLOW_UP_PRIORITY_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_follow_up_priority_strings); i++)
    if (g_strcmp0 (str, cd_follow_up_priority_strings[i]) == 0)
      return (CdFollowUpPriority) i;
  return CD_FOLLOW_UP_PRIORITY_UNKNOWN;
}

const char *
cd_follow_up_priority_to_string (CdFollowUpPriority value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_follow_up_priority_strings))
    return NULL;
  return cd_follow_up_priority_strings[value];
}

G_DEFINE_ENUM_TYPE (CdFollowUpSource, cd_follow_up_source,
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_SOURCE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_SOURCE_MANUAL, "manual"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_SOURCE_CAMPAIGN, "campaign"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_SOURCE_AI, "ai"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_SOURCE_INBOUND, "inbound"))

static const char * const cd_follow_up_source_strings[] = {
  NULL,
  "manual",
  "campaign",
  "ai",
  "inbound",
};

CdFollowUpSource
cd_follow_up_source_from_string (const char *str)
{
  if (str == NULL)
    return CD_FOLLOW_UP_SOURCE_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_follow_up_source_strings); i++)
    if (g_strcmp0 (str, cd_follow_up_source_strings[i]) == 0)
      return (CdFollowUpSource) i;
  return CD_FOLLOW_UP_SOURCE_UNKNOWN;
}

const char *
cd_follow_up_source_to_string (CdFollowUpSource value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_follow_up_source_strings))
    return NULL;
  return cd_follow_up_source_strings[value];
}

G_DEFINE_ENUM_TYPE (CdFollowUpGroup, cd_follow_up_group,
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_GROUP_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_GROUP_NOT_STARTED, "not-started"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_GROUP_IN_PROGRESS, "in-progress"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_GROUP_DONE, "done"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_GROUP_NEEDS_ATTENTION, "needs-attention"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_GROUP_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_GROUP_SNOOZED, "snoozed"))

static const char * const cd_follow_up_group_strings[] = {
  NULL,
  "not_started",
  "in_progress",
  "done",
  "needs_attention",
  "cancelled",
  "snoozed",
};

CdFollowUpGroup
cd_follow_up_group_from_string (const char *str)
{
  if (str == NULL)
    return CD_FOLLOW_UP_GROUP_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_follow_up_group_strings); i++)
    if (g_strcmp0 (str, cd_follow_up_group_strings[i]) == 0)
      return (CdFollowUpGroup) i;
  return CD_FOLLOW_UP_GROUP_UNKNOWN;
}

const char *
cd_follow_up_group_to_string (CdFollowUpGroup value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_follow_up_group_strings))
    return NULL;
  return cd_follow_up_group_strings[value];
}

G_DEFINE_ENUM_TYPE (CdFactSource, cd_fact_source,
  G_DEFINE_ENUM_VALUE (CD_FACT_SOURCE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_FACT_SOURCE_SYSTEM, "system"),
  G_DEFINE_ENUM_VALUE (CD_FACT_SOURCE_USER, "user"))

static const char * const cd_fact_source_strings[] = {
  NULL,
  "system",
  "user",
};

CdFactSource
cd_fact_source_from_string (const char *str)
{
  if (str == NULL)
    return CD_FACT_SOURCE_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_fact_source_strings); i++)
    if (g_strcmp0 (str, cd_fact_source_strings[i]) == 0)
      return (CdFactSource) i;
  return CD_FACT_SOURCE_UNKNOWN;
}

const char *
cd_fact_source_to_string (CdFactSource value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_fact_source_strings))
    return NULL;
  return cd_fact_source_strings[value];
}

G_DEFINE_ENUM_TYPE (CdRebuildStatus, cd_rebuild_status,
  G_DEFINE_ENUM_VALUE (CD_REBUILD_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (CD_REBUILD_STATUS_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (CD_REBUILD_STATUS_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (CD_REBUILD_STATUS_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (CD_REBUILD_STATUS_FAILED, "failed"))

static const char * const cd_rebuild_status_strings[] = {
  NULL,
  "idle",
  "queued",
  "running",
  "failed",
};

CdRebuildStatus
cd_rebuild_status_from_string (const char *str)
{
  if (str == NULL)
    return CD_REBUILD_STATUS_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (cd_rebuild_status_strings); i++)
    if (g_strcmp0 (str, cd_rebuild_status_strings[i]) == 0)
      return (CdRebuildStatus) i;
  return CD_REBUILD_STATUS_UNKNOWN;
}

const char *
cd_rebuild_status_to_string (CdRebuildStatus value)
{
  if ((guint) value >= G_N_ELEMENTS (cd_rebuild_status_strings))
    return NULL;
  return cd_rebuild_status_strings[value];
}

G_DEFINE_FLAGS_TYPE (CdContactPermissions, cd_contact_permissions,
  G_DEFINE_ENUM_VALUE (CD_CONTACT_PERMISSIONS_NONE, "none"),
  G_DEFINE_ENUM_VALUE (CD_CONTACT_PERMISSIONS_EDIT, "edit"),
  G_DEFINE_ENUM_VALUE (CD_CONTACT_PERMISSIONS_CALL, "call"),
  G_DEFINE_ENUM_VALUE (CD_CONTACT_PERMISSIONS_MANAGE_DNC, "manage-dnc"),
  G_DEFINE_ENUM_VALUE (CD_CONTACT_PERMISSIONS_ARCHIVE, "archive"),
  G_DEFINE_ENUM_VALUE (CD_CONTACT_PERMISSIONS_UNARCHIVE, "unarchive"),
  G_DEFINE_ENUM_VALUE (CD_CONTACT_PERMISSIONS_GDPR_ERASE, "gdpr-erase"),
  G_DEFINE_ENUM_VALUE (CD_CONTACT_PERMISSIONS_HARD_DELETE, "hard-delete"))

G_DEFINE_FLAGS_TYPE (CdFollowUpActions, cd_follow_up_actions,
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_ACTIONS_NONE, "none"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_ACTIONS_VIEW, "view"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_ACTIONS_CANCEL, "cancel"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_ACTIONS_RESCHEDULE, "reschedule"),
  G_DEFINE_ENUM_VALUE (CD_FOLLOW_UP_ACTIONS_SNOOZE, "snooze"))
