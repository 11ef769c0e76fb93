#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The project's one set-up script. Installs the Debian packages that are missing, builds, then:
#   ./setup.sh          starts the desktop app (build/bin/ftlens) on the bundled demo recording
#   ./setup.sh info     prints `ftlens-cli info` for the demo recording (no display needed)
#   ./setup.sh test     runs the whole test suite (what .ci/run calls), then the sanitizer stage:
#                       builds build-asan/ (clang, ASan+UBSan, libFuzzer), runs the unit suite
#                       there once and every fuzz target for a bounded time (README, "Sanitizers
#                       and fuzzing"). `./setup.sh test ARGS` passes ARGS to the first ctest and
#                       skips the sanitizer stage; FTLENS_SANITIZE=0 skips it too.
#   ./setup.sh build    only installs and builds
# Idempotent: with nothing missing and nothing changed it only checks and returns.
set -euo pipefail
cd "$(dirname "$0")"
top=$PWD
build=${FTLENS_BUILD_DIR:-$top/build}
asan_build=${FTLENS_ASAN_BUILD_DIR:-$top/build-asan}

install_missing_packages() {
    local wanted missing=()
    mapfile -t wanted < <(grep -v '^\s*#' packaging/build-deps.txt | sed '/^\s*$/d')
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "setup: installing ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ccache where the machine has it (a developer's; CI and a user's fresh machine need none).
compiler_launcher() {
    if command -v ccache >/dev/null; then
        echo -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
    fi
}

build_project() {
    if [ ! -f "$build/build.ninja" ]; then
        # shellcheck disable=SC2046 # the launcher options are words
        cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(compiler_launcher)
    fi
    cmake --build "$build" -j"$(nproc)"
}

# The sanitizer configuration: everything of ours with AddressSanitizer and UBSan, libraries with
# libFuzzer coverage, the fuzz targets linked with libFuzzer (Debian's clang 14).
build_sanitized() {
    if [ ! -f "$asan_build/build.ninja" ]; then
        # shellcheck disable=SC2046 # the launcher options are words
        cmake -S "$top" -B "$asan_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DFTLENS_SANITIZE=ON -DFTLENS_FUZZ=ON $(compiler_launcher)
    fi
    cmake --build "$asan_build" -j"$(nproc)"
}

sanitizer_stage() {
    echo "setup: sanitizer stage in $asan_build (FTLENS_SANITIZE=0 skips it)"
    local start=$SECONDS
    build_sanitized
    echo "setup: sanitizer build took $((SECONDS - start)) s"
    start=$SECONDS
    ctest --test-dir "$asan_build" -L unit --output-on-failure --timeout 900 -j"$(nproc)"
    echo "setup: unit suite under ASan+UBSan took $((SECONDS - start)) s"
    start=$SECONDS
    ctest --test-dir "$asan_build" -L '^fuzz$' --output-on-failure -j"$(nproc)"
    echo "setup: fuzz targets took $((SECONDS - start)) s"
}

install_missing_packages
build_project

case "${1:-run}" in
    build) ;;
    test)
        shift
        ctest --test-dir "$build" --output-on-failure --timeout 600 -j"$(nproc)" "$@"
        if [ $# -eq 0 ] && [ "${FTLENS_SANITIZE:-1}" != 0 ]; then
            sanitizer_stage
        fi
        ;;
    run)
        shift || true
        # Without a FILE the app opens its copy of the demo (build/share/ftlens/demo.ftlens): the
        # first open adds the timeline index to the file, and resources/ stays as committed.
        exec "$build/bin/ftlens" "$@"
        ;;
    info)
        shift
        exec "$build/bin/ftlens-cli" info "$top/resources/demo.ftlens" "$@"
        ;;
    *)
        echo "usage: $0 [run|info|test|build]" >&2
        exit 2
        ;;
esac
