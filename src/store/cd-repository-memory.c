/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-repository"

#include "cd-repository-memory.h"
#include "cd-repository-private.h"
