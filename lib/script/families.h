/* SPDX-License-Identifier: MIT */
/*
 * The gmapsim command families, one line each: SCRIPT_FAMILY(f) names the
 * table script_cmds_f[] defined in lib/script/cmd-f.c (control: expect.c).
 * No include guard: core.c and script-internal.h expand it with their own
 * SCRIPT_FAMILY.  A command word is looked up in this order.
 */
SCRIPT_FAMILY(machine)
SCRIPT_FAMILY(cpu)
SCRIPT_FAMILY(mm)
SCRIPT_FAMILY(gmap)
SCRIPT_FAMILY(check)
SCRIPT_FAMILY(tlb)
SCRIPT_FAMILY(control)
