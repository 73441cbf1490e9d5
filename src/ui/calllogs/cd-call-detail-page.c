/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-calllogs"

#include "cd-call-detail-page.h"

#include <glib/gi18n.h>

#include "cd-call-detail-panes.h"
#include "cd-call-log-columns.h"
#include "cd-calllogs-style.h"
#include "cd-format.h"
#include "cd-user.h"

typedef enum
{
  TAB_DETAILS,
  TAB_ANALYSIS,
  TAB_WEBHOOKS,
  TAB_COST,
  TAB_RAW,
  N_TABS
} Tab;

static const char *tab_names[N_TABS] = { "details", "analysis", "webhooks", "cost", "raw" };

struct _CdCallDetailPage
{
  AdwBin             parent_instance;

  GtkWidget         *window_title;
  GtkWidget         *contact_button;
  GtkWidget         *campaign_button;
  GtkWidget         *stack;
  GtkWidget         *error_page;
  GtkWidget         *offline_label;
  GtkWidget         *panes;
  GtkWidget         *recording_stack;
  GtkWidget         *media_controls;
  GtkWidget         *recording_reason_label;
  GtkWidget         *transcript_stack;
  GtkWidget         *transcript_box;
  GtkWidget         *transcript_search;
  GtkWidget         *no_matches_label;
  GtkWidget         *tabs;
  GtkWidget         *tab_boxes[N_TABS];
  const char        *empty_texts[N_TABS];
  GPtrArray         *transcript_labels;

  CdRepository      *repository;
  gint64             session_id;
  GTimeZone         *zone;
  GCancellable      *cancellable;
  CdVoiceSession    *session;
  CdRole             role;
  CdCallDetailState  state;
  CdRecordingState   recording_state;
  char              *recording_reason;
  GFile             *recording_file;
  GtkMediaStream    *media;
  guint              match_count;
};

enum
{
  SIGNAL_OPEN_CONTACT,
  SIGNAL_OPEN_CAMPAIGN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdCallDetailPage, cd_call_detail_page, ADW_TYPE_BIN)

static void load (CdCallDetailPage *self);

/* Helpers */

static const char *
or_dash (const char *text)
{
  return (text != NULL && *text != '\0') ? text : CD_EM_DASH;
}

static GtkWidget *
new_value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (or_dash (text));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static void
grid_add (GtkWidget  *grid,
          const char *key,
          const char *value)
{
  GtkWidget *key_label = gtk_label_new (key);
  int        row = 0;

  /* Two cells per row: the next row index is half the children. */
  for (GtkWidget *c = gtk_widget_get_first_child (grid); c != NULL; c = gtk_widget_get_next_sibling (c))
    row++;
  row /= 2;

  gtk_label_set_xalign (GTK_LABEL (key_label), 0);
  gtk_label_set_yalign (GTK_LABEL (key_label), 0);
  gtk_widget_add_css_class (key_label, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), key_label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), new_value_label (value), 1, row, 1, 1);
}

static void
grid_add_take (GtkWidget  *grid,
               const char *key,
               char       *value)
{
  grid_add (grid, key, value);
  g_free (value);
}

static GtkWidget *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  return grid;
}

static GtkWidget *
new_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
show_tab_empty (CdCallDetailPage *self,
                Tab               tab,
                const char       *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 24);
  gtk_box_append (GTK_BOX (self->tab_boxes[tab]), label);
  self->empty_texts[tab] = text;
}

static char *
json_value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static char *
format_offset (gint64 offset_ms)
{
  gint64 s = MAX (offset_ms, 0) / 1000;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", s / 60, (int) (s % 60));
}

static const char *
speaker_label (CdSpeaker speaker)
{
  switch (speaker)
    {
    case CD_SPEAKER_AGENT: return _("Agent");
    case CD_SPEAKER_USER: return _("Contact");
    case CD_SPEAKER_TOOL: return _("Tool");
    case CD_SPEAKER_SYSTEM: return _("System");
    case CD_SPEAKER_UNKNOWN:
    default: return _("Unknown");
    }
}

