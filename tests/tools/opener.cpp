// SPDX-License-Identifier: GPL-3.0-or-later
// Test and benchmark workload: opens each PATH with libc's open64() and prints
// "open PATH -> FD" or "open PATH -> -ERRNO", one line each, in order.
//   ftlens-test-opener [--wait] PATH...      --wait: read one line from stdin first
//   ftlens-test-opener --repeat N PATH...    open (and close) the PATHs round-robin N times, print nothing
// Only C library calls, so that its static build makes no system calls of its own beyond these.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {
int openOnce(const char* path)
{
    const int fd = open64(path, O_RDONLY | O_CLOEXEC);
    return fd >= 0 ? fd : -errno;
}
} // namespace

int main(int argc, char** argv)
{
    int first = 1;
    long repeat = 0;
    if (argc > 1 && std::strcmp(argv[1], "--wait") == 0) {
        char line[64];
        if (!fgets(line, sizeof line, stdin))
            return 2;
        first = 2;
    } else if (argc > 2 && std::strcmp(argv[1], "--repeat") == 0) {
        repeat = std::strtol(argv[2], nullptr, 10);
        first = 3;
    }
    if (first >= argc)
        return 2;
    if (repeat > 0) {
        const int paths = argc - first;
        for (long i = 0; i < repeat; ++i) {
            const int fd = openOnce(argv[first + int(i % paths)]);
            if (fd >= 0)
                close(fd);
        }
        return 0;
    }
    char out[4096];
    for (int i = first; i < argc; ++i) {
        const int fd = openOnce(argv[i]);
        const int n = std::snprintf(out, sizeof out, "open %s -> %d\n", argv[i], fd);
        if (write(STDOUT_FILENO, out, size_t(n)) != n)
            return 3;
    }
    return 0;
}
