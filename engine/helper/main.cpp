// SPDX-License-Identifier: GPL-3.0-or-later
// ftlens-helper: the privileged recorder. Thin: parses the command line and hands over to the
// recorder library.
#include "capscommand.h"
#include "helperexitcode.h"
#include "helperusage.h"
#include "invokinguser.h"
#include "recordcommandline.h"
#include "recordedcalls.h"
#include "recordsession.h"
#include "sharedsettings.h"
#include "traceinstance.h"
#include "tracefsroot.h"
#include "userfilesvfs.h"

#include <QCoreApplication>
#include <QTextStream>

#include <atomic>
#include <csignal>
#include <unistd.h>

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Helper)
};

using Recorder::HelperExit;

std::atomic<bool> s_stopRequested { false };

void requestStop(int) { s_stopRequested.store(true); }

void installSignalHandlers()
{
    struct sigaction action {};
    action.sa_handler = requestStop;
    sigemptyset(&action.sa_mask);
    for (int signal : { SIGINT, SIGTERM, SIGHUP })
        sigaction(signal, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

void say(const QString& line) { QTextStream(stderr) << "ftlens-helper: " << line << Qt::endl; }

// Who the recording is for (sudo's or pkexec's user), so that the COMMAND runs as them and every
// file SQLite touches is touched with their rights. Only the helper's own command line can make
// the COMMAND run as root.
std::optional<HelperExit> actForInvokingUser(Recorder::RecordOptions& options)
{
    auto caller = Recorder::findInvokingUser();
    if (!caller) {
        say(Tr::tr("cannot tell who invoked the helper: %1").arg(caller.error().message));
        return HelperExit::CallerUnclear;
    }
    options.invokingUser = caller.value();
    if (!options.invokingUser)
        return std::nullopt;
    if (Storage::Status s = Recorder::useUserFilesVfs(*options.invokingUser); !s) {
        say(s.error().message);
        return HelperExit::OutputError;
    }
    const Recorder::UserAccount& user = *options.invokingUser;
    if (options.command.isEmpty())
        return std::nullopt;
    if (options.runAsRoot)
        say(Tr::tr("warning: --run-as-root: '%1' runs as root, with every privilege, not as %2")
                .arg(options.command.join(QLatin1Char(' ')), user.name));
    else
        say(Tr::tr("'%1' runs as %2 (uid %3)").arg(options.command.constFirst(), user.name).arg(user.uid));
    return std::nullopt;
}

// The call table of a function tracer recording, built as soon as it is finished so that every
// reader finds it. A failure (or a second Ctrl-C) costs the table, never the recording.
void buildCalls(const QString& path)
{
    s_stopRequested.store(false);
    auto calls = Engine::buildRecordedCalls(path, [] { return s_stopRequested.load(); });
    if (!calls) {
        say(Tr::tr("the call table was not built: %1 (the recording is kept)").arg(calls.error().message));
        return;
    }
    say(Tr::tr("%1 function calls in the call table").arg(calls.value()));
}

int record(const QStringList& arguments)
{
    auto options = Helper::parseRecordArguments(arguments);
    if (!options) {
        say(options.error().message);
        QTextStream(stderr) << Helper::recordUsage().arg(Recorder::defaultBufferKb(int(sysconf(_SC_NPROCESSORS_CONF))));
        return int(HelperExit::Usage);
    }
    if (::geteuid() != 0) {
        say(Tr::tr("root is needed to record (tracefs is root-only): run it as 'sudo ftlens-helper record ...'"));
        return int(HelperExit::NotRoot);
    }
    if (const std::optional<HelperExit> refused = actForInvokingUser(options.value()))
        return int(*refused);
    installSignalHandlers();
    // A live counter on a terminal; logs and pipes get only the start and end lines.
    const bool live = ::isatty(STDERR_FILENO);
    Recorder::RecordSession session(options.value(), s_stopRequested, say, [live](std::int64_t events, std::int64_t lost) {
        if (live)
            QTextStream(stderr) << "\r" << Tr::tr("ftlens-helper: %1 events, %2 lost").arg(events).arg(lost) << Qt::flush;
    });
    const Recorder::RecordOutcome outcome = session.run();
    if (live)
        QTextStream(stderr) << "\r\033[K" << Qt::flush;
    if (outcome.code == HelperExit::Ok && options->usesFunctionTracer())
        buildCalls(outcome.file);
    if (outcome.code != HelperExit::Ok) {
        say(outcome.message + (outcome.fileKept ? Tr::tr(" (the events recorded so far are kept in %1)").arg(outcome.file)
                                                : QString()));
        return int(outcome.code);
    }
    // One arg() for all: a file name may hold "%4" itself.
    say(Tr::tr("%1 events in %2 s written to %3, %4 lost")
            .arg(QString::number(outcome.events), QString::number(outcome.seconds, 'f', 3), outcome.file,
                QString::number(outcome.lostEvents)));
    return int(HelperExit::Ok);
}

// Removes what ftlens-helper processes that no longer run left in tracefs (after a crash or
// SIGKILL); the next `record` does the same on its own.
int cleanup(const QStringList& arguments)
{
    if (!arguments.isEmpty()) {
        say(Tr::tr("cleanup takes no arguments"));
        return int(HelperExit::Usage);
    }
    if (::geteuid() != 0) {
        say(Tr::tr("root is needed to change tracefs: run it as 'sudo ftlens-helper cleanup'"));
        return int(HelperExit::NotRoot);
    }
    auto root = Recorder::findTracefs({}, false);
    if (!root) {
        say(root.error().message);
        return int(HelperExit::NoTracefs);
    }
    // Shared settings first: a crashed helper's funcgraph options are restored through its instance.
    const QStringList restored = Recorder::SharedSettings::restoreStale(root->path, Recorder::RecordOptions().stateDir);
    for (const QString& line : restored)
        QTextStream(stdout) << line << Qt::endl;
    const QStringList removed = Recorder::TraceInstance::removeStale(root->path);
    for (const QString& name : removed)
        QTextStream(stdout) << Tr::tr("removed %1").arg(name) << Qt::endl;
    return int(HelperExit::Ok);
}

void usage(QTextStream& out) { out << Helper::helperUsage(); }
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ftlens-helper"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FTLENS_VERSION));
    const QStringList args = QCoreApplication::arguments();
    QTextStream err(stderr);
    if (args.size() < 2) {
        usage(err);
        return int(HelperExit::Usage);
    }
    const QString command = args.at(1);
    if (command == QLatin1String("record")) {
        if (args.size() == 3 && (args.at(2) == QLatin1String("--help") || args.at(2) == QLatin1String("-h"))) {
            QTextStream(stdout) << Helper::recordUsage().arg(Recorder::defaultBufferKb(int(sysconf(_SC_NPROCESSORS_CONF))));
            return 0;
        }
        return record(args.mid(2));
    }
    if (command == QLatin1String("caps"))
        return Helper::runCaps(args.mid(1));
    if (command == QLatin1String("cleanup"))
        return cleanup(args.mid(2));
    if (command == QLatin1String("--version")) {
        QTextStream(stdout) << "ftlens-helper " << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        QTextStream out(stdout);
        usage(out);
        return 0;
    }
    err << Tr::tr("ftlens-helper: unknown command '%1'").arg(command) << Qt::endl;
    usage(err);
    return int(HelperExit::Usage);
}
