/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include <string.h>

#include "cd-contact.h"
#include "cd-error.h"
#include "cd-json.h"
#include "cd-offline-private.h"
#include "cd-repository-private.h"

/*
 * The "Keep offline" download: one contact after the other, each as a chain of
 * steps (contact, follow-ups, memory, the card's first page, every call-log
 * page with its session details, the campaigns those name).  Details go
 * DETAILS_IN_FLIGHT at a time; a page's details are written in one transaction
 * together with the progress that points past it, so a resume never skips one.
 * A connection failure or a cancel halts after the requests in flight: what
 * was fetched is written and the contact stays pending.
 */

#define DETAILS_IN_FLIGHT 3

typedef enum
{
  STEP_CONTACT,
  STEP_FOLLOW_UPS,
  STEP_MEMORY,
  STEP_CARD,
  STEP_PAGES,
  STEP_CAMPAIGNS,
  STEP_DONE,
} Step;

struct _CdOfflineRun
{
  GWeakRef      repo;
  CdOfflineJob *job;
  GArray       *queue;        /* contact ids still to download */
  guint         page_size;
  CdOfflineRow *row;          /* the current contact's progress (NULL between contacts) */
  Step          step;
  char         *page_next;    /* next_cursor of the page whose details are loading */
  guint         page_items;
  GArray       *details;      /* session ids of that page still without a detail */
  guint         detail_index;
  guint         details_done;
  guint         in_flight;
  GPtrArray    *batch;        /* alternating id text, json, etag of fetched details */
  GArray       *campaigns;
  guint         campaign_index;
  GError       *stop_error;   /* set: halt once nothing is in flight */
  gboolean      ended;
};

/* One worker transaction: any of the parts that are set. */
typedef struct
{
  CdOfflineRow *row;          /* written last, with bytes recomputed if size */
  gboolean      size;
  gboolean      delete_pages;
  char         *cursor;       /* a page to store (json set) */
  char         *json;
  char         *next_cursor;
  gint64        total;
  GPtrArray    *batch;
  GArray       *ids;          /* result: those without a detail */
  gint64        campaign_id;  /* a campaign to store (json set) */
  char         *etag;
} Write;

static void run_step (CdOfflineRun *run);
static void run_next_contact (CdOfflineRun *run);

static CdOfflineRun *
run_ref (CdOfflineRun *run)
{
  return g_rc_box_acquire (run);
}

static void
run_clear (CdOfflineRun *run)
{
  g_weak_ref_clear (&run->repo);
  g_clear_object (&run->job);
  g_clear_pointer (&run->queue, g_array_unref);
  g_clear_pointer (&run->row, cd_offline_row_free);
  g_free (run->page_next);
  g_clear_pointer (&run->details, g_array_unref);
  g_clear_pointer (&run->batch, g_ptr_array_unref);
  g_clear_pointer (&run->campaigns, g_array_unref);
  g_clear_error (&run->stop_error);
}

