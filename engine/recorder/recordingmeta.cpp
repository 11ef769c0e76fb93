// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingmeta.h"

#include "functiontracer.h"
#include "tracefsroot.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <ctime>
#include <sys/utsname.h>

namespace Recorder {

namespace {
std::int64_t clockNs(clockid_t clock)
{
    timespec ts {};
    clock_gettime(clock, &ts);
    return std::int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

QString sourcesJson(const RecordOptions& options)
{
    QJsonArray sources;
    for (const RecordOptions::Source& source : options.sources) {
        static const char* const kinds[] = { "event", "uprobe", "uretprobe", "kprobe", "kretprobe", "preset" };
        const char* kind = kinds[int(source.kind)];
        sources.append(QJsonObject { { QStringLiteral("kind"), QLatin1String(kind) },
            { QStringLiteral("text"), source.text }, { QStringLiteral("filter"), source.filter } });
    }
    return QString::fromUtf8(QJsonDocument(sources).toJson(QJsonDocument::Compact));
}
} // namespace

Storage::Status writeStartMeta(Storage::RecordingWriter& writer, const RecordOptions& options, const QString& tracefsRoot,
    int cpus)
{
    utsname uts {};
    uname(&uts);
    QStringList pids;
    for (int pid : options.pids)
        pids << QString::number(pid);
    // Both clocks read back to back: wall time of an event = wall_anchor + (ts - mono_anchor).
    const std::int64_t mono = clockNs(CLOCK_MONOTONIC);
    const std::int64_t wall = clockNs(CLOCK_REALTIME);
    const std::pair<const char*, QString> rows[] = {
        { "tool", QStringLiteral("ftlens-helper " FTLENS_VERSION) },
        { "host", QString::fromLocal8Bit(uts.nodename) },
        { "kernel_release", QString::fromLocal8Bit(uts.release) },
        { "kernel_version", QString::fromLocal8Bit(uts.version) },
        { "arch", QString::fromLocal8Bit(uts.machine) },
        { "cpus", QString::number(cpus) },
        { "trace_clock", options.clock },
        { "clock_mono_anchor_ns", QString::number(mono) },
        { "clock_realtime_anchor_ns", QString::number(wall) },
        { "start_time", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
        { "tracer", options.tracer },
        { "tracer_options", tracerOptionsSummary(options) },
        { "tracefs", tracefsRoot },
        { "sources", sourcesJson(options) },
        { "pids", pids.join(QLatin1Char(' ')) },
        { "command", options.command.join(QLatin1Char(' ')) },
        { "buffer_size_kb", QString::number(options.bufferKb > 0 ? options.bufferKb : defaultBufferKb(cpus)) },
        { "source", QStringLiteral("record") },
    };
    for (const auto& [key, value] : rows) {
        if (Storage::Status s = writer.setMeta(key, value.toStdString()); !s)
            return s;
    }
    return writer.commit();
}

Storage::Status writeStopMeta(Storage::RecordingWriter& writer, const QString& stopReason,
    std::optional<int> commandStatus, const DecodeCounts& counts)
{
    const std::pair<const char*, QString> rows[] = {
        { "stop_reason", stopReason },
        { "stop_time", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
        { "command_exit_status", commandStatus ? QString::number(*commandStatus) : QString() },
        { "unknown_events", QString::number(counts.unknownEvents) },
        { "malformed_events", QString::number(counts.malformedEvents) },
        { "self_events_dropped", QString::number(counts.ownEventsDropped) },
    };
    for (const auto& [key, value] : rows) {
        if (Storage::Status s = writer.setMeta(key, value.toStdString()); !s)
            return s;
    }
    return {};
}

} // namespace Recorder
