/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The reference backend: every endpoint of api.md over a SoupServer on 127.0.0.1,
 * backed by its own SQLite file seeded with deterministic demo data.  Used by
 * `contact-detail-server`, by `contact-detail --demo` and by the test suites.
 */

#define CD_TYPE_DEMO_SERVER (cd_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (CdDemoServer, cd_demo_server, CD, DEMO_SERVER, GObject)

/*
 * Per-request fault modes a test arms for the next N matching requests.
 * STATUS, DROP, STALL and REDIRECT_LOOP answer before the route runs (a
 * mutation has no effect); MALFORMED_JSON, WRONG_TYPES and HUGE replace the
 * body after the route ran (a mutation's effect is applied, as when a
 * response is lost in transit; a retry with the same Idempotency-Key then
 * gets the real first response).
 */
typedef enum
{
  CD_DEMO_FAULT_NONE,
  CD_DEMO_FAULT_STATUS,         /* answer with `status` and an error envelope */
  CD_DEMO_FAULT_MALFORMED_JSON, /* 200 with a truncated body */
  CD_DEMO_FAULT_WRONG_TYPES,    /* 200 with members of the wrong JSON type */
  CD_DEMO_FAULT_DROP,           /* close the connection without answering */
  CD_DEMO_FAULT_STALL,          /* send headers, then never finish the body */
  CD_DEMO_FAULT_HUGE,           /* 200 with a ~10 MB body */
  CD_DEMO_FAULT_REDIRECT_LOOP,  /* 302 to itself */
} CdDemoFault;

/* Opens (creating and seeding when new) the database at @db_path. */
CdDemoServer *cd_demo_server_new          (const char    *db_path,
                                           GError       **error);
/* Listens on 127.0.0.1:@port (0 = any free port). */
gboolean      cd_demo_server_start        (CdDemoServer  *self,
                                           guint          port,
                                           GError       **error);
void          cd_demo_server_stop         (CdDemoServer  *self);
/* "http://127.0.0.1:PORT/api/v1"; valid after start. */
const char   *cd_demo_server_get_base_url (CdDemoServer  *self);
guint         cd_demo_server_get_port     (CdDemoServer  *self);

/* NULL accepts any key; otherwise X-Api-Key must match (401 otherwise). */
void          cd_demo_server_set_api_key  (CdDemoServer  *self,
                                           const char    *api_key);
/* tenant_admin (default), tenant_operator, tenant_viewer, superadmin, … */
void          cd_demo_server_set_role     (CdDemoServer  *self,
                                           const char    *role);
void          cd_demo_server_set_latency_ms (CdDemoServer *self,
                                             guint         latency_ms);
/* 0.0–1.0: share of requests answered 503, decided by a seeded PRNG. */
void          cd_demo_server_set_fail_rate  (CdDemoServer *self,
                                             double        fail_rate);
/*
 * Arms @fault for the next @count requests whose path starts with @path_prefix
 * (relative to /api/v1, e.g. "/contacts/501"; NULL = any).  @status is used by
 * CD_DEMO_FAULT_STATUS (e.g. 500, 429 with Retry-After: 1).
 */
void          cd_demo_server_inject_fault   (CdDemoServer *self,
                                             const char   *path_prefix,
                                             CdDemoFault   fault,
                                             guint         status,
                                             guint         count);
void          cd_demo_server_clear_faults   (CdDemoServer *self);
/*
 * Extension: arms faults from text (command line, CD_DEMO_FAULTS): entries
 * separated by ';', each KIND[,status=N][,path=/prefix][,count=N] where KIND is
 * status, malformed_json, wrong_types, drop, stall, huge or redirect_loop.
 */
gboolean      cd_demo_server_arm_faults     (CdDemoServer  *self,
                                             const char    *spec,
                                             GError       **error);

/* Counters tests assert on: requests served, mutations whose effect was applied. */
guint         cd_demo_server_get_request_count  (CdDemoServer *self);
guint         cd_demo_server_get_mutation_count (CdDemoServer *self,
                                                 const char   *method,
                                                 const char   *path);
/* Extension: responses answered 304, and body bytes of successful (2xx)
 * responses; reset_counters zeroes these and the request count (not mutations). */
guint         cd_demo_server_get_not_modified_count (CdDemoServer *self);
guint64       cd_demo_server_get_body_bytes         (CdDemoServer *self);
void          cd_demo_server_reset_counters         (CdDemoServer *self);
/* Body (JSON text) of the last applied mutation to @path, or NULL. */
char         *cd_demo_server_dup_last_body      (CdDemoServer *self,
                                                 const char   *path);

/* Well-known demo contact ids for tests and the closing notes. */
#define CD_DEMO_CONTACT_NAMED         501   /* name + phone, everything filled */
#define CD_DEMO_CONTACT_PHONE_ONLY    502
#define CD_DEMO_CONTACT_ID_ONLY       503   /* neither name nor phone */
#define CD_DEMO_CONTACT_DNC           504
#define CD_DEMO_CONTACT_ARCHIVED      505
#define CD_DEMO_CONTACT_ERASED        506
#define CD_DEMO_CONTACT_EMPTY         507   /* active, no sessions/follow-ups/memory */
#define CD_DEMO_CONTACT_MANY_SESSIONS 508   /* ≥ 20,000 sessions */
#define CD_DEMO_CONTACT_MARKUP        509   /* "<b>Bold</b> & Co" style name */
#define CD_DEMO_CONTACT_RTL           510   /* Arabic/Hebrew name */
#define CD_DEMO_CONTACT_NO_HISTORY    511   /* hard-deletable: no calls or campaigns */
#define CD_DEMO_CONTACT_FOLLOW_UPS    512   /* one follow-up in every status */
/* Extension: the contact whose memory rebuild always ends in "failed". */
#define CD_DEMO_CONTACT_REBUILD_FAILS CD_DEMO_CONTACT_MARKUP

G_END_DECLS
