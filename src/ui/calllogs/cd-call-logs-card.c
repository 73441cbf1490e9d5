/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-calllogs"

#include "cd-call-logs-card.h"

#include <glib/gi18n.h>

#include "cd-call-log-columns.h"
#include "cd-calllogs-style.h"
#include "cd-error.h"
#include "cd-offline-ui.h"
#include "cd-format.h"

#define PAGE_SIZE 10

struct _CdCallLogsCard
{
  AdwBin            parent_instance;

  GtkWidget        *search_entry;
  GtkWidget        *stack;
  GtkWidget        *column_view;
  GtkWidget        *spinner;
  GtkWidget        *range_label;
  GtkWidget        *footer;
  GtkWidget        *empty_title;
  GtkWidget        *call_button;
  GtkWidget        *error_label;
  GtkWidget        *as_of_label;
  CdCallLogColumns *columns;
  GTimeZone        *zone;
  GDateTime        *fresh_at;   /* when the server last answered this contact's first page */

  CdRepository     *repository;
  GCancellable     *cancellable;
  CdSessionFilter  *filter;
  GListStore       *store;
  GPtrArray        *cursors;   /* page index → cursor (NULL for the first page) */
  guint             page;
  guint             loading_page;
  gint64            total;
  gboolean          has_next;
  gboolean          loading;
  gboolean          peeked;    /* the rows shown are the cached copy this load peeked at */
  gboolean          callable;
  CdCallLogsState   state;
};

enum
{
  PROP_0,
  PROP_STATE,
  PROP_LOADING,
  PROP_CALLABLE,
  N_PROPS
};

enum
{
  SIGNAL_OPEN_SESSION,
  SIGNAL_VIEW_ALL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdCallLogsCard, cd_call_logs_card, ADW_TYPE_BIN)

static void load_page (CdCallLogsCard *self, guint page);

/* Helpers */

static void
set_state (CdCallLogsCard  *self,
           CdCallLogsState  state)
{
  static const char *pages[] = { "loading", "list", "empty", "error" };

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), pages[state]);
  /* Paging only makes sense with rows. */
  gtk_widget_set_visible (self->footer, state == CD_CALL_LOGS_STATE_READY);
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_loading (CdCallLogsCard *self,
             gboolean        loading)
{
  gtk_widget_set_visible (self->spinner, loading && self->state != CD_CALL_LOGS_STATE_LOADING);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), loading);
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_footer (CdCallLogsCard *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup ("");
  else if (self->total >= 0)
    {
      g_autofree char *total = cd_format_number ((double) self->total);

      /* Translators: a range of rows: first–last of total, e.g. "11–20 of 14" */
      text = g_strdup_printf (_("%u–%u of %s"), self->page * PAGE_SIZE + 1,
                              self->page * PAGE_SIZE + n, total);
    }
  else
    text = g_strdup_printf (_("%u–%u"), self->page * PAGE_SIZE + 1, self->page * PAGE_SIZE + n);
  gtk_label_set_text (GTK_LABEL (self->range_label), text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calllogs.previous-page",
                                 self->page > 0 && !self->loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calllogs.next-page",
                                 self->has_next && !self->loading);
}

static void
update_empty (CdCallLogsCard *self)
{
  gboolean searching = self->filter != NULL && self->filter->search != NULL;

  gtk_label_set_text (GTK_LABEL (self->empty_title),
                      searching ? _("No calls match the search") : _("No calls yet"));
  gtk_widget_set_visible (self->call_button, self->callable && !searching);
}

static void
reset_paging (CdCallLogsCard *self)
{
  g_ptr_array_set_size (self->cursors, 0);
  g_ptr_array_add (self->cursors, NULL);
  self->page = 0;
}

static void
set_cursor_at (CdCallLogsCard *self,
               guint           page,
               const char     *cursor)
{
  if (page < self->cursors->len)
    {
      g_free (g_ptr_array_index (self->cursors, page));
      g_ptr_array_index (self->cursors, page) = g_strdup (cursor);
    }
  else if (page == self->cursors->len)
    g_ptr_array_add (self->cursors, g_strdup (cursor));
}

