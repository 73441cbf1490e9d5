/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-agent.h"
#include "cd-call-dialog-private.h"
#include "cd-custom-field.h"
#include "cd-dialogs-util.h"
#include "cd-format.h"
#include "cd-phone-number.h"
#include "cd-repository-contacts.h"
#include "cd-rules.h"

/* One mappable variable of the chosen agent. */
typedef struct
{
  char        *name;
  GtkWidget   *row;
  GtkDropDown *source;
  GtkEntry    *entry;
  GtkLabel    *preview;
} VariableRow;

struct _CdCallDialog
{
  AdwWindow       parent_instance;

  CdRepository   *repository;
  CdContact      *contact;
  GCancellable   *cancellable;
  char           *idempotency_key;   /* one per dialog: a retry never dials twice */

  GListModel     *numbers;
  GListModel     *agents;
  GListModel     *definitions;
  guint           pending;           /* catalog requests in flight */
  GError         *load_error;
  gboolean        in_flight;

  GtkStringList  *source_labels;     /* "Manual value", then the fields */
  GPtrArray      *source_ids;        /* field id per source position (NULL = manual) */
  GPtrArray      *variables;         /* VariableRow */

  GtkLabel       *intro_label;
  GtkLabel       *error_label;
  GtkButton      *start_button;
  GtkButton      *cancel_button;
  AdwActionRow   *number_row;
  AdwActionRow   *agent_row;
  GtkDropDown    *number_dropdown;
  GtkDropDown    *agent_dropdown;
  AdwPreferencesGroup *variables_group;
};

G_DEFINE_FINAL_TYPE (CdCallDialog, cd_call_dialog, ADW_TYPE_WINDOW)

enum
{
  CALL_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Contact fields a variable can be mapped to (ids as the server resolves them). */
static const struct
{
  const char *id;
  const char *label;
} contact_fields[] = {
  { "name", N_("Name") },
  { "first_name", N_("First name") },
  { "last_name", N_("Last name") },
  { "email", N_("Email") },
  { "company", N_("Company") },
  { "timezone", N_("Timezone") },
  { "country_code", N_("Country") },
  { "tags", N_("Labels") },
};

/* Common variable names and the field they usually mean. */
static const struct
{
  const char *alias;
  const char *field;
} synonyms[] = {
  { "customer_name", "name" }, { "contact_name", "name" }, { "full_name", "name" },
  { "lead_name", "name" }, { "customer", "name" }, { "firstname", "first_name" },
  { "given_name", "first_name" }, { "first", "first_name" }, { "lastname", "last_name" },
  { "surname", "last_name" }, { "family_name", "last_name" }, { "business", "company" },
  { "business_name", "company" }, { "company_name", "company" }, { "organization", "company" },
  { "organisation", "company" }, { "employer", "company" }, { "email_address", "email" },
  { "mail", "email" }, { "time_zone", "timezone" }, { "tz", "timezone" },
  { "country", "country_code" }, { "country_name", "country_code" }, { "labels", "tags" },
  { "tag", "tags" },
};

#define CUSTOM_PREFIX "custom_fields."

/* ---- helpers ------------------------------------------------------------ */

static void
variable_row_free (VariableRow *row)
{
  g_signal_handlers_disconnect_by_data (row->source, row);
  g_object_unref (row->source);
  g_free (row->name);
  g_free (row);
}

static char *
non_empty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static CdCustomField *
find_definition (CdCallDialog *self,
                 const char   *key)
{
  guint n = self->definitions != NULL ? g_list_model_get_n_items (self->definitions) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdCustomField) field = g_list_model_get_item (self->definitions, i);

      if (g_strcmp0 (cd_custom_field_get_key (field), key) == 0)
        return field;
    }
  return NULL;
}

static char *
full_name (CdContact *contact)
{
  g_autofree char *joined = g_strjoin (" ", cd_contact_get_first_name (contact) ?: "",
                                       cd_contact_get_last_name (contact) ?: "", NULL);

  return non_empty (g_strstrip (joined));
}

