/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-repository.h"

G_BEGIN_DECLS

/* Repository operations for the memory card (owned by that card's issue). */

G_END_DECLS
