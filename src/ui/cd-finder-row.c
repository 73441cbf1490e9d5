/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-ui"

#include "cd-contact.h"
#include "cd-rules.h"

#include "cd-finder-row.h"

struct _CdFinderRow
{
  GtkWidget  parent_instance;

  AdwAvatar *avatar;
  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
  GtkWidget *offline_icon;
  gint64     contact_id;
};

G_DEFINE_FINAL_TYPE (CdFinderRow, cd_finder_row, GTK_TYPE_WIDGET)

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* The first of phone, email, company that is known and not already the title. */
static const char *
pick_subtitle (CdContact  *contact,
               const char *title)
{
  const char *candidates[3];

  candidates[0] = cd_contact_get_phone_e164 (contact);
  candidates[1] = cd_contact_get_email (contact);
  candidates[2] = cd_contact_get_company (contact);

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (is_set (candidates[i]) && g_strcmp0 (candidates[i], title) != 0)
        return candidates[i];
    }

  return NULL;
}

/* Initials only from a name; phones and "Contact #ID" get the generic avatar. */
static char *
dup_avatar_name (CdContact *contact)
{
  const char *first = cd_contact_get_first_name (contact);
  const char *last = cd_contact_get_last_name (contact);
  g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", first ? first : "",
                                                       last ? last : ""));

  if (name[0] == '\0')
    return NULL;

  return g_steal_pointer (&name);
}

static void
cd_finder_row_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_FINDER_ROW);
  /* The unnamed root box of the template is not disposed with the named children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cd_finder_row_parent_class)->dispose (object);
}

static void
cd_finder_row_class_init (CdFinderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_finder_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/ContactDetail/ui/cd-finder-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CdFinderRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, CdFinderRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CdFinderRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CdFinderRow, offline_icon);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cd_finder_row_init (CdFinderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_finder_row_new (void)
{
  return g_object_new (CD_TYPE_FINDER_ROW, NULL);
}

void
cd_finder_row_set_contact (CdFinderRow *self,
                           gpointer     contact)
{
  g_autofree char *title = NULL;
  g_autofree char *avatar_name = NULL;
  const char *subtitle;

  g_return_if_fail (CD_IS_FINDER_ROW (self));
  g_return_if_fail (contact == NULL || CD_IS_CONTACT (contact));

  self->contact_id = contact ? cd_contact_get_id (contact) : 0;
  if (contact == NULL)
    {
      gtk_widget_set_visible (self->offline_icon, FALSE);
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      adw_avatar_set_text (self->avatar, NULL);
      return;
    }

  /* Plain text only: names may contain markup characters. */
  title = cd_contact_dup_display_title (contact);
  subtitle = pick_subtitle (contact, title);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);
  avatar_name = dup_avatar_name (contact);
  adw_avatar_set_text (self->avatar, avatar_name);
}

const char *
cd_finder_row_get_title (CdFinderRow *self)
{
  g_return_val_if_fail (CD_IS_FINDER_ROW (self), NULL);

  return gtk_label_get_text (self->title_label);
}

void
cd_finder_row_set_offline (CdFinderRow *self,
                           gboolean     offline)
{
  g_return_if_fail (CD_IS_FINDER_ROW (self));

  gtk_widget_set_visible (self->offline_icon, offline);
}

gboolean
cd_finder_row_get_offline (CdFinderRow *self)
{
  g_return_val_if_fail (CD_IS_FINDER_ROW (self), FALSE);

  return gtk_widget_get_visible (self->offline_icon);
}

gint64
cd_finder_row_get_contact_id (CdFinderRow *self)
{
  g_return_val_if_fail (CD_IS_FINDER_ROW (self), 0);

  return self->contact_id;
}
