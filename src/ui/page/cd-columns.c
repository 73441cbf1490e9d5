/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-page"

#include "cd-columns.h"

struct _CdColumns
{
  GtkWidget parent_instance;

  int       threshold;
  int       sidebar_width;
  int       spacing;
  gboolean  stacked;
};

G_DEFINE_FINAL_TYPE (CdColumns, cd_columns, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_THRESHOLD,
  PROP_SIDEBAR_WIDTH,
  PROP_SPACING,
  PROP_STACKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Width left for the main column when side by side. */
static int
main_width (CdColumns *self,
            int        width)
{
  return MAX (0, width - self->spacing - self->sidebar_width);
}

/* Side by side only from the threshold on, and only when both children fit. */
static gboolean
is_wide (CdColumns *self,
         int        width)
{
  GtkWidget *main_child = gtk_widget_get_first_child (GTK_WIDGET (self));
  GtkWidget *side_child = main_child ? gtk_widget_get_next_sibling (main_child) : NULL;
  int main_min = 0, side_min = 0;

  if (width < self->threshold)
    return FALSE;
  if (main_child != NULL && gtk_widget_should_layout (main_child))
    gtk_widget_measure (main_child, GTK_ORIENTATION_HORIZONTAL, -1, &main_min, NULL, NULL, NULL);
  if (side_child != NULL && gtk_widget_should_layout (side_child))
    gtk_widget_measure (side_child, GTK_ORIENTATION_HORIZONTAL, -1, &side_min, NULL, NULL, NULL);

  return main_min <= main_width (self, width) && side_min <= self->sidebar_width;
}

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *min,
               int            *nat)
{
  *min = *nat = 0;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, min, nat, NULL, NULL);
}

static void
cd_columns_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  CdColumns *self = CD_COLUMNS (widget);
  GtkWidget *main_child = gtk_widget_get_first_child (widget);
  GtkWidget *side_child = main_child ? gtk_widget_get_next_sibling (main_child) : NULL;
  int main_min, main_nat, side_min, side_nat;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Stacking is always possible, so the minimum is the widest child. */
      measure_child (main_child, orientation, -1, &main_min, &main_nat);
      measure_child (side_child, orientation, -1, &side_min, &side_nat);
      *minimum = MAX (main_min, side_min);
      *natural = MAX (self->threshold, main_nat + self->spacing + self->sidebar_width);
      return;
    }

  if (for_size >= 0 && is_wide (self, for_size))
    {
      measure_child (main_child, orientation, main_width (self, for_size), &main_min, &main_nat);
      measure_child (side_child, orientation, self->sidebar_width, &side_min, &side_nat);
      *minimum = MAX (main_min, side_min);
      *natural = MAX (main_nat, side_nat);
    }
  else
    {
      measure_child (main_child, orientation, for_size, &main_min, &main_nat);
      measure_child (side_child, orientation, for_size, &side_min, &side_nat);
      *minimum = main_min + self->spacing + side_min;
      *natural = main_nat + self->spacing + side_nat;
    }
}

static void
cd_columns_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  CdColumns *self = CD_COLUMNS (widget);
  GtkWidget *main_child = gtk_widget_get_first_child (widget);
  GtkWidget *side_child = main_child ? gtk_widget_get_next_sibling (main_child) : NULL;
  gboolean stacked = !is_wide (self, width);
  int min, nat;

  if (main_child == NULL)
    return;

  if (!stacked)
    {
      int mw = main_width (self, width);

      gtk_widget_size_allocate (main_child, &(GtkAllocation) { 0, 0, mw, height }, -1);
      if (side_child != NULL)
        gtk_widget_size_allocate (side_child,
                                  &(GtkAllocation) { mw + self->spacing, 0, self->sidebar_width, height },
                                  -1);
    }
  else
    {
      measure_child (main_child, GTK_ORIENTATION_VERTICAL, width, &min, &nat);
      gtk_widget_size_allocate (main_child, &(GtkAllocation) { 0, 0, width, min }, -1);
      if (side_child != NULL)
        gtk_widget_size_allocate (side_child,
                                  &(GtkAllocation) { 0, min + self->spacing, width,
                                                     MAX (0, height - min - self->spacing) },
                                  -1);
    }

  if (stacked != self->stacked)
    {
      /* Notifying from size_allocate is fine: nothing may queue a resize in response. */
      self->stacked = stacked;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACKED]);
    }
}

static GtkSizeRequestMode
cd_columns_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cd_columns_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cd_columns_parent_class)->dispose (object);
}

static void
set_int (CdColumns *self,
         int       *field,
         int        value,
         guint      prop)
{
  if (*field == value)
    return;
  *field = value;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
cd_columns_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CdColumns *self = CD_COLUMNS (object);

  switch (prop_id)
    {
    case PROP_THRESHOLD: g_value_set_int (value, self->threshold); break;
    case PROP_SIDEBAR_WIDTH: g_value_set_int (value, self->sidebar_width); break;
    case PROP_SPACING: g_value_set_int (value, self->spacing); break;
    case PROP_STACKED: g_value_set_boolean (value, self->stacked); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_columns_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CdColumns *self = CD_COLUMNS (object);

  switch (prop_id)
    {
    case PROP_THRESHOLD: set_int (self, &self->threshold, g_value_get_int (value), prop_id); break;
    case PROP_SIDEBAR_WIDTH: set_int (self, &self->sidebar_width, g_value_get_int (value), prop_id); break;
    case PROP_SPACING: set_int (self, &self->spacing, g_value_get_int (value), prop_id); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_columns_class_init (CdColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_columns_dispose;
  object_class->get_property = cd_columns_get_property;
  object_class->set_property = cd_columns_set_property;

  widget_class->measure = cd_columns_measure;
  widget_class->size_allocate = cd_columns_size_allocate;
  widget_class->get_request_mode = cd_columns_get_request_mode;

  properties[PROP_THRESHOLD] =
    g_param_spec_int ("threshold", NULL, NULL, 0, G_MAXINT, 700,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_WIDTH] =
    g_param_spec_int ("sidebar-width", NULL, NULL, 0, G_MAXINT, 340,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 18,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STACKED] =
    g_param_spec_boolean ("stacked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cd-columns");
}

static void
cd_columns_init (CdColumns *self)
{
  self->threshold = 700;
  self->sidebar_width = 340;
  self->spacing = 18;
}

GtkWidget *
cd_columns_new (void)
{
  return g_object_new (CD_TYPE_COLUMNS, NULL);
}

gboolean
cd_columns_get_stacked (CdColumns *self)
{
  g_return_val_if_fail (CD_IS_COLUMNS (self), FALSE);
  return self->stacked;
}