/* Tabs */

static void
fill_details (CdCallDetailPage *self)
{
  CdVoiceSession *s = self->session;
  GtkWidget *grid = new_grid ();
  JsonObject *extracted = cd_voice_session_get_extracted_data (s);
  g_autoptr (GList) members = json_object_get_members (extracted);
  gint64 follow_up = cd_voice_session_get_follow_up_id (s);

  grid_add (grid, _("Status"), cd_call_log_status_label (cd_voice_session_get_status (s)));
  grid_add (grid, _("Direction"), cd_call_log_direction_label (cd_voice_session_get_direction (s)));
  grid_add_take (grid, _("Started"), cd_format_datetime (cd_voice_session_get_started_at (s), self->zone));
  grid_add_take (grid, _("Ended"), cd_format_datetime (cd_voice_session_get_ended_at (s), self->zone));
  grid_add_take (grid, _("Duration"), cd_format_duration (cd_voice_session_get_duration_seconds (s)));
  grid_add_take (grid, _("Talk time"), cd_format_talk_time (cd_voice_session_get_talk_time_seconds (s)));
  grid_add (grid, _("From"), cd_voice_session_get_from_number (s));
  grid_add (grid, _("To"), cd_voice_session_get_to_number (s));
  grid_add (grid, _("Agent"), cd_voice_session_get_agent_name (s));
  grid_add (grid, _("Campaign"), cd_voice_session_get_campaign_name (s));
  grid_add (grid, _("Campaign outcome"), cd_voice_session_get_campaign_outcome (s));
  grid_add (grid, _("Sentiment"), cd_sentiment_to_string (cd_voice_session_get_sentiment (s)));
  grid_add (grid, _("End reason"), cd_voice_session_get_end_reason (s));
  grid_add (grid, _("Summary"), cd_voice_session_get_summary (s));
  grid_add_take (grid, _("Follow-up"),
                 follow_up > 0 ? g_strdup_printf ("#%" G_GINT64_FORMAT, follow_up) : NULL);
  gtk_box_append (GTK_BOX (self->tab_boxes[TAB_DETAILS]), grid);
  gtk_box_append (GTK_BOX (self->tab_boxes[TAB_DETAILS]), new_heading (_("Extracted data")));
  if (members == NULL)
    {
      show_tab_empty (self, TAB_DETAILS, _("No extracted data"));
      return;
    }
  grid = new_grid ();
  for (GList *l = members; l != NULL; l = l->next)
    grid_add_take (grid, l->data, json_value_text (json_object_get_member (extracted, l->data)));
  gtk_box_append (GTK_BOX (self->tab_boxes[TAB_DETAILS]), grid);
}

static void
fill_analysis (CdCallDetailPage *self)
{
  CdVoiceSession *s = self->session;
  GtkWidget *grid;
  const char *success = NULL;

  if (cd_voice_session_has_analysis_success (s))
    success = cd_voice_session_get_analysis_success (s) ? _("Yes") : _("No");
  if (success == NULL && cd_voice_session_get_analysis_summary (s) == NULL &&
      cd_voice_session_get_analysis_disposition (s) == NULL &&
      cd_voice_session_get_analysis_task_status (s) == NULL &&
      cd_voice_session_get_analysis_failure (s) == NULL)
    {
      show_tab_empty (self, TAB_ANALYSIS, _("No analysis available"));
      return;
    }
  grid = new_grid ();
  grid_add (grid, _("Summary"), cd_voice_session_get_analysis_summary (s));
  grid_add (grid, _("Success"), success);
  grid_add (grid, _("Disposition"), cd_voice_session_get_analysis_disposition (s));
  grid_add (grid, _("Task status"), cd_voice_session_get_analysis_task_status (s));
  grid_add (grid, _("Failure"), cd_voice_session_get_analysis_failure (s));
  gtk_box_append (GTK_BOX (self->tab_boxes[TAB_ANALYSIS]), grid);
}