static void
show_page (CdCallLogsCard *self,
           CdSessionPage  *page)
{
  guint n = g_list_model_get_n_items (page->items);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* The rows a peek already shows are not rebuilt (a 304 or the offline copy). */
  if (!(self->peeked && page->unchanged))
    {
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, g_list_model_get_item (page->items, i));
      g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                           items->pdata, items->len);
    }
  self->page = self->loading_page;
  self->total = page->total;
  self->has_next = page->next_cursor != NULL && n > 0;
  if (self->has_next)
    set_cursor_at (self, self->page + 1, page->next_cursor);
  update_empty (self);
  set_state (self, n == 0 && self->page == 0 ? CD_CALL_LOGS_STATE_EMPTY : CD_CALL_LOGS_STATE_READY);
}

/* A page from the cache says since when it is not confirmed: the time this
 * card last had it from the server, else the cache's own time, else only that
 * it is the offline copy. */
static void
update_as_of (CdCallLogsCard *self,
              CdSessionPage  *page)
{
  if (!page->from_cache && self->loading_page == 0)
    {
      g_clear_pointer (&self->fresh_at, g_date_time_unref);
      self->fresh_at = g_date_time_new_now_utc ();
    }
  else if (page->from_cache && self->fresh_at == NULL && page->fetched_at != NULL)
    self->fresh_at = g_date_time_ref (page->fetched_at);
  cd_offline_ui_as_of_update (self->as_of_label, page->from_cache, self->fresh_at, self->zone);
}

/* Callbacks */

static void
list_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (CdCallLogsCard) self = user_data;
  g_autoptr (CdSessionPage) page = NULL;
  g_autoptr (GError) error = NULL;

  page = cd_repository_list_sessions_finish (CD_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (page == NULL && self->peeked &&
      (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NETWORK) ||
       g_error_matches (error, CD_API_ERROR, CD_API_ERROR_TIMEOUT)))
    {
      /* Unreachable: the cached rows stay, still saying "as of"; their next
       * page needs the server, as after the offline fallback. */
      self->has_next = FALSE;
      g_debug ("Call logs of contact %" G_GINT64_FORMAT " stay cached: %s",
               self->filter->contact_id, error->message);
    }
  else if (page == NULL)
    {
      g_debug ("Call logs of contact %" G_GINT64_FORMAT " failed: %s",
               self->filter->contact_id, error->message);
      gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
      gtk_widget_set_visible (self->as_of_label, FALSE);
      set_state (self, CD_CALL_LOGS_STATE_ERROR);
    }
  else
    {
      show_page (self, page);
      update_as_of (self, page);
    }
  self->peeked = FALSE;
  update_footer (self);
}

/* The cached first page, shown while the server has not answered yet.  Only
 * for the load that asked (a later load cancels it) and only while it shows
 * nothing: the server's answer wins. */
static void
peek_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (CdCallLogsCard) self = user_data;
  g_autoptr (CdSessionPage) page = NULL;

  /* NULL when cancelled: the GTask checks its cancellable. */
  page = cd_repository_peek_sessions_finish (CD_REPOSITORY (source), result, NULL);
  if (page != NULL &&
      self->loading && self->loading_page == 0 && self->state == CD_CALL_LOGS_STATE_LOADING)
    {
      show_page (self, page);
      self->peeked = TRUE;
      update_as_of (self, page);
      /* Rows are shown now: the spinner moves over them until the server answers. */
      set_loading (self, TRUE);
      update_footer (self);
    }
}

static void
load_page (CdCallLogsCard *self,
           guint           page)
{
  const char *cursor;

  if (self->repository == NULL || self->filter == NULL || page >= self->cursors->len)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading_page = page;
  cursor = g_ptr_array_index (self->cursors, page);
  if (self->state == CD_CALL_LOGS_STATE_ERROR ||
      (self->state == CD_CALL_LOGS_STATE_LOADING && page == 0))
    set_state (self, CD_CALL_LOGS_STATE_LOADING);
  self->peeked = FALSE;
  set_loading (self, TRUE);
  update_footer (self);
  /* Nothing shown yet: the cached copy of the default first page can be, at once. */
  if (self->state == CD_CALL_LOGS_STATE_LOADING && page == 0 &&
      cd_session_filter_is_default (self->filter))
    cd_repository_peek_sessions_async (self->repository, self->filter->contact_id,
                                       self->cancellable, peek_ready_cb, g_object_ref (self));
  cd_repository_list_sessions_async (self->repository, self->filter, cursor, PAGE_SIZE,
                                     self->cancellable, list_ready_cb, g_object_ref (self));
}

