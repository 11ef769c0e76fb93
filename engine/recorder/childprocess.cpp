// SPDX-License-Identifier: GPL-3.0-or-later
#include "childprocess.h"

#include <QCoreApplication>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

// Runs in the forked child: only async-signal-safe calls until exec.
[[noreturn]] void childMain(int goFd, int errorFd, char* const* argv)
{
    char go = 0;
    ssize_t n;
    do {
        n = ::read(goFd, &go, 1);
    } while (n < 0 && errno == EINTR);
    if (n != 1)
        _exit(127); // the helper gave up before tracing started
    ::signal(SIGPIPE, SIG_DFL);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::execvp(argv[0], argv);
    const int error = errno;
    (void)!::write(errorFd, &error, sizeof error);
    _exit(127);
}
} // namespace

ChildProcess::~ChildProcess()
{
    if (m_goFd >= 0)
        ::close(m_goFd);
    if (m_errorFd >= 0)
        ::close(m_errorFd);
    if (m_pid > 0 && !m_reaped)
        ::waitpid(m_pid, nullptr, WNOHANG); // never hang on a command that ignores SIGTERM
}

Storage::Result<std::unique_ptr<ChildProcess>> ChildProcess::spawnHeld(const QStringList& command)
{
    std::vector<QByteArray> args;
    for (const QString& arg : command)
        args.push_back(arg.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);

    int goPipe[2];
    int errorPipe[2];
    if (::pipe2(goPipe, O_CLOEXEC) != 0)
        return Storage::Error { Tr::tr("cannot start '%1': %2").arg(command.join(QLatin1Char(' ')), QString::fromLocal8Bit(std::strerror(errno))) };
    if (::pipe2(errorPipe, O_CLOEXEC) != 0) {
        ::close(goPipe[0]);
        ::close(goPipe[1]);
        return Storage::Error { Tr::tr("cannot start '%1': %2").arg(command.join(QLatin1Char(' ')), QString::fromLocal8Bit(std::strerror(errno))) };
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(goPipe[1]);
        ::close(errorPipe[0]);
        childMain(goPipe[0], errorPipe[1], argv.data());
    }
    ::close(goPipe[0]);
    ::close(errorPipe[1]);
    std::unique_ptr<ChildProcess> child(new ChildProcess);
    child->m_goFd = goPipe[1];
    child->m_errorFd = errorPipe[0];
    child->m_command = command;
    if (pid < 0)
        return Storage::Error { Tr::tr("cannot start '%1': %2").arg(command.join(QLatin1Char(' ')), QString::fromLocal8Bit(std::strerror(errno))) };
    child->m_pid = pid;
    return child;
}

Storage::Status ChildProcess::release()
{
    const char go = 1;
    (void)!::write(m_goFd, &go, 1);
    ::close(m_goFd);
    m_goFd = -1;
    int error = 0;
    ssize_t n;
    do {
        n = ::read(m_errorFd, &error, sizeof error);
    } while (n < 0 && errno == EINTR);
    ::close(m_errorFd);
    m_errorFd = -1;
    if (n == sizeof error)
        return Storage::Error { Tr::tr("cannot run '%1': %2").arg(m_command.constFirst(), QString::fromLocal8Bit(std::strerror(error))) };
    return {};
}

std::optional<int> ChildProcess::poll()
{
    if (m_reaped)
        return 0;
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) != m_pid)
        return std::nullopt;
    m_reaped = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ChildProcess::terminate()
{
    if (m_pid > 0 && !m_reaped)
        ::kill(m_pid, SIGTERM);
}

} // namespace Recorder
