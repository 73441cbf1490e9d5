/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Every enumeration of the API.  Each has an UNKNOWN value (0) that strings we do not
 * know map to, so a newer server never breaks an older client.  _to_string() returns the
 * API spelling (NULL for UNKNOWN); _from_string() accepts NULL.
 */

typedef enum
{
  CD_LIFECYCLE_STATE_UNKNOWN,
  CD_LIFECYCLE_STATE_ACTIVE,
  CD_LIFECYCLE_STATE_ARCHIVED,
  CD_LIFECYCLE_STATE_DELETED,
} CdLifecycleState;

GType cd_lifecycle_state_get_type (void) G_GNUC_CONST;
#define CD_TYPE_LIFECYCLE_STATE (cd_lifecycle_state_get_type ())
CdLifecycleState cd_lifecycle_state_from_string (const char *str);
const char *cd_lifecycle_state_to_string (CdLifecycleState value);

typedef enum
{
  CD_FIELD_TYPE_UNKNOWN,
  CD_FIELD_TYPE_TEXT,
  CD_FIELD_TYPE_NUMBER,
  CD_FIELD_TYPE_DATE,
  CD_FIELD_TYPE_BOOLEAN,
  CD_FIELD_TYPE_ENUM,
} CdFieldType;

GType cd_field_type_get_type (void) G_GNUC_CONST;
#define CD_TYPE_FIELD_TYPE (cd_field_type_get_type ())
CdFieldType cd_field_type_from_string (const char *str);
const char *cd_field_type_to_string (CdFieldType value);

typedef enum
{
  CD_ROLE_UNKNOWN,
  CD_ROLE_TENANT_ADMIN,
  CD_ROLE_TENANT_OPERATOR,
  CD_ROLE_TENANT_VIEWER,
  CD_ROLE_SUPERADMIN,
  CD_ROLE_PLATFORM_ADMIN,
  CD_ROLE_PLATFORM_SUPPORT,
} CdRole;

GType cd_role_get_type (void) G_GNUC_CONST;
#define CD_TYPE_ROLE (cd_role_get_type ())
CdRole cd_role_from_string (const char *str);
const char *cd_role_to_string (CdRole value);

typedef enum
{
  CD_DIRECTION_UNKNOWN,
  CD_DIRECTION_INBOUND,
  CD_DIRECTION_OUTBOUND,
} CdDirection;

GType cd_direction_get_type (void) G_GNUC_CONST;
#define CD_TYPE_DIRECTION (cd_direction_get_type ())
CdDirection cd_direction_from_string (const char *str);
const char *cd_direction_to_string (CdDirection value);

typedef enum
{
  CD_SESSION_STATUS_UNKNOWN,
  CD_SESSION_STATUS_QUEUED,
  CD_SESSION_STATUS_RINGING,
  CD_SESSION_STATUS_IN_PROGRESS,
  CD_SESSION_STATUS_COMPLETED,
  CD_SESSION_STATUS_NO_ANSWER,
  CD_SESSION_STATUS_BUSY,
  CD_SESSION_STATUS_FAILED,
  CD_SESSION_STATUS_VOICEMAIL,
  CD_SESSION_STATUS_CANCELED,
} CdSessionStatus;

GType cd_session_status_get_type (void) G_GNUC_CONST;
#define CD_TYPE_SESSION_STATUS (cd_session_status_get_type ())
CdSessionStatus cd_session_status_from_string (const char *str);
const char *cd_session_status_to_string (CdSessionStatus value);

typedef enum
{
  CD_SENTIMENT_UNKNOWN,
  CD_SENTIMENT_POSITIVE,
  CD_SENTIMENT_NEUTRAL,
  CD_SENTIMENT_NEGATIVE,
} CdSentiment;

GType cd_sentiment_get_type (void) G_GNUC_CONST;
#define CD_TYPE_SENTIMENT (cd_sentiment_get_type ())
CdSentiment cd_sentiment_from_string (const char *str);
const char *cd_sentiment_to_string (CdSentiment value);

typedef enum
{
  CD_SPEAKER_UNKNOWN,
  CD_SPEAKER_AGENT,
  CD_SPEAKER_USER,
  CD_SPEAKER_TOOL,
  CD_SPEAKER_SYSTEM,
} CdSpeaker;

GType cd_speaker_get_type (void) G_GNUC_CONST;
#define CD_TYPE_SPEAKER (cd_speaker_get_type ())
CdSpeaker cd_speaker_from_string (const char *str);
const char *cd_speaker_to_string (CdSpeaker value);

typedef enum
{
  CD_FOLLOW_UP_STATUS_UNKNOWN,
  CD_FOLLOW_UP_STATUS_SCHEDULED,
  CD_FOLLOW_UP_STATUS_QUEUED,
  CD_FOLLOW_UP_STATUS_IN_PROGRESS,
  CD_FOLLOW_UP_STATUS_COMPLETED,
  CD_FOLLOW_UP_STATUS_FAILED,
  CD_FOLLOW_UP_STATUS_EXPIRED,
  CD_FOLLOW_UP_STATUS_CANCELLED,
  CD_FOLLOW_UP_STATUS_SNOOZED,
} CdFollowUpStatus;

GType cd_follow_up_status_get_type (void) G_GNUC_CONST;
#define CD_TYPE_FOLLOW_UP_STATUS (cd_follow_up_status_get_type ())
CdFollowUpStatus cd_follow_up_status_from_string (const char *str);
const char *cd_follow_up_status_to_string (CdFollowUpStatus value);