static void
sort_changed (const char *sort,
              const char *order,
              gpointer    user_data)
{
  CdCallLogsCard *self = user_data;

  if (self->filter == NULL)
    return;
  cd_session_filter_set (&self->filter->sort, sort);
  cd_session_filter_set (&self->filter->order, order);
  reset_paging (self);
  load_page (self, 0);
}

static void
search_changed_cb (CdCallLogsCard *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (self->filter == NULL || g_strcmp0 (self->filter->search, *stripped ? stripped : NULL) == 0)
    return;
  cd_session_filter_set (&self->filter->search, stripped);
  reset_paging (self);
  load_page (self, 0);
}

static void
row_activated_cb (CdCallLogsCard *self,
                  guint           position)
{
  g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  CdVoiceSession *session = cd_call_log_session_from_item (item);

  if (session != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_SESSION], 0, cd_voice_session_get_id (session));
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CdCallLogsCard *self = CD_CALL_LOGS_CARD (widget);

  if (self->has_next && !self->loading)
    load_page (self, self->page + 1);
}

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CdCallLogsCard *self = CD_CALL_LOGS_CARD (widget);

  if (self->page > 0 && !self->loading)
    load_page (self, self->page - 1);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CdCallLogsCard *self = CD_CALL_LOGS_CARD (widget);

  load_page (self, self->loading_page < self->cursors->len ? self->loading_page : 0);
}

static void
view_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_VIEW_ALL], 0);
}

/* Construction */

static GtkWidget *
build_header (CdCallLogsCard *self)
{
  /* The page's section heading names the card; the header row is for search. */
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *view_all = gtk_button_new_with_label (_("View All"));

  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (self->search_entry), 300);
  g_object_set (self->search_entry, "placeholder-text", _("Search calls"), NULL);
  /* hexpand makes it wide; the minimum still fits a 360 px phone */
  gtk_widget_set_size_request (self->search_entry, 140, -1);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (search_changed_cb), self);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (view_all), "calllogs.view-all");
  gtk_widget_add_css_class (view_all, "flat");
  self->as_of_label = cd_offline_ui_as_of_new ();
  gtk_widget_set_valign (self->as_of_label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), self->search_entry);
  gtk_box_append (GTK_BOX (box), self->as_of_label);
  gtk_box_append (GTK_BOX (box), view_all);
  return box;
}

static GtkWidget *
build_empty (CdCallLogsCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("call-start-symbolic");

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_add_css_class (icon, "dim-label");
  self->empty_title = gtk_label_new (_("No calls yet"));
  gtk_widget_add_css_class (self->empty_title, "dim-label");
  self->call_button = gtk_button_new_with_label (_("Call"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->call_button), "contact.call");
  gtk_widget_add_css_class (self->call_button, "pill");
  gtk_widget_add_css_class (self->call_button, "suggested-action");
  gtk_widget_set_halign (self->call_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->call_button, FALSE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), self->empty_title);
  gtk_box_append (GTK_BOX (box), self->call_button);
  return box;
}

static GtkWidget *
build_error (CdCallLogsCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Couldn't load calls"));
  GtkWidget *retry = gtk_button_new_with_label (_("Retry"));

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_add_css_class (title, "heading");
  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "dim-label");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "calllogs.retry");
  gtk_widget_set_halign (retry, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), self->error_label);
  gtk_box_append (GTK_BOX (box), retry);
  return box;
}

static GtkWidget *
build_list (CdCallLogsCard *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkSelectionModel *selection;

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store))));
  self->column_view = gtk_column_view_new (selection);
  gtk_column_view_set_single_click_activate (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (row_activated_cb), self);
  self->columns = cd_call_log_columns_new (GTK_COLUMN_VIEW (self->column_view), sort_changed, self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->column_view);
  return scroller;
}

