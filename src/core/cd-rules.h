/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-contact.h"
#include "cd-custom-field.h"
#include "cd-enums.h"

G_BEGIN_DECLS

/* Header title (platform rule): full name → phone → "Contact #ID".  Returned verbatim,
 * never markup-escaped: callers put it in plain-text labels. */
char     *cd_contact_dup_display_title    (CdContact *contact);
/* The phone when the title is the name; otherwise the company; otherwise NULL. */
char     *cd_contact_dup_display_subtitle (CdContact *contact);

typedef struct
{
  gboolean tenant_selected;
  CdRole   role;
  gboolean online;
} CdCallContext;

/*
 * Callable (product §2).  When not callable, *reason (if given) gets one line, by this
 * precedence (first match wins): no workspace selected → erased → archived →
 * on the Do-Not-Call list → no phone number → your role can’t place calls →
 * not permitted (server can_call) → offline.  A NULL context means
 * {tenant selected, tenant operator, online}.
 */
gboolean  cd_contact_is_callable          (CdContact           *contact,
                                           const CdCallContext *context,
                                           char               **reason);

/* One custom field ready to show. */
typedef struct
{
  char *key;
  char *label;
  char *value_text;
} CdVisibleField;

#define CD_TYPE_VISIBLE_FIELD (cd_visible_field_get_type ())

GType           cd_visible_field_get_type (void) G_GNUC_CONST;
CdVisibleField *cd_visible_field_copy     (const CdVisibleField *field);
void            cd_visible_field_free     (CdVisibleField       *field);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdVisibleField, cd_visible_field_free)

/* Custom fields with a non-empty value (null, "" and [] are empty), except definitions
 * marked `signal`; in definition order, then keys without a definition sorted and
 * labelled by key.  Values by type: date "12 Mar 2026", boolean "Yes"/"No", number
 * localised, enum by label.  @definitions: GListModel of CdCustomField, may be NULL.
 * Returns a GPtrArray of CdVisibleField (owns them). */
GPtrArray *cd_contact_dup_visible_fields  (CdContact  *contact,
                                           GListModel *definitions);

/* Renders one custom field value (any JSON node) by its definition (may be NULL);
 * NULL when the value is empty. */
char      *cd_custom_field_dup_value_text (CdCustomField *definition,
                                           JsonNode      *value);

G_END_DECLS
