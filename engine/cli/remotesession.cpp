// SPDX-License-Identifier: GPL-3.0-or-later
#include "remotesession.h"

#include "clicommands.h"
#include "stopsignals.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <unistd.h>

namespace Cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

using ServiceClient::Reply;

void say(const QString& line) { QTextStream(stderr) << "ftlens-cli: " << line << Qt::endl; }

QString listLine(const QCborValue& r)
{
    const auto text = [&r](const char* key) { return r[QLatin1String(key)].toString(); };
    const QString state = r[QLatin1String("active")].toBool() ? QStringLiteral("recording")
        : r[QLatin1String("complete")].toBool()               ? QStringLiteral("complete")
                                                              : QStringLiteral("incomplete");
    QString what = text("command").isEmpty() ? text("sources") : text("command");
    if (!text("problem").isEmpty())
        what = text("problem");
    return QStringLiteral("%1  %2  %3  %4  %5  %6")
        .arg(text("recording"), QString::number(r[QLatin1String("bytes")].toInteger()).rightJustified(12), state.leftJustified(10),
            text("started").isEmpty() ? QStringLiteral("-") : text("started"), text("user").isEmpty() ? QStringLiteral("-") : text("user"), what);
}
} // namespace

RemoteSession::RemoteSession(RemoteRequest request, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_live(::isatty(STDERR_FILENO))
{
    connect(&m_helper, &ServiceClient::HelperConnection::ready, this, &RemoteSession::onReady);
    connect(&m_helper, &ServiceClient::HelperConnection::failed, this, [this](const QString& message) {
        if (m_done)
            return;
        say(message);
        finish(Failure);
    });
}

int RemoteSession::exec()
{
    m_helper.open(m_request.target);
    return m_done ? 0 : QCoreApplication::exec();
}

void RemoteSession::finish(int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    QCoreApplication::exit(exitCode);
}

void RemoteSession::failWith(const Reply& reply)
{
    say(reply.error->message);
    finish(reply.error->exitCode.value_or(Failure));
}

void RemoteSession::onReady()
{
    using Action = RemoteRequest::Action;
    QTextStream out(stdout);
    switch (m_request.action) {
    case Action::Caps:
        m_helper.request(QStringLiteral("caps"), {}, [this](const Reply& reply) {
            if (!reply.ok())
                return failWith(reply);
            QTextStream(stdout) << QJsonDocument(reply.fields.value(QLatin1String("report")).toMap().toJsonObject()).toJson(QJsonDocument::Compact)
                                << Qt::endl;
            finish(Success);
        });
        break;
    case Action::Status:
        m_helper.request(QStringLiteral("status"), {}, [this](const Reply& reply) {
            if (!reply.ok() && reply.error->code == QLatin1String(Protocol::ErrorCode::Idle)) {
                QTextStream(stdout) << Tr::tr("idle: nothing is being recorded") << Qt::endl;
                return finish(Success);
            }
            if (!reply.ok())
                return failWith(reply);
            const ServiceClient::RecordingStatus s = ServiceClient::statusFrom({ reply.type, reply.id, reply.fields });
            QStringList perCpu;
            for (qint64 lost : s.lostPerCpu)
                perCpu << QString::number(lost);
            QTextStream(stdout) << Tr::tr("recording %1 since %2: %3 s, %4 events (%5/s), %6 bytes, %7 lost (per CPU: %8)")
                                       .arg(s.recording, s.since, QString::number(s.elapsed, 'f', 1), QString::number(s.events),
                                           QString::number(s.eventsPerSecond, 'f', 0), QString::number(s.bytes), QString::number(s.lost),
                                           perCpu.join(QLatin1Char(' ')))
                                << Qt::endl;
            finish(Success);
        });
        break;
    case Action::List:
        m_helper.request(QStringLiteral("list"), {}, [this](const Reply& reply) {
            if (!reply.ok())
                return failWith(reply);
            QTextStream lines(stdout);
            for (const QCborValue& recording : reply.fields.value(QLatin1String("recordings")).toArray())
                lines << listLine(recording) << '\n';
            finish(Success);
        });
        break;
    case Action::Fetch:
        fetchTo(m_request.recording, Success);
        break;
    case Action::Delete:
        m_helper.request(QStringLiteral("delete"), QCborMap { { QStringLiteral("recording"), m_request.recording } }, [this](const Reply& reply) {
            if (!reply.ok())
                return failWith(reply);
            QTextStream(stdout) << Tr::tr("deleted %1").arg(m_request.recording) << Qt::endl;
            finish(Success);
        });
        break;
    case Action::Record:
        record();
        break;
    }
}

void RemoteSession::record()
{
    using namespace ServiceClient;
    auto* stopSignals = new Protocol::StopSignals(this);
    connect(stopSignals, &Protocol::StopSignals::stopRequested, this, &RemoteSession::onStopSignal);
    connect(&m_helper, &HelperConnection::noticeReceived, this, [](const QString& text) { say(text); });
    connect(&m_helper, &HelperConnection::outputReceived, this, [](const QByteArray& bytes, qint64) {
        QFile out;
        if (out.open(stdout, QIODevice::WriteOnly))
            out.write(bytes);
    });
    connect(&m_helper, &HelperConnection::statusReceived, this, [this](const RecordingStatus& s) {
        if (m_live)
            QTextStream(stderr) << "\r" << Tr::tr("ftlens-cli: %1 events, %2 lost, %3 s").arg(s.events).arg(s.lost).arg(s.elapsed, 0, 'f', 0)
                                << Qt::flush;
    });
    connect(&m_helper, &HelperConnection::recordingFinished, this, [this](const FinishedInfo& f) {
        if (f.recording != m_recording)
            return;
        if (m_live)
            QTextStream(stderr) << "\r\033[K" << Qt::flush;
        say(Tr::tr("recording %1: %2 events in %3 s, %4 lost%5")
                .arg(f.recording, QString::number(f.events), QString::number(f.seconds, 'f', 3), QString::number(f.lost),
                    f.message.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(f.message)));
        if (!f.kept)
            return finish(f.code ? f.code : Failure);
        fetchTo(f.recording, f.code);
    });
    QCborMap start = m_request.start;
    start.insert(QStringLiteral("cwd"), QDir::currentPath());
    m_helper.request(QStringLiteral("start"), start, [this](const Reply& reply) {
        if (!reply.ok())
            return failWith(reply);
        m_recording = reply.fields.value(QLatin1String("recording")).toString();
        say(Tr::tr("recording %1 on the helper (Ctrl-C to stop)").arg(m_recording));
    });
}

void RemoteSession::onStopSignal(int count)
{
    if (count == 1 && !m_recording.isEmpty()) {
        say(Tr::tr("stopping recording %1 ...").arg(m_recording));
        m_helper.request(QStringLiteral("stop"));
        return;
    }
    say(Tr::tr("not waiting any longer; recording %1 stays on the helper").arg(m_recording));
    finish(Failure);
}

void RemoteSession::fetchTo(const QString& recording, int exitCode)
{
    const QString target = m_request.output;
    const QString part = target + QLatin1String(".part");
    const bool resume = QFileInfo::exists(part);
    if (resume)
        say(Tr::tr("resuming the fetch of %1 after the %2 bytes in %3").arg(recording).arg(QFileInfo(part).size()).arg(part));
    connect(&m_helper, &ServiceClient::HelperConnection::fetchProgress, this, [this](qint64, qint64 bytes, qint64 total) {
        if (m_live && total > 0)
            QTextStream(stderr) << "\r" << Tr::tr("ftlens-cli: fetched %1 of %2 MB").arg(bytes / 1000000).arg(total / 1000000) << Qt::flush;
    });
    m_helper.fetch(recording, part, resume, [this, recording, target, part, exitCode](const Reply& reply) {
        if (m_live)
            QTextStream(stderr) << "\r\033[K" << Qt::flush;
        if (!reply.ok()) {
            if (reply.error->code == QLatin1String("checksum"))
                QFile::remove(part); // bytes that do not match are no start for a resume
            return failWith(reply);
        }
        if ((QFileInfo::exists(target) && !m_request.force) || (QFileInfo::exists(target) && !QFile::remove(target))
            || !QFile::rename(part, target)) {
            say(Tr::tr("%1 exists (or cannot be replaced): the recording stays in %2").arg(target, part));
            return finish(Failure);
        }
        say(Tr::tr("recording %1 fetched into %2 (%3 bytes, SHA-256 %4)")
                .arg(recording, target, QString::number(reply.fields.value(QLatin1String("size")).toInteger()),
                    reply.fields.value(QLatin1String("sha256")).toString()));
        finish(exitCode);
    });
}

} // namespace Cli
