/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-calllogs"

#include "cd-calllogs-style.h"

#include "cd-enums.h"
#include "cd-calllogs-resources.h"

void
cd_calllogs_ensure_style (void)
{
  static GdkDisplay *styled = NULL;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr (GtkCssProvider) provider = NULL;

  if (display == NULL || display == styled)
    return;
  /* Referencing the resource keeps its object (and its constructor that
   * registers it) linked from the static library. */
  (void) cd_calllogs_get_resource ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/com/example/ContactDetail/calllogs/cd-call-logs.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled = display;
}

gboolean
cd_calllogs_role_sees_internals (int role)
{
  return role == CD_ROLE_TENANT_ADMIN || role == CD_ROLE_SUPERADMIN ||
         role == CD_ROLE_PLATFORM_ADMIN || role == CD_ROLE_PLATFORM_SUPPORT;
}
