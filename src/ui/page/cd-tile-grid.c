/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-page"

#include "cd-tile-grid.h"

#define SPACING 12

struct _CdTileGrid
{
  GtkWidget parent_instance;

  int       min_tile_width;
  guint     columns;
  gboolean  homogeneous;
};

G_DEFINE_FINAL_TYPE (CdTileGrid, cd_tile_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MIN_TILE_WIDTH,
  PROP_HOMOGENEOUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_should_layout (c))
      n++;
  return n;
}

/* The widest child minimum, at least the configured tile width. */
static int
tile_min (CdTileGrid *self)
{
  int result = self->min_tile_width;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    {
      int min = 0;

      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      result = MAX (result, min);
    }
  return result;
}

static guint
columns_for_width (CdTileGrid *self,
                   int         width)
{
  guint n = count_children (GTK_WIDGET (self));
  int min = tile_min (self);

  if (n == 0)
    return 1;
  if (width >= (int) n * min + ((int) n - 1) * SPACING)
    return n;
  if (n > 2 && width >= 2 * min + SPACING)
    return 2;
  return 1;
}

static int
tile_width (int   width,
            guint columns)
{
  return MAX (0, (width - ((int) columns - 1) * SPACING) / (int) columns);
}

/* Total height for @width; with @heights, fills each row's height. */
static int
layout_height (CdTileGrid *self,
               int         width,
               guint       columns,
               int        *heights)
{
  int tw = tile_width (width, columns), total = 0, row_h = 0;
  guint i = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    {
      int min = 0;

      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, tw, &min, NULL, NULL, NULL);
      row_h = MAX (row_h, min);
      if (++i % columns == 0)
        {
          if (heights)
            heights[i / columns - 1] = row_h;
          total += row_h + SPACING;
          row_h = 0;
        }
    }
  if (i % columns != 0)
    {
      if (heights)
        heights[i / columns] = row_h;
      total += row_h + SPACING;
    }
  return MAX (0, total - SPACING);
}

/* --- flow mode (homogeneous off) --- */

typedef struct
{
  GtkWidget *widget;
  int        width;
  gboolean   expand;
} FlowItem;

/* Places one line of @n items at @y: spare room goes to the hexpand ones.
 * Returns the line's height. */
static int
flow_line (GtkWidget *widget,
           FlowItem  *items,
           guint      n,
           int        width,
           int        y,
           gboolean   allocate)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int used = ((int) n - 1) * SPACING, height = 0, x = 0;
  guint expanding = 0;

  for (guint i = 0; i < n; i++)
    {
      used += items[i].width;
      expanding += items[i].expand;
    }
  for (guint i = 0; i < n && expanding > 0 && used < width; i++)
    if (items[i].expand)
      items[i].width += (width - used) / (int) expanding;
  for (guint i = 0; i < n; i++)
    {
      int min = 0;

      gtk_widget_measure (items[i].widget, GTK_ORIENTATION_VERTICAL, items[i].width,
                          &min, NULL, NULL, NULL);
      height = MAX (height, min);
    }
  for (guint i = 0; allocate && i < n; i++)
    {
      int left = rtl ? width - x - items[i].width : x;

      gtk_widget_size_allocate (items[i].widget,
                                &(GtkAllocation) { left, y, items[i].width, height }, -1);
      x += items[i].width + SPACING;
    }
  return height;
}

/* Lays the children out like words in @width; returns the total height. */
static int
flow_layout (CdTileGrid *self,
             int         width,
             gboolean    allocate)
{
  g_autofree FlowItem *items = g_new0 (FlowItem, count_children (GTK_WIDGET (self)) + 1);
  guint n = 0;
  int x = 0, y = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    {
      int min = 0, nat = 0;

      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      nat = MAX (min, MIN (nat, width));
      if (n > 0 && x + SPACING + nat > width)
        {
          y += flow_line (GTK_WIDGET (self), items, n, width, y, allocate) + SPACING;
          n = 0;
        }
      x = (n > 0 ? x + SPACING : 0) + nat;
      items[n++] = (FlowItem) { c, nat, gtk_widget_compute_expand (c, GTK_ORIENTATION_HORIZONTAL) };
    }
  if (n > 0)
    y += flow_line (GTK_WIDGET (self), items, n, width, y, allocate);
  return y;
}

static void
flow_measure_width (CdTileGrid *self,
                    int        *minimum,
                    int        *natural)
{
  guint n = 0;

  *minimum = *natural = 0;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    {
      int min = 0, nat = 0;

      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural += nat + (n++ > 0 ? SPACING : 0);
    }
}

