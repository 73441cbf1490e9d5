/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-dialogs"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cd-custom-field.h"
#include "cd-dialogs-util.h"
#include "cd-edit-dialog-private.h"
#include "cd-error.h"
#include "cd-format.h"
#include "cd-offline-ui.h"
#include "cd-repository-contacts.h"
#include "cd-rules.h"

typedef enum
{
  KIND_TEXT,
  KIND_PHONE,
  KIND_EMAIL,
  KIND_TIMEZONE,
  KIND_COUNTRY,
  KIND_TAGS,
  KIND_NUMBER,
  KIND_DATE,
  KIND_BOOLEAN,
  KIND_ENUM,
  KIND_READ_ONLY,
} FieldKind;

/* One editable member of the contact and its widgets. */
typedef struct
{
  char          *member;     /* "company" or "custom_fields.budget" */
  const char    *key;        /* custom field key (points into member), NULL for core */
  FieldKind      kind;
  gboolean       required;
  char         **enum_values; /* KIND_ENUM: value per dropdown position − 1 */
  GtkWidget     *row;
  GtkWidget     *input;
  GtkWidget     *message_row;
  GtkLabel      *message;
} Field;

struct _CdEditDialog
{
  AdwWindow      parent_instance;

  CdRepository  *repository;
  CdContact     *contact;    /* as the page showed it */
  CdContact     *base;       /* the copy being edited (matches etag) */
  char          *etag;
  GListModel    *definitions;
  GtkStringList *zones;
  GCancellable  *cancellable;
  guint          pending;
  gboolean       loaded;
  gboolean       in_flight;
  gboolean       queued;     /* the save waits in the outbox */

  GPtrArray     *fields;     /* Field */
  GPtrArray     *tags;       /* char *, the chips */
  JsonObject    *reapply;    /* the user's edits while reloading after a 412 */

  GtkButton     *save_button;
  GtkLabel      *error_label;
  GtkWidget     *conflict_box;
  GtkButton     *reload_button;
  GtkWidget     *form;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *labels_group;
  AdwPreferencesGroup *custom_group;
  GtkFlowBox    *chips;
};

G_DEFINE_FINAL_TYPE (CdEditDialog, cd_edit_dialog, ADW_TYPE_WINDOW)

enum
{
  CONTACT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define CUSTOM_PREFIX "custom_fields."

/* ---- helpers ------------------------------------------------------------ */

static void
field_free (Field *field)
{
  g_free (field->member);
  g_strfreev (field->enum_values);
  g_free (field);
}

static Field *
find_field (CdEditDialog *self,
            const char   *member)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (field->member, member) == 0)
        return field;
    }
  return NULL;
}

static CdCustomField *
find_definition (CdEditDialog *self,
                 const char   *key)
{
  guint n = self->definitions != NULL ? g_list_model_get_n_items (self->definitions) : 0;

  for (guint i = 0; key != NULL && i < n; i++)
    {
      g_autoptr(CdCustomField) definition = g_list_model_get_item (self->definitions, i);

      if (g_strcmp0 (cd_custom_field_get_key (definition), key) == 0)
        return definition;   /* the list keeps it alive */
    }
  return NULL;
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_NULL);

  if (text != NULL && *text != '\0')
    json_node_init_string (node, text);
  return node;
}

static gboolean
valid_date (const char *text)
{
  guint y, m, d;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[8]))
    return FALSE;
  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  return y >= 1 && y <= 9999 && g_date_valid_dmy (d, m, y);
}

static const char *
entry_text (Field *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (field->input));
}

