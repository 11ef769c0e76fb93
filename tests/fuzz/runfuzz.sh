#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer target for a bounded time (the ctest label `fuzz`; README, "Sanitizers and
# fuzzing"). Its corpus in WORK/corpus starts from the committed seeds and reproducers, plus the
# small files of the shared corpus of real captures (../shared/corpus, skipped with a message
# when absent) and, for the recording targets, recordings imported from them. On a crash, a hang,
# a leak or memory beyond the limit it fails, naming the reproducer and printing it in base64.
#   runfuzz.sh --fuzzer BIN --name NAME --work DIR --seconds N --max-len BYTES [--timeout S]
#              [--rss-mb MB] [--seeds DIR]... [--shared DIR]... [--import-with FTLENS_CLI]
set -uo pipefail

timeout=10
rss=2048
seeds=()
shared=()
importer=""
while [ $# -gt 0 ]; do
    case "$1" in
    --fuzzer) fuzzer=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --max-len) maxlen=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --rss-mb) rss=$2; shift 2 ;;
    --seeds) seeds+=("$2"); shift 2 ;;
    --shared) shared+=("$2"); shift 2 ;;
    --import-with) importer=$2; shift 2 ;;
    *) echo "runfuzz.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
seconds=${FTLENS_FUZZ_SECONDS:-$seconds}
# Shared corpus files added per directory: the smallest, so the first pass over the corpus
# leaves most of the time for mutating.
shared_per_dir=${FTLENS_FUZZ_SHARED_FILES:-12}

corpus=$work/corpus
artifacts=$work/artifacts
mkdir -p "$corpus" "$artifacts"

for dir in "${seeds[@]}"; do
    [ -d "$dir" ] && find "$dir" -maxdepth 1 -type f ! -name '.*' -exec cp -n -t "$corpus" {} +
done

add_shared() {
    local dir=$1
    find "$dir" -maxdepth 1 -type f -size -"$((maxlen + 1))"c -printf '%s %p\n' | sort -n | head -n "$shared_per_dir" | cut -d' ' -f2-
}

for dir in "${shared[@]}"; do
    if [ ! -d "$dir" ]; then
        echo "runfuzz.sh: shared corpus $dir is absent: fuzzing from the committed seeds only"
        continue
    fi
    while IFS= read -r file; do
        base=shared-$(basename "$dir")-$(basename "$file")
        if [ -z "$importer" ]; then
            cp -n "$file" "$corpus/$base"
        elif [ ! -e "$corpus/$base.ftlens" ]; then
            # A real capture as the recording a user would open; 512-byte pages keep it small.
            if "$importer" import "$file" -o "$work/import.ftlens" >/dev/null 2>&1; then
                command -v sqlite3 >/dev/null && sqlite3 "$work/import.ftlens" 'PRAGMA page_size=512; VACUUM;' 2>/dev/null
                [ "$(stat -c %s "$work/import.ftlens")" -le "$maxlen" ] && cp "$work/import.ftlens" "$corpus/$base.ftlens"
            fi
            rm -f "$work/import.ftlens"
        fi
    done < <(add_shared "$dir")
done

echo "runfuzz.sh: $name for ${seconds}s, corpus $(find "$corpus" -type f | wc -l) files in $corpus"
# A size from the input that reaches a system library's malloc (libtracecmd's, 1 TiB from a
# damaged trace.dat) gets NULL as glibc would give, instead of ASan's abort: what ftlens must
# survive is the library's failure, which a crash after NULL would still show.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1"
marker=$work/started
touch "$marker"
"$fuzzer" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss" -malloc_limit_mb="$rss" \
    -max_len="$maxlen" -artifact_prefix="$artifacts/" -print_final_stats=1 -detect_leaks=1 \
    "$corpus" >"$work/fuzz.log" 2>&1
status=$?

if [ $status -eq 0 ]; then
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added)' "$work/fuzz.log"
    exit 0
fi

echo "runfuzz.sh: $name FAILED (exit $status); the end of its log ($work/fuzz.log):"
tail -n 80 "$work/fuzz.log"
found=0
while IFS= read -r artifact; do
    found=1
    echo
    echo "REPRODUCER: $artifact ($(stat -c %s "$artifact") bytes)"
    echo "  run it:          $fuzzer $artifact"
    echo "  keep it (a regression test from then on): cp $artifact tests/fuzz/regressions/$name/"
    echo "  base64 (decode with base64 -d > file):"
    head -c 65536 "$artifact" | base64 -w 100 | sed 's/^/    /'
done < <(find "$artifacts" -type f -newer "$marker")
[ $found -eq 1 ] || echo "runfuzz.sh: no reproducer was written (see the log above)"
exit 1
