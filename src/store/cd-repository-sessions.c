/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-repository"

#include "cd-repository-sessions.h"
#include "cd-repository-private.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-error.h"
#include "cd-json.h"
#include "cd-offline-private.h"

#define CD_CARD_PAGE_SIZE   10
#define CD_EXPORT_PAGE_SIZE 100

/* Filter */

G_DEFINE_BOXED_TYPE (CdSessionFilter, cd_session_filter,
                     cd_session_filter_copy, cd_session_filter_free)

CdSessionFilter *
cd_session_filter_new (gint64 contact_id)
{
  CdSessionFilter *filter = g_new0 (CdSessionFilter, 1);

  filter->contact_id = contact_id;
  return filter;
}

CdSessionFilter *
cd_session_filter_copy (const CdSessionFilter *filter)
{
  CdSessionFilter *copy = g_new0 (CdSessionFilter, 1);

  copy->contact_id = filter->contact_id;
  copy->search = g_strdup (filter->search);
  copy->sort = g_strdup (filter->sort);
  copy->order = g_strdup (filter->order);
  copy->direction = g_strdup (filter->direction);
  copy->status = g_strdup (filter->status);
  copy->started_after = g_strdup (filter->started_after);
  copy->started_before = g_strdup (filter->started_before);
  copy->campaign_id = filter->campaign_id;
  return copy;
}

void
cd_session_filter_free (CdSessionFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->search);
  g_free (filter->sort);
  g_free (filter->order);
  g_free (filter->direction);
  g_free (filter->status);
  g_free (filter->started_after);
  g_free (filter->started_before);
  g_free (filter);
}

gboolean
cd_session_filter_equal (const CdSessionFilter *a,
                         const CdSessionFilter *b)
{
  return a->contact_id == b->contact_id && a->campaign_id == b->campaign_id &&
         g_strcmp0 (a->search, b->search) == 0 && g_strcmp0 (a->sort, b->sort) == 0 &&
         g_strcmp0 (a->order, b->order) == 0 &&
         g_strcmp0 (a->direction, b->direction) == 0 &&
         g_strcmp0 (a->status, b->status) == 0 &&
         g_strcmp0 (a->started_after, b->started_after) == 0 &&
         g_strcmp0 (a->started_before, b->started_before) == 0;
}

void
cd_session_filter_set (char       **member,
                       const char  *value)
{
  g_free (*member);
  *member = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

void
cd_session_page_free (CdSessionPage *page)
{
  if (page == NULL)
    return;
  g_clear_object (&page->items);
  g_free (page->next_cursor);
  g_free (page->prev_cursor);
  g_clear_pointer (&page->fetched_at, g_date_time_unref);
  g_free (page);
}

/* Helpers */

static void
filter_to_query (const CdSessionFilter *filter,
                 const char            *cursor,
                 guint                  page_size,
                 CdSessionQuery        *query)
{
  memset (query, 0, sizeof *query);
  query->contact_id = filter->contact_id;
  query->search = filter->search;
  query->sort = filter->sort;
  query->order = filter->order;
  query->cursor = cursor;
  query->page_size = CLAMP (page_size, 1, 100);
  query->direction = filter->direction;
  query->status = filter->status;
  query->started_after = filter->started_after;
  query->started_before = filter->started_before;
  query->campaign_id = filter->campaign_id;
}

/* One contact's whole list, newest first: the order the offline pages are kept in. */
gboolean
cd_session_filter_is_default (const CdSessionFilter *filter)
{
  return filter->contact_id > 0 &&
         filter->search == NULL && filter->direction == NULL && filter->status == NULL &&
         filter->started_after == NULL && filter->started_before == NULL &&
         filter->campaign_id == 0 &&
         (filter->sort == NULL || g_str_equal (filter->sort, "started_at")) &&
         (filter->order == NULL || g_str_equal (filter->order, "desc"));
}

/* The card's default view: also kept for contacts opened but not kept offline. */
static gboolean
is_default_first_page (const CdSessionFilter *filter,
                       const char            *cursor,
                       guint                  page_size)
{
  return cursor == NULL && page_size == CD_CARD_PAGE_SIZE && cd_session_filter_is_default (filter);
}

static CdSessionPage *
parse_page (JsonNode  *data,
            GError   **error)
{
  g_autoptr (CdSessionPage) page = g_new0 (CdSessionPage, 1);
  JsonObject *object;
  JsonArray  *items = NULL;
  gboolean    has_total = FALSE;

  object = cd_json_node_get_object (data, "data", error);
  if (object == NULL)
    return NULL;
  if (!cd_json_read_array (object, "data", "items", &items, error) ||
      !cd_json_read_string (object, "data", "next_cursor", &page->next_cursor, error) ||
      !cd_json_read_string (object, "data", "prev_cursor", &page->prev_cursor, error) ||
      !cd_json_read_int (object, "data", "total", &page->total, &has_total, error))
    return NULL;
  if (!has_total || page->total < 0)
    page->total = -1;
  if (items != NULL)
    page->items = cd_voice_session_list_from_array (items, "data.items", error);
  else
    page->items = G_LIST_MODEL (g_list_store_new (CD_TYPE_VOICE_SESSION));
  if (page->items == NULL)
    return NULL;
  return g_steal_pointer (&page);
}

static gboolean
is_connection_error (const GError *error)
{
  return g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NETWORK) ||
         g_error_matches (error, CD_API_ERROR, CD_API_ERROR_TIMEOUT);
}

