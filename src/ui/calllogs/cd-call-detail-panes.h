/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Two panes: side by side (start | end) when at least "threshold" pixels wide,
 * stacked (start above end) when narrower. */
#define CD_TYPE_CALL_DETAIL_PANES (cd_call_detail_panes_get_type ())
G_DECLARE_FINAL_TYPE (CdCallDetailPanes, cd_call_detail_panes, CD, CALL_DETAIL_PANES, GtkWidget)

GtkWidget *cd_call_detail_panes_new      (GtkWidget         *start,
                                          GtkWidget         *end);
gboolean   cd_call_detail_panes_get_wide (CdCallDetailPanes *self);

G_END_DECLS