static void
set_message (Field      *field,
             const char *message)
{
  if (field->message == NULL)
    return;
  gtk_label_set_text (field->message, message ?: "");
  gtk_widget_set_visible (field->message_row, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");
}

/* The base (server) value of @field as JSON; never NULL. */
static JsonNode *
base_value (CdEditDialog *self,
            Field        *field)
{
  CdContact *c = self->base;

  if (field->key != NULL)
    {
      JsonNode *node = json_object_get_member (cd_contact_get_custom_fields (c), field->key);

      if (field->kind == KIND_BOOLEAN && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
        {
          JsonNode *no = json_node_new (JSON_NODE_VALUE);

          json_node_set_boolean (no, FALSE);
          return no;
        }
      return node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL);
    }
  if (field->kind == KIND_TAGS)
    {
      JsonArray *array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (const char * const *t = cd_contact_get_tags (c); *t != NULL; t++)
        json_array_add_string_element (array, *t);
      json_node_take_array (node, array);
      return node;
    }
#define CORE(name) if (g_str_equal (field->member, #name)) return string_node (cd_contact_get_##name (c))
  CORE (first_name);
  CORE (last_name);
  CORE (phone_e164);
  CORE (email);
  CORE (company);
  CORE (timezone);
  CORE (country_code);
#undef CORE
  return json_node_new (JSON_NODE_NULL);
}

static guint
string_list_find (GListModel *list,
                  const char *text)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 1; i < n; i++)
    {
      const char *item = gtk_string_list_get_string (GTK_STRING_LIST (list), i);

      if (g_strcmp0 (item, text) == 0)
        return i;
    }
  return 0;
}

static char *
number_text (JsonNode *node)
{
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE)
    return NULL;
  value = json_node_get_double (node);
  if (value == (double) (gint64) value)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  return g_strdup_printf ("%.15g", value);
}

static void rebuild_chips (CdEditDialog *self);

/* Shows @node (the base or a re-applied edit) in @field's widget. */
static void
field_set_value (CdEditDialog *self,
                 Field        *field,
                 JsonNode     *node)
{
  const char *text = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                     json_node_get_value_type (node) == G_TYPE_STRING
                     ? json_node_get_string (node) : NULL;

  switch (field->kind)
    {
    case KIND_TEXT:
    case KIND_PHONE:
    case KIND_EMAIL:
    case KIND_DATE:
      gtk_editable_set_text (GTK_EDITABLE (field->input), text ?: "");
      break;
    case KIND_NUMBER:
      {
        g_autofree char *number = number_text (node);

        gtk_editable_set_text (GTK_EDITABLE (field->input), number ?: "");
      }
      break;
    case KIND_TIMEZONE:
      gtk_drop_down_set_selected (GTK_DROP_DOWN (field->input),
                                  string_list_find (G_LIST_MODEL (self->zones), text));
      break;
    case KIND_COUNTRY:
      {
        guint position = 0;

        for (guint i = 0; text != NULL && i < cd_country_count (); i++)
          if (g_ascii_strcasecmp (cd_country_code_at (i), text) == 0)
            position = i + 1;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (field->input), position);
      }
      break;
    case KIND_ENUM:
      {
        guint position = 0;

        for (guint i = 0; text != NULL && field->enum_values[i] != NULL; i++)
          if (g_str_equal (field->enum_values[i], text))
            position = i + 1;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (field->input), position);
      }
      break;
    case KIND_BOOLEAN:
      gtk_switch_set_active (GTK_SWITCH (field->input),
                             node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                             json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                             json_node_get_boolean (node));
      break;
    case KIND_TAGS:
      g_ptr_array_set_size (self->tags, 0);
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (element) &&
                  json_node_get_value_type (element) == G_TYPE_STRING)
                g_ptr_array_add (self->tags, g_strdup (json_node_get_string (element)));
            }
        }
      rebuild_chips (self);
      break;
    case KIND_READ_ONLY:
      {
        g_autofree char *shown =
          node != NULL ? cd_custom_field_dup_value_text (find_definition (self, field->key), node)
                       : NULL;

        adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), shown ?: CD_EM_DASH);
      }
      break;
    default:
      break;
    }
}