/* What a list request needs to answer from the offline pages instead. */
typedef struct
{
  CdSessionFilter *filter;
  char            *cursor;
  guint            page_size;
  GError          *network_error;
  char            *cached_json;   /* the card's page as last shown, sent back on 304 */
  char            *cached_etag;
} ListData;

static void
list_data_free (ListData *data)
{
  cd_session_filter_free (data->filter);
  g_free (data->cursor);
  g_clear_error (&data->network_error);
  g_free (data->cached_json);
  g_free (data->cached_etag);
  g_free (data);
}

/* List: cache fallback through the call-logs resource (it reads the cache on the
 * repository's worker thread and keeps the value when the server is unreachable). */

typedef struct
{
  CdResource *resource;
  ListData   *list;     /* the request, for the kept pages when the card's copy is missing */
  gulong      handler;
} FallbackData;

static void
fallback_data_free (FallbackData *data)
{
  if (data->resource != NULL && data->handler != 0)
    g_signal_handler_disconnect (data->resource, data->handler);
  g_clear_object (&data->resource);
  g_clear_pointer (&data->list, list_data_free);
  g_free (data);
}

static void list_offline_kept (GTask *task);

static void
fallback_state_changed (CdResource *resource,
                        GParamSpec *pspec,
                        GTask      *task)
{
  FallbackData   *data = g_task_get_task_data (task);
  CdResourceState state = cd_resource_get_state (resource);
  GListModel     *value;
  CdSessionPage  *page;

  if (state == CD_RESOURCE_LOADING || state == CD_RESOURCE_STALE)
    return;
  g_signal_handler_disconnect (resource, data->handler);
  data->handler = 0;
  value = cd_resource_get_value (resource);
  if (value == NULL || !G_IS_LIST_MODEL (value))
    {
      /* No copy of the card's page: a contact kept offline still has its pages. */
      g_task_set_task_data (task, g_steal_pointer (&data->list), (GDestroyNotify) list_data_free);
      list_offline_kept (task);
      return;
    }
  page = g_new0 (CdSessionPage, 1);
  page->items = g_object_ref (value);
  page->total = -1;
  page->from_cache = state != CD_RESOURCE_FRESH;
  page->unchanged = TRUE;
  if (cd_resource_get_fetched_at (resource) != NULL)
    page->fetched_at = g_date_time_ref (cd_resource_get_fetched_at (resource));
  g_task_return_pointer (task, page, (GDestroyNotify) cd_session_page_free);
  g_object_unref (task);
}

/* Takes over @task (and its ListData). */
static void
start_cache_fallback (GTask *task)
{
  CdRepository *self = g_task_get_source_object (task);
  FallbackData *data = g_new0 (FallbackData, 1);
  ListData *list = g_task_get_task_data (task);

  data->list = g_memdup2 (list, sizeof *list);
  memset (list, 0, sizeof *list);
  data->resource = cd_repository_open_call_logs (self, data->list->filter->contact_id,
                                                 g_task_get_cancellable (task));
  g_task_set_task_data (task, data, (GDestroyNotify) fallback_data_free);
  data->handler = g_signal_connect (data->resource, "notify::state",
                                    G_CALLBACK (fallback_state_changed), task);
  fallback_state_changed (data->resource, NULL, task);
}

