/* SPDX-License-Identifier: MIT */
/* placeholder: implemented by its issue */
#include "export.h"
typedef int gmap_placeholder_cpu;
