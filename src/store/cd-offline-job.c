/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include "cd-offline-private.h"

/*
 * CdOfflineJob: the progress of one "Keep offline" download, for the UI.  The
 * download itself runs in cd-repository-offline.c, which drives these setters.
 */

struct _CdOfflineJob
{
  GObject       parent_instance;
  GCancellable *cancellable;
  guint         contacts_done;
  guint         contacts_total;
  gint64        sessions_done;
  gint64        sessions_total;
  gint64        current_contact_id;
  gboolean      finished;
  GError       *error;
};

G_DEFINE_FINAL_TYPE (CdOfflineJob, cd_offline_job, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CONTACTS_DONE,
  PROP_CONTACTS_TOTAL,
  PROP_SESSIONS_DONE,
  PROP_SESSIONS_TOTAL,
  PROP_CURRENT_CONTACT_ID,
  PROP_FINISHED,
  N_PROPS
};

enum
{
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
cd_offline_job_finalize (GObject *object)
{
  CdOfflineJob *self = CD_OFFLINE_JOB (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (cd_offline_job_parent_class)->finalize (object);
}

static void
cd_offline_job_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdOfflineJob *self = CD_OFFLINE_JOB (object);

  switch (prop_id)
    {
    case PROP_CONTACTS_DONE:
      g_value_set_uint (value, self->contacts_done);
      break;
    case PROP_CONTACTS_TOTAL:
      g_value_set_uint (value, self->contacts_total);
      break;
    case PROP_SESSIONS_DONE:
      g_value_set_int64 (value, self->sessions_done);
      break;
    case PROP_SESSIONS_TOTAL:
      g_value_set_int64 (value, self->sessions_total);
      break;
    case PROP_CURRENT_CONTACT_ID:
      g_value_set_int64 (value, self->current_contact_id);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_offline_job_class_init (CdOfflineJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cd_offline_job_finalize;
  object_class->get_property = cd_offline_job_get_property;

  properties[PROP_CONTACTS_DONE] =
    g_param_spec_uint ("contacts-done", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CONTACTS_TOTAL] =
    g_param_spec_uint ("contacts-total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SESSIONS_DONE] =
    g_param_spec_int64 ("sessions-done", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SESSIONS_TOTAL] =
    g_param_spec_int64 ("sessions-total", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_CURRENT_CONTACT_ID] =
    g_param_spec_int64 ("current-contact-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
cd_offline_job_init (CdOfflineJob *self)
{
  self->cancellable = g_cancellable_new ();
  self->sessions_total = -1;
}

CdOfflineJob *
cd_offline_job_new (void)
{
  return g_object_new (CD_TYPE_OFFLINE_JOB, NULL);
}

GCancellable *
cd_offline_job_get_cancellable (CdOfflineJob *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_JOB (self), NULL);
  return self->cancellable;
}

guint
cd_offline_job_get_contacts_done (CdOfflineJob *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_JOB (self), 0);
  return self->contacts_done;
}

guint
cd_offline_job_get_contacts_total (CdOfflineJob *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_JOB (self), 0);
  return self->contacts_total;
}

gint64
cd_offline_job_get_sessions_done (CdOfflineJob *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_JOB (self), 0);
  return self->sessions_done;
}

gint64
cd_offline_job_get_sessions_total (CdOfflineJob *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_JOB (self), -1);
  return self->sessions_total;
}

gint64
cd_offline_job_get_current_contact_id (CdOfflineJob *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_JOB (self), 0);
  return self->current_contact_id;
}

double
cd_offline_job_get_fraction (CdOfflineJob *self)
{
  double current = 0.0;

  g_return_val_if_fail (CD_IS_OFFLINE_JOB (self), 0.0);
  if (self->finished)
    return self->error == NULL ? 1.0 : 0.0;
  if (self->contacts_total == 0)
    return 0.0;
  if (self->sessions_total > 0)
    current = MIN (1.0, (double) self->sessions_done / (double) self->sessions_total);
  return MIN (1.0, (self->contacts_done + current) / self->contacts_total);
}

gboolean
cd_offline_job_get_finished (CdOfflineJob *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_JOB (self), FALSE);
  return self->finished;
}

const GError *
cd_offline_job_get_error (CdOfflineJob *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_JOB (self), NULL);
  return self->error;
}

void
cd_offline_job_cancel (CdOfflineJob *self)
{
  g_return_if_fail (CD_IS_OFFLINE_JOB (self));
  g_cancellable_cancel (self->cancellable);
}

void
cd_offline_job_add_contacts (CdOfflineJob *self,
                             guint         n)
{
  g_return_if_fail (CD_IS_OFFLINE_JOB (self));
  self->contacts_total += n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACTS_TOTAL]);
}

void
cd_offline_job_set_current (CdOfflineJob *self,
                            gint64        contact_id,
                            gint64        sessions_done,
                            gint64        sessions_total)
{
  g_return_if_fail (CD_IS_OFFLINE_JOB (self));
  g_object_freeze_notify (G_OBJECT (self));
  if (self->current_contact_id != contact_id)
    {
      self->current_contact_id = contact_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_CONTACT_ID]);
    }
  if (self->sessions_total != sessions_total)
    {
      self->sessions_total = sessions_total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSIONS_TOTAL]);
    }
  cd_offline_job_set_sessions_done (self, sessions_done);
  g_object_thaw_notify (G_OBJECT (self));
}

void
cd_offline_job_set_sessions_done (CdOfflineJob *self,
                                  gint64        sessions_done)
{
  g_return_if_fail (CD_IS_OFFLINE_JOB (self));
  if (self->sessions_done == sessions_done)
    return;
  self->sessions_done = sessions_done;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSIONS_DONE]);
}

void
cd_offline_job_contact_done (CdOfflineJob *self)
{
  g_return_if_fail (CD_IS_OFFLINE_JOB (self));
  self->contacts_done++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACTS_DONE]);
}

void
cd_offline_job_finish (CdOfflineJob *self,
                       GError       *error)
{
  g_return_if_fail (CD_IS_OFFLINE_JOB (self));
  if (self->finished)
    {
      g_clear_error (&error);
      return;
    }
  self->finished = TRUE;
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  g_signal_emit (self, signals[FINISHED], 0);
}
