/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-followups"

#include <glib/gi18n.h>

#include "cd-error.h"
#include "cd-follow-up-ui.h"
#include "cd-format.h"
#include "cd-followups-resources.h"

void
cd_follow_up_ui_ensure_style (void)
{
  static GdkDisplay *done_for = NULL;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  /* Referencing the bundle keeps its object (and its registration) in the
   * static library's link. */
  g_return_if_fail (cd_followups_get_resource () != NULL);
  if (display == NULL || display == done_for)
    return;
  done_for = display;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/com/example/ContactDetail/followups/cd-follow-ups.css");
  /* One above the application level so the page's generic rules do not win. */
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
}

const char *
cd_follow_up_ui_status_label (CdFollowUpStatus status)
{
  switch (status)
    {
    case CD_FOLLOW_UP_STATUS_SCHEDULED: return _("Scheduled");
    case CD_FOLLOW_UP_STATUS_QUEUED: return _("Queued");
    case CD_FOLLOW_UP_STATUS_IN_PROGRESS: return _("In progress");
    case CD_FOLLOW_UP_STATUS_COMPLETED: return _("Completed");
    case CD_FOLLOW_UP_STATUS_FAILED: return _("Failed");
    case CD_FOLLOW_UP_STATUS_EXPIRED: return _("Expired");
    case CD_FOLLOW_UP_STATUS_CANCELLED: return _("Cancelled");
    case CD_FOLLOW_UP_STATUS_SNOOZED: return _("Snoozed");
    case CD_FOLLOW_UP_STATUS_UNKNOWN:
    default:
      return _("Unknown");
    }
}

const char *
cd_follow_up_ui_status_css_class (CdFollowUpStatus status)
{
  switch (status)
    {
    case CD_FOLLOW_UP_STATUS_SCHEDULED: return "cd-fu-status-scheduled";
    case CD_FOLLOW_UP_STATUS_QUEUED: return "cd-fu-status-queued";
    case CD_FOLLOW_UP_STATUS_IN_PROGRESS: return "cd-fu-status-in-progress";
    case CD_FOLLOW_UP_STATUS_COMPLETED: return "cd-fu-status-completed";
    case CD_FOLLOW_UP_STATUS_FAILED: return "cd-fu-status-failed";
    case CD_FOLLOW_UP_STATUS_EXPIRED: return "cd-fu-status-expired";
    case CD_FOLLOW_UP_STATUS_CANCELLED: return "cd-fu-status-cancelled";
    case CD_FOLLOW_UP_STATUS_SNOOZED: return "cd-fu-status-snoozed";
    case CD_FOLLOW_UP_STATUS_UNKNOWN:
    default:
      return "cd-fu-status-unknown";
    }
}

const char *
cd_follow_up_ui_type_label (CdFollowUpType type)
{
  switch (type)
    {
    case CD_FOLLOW_UP_TYPE_CALL: return _("Call");
    case CD_FOLLOW_UP_TYPE_SMS: return _("SMS");
    case CD_FOLLOW_UP_TYPE_WEBHOOK: return _("Webhook");
    case CD_FOLLOW_UP_TYPE_UNKNOWN:
    default:
      return CD_EM_DASH;
    }
}

const char *
cd_follow_up_ui_source_label (CdFollowUpSource source)
{
  switch (source)
    {
    case CD_FOLLOW_UP_SOURCE_MANUAL: return _("Manual");
    case CD_FOLLOW_UP_SOURCE_CAMPAIGN: return _("Campaign");
    case CD_FOLLOW_UP_SOURCE_AI: return _("AI");
    case CD_FOLLOW_UP_SOURCE_INBOUND: return _("Inbound");
    case CD_FOLLOW_UP_SOURCE_UNKNOWN:
    default:
      return CD_EM_DASH;
    }
}

const char *
cd_follow_up_ui_priority_label (CdFollowUpPriority priority)
{
  switch (priority)
    {
    case CD_FOLLOW_UP_PRIORITY_LOW: return _("Low");
    case CD_FOLLOW_UP_PRIORITY_NORMAL: return _("Normal");
    case CD_FOLLOW_UP_PRIORITY_HIGH: return _("High");
    case CD_FOLLOW_UP_PRIORITY_URGENT: return _("Urgent");
    case CD_FOLLOW_UP_PRIORITY_UNKNOWN:
    default:
      return CD_EM_DASH;
    }
}