static gpointer
offline_page_func (CdCache   *cache,
                   gpointer   user_data,
                   GError   **error)
{
  ListData *data = user_data;

  return cd_cache_offline_get_page (cache, data->filter->contact_id, data->cursor, error);
}

static void
offline_page_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr (CdOfflinePage) stored = cd_repository_cache_job_finish (result, NULL);
  g_autoptr (JsonNode) node = stored ? cd_json_parse (stored->json, -1, NULL) : NULL;
  CdSessionPage *page = node ? parse_page (node, NULL) : NULL;

  if (page != NULL)
    {
      page->from_cache = TRUE;
      g_task_return_pointer (task, page, (GDestroyNotify) cd_session_page_free);
    }
  else
    g_task_return_error (task, g_steal_pointer (&data->network_error));
}

static void
list_offline_kept (GTask *task)
{
  cd_repository_run_cache_job (g_task_get_source_object (task), offline_page_func,
                               g_task_get_task_data (task), NULL,
                               (GDestroyNotify) cd_offline_page_free, offline_page_cb, task);
}

/* Offline: the kept pages answer the default list; anything else needs the server. */
static void
list_offline (GTask  *task,
              GError *network_error)
{
  ListData *data = g_task_get_task_data (task);

  if (!cd_session_filter_is_default (data->filter))
    {
      g_task_return_error (task, cd_api_error_new (CD_API_ERROR_NETWORK, 0,
        _("Search, filters and other sort orders need a connection. Offline, only the full list, newest first, is available"),
        "OFFLINE", NULL));
      g_error_free (network_error);
      g_object_unref (task);
      return;
    }
  data->network_error = network_error;
  /* The card's own page (10 rows, saved whenever it was shown) before the kept
   * pages of 100, whose cursors the card's paging does not use. */
  if (is_default_first_page (data->filter, data->cursor, data->page_size))
    start_cache_fallback (task);
  else
    list_offline_kept (task);
}

static void
list_sessions_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  g_autoptr (CdApiResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) cached = NULL;
  ListData *data = g_task_get_task_data (task);
  JsonNode *node;
  const char *etag;
  CdSessionPage *page;

  response = cd_repository_finish_request (self, source, result, &error);
  if (response == NULL)
    {
      if (is_connection_error (error))
        {
          list_offline (g_steal_pointer (&task), g_steal_pointer (&error));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  node = cd_api_response_get_data (response);
  etag = cd_api_response_get_etag (response);
  if (cd_api_response_get_not_modified (response) && data->cached_json != NULL)
    {
      node = cached = cd_json_parse (data->cached_json, -1, &error);
      etag = data->cached_etag;
    }
  page = error == NULL ? parse_page (node, &error) : NULL;
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  page->unchanged = cached != NULL;
  /* The card's first page is what an offline start (and the peek) shows first;
   * a 304 stores it again so its time says when the server last confirmed it. */
  if (is_default_first_page (data->filter, data->cursor, data->page_size))
    cd_repository_cache_doc_json (self, CD_CACHE_DOC_CALL_LOGS, data->filter->contact_id,
                                  node, etag);
  g_task_return_pointer (task, page, (GDestroyNotify) cd_session_page_free);
}

static void
send_list_request (GTask      *task,
                   const char *if_none_match)
{
  ListData *data = g_task_get_task_data (task);
  CdSessionQuery query;

  filter_to_query (data->filter, data->cursor, data->page_size, &query);
  query.if_none_match = if_none_match;
  cd_api_client_list_voice_sessions_async (cd_repository_get_api_client (g_task_get_source_object (task)),
                                           &query, g_task_get_cancellable (task),
                                           list_sessions_cb, task);
}

static gpointer
cached_card_page_func (CdCache   *cache,
                       gpointer   user_data,
                       GError   **error)
{
  return cd_cache_get_doc (cache, CD_CACHE_DOC_CALL_LOGS, *(gint64 *) user_data, error);
}

/* The card's page as last shown: revalidated with its ETag (304 = no body). */
static void
cached_card_page_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr (CdCacheEntry) entry = cd_repository_cache_job_finish (result, NULL);
  const char *etag = NULL;

  if (entry != NULL && entry->etag != NULL && entry->json != NULL)
    {
      data->cached_json = g_steal_pointer (&entry->json);
      data->cached_etag = g_steal_pointer (&entry->etag);
      etag = data->cached_etag;
    }
  send_list_request (task, etag);
}