void
cd_offline_run_unref (CdOfflineRun *run)
{
  g_rc_box_release_full (run, (GDestroyNotify) run_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdOfflineRun, cd_offline_run_unref)

static CdOfflineRow *
row_copy (const CdOfflineRow *row)
{
  CdOfflineRow *copy = g_memdup2 (row, sizeof *row);

  copy->next_cursor = g_strdup (row->next_cursor);
  return copy;
}

static void
write_free (Write *w)
{
  g_clear_pointer (&w->row, cd_offline_row_free);
  g_free (w->cursor);
  g_free (w->json);
  g_free (w->next_cursor);
  g_clear_pointer (&w->batch, g_ptr_array_unref);
  g_clear_pointer (&w->ids, g_array_unref);
  g_free (w->etag);
  g_free (w);
}

static gboolean
write_parts (CdCache  *cache,
             Write    *w,
             GError  **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (w->delete_pages && !cd_cache_offline_delete_pages (cache, w->row->contact_id, error))
    return FALSE;
  if (w->json != NULL && w->cursor != NULL &&
      !cd_cache_offline_put_page (cache, w->row->contact_id, w->cursor, w->json, w->next_cursor,
                                  w->total, now, error))
    return FALSE;
  if (w->json != NULL && w->campaign_id > 0 &&
      !cd_cache_put_campaign (cache, w->campaign_id, w->json, w->etag, now, error))
    return FALSE;
  for (guint i = 0; w->batch != NULL && i + 2 < w->batch->len; i += 3)
    {
      gint64 id = g_ascii_strtoll (g_ptr_array_index (w->batch, i), NULL, 10);

      if (!cd_cache_put_session (cache, id, w->row->contact_id, g_ptr_array_index (w->batch, i + 1),
                                 g_ptr_array_index (w->batch, i + 2), now, error))
        return FALSE;
    }
  if (w->size)
    w->row->bytes = MAX (0, cd_cache_offline_size (cache, w->row->contact_id, NULL));
  return w->row == NULL || cd_cache_offline_update (cache, w->row, error);
}

static gpointer
write_func (CdCache   *cache,
            gpointer   data,
            GError   **error)
{
  Write *w = data;
  CdDatabase *db = cd_cache_get_database (cache);

  if (!cd_database_begin (db, error))
    return NULL;
  if (!write_parts (cache, w, error) || !cd_database_commit (db, error))
    {
      cd_database_rollback (db);
      return NULL;
    }
  if (w->ids != NULL)
    return cd_cache_offline_missing_sessions (cache, w->ids, error);
  return GINT_TO_POINTER (TRUE);
}

static Write *
write_new (CdOfflineRun *run)
{
  Write *w = g_new0 (Write, 1);

  w->row = row_copy (run->row);
  w->total = -1;
  return w;
}

static void
queue_write (CdRepository        *repo,
             Write               *w,
             GAsyncReadyCallback  callback,
             CdOfflineRun        *run)
{
  cd_repository_run_cache_job (repo, write_func, w, (GDestroyNotify) write_free,
                               w->ids != NULL ? (GDestroyNotify) g_array_unref : NULL,
                               callback, run ? run_ref (run) : NULL);
}

static CdRepository *
run_repo (CdOfflineRun *run)
{
  return g_weak_ref_get (&run->repo);
}

static GCancellable *
run_cancellable (CdOfflineRun *run)
{
  return cd_offline_job_get_cancellable (run->job);
}

static GError *
cancelled_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
}

/* Removed from the set (or the whole cache cleared) while downloading: nothing
 * more of it may be written. */
static gboolean
current_dropped (CdOfflineRun *run,
                 CdRepository *repo)
{
  return run->row != NULL &&
         cd_repository_get_offline_state (repo, run->row->contact_id) == CD_OFFLINE_NONE;
}

/* ---- ending ------------------------------------------------------------ */

static void
run_end (CdOfflineRun *run,
         GError       *error)
{
  g_autoptr(CdRepository) repo = run_repo (run);

  if (run->ended)
    {
      g_clear_error (&error);
      return;
    }
  run->ended = TRUE;
  if (repo != NULL)
    cd_repository_offline_run_ended (repo, run, run->job, error);
  else
    cd_offline_job_finish (run->job, error);
}

/* Nothing in flight any more: keep what was fetched, leave the contact pending. */
static void
run_halt (CdOfflineRun *run)
{
  g_autoptr(CdRepository) repo = run_repo (run);
  GError *error;

  if (run->ended)
    return;
  error = g_steal_pointer (&run->stop_error);
  if (error == NULL)
    error = cancelled_error ();
  if (repo != NULL && run->row != NULL && !current_dropped (run, repo))
    {
      Write *w = write_new (run);

      w->row->state = CD_OFFLINE_PENDING;
      w->batch = g_steal_pointer (&run->batch);
      queue_write (repo, w, NULL, NULL);
      cd_repository_offline_set_state (repo, run->row->contact_id, CD_OFFLINE_PENDING);
      g_debug ("Offline download of %" G_GINT64_FORMAT " halted (%s %d)",
               run->row->contact_id, g_quark_to_string (error->domain), error->code);
    }
  run_end (run, error);
}

/* Takes @error; halts at once when nothing else is in flight. */
static void
run_stop (CdOfflineRun *run,
          GError       *error)
{
  if (run->stop_error == NULL)
    run->stop_error = error;
  else
    g_clear_error (&error);
  if (run->in_flight == 0)
    run_halt (run);
}

