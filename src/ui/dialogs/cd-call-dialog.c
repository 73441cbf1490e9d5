/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-dialogs"

#include "config.h"

#include "cd-call-dialog.h"

struct _CdCallDialog
{
  AdwWindow     parent_instance;
  CdRepository *repository;
  CdContact    *contact;
};

G_DEFINE_FINAL_TYPE (CdCallDialog, cd_call_dialog, ADW_TYPE_WINDOW)

static void
cd_call_dialog_dispose (GObject *object)
{
  CdCallDialog *self = CD_CALL_DIALOG (object);

  g_clear_object (&self->repository);
  g_clear_object (&self->contact);
  G_OBJECT_CLASS (cd_call_dialog_parent_class)->dispose (object);
}

static void
cd_call_dialog_class_init (CdCallDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cd_call_dialog_dispose;
  g_signal_new ("call-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
cd_call_dialog_init (CdCallDialog *self)
{
}

CdCallDialog *
cd_call_dialog_new (CdRepository *repository,
                    CdContact    *contact)
{
  CdCallDialog *self = g_object_new (CD_TYPE_CALL_DIALOG, NULL);

  self->repository = g_object_ref (repository);
  self->contact = g_object_ref (contact);
  return self;
}
