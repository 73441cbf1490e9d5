/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-ui"

#include <glib/gi18n.h>

#include "cd-contact.h"
#include "cd-format.h"
#include "cd-offline-bar.h"
#include "cd-repository-offline.h"

#include "cd-finder.h"
#include "cd-finder-row.h"

#define RECENT_LIMIT 50
#define SEARCH_DELAY_MS 250

struct _CdFinder
{
  GtkWidget           parent_instance;

  CdRepository       *repository;
  GCancellable       *cancellable;   /* the query in flight, replaced per query */
  GListStore         *store;         /* what the list shows */
  GtkSingleSelection *selection;
  gboolean            busy;
  gint64              selected_id;   /* the contact shown in the page, highlighted */
  char               *pending_query; /* the query in flight */
  char               *shown_query;   /* the query the list shows results of */
  GPtrArray          *rows;          /* CdFinderRow, unowned: every row the list made */
  gboolean            from_cache;    /* the list shows saved contacts */
  GtkWidget          *offline_bar;   /* progress of "Keep these offline" */

  GtkSearchEntry     *search_entry;
  GtkLabel           *offline_label;
  GtkWidget          *keep_button;
  AdwButtonContent   *keep_content;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
};

G_DEFINE_FINAL_TYPE (CdFinder, cd_finder, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_BUSY,
  N_PROPS
};

enum {
  CONTACT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static void
set_busy (CdFinder *self,
          gboolean  busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
sync_selection (CdFinder *self)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (model, i);

      if (cd_contact_get_id (contact) == self->selected_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
replace_items (CdFinder   *self,
               GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  sync_selection (self);
}

static gboolean
is_offline (CdFinder *self,
            gint64    contact_id)
{
  return self->repository != NULL && contact_id > 0 &&
         cd_repository_get_offline_state (self->repository, contact_id) == CD_OFFLINE_DONE;
}

/* How many listed contacts are not kept offline yet. */
static guint
count_not_kept (CdFinder *self)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (model, i);

      if (cd_repository_get_offline_state (self->repository, cd_contact_get_id (contact)) == CD_OFFLINE_NONE)
        count++;
    }
  return count;
}

/* "Keep These 12 Offline": for a search's results, online, while some are not kept yet. */
static void
update_keep_button (CdFinder *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean show = self->repository != NULL && n > 0 && !self->from_cache &&
                  self->shown_query != NULL && self->shown_query[0] != '\0' &&
                  cd_repository_get_online (self->repository) && count_not_kept (self) > 0;
  g_autofree char *count = NULL;
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->keep_button, show);
  if (!show)
    return;
  count = cd_format_number ((double) n);
  /* Translators: a button under the search; %s is the number of contacts found */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Keep This Offline",
                                        "Keep These %s Offline", n), count);
  adw_button_content_set_label (self->keep_content, label);
}

static void
update_offline_marks (CdFinder *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      CdFinderRow *row = g_ptr_array_index (self->rows, i);

      cd_finder_row_set_offline (row, is_offline (self, cd_finder_row_get_contact_id (row)));
    }
  update_keep_button (self);
}

static void
on_offline_changed (CdFinder *self)
{
  update_offline_marks (self);
}

static void
on_keep_clicked (CdFinder *self)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  CdOfflineJob *job;

  if (self->repository == NULL || n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (model, i);
      gint64 id = cd_contact_get_id (contact);

      g_array_append_val (ids, id);
    }
  job = cd_repository_keep_offline (self->repository, (const gint64 *) (gpointer) ids->data, ids->len);
  cd_offline_bar_show_job (CD_OFFLINE_BAR (self->offline_bar), job);
  update_offline_marks (self);
}

static const char *
current_query (CdFinder *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

static void
mark_shown (CdFinder *self)
{
  g_free (self->shown_query);
  self->shown_query = g_steal_pointer (&self->pending_query);
}

static void
show_results (CdFinder   *self,
              GListModel *model,
              gboolean    from_cache)
{
  gboolean searching = current_query (self)[0] != '\0';

  mark_shown (self);
  replace_items (self, model);
  self->from_cache = from_cache;
  /* Offline, a search runs over the contacts saved on this computer. */
  gtk_label_set_text (self->offline_label,
                      searching ? _("Offline — searching saved contacts")
                                : _("Offline — showing saved contacts"));
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), from_cache);
  update_keep_button (self);

  if (g_list_model_get_n_items (model) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (searching)
    {
      adw_status_page_set_title (self->empty_page, _("No contacts found"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try a name, a phone number, an email address or an id."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No recent contacts"));
      adw_status_page_set_description (self->empty_page,
                                       _("Search by name, phone number, email address or id."));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
show_error (CdFinder     *self,
            const GError *error)
{
  g_autoptr(GListStore) empty = g_list_store_new (G_TYPE_OBJECT);

  mark_shown (self);
  replace_items (self, G_LIST_MODEL (empty));
  self->from_cache = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), FALSE);
  update_keep_button (self);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Callbacks */

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdFinder) self = user_data;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  gboolean from_cache = FALSE;

  model = cd_repository_search_contacts_finish (CD_REPOSITORY (source), result,
                                                &from_cache, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (model == NULL)
    show_error (self, error);
  else
    show_results (self, model, from_cache);
  set_busy (self, FALSE);
}

