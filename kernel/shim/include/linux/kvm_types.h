/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/kvm_types.h> — KVM's address types and the
 * generic statistics the arch structures embed (counters only). */
#ifndef __KVM_TYPES_H__
#define __KVM_TYPES_H__
#include <linux/types.h>
struct kvm;
struct kvm_vcpu;
struct kvm_memory_slot;
struct kvm_memslots;
struct kvm_async_pf;
#define KVM_STATS_NAME_SIZE 48
typedef u64 gpa_t;
typedef u64 gfn_t;
typedef unsigned long gva_t;
typedef unsigned long hva_t;
typedef u64 hpa_t;
typedef u64 hfn_t;
typedef hfn_t kvm_pfn_t;
#define GPA_INVALID (~(gpa_t)0)
#define INVALID_GPA (~(gpa_t)0)
struct kvm_vm_stat_generic {
	u64 remote_tlb_flush;
	u64 remote_tlb_flush_requests;
};
struct kvm_vcpu_stat_generic {
	u64 halt_successful_poll;
	u64 halt_attempted_poll;
	u64 halt_poll_invalid;
	u64 halt_wakeup;
	u64 halt_poll_success_ns;
	u64 halt_poll_fail_ns;
	u64 halt_wait_ns;
	u64 blocking;
};
#endif
