# SPDX-License-Identifier: GPL-3.0-or-later
# The COMMAND of crosscheck.sh's helper run (its parent is that helper): mirrors the helper's
# recording into an instance of its own — the same function filter and the helper's own probe
# events, for this shell and its children — runs the workload, and keeps that instance's
# `cat trace` text as /out/text.txt. The helper and the text see the very same calls and hits.
T=/sys/kernel/tracing
I=$T/instances/textcapture
group=ftlens_$PPID
mkdir "$I"
echo mono >"$I/trace_clock"
echo vfs_read >"$I/set_ftrace_filter"
echo $$ >"$I/set_ftrace_pid"
echo 1 >"$I/options/function-fork"
echo $$ >"$I/set_event_pid"
echo 1 >"$I/options/event-fork"
echo 1 >"$I/events/$group/enable"
echo function >"$I/current_tracer"
ftlens-test-opener-static --read /etc/passwd /nonexistent/file /proc/version /etc/group >/out/text-workload.out &
echo $! >/out/text-workload.pid
wait
echo 0 >"$I/tracing_on"
cat "$I/trace" >/out/text.txt
echo nop >"$I/current_tracer"
echo 0 >"$I/events/$group/enable"
rmdir "$I"
