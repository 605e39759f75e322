/* SPDX-License-Identifier: MIT */
/*
 * libgmap kernel shim: <linux/kvm_host.h> — the smallest generic KVM that
 * arch/s390/kvm/gaccess.c and kvm-s390.h compile against: struct kvm and
 * struct kvm_vcpu around the tree's own struct kvm_arch / kvm_vcpu_arch
 * (asm/kvm_host.h, unmodified), requests as a bit mask, the vCPU array.
 * Guest memory through memslots (kvm_read_guest, gfn_to_hva, …) is not
 * modelled: the harness's guest-2 memory is the gmap over the process, and
 * the shadow path reads it with gmap_read_table(); reaching one of those
 * stops the test (kernel/shim/kvm.c).  docs/kernel-harness.md lists them.
 */
#ifndef __KVM_HOST_H
#define __KVM_HOST_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/rwlock.h>
#include <linux/rwsem.h>
#include <linux/wait.h>
#include <linux/rbtree.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/io.h>
#include <linux/kvm_types.h>
#include <linux/kvm.h>
#include <asm/diag.h> /* union diag318_info, which the arch structures embed */
#include <asm/kvm_host.h>

/* requests (include/linux/kvm_host.h bit layout: 8 flag bits above the number) */
#define KVM_REQUEST_MASK 0xff
#define KVM_REQUEST_NO_WAKEUP (1U << 8)
#define KVM_REQUEST_WAIT (1U << 9)
#define KVM_REQUEST_NO_ACTION (1U << 10)
#define KVM_REQUEST_ARCH_BASE 8
#define KVM_ARCH_REQ_FLAGS(nr, flags) ((unsigned)((nr) + KVM_REQUEST_ARCH_BASE) | (flags))
#define KVM_ARCH_REQ(nr) KVM_ARCH_REQ_FLAGS(nr, 0)
#define KVM_REQ_TLB_FLUSH (0 | KVM_REQUEST_WAIT | KVM_REQUEST_NO_WAKEUP)
#define KVM_REQ_VM_DEAD (1 | KVM_REQUEST_WAIT | KVM_REQUEST_NO_WAKEUP)
#define KVM_REQ_UNBLOCK 2

#define KVM_ADDRESS_SPACE_NUM 1

struct kvm_memory_slot {
	struct hlist_node id_node[2];
	struct rb_node gfn_node[2];
	gfn_t base_gfn;
	unsigned long npages;
	unsigned long *dirty_bitmap;
	unsigned long userspace_addr;
	u32 flags;
	short id;
	u16 as_id;
};

struct kvm_memslots {
	u64 generation;
	struct rb_root gfn_tree;
	int node_idx;
};

struct kvm_vcpu {
	struct kvm *kvm;
	int cpu;
	int vcpu_id;
	int vcpu_idx;
	int mode;
	u64 requests;
	struct mutex mutex;
	struct kvm_run *run;
	struct kvm_vcpu_stat stat;
	struct kvm_vcpu_arch arch;
};

struct kvm {
	struct mm_struct *mm;
	struct mutex lock;
	struct mutex slots_lock;
	struct kvm_memslots memslots0;
	struct kvm_vcpu *vcpus[KVM_MAX_VCPUS];
	atomic_t online_vcpus;
	pid_t userspace_pid;
	struct kvm_vm_stat stat;
	struct kvm_arch arch;
};

static inline void kvm_make_request(int req, struct kvm_vcpu *vcpu)
{
	vcpu->requests |= 1ULL << (req & KVM_REQUEST_MASK);
}
static inline bool kvm_test_request(int req, struct kvm_vcpu *vcpu)
{
	return vcpu->requests & (1ULL << (req & KVM_REQUEST_MASK));
}
static inline bool kvm_check_request(int req, struct kvm_vcpu *vcpu)
{
	bool r = kvm_test_request(req, vcpu);

	vcpu->requests &= ~(1ULL << (req & KVM_REQUEST_MASK));
	return r;
}
static inline struct kvm_vcpu *kvm_get_vcpu(struct kvm *kvm, int i)
{
	return i >= 0 && i < atomic_read(&kvm->online_vcpus) ? kvm->vcpus[i] : NULL;
}
#define kvm_for_each_vcpu(idx, vcpup, kvm)                                                 \
	for (idx = 0; idx < (unsigned long)atomic_read(&(kvm)->online_vcpus) &&             \
		      ((vcpup) = (kvm)->vcpus[idx]) != NULL;                                \
	     idx++)

static inline gfn_t gpa_to_gfn(gpa_t gpa)
{
	return (gfn_t)(gpa >> PAGE_SHIFT);
}
static inline gpa_t gfn_to_gpa(gfn_t gfn)
{
	return (gpa_t)gfn << PAGE_SHIFT;
}
#ifndef KVM_HVA_ERR_BAD /* the arch's asm/kvm_host.h defines them on s390 */
#define KVM_HVA_ERR_BAD (-1UL)
#define KVM_HVA_ERR_RO_BAD (-2UL)
static inline bool kvm_is_error_hva(unsigned long addr)
{
	return IS_ERR_VALUE(addr);
}
#endif
static inline struct kvm_memslots *kvm_memslots(struct kvm *kvm)
{
	return &kvm->memslots0;
}
static inline bool kvm_memslots_empty(struct kvm_memslots *slots)
{
	return !slots->gfn_tree.rb_node;
}
static inline bool kvm_is_ucontrol_shim(struct kvm *kvm)
{
	(void)kvm;
	return false;
}

/* guest memory through memslots: not modelled (kernel/shim/kvm.c stops the test) */
struct kvm_memory_slot *gfn_to_memslot(struct kvm *kvm, gfn_t gfn);
unsigned long gfn_to_hva(struct kvm *kvm, gfn_t gfn);
unsigned long gfn_to_hva_memslot_prot(struct kvm_memory_slot *slot, gfn_t gfn, bool *writable);
bool kvm_is_error_gpa(struct kvm *kvm, gpa_t gpa);
bool kvm_is_gpa_in_memslot(struct kvm *kvm, gpa_t gpa);
int kvm_read_guest(struct kvm *kvm, gpa_t gpa, void *data, unsigned long len);
int kvm_write_guest(struct kvm *kvm, gpa_t gpa, const void *data, unsigned long len);
int kvm_read_guest_page(struct kvm *kvm, gfn_t gfn, void *data, int offset, int len);
int kvm_write_guest_page(struct kvm *kvm, gfn_t gfn, const void *data, int offset, int len);
void mark_page_dirty_in_slot(struct kvm *kvm, const struct kvm_memory_slot *memslot, gfn_t gfn);
void mark_page_dirty(struct kvm *kvm, gfn_t gfn);
#endif
