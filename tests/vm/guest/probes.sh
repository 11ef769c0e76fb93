# SPDX-License-Identifier: GPL-3.0-or-later
# Guest side of tst_vmprobes: kprobes and kretprobes on Debian 12's 6.1 kernel (the opens-kernel
# preset, the README's definition forms with filters, a definition the kernel refuses), uprobes
# on libc for a dynamic and a statically linked command, and a helper killed while its probes are
# enabled, undone by the next record.
. /in/guest/common.sh

snapshot start

step preset ftlens-helper record --preset opens-kernel -o /out/preset.ftlens -- \
    ftlens-test-opener-static /etc/passwd /nonexistent/file /proc/version /etc
step preset-csv ftlens-cli export /out/preset.ftlens --probe do_sys_openat2 -o /out/preset.csv
snapshot after-preset

# The forms the README shows, with filters; kprobes/NAME as the kernel's documentation writes it.
step forms ftlens-helper record \
    --kprobe 'p:kprobes/myopen do_sys_openat2 dfd=%di:s32 path=+0(%si):string' -f 'path ~ "/etc/*"' \
    --kretprobe 'r:myopen_ret do_sys_openat2 ret=$retval:s32' -f 'ret < 0' \
    --kprobe 'p:byarg do_sys_openat2 dfd=$arg1:s32 path=+0($arg2):string' \
    -o /out/forms.ftlens -- ftlens-test-opener-static /etc/passwd /nonexistent/file /proc/version /etc/group
step forms-csv ftlens-cli export /out/forms.ftlens --probe byarg -o /out/forms.csv

# Refused by the kernel: the error_log's words come back.
step refused ftlens-helper record --kprobe 'p:nosuch no_such_function_in_this_kernel' -o /out/refused.ftlens -- true

# Uprobes on the system libc: a dynamically linked command, then busybox-static's cat.
step libc ftlens-helper record --preset opens-libc -o /out/libc.ftlens -- \
    ftlens-test-opener-dynamic /etc/passwd /nonexistent/file
step libc-csv ftlens-cli export /out/libc.ftlens --probe libc_open64 -o /out/libc.csv
step static-cat timeout 300 ftlens-helper record --preset opens-libc -o /out/static.ftlens -- cat /proc/version
snapshot after-uprobes

# A helper killed while its kprobes are enabled in its instance: the next record removes them.
ftlens-helper record --preset opens-kernel -d 120 -o /out/killed.ftlens 2>/out/killed.err &
helper=$!
until_recording /out/killed.err
until_committed /out/killed.ftlens
snapshot killed-during
kill -9 $helper
wait $helper
echo $? >/out/killed.status
step next ftlens-helper record -e sched:sched_switch -d 1 -o /out/next.ftlens
snapshot end
