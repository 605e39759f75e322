// SPDX-License-Identifier: MIT
/*
 * kvm.c — the generic-KVM and arch-library functions that
 * arch/s390/kvm/gaccess.c links against but the harness does not model
 * (docs/kernel-harness.md, "Shimmed APIs").  The shadow path
 * (kvm_s390_shadow_fault and what it calls) never reaches them: it reads
 * guest-2 memory with gmap_read_table().  Guest memory through memslots
 * (kvm_read_guest, gfn_to_hva, …) and the keyed user copies of
 * arch/s390/lib/uaccess.c belong to the instruction-emulation paths of
 * gaccess.c (access_guest_with_key, guest_translate, …); calling one stops
 * the test with "does not model".  Also the SCLP information block the
 * kernel fills at boot: all zero (no SIIF, so ipte_lock is the simple one).
 */
#include <linux/kernel.h>
#include <linux/kvm_host.h>
#include <linux/uaccess.h>
#include <asm/sclp.h>

struct sclp_info sclp;

#define UNMODELLED(what) shim_unmodelled(__FILE__, __LINE__, what)

struct kvm_memory_slot *gfn_to_memslot(struct kvm *kvm, gfn_t gfn)
{
	UNMODELLED("gfn_to_memslot (guest memory through memslots)");
}

unsigned long gfn_to_hva(struct kvm *kvm, gfn_t gfn)
{
	UNMODELLED("gfn_to_hva (guest memory through memslots)");
}

unsigned long gfn_to_hva_memslot_prot(struct kvm_memory_slot *slot, gfn_t gfn, bool *writable)
{
	UNMODELLED("gfn_to_hva_memslot_prot (guest memory through memslots)");
}

bool kvm_is_error_gpa(struct kvm *kvm, gpa_t gpa)
{
	UNMODELLED("kvm_is_error_gpa (guest memory through memslots)");
}

bool kvm_is_gpa_in_memslot(struct kvm *kvm, gpa_t gpa)
{
	UNMODELLED("kvm_is_gpa_in_memslot (guest memory through memslots)");
}

int kvm_read_guest(struct kvm *kvm, gpa_t gpa, void *data, unsigned long len)
{
	UNMODELLED("kvm_read_guest (guest memory through memslots)");
}

int kvm_write_guest(struct kvm *kvm, gpa_t gpa, const void *data, unsigned long len)
{
	UNMODELLED("kvm_write_guest (guest memory through memslots)");
}

int kvm_read_guest_page(struct kvm *kvm, gfn_t gfn, void *data, int offset, int len)
{
	UNMODELLED("kvm_read_guest_page (guest memory through memslots)");
}

int kvm_write_guest_page(struct kvm *kvm, gfn_t gfn, const void *data, int offset, int len)
{
	UNMODELLED("kvm_write_guest_page (guest memory through memslots)");
}

void mark_page_dirty_in_slot(struct kvm *kvm, const struct kvm_memory_slot *memslot, gfn_t gfn)
{
	UNMODELLED("mark_page_dirty_in_slot (dirty logging)");
}

void mark_page_dirty(struct kvm *kvm, gfn_t gfn)
{
	UNMODELLED("mark_page_dirty (dirty logging)");
}

unsigned long _copy_from_user_key(void *to, const void __user *from, unsigned long n,
				  unsigned long key)
{
	UNMODELLED("_copy_from_user_key (arch/s390/lib/uaccess.c)");
}

unsigned long _copy_to_user_key(void __user *to, const void *from, unsigned long n,
				unsigned long key)
{
	UNMODELLED("_copy_to_user_key (arch/s390/lib/uaccess.c)");
}