static gboolean
is_connection_error (const GError *error)
{
  return g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NETWORK) ||
         g_error_matches (error, CD_API_ERROR, CD_API_ERROR_TIMEOUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
check_cancelled (CdOfflineRun *run)
{
  if (!g_cancellable_is_cancelled (run_cancellable (run)))
    return FALSE;
  run_stop (run, cancelled_error ());
  return TRUE;
}

/* The contact ends without being done (failed, or gone from the server). */
static void
contact_abandon (CdOfflineRun   *run,
                 CdRepository   *repo,
                 CdOfflineState  state)
{
  gint64 id = run->row->contact_id;

  if (state == CD_OFFLINE_NONE)
    {
      g_clear_pointer (&run->row, cd_offline_row_free);
      cd_repository_offline_purge_gone (repo, id);
    }
  else
    {
      Write *w = write_new (run);

      w->row->state = state;
      queue_write (repo, w, NULL, NULL);
      cd_repository_offline_set_state (repo, id, state);
      g_debug ("Offline download of %" G_GINT64_FORMAT " failed", id);
    }
  cd_offline_job_contact_done (run->job);
  run_next_contact (run);
}

static void
contact_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CdOfflineRun) run = user_data;
  g_autoptr(CdRepository) repo = run_repo (run);
  g_autoptr(GError) error = NULL;

  cd_repository_cache_job_finish (result, &error);
  if (repo == NULL)
    {
      run_end (run, cancelled_error ());
      return;
    }
  if (error != NULL)
    {
      run_stop (run, g_steal_pointer (&error));
      return;
    }
  cd_repository_offline_set_state (repo, run->row->contact_id, CD_OFFLINE_DONE);
  g_clear_pointer (&run->row, cd_offline_row_free);
  cd_offline_job_contact_done (run->job);
  run_next_contact (run);
}

static void
contact_complete (CdOfflineRun *run,
                  CdRepository *repo)
{
  Write *w;

  run->row->state = CD_OFFLINE_DONE;
  run->row->synced_at = g_get_real_time () / G_USEC_PER_SEC;
  w = write_new (run);
  w->size = TRUE;
  queue_write (repo, w, contact_written_cb, run);
}

/* ---- failures of one request ------------------------------------------- */

/* A request of the current step failed (takes @error). */
static void
step_failed (CdOfflineRun *run,
             CdRepository *repo,
             GError       *error)
{
  if (is_connection_error (error))
    {
      run_stop (run, error);
      return;
    }
  if (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NOT_FOUND) && run->step == STEP_CONTACT)
    {
      g_error_free (error);
      contact_abandon (run, repo, CD_OFFLINE_NONE);
      return;
    }
  if (g_error_matches (error, CD_API_ERROR, CD_API_ERROR_NOT_FOUND) && run->step != STEP_PAGES)
    {
      /* A card the server does not have (e.g. no memory) is simply not kept. */
      g_error_free (error);
      run->step++;
      run_step (run);
      return;
    }
  g_error_free (error);
  contact_abandon (run, repo, CD_OFFLINE_FAILED);
}

/* ---- contact, follow-ups, memory, the card's page ------------------------ */

