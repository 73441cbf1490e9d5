/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * One stale-while-revalidate load, observed by a view.  The repository creates it,
 * fills `value` from the cache at once when it can (state STALE), then revalidates
 * with the server and moves to FRESH, OFFLINE, NOT_FOUND or ERROR.  Views connect to
 * notify::state / notify::value; cancelling the cancellable given to the repository
 * stops every pending step silently (no further notifications).
 */

typedef enum
{
  CD_RESOURCE_LOADING,   /* nothing to show yet, request in flight */
  CD_RESOURCE_FRESH,     /* value confirmed by the server (200 or 304) */
  CD_RESOURCE_STALE,     /* cached value shown, revalidation in flight */
  CD_RESOURCE_OFFLINE,   /* server unreachable; value (if any) is the cached copy */
  CD_RESOURCE_NOT_FOUND, /* 404 or erased on the server; the cache was purged */
  CD_RESOURCE_ERROR,     /* any other failure (see error); value (if any) is cached */
} CdResourceState;

#define CD_TYPE_RESOURCE_STATE (cd_resource_state_get_type ())
GType cd_resource_state_get_type (void);

#define CD_TYPE_RESOURCE (cd_resource_get_type ())
G_DECLARE_FINAL_TYPE (CdResource, cd_resource, CD, RESOURCE, GObject)

CdResourceState  cd_resource_get_state      (CdResource *self);
/* CdContact, CdMemory, or a GListModel of CdVoiceSession / CdFollowUp. */
gpointer         cd_resource_get_value      (CdResource *self);
const GError    *cd_resource_get_error      (CdResource *self);
/* When the shown value was last confirmed by the server; NULL if never. */
GDateTime       *cd_resource_get_fetched_at (CdResource *self);
/* TRUE while the value shown came from the cache and is not yet confirmed. */
gboolean         cd_resource_get_from_cache (CdResource *self);
/* Extension: the ETag of the shown value — the server's when FRESH, else the
 * cached copy's (which a queued offline edit may have changed); NULL if none. */
const char      *cd_resource_get_etag       (CdResource *self);
/* Revalidates again (e.g. the Retry button); no-op once cancelled. */
void             cd_resource_refresh        (CdResource *self);

/* For the repository only.  The refresh func is called as
 * void (*) (CdResource *resource, gpointer data). */
CdResource      *cd_resource_new            (GCancellable    *cancellable);
GCancellable    *cd_resource_get_cancellable (CdResource     *self);
void             cd_resource_set_refresh_func (CdResource    *self,
                                               GCallback      func,
                                               gpointer       data,
                                               GDestroyNotify destroy);
/* Set before the cd_resource_update() that shows the value it belongs to. */
void             cd_resource_set_etag       (CdResource      *self,
                                             const char      *etag);
void             cd_resource_update         (CdResource      *self,
                                             CdResourceState  state,
                                             gpointer         value,
                                             const GError    *error,
                                             GDateTime       *fetched_at,
                                             gboolean         from_cache);

G_END_DECLS
