/* SPDX-License-Identifier: MIT */
/*
 * lowcore — the layout of the 8 KB z/Architecture prefix area.
 *
 * The lowcore lives in simulated, big-endian storage, so this is a layout
 * description only: struct lowcore is built from uint8_t arrays (no padding
 * is possible on any host) and is never overlaid on storage.  Code reads and
 * writes fields with cpu_lowcore_load()/cpu_lowcore_store() at the LC_*
 * offsets below; every offset is checked against the struct.
 *
 * 0x000-0x1ff and 0x1100-0x1fff: architected (Principles of Operation,
 * "Assigned Storage Locations"; cross-checked with QEMU's LowCore,
 * kvm-unit-tests lib/s390x/asm/arch_def.h and Linux asm/lowcore.h).
 * 0x200-0xdff: available to software; it holds the fields of the Linux 3.1
 * 64-bit struct _lowcore (arch/s390/include/asm/lowcore.h), notably
 * user_asce at 0x318 and gmap at 0x370 (sie_hook there up to 3.0; 3.4
 * moved gmap to 0x398).  0xe00-0xeff is Linux's "software-defined ABI"
 * (IPIB).  Where both sources describe the same bytes and agree, one field
 * carries the Linux name.
 *
 * Layer machine (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_LOWCORE_H
#define GMAP_LOWCORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define LC_STATIC_ASSERT(e, msg) static_assert(e, msg)
#else
#define LC_STATIC_ASSERT(e, msg) _Static_assert(e, msg)
#endif

/* ---- Offsets (real addresses relative to the prefix) ------------------- */
/* Architected, 0x000-0x1ff. */
#define LC_IPL_PSW 0x000           /* 8: ESA/390-format IPL PSW */
#define LC_IPL_CCW1 0x008          /* 8 */
#define LC_IPL_CCW2 0x010          /* 8: its second word is Linux's ipl_parmblock_ptr */
#define LC_IPL_PARMBLOCK_PTR 0x014 /* 4 (Linux) */
#define LC_EXT_PARAMS 0x080        /* 4: external-interruption parameter */
#define LC_EXT_CPU_ADDR 0x084      /* 2 */
#define LC_EXT_INT_CODE 0x086      /* 2 */
#define LC_SVC_ILC 0x088           /* 2 */
#define LC_SVC_CODE 0x08a          /* 2 */
#define LC_PGM_ILC 0x08c           /* 2: program ILC halfword (2, 4 or 6) */
#define LC_PGM_CODE 0x08e          /* 2: program-interruption code */
#define LC_DATA_EXC_CODE 0x090     /* 4: DXC / VXC */
#define LC_MON_CLASS_NUM 0x094     /* 2 */
#define LC_PER_PERC_ATMID 0x096    /* 2 (Linux): PER code and ATMID */
#define LC_PER_CODE 0x096          /* 1 */
#define LC_PER_ATMID 0x097         /* 1 */
#define LC_PER_ADDRESS 0x098       /* 8 */
#define LC_EXC_ACCESS_ID 0x0a0     /* 1 */
#define LC_PER_ACCESS_ID 0x0a1     /* 1 */
#define LC_OP_ACCESS_ID 0x0a2      /* 1 */
#define LC_AR_ACCESS_ID 0x0a3      /* 1: architectural-mode id */
#define LC_TRANS_EXC_CODE 0x0a8    /* 8: TEID */
#define LC_MONITOR_CODE 0x0b0      /* 8 */
#define LC_SUBCHANNEL_ID 0x0b8     /* 2 */
#define LC_SUBCHANNEL_NR 0x0ba     /* 2 */
#define LC_IO_INT_PARM 0x0bc       /* 4 */
#define LC_IO_INT_WORD 0x0c0       /* 4 */
#define LC_STFL_FAC_LIST 0x0c8     /* 4 */
#define LC_MCCK_CODE 0x0e8         /* 8: machine-check interruption code */
#define LC_EXT_DAMAGE_CODE 0x0f4   /* 4 */
#define LC_FAILING_STORAGE_ADDR 0x0f8 /* 8 */
#define LC_EM_CAO 0x100            /* 8: enhanced-monitor counter-array origin */
#define LC_EM_CAS 0x108            /* 4: counter-array size */
#define LC_EM_EXC_COUNT 0x10c      /* 4: enhanced-monitor exception count */
#define LC_BREAKING_EVENT_ADDR 0x110 /* 8 */
#define LC_RESTART_OLD_PSW 0x120   /* 16 */
#define LC_EXT_OLD_PSW 0x130       /* 16 */
#define LC_SVC_OLD_PSW 0x140       /* 16 */
#define LC_PGM_OLD_PSW 0x150       /* 16 */
#define LC_MCK_OLD_PSW 0x160       /* 16 */
#define LC_IO_OLD_PSW 0x170        /* 16 */
#define LC_RESTART_PSW 0x1a0       /* 16 */
#define LC_EXT_NEW_PSW 0x1b0       /* 16 */
#define LC_SVC_NEW_PSW 0x1c0       /* 16 */
#define LC_PGM_NEW_PSW 0x1d0       /* 16 */
#define LC_MCK_NEW_PSW 0x1e0       /* 16 */
#define LC_IO_NEW_PSW 0x1f0        /* 16 */
/* Software, Linux 3.1 struct _lowcore (64-bit), 0x200-0xdff. */
#define LC_SAVE_AREA 0x200         /* 16 x 8 */
#define LC_RETURN_PSW 0x280        /* 16 */
#define LC_RETURN_MCCK_PSW 0x290   /* 16 */
#define LC_SYNC_ENTER_TIMER 0x2a0  /* 8 */
#define LC_ASYNC_ENTER_TIMER 0x2a8 /* 8 */
#define LC_MCCK_ENTER_TIMER 0x2b0  /* 8 */
#define LC_EXIT_TIMER 0x2b8        /* 8 */
#define LC_USER_TIMER 0x2c0        /* 8 */
#define LC_SYSTEM_TIMER 0x2c8      /* 8 */
#define LC_STEAL_TIMER 0x2d0       /* 8 */
#define LC_LAST_UPDATE_TIMER 0x2d8 /* 8 */
#define LC_LAST_UPDATE_CLOCK 0x2e0 /* 8 */
#define LC_CURRENT_TASK 0x2e8      /* 8 */
#define LC_THREAD_INFO 0x2f0       /* 8 */
#define LC_KERNEL_STACK 0x2f8      /* 8 */
#define LC_ASYNC_STACK 0x300       /* 8 */
#define LC_PANIC_STACK 0x308       /* 8 */
#define LC_KERNEL_ASCE 0x310       /* 8 */
#define LC_USER_ASCE 0x318         /* 8 */
#define LC_CURRENT_PID 0x320       /* 8 */
#define LC_CPU_NR 0x328            /* 4 */
#define LC_SOFTIRQ_PENDING 0x32c   /* 4 */
#define LC_PERCPU_OFFSET 0x330     /* 8 */
#define LC_EXT_CALL_FAST 0x338     /* 8 */
#define LC_INT_CLOCK 0x340         /* 8 */
#define LC_MCCK_CLOCK 0x348        /* 8 */
#define LC_CLOCK_COMPARATOR 0x350  /* 8 */
#define LC_VDSO_PER_CPU_DATA 0x358 /* 8 */
#define LC_MACHINE_FLAGS 0x360     /* 8 */
#define LC_FTRACE_FUNC 0x368       /* 8 */
#define LC_GMAP 0x370              /* 8: 3.1/3.2 (sie_hook up to 3.0) */
#define LC_CMF_HPP 0x378           /* 8 */
#define LC_IRB 0x380               /* 64 */
#define LC_PASTE 0x3c0             /* 16 x 4 */
/* Linux "software-defined ABI", 0xe00-0xeff. */
#define LC_IPIB 0xe00              /* 8 */
#define LC_IPIB_CHECKSUM 0xe08     /* 4 */
#define LC_SAVE_AREA_64 0xe0c      /* 8 */
#define LC_STFLE_FAC_LIST 0xf00    /* 32 x 8 */
/* Architected, 0x1100-0x1fff. */
#define LC_MCESAD 0x11b0           /* 8: machine-check extended save area (later machines) */
#define LC_EXT_PARAMS2 0x11b8      /* 8 */
#define LC_FPREGS_SAVE_AREA 0x1200 /* 16 x 8 */
#define LC_GPREGS_SAVE_AREA 0x1280 /* 16 x 8 */
#define LC_PSW_SAVE_AREA 0x1300    /* 16 */
#define LC_PREFIX_SAVE_AREA 0x1318 /* 4 */
#define LC_FPC_SAVE_AREA 0x131c    /* 4 */
#define LC_TOD_PROGREG_SAVE_AREA 0x1324 /* 4 */
#define LC_CPU_TIMER_SAVE_AREA 0x1328   /* 8 */
#define LC_CLOCK_COMP_SAVE_AREA 0x1330  /* 8 */
#define LC_AREGS_SAVE_AREA 0x1340  /* 16 x 4 */
#define LC_CREGS_SAVE_AREA 0x1380  /* 16 x 8 */
#define LC_TDB 0x1800              /* 256: transaction-abort diagnostic block */