/* The contact's current value of @field_id as shown in the preview, or NULL. */
static char *
contact_value (CdCallDialog *self,
               const char   *field_id)
{
  CdContact *c = self->contact;

  if (g_str_has_prefix (field_id, CUSTOM_PREFIX))
    {
      const char *key = field_id + strlen (CUSTOM_PREFIX);
      JsonObject *custom = cd_contact_get_custom_fields (c);
      JsonNode *node = json_object_get_member (custom, key);

      return node != NULL ? cd_custom_field_dup_value_text (find_definition (self, key), node)
                          : NULL;
    }
  if (g_str_equal (field_id, "name"))
    return full_name (c);
  if (g_str_equal (field_id, "tags"))
    {
      g_autofree char *tags = g_strjoinv (", ", (char **) cd_contact_get_tags (c));

      return non_empty (tags);
    }
  if (g_str_equal (field_id, "country_code"))
    {
      const char *code = cd_contact_get_country_code (c);

      return non_empty (cd_country_name (code) ?: code);
    }
  if (g_str_equal (field_id, "first_name"))
    return non_empty (cd_contact_get_first_name (c));
  if (g_str_equal (field_id, "last_name"))
    return non_empty (cd_contact_get_last_name (c));
  if (g_str_equal (field_id, "email"))
    return non_empty (cd_contact_get_email (c));
  if (g_str_equal (field_id, "company"))
    return non_empty (cd_contact_get_company (c));
  if (g_str_equal (field_id, "timezone"))
    return non_empty (cd_contact_get_timezone (c));
  return NULL;
}

static guint
source_position (CdCallDialog *self,
                 const char   *field_id)
{
  for (guint i = 1; i < self->source_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->source_ids, i), field_id) == 0)
      return i;
  return 0;
}

/*
 * Default source (product §6): a field with a value whose name is the
 * variable's; else a common-name match; else Manual value (0).
 */
static guint
default_source (CdCallDialog *self,
                const char   *variable)
{
  g_autofree char *name = g_ascii_strdown (variable, -1);

  g_strdelimit (name, "- ", '_');
  for (guint i = 1; i < self->source_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->source_ids, i);
      const char *key = g_str_has_prefix (id, CUSTOM_PREFIX) ? id + strlen (CUSTOM_PREFIX) : id;
      g_autofree char *value = NULL;

      if (g_ascii_strcasecmp (key, name) != 0)
        continue;
      value = contact_value (self, id);
      if (value != NULL)
        return i;
    }
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (g_str_equal (synonyms[i].alias, name))
      return source_position (self, synonyms[i].field);
  return 0;
}

static void
build_sources (CdCallDialog *self)
{
  guint n = self->definitions != NULL ? g_list_model_get_n_items (self->definitions) : 0;

  self->source_labels = gtk_string_list_new (NULL);
  self->source_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (self->source_labels, _("Manual value"));
  g_ptr_array_add (self->source_ids, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (contact_fields); i++)
    {
      gtk_string_list_append (self->source_labels, _(contact_fields[i].label));
      g_ptr_array_add (self->source_ids, g_strdup (contact_fields[i].id));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdCustomField) field = g_list_model_get_item (self->definitions, i);
      const char *key = cd_custom_field_get_key (field);

      if (key == NULL)
        continue;
      gtk_string_list_append (self->source_labels, cd_custom_field_get_label (field) ?: key);
      g_ptr_array_add (self->source_ids, g_strconcat (CUSTOM_PREFIX, key, NULL));
    }
}

static gpointer
selected_item (GtkDropDown *dropdown)
{
  return gtk_drop_down_get_selected_item (dropdown);
}

static void
update_actions (CdCallDialog *self)
{
  gboolean have_numbers = self->numbers != NULL && g_list_model_get_n_items (self->numbers) > 0;
  gboolean have_agents = self->agents != NULL && g_list_model_get_n_items (self->agents) > 0;
  gboolean number = selected_item (self->number_dropdown) != NULL;
  gboolean agent = selected_item (self->agent_dropdown) != NULL;
  const char *agent_hint = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->number_dropdown), have_numbers && !self->in_flight);
  gtk_widget_set_sensitive (GTK_WIDGET (self->agent_dropdown),
                            number && have_agents && !self->in_flight);
  if (self->pending > 0)
    agent_hint = _("Loading…");
  else if (!number)
    agent_hint = _("Select phone number first");
  else if (!have_agents)
    agent_hint = _("Create and publish an agent first");
  adw_action_row_set_subtitle (self->agent_row, agent_hint ?: "");
  if (self->pending > 0)
    adw_action_row_set_subtitle (self->number_row, _("Loading…"));
  else
    adw_action_row_set_subtitle (self->number_row,
                                 have_numbers ? "" : _("Add an active phone number first"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button),
                            number && agent && !self->in_flight);
  gtk_button_set_label (self->start_button, self->in_flight ? _("Starting…") : _("_Start Call"));
}

/* ---- variables ---------------------------------------------------------- */

