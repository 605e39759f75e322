/* SPDX-License-Identifier: MIT */
/*
 * prelude.h — forced into every kernel-environment translation unit of the
 * harness (-include), in place of the kernel build's kconfig.h /
 * compiler_types.h / autoconf.h.
 *
 * Written for libgmap from the documented meaning of each symbol; no kernel
 * text.  The configuration is the part of an s390 defconfig that
 * arch/s390/mm/{gmap,pgtable}.c depend on (docs/kernel-harness.md lists it).
 */
#ifndef LIBGMAP_SHIM_PRELUDE_H
#define LIBGMAP_SHIM_PRELUDE_H

/* ---- configuration (autoconf.h) ------------------------------------- */
#define CONFIG_S390 1
#define CONFIG_64BIT 1
#define CONFIG_MMU 1
#define CONFIG_PGSTE 1
#define CONFIG_KVM 1
#define CONFIG_SMP 1
#define CONFIG_NR_CPUS 64
#define CONFIG_PGTABLE_LEVELS 5
#define CONFIG_SPARSEMEM 1
#define CONFIG_SPARSEMEM_VMEMMAP 1
#define CONFIG_PAGE_SHIFT 12
#define CONFIG_COMMAND_LINE_SIZE 4096
#define CONFIG_TRANSPARENT_HUGEPAGE 1
#define CONFIG_HUGETLB_PAGE 1
/* arch/s390/Kconfig selects these; RCU_TABLE_FREE selects TABLE_FREE
 * (mm/Kconfig): page tables are freed by tlb_remove_table() after a grace
 * period (kernel/shim/mmu_gather.c), pages are not batched. */
#define CONFIG_MMU_GATHER_TABLE_FREE 1
#define CONFIG_MMU_GATHER_RCU_TABLE_FREE 1
#define CONFIG_MMU_GATHER_NO_GATHER 1
#define CONFIG_MMU_GATHER_MERGE_VMAS 1
/* Deliberately off: soft-dirty tracking, NUMA balancing, pfault, the
 * protected-virtualization ultravisor calls are compiled but unreachable
 * (no secure guest is ever created; see asm/uv.h). */

/* IS_ENABLED() and friends (kconfig.h semantics: 1 when defined to 1). */
#define __SHIM_ARG_PLACEHOLDER_1 0,
#define __shim_take_second_arg(__ignored, val, ...) val
#define __shim_is_defined(x) ___shim_is_defined(x)
#define ___shim_is_defined(val) ____shim_is_defined(__SHIM_ARG_PLACEHOLDER_##val)
#define ____shim_is_defined(arg1_or_junk) __shim_take_second_arg(arg1_or_junk 1, 0)
#define __is_defined(x) __shim_is_defined(x)
#define IS_BUILTIN(option) __shim_is_defined(option)
#define IS_MODULE(option) 0
#define IS_REACHABLE(option) IS_BUILTIN(option)
#define IS_ENABLED(option) IS_BUILTIN(option)

/* ---- compiler attributes (compiler_types.h / compiler_attributes.h) - */
#define __KERNEL__ 1
#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __noreturn __attribute__((__noreturn__))
#define __packed __attribute__((__packed__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __section(s) __attribute__((__section__(s)))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __used __attribute__((__used__))
#define __must_check __attribute__((__warn_unused_result__))
#define __weak __attribute__((__weak__))
#define __pure __attribute__((__pure__))
#define __attribute_const__ __attribute__((__const__))
#define __cold __attribute__((__cold__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __malloc __attribute__((__malloc__))
#define __alloc_size(...)
#define __realloc_size(...)
#define __counted_by(m)
#define __nocfi
#define __init
#define __exit
#define __initdata
#define __ref
#define __read_mostly
#define __ro_after_init
#define __cacheline_aligned
#define __cacheline_aligned_in_smp
#define ____cacheline_aligned
#define ____cacheline_aligned_in_smp
#define notrace
#define __user
#define __kernel
#define __iomem
#define __rcu
#define __percpu
#define __force
#define __bitwise
#define __safe
#define __private
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __cond_lock(x, c) (c)
#define __chk_user_ptr(x) (void)0
#define __chk_io_ptr(x) (void)0
#define __visible
#define __flatten
#define __fallthrough __attribute__((__fallthrough__))
#define fallthrough __attribute__((__fallthrough__))
#define __no_sanitize_address
#define __noinstr_section(s)
#define noinstr
#define __kprobes
#define nokprobe_inline inline
#define __latent_entropy
#define __randomize_layout
#define __no_randomize_layout
#define randomized_struct_fields_start
#define randomized_struct_fields_end
#define __designated_init
#define __uninitialized
#define _RET_IP_ ((unsigned long)__builtin_return_address(0))
#define _THIS_IP_ ({ __label__ __here; __here: (unsigned long)&&__here; })
#define __nonstring
#define __assume_aligned(a, ...)
#define __gnu_inline __attribute__((__gnu_inline__))
#define inline inline
#define asm_volatile_goto(x...) asm goto(x)
#define asm_inline asm __inline
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define barrier() __asm__ __volatile__("" : : : "memory")
#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))
#define __must_be_array(a) 0
#define __compiletime_error(msg) __attribute__((__error__(msg)))
#define __compiletime_warning(msg) __attribute__((__warning__(msg)))
#define __native_word(t) \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || sizeof(t) == sizeof(int) || \
	 sizeof(t) == sizeof(long))
#define __scalar_type_to_expr_cases(type) unsigned type : (unsigned type)0, signed type : (signed type)0
#define __unqual_scalar_typeof(x) typeof(_Generic((x), char : (char)0, \
	__scalar_type_to_expr_cases(char), __scalar_type_to_expr_cases(short), \
	__scalar_type_to_expr_cases(int), __scalar_type_to_expr_cases(long), \
	__scalar_type_to_expr_cases(long long), default : (x)))

/* EXPORT_SYMBOL*: module export tables are meaningless in one program. */
#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)
#define EXPORT_SYMBOL_IF_KUNIT(sym)

#endif
