# SPDX-License-Identifier: GPL-3.0-or-later
# The sanitizer and fuzzing configuration (README, "Sanitizers and fuzzing"). It lives in a
# build directory of its own, configured with Debian's clang, as `./setup.sh test` does:
#   cmake -S . -B build-asan -G Ninja -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
#         -DFTLENS_SANITIZE=ON -DFTLENS_FUZZ=ON
# Everything of ours (libraries, executables, tests) then carries the flags through
# ftlens_project_options; Qt, SQLite and libtrace* stay as Debian built them.
option(FTLENS_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(FTLENS_FUZZ "Also build the libFuzzer targets of tests/fuzz (clang only; needs FTLENS_SANITIZE)" OFF)

if(FTLENS_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "FTLENS_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++-14")
    endif()
    if(NOT FTLENS_SANITIZE)
        message(FATAL_ERROR "FTLENS_FUZZ needs FTLENS_SANITIZE=ON: fuzzing without ASan/UBSan misses most bugs")
    endif()
endif()

if(FTLENS_SANITIZE)
    # Undefined behaviour aborts at the first report, so a test or a fuzz run fails on it.
    target_compile_options(ftlens_project_options INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(ftlens_project_options INTERFACE -fsanitize=address,undefined)
    # What every test run of this build gets: leaks are errors (LeakSanitizer), with suppressions
    # only for leaks inside system libraries; UBSan prints its stack; stacks name functions and
    # lines (llvm-symbolizer, from Debian's llvm-14).
    find_program(FTLENS_LLVM_SYMBOLIZER NAMES llvm-symbolizer-14 llvm-symbolizer)
    set(symbolizer "")
    if(FTLENS_LLVM_SYMBOLIZER)
        set(symbolizer ":external_symbolizer_path=${FTLENS_LLVM_SYMBOLIZER}")
    endif()
    set(FTLENS_SANITIZER_ENVIRONMENT
        "ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1${symbolizer}"
        "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/fuzz/lsan.supp:print_suppressions=0"
        "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1${symbolizer}")
endif()

if(FTLENS_FUZZ)
    # Coverage for libFuzzer in every library; only the fuzz targets link libFuzzer itself.
    target_compile_options(ftlens_project_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
