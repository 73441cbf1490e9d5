/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-calllogs"

#include "cd-call-logs-page.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cd-call-log-columns.h"
#include "cd-calllogs-style.h"
#include "cd-format.h"

#define PAGE_SIZE 50
#define MAX_PAGES 8

struct _CdCallLogsPage
{
  AdwBin              parent_instance;

  GtkWidget          *search_entry;
  GtkWidget          *direction_dropdown;
  GtkWidget          *status_dropdown;
  GtkWidget          *after_entry;
  GtkWidget          *before_entry;
  GtkWidget          *campaign_entry;
  GtkWidget          *count_label;
  GtkWidget          *spinner;
  GtkWidget          *error_box;
  GtkWidget          *error_label;
  GtkWidget          *stack;
  GtkWidget          *column_view;
  GtkWidget          *export_button;
  GtkWidget          *export_box;
  GtkWidget          *export_progress;
  GtkWidget          *export_label;
  GtkWidget          *export_cancel;
  CdCallLogColumns   *columns;
  GtkNativeDialog    *chooser;

  CdRepository       *repository;
  CdSessionListModel *model;
  gint64              contact_id;
  char               *sort;
  char               *order;
  gboolean            syncing;

  GCancellable       *export_cancellable;
  GFile              *export_file;
  GFile              *export_part;   /* written first, moved over export_file when complete */
  GOutputStream      *export_stream;
  GError             *export_error;
  guint64             exported_rows;
  gboolean            exporting;
};

enum
{
  SIGNAL_OPEN_SESSION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdCallLogsPage, cd_call_logs_page, ADW_TYPE_BIN)

static const char *direction_keys[] = { NULL, "inbound", "outbound" };
static const char *status_keys[] = {
  NULL, "completed", "no_answer", "busy", "failed", "voicemail", "canceled", "queued",
  "ringing", "in_progress",
};

/* Helpers */

/* "YYYY-MM-DD" → RFC 3339 at 00:00 UTC, @days_after later; NULL when invalid. */
static char *
parse_day (const char *text,
           int         days_after)
{
  int y = 0, m = 0, d = 0;
  char tail = 0;
  g_autoptr (GDateTime) day = NULL;
  g_autoptr (GDateTime) shifted = NULL;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return NULL;
  day = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (day == NULL)
    return NULL;
  shifted = g_date_time_add_days (day, days_after);
  return g_date_time_format (shifted, "%Y-%m-%dT%H:%M:%SZ");
}

/* Reads one date entry; FALSE (and the entry marked) when its text is invalid. */
static gboolean
read_day_entry (GtkWidget  *entry,
                int         days_after,
                char      **out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  *out = NULL;
  gtk_widget_remove_css_class (entry, "error");
  if (*text == '\0')
    return TRUE;
  *out = parse_day (text, days_after);
  if (*out == NULL)
    gtk_widget_add_css_class (entry, "error");
  return *out != NULL;
}

