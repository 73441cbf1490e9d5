/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-page"

#include <glib/gi18n.h>

#include "cd-format.h"
#include "cd-offline-bar.h"
#include "cd-repository-offline.h"

typedef enum
{
  BUTTON_NONE,
  BUTTON_CANCEL,
  BUTTON_RESUME,
  BUTTON_RETRY,
} ButtonKind;

struct _CdOfflineBar
{
  GtkWidget     parent_instance;

  CdRepository *repository;
  CdOfflineJob *job;              /* the job whose notifications we follow */
  CdOfflineJob *started_here;     /* finder mode: a job this bar's host started (weak) */
  gint64        contact_id;       /* 0 = any download */
  GDateTime    *synced_at;        /* contact mode: last sync, from list_offline */
  gint64        sessions_saved;   /* contact mode: calls downloaded so far, -1 unknown */
  GCancellable *list_cancellable; /* the synced-at query in flight */
  guint         update_id;        /* coalesces the job's many notifications */
  ButtonKind    button_kind;
  char         *text;

  GtkWidget    *box;
  GtkWidget    *icon;
  GtkWidget    *label;
  GtkWidget    *progress;
  GtkWidget    *button;
};

G_DEFINE_FINAL_TYPE (CdOfflineBar, cd_offline_bar, GTK_TYPE_WIDGET)

/* Helpers */

static char *
format_count (gint64 value)
{
  return cd_format_number ((double) value);
}

static gboolean
job_running (CdOfflineBar *self)
{
  return self->job != NULL && !cd_offline_job_get_finished (self->job);
}

/* "Downloading 1,250 of 20,000 calls" for the job's current contact. */
static char *
dup_calls_text (CdOfflineJob *job)
{
  gint64 total = cd_offline_job_get_sessions_total (job);
  gint64 done = cd_offline_job_get_sessions_done (job);
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;

  if (total < 0)
    return g_strdup (_("Preparing the offline copy…"));
  done_text = format_count (MIN (done, total));
  total_text = format_count (total);
  /* Translators: calls downloaded for offline use, e.g. "Downloading 1,250 of 20,000 calls" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Downloading %s of %s call",
                                       "Downloading %s of %s calls", (gulong) total),
                          done_text, total_text);
}

static char *
dup_contacts_text (CdOfflineJob *job)
{
  guint total = cd_offline_job_get_contacts_total (job);
  g_autofree char *done_text = format_count (MIN (cd_offline_job_get_contacts_done (job), total));
  g_autofree char *total_text = format_count (total);

  if (total <= 1)
    return dup_calls_text (job);
  /* Translators: contacts downloaded for offline use, e.g. "Downloading 2 of 5 contacts" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Downloading %s of %s contact",
                                       "Downloading %s of %s contacts", total),
                          done_text, total_text);
}

static double
contact_fraction (CdOfflineJob *job)
{
  gint64 total = cd_offline_job_get_sessions_total (job);

  if (total > 0)
    return CLAMP ((double) cd_offline_job_get_sessions_done (job) / (double) total, 0.0, 1.0);
  return cd_offline_job_get_fraction (job);
}

static char *
dup_synced_text (CdOfflineBar *self)
{
  g_autofree char *when = NULL;

  if (self->synced_at == NULL)
    return g_strdup (_("Available offline"));
  when = cd_format_relative (self->synced_at, NULL);
  /* Translators: %s is a relative time such as "5 min ago" */
  return g_strdup_printf (_("Available offline · synced %s"), when);
}

/* "Offline copy incomplete · 311 calls saved" */
static char *
dup_incomplete_text (CdOfflineBar *self)
{
  g_autofree char *count = NULL;

  if (self->sessions_saved <= 0)
    return g_strdup (_("Offline copy incomplete"));
  count = format_count (self->sessions_saved);
  /* Translators: a paused offline download; %s is the number of calls saved so far */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline copy incomplete · %s call saved",
                                       "Offline copy incomplete · %s calls saved",
                                       (gulong) self->sessions_saved),
                          count);
}