/** struct lowcore - byte layout of the prefix area (never overlaid on storage). */
struct lowcore {
	uint8_t ipl_psw[8];                   /* 0x0000 */
	uint8_t ipl_ccw1[8];                  /* 0x0008 */
	uint8_t ipl_ccw2[4];                  /* 0x0010 first word of CCW2 */
	uint8_t ipl_parmblock_ptr[4];         /* 0x0014 second word of CCW2 */
	uint8_t pad_0x0018[0x0080 - 0x0018];
	uint8_t ext_params[4];                /* 0x0080 */
	uint8_t ext_cpu_addr[2];              /* 0x0084 */
	uint8_t ext_int_code[2];              /* 0x0086 */
	uint8_t svc_ilc[2];                   /* 0x0088 */
	uint8_t svc_code[2];                  /* 0x008a */
	uint8_t pgm_ilc[2];                   /* 0x008c */
	uint8_t pgm_code[2];                  /* 0x008e */
	uint8_t data_exc_code[4];             /* 0x0090 */
	uint8_t mon_class_num[2];             /* 0x0094 */
	uint8_t per_code[1];                  /* 0x0096 \ Linux: per_perc_atmid */
	uint8_t per_atmid[1];                 /* 0x0097 / (one halfword) */
	uint8_t per_address[8];               /* 0x0098 */
	uint8_t exc_access_id[1];             /* 0x00a0 */
	uint8_t per_access_id[1];             /* 0x00a1 */
	uint8_t op_access_id[1];              /* 0x00a2 */
	uint8_t ar_access_id[1];              /* 0x00a3 */
	uint8_t pad_0x00a4[0x00a8 - 0x00a4];
	uint8_t trans_exc_code[8];            /* 0x00a8 */
	uint8_t monitor_code[8];              /* 0x00b0 */
	uint8_t subchannel_id[2];             /* 0x00b8 */
	uint8_t subchannel_nr[2];             /* 0x00ba */
	uint8_t io_int_parm[4];               /* 0x00bc */
	uint8_t io_int_word[4];               /* 0x00c0 */
	uint8_t pad_0x00c4[0x00c8 - 0x00c4];
	uint8_t stfl_fac_list[4];             /* 0x00c8 */
	uint8_t pad_0x00cc[0x00e8 - 0x00cc];
	uint8_t mcck_interruption_code[8];    /* 0x00e8 */
	uint8_t pad_0x00f0[0x00f4 - 0x00f0];
	uint8_t external_damage_code[4];      /* 0x00f4 */
	uint8_t failing_storage_address[8];   /* 0x00f8 */
	uint8_t em_cao[8];                    /* 0x0100 Linux 3.1: pad */
	uint8_t em_cas[4];                    /* 0x0108 Linux 3.1: pad */
	uint8_t em_exc_count[4];              /* 0x010c Linux 3.1: pad */
	uint8_t breaking_event_addr[8];       /* 0x0110 */
	uint8_t pad_0x0118[0x0120 - 0x0118];
	uint8_t restart_old_psw[16];          /* 0x0120 */
	uint8_t external_old_psw[16];         /* 0x0130 */
	uint8_t svc_old_psw[16];              /* 0x0140 */
	uint8_t program_old_psw[16];          /* 0x0150 */
	uint8_t mcck_old_psw[16];             /* 0x0160 */
	uint8_t io_old_psw[16];               /* 0x0170 */
	uint8_t pad_0x0180[0x01a0 - 0x0180];
	uint8_t restart_psw[16];              /* 0x01a0 */
	uint8_t external_new_psw[16];         /* 0x01b0 */
	uint8_t svc_new_psw[16];              /* 0x01c0 */
	uint8_t program_new_psw[16];          /* 0x01d0 */
	uint8_t mcck_new_psw[16];             /* 0x01e0 */
	uint8_t io_new_psw[16];               /* 0x01f0 */

