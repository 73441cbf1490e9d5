/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-voice-session.h"

G_BEGIN_DECLS

/* One position of a paged list: the session, or NULL while its page is not loaded. */
#define CD_TYPE_CALL_LOG_ITEM (cd_call_log_item_get_type ())
G_DECLARE_FINAL_TYPE (CdCallLogItem, cd_call_log_item, CD, CALL_LOG_ITEM, GObject)

CdCallLogItem  *cd_call_log_item_new          (guint           position,
                                               CdVoiceSession *session);
guint           cd_call_log_item_get_position (CdCallLogItem  *self);
CdVoiceSession *cd_call_log_item_get_session  (CdCallLogItem  *self);

G_END_DECLS
