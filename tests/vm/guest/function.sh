# SPDX-License-Identifier: GPL-3.0-or-later
# Guest side of tst_vmfunction: the function tracer in the helper's own instance on Debian 12's
# 6.1 kernel, for a command and system-wide, with -n and -P; the helper's own threads never in
# the recording, for the tracer and for syscall tracepoints alike.
. /in/guest/common.sh

snapshot start

# A command's reads: every read() it makes is one vfs_read, called from ksys_read.
step command ftlens-helper record -p function -l 'vfs_*' -n vfs_write -o /out/command.ftlens -- \
    ftlens-test-opener-static --read /etc/passwd /proc/version /etc/group
snapshot after-command

# A background reader, recorded system-wide, then by its pid (-P).
ftlens-test-opener-static --repeat 100000000 --read --pause 20 /etc/passwd /proc/version &
reader=$!
echo "$reader" >/out/reader.pid

# system_wide STEP ARGS...: records for 3 s system-wide, noting the helper's pid and threads.
system_wide() {
    name=$1
    shift
    ftlens-helper record "$@" -d 3 -o "/out/$name.ftlens" 2>"/out/$name.err" &
    helper=$!
    until_recording "/out/$name.err"
    echo "$helper" >"/out/$name.helper"
    ls "/proc/$helper/task" >"/out/$name.threads"
    wait $helper
    echo $? >"/out/$name.status"
    cat "/out/$name.err"
}
system_wide system-function -p function -l vfs_read
system_wide system-tracepoint -e syscalls:sys_enter_read -e syscalls:sys_exit_read
step pid ftlens-helper record -p function -l vfs_read -P "$reader" -d 3 -o /out/pid.ftlens
kill "$reader"
snapshot end
