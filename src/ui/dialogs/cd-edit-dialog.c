/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-dialogs"

#include "config.h"

#include "cd-edit-dialog.h"

struct _CdEditDialog
{
  AdwWindow     parent_instance;
  CdRepository *repository;
  CdContact    *contact;
};

G_DEFINE_FINAL_TYPE (CdEditDialog, cd_edit_dialog, ADW_TYPE_WINDOW)

static void
cd_edit_dialog_dispose (GObject *object)
{
  CdEditDialog *self = CD_EDIT_DIALOG (object);

  g_clear_object (&self->repository);
  g_clear_object (&self->contact);
  G_OBJECT_CLASS (cd_edit_dialog_parent_class)->dispose (object);
}

static void
cd_edit_dialog_class_init (CdEditDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cd_edit_dialog_dispose;
  g_signal_new ("contact-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1, CD_TYPE_CONTACT);
}

static void
cd_edit_dialog_init (CdEditDialog *self)
{
}

CdEditDialog *
cd_edit_dialog_new (CdRepository *repository,
                    CdContact    *contact)
{
  CdEditDialog *self = g_object_new (CD_TYPE_EDIT_DIALOG, NULL);

  self->repository = g_object_ref (repository);
  self->contact = g_object_ref (contact);
  return self;
}
