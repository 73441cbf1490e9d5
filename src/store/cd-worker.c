/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include "cd-worker.h"

struct _CdWorker
{
  GObject      parent_instance;
  GThread     *thread;
  GAsyncQueue *queue;
};

typedef struct
{
  GTask           *task;  /* NULL = stop */
  GTaskThreadFunc  func;
} Job;

G_DEFINE_FINAL_TYPE (CdWorker, cd_worker, G_TYPE_OBJECT)

static gpointer
worker_main (gpointer data)
{
  GAsyncQueue *queue = data;

  for (;;)
    {
      Job *job = g_async_queue_pop (queue);
      GTask *task = job->task;

      if (task == NULL)
        {
          g_free (job);
          break;
        }
      job->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
                 g_task_get_cancellable (task));
      g_object_unref (task);
      g_free (job);
    }
  g_async_queue_unref (queue);
  return NULL;
}

static void
cd_worker_finalize (GObject *object)
{
  CdWorker *self = CD_WORKER (object);

  cd_worker_shutdown (self);
  g_clear_pointer (&self->queue, g_async_queue_unref);
  G_OBJECT_CLASS (cd_worker_parent_class)->finalize (object);
}

static void
cd_worker_class_init (CdWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_worker_finalize;
}

static void
cd_worker_init (CdWorker *self)
{
  self->queue = g_async_queue_new ();
}

CdWorker *
cd_worker_new (const char *name)
{
  CdWorker *self = g_object_new (CD_TYPE_WORKER, NULL);

  self->thread = g_thread_new (name ? name : "cd-worker", worker_main,
                               g_async_queue_ref (self->queue));
  return self;
}

void
cd_worker_queue (CdWorker        *self,
                 GTask           *task,
                 GTaskThreadFunc  func)
{
  Job *job;

  g_return_if_fail (CD_IS_WORKER (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (self->thread != NULL);

  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_async_queue_push (self->queue, job);
}

void
cd_worker_shutdown (CdWorker *self)
{
  if (self->thread == NULL)
    return;
  g_async_queue_push (self->queue, g_new0 (Job, 1));
  g_thread_join (g_steal_pointer (&self->thread));
}