/* Before anything is typed: recent contacts first, then everyone else. */
static void
start_list_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdFinder) self = user_data;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  gboolean from_cache = FALSE;

  model = cd_repository_list_start_contacts_finish (CD_REPOSITORY (source), result,
                                                    &from_cache, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (model == NULL)
    show_error (self, error);
  else
    show_results (self, model, from_cache);
  set_busy (self, FALSE);
}

static void
run_query (CdFinder *self)
{
  g_autofree char *query = NULL;

  /* Every query cancels the one before it: only the latest may paint. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->repository == NULL)
    {
      set_busy (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  query = g_strstrip (g_strdup (current_query (self)));
  g_free (self->pending_query);
  self->pending_query = g_strdup (query);
  set_busy (self, TRUE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  if (query[0] == '\0')
    cd_repository_list_start_contacts_async (self->repository, RECENT_LIMIT, self->cancellable,
                                             start_list_cb, g_object_ref (self));
  else
    cd_repository_search_contacts_async (self->repository, query, self->cancellable,
                                         search_cb, g_object_ref (self));
}

static void
on_search_changed (CdFinder *self)
{
  run_query (self);
}

static void
on_search_activate (CdFinder *self)
{
  /* Enter in the entry opens the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    cd_finder_activate_position (self, 0);
}

static gboolean
on_search_key_pressed (CdFinder        *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    return GDK_EVENT_PROPAGATE;

  /* Down leaves the entry for the first row of the list. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
  return GDK_EVENT_STOP;
}

static void
on_list_activate (CdFinder *self,
                  guint     position)
{
  cd_finder_activate_position (self, position);
}

static void
on_list_pointer_left (CdFinder *self)
{
  /* Single-click lists select on hover; leaving restores the open contact's row. */
  sync_selection (self);
}

static void
row_finalized_cb (gpointer  data,
                  GObject  *row)
{
  CdFinder *self = data;

  g_ptr_array_remove_fast (self->rows, row);
}

/* Rows are tracked until they die, so an offline change can re-mark them in place. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CdFinder                 *self)
{
  GtkWidget *row = cd_finder_row_new ();

  g_ptr_array_add (self->rows, row);
  g_object_weak_ref (G_OBJECT (row), row_finalized_cb, self);
  gtk_list_item_set_child (item, row);
}

static void
forget_rows (CdFinder *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->rows, i), row_finalized_cb, self);
  g_ptr_array_set_size (self->rows, 0);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CdFinder                 *self)
{
  CdFinderRow *row = CD_FINDER_ROW (gtk_list_item_get_child (item));

  cd_finder_row_set_contact (row, gtk_list_item_get_item (item));
  cd_finder_row_set_offline (row, is_offline (self, cd_finder_row_get_contact_id (row)));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  cd_finder_row_set_contact (CD_FINDER_ROW (gtk_list_item_get_child (item)), NULL);
}

/* GObject overrides */

static void
cd_finder_dispose (GObject *object)
{
  CdFinder *self = CD_FINDER (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->rows != NULL)
    forget_rows (self);
  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_FINDER);
  /* The unnamed root box of the template is not disposed with the named children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->pending_query, g_free);
  g_clear_pointer (&self->shown_query, g_free);

  G_OBJECT_CLASS (cd_finder_parent_class)->dispose (object);
}

static void
cd_finder_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CdFinder *self = CD_FINDER (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_finder_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CdFinder *self = CD_FINDER (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      cd_finder_set_repository (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_finder_class_init (CdFinderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_finder_dispose;
  object_class->get_property = cd_finder_get_property;
  object_class->set_property = cd_finder_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, CD_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The contact's id and the CdContact itself. */
  signals[CONTACT_ACTIVATED] =
    g_signal_new ("contact-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/ContactDetail/ui/cd-finder.ui");
  gtk_widget_class_bind_template_child (widget_class, CdFinder, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdFinder, offline_label);
  gtk_widget_class_bind_template_child (widget_class, CdFinder, keep_button);
  gtk_widget_class_bind_template_child (widget_class, CdFinder, keep_content);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_clicked);
  gtk_widget_class_bind_template_child (widget_class, CdFinder, stack);
  gtk_widget_class_bind_template_child (widget_class, CdFinder, list_view);
  gtk_widget_class_bind_template_child (widget_class, CdFinder, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdFinder, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, cd_finder_refresh);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "finder");

  g_type_ensure (CD_TYPE_FINDER_ROW);
}