static void
fill_webhooks (CdCallDetailPage *self)
{
  GListModel *hooks = cd_voice_session_get_webhooks (self->session);
  guint n = hooks != NULL ? g_list_model_get_n_items (hooks) : 0;

  if (n == 0)
    {
      show_tab_empty (self, TAB_WEBHOOKS, _("No webhooks delivered"));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CdWebhookDelivery) hook = g_list_model_get_item (hooks, i);
      gint64 code = cd_webhook_delivery_get_status_code (hook);
      GtkWidget *grid = new_grid ();

      gtk_box_append (GTK_BOX (self->tab_boxes[TAB_WEBHOOKS]),
                      new_heading (or_dash (cd_webhook_delivery_get_event (hook))));
      grid_add (grid, _("URL"), cd_webhook_delivery_get_url (hook));
      grid_add_take (grid, _("Status code"),
                     code > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, code) : NULL);
      grid_add_take (grid, _("Delivered"),
                     cd_format_datetime (cd_webhook_delivery_get_delivered_at (hook), self->zone));
      gtk_box_append (GTK_BOX (self->tab_boxes[TAB_WEBHOOKS]), grid);
    }
}

static void
fill_cost (CdCallDetailPage *self)
{
  GListModel *items = cd_voice_session_get_cost_breakdown (self->session);
  guint n = items != NULL ? g_list_model_get_n_items (items) : 0;
  GtkWidget *grid = new_grid ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CdCostItem) item = g_list_model_get_item (items, i);

      grid_add_take (grid, or_dash (cd_cost_item_get_item (item)),
                     cd_money_format (cd_cost_item_get_amount (item)));
    }
  grid_add_take (grid, _("Total"), cd_money_format (cd_voice_session_get_cost (self->session)));
  gtk_box_append (GTK_BOX (self->tab_boxes[TAB_COST]), grid);
  if (n == 0)
    show_tab_empty (self, TAB_COST, _("No cost breakdown"));
}

static void
fill_raw (CdCallDetailPage *self)
{
  JsonObject *raw = cd_voice_session_get_raw (self->session);
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;
  GtkWidget *view;

  if (json_object_get_size (raw) == 0)
    {
      show_tab_empty (self, TAB_RAW, _("No raw data"));
      return;
    }
  node = json_node_init_object (json_node_alloc (), raw);
  text = json_to_string (node, TRUE);
  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_CHAR);
  gtk_widget_add_css_class (view, "cd-raw-json");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_box_append (GTK_BOX (self->tab_boxes[TAB_RAW]), view);
}

static void
update_tab_visibility (CdCallDetailPage *self)
{
  gboolean internals = cd_calllogs_role_sees_internals (self->role);

  adw_view_stack_page_set_visible (adw_view_stack_get_page (ADW_VIEW_STACK (self->tabs),
                                                            self->tab_boxes[TAB_COST]), internals);
  adw_view_stack_page_set_visible (adw_view_stack_get_page (ADW_VIEW_STACK (self->tabs),
                                                            self->tab_boxes[TAB_RAW]), internals);
}

static void
fill_tabs (CdCallDetailPage *self)
{
  for (guint i = 0; i < N_TABS; i++)
    {
      clear_box (self->tab_boxes[i]);
      self->empty_texts[i] = NULL;
    }
  fill_details (self);
  fill_analysis (self);
  fill_webhooks (self);
  fill_cost (self);
  fill_raw (self);
  update_tab_visibility (self);
}

/* Transcript */