	/* 0x0200-0x0dff: software; the Linux 3.1 fields. */
	uint8_t save_area[16 * 8];            /* 0x0200 */
	uint8_t return_psw[16];               /* 0x0280 */
	uint8_t return_mcck_psw[16];          /* 0x0290 */
	uint8_t sync_enter_timer[8];          /* 0x02a0 */
	uint8_t async_enter_timer[8];         /* 0x02a8 */
	uint8_t mcck_enter_timer[8];          /* 0x02b0 */
	uint8_t exit_timer[8];                /* 0x02b8 */
	uint8_t user_timer[8];                /* 0x02c0 */
	uint8_t system_timer[8];              /* 0x02c8 */
	uint8_t steal_timer[8];               /* 0x02d0 */
	uint8_t last_update_timer[8];         /* 0x02d8 */
	uint8_t last_update_clock[8];         /* 0x02e0 */
	uint8_t current_task[8];              /* 0x02e8 */
	uint8_t thread_info[8];               /* 0x02f0 */
	uint8_t kernel_stack[8];              /* 0x02f8 */
	uint8_t async_stack[8];               /* 0x0300 */
	uint8_t panic_stack[8];               /* 0x0308 */
	uint8_t kernel_asce[8];               /* 0x0310 */
	uint8_t user_asce[8];                 /* 0x0318 */
	uint8_t current_pid[8];               /* 0x0320 */
	uint8_t cpu_nr[4];                    /* 0x0328 */
	uint8_t softirq_pending[4];           /* 0x032c */
	uint8_t percpu_offset[8];             /* 0x0330 */
	uint8_t ext_call_fast[8];             /* 0x0338 */
	uint8_t int_clock[8];                 /* 0x0340 */
	uint8_t mcck_clock[8];                /* 0x0348 */
	uint8_t clock_comparator[8];          /* 0x0350 */
	uint8_t vdso_per_cpu_data[8];         /* 0x0358 */
	uint8_t machine_flags[8];             /* 0x0360 */
	uint8_t ftrace_func[8];               /* 0x0368 */
	uint8_t gmap[8];                      /* 0x0370 */
	uint8_t cmf_hpp[8];                   /* 0x0378 */
	uint8_t irb[64];                      /* 0x0380 */
	uint8_t paste[16 * 4];                /* 0x03c0 */
	uint8_t pad_0x0400[0x0e00 - 0x0400];

