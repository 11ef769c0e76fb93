// SPDX-License-Identifier: GPL-3.0-or-later
// open, mkdir, rmdir and write as the test executable sees them: the real system calls, then the
// FakeKernel's reaction where the kernel would react (or its refusal instead, where the kernel
// would refuse). Interposing them here keeps the product code free of test seams: the recorder
// calls the same functions it calls on real tracefs.
#include "fakekernel.h"

#include <QFile>

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {
thread_local bool t_inHook = false;
constexpr int maxTracked = 4096;
std::atomic<bool> s_truncatedUnwritten[maxTracked] {};

QString pathOfFd(int fd)
{
    char link[64];
    char target[4096];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t n = ::readlink(link, target, sizeof target - 1);
    return n > 0 ? QFile::decodeName(QByteArray(target, int(n))) : QString();
}
} // namespace

extern "C" int mkdir(const char* path, mode_t mode)
{
    const int rc = int(::syscall(SYS_mkdirat, AT_FDCWD, path, mode));
    if (rc == 0 && !t_inHook) {
        if (TestSupport::FakeKernel* fake = TestSupport::FakeKernel::active()) {
            t_inHook = true;
            fake->onMkdir(QFile::decodeName(path));
            t_inHook = false;
        }
    }
    return rc;
}

extern "C" int rmdir(const char* path)
{
    if (!t_inHook) {
        if (TestSupport::FakeKernel* fake = TestSupport::FakeKernel::active()) {
            t_inHook = true;
            const bool handled = fake->onRmdir(QFile::decodeName(path));
            t_inHook = false;
            if (handled)
                return 0;
        }
    }
    return int(::syscall(SYS_unlinkat, AT_FDCWD, path, AT_REMOVEDIR));
}

namespace {
int openFile(const char* path, int flags, mode_t mode)
{
    if (!t_inHook) {
        if (TestSupport::FakeKernel* fake = TestSupport::FakeKernel::active()) {
            t_inHook = true;
            const int error = fake->openError(QFile::decodeName(path), flags);
            t_inHook = false;
            if (error != 0) {
                errno = error;
                return -1;
            }
        }
    }
    const int fd = int(::syscall(SYS_openat, AT_FDCWD, path, flags, mode));
    // Truncated and closed without a write: the kernel's way of emptying a list (onTruncate).
    if (fd >= 0 && fd < maxTracked && (flags & O_TRUNC) && !t_inHook && TestSupport::FakeKernel::active())
        s_truncatedUnwritten[fd] = true;
    return fd;
}

mode_t modeArgument(int flags, va_list arguments)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? mode_t(va_arg(arguments, int)) : 0;
}
} // namespace

extern "C" int open(const char* path, int flags, ...)
{
    va_list arguments;
    va_start(arguments, flags);
    const mode_t mode = modeArgument(flags, arguments);
    va_end(arguments);
    return openFile(path, flags, mode);
}

extern "C" int open64(const char* path, int flags, ...)
{
    va_list arguments;
    va_start(arguments, flags);
    const mode_t mode = modeArgument(flags, arguments);
    va_end(arguments);
    return openFile(path, flags, mode);
}

extern "C" ssize_t write(int fd, const void* buffer, size_t count)
{
    if (fd > 2 && !t_inHook) {
        if (TestSupport::FakeKernel* fake = TestSupport::FakeKernel::active()) {
            t_inHook = true;
            const int error = fake->writeError(pathOfFd(fd), QByteArray(static_cast<const char*>(buffer), int(count)));
            t_inHook = false;
            if (error != 0) {
                errno = error;
                return -1;
            }
        }
    }
    const ssize_t rc = ::syscall(SYS_write, fd, buffer, count);
    if (fd >= 0 && fd < maxTracked)
        s_truncatedUnwritten[fd] = false;
    if (rc > 0 && fd > 2 && !t_inHook) {
        if (TestSupport::FakeKernel* fake = TestSupport::FakeKernel::active()) {
            t_inHook = true;
            fake->onWrite(pathOfFd(fd), QByteArray(static_cast<const char*>(buffer), int(rc)));
            t_inHook = false;
        }
    }
    return rc;
}

extern "C" int close(int fd)
{
    if (fd >= 0 && fd < maxTracked && s_truncatedUnwritten[fd].exchange(false) && !t_inHook) {
        if (TestSupport::FakeKernel* fake = TestSupport::FakeKernel::active()) {
            t_inHook = true;
            fake->onTruncate(pathOfFd(fd));
            t_inHook = false;
        }
    }
    return int(::syscall(SYS_close, fd));
}
