# Issue 11 defect 3: a raw store over a valid STE cuts the page table (its
# frame, and for a pgste mm its gmap_pgtable) off the process's tables;
# mm_destroy() at teardown must still free all of it (LeakSanitizer watches
# the host objects).  The addresses are those of this exact sequence.
machine storage=16M
mm A pgste
mmap A 0x100000 1M rw fixed
fault A 0x100000
walk A 0x100000
store8 0x8008 0x20
check
