// SPDX-License-Identifier: GPL-3.0-or-later
#include "chromejsonexporter.h"

#include "calltable.h"
#include "recordingeventstream.h"
#include "recordingfiles.h"
#include "recordingreader.h"

#include <QCoreApplication>
#include <QFile>

#include <sqlite3.h>

#include <cstdio>
#include <map>
#include <string>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

using Storage::Schema::FieldStorage;

constexpr int eventsPermille = 700;
constexpr std::int64_t progressInterval = 8192;

void appendEscaped(std::string& out, std::string_view text)
{
    out += '"';
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// Microseconds with the nanoseconds as decimals ("1234.567"), as the format counts time.
void appendMicroseconds(std::string& out, std::int64_t ns)
{
    char text[32];
    const bool negative = ns < 0;
    const std::uint64_t magnitude = negative ? std::uint64_t(0) - std::uint64_t(ns) : std::uint64_t(ns);
    std::snprintf(text, sizeof text, "%s%llu.%03llu", negative ? "-" : "", static_cast<unsigned long long>(magnitude / 1000),
        static_cast<unsigned long long>(magnitude % 1000));
    out += text;
}

// Buffered writing of the JSON array's items, each after a comma but the first.
class JsonOut {
public:
    explicit JsonOut(const QString& path)
        : m_file(path)
    {
    }
    bool open() { return m_file.open(QIODevice::WriteOnly | QIODevice::Truncate); }
    std::string& item()
    {
        m_buffer += m_first ? "\n" : ",\n";
        m_first = false;
        return m_buffer;
    }
    std::string& raw() { return m_buffer; }
    bool flushIfFull() { return m_buffer.size() < (1 << 20) || flush(); }
    bool flush()
    {
        const bool ok = m_file.write(m_buffer.data(), qint64(m_buffer.size())) == qint64(m_buffer.size());
        m_buffer.clear();
        return ok;
    }
    bool close()
    {
        const bool ok = flush() && m_file.flush();
        m_file.close();
        return ok;
    }
    QString errorString() const { return m_file.errorString(); }

private:
    QFile m_file;
    std::string m_buffer;
    bool m_first = true;
};

struct Task {
    std::string comm;
    int tgid = 0;
};

std::map<int, Task> readTasks(Storage::RecordingReader& reader)
{
    std::map<int, Task> tasks;
    auto rows = reader.database().prepare("SELECT t.pid, t.tgid, s.str FROM task t LEFT JOIN string s ON s.id = t.comm_id");
    if (!rows)
        return tasks;
    while (rows->step() == SQLITE_ROW)
        tasks[int(rows->columnInt(0))] = { std::string(rows->columnText(2)), rows->columnIsNull(1) ? 0 : int(rows->columnInt(1)) };
    return tasks;
}

int processOf(const std::map<int, Task>& tasks, int pid)
{
    const auto it = tasks.find(pid);
    return it != tasks.end() && it->second.tgid > 0 ? it->second.tgid : pid;
}

void writeNames(JsonOut& out, const std::map<int, Task>& tasks, int cpus)
{
    auto meta = [&](const char* what, int pid, int tid, std::string_view name) {
        std::string& s = out.item();
        s += "{\"ph\":\"M\",\"name\":\"";
        s += what;
        s += "\",\"pid\":" + std::to_string(pid) + (tid >= 0 ? ",\"tid\":" + std::to_string(tid) : std::string()) + ",\"args\":{\"name\":";
        appendEscaped(s, name);
        s += "}}";
    };
    for (const auto& [pid, task] : tasks) {
        if (processOf(tasks, pid) == pid)
            meta("process_name", pid, -1, task.comm);
        meta("thread_name", processOf(tasks, pid), pid, task.comm);
    }
    meta("process_name", ChromeJsonExporter::cpuProcess, -1, "CPUs");
    meta("process_name", ChromeJsonExporter::unknownTaskProcess, -1, "calls of no known task");
    for (int cpu = 0; cpu < cpus; ++cpu)
        meta("thread_name", ChromeJsonExporter::cpuProcess, cpu, "CPU " + std::to_string(cpu));
}

void writeComplete(JsonOut& out, std::string_view name, const char* category, int pid, int tid, std::int64_t ts, std::int64_t dur,
    const std::string& args)
{
    std::string& s = out.item();
    s += "{\"ph\":\"X\",\"name\":";
    appendEscaped(s, name);
    s += ",\"cat\":\"";
    s += category;
    s += "\",\"pid\":" + std::to_string(pid) + ",\"tid\":" + std::to_string(tid) + ",\"ts\":";
    appendMicroseconds(s, ts);
    s += ",\"dur\":";
    appendMicroseconds(s, dur);
    if (!args.empty())
        s += ",\"args\":{" + args + '}';
    s += '}';
}

// The scheduler's slices per CPU, from sched_switch as it comes: a CPU runs next_pid from one
// switch to the next (idle, pid 0, is no slice).
class SliceTracker {
public:
    SliceTracker(JsonOut& out, const Storage::EventTypeInfo* sw)
        : m_out(out)
    {
        if (!sw)
            return;
        m_type = sw->id;
        for (std::size_t i = 0; i < sw->fields.size(); ++i) {
            if (sw->fields[i].name == QLatin1String("next_pid"))
                m_nextPid = int(i) + 1;
            else if (sw->fields[i].name == QLatin1String("next_comm"))
                m_nextComm = int(i) + 1;
        }
    }

    bool handles(int type) const { return type == m_type && m_nextPid > 0; }
    void onSwitch(const RecordingEventStream::Event& event, const Storage::Statement& fields)
    {
        close(event.cpu, event.ts);
        Running& running = m_running[event.cpu];
        running.pid = int(fields.columnInt(m_nextPid));
        running.comm = m_nextComm > 0 ? std::string(fields.columnText(m_nextComm)) : std::string();
        running.start = event.ts;
    }
    void finish(std::int64_t end)
    {
        for (auto& [cpu, running] : m_running)
            close(cpu, end);
    }
    std::int64_t slices() const { return m_slices; }

private:
    struct Running {
        int pid = 0;
        std::string comm;
        std::int64_t start = -1;
    };
    void close(int cpu, std::int64_t end)
    {
        Running& running = m_running[cpu];
        if (running.start >= 0 && running.pid != 0) {
            writeComplete(m_out, running.comm + '-' + std::to_string(running.pid), "sched", ChromeJsonExporter::cpuProcess, cpu,
                running.start, end - running.start, "\"pid\":" + std::to_string(running.pid));
            ++m_slices;
        }
        running.start = -1;
    }

    JsonOut& m_out;
    int m_type = -1;
    int m_nextPid = -1;
    int m_nextComm = -1;
    std::map<int, Running> m_running;
    std::int64_t m_slices = 0;
};

std::string fieldArgs(const Storage::EventTypeInfo& info, const Storage::Statement* fields)
{
    std::string args;
    if (!fields)
        return args;
    for (std::size_t i = 0; i < info.fields.size(); ++i) {
        const int column = int(i) + 1;
        if (fields->columnIsNull(column) || info.fields[i].storage == FieldStorage::Blob)
            continue;
        if (!args.empty())
            args += ',';
        appendEscaped(args, info.fields[i].name.toStdString());
        args += ':';
        if (info.fields[i].storage == FieldStorage::Text)
            appendEscaped(args, fields->columnText(column));
        else
            args += std::to_string(fields->columnInt(column));
    }
    return args;
}

void writeInstant(JsonOut& out, const std::map<int, Task>& tasks, const Storage::EventTypeInfo& info, const RecordingEventStream::Event& event,
    const Storage::Statement* fields)
{
    std::string& s = out.item();
    s += "{\"ph\":\"i\",\"s\":\"t\",\"name\":";
    appendEscaped(s, info.qualifiedName().toStdString());
    s += ",\"cat\":";
    appendEscaped(s, info.system.toStdString());
    s += ",\"pid\":" + std::to_string(processOf(tasks, event.pid)) + ",\"tid\":" + std::to_string(event.pid) + ",\"ts\":";
    appendMicroseconds(s, event.ts);
    s += ",\"args\":{\"cpu\":" + std::to_string(event.cpu);
    const std::string args = fieldArgs(info, fields);
    s += (args.empty() ? "" : ",") + args + "}}";
}

// Calls with a start; those whose exit was not recorded run to the end of the recording.
Storage::Result<std::int64_t> writeCalls(JsonOut& out, Storage::RecordingReader& reader, const std::map<int, Task>& tasks, std::int64_t end)
{
    if (!Storage::CallTable::exists(reader.database()))
        return std::int64_t(0);
    auto rows = reader.database().prepare("SELECT c.ts, c.dur, c.self, c.cpu, c.pid, c.depth, s.str, c.flags FROM call c "
                                          "JOIN string s ON s.id = c.function_id WHERE c.ts IS NOT NULL ORDER BY c.id");
    if (!rows)
        return rows.error();
    std::int64_t calls = 0;
    while (rows->step() == SQLITE_ROW) {
        const std::int64_t ts = rows->columnInt(0);
        const bool finished = !rows->columnIsNull(1);
        const int pid = int(rows->columnInt(4));
        const bool known = pid >= 0;
        std::string args = "\"depth\":" + std::to_string(rows->columnInt(5));
        if (finished && !rows->columnIsNull(2))
            args += ",\"self_ns\":" + std::to_string(rows->columnInt(2));
        if (!finished)
            args += ",\"unfinished\":true";
        writeComplete(out, rows->columnText(6), "call", known ? processOf(tasks, pid) : ChromeJsonExporter::unknownTaskProcess,
            known ? pid : int(rows->columnInt(3)), ts, finished ? rows->columnInt(1) : std::max<std::int64_t>(end - ts, 0), args);
        ++calls;
        if (!out.flushIfFull())
            return Storage::Error { Tr::tr("cannot write: %1").arg(out.errorString()) };
    }
    return calls;
}
} // namespace

