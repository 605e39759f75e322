access
access A
access G
access nosuch
access 0x
access 99999999999999999999999
access -1
access A 0x1000
access G 0x1000
access A 0x1000 0x1000
access G 0x1000 0x1000 0x1000
access A 0x1001 1M rw fixed
access A 0 0 zz
access 1 2 3 4 5 6 7 8 9
access A 0x100000 len=3
access A 0x100000 0x12345 len=1
access read 0x10 len=16
access write 0x10
access write 0x10 0x1 value=2
access on
access on nosuch
access X on A
access G on A
access stats all
access stats
access preload
access stale
access checking maybe
access purge_all
access flush_mm
access asce 0x1000
access 0x1000 nopurge local
access value
access pgm
access pgm none
access teid zz
access real
access abs 1
access rc -EWHAT
access rc -EFAULT
access state G 0 bogus
access state G 0 empty
access entry G 0 r9te 0
access entry G 0 ste 0x20
access check maybe
access check ok
access stale 1
access gmap_addr 0
access storage=1K
access storage=64K cpus=0
access storage=64K cpus=999
access storage=64K edat2
access storage=64K bogus
access 1 prefix=0x1001
access 0 cr99=1
access 0 asc=ar
access 0 asc=bogus
access 0 dat=maybe
access 0x1000 fetch
access 0x1000 bogus
access 0x1000 store len=3
access 0x1000 ifetch ilc=3
access json
access dot A G
access full
access all
access text nosuch
access on
access off
access maybe
check
check A
check G
check nosuch
check 0x
check 99999999999999999999999
check -1
check A 0x1000
check G 0x1000
check A 0x1000 0x1000
check G 0x1000 0x1000 0x1000
check A 0x1001 1M rw fixed
check A 0 0 zz
check 1 2 3 4 5 6 7 8 9
check A 0x100000 len=3
check A 0x100000 0x12345 len=1
check read 0x10 len=16
check write 0x10
check write 0x10 0x1 value=2
check on
check on nosuch
check X on A
check G on A
check stats all
check stats
check preload
check stale
check checking maybe
check purge_all
check flush_mm
check asce 0x1000
check 0x1000 nopurge local
check value
check pgm
check pgm none
check teid zz
check real
check abs 1
check rc -EWHAT
check rc -EFAULT
check state G 0 bogus
check state G 0 empty
check entry G 0 r9te 0
check entry G 0 ste 0x20
check check maybe
check check ok
check stale 1
check gmap_addr 0
check storage=1K
check storage=64K cpus=0
check storage=64K cpus=999
check storage=64K edat2
check storage=64K bogus
check 1 prefix=0x1001
check 0 cr99=1
check 0 asc=ar
check 0 asc=bogus
check 0 dat=maybe
check 0x1000 fetch
check 0x1000 bogus
check 0x1000 store len=3
check 0x1000 ifetch ilc=3
check json
check dot A G
check full
check all
check text nosuch
check on
check off
check maybe
cpu
cpu A
cpu G
cpu nosuch
cpu 0x
cpu 99999999999999999999999
cpu -1
cpu A 0x1000
cpu G 0x1000
cpu A 0x1000 0x1000
cpu G 0x1000 0x1000 0x1000
cpu A 0x1001 1M rw fixed
cpu A 0 0 zz
cpu 1 2 3 4 5 6 7 8 9
cpu A 0x100000 len=3
cpu A 0x100000 0x12345 len=1
cpu read 0x10 len=16
cpu write 0x10
cpu write 0x10 0x1 value=2
cpu on
cpu on nosuch
cpu X on A
cpu G on A
cpu stats all
cpu stats
cpu preload
cpu stale
cpu checking maybe
cpu purge_all
cpu flush_mm
cpu asce 0x1000
cpu 0x1000 nopurge local
cpu value
cpu pgm
cpu pgm none
cpu teid zz
cpu real
cpu abs 1
cpu rc -EWHAT
cpu rc -EFAULT
cpu state G 0 bogus
cpu state G 0 empty
cpu entry G 0 r9te 0
cpu entry G 0 ste 0x20
cpu check maybe
cpu check ok
cpu stale 1
cpu gmap_addr 0
cpu storage=1K
cpu storage=64K cpus=0
cpu storage=64K cpus=999
cpu storage=64K edat2
cpu storage=64K bogus
cpu 1 prefix=0x1001
cpu 0 cr99=1
cpu 0 asc=ar
cpu 0 asc=bogus
cpu 0 dat=maybe
cpu 0x1000 fetch
cpu 0x1000 bogus
cpu 0x1000 store len=3
cpu 0x1000 ifetch ilc=3
cpu json
cpu dot A G
cpu full
cpu all
cpu text nosuch
cpu on
cpu off
cpu maybe
csp
csp A
csp G
csp nosuch
csp 0x
csp 99999999999999999999999
csp -1
csp A 0x1000
csp G 0x1000
csp A 0x1000 0x1000
csp G 0x1000 0x1000 0x1000
csp A 0x1001 1M rw fixed
csp A 0 0 zz
csp 1 2 3 4 5 6 7 8 9
csp A 0x100000 len=3
csp A 0x100000 0x12345 len=1
csp read 0x10 len=16
csp write 0x10
csp write 0x10 0x1 value=2
csp on
csp on nosuch
csp X on A
csp G on A
csp stats all
csp stats
csp preload
csp stale
csp checking maybe
csp purge_all
csp flush_mm
csp asce 0x1000
csp 0x1000 nopurge local
csp value
csp pgm
csp pgm none
csp teid zz
csp real
csp abs 1
csp rc -EWHAT
csp rc -EFAULT
csp state G 0 bogus
csp state G 0 empty
csp entry G 0 r9te 0
csp entry G 0 ste 0x20
csp check maybe
csp check ok
csp stale 1
csp gmap_addr 0
csp storage=1K
csp storage=64K cpus=0
csp storage=64K cpus=999
csp storage=64K edat2
csp storage=64K bogus
csp 1 prefix=0x1001
csp 0 cr99=1
csp 0 asc=ar
csp 0 asc=bogus
csp 0 dat=maybe
csp 0x1000 fetch
csp 0x1000 bogus
csp 0x1000 store len=3
csp 0x1000 ifetch ilc=3
csp json
csp dot A G
csp full
csp all
csp text nosuch
csp on
csp off
csp maybe
dump
dump A
dump G
dump nosuch
dump 0x
dump 99999999999999999999999
dump -1
dump A 0x1000
dump G 0x1000
dump A 0x1000 0x1000
dump G 0x1000 0x1000 0x1000
dump A 0x1001 1M rw fixed
dump A 0 0 zz
dump 1 2 3 4 5 6 7 8 9
dump A 0x100000 len=3
dump A 0x100000 0x12345 len=1
dump read 0x10 len=16
dump write 0x10
dump write 0x10 0x1 value=2
dump on
dump on nosuch
dump X on A
dump G on A
dump stats all
dump stats
dump preload
dump stale
dump checking maybe
dump purge_all
dump flush_mm
dump asce 0x1000
dump 0x1000 nopurge local
dump value
dump pgm
dump pgm none
dump teid zz
dump real
dump abs 1
dump rc -EWHAT
dump rc -EFAULT
dump state G 0 bogus
dump state G 0 empty
dump entry G 0 r9te 0
dump entry G 0 ste 0x20
dump check maybe
dump check ok
dump stale 1
dump gmap_addr 0
dump storage=1K
dump storage=64K cpus=0
dump storage=64K cpus=999
dump storage=64K edat2
dump storage=64K bogus
dump 1 prefix=0x1001
dump 0 cr99=1
dump 0 asc=ar
dump 0 asc=bogus
dump 0 dat=maybe
dump 0x1000 fetch
dump 0x1000 bogus
dump 0x1000 store len=3
dump 0x1000 ifetch ilc=3
dump json
dump dot A G
dump full
dump all
dump text nosuch
dump on
dump off
dump maybe
expect
expect A
expect G
expect nosuch
expect 0x
expect 99999999999999999999999
expect -1
expect A 0x1000
expect G 0x1000
expect A 0x1000 0x1000
expect G 0x1000 0x1000 0x1000
expect A 0x1001 1M rw fixed
expect A 0 0 zz
expect 1 2 3 4 5 6 7 8 9
expect A 0x100000 len=3
expect A 0x100000 0x12345 len=1
expect read 0x10 len=16
expect write 0x10
expect write 0x10 0x1 value=2
expect on
expect on nosuch
expect X on A
expect G on A
expect stats all
expect stats
expect preload
expect stale
expect checking maybe
expect purge_all
expect flush_mm
expect asce 0x1000
expect 0x1000 nopurge local
expect value
expect pgm
expect pgm none
expect teid zz
expect real
expect abs 1
expect rc -EWHAT
expect rc -EFAULT
expect state G 0 bogus
expect state G 0 empty
expect entry G 0 r9te 0
expect entry G 0 ste 0x20
expect check maybe
expect check ok
expect stale 1
expect gmap_addr 0
expect storage=1K
expect storage=64K cpus=0
expect storage=64K cpus=999
expect storage=64K edat2
expect storage=64K bogus
expect 1 prefix=0x1001
expect 0 cr99=1
expect 0 asc=ar
expect 0 asc=bogus
expect 0 dat=maybe
expect 0x1000 fetch
expect 0x1000 bogus
expect 0x1000 store len=3
expect 0x1000 ifetch ilc=3
expect json
expect dot A G
expect full
expect all
expect text nosuch
expect on
expect off
expect maybe
fault
fault A
fault G
fault nosuch
fault 0x
fault 99999999999999999999999
fault -1
fault A 0x1000
fault G 0x1000
fault A 0x1000 0x1000
fault G 0x1000 0x1000 0x1000
fault A 0x1001 1M rw fixed
fault A 0 0 zz
fault 1 2 3 4 5 6 7 8 9
fault A 0x100000 len=3
fault A 0x100000 0x12345 len=1
fault read 0x10 len=16
fault write 0x10
fault write 0x10 0x1 value=2
fault on
fault on nosuch
fault X on A
fault G on A
fault stats all
fault stats
fault preload
fault stale
fault checking maybe
fault purge_all
fault flush_mm
fault asce 0x1000
fault 0x1000 nopurge local
fault value
fault pgm
fault pgm none
fault teid zz
fault real
fault abs 1
fault rc -EWHAT
fault rc -EFAULT
fault state G 0 bogus
fault state G 0 empty
fault entry G 0 r9te 0
fault entry G 0 ste 0x20
fault check maybe
fault check ok
fault stale 1
fault gmap_addr 0
fault storage=1K
fault storage=64K cpus=0
fault storage=64K cpus=999
fault storage=64K edat2
fault storage=64K bogus
fault 1 prefix=0x1001
fault 0 cr99=1
fault 0 asc=ar
fault 0 asc=bogus
fault 0 dat=maybe
fault 0x1000 fetch
fault 0x1000 bogus
fault 0x1000 store len=3
fault 0x1000 ifetch ilc=3
fault json
fault dot A G
fault full
fault all
fault text nosuch
fault on
fault off
fault maybe
gmap
gmap A
gmap G
gmap nosuch
gmap 0x
gmap 99999999999999999999999
gmap -1
gmap A 0x1000
gmap G 0x1000
gmap A 0x1000 0x1000
gmap G 0x1000 0x1000 0x1000
gmap A 0x1001 1M rw fixed
gmap A 0 0 zz
gmap 1 2 3 4 5 6 7 8 9
gmap A 0x100000 len=3
gmap A 0x100000 0x12345 len=1
gmap read 0x10 len=16
gmap write 0x10
gmap write 0x10 0x1 value=2
gmap on
gmap on nosuch
gmap X on A
gmap G on A
gmap stats all
gmap stats
gmap preload
gmap stale
gmap checking maybe
gmap purge_all
gmap flush_mm
gmap asce 0x1000
gmap 0x1000 nopurge local
gmap value
gmap pgm
gmap pgm none
gmap teid zz
gmap real
gmap abs 1
gmap rc -EWHAT
gmap rc -EFAULT
gmap state G 0 bogus
gmap state G 0 empty
gmap entry G 0 r9te 0
gmap entry G 0 ste 0x20
gmap check maybe
gmap check ok
gmap stale 1
gmap gmap_addr 0
gmap storage=1K
gmap storage=64K cpus=0
gmap storage=64K cpus=999
gmap storage=64K edat2
gmap storage=64K bogus
gmap 1 prefix=0x1001
gmap 0 cr99=1
gmap 0 asc=ar
gmap 0 asc=bogus
gmap 0 dat=maybe
gmap 0x1000 fetch
gmap 0x1000 bogus
gmap 0x1000 store len=3
gmap 0x1000 ifetch ilc=3
gmap json
gmap dot A G
gmap full
gmap all
gmap text nosuch
gmap on
gmap off
gmap maybe
gmap_disable
gmap_disable A
gmap_disable G
gmap_disable nosuch
gmap_disable 0x
gmap_disable 99999999999999999999999
gmap_disable -1
gmap_disable A 0x1000
gmap_disable G 0x1000
gmap_disable A 0x1000 0x1000
gmap_disable G 0x1000 0x1000 0x1000
gmap_disable A 0x1001 1M rw fixed
gmap_disable A 0 0 zz
gmap_disable 1 2 3 4 5 6 7 8 9
gmap_disable A 0x100000 len=3
gmap_disable A 0x100000 0x12345 len=1
gmap_disable read 0x10 len=16
gmap_disable write 0x10
gmap_disable write 0x10 0x1 value=2
gmap_disable on
gmap_disable on nosuch
gmap_disable X on A
gmap_disable G on A
gmap_disable stats all
gmap_disable stats
gmap_disable preload
gmap_disable stale
gmap_disable checking maybe
gmap_disable purge_all
gmap_disable flush_mm
gmap_disable asce 0x1000
gmap_disable 0x1000 nopurge local
gmap_disable value
gmap_disable pgm
gmap_disable pgm none
gmap_disable teid zz
gmap_disable real
gmap_disable abs 1
gmap_disable rc -EWHAT
gmap_disable rc -EFAULT
gmap_disable state G 0 bogus
gmap_disable state G 0 empty
gmap_disable entry G 0 r9te 0
gmap_disable entry G 0 ste 0x20
gmap_disable check maybe
gmap_disable check ok
gmap_disable stale 1
gmap_disable gmap_addr 0
gmap_disable storage=1K
gmap_disable storage=64K cpus=0
gmap_disable storage=64K cpus=999
gmap_disable storage=64K edat2
gmap_disable storage=64K bogus
gmap_disable 1 prefix=0x1001
gmap_disable 0 cr99=1
gmap_disable 0 asc=ar
gmap_disable 0 asc=bogus
gmap_disable 0 dat=maybe
gmap_disable 0x1000 fetch
gmap_disable 0x1000 bogus
gmap_disable 0x1000 store len=3
gmap_disable 0x1000 ifetch ilc=3
gmap_disable json
gmap_disable dot A G
gmap_disable full
gmap_disable all
gmap_disable text nosuch
gmap_disable on
gmap_disable off
gmap_disable maybe
gmap_enable
gmap_enable A
gmap_enable G
gmap_enable nosuch
gmap_enable 0x
gmap_enable 99999999999999999999999
gmap_enable -1
gmap_enable A 0x1000
gmap_enable G 0x1000
gmap_enable A 0x1000 0x1000
gmap_enable G 0x1000 0x1000 0x1000
gmap_enable A 0x1001 1M rw fixed
gmap_enable A 0 0 zz
gmap_enable 1 2 3 4 5 6 7 8 9
gmap_enable A 0x100000 len=3
gmap_enable A 0x100000 0x12345 len=1
gmap_enable read 0x10 len=16
gmap_enable write 0x10
gmap_enable write 0x10 0x1 value=2
gmap_enable on
gmap_enable on nosuch
gmap_enable X on A
gmap_enable G on A
gmap_enable stats all
gmap_enable stats
gmap_enable preload
gmap_enable stale
gmap_enable checking maybe
gmap_enable purge_all
gmap_enable flush_mm
gmap_enable asce 0x1000
gmap_enable 0x1000 nopurge local
gmap_enable value
gmap_enable pgm
gmap_enable pgm none
gmap_enable teid zz
gmap_enable real
gmap_enable abs 1
gmap_enable rc -EWHAT
gmap_enable rc -EFAULT
gmap_enable state G 0 bogus
gmap_enable state G 0 empty
gmap_enable entry G 0 r9te 0
gmap_enable entry G 0 ste 0x20
gmap_enable check maybe
gmap_enable check ok
gmap_enable stale 1
gmap_enable gmap_addr 0
gmap_enable storage=1K
gmap_enable storage=64K cpus=0
gmap_enable storage=64K cpus=999
gmap_enable storage=64K edat2
gmap_enable storage=64K bogus
gmap_enable 1 prefix=0x1001
gmap_enable 0 cr99=1
gmap_enable 0 asc=ar
gmap_enable 0 asc=bogus
gmap_enable 0 dat=maybe
gmap_enable 0x1000 fetch
gmap_enable 0x1000 bogus
gmap_enable 0x1000 store len=3
gmap_enable 0x1000 ifetch ilc=3
gmap_enable json
gmap_enable dot A G
gmap_enable full
gmap_enable all
gmap_enable text nosuch
gmap_enable on
gmap_enable off
gmap_enable maybe
gmap_fault
gmap_fault A
gmap_fault G
gmap_fault nosuch
gmap_fault 0x
gmap_fault 99999999999999999999999
gmap_fault -1
gmap_fault A 0x1000
gmap_fault G 0x1000
gmap_fault A 0x1000 0x1000
gmap_fault G 0x1000 0x1000 0x1000
gmap_fault A 0x1001 1M rw fixed
gmap_fault A 0 0 zz
gmap_fault 1 2 3 4 5 6 7 8 9
gmap_fault A 0x100000 len=3
gmap_fault A 0x100000 0x12345 len=1
gmap_fault read 0x10 len=16
gmap_fault write 0x10
gmap_fault write 0x10 0x1 value=2
gmap_fault on
gmap_fault on nosuch
gmap_fault X on A
gmap_fault G on A
gmap_fault stats all
gmap_fault stats
gmap_fault preload
gmap_fault stale
gmap_fault checking maybe
gmap_fault purge_all
gmap_fault flush_mm
gmap_fault asce 0x1000
gmap_fault 0x1000 nopurge local
gmap_fault value
gmap_fault pgm
gmap_fault pgm none
gmap_fault teid zz
gmap_fault real
gmap_fault abs 1
gmap_fault rc -EWHAT
gmap_fault rc -EFAULT
gmap_fault state G 0 bogus
gmap_fault state G 0 empty
gmap_fault entry G 0 r9te 0
gmap_fault entry G 0 ste 0x20
gmap_fault check maybe
gmap_fault check ok
gmap_fault stale 1
gmap_fault gmap_addr 0
gmap_fault storage=1K
gmap_fault storage=64K cpus=0
gmap_fault storage=64K cpus=999
gmap_fault storage=64K edat2
gmap_fault storage=64K bogus
gmap_fault 1 prefix=0x1001
gmap_fault 0 cr99=1
gmap_fault 0 asc=ar
gmap_fault 0 asc=bogus
gmap_fault 0 dat=maybe
gmap_fault 0x1000 fetch
gmap_fault 0x1000 bogus
gmap_fault 0x1000 store len=3
gmap_fault 0x1000 ifetch ilc=3
gmap_fault json
gmap_fault dot A G
gmap_fault full
gmap_fault all
gmap_fault text nosuch
gmap_fault on
gmap_fault off
gmap_fault maybe
gmap_free
gmap_free A
gmap_free G
gmap_free nosuch
gmap_free 0x
gmap_free 99999999999999999999999
gmap_free -1
gmap_free A 0x1000
gmap_free G 0x1000
gmap_free A 0x1000 0x1000
gmap_free G 0x1000 0x1000 0x1000
gmap_free A 0x1001 1M rw fixed
gmap_free A 0 0 zz
gmap_free 1 2 3 4 5 6 7 8 9
gmap_free A 0x100000 len=3
gmap_free A 0x100000 0x12345 len=1
gmap_free read 0x10 len=16
gmap_free write 0x10
gmap_free write 0x10 0x1 value=2
gmap_free on
gmap_free on nosuch
gmap_free X on A
gmap_free G on A
gmap_free stats all
gmap_free stats
gmap_free preload
gmap_free stale
gmap_free checking maybe
gmap_free purge_all
gmap_free flush_mm
gmap_free asce 0x1000
gmap_free 0x1000 nopurge local
gmap_free value
gmap_free pgm
gmap_free pgm none
gmap_free teid zz
gmap_free real
gmap_free abs 1
gmap_free rc -EWHAT
gmap_free rc -EFAULT
gmap_free state G 0 bogus
gmap_free state G 0 empty
gmap_free entry G 0 r9te 0
gmap_free entry G 0 ste 0x20
gmap_free check maybe
gmap_free check ok
gmap_free stale 1
gmap_free gmap_addr 0
gmap_free storage=1K
gmap_free storage=64K cpus=0
gmap_free storage=64K cpus=999
gmap_free storage=64K edat2
gmap_free storage=64K bogus
gmap_free 1 prefix=0x1001
gmap_free 0 cr99=1
gmap_free 0 asc=ar
gmap_free 0 asc=bogus
gmap_free 0 dat=maybe
gmap_free 0x1000 fetch
gmap_free 0x1000 bogus
gmap_free 0x1000 store len=3
gmap_free 0x1000 ifetch ilc=3
gmap_free json
gmap_free dot A G
gmap_free full
gmap_free all
gmap_free text nosuch
gmap_free on
gmap_free off
gmap_free maybe
gmap_map_segment
gmap_map_segment A
gmap_map_segment G
gmap_map_segment nosuch
gmap_map_segment 0x
gmap_map_segment 99999999999999999999999
gmap_map_segment -1
gmap_map_segment A 0x1000
gmap_map_segment G 0x1000
gmap_map_segment A 0x1000 0x1000
gmap_map_segment G 0x1000 0x1000 0x1000
gmap_map_segment A 0x1001 1M rw fixed
gmap_map_segment A 0 0 zz
gmap_map_segment 1 2 3 4 5 6 7 8 9
gmap_map_segment A 0x100000 len=3
gmap_map_segment A 0x100000 0x12345 len=1
gmap_map_segment read 0x10 len=16
gmap_map_segment write 0x10
gmap_map_segment write 0x10 0x1 value=2
gmap_map_segment on
gmap_map_segment on nosuch
gmap_map_segment X on A
gmap_map_segment G on A
gmap_map_segment stats all
gmap_map_segment stats
gmap_map_segment preload
gmap_map_segment stale
gmap_map_segment checking maybe
gmap_map_segment purge_all
gmap_map_segment flush_mm
gmap_map_segment asce 0x1000
gmap_map_segment 0x1000 nopurge local
gmap_map_segment value
gmap_map_segment pgm
gmap_map_segment pgm none
gmap_map_segment teid zz
gmap_map_segment real
gmap_map_segment abs 1
gmap_map_segment rc -EWHAT
gmap_map_segment rc -EFAULT
gmap_map_segment state G 0 bogus
gmap_map_segment state G 0 empty
gmap_map_segment entry G 0 r9te 0
gmap_map_segment entry G 0 ste 0x20
gmap_map_segment check maybe
gmap_map_segment check ok
gmap_map_segment stale 1
gmap_map_segment gmap_addr 0
gmap_map_segment storage=1K
gmap_map_segment storage=64K cpus=0
gmap_map_segment storage=64K cpus=999
gmap_map_segment storage=64K edat2
gmap_map_segment storage=64K bogus
gmap_map_segment 1 prefix=0x1001
gmap_map_segment 0 cr99=1
gmap_map_segment 0 asc=ar
gmap_map_segment 0 asc=bogus
gmap_map_segment 0 dat=maybe
gmap_map_segment 0x1000 fetch
gmap_map_segment 0x1000 bogus
gmap_map_segment 0x1000 store len=3
gmap_map_segment 0x1000 ifetch ilc=3
gmap_map_segment json
gmap_map_segment dot A G
gmap_map_segment full
gmap_map_segment all
gmap_map_segment text nosuch
gmap_map_segment on
gmap_map_segment off
gmap_map_segment maybe
gmap_unmap_segment
gmap_unmap_segment A
gmap_unmap_segment G
gmap_unmap_segment nosuch
gmap_unmap_segment 0x
gmap_unmap_segment 99999999999999999999999
gmap_unmap_segment -1
gmap_unmap_segment A 0x1000
gmap_unmap_segment G 0x1000
gmap_unmap_segment A 0x1000 0x1000
gmap_unmap_segment G 0x1000 0x1000 0x1000
gmap_unmap_segment A 0x1001 1M rw fixed
gmap_unmap_segment A 0 0 zz
gmap_unmap_segment 1 2 3 4 5 6 7 8 9
gmap_unmap_segment A 0x100000 len=3
gmap_unmap_segment A 0x100000 0x12345 len=1
gmap_unmap_segment read 0x10 len=16
gmap_unmap_segment write 0x10
gmap_unmap_segment write 0x10 0x1 value=2
gmap_unmap_segment on
gmap_unmap_segment on nosuch
gmap_unmap_segment X on A
gmap_unmap_segment G on A
gmap_unmap_segment stats all
gmap_unmap_segment stats
gmap_unmap_segment preload
gmap_unmap_segment stale
gmap_unmap_segment checking maybe
gmap_unmap_segment purge_all
gmap_unmap_segment flush_mm
gmap_unmap_segment asce 0x1000
gmap_unmap_segment 0x1000 nopurge local
gmap_unmap_segment value
gmap_unmap_segment pgm
gmap_unmap_segment pgm none
gmap_unmap_segment teid zz
gmap_unmap_segment real
gmap_unmap_segment abs 1
gmap_unmap_segment rc -EWHAT
gmap_unmap_segment rc -EFAULT
gmap_unmap_segment state G 0 bogus
gmap_unmap_segment state G 0 empty
gmap_unmap_segment entry G 0 r9te 0
gmap_unmap_segment entry G 0 ste 0x20
gmap_unmap_segment check maybe
gmap_unmap_segment check ok
gmap_unmap_segment stale 1
gmap_unmap_segment gmap_addr 0
gmap_unmap_segment storage=1K
gmap_unmap_segment storage=64K cpus=0
gmap_unmap_segment storage=64K cpus=999
gmap_unmap_segment storage=64K edat2
gmap_unmap_segment storage=64K bogus
gmap_unmap_segment 1 prefix=0x1001
gmap_unmap_segment 0 cr99=1
gmap_unmap_segment 0 asc=ar
gmap_unmap_segment 0 asc=bogus
gmap_unmap_segment 0 dat=maybe
gmap_unmap_segment 0x1000 fetch
gmap_unmap_segment 0x1000 bogus
gmap_unmap_segment 0x1000 store len=3
gmap_unmap_segment 0x1000 ifetch ilc=3
gmap_unmap_segment json
gmap_unmap_segment dot A G
gmap_unmap_segment full
gmap_unmap_segment all
gmap_unmap_segment text nosuch
gmap_unmap_segment on
gmap_unmap_segment off
gmap_unmap_segment maybe
guest
guest A
guest G
guest nosuch
guest 0x
guest 99999999999999999999999
guest -1
guest A 0x1000
guest G 0x1000
guest A 0x1000 0x1000
guest G 0x1000 0x1000 0x1000
guest A 0x1001 1M rw fixed
guest A 0 0 zz
guest 1 2 3 4 5 6 7 8 9
guest A 0x100000 len=3
guest A 0x100000 0x12345 len=1
guest read 0x10 len=16
guest write 0x10
guest write 0x10 0x1 value=2
guest on
guest on nosuch
guest X on A
guest G on A
guest stats all
guest stats
guest preload
guest stale
guest checking maybe
guest purge_all
guest flush_mm
guest asce 0x1000
guest 0x1000 nopurge local
guest value
guest pgm
guest pgm none
guest teid zz
guest real
guest abs 1
guest rc -EWHAT
guest rc -EFAULT
guest state G 0 bogus
guest state G 0 empty
guest entry G 0 r9te 0
guest entry G 0 ste 0x20
guest check maybe
guest check ok
guest stale 1
guest gmap_addr 0
guest storage=1K
guest storage=64K cpus=0
guest storage=64K cpus=999
guest storage=64K edat2
guest storage=64K bogus
guest 1 prefix=0x1001
guest 0 cr99=1
guest 0 asc=ar
guest 0 asc=bogus
guest 0 dat=maybe
guest 0x1000 fetch
guest 0x1000 bogus
guest 0x1000 store len=3
guest 0x1000 ifetch ilc=3
guest json
guest dot A G
guest full
guest all
guest text nosuch
guest on
guest off
guest maybe
idte
idte A
idte G
idte nosuch
idte 0x
idte 99999999999999999999999
idte -1
idte A 0x1000
idte G 0x1000
idte A 0x1000 0x1000
idte G 0x1000 0x1000 0x1000
idte A 0x1001 1M rw fixed
idte A 0 0 zz
idte 1 2 3 4 5 6 7 8 9
idte A 0x100000 len=3
idte A 0x100000 0x12345 len=1
idte read 0x10 len=16
idte write 0x10
idte write 0x10 0x1 value=2
idte on
idte on nosuch
idte X on A
idte G on A
idte stats all
idte stats
idte preload
idte stale
idte checking maybe
idte purge_all
idte flush_mm
idte asce 0x1000
idte 0x1000 nopurge local
idte value
idte pgm
idte pgm none
idte teid zz
idte real
idte abs 1
idte rc -EWHAT
idte rc -EFAULT
idte state G 0 bogus
idte state G 0 empty
idte entry G 0 r9te 0
idte entry G 0 ste 0x20
idte check maybe
idte check ok
idte stale 1
idte gmap_addr 0
idte storage=1K
idte storage=64K cpus=0
idte storage=64K cpus=999
idte storage=64K edat2
idte storage=64K bogus
idte 1 prefix=0x1001
idte 0 cr99=1
idte 0 asc=ar
idte 0 asc=bogus
idte 0 dat=maybe
idte 0x1000 fetch
idte 0x1000 bogus
idte 0x1000 store len=3
idte 0x1000 ifetch ilc=3
idte json
idte dot A G
idte full
idte all
idte text nosuch
idte on
idte off
idte maybe
ipte
ipte A
ipte G
ipte nosuch
ipte 0x
ipte 99999999999999999999999
ipte -1
ipte A 0x1000
ipte G 0x1000
ipte A 0x1000 0x1000
ipte G 0x1000 0x1000 0x1000
ipte A 0x1001 1M rw fixed
ipte A 0 0 zz
ipte 1 2 3 4 5 6 7 8 9
ipte A 0x100000 len=3
ipte A 0x100000 0x12345 len=1
ipte read 0x10 len=16
ipte write 0x10
ipte write 0x10 0x1 value=2
ipte on
ipte on nosuch
ipte X on A
ipte G on A
ipte stats all
ipte stats
ipte preload
ipte stale
ipte checking maybe
ipte purge_all
ipte flush_mm
ipte asce 0x1000
ipte 0x1000 nopurge local
ipte value
ipte pgm
ipte pgm none
ipte teid zz
ipte real
ipte abs 1
ipte rc -EWHAT
ipte rc -EFAULT
ipte state G 0 bogus
ipte state G 0 empty
ipte entry G 0 r9te 0
ipte entry G 0 ste 0x20
ipte check maybe
ipte check ok
ipte stale 1
ipte gmap_addr 0
ipte storage=1K
ipte storage=64K cpus=0
ipte storage=64K cpus=999
ipte storage=64K edat2
ipte storage=64K bogus
ipte 1 prefix=0x1001
ipte 0 cr99=1
ipte 0 asc=ar
ipte 0 asc=bogus
ipte 0 dat=maybe
ipte 0x1000 fetch
ipte 0x1000 bogus
ipte 0x1000 store len=3
ipte 0x1000 ifetch ilc=3
ipte json
ipte dot A G
ipte full
ipte all
ipte text nosuch
ipte on
ipte off
ipte maybe
load1
load1 A
load1 G
load1 nosuch
load1 0x
load1 99999999999999999999999
load1 -1
load1 A 0x1000
load1 G 0x1000
load1 A 0x1000 0x1000
load1 G 0x1000 0x1000 0x1000
load1 A 0x1001 1M rw fixed
load1 A 0 0 zz
load1 1 2 3 4 5 6 7 8 9
load1 A 0x100000 len=3
load1 A 0x100000 0x12345 len=1
load1 read 0x10 len=16
load1 write 0x10
load1 write 0x10 0x1 value=2
load1 on
load1 on nosuch
load1 X on A
load1 G on A
load1 stats all
load1 stats
load1 preload
load1 stale
load1 checking maybe
load1 purge_all
load1 flush_mm
load1 asce 0x1000
load1 0x1000 nopurge local
load1 value
load1 pgm
load1 pgm none
load1 teid zz
load1 real
load1 abs 1
load1 rc -EWHAT
load1 rc -EFAULT
load1 state G 0 bogus
load1 state G 0 empty
load1 entry G 0 r9te 0
load1 entry G 0 ste 0x20
load1 check maybe
load1 check ok
load1 stale 1
load1 gmap_addr 0
load1 storage=1K
load1 storage=64K cpus=0
load1 storage=64K cpus=999
load1 storage=64K edat2
load1 storage=64K bogus
load1 1 prefix=0x1001
load1 0 cr99=1
load1 0 asc=ar
load1 0 asc=bogus
load1 0 dat=maybe
load1 0x1000 fetch
load1 0x1000 bogus
load1 0x1000 store len=3
load1 0x1000 ifetch ilc=3
load1 json
load1 dot A G
load1 full
load1 all
load1 text nosuch
load1 on
load1 off
load1 maybe
load2
load2 A
load2 G
load2 nosuch
load2 0x
load2 99999999999999999999999
load2 -1
load2 A 0x1000
load2 G 0x1000
load2 A 0x1000 0x1000
load2 G 0x1000 0x1000 0x1000
load2 A 0x1001 1M rw fixed
load2 A 0 0 zz
load2 1 2 3 4 5 6 7 8 9
load2 A 0x100000 len=3
load2 A 0x100000 0x12345 len=1
load2 read 0x10 len=16
load2 write 0x10
load2 write 0x10 0x1 value=2
load2 on
load2 on nosuch
load2 X on A
load2 G on A
load2 stats all
load2 stats
load2 preload
load2 stale
load2 checking maybe
load2 purge_all
load2 flush_mm
load2 asce 0x1000
load2 0x1000 nopurge local
load2 value
load2 pgm
load2 pgm none
load2 teid zz
load2 real
load2 abs 1
load2 rc -EWHAT
load2 rc -EFAULT
load2 state G 0 bogus
load2 state G 0 empty
load2 entry G 0 r9te 0
load2 entry G 0 ste 0x20
load2 check maybe
load2 check ok
load2 stale 1
load2 gmap_addr 0
load2 storage=1K
load2 storage=64K cpus=0
load2 storage=64K cpus=999
load2 storage=64K edat2
load2 storage=64K bogus
load2 1 prefix=0x1001
load2 0 cr99=1
load2 0 asc=ar
load2 0 asc=bogus
load2 0 dat=maybe
load2 0x1000 fetch
load2 0x1000 bogus
load2 0x1000 store len=3
load2 0x1000 ifetch ilc=3
load2 json
load2 dot A G
load2 full
load2 all
load2 text nosuch
load2 on
load2 off
load2 maybe
load4
load4 A
load4 G
load4 nosuch
load4 0x
load4 99999999999999999999999
load4 -1
load4 A 0x1000
load4 G 0x1000
load4 A 0x1000 0x1000
load4 G 0x1000 0x1000 0x1000
load4 A 0x1001 1M rw fixed
load4 A 0 0 zz
load4 1 2 3 4 5 6 7 8 9
load4 A 0x100000 len=3
load4 A 0x100000 0x12345 len=1
load4 read 0x10 len=16
load4 write 0x10
load4 write 0x10 0x1 value=2
load4 on
load4 on nosuch
load4 X on A
load4 G on A
load4 stats all
load4 stats
load4 preload
load4 stale
load4 checking maybe
load4 purge_all
load4 flush_mm
load4 asce 0x1000
load4 0x1000 nopurge local
load4 value
load4 pgm
load4 pgm none
load4 teid zz
load4 real
load4 abs 1
load4 rc -EWHAT
load4 rc -EFAULT
load4 state G 0 bogus
load4 state G 0 empty
load4 entry G 0 r9te 0
load4 entry G 0 ste 0x20
load4 check maybe
load4 check ok
load4 stale 1
load4 gmap_addr 0
load4 storage=1K
load4 storage=64K cpus=0
load4 storage=64K cpus=999
load4 storage=64K edat2
load4 storage=64K bogus
load4 1 prefix=0x1001
load4 0 cr99=1
load4 0 asc=ar
load4 0 asc=bogus
load4 0 dat=maybe
load4 0x1000 fetch
load4 0x1000 bogus
load4 0x1000 store len=3
load4 0x1000 ifetch ilc=3
load4 json
load4 dot A G
load4 full
load4 all
load4 text nosuch
load4 on
load4 off
load4 maybe
load8
load8 A
load8 G
load8 nosuch
load8 0x
load8 99999999999999999999999
load8 -1
load8 A 0x1000
load8 G 0x1000
load8 A 0x1000 0x1000
load8 G 0x1000 0x1000 0x1000
load8 A 0x1001 1M rw fixed
load8 A 0 0 zz
load8 1 2 3 4 5 6 7 8 9
load8 A 0x100000 len=3
load8 A 0x100000 0x12345 len=1
load8 read 0x10 len=16
load8 write 0x10
load8 write 0x10 0x1 value=2
load8 on
load8 on nosuch
load8 X on A
load8 G on A
load8 stats all
load8 stats
load8 preload
load8 stale
load8 checking maybe
load8 purge_all
load8 flush_mm
load8 asce 0x1000
load8 0x1000 nopurge local
load8 value
load8 pgm
load8 pgm none
load8 teid zz
load8 real
load8 abs 1
load8 rc -EWHAT
load8 rc -EFAULT
load8 state G 0 bogus
load8 state G 0 empty
load8 entry G 0 r9te 0
load8 entry G 0 ste 0x20
load8 check maybe
load8 check ok
load8 stale 1
load8 gmap_addr 0
load8 storage=1K
load8 storage=64K cpus=0
load8 storage=64K cpus=999
load8 storage=64K edat2
load8 storage=64K bogus
load8 1 prefix=0x1001
load8 0 cr99=1
load8 0 asc=ar
load8 0 asc=bogus
load8 0 dat=maybe
load8 0x1000 fetch
load8 0x1000 bogus
load8 0x1000 store len=3
load8 0x1000 ifetch ilc=3
load8 json
load8 dot A G
load8 full
load8 all
load8 text nosuch
load8 on
load8 off
load8 maybe
lowcore
lowcore A
lowcore G
lowcore nosuch
lowcore 0x
lowcore 99999999999999999999999
lowcore -1
lowcore A 0x1000
lowcore G 0x1000
lowcore A 0x1000 0x1000
lowcore G 0x1000 0x1000 0x1000
lowcore A 0x1001 1M rw fixed
lowcore A 0 0 zz
lowcore 1 2 3 4 5 6 7 8 9
lowcore A 0x100000 len=3
lowcore A 0x100000 0x12345 len=1
lowcore read 0x10 len=16
lowcore write 0x10
lowcore write 0x10 0x1 value=2
lowcore on
lowcore on nosuch
lowcore X on A
lowcore G on A
lowcore stats all
lowcore stats
lowcore preload
lowcore stale
lowcore checking maybe
lowcore purge_all
lowcore flush_mm
lowcore asce 0x1000
lowcore 0x1000 nopurge local
lowcore value
lowcore pgm
lowcore pgm none
lowcore teid zz
lowcore real
lowcore abs 1
lowcore rc -EWHAT
lowcore rc -EFAULT
lowcore state G 0 bogus
lowcore state G 0 empty
lowcore entry G 0 r9te 0
lowcore entry G 0 ste 0x20
lowcore check maybe
lowcore check ok
lowcore stale 1
lowcore gmap_addr 0
lowcore storage=1K
lowcore storage=64K cpus=0
lowcore storage=64K cpus=999
lowcore storage=64K edat2
lowcore storage=64K bogus
lowcore 1 prefix=0x1001
lowcore 0 cr99=1
lowcore 0 asc=ar
lowcore 0 asc=bogus
lowcore 0 dat=maybe
lowcore 0x1000 fetch
lowcore 0x1000 bogus
lowcore 0x1000 store len=3
lowcore 0x1000 ifetch ilc=3
lowcore json
lowcore dot A G
lowcore full
lowcore all
lowcore text nosuch
lowcore on
lowcore off
lowcore maybe
machine
machine A
machine G
machine nosuch
machine 0x
machine 99999999999999999999999
machine -1
machine A 0x1000
machine G 0x1000
machine A 0x1000 0x1000
machine G 0x1000 0x1000 0x1000
machine A 0x1001 1M rw fixed
machine A 0 0 zz
machine 1 2 3 4 5 6 7 8 9
machine A 0x100000 len=3
machine A 0x100000 0x12345 len=1
machine read 0x10 len=16
machine write 0x10
machine write 0x10 0x1 value=2
machine on
machine on nosuch
machine X on A
machine G on A
machine stats all
machine stats
machine preload
machine stale
machine checking maybe
machine purge_all
machine flush_mm
machine asce 0x1000
machine 0x1000 nopurge local
machine value
machine pgm
machine pgm none
machine teid zz
machine real
machine abs 1
machine rc -EWHAT
machine rc -EFAULT
machine state G 0 bogus
machine state G 0 empty
machine entry G 0 r9te 0
machine entry G 0 ste 0x20
machine check maybe
machine check ok
machine stale 1
machine gmap_addr 0
machine storage=1K
machine storage=64K cpus=0
machine storage=64K cpus=999
machine storage=64K edat2
machine storage=64K bogus
machine 1 prefix=0x1001
machine 0 cr99=1
machine 0 asc=ar
machine 0 asc=bogus
machine 0 dat=maybe
machine 0x1000 fetch
machine 0x1000 bogus
machine 0x1000 store len=3
machine 0x1000 ifetch ilc=3
machine json
machine dot A G
machine full
machine all
machine text nosuch
machine on
machine off
machine maybe
mm
mm A
mm G
mm nosuch
mm 0x
mm 99999999999999999999999
mm -1
mm A 0x1000
mm G 0x1000
mm A 0x1000 0x1000
mm G 0x1000 0x1000 0x1000
mm A 0x1001 1M rw fixed
mm A 0 0 zz
mm 1 2 3 4 5 6 7 8 9
mm A 0x100000 len=3
mm A 0x100000 0x12345 len=1
mm read 0x10 len=16
mm write 0x10
mm write 0x10 0x1 value=2
mm on
mm on nosuch
mm X on A
mm G on A
mm stats all
mm stats
mm preload
mm stale
mm checking maybe
mm purge_all
mm flush_mm
mm asce 0x1000
mm 0x1000 nopurge local
mm value
mm pgm
mm pgm none
mm teid zz
mm real
mm abs 1
mm rc -EWHAT
mm rc -EFAULT
mm state G 0 bogus
mm state G 0 empty
mm entry G 0 r9te 0
mm entry G 0 ste 0x20
mm check maybe
mm check ok
mm stale 1
mm gmap_addr 0
mm storage=1K
mm storage=64K cpus=0
mm storage=64K cpus=999
mm storage=64K edat2
mm storage=64K bogus
mm 1 prefix=0x1001
mm 0 cr99=1
mm 0 asc=ar
mm 0 asc=bogus
mm 0 dat=maybe
mm 0x1000 fetch
mm 0x1000 bogus
mm 0x1000 store len=3
mm 0x1000 ifetch ilc=3
mm json
mm dot A G
mm full
mm all
mm text nosuch
mm on
mm off
mm maybe
mm_destroy
mm_destroy A
mm_destroy G
mm_destroy nosuch
mm_destroy 0x
mm_destroy 99999999999999999999999
mm_destroy -1
mm_destroy A 0x1000
mm_destroy G 0x1000
mm_destroy A 0x1000 0x1000
mm_destroy G 0x1000 0x1000 0x1000
mm_destroy A 0x1001 1M rw fixed
mm_destroy A 0 0 zz
mm_destroy 1 2 3 4 5 6 7 8 9
mm_destroy A 0x100000 len=3
mm_destroy A 0x100000 0x12345 len=1
mm_destroy read 0x10 len=16
mm_destroy write 0x10
mm_destroy write 0x10 0x1 value=2
mm_destroy on
mm_destroy on nosuch
mm_destroy X on A
mm_destroy G on A
mm_destroy stats all
mm_destroy stats
mm_destroy preload
mm_destroy stale
mm_destroy checking maybe
mm_destroy purge_all
mm_destroy flush_mm
mm_destroy asce 0x1000
mm_destroy 0x1000 nopurge local
mm_destroy value
mm_destroy pgm
mm_destroy pgm none
mm_destroy teid zz
mm_destroy real
mm_destroy abs 1
mm_destroy rc -EWHAT
mm_destroy rc -EFAULT
mm_destroy state G 0 bogus
mm_destroy state G 0 empty
mm_destroy entry G 0 r9te 0
mm_destroy entry G 0 ste 0x20
mm_destroy check maybe
mm_destroy check ok
mm_destroy stale 1
mm_destroy gmap_addr 0
mm_destroy storage=1K
mm_destroy storage=64K cpus=0
mm_destroy storage=64K cpus=999
mm_destroy storage=64K edat2
mm_destroy storage=64K bogus
mm_destroy 1 prefix=0x1001
mm_destroy 0 cr99=1
mm_destroy 0 asc=ar
mm_destroy 0 asc=bogus
mm_destroy 0 dat=maybe
mm_destroy 0x1000 fetch
mm_destroy 0x1000 bogus
mm_destroy 0x1000 store len=3
mm_destroy 0x1000 ifetch ilc=3
mm_destroy json
mm_destroy dot A G
mm_destroy full
mm_destroy all
mm_destroy text nosuch
mm_destroy on
mm_destroy off
mm_destroy maybe
mmap
mmap A
mmap G
mmap nosuch
mmap 0x
mmap 99999999999999999999999
mmap -1
mmap A 0x1000
mmap G 0x1000
mmap A 0x1000 0x1000
mmap G 0x1000 0x1000 0x1000
mmap A 0x1001 1M rw fixed
mmap A 0 0 zz
mmap 1 2 3 4 5 6 7 8 9
mmap A 0x100000 len=3
mmap A 0x100000 0x12345 len=1
mmap read 0x10 len=16
mmap write 0x10
mmap write 0x10 0x1 value=2
mmap on
mmap on nosuch
mmap X on A
mmap G on A
mmap stats all
mmap stats
mmap preload
mmap stale
mmap checking maybe
mmap purge_all
mmap flush_mm
mmap asce 0x1000
mmap 0x1000 nopurge local
mmap value
mmap pgm
mmap pgm none
mmap teid zz
mmap real
mmap abs 1
mmap rc -EWHAT
mmap rc -EFAULT
mmap state G 0 bogus
mmap state G 0 empty
mmap entry G 0 r9te 0
mmap entry G 0 ste 0x20
mmap check maybe
mmap check ok
mmap stale 1
mmap gmap_addr 0
mmap storage=1K
mmap storage=64K cpus=0
mmap storage=64K cpus=999
mmap storage=64K edat2
mmap storage=64K bogus
mmap 1 prefix=0x1001
mmap 0 cr99=1
mmap 0 asc=ar
mmap 0 asc=bogus
mmap 0 dat=maybe
mmap 0x1000 fetch
mmap 0x1000 bogus
mmap 0x1000 store len=3
mmap 0x1000 ifetch ilc=3
mmap json
mmap dot A G
mmap full
mmap all
mmap text nosuch
mmap on
mmap off
mmap maybe
mprotect
mprotect A
mprotect G
mprotect nosuch
mprotect 0x
mprotect 99999999999999999999999
mprotect -1
mprotect A 0x1000
mprotect G 0x1000
mprotect A 0x1000 0x1000
mprotect G 0x1000 0x1000 0x1000
mprotect A 0x1001 1M rw fixed
mprotect A 0 0 zz
mprotect 1 2 3 4 5 6 7 8 9
mprotect A 0x100000 len=3
mprotect A 0x100000 0x12345 len=1
mprotect read 0x10 len=16
mprotect write 0x10
mprotect write 0x10 0x1 value=2
mprotect on
mprotect on nosuch
mprotect X on A
mprotect G on A
mprotect stats all
mprotect stats
mprotect preload
mprotect stale
mprotect checking maybe
mprotect purge_all
mprotect flush_mm
mprotect asce 0x1000
mprotect 0x1000 nopurge local
mprotect value
mprotect pgm
mprotect pgm none
mprotect teid zz
mprotect real
mprotect abs 1
mprotect rc -EWHAT
mprotect rc -EFAULT
mprotect state G 0 bogus
mprotect state G 0 empty
mprotect entry G 0 r9te 0
mprotect entry G 0 ste 0x20
mprotect check maybe
mprotect check ok
mprotect stale 1
mprotect gmap_addr 0
mprotect storage=1K
mprotect storage=64K cpus=0
mprotect storage=64K cpus=999
mprotect storage=64K edat2
mprotect storage=64K bogus
mprotect 1 prefix=0x1001
mprotect 0 cr99=1
mprotect 0 asc=ar
mprotect 0 asc=bogus
mprotect 0 dat=maybe
mprotect 0x1000 fetch
mprotect 0x1000 bogus
mprotect 0x1000 store len=3
mprotect 0x1000 ifetch ilc=3
mprotect json
mprotect dot A G
mprotect full
mprotect all
mprotect text nosuch
mprotect on
mprotect off
mprotect maybe
munmap
munmap A
munmap G
munmap nosuch
munmap 0x
munmap 99999999999999999999999
munmap -1
munmap A 0x1000
munmap G 0x1000
munmap A 0x1000 0x1000
munmap G 0x1000 0x1000 0x1000
munmap A 0x1001 1M rw fixed
munmap A 0 0 zz
munmap 1 2 3 4 5 6 7 8 9
munmap A 0x100000 len=3
munmap A 0x100000 0x12345 len=1
munmap read 0x10 len=16
munmap write 0x10
munmap write 0x10 0x1 value=2
munmap on
munmap on nosuch
munmap X on A
munmap G on A
munmap stats all
munmap stats
munmap preload
munmap stale
munmap checking maybe
munmap purge_all
munmap flush_mm
munmap asce 0x1000
munmap 0x1000 nopurge local
munmap value
munmap pgm
munmap pgm none
munmap teid zz
munmap real
munmap abs 1
munmap rc -EWHAT
munmap rc -EFAULT
munmap state G 0 bogus
munmap state G 0 empty
munmap entry G 0 r9te 0
munmap entry G 0 ste 0x20
munmap check maybe
munmap check ok
munmap stale 1
munmap gmap_addr 0
munmap storage=1K
munmap storage=64K cpus=0
munmap storage=64K cpus=999
munmap storage=64K edat2
munmap storage=64K bogus
munmap 1 prefix=0x1001
munmap 0 cr99=1
munmap 0 asc=ar
munmap 0 asc=bogus
munmap 0 dat=maybe
munmap 0x1000 fetch
munmap 0x1000 bogus
munmap 0x1000 store len=3
munmap 0x1000 ifetch ilc=3
munmap json
munmap dot A G
munmap full
munmap all
munmap text nosuch
munmap on
munmap off
munmap maybe
ptlb
ptlb A
ptlb G
ptlb nosuch
ptlb 0x
ptlb 99999999999999999999999
ptlb -1
ptlb A 0x1000
ptlb G 0x1000
ptlb A 0x1000 0x1000
ptlb G 0x1000 0x1000 0x1000
ptlb A 0x1001 1M rw fixed
ptlb A 0 0 zz
ptlb 1 2 3 4 5 6 7 8 9
ptlb A 0x100000 len=3
ptlb A 0x100000 0x12345 len=1
ptlb read 0x10 len=16
ptlb write 0x10
ptlb write 0x10 0x1 value=2
ptlb on
ptlb on nosuch
ptlb X on A
ptlb G on A
ptlb stats all
ptlb stats
ptlb preload
ptlb stale
ptlb checking maybe
ptlb purge_all
ptlb flush_mm
ptlb asce 0x1000
ptlb 0x1000 nopurge local
ptlb value
ptlb pgm
ptlb pgm none
ptlb teid zz
ptlb real
ptlb abs 1
ptlb rc -EWHAT
ptlb rc -EFAULT
ptlb state G 0 bogus
ptlb state G 0 empty
ptlb entry G 0 r9te 0
ptlb entry G 0 ste 0x20
ptlb check maybe
ptlb check ok
ptlb stale 1
ptlb gmap_addr 0
ptlb storage=1K
ptlb storage=64K cpus=0
ptlb storage=64K cpus=999
ptlb storage=64K edat2
ptlb storage=64K bogus
ptlb 1 prefix=0x1001
ptlb 0 cr99=1
ptlb 0 asc=ar
ptlb 0 asc=bogus
ptlb 0 dat=maybe
ptlb 0x1000 fetch
ptlb 0x1000 bogus
ptlb 0x1000 store len=3
ptlb 0x1000 ifetch ilc=3
ptlb json
ptlb dot A G
ptlb full
ptlb all
ptlb text nosuch
ptlb on
ptlb off
ptlb maybe
read
read A
read G
read nosuch
read 0x
read 99999999999999999999999
read -1
read A 0x1000
read G 0x1000
read A 0x1000 0x1000
read G 0x1000 0x1000 0x1000
read A 0x1001 1M rw fixed
read A 0 0 zz
read 1 2 3 4 5 6 7 8 9
read A 0x100000 len=3
read A 0x100000 0x12345 len=1
read read 0x10 len=16
read write 0x10
read write 0x10 0x1 value=2
read on
read on nosuch
read X on A
read G on A
read stats all
read stats
read preload
read stale
read checking maybe
read purge_all
read flush_mm
read asce 0x1000
read 0x1000 nopurge local
read value
read pgm
read pgm none
read teid zz
read real
read abs 1
read rc -EWHAT
read rc -EFAULT
read state G 0 bogus
read state G 0 empty
read entry G 0 r9te 0
read entry G 0 ste 0x20
read check maybe
read check ok
read stale 1
read gmap_addr 0
read storage=1K
read storage=64K cpus=0
read storage=64K cpus=999
read storage=64K edat2
read storage=64K bogus
read 1 prefix=0x1001
read 0 cr99=1
read 0 asc=ar
read 0 asc=bogus
read 0 dat=maybe
read 0x1000 fetch
read 0x1000 bogus
read 0x1000 store len=3
read 0x1000 ifetch ilc=3
read json
read dot A G
read full
read all
read text nosuch
read on
read off
read maybe
stats
stats A
stats G
stats nosuch
stats 0x
stats 99999999999999999999999
stats -1
stats A 0x1000
stats G 0x1000
stats A 0x1000 0x1000
stats G 0x1000 0x1000 0x1000
stats A 0x1001 1M rw fixed
stats A 0 0 zz
stats 1 2 3 4 5 6 7 8 9
stats A 0x100000 len=3
stats A 0x100000 0x12345 len=1
stats read 0x10 len=16
stats write 0x10
stats write 0x10 0x1 value=2
stats on
stats on nosuch
stats X on A
stats G on A
stats stats all
stats stats
stats preload
stats stale
stats checking maybe
stats purge_all
stats flush_mm
stats asce 0x1000
stats 0x1000 nopurge local
stats value
stats pgm
stats pgm none
stats teid zz
stats real
stats abs 1
stats rc -EWHAT
stats rc -EFAULT
stats state G 0 bogus
stats state G 0 empty
stats entry G 0 r9te 0
stats entry G 0 ste 0x20
stats check maybe
stats check ok
stats stale 1
stats gmap_addr 0
stats storage=1K
stats storage=64K cpus=0
stats storage=64K cpus=999
stats storage=64K edat2
stats storage=64K bogus
stats 1 prefix=0x1001
stats 0 cr99=1
stats 0 asc=ar
stats 0 asc=bogus
stats 0 dat=maybe
stats 0x1000 fetch
stats 0x1000 bogus
stats 0x1000 store len=3
stats 0x1000 ifetch ilc=3
stats json
stats dot A G
stats full
stats all
stats text nosuch
stats on
stats off
stats maybe
store1
store1 A
store1 G
store1 nosuch
store1 0x
store1 99999999999999999999999
store1 -1
store1 A 0x1000
store1 G 0x1000
store1 A 0x1000 0x1000
store1 G 0x1000 0x1000 0x1000
store1 A 0x1001 1M rw fixed
store1 A 0 0 zz
store1 1 2 3 4 5 6 7 8 9
store1 A 0x100000 len=3
store1 A 0x100000 0x12345 len=1
store1 read 0x10 len=16
store1 write 0x10
store1 write 0x10 0x1 value=2
store1 on
store1 on nosuch
store1 X on A
store1 G on A
store1 stats all
store1 stats
store1 preload
store1 stale
store1 checking maybe
store1 purge_all
store1 flush_mm
store1 asce 0x1000
store1 0x1000 nopurge local
store1 value
store1 pgm
store1 pgm none
store1 teid zz
store1 real
store1 abs 1
store1 rc -EWHAT
store1 rc -EFAULT
store1 state G 0 bogus
store1 state G 0 empty
store1 entry G 0 r9te 0
store1 entry G 0 ste 0x20
store1 check maybe
store1 check ok
store1 stale 1
store1 gmap_addr 0
store1 storage=1K
store1 storage=64K cpus=0
store1 storage=64K cpus=999
store1 storage=64K edat2
store1 storage=64K bogus
store1 1 prefix=0x1001
store1 0 cr99=1
store1 0 asc=ar
store1 0 asc=bogus
store1 0 dat=maybe
store1 0x1000 fetch
store1 0x1000 bogus
store1 0x1000 store len=3
store1 0x1000 ifetch ilc=3
store1 json
store1 dot A G
store1 full
store1 all
store1 text nosuch
store1 on
store1 off
store1 maybe
store2
store2 A
store2 G
store2 nosuch
store2 0x
store2 99999999999999999999999
store2 -1
store2 A 0x1000
store2 G 0x1000
store2 A 0x1000 0x1000
store2 G 0x1000 0x1000 0x1000
store2 A 0x1001 1M rw fixed
store2 A 0 0 zz
store2 1 2 3 4 5 6 7 8 9
store2 A 0x100000 len=3
store2 A 0x100000 0x12345 len=1
store2 read 0x10 len=16
store2 write 0x10
store2 write 0x10 0x1 value=2
store2 on
store2 on nosuch
store2 X on A
store2 G on A
store2 stats all
store2 stats
store2 preload
store2 stale
store2 checking maybe
store2 purge_all
store2 flush_mm
store2 asce 0x1000
store2 0x1000 nopurge local
store2 value
store2 pgm
store2 pgm none
store2 teid zz
store2 real
store2 abs 1
store2 rc -EWHAT
store2 rc -EFAULT
store2 state G 0 bogus
store2 state G 0 empty
store2 entry G 0 r9te 0
store2 entry G 0 ste 0x20
store2 check maybe
store2 check ok
store2 stale 1
store2 gmap_addr 0
store2 storage=1K
store2 storage=64K cpus=0
store2 storage=64K cpus=999
store2 storage=64K edat2
store2 storage=64K bogus
store2 1 prefix=0x1001
store2 0 cr99=1
store2 0 asc=ar
store2 0 asc=bogus
store2 0 dat=maybe
store2 0x1000 fetch
store2 0x1000 bogus
store2 0x1000 store len=3
store2 0x1000 ifetch ilc=3
store2 json
store2 dot A G
store2 full
store2 all
store2 text nosuch
store2 on
store2 off
store2 maybe
store4
store4 A
store4 G
store4 nosuch
store4 0x
store4 99999999999999999999999
store4 -1
store4 A 0x1000
store4 G 0x1000
store4 A 0x1000 0x1000
store4 G 0x1000 0x1000 0x1000
store4 A 0x1001 1M rw fixed
store4 A 0 0 zz
store4 1 2 3 4 5 6 7 8 9
store4 A 0x100000 len=3
store4 A 0x100000 0x12345 len=1
store4 read 0x10 len=16
store4 write 0x10
store4 write 0x10 0x1 value=2
store4 on
store4 on nosuch
store4 X on A
store4 G on A
store4 stats all
store4 stats
store4 preload
store4 stale
store4 checking maybe
store4 purge_all
store4 flush_mm
store4 asce 0x1000
store4 0x1000 nopurge local
store4 value
store4 pgm
store4 pgm none
store4 teid zz
store4 real
store4 abs 1
store4 rc -EWHAT
store4 rc -EFAULT
store4 state G 0 bogus
store4 state G 0 empty
store4 entry G 0 r9te 0
store4 entry G 0 ste 0x20
store4 check maybe
store4 check ok
store4 stale 1
store4 gmap_addr 0
store4 storage=1K
store4 storage=64K cpus=0
store4 storage=64K cpus=999
store4 storage=64K edat2
store4 storage=64K bogus
store4 1 prefix=0x1001
store4 0 cr99=1
store4 0 asc=ar
store4 0 asc=bogus
store4 0 dat=maybe
store4 0x1000 fetch
store4 0x1000 bogus
store4 0x1000 store len=3
store4 0x1000 ifetch ilc=3
store4 json
store4 dot A G
store4 full
store4 all
store4 text nosuch
store4 on
store4 off
store4 maybe
store8
store8 A
store8 G
store8 nosuch
store8 0x
store8 99999999999999999999999
store8 -1
store8 A 0x1000
store8 G 0x1000
store8 A 0x1000 0x1000
store8 G 0x1000 0x1000 0x1000
store8 A 0x1001 1M rw fixed
store8 A 0 0 zz
store8 1 2 3 4 5 6 7 8 9
store8 A 0x100000 len=3
store8 A 0x100000 0x12345 len=1
store8 read 0x10 len=16
store8 write 0x10
store8 write 0x10 0x1 value=2
store8 on
store8 on nosuch
store8 X on A
store8 G on A
store8 stats all
store8 stats
store8 preload
store8 stale
store8 checking maybe
store8 purge_all
store8 flush_mm
store8 asce 0x1000
store8 0x1000 nopurge local
store8 value
store8 pgm
store8 pgm none
store8 teid zz
store8 real
store8 abs 1
store8 rc -EWHAT
store8 rc -EFAULT
store8 state G 0 bogus
store8 state G 0 empty
store8 entry G 0 r9te 0
store8 entry G 0 ste 0x20
store8 check maybe
store8 check ok
store8 stale 1
store8 gmap_addr 0
store8 storage=1K
store8 storage=64K cpus=0
store8 storage=64K cpus=999
store8 storage=64K edat2
store8 storage=64K bogus
store8 1 prefix=0x1001
store8 0 cr99=1
store8 0 asc=ar
store8 0 asc=bogus
store8 0 dat=maybe
store8 0x1000 fetch
store8 0x1000 bogus
store8 0x1000 store len=3
store8 0x1000 ifetch ilc=3
store8 json
store8 dot A G
store8 full
store8 all
store8 text nosuch
store8 on
store8 off
store8 maybe
switch
switch A
switch G
switch nosuch
switch 0x
switch 99999999999999999999999
switch -1
switch A 0x1000
switch G 0x1000
switch A 0x1000 0x1000
switch G 0x1000 0x1000 0x1000
switch A 0x1001 1M rw fixed
switch A 0 0 zz
switch 1 2 3 4 5 6 7 8 9
switch A 0x100000 len=3
switch A 0x100000 0x12345 len=1
switch read 0x10 len=16
switch write 0x10
switch write 0x10 0x1 value=2
switch on
switch on nosuch
switch X on A
switch G on A
switch stats all
switch stats
switch preload
switch stale
switch checking maybe
switch purge_all
switch flush_mm
switch asce 0x1000
switch 0x1000 nopurge local
switch value
switch pgm
switch pgm none
switch teid zz
switch real
switch abs 1
switch rc -EWHAT
switch rc -EFAULT
switch state G 0 bogus
switch state G 0 empty
switch entry G 0 r9te 0
switch entry G 0 ste 0x20
switch check maybe
switch check ok
switch stale 1
switch gmap_addr 0
switch storage=1K
switch storage=64K cpus=0
switch storage=64K cpus=999
switch storage=64K edat2
switch storage=64K bogus
switch 1 prefix=0x1001
switch 0 cr99=1
switch 0 asc=ar
switch 0 asc=bogus
switch 0 dat=maybe
switch 0x1000 fetch
switch 0x1000 bogus
switch 0x1000 store len=3
switch 0x1000 ifetch ilc=3
switch json
switch dot A G
switch full
switch all
switch text nosuch
switch on
switch off
switch maybe
tlb
tlb A
tlb G
tlb nosuch
tlb 0x
tlb 99999999999999999999999
tlb -1
tlb A 0x1000
tlb G 0x1000
tlb A 0x1000 0x1000
tlb G 0x1000 0x1000 0x1000
tlb A 0x1001 1M rw fixed
tlb A 0 0 zz
tlb 1 2 3 4 5 6 7 8 9
tlb A 0x100000 len=3
tlb A 0x100000 0x12345 len=1
tlb read 0x10 len=16
tlb write 0x10
tlb write 0x10 0x1 value=2
tlb on
tlb on nosuch
tlb X on A
tlb G on A
tlb stats all
tlb stats
tlb preload
tlb stale
tlb checking maybe
tlb purge_all
tlb flush_mm
tlb asce 0x1000
tlb 0x1000 nopurge local
tlb value
tlb pgm
tlb pgm none
tlb teid zz
tlb real
tlb abs 1
tlb rc -EWHAT
tlb rc -EFAULT
tlb state G 0 bogus
tlb state G 0 empty
tlb entry G 0 r9te 0
tlb entry G 0 ste 0x20
tlb check maybe
tlb check ok
tlb stale 1
tlb gmap_addr 0
tlb storage=1K
tlb storage=64K cpus=0
tlb storage=64K cpus=999
tlb storage=64K edat2
tlb storage=64K bogus
tlb 1 prefix=0x1001
tlb 0 cr99=1
tlb 0 asc=ar
tlb 0 asc=bogus
tlb 0 dat=maybe
tlb 0x1000 fetch
tlb 0x1000 bogus
tlb 0x1000 store len=3
tlb 0x1000 ifetch ilc=3
tlb json
tlb dot A G
tlb full
tlb all
tlb text nosuch
tlb on
tlb off
tlb maybe
trace
trace A
trace G
trace nosuch
trace 0x
trace 99999999999999999999999
trace -1
trace A 0x1000
trace G 0x1000
trace A 0x1000 0x1000
trace G 0x1000 0x1000 0x1000
trace A 0x1001 1M rw fixed
trace A 0 0 zz
trace 1 2 3 4 5 6 7 8 9
trace A 0x100000 len=3
trace A 0x100000 0x12345 len=1
trace read 0x10 len=16
trace write 0x10
trace write 0x10 0x1 value=2
trace on
trace on nosuch
trace X on A
trace G on A
trace stats all
trace stats
trace preload
trace stale
trace checking maybe
trace purge_all
trace flush_mm
trace asce 0x1000
trace 0x1000 nopurge local
trace value
trace pgm
trace pgm none
trace teid zz
trace real
trace abs 1
trace rc -EWHAT
trace rc -EFAULT
trace state G 0 bogus
trace state G 0 empty
trace entry G 0 r9te 0
trace entry G 0 ste 0x20
trace check maybe
trace check ok
trace stale 1
trace gmap_addr 0
trace storage=1K
trace storage=64K cpus=0
trace storage=64K cpus=999
trace storage=64K edat2
trace storage=64K bogus
trace 1 prefix=0x1001
trace 0 cr99=1
trace 0 asc=ar
trace 0 asc=bogus
trace 0 dat=maybe
trace 0x1000 fetch
trace 0x1000 bogus
trace 0x1000 store len=3
trace 0x1000 ifetch ilc=3
trace json
trace dot A G
trace full
trace all
trace text nosuch
trace on
trace off
trace maybe
translate
translate A
translate G
translate nosuch
translate 0x
translate 99999999999999999999999
translate -1
translate A 0x1000
translate G 0x1000
translate A 0x1000 0x1000
translate G 0x1000 0x1000 0x1000
translate A 0x1001 1M rw fixed
translate A 0 0 zz
translate 1 2 3 4 5 6 7 8 9
translate A 0x100000 len=3
translate A 0x100000 0x12345 len=1
translate read 0x10 len=16
translate write 0x10
translate write 0x10 0x1 value=2
translate on
translate on nosuch
translate X on A
translate G on A
translate stats all
translate stats
translate preload
translate stale
translate checking maybe
translate purge_all
translate flush_mm
translate asce 0x1000
translate 0x1000 nopurge local
translate value
translate pgm
translate pgm none
translate teid zz
translate real
translate abs 1
translate rc -EWHAT
translate rc -EFAULT
translate state G 0 bogus
translate state G 0 empty
translate entry G 0 r9te 0
translate entry G 0 ste 0x20
translate check maybe
translate check ok
translate stale 1
translate gmap_addr 0
translate storage=1K
translate storage=64K cpus=0
translate storage=64K cpus=999
translate storage=64K edat2
translate storage=64K bogus
translate 1 prefix=0x1001
translate 0 cr99=1
translate 0 asc=ar
translate 0 asc=bogus
translate 0 dat=maybe
translate 0x1000 fetch
translate 0x1000 bogus
translate 0x1000 store len=3
translate 0x1000 ifetch ilc=3
translate json
translate dot A G
translate full
translate all
translate text nosuch
translate on
translate off
translate maybe
walk
walk A
walk G
walk nosuch
walk 0x
walk 99999999999999999999999
walk -1
walk A 0x1000
walk G 0x1000
walk A 0x1000 0x1000
walk G 0x1000 0x1000 0x1000
walk A 0x1001 1M rw fixed
walk A 0 0 zz
walk 1 2 3 4 5 6 7 8 9
walk A 0x100000 len=3
walk A 0x100000 0x12345 len=1
walk read 0x10 len=16
walk write 0x10
walk write 0x10 0x1 value=2
walk on
walk on nosuch
walk X on A
walk G on A
walk stats all
walk stats
walk preload
walk stale
walk checking maybe
walk purge_all
walk flush_mm
walk asce 0x1000
walk 0x1000 nopurge local
walk value
walk pgm
walk pgm none
walk teid zz
walk real
walk abs 1
walk rc -EWHAT
walk rc -EFAULT
walk state G 0 bogus
walk state G 0 empty
walk entry G 0 r9te 0
walk entry G 0 ste 0x20
walk check maybe
walk check ok
walk stale 1
walk gmap_addr 0
walk storage=1K
walk storage=64K cpus=0
walk storage=64K cpus=999
walk storage=64K edat2
walk storage=64K bogus
walk 1 prefix=0x1001
walk 0 cr99=1
walk 0 asc=ar
walk 0 asc=bogus
walk 0 dat=maybe
walk 0x1000 fetch
walk 0x1000 bogus
walk 0x1000 store len=3
walk 0x1000 ifetch ilc=3
walk json
walk dot A G
walk full
walk all
walk text nosuch
walk on
walk off
walk maybe
write
write A
write G
write nosuch
write 0x
write 99999999999999999999999
write -1
write A 0x1000
write G 0x1000
write A 0x1000 0x1000
write G 0x1000 0x1000 0x1000
write A 0x1001 1M rw fixed
write A 0 0 zz
write 1 2 3 4 5 6 7 8 9
write A 0x100000 len=3
write A 0x100000 0x12345 len=1
write read 0x10 len=16
write write 0x10
write write 0x10 0x1 value=2
write on
write on nosuch
write X on A
write G on A
write stats all
write stats
write preload
write stale
write checking maybe
write purge_all
write flush_mm
write asce 0x1000
write 0x1000 nopurge local
write value
write pgm
write pgm none
write teid zz
write real
write abs 1
write rc -EWHAT
write rc -EFAULT
write state G 0 bogus
write state G 0 empty
write entry G 0 r9te 0
write entry G 0 ste 0x20
write check maybe
write check ok
write stale 1
write gmap_addr 0
write storage=1K
write storage=64K cpus=0
write storage=64K cpus=999
write storage=64K edat2
write storage=64K bogus
write 1 prefix=0x1001
write 0 cr99=1
write 0 asc=ar
write 0 asc=bogus
write 0 dat=maybe
write 0x1000 fetch
write 0x1000 bogus
write 0x1000 store len=3
write 0x1000 ifetch ilc=3
write json
write dot A G
write full
write all
write text nosuch
write on
write off
write maybe

# comment
   
expect
unknowncmd 1
xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