	/* 0x0e00-0x0eff: Linux software-defined ABI. */
	uint8_t ipib[8];                      /* 0x0e00 */
	uint8_t ipib_checksum[4];             /* 0x0e08 */
	uint8_t save_area_64[8];              /* 0x0e0c */
	uint8_t pad_0x0e14[0x0f00 - 0x0e14];
	uint8_t stfle_fac_list[32 * 8];       /* 0x0f00 */
	uint8_t pad_0x1000[0x11b0 - 0x1000];

	/* 0x1100-0x1fff: architected save areas. */
	uint8_t mcesad[8];                    /* 0x11b0 */
	uint8_t ext_params2[8];               /* 0x11b8 */
	uint8_t pad_0x11c0[0x1200 - 0x11c0];
	uint8_t floating_pt_save_area[16 * 8]; /* 0x1200 */
	uint8_t gpregs_save_area[16 * 8];     /* 0x1280 */
	uint8_t psw_save_area[16];            /* 0x1300 */
	uint8_t pad_0x1310[0x1318 - 0x1310];
	uint8_t prefixreg_save_area[4];       /* 0x1318 */
	uint8_t fpt_creg_save_area[4];        /* 0x131c */
	uint8_t pad_0x1320[0x1324 - 0x1320];
	uint8_t tod_progreg_save_area[4];     /* 0x1324 */
	uint8_t cpu_timer_save_area[8];       /* 0x1328 */
	uint8_t clock_comp_save_area[8];      /* 0x1330 */
	uint8_t pad_0x1338[0x1340 - 0x1338];
	uint8_t access_regs_save_area[16 * 4]; /* 0x1340 */
	uint8_t cregs_save_area[16 * 8];      /* 0x1380 */
	uint8_t pad_0x1400[0x1800 - 0x1400];
	uint8_t tdb[256];                     /* 0x1800 */
	uint8_t pad_0x1900[0x2000 - 0x1900];
};