static void
show (CdOfflineBar *self,
      const char   *text,
      const char   *icon_name,
      double        fraction,
      ButtonKind    button)
{
  static const char *labels[] = { NULL, N_("Cancel"), N_("Resume"), N_("Retry") };
  static const char *tooltips[] = {
    NULL, N_("Stop downloading; what is saved stays"),
    N_("Continue downloading for offline use"), N_("Try the offline download again"),
  };

  g_free (self->text);
  self->text = g_strdup (text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self), text != NULL);
  if (text == NULL)
    return;

  gtk_label_set_text (GTK_LABEL (self->label), text);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icon_name);
  gtk_widget_set_visible (self->progress, fraction >= 0);
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), fraction);
  self->button_kind = button;
  gtk_widget_set_visible (self->button, button != BUTTON_NONE);
  if (button != BUTTON_NONE)
    {
      gtk_button_set_label (GTK_BUTTON (self->button), _(labels[button]));
      gtk_widget_set_tooltip_text (self->button, _(tooltips[button]));
    }
  /* A running download is a live region: the text is its accessible description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

static void
update_contact (CdOfflineBar *self)
{
  CdOfflineState state = cd_repository_get_offline_state (self->repository, self->contact_id);
  gboolean running = job_running (self);
  /* Resume and Retry need the server; offline they would only fail again. */
  ButtonKind resume = cd_repository_get_online (self->repository) ? BUTTON_RESUME : BUTTON_NONE;
  ButtonKind retry = resume != BUTTON_NONE ? BUTTON_RETRY : BUTTON_NONE;
  g_autofree char *text = NULL;

  if (state == CD_OFFLINE_NONE)
    {
      self->sessions_saved = -1;
      show (self, NULL, NULL, -1, BUTTON_NONE);
    }
  else if (running && (state == CD_OFFLINE_DOWNLOADING ||
                       cd_offline_job_get_current_contact_id (self->job) == self->contact_id))
    {
      /* Remembered for "… calls saved" after a cancel: SQLite may lag behind. */
      self->sessions_saved = MAX (self->sessions_saved, cd_offline_job_get_sessions_done (self->job));
      text = dup_calls_text (self->job);
      show (self, text, "folder-download-symbolic", contact_fraction (self->job), BUTTON_CANCEL);
    }
  else if (running && state == CD_OFFLINE_PENDING)
    show (self, _("Waiting to download for offline use…"), "folder-download-symbolic", 0, BUTTON_CANCEL);
  else if (state == CD_OFFLINE_PENDING || state == CD_OFFLINE_DOWNLOADING)
    {
      text = dup_incomplete_text (self);
      show (self, text, "folder-download-symbolic", -1, resume);
    }
  else if (state == CD_OFFLINE_FAILED)
    show (self, _("Couldn’t finish the offline copy"), "dialog-warning-symbolic", -1, retry);
  else
    {
      text = dup_synced_text (self);
      show (self, text, "emblem-ok-symbolic", -1, BUTTON_NONE);
    }
}

static void
update (CdOfflineBar *self)
{
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "cd-offline-done");
  if (self->repository == NULL)
    {
      show (self, NULL, NULL, -1, BUTTON_NONE);
      return;
    }
  if (self->contact_id > 0)
    {
      update_contact (self);
      if (cd_repository_get_offline_state (self->repository, self->contact_id) == CD_OFFLINE_DONE)
        gtk_widget_add_css_class (GTK_WIDGET (self), "cd-offline-done");
      return;
    }
  /* One contact's download shows on its page; the finder shows sets and its own. */
  if (!job_running (self) ||
      (cd_offline_job_get_contacts_total (self->job) <= 1 && self->job != self->started_here))
    {
      show (self, NULL, NULL, -1, BUTTON_NONE);
      return;
    }
  text = dup_contacts_text (self->job);
  show (self, text, "folder-download-symbolic", cd_offline_job_get_fraction (self->job), BUTTON_CANCEL);
}

static gboolean
update_timeout_cb (gpointer user_data)
{
  CdOfflineBar *self = user_data;

  self->update_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

/* A 20,000-call download notifies per page: repaint at most once per main-loop turn. */
static void
queue_update (CdOfflineBar *self)
{
  if (self->update_id == 0)
    /* A timeout, not an idle: a download keeps the loop busy at default
     * priority, which would starve an idle and freeze the progress. */
    self->update_id = g_timeout_add (100, update_timeout_cb, self);
}

static void
list_offline_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdOfflineBar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  guint n;

  list = cd_repository_list_offline_finish (CD_REPOSITORY (source), result, &error);
  if (list == NULL)
    return;

  n = g_list_model_get_n_items (list);
  g_clear_pointer (&self->synced_at, g_date_time_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdOfflineContact) contact = g_list_model_get_item (list, i);
      GDateTime *synced = cd_offline_contact_get_synced_at (contact);

      if (cd_offline_contact_get_contact_id (contact) != self->contact_id)
        continue;
      if (synced != NULL)
        self->synced_at = g_date_time_ref (synced);
      self->sessions_saved = MAX (self->sessions_saved, cd_offline_contact_get_sessions (contact));
    }
  update (self);
}

/* The last sync time and the calls saved live in SQLite: asked for when the
 * contact's state changes (not while its download runs). */
static void
refresh_synced_at (CdOfflineBar *self)
{
  CdOfflineState state;

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  if (self->repository == NULL || self->contact_id <= 0)
    return;
  state = cd_repository_get_offline_state (self->repository, self->contact_id);
  if (state == CD_OFFLINE_NONE || state == CD_OFFLINE_DOWNLOADING)
    return;
  self->list_cancellable = g_cancellable_new ();
  cd_repository_list_offline_async (self->repository, self->list_cancellable,
                                    list_offline_cb, g_object_ref (self));
}

static void
set_job (CdOfflineBar *self,
         CdOfflineJob *job)
{
  if (self->job == job)
    return;
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_set_object (&self->job, job);
  if (job != NULL)
    g_signal_connect_object (job, "notify", G_CALLBACK (queue_update), self, G_CONNECT_SWAPPED);
}

/* Callbacks */

static void
on_offline_job_changed (CdOfflineBar *self)
{
  set_job (self, self->repository ? cd_repository_get_offline_job (self->repository) : NULL);
  update (self);
}

