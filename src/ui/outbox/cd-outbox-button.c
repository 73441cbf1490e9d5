/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-outbox"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-conflict-dialog.h"
#include "cd-error.h"
#include "cd-format.h"
#include "cd-offline-ui.h"
#include "cd-outbox-button.h"
#include "cd-repository-outbox.h"

struct _CdOutboxButton
{
  AdwBin              parent_instance;

  GtkWidget          *menu_button;
  GtkWidget          *content;
  GtkWidget          *popover;
  GtkWidget          *list_box;
  GtkWidget          *error_label;
  GtkWidget          *send_button;

  CdRepository       *repository;
  gint64              contact_id;
  guint               count;
  GtkCustomFilter    *filter;
  GtkFilterListModel *entries;   /* the contact's CdOutboxEntry, oldest first */
  GCancellable       *cancellable;
  GtkWindow          *dialog;    /* weak */
};

G_DEFINE_FINAL_TYPE (CdOutboxButton, cd_outbox_button, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CONTACT_ID,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_label (CdOutboxButton *self);

/* ---- helpers -------------------------------------------------------------- */

static void
show_error (CdOutboxButton *self,
            const char     *prefix,
            const GError   *error)
{
  const char *request_id = error ? cd_api_error_get_request_id (error) : NULL;
  g_autofree char *text = NULL;

  if (error == NULL)
    {
      gtk_widget_set_visible (self->error_label, FALSE);
      return;
    }
  text = request_id && *request_id
         ? g_strdup_printf (_("%s: %s (Request ID %s)"), prefix, error->message, request_id)
         : g_strdup_printf ("%s: %s", prefix, error->message);
  gtk_label_set_text (GTK_LABEL (self->error_label), text);
  gtk_widget_set_visible (self->error_label, TRUE);
}

static GtkWindow *
parent_window (CdOutboxButton *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
present_dialog (CdOutboxButton *self,
                GtkWindow      *dialog)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (parent_window (self) != NULL)
    gtk_window_set_transient_for (dialog, parent_window (self));
  gtk_window_set_modal (dialog, TRUE);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (dialog);
}

static char *
state_text (CdOutboxEntry *entry)
{
  g_autofree char *when = cd_format_relative (cd_outbox_entry_get_created_at (entry), NULL);
  const char *error = cd_outbox_entry_get_error (entry);

  switch (cd_outbox_entry_get_state (entry))
    {
    case CD_OUTBOX_SENDING:
      /* Translators: %s is a relative time, e.g. "5 min ago" */
      return g_strdup_printf (_("%s · Sending…"), when);
    case CD_OUTBOX_CONFLICT:
      return g_strdup_printf (_("%s · Conflict: changed on the server meanwhile"), when);
    case CD_OUTBOX_FAILED:
      /* Translators: a relative time, then the server's error message */
      return g_strdup_printf (_("%s · Failed: %s"), when, error && *error ? error : _("unknown error"));
    case CD_OUTBOX_PENDING:
    default:
      return g_strdup_printf (_("%s · Waiting to be sent"), when);
    }
}

/* ---- discard ---------------------------------------------------------------- */

static void
discard_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CdOutboxButton) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cd_repository_discard_outbox_entry_finish (CD_REPOSITORY (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Discarding an outbox entry failed (code %d)", error->code);
      show_error (self, _("Couldn’t discard the change"), error);
    }
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CdOutboxButton   *self)
{
  CdOutboxEntry *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  if (!g_str_equal (response, "discard") || self->repository == NULL)
    return;
  show_error (self, NULL, NULL);
  cd_repository_discard_outbox_entry_async (self->repository, cd_outbox_entry_get_seq (entry),
                                            self->cancellable, discard_cb, g_object_ref (self));
}

static void
discard_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  CdOutboxButton *self = user_data;
  CdOutboxEntry *entry = g_object_get_data (G_OBJECT (button), "entry");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent_window (self), _("Discard Change?"), NULL);
  /* Translators: %s describes an offline change, e.g. "Edit contact: email" */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” will not be sent to the server. This can’t be undone."),
                                  cd_outbox_entry_get_label (entry));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "entry", g_object_ref (entry), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
resolve_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  CdOutboxButton *self = user_data;
  CdOutboxEntry *entry = g_object_get_data (G_OBJECT (button), "entry");

  if (self->repository == NULL)
    return;
  show_error (self, NULL, NULL);
  present_dialog (self, GTK_WINDOW (cd_conflict_dialog_new (self->repository, entry)));
}

/* ---- rows ------------------------------------------------------------------- */

static GtkWidget *
named_button (const char    *label,
              const char    *icon_name,
              const char    *name,
              CdOutboxEntry *entry)
{
  GtkWidget *button = icon_name ? gtk_button_new_from_icon_name (icon_name)
                                : gtk_button_new_with_mnemonic (label);
  g_autofree char *widget_name = g_strdup_printf ("%s:%" G_GINT64_FORMAT, name,
                                                  cd_outbox_entry_get_seq (entry));

  gtk_widget_set_name (button, widget_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "entry", g_object_ref (entry), g_object_unref);
  return button;
}

