/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-calllogs"

#include "cd-call-log-item.h"

struct _CdCallLogItem
{
  GObject         parent_instance;
  guint           position;
  CdVoiceSession *session;
};

enum
{
  PROP_0,
  PROP_POSITION,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdCallLogItem, cd_call_log_item, G_TYPE_OBJECT)

static void
cd_call_log_item_finalize (GObject *object)
{
  CdCallLogItem *self = CD_CALL_LOG_ITEM (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (cd_call_log_item_parent_class)->finalize (object);
}

static void
cd_call_log_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdCallLogItem *self = CD_CALL_LOG_ITEM (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_call_log_item_class_init (CdCallLogItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_call_log_item_finalize;
  object_class->get_property = cd_call_log_item_get_property;

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CD_TYPE_VOICE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_call_log_item_init (CdCallLogItem *self)
{
}

CdCallLogItem *
cd_call_log_item_new (guint           position,
                      CdVoiceSession *session)
{
  CdCallLogItem *self = g_object_new (CD_TYPE_CALL_LOG_ITEM, NULL);

  self->position = position;
  self->session = session != NULL ? g_object_ref (session) : NULL;
  return self;
}

guint
cd_call_log_item_get_position (CdCallLogItem *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOG_ITEM (self), 0);
  return self->position;
}

CdVoiceSession *
cd_call_log_item_get_session (CdCallLogItem *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOG_ITEM (self), NULL);
  return self->session;
}