typedef enum
{
  CD_FOLLOW_UP_TYPE_UNKNOWN,
  CD_FOLLOW_UP_TYPE_CALL,
  CD_FOLLOW_UP_TYPE_SMS,
  CD_FOLLOW_UP_TYPE_WEBHOOK,
} CdFollowUpType;

GType cd_follow_up_type_get_type (void) G_GNUC_CONST;
#define CD_TYPE_FOLLOW_UP_TYPE (cd_follow_up_type_get_type ())
CdFollowUpType cd_follow_up_type_from_string (const char *str);
const char *cd_follow_up_type_to_string (CdFollowUpType value);

typedef enum
{
  CD_FOLLOW_UP_PRIORITY_UNKNOWN,
  CD_FOLLOW_UP_PRIORITY_LOW,
  CD_FOLLOW_UP_PRIORITY_NORMAL,
  CD_FOLLOW_UP_PRIORITY_HIGH,
  CD_FOLLOW_UP_PRIORITY_URGENT,
} CdFollowUpPriority;

GType cd_follow_up_priority_get_type (void) G_GNUC_CONST;
#define CD_TYPE_FOLLOW_UP_PRIORITY (cd_follow_up_priority_get_type ())
CdFollowUpPriority cd_follow_up_priority_from_string (const char *str);
const char *cd_follow_up_priority_to_string (CdFollowUpPriority value);

typedef enum
{
  CD_FOLLOW_UP_SOURCE_UNKNOWN,
  CD_FOLLOW_UP_SOURCE_MANUAL,
  CD_FOLLOW_UP_SOURCE_CAMPAIGN,
  CD_FOLLOW_UP_SOURCE_AI,
  CD_FOLLOW_UP_SOURCE_INBOUND,
} CdFollowUpSource;

GType cd_follow_up_source_get_type (void) G_GNUC_CONST;
#define CD_TYPE_FOLLOW_UP_SOURCE (cd_follow_up_source_get_type ())
CdFollowUpSource cd_follow_up_source_from_string (const char *str);
const char *cd_follow_up_source_to_string (CdFollowUpSource value);

typedef enum
{
  CD_FOLLOW_UP_GROUP_UNKNOWN,
  CD_FOLLOW_UP_GROUP_NOT_STARTED,
  CD_FOLLOW_UP_GROUP_IN_PROGRESS,
  CD_FOLLOW_UP_GROUP_DONE,
  CD_FOLLOW_UP_GROUP_NEEDS_ATTENTION,
  CD_FOLLOW_UP_GROUP_CANCELLED,
  CD_FOLLOW_UP_GROUP_SNOOZED,
} CdFollowUpGroup;

GType cd_follow_up_group_get_type (void) G_GNUC_CONST;
#define CD_TYPE_FOLLOW_UP_GROUP (cd_follow_up_group_get_type ())
CdFollowUpGroup cd_follow_up_group_from_string (const char *str);
const char *cd_follow_up_group_to_string (CdFollowUpGroup value);

typedef enum
{
  CD_FACT_SOURCE_UNKNOWN,
  CD_FACT_SOURCE_SYSTEM,
  CD_FACT_SOURCE_USER,
} CdFactSource;

GType cd_fact_source_get_type (void) G_GNUC_CONST;
#define CD_TYPE_FACT_SOURCE (cd_fact_source_get_type ())
CdFactSource cd_fact_source_from_string (const char *str);
const char *cd_fact_source_to_string (CdFactSource value);

typedef enum
{
  CD_REBUILD_STATUS_UNKNOWN,
  CD_REBUILD_STATUS_IDLE,
  CD_REBUILD_STATUS_QUEUED,
  CD_REBUILD_STATUS_RUNNING,
  CD_REBUILD_STATUS_FAILED,
} CdRebuildStatus;

GType cd_rebuild_status_get_type (void) G_GNUC_CONST;
#define CD_TYPE_REBUILD_STATUS (cd_rebuild_status_get_type ())
CdRebuildStatus cd_rebuild_status_from_string (const char *str);
const char *cd_rebuild_status_to_string (CdRebuildStatus value);

typedef enum /*< flags >*/
{
  CD_CONTACT_PERMISSIONS_NONE = 0,
  CD_CONTACT_PERMISSIONS_EDIT = 1 << 0,
  CD_CONTACT_PERMISSIONS_CALL = 1 << 1,
  CD_CONTACT_PERMISSIONS_MANAGE_DNC = 1 << 2,
  CD_CONTACT_PERMISSIONS_ARCHIVE = 1 << 3,
  CD_CONTACT_PERMISSIONS_UNARCHIVE = 1 << 4,
  CD_CONTACT_PERMISSIONS_GDPR_ERASE = 1 << 5,
  CD_CONTACT_PERMISSIONS_HARD_DELETE = 1 << 6,
} CdContactPermissions;

GType cd_contact_permissions_get_type (void) G_GNUC_CONST;
#define CD_TYPE_CONTACT_PERMISSIONS (cd_contact_permissions_get_type ())

typedef enum /*< flags >*/
{
  CD_FOLLOW_UP_ACTIONS_NONE = 0,
  CD_FOLLOW_UP_ACTIONS_VIEW = 1 << 0,
  CD_FOLLOW_UP_ACTIONS_CANCEL = 1 << 1,
  CD_FOLLOW_UP_ACTIONS_RESCHEDULE = 1 << 2,
  CD_FOLLOW_UP_ACTIONS_SNOOZE = 1 << 3,
} CdFollowUpActions;

GType cd_follow_up_actions_get_type (void) G_GNUC_CONST;
#define CD_TYPE_FOLLOW_UP_ACTIONS (cd_follow_up_actions_get_type ())

G_END_DECLS
