# SPDX-License-Identifier: GPL-3.0-or-later
# Guest side of bench_vmrecord: ftlens-helper record and trace-cmd record taking turns on the
# same workload (OPENS opens by the static opener, half of them of a missing file), ROUNDS times,
# for function_graph below do_sys_openat2 (GRAPH_OPENS opens, default OPENS: each open is ~300
# graph events, hours under emulation at 100,000) and for the openat syscall events. One line per
# run in /out/bench.txt: tool case round seconds events lost bytes status.
# usage: sh bench.sh OPENS ROUNDS [GRAPH_OPENS]
. /in/guest/common.sh
opens=${1:-100000}
rounds=${2:-3}
graph_opens=${3:-$opens}
# The recordings go to the scratch disk where the harness gave one (--scratch), else to memory.
dir=/tmp
[ -d /scratch ] && dir=/scratch
now() { cut -d' ' -f1 /proc/uptime; }

# workload_for N: the static opener doing N opens, every other one of a missing file.
workload_for() { echo "ftlens-test-opener-static --repeat $1 /etc/passwd /nonexistent/file"; }

# ftlens CASE ARGS...: one helper run; events and lost from ftlens-cli info, bytes of the file.
ftlens() {
    name=$1
    shift
    start=$(now)
    ftlens-helper record "$@" -o "$dir/bench.ftlens" -- $workload 2>/tmp/helper.err
    status=$?
    end=$(now)
    info=$(ftlens-cli info --json "$dir/bench.ftlens")
    events=$(echo "$info" | sed -n 's/.*"events":\([0-9]*\).*/\1/p')
    lost=$(echo "$info" | sed -n 's/.*"lost_events":\([0-9]*\).*/\1/p')
    bytes=$(stat -c %s "$dir/bench.ftlens")
    echo "ftlens $name $round $(awk "BEGIN { print $end - $start }") $events $lost $bytes $status" >>/out/bench.txt
    rm -f "$dir"/bench.ftlens*
}

# tracecmd CASE ARGS...: one trace-cmd run; events and lost from the kernel buffer statistics it
# keeps in trace.dat (read events + entries; overrun + commit overrun + dropped events), bytes of
# trace.dat. Its statistics are taken before its last read of the buffers: the "entries" still in
# them then are in trace.dat too (read + entries is the 2 events per open of the workload).
# trace.dat's data is compressed (zstd), an .ftlens file is not.
tracecmd() {
    name=$1
    shift
    start=$(now)
    trace-cmd record "$@" -o "$dir/bench.dat" $workload >/tmp/tracecmd.out 2>&1
    status=$?
    end=$(now)
    trace-cmd report --stat -i "$dir/bench.dat" >>/tmp/tracecmd.out 2>&1
    events=$(awk '/^read events:/ { n += $3 } /^entries:/ { n += $2 } END { print n + 0 }' /tmp/tracecmd.out)
    lost=$(awk '/^overrun:/ || /^commit overrun:/ || /^dropped events:/ { n += $NF } END { print n + 0 }' /tmp/tracecmd.out)
    bytes=$(stat -c %s "$dir/bench.dat")
    echo "trace-cmd $name $round $(awk "BEGIN { print $end - $start }") $events $lost $bytes $status" >>/out/bench.txt
    rm -f "$dir"/bench.dat*
}

: >/out/bench.txt
round=1
while [ $round -le "$rounds" ]; do
    echo "== round $round of $rounds ($(now) s)"
    workload=$(workload_for "$graph_opens")
    ftlens function_graph -p function_graph -g do_sys_openat2
    tracecmd function_graph -p function_graph -g do_sys_openat2
    workload=$(workload_for "$opens")
    ftlens syscalls -e syscalls:sys_enter_openat -e syscalls:sys_exit_openat
    tracecmd syscalls -e syscalls:sys_enter_openat -e syscalls:sys_exit_openat
    round=$((round + 1))
done
cp /tmp/tracecmd.out /out/last-trace-cmd.out
cat /out/bench.txt
