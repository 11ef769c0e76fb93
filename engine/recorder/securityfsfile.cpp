// SPDX-License-Identifier: GPL-3.0-or-later
#include "securityfsfile.h"

#include <QStringBuilder>

#include <cerrno>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

namespace Recorder {

namespace {
constexpr const char* securityfsDir = "/sys/kernel/security";
// The files read this way (lockdown and the like) are one short line.
constexpr int maxFileSize = 4096;

// Runs in the forked child of a possibly multi-threaded process: system calls only, no
// allocation, no locks.
[[noreturn]] void childReads(const char* path, int out)
{
    if (::unshare(CLONE_NEWNS) != 0)
        ::_exit(1);
    // Private propagation first, so the mount below never reaches the parent's namespace.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        ::_exit(1);
    if (::mount("securityfs", securityfsDir, "securityfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
        ::_exit(1);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        ::_exit(1);
    char buffer[maxFileSize];
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 || ::write(out, buffer, static_cast<size_t>(got)) != got)
        ::_exit(1);
    ::_exit(0);
}
} // namespace

std::optional<QByteArray> readSecurityfsFilePrivately(const char* name)
{
    // Built before fork: the child must not allocate.
    const QByteArray path = QByteArray(securityfsDir) + '/' + name;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return std::nullopt;
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return std::nullopt;
    }
    if (child == 0) {
        ::close(fds[0]);
        childReads(path.constData(), fds[1]);
    }
    ::close(fds[1]);
    QByteArray text;
    char buffer[maxFileSize];
    for (;;) {
        const ssize_t got = ::read(fds[0], buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0 || text.size() + got > maxFileSize)
            break;
        text.append(buffer, got);
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return std::nullopt;
    return text;
}

} // namespace Recorder
