# A self-checking script that fails: the wrong expectation is reported with
# what happened, the script goes on, and gmapsim exits with status 1.
# gmapsim-exit: 1
machine storage=1M
translate 0x1000 fetch
expect pgm 0x11
expect abs 0x1000
load4 0x1000
expect value 0xdeadbeef
say done