static gboolean
read_campaign (GtkWidget *entry,
               gint64    *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  guint64     value = 0;

  *out = 0;
  gtk_widget_remove_css_class (entry, "error");
  if (*text == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      gtk_widget_add_css_class (entry, "error");
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

static void
update_status (CdCallLogsPage *self)
{
  gint64 total = cd_session_list_model_get_total (self->model);
  const GError *error = cd_session_list_model_get_error (self->model);
  gboolean loading = cd_session_list_model_get_loading (self->model);
  g_autofree char *text = NULL;

  if (total >= 0)
    {
      g_autofree char *number = cd_format_number ((double) total);

      /* Translators: %s is a formatted number of calls, e.g. "20,000" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s call", "%s calls", total), number);
    }
  gtk_label_set_text (GTK_LABEL (self->count_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->spinner, loading);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), loading);
  gtk_widget_set_visible (self->error_box, error != NULL);
  if (error != NULL)
    gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), total == 0 ? "empty" : "list");
}

static void
apply_filters (CdCallLogsPage *self)
{
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (self->contact_id);
  guint direction = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->direction_dropdown));
  guint status = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_dropdown));
  g_autofree char *search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  gboolean valid;

  if (self->syncing || self->model == NULL)
    return;
  cd_session_filter_set (&filter->search, search);
  cd_session_filter_set (&filter->sort, self->sort);
  cd_session_filter_set (&filter->order, self->order);
  if (direction < G_N_ELEMENTS (direction_keys))
    cd_session_filter_set (&filter->direction, direction_keys[direction]);
  if (status < G_N_ELEMENTS (status_keys))
    cd_session_filter_set (&filter->status, status_keys[status]);
  valid = read_day_entry (self->after_entry, 0, &filter->started_after);
  /* "To" is inclusive: everything before the next day. */
  valid &= read_day_entry (self->before_entry, 1, &filter->started_before);
  valid &= read_campaign (self->campaign_entry, &filter->campaign_id);
  if (!valid || cd_session_filter_equal (filter, cd_session_list_model_get_filter (self->model)))
    return;
  cd_session_list_model_set_filter (self->model, filter);
}

/* Callbacks */

static void
sort_changed (const char *sort,
              const char *order,
              gpointer    user_data)
{
  CdCallLogsPage *self = user_data;

  g_free (self->sort);
  self->sort = g_strdup (sort);
  g_free (self->order);
  self->order = g_strdup (order);
  apply_filters (self);
}

static void
row_activated_cb (CdCallLogsPage *self,
                  guint           position)
{
  g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  CdVoiceSession *session = cd_call_log_session_from_item (item);

  if (session != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_SESSION], 0, cd_voice_session_get_id (session));
}

static void
retry_clicked (CdCallLogsPage *self)
{
  cd_session_list_model_retry (self->model);
}

static void
export_finished (CdCallLogsPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *rows = g_strdup_printf ("%" G_GUINT64_FORMAT, self->exported_rows);

  self->exporting = FALSE;
  g_clear_object (&self->export_stream);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  gtk_widget_set_visible (self->export_cancel, FALSE);
  gtk_widget_set_visible (self->export_progress, FALSE);
  if (self->export_error == NULL)
    /* Translators: %s is the number of exported calls */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %s call", "Exported %s calls",
                                         (gulong) self->exported_rows),
                            rows);
  else if (g_error_matches (self->export_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup (_("Export cancelled"));
  else
    text = g_strdup_printf (_("Export failed: %s"), self->export_error->message);
  gtk_label_set_text (GTK_LABEL (self->export_label), text);
}

static void
partial_deleted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (CdCallLogsPage) self = user_data;

  g_file_delete_finish (G_FILE (source), result, NULL);
  export_finished (self);
}

static void
export_moved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (CdCallLogsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_move_finish (G_FILE (source), result, &error))
    {
      self->export_error = g_steal_pointer (&error);
      g_file_delete_async (self->export_part, G_PRIORITY_DEFAULT, NULL, partial_deleted_cb,
                           g_object_ref (self));
      return;
    }
  export_finished (self);
}

static void
export_closed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (CdCallLogsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, &error) &&
      self->export_error == NULL)
    self->export_error = g_steal_pointer (&error);
  if (self->export_error != NULL)
    {
      /* A partial CSV is worse than none; the chosen file is left untouched. */
      g_file_delete_async (self->export_part, G_PRIORITY_DEFAULT, NULL, partial_deleted_cb,
                           g_object_ref (self));
      return;
    }
  g_file_move_async (self->export_part, self->export_file, G_FILE_COPY_OVERWRITE,
                     G_PRIORITY_DEFAULT, NULL, NULL, NULL, export_moved_cb, g_object_ref (self));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (CdCallLogsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  cd_repository_export_sessions_csv_finish (CD_REPOSITORY (source), result,
                                            &self->exported_rows, &error);
  g_clear_error (&self->export_error);
  self->export_error = g_steal_pointer (&error);
  g_output_stream_close_async (self->export_stream, G_PRIORITY_DEFAULT, NULL,
                               export_closed_cb, g_object_ref (self));
}

static void
export_progress_cb (guint64  rows,
                    gint64   total,
                    gpointer user_data)
{
  CdCallLogsPage  *self = user_data;
  g_autofree char *text = NULL;

  if (total > 0)
    {
      g_autofree char *rows_text = cd_format_number ((double) rows);
      g_autofree char *total_text = cd_format_number ((double) total);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->export_progress),
                                     MIN ((double) rows / (double) total, 1.0));
      /* Translators: export progress, rows written of all rows, e.g. "500 of 20000" */
      text = g_strdup_printf (_("%s of %s"), rows_text, total_text);
    }
  else
    {
      gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->export_progress));
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, rows);
    }
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->export_progress), text);
}

