/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-calllogs"

#include "cd-call-log-columns.h"

#include <glib/gi18n.h>

#include "cd-call-log-item.h"
#include "cd-format.h"

typedef enum
{
  COL_STARTED,
  COL_DIRECTION,
  COL_STATUS,
  COL_DURATION,
  COL_AGENT,
  COL_CAMPAIGN,
  COL_OUTCOME,
  COL_RECORDING,
  N_COLUMNS
} Column;

struct _CdCallLogColumns
{
  GtkColumnView        *view;
  GtkColumnViewColumn  *columns[N_COLUMNS];
  GTimeZone            *zone;
  CdCallLogSortFunc     sort_func;
  gpointer              sort_data;
  gulong                sorter_handler;
  gboolean              quiet;
  /* What the last probe of the view's sorter found: the primary column. */
  int                   probed;
};

typedef struct
{
  CdCallLogColumns *owner;
  Column            column;
} CellInfo;

static const char *sort_keys[N_COLUMNS] = {
  [COL_STARTED] = "started_at", [COL_STATUS] = "status", [COL_DURATION] = "duration",
};

/* Helpers */

CdVoiceSession *
cd_call_log_session_from_item (gpointer item)
{
  if (CD_IS_VOICE_SESSION (item))
    return item;
  if (CD_IS_CALL_LOG_ITEM (item))
    return cd_call_log_item_get_session (item);
  return NULL;
}

const char *
cd_call_log_status_label (CdSessionStatus status)
{
  switch (status)
    {
    case CD_SESSION_STATUS_QUEUED: return _("Queued");
    case CD_SESSION_STATUS_RINGING: return _("Ringing");
    case CD_SESSION_STATUS_IN_PROGRESS: return _("In progress");
    case CD_SESSION_STATUS_COMPLETED: return _("Completed");
    case CD_SESSION_STATUS_NO_ANSWER: return _("No answer");
    case CD_SESSION_STATUS_BUSY: return _("Busy");
    case CD_SESSION_STATUS_FAILED: return _("Failed");
    case CD_SESSION_STATUS_VOICEMAIL: return _("Voicemail");
    case CD_SESSION_STATUS_CANCELED: return _("Canceled");
    case CD_SESSION_STATUS_UNKNOWN:
    default: return CD_EM_DASH;
    }
}

const char *
cd_call_log_direction_label (CdDirection direction)
{
  switch (direction)
    {
    case CD_DIRECTION_INBOUND: return _("Inbound");
    case CD_DIRECTION_OUTBOUND: return _("Outbound");
    case CD_DIRECTION_UNKNOWN:
    default: return CD_EM_DASH;
    }
}

static const char *
or_dash (const char *text)
{
  return (text != NULL && *text != '\0') ? text : CD_EM_DASH;
}

static GtkWidget *
new_cell_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  return label;
}

/* Callbacks */

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            CellInfo                 *info)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  if (info->column == COL_DIRECTION || info->column == COL_RECORDING)
    gtk_box_append (GTK_BOX (box), gtk_image_new ());
  if (info->column != COL_RECORDING)
    gtk_box_append (GTK_BOX (box), new_cell_label ());
  gtk_widget_add_css_class (box, "cd-call-log-cell");
  gtk_list_item_set_child (list_item, box);
}

static void
bind_recording (GtkWidget      *image,
                CdVoiceSession *session)
{
  gboolean has = session != NULL && cd_voice_session_get_has_recording (session);

  gtk_image_set_from_icon_name (GTK_IMAGE (image), has ? "audio-x-generic-symbolic" : NULL);
  gtk_widget_set_tooltip_text (image, has ? _("Recording available") : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  has ? _("Recording available") : _("No recording"), -1);
}

static void
bind_direction (GtkWidget      *image,
                GtkWidget      *label,
                CdVoiceSession *session)
{
  CdDirection direction = cd_voice_session_get_direction (session);
  const char *icon = direction == CD_DIRECTION_INBOUND ? "call-incoming-symbolic" :
                     direction == CD_DIRECTION_OUTBOUND ? "call-outgoing-symbolic" : NULL;

  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
  gtk_label_set_text (GTK_LABEL (label), cd_call_log_direction_label (direction));
}

static char *
cell_text (CellInfo       *info,
           CdVoiceSession *session)
{
  switch (info->column)
    {
    case COL_STARTED:
      return cd_format_datetime (cd_voice_session_get_started_at (session), info->owner->zone);
    case COL_STATUS:
      return g_strdup (cd_call_log_status_label (cd_voice_session_get_status (session)));
    case COL_DURATION:
      return cd_format_duration (cd_voice_session_get_duration_seconds (session));
    case COL_AGENT:
      return g_strdup (or_dash (cd_voice_session_get_agent_name (session)));
    case COL_CAMPAIGN:
      return g_strdup (or_dash (cd_voice_session_get_campaign_name (session)));
    case COL_OUTCOME:
      return g_strdup (or_dash (cd_voice_session_get_campaign_outcome (session)));
    case COL_DIRECTION:
    case COL_RECORDING:
    case N_COLUMNS:
    default:
      return NULL;
    }
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CellInfo                 *info)
{
  GtkWidget      *box = gtk_list_item_get_child (list_item);
  GtkWidget      *first = gtk_widget_get_first_child (box);
  GtkWidget      *last = gtk_widget_get_last_child (box);
  CdVoiceSession *session = cd_call_log_session_from_item (gtk_list_item_get_item (list_item));
  g_autofree char *text = NULL;

  /* A placeholder keeps the row's height: an invisible-but-allocated label. */
  if (session == NULL)
    {
      if (GTK_IS_LABEL (last))
        gtk_label_set_text (GTK_LABEL (last), info->column == COL_STARTED ? "…" : " ");
      if (GTK_IS_IMAGE (first))
        gtk_image_clear (GTK_IMAGE (first));
      return;
    }
  if (info->column == COL_RECORDING)
    bind_recording (first, session);
  else if (info->column == COL_DIRECTION)
    bind_direction (first, last, session);
  else
    {
      text = cell_text (info, session);
      gtk_label_set_text (GTK_LABEL (last), text);
    }
}

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  CellInfo *info = user_data;

  info->owner->probed = info->column;
  return GTK_ORDERING_SMALLER;
}