/* Stores a step's answer; FALSE when the contact turned out erased. */
static gboolean
store_step (CdOfflineRun   *run,
            CdRepository   *repo,
            CdApiResponse  *response,
            GError        **error)
{
  JsonNode *data = cd_api_response_get_data (response);
  const char *etag = cd_api_response_get_etag (response);
  gint64 id = run->row->contact_id;
  g_autoptr(CdContact) contact = NULL;

  if (data == NULL)
    {
      g_set_error_literal (error, CD_API_ERROR, CD_API_ERROR_BAD_RESPONSE, "No data");
      return TRUE;
    }
  switch (run->step)
    {
    case STEP_CONTACT:
      contact = cd_contact_new_from_json (data, error);
      if (contact != NULL && cd_contact_is_erased (contact))
        return FALSE;
      if (contact != NULL)
        cd_repository_cache_contact_json (repo, id, data, etag);
      break;
    case STEP_FOLLOW_UPS:
      cd_repository_cache_doc_json (repo, CD_CACHE_DOC_FOLLOW_UPS, id, data, etag);
      break;
    case STEP_MEMORY:
      cd_repository_cache_doc_json (repo, CD_CACHE_DOC_MEMORY, id, data, etag);
      break;
    case STEP_CARD:
      cd_repository_cache_doc_json (repo, CD_CACHE_DOC_CALL_LOGS, id, data, etag);
      break;
    case STEP_PAGES:
    case STEP_CAMPAIGNS:
    case STEP_DONE:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static void
step_response_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CdOfflineRun) run = user_data;
  g_autoptr(CdRepository) repo = run_repo (run);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;

  if (repo == NULL)
    {
      run_end (run, cancelled_error ());
      return;
    }
  response = cd_repository_finish_request (repo, source, result, &error);
  if (current_dropped (run, repo))
    {
      g_clear_error (&error);
      run_stop (run, cancelled_error ());
      return;
    }
  if (response != NULL && !store_step (run, repo, response, &error))
    {
      contact_abandon (run, repo, CD_OFFLINE_NONE);
      return;
    }
  if (error != NULL)
    {
      step_failed (run, repo, error);
      return;
    }
  run->step++;
  run_step (run);
}

/* ---- call-log pages and session details ---------------------------------- */

static void fetch_page (CdOfflineRun *run, CdRepository *repo);

static void
page_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdOfflineRun) run = user_data;
  g_autoptr(GError) error = NULL;

  cd_repository_cache_job_finish (result, &error);
  if (error != NULL)
    run_stop (run, g_steal_pointer (&error));
  else
    run_step (run);
}

/* Every detail of the page is stored: write them with the progress past it. */
static void
page_complete (CdOfflineRun *run,
               CdRepository *repo)
{
  Write *w;

  g_free (run->row->next_cursor);
  run->row->next_cursor = g_steal_pointer (&run->page_next);
  run->row->pages_done++;
  run->row->sessions_done += run->page_items;
  cd_offline_job_set_sessions_done (run->job, run->row->sessions_done);
  if (run->row->next_cursor == NULL)
    run->step = STEP_CAMPAIGNS;
  w = write_new (run);
  w->batch = g_steal_pointer (&run->batch);
  queue_write (repo, w, page_written_cb, run);
}

static void detail_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
pump_details (CdOfflineRun *run,
              CdRepository *repo)
{
  CdApiClient *client = cd_repository_get_api_client (repo);

  if (run->stop_error == NULL && check_cancelled (run))
    return;
  while (run->stop_error == NULL && run->in_flight < DETAILS_IN_FLIGHT &&
         run->detail_index < run->details->len)
    {
      gint64 id = g_array_index (run->details, gint64, run->detail_index++);

      run->in_flight++;
      cd_api_client_get_voice_session_async (client, id, NULL, run_cancellable (run),
                                             detail_cb, run_ref (run));
    }
  if (run->in_flight > 0)
    return;
  if (run->stop_error != NULL)
    run_halt (run);
  else
    page_complete (run, repo);
}

static void
keep_detail (CdOfflineRun  *run,
             CdApiResponse *response)
{
  JsonNode *data = cd_api_response_get_data (response);
  JsonObject *object = data && JSON_NODE_HOLDS_OBJECT (data) ? json_node_get_object (data) : NULL;
  gint64 id = object ? json_object_get_int_member_with_default (object, "id", 0) : 0;

  if (id <= 0)
    return;
  if (run->batch == NULL)
    run->batch = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (run->batch, g_strdup_printf ("%" G_GINT64_FORMAT, id));
  g_ptr_array_add (run->batch, json_to_string (data, FALSE));
  g_ptr_array_add (run->batch, g_strdup (cd_api_response_get_etag (response)));
  /* A running estimate; the exact size is computed when the contact is done. */
  run->row->bytes += strlen (g_ptr_array_index (run->batch, run->batch->len - 2));
}

