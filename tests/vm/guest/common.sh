# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the guest scripts of the VM tests (sourced; busybox sh). Every result goes to /out,
# which ftlens-vm copies back for the host side of the test to check.
T=/sys/kernel/tracing
OUT=/out

# step NAME COMMAND...: runs COMMAND, keeping its stdout, stderr and exit status as
# /out/NAME.out, /out/NAME.err and /out/NAME.status; shows stderr on the console too.
step() {
    name=$1
    shift
    echo "== $name: $* ($(cut -d' ' -f1 /proc/uptime) s)"
    "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
    status=$?
    echo "$status" >"$OUT/$name.status"
    cat "$OUT/$name.err"
    return $status
}

# snapshot NAME: what a recording must leave as it found it, one "file: value" line each:
# instances, probe definitions, every top-level setting a helper may touch (options included),
# unread events per CPU and the helper's journals.
snapshot() {
    {
        echo "instances: $(ls "$T/instances" | tr '\n' ' ')"
        for f in kprobe_events uprobe_events dynamic_events; do
            echo "$f: $(tr '\n' ';' <"$T/$f")"
        done
        for f in current_tracer tracing_on buffer_size_kb trace_clock set_event set_event_pid set_event_notrace_pid \
            set_ftrace_pid set_ftrace_notrace_pid set_ftrace_filter set_ftrace_notrace set_graph_function set_graph_notrace \
            max_graph_depth tracing_thresh events/enable; do
            [ -e "$T/$f" ] && echo "$f: $(head -c 4096 "$T/$f" | tr '\n' ';')"
        done
        for f in "$T"/options/*; do
            echo "options/${f##*/}: $(cat "$f")"
        done
        for f in "$T"/per_cpu/cpu*/stats; do
            cpu=${f%/stats}
            echo "${cpu##*/} $(grep '^entries' "$f")"
        done
        echo "journals: $(ls /run/ftlens-helper 2>/dev/null | tr '\n' ' ')"
    } >"$OUT/$1.snapshot"
}

# until_recording FILE: waits (up to 120 s) until a helper writing its stderr to FILE says it records.
until_recording() {
    n=0
    while ! grep -q "recording" "$1" 2>/dev/null && [ $n -lt 1200 ]; do
        sleep 0.1
        n=$((n + 1))
    done
}

# until_committed FILE: waits (up to 120 s) until the recording FILE holds events, running the
# opener now and then so that there is something to record.
until_committed() {
    n=0
    while ! ftlens-cli info --json "$1" 2>/dev/null | grep -q '"events":[1-9]' && [ $n -lt 240 ]; do
        ftlens-test-opener-static /etc/passwd >/dev/null
        sleep 0.5
        n=$((n + 1))
    done
}
