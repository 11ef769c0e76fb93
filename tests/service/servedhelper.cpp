// SPDX-License-Identifier: GPL-3.0-or-later
#include "servedhelper.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QTest>

#include <csignal>
#include <sqlite3.h>

namespace ServiceTest {

QString helperBinary() { return QStringLiteral(FTLENS_BIN_DIR "/ftlens-helper"); }
QString cliBinary() { return QStringLiteral(FTLENS_BIN_DIR "/ftlens-cli"); }

ServedHelper::~ServedHelper() { stop(); }

QString ServedHelper::start(const QString& dir, const QStringList& extra)
{
    m_dir = dir;
    m_log.clear();
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(helperBinary(), QStringList { QStringLiteral("serve"), QStringLiteral("--unix"), socketPath(), QStringLiteral("--data-dir"),
                                        dataDir() }
            + extra);
    if (!m_process.waitForStarted(10000))
        return QStringLiteral("ftlens-helper did not start: ") + m_process.errorString();
    const bool up = QTest::qWaitFor([this] {
        if (m_process.state() != QProcess::Running)
            return true;
        QLocalSocket probe;
        probe.connectToServer(socketPath());
        return probe.waitForConnected(200);
    }, 20000);
    if (!up || m_process.state() != QProcess::Running)
        return QStringLiteral("ftlens-helper serve did not come up: ") + QString::fromUtf8(log());
    return {};
}

void ServedHelper::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(60000))
        kill();
}

void ServedHelper::kill()
{
    m_process.kill();
    m_process.waitForFinished(10000);
}

QByteArray ServedHelper::log()
{
    m_log += m_process.readAllStandardError();
    return m_log;
}

qint64 ServedHelper::residentKib() const
{
    QFile status(QStringLiteral("/proc/%1/status").arg(m_process.processId()));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

bool connectTo(ServiceClient::HelperConnection& connection, const ServiceClient::HelperTarget& target, QString& error, int timeoutMs)
{
    bool failed = false;
    QObject::connect(&connection, &ServiceClient::HelperConnection::failed, &connection, [&](const QString& message) {
        failed = true;
        error = message;
    });
    connection.open(target);
    return QTest::qWaitFor([&] { return connection.isReady() || failed; }, timeoutMs) && connection.isReady();
}

ServiceClient::Reply call(ServiceClient::HelperConnection& connection, const QString& type, const QCborMap& fields, int timeoutMs)
{
    std::optional<ServiceClient::Reply> got;
    const qint64 id = connection.request(type, fields, [&got](const ServiceClient::Reply& reply) { got = reply; });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, timeoutMs))
        return { id, QStringLiteral("error"), {}, ServiceClient::ReplyError { QStringLiteral("timeout"), QStringLiteral("no reply"), {}, {} } };
    return *got;
}

ServiceClient::Reply fetchInto(ServiceClient::HelperConnection& connection, const QString& recording, const QString& path, bool resume,
    int timeoutMs)
{
    std::optional<ServiceClient::Reply> got;
    const qint64 id = connection.fetch(recording, path, resume, [&got](const ServiceClient::Reply& reply) { got = reply; });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, timeoutMs))
        return { id, QStringLiteral("error"), {}, ServiceClient::ReplyError { QStringLiteral("timeout"), QStringLiteral("no reply"), {}, {} } };
    return *got;
}

QString synthRecording(const QString& path, int events, int cpus)
{
    QProcess synth;
    synth.start(cliBinary(), { QStringLiteral("synth"), QStringLiteral("--events"), QString::number(events), QStringLiteral("--cpus"),
                                 QString::number(cpus), QStringLiteral("-o"), path });
    if (!synth.waitForFinished(120000) || synth.exitCode() != 0)
        return {};
    return path;
}

QString plant(const QString& dataDir, const QString& file, const QString& id)
{
    QDir().mkpath(dataDir);
    QFile::setPermissions(dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString target = dataDir + QLatin1Char('/') + id + QStringLiteral(".ftlens");
    QFile::remove(target);
    return QFile::copy(file, target) ? id : QString();
}

bool pad(const QString& path, int mib)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return false;
    const QByteArray sql = "CREATE TABLE padding(b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
        + QByteArray::number(mib) + ") INSERT INTO padding SELECT randomblob(1048576) FROM n;";
    const bool ok = sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace ServiceTest
