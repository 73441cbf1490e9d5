/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include "cd-offline-private.h"

/* CdOfflineContact: one immutable row of Preferences' offline list. */

struct _CdOfflineContact
{
  GObject         parent_instance;
  gint64          contact_id;
  char           *title;
  guint64         size;
  GDateTime      *synced_at;
  CdOfflineState  state;
  gint64          sessions;
};

G_DEFINE_FINAL_TYPE (CdOfflineContact, cd_offline_contact, G_TYPE_OBJECT)

static void
cd_offline_contact_finalize (GObject *object)
{
  CdOfflineContact *self = CD_OFFLINE_CONTACT (object);

  g_free (self->title);
  g_clear_pointer (&self->synced_at, g_date_time_unref);
  G_OBJECT_CLASS (cd_offline_contact_parent_class)->finalize (object);
}

static void
cd_offline_contact_class_init (CdOfflineContactClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_offline_contact_finalize;
}

static void
cd_offline_contact_init (CdOfflineContact *self)
{
}

CdOfflineContact *
cd_offline_contact_new (gint64          contact_id,
                        const char     *title,
                        guint64         size,
                        gint64          synced_at,
                        CdOfflineState  state,
                        gint64          sessions)
{
  CdOfflineContact *self = g_object_new (CD_TYPE_OFFLINE_CONTACT, NULL);

  self->contact_id = contact_id;
  self->title = g_strdup (title);
  self->size = size;
  self->synced_at = synced_at > 0 ? g_date_time_new_from_unix_utc (synced_at) : NULL;
  self->state = state;
  self->sessions = sessions;
  return self;
}

gint64
cd_offline_contact_get_contact_id (CdOfflineContact *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_CONTACT (self), 0);
  return self->contact_id;
}

const char *
cd_offline_contact_get_title (CdOfflineContact *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_CONTACT (self), NULL);
  return self->title;
}

guint64
cd_offline_contact_get_size (CdOfflineContact *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_CONTACT (self), 0);
  return self->size;
}

GDateTime *
cd_offline_contact_get_synced_at (CdOfflineContact *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_CONTACT (self), NULL);
  return self->synced_at;
}

CdOfflineState
cd_offline_contact_get_state (CdOfflineContact *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_CONTACT (self), CD_OFFLINE_NONE);
  return self->state;
}

gint64
cd_offline_contact_get_sessions (CdOfflineContact *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_CONTACT (self), 0);
  return self->sessions;
}
