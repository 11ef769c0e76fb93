// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracedatexporter.h"

#include "eventpayload.h"
#include "exportformats.h"
#include "recordingeventstream.h"
#include "recordingfiles.h"
#include "ringbufferpages.h"
#include "scratchtracingdir.h"
#include "tracecmdapi.h"

#include <QCoreApplication>
#include <QFile>

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

using Storage::Schema::FieldStorage;

// Writing events is most of an export; libtracecmd's writing the file the rest.
constexpr int eventsPermille = 800;
constexpr std::int64_t progressInterval = 8192;
constexpr int maxCpus = 8192;

// libtracecmd's writer finds the tracing directory through libtracefs's process-wide setting.
std::mutex tracingDirMutex;

// While it lives, the calling thread (only: the raw system call, not glibc's, which would change
// every thread) runs with the effective user nobody when it ran as root. libtracecmd's kallsyms
// writer sets /proc/sys/kernel/kptr_restrict to 0 around reading /proc/kallsyms whenever it can;
// the export reads its own kallsyms file, and must not touch a system setting (two exports at
// once would even leave it at 0), so it must not be able to.
class NotRootHere {
public:
    NotRootHere()
        : m_wasRoot(geteuid() == 0)
    {
        if (m_wasRoot)
            m_switched = syscall(SYS_setresuid, -1, 65534, -1) == 0;
    }
    ~NotRootHere()
    {
        if (m_switched)
            (void)syscall(SYS_setresuid, -1, 0, -1);
    }
    bool ok() const { return !m_wasRoot || m_switched; }

private:
    bool m_wasRoot = false;
    bool m_switched = false;
};