/* The form's value of @field as JSON, or NULL (and a message) when invalid. */
static JsonNode *
field_get_value (CdEditDialog *self,
                 Field        *field)
{
  g_autofree char *text = NULL;
  guint position;

  switch (field->kind)
    {
    case KIND_TEXT:
    case KIND_PHONE:
    case KIND_EMAIL:
    case KIND_DATE:
    case KIND_NUMBER:
      text = g_strstrip (g_strdup (entry_text (field)));
      if (*text == '\0')
        return json_node_new (JSON_NODE_NULL);
      if (field->kind == KIND_PHONE && !g_regex_match_simple ("^\\+[0-9]{8,15}$", text, 0, 0))
        return set_message (field, _("Use the international format: + then 8–15 digits")), NULL;
      if (field->kind == KIND_EMAIL &&
          !g_regex_match_simple ("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", text, 0, 0))
        return set_message (field, _("Enter a valid email address")), NULL;
      if (field->kind == KIND_DATE && !valid_date (text))
        return set_message (field, _("Enter a date as YYYY-MM-DD")), NULL;
      if (field->kind == KIND_NUMBER)
        {
          char *end = NULL;
          double value = g_ascii_strtod (text, &end);
          JsonNode *node = json_node_new (JSON_NODE_VALUE);

          if (end == text || *end != '\0' || !isfinite (value))
            {
              json_node_unref (node);
              return set_message (field, _("Enter a number")), NULL;
            }
          if (value == (double) (gint64) value && fabs (value) < 1e15)
            json_node_set_int (node, (gint64) value);
          else
            json_node_set_double (node, value);
          return node;
        }
      return string_node (text);
    case KIND_TIMEZONE:
      position = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->input));
      return string_node (position > 0 && position != GTK_INVALID_LIST_POSITION
                          ? gtk_string_list_get_string (self->zones, position) : NULL);
    case KIND_COUNTRY:
      position = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->input));
      return string_node (position > 0 && position <= cd_country_count ()
                          ? cd_country_code_at (position - 1) : NULL);
    case KIND_ENUM:
      position = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->input));
      return string_node (position > 0 && position <= g_strv_length (field->enum_values)
                          ? field->enum_values[position - 1] : NULL);
    case KIND_BOOLEAN:
      {
        JsonNode *node = json_node_new (JSON_NODE_VALUE);

        json_node_set_boolean (node, gtk_switch_get_active (GTK_SWITCH (field->input)));
        return node;
      }
    case KIND_TAGS:
      {
        JsonArray *array = json_array_new ();
        JsonNode *node = json_node_new (JSON_NODE_ARRAY);

        for (guint i = 0; i < self->tags->len; i++)
          json_array_add_string_element (array, g_ptr_array_index (self->tags, i));
        json_node_take_array (node, array);
        return node;
      }
    case KIND_READ_ONLY:
    default:
      return NULL;
    }
}

/*
 * Validates the whole form; returns the changed members only (custom fields
 * nested under "custom_fields"), or NULL when any input is invalid.
 */
static JsonObject *
collect_changes (CdEditDialog *self)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) custom = json_object_new ();
  gboolean valid = TRUE;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autoptr(JsonNode) value = NULL;
      g_autoptr(JsonNode) base = NULL;

      if (field->kind == KIND_READ_ONLY)
        continue;
      set_message (field, NULL);
      value = field_get_value (self, field);
      if (value == NULL)
        {
          valid = FALSE;
          continue;
        }
      if (field->required && JSON_NODE_HOLDS_NULL (value))
        {
          set_message (field, _("Required"));
          valid = FALSE;
          continue;
        }
      base = base_value (self, field);
      if (json_node_equal (value, base))
        continue;
      if (field->key != NULL)
        json_object_set_member (custom, field->key, g_steal_pointer (&value));
      else
        json_object_set_member (changes, field->member, g_steal_pointer (&value));
    }
  if (!valid)
    return NULL;
  if (json_object_get_size (custom) > 0)
    json_object_set_object_member (changes, "custom_fields", g_steal_pointer (&custom));
  return g_steal_pointer (&changes);
}

static void
update_actions (CdEditDialog *self)
{
  gtk_widget_set_sensitive (self->form, self->loaded && !self->in_flight);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->loaded && !self->in_flight);
  gtk_button_set_label (self->save_button, self->in_flight ? _("Saving…") : _("_Save"));
}

/* ---- labels (chips) ----------------------------------------------------- */

static void
remove_chip_cb (GtkButton    *button,
                CdEditDialog *self)
{
  GtkWidget *child = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_FLOW_BOX_CHILD);
  int index = child != NULL ? gtk_flow_box_child_get_index (GTK_FLOW_BOX_CHILD (child)) : -1;

  /* Chips are rebuilt from self->tags in order, so the child index is the tag's. */
  if (index >= 0 && (guint) index < self->tags->len)
    g_ptr_array_remove_index (self->tags, index);
  rebuild_chips (self);
}