static void
update_variable (VariableRow  *row,
                 CdCallDialog *self)
{
  guint position = gtk_drop_down_get_selected (row->source);
  const char *field = position < self->source_ids->len
                      ? g_ptr_array_index (self->source_ids, position) : NULL;
  g_autofree char *value = field != NULL ? contact_value (self, field) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (row->entry), field == NULL);
  gtk_widget_set_visible (GTK_WIDGET (row->preview), field != NULL);
  gtk_label_set_text (row->preview, value != NULL ? value : _("No current contact value"));
  if (value == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row->preview), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row->preview), "dim-label");
}

static void
source_changed_cb (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   VariableRow *row)
{
  CdCallDialog *self = CD_CALL_DIALOG (gtk_widget_get_root (GTK_WIDGET (dropdown)));

  if (self != NULL)
    update_variable (row, self);
}

static VariableRow *
variable_row_new (CdCallDialog    *self,
                  CdAgentVariable *variable)
{
  VariableRow *row = g_new0 (VariableRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  row->name = g_strdup (cd_agent_variable_get_name (variable));
  row->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), row->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row),
                               cd_agent_variable_get_description (variable) ?: "");
  row->source = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->source_labels)),
                                                  NULL));
  /* Kept alive until the row is freed, so its handler can be disconnected. */
  g_object_ref (row->source);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->source), _("Source"));
  row->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (row->entry, _("Value"));
  gtk_entry_set_max_length (row->entry, 500);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->entry), 14);
  row->preview = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (row->preview, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (row->preview, 18);
  gtk_label_set_selectable (row->preview, TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->source));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->preview));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), box);
  gtk_drop_down_set_selected (row->source, default_source (self, row->name));
  g_signal_connect (row->source, "notify::selected", G_CALLBACK (source_changed_cb), row);
  update_variable (row, self);
  return row;
}

static void
rebuild_variables (CdCallDialog *self)
{
  CdAgent *agent = selected_item (self->agent_dropdown);
  GListModel *variables = agent != NULL ? cd_agent_get_variables (agent) : NULL;
  guint n = variables != NULL ? g_list_model_get_n_items (variables) : 0;

  for (guint i = 0; i < self->variables->len; i++)
    {
      VariableRow *row = g_ptr_array_index (self->variables, i);

      adw_preferences_group_remove (self->variables_group, row->row);
    }
  g_ptr_array_set_size (self->variables, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdAgentVariable) variable = g_list_model_get_item (variables, i);
      VariableRow *row;

      /* Static values and system fields are not the caller's to set. */
      if (!cd_agent_variable_get_mappable (variable) || cd_agent_variable_get_name (variable) == NULL)
        continue;
      row = variable_row_new (self, variable);
      g_ptr_array_add (self->variables, row);
      adw_preferences_group_add (self->variables_group, row->row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->variables_group), self->variables->len > 0);
}

static VariableRow *
find_variable (CdCallDialog *self,
               const char   *name)
{
  for (guint i = 0; i < self->variables->len; i++)
    {
      VariableRow *row = g_ptr_array_index (self->variables, i);

      if (g_strcmp0 (row->name, name) == 0)
        return row;
    }
  return NULL;
}

/* ---- loading ------------------------------------------------------------ */

static char *
number_text (CdPhoneNumber *number)
{
  const char *label = number != NULL ? cd_phone_number_get_label (number) : NULL;
  const char *e164 = number != NULL ? cd_phone_number_get_e164 (number) : NULL;

  if (label != NULL && *label != '\0')
    return g_strdup_printf ("%s · %s", label, e164 ?: CD_EM_DASH);
  return g_strdup (e164 ?: CD_EM_DASH);
}

static char *
agent_text (CdAgent *agent)
{
  return g_strdup (agent != NULL && cd_agent_get_name (agent) != NULL ? cd_agent_get_name (agent)
                                                                        : CD_EM_DASH);
}

static void
catalog_loaded (CdCallDialog *self)
{
  if (--self->pending > 0)
    return;
  if (self->load_error != NULL)
    cd_dialogs_show_error (self->error_label, self->load_error);
  build_sources (self);
  if (self->numbers != NULL)
    {
      gtk_drop_down_set_model (self->number_dropdown, self->numbers);
      gtk_drop_down_set_selected (self->number_dropdown,
                                  g_list_model_get_n_items (self->numbers) > 0
                                  ? 0 : GTK_INVALID_LIST_POSITION);
    }
  if (self->agents != NULL)
    {
      gtk_drop_down_set_model (self->agent_dropdown, self->agents);
      gtk_drop_down_set_selected (self->agent_dropdown,
                                  g_list_model_get_n_items (self->agents) > 0
                                  ? 0 : GTK_INVALID_LIST_POSITION);
    }
  rebuild_variables (self);
  update_actions (self);
}

