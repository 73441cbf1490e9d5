/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-memory.h"
#include "cd-repository.h"

G_BEGIN_DECLS

/*
 * The "Memory & AI insights" card: summary, open items, facts, interaction log,
 * LLM usage and rebuild.  It loads through CdRepository (cached copy at once,
 * then the server's copy with its ETag) and edits with If-Match; a 412 keeps
 * the user's text and offers "Reload and re-apply" or "Discard my changes".
 *
 * Properties: "can-edit" (FALSE: no edit controls at all), "online" (FALSE,
 * or the repository offline: edits go to the outbox and show "Pending"; only
 * Rebuild, which runs on the server, is hidden with a reason), "timezone" (IANA
 * zone of the user's profile, for absolute times and overdue dates; NULL = local).
 * A cached copy the server has not confirmed shows "as of ‹time›".
 *
 * Signals:
 *   "open-session" (void (*) (CdMemoryCard *, gint64 voice_session_id))
 *   "toast"        (void (*) (CdMemoryCard *, const char *message))
 */

#define CD_TYPE_MEMORY_CARD (cd_memory_card_get_type ())
G_DECLARE_FINAL_TYPE (CdMemoryCard, cd_memory_card, CD, MEMORY_CARD, AdwBin)

GtkWidget  *cd_memory_card_new            (void);
void        cd_memory_card_set_repository (CdMemoryCard *self,
                                           CdRepository *repository);
/* Starts loading @contact_id's memory, cancelling any earlier load and edit. */
void        cd_memory_card_load           (CdMemoryCard *self,
                                           gint64        contact_id);
gint64      cd_memory_card_get_contact_id (CdMemoryCard *self);

void        cd_memory_card_set_can_edit   (CdMemoryCard *self,
                                           gboolean      can_edit);
gboolean    cd_memory_card_get_can_edit   (CdMemoryCard *self);
void        cd_memory_card_set_online     (CdMemoryCard *self,
                                           gboolean      online);
gboolean    cd_memory_card_get_online     (CdMemoryCard *self);
void        cd_memory_card_set_timezone   (CdMemoryCard *self,
                                           const char   *timezone);
const char *cd_memory_card_get_timezone   (CdMemoryCard *self);

/* The memory shown (NULL while loading) and the ETag edits send (NULL when
 * only a cached copy is shown). */
CdMemory   *cd_memory_card_get_memory     (CdMemoryCard *self);
const char *cd_memory_card_get_etag       (CdMemoryCard *self);
/* "loading", "error" or "content". */
const char *cd_memory_card_get_view_state (CdMemoryCard *self);

/*
 * For tests and screenshots: a named template child ("summary_edit_button",
 * "rebuild_button", …), "rebuild_dialog" (while open), the offline parts
 * ("as_of_label", "rebuild_offline_label", "summary_badge", "items_badge",
 * "facts_badge"), or a per-item widget by its widget name ("fact-edit:KEY",
 * "fact-badge:KEY", "fact-pending:KEY", "item-remove:N", …).
 */
GtkWidget  *cd_memory_card_get_part       (CdMemoryCard *self,
                                           const char   *name);

G_END_DECLS