static void
rebuild_chips (CdEditDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_flow_box_remove (self->chips, child);
  for (guint i = 0; i < self->tags->len; i++)
    {
      const char *tag = g_ptr_array_index (self->tags, i);
      GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Remove label “%s”"), tag);

      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      gtk_widget_add_css_class (chip, "cd-chip");
      gtk_widget_add_css_class (chip, "card");
      gtk_box_append (GTK_BOX (chip), gtk_label_new (tag));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, tooltip);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_chip_cb), self);
      gtk_box_append (GTK_BOX (chip), button);
      gtk_flow_box_append (self->chips, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chips), self->tags->len > 0);
}

static void
add_label_cb (AdwEntryRow  *row,
              CdEditDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  Field *field = find_field (self, "tags");

  set_message (field, NULL);
  if (*text == '\0')
    return;
  if (g_utf8_strlen (text, -1) > 50)
    {
      set_message (field, _("A label can have at most 50 characters"));
      return;
    }
  for (guint i = 0; i < self->tags->len; i++)
    if (g_str_equal (g_ptr_array_index (self->tags, i), text))
      {
        gtk_editable_set_text (GTK_EDITABLE (row), "");
        return;
      }
  g_ptr_array_add (self->tags, g_steal_pointer (&text));
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  rebuild_chips (self);
}

/* ---- building the form -------------------------------------------------- */

static Field *
add_field (CdEditDialog        *self,
           AdwPreferencesGroup *group,
           const char          *member,
           FieldKind            kind,
           GtkWidget           *row,
           GtkWidget           *input)
{
  Field *field = g_new0 (Field, 1);

  field->member = g_strdup (member);
  field->key = g_str_has_prefix (field->member, CUSTOM_PREFIX)
               ? field->member + strlen (CUSTOM_PREFIX) : NULL;
  field->kind = kind;
  field->row = row;
  field->input = input;
  adw_preferences_group_add (group, row);
  if (kind != KIND_READ_ONLY)
    {
      /* The message sits right under its field, in the same list. */
      field->message = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (field->message, TRUE);
      gtk_label_set_xalign (field->message, 0);
      gtk_widget_add_css_class (GTK_WIDGET (field->message), "error");
      gtk_widget_add_css_class (GTK_WIDGET (field->message), "caption");
      gtk_widget_add_css_class (GTK_WIDGET (field->message), "cd-field-message");
      field->message_row = adw_preferences_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field->message_row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (field->message_row),
                                  GTK_WIDGET (field->message));
      gtk_widget_set_visible (field->message_row, FALSE);
      adw_preferences_group_add (group, field->message_row);
    }
  g_ptr_array_add (self->fields, field);
  return field;
}

static GtkWidget *
entry_row_new (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

static Field *
add_entry_field (CdEditDialog        *self,
                 AdwPreferencesGroup *group,
                 const char          *member,
                 const char          *title,
                 FieldKind            kind)
{
  GtkWidget *row = entry_row_new (title);

  if (kind == KIND_PHONE)
    gtk_editable_set_max_width_chars (GTK_EDITABLE (row), 16);
  return add_field (self, group, member, kind, row, row);
}

static Field *
add_dropdown_field (CdEditDialog        *self,
                    AdwPreferencesGroup *group,
                    const char          *member,
                    const char          *title,
                    FieldKind            kind,
                    GListModel          *model)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown = gtk_drop_down_new (model, NULL);
  /* set_expression takes its own reference. */
  g_autoptr(GtkExpression) expression =
    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown), expression);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  return add_field (self, group, member, kind, row, dropdown);
}

static GListModel *
country_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Not set"));
  for (guint i = 0; i < cd_country_count (); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s (%s)", cd_country_name_at (i),
                                               cd_country_code_at (i));

      gtk_string_list_append (list, text);
    }
  return G_LIST_MODEL (list);
}

