/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-calllogs"

#include "cd-session-list-model.h"

#include "cd-call-log-item.h"

struct _CdSessionListModel
{
  GObject          parent_instance;

  CdRepository    *repository;
  CdSessionFilter *filter;
  guint            page_size;
  guint            max_pages;

  GHashTable      *pages;       /* page index → GPtrArray of CdVoiceSession */
  GPtrArray       *cursors;     /* page index → cursor; "" = first page; NULL = unknown */
  guint            n_items;
  gint64           total;
  guint            wanted;      /* last page asked for that is not in memory */
  guint            fetching;    /* page of the request in flight */
  gboolean         fetching_two; /* that request spans two pages (walking) */
  gboolean         has_wanted;
  GCancellable    *cancellable; /* of the request in flight, NULL when idle */
  GError          *error;
};

enum
{
  PROP_0,
  PROP_LOADING,
  PROP_TOTAL,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdSessionListModel, cd_session_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void fetch_next (CdSessionListModel *self);

/* Helpers */

static const char *
known_cursor (CdSessionListModel *self,
              guint               page)
{
  return page < self->cursors->len ? g_ptr_array_index (self->cursors, page) : NULL;
}

static void
remember_cursor (CdSessionListModel *self,
                 guint               page,
                 const char         *cursor)
{
  if (page >= self->cursors->len)
    g_ptr_array_set_size (self->cursors, page + 1);
  if (g_ptr_array_index (self->cursors, page) == NULL)
    g_ptr_array_index (self->cursors, page) = g_strdup (cursor);
}

/* Keeps at most max_pages pages: drops the one farthest from what is wanted. */
static void
evict_pages (CdSessionListModel *self,
             guint               around)
{
  while (g_hash_table_size (self->pages) > self->max_pages)
    {
      GHashTableIter iter;
      gpointer       key;
      guint          farthest = around, distance = 0;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint page = GPOINTER_TO_UINT (key);
          guint d = page > around ? page - around : around - page;

          if (d >= distance)
            {
              distance = d;
              farthest = page;
            }
        }
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (farthest));
    }
}

static void
set_n_items (CdSessionListModel *self,
             guint               n_items)
{
  guint old = self->n_items;

  if (n_items == old)
    return;
  self->n_items = n_items;
  if (n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_items - old);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old - n_items, 0);
}

static void
set_loading (CdSessionListModel *self,
             GCancellable       *cancellable)
{
  gboolean was = self->cancellable != NULL;

  g_clear_object (&self->cancellable);
  self->cancellable = cancellable;
  if (was != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The first page of a walk towards @target: the nearest known cursor at or before it. */
static guint
walk_start (CdSessionListModel *self,
            guint               target)
{
  guint k = MIN (target, self->cursors->len > 0 ? self->cursors->len - 1 : 0);

  while (k > 0 && known_cursor (self, k) == NULL)
    k--;
  return k;
}

/* Stores items [@first, @first + page_size) of @items as @page. */
static void
store_page (CdSessionListModel *self,
            guint               page,
            GListModel         *items,
            guint               first)
{
  guint      available = g_list_model_get_n_items (items);
  guint      n = first < available ? MIN (available - first, self->page_size) : 0;
  GPtrArray *sessions = g_ptr_array_new_full (n, g_object_unref);
  guint      start = page * self->page_size;

  if (n == 0 && first > 0)
    {
      g_ptr_array_unref (sessions);
      return;
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sessions, g_list_model_get_item (items, first + i));
  g_hash_table_replace (self->pages, GUINT_TO_POINTER (page), sessions);
  evict_pages (self, self->has_wanted ? self->wanted : page);
  if (self->total < 0)
    set_n_items (self, MAX (self->n_items, start + n));
  /* Rebinds the rows that showed placeholders. */
  if (start < self->n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), start, MIN (n, self->n_items - start),
                                MIN (n, self->n_items - start));
}

/* Callbacks */

static void
page_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (CdSessionListModel) self = user_data;
  g_autoptr (CdSessionPage) page = NULL;
  g_autoptr (GError) error = NULL;
  guint index;

  page = cd_repository_list_sessions_finish (CD_REPOSITORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  index = self->fetching;
  set_loading (self, NULL);
  if (page == NULL)
    {
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      return;
    }
  /* A cursor marks a position, so after a double page it starts page index + 2. */
  if (page->next_cursor != NULL && g_list_model_get_n_items (page->items) > 0)
    remember_cursor (self, index + (self->fetching_two ? 2 : 1), page->next_cursor);
  if (page->total >= 0 && page->total != self->total)
    {
      self->total = page->total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
      set_n_items (self, (guint) MIN (page->total, G_MAXUINT));
    }
  /* Pages walked over on the way to a far one are not kept, only their cursor. */
  if (!self->has_wanted || index + self->max_pages / 2 >= self->wanted)
    {
      store_page (self, index, page->items, 0);
      if (self->fetching_two)
        store_page (self, index + 1, page->items, self->page_size);
    }
  if (self->has_wanted && g_hash_table_contains (self->pages, GUINT_TO_POINTER (self->wanted)))
    self->has_wanted = FALSE;
  if (self->has_wanted && page->next_cursor == NULL && index >= walk_start (self, self->wanted))
    self->has_wanted = FALSE;
  self->fetching_two = FALSE;
  fetch_next (self);
}

static void
fetch_next (CdSessionListModel *self)
{
  GCancellable *cancellable;
  const char   *cursor;
  guint         page;

  if (self->cancellable != NULL || !self->has_wanted || self->error != NULL)
    return;
  page = walk_start (self, self->wanted);
  cursor = known_cursor (self, page);
  cancellable = g_cancellable_new ();
  self->fetching = page;
  /* Walking over pages nobody looks at: two pages per request halve the walk. */
  self->fetching_two = page + 1 < self->wanted && self->page_size * 2 <= 100;
  set_loading (self, cancellable);
  cd_repository_list_sessions_async (self->repository, self->filter,
                                     (cursor != NULL && *cursor != '\0') ? cursor : NULL,
                                     self->page_size * (self->fetching_two ? 2 : 1),
                                     cancellable, page_ready_cb, g_object_ref (self));
}

/* GListModel */

static GType
cd_session_list_model_get_item_type (GListModel *list)
{
  return CD_TYPE_CALL_LOG_ITEM;
}

static guint
cd_session_list_model_get_n_items (GListModel *list)
{
  return CD_SESSION_LIST_MODEL (list)->n_items;
}

static gpointer
cd_session_list_model_get_item (GListModel *list,
                                guint       position)
{
  CdSessionListModel *self = CD_SESSION_LIST_MODEL (list);
  guint               page = position / self->page_size;
  GPtrArray          *sessions;

  if (position >= self->n_items)
    return NULL;
  sessions = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (sessions != NULL && position % self->page_size < sessions->len)
    return cd_call_log_item_new (position, g_ptr_array_index (sessions, position % self->page_size));
  if (sessions == NULL)
    {
      self->wanted = page;
      self->has_wanted = TRUE;
      fetch_next (self);
    }
  return cd_call_log_item_new (position, NULL);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cd_session_list_model_get_item_type;
  iface->get_n_items = cd_session_list_model_get_n_items;
  iface->get_item = cd_session_list_model_get_item;
}

/* GObject overrides */

static void
cd_session_list_model_dispose (GObject *object)
{
  CdSessionListModel *self = CD_SESSION_LIST_MODEL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repository);
  G_OBJECT_CLASS (cd_session_list_model_parent_class)->dispose (object);
}

