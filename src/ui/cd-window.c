/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-ui"

#include <glib/gi18n.h>

#include "cd-contact.h"
#include "cd-contact-page.h"
#include "cd-repository-offline.h"

#include "cd-application.h"
#include "cd-finder.h"
#include "cd-window.h"

struct _CdWindow
{
  AdwApplicationWindow  parent_instance;

  CdRepository         *repository;
  GSettings            *settings;      /* NULL when the schema is not installed */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  CdFinder             *finder;
  GtkStack             *content_stack;
  CdContactPage        *page;

  /* The contact Ctrl+Page Up/Down stepped to: while it is shown, the finder
   * keeps its list order (no "recent" refresh) so stepping stays stable. */
  gint64                stepped_id;
  GArray               *step_order;   /* gint64 ids */
};

G_DEFINE_FINAL_TYPE (CdWindow, cd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_REPOSITORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
restore_window_state (CdWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 400));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (CdWindow *self)
{
  int width, height;
  gboolean maximized;

  if (self->settings == NULL)
    return;

  /* The default size tracks the unmaximized size, which is what to restore. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
show_content (CdWindow *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
load_contact (CdWindow *self,
              gint64    contact_id)
{
  cd_contact_page_load (self->page, contact_id);
  cd_finder_set_selected_id (self->finder, contact_id);
  gtk_stack_set_visible_child_name (self->content_stack, "contact");
  show_content (self);
}

static gboolean
page_is_shown (CdWindow *self)
{
  return self->repository != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") == 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "contact") == 0;
}

/* The finder's list order, as ids; the order Ctrl+Page Up/Down walk. */
static void
snapshot_step_order (CdWindow *self)
{
  GListModel *model = cd_finder_get_model (self->finder);
  guint n = g_list_model_get_n_items (model);

  g_array_set_size (self->step_order, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdContact) contact = g_list_model_get_item (model, i);
      gint64 id = cd_contact_get_id (contact);

      g_array_append_val (self->step_order, id);
    }
}

/*
 * Opens the previous (@delta -1) or next (+1) contact of the finder's list.
 * The order is taken when stepping starts and kept while stepping, so a
 * refresh of the "recent" list (which moves the opened contact to the top)
 * cannot send the user in circles.
 */
static gboolean
step_contact (CdWindow *self,
              int       delta)
{
  gint64 current = 0;
  guint position = G_MAXUINT;
  guint n;

  if (self->repository == NULL)
    return FALSE;

  if (page_is_shown (self))
    current = cd_contact_page_get_contact_id (self->page);
  if (self->stepped_id == 0 || current != self->stepped_id)
    snapshot_step_order (self);

  n = self->step_order->len;
  if (n == 0)
    return FALSE;

  for (guint i = 0; i < n && position == G_MAXUINT; i++)
    if (g_array_index (self->step_order, gint64, i) == current)
      position = i;

  if (position == G_MAXUINT)
    position = delta > 0 ? 0 : n - 1;
  else if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }
  else
    position += delta;

  self->stepped_id = g_array_index (self->step_order, gint64, position);
  load_contact (self, self->stepped_id);
  return TRUE;
}

/* Callbacks */

static void
on_repository_notice (CdRepository *repository,
                      const char   *message,
                      CdWindow     *self)
{
  if (message != NULL && message[0] != '\0')
    cd_window_add_toast (self, message);
}

static void
on_leaflet_folded_changed (CdWindow *self)
{
  cd_contact_page_set_show_back_button (self->page, adw_leaflet_get_folded (self->leaflet));
}

static void
on_finder_contact_activated (CdWindow  *self,
                             gint64     contact_id,
                             GObject   *contact)
{
  cd_window_open_contact (self, contact_id);
}

static void
on_page_state_changed (CdWindow *self)
{
  /* Opening a contact makes it "recent": refresh the finder's empty query,
   * except while stepping through the list, whose order must not move. */
  if (self->stepped_id != 0 && cd_contact_page_get_contact_id (self->page) == self->stepped_id)
    return;

  if (cd_contact_page_get_state (self->page) == CD_RESOURCE_FRESH)
    {
      GtkEditable *entry = GTK_EDITABLE (cd_finder_get_search_entry (self->finder));

      if (gtk_editable_get_text (entry)[0] == '\0')
        cd_finder_refresh (self->finder);
    }
}

static void
on_page_title_changed (CdWindow *self)
{
  const char *title = cd_contact_page_get_title (self->page);

  if (title != NULL && title[0] != '\0')
    gtk_window_set_title (GTK_WINDOW (self), title);
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Contact Detail"));
}

static void
show_finder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CdWindow *self = CD_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "finder");
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CdWindow *self = CD_WINDOW (widget);

  if (self->repository == NULL)
    return;

  adw_leaflet_set_visible_child_name (self->leaflet, "finder");
  cd_finder_focus_search (self->finder);
}

/* Window-wide shortcuts for the page's actions, so they work with the focus
 * in the finder too (the page's own bindings only see keys inside it). */
static gboolean
forward_to_page_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  CdWindow *self = CD_WINDOW (widget);
  const char *action_name = g_variant_get_string (args, NULL);

  if (!page_is_shown (self))
    return FALSE;

  /* FALSE (key not handled) when the page has no such action. */
  return gtk_widget_activate_action (GTK_WIDGET (self->page), action_name, NULL);
}

