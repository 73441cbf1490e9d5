/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-contact.h"
#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The modal "Call contact" dialog (product §6).  Loads active numbers, agents
 * and custom-field definitions in parallel; one idempotency key for its whole
 * lifetime, so a double click or a retry never places two calls.
 * Signal "call-started" (gint64 voice_session_id) — then it closes itself.
 */
#define CD_TYPE_CALL_DIALOG (cd_call_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CdCallDialog, cd_call_dialog, CD, CALL_DIALOG, AdwWindow)

CdCallDialog *cd_call_dialog_new (CdRepository *repository,
                                  CdContact    *contact);

G_END_DECLS