// Whether the thread's effective user can open path for reading.
bool canRead(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

struct Meta {
    QString uname;
    std::string clock;
    int cpus = 0;
};

Meta readMeta(const Storage::RecordingReader& reader)
{
    const auto& meta = reader.meta();
    Meta out;
    const QString host = meta.value(QStringLiteral("host"), QStringLiteral("ftlens"));
    out.uname = QStringLiteral("Linux %1 %2 %3").arg(host, meta.value(QStringLiteral("kernel_release"), QStringLiteral("unknown")),
        meta.value(QStringLiteral("arch"), QStringLiteral("unknown")));
    const QString clock = meta.value(QStringLiteral("trace_clock"));
    out.clock = clock.isEmpty() || clock == QLatin1String("unknown") ? "local" : clock.toStdString();
    out.cpus = meta.value(QStringLiteral("cpus")).toInt();
    return out;
}

// The per-CPU statistics as `trace-cmd record` stores them (CPUSTAT options).
std::vector<std::string> cpuStatTexts(Storage::RecordingReader& reader)
{
    std::vector<std::string> texts;
    auto rows = reader.database().prepare(
        "SELECT cpu, entries, overrun, commit_overrun, bytes, dropped_events, read_events FROM cpu_stats ORDER BY cpu");
    if (!rows)
        return texts;
    while (rows->step() == SQLITE_ROW) {
        texts.push_back("CPU: " + std::to_string(rows->columnInt(0)) + "\nentries: " + std::to_string(rows->columnInt(1))
            + "\noverrun: " + std::to_string(rows->columnInt(2)) + "\ncommit overrun: " + std::to_string(rows->columnInt(3))
            + "\nbytes: " + std::to_string(rows->columnInt(4)) + "\ndropped events: " + std::to_string(rows->columnInt(5))
            + "\nread events: " + std::to_string(rows->columnInt(6)) + '\n');
    }
    return texts;
}

// One event's record from its stored fields (and, for a kernel or user stack, its frames).
class PayloadBuilder {
public:
    explicit PayloadBuilder(Storage::RecordingReader& reader)
        : m_reader(reader)
    {
        if (auto frames = reader.database().prepare("SELECT addr FROM stack_frame WHERE stack_id = ? AND stack_id IS NOT NULL ORDER BY depth"))
            m_frames = std::move(frames.value());
    }

    std::string_view build(const ExportFormats::Type& type, const Storage::EventTypeInfo& info, const RecordingEventStream::Event& event,
        const Storage::Statement* fields)
    {
        m_payload.begin(type.event, event.pid, event.flags, event.preemptCount);
        if (fields) {
            for (std::size_t i = 0; i < info.fields.size() && i < type.fields.size(); ++i)
                setField(type.fields[i], info.fields[i].storage, *fields, int(i) + 1);
        }
        if ((type.kernelStack || type.userStack) && m_frames.isValid())
            setFrames(type, event.id);
        return m_payload.bytes();
    }

private:
    void setField(const tep_format_field* field, FieldStorage storage, const Storage::Statement& row, int column)
    {
        if (!field || row.columnIsNull(column))
            return;
        switch (storage) {
        case FieldStorage::Int:
        case FieldStorage::UInt:
            m_payload.setInt(field, row.columnInt(column));
            break;
        case FieldStorage::Text:
            m_payload.setText(field, row.columnText(column));
            break;
        case FieldStorage::Blob: {
            const auto* bytes = static_cast<const char*>(sqlite3_column_blob(row.handle(), column));
            m_payload.setBytes(field, std::string_view(bytes, std::size_t(sqlite3_column_bytes(row.handle(), column))));
            break;
        }
        }
    }

    // The kernel writes as many callers as the stack had (the format says [8]); stack_frame has them all.
    void setFrames(const ExportFormats::Type& type, std::int64_t eventId)
    {
        tep_format_field* caller = tep_find_field(type.event, "caller");
        if (!caller)
            return;
        m_addresses.clear();
        m_frames.bindInt(1, eventId);
        while (m_frames.step() == SQLITE_ROW)
            m_addresses.push_back(std::uint64_t(m_frames.columnInt(0)));
        m_frames.reset();
        if (m_addresses.empty())
            return;
        if (tep_format_field* size = tep_find_field(type.event, "size"))
            m_payload.setInt(size, std::int64_t(m_addresses.size()));
        m_payload.setAddresses(caller, m_addresses);
    }

    Storage::RecordingReader& m_reader;
    Storage::Statement m_frames;
    EventPayload m_payload;
    std::vector<std::uint64_t> m_addresses;
};

// libtracecmd's writer over the scratch directory, as `trace-cmd record` drives it.
Storage::Status writeWithLibrary(const QString& output, const ScratchTracingDir& dir, const Meta& meta, int cpus,
    const std::vector<std::string>& cpuStats, const ExportOptions& options)
{
    std::lock_guard lock(tracingDirMutex);
    QByteArray tracing = QFile::encodeName(dir.path());
    tracefs_set_tracing_dir(tracing.data());
    tracecmd_set_loglevel(TEP_LOG_NONE);
    const auto failed = [](const QString& step) { return Storage::Error { Tr::tr("libtracecmd could not write %1").arg(step) }; };
    Storage::Status status = [&]() -> Storage::Status {
        tracecmd_output* out = tracecmd_output_create(QFile::encodeName(output).constData());
        if (!out)
            return failed(Tr::tr("the file"));
        tracecmd_set_quiet(out, true); // it would print each CPU's offset on stdout
        const QByteArray compression = options.compression.toUtf8();
        const QByteArray kallsyms = QFile::encodeName(dir.kallsymsPath());
        if (tracecmd_output_set_trace_dir(out, tracing.constData()) || tracecmd_output_set_kallsyms(out, kallsyms.constData())
            || tracecmd_output_set_version(out, options.traceDatVersion)
            || tracecmd_output_set_compression(out, options.traceDatVersion >= 7 ? compression.constData() : "none")) {
            tracecmd_output_free(out);
            return failed(Tr::tr("its header (version %1, compression %2)").arg(options.traceDatVersion).arg(options.compression));
        }
        int headers = -1;
        {
            NotRootHere notRoot;
            // libtracecmd dereferences what it failed to read: check first that this user can.
            headers = notRoot.ok() && canRead(dir.path() + QStringLiteral("/events/header_page")) && canRead(dir.kallsymsPath())
                ? tracecmd_output_write_headers(out, nullptr)
                : -1;
        }
        if (headers < 0) {
            tracecmd_output_free(out);
            return failed(Tr::tr("the event formats"));
        }
        const std::string clock = '[' + meta.clock + ']';
        const QByteArray uname = meta.uname.toUtf8();
        tracecmd_add_option(out, TraceCmd::TraceClock, int(clock.size() + 1), clock.c_str());
        tracecmd_add_option(out, TraceCmd::Uname, int(uname.size() + 1), uname.constData());
        for (const std::string& stat : cpuStats)
            tracecmd_add_option(out, TraceCmd::CpuStat, int(stat.size() + 1), stat.c_str());
        std::vector<QByteArray> names;
        std::vector<char*> files;
        for (int cpu = 0; cpu < cpus; ++cpu)
            names.push_back(QFile::encodeName(dir.cpuDataPath(cpu)));
        for (QByteArray& name : names)
            files.push_back(name.data());
        if (tracecmd_write_cmdlines(out) < 0 || tracecmd_append_cpu_data(out, cpus, files.data()) < 0) {
            tracecmd_output_free(out);
            return failed(Tr::tr("the CPU data"));
        }
        tracecmd_output_close(out);
        return {};
    }();
    tracefs_set_tracing_dir(nullptr);
    return status;
}
} // namespace