ChromeJsonExporter::ChromeJsonExporter(ExportOptions options)
    : m_options(std::move(options))
    , m_reporter(m_options.progress, m_options.isCancelled)
{
}

Storage::Result<ExportResult> ChromeJsonExporter::exportFile(const QString& recordingPath, const QString& outputPath)
{
    m_reporter.restart();
    report(0);
    auto reader = Storage::RecordingReader::open(recordingPath);
    if (!reader)
        return reader.error();
    auto summary = reader.value()->summary();
    if (!summary)
        return summary.error();
    auto stream = RecordingEventStream::open(*reader.value());
    if (!stream)
        return stream.error();
    const QString partial = Storage::partialPath(outputPath);
    JsonOut out(partial);
    if (!out.open())
        return Storage::Error { Tr::tr("%1: cannot write: %2").arg(outputPath, out.errorString()) };
    const auto fail = [&](const QString& message) -> Storage::Result<ExportResult> {
        QFile::remove(partial);
        return Storage::Error { QString(message).replace(partial, outputPath) };
    };
    const std::map<int, Task> tasks = readTasks(*reader.value());
    ExportResult result;
    result.cpus = summary->cpus;
    out.raw() += "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"source\":\"ftlens\"},\"traceEvents\":[";
    writeNames(out, tasks, summary->cpus);
    SliceTracker slices(out, reader.value()->findEventType(QStringLiteral("sched:sched_switch")));
    std::map<int, const Storage::EventTypeInfo*> infos;
    for (const Storage::EventTypeInfo& info : reader.value()->eventTypes())
        infos[info.id] = &info;
    RecordingEventStream::Event event;
    const double total = double(std::max<std::int64_t>(summary->events, 1));
    while (stream.value()->next(event)) {
        const Storage::EventTypeInfo* info = infos[event.typeId];
        if (slices.handles(event.typeId) && stream.value()->fields())
            slices.onSwitch(event, *stream.value()->fields());
        else if (info)
            writeInstant(out, tasks, *info, event, stream.value()->fields());
        ++result.events;
        if (!out.flushIfFull())
            return fail(Tr::tr("%1: cannot write: %2").arg(outputPath, out.errorString()));
        if (result.events % progressInterval == 0) {
            report(int(eventsPermille * double(result.events) / total));
            if (cancelled())
                return fail(Tr::tr("%1: export cancelled").arg(recordingPath));
        }
    }
    if (!stream.value()->error())
        return fail(stream.value()->error().error().message);
    slices.finish(summary->lastTs);
    auto calls = writeCalls(out, *reader.value(), tasks, summary->lastTs);
    if (!calls)
        return fail(calls.error().message);
    out.raw() += "\n]}\n";
    if (!out.close())
        return fail(Tr::tr("%1: cannot write: %2").arg(outputPath, out.errorString()));
    if (cancelled())
        return fail(Tr::tr("%1: export cancelled").arg(recordingPath));
    if (Storage::Status s = Storage::replaceWithPartial(partial, outputPath); !s)
        return fail(s.error().message);
    result.note = Tr::tr("%1 scheduler slices, %2 calls").arg(slices.slices()).arg(calls.value());
    report(1000);
    return result;
}

} // namespace Engine