static void
keep_load_error (CdCallDialog *self,
                 GError       *error)
{
  if (self->load_error == NULL)
    self->load_error = error;
  else
    g_error_free (error);
}

#define LIST_CB(name, finish, member, required)                                        \
  static void                                                                          \
  name (GObject *object, GAsyncResult *result, gpointer user_data)                    \
  {                                                                                    \
    g_autoptr(CdCallDialog) self = user_data;                                          \
    GError *error = NULL;                                                              \
    GListModel *list = finish (CD_REPOSITORY (object), result, &error);                \
    if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))                     \
      {                                                                                \
        g_error_free (error);                                                          \
        return;                                                                        \
      }                                                                                \
    if (list == NULL && (required))                                                    \
      keep_load_error (self, error);                                                   \
    else                                                                               \
      g_clear_error (&error);                                                          \
    self->member = list;                                                               \
    catalog_loaded (self);                                                             \
  }

LIST_CB (numbers_cb, cd_repository_list_phone_numbers_finish, numbers, TRUE)
LIST_CB (agents_cb, cd_repository_list_call_agents_finish, agents, TRUE)
LIST_CB (definitions_cb, cd_repository_get_custom_fields_finish, definitions, FALSE)

/* ---- callbacks ---------------------------------------------------------- */

static void
on_cancel_clicked (CdCallDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
number_selected_cb (CdCallDialog *self)
{
  update_actions (self);
}

static void
agent_selected_cb (CdCallDialog *self)
{
  if (self->source_ids != NULL)
    rebuild_variables (self);
  update_actions (self);
}

static void
start_call_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdCallDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 session_id;

  session_id = cd_repository_start_call_finish (CD_REPOSITORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->in_flight = FALSE;
  if (error != NULL)
    {
      g_debug ("Call to contact %" G_GINT64_FORMAT " failed to start",
               cd_contact_get_id (self->contact));
      cd_dialogs_show_error (self->error_label, error);
      update_actions (self);
      return;
    }
  g_signal_emit (self, signals[CALL_STARTED], 0, session_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_start_clicked (CdCallDialog *self)
{
  CdPhoneNumber *number = selected_item (self->number_dropdown);
  CdAgent *agent = selected_item (self->agent_dropdown);
  g_autoptr(JsonObject) mappings = NULL;
  g_autoptr(JsonObject) runtime_vars = NULL;

  /* A second click while the first is in flight must not place a second call. */
  if (self->in_flight || number == NULL || agent == NULL)
    return;
  mappings = json_object_new ();
  runtime_vars = json_object_new ();
  for (guint i = 0; i < self->variables->len; i++)
    {
      VariableRow *row = g_ptr_array_index (self->variables, i);
      const char *field = cd_call_dialog_get_variable_field (self, row->name);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row->entry));

      if (field != NULL)
        json_object_set_string_member (mappings, row->name, field);
      else if (text != NULL && *text != '\0')
        json_object_set_string_member (runtime_vars, row->name, text);
    }
  self->in_flight = TRUE;
  cd_dialogs_show_error (self->error_label, NULL);
  update_actions (self);
  cd_repository_start_call_async (self->repository, cd_contact_get_id (self->contact),
                                  cd_phone_number_get_id (number), cd_agent_get_id (agent),
                                  mappings, runtime_vars, self->idempotency_key,
                                  self->cancellable, start_call_cb, g_object_ref (self));
}

/* ---- GObject ------------------------------------------------------------ */

static void
cd_call_dialog_dispose (GObject *object)
{
  CdCallDialog *self = CD_CALL_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->variables, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CALL_DIALOG);
  g_clear_object (&self->repository);
  g_clear_object (&self->contact);
  g_clear_object (&self->numbers);
  g_clear_object (&self->agents);
  g_clear_object (&self->definitions);
  g_clear_object (&self->source_labels);
  g_clear_pointer (&self->source_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (cd_call_dialog_parent_class)->dispose (object);
}

static void
cd_call_dialog_finalize (GObject *object)
{
  CdCallDialog *self = CD_CALL_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->load_error);
  g_free (self->idempotency_key);
  G_OBJECT_CLASS (cd_call_dialog_parent_class)->finalize (object);
}