/* Subtitle, style and Resolve… follow the entry's state. */
static void
sync_row (GtkWidget *row)
{
  CdOutboxEntry *entry = g_object_get_data (G_OBJECT (row), "entry");
  GtkWidget *resolve = g_object_get_data (G_OBJECT (row), "resolve");
  GtkWidget *discard = g_object_get_data (G_OBJECT (row), "discard");
  CdOutboxState state = cd_outbox_entry_get_state (entry);
  g_autofree char *subtitle = state_text (entry);
  gboolean attention = state == CD_OUTBOX_CONFLICT || state == CD_OUTBOX_FAILED;
  g_autofree char *tooltip = g_strdup_printf ("%s\n%s", cd_outbox_entry_get_label (entry), subtitle);

  gtk_label_set_text (GTK_LABEL (g_object_get_data (G_OBJECT (row), "subtitle")), subtitle);
  gtk_widget_set_tooltip_text (row, tooltip);
  gtk_widget_set_visible (resolve, state == CD_OUTBOX_CONFLICT);
  /* A request in flight cannot be taken back. */
  gtk_widget_set_sensitive (discard, state != CD_OUTBOX_SENDING);
  if (attention)
    gtk_widget_add_css_class (row, "cd-outbox-attention");
  else
    gtk_widget_remove_css_class (row, "cd-outbox-attention");
}

/* The label on one line (ellipsized, full text in the tooltip); the state
 * wraps, so a failure's message is readable. */
static GtkWidget *
row_label (const char *text,
           gboolean    subtitle)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  /* Bounded natural width: the popover fits a 360 px window. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  if (subtitle)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CdOutboxButton *self = user_data;
  CdOutboxEntry *entry = CD_OUTBOX_ENTRY (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *subtitle = row_label (NULL, TRUE);
  GtkWidget *resolve = named_button (_("_Resolve…"), NULL, "resolve", entry);
  GtkWidget *discard = named_button (NULL, "user-trash-symbolic", "discard", entry);
  g_autofree char *name = g_strdup_printf ("row:%" G_GINT64_FORMAT, cd_outbox_entry_get_seq (entry));
  /* Translators: accessible name of a Discard button; %s describes the change */
  g_autofree char *discard_a11y = g_strdup_printf (_("Discard “%s”"), cd_outbox_entry_get_label (entry));

  gtk_widget_set_name (row, name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), row_label (cd_outbox_entry_get_label (entry), FALSE));
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_widget_add_css_class (discard, "flat");
  gtk_widget_set_tooltip_text (discard, _("Discard"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (discard), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  discard_a11y, -1);
  g_signal_connect (discard, "clicked", G_CALLBACK (discard_clicked_cb), self);
  g_signal_connect (resolve, "clicked", G_CALLBACK (resolve_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), resolve);
  gtk_box_append (GTK_BOX (box), discard);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "entry", g_object_ref (entry), g_object_unref);
  g_object_set_data (G_OBJECT (row), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "resolve", resolve);
  g_object_set_data (G_OBJECT (row), "discard", discard);
  g_signal_connect_object (entry, "notify::state", G_CALLBACK (sync_row), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "notify::state", G_CALLBACK (update_label), self,
                           G_CONNECT_SWAPPED);
  sync_row (row);
  return row;
}

/* ---- label and model ---------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CdOutboxButton *self = user_data;

  return self->contact_id > 0 && cd_outbox_entry_get_contact_id (CD_OUTBOX_ENTRY (item)) == self->contact_id;
}

static guint
count_attention (CdOutboxButton *self)
{
  GListModel *model = G_LIST_MODEL (self->entries);
  guint attention = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdOutboxEntry) entry = g_list_model_get_item (model, i);
      CdOutboxState state = cd_outbox_entry_get_state (entry);

      attention += state == CD_OUTBOX_CONFLICT || state == CD_OUTBOX_FAILED;
    }
  return attention;
}

static void
update_label (CdOutboxButton *self)
{
  guint count = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  guint attention = count_attention (self);
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  gboolean online = self->repository != NULL && cd_repository_get_online (self->repository);

  /* Translators: the header button's label, e.g. "2 pending" (changes not sent) */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pending", "%u pending", count), count);
  if (attention > 0)
    /* Translators: tooltip and accessible name; the second number needs the user */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u change not sent yet, %u needs your attention",
                                                "%u changes not sent yet, %u need your attention",
                                                count), count, attention);
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change not sent yet",
                                                "%u changes not sent yet", count), count);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (self->content), label);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (self->content),
                                    attention > 0 ? "dialog-warning-symbolic"
                                                  : "emblem-synchronizing-symbolic");
  gtk_widget_set_tooltip_text (self->menu_button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  if (attention > 0)
    gtk_widget_add_css_class (self->menu_button, "cd-outbox-attention");
  else
    gtk_widget_remove_css_class (self->menu_button, "cd-outbox-attention");
  gtk_widget_set_visible (self->send_button, online && count > attention);
  gtk_widget_set_visible (GTK_WIDGET (self), count > 0);
  if (count == 0)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (self->count != count)
    {
      self->count = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
    }
}

