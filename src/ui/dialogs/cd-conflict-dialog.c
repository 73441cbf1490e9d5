/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-conflict-dialog.h"
#include "cd-error.h"
#include "cd-format.h"
#include "cd-offline-ui.h"

struct _CdConflictDialog
{
  AdwWindow      parent_instance;

  CdRepository  *repository;
  CdOutboxEntry *entry;
  GCancellable  *cancellable;
  gboolean       busy;
  gboolean       editing;
  GHashTable    *parts;        /* name → widget (not owned) */

  GtkWidget     *stack;        /* "compare" / "edit" */
  GtkWidget     *compare_box;
  GtkWidget     *edit_group;
  GtkWidget     *error_label;
  GtkWidget     *keep_button;
  GtkWidget     *theirs_button;
  GtkWidget     *edit_button;
  GtkWidget     *send_button;
  GtkWidget     *cancel_edit_button;
};

G_DEFINE_FINAL_TYPE (CdConflictDialog, cd_conflict_dialog, ADW_TYPE_WINDOW)

enum
{
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- values as text ----------------------------------------------------- */

static const struct
{
  const char *member;
  const char *label;
} member_labels[] = {
  { "first_name", N_("First name") },
  { "last_name", N_("Last name") },
  { "email", N_("Email") },
  { "phone_e164", N_("Phone") },
  { "timezone", N_("Time zone") },
  { "tags", N_("Labels") },
  { "custom_fields", N_("Custom fields") },
  { "summary", N_("Summary") },
  { "items", N_("Open items") },
  { "label", N_("Label") },
  { "value", N_("Value") },
  { "scheduled_at", N_("Scheduled for") },
  { "status", N_("Status") },
  { "notes", N_("Notes") },
  { "reason", N_("Reason") },
};

/* A readable name for a body member; unknown ones lose their underscores. */
static char *
member_title (const char *member)
{
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (member_labels); i++)
    if (g_str_equal (member_labels[i].member, member))
      return g_strdup (_(member_labels[i].label));
  text = g_strdelimit (g_strdup (member), "_", ' ');
  if (*text != '\0')
    text[0] = g_ascii_toupper (text[0]);
  return g_steal_pointer (&text);
}

static char *value_text (JsonNode *node);

/* Labels: "a, b, c"; open items and other objects: one line each,
 * "title (due_date)" where there is a title. */
static char *
array_text (JsonArray *array)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autofree char *text = NULL;

      if (item != NULL && json_object_has_member (item, "title"))
        {
          g_autofree char *title = value_text (json_object_get_member (item, "title"));
          JsonNode *due = json_object_get_member (item, "due_date");

          text = due != NULL && !JSON_NODE_HOLDS_NULL (due)
                 ? g_strdup_printf ("%s (%s)", title, json_node_get_string (due) ? json_node_get_string (due) : "")
                 : g_steal_pointer (&title);
        }
      else
        text = value_text (element);
      if (item == NULL && out->len > 0)
        g_string_append (out, ", ");
      else if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, text);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : g_strdup (CD_EM_DASH);
}

static char *
object_text (JsonObject *object)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value = value_text (json_object_get_member (object, l->data));
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s: %s", (const char *) l->data, value);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : g_strdup (CD_EM_DASH);
}

/* Plain text for a label (never markup); missing or null is an em dash. */
static char *
value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (CD_EM_DASH);
  if (JSON_NODE_HOLDS_ARRAY (node))
    return array_text (json_node_get_array (node));
  if (JSON_NODE_HOLDS_OBJECT (node))
    return object_text (json_node_get_object (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return *json_node_get_string (node) ? g_strdup (json_node_get_string (node))
                                        : g_strdup (CD_EM_DASH);
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();

    json_generator_set_root (generator, node);
    return json_generator_to_data (generator, NULL);
  }
}

/* What the server holds for @member: its copy's member, or for a memory fact
 * (body {label, value}) the fact of the same label in its facts. */
