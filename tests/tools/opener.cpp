// SPDX-License-Identifier: GPL-3.0-or-later
// Test and benchmark workload: opens each PATH with libc's open64() and prints
// "open PATH -> FD" or "open PATH -> -ERRNO", one line each, in order.
//   ftlens-test-opener [--wait] [--read] PATH...   --wait: read one line from stdin first;
//                                                  --read: also read each file to its end in
//                                                  512-byte read()s and print
//                                                  "read PATH -> N calls, B bytes"
//   ftlens-test-opener --repeat N [--read] [--pause MS] PATH...
//                                                  open (and close) the PATHs round-robin N times
//                                                  (with --read reading each to its end, with
//                                                  --pause sleeping MS ms after each round), print
//                                                  nothing
// Only C library calls, so that its static build makes no system calls of its own beyond these.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace {
struct Options {
    bool wait = false;
    bool read = false;
    long repeat = 0;
    long pauseMs = 0;
    int first = 1; // the first PATH
};

int openOnce(const char* path)
{
    const int fd = open64(path, O_RDONLY | O_CLOEXEC);
    return fd >= 0 ? fd : -errno;
}

// Reads fd to its end; returns the read() calls made (the last one returns 0 or fails).
long readToEnd(int fd, long* bytes)
{
    char buffer[512];
    long calls = 0;
    for (;;) {
        const ssize_t n = read(fd, buffer, sizeof buffer);
        ++calls;
        if (n <= 0)
            return calls;
        *bytes += n;
    }
}

void pause(long ms)
{
    timespec ts { ms / 1000, (ms % 1000) * 1000000 };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

bool parse(int argc, char** argv, Options& o)
{
    int i = 1;
    for (; i < argc && std::strncmp(argv[i], "--", 2) == 0; ++i) {
        if (std::strcmp(argv[i], "--wait") == 0)
            o.wait = true;
        else if (std::strcmp(argv[i], "--read") == 0)
            o.read = true;
        else if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            o.repeat = std::strtol(argv[++i], nullptr, 10);
        else if (std::strcmp(argv[i], "--pause") == 0 && i + 1 < argc)
            o.pauseMs = std::strtol(argv[++i], nullptr, 10);
        else
            return false;
    }
    o.first = i;
    return o.first < argc;
}

int repeat(const Options& o, int argc, char** argv)
{
    const int paths = argc - o.first;
    for (long i = 0; i < o.repeat; ++i) {
        const int fd = openOnce(argv[o.first + int(i % paths)]);
        long bytes = 0;
        if (fd >= 0 && o.read)
            readToEnd(fd, &bytes);
        if (fd >= 0)
            close(fd);
        if (o.pauseMs > 0 && (i + 1) % paths == 0)
            pause(o.pauseMs);
    }
    return 0;
}
} // namespace

int main(int argc, char** argv)
{
    Options o;
    if (!parse(argc, argv, o))
        return 2;
    if (o.wait) {
        char line[64];
        if (!fgets(line, sizeof line, stdin))
            return 2;
    }
    if (o.repeat > 0)
        return repeat(o, argc, argv);
    char out[4096];
    for (int i = o.first; i < argc; ++i) {
        const int fd = openOnce(argv[i]);
        int n = std::snprintf(out, sizeof out, "open %s -> %d\n", argv[i], fd);
        if (o.read && fd >= 0) {
            long bytes = 0;
            const long calls = readToEnd(fd, &bytes);
            n += std::snprintf(out + n, sizeof out - size_t(n), "read %s -> %ld calls, %ld bytes\n", argv[i], calls, bytes);
        }
        if (write(STDOUT_FILENO, out, size_t(n)) != n)
            return 3;
    }
    return 0;
}