static void
export_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (CdCallLogsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFileOutputStream) stream = g_file_replace_finish (G_FILE (source), result, &error);

  if (stream == NULL)
    {
      self->export_error = g_steal_pointer (&error);
      /* Cancelled while opening: the part file may exist already. */
      g_file_delete_async (self->export_part, G_PRIORITY_DEFAULT, NULL, partial_deleted_cb,
                           g_object_ref (self));
      return;
    }
  self->export_stream = G_OUTPUT_STREAM (g_steal_pointer (&stream));
  cd_repository_export_sessions_csv_async (self->repository,
                                           cd_session_list_model_get_filter (self->model),
                                           self->export_stream, export_progress_cb,
                                           g_object_ref (self), g_object_unref,
                                           self->export_cancellable, export_done_cb,
                                           g_object_ref (self));
}

static void
chooser_response_cb (CdCallLogsPage *self,
                     int             response)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    cd_call_logs_page_export_to_file (self, file);
}

static void
export_clicked (CdCallLogsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = g_strdup_printf ("call-logs-%" G_GINT64_FORMAT ".csv", self->contact_id);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Export Call Logs"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect_object (native, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->chooser);
}

/* Construction */

static GtkWidget *
build_header (CdCallLogsPage *self,
              const char     *contact_title)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *text = g_strdup_printf (_("Back to %s"),
                                           contact_title != NULL && *contact_title ? contact_title : "—");
  GtkWidget *label = gtk_label_new (text);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("go-previous-symbolic"));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (back), box);
  gtk_widget_set_tooltip_text (back, text);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "contact.back");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Call logs"), contact_title));
  self->export_button = gtk_button_new_with_label (_("Export CSV"));
  /* large text on a 360 px phone: "Expo…" rather than a window that does not fit */
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->export_button))),
                           PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (self->export_button, _("Export CSV"));
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->export_button);
  return header;
}

static GtkWidget *
new_filter_entry (CdCallLogsPage *self,
                  const char     *placeholder,
                  int             chars)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), chars);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (apply_filters), self);
  return entry;
}

static GtkWidget *
build_filters (CdCallLogsPage *self)
{
  GtkWidget *box = gtk_flow_box_new ();
  const char *directions[] = { _("Any direction"), _("Inbound"), _("Outbound"), NULL };
  const char *statuses[G_N_ELEMENTS (status_keys) + 1] = { _("Any status") };

  for (guint i = 1; i < G_N_ELEMENTS (status_keys); i++)
    statuses[i] = cd_call_log_status_label (cd_session_status_from_string (status_keys[i]));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 6);
  self->search_entry = gtk_search_entry_new ();
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (self->search_entry), 300);
  g_object_set (self->search_entry, "placeholder-text", _("Search calls"), NULL);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (apply_filters), self);
  self->direction_dropdown = gtk_drop_down_new_from_strings (directions);
  g_signal_connect_swapped (self->direction_dropdown, "notify::selected", G_CALLBACK (apply_filters), self);
  self->status_dropdown = gtk_drop_down_new_from_strings (statuses);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (apply_filters), self);
  self->after_entry = new_filter_entry (self, _("From (YYYY-MM-DD)"), 16);
  self->before_entry = new_filter_entry (self, _("To (YYYY-MM-DD)"), 16);
  self->campaign_entry = new_filter_entry (self, _("Campaign ID"), 10);
  gtk_flow_box_append (GTK_FLOW_BOX (box), self->search_entry);
  gtk_flow_box_append (GTK_FLOW_BOX (box), self->direction_dropdown);
  gtk_flow_box_append (GTK_FLOW_BOX (box), self->status_dropdown);
  gtk_flow_box_append (GTK_FLOW_BOX (box), self->after_entry);
  gtk_flow_box_append (GTK_FLOW_BOX (box), self->before_entry);
  gtk_flow_box_append (GTK_FLOW_BOX (box), self->campaign_entry);
  return box;
}