void
cd_repository_list_sessions_async (CdRepository          *self,
                                   const CdSessionFilter *filter,
                                   const char            *cursor,
                                   guint                  page_size,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr (GTask) task = NULL;
  ListData *data;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (filter != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_list_sessions_async);
  data = g_new0 (ListData, 1);
  data->filter = cd_session_filter_copy (filter);
  data->cursor = g_strdup (cursor);
  data->page_size = page_size;
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  if (is_default_first_page (filter, cursor, page_size))
    cd_repository_run_cache_job (self, cached_card_page_func,
                                 g_memdup2 (&filter->contact_id, sizeof (gint64)), g_free,
                                 (GDestroyNotify) cd_cache_entry_free, cached_card_page_cb,
                                 g_steal_pointer (&task));
  else
    send_list_request (g_steal_pointer (&task), NULL);
}

CdSessionPage *
cd_repository_list_sessions_finish (CdRepository  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Peek: the card's page as last stored, for the card to show while the list
 * revalidates it.  A missing or damaged copy is simply nothing to show. */
static void
peek_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (CdCacheEntry) entry = cd_repository_cache_job_finish (result, NULL);
  g_autoptr (JsonNode) node = NULL;
  CdSessionPage *page = NULL;

  if (entry != NULL && entry->json != NULL)
    node = cd_json_parse (entry->json, -1, NULL);
  if (node != NULL)
    page = parse_page (node, NULL);
  if (page != NULL)
    {
      /* No total, as from the offline fallback: the count shown is the server's. */
      page->total = -1;
      page->from_cache = TRUE;
      if (entry->fetched_at > 0)
        page->fetched_at = g_date_time_new_from_unix_utc (entry->fetched_at);
    }
  g_task_return_pointer (task, page, (GDestroyNotify) cd_session_page_free);
}

void
cd_repository_peek_sessions_async (CdRepository        *self,
                                   gint64               contact_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_peek_sessions_async);
  cd_repository_run_cache_job (self, cached_card_page_func,
                               g_memdup2 (&contact_id, sizeof contact_id), g_free,
                               (GDestroyNotify) cd_cache_entry_free, peek_cb, task);
}

