/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * CdWorker: one dedicated thread that runs GTask jobs in order (GNOME Software's
 * worker-thread pattern).  All cache access goes through it, so SQLite never runs
 * on the main thread or on GLib's shared pool.  Each job returns its result
 * through its GTask, i.e. on the context the task was created in.
 */

#define CD_TYPE_WORKER (cd_worker_get_type ())
G_DECLARE_FINAL_TYPE (CdWorker, cd_worker, CD, WORKER, GObject)

CdWorker *cd_worker_new   (const char      *name);
/* Queues @func to run on the worker thread with @task (a ref is taken). */
void      cd_worker_queue (CdWorker        *self,
                           GTask           *task,
                           GTaskThreadFunc  func);
/* Runs the queued jobs, then stops the thread; idempotent (also done on finalize). */
void      cd_worker_shutdown (CdWorker     *self);

G_END_DECLS