static void
detail_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdOfflineRun) run = user_data;
  g_autoptr(CdRepository) repo = run_repo (run);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;

  run->in_flight--;
  if (repo == NULL)
    {
      if (run->in_flight == 0)
        run_end (run, cancelled_error ());
      return;
    }
  response = cd_repository_finish_request (repo, source, result, &error);
  if (current_dropped (run, repo))
    {
      g_clear_error (&error);
      error = cancelled_error ();
    }
  else if (response != NULL)
    keep_detail (run, response);
  if (is_connection_error (error))
    run_stop (run, error);
  else
    g_clear_error (&error);  /* one missing detail does not stop the rest */
  if (run->ended || (run->stop_error != NULL && run->in_flight > 0))
    return;
  run->details_done++;
  cd_offline_job_set_sessions_done (run->job, run->row->sessions_done + run->details_done);
  pump_details (run, repo);
}

static void
page_stored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdOfflineRun) run = user_data;
  g_autoptr(CdRepository) repo = run_repo (run);
  g_autoptr(GError) error = NULL;
  GArray *missing = cd_repository_cache_job_finish (result, &error);

  if (repo == NULL || error != NULL)
    {
      run_stop (run, error ? g_steal_pointer (&error)
                           : cancelled_error ());
      return;
    }
  g_clear_pointer (&run->details, g_array_unref);
  run->details = missing;
  run->detail_index = 0;
  run->details_done = run->page_items - missing->len;
  pump_details (run, repo);
}

/* Reads one page's items, next cursor and total; NULL on a malformed page. */
static GArray *
page_session_ids (JsonNode  *data,
                  char     **next_cursor,
                  gint64    *total,
                  GError   **error)
{
  JsonObject *object = cd_json_node_get_object (data, "data", error);
  JsonArray *items = NULL;
  gboolean has_total = FALSE;
  GArray *ids;

  if (object == NULL ||
      !cd_json_read_array (object, "data", "items", &items, error) ||
      !cd_json_read_string (object, "data", "next_cursor", next_cursor, error) ||
      !cd_json_read_int (object, "data", "total", total, &has_total, error))
    return NULL;
  if (!has_total)
    *total = -1;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      gint64 id = JSON_NODE_HOLDS_OBJECT (item)
                    ? json_object_get_int_member_with_default (json_node_get_object (item), "id", 0) : 0;

      if (id > 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CdOfflineRun) run = user_data;
  g_autoptr(CdRepository) repo = run_repo (run);
  g_autoptr(CdApiResponse) response = NULL;
  g_autofree char *next = NULL;
  GError *error = NULL;
  GArray *ids = NULL;
  gint64 total = -1;
  Write *w;

  if (repo == NULL)
    {
      run_end (run, cancelled_error ());
      return;
    }
  response = cd_repository_finish_request (repo, source, result, &error);
  if (current_dropped (run, repo))
    {
      g_clear_error (&error);
      run_stop (run, cancelled_error ());
      return;
    }
  if (response != NULL)
    ids = page_session_ids (cd_api_response_get_data (response), &next, &total, &error);
  if (ids == NULL)
    {
      step_failed (run, repo, error);
      return;
    }
  /* An empty page never advances: stop rather than loop on a misbehaving server. */
  run->page_next = ids->len > 0 ? g_steal_pointer (&next) : NULL;
  run->page_items = ids->len;
  if (total >= 0)
    run->row->sessions_total = total;
  cd_offline_job_set_current (run->job, run->row->contact_id, run->row->sessions_done,
                              run->row->sessions_total);
  w = write_new (run);
  w->cursor = g_strdup (run->row->next_cursor ? run->row->next_cursor : "");
  w->json = json_to_string (cd_api_response_get_data (response), FALSE);
  run->row->bytes += strlen (w->json);
  w->next_cursor = g_strdup (run->page_next);
  w->total = total;
  w->ids = ids;
  queue_write (repo, w, page_stored_cb, run);
}

static void
fetch_page (CdOfflineRun *run,
            CdRepository *repo)
{
  CdSessionQuery query = { 0, };

  query.contact_id = run->row->contact_id;
  query.sort = "started_at";
  query.order = "desc";
  query.page_size = run->page_size;
  query.cursor = run->row->next_cursor;
  cd_api_client_list_voice_sessions_async (cd_repository_get_api_client (repo), &query,
                                           run_cancellable (run), page_cb, run_ref (run));
}