static GtkWidget *
build_footer (CdCallLogsCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *prev = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *next = gtk_button_new_from_icon_name ("go-next-symbolic");

  self->range_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->range_label, "dim-label");
  gtk_widget_add_css_class (self->range_label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (self->range_label), 1);
  gtk_widget_set_hexpand (self->range_label, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (prev), "calllogs.previous-page");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (next), "calllogs.next-page");
  gtk_widget_set_tooltip_text (prev, _("Previous page"));
  gtk_widget_set_tooltip_text (next, _("Next page"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (prev), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Previous page"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Next page"), -1);
  gtk_box_append (GTK_BOX (box), self->range_label);
  gtk_box_append (GTK_BOX (box), prev);
  gtk_box_append (GTK_BOX (box), next);
  return box;
}

static GtkWidget *
build_body (CdCallLogsCard *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *first_spinner = gtk_spinner_new ();

  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_spinner_set_spinning (GTK_SPINNER (first_spinner), TRUE);
  gtk_widget_set_size_request (first_spinner, 32, 32);
  gtk_widget_set_margin_top (first_spinner, 24);
  gtk_widget_set_margin_bottom (first_spinner, 24);
  gtk_stack_add_named (GTK_STACK (self->stack), first_spinner, "loading");
  gtk_stack_add_named (GTK_STACK (self->stack), build_list (self), "list");
  gtk_stack_add_named (GTK_STACK (self->stack), build_empty (self), "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), build_error (self), "error");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), self->stack);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_size_request (self->spinner, 32, 32);
  gtk_widget_set_halign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->spinner);
  return overlay;
}

/* GObject overrides */

static void
cd_call_logs_card_dispose (GObject *object)
{
  CdCallLogsCard *self = CD_CALL_LOGS_CARD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* The columns helper disconnects from the view, so it goes first. */
  g_clear_pointer (&self->columns, cd_call_log_columns_free);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->repository);
  G_OBJECT_CLASS (cd_call_logs_card_parent_class)->dispose (object);
}

static void
cd_call_logs_card_finalize (GObject *object)
{
  CdCallLogsCard *self = CD_CALL_LOGS_CARD (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->cursors, g_ptr_array_unref);
  g_clear_pointer (&self->filter, cd_session_filter_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->fresh_at, g_date_time_unref);
  G_OBJECT_CLASS (cd_call_logs_card_parent_class)->finalize (object);
}