static GtkWidget *
build_status_bar (CdCallLogsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *retry = gtk_button_new_with_label (_("Retry"));

  self->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  self->spinner = gtk_spinner_new ();
  self->error_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->error_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->error_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->error_label, "error");
  g_signal_connect_swapped (retry, "clicked", G_CALLBACK (retry_clicked), self);
  gtk_box_append (GTK_BOX (self->error_box), self->error_label);
  gtk_box_append (GTK_BOX (self->error_box), retry);
  gtk_widget_set_visible (self->error_box, FALSE);
  self->export_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (self->export_box, TRUE);
  gtk_widget_set_halign (self->export_box, GTK_ALIGN_END);
  self->export_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->export_label, "dim-label");
  self->export_progress = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (self->export_progress), TRUE);
  gtk_widget_set_valign (self->export_progress, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->export_progress, 200, -1);
  gtk_widget_set_visible (self->export_progress, FALSE);
  self->export_cancel = gtk_button_new_with_label (_("Cancel"));
  gtk_widget_set_visible (self->export_cancel, FALSE);
  g_signal_connect_swapped (self->export_cancel, "clicked", G_CALLBACK (cd_call_logs_page_cancel_export), self);
  gtk_box_append (GTK_BOX (self->export_box), self->export_label);
  gtk_box_append (GTK_BOX (self->export_box), self->export_progress);
  gtk_box_append (GTK_BOX (self->export_box), self->export_cancel);
  gtk_box_append (GTK_BOX (box), self->count_label);
  gtk_box_append (GTK_BOX (box), self->spinner);
  gtk_box_append (GTK_BOX (box), self->error_box);
  gtk_box_append (GTK_BOX (box), self->export_box);
  return box;
}

static GtkWidget *
build_list (CdCallLogsPage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkSelectionModel *selection =
    GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model))));

  self->column_view = gtk_column_view_new (selection);
  gtk_column_view_set_single_click_activate (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (row_activated_cb), self);
  self->columns = cd_call_log_columns_new (GTK_COLUMN_VIEW (self->column_view), sort_changed, self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->column_view);
  gtk_widget_set_vexpand (scroller, TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "call-start-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No calls"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("No call matches these filters."));
  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  return self->stack;
}

/* GObject overrides */

static void
cd_call_logs_page_dispose (GObject *object)
{
  CdCallLogsPage *self = CD_CALL_LOGS_PAGE (object);

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->columns, cd_call_log_columns_free);
  adw_bin_set_child (ADW_BIN (self), NULL);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->repository);
  G_OBJECT_CLASS (cd_call_logs_page_parent_class)->dispose (object);
}

static void
cd_call_logs_page_finalize (GObject *object)
{
  CdCallLogsPage *self = CD_CALL_LOGS_PAGE (object);

  g_clear_object (&self->export_file);
  g_clear_object (&self->export_part);
  g_clear_object (&self->export_stream);
  g_clear_error (&self->export_error);
  g_free (self->sort);
  g_free (self->order);
  G_OBJECT_CLASS (cd_call_logs_page_parent_class)->finalize (object);
}

static void
cd_call_logs_page_class_init (CdCallLogsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_call_logs_page_dispose;
  object_class->finalize = cd_call_logs_page_finalize;

  signals[SIGNAL_OPEN_SESSION] =
    g_signal_new ("open-session", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
cd_call_logs_page_init (CdCallLogsPage *self)
{
  cd_calllogs_ensure_style ();
}

/* Public API */

GtkWidget *
cd_call_logs_page_new (CdRepository *repository,
                       gint64        contact_id,
                       const char   *contact_title)
{
  CdCallLogsPage *self;
  g_autoptr (CdSessionFilter) filter = cd_session_filter_new (contact_id);
  GtkWidget *box;
  GtkWidget *body;

  g_return_val_if_fail (CD_IS_REPOSITORY (repository), NULL);

  self = g_object_new (CD_TYPE_CALL_LOGS_PAGE, NULL);
  self->repository = g_object_ref (repository);
  self->contact_id = contact_id;
  self->model = cd_session_list_model_new (repository, filter, PAGE_SIZE, MAX_PAGES);
  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (update_status), self);
  g_signal_connect_swapped (self->model, "notify::total", G_CALLBACK (update_status), self);
  g_signal_connect_swapped (self->model, "notify::error", G_CALLBACK (update_status), self);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (body, "cd-call-logs-page");
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_margin_top (body, 8);
  gtk_box_append (GTK_BOX (box), build_header (self, contact_title));
  gtk_box_append (GTK_BOX (body), build_filters (self));
  gtk_box_append (GTK_BOX (body), build_status_bar (self));
  gtk_box_append (GTK_BOX (body), build_list (self));
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (box), body);
  adw_bin_set_child (ADW_BIN (self), box);
  update_status (self);
  return GTK_WIDGET (self);
}

