#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bench_interop.sh: ftlens beside trace-cmd and KernelShark on the same trace.dat files, in one run.
#
#   tests/bench/bench_interop.sh [--build DIR] [--events N] [--runs R] [--timeout S] [--work DIR]
#
# Files: the largest trace.dat of ../shared/corpus/trace_dat (skipped with a message when the
# corpus is absent) and a trace.dat of N events (default 10,000,000) written by
# `ftlens-cli synth` + `ftlens-cli export --format trace.dat`. For each file:
#   import: `ftlens-cli import FILE -o X.ftlens` against `trace-cmd report FILE > /dev/null`,
#           median wall time of R runs each (default 3); ratio = ftlens / trace-cmd (target <= 0.5).
#   open:   `ftlens --bench X.ftlens` under Xvfb (its own first_paint_ms and peak_rss_mib) against
#           `kernelshark FILE` under a private Xvfb: from its start until its window shows the
#           timeline, measured by polling screenshots of its window (xwd, every 100 ms): the time
#           of the last change before the picture stayed the same for 3 s. Peak RSS is VmHWM of
#           the KernelShark process at that point. As root, KernelShark runs as nobody (as root
#           it first shows a modal warning). A step past --timeout S (default 600) is reported as
#           timed out, not timed; an ftlens --bench that gives no figures as failed, with its message.
# Prints one JSON object per measurement and a summary table. Needs trace-cmd, kernelshark,
# Xvfb, xwd, xdotool (packaging/build-deps.txt).
set -u

build=build
events=10000000
runs=3
timeout=600
work=
while [ $# -gt 0 ]; do
    case "$1" in
    --build) build=$2; shift 2 ;;
    --events) events=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--events N] [--runs R] [--timeout S] [--work DIR]" >&2; exit 2 ;;
    esac
done

here=$(cd "$(dirname "$0")/../.." && pwd)
cli=$build/bin/ftlens-cli
app=$build/bin/ftlens
for tool in "$cli" "$app"; do
    [ -x "$tool" ] || { echo "bench_interop: $tool is not built" >&2; exit 2; }
done
for tool in trace-cmd kernelshark Xvfb xwd xdotool; do
    command -v "$tool" >/dev/null || { echo "bench_interop: $tool is not installed (packaging/build-deps.txt)" >&2; exit 2; }
done
if [ -z "$work" ]; then
    work=$(mktemp -d /var/tmp/bench_interop.XXXXXX)
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
chmod 755 "$work" # KernelShark runs as nobody when this runs as root

now_ms() { date +%s%3N; }

# Median of the numbers on stdin ("timeout" when any is).
median() { sort -n | awk '{ v[NR] = $1 } /timeout/ { t = 1 } END { if (t || NR == 0) print "timeout"; else print v[int((NR + 1) / 2)] }'; }

# Wall ms of a command (stdout to /dev/null), or "timeout".
timed() {
    local start end
    start=$(now_ms)
    if ! timeout "$timeout" "$@" >/dev/null 2>"$work/stderr"; then
        [ $? -eq 124 ] && { echo timeout; return; }
        echo "bench_interop: failed: $* ($(tail -1 "$work/stderr"))" >&2
        echo timeout
        return
    fi
    end=$(now_ms)
    echo $((end - start))
}

# a / b, or n/a when either is not a number (timeout, failed).
ratio() {
    case "$1$2" in
    *[!0-9.]* | "") echo n/a ;;
    *) awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }' ;;
    esac
}

# KernelShark on FILE under a private Xvfb: "first_paint_ms peak_rss_mib" or "timeout timeout".
kernelshark_open() {
    local file=$1 display=:$((90 + RANDOM % 400)) xvfb pid start last_change last_hash hash elapsed window rss
    Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp -ac >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    start=$(now_ms)
    if [ "$(id -u)" = 0 ]; then
        # As root KernelShark opens a modal "running with Root privileges" warning before anything
        # else (and the timeline never shows until it is closed): run it as nobody, as a user would.
        mkdir -p "$work/kshome" && chmod 777 "$work/kshome"
        DISPLAY=$display HOME=$work/kshome setpriv --reuid=65534 --regid=65534 --clear-groups kernelshark "$file" >/dev/null 2>&1 &
    else
        DISPLAY=$display kernelshark "$file" >/dev/null 2>&1 &
    fi
    pid=$!
    last_hash=
    last_change=
    while :; do
        elapsed=$(($(now_ms) - start))
        if [ "$elapsed" -gt $((timeout * 1000)) ] || ! kill -0 "$pid" 2>/dev/null; then
            last_change=timeout
            break
        fi
        window=$(DISPLAY=$display xdotool search --onlyvisible --pid "$pid" 2>/dev/null | tail -1)
        if [ -n "$window" ]; then
            hash=$(DISPLAY=$display xwd -silent -id "$window" 2>/dev/null | md5sum | cut -d' ' -f1)
            if [ "$hash" != "$last_hash" ]; then
                last_hash=$hash
                last_change=$elapsed
            elif [ -n "$last_change" ] && [ $((elapsed - last_change)) -ge 3000 ]; then
                break
            fi
        fi
        sleep 0.1
    done
    rss=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null)
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    kill "$xvfb" 2>/dev/null
    wait "$xvfb" 2>/dev/null
    [ "$last_change" = timeout ] && { echo "timeout timeout"; return; }
    echo "$last_change ${rss:-n/a}"
}

