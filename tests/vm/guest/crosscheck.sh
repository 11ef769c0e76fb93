# SPDX-License-Identifier: GPL-3.0-or-later
# Guest side of tst_vmcrosscheck: the same run read by the helper (raw pages) and as `cat trace`
# text of a mirror instance (textcapture.sh), to be imported and compared on the host; and
# function_graph of one workload recorded by trace-cmd and by the helper.
. /in/guest/common.sh

snapshot start
step same-run ftlens-helper record -p function -l vfs_read \
    --kprobe 'p:myopen do_sys_openat2 dfd=%di:s32 path=+0(%si):string flags=+0(%dx):x64' \
    --kretprobe 'r:myopen_ret do_sys_openat2 ret=$retval:s32' \
    -o /out/raw.ftlens -- sh /in/guest/textcapture.sh

workload="ftlens-test-opener-static /etc/passwd /nonexistent/file /proc/version /etc"
step trace-cmd trace-cmd record -p function_graph -g do_sys_openat2 -o /out/trace-cmd.dat $workload
step trace-cmd-report trace-cmd report -i /out/trace-cmd.dat
step graph ftlens-helper record -p function_graph -g do_sys_openat2 -o /out/graph.ftlens -- $workload
snapshot end
