/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-dialogs-resources.h"
#include "cd-dialogs-util.h"
#include "cd-error.h"

void
cd_dialogs_ensure_style (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (done || display == NULL)
    return;
  done = TRUE;
  /* Referencing the resource keeps it linked in from the static library. */
  (void) cd_dialogs_get_resource ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/com/example/ContactDetail/dialogs/cd-dialogs.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

char *
cd_dialogs_dup_error_text (const GError *error)
{
  const char *request_id;

  g_return_val_if_fail (error != NULL, NULL);

  request_id = error->domain == CD_API_ERROR ? cd_api_error_get_request_id (error) : NULL;
  if (request_id == NULL)
    return g_strdup (error->message);
  /* Translators: an error message, then the id support needs to find the request */
  return g_strdup_printf (_("%s\nRequest ID: %s"), error->message, request_id);
}

void
cd_dialogs_show_error (GtkLabel     *label,
                       const GError *error)
{
  g_autofree char *text = NULL;

  if (error == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      return;
    }
  text = cd_dialogs_dup_error_text (error);
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}