static void
highlight_label (GtkLabel   *label,
                 const char *needle,
                 guint      *count)
{
  const char *text = gtk_label_get_text (label);
  g_autofree char *lower_text = g_utf8_strdown (text, -1);
  g_autofree char *lower_needle = g_utf8_strdown (needle, -1);
  const char *haystack = lower_text;
  const char *what = lower_needle;
  PangoAttrList *attrs = pango_attr_list_new ();
  gsize needle_len;

  /* Case-folded offsets are only valid when folding kept byte lengths. */
  if (strlen (lower_text) != strlen (text) || strlen (lower_needle) != strlen (needle))
    {
      haystack = text;
      what = needle;
    }
  needle_len = strlen (what);
  for (const char *p = strstr (haystack, what); needle_len > 0 && p != NULL;
       p = strstr (p + needle_len, what))
    {
      PangoAttribute *bg = pango_attr_background_new (0xf600, 0xd300, 0x2d00);
      PangoAttribute *fg = pango_attr_foreground_new (0, 0, 0);

      bg->start_index = fg->start_index = p - haystack;
      bg->end_index = fg->end_index = p - haystack + needle_len;
      pango_attr_list_insert (attrs, bg);
      pango_attr_list_insert (attrs, fg);
      (*count)++;
    }
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

static void
transcript_search_changed (CdCallDetailPage *self)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->transcript_search));

  self->match_count = 0;
  for (guint i = 0; i < self->transcript_labels->len; i++)
    highlight_label (g_ptr_array_index (self->transcript_labels, i), needle, &self->match_count);
  gtk_widget_set_visible (self->no_matches_label, *needle != '\0' && self->match_count == 0);
}

static GtkWidget *
new_transcript_row (CdCallDetailPage    *self,
                    CdTranscriptSegment *segment)
{
  CdSpeaker speaker = cd_transcript_segment_get_speaker (segment);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *offset = format_offset (cd_transcript_segment_get_offset_ms (segment));
  g_autofree char *heading = g_strdup_printf ("%s · %s", speaker_label (speaker), offset);
  GtkWidget *who = gtk_label_new (heading);
  GtkWidget *text = new_value_label (cd_transcript_segment_get_text (segment));

  gtk_widget_add_css_class (row, "cd-transcript-row");
  if (cd_speaker_to_string (speaker) != NULL)
    gtk_widget_add_css_class (row, cd_speaker_to_string (speaker));
  gtk_label_set_xalign (GTK_LABEL (who), 0);
  gtk_widget_add_css_class (who, "cd-transcript-speaker");
  if (speaker == CD_SPEAKER_USER)
    gtk_widget_set_margin_start (row, 36);
  else
    gtk_widget_set_margin_end (row, 36);
  gtk_box_append (GTK_BOX (row), who);
  gtk_box_append (GTK_BOX (row), text);
  g_ptr_array_add (self->transcript_labels, text);
  return row;
}

static void
fill_transcript (CdCallDetailPage *self)
{
  GListModel *segments = cd_voice_session_get_transcript (self->session);
  guint n = segments != NULL ? g_list_model_get_n_items (segments) : 0;

  clear_box (self->transcript_box);
  g_ptr_array_set_size (self->transcript_labels, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CdTranscriptSegment) segment = g_list_model_get_item (segments, i);

      gtk_box_append (GTK_BOX (self->transcript_box), new_transcript_row (self, segment));
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->transcript_stack), n > 0 ? "list" : "empty");
  gtk_widget_set_sensitive (self->transcript_search, n > 0);
  transcript_search_changed (self);
}

/* Recording */

static void
set_recording_unavailable (CdCallDetailPage *self,
                           const char       *reason)
{
  g_free (self->recording_reason);
  self->recording_reason = g_strdup (reason);
  gtk_label_set_text (GTK_LABEL (self->recording_reason_label), reason);
  self->recording_state = CD_RECORDING_UNAVAILABLE;
  gtk_stack_set_visible_child_name (GTK_STACK (self->recording_stack), "none");
}