static void
cd_session_list_model_finalize (GObject *object)
{
  CdSessionListModel *self = CD_SESSION_LIST_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->cursors, g_ptr_array_unref);
  g_clear_pointer (&self->filter, cd_session_filter_free);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (cd_session_list_model_parent_class)->finalize (object);
}

static void
cd_session_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CdSessionListModel *self = CD_SESSION_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_session_list_model_class_init (CdSessionListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_session_list_model_dispose;
  object_class->finalize = cd_session_list_model_finalize;
  object_class->get_property = cd_session_list_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_session_list_model_init (CdSessionListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->cursors = g_ptr_array_new_with_free_func (g_free);
  self->total = -1;
}

/* Public API */

CdSessionListModel *
cd_session_list_model_new (CdRepository          *repository,
                           const CdSessionFilter *filter,
                           guint                  page_size,
                           guint                  max_pages)
{
  CdSessionListModel *self;

  g_return_val_if_fail (CD_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  self = g_object_new (CD_TYPE_SESSION_LIST_MODEL, NULL);
  self->repository = g_object_ref (repository);
  self->page_size = CLAMP (page_size, 1, 100);
  self->max_pages = MAX (max_pages, 2);
  cd_session_list_model_set_filter (self, filter);
  return self;
}

const CdSessionFilter *
cd_session_list_model_get_filter (CdSessionListModel *self)
{
  g_return_val_if_fail (CD_IS_SESSION_LIST_MODEL (self), NULL);
  return self->filter;
}

void
cd_session_list_model_set_filter (CdSessionListModel    *self,
                                  const CdSessionFilter *filter)
{
  g_return_if_fail (CD_IS_SESSION_LIST_MODEL (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_loading (self, NULL);
  g_clear_pointer (&self->filter, cd_session_filter_free);
  self->filter = cd_session_filter_copy (filter);
  g_hash_table_remove_all (self->pages);
  g_ptr_array_set_size (self->cursors, 0);
  g_ptr_array_add (self->cursors, g_strdup (""));
  g_clear_error (&self->error);
  if (self->total != -1)
    {
      self->total = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  set_n_items (self, 0);
  self->wanted = 0;
  self->has_wanted = TRUE;
  fetch_next (self);
}

void
cd_session_list_model_retry (CdSessionListModel *self)
{
  g_return_if_fail (CD_IS_SESSION_LIST_MODEL (self));

  g_clear_error (&self->error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  if (!self->has_wanted && self->n_items == 0)
    {
      self->wanted = 0;
      self->has_wanted = TRUE;
    }
  fetch_next (self);
}

gboolean
cd_session_list_model_get_loading (CdSessionListModel *self)
{
  g_return_val_if_fail (CD_IS_SESSION_LIST_MODEL (self), FALSE);
  return self->cancellable != NULL;
}

gint64
cd_session_list_model_get_total (CdSessionListModel *self)
{
  g_return_val_if_fail (CD_IS_SESSION_LIST_MODEL (self), -1);
  return self->total;
}

const GError *
cd_session_list_model_get_error (CdSessionListModel *self)
{
  g_return_val_if_fail (CD_IS_SESSION_LIST_MODEL (self), NULL);
  return self->error;
}

guint
cd_session_list_model_get_loaded_count (CdSessionListModel *self)
{
  GHashTableIter iter;
  gpointer       value;
  guint          count = 0;

  g_return_val_if_fail (CD_IS_SESSION_LIST_MODEL (self), 0);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    count += ((GPtrArray *) value)->len;
  return count;
}

gboolean
cd_session_list_model_is_loaded (CdSessionListModel *self,
                                 guint               position)
{
  GPtrArray *sessions;

  g_return_val_if_fail (CD_IS_SESSION_LIST_MODEL (self), FALSE);

  sessions = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (position / self->page_size));
  return sessions != NULL && position % self->page_size < sessions->len;
}