static void
outbox_changed_cb (CdOutboxButton *self,
                   gint64          contact_id)
{
  if (contact_id == 0 || contact_id == self->contact_id)
    update_label (self);
}

/* ---- send now ------------------------------------------------------------------ */

static void
replay_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdOutboxButton) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (self->send_button, TRUE);
  if (!cd_repository_replay_outbox_finish (CD_REPOSITORY (object), result, NULL, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, _("Couldn’t send"), error);
}

static void
send_clicked_cb (CdOutboxButton *self)
{
  if (self->repository == NULL)
    return;
  show_error (self, NULL, NULL);
  gtk_widget_set_sensitive (self->send_button, FALSE);
  cd_repository_replay_outbox_async (self->repository, self->cancellable, replay_cb,
                                     g_object_ref (self));
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
cd_outbox_button_dispose (GObject *object)
{
  CdOutboxButton *self = CD_OUTBOX_BUTTON (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box), NULL, NULL, NULL, NULL);
  g_clear_object (&self->entries);
  g_clear_object (&self->filter);
  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  g_clear_object (&self->repository);
  /* No gtk_widget_dispose_template (): the menu button is the bin's child, and
   * AdwBin unparents it (and with it every other template widget). */
  G_OBJECT_CLASS (cd_outbox_button_parent_class)->dispose (object);
}

static void
cd_outbox_button_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdOutboxButton *self = CD_OUTBOX_BUTTON (object);

  switch (prop_id)
    {
    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_outbox_button_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CdOutboxButton *self = CD_OUTBOX_BUTTON (object);

  switch (prop_id)
    {
    case PROP_CONTACT_ID:
      cd_outbox_button_set_contact_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_outbox_button_class_init (CdOutboxButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_outbox_button_dispose;
  object_class->get_property = cd_outbox_button_get_property;
  object_class->set_property = cd_outbox_button_set_property;

  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/ContactDetail/outbox/cd-outbox-button.ui");
  gtk_widget_class_bind_template_child (widget_class, CdOutboxButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CdOutboxButton, content);
  gtk_widget_class_bind_template_child (widget_class, CdOutboxButton, popover);
  gtk_widget_class_bind_template_child (widget_class, CdOutboxButton, list_box);
  gtk_widget_class_bind_template_child (widget_class, CdOutboxButton, error_label);
  gtk_widget_class_bind_template_child (widget_class, CdOutboxButton, send_button);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
}

static void
cd_outbox_button_init (CdOutboxButton *self)
{
  cd_offline_ui_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->entries = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box), G_LIST_MODEL (self->entries),
                           create_row, self, NULL);
  g_signal_connect_swapped (self->entries, "items-changed", G_CALLBACK (update_label), self);
  update_label (self);
}

/* ---- public API ------------------------------------------------------------------- */

GtkWidget *
cd_outbox_button_new (void)
{
  return g_object_new (CD_TYPE_OUTBOX_BUTTON, NULL);
}

void
cd_outbox_button_set_repository (CdOutboxButton *self,
                                 CdRepository   *repository)
{
  g_return_if_fail (CD_IS_OUTBOX_BUTTON (self));
  g_return_if_fail (repository == NULL || CD_IS_REPOSITORY (repository));

  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  if (!g_set_object (&self->repository, repository))
    return;
  gtk_filter_list_model_set_model (self->entries,
                                   repository ? cd_repository_get_outbox (repository) : NULL);
  if (repository != NULL)
    {
      g_signal_connect_object (repository, "outbox-changed", G_CALLBACK (outbox_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (repository, "notify::online", G_CALLBACK (update_label),
                               self, G_CONNECT_SWAPPED);
    }
  update_label (self);
}

void
cd_outbox_button_set_contact_id (CdOutboxButton *self,
                                 gint64          contact_id)
{
  g_return_if_fail (CD_IS_OUTBOX_BUTTON (self));

  if (self->contact_id == contact_id)
    return;
  self->contact_id = contact_id;
  show_error (self, NULL, NULL);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
}

gint64
cd_outbox_button_get_contact_id (CdOutboxButton *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_BUTTON (self), 0);
  return self->contact_id;
}

guint
cd_outbox_button_get_count (CdOutboxButton *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_BUTTON (self), 0);
  return self->count;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
cd_outbox_button_get_part (CdOutboxButton *self,
                           const char     *name)
{
  g_return_val_if_fail (CD_IS_OUTBOX_BUTTON (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "menu_button"))
    return self->menu_button;
  if (g_str_equal (name, "content"))
    return self->content;
  if (g_str_equal (name, "popover"))
    return self->popover;
  if (g_str_equal (name, "list_box"))
    return self->list_box;
  if (g_str_equal (name, "send_button"))
    return self->send_button;
  if (g_str_equal (name, "error_label"))
    return self->error_label;
  return find_named (self->list_box, name);
}

GtkWindow *
cd_outbox_button_get_dialog (CdOutboxButton *self)
{
  g_return_val_if_fail (CD_IS_OUTBOX_BUTTON (self), NULL);
  return self->dialog;
}