static void
recording_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (CdCallDetailPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = cd_repository_get_recording_finish (CD_REPOSITORY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (file == NULL)
    {
      g_debug ("Recording of session %" G_GINT64_FORMAT " unavailable: %s",
               self->session_id, error->message);
      set_recording_unavailable (self, error->message);
      return;
    }
  g_set_object (&self->recording_file, file);
  g_clear_object (&self->media);
  self->media = gtk_media_file_new_for_file (file);
  gtk_media_controls_set_media_stream (GTK_MEDIA_CONTROLS (self->media_controls), self->media);
  self->recording_state = CD_RECORDING_READY;
  gtk_stack_set_visible_child_name (GTK_STACK (self->recording_stack), "player");
}

static void
load_recording (CdCallDetailPage *self)
{
  if (!cd_voice_session_get_has_recording (self->session))
    {
      set_recording_unavailable (self, _("This call was not recorded."));
      return;
    }
  self->recording_state = CD_RECORDING_LOADING;
  gtk_stack_set_visible_child_name (GTK_STACK (self->recording_stack), "loading");
  cd_repository_get_recording_async (self->repository, self->session_id, self->cancellable,
                                     recording_ready_cb, g_object_ref (self));
}

/* Loading */

static void
show_session (CdCallDetailPage *self)
{
  CdVoiceSession *s = self->session;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, self->session_id);
  /* Translators: the title of a call without details yet; %s is its id */
  g_autofree char *title = g_strdup_printf (_("Call #%s"), id_text);
  g_autofree char *started = cd_format_datetime (cd_voice_session_get_started_at (s), self->zone);

  adw_window_title_set_title (ADW_WINDOW_TITLE (self->window_title), title);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), started);
  gtk_widget_set_sensitive (self->contact_button, cd_voice_session_get_contact_id (s) > 0);
  gtk_widget_set_sensitive (self->campaign_button, cd_voice_session_get_campaign_id (s) > 0);
  fill_tabs (self);
  fill_transcript (self);
  self->state = CD_CALL_DETAIL_READY;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "content");
}

static void
session_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (CdCallDetailPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CdVoiceSession) session = NULL;
  gboolean from_cache = FALSE;

  session = cd_repository_get_session_finish (CD_REPOSITORY (source), result, &from_cache, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (session == NULL)
    {
      g_debug ("Session %" G_GINT64_FORMAT " failed: %s", self->session_id, error->message);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), error->message);
      self->state = CD_CALL_DETAIL_ERROR;
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "error");
      return;
    }
  g_set_object (&self->session, session);
  /* A saved copy may be outdated: say so while it is shown. */
  gtk_widget_set_visible (self->offline_label, from_cache);
  show_session (self);
  load_recording (self);
}

static void
me_ready_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (CdCallDetailPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CdUser) user = cd_repository_get_me_finish (CD_REPOSITORY (source), result, &error);

  /* Unknown role: the restricted tabs stay hidden. */
  if (user == NULL)
    return;
  self->role = cd_user_get_role (user);
  update_tab_visibility (self);
}

static void
load (CdCallDetailPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->state = CD_CALL_DETAIL_LOADING;
  gtk_widget_set_visible (self->offline_label, FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
  cd_repository_get_me_async (self->repository, self->cancellable, me_ready_cb, g_object_ref (self));
  cd_repository_get_session_async (self->repository, self->session_id, self->cancellable,
                                   session_ready_cb, g_object_ref (self));
}

/* Callbacks */

static void
retry_clicked (CdCallDetailPage *self)
{
  load (self);
}

static void
open_contact_clicked (CdCallDetailPage *self)
{
  if (self->session != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_CONTACT], 0,
                   cd_voice_session_get_contact_id (self->session));
}

static void
open_campaign_clicked (CdCallDetailPage *self)
{
  if (self->session != NULL && cd_voice_session_get_campaign_id (self->session) > 0)
    g_signal_emit (self, signals[SIGNAL_OPEN_CAMPAIGN], 0,
                   cd_voice_session_get_campaign_id (self->session));
}

/* Construction */

