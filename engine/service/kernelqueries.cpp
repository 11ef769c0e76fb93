// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernelqueries.h"

#include "capabilities.h"
#include "clientconnection.h"
#include "eventcatalog.h"
#include "probedefinition.h"
#include "tracefsroot.h"
#include "uprobetarget.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>

#include <functional>

namespace Service {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};

using Protocol::ErrorCode::BadRequest;
using Protocol::ErrorCode::Failed;
using Protocol::ErrorCode::Unavailable;

// What a worker hands back: a reply's fields or an error.
struct Answer {
    QString type;
    QCborMap fields;
    const char* errorCode = nullptr;
    QString errorMessage;
    QCborArray pages; // for paged replies: the items, sent under pageField
    QString pageField;
};

Answer errorAnswer(const char* code, const QString& message, QCborMap extra = {})
{
    Answer answer;
    answer.errorCode = code;
    answer.errorMessage = message;
    answer.fields = std::move(extra);
    return answer;
}

Storage::Result<QString> tracefsPath()
{
    auto root = Recorder::findTracefs({}, true);
    if (!root)
        return root.error();
    return root->path;
}

Answer capsAnswer()
{
    auto caps = Recorder::detectCapabilities({}, true);
    if (!caps)
        return errorAnswer(Failed, caps.error().message);
    return { QStringLiteral("caps"), QCborMap { { QStringLiteral("report"), QCborMap::fromJsonObject(Recorder::capabilitiesToJson(caps.value())) } } };
}

Answer eventsAnswer()
{
    auto root = tracefsPath();
    if (!root)
        return errorAnswer(Failed, root.error().message);
    auto events = listEvents(root.value());
    if (!events)
        return errorAnswer(Failed, events.error().message);
    Answer answer { QStringLiteral("events"), {} };
    answer.pages = events.value();
    answer.pageField = QStringLiteral("events");
    return answer;
}

Answer functionsAnswer(const QString& match)
{
    auto root = tracefsPath();
    if (!root)
        return errorAnswer(Failed, root.error().message);
    auto text = Recorder::readTracefsFile(root.value() + QLatin1String("/available_filter_functions"));
    if (!text)
        return errorAnswer(Unavailable, Tr::tr("the kernel does not let its functions be listed: %1").arg(text.error().message));
    const QRegularExpression glob(match.isEmpty() ? QString() : QRegularExpression::wildcardToRegularExpression(match, QRegularExpression::UnanchoredWildcardConversion));
    QSet<QString> seen;
    QCborArray names;
    const QList<QByteArray> lines = text->split('\n');
    for (const QByteArray& line : lines) {
        const QString name = QString::fromUtf8(line.left(line.indexOf(' ')).trimmed());
        if (name.isEmpty() || seen.contains(name) || (!match.isEmpty() && !glob.match(name).hasMatch()))
            continue;
        seen.insert(name);
        names.append(name);
    }
    Answer answer { QStringLiteral("functions"), {} };
    answer.pages = names;
    answer.pageField = QStringLiteral("names");
    return answer;
}

Answer validateAnswer(const QString& kind, const QString& definition)
{
    using Kind = Recorder::ProbeDefinition::Kind;
    static const QStringList kinds { QStringLiteral("kprobe"), QStringLiteral("kretprobe"), QStringLiteral("uprobe"), QStringLiteral("uretprobe") };
    if (!kinds.contains(kind))
        return errorAnswer(BadRequest, Tr::tr("validate.kind: '%1' is not one of %2").arg(kind, kinds.join(QLatin1String(", "))));
    const bool isKprobe = kind.startsWith(QLatin1Char('k'));
    auto probe = Recorder::parseProbeDefinition(definition, isKprobe ? Kind::Kprobe : Kind::Uprobe, kind.contains(QLatin1String("ret")));
    std::unique_ptr<Recorder::UprobeTarget> target;
    Storage::Error error;
    if (probe && !isKprobe) {
        auto opened = Recorder::UprobeTarget::open(probe.value());
        if (opened) {
            probe->fileOffset = (*opened)->fileOffset();
            target = std::move(opened.value());
        } else {
            error = opened.error();
        }
    }
    if (!probe)
        error = probe.error();
    if (!error.message.isEmpty()) {
        // Errors name the place as "column N: ..." (1-based), as `record` prints them.
        static const QRegularExpression column(QStringLiteral("^column ([0-9]+): "));
        const QRegularExpressionMatch m = column.match(error.message);
        return errorAnswer(BadRequest, error.message, m.hasMatch() ? QCborMap { { QStringLiteral("column"), m.captured(1).toInt() } } : QCborMap {});
    }
    const QString event = probe->event.isEmpty() ? probe->defaultEventName() : probe->event;
    return { QStringLiteral("valid"),
        QCborMap { { QStringLiteral("event"), event },
            { QStringLiteral("line"), QString::fromUtf8(probe->kernelLine(QStringLiteral("ftlens"), target ? probe->path : QString())) } } };
}
} // namespace

void replyInPages(ClientConnection* connection, qint64 id, const QString& type, const QString& field, const QCborArray& items)
{
    QCborArray page;
    qsizetype pageBytes = 0;
    const auto flush = [&](bool more) {
        connection->reply(id, type, QCborMap { { field, page }, { QStringLiteral("more"), more } });
        page = {};
        pageBytes = 0;
    };
    for (const QCborValue& item : items) {
        const qsizetype bytes = item.toCbor().size();
        if (!page.isEmpty() && pageBytes + bytes > Protocol::listPageBytes)
            flush(true);
        page.append(item);
        pageBytes += bytes;
    }
    flush(false);
}

KernelQueries::KernelQueries(QObject* parent)
    : QObject(parent)
{
    m_worker.setMaxThreadCount(1);
}

KernelQueries::~KernelQueries() { m_worker.waitForDone(); }

bool KernelQueries::handle(ClientConnection* connection, const Protocol::Message& message)
{
    const QString& type = message.type;
    std::function<Answer()> work;
    if (type == QLatin1String("caps"))
        work = capsAnswer;
    else if (type == QLatin1String("events"))
        work = eventsAnswer;
    else if (type == QLatin1String("functions"))
        work = [match = message.text("match")] { return functionsAnswer(match); };
    else if (type == QLatin1String("validate"))
        work = [kind = message.text("kind"), definition = message.text("definition")] { return validateAnswer(kind, definition); };
    else
        return false;
    if (connection->pendingQueries >= maxPendingPerConnection) {
        connection->replyError(message.id, Protocol::ErrorCode::Busy,
            Tr::tr("%1 earlier requests of this connection are still being answered").arg(connection->pendingQueries));
        return true;
    }
    ++connection->pendingQueries;
    QPointer<ClientConnection> target(connection);
    const qint64 id = message.id;
    m_worker.start([this, work, target, id] {
        Answer answer = work();
        QMetaObject::invokeMethod(this, [target, id, answer] {
            if (!target)
                return;
            --target->pendingQueries;
            if (target->isClosed())
                return;
            if (answer.errorCode)
                target->replyError(id, answer.errorCode, answer.errorMessage, answer.fields);
            else if (!answer.pageField.isEmpty())
                replyInPages(target, id, answer.type, answer.pageField, answer.pages);
            else
                target->reply(id, answer.type, answer.fields);
        }, Qt::QueuedConnection);
    });
    return true;
}

} // namespace Service
