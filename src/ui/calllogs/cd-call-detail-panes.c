/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-calllogs"

#include "cd-call-detail-panes.h"

#define THRESHOLD 880
#define SPACING   18

struct _CdCallDetailPanes
{
  GtkWidget  parent_instance;
  GtkWidget *start;
  GtkWidget *end;
  gboolean   wide;
};

G_DEFINE_FINAL_TYPE (CdCallDetailPanes, cd_call_detail_panes, GTK_TYPE_WIDGET)

static int
pane_width (int width)
{
  return MAX ((width - SPACING) / 2, 0);
}

static void
cd_call_detail_panes_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  CdCallDetailPanes *self = CD_CALL_DETAIL_PANES (widget);
  int smin, snat, emin, enat;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->start, orientation, -1, &smin, &snat, NULL, NULL);
      gtk_widget_measure (self->end, orientation, -1, &emin, &enat, NULL, NULL);
      *minimum = MAX (smin, emin);
      *natural = snat + enat + SPACING;
      return;
    }
  if (for_size >= THRESHOLD)
    {
      gtk_widget_measure (self->start, orientation, pane_width (for_size), &smin, &snat, NULL, NULL);
      gtk_widget_measure (self->end, orientation, pane_width (for_size), &emin, &enat, NULL, NULL);
      *minimum = MAX (smin, emin);
      *natural = MAX (snat, enat);
      return;
    }
  gtk_widget_measure (self->start, orientation, for_size, &smin, &snat, NULL, NULL);
  gtk_widget_measure (self->end, orientation, for_size, &emin, &enat, NULL, NULL);
  *minimum = smin + emin + SPACING;
  *natural = snat + enat + SPACING;
}

static void
cd_call_detail_panes_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  CdCallDetailPanes *self = CD_CALL_DETAIL_PANES (widget);
  int half = pane_width (width);
  int start_height;

  self->wide = width >= THRESHOLD;
  if (self->wide)
    {
      gtk_widget_size_allocate (self->start, &(GtkAllocation) { 0, 0, half, height }, -1);
      gtk_widget_size_allocate (self->end,
                                &(GtkAllocation) { width - half, 0, half, height }, -1);
      return;
    }
  gtk_widget_measure (self->start, GTK_ORIENTATION_VERTICAL, width, NULL, &start_height, NULL, NULL);
  start_height = MIN (start_height, height);
  gtk_widget_size_allocate (self->start, &(GtkAllocation) { 0, 0, width, start_height }, -1);
  gtk_widget_size_allocate (self->end,
                            &(GtkAllocation) { 0, start_height + SPACING, width,
                                               MAX (height - start_height - SPACING, 0) }, -1);
}

static GtkSizeRequestMode
cd_call_detail_panes_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cd_call_detail_panes_dispose (GObject *object)
{
  CdCallDetailPanes *self = CD_CALL_DETAIL_PANES (object);

  g_clear_pointer (&self->start, gtk_widget_unparent);
  g_clear_pointer (&self->end, gtk_widget_unparent);
  G_OBJECT_CLASS (cd_call_detail_panes_parent_class)->dispose (object);
}

static void
cd_call_detail_panes_class_init (CdCallDetailPanesClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_call_detail_panes_dispose;
  widget_class->measure = cd_call_detail_panes_measure;
  widget_class->size_allocate = cd_call_detail_panes_size_allocate;
  widget_class->get_request_mode = cd_call_detail_panes_get_request_mode;
}

static void
cd_call_detail_panes_init (CdCallDetailPanes *self)
{
}

GtkWidget *
cd_call_detail_panes_new (GtkWidget *start,
                          GtkWidget *end)
{
  CdCallDetailPanes *self = g_object_new (CD_TYPE_CALL_DETAIL_PANES, NULL);

  self->start = start;
  self->end = end;
  gtk_widget_set_parent (start, GTK_WIDGET (self));
  gtk_widget_set_parent (end, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

gboolean
cd_call_detail_panes_get_wide (CdCallDetailPanes *self)
{
  g_return_val_if_fail (CD_IS_CALL_DETAIL_PANES (self), FALSE);
  return self->wide;
}
