/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-ui"

#include <glib/gi18n.h>

#include "cd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CdApplication) app = NULL;
  const char *localedir = g_getenv ("CONTACT_DETAIL_LOCALEDIR");

  /* The override lets an uninstalled build (and its tests) use BUILDDIR/po. */
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