static JsonNode *
theirs_member (CdConflictDialog *self,
               const char       *member)
{
  JsonObject *theirs = cd_outbox_entry_get_theirs (self->entry);
  JsonObject *body = cd_outbox_entry_get_body (self->entry);
  JsonArray *facts;
  const char *label;

  if (theirs == NULL)
    return NULL;
  if (json_object_has_member (theirs, member))
    return json_object_get_member (theirs, member);
  if (cd_outbox_entry_get_kind (self->entry) != CD_OUTBOX_MEMORY_FACT || body == NULL ||
      !json_object_has_member (theirs, "facts") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (theirs, "facts")))
    return NULL;
  facts = json_object_get_array_member (theirs, "facts");
  label = json_object_has_member (body, "label") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (body, "label"))
          ? json_object_get_string_member (body, "label") : NULL;
  for (guint i = 0; label != NULL && i < json_array_get_length (facts); i++)
    {
      JsonNode *fact = json_array_get_element (facts, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (fact) ? json_node_get_object (fact) : NULL;
      JsonNode *fact_label = object ? json_object_get_member (object, "label") : NULL;

      if (fact_label != NULL && JSON_NODE_HOLDS_VALUE (fact_label) &&
          g_strcmp0 (json_node_get_string (fact_label), label) == 0)
        return json_object_get_member (object, member);
    }
  return NULL;
}

/* ---- building ----------------------------------------------------------- */

static GtkWidget *
value_column (CdConflictDialog *self,
              const char       *caption,
              const char       *part,
              JsonNode         *node)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (caption);
  g_autofree char *text = value_text (node);
  GtkWidget *value = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_add_css_class (value, "cd-conflict-value");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), value);
  g_hash_table_insert (self->parts, g_strdup (part), value);
  return box;
}

static GtkWidget *
build_member (CdConflictDialog *self,
              const char       *member,
              JsonNode         *mine)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *title_text = member_title (member);
  GtkWidget *title = gtk_label_new (title_text);
  g_autofree char *mine_part = g_strdup_printf ("mine:%s", member);
  g_autofree char *theirs_part = g_strdup_printf ("theirs:%s", member);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_box_append (GTK_BOX (columns), value_column (self, _("Yours"), mine_part, mine));
  gtk_box_append (GTK_BOX (columns), value_column (self, _("On the server"), theirs_part,
                                                   theirs_member (self, member)));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), columns);
  return box;
}

/* Editable text of my value: strings as they are, anything else as JSON. */
static char *
edit_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
build_members (CdConflictDialog *self)
{
  JsonObject *body = cd_outbox_entry_get_body (self->entry);
  g_autoptr(GList) members = body ? json_object_get_members (body) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *mine = json_object_get_member (body, member);
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *title = member_title (member);
      g_autofree char *text = edit_text (mine);
      g_autofree char *part = g_strdup_printf ("entry:%s", member);

      gtk_box_append (GTK_BOX (self->compare_box), build_member (self, member, mine));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      g_object_set_data_full (G_OBJECT (row), "member", g_strdup (member), g_free);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->edit_group), row);
      g_hash_table_insert (self->parts, g_steal_pointer (&part), row);
    }
  if (members == NULL)
    {
      GtkWidget *none = gtk_label_new (_("This change has no fields to compare."));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (self->compare_box), none);
      gtk_widget_set_sensitive (self->edit_button, FALSE);
    }
}

/* ---- resolving ----------------------------------------------------------- */

static void
sync_buttons (CdConflictDialog *self)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->editing ? "edit" : "compare");
  gtk_widget_set_visible (self->keep_button, !self->editing);
  gtk_widget_set_visible (self->theirs_button, !self->editing);
  gtk_widget_set_visible (self->edit_button, !self->editing);
  gtk_widget_set_visible (self->send_button, self->editing);
  gtk_widget_set_visible (self->cancel_edit_button, self->editing);
  gtk_widget_set_sensitive (self->keep_button, !self->busy);
  gtk_widget_set_sensitive (self->theirs_button, !self->busy);
  gtk_widget_set_sensitive (self->send_button, !self->busy);
  gtk_widget_set_sensitive (self->cancel_edit_button, !self->busy);
}

static void
show_error (CdConflictDialog *self,
            const GError     *error)
{
  const char *request_id = error ? cd_api_error_get_request_id (error) : NULL;
  g_autofree char *text = NULL;

  if (error == NULL)
    {
      gtk_widget_set_visible (self->error_label, FALSE);
      return;
    }
  text = request_id && *request_id
         ? g_strdup_printf (_("%s\nRequest ID: %s"), error->message, request_id)
         : g_strdup (error->message);
  gtk_label_set_text (GTK_LABEL (self->error_label), text);
  gtk_widget_set_visible (self->error_label, TRUE);
}

typedef struct
{
  CdConflictDialog *self;
  CdConflictChoice  choice;
} Resolve;

