/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-enums.h"
#include "cd-money.h"

G_BEGIN_DECLS

/* One utterance of a call transcript. */
#define CD_TYPE_TRANSCRIPT_SEGMENT (cd_transcript_segment_get_type ())

G_DECLARE_FINAL_TYPE (CdTranscriptSegment, cd_transcript_segment, CD, TRANSCRIPT_SEGMENT, GObject)

/* From a JSON object node; a non-object node or a member of the wrong type is
 * CD_API_ERROR_BAD_RESPONSE naming the member.  Unknown members are ignored. */
CdTranscriptSegment *cd_transcript_segment_new_from_json (JsonNode *node,
                                                          GError  **error);
/* Same, from an object; @path prefixes member names in errors (NULL at top level). */
CdTranscriptSegment *cd_transcript_segment_new_from_object (JsonObject  *object,
                                                            const char  *path,
                                                            GError     **error);
/* JSON array of objects → GListStore of CdTranscriptSegment (element errors name "[i]"). */
GListModel *cd_transcript_segment_list_from_json  (JsonNode    *array_node,
                                                   GError     **error);
GListModel *cd_transcript_segment_list_from_array (JsonArray   *array,
                                                   const char  *path,
                                                   GError     **error);

CdSpeaker   cd_transcript_segment_get_speaker (CdTranscriptSegment *self);
const char *cd_transcript_segment_get_text (CdTranscriptSegment *self);
gint64      cd_transcript_segment_get_offset_ms (CdTranscriptSegment *self);

G_END_DECLS