static void
cd_finder_init (CdFinder *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *motion;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->offline_bar = cd_offline_bar_new ();
  gtk_widget_set_margin_start (self->offline_bar, 12);
  gtk_widget_set_margin_end (self->offline_bar, 12);
  gtk_widget_set_margin_bottom (self->offline_bar, 6);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->keep_button)), self->offline_bar,
                              self->keep_button);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_list_pointer_left), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), motion);

  self->store = g_list_store_new (CD_TYPE_CONTACT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_search_delay (self->search_entry, SEARCH_DELAY_MS);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/* Public API */

GtkWidget *
cd_finder_new (void)
{
  return g_object_new (CD_TYPE_FINDER, NULL);
}

CdRepository *
cd_finder_get_repository (CdFinder *self)
{
  g_return_val_if_fail (CD_IS_FINDER (self), NULL);

  return self->repository;
}

void
cd_finder_set_repository (CdFinder     *self,
                          CdRepository *repository)
{
  g_return_if_fail (CD_IS_FINDER (self));
  g_return_if_fail (repository == NULL || CD_IS_REPOSITORY (repository));

  if (self->repository == repository)
    return;
  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  g_set_object (&self->repository, repository);
  cd_offline_bar_set_repository (CD_OFFLINE_BAR (self->offline_bar), repository);
  if (repository != NULL)
    {
      g_signal_connect_object (repository, "offline-changed", G_CALLBACK (on_offline_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (repository, "notify::online", G_CALLBACK (update_keep_button),
                               self, G_CONNECT_SWAPPED);
    }

  /* Results of another backend must not linger. */
  self->selected_id = 0;
  g_list_store_remove_all (self->store);
  run_query (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

void
cd_finder_refresh (CdFinder *self)
{
  g_return_if_fail (CD_IS_FINDER (self));

  run_query (self);
}

GListModel *
cd_finder_get_model (CdFinder *self)
{
  g_return_val_if_fail (CD_IS_FINDER (self), NULL);

  return G_LIST_MODEL (self->store);
}

const char *
cd_finder_get_view_name (CdFinder *self)
{
  g_return_val_if_fail (CD_IS_FINDER (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
cd_finder_get_shown_query (CdFinder *self)
{
  g_return_val_if_fail (CD_IS_FINDER (self), NULL);

  return self->shown_query;
}

gboolean
cd_finder_get_from_cache (CdFinder *self)
{
  g_return_val_if_fail (CD_IS_FINDER (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->offline_label));
}

gboolean
cd_finder_get_busy (CdFinder *self)
{
  g_return_val_if_fail (CD_IS_FINDER (self), FALSE);

  return self->busy;
}

GtkWidget *
cd_finder_get_search_entry (CdFinder *self)
{
  g_return_val_if_fail (CD_IS_FINDER (self), NULL);

  return GTK_WIDGET (self->search_entry);
}

void
cd_finder_activate_position (CdFinder *self,
                             guint     position)
{
  g_autoptr(CdContact) contact = NULL;

  g_return_if_fail (CD_IS_FINDER (self));

  contact = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  if (contact == NULL)
    return;

  self->selected_id = cd_contact_get_id (contact);
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[CONTACT_ACTIVATED], 0,
                 cd_contact_get_id (contact), contact);
}

void
cd_finder_set_selected_id (CdFinder *self,
                           gint64    contact_id)
{
  g_return_if_fail (CD_IS_FINDER (self));

  self->selected_id = contact_id;
  sync_selection (self);
}

void
cd_finder_focus_search (CdFinder *self)
{
  g_return_if_fail (CD_IS_FINDER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The "Keep These N Offline" button; for tests. */
GtkWidget *
cd_finder_get_keep_button (CdFinder *self)
{
  g_return_val_if_fail (CD_IS_FINDER (self), NULL);

  return self->keep_button;
}

/* The finder's download progress strip (a CdOfflineBar); for tests. */
GtkWidget *
cd_finder_get_offline_bar (CdFinder *self)
{
  g_return_val_if_fail (CD_IS_FINDER (self), NULL);

  return self->offline_bar;
}

/* Whether the listed contact @contact_id shows the "Available offline" mark (FALSE
 * when its row is not made, e.g. scrolled far away). */
gboolean
cd_finder_row_shows_offline (CdFinder *self,
                             gint64    contact_id)
{
  g_return_val_if_fail (CD_IS_FINDER (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      CdFinderRow *row = g_ptr_array_index (self->rows, i);

      if (cd_finder_row_get_contact_id (row) == contact_id &&
          gtk_widget_get_mapped (GTK_WIDGET (row)))
        return cd_finder_row_get_offline (row);
    }
  return FALSE;
}