const char *
cd_follow_up_ui_group_label (CdFollowUpGroup group)
{
  switch (group)
    {
    case CD_FOLLOW_UP_GROUP_NOT_STARTED: return _("Not started");
    case CD_FOLLOW_UP_GROUP_IN_PROGRESS: return _("In progress");
    case CD_FOLLOW_UP_GROUP_DONE: return _("Done");
    case CD_FOLLOW_UP_GROUP_NEEDS_ATTENTION: return _("Needs attention");
    case CD_FOLLOW_UP_GROUP_CANCELLED: return _("Cancelled");
    case CD_FOLLOW_UP_GROUP_SNOOZED: return _("Snoozed");
    case CD_FOLLOW_UP_GROUP_UNKNOWN:
    default:
      return _("All");
    }
}

GtkWidget *
cd_follow_up_ui_badge_new (const char *text,
                           const char *css_class)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "cd-fu-badge");
  if (css_class != NULL)
    gtk_widget_add_css_class (badge, css_class);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  return badge;
}

GDateTime *
cd_follow_up_ui_default_time (GTimeZone *zone)
{
  g_autoptr(GTimeZone) local = zone ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (local);
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  gint64 unix_time = g_date_time_to_unix (later);
  gint64 step = 5 * 60;

  /* Zone offsets are whole minutes multiples of 5 in practice, so rounding the
   * Unix time rounds the wall clock too. */
  if (unix_time % step != 0 || g_date_time_get_microsecond (later) != 0)
    unix_time = (unix_time / step + 1) * step;
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

    return g_date_time_to_timezone (utc, local);
  }
}

GDateTime *
cd_follow_up_ui_parse_time (const char *date_text,
                            const char *time_text,
                            GTimeZone  *zone,
                            char      **message)
{
  g_autoptr(GTimeZone) local = zone ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  int year = 0, month = 0, day = 0, hour = -1, minute = -1;
  char tail = 0;
  g_autofree char *ignored = NULL;
  GDateTime *time;

  if (message == NULL)
    message = &ignored;
  if (date_text == NULL || sscanf (date_text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    {
      *message = g_strdup (_("Enter a date as YYYY-MM-DD"));
      return NULL;
    }
  if (time_text == NULL || sscanf (time_text, "%2d:%2d%c", &hour, &minute, &tail) != 2 ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59)
    {
      *message = g_strdup (_("Enter a time as HH:MM (24-hour)"));
      return NULL;
    }
  time = g_date_time_new (local, year, month, day, hour, minute, 0);
  if (time == NULL)
    *message = g_strdup (_("This time does not exist in the time zone"));
  return time;
}

void
cd_follow_up_ui_set_time_entries (GtkEditable *date_entry,
                                  GtkEditable *time_entry,
                                  GDateTime   *time,
                                  GTimeZone   *zone)
{
  g_autoptr(GTimeZone) local = zone ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  g_autoptr(GDateTime) shown = g_date_time_to_timezone (time, local);
  g_autofree char *date = g_date_time_format (shown, "%Y-%m-%d");
  g_autofree char *clock = g_date_time_format (shown, "%H:%M");

  gtk_editable_set_text (date_entry, date);
  gtk_editable_set_text (time_entry, clock);
}

char *
cd_follow_up_ui_zone_name (GTimeZone *zone)
{
  g_autoptr(GTimeZone) local = zone ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (local);
  g_autofree char *offset = g_date_time_format (now, "%:z");
  const char *id = g_time_zone_get_identifier (local);

  return g_strdup_printf ("%s (UTC%s)", id, offset);
}

void
cd_follow_up_ui_set_row_error (AdwActionRow *row,
                               const char   *message)
{
  adw_action_row_set_subtitle (row, message ? message : "");
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "cd-fu-field-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "cd-fu-field-error");
}

char *
cd_follow_up_ui_error_text (const GError *error)
{
  const char *request_id;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  request_id = error->domain == CD_API_ERROR ? cd_api_error_get_request_id (error) : NULL;
  if (request_id != NULL)
    /* Translators: an error message, then the server's request id for support */
    return g_strdup_printf (_("%s (request %s)"), error->message, request_id);
  return g_strdup (error->message);
}