static void
build_core_fields (CdEditDialog *self)
{
  AdwPreferencesGroup *group = self->contact_group;
  GtkWidget *add_row, *chips_row;

  add_entry_field (self, group, "first_name", _("First name"), KIND_TEXT);
  add_entry_field (self, group, "last_name", _("Last name"), KIND_TEXT);
  add_entry_field (self, group, "phone_e164", _("Phone (E.164, e.g. +14155550100)"), KIND_PHONE);
  add_entry_field (self, group, "email", _("Email"), KIND_EMAIL);
  add_entry_field (self, group, "company", _("Company"), KIND_TEXT);
  add_dropdown_field (self, group, "timezone", _("Timezone"), KIND_TIMEZONE,
                      g_object_ref (G_LIST_MODEL (self->zones)));
  add_dropdown_field (self, group, "country_code", _("Country"), KIND_COUNTRY, country_model ());

  chips_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (chips_row), FALSE);
  self->chips = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->chips, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->chips, 20);
  g_object_set (self->chips, "margin-top", 6, "margin-bottom", 6, "margin-start", 6,
                "margin-end", 6, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (chips_row), GTK_WIDGET (self->chips));
  adw_preferences_group_add (self->labels_group, chips_row);
  add_row = entry_row_new (_("Add label"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add_row), TRUE);
  g_signal_connect (add_row, "apply", G_CALLBACK (add_label_cb), self);
  g_signal_connect (add_row, "entry-activated", G_CALLBACK (add_label_cb), self);
  add_field (self, self->labels_group, "tags", KIND_TAGS, add_row, add_row);
}

static void
add_custom_field (CdEditDialog  *self,
                  CdCustomField *definition)
{
  const char *key = cd_custom_field_get_key (definition);
  const char *label = cd_custom_field_get_label (definition) ?: key;
  g_autofree char *member = g_strconcat (CUSTOM_PREFIX, key, NULL);
  AdwPreferencesGroup *group = self->custom_group;
  Field *field = NULL;

  if (cd_custom_field_get_signal (definition))
    {
      /* Filled by calls and campaigns: shown, never edited. */
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *note = gtk_label_new (_("Set by calls"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_tooltip_text (row, _("Filled by calls and campaigns"));
      gtk_widget_add_css_class (note, "dim-label");
      gtk_widget_add_css_class (note, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), note);
      add_field (self, group, member, KIND_READ_ONLY, row, row);
      return;
    }
  switch (cd_custom_field_get_field_type (definition))
    {
    case CD_FIELD_TYPE_NUMBER:
      field = add_entry_field (self, group, member, label, KIND_NUMBER);
      break;
    case CD_FIELD_TYPE_DATE:
      {
        g_autofree char *title = g_strdup_printf (_("%s (YYYY-MM-DD)"), label);

        field = add_entry_field (self, group, member, title, KIND_DATE);
      }
      break;
    case CD_FIELD_TYPE_BOOLEAN:
      {
        GtkWidget *row = adw_action_row_new ();
        GtkWidget *toggle = gtk_switch_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
        field = add_field (self, group, member, KIND_BOOLEAN, row, toggle);
      }
      break;
    case CD_FIELD_TYPE_ENUM:
      {
        const char * const *values = cd_custom_field_get_enum_values (definition);
        GtkStringList *labels = gtk_string_list_new (NULL);

        gtk_string_list_append (labels, _("Not set"));
        for (guint i = 0; values[i] != NULL; i++)
          gtk_string_list_append (labels, cd_custom_field_get_enum_label (definition, values[i])
                                          ?: values[i]);
        field = add_dropdown_field (self, group, member, label, KIND_ENUM, G_LIST_MODEL (labels));
        field->enum_values = g_strdupv ((char **) values);
      }
      break;
    case CD_FIELD_TYPE_TEXT:
    case CD_FIELD_TYPE_UNKNOWN:
    default:
      field = add_entry_field (self, group, member, label, KIND_TEXT);
      break;
    }
  field->required = cd_custom_field_get_required (definition);
}

static void
populate (CdEditDialog *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autoptr(JsonNode) value = base_value (self, field);

      field_set_value (self, field, value);
      set_message (field, NULL);
    }
}