# ftlens --bench on a recording under Xvfb: "first_paint_ms peak_rss_mib" (or timeout).
ftlens_open() {
    local json
    json=$(timeout "$timeout" xvfb-run -a -s "-screen 0 1600x1000x24" "$app" --bench "$1" 2>"$work/bench.err" | tail -1)
    if [ -z "$json" ]; then
        echo "bench_interop: ftlens --bench $1: $(grep -v XDG_RUNTIME "$work/bench.err" | tail -1)" >&2
        echo "failed failed"
        return
    fi
    echo "$(echo "$json" | sed -n 's/.*"first_paint_ms":\([0-9.]*\).*/\1/p') $(echo "$json" | sed -n 's/.*"peak_rss_mib":\([0-9.]*\).*/\1/p')"
}

measure() {
    local name=$1 file=$2 ftlens_import=() report=() i out
    out=$work/$name.ftlens
    for ((i = 0; i < runs; i++)); do
        rm -f "$out"
        ftlens_import+=("$(timed "$cli" import "$file" -o "$out")")
        report+=("$(timed trace-cmd report "$file")")
    done
    local fi_ms tr_ms
    fi_ms=$(printf '%s\n' "${ftlens_import[@]}" | median)
    tr_ms=$(printf '%s\n' "${report[@]}" | median)
    local events
    events=$("$cli" info "$out" --json 2>/dev/null | sed -n 's/.*"events":\([0-9]*\).*/\1/p' | head -1)
    read -r fo_paint fo_rss < <(ftlens_open "$out")
    read -r ks_paint ks_rss < <(kernelshark_open "$file")
    printf '{"file":"%s","bytes":%s,"events":%s,"ftlens_import_ms":"%s","trace_cmd_report_ms":"%s","import_ratio":"%s",' \
        "$name" "$(stat -c %s "$file")" "${events:-0}" "$fi_ms" "$tr_ms" "$(ratio "$fi_ms" "$tr_ms")"
    printf '"ftlens_first_paint_ms":"%s","kernelshark_first_paint_ms":"%s","paint_ratio":"%s","ftlens_peak_rss_mib":"%s","kernelshark_peak_rss_mib":"%s","rss_ratio":"%s"}\n' \
        "$fo_paint" "$ks_paint" "$(ratio "$fo_paint" "$ks_paint")" "$fo_rss" "$ks_rss" "$(ratio "$fo_rss" "$ks_rss")"
}

corpus=$(ls -S "$here"/../shared/corpus/trace_dat/*.dat 2>/dev/null | head -1)
if [ -n "$corpus" ]; then
    measure "$(basename "$corpus" .dat)" "$corpus"
else
    echo "bench_interop: the shared corpus is not there (../shared/corpus/trace_dat): its largest trace.dat is skipped" >&2
fi

big=$work/synth_$events.dat
start=$(now_ms)
if timeout "$timeout" "$cli" synth --events "$events" --cpus 8 -o "$work/synth.ftlens" >/dev/null \
    && timeout "$timeout" "$cli" export "$work/synth.ftlens" --format trace.dat -o "$big" >/dev/null; then
    echo "{\"step\":\"synth + export of $events events\",\"ms\":$(($(now_ms) - start)),\"bytes\":$(stat -c %s "$big")}"
    rm -f "$work/synth.ftlens"
    chmod 644 "$big" # readable by KernelShark's user
    measure "synth_$events" "$big"
else
    echo "{\"step\":\"synth + export of $events events\",\"ms\":\"timeout\"}"
fi