static void
cd_tile_grid_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  CdTileGrid *self = CD_TILE_GRID (widget);
  guint n = count_children (widget);

  if (!self->homogeneous)
    {
      int min, nat;

      flow_measure_width (self, &min, &nat);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = min;
          *natural = nat;
        }
      else
        {
          /* Without a width, assume all the room we like (one line), as a
           * wrapping GtkLabel does: the height at the narrowest width would
           * become the window's minimum height at every width, and GTK 4.18
           * warns when it then measures the window for any lower height. */
          *minimum = *natural = flow_layout (self, for_size < 0 ? nat : for_size, FALSE);
        }
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min = tile_min (self);

      *minimum = min;
      *natural = (int) n * min + (int) MAX (n, 1) * SPACING - SPACING;
      return;
    }

  if (for_size < 0)
    for_size = tile_min (self);
  *minimum = *natural = layout_height (self, for_size, columns_for_width (self, for_size), NULL);
}

static void
cd_tile_grid_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  CdTileGrid *self = CD_TILE_GRID (widget);
  guint columns;
  g_autofree int *heights = NULL;
  int tw, y = 0;
  guint i = 0;

  if (!self->homogeneous)
    {
      flow_layout (self, width, TRUE);
      return;
    }
  columns = columns_for_width (self, width);
  heights = g_new0 (int, count_children (widget) + 1);
  tw = tile_width (width, columns);
  layout_height (self, width, columns, heights);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      guint col, row;

      if (!gtk_widget_should_layout (c))
        continue;
      col = i % columns;
      row = i / columns;
      gtk_widget_size_allocate (c, &(GtkAllocation) { col * (tw + SPACING), y, tw, heights[row] }, -1);
      if (col == columns - 1)
        y += heights[row] + SPACING;
      i++;
    }
  self->columns = columns;
}

static GtkSizeRequestMode
cd_tile_grid_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cd_tile_grid_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cd_tile_grid_parent_class)->dispose (object);
}

static void
cd_tile_grid_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdTileGrid *self = CD_TILE_GRID (object);

  switch (prop_id)
    {
    case PROP_MIN_TILE_WIDTH: g_value_set_int (value, self->min_tile_width); break;
    case PROP_HOMOGENEOUS: g_value_set_boolean (value, self->homogeneous); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_tile_grid_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CdTileGrid *self = CD_TILE_GRID (object);

  switch (prop_id)
    {
    case PROP_MIN_TILE_WIDTH:
      if (self->min_tile_width != g_value_get_int (value))
        {
          self->min_tile_width = g_value_get_int (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_HOMOGENEOUS:
      cd_tile_grid_set_homogeneous (self, g_value_get_boolean (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_tile_grid_class_init (CdTileGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_tile_grid_dispose;
  object_class->get_property = cd_tile_grid_get_property;
  object_class->set_property = cd_tile_grid_set_property;
  widget_class->measure = cd_tile_grid_measure;
  widget_class->size_allocate = cd_tile_grid_size_allocate;
  widget_class->get_request_mode = cd_tile_grid_get_request_mode;

  properties[PROP_MIN_TILE_WIDTH] =
    g_param_spec_int ("min-tile-width", NULL, NULL, 0, G_MAXINT, 150,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOMOGENEOUS] =
    g_param_spec_boolean ("homogeneous", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cd-tile-grid");
}

static void
cd_tile_grid_init (CdTileGrid *self)
{
  self->min_tile_width = 150;
  self->homogeneous = TRUE;
}

GtkWidget *
cd_tile_grid_new (void)
{
  return g_object_new (CD_TYPE_TILE_GRID, NULL);
}

guint
cd_tile_grid_get_columns (CdTileGrid *self)
{
  g_return_val_if_fail (CD_IS_TILE_GRID (self), 0);
  return self->columns;
}

gboolean
cd_tile_grid_get_homogeneous (CdTileGrid *self)
{
  g_return_val_if_fail (CD_IS_TILE_GRID (self), TRUE);
  return self->homogeneous;
}

void
cd_tile_grid_set_homogeneous (CdTileGrid *self,
                              gboolean    homogeneous)
{
  g_return_if_fail (CD_IS_TILE_GRID (self));

  homogeneous = !!homogeneous;
  if (self->homogeneous == homogeneous)
    return;
  self->homogeneous = homogeneous;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOMOGENEOUS]);
}