/* ---- campaigns ----------------------------------------------------------- */

static void next_campaign (CdOfflineRun *run, CdRepository *repo);

static void
campaign_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CdOfflineRun) run = user_data;
  g_autoptr(CdRepository) repo = run_repo (run);
  g_autoptr(CdApiResponse) response = NULL;
  GError *error = NULL;

  if (repo == NULL)
    {
      run_end (run, cancelled_error ());
      return;
    }
  response = cd_repository_finish_request (repo, source, result, &error);
  if (is_connection_error (error))
    {
      run_stop (run, error);
      return;
    }
  g_clear_error (&error);
  if (response != NULL && cd_api_response_get_data (response) != NULL)
    {
      Write *w = g_new0 (Write, 1);

      w->campaign_id = g_array_index (run->campaigns, gint64, run->campaign_index - 1);
      w->json = json_to_string (cd_api_response_get_data (response), FALSE);
      w->etag = g_strdup (cd_api_response_get_etag (response));
      queue_write (repo, w, NULL, NULL);
    }
  next_campaign (run, repo);
}

static void
next_campaign (CdOfflineRun *run,
               CdRepository *repo)
{
  gint64 id;

  if (check_cancelled (run))
    return;
  if (run->campaigns == NULL || run->campaign_index >= run->campaigns->len)
    {
      contact_complete (run, repo);
      return;
    }
  id = g_array_index (run->campaigns, gint64, run->campaign_index++);
  cd_api_client_get_campaign_async (cd_repository_get_api_client (repo), id, NULL,
                                    run_cancellable (run), campaign_cb, run_ref (run));
}

static gpointer
campaign_ids_func (CdCache   *cache,
                   gpointer   data,
                   GError   **error)
{
  return cd_cache_offline_campaign_ids (cache, *(gint64 *) data, error);
}

static void
campaign_ids_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdOfflineRun) run = user_data;
  g_autoptr(CdRepository) repo = run_repo (run);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&run->campaigns, g_array_unref);
  run->campaigns = cd_repository_cache_job_finish (result, &error);
  run->campaign_index = 0;
  if (repo == NULL)
    run_end (run, cancelled_error ());
  else
    next_campaign (run, repo);
}

/* ---- steps and contacts --------------------------------------------------- */

static void
run_step (CdOfflineRun *run)
{
  g_autoptr(CdRepository) repo = run_repo (run);
  CdApiClient *client;
  GCancellable *cancellable = run_cancellable (run);
  gint64 id = run->row->contact_id;
  CdSessionQuery card = { 0, };

  if (repo == NULL)
    {
      run_end (run, cancelled_error ());
      return;
    }
  if (check_cancelled (run))
    return;
  client = cd_repository_get_api_client (repo);
  switch (run->step)
    {
    case STEP_CONTACT:
      cd_api_client_get_contact_async (client, id, NULL, cancellable, step_response_cb, run_ref (run));
      break;
    case STEP_FOLLOW_UPS:
      cd_api_client_list_follow_ups_async (client, id, NULL, cancellable, step_response_cb,
                                           run_ref (run));
      break;
    case STEP_MEMORY:
      cd_api_client_get_memory_async (client, id, NULL, cancellable, step_response_cb, run_ref (run));
      break;
    case STEP_CARD:
      card.contact_id = id;
      card.sort = "started_at";
      card.order = "desc";
      card.page_size = CD_OFFLINE_CARD_PAGE_SIZE;
      cd_api_client_list_voice_sessions_async (client, &card, cancellable, step_response_cb,
                                               run_ref (run));
      break;
    case STEP_PAGES:
      fetch_page (run, repo);
      break;
    case STEP_CAMPAIGNS:
      cd_repository_run_cache_job (repo, campaign_ids_func, g_memdup2 (&id, sizeof id), g_free,
                                   (GDestroyNotify) g_array_unref, campaign_ids_cb, run_ref (run));
      break;
    case STEP_DONE:
    default:
      contact_complete (run, repo);
      break;
    }
}