#define LC_CHECK(field, off)                                                            \
	LC_STATIC_ASSERT(offsetof(struct lowcore, field) == (off), "lowcore " #field)

LC_STATIC_ASSERT(sizeof(struct lowcore) == 0x2000, "lowcore is 8 KB");
LC_CHECK(ipl_psw, LC_IPL_PSW);
LC_CHECK(ipl_ccw1, LC_IPL_CCW1);
LC_CHECK(ipl_ccw2, LC_IPL_CCW2);
LC_CHECK(ipl_parmblock_ptr, LC_IPL_PARMBLOCK_PTR);
LC_CHECK(ext_params, LC_EXT_PARAMS);
LC_CHECK(ext_cpu_addr, LC_EXT_CPU_ADDR);
LC_CHECK(ext_int_code, LC_EXT_INT_CODE);
LC_CHECK(svc_ilc, LC_SVC_ILC);
LC_CHECK(svc_code, LC_SVC_CODE);
LC_CHECK(pgm_ilc, LC_PGM_ILC);
LC_CHECK(pgm_code, LC_PGM_CODE);
LC_CHECK(data_exc_code, LC_DATA_EXC_CODE);
LC_CHECK(mon_class_num, LC_MON_CLASS_NUM);
LC_CHECK(per_code, LC_PER_PERC_ATMID);
LC_CHECK(per_code, LC_PER_CODE);
LC_CHECK(per_atmid, LC_PER_ATMID);
LC_CHECK(per_address, LC_PER_ADDRESS);
LC_CHECK(exc_access_id, LC_EXC_ACCESS_ID);
LC_CHECK(per_access_id, LC_PER_ACCESS_ID);
LC_CHECK(op_access_id, LC_OP_ACCESS_ID);
LC_CHECK(ar_access_id, LC_AR_ACCESS_ID);
LC_CHECK(trans_exc_code, LC_TRANS_EXC_CODE);
LC_CHECK(monitor_code, LC_MONITOR_CODE);
LC_CHECK(subchannel_id, LC_SUBCHANNEL_ID);
LC_CHECK(subchannel_nr, LC_SUBCHANNEL_NR);
LC_CHECK(io_int_parm, LC_IO_INT_PARM);
LC_CHECK(io_int_word, LC_IO_INT_WORD);
LC_CHECK(stfl_fac_list, LC_STFL_FAC_LIST);
LC_CHECK(mcck_interruption_code, LC_MCCK_CODE);
LC_CHECK(external_damage_code, LC_EXT_DAMAGE_CODE);
LC_CHECK(failing_storage_address, LC_FAILING_STORAGE_ADDR);
LC_CHECK(em_cao, LC_EM_CAO);
LC_CHECK(em_cas, LC_EM_CAS);
LC_CHECK(em_exc_count, LC_EM_EXC_COUNT);
LC_CHECK(breaking_event_addr, LC_BREAKING_EVENT_ADDR);
LC_CHECK(restart_old_psw, LC_RESTART_OLD_PSW);
LC_CHECK(external_old_psw, LC_EXT_OLD_PSW);
LC_CHECK(svc_old_psw, LC_SVC_OLD_PSW);
LC_CHECK(program_old_psw, LC_PGM_OLD_PSW);
LC_CHECK(mcck_old_psw, LC_MCK_OLD_PSW);
LC_CHECK(io_old_psw, LC_IO_OLD_PSW);
LC_CHECK(restart_psw, LC_RESTART_PSW);
LC_CHECK(external_new_psw, LC_EXT_NEW_PSW);
LC_CHECK(svc_new_psw, LC_SVC_NEW_PSW);
LC_CHECK(program_new_psw, LC_PGM_NEW_PSW);
LC_CHECK(mcck_new_psw, LC_MCK_NEW_PSW);
LC_CHECK(io_new_psw, LC_IO_NEW_PSW);
LC_CHECK(save_area, LC_SAVE_AREA);
LC_CHECK(return_psw, LC_RETURN_PSW);
LC_CHECK(return_mcck_psw, LC_RETURN_MCCK_PSW);
LC_CHECK(sync_enter_timer, LC_SYNC_ENTER_TIMER);
LC_CHECK(async_enter_timer, LC_ASYNC_ENTER_TIMER);
LC_CHECK(mcck_enter_timer, LC_MCCK_ENTER_TIMER);
LC_CHECK(exit_timer, LC_EXIT_TIMER);
LC_CHECK(user_timer, LC_USER_TIMER);
LC_CHECK(system_timer, LC_SYSTEM_TIMER);
LC_CHECK(steal_timer, LC_STEAL_TIMER);
LC_CHECK(last_update_timer, LC_LAST_UPDATE_TIMER);
LC_CHECK(last_update_clock, LC_LAST_UPDATE_CLOCK);
LC_CHECK(current_task, LC_CURRENT_TASK);
LC_CHECK(thread_info, LC_THREAD_INFO);
LC_CHECK(kernel_stack, LC_KERNEL_STACK);
LC_CHECK(async_stack, LC_ASYNC_STACK);
LC_CHECK(panic_stack, LC_PANIC_STACK);
LC_CHECK(kernel_asce, LC_KERNEL_ASCE);
LC_CHECK(user_asce, LC_USER_ASCE);
LC_CHECK(current_pid, LC_CURRENT_PID);
LC_CHECK(cpu_nr, LC_CPU_NR);
LC_CHECK(softirq_pending, LC_SOFTIRQ_PENDING);
LC_CHECK(percpu_offset, LC_PERCPU_OFFSET);
LC_CHECK(ext_call_fast, LC_EXT_CALL_FAST);
LC_CHECK(int_clock, LC_INT_CLOCK);
LC_CHECK(mcck_clock, LC_MCCK_CLOCK);
LC_CHECK(clock_comparator, LC_CLOCK_COMPARATOR);
LC_CHECK(vdso_per_cpu_data, LC_VDSO_PER_CPU_DATA);
LC_CHECK(machine_flags, LC_MACHINE_FLAGS);
LC_CHECK(ftrace_func, LC_FTRACE_FUNC);
LC_CHECK(gmap, LC_GMAP);
LC_CHECK(cmf_hpp, LC_CMF_HPP);
LC_CHECK(irb, LC_IRB);
LC_CHECK(paste, LC_PASTE);
LC_CHECK(ipib, LC_IPIB);
LC_CHECK(ipib_checksum, LC_IPIB_CHECKSUM);
LC_CHECK(save_area_64, LC_SAVE_AREA_64);
LC_CHECK(stfle_fac_list, LC_STFLE_FAC_LIST);
LC_CHECK(mcesad, LC_MCESAD);
LC_CHECK(ext_params2, LC_EXT_PARAMS2);
LC_CHECK(floating_pt_save_area, LC_FPREGS_SAVE_AREA);
LC_CHECK(gpregs_save_area, LC_GPREGS_SAVE_AREA);
LC_CHECK(psw_save_area, LC_PSW_SAVE_AREA);
LC_CHECK(prefixreg_save_area, LC_PREFIX_SAVE_AREA);
LC_CHECK(fpt_creg_save_area, LC_FPC_SAVE_AREA);
LC_CHECK(tod_progreg_save_area, LC_TOD_PROGREG_SAVE_AREA);
LC_CHECK(cpu_timer_save_area, LC_CPU_TIMER_SAVE_AREA);
LC_CHECK(clock_comp_save_area, LC_CLOCK_COMP_SAVE_AREA);
LC_CHECK(access_regs_save_area, LC_AREGS_SAVE_AREA);
LC_CHECK(cregs_save_area, LC_CREGS_SAVE_AREA);
LC_CHECK(tdb, LC_TDB);

#undef LC_CHECK
#undef LC_STATIC_ASSERT

/** LC_SIZEOF() - size in bytes of a lowcore field. */
#define LC_SIZEOF(field) sizeof(((struct lowcore *)0)->field)

#endif /* GMAP_LOWCORE_H */
