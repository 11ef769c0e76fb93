// SPDX-License-Identifier: GPL-3.0-or-later
#include "childprocess.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

// What the child reports through the error pipe before it gives up.
struct ChildFailure {
    enum Stage : int { DropPrivileges = 1, Exec = 2 };
    int stage = 0;
    int error = 0;
};

// Everything the child needs, prepared before fork: between fork and exec the child may only
// make async-signal-safe calls (no allocation, no NSS lookups).
struct ExecPlan {
    std::vector<QByteArray> args, env, candidates;
    std::vector<char*> argv, envp;
    std::vector<gid_t> groups;
    uid_t uid = 0;
    gid_t gid = 0;
    bool drop = false;
};

std::vector<char*> pointers(std::vector<QByteArray>& strings)
{
    std::vector<char*> out;
    for (QByteArray& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

ExecPlan planFor(const QStringList& command, const UserAccount& runAs)
{
    ExecPlan plan;
    for (const QString& arg : command)
        plan.args.push_back(arg.toLocal8Bit());
    for (const QString& variable : ChildProcess::environmentFor(runAs))
        plan.env.push_back(variable.toLocal8Bit());
    const QString program = command.constFirst();
    if (program.contains(QLatin1Char('/'))) {
        plan.candidates.push_back(program.toLocal8Bit());
    } else {
        for (const QString& dir : ChildProcess::safePath().split(QLatin1Char(':')))
            plan.candidates.push_back((dir + QLatin1Char('/') + program).toLocal8Bit());
    }
    plan.argv = pointers(plan.args);
    plan.envp = pointers(plan.env);
    plan.groups = runAs.groups;
    plan.uid = runAs.uid;
    plan.gid = runAs.gid;
    plan.drop = runAs.uid != ::geteuid();
    return plan;
}

[[noreturn]] void giveUp(int errorFd, ChildFailure::Stage stage, int error)
{
    const ChildFailure failure { stage, error };
    (void)!::write(errorFd, &failure, sizeof failure);
    _exit(127);
}

// Raw system calls: this process has one thread, and glibc's wrappers would try to reach others.
bool dropTo(const ExecPlan& plan)
{
    if (::syscall(SYS_setgroups, plan.groups.size(), plan.groups.empty() ? nullptr : plan.groups.data()) != 0
        || ::syscall(SYS_setresgid, plan.gid, plan.gid, plan.gid) != 0 || ::syscall(SYS_setresuid, plan.uid, plan.uid, plan.uid) != 0)
        return false;
    // Root must be out of reach for good: the saved ids went too, so this has to fail.
    return plan.uid == 0 || ::syscall(SYS_setresuid, uid_t(-1), 0, uid_t(-1)) != 0;
}

// Runs in the forked child: only async-signal-safe calls until exec.
[[noreturn]] void childMain(int goFd, int errorFd, const ExecPlan& plan)
{
    if (plan.drop && !dropTo(plan))
        giveUp(errorFd, ChildFailure::DropPrivileges, errno);
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
    // No descriptor of the helper's (tracefs, the recording) goes to the command.
    (void)::syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC);
    int error = ENOENT;
    for (const QByteArray& candidate : plan.candidates) {
        ::execve(candidate.constData(), plan.argv.data(), plan.envp.data());
        // As execvp does: look further on a miss, remember that a file was there but refused.
        if (errno == EACCES)
            error = EACCES;
        else if (errno != ENOENT && errno != ENOTDIR) {
            error = errno;
            break;
        }
    }
    giveUp(errorFd, ChildFailure::Exec, error);
}

QString errnoText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }
} // namespace

QString ChildProcess::safePath() { return QStringLiteral("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"); }

QStringList ChildProcess::environmentFor(const UserAccount& runAs)
{
    QStringList env { QStringLiteral("HOME=") + runAs.home, QStringLiteral("USER=") + runAs.name,
        QStringLiteral("LOGNAME=") + runAs.name, QStringLiteral("SHELL=") + (runAs.shell.isEmpty() ? QStringLiteral("/bin/sh") : runAs.shell),
        QStringLiteral("PATH=") + safePath() };
    // What a terminal, the locale and a display need; nothing that changes how programs load
    // (LD_*, ...) or where they look for things.
    static const char* const kept[] = { "TERM", "COLORTERM", "LANG", "LANGUAGE", "TZ", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY" };
    const QProcessEnvironment own = QProcessEnvironment::systemEnvironment();
    for (const QString& name : own.keys()) {
        const bool keep = name.startsWith(QLatin1String("LC_"))
            || std::any_of(std::begin(kept), std::end(kept), [&name](const char* k) { return name == QLatin1String(k); });
        if (keep)
            env << name + QLatin1Char('=') + own.value(name);
    }
    return env;
}

ChildProcess::~ChildProcess()
{
    if (m_goFd >= 0)
        ::close(m_goFd);
    if (m_errorFd >= 0)
        ::close(m_errorFd);
    if (m_pid > 0 && !m_reaped)
        ::waitpid(m_pid, nullptr, WNOHANG); // never hang on a command that ignores SIGTERM
}

Storage::Result<std::unique_ptr<ChildProcess>> ChildProcess::spawnHeld(const QStringList& command, const UserAccount& runAs)
{
    const ExecPlan plan = planFor(command, runAs);
    const auto cannotStart = [&command](int error) {
        return Storage::Error { Tr::tr("cannot start '%1': %2").arg(command.join(QLatin1Char(' ')), errnoText(error)) };
    };
    int goPipe[2];
    int errorPipe[2];
    if (::pipe2(goPipe, O_CLOEXEC) != 0)
        return cannotStart(errno);
    if (::pipe2(errorPipe, O_CLOEXEC) != 0) {
        const int error = errno;
        ::close(goPipe[0]);
        ::close(goPipe[1]);
        return cannotStart(error);
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(goPipe[1]);
        ::close(errorPipe[0]);
        childMain(goPipe[0], errorPipe[1], plan);
    }
    const int forkError = errno;
    ::close(goPipe[0]);
    ::close(errorPipe[1]);
    std::unique_ptr<ChildProcess> child(new ChildProcess);
    child->m_goFd = goPipe[1];
    child->m_errorFd = errorPipe[0];
    child->m_command = command;
    child->m_user = runAs.name;
    if (pid < 0)
        return cannotStart(forkError);
    child->m_pid = pid;
    return child;
}

Storage::Status ChildProcess::release()
{
    const char go = 1;
    (void)!::write(m_goFd, &go, 1);
    ::close(m_goFd);
    m_goFd = -1;
    ChildFailure failure;
    ssize_t n;
    do {
        n = ::read(m_errorFd, &failure, sizeof failure);
    } while (n < 0 && errno == EINTR);
    ::close(m_errorFd);
    m_errorFd = -1;
    if (n != sizeof failure)
        return {};
    const QString program = m_command.constFirst();
    if (failure.stage == ChildFailure::DropPrivileges)
        return Storage::Error { Tr::tr("cannot run '%1' as %2: changing to that user failed: %3").arg(program, m_user, errnoText(failure.error)) };
    if (!program.contains(QLatin1Char('/')) && failure.error == ENOENT)
        return Storage::Error { Tr::tr("cannot run '%1': not found in %2 (the PATH commands are looked up in; give a path to run "
                                       "another one)")
                                    .arg(program, safePath()) };
    return Storage::Error { Tr::tr("cannot run '%1': %2").arg(program, errnoText(failure.error)) };
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