static void
cd_call_dialog_class_init (CdCallDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_call_dialog_dispose;
  object_class->finalize = cd_call_dialog_finalize;

  signals[CALL_STARTED] = g_signal_new ("call-started", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_INT64);

  cd_dialogs_ensure_style ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/ContactDetail/dialogs/cd-call-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCallDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, CdCallDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CdCallDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, CdCallDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CdCallDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, CdCallDialog, agent_row);
  gtk_widget_class_bind_template_child (widget_class, CdCallDialog, number_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdCallDialog, agent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdCallDialog, variables_group);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_call_dialog_init (CdCallDialog *self)
{
  g_autoptr(GtkExpression) number_expression = NULL;
  g_autoptr(GtkExpression) agent_expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->idempotency_key = g_uuid_string_random ();
  self->variables = g_ptr_array_new_with_free_func ((GDestroyNotify) variable_row_free);
  /* set_expression takes its own reference. */
  number_expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                   G_CALLBACK (number_text), NULL, NULL);
  agent_expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                  G_CALLBACK (agent_text), NULL, NULL);
  gtk_drop_down_set_expression (self->number_dropdown, number_expression);
  gtk_drop_down_set_expression (self->agent_dropdown, agent_expression);
  g_signal_connect_swapped (self->number_dropdown, "notify::selected",
                            G_CALLBACK (number_selected_cb), self);
  g_signal_connect_swapped (self->agent_dropdown, "notify::selected",
                            G_CALLBACK (agent_selected_cb), self);
}

/* ---- public API --------------------------------------------------------- */

static void
set_intro (CdCallDialog *self)
{
  g_autofree char *name = full_name (self->contact);
  const char *phone = cd_contact_get_phone_e164 (self->contact);
  g_autofree char *text = NULL;

  if (name != NULL && phone != NULL)
    text = g_strdup_printf (_("The AI agent will call %s at %s."), name, phone);
  else
    {
      g_autofree char *title = cd_contact_dup_display_title (self->contact);

      text = g_strdup_printf (_("The AI agent will call %s."), title);
    }
  gtk_label_set_text (self->intro_label, text);
}

CdCallDialog *
cd_call_dialog_new (CdRepository *repository,
                    CdContact    *contact)
{
  CdCallDialog *self;

  g_return_val_if_fail (CD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CD_IS_CONTACT (contact), NULL);

  self = g_object_new (CD_TYPE_CALL_DIALOG, NULL);
  self->repository = g_object_ref (repository);
  self->contact = g_object_ref (contact);
  set_intro (self);
  /* The three catalog requests run in parallel. */
  self->pending = 3;
  cd_repository_list_phone_numbers_async (repository, self->cancellable, numbers_cb,
                                          g_object_ref (self));
  cd_repository_list_call_agents_async (repository, self->cancellable, agents_cb, g_object_ref (self));
  cd_repository_get_custom_fields_async (repository, self->cancellable, definitions_cb,
                                         g_object_ref (self));
  update_actions (self);
  return self;
}

gboolean
cd_call_dialog_get_loaded (CdCallDialog *self)
{
  return self->pending == 0;
}

GtkDropDown *
cd_call_dialog_get_number_dropdown (CdCallDialog *self)
{
  return self->number_dropdown;
}

GtkDropDown *
cd_call_dialog_get_agent_dropdown (CdCallDialog *self)
{
  return self->agent_dropdown;
}

AdwActionRow *
cd_call_dialog_get_agent_row (CdCallDialog *self)
{
  return self->agent_row;
}

AdwActionRow *
cd_call_dialog_get_number_row (CdCallDialog *self)
{
  return self->number_row;
}

GtkButton *
cd_call_dialog_get_start_button (CdCallDialog *self)
{
  return self->start_button;
}

GtkLabel *
cd_call_dialog_get_error_label (CdCallDialog *self)
{
  return self->error_label;
}

guint
cd_call_dialog_get_n_variables (CdCallDialog *self)
{
  return self->variables->len;
}

GtkDropDown *
cd_call_dialog_get_variable_source (CdCallDialog *self,
                                    const char   *name)
{
  VariableRow *row = find_variable (self, name);

  return row != NULL ? row->source : NULL;
}

GtkEntry *
cd_call_dialog_get_variable_entry (CdCallDialog *self,
                                   const char   *name)
{
  VariableRow *row = find_variable (self, name);

  return row != NULL ? row->entry : NULL;
}

GtkLabel *
cd_call_dialog_get_variable_preview (CdCallDialog *self,
                                     const char   *name)
{
  VariableRow *row = find_variable (self, name);

  return row != NULL ? row->preview : NULL;
}

const char *
cd_call_dialog_get_variable_field (CdCallDialog *self,
                                   const char   *name)
{
  VariableRow *row = find_variable (self, name);
  guint position;

  if (row == NULL)
    return NULL;
  position = gtk_drop_down_get_selected (row->source);
  return position < self->source_ids->len ? g_ptr_array_index (self->source_ids, position) : NULL;
}