static void
build_form (CdEditDialog *self)
{
  guint n = self->definitions != NULL ? g_list_model_get_n_items (self->definitions) : 0;

  build_core_fields (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdCustomField) definition = g_list_model_get_item (self->definitions, i);

      if (cd_custom_field_get_key (definition) != NULL)
        add_custom_field (self, definition);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->custom_group), n > 0);
}

/* ---- loading ------------------------------------------------------------ */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* tzdata.zi: "Z Area/City …" declares a zone, "L Target Area/Alias" a link. */
static void
parse_zones (CdEditDialog *self,
             const char   *data,
             gsize         length)
{
  g_autofree char *text = g_strndup (data, length);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;

      if (!g_str_has_prefix (lines[i], "Z ") && !g_str_has_prefix (lines[i], "L "))
        continue;
      words = g_strsplit (lines[i], " ", 4);
      if (words[1] == NULL)
        continue;
      if (lines[i][0] == 'Z')
        g_ptr_array_add (names, g_strdup (words[1]));
      else if (words[2] != NULL)
        g_ptr_array_add (names, g_strdup (words[2]));
    }
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      /* Compares with the previous name: the array frees them all at the end. */
      if (i == 0 || g_strcmp0 (names->pdata[i], names->pdata[i - 1]) != 0)
        gtk_string_list_append (self->zones, names->pdata[i]);
    }
}

static void
form_ready (CdEditDialog *self)
{
  if (--self->pending > 0)
    return;
  if (self->base == NULL)
    return;
  /* A zone the system does not know (or no zone data): still selectable. */
  if (cd_contact_get_timezone (self->base) != NULL &&
      string_list_find (G_LIST_MODEL (self->zones), cd_contact_get_timezone (self->base)) == 0)
    gtk_string_list_append (self->zones, cd_contact_get_timezone (self->base));
  build_form (self);
  populate (self);
  self->loaded = TRUE;
  update_actions (self);
}

static void
zones_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdEditDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &data, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("No zone data: %s", error->message);
      gtk_string_list_append (self->zones, "UTC");
    }
  else
    parse_zones (self, data, length);
  form_ready (self);
}

static void
definitions_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdEditDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->definitions = cd_repository_get_custom_fields_finish (CD_REPOSITORY (object), result,
                                                              &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  form_ready (self);
}

static void
contact_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CdEditDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  CdContact *contact;

  contact = cd_repository_load_contact_finish (CD_REPOSITORY (object), result, &etag, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Offline the copy the page shows is edited; the save waits in the outbox,
   * which sends it with the ETag the cache holds for that copy. */
  if (contact == NULL && (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NETWORK) ||
                          g_error_matches (error, CD_API_ERROR, CD_API_ERROR_TIMEOUT)))
    contact = g_object_ref (self->contact);
  if (contact == NULL)
    {
      cd_dialogs_show_error (self->error_label, error);
      return;
    }
  self->base = contact;
  g_free (self->etag);
  self->etag = g_steal_pointer (&etag);
  form_ready (self);
}

/* ---- saving ------------------------------------------------------------- */

/* 422: each message under its field; the rest (and the summary) on top. */
static void
show_field_errors (CdEditDialog *self,
                   const GError *error)
{
  g_auto(GStrv) names = cd_api_error_dup_fields (error);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      Field *field = find_field (self, names[i]);
      const char * const *messages = cd_api_error_get_field_messages (error, names[i]);
      g_autofree char *joined = g_strjoinv ("\n", (char **) messages);

      if (field != NULL && messages != NULL)
        set_message (field, joined);
    }
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CdEditDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdContact) contact = NULL;

  contact = cd_repository_update_contact_finish (CD_REPOSITORY (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->in_flight = FALSE;
  update_actions (self);
  if (contact != NULL)
    {
      self->queued = cd_offline_ui_was_queued (result);
      g_signal_emit (self, signals[CONTACT_CHANGED], 0, contact);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_PRECONDITION_FAILED))
    {
      gtk_widget_set_visible (self->conflict_box, TRUE);
      return;
    }
  if (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_VALIDATION))
    show_field_errors (self, error);
  cd_dialogs_show_error (self->error_label, error);
}