CdSessionPage *
cd_repository_peek_sessions_finish (CdRepository  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_repository_peek_sessions_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Detail: network first, written through to the cache; the cached copy when
 * the server is unreachable. */

typedef struct
{
  gint64    session_id;
  gboolean  from_cache;
  GError   *network_error;
} DetailData;

static void
detail_data_free (DetailData *data)
{
  g_clear_error (&data->network_error);
  g_free (data);
}

static void
cached_session_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  DetailData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr (JsonNode) node = NULL;
  CdVoiceSession *session = NULL;

  json = cd_repository_get_cached_session_finish (CD_REPOSITORY (source), result, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (json != NULL)
    node = cd_json_parse (json, -1, &error);
  if (node != NULL)
    session = cd_voice_session_new_from_json (node, &error);
  if (session == NULL)
    {
      /* No usable copy (or the cache failed): the caller sees why the server failed. */
      if (error != NULL)
        g_debug ("Cached session %" G_GINT64_FORMAT " unusable: %s", data->session_id, error->message);
      g_task_return_error (task, g_steal_pointer (&data->network_error));
      return;
    }
  data->from_cache = TRUE;
  g_task_return_pointer (task, session, g_object_unref);
}

static void
get_session_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CdRepository *self = g_task_get_source_object (task);
  DetailData *data = g_task_get_task_data (task);
  g_autoptr (CdApiResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  CdVoiceSession *session;
  JsonNode *node;

  response = cd_repository_finish_request (self, source, result, &error);
  if (response == NULL)
    {
      if (is_connection_error (error))
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          data->network_error = g_steal_pointer (&error);
          cd_repository_get_cached_session_async (self, data->session_id, cancellable,
                                                  cached_session_cb, g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  node = cd_api_response_get_data (response);
  session = cd_voice_session_new_from_json (node, &error);
  if (session == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Only a detail that parsed is kept for offline use. */
  cd_repository_cache_session_json (self, data->session_id,
                                    cd_voice_session_get_contact_id (session), node,
                                    cd_api_response_get_etag (response));
  g_task_return_pointer (task, session, g_object_unref);
}

void
cd_repository_get_session_async (CdRepository        *self,
                                 gint64               session_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  DetailData *data;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_get_session_async);
  data = g_new0 (DetailData, 1);
  data->session_id = session_id;
  g_task_set_task_data (task, data, (GDestroyNotify) detail_data_free);
  cd_api_client_get_voice_session_async (cd_repository_get_api_client (self), session_id,
                                         NULL, cancellable, get_session_cb, task);
}

CdVoiceSession *
cd_repository_get_session_finish (CdRepository  *self,
                                  GAsyncResult  *result,
                                  gboolean      *from_cache,
                                  GError       **error)
{
  DetailData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (from_cache != NULL)
    *from_cache = data->from_cache;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Recording: download, then write under the user cache dir (all async). */

typedef struct
{
  gint64  session_id;
  GBytes *body;
  GFile  *dir;
  GFile     *file;
  GPtrArray *pending;   /* directories still to create, innermost last made first */
  char      *extension;
} RecordingData;

static void
recording_data_free (RecordingData *data)
{
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_object (&data->dir);
  g_clear_object (&data->file);
  g_clear_pointer (&data->pending, g_ptr_array_unref);
  g_free (data->extension);
  g_free (data);
}

static const char *
extension_for (const char *content_type)
{
  if (content_type == NULL)
    return "audio";
  if (g_str_has_prefix (content_type, "audio/wav") || g_str_has_prefix (content_type, "audio/x-wav") ||
      g_str_has_prefix (content_type, "audio/wave"))
    return "wav";
  if (g_str_has_prefix (content_type, "audio/mpeg"))
    return "mp3";
  if (g_str_has_prefix (content_type, "audio/ogg"))
    return "ogg";
  return "audio";
}

static void
recording_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RecordingData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_object_ref (data->file), g_object_unref);
}

static void recording_dir_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* Creates the top of the pending stack; a missing parent is pushed and made first. */
static void
recording_make_next_dir (GTask *task)
{
  RecordingData *data = g_task_get_task_data (task);
  GFile         *top = g_ptr_array_index (data->pending, data->pending->len - 1);

  g_file_make_directory_async (top, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                               recording_dir_cb, task);
}

static void
recording_write (GTask *task)
{
  RecordingData   *data = g_task_get_task_data (task);
  g_autofree char *name = NULL;

  name = g_strdup_printf ("%" G_GINT64_FORMAT ".%s", data->session_id, data->extension);
  data->file = g_file_get_child (data->dir, name);
  g_file_replace_contents_bytes_async (data->file, data->body, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), recording_written_cb, task);
}

static void
recording_dir_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask         *task = user_data;
  RecordingData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) parent = NULL;

  if (g_file_make_directory_finish (G_FILE (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_ptr_array_set_size (data->pending, data->pending->len - 1);
      if (data->pending->len == 0)
        recording_write (task);
      else
        recording_make_next_dir (task);
      return;
    }
  parent = g_file_get_parent (G_FILE (source));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && parent != NULL &&
      data->pending->len < 16)
    {
      g_ptr_array_add (data->pending, g_steal_pointer (&parent));
      recording_make_next_dir (task);
      return;
    }
  g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
}