void
cd_call_logs_page_set_time_zone (CdCallLogsPage *self,
                                 const char     *iana_zone)
{
  g_autoptr (GTimeZone) zone = NULL;

  g_return_if_fail (CD_IS_CALL_LOGS_PAGE (self));
  if (iana_zone != NULL && *iana_zone != '\0')
    zone = g_time_zone_new_identifier (iana_zone);
  cd_call_log_columns_set_time_zone (self->columns, zone);
}

CdSessionListModel *
cd_call_logs_page_get_model (CdCallLogsPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_PAGE (self), NULL);
  return self->model;
}

static void
select_key (GtkWidget          *dropdown,
            const char * const *keys,
            guint               n_keys,
            const char         *key)
{
  for (guint i = 0; i < n_keys; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
}

void
cd_call_logs_page_set_filter (CdCallLogsPage        *self,
                              const CdSessionFilter *filter)
{
  g_autoptr (CdSessionFilter) copy = NULL;
  g_autofree char *campaign = NULL;

  g_return_if_fail (CD_IS_CALL_LOGS_PAGE (self));

  copy = cd_session_filter_copy (filter);
  copy->contact_id = self->contact_id;
  campaign = copy->campaign_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, copy->campaign_id) : g_strdup ("");
  /* The widgets show the filter; the dates are shown as given (RFC 3339). */
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), copy->search ? copy->search : "");
  select_key (self->direction_dropdown, direction_keys, G_N_ELEMENTS (direction_keys), copy->direction);
  select_key (self->status_dropdown, status_keys, G_N_ELEMENTS (status_keys), copy->status);
  gtk_editable_set_text (GTK_EDITABLE (self->campaign_entry), campaign);
  cd_call_log_columns_set_sort (self->columns, copy->sort, copy->order);
  self->syncing = FALSE;
  g_free (self->sort);
  self->sort = g_strdup (copy->sort);
  g_free (self->order);
  self->order = g_strdup (copy->order);
  cd_session_list_model_set_filter (self->model, copy);
}

void
cd_call_logs_page_export_to_file (CdCallLogsPage *self,
                                  GFile          *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *part_name = NULL;
  g_autoptr (GFile) parent = NULL;

  g_return_if_fail (CD_IS_CALL_LOGS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->exporting)
    return;
  self->exporting = TRUE;
  self->exported_rows = 0;
  g_clear_error (&self->export_error);
  g_set_object (&self->export_file, file);
  g_clear_object (&self->export_part);
  /* A sibling, so the final move stays on the same file system. */
  basename = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  part_name = g_strconcat (basename != NULL ? basename : "export.csv", ".part", NULL);
  self->export_part = parent != NULL ? g_file_get_child (parent, part_name)
                                     : g_file_new_for_path (part_name);
  g_clear_object (&self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (self->export_button, FALSE);
  gtk_widget_set_visible (self->export_progress, TRUE);
  gtk_widget_set_visible (self->export_cancel, TRUE);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->export_progress), 0);
  gtk_label_set_text (GTK_LABEL (self->export_label), _("Exporting…"));
  g_file_replace_async (self->export_part, NULL, FALSE, G_FILE_CREATE_PRIVATE, G_PRIORITY_DEFAULT,
                        self->export_cancellable, export_opened_cb, g_object_ref (self));
}

gboolean
cd_call_logs_page_get_exporting (CdCallLogsPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_PAGE (self), FALSE);
  return self->exporting;
}

guint64
cd_call_logs_page_get_exported_rows (CdCallLogsPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_PAGE (self), 0);
  return self->exported_rows;
}

const GError *
cd_call_logs_page_get_export_error (CdCallLogsPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_LOGS_PAGE (self), NULL);
  return self->export_error;
}

void
cd_call_logs_page_cancel_export (CdCallLogsPage *self)
{
  g_return_if_fail (CD_IS_CALL_LOGS_PAGE (self));
  g_cancellable_cancel (self->export_cancellable);
}