static gboolean
step_contact_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  return step_contact (CD_WINDOW (widget), GPOINTER_TO_INT (user_data));
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              GtkShortcutAction     *action,
              GVariant              *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers), action);

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/*
 * In the capture phase: a focused scrolled window would otherwise take
 * Ctrl+Page Up/Down (horizontal page scroll) before the window sees them.
 */
static void
setup_shortcuts (CdWindow *self)
{
  GtkShortcutController *controller = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  static const struct {
    guint           keyval;
    GdkModifierType modifiers;
    const char     *action;
  } page_shortcuts[] = {
    { GDK_KEY_e, GDK_CONTROL_MASK, "contact.edit" },
    { GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "contact.call" },
    { GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "contact.search-call-logs" },
  };

  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (controller), "cd-window-shortcuts");
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (controller),
                                              GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (controller, GTK_SHORTCUT_SCOPE_LOCAL);

  for (guint i = 0; i < G_N_ELEMENTS (page_shortcuts); i++)
    add_shortcut (controller, page_shortcuts[i].keyval, page_shortcuts[i].modifiers,
                  gtk_callback_action_new (forward_to_page_cb, NULL, NULL),
                  g_variant_new_string (page_shortcuts[i].action));

  add_shortcut (controller, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                gtk_callback_action_new (step_contact_cb, GINT_TO_POINTER (-1), NULL), NULL);
  add_shortcut (controller, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                gtk_callback_action_new (step_contact_cb, GINT_TO_POINTER (1), NULL), NULL);

  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (controller));
}

static void
try_demo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));
  g_autoptr(GError) error = NULL;

  if (app == NULL || !CD_IS_APPLICATION (app))
    return;

  if (!cd_application_connect_demo (CD_APPLICATION (app), CD_WINDOW (widget), 0, &error))
    cd_window_add_toast (CD_WINDOW (widget), error->message);
}

/* GObject overrides */

static gboolean
cd_window_close_request (GtkWindow *window)
{
  save_window_state (CD_WINDOW (window));

  return GTK_WINDOW_CLASS (cd_window_parent_class)->close_request (window);
}

static void
cd_window_dispose (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_WINDOW);

  g_clear_object (&self->repository);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->step_order, g_array_unref);

  G_OBJECT_CLASS (cd_window_parent_class)->dispose (object);
}

static void
cd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CdWindow *self = CD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CdWindow *self = CD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      cd_window_set_repository (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_window_class_init (CdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cd_window_dispose;
  object_class->get_property = cd_window_get_property;
  object_class->set_property = cd_window_set_property;
  window_class->close_request = cd_window_close_request;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, CD_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.show-finder", NULL, show_finder_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.try-demo", NULL, try_demo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  /* The page binds these itself; these make them work from the finder too. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                forward_to_page_cb, "s", "contact.refresh");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F5, 0,
                                forward_to_page_cb, "s", "contact.refresh");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                forward_to_page_cb, "s", "contact.back");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/ContactDetail/ui/cd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, finder);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, page);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_finder_contact_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_page_state_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_page_title_changed);

  g_type_ensure (CD_TYPE_FINDER);
  g_type_ensure (CD_TYPE_CONTACT_PAGE);
}

static void
cd_window_init (CdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_shortcuts (self);
  self->step_order = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->settings = cd_application_create_settings ();
  restore_window_state (self);
  on_leaflet_folded_changed (self);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/* Public API */

CdWindow *
cd_window_new (GtkApplication *application)
{
  return g_object_new (CD_TYPE_WINDOW, "application", application, NULL);
}

CdRepository *
cd_window_get_repository (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return self->repository;
}

void
cd_window_set_repository (CdWindow     *self,
                          CdRepository *repository)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (repository == NULL || CD_IS_REPOSITORY (repository));

  if (self->repository == repository)
    {
      gtk_stack_set_visible_child_name (self->main_stack, repository ? "main" : "welcome");
      return;
    }

  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  g_set_object (&self->repository, repository);

  /* Cache trouble (disk full, damaged file) is told once, as a toast. */
  if (repository != NULL)
    g_signal_connect_object (repository, "notice", G_CALLBACK (on_repository_notice),
                             self, 0);

  cd_contact_page_set_repository (self->page, repository);
  cd_finder_set_repository (self->finder, repository);
  /* Downloads a quit or crash interrupted continue now (no-op when none). */
  if (repository != NULL)
    cd_repository_resume_offline (repository);
  gtk_stack_set_visible_child_name (self->content_stack, "placeholder");
  adw_leaflet_set_visible_child_name (self->leaflet, "finder");
  gtk_stack_set_visible_child_name (self->main_stack, repository ? "main" : "welcome");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

void
cd_window_show_connecting (CdWindow *self)
{
  g_return_if_fail (CD_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->main_stack, "connecting");
}

void
cd_window_show_welcome (CdWindow *self)
{
  g_return_if_fail (CD_IS_WINDOW (self));

  cd_window_set_repository (self, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

void
cd_window_open_contact (CdWindow *self,
                        gint64    contact_id)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (contact_id > 0);

  if (self->repository == NULL)
    return;

  self->stepped_id = 0;
  load_contact (self, contact_id);
}

void
cd_window_add_toast (CdWindow   *self,
                     const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* Toast titles are markup in libadwaita 1.2; messages are plain text. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

GtkWidget *
cd_window_get_finder (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->finder);
}

GtkWidget *
cd_window_get_page (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->page);
}

const char *
cd_window_get_view_name (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}