static void
get_recording_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask         *task = user_data;
  CdRepository  *self = g_task_get_source_object (task);
  RecordingData *data = g_task_get_task_data (task);
  g_autoptr (CdApiResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) app_dir = NULL;

  response = cd_repository_finish_request (self, source, result, &error);
  if (response == NULL || cd_api_response_get_body (response) == NULL ||
      g_bytes_get_size (cd_api_response_get_body (response)) == 0)
    {
      if (error == NULL)
        error = g_error_new_literal (CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE,
                                     "The recording is empty");
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  data->body = g_bytes_ref (cd_api_response_get_body (response));
  data->extension = g_strdup (extension_for (cd_api_response_get_content_type (response)));
  app_dir = g_file_new_build_filename (g_get_user_cache_dir (), "contact-detail", NULL);
  data->dir = g_file_get_child (app_dir, "recordings");
  g_ptr_array_add (data->pending, g_object_ref (data->dir));
  recording_make_next_dir (task);
}

void
cd_repository_get_recording_async (CdRepository        *self,
                                   gint64               session_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask         *task;
  RecordingData *data;

  g_return_if_fail (CD_IS_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_get_recording_async);
  data = g_new0 (RecordingData, 1);
  data->session_id = session_id;
  data->pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) recording_data_free);
  cd_api_client_get_recording_async (cd_repository_get_api_client (self), session_id,
                                     cancellable, get_recording_cb, task);
}

GFile *
cd_repository_get_recording_finish (CdRepository  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* CSV */

static void
csv_append_field (GString    *line,
                  const char *value,
                  gboolean    first)
{
  if (!first)
    g_string_append_c (line, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static const char *csv_columns[] = {
  "id", "contact_id", "started_at", "ended_at", "direction", "status",
  "duration_seconds", "talk_time_seconds", "agent", "campaign_id", "campaign",
  "campaign_outcome", "from_number", "to_number", "has_recording", "cost_amount",
  "cost_currency", "sentiment", "end_reason", "summary", NULL,
};

char *
cd_sessions_csv_header (void)
{
  GString *line = g_string_new (NULL);

  for (guint i = 0; csv_columns[i] != NULL; i++)
    csv_append_field (line, csv_columns[i], i == 0);
  g_string_append (line, "\r\n");
  return g_string_free (line, FALSE);
}

static char *
format_int (gint64 value, gboolean known)
{
  return known ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : NULL;
}

static char *
format_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

char *
cd_sessions_csv_row (CdVoiceSession *s)
{
  const CdMoney *cost = cd_voice_session_get_cost (s);
  gint64 duration = cd_voice_session_get_duration_seconds (s);
  gint64 talk = cd_voice_session_get_talk_time_seconds (s);
  gint64 campaign = cd_voice_session_get_campaign_id (s);
  char *fields[20] = { NULL };
  GString *line = g_string_new (NULL);

  fields[0] = format_int (cd_voice_session_get_id (s), TRUE);
  fields[1] = format_int (cd_voice_session_get_contact_id (s), TRUE);
  fields[2] = format_time (cd_voice_session_get_started_at (s));
  fields[3] = format_time (cd_voice_session_get_ended_at (s));
  fields[4] = g_strdup (cd_direction_to_string (cd_voice_session_get_direction (s)));
  fields[5] = g_strdup (cd_session_status_to_string (cd_voice_session_get_status (s)));
  fields[6] = format_int (duration, duration >= 0);
  fields[7] = format_int (talk, talk >= 0);
  fields[8] = g_strdup (cd_voice_session_get_agent_name (s));
  fields[9] = format_int (campaign, campaign > 0);
  fields[10] = g_strdup (cd_voice_session_get_campaign_name (s));
  fields[11] = g_strdup (cd_voice_session_get_campaign_outcome (s));
  fields[12] = g_strdup (cd_voice_session_get_from_number (s));
  fields[13] = g_strdup (cd_voice_session_get_to_number (s));
  fields[14] = g_strdup (cd_voice_session_get_has_recording (s) ? "true" : "false");
  fields[15] = g_strdup (cost != NULL ? cost->amount : NULL);
  fields[16] = g_strdup (cost != NULL ? cost->currency : NULL);
  fields[17] = g_strdup (cd_sentiment_to_string (cd_voice_session_get_sentiment (s)));
  fields[18] = g_strdup (cd_voice_session_get_end_reason (s));
  fields[19] = g_strdup (cd_voice_session_get_summary (s));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      csv_append_field (line, fields[i], i == 0);
      g_free (fields[i]);
      fields[i] = NULL;
    }
  g_string_append (line, "\r\n");
  return g_string_free (line, FALSE);
}

typedef struct
{
  CdSessionFilter     *filter;
  GOutputStream       *stream;
  CdExportProgressFunc progress;
  gpointer             progress_data;
  GDestroyNotify       progress_destroy;
  char                *next_cursor;
  char                *buffer;      /* text being written */
  guint64              rows;
  guint64              pending_rows;
  gint64               total;
} ExportData;

static void
export_data_free (ExportData *data)
{
  if (data->progress_destroy != NULL)
    data->progress_destroy (data->progress_data);
  cd_session_filter_free (data->filter);
  g_clear_object (&data->stream);
  g_free (data->next_cursor);
  g_free (data->buffer);
  g_free (data);
}

static void export_page_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
export_fetch_next (GTask *task)
{
  ExportData *data = g_task_get_task_data (task);

  cd_repository_list_sessions_async (g_task_get_source_object (task), data->filter,
                                     data->next_cursor, CD_EXPORT_PAGE_SIZE,
                                     g_task_get_cancellable (task), export_page_cb, task);
}

static void
export_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask      *task = user_data;
  ExportData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  data->rows += data->pending_rows;
  data->pending_rows = 0;
  if (data->progress != NULL)
    data->progress (data->rows, data->total, data->progress_data);
  if (data->next_cursor == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  export_fetch_next (task);
}

static void
export_write (GTask *task,
              char  *text)
{
  ExportData *data = g_task_get_task_data (task);
  gsize       length = strlen (text);

  /* The text must live until the async write completes. */
  g_free (data->buffer);
  data->buffer = text;
  g_output_stream_write_all_async (data->stream, text, length, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), export_written_cb, task);
}

static void
export_page_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask      *task = user_data;
  ExportData *data = g_task_get_task_data (task);
  g_autoptr (CdSessionPage) page = NULL;
  g_autoptr (GError) error = NULL;
  GString    *text;
  guint       n;

  page = cd_repository_list_sessions_finish (CD_REPOSITORY (source), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  text = g_string_new (NULL);
  n = g_list_model_get_n_items (page->items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CdVoiceSession) s = g_list_model_get_item (page->items, i);
      g_autofree char *row = cd_sessions_csv_row (s);

      g_string_append (text, row);
    }
  data->pending_rows = n;
  if (page->total >= 0)
    data->total = page->total;
  g_free (data->next_cursor);
  /* An empty page never advances: stop rather than loop on a misbehaving server. */
  data->next_cursor = n > 0 ? g_steal_pointer (&page->next_cursor) : NULL;
  export_write (task, g_string_free (text, FALSE));
}