static void
resolved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Resolve *resolve = user_data;
  g_autoptr(CdConflictDialog) self = resolve->self;
  CdConflictChoice choice = resolve->choice;
  g_autoptr(GError) error = NULL;

  g_free (resolve);
  if (!cd_repository_resolve_conflict_finish (CD_REPOSITORY (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->busy = FALSE;
      sync_buttons (self);
      g_debug ("Resolving outbox entry %" G_GINT64_FORMAT " failed (code %d)",
               cd_outbox_entry_get_seq (self->entry), error->code);
      show_error (self, error);
      return;
    }
  self->busy = FALSE;
  g_signal_emit (self, signals[RESOLVED], 0, (guint) choice);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
resolve (CdConflictDialog *self,
         CdConflictChoice  choice,
         JsonObject       *edited)
{
  Resolve *data;

  if (self->busy)
    return;
  data = g_new0 (Resolve, 1);
  data->self = g_object_ref (self);
  data->choice = choice;
  self->busy = TRUE;
  show_error (self, NULL);
  sync_buttons (self);
  cd_repository_resolve_conflict_async (self->repository, cd_outbox_entry_get_seq (self->entry),
                                        choice, edited, self->cancellable, resolved_cb, data);
}

static void
on_keep_clicked (CdConflictDialog *self)
{
  resolve (self, CD_CONFLICT_KEEP_MINE, NULL);
}

static void
on_theirs_clicked (CdConflictDialog *self)
{
  resolve (self, CD_CONFLICT_TAKE_THEIRS, NULL);
}

static void
on_edit_clicked (CdConflictDialog *self)
{
  self->editing = TRUE;
  sync_buttons (self);
}

static void
on_cancel_edit_clicked (CdConflictDialog *self)
{
  self->editing = FALSE;
  show_error (self, NULL);
  sync_buttons (self);
}

/* My edited text back into the body's types: strings stay strings ("" = null
 * where mine was null), anything else must parse as JSON. */
static JsonNode *
parse_edit (JsonNode   *mine,
            const char *text)
{
  g_autoptr(JsonParser) parser = NULL;

  if ((mine == NULL || JSON_NODE_HOLDS_NULL (mine)) && *text == '\0')
    return json_node_new (JSON_NODE_NULL);
  if (mine == NULL || JSON_NODE_HOLDS_NULL (mine) ||
      (JSON_NODE_HOLDS_VALUE (mine) && json_node_get_value_type (mine) == G_TYPE_STRING))
    {
      JsonNode *node = json_node_new (JSON_NODE_VALUE);

      json_node_set_string (node, text);
      return node;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static void
on_send_clicked (CdConflictDialog *self)
{
  JsonObject *body = cd_outbox_entry_get_body (self->entry);
  g_autoptr(JsonObject) edited = json_object_new ();
  g_autoptr(GList) members = body ? json_object_get_members (body) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *part = g_strdup_printf ("entry:%s", (const char *) l->data);
      GtkWidget *row = g_hash_table_lookup (self->parts, part);
      JsonNode *node = parse_edit (json_object_get_member (body, l->data),
                                   gtk_editable_get_text (GTK_EDITABLE (row)));

      gtk_widget_remove_css_class (row, "error");
      if (node == NULL)
        {
          g_autoptr(GError) error = g_error_new (CD_API_ERROR, CD_API_ERROR_VALIDATION,
                                                 _("“%s” is not valid"),
                                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

          gtk_widget_add_css_class (row, "error");
          show_error (self, error);
          return;
        }
      json_object_set_member (edited, l->data, node);
    }
  resolve (self, CD_CONFLICT_EDIT, edited);
}

/* ---- GObject ------------------------------------------------------------- */

static void
cd_conflict_dialog_dispose (GObject *object)
{
  CdConflictDialog *self = CD_CONFLICT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repository);
  g_clear_object (&self->entry);
  g_clear_pointer (&self->parts, g_hash_table_unref);
  G_OBJECT_CLASS (cd_conflict_dialog_parent_class)->dispose (object);
}

static void
cd_conflict_dialog_class_init (CdConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_conflict_dialog_dispose;
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static GtkWidget *
new_button (CdConflictDialog *self,
            const char       *mnemonic,
            const char       *part,
            GCallback         callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  g_signal_connect_swapped (button, "clicked", callback, self);
  g_hash_table_insert (self->parts, g_strdup (part), button);
  return button;
}

static GtkWidget *
build_buttons (CdConflictDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->theirs_button = new_button (self, _("_Take Theirs"), "theirs_button", G_CALLBACK (on_theirs_clicked));
  gtk_widget_set_tooltip_text (self->theirs_button, _("Drop my change and keep the server’s version"));
  self->edit_button = new_button (self, _("_Edit…"), "edit_button", G_CALLBACK (on_edit_clicked));
  gtk_widget_set_tooltip_text (self->edit_button, _("Change my version before sending it"));
  self->keep_button = new_button (self, _("_Keep Mine"), "keep_button", G_CALLBACK (on_keep_clicked));
  gtk_widget_set_tooltip_text (self->keep_button, _("Send my version over the server’s"));
  gtk_widget_add_css_class (self->keep_button, "suggested-action");
  self->cancel_edit_button = new_button (self, _("_Back"), "cancel_edit_button",
                                         G_CALLBACK (on_cancel_edit_clicked));
  self->send_button = new_button (self, _("_Send"), "send_button", G_CALLBACK (on_send_clicked));
  gtk_widget_add_css_class (self->send_button, "suggested-action");
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), self->theirs_button);
  gtk_box_append (GTK_BOX (box), self->edit_button);
  gtk_box_append (GTK_BOX (box), self->keep_button);
  gtk_box_append (GTK_BOX (box), self->cancel_edit_button);
  gtk_box_append (GTK_BOX (box), self->send_button);
  return box;
}

static void
cd_conflict_dialog_init (CdConflictDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *intro = gtk_label_new (_("This change was saved while offline, but the server’s copy "
                                      "changed in the meantime. Choose which version to keep."));
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons;

  self->cancellable = g_cancellable_new ();
  self->parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cd_offline_ui_ensure_style ();
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  self->compare_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  self->edit_group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->edit_group),
                                         _("Your version, sent on top of the server’s copy."));
  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_stack_add_named (GTK_STACK (self->stack), self->compare_box, "compare");
  gtk_stack_add_named (GTK_STACK (self->stack), self->edit_group, "edit");
  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->error_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  g_hash_table_insert (self->parts, g_strdup ("error_label"), self->error_label);
  buttons = build_buttons (self);

  gtk_widget_set_margin_top (body, 18);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_box_append (GTK_BOX (body), intro);
  gtk_box_append (GTK_BOX (body), self->stack);
  /* The error and the choices stay visible below the (scrolling) values. */
  gtk_box_append (GTK_BOX (footer), self->error_label);
  gtk_box_append (GTK_BOX (footer), buttons);
  gtk_widget_set_margin_top (footer, 12);
  gtk_widget_set_margin_bottom (footer, 12);
  gtk_widget_set_margin_start (footer, 12);
  gtk_widget_set_margin_end (footer, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_child (ADW_CLAMP (clamp), body);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (content), scroller);
  gtk_box_append (GTK_BOX (content), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (content), footer);
  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_window_set_title (GTK_WINDOW (self), _("Resolve Conflict"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 440);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
}

CdConflictDialog *
cd_conflict_dialog_new (CdRepository  *repository,
                        CdOutboxEntry *entry)
{
  CdConflictDialog *self;
  GtkWidget *header;
  GtkWidget *title;

  g_return_val_if_fail (CD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CD_IS_OUTBOX_ENTRY (entry), NULL);

  self = g_object_new (CD_TYPE_CONFLICT_DIALOG, NULL);
  self->repository = g_object_ref (repository);
  self->entry = g_object_ref (entry);
  /* The entry's label (field names, never values) says what is in conflict. */
  header = gtk_widget_get_first_child (adw_window_get_content (ADW_WINDOW (self)));
  title = adw_window_title_new (_("Resolve Conflict"), cd_outbox_entry_get_label (entry));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  build_members (self);
  sync_buttons (self);
  /* Not the first value label: focusing a selectable label selects its text. */
  gtk_window_set_default_widget (GTK_WINDOW (self), self->keep_button);
  gtk_window_set_focus (GTK_WINDOW (self), self->keep_button);
  return self;
}

CdOutboxEntry *
cd_conflict_dialog_get_entry (CdConflictDialog *self)
{
  g_return_val_if_fail (CD_IS_CONFLICT_DIALOG (self), NULL);
  return self->entry;
}

gboolean
cd_conflict_dialog_get_busy (CdConflictDialog *self)
{
  g_return_val_if_fail (CD_IS_CONFLICT_DIALOG (self), FALSE);
  return self->busy;
}

GtkWidget *
cd_conflict_dialog_get_part (CdConflictDialog *self,
                             const char       *name)
{
  g_return_val_if_fail (CD_IS_CONFLICT_DIALOG (self), NULL);
  return name ? g_hash_table_lookup (self->parts, name) : NULL;
}