static void
on_offline_changed (CdOfflineBar *self,
                    gint64        contact_id)
{
  /* A new job may have started with this change. */
  set_job (self, cd_repository_get_offline_job (self->repository));
  if (contact_id == 0 || contact_id == self->contact_id)
    refresh_synced_at (self);
  update (self);
}

static void
on_button_clicked (CdOfflineBar *self)
{
  if (self->repository == NULL)
    return;

  if (self->button_kind == BUTTON_CANCEL && self->job != NULL)
    cd_offline_job_cancel (self->job);
  else if ((self->button_kind == BUTTON_RESUME || self->button_kind == BUTTON_RETRY) &&
           self->contact_id > 0)
    cd_repository_keep_offline (self->repository, &self->contact_id, 1);
  on_offline_job_changed (self);
}

/* GObject overrides */

static void
cd_offline_bar_dispose (GObject *object)
{
  CdOfflineBar *self = CD_OFFLINE_BAR (object);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_handle_id (&self->update_id, g_source_remove);
  set_job (self, NULL);
  g_clear_weak_pointer (&self->started_here);
  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->synced_at, g_date_time_unref);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (cd_offline_bar_parent_class)->dispose (object);
}

static void
cd_offline_bar_finalize (GObject *object)
{
  g_free (CD_OFFLINE_BAR (object)->text);

  G_OBJECT_CLASS (cd_offline_bar_parent_class)->finalize (object);
}

static void
cd_offline_bar_class_init (CdOfflineBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_offline_bar_dispose;
  object_class->finalize = cd_offline_bar_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "offlinebar");
}

static void
cd_offline_bar_init (CdOfflineBar *self)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "cd-offline-bar");

  /* Decorative: the label says it all. */
  self->icon = g_object_new (GTK_TYPE_IMAGE, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), self->icon);

  gtk_widget_set_hexpand (column, TRUE);
  gtk_widget_set_valign (column, GTK_ALIGN_CENTER);
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->label), PANGO_WRAP_WORD_CHAR);
  /* Wraps rather than widening a narrow sidebar. */
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 16);
  gtk_box_append (GTK_BOX (column), self->label);
  self->progress = gtk_progress_bar_new ();
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->progress),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->label, NULL, -1);
  gtk_box_append (GTK_BOX (column), self->progress);
  gtk_box_append (GTK_BOX (self->box), column);

  self->button = gtk_button_new ();
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  g_signal_connect_object (self->button, "clicked", G_CALLBACK (on_button_clicked), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), self->button);

  self->text = g_strdup ("");
  self->sessions_saved = -1;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Public API */

GtkWidget *
cd_offline_bar_new (void)
{
  return g_object_new (CD_TYPE_OFFLINE_BAR, NULL);
}

void
cd_offline_bar_set_repository (CdOfflineBar *self,
                               CdRepository *repository)
{
  g_return_if_fail (CD_IS_OFFLINE_BAR (self));
  g_return_if_fail (repository == NULL || CD_IS_REPOSITORY (repository));

  if (self->repository == repository)
    return;
  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  g_set_object (&self->repository, repository);
  g_clear_pointer (&self->synced_at, g_date_time_unref);
  if (repository != NULL)
    {
      g_signal_connect_object (repository, "offline-changed", G_CALLBACK (on_offline_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (repository, "notify::offline-job", G_CALLBACK (on_offline_job_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (repository, "notify::online", G_CALLBACK (queue_update),
                               self, G_CONNECT_SWAPPED);
    }
  refresh_synced_at (self);
  on_offline_job_changed (self);
}

void
cd_offline_bar_set_contact_id (CdOfflineBar *self,
                               gint64        contact_id)
{
  g_return_if_fail (CD_IS_OFFLINE_BAR (self));

  if (self->contact_id == contact_id)
    return;
  self->contact_id = contact_id;
  self->sessions_saved = -1;
  g_clear_pointer (&self->synced_at, g_date_time_unref);
  refresh_synced_at (self);
  update (self);
}

const char *
cd_offline_bar_get_text (CdOfflineBar *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_BAR (self), NULL);

  return self->text;
}

double
cd_offline_bar_get_fraction (CdOfflineBar *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_BAR (self), -1);

  if (!gtk_widget_get_visible (GTK_WIDGET (self)) || !gtk_widget_get_visible (self->progress))
    return -1;
  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (self->progress));
}

GtkWidget *
cd_offline_bar_get_button (CdOfflineBar *self)
{
  g_return_val_if_fail (CD_IS_OFFLINE_BAR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self)) || self->button_kind == BUTTON_NONE)
    return NULL;
  return self->button;
}

/* Finder mode: also show @job when it has a single contact (the host started it). */
void
cd_offline_bar_show_job (CdOfflineBar *self,
                         CdOfflineJob *job)
{
  g_return_if_fail (CD_IS_OFFLINE_BAR (self));
  g_return_if_fail (job == NULL || CD_IS_OFFLINE_JOB (job));

  g_set_weak_pointer (&self->started_here, job);
  on_offline_job_changed (self);
}