static void
begin_contact (CdOfflineRun *run,
               CdRepository *repo)
{
  Write *w;

  gboolean fresh = run->row->next_cursor == NULL;

  run->row->state = CD_OFFLINE_DOWNLOADING;
  run->step = STEP_CONTACT;
  if (fresh)
    {
      run->row->pages_done = 0;
      run->row->sessions_done = 0;
      run->row->bytes = 0;
    }
  w = write_new (run);
  /* From the first page: the old chain may no longer match the server's. */
  w->delete_pages = fresh;
  queue_write (repo, w, NULL, NULL);
  cd_repository_offline_set_state (repo, run->row->contact_id, CD_OFFLINE_DOWNLOADING);
  cd_offline_job_set_current (run->job, run->row->contact_id, run->row->sessions_done,
                              run->row->sessions_total);
  g_debug ("Keeping %" G_GINT64_FORMAT " offline", run->row->contact_id);
  run_step (run);
}

static gpointer
get_row_func (CdCache   *cache,
              gpointer   data,
              GError   **error)
{
  return cd_cache_offline_get (cache, *(gint64 *) data, error);
}

static void
row_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(CdOfflineRun) run = user_data;
  g_autoptr(CdRepository) repo = run_repo (run);
  g_autoptr(GError) error = NULL;
  CdOfflineRow *row = cd_repository_cache_job_finish (result, &error);

  if (repo == NULL || error != NULL)
    {
      cd_offline_row_free (row);
      run_end (run, error ? g_steal_pointer (&error)
                          : cancelled_error ());
      return;
    }
  if (row == NULL)
    {
      /* Removed from the set meanwhile. */
      cd_offline_job_contact_done (run->job);
      run_next_contact (run);
      return;
    }
  run->row = row;
  begin_contact (run, repo);
}

static void
run_next_contact (CdOfflineRun *run)
{
  g_autoptr(CdRepository) repo = run_repo (run);
  gint64 id;

  g_clear_pointer (&run->row, cd_offline_row_free);
  if (repo == NULL)
    {
      run_end (run, cancelled_error ());
      return;
    }
  if (check_cancelled (run))
    return;
  if (run->queue->len == 0)
    {
      cd_offline_job_set_current (run->job, 0, 0, -1);
      run_end (run, NULL);
      return;
    }
  id = g_array_index (run->queue, gint64, 0);
  g_array_remove_index (run->queue, 0);
  cd_repository_run_cache_job (repo, get_row_func, g_memdup2 (&id, sizeof id), g_free,
                               (GDestroyNotify) cd_offline_row_free, row_cb, run_ref (run));
}

/* ---- public (private) API -------------------------------------------------- */

CdOfflineRun *
cd_offline_run_start (CdRepository *repo,
                      CdOfflineJob *job,
                      GArray       *ids,
                      guint         page_size)
{
  CdOfflineRun *run = g_rc_box_new0 (CdOfflineRun);

  g_weak_ref_init (&run->repo, repo);
  run->job = g_object_ref (job);
  run->queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  run->page_size = CLAMP (page_size, 1, CD_OFFLINE_PAGE_SIZE);
  cd_offline_run_add (run, ids);
  run_next_contact (run);
  return run;
}

void
cd_offline_run_add (CdOfflineRun *run,
                    GArray       *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gboolean queued = run->row != NULL && run->row->contact_id == id;

      for (guint j = 0; !queued && j < run->queue->len; j++)
        queued = g_array_index (run->queue, gint64, j) == id;
      if (queued)
        continue;
      g_array_append_val (run->queue, id);
      cd_offline_job_add_contacts (run->job, 1);
    }
}

void
cd_offline_run_drop (CdOfflineRun *run,
                     gint64        contact_id)
{
  for (guint i = 0; i < run->queue->len; i++)
    if (g_array_index (run->queue, gint64, i) == contact_id)
      {
        g_array_remove_index (run->queue, i);
        cd_offline_job_contact_done (run->job);
        return;
      }
}

gint64
cd_offline_run_get_current (CdOfflineRun *run)
{
  return run->row != NULL ? run->row->contact_id : 0;
}