/* A header button; with @ellipsize its label shrinks so the header fits narrow windows. */
static GtkWidget *
new_header_button (const char *icon_name,
                   const char *text,
                   gboolean    ellipsize)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);

  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  if (ellipsize)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_tooltip_text (button, text);
  return button;
}

static GtkWidget *
build_header (CdCallDetailPage *self,
              const char       *back_label)
{
  GtkWidget *header = adw_header_bar_new ();
  g_autofree char *label = g_strdup_printf (_("Back to %s"), or_dash (back_label));
  GtkWidget *back = new_header_button ("go-previous-symbolic", label, TRUE);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "contact.back");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  self->window_title = adw_window_title_new (_("Call"), NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), self->window_title);
  /* ellipsizing too, so the page fits a 360 px phone (the tooltips say it all) */
  self->campaign_button = new_header_button (NULL, _("Open campaign"), TRUE);
  self->contact_button = new_header_button (NULL, _("Open contact"), TRUE);
  g_signal_connect_swapped (self->campaign_button, "clicked", G_CALLBACK (open_campaign_clicked), self);
  g_signal_connect_swapped (self->contact_button, "clicked", G_CALLBACK (open_contact_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->campaign_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->contact_button);
  return header;
}

static GtkWidget *
build_recording (CdCallDetailPage *self)
{
  GtkWidget *none = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *none_title = gtk_label_new (_("Recording not available"));
  GtkWidget *spinner = gtk_spinner_new ();

  self->recording_stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->recording_stack), FALSE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_halign (spinner, GTK_ALIGN_START);
  gtk_stack_add_named (GTK_STACK (self->recording_stack), spinner, "loading");
  self->media_controls = gtk_media_controls_new (NULL);
  gtk_stack_add_named (GTK_STACK (self->recording_stack), self->media_controls, "player");
  gtk_label_set_xalign (GTK_LABEL (none_title), 0);
  self->recording_reason_label = new_value_label (NULL);
  gtk_widget_add_css_class (self->recording_reason_label, "dim-label");
  gtk_box_append (GTK_BOX (none), none_title);
  gtk_box_append (GTK_BOX (none), self->recording_reason_label);
  gtk_stack_add_named (GTK_STACK (self->recording_stack), none, "none");
  return self->recording_stack;
}

static GtkWidget *
build_transcript (CdCallDetailPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *empty = gtk_label_new (_("No transcript available"));

  self->transcript_search = gtk_search_entry_new ();
  g_object_set (self->transcript_search, "placeholder-text", _("Search transcript"), NULL);
  g_signal_connect_swapped (self->transcript_search, "search-changed",
                            G_CALLBACK (transcript_search_changed), self);
  self->no_matches_label = gtk_label_new (_("No matches found"));
  gtk_widget_add_css_class (self->no_matches_label, "dim-label");
  gtk_widget_set_visible (self->no_matches_label, FALSE);
  self->transcript_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  self->transcript_stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->transcript_stack), FALSE);
  gtk_stack_add_named (GTK_STACK (self->transcript_stack), self->transcript_box, "list");
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_stack_add_named (GTK_STACK (self->transcript_stack), empty, "empty");
  gtk_box_append (GTK_BOX (box), new_heading (_("Transcript")));
  gtk_box_append (GTK_BOX (box), self->transcript_search);
  gtk_box_append (GTK_BOX (box), self->no_matches_label);
  gtk_box_append (GTK_BOX (box), self->transcript_stack);
  return box;
}

