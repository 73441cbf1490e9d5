/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "cd-demo-server.h"

G_BEGIN_DECLS

/* Internal plumbing of the demo backend, shared by its translation units only. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define CD_DEMO_SCHEMA_VERSION 1
#define CD_DEMO_MAX_BODY (1024 * 1024)
#define CD_DEMO_MAX_PAGE 100

/* One request as seen by a route handler; the handler fills the response part. */
typedef struct
{
  CdDemoServer       *server;
  sqlite3            *db;
  const char         *method;
  const char         *path;  /* relative to /api/v1, no query */
  char              **args;  /* values captured by ":" segments */
  GHashTable         *query; /* may be NULL */
  SoupMessageHeaders *req_headers;
  JsonNode           *body; /* parsed request body or NULL */
  gint64              tenant_id;
  char               *role;

  guint   status;
  GBytes *resp_body;
  char   *content_type;
  char   *etag;
  char   *location;
  char   *request_id;
} CdDemoRequest;

typedef void (*CdDemoHandler) (CdDemoRequest *req);

typedef struct
{
  const char   *method;
  const char   *pattern; /* "contacts/:id/memory"; ":" captures a segment */
  CdDemoHandler handler;
  gboolean      mutation;
} CdDemoRoute;

/* cd-demo-db.c */
sqlite3      *cd_demo_db_open (const char *path, GError **error);
gint64        cd_demo_db_now (void);
gboolean      cd_demo_db_exec (sqlite3 *db, const char *sql);
sqlite3_stmt *cd_demo_db_prepare (sqlite3 *db, const char *sql);
gint64        cd_demo_db_query_int (sqlite3 *db, const char *sql, gint64 arg, gint64 fallback);

/* cd-demo-server.c: replies and request helpers */
void cd_demo_reply_data (CdDemoRequest *req,
                         guint          status,
                         JsonNode      *data,
                         const char    *message,
                         JsonNode      *meta);
void cd_demo_reply_data_tagged (CdDemoRequest *req, JsonNode *data);
void cd_demo_reply_error (CdDemoRequest *req,
                          guint          status,
                          const char    *code,
                          const char    *message,
                          JsonObject    *errors);
void cd_demo_reply_raw (CdDemoRequest *req, guint status, const char *content_type, GBytes *body);
void cd_demo_reply_not_found (CdDemoRequest *req, const char *what);
void cd_demo_reply_forbidden (CdDemoRequest *req);
void cd_demo_errors_add (JsonObject *errors, const char *field, const char *message);
gboolean    cd_demo_reply_if_invalid (CdDemoRequest *req, JsonObject *errors);
const char *cd_demo_query (CdDemoRequest *req, const char *name);
gboolean    cd_demo_query_int (CdDemoRequest *req,
                               const char    *name,
                               gint64         fallback,
                               gint64         min,
                               gint64         max,
                               gint64        *out,
                               JsonObject    *errors);
gboolean    cd_demo_arg_id (CdDemoRequest *req, guint index, gint64 *out);
JsonObject *cd_demo_body_object (CdDemoRequest *req);
gboolean    cd_demo_not_modified (CdDemoRequest *req, const char *etag);
gboolean    cd_demo_precondition_ok (CdDemoRequest *req, const char *etag);
gboolean    cd_demo_role_can_write (const char *role);
gboolean    cd_demo_role_is_admin (const char *role);
gboolean    cd_demo_require_writer (CdDemoRequest *req);
void        cd_demo_server_note_rebuild (CdDemoServer *self, gint64 contact_id);

/* cd-demo-json.c */
char    *cd_demo_format_time (gint64 unix_time);
char    *cd_demo_like_pattern (const char *search);
gboolean cd_demo_parse_time (const char *text, gint64 *out);
void     cd_demo_add_text (JsonBuilder *b, const char *member, sqlite3_stmt *st, int col);
void     cd_demo_add_int (JsonBuilder *b, const char *member, sqlite3_stmt *st, int col);
void     cd_demo_add_time (JsonBuilder *b, const char *member, sqlite3_stmt *st, int col);
void
cd_demo_add_json_text (JsonBuilder *b, const char *member, const char *json, const char *fallback);
void
cd_demo_add_ref (JsonBuilder *b, const char *member, sqlite3_stmt *st, int id_col, int name_col);

typedef struct
{
  gint64 id;
  char  *phone;
  char  *lifecycle;
  gint64 version;
  gint64 call_count;
  gint64 campaign_count;
  gint64 dnc_entry_id; /* 0 = not listed */
} CdDemoContactState;

gboolean  cd_demo_contact_state_load (CdDemoRequest *req, gint64 id, CdDemoContactState *state);
void      cd_demo_contact_state_clear (CdDemoContactState *state);
char     *cd_demo_contact_etag (CdDemoRequest *req, CdDemoContactState *state);
JsonNode *cd_demo_build_contact (CdDemoRequest *req, gint64 id);
JsonNode *cd_demo_build_session (CdDemoRequest *req, sqlite3_stmt *st, gboolean detail);
JsonNode *cd_demo_build_follow_up (sqlite3_stmt *st);
JsonNode *cd_demo_build_memory (CdDemoRequest *req, gint64 contact_id, char **etag);
gboolean  cd_demo_can_call (CdDemoRequest *req, CdDemoContactState *state, const char **reason);
void      cd_demo_bump_contact (sqlite3 *db, gint64 id);

/* SELECT list shared by session queries (joins agents a, campaigns g). */
#define CD_DEMO_SESSION_COLUMNS                                                                    \
  "s.id, s.contact_id, s.direction, s.status, s.started_at, s.ended_at, "                          \
  "s.duration_seconds, s.talk_time_seconds, s.agent_id, a.name, s.campaign_id, g.name, "           \
  "s.campaign_outcome, s.from_number, s.to_number, s.summary, s.has_recording, s.cost, "           \
  "s.sentiment, s.end_reason, s.follow_up_id, s.version"
#define CD_DEMO_SESSION_FROM                                                                       \
  " FROM voice_sessions s JOIN contacts c ON c.id = s.contact_id "                                 \
  "LEFT JOIN agents a ON a.id = s.agent_id LEFT JOIN campaigns g ON g.id = s.campaign_id"

#define CD_DEMO_FOLLOW_UP_SELECT                                                                   \
  "SELECT f.id, f.contact_id, f.status, f.type, f.scheduled_at, f.agent_id, a.name, "              \
  "f.campaign_id, g.name, f.attempts, f.max_attempts, f.priority, f.allow_out_of_window, "         \
  "f.source, f.notes, f.closed_reason, f.created_at, f.updated_at, f.version "                     \
  "FROM follow_ups f JOIN contacts c ON c.id = f.contact_id "                                      \
  "LEFT JOIN agents a ON a.id = f.agent_id LEFT JOIN campaigns g ON g.id = f.campaign_id "

/* cd-demo-media.c */
GBytes *cd_demo_media_wav (gint64 session_id);
GBytes *cd_demo_media_pdf (const char *title, const char *const *lines);

/* Route tables, one per file. */
extern const CdDemoRoute cd_demo_contact_routes[];
extern const CdDemoRoute cd_demo_session_routes[];
extern const CdDemoRoute cd_demo_memory_routes[];

/* cd-demo-routes-memory.c: advances a queued rebuild (called on the server thread). */
void cd_demo_rebuild_step (sqlite3 *db, gint64 contact_id, guint stage);

G_END_DECLS
