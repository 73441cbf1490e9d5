/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "cd-core.h"

G_BEGIN_DECLS

/*
 * Shared by every libFuzzer harness.  A harness parses the input bytes, maps them
 * with one model entry point and, when that succeeds, reads every property the way
 * the UI would (formatters, rules) so a bad value that survives mapping still has to
 * survive display.  Criticals and warnings abort: a g_return_if_fail() hit by
 * server data is a bug.
 */

int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t  *data,
                             size_t          size);

void       cd_fuzz_init         (void);
/* NULL when the bytes are not JSON (the error is dropped). */
JsonNode  *cd_fuzz_parse        (const uint8_t *data,
                                 size_t         size);
/* A fixed "now" so relative dates are deterministic. */
GDateTime *cd_fuzz_now          (void);
/* Reads every readable property, recursing into models and child objects. */
void       cd_fuzz_walk_object  (GObject       *object,
                                 guint          depth);
void       cd_fuzz_walk_model   (GListModel    *model,
                                 guint          depth);
void       cd_fuzz_walk_json    (JsonNode      *node,
                                 guint          depth);
void       cd_fuzz_use_string   (const char    *text);
void       cd_fuzz_use_datetime (GDateTime     *time);
/* Getters of a CD_API_ERROR (field messages, retry-after, …). */
void       cd_fuzz_use_error    (const GError  *error);
/* Demo custom field definitions (owned by the harness library). */
GListModel *cd_fuzz_definitions (void);

G_END_DECLS
