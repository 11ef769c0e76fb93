// SPDX-License-Identifier: GPL-3.0-or-later
// Test workload: N reads of READ_BYTES from /dev/zero and N writes of WRITE_BYTES to /dev/null,
// one system call each, so that a test finds exactly these in a recording by their byte counts.
//   ftlens-test-readwriter [--wait] [--linger MS] N READ_BYTES WRITE_BYTES
//     --wait: read one line from stdin first; --linger: sleep MS milliseconds after the calls
// Exit status 0 when every call moved its bytes. Only C library calls, so that its static build
// makes no read or write of its own beyond these (and the --wait line).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    int first = 1;
    long lingerMs = 0;
    for (;;) {
        if (argc > first && std::strcmp(argv[first], "--wait") == 0) {
            char line[64];
            if (!fgets(line, sizeof line, stdin))
                return 2;
            first += 1;
        } else if (argc > first + 1 && std::strcmp(argv[first], "--linger") == 0) {
            lingerMs = std::strtol(argv[first + 1], nullptr, 10);
            first += 2;
        } else {
            break;
        }
    }
    if (argc - first != 3)
        return 2;
    const long n = std::strtol(argv[first], nullptr, 10);
    const long readBytes = std::strtol(argv[first + 1], nullptr, 10);
    const long writeBytes = std::strtol(argv[first + 2], nullptr, 10);
    static char buffer[65536];
    if (n < 0 || readBytes <= 0 || writeBytes <= 0 || readBytes > long(sizeof buffer) || writeBytes > long(sizeof buffer))
        return 2;
    const int zero = open("/dev/zero", O_RDONLY | O_CLOEXEC);
    const int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (zero < 0 || null < 0)
        return 3;
    for (long i = 0; i < n; ++i) {
        if (read(zero, buffer, size_t(readBytes)) != readBytes || write(null, buffer, size_t(writeBytes)) != writeBytes)
            return 4;
    }
    const timespec linger { lingerMs / 1000, (lingerMs % 1000) * 1000000 };
    nanosleep(&linger, nullptr);
    return 0;
}