TraceDatExporter::TraceDatExporter(ExportOptions options)
    : m_options(std::move(options))
    , m_reporter(m_options.progress, m_options.isCancelled)
{
}

Storage::Result<ExportResult> TraceDatExporter::exportFile(const QString& recordingPath, const QString& outputPath)
{
    m_reporter.restart();
    report(0);
    if (m_options.traceDatVersion != 6 && m_options.traceDatVersion != 7)
        return Storage::Error { Tr::tr("trace.dat version %1: ftlens writes versions 6 and 7").arg(m_options.traceDatVersion) };
    auto reader = Storage::RecordingReader::open(recordingPath);
    if (!reader)
        return reader.error();
    auto formats = ExportFormats::build(*reader.value());
    if (!formats)
        return Storage::Error { Tr::tr("%1: %2").arg(recordingPath, formats.error().message) };
    ScratchTracingDir dir(outputPath);
    if (Storage::Status s = dir.create(*formats.value(), *reader.value()); !s)
        return s.error();
    auto summary = reader.value()->summary();
    if (!summary)
        return summary.error();
    const Meta meta = readMeta(*reader.value());
    const int cpus = std::clamp(std::max(meta.cpus, summary->cpus), 1, maxCpus);
    std::vector<std::unique_ptr<RingBufferPages>> pages;
    for (int cpu = 0; cpu < cpus; ++cpu) {
        pages.push_back(std::make_unique<RingBufferPages>(dir.cpuDataPath(cpu)));
        if (Storage::Status s = pages.back()->open(); !s)
            return s.error();
    }
    auto stream = RecordingEventStream::open(*reader.value());
    if (!stream)
        return stream.error();
    std::map<int, const Storage::EventTypeInfo*> infos;
    for (const Storage::EventTypeInfo& info : reader.value()->eventTypes())
        infos[info.id] = &info;
    ExportResult result;
    result.cpus = cpus;
    PayloadBuilder builder(*reader.value());
    RecordingEventStream::Event event;
    const double total = double(std::max<std::int64_t>(summary->events, 1));
    std::int64_t seen = 0;
    while (stream.value()->next(event)) {
        const ExportFormats::Type* type = formats.value()->type(event.typeId);
        if (!type || event.cpu < 0 || event.cpu >= cpus || event.ts < 0) {
            ++result.skipped;
            continue;
        }
        const std::string_view payload = builder.build(*type, *infos[event.typeId], event, stream.value()->fields());
        if (Storage::Status s = pages[std::size_t(event.cpu)]->append(std::uint64_t(event.ts), payload); !s)
            return s.error();
        ++result.events;
        if (++seen % progressInterval == 0) {
            report(int(eventsPermille * double(seen) / total));
            if (cancelled())
                return Storage::Error { Tr::tr("%1: export cancelled").arg(recordingPath) };
        }
    }
    if (!stream.value()->error())
        return stream.value()->error().error();
    for (auto& cpu : pages) {
        if (Storage::Status s = cpu->finish(); !s)
            return s.error();
    }
    const QString partial = Storage::partialPath(outputPath);
    Storage::Status written = writeWithLibrary(partial, dir, meta, cpus, cpuStatTexts(*reader.value()), m_options);
    if (written && cancelled())
        written = Storage::Error { Tr::tr("%1: export cancelled").arg(recordingPath) };
    if (written)
        written = Storage::replaceWithPartial(partial, outputPath);
    if (!written) {
        QFile::remove(partial);
        return Storage::Error { QString(written.error().message).replace(partial, outputPath) };
    }
    if (result.skipped)
        result.note = Tr::tr("%1 events were not written (a CPU or time a trace.dat cannot hold)").arg(result.skipped);
    report(1000);
    return result;
}

} // namespace Engine
