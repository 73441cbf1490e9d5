/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-repository-outbox.h"
#include "cd-resource.h"

G_BEGIN_DECLS

/*
 * Small pieces every card and dialog shares for offline use (product.md §11):
 * the dim "as of 10:42" caption of a card whose value came from the cache and
 * is not confirmed, the "Pending" badge of an edit waiting in the outbox, and
 * the toast text of a queued save.
 */

/* "as of 10:42" (today in @zone), "as of 3 Nov, 10:42" (this year), else
 * "as of 3 Nov 2025, 10:42"; @now NULL = the current time.  NULL @when = "offline copy". */
char      *cd_offline_ui_format_as_of        (GDateTime  *when,
                                              GTimeZone  *zone,
                                              GDateTime  *now);
/* TRUE when @resource shows a cached value the server has not confirmed
 * (STALE, OFFLINE or ERROR with a value). */
gboolean   cd_offline_ui_resource_unconfirmed (CdResource *resource);

/* A dim caption label, hidden until cd_offline_ui_as_of_update() shows it. */
GtkWidget *cd_offline_ui_as_of_new           (void);
/* Shows "as of …" (tooltip: the full date) when @unconfirmed, else hides it. */
void       cd_offline_ui_as_of_update        (GtkWidget  *label,
                                              gboolean    unconfirmed,
                                              GDateTime  *when,
                                              GTimeZone  *zone);
/* The same from a resource (NULL hides it). */
void       cd_offline_ui_as_of_update_from_resource (GtkWidget  *label,
                                                     CdResource *resource,
                                                     GTimeZone  *zone);

/* A small "Pending" badge with a tooltip, for an edit waiting in the outbox. */
GtkWidget *cd_offline_ui_pending_badge_new   (void);

/* TRUE when the outbox holds an unsent entry (any state) of @contact_id and
 * one of @kinds (n_kinds 0 = any kind). */
gboolean   cd_offline_ui_has_pending         (CdRepository       *repository,
                                              gint64              contact_id,
                                              const CdOutboxKind *kinds,
                                              guint               n_kinds);
/* TRUE when the outbox holds an unsent entry (any state) that changes the
 * follow-up @follow_up_id of @contact_id (a local schedule's id is -seq). */
gboolean   cd_offline_ui_follow_up_pending   (CdRepository       *repository,
                                              gint64              contact_id,
                                              gint64              follow_up_id);
/* TRUE when the outbox holds an unsent edit or reset of the fact @key. */
gboolean   cd_offline_ui_fact_pending        (CdRepository       *repository,
                                              gint64              contact_id,
                                              const char         *key);
/* TRUE when the mutation that produced @result waits in the outbox. */
gboolean   cd_offline_ui_was_queued          (GAsyncResult       *result);
/* The toast of a save: @saved, or "Saved offline — will be sent when you are
 * back online" when it was queued. */
const char *cd_offline_ui_saved_message      (gboolean            queued,
                                              const char         *saved);

/* Loads the outbox stylesheet (badge, caption) once per display. */
void       cd_offline_ui_ensure_style        (void);

G_END_DECLS
