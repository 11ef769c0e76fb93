// SPDX-License-Identifier: GPL-3.0-or-later
// ftlens-helper: the privileged recorder. Thin: parses the command line and hands over to the
// recorder library.
#include "capscommand.h"
#include "helperexitcode.h"
#include "helperusage.h"
#include "recordcommandline.h"
#include "recordedcalls.h"
#include "recordsession.h"
#include "sharedsettings.h"
#include "traceinstance.h"
#include "tracefsroot.h"

#include <QCoreApplication>
#include <QFile>
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

// A recording made with sudo belongs to the user who asked for it, not to root.
void giveToInvokingUser(const QString& path)
{
    const QByteArray uid = qgetenv("SUDO_UID");
    const QByteArray gid = qgetenv("SUDO_GID");
    if (uid.isEmpty() || gid.isEmpty())
        return;
    (void)!::chown(QFile::encodeName(path).constData(), uid.toUInt(), gid.toUInt());
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
        buildCalls(options->output);
    if (outcome.fileKept)
        giveToInvokingUser(options->output);
    if (outcome.code != HelperExit::Ok) {
        say(outcome.message + (outcome.fileKept ? Tr::tr(" (the events recorded so far are kept in %1)").arg(options->output)
                                                : QString()));
        return int(outcome.code);
    }
    say(Tr::tr("%1 events in %2 s written to %3, %4 lost")
            .arg(outcome.events)
            .arg(outcome.seconds, 0, 'f', 3)
            .arg(options->output)
            .arg(outcome.lostEvents));
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
