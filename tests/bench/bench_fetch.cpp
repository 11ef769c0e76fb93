// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): fetching a large recording from `ftlens-helper serve` over its Unix
// socket with the client library, as the app and `ftlens-cli remote fetch` do — every chunk
// written to a file and the whole SHA-256 checked on both sides. The recording is a synthetic
// one grown with random bytes to --mib MiB, in a scratch data directory. Prints one line per
// round and a JSON summary (MB = 10^6 bytes). Needs root (the helper serves as root).
//   bench_fetch [--mib 1024] [--rounds 3] [--dir DIR]
#include "helperconnection.h"
#include "percentile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <csignal>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

namespace {

QString sibling(const QString& relative) { return QFileInfo(QCoreApplication::applicationDirPath() + QLatin1Char('/') + relative).canonicalFilePath(); }

bool run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    return process.waitForFinished(-1) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

// A real recording, grown with a table of random bytes to about mib MiB.
bool makeRecording(const QString& path, int mib)
{
    if (!run(sibling(QStringLiteral("../bin/ftlens-cli")),
            { QStringLiteral("synth"), QStringLiteral("--events"), QStringLiteral("200000"), QStringLiteral("--cpus"), QStringLiteral("4"),
                QStringLiteral("-o"), path }))
        return false;
    const int have = int(QFileInfo(path).size() >> 20);
    sqlite3* db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return false;
    const QByteArray sql = "PRAGMA journal_mode=OFF; CREATE TABLE bench_padding(b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                           "SELECT i + 1 FROM n WHERE i < "
        + QByteArray::number(std::max(1, mib - have)) + ") INSERT INTO bench_padding SELECT randomblob(1048576 - 64) FROM n;";
    const bool ok = sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

double cpuSeconds(const rusage& usage) { return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6; }

// A process's user + system CPU seconds so far (/proc/PID/stat), or -1.
double processCpuSeconds(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = file.readAll();
    // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / double(sysconf(_SC_CLK_TCK));
}

struct Round {
    double seconds = 0;
    double clientCpu = 0;
    double helperCpu = 0;
    QString error;
};

Round fetchOnce(ServiceClient::HelperConnection& helper, qint64 helperPid, const QString& id, const QString& path)
{
    const double helperBefore = processCpuSeconds(helperPid);
    QFile::remove(path);
    rusage before {};
    getrusage(RUSAGE_SELF, &before);
    QElapsedTimer timer;
    timer.start();
    std::optional<ServiceClient::Reply> reply;
    helper.fetch(id, path, false, [&reply](const ServiceClient::Reply& r) { reply = r; });
    while (!reply)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    Round round { timer.nsecsElapsed() / 1e9, 0, 0, reply->ok() ? QString() : reply->error->message };
    rusage after {};
    getrusage(RUSAGE_SELF, &after);
    round.clientCpu = cpuSeconds(after) - cpuSeconds(before);
    round.helperCpu = processCpuSeconds(helperPid) - helperBefore;
    return round;
}

double loadAverage()
{
    double load[1] = { -1 };
    getloadavg(load, 1);
    return load[0];
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("fetch of a large recording from ftlens-helper serve over its Unix socket"));
    parser.addOption({ QStringLiteral("mib"), QStringLiteral("Size of the recording."), QStringLiteral("MIB"), QStringLiteral("1024") });
    parser.addOption({ QStringLiteral("rounds"), QStringLiteral("Fetches."), QStringLiteral("R"), QStringLiteral("3") });
    parser.addOption({ QStringLiteral("dir"), QStringLiteral("Scratch directory (default: a temporary one)."), QStringLiteral("DIR") });
    parser.addHelpOption();
    parser.process(app);
    QTextStream out(stdout);
    if (::geteuid() != 0) {
        QTextStream(stderr) << "bench_fetch: the helper serves as root: run it as root\n";
        return 2;
    }
    QTemporaryDir scratch(parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) + QStringLiteral("/bench_fetch-XXXXXX") : QString());
    const QString dir = scratch.path();
    const QString id = QStringLiteral("20250101-120000-be0c11");
    QDir().mkpath(dir + QStringLiteral("/data"));
    QFile::setPermissions(dir + QStringLiteral("/data"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString recording = dir + QStringLiteral("/data/") + id + QStringLiteral(".ftlens");
    QElapsedTimer making;
    making.start();
    if (!makeRecording(recording, parser.value(QStringLiteral("mib")).toInt())) {
        QTextStream(stderr) << "bench_fetch: cannot make the recording\n";
        return 1;
    }
    const qint64 bytes = QFileInfo(recording).size();
    out << QStringLiteral("recording: %1 bytes, made in %2 s\n").arg(bytes).arg(making.nsecsElapsed() / 1e9, 0, 'f', 1) << Qt::flush;

    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QString socket = dir + QStringLiteral("/helper.sock");
    helper.start(sibling(QStringLiteral("../bin/ftlens-helper")),
        { QStringLiteral("serve"), QStringLiteral("--unix"), socket, QStringLiteral("--data-dir"), dir + QStringLiteral("/data") });
    for (int i = 0; i < 200 && !QFile::exists(socket); ++i)
        QThread::msleep(50);
    ServiceClient::HelperConnection connection;
    bool failed = false;
    QObject::connect(&connection, &ServiceClient::HelperConnection::failed, [&failed](const QString& why) {
        QTextStream(stderr) << "bench_fetch: " << why << '\n';
        failed = true;
    });
    connection.open(ServiceClient::HelperTarget::unixSocket(socket));
    while (!connection.isReady() && !failed)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    if (failed)
        return 1;

    std::vector<double> rates;
    QStringList errors;
    const int rounds = parser.value(QStringLiteral("rounds")).toInt();
    for (int i = 0; i < rounds; ++i) {
        const double load = loadAverage();
        const Round round = fetchOnce(connection, helper.processId(), id, dir + QStringLiteral("/fetched.ftlens"));
        if (!round.error.isEmpty()) {
            errors << round.error;
            out << QStringLiteral("round %1: failed: %2\n").arg(i + 1).arg(round.error);
            continue;
        }
        rates.push_back(bytes / round.seconds / 1e6);
        out << QStringLiteral("round %1: %2 s, %3 MB/s (CPU seconds: client %4, helper %5; load average %6)\n")
                   .arg(i + 1)
                   .arg(round.seconds, 0, 'f', 3)
                   .arg(rates.back(), 0, 'f', 0)
                   .arg(round.clientCpu, 0, 'f', 2)
                   .arg(round.helperCpu, 0, 'f', 2)
                   .arg(load, 0, 'f', 1)
            << Qt::flush;
    }
    ::kill(pid_t(helper.processId()), SIGTERM);
    helper.waitForFinished(30000);
    const QJsonObject summary { { QStringLiteral("bytes"), bytes }, { QStringLiteral("rounds"), rounds },
        { QStringLiteral("failed_rounds"), int(errors.size()) },
        { QStringLiteral("mb_per_s_median"), rates.empty() ? 0.0 : Engine::percentile(rates, 0.5) },
        { QStringLiteral("mb_per_s_max"), rates.empty() ? 0.0 : Engine::percentile(rates, 1.0) },
        { QStringLiteral("cpus"), int(sysconf(_SC_NPROCESSORS_ONLN)) }, { QStringLiteral("load_average"), loadAverage() } };
    out << QJsonDocument(summary).toJson(QJsonDocument::Compact) << '\n';
    return errors.isEmpty() ? 0 : 3;
}
