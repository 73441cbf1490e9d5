/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-store"

#include "cd-resource.h"

struct _CdResource
{
  GObject          parent_instance;
  CdResourceState  state;
  gpointer         value;       /* GObject */
  GError          *error;
  GDateTime       *fetched_at;
  gboolean         from_cache;
  char            *etag;
  GCancellable    *cancellable;
  GCallback        refresh_func;
  gpointer         refresh_data;
  GDestroyNotify   refresh_destroy;
};

G_DEFINE_FINAL_TYPE (CdResource, cd_resource, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_VALUE,
  PROP_ERROR,
  PROP_FETCHED_AT,
  PROP_FROM_CACHE,
  PROP_ETAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
cd_resource_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { CD_RESOURCE_LOADING, "CD_RESOURCE_LOADING", "loading" },
        { CD_RESOURCE_FRESH, "CD_RESOURCE_FRESH", "fresh" },
        { CD_RESOURCE_STALE, "CD_RESOURCE_STALE", "stale" },
        { CD_RESOURCE_OFFLINE, "CD_RESOURCE_OFFLINE", "offline" },
        { CD_RESOURCE_NOT_FOUND, "CD_RESOURCE_NOT_FOUND", "not-found" },
        { CD_RESOURCE_ERROR, "CD_RESOURCE_ERROR", "error" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("CdResourceState"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static gboolean
same_time (GDateTime *a,
           GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static gboolean
same_error (const GError *a,
            const GError *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->domain == b->domain && a->code == b->code && g_strcmp0 (a->message, b->message) == 0;
}

static void
cd_resource_dispose (GObject *object)
{
  CdResource *self = CD_RESOURCE (object);

  if (self->refresh_destroy != NULL)
    self->refresh_destroy (self->refresh_data);
  self->refresh_destroy = NULL;
  self->refresh_data = NULL;
  self->refresh_func = NULL;
  g_clear_object (&self->value);
  G_OBJECT_CLASS (cd_resource_parent_class)->dispose (object);
}

static void
cd_resource_finalize (GObject *object)
{
  CdResource *self = CD_RESOURCE (object);

  g_clear_error (&self->error);
  g_clear_pointer (&self->fetched_at, g_date_time_unref);
  g_free (self->etag);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (cd_resource_parent_class)->finalize (object);
}

static void
cd_resource_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CdResource *self = CD_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_VALUE:
      g_value_set_object (value, self->value);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_FETCHED_AT:
      g_value_set_boxed (value, self->fetched_at);
      break;
    case PROP_FROM_CACHE:
      g_value_set_boolean (value, self->from_cache);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_resource_class_init (CdResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_resource_dispose;
  object_class->finalize = cd_resource_finalize;
  object_class->get_property = cd_resource_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CD_TYPE_RESOURCE_STATE, CD_RESOURCE_LOADING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_object ("value", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FETCHED_AT] =
    g_param_spec_boxed ("fetched-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROM_CACHE] =
    g_param_spec_boolean ("from-cache", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ETAG] =
    g_param_spec_string ("etag", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_resource_init (CdResource *self)
{
  self->state = CD_RESOURCE_LOADING;
}

CdResource *
cd_resource_new (GCancellable *cancellable)
{
  CdResource *self = g_object_new (CD_TYPE_RESOURCE, NULL);

  self->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  return self;
}

CdResourceState
cd_resource_get_state (CdResource *self)
{
  g_return_val_if_fail (CD_IS_RESOURCE (self), CD_RESOURCE_ERROR);
  return self->state;
}

gpointer
cd_resource_get_value (CdResource *self)
{
  g_return_val_if_fail (CD_IS_RESOURCE (self), NULL);
  return self->value;
}

const GError *
cd_resource_get_error (CdResource *self)
{
  g_return_val_if_fail (CD_IS_RESOURCE (self), NULL);
  return self->error;
}

GDateTime *
cd_resource_get_fetched_at (CdResource *self)
{
  g_return_val_if_fail (CD_IS_RESOURCE (self), NULL);
  return self->fetched_at;
}

gboolean
cd_resource_get_from_cache (CdResource *self)
{
  g_return_val_if_fail (CD_IS_RESOURCE (self), FALSE);
  return self->from_cache;
}

const char *
cd_resource_get_etag (CdResource *self)
{
  g_return_val_if_fail (CD_IS_RESOURCE (self), NULL);
  return self->etag;
}

/* Views that edit need the ETag of exactly the copy they show (If-Match), so
 * they read it here instead of fetching the same document a second time. */
void
cd_resource_set_etag (CdResource *self,
                      const char *etag)
{
  g_return_if_fail (CD_IS_RESOURCE (self));

  if (g_cancellable_is_cancelled (self->cancellable) || g_strcmp0 (self->etag, etag) == 0)
    return;
  g_free (self->etag);
  self->etag = g_strdup (etag);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ETAG]);
}

GCancellable *
cd_resource_get_cancellable (CdResource *self)
{
  g_return_val_if_fail (CD_IS_RESOURCE (self), NULL);
  return self->cancellable;
}

void
cd_resource_set_refresh_func (CdResource     *self,
                              GCallback       func,
                              gpointer        data,
                              GDestroyNotify  destroy)
{
  g_return_if_fail (CD_IS_RESOURCE (self));

  if (self->refresh_destroy != NULL)
    self->refresh_destroy (self->refresh_data);
  self->refresh_func = func;
  self->refresh_data = data;
  self->refresh_destroy = destroy;
}

/* The refresh func is called as void (*) (CdResource *, gpointer data). */
void
cd_resource_refresh (CdResource *self)
{
  g_return_if_fail (CD_IS_RESOURCE (self));

  if (g_cancellable_is_cancelled (self->cancellable) || self->refresh_func == NULL)
    return;
  ((void (*) (CdResource *, gpointer)) self->refresh_func) (self, self->refresh_data);
}

void
cd_resource_update (CdResource      *self,
                    CdResourceState  state,
                    gpointer         value,
                    const GError    *error,
                    GDateTime       *fetched_at,
                    gboolean         from_cache)
{
  g_return_if_fail (CD_IS_RESOURCE (self));
  g_return_if_fail (value == NULL || G_IS_OBJECT (value));

  /* A cancelled view never hears from this resource again. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  /* No value, no ETag: nothing is shown that an edit could be based on. */
  if (value == NULL)
    cd_resource_set_etag (self, NULL);
  if (self->value != value)
    {
      g_set_object (&self->value, value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
    }
  if (!same_error (self->error, error))
    {
      g_clear_error (&self->error);
      self->error = error ? g_error_copy (error) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (!same_time (self->fetched_at, fetched_at))
    {
      g_clear_pointer (&self->fetched_at, g_date_time_unref);
      self->fetched_at = fetched_at ? g_date_time_ref (fetched_at) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHED_AT]);
    }
  if (self->from_cache != from_cache)
    {
      self->from_cache = from_cache;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM_CACHE]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