static void
on_save_clicked (CdEditDialog *self)
{
  g_autoptr(JsonObject) changes = NULL;

  if (!self->loaded || self->in_flight)
    return;
  cd_dialogs_show_error (self->error_label, NULL);
  changes = collect_changes (self);
  if (changes == NULL)
    return;   /* invalid input is flagged on its field, never sent */
  if (json_object_get_size (changes) == 0)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  self->in_flight = TRUE;
  update_actions (self);
  cd_repository_update_contact_async (self->repository, cd_contact_get_id (self->base), changes,
                                      self->etag, self->cancellable, saved_cb,
                                      g_object_ref (self));
}

/* Loads the server's copy, then puts the user's edits back on top of it. */
static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CdEditDialog) self = user_data;
  g_autoptr(JsonObject) edits = g_steal_pointer (&self->reapply);
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  CdContact *contact;
  JsonObject *custom;

  contact = cd_repository_load_contact_finish (CD_REPOSITORY (object), result, &etag, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->in_flight = FALSE;
  update_actions (self);
  if (contact == NULL)
    {
      cd_dialogs_show_error (self->error_label, error);
      return;
    }
  g_set_object (&self->base, contact);
  g_object_unref (contact);
  g_free (self->etag);
  self->etag = g_steal_pointer (&etag);
  populate (self);
  for (guint i = 0; i < self->fields->len && edits != NULL; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      custom = json_object_get_member (edits, "custom_fields") != NULL
               ? json_object_get_object_member (edits, "custom_fields") : NULL;
      if (field->key == NULL && json_object_has_member (edits, field->member))
        field_set_value (self, field, json_object_get_member (edits, field->member));
      else if (field->key != NULL && custom != NULL && json_object_has_member (custom, field->key))
        field_set_value (self, field, json_object_get_member (custom, field->key));
    }
  gtk_widget_set_visible (self->conflict_box, FALSE);
}

static void
on_reload_clicked (CdEditDialog *self)
{
  if (self->in_flight)
    return;
  /* Only valid edits can be re-applied; invalid ones stay flagged on their fields. */
  g_clear_pointer (&self->reapply, json_object_unref);
  self->reapply = collect_changes (self);
  self->in_flight = TRUE;
  update_actions (self);
  cd_repository_load_contact_async (self->repository, cd_contact_get_id (self->base),
                                    self->cancellable, reloaded_cb, g_object_ref (self));
}

static void
on_cancel_clicked (CdEditDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- GObject ------------------------------------------------------------ */

static GtkWidget *
build_header (CdEditDialog *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  return header;
}

static GtkWidget *
build_conflict_box (CdEditDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("This contact was changed elsewhere. Reload it and "
                                      "re-apply your changes, then review and save."));

  gtk_widget_add_css_class (box, "cd-dialog-error");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  self->reload_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Reload and Re-apply")));
  gtk_widget_set_valign (GTK_WIDGET (self->reload_button), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->reload_button, "clicked", G_CALLBACK (on_reload_clicked), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reload_button));
  gtk_widget_set_visible (box, FALSE);
  return box;
}

static GtkWidget *
build_content (CdEditDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_box_append (GTK_BOX (content), build_header (self));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  g_object_set (clamp, "margin-top", 18, "margin-bottom", 18, "margin-start", 12,
                "margin-end", 12, "maximum-size", 560, NULL);
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "cd-dialog-error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  self->conflict_box = build_conflict_box (self);
  gtk_box_append (GTK_BOX (box), self->conflict_box);
  self->form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  self->contact_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->labels_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->labels_group, _("Labels"));
  self->custom_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->custom_group, _("Custom fields"));
  gtk_box_append (GTK_BOX (self->form), GTK_WIDGET (self->contact_group));
  gtk_box_append (GTK_BOX (self->form), GTK_WIDGET (self->labels_group));
  gtk_box_append (GTK_BOX (self->form), GTK_WIDGET (self->custom_group));
  gtk_box_append (GTK_BOX (box), self->form);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (content), scrolled);
  return content;
}

static void
cd_edit_dialog_dispose (GObject *object)
{
  CdEditDialog *self = CD_EDIT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->repository);
  g_clear_object (&self->contact);
  g_clear_object (&self->base);
  g_clear_object (&self->definitions);
  g_clear_object (&self->zones);
  G_OBJECT_CLASS (cd_edit_dialog_parent_class)->dispose (object);
}