static void
export_header_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  export_fetch_next (task);
}

void
cd_repository_export_sessions_csv_async (CdRepository          *self,
                                         const CdSessionFilter *filter,
                                         GOutputStream         *stream,
                                         CdExportProgressFunc   progress,
                                         gpointer               progress_data,
                                         GDestroyNotify         progress_destroy,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  GTask      *task;
  ExportData *data;

  g_return_if_fail (CD_IS_REPOSITORY (self));
  g_return_if_fail (filter != NULL);
  g_return_if_fail (G_IS_OUTPUT_STREAM (stream));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_repository_export_sessions_csv_async);
  data = g_new0 (ExportData, 1);
  data->filter = cd_session_filter_copy (filter);
  data->stream = g_object_ref (stream);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_destroy = progress_destroy;
  data->total = -1;
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  data->buffer = cd_sessions_csv_header ();
  g_output_stream_write_all_async (stream, data->buffer, strlen (data->buffer), G_PRIORITY_DEFAULT,
                                   cancellable, export_header_cb, task);
}

gboolean
cd_repository_export_sessions_csv_finish (CdRepository  *self,
                                          GAsyncResult  *result,
                                          guint64       *rows_written,
                                          GError       **error)
{
  ExportData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  data = g_task_get_task_data (G_TASK (result));
  if (rows_written != NULL)
    *rows_written = data->rows;
  return g_task_propagate_boolean (G_TASK (result), error);
}
