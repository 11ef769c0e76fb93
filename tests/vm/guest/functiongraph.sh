# SPDX-License-Identifier: GPL-3.0-or-later
# Guest side of tst_vmfunctiongraph: function_graph on a kernel that runs it only in the
# top-level buffer (Debian 12's 6.1): recorded there while it is idle, refused while it is busy,
# put back after a killed helper by cleanup, and depth-limited.
. /in/guest/common.sh

# The functions of the open path, so that only they are hooked where the whole graph is not the point.
open_path="-l do_sys_openat2 -l getname -l getname_flags* -l do_filp_open -l path_openat"

snapshot start
step caps ftlens-helper caps --json

# The chosen path: the top-level buffer is idle at boot.
step graph ftlens-helper record -p function_graph -g do_sys_openat2 -o /out/graph.ftlens -- \
    ftlens-test-opener-static /etc/passwd /etc/group /nonexistent/file /proc/version
snapshot after-graph

# --max-graph-depth 2: only depths 0 and 1.
step depth ftlens-helper record -p function_graph -g do_sys_openat2 $open_path --max-graph-depth 2 \
    -o /out/depth.ftlens -- ftlens-test-opener-static /etc/passwd /nonexistent/file
snapshot after-depth

# Refusals: events enabled in the top-level buffer, then events of theirs left unread in it.
echo 1 >"$T/events/sched/sched_switch/enable"
sleep 0.2
snapshot busy-before
step busy-events ftlens-helper record -p function_graph -g do_sys_openat2 -o /out/busy.ftlens -- true
snapshot busy-after
echo 0 >"$T/events/sched/sched_switch/enable"
step busy-unread ftlens-helper record -p function_graph -g do_sys_openat2 -o /out/busy.ftlens -- true
echo >"$T/trace"

# A helper killed while it has the top-level buffer: cleanup puts everything back.
ftlens-helper record -p function_graph -g do_sys_openat2 $open_path -O funcgraph-proc -d 120 \
    -o /out/killed.ftlens 2>/out/killed.err &
helper=$!
until_recording /out/killed.err
until_committed /out/killed.ftlens
snapshot killed-during
kill -9 $helper
wait $helper
echo $? >/out/killed.status
step cleanup ftlens-helper cleanup
step killed-info ftlens-cli info --json /out/killed.ftlens

snapshot end