/* GTK 4.8 has no getter for the primary sort column: compare two dummies through
 * the view's sorter, whose first active column records itself and answers
 * "smaller" (the view inverts that for a descending column). */
static void
view_sorter_changed (GtkSorter        *sorter,
                     GtkSorterChange   change,
                     CdCallLogColumns *self)
{
  g_autoptr (GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering ordering;

  if (self->quiet)
    return;
  self->probed = -1;
  ordering = gtk_sorter_compare (sorter, a, b);
  if (self->probed < 0 || sort_keys[self->probed] == NULL || self->sort_func == NULL)
    return;
  self->sort_func (sort_keys[self->probed],
                   ordering == GTK_ORDERING_SMALLER ? "asc" : "desc", self->sort_data);
}

static GtkColumnViewColumn *
add_column (CdCallLogColumns *self,
            Column            column,
            const char       *title,
            int               fixed_width)
{
  GtkListItemFactory  *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  CellInfo            *info = g_new0 (CellInfo, 1);

  info->owner = self;
  info->column = column;
  g_signal_connect_data (factory, "setup", G_CALLBACK (cell_setup), info,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), info);
  col = gtk_column_view_column_new (title, factory);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (col, fixed_width);
  else
    gtk_column_view_column_set_expand (col, TRUE);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (sort_keys[column] != NULL)
    {
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, info, NULL));

      gtk_column_view_column_set_sorter (col, sorter);
      g_object_unref (sorter);
    }
  gtk_column_view_append_column (self->view, col);
  self->columns[column] = col;
  g_object_unref (col);
  return col;
}

/* Public API */

CdCallLogColumns *
cd_call_log_columns_new (GtkColumnView     *view,
                         CdCallLogSortFunc  sort_func,
                         gpointer           user_data)
{
  CdCallLogColumns *self = g_new0 (CdCallLogColumns, 1);

  self->view = view;
  self->sort_func = sort_func;
  self->sort_data = user_data;
  add_column (self, COL_STARTED, _("Started"), 170);
  add_column (self, COL_DIRECTION, _("Direction"), 120);
  add_column (self, COL_STATUS, _("Status"), 120);
  add_column (self, COL_DURATION, _("Duration"), 100);
  add_column (self, COL_AGENT, _("Agent"), 130);
  add_column (self, COL_CAMPAIGN, _("Campaign"), 0);
  add_column (self, COL_OUTCOME, _("Outcome"), 130);
  add_column (self, COL_RECORDING, _("Rec."), 60);
  self->quiet = TRUE;
  gtk_column_view_sort_by_column (view, self->columns[COL_STARTED], GTK_SORT_DESCENDING);
  self->quiet = FALSE;
  self->sorter_handler = g_signal_connect (gtk_column_view_get_sorter (view), "changed",
                                           G_CALLBACK (view_sorter_changed), self);
  return self;
}

void
cd_call_log_columns_free (CdCallLogColumns *self)
{
  GtkSorter *sorter;

  if (self == NULL)
    return;
  sorter = gtk_column_view_get_sorter (self->view);
  if (sorter != NULL && self->sorter_handler != 0)
    g_signal_handler_disconnect (sorter, self->sorter_handler);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_free (self);
}

void
cd_call_log_columns_set_time_zone (CdCallLogColumns *self,
                                   GTimeZone        *zone)
{
  GtkListItemFactory *factory;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone != NULL ? g_time_zone_ref (zone) : NULL;
  /* Re-setting the factory rebinds every visible cell of the column. */
  factory = gtk_column_view_column_get_factory (self->columns[COL_STARTED]);
  g_object_ref (factory);
  gtk_column_view_column_set_factory (self->columns[COL_STARTED], NULL);
  gtk_column_view_column_set_factory (self->columns[COL_STARTED], factory);
  g_object_unref (factory);
}

void
cd_call_log_columns_set_sort (CdCallLogColumns *self,
                              const char       *sort,
                              const char       *order)
{
  Column column = COL_STARTED;

  for (guint i = 0; i < N_COLUMNS; i++)
    if (sort_keys[i] != NULL && g_strcmp0 (sort, sort_keys[i]) == 0)
      column = i;
  self->quiet = TRUE;
  gtk_column_view_sort_by_column (self->view, self->columns[column],
                                  g_strcmp0 (order, "asc") == 0 ? GTK_SORT_ASCENDING
                                                                : GTK_SORT_DESCENDING);
  self->quiet = FALSE;
}