static GtkWidget *
build_tabs (CdCallDetailPage *self)
{
  static const char *titles[N_TABS] = { N_("Details"), N_("Analysis"), N_("Webhooks"),
                                        N_("Cost"), N_("Raw data") };
  static const char *icons[N_TABS] = { "dialog-information-symbolic", "emblem-ok-symbolic",
                                       "network-transmit-symbolic", "x-office-spreadsheet-symbolic",
                                       "text-x-generic-symbolic" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *squeezer = adw_squeezer_new ();
  GtkWidget *switcher = adw_view_switcher_new ();
  GtkWidget *narrow_switcher = adw_view_switcher_new ();

  self->tabs = adw_view_stack_new ();
  for (guint i = 0; i < N_TABS; i++)
    {
      self->tab_boxes[i] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      adw_view_stack_add_titled (ADW_VIEW_STACK (self->tabs), self->tab_boxes[i], tab_names[i],
                                 _(titles[i]));
      adw_view_stack_page_set_icon_name (adw_view_stack_get_page (ADW_VIEW_STACK (self->tabs),
                                                                  self->tab_boxes[i]), icons[i]);
    }
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_STACK (self->tabs));
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  /* Narrow panes get the icon-over-label switcher instead. */
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (narrow_switcher), ADW_VIEW_STACK (self->tabs));
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (narrow_switcher), ADW_VIEW_SWITCHER_POLICY_NARROW);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), switcher);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), narrow_switcher);
  gtk_box_append (GTK_BOX (box), squeezer);
  gtk_box_append (GTK_BOX (box), self->tabs);
  update_tab_visibility (self);
  return box;
}

static GtkWidget *
build_content (CdCallDetailPage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *clamp = adw_clamp_new ();

  gtk_box_append (GTK_BOX (left), new_heading (_("Recording")));
  gtk_box_append (GTK_BOX (left), build_recording (self));
  gtk_box_append (GTK_BOX (left), build_transcript (self));
  self->panes = cd_call_detail_panes_new (left, build_tabs (self));
  gtk_widget_set_margin_top (self->panes, 18);
  gtk_widget_set_margin_bottom (self->panes, 18);
  gtk_widget_set_margin_start (self->panes, 18);
  gtk_widget_set_margin_end (self->panes, 18);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1400);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->panes);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

/* Shown above the content when the detail is the cached copy (server unreachable). */
static GtkWidget *
build_offline_label (CdCallDetailPage *self)
{
  self->offline_label = gtk_label_new (_("Offline — saved copy"));
  gtk_widget_add_css_class (self->offline_label, "dim-label");
  gtk_widget_set_margin_top (self->offline_label, 6);
  gtk_widget_set_margin_bottom (self->offline_label, 6);
  gtk_widget_set_visible (self->offline_label, FALSE);
  return self->offline_label;
}

static GtkWidget *
build_body (CdCallDetailPage *self)
{
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *retry = gtk_button_new_with_label (_("Retry"));

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (GTK_STACK (self->stack), spinner, "loading");
  self->error_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->error_page), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->error_page), _("Couldn't load the call"));
  gtk_widget_add_css_class (retry, "pill");
  gtk_widget_set_halign (retry, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (retry, "clicked", G_CALLBACK (retry_clicked), self);
  adw_status_page_set_child (ADW_STATUS_PAGE (self->error_page), retry);
  gtk_stack_add_named (GTK_STACK (self->stack), self->error_page, "error");
  gtk_stack_add_named (GTK_STACK (self->stack), build_content (self), "content");
  return self->stack;
}

/* GObject overrides */

static void
cd_call_detail_page_dispose (GObject *object)
{
  CdCallDetailPage *self = CD_CALL_DETAIL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->media != NULL)
    gtk_media_stream_pause (self->media);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->media);
  g_clear_object (&self->repository);
  G_OBJECT_CLASS (cd_call_detail_page_parent_class)->dispose (object);
}

static void
cd_call_detail_page_finalize (GObject *object)
{
  CdCallDetailPage *self = CD_CALL_DETAIL_PAGE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->recording_file);
  g_clear_pointer (&self->recording_reason, g_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->transcript_labels, g_ptr_array_unref);
  G_OBJECT_CLASS (cd_call_detail_page_parent_class)->finalize (object);
}