static void
cd_edit_dialog_finalize (GObject *object)
{
  CdEditDialog *self = CD_EDIT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->reapply, json_object_unref);
  g_free (self->etag);
  G_OBJECT_CLASS (cd_edit_dialog_parent_class)->finalize (object);
}

static void
cd_edit_dialog_class_init (CdEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_edit_dialog_dispose;
  object_class->finalize = cd_edit_dialog_finalize;

  signals[CONTACT_CHANGED] = g_signal_new ("contact-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, CD_TYPE_CONTACT);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_edit_dialog_init (CdEditDialog *self)
{
  cd_dialogs_ensure_style ();
  self->cancellable = g_cancellable_new ();
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->zones = gtk_string_list_new (NULL);
  gtk_string_list_append (self->zones, _("Not set"));
  gtk_window_set_title (GTK_WINDOW (self), _("Edit contact"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 720);
  adw_window_set_content (ADW_WINDOW (self), build_content (self));
  update_actions (self);
}

/* ---- public API --------------------------------------------------------- */

CdEditDialog *
cd_edit_dialog_new (CdRepository *repository,
                    CdContact    *contact)
{
  CdEditDialog *self;
  g_autoptr(GFile) zones = g_file_new_for_path ("/usr/share/zoneinfo/tzdata.zi");

  g_return_val_if_fail (CD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CD_IS_CONTACT (contact), NULL);

  self = g_object_new (CD_TYPE_EDIT_DIALOG, NULL);
  self->repository = g_object_ref (repository);
  self->contact = g_object_ref (contact);
  /* The copy to edit must come with its ETag (If-Match), so it is fetched. */
  self->pending = 3;
  cd_repository_load_contact_async (repository, cd_contact_get_id (contact), self->cancellable,
                                    contact_loaded_cb, g_object_ref (self));
  cd_repository_get_custom_fields_async (repository, self->cancellable, definitions_cb,
                                         g_object_ref (self));
  g_file_load_contents_async (zones, self->cancellable, zones_loaded_cb, g_object_ref (self));
  return self;
}

gboolean
cd_edit_dialog_get_loaded (CdEditDialog *self)
{
  return self->loaded;
}

GtkWidget *
cd_edit_dialog_get_input (CdEditDialog *self,
                          const char   *member)
{
  Field *field = find_field (self, member);

  return field != NULL ? field->input : NULL;
}

GtkWidget *
cd_edit_dialog_get_row (CdEditDialog *self,
                        const char   *member)
{
  Field *field = find_field (self, member);

  return field != NULL ? field->row : NULL;
}

GtkLabel *
cd_edit_dialog_get_message (CdEditDialog *self,
                            const char   *member)
{
  Field *field = find_field (self, member);

  return field != NULL ? field->message : NULL;
}

GtkButton *
cd_edit_dialog_get_save_button (CdEditDialog *self)
{
  return self->save_button;
}

GtkLabel *
cd_edit_dialog_get_error_label (CdEditDialog *self)
{
  return self->error_label;
}

GtkWidget *
cd_edit_dialog_get_conflict_box (CdEditDialog *self)
{
  return self->conflict_box;
}

GtkButton *
cd_edit_dialog_get_reload_button (CdEditDialog *self)
{
  return self->reload_button;
}

char **
cd_edit_dialog_dup_labels (CdEditDialog *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **labels;

  for (guint i = 0; i < self->tags->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->tags, i));
  labels = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return labels;
}

GtkButton *
cd_edit_dialog_get_label_remove_button (CdEditDialog *self,
                                        const char   *label)
{
  for (guint i = 0; i < self->tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->tags, i), label) == 0)
      {
        GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->chips, i);
        GtkWidget *chip = gtk_flow_box_child_get_child (child);

        return GTK_BUTTON (gtk_widget_get_last_child (chip));
      }
  return NULL;
}

gboolean
cd_edit_dialog_get_queued (CdEditDialog *self)
{
  g_return_val_if_fail (CD_IS_EDIT_DIALOG (self), FALSE);
  return self->queued;
}
