// SPDX-License-Identifier: GPL-3.0-or-later
#include "replies.h"

#include <QCborArray>
#include <QtEndian>

namespace ServiceClient {

namespace {
template <typename T, typename Out>
bool unpack(const QByteArray& column, qint64 count, QList<Out>& out)
{
    if (column.size() != count * qsizetype(sizeof(T)))
        return false;
    out.reserve(count);
    for (qint64 i = 0; i < count; ++i)
        out.append(Out(qFromLittleEndian<T>(column.constData() + i * qsizetype(sizeof(T)))));
    return true;
}

QHash<int, QString> names(const QCborValue& list, const char* key, const char* nameKey)
{
    QHash<int, QString> out;
    for (const QCborValue& item : list.toArray())
        out.insert(int(item[QLatin1String(key)].toInteger()), item[QLatin1String(nameKey)].toString());
    return out;
}
} // namespace

HelloInfo helloFrom(const Protocol::Message& m)
{
    return { int(m.integer("version")), m.text("helper"), m.text("user"), m.integer("uid"), m.integer("maxFrame"), m.text("recording"),
        m.text("since") };
}

RecordingStatus statusFrom(const Protocol::Message& m)
{
    RecordingStatus status { m.text("recording"), m.text("since"), m.fields.value(QLatin1String("elapsed")).toDouble(), m.integer("events"),
        m.fields.value(QLatin1String("eventsPerSecond")).toDouble(), m.integer("bytes"), m.integer("lost"), {} };
    for (const QCborValue& lost : m.fields.value(QLatin1String("lostPerCpu")).toArray())
        status.lostPerCpu.append(lost.toInteger());
    return status;
}

bool tailFrom(const Protocol::Message& m, TailEvents& out)
{
    const qint64 count = m.integer("count");
    out = {};
    out.first = m.integer("first");
    out.skipped = m.integer("skipped");
    out.dropped = m.integer("dropped");
    out.types = names(m.fields.value(QLatin1String("types")), "id", "name");
    out.tasks = names(m.fields.value(QLatin1String("tasks")), "pid", "comm");
    const auto bytes = [&m](const char* key) { return m.fields.value(QLatin1String(key)).toByteArray(); };
    return count >= 0 && unpack<qint64>(bytes("ts"), count, out.ts) && unpack<qint32>(bytes("cpu"), count, out.cpu)
        && unpack<qint32>(bytes("pid"), count, out.pid) && unpack<qint32>(bytes("eventType"), count, out.type);
}

FinishedInfo finishedFrom(const Protocol::Message& m)
{
    return { m.text("recording"), int(m.integer("code")), m.text("message"), m.integer("events"), m.integer("lost"),
        m.fields.value(QLatin1String("seconds")).toDouble(), m.flag("kept") };
}

ReplyError errorFrom(const Protocol::Message& m)
{
    ReplyError error { m.text("code"), m.text("message"), {}, {} };
    if (m.has("column"))
        error.column = int(m.integer("column"));
    if (m.has("exitCode"))
        error.exitCode = int(m.integer("exitCode"));
    return error;
}

} // namespace ServiceClient