static void
cd_call_detail_page_class_init (CdCallDetailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_call_detail_page_dispose;
  object_class->finalize = cd_call_detail_page_finalize;

  signals[SIGNAL_OPEN_CONTACT] =
    g_signal_new ("open-contact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_OPEN_CAMPAIGN] =
    g_signal_new ("open-campaign", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
cd_call_detail_page_init (CdCallDetailPage *self)
{
  cd_calllogs_ensure_style ();
  self->transcript_labels = g_ptr_array_new ();
  self->role = CD_ROLE_UNKNOWN;
}

/* Public API */

GtkWidget *
cd_call_detail_page_new (CdRepository *repository,
                         gint64        session_id,
                         const char   *back_label)
{
  CdCallDetailPage *self;
  GtkWidget *box;

  g_return_val_if_fail (CD_IS_REPOSITORY (repository), NULL);

  self = g_object_new (CD_TYPE_CALL_DETAIL_PAGE, NULL);
  self->repository = g_object_ref (repository);
  self->session_id = session_id;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), build_header (self, back_label));
  gtk_box_append (GTK_BOX (box), build_offline_label (self));
  gtk_box_append (GTK_BOX (box), build_body (self));
  adw_bin_set_child (ADW_BIN (self), box);
  gtk_widget_set_sensitive (self->contact_button, FALSE);
  gtk_widget_set_sensitive (self->campaign_button, FALSE);
  load (self);
  return GTK_WIDGET (self);
}

void
cd_call_detail_page_set_time_zone (CdCallDetailPage *self,
                                   const char       *iana_zone)
{
  g_return_if_fail (CD_IS_CALL_DETAIL_PAGE (self));

  g_clear_pointer (&self->zone, g_time_zone_unref);
  if (iana_zone != NULL && *iana_zone != '\0')
    self->zone = g_time_zone_new_identifier (iana_zone);
  if (self->session != NULL)
    show_session (self);
}

CdCallDetailState
cd_call_detail_page_get_state (CdCallDetailPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PAGE (self), CD_CALL_DETAIL_LOADING);
  return self->state;
}

CdVoiceSession *
cd_call_detail_page_get_session (CdCallDetailPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PAGE (self), NULL);
  return self->session;
}

CdRecordingState
cd_call_detail_page_get_recording_state (CdCallDetailPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PAGE (self), CD_RECORDING_LOADING);
  return self->recording_state;
}

const char *
cd_call_detail_page_get_recording_reason (CdCallDetailPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PAGE (self), NULL);
  return self->recording_state == CD_RECORDING_UNAVAILABLE ? self->recording_reason : NULL;
}

GFile *
cd_call_detail_page_get_recording_file (CdCallDetailPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PAGE (self), NULL);
  return self->recording_file;
}

AdwViewStack *
cd_call_detail_page_get_tabs (CdCallDetailPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PAGE (self), NULL);
  return ADW_VIEW_STACK (self->tabs);
}

GtkEditable *
cd_call_detail_page_get_transcript_search (CdCallDetailPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PAGE (self), NULL);
  return GTK_EDITABLE (self->transcript_search);
}

guint
cd_call_detail_page_get_match_count (CdCallDetailPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PAGE (self), 0);
  return self->match_count;
}

const char *
cd_call_detail_page_get_empty_text (CdCallDetailPage *self,
                                    const char       *tab)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PAGE (self), NULL);

  if (g_strcmp0 (tab, "transcript") == 0)
    return self->session != NULL && self->transcript_labels->len == 0 ?
           _("No transcript available") : NULL;
  for (guint i = 0; i < N_TABS; i++)
    if (g_strcmp0 (tab, tab_names[i]) == 0)
      return self->empty_texts[i];
  return NULL;
}

const char *
cd_call_detail_page_get_offline_text (CdCallDetailPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PAGE (self), NULL);

  if (!gtk_widget_get_visible (self->offline_label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->offline_label));
}

gboolean
cd_call_detail_page_get_wide (CdCallDetailPage *self)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PAGE (self), FALSE);
  return cd_call_detail_panes_get_wide (CD_CALL_DETAIL_PANES (self->panes));
}