static void
cd_call_logs_card_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CdCallLogsCard *self = CD_CALL_LOGS_CARD (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_CALLABLE:
      g_value_set_boolean (value, self->callable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_call_logs_card_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CdCallLogsCard *self = CD_CALL_LOGS_CARD (object);

  switch (prop_id)
    {
    case PROP_CALLABLE:
      cd_call_logs_card_set_callable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_call_logs_card_class_init (CdCallLogsCardClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_call_logs_card_dispose;
  object_class->finalize = cd_call_logs_card_finalize;
  object_class->get_property = cd_call_logs_card_get_property;
  object_class->set_property = cd_call_logs_card_set_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CD_CALL_LOGS_STATE_LOADING, CD_CALL_LOGS_STATE_ERROR,
                      CD_CALL_LOGS_STATE_LOADING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALLABLE] =
    g_param_spec_boolean ("callable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OPEN_SESSION] =
    g_signal_new ("open-session", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_VIEW_ALL] =
    g_signal_new ("view-all", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "calllogs.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "calllogs.previous-page", NULL,
                                   previous_page_action);
  gtk_widget_class_install_action (widget_class, "calllogs.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "calllogs.view-all", NULL, view_all_action);
}

static void
cd_call_logs_card_init (CdCallLogsCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  cd_calllogs_ensure_style ();
  self->store = g_list_store_new (CD_TYPE_VOICE_SESSION);
  self->cursors = g_ptr_array_new_with_free_func (g_free);
  self->total = -1;
  reset_paging (self);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "cd-call-logs-card");
  gtk_box_append (GTK_BOX (box), build_header (self));
  gtk_box_append (GTK_BOX (box), build_body (self));
  self->footer = build_footer (self);
  gtk_widget_set_visible (self->footer, FALSE);
  gtk_box_append (GTK_BOX (box), self->footer);
  adw_bin_set_child (ADW_BIN (self), box);
  update_footer (self);
}

/* Public API */

GtkWidget *
cd_call_logs_card_new (void)
{
  return g_object_new (CD_TYPE_CALL_LOGS_CARD, NULL);
}

void
cd_call_logs_card_set_repository (CdCallLogsCard *self,
                                  CdRepository   *repository)
{
  g_return_if_fail (CD_IS_CALL_LOGS_CARD (self));
  g_set_object (&self->repository, repository);
}

void
cd_call_logs_card_load (CdCallLogsCard *self,
                        gint64          contact_id)
{
  g_return_if_fail (CD_IS_CALL_LOGS_CARD (self));

  if (self->filter == NULL || self->filter->contact_id != contact_id)
    g_clear_pointer (&self->fresh_at, g_date_time_unref);
  g_clear_pointer (&self->filter, cd_session_filter_free);
  self->filter = cd_session_filter_new (contact_id);
  g_list_store_remove_all (self->store);
  self->total = -1;
  self->has_next = FALSE;
  reset_paging (self);
  /* Clearing the entry must not start a second query. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  cd_call_log_columns_set_sort (self->columns, "started_at", "desc");
  set_state (self, CD_CALL_LOGS_STATE_LOADING);
  load_page (self, 0);
}

void
cd_call_logs_card_refresh (CdCallLogsCard *self)
{
  g_return_if_fail (CD_IS_CALL_LOGS_CARD (self));

  if (!self->loading)
    load_page (self, self->page);
}

void
cd_call_logs_card_set_callable (CdCallLogsCard *self,
                                gboolean        callable)
{
  g_return_if_fail (CD_IS_CALL_LOGS_CARD (self));

  callable = !!callable;
  if (self->callable == callable)
    return;
  self->callable = callable;
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLABLE]);
}

void
cd_call_logs_card_set_time_zone (CdCallLogsCard *self,
                                 const char     *iana_zone)
{
  g_autoptr (GTimeZone) zone = NULL;

  g_return_if_fail (CD_IS_CALL_LOGS_CARD (self));
  if (iana_zone != NULL && *iana_zone != '\0')
    zone = g_time_zone_new_identifier (iana_zone);
  cd_call_log_columns_set_time_zone (self->columns, zone);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone ? g_time_zone_ref (zone) : NULL;
}

gint64
cd_call_logs_card_get_contact_id (CdCallLogsCard *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_CARD (self), 0);
  return self->filter != NULL ? self->filter->contact_id : 0;
}

CdCallLogsState
cd_call_logs_card_get_state (CdCallLogsCard *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_CARD (self), CD_CALL_LOGS_STATE_LOADING);
  return self->state;
}

gboolean
cd_call_logs_card_get_loading (CdCallLogsCard *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_CARD (self), FALSE);
  return self->loading;
}

GListModel *
cd_call_logs_card_get_model (CdCallLogsCard *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_CARD (self), NULL);
  return G_LIST_MODEL (self->store);
}

const CdSessionFilter *
cd_call_logs_card_get_filter (CdCallLogsCard *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_CARD (self), NULL);
  return self->filter;
}

guint
cd_call_logs_card_get_page (CdCallLogsCard *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_CARD (self), 0);
  return self->page;
}

gint64
cd_call_logs_card_get_total (CdCallLogsCard *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_CARD (self), -1);
  return self->total;
}

const char *
cd_call_logs_card_get_range_text (CdCallLogsCard *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_CARD (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->range_label));
}

GtkEditable *
cd_call_logs_card_get_search_entry (CdCallLogsCard *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_CARD (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

GtkColumnView *
cd_call_logs_card_get_column_view (CdCallLogsCard *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_CARD (self), NULL);
  return GTK_COLUMN_VIEW (self->column_view);
}

GtkWidget *
cd_call_logs_card_get_as_of_label (CdCallLogsCard *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_CARD (self), NULL);
  return self->as_of_label;
}
