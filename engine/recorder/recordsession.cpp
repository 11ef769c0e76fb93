// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordsession.h"

#include "capabilities.h"
#include "childprocess.h"
#include "eventdecoder.h"
#include "eventmerger.h"
#include "eventselection.h"
#include "cpustatsfile.h"
#include "functiontracer.h"
#include "invokinguser.h"
#include "kernelsymbols.h"
#include "kernelsymboltable.h"
#include "outputfile.h"
#include "ownthreads.h"
#include "recordingmeta.h"
#include "recordingwriter.h"
#include "ringbufferreader.h"
#include "selfexclusion.h"
#include "sharedsettings.h"
#include "staticexecutable.h"
#include "traceinstance.h"
#include "tracefsroot.h"
#include "probedefinition.h"
#include "probepresets.h"
#include "uprobetarget.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <chrono>
#include <optional>
#include <unistd.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

// Events stamped less than this before the reader's last full pass may still be in flight
// (reserved but not yet committed by the kernel) and are held back to keep ids in time order.
constexpr std::int64_t inFlightSlackNs = 2'000'000;
constexpr auto commitInterval = std::chrono::milliseconds(250);
// Also commit after this many events, so a transaction (and what a full disk can cost) stays small.
constexpr std::int64_t commitEvents = 50000;

using Failure = std::optional<RecordOutcome>;

Failure fail(HelperExit code, const QString& message) { return RecordOutcome { code, message, 0, 0, 0, false }; }

struct Probe {
    ProbeDefinition definition;
    QString filter;
    std::shared_ptr<UprobeTarget> target; // uprobes: the file, open until the kernel has the line

    bool isKprobe() const { return definition.kind == ProbeDefinition::Kind::Kprobe; }
    QString name() const { return definition.event.isEmpty() ? definition.defaultEventName() : definition.event; }
    QString definitionFile() const { return isKprobe() ? QStringLiteral("kprobe_events") : QStringLiteral("uprobe_events"); }
    // Stored under a stable system name, whatever the helper's own group was.
    QString storedSystem() const { return isKprobe() ? QStringLiteral("kprobes") : QStringLiteral("uprobes"); }
};

// Everything one recording holds while it runs; members are destroyed in reverse order, so
// the reader closes its files before the instance is removed, and shared settings (some of
// which the instance shows) are restored before that.
struct Recording {
    RecordOptions options;
    TracefsRoot root;
    int cpus = 0;
    std::optional<Capabilities> caps;
    std::vector<SelectedEvent> events;
    QStringList tracerEvents; // ftrace events the function tracer writes
    std::vector<Probe> probes;
    std::unique_ptr<TraceInstance> instance;
    std::unique_ptr<SharedSettings> shared;
    std::unique_ptr<OutputFile> output;
    std::unique_ptr<Storage::RecordingWriter> writer;
    UserAccount commandUser;
    std::unique_ptr<ChildProcess> child;
    OwnThreads ownThreads; // before the decoder, which may point at it
    SelfExclusion selfExclusion = SelfExclusion::Kernel;
    std::unique_ptr<EventDecoder> decoder;
    std::unique_ptr<RingBufferReader> reader;
    std::unique_ptr<EventMerger> merger;
    QString stopReason;
    std::optional<int> commandStatus;
    std::int64_t lostEvents = 0;
    QStringList presetPlaces;
    QStringList notes; // said once the recording ends
    bool finished = false;
    bool topLevel = false; // the tracer runs only in the top-level buffer, which is used instead of an instance
};

int cpuCount(const QString& root)
{
    int n = 0;
    while (QFileInfo::exists(QStringLiteral("%1/per_cpu/cpu%2").arg(root).arg(n)))
        ++n;
    return n > 0 ? n : int(sysconf(_SC_NPROCESSORS_CONF));
}

// Presets become the probe sources they stand for, chosen from what this kernel has.
Failure expandPresets(Recording& r)
{
    std::vector<RecordOptions::Source> sources;
    for (const RecordOptions::Source& source : r.options.sources) {
        if (source.kind != RecordOptions::SourceKind::Preset) {
            sources.push_back(source);
            continue;
        }
        auto preset = expandPreset(source.text, r.root.path, machineArch());
        if (!preset)
            return fail(HelperExit::KernelRefused, preset.error().message);
        sources.insert(sources.end(), preset->sources.begin(), preset->sources.end());
        r.presetPlaces << preset->places;
    }
    r.options.sources = std::move(sources);
    return {};
}

Storage::Result<Probe> parseProbe(const Recording& r, const RecordOptions::Source& source)
{
    using Kind = RecordOptions::SourceKind;
    const bool isKprobe = source.kind == Kind::Kprobe || source.kind == Kind::Kretprobe;
    if (isKprobe && !QFileInfo::exists(r.root.path + QLatin1String("/kprobe_events")))
        return Storage::Error { Tr::tr("this kernel has no kprobes (%1/kprobe_events is missing: CONFIG_KPROBE_EVENTS); "
                                       "for file opens use --preset opens-libc (uprobes on the system libc)")
                                    .arg(r.root.path) };
    auto def = parseProbeDefinition(source.text, isKprobe ? ProbeDefinition::Kind::Kprobe : ProbeDefinition::Kind::Uprobe,
        source.kind == Kind::Kretprobe || source.kind == Kind::Uretprobe);
    if (!def)
        return Storage::Error { Tr::tr("bad probe definition '%1': %2").arg(source.text, def.error().message) };
    if (isKprobe)
        return Probe { def.value(), source.filter, nullptr };
    auto target = UprobeTarget::open(*def);
    if (!target)
        return Storage::Error { Tr::tr("bad probe definition '%1': %2").arg(source.text, target.error().message) };
    def->fileOffset = (*target)->fileOffset();
    return Probe { def.value(), source.filter, std::move(target.value()) };
}

Failure parseProbes(Recording& r)
{
    for (const RecordOptions::Source& source : r.options.sources) {
        if (source.kind == RecordOptions::SourceKind::Event)
            continue;
        auto probe = parseProbe(r, source);
        if (!probe)
            return fail(probe.error().message.startsWith(QLatin1String("this kernel has no")) ? HelperExit::KernelRefused
                                                                                               : HelperExit::BadProbe,
                probe.error().message);
        for (const Probe& other : r.probes) {
            if (other.name() == probe->name())
                return fail(HelperExit::BadProbe, Tr::tr("two probes are named '%1'; give one another name").arg(probe->name()));
        }
        if (const QString& group = probe->definition.givenGroup; !group.isEmpty())
            r.notes << Tr::tr("'%1': recorded in ftlens's own probe group (the kernel sees %2/%3 while recording), stored as "
                              "%4:%3; the group '%5' is left alone")
                           .arg(source.text, QStringLiteral("ftlens_%1").arg(::getpid()), probe->name(), probe->storedSystem(), group);
        r.probes.push_back(probe.value());
    }
    return {};
}

// A uprobe in a shared library sees nothing of a statically linked COMMAND (busybox-static's
// applets never map the system libc): said up front, since only the programs COMMAND starts
// could still hit it.
void noteUnusedLibraries(Recording& r)
{
    if (r.options.command.isEmpty())
        return;
    const QString program = resolveProgram(r.options.command.constFirst(), ChildProcess::safePath());
    if (program.isEmpty() || isStaticallyLinked(program) != true)
        return;
    const QString programFile = QFileInfo(program).canonicalFilePath();
    QStringList libraries;
    for (const Probe& probe : r.probes) {
        const QString& path = probe.definition.path;
        if (!probe.isKprobe() && QFileInfo(path).canonicalFilePath() != programFile && !libraries.contains(path))
            libraries << path;
    }
    if (!libraries.isEmpty())
        r.notes << Tr::tr("%1 (%2) is statically linked: it never maps %3, so the uprobes there record nothing of it, only of "
                          "dynamically linked programs it starts")
                       .arg(r.options.command.constFirst(), programFile, libraries.join(QLatin1String(", ")));
}

Failure selectEvents(Recording& r)
{
    std::vector<EventRequest> requests;
    for (const RecordOptions::Source& source : r.options.sources) {
        if (source.kind == RecordOptions::SourceKind::Event)
            requests.push_back({ source.text, source.filter });
    }
    auto selected = expandEventRequests(r.root.path + QLatin1String("/events"), requests);
    if (!selected)
        return fail(HelperExit::UnknownEvent, selected.error().message);
    r.events = std::move(selected.value());
    if (r.events.empty() && r.probes.empty() && !r.options.usesFunctionTracer())
        return fail(HelperExit::Usage, Tr::tr("nothing to record: give at least one -e, -p, --preset, --kprobe or --uprobe"));
    return {};
}

// function_graph where the kernel runs it only in the top-level buffer: that buffer is used when
// idle (nothing else can have it meanwhile: its current_tracer is ours), and refused otherwise.
Failure checkTopLevel(Recording& r)
{
    if (r.options.tracer != QLatin1String("function_graph") || !r.caps->functionGraphTopLevelOnly)
        return {};
    if (const QString busy = topLevelBusyReason(r.root.path); !busy.isEmpty())
        return fail(HelperExit::TracerRefused,
            Tr::tr("function_graph runs only in the top-level buffer on this kernel (instances refuse it), and that buffer "
                   "is in use: %1. ftlens-helper takes it only while idle: free it (echo nop > %2/current_tracer; "
                   "echo 0 > %2/events/enable; echo > %2/trace), or record -p function, kprobes (--kprobe) or "
                   "tracepoints (-e) in the helper's own instance instead")
                .arg(busy, r.root.path));
    r.topLevel = true;
    r.notes << Tr::tr("function_graph runs only in the top-level buffer on this kernel: recording there while it is idle; "
                      "every setting changed is put back afterwards");
    return {};
}

// The function tracers are refused before anything is changed when the kernel cannot run them
// (as the capability report found by trying) or a function name matches nothing.
Failure checkTracer(Recording& r)
{
    if (!r.options.usesFunctionTracer())
        return {};
    auto caps = detectCapabilities(r.root.path, false);
    if (!caps)
        return fail(HelperExit::TracerRefused, caps.error().message);
    r.caps = caps.value();
    if (TracerCheck c = checkFunctionTracer(r.options, *r.caps, r.root.path))
        return fail(c->code, c->message);
    r.tracerEvents = functionTracerEvents(r.options.tracer, r.root.path);
    if (r.tracerEvents.isEmpty())
        return fail(HelperExit::TracerRefused, Tr::tr("%1 tracer: this kernel has no formats for its records under %2/events/ftrace")
                                                   .arg(r.options.tracer, r.root.path));
    return checkTopLevel(r);
}

// The tasks -P names and the COMMAND: what set_event_pid and set_ftrace_pid restrict to.
QList<int> recordedPids(const Recording& r)
{
    QList<int> pids = r.options.pids;
    if (r.child)
        pids << r.child->pid();
    return pids;
}

Failure configureInstance(Recording& r)
{
    TraceInstance& instance = *r.instance;
    (void)instance.write(QStringLiteral("tracing_on"), "0");
    const int bufferKb = r.options.bufferKb > 0 ? r.options.bufferKb : defaultBufferKb(r.cpus);
    if (Storage::Status s = instance.write(QStringLiteral("buffer_size_kb"), QByteArray::number(bufferKb)); !s)
        return fail(HelperExit::KernelRefused, s.error().message);
    if (Storage::Status s = instance.write(QStringLiteral("trace_clock"), r.options.clock.toUtf8()); !s)
        return fail(HelperExit::KernelRefused, s.error().message);
    const QList<int> pids = recordedPids(r);
    if (!pids.isEmpty()) {
        QByteArray list;
        for (int pid : std::as_const(pids))
            list += QByteArray::number(pid) + ' ';
        if (Storage::Status s = instance.write(QStringLiteral("set_event_pid"), list); !s)
            return fail(HelperExit::KernelRefused, s.error().message);
        // Children of the recorded tasks are added to set_event_pid by the kernel as they fork.
        if (Storage::Status s = instance.write(QStringLiteral("options/event-fork"), "1"); !s)
            return fail(HelperExit::KernelRefused, s.error().message);
    }
    return {};
}

Failure configureTracer(Recording& r)
{
    if (!r.options.usesFunctionTracer())
        return {};
    if (!r.shared)
        r.shared = std::make_unique<SharedSettings>(r.root.path, r.options.stateDir);
    if (TracerCheck c = configureFunctionTracer(r.options, recordedPids(r), *r.instance, *r.shared))
        return fail(c->code, c->message);
    return {};
}

Failure createProbes(Recording& r)
{
    for (const Probe& probe : r.probes) {
        const QString kernelPath = probe.target ? probe.target->kernelPath() : QString();
        const QByteArray line = probe.definition.kernelLine(r.instance->probeGroup(), kernelPath);
        if (Storage::Status s = r.instance->addProbe(probe.definitionFile(), line, probe.name()); !s) {
            // The user wrote the path, not the descriptor the kernel got.
            QString message = s.error().message;
            return fail(HelperExit::BadProbe, kernelPath.isEmpty() ? message : message.replace(kernelPath, probe.definition.path));
        }
    }
    return {};
}

QByteArray formatText(const Recording& r, const QString& system, const QString& name)
{
    auto text = readTracefsFile(QStringLiteral("%1/events/%2/%3/format").arg(r.root.path, system, name));
    return text ? text.value() : QByteArray();
}

Failure registerEvents(Recording& r)
{
    QStringList systems;
    for (const SelectedEvent& event : r.events) {
        if (!systems.contains(event.system))
            systems << event.system;
    }
    if (!r.probes.empty())
        systems << r.instance->probeGroup();
    if (!r.tracerEvents.isEmpty() && !systems.contains(QLatin1String("ftrace")))
        systems << QStringLiteral("ftrace");
    auto decoder = EventDecoder::create(r.root.path, systems);
    if (!decoder)
        return fail(HelperExit::Failure, decoder.error().message);
    r.decoder = std::move(decoder.value());
    for (const SelectedEvent& event : r.events) {
        if (Storage::Status s = r.decoder->addEvent(*r.writer, event.system, event.name,
                { event.system, QStringLiteral("tracepoint"), {} }, formatText(r, event.system, event.name));
            !s)
            return fail(HelperExit::Failure, s.error().message);
    }
    for (const QString& name : std::as_const(r.tracerEvents)) {
        const EventStorageName storedAs { QStringLiteral("ftrace"), QStringLiteral("tracer"), {}, functionAddressFields() };
        const QString ftrace = QStringLiteral("ftrace");
        if (Storage::Status s = r.decoder->addEvent(*r.writer, ftrace, name, storedAs, formatText(r, ftrace, name)); !s)
            return fail(HelperExit::Failure, s.error().message);
    }
    for (const Probe& probe : r.probes) {
        const QString& group = r.instance->probeGroup();
        const QString kind = probe.isKprobe() ? (probe.definition.isReturn ? QStringLiteral("kretprobe") : QStringLiteral("kprobe"))
                                              : (probe.definition.isReturn ? QStringLiteral("uretprobe") : QStringLiteral("uprobe"));
        const EventStorageName storedAs { probe.storedSystem(), kind, QString::fromUtf8(probe.definition.kernelLine(group)) };
        if (Storage::Status s = r.decoder->addEvent(*r.writer, group, probe.name(), storedAs, formatText(r, group, probe.name())); !s)
            return fail(HelperExit::Failure, s.error().message);
    }
    return {};
}

Failure enableEvents(Recording& r)
{
    auto enable = [&r](const QString& system, const QString& name, const QString& filter) -> Failure {
        if (!filter.isEmpty()) {
            if (Storage::Status s = r.instance->setFilter(system, name, filter); !s)
                return fail(HelperExit::BadFilter, s.error().message);
        }
        if (Storage::Status s = r.instance->enableEvent(system, name); !s)
            return fail(HelperExit::KernelRefused, s.error().message);
        return {};
    };
    for (const SelectedEvent& event : r.events) {
        if (Failure f = enable(event.system, event.name, event.filter))
            return f;
    }
    for (const Probe& probe : r.probes) {
        if (Failure f = enable(r.instance->probeGroup(), probe.name(), probe.filter))
            return f;
    }
    return {};
}

// The output file first, before tracefs is touched: an existing file is refused (or, with
// --force, left alone until the recording is under way) and nothing is ever deleted.
Failure reserveOutput(Recording& r)
{
    const UserAccount* owner = r.options.invokingUser && r.options.outputForInvokingUser ? &*r.options.invokingUser : nullptr;
    OutputReservation reserved = OutputFile::reserve(r.options.output, owner, r.options.force);
    if (!reserved.file)
        return fail(reserved.code, reserved.message);
    r.output = std::move(reserved.file);
    r.options.output = r.output->writingPath();
    if (r.output->replacesExisting())
        r.notes << Tr::tr("%1 exists: recording into %2, which replaces it when the recording ends")
                       .arg(r.output->path(), r.output->writingPath());
    return {};
}

Failure createWriter(Recording& r)
{
    auto writer = Storage::RecordingWriter::create(r.options.output, Storage::WriteMode::Durable, Storage::ExistingFile::UseEmpty);
    if (!writer)
        return fail(HelperExit::OutputError, writer.error().message);
    r.writer = std::move(writer.value());
    if (Storage::Status s = r.output->confirmHeld(); !s)
        return fail(HelperExit::OutputError, s.error().message);
    return {};
}

// The COMMAND runs as the invoking user; as root only for a root login or --run-as-root.
Failure spawnCommand(Recording& r)
{
    if (r.options.command.isEmpty())
        return {};
    const bool asRoot = r.options.runAsRoot || !r.options.invokingUser;
    auto account = asRoot ? accountOf(::geteuid()) : Storage::Result<UserAccount>(*r.options.invokingUser);
    if (!account)
        return fail(HelperExit::CommandFailed, account.error().message);
    r.commandUser = account.value();
    auto child = ChildProcess::spawnHeld(r.options.command, r.commandUser, { r.options.workingDirectory, r.options.commandOutputFd });
    if (!child)
        return fail(HelperExit::CommandFailed, child.error().message);
    r.child = std::move(child.value());
    return {};
}

Failure setUp(Recording& r)
{
    if (Failure f = reserveOutput(r))
        return f;
    auto root = findTracefs(r.options.tracefsDir, true);
    if (!root)
        return fail(HelperExit::NoTracefs, root.error().message);
    r.root = root.value();
    r.cpus = cpuCount(r.root.path);
    // Shared settings first: a crashed helper's funcgraph options are restored through its instance.
    r.notes << SharedSettings::restoreStale(r.root.path, r.options.stateDir);
    TraceInstance::removeStale(r.root.path);
    if (Failure f = expandPresets(r))
        return f;
    if (Failure f = parseProbes(r))
        return f;
    noteUnusedLibraries(r);
    if (Failure f = selectEvents(r))
        return f;
    if (Failure f = checkTracer(r))
        return f;
    if (Failure f = createWriter(r))
        return f;
    if (Failure f = spawnCommand(r))
        return f;
    if (r.topLevel) {
        r.shared = std::make_unique<SharedSettings>(r.root.path, r.options.stateDir);
        r.instance = TraceInstance::useTopLevel(r.root.path, *r.shared);
    } else {
        auto instance = TraceInstance::create(r.root.path);
        if (!instance)
            return fail(HelperExit::KernelRefused, instance.error().message);
        r.instance = std::move(instance.value());
    }
    for (auto step : { configureInstance, configureTracer, createProbes, registerEvents, enableEvents }) {
        if (Failure f = step(r))
            return f;
    }
    return {};
}

Storage::Status drainInto(Recording& r, std::uint64_t watermark)
{
    return r.merger->drain(watermark, [&r](int cpu, std::uint64_t ts, const char* data, int size) {
        return r.decoder->decode(*r.writer, cpu, ts, data, size);
    });
}

// What stops the recording, checked between batches; empty while it should go on.
QString stopReason(Recording& r, const std::atomic<bool>& stopRequested, std::chrono::steady_clock::time_point start)
{
    if (stopRequested.load())
        return QStringLiteral("signal");
    if (r.child) {
        if (auto status = r.child->poll()) {
            r.commandStatus = status;
            return QStringLiteral("command exited");
        }
    }
    if (r.options.durationSeconds > 0
        && std::chrono::steady_clock::now() - start >= std::chrono::duration<double>(r.options.durationSeconds))
        return QStringLiteral("duration");
    return {};
}

// A CPU's stats file as the kernel shows it now, with what the merger found in its pages.
Storage::CpuStats cpuStats(const Recording& r, int cpu)
{
    Storage::CpuStats stats = readCpuStats(r.instance->dir(), cpu);
    stats.missedEvents = r.merger->missedEvents(cpu);
    stats.droppedPages = r.merger->droppedPages(cpu);
    return stats;
}

// What a CPU lost: the kernel's overflows (its counters or the pages' reports, whichever is
// larger) and the pages dropped as corrupt, at least one event each (as the reader sums them).
std::int64_t lostOn(const Storage::CpuStats& stats)
{
    return std::max(stats.overrun + stats.commitOverrun + stats.droppedEvents, stats.missedEvents) + stats.droppedPages;
}

// Written and lost so far (cheap: one small file per CPU).
RecordProgress progressSoFar(const Recording& r)
{
    RecordProgress progress;
    progress.events = r.writer->eventCount();
    for (int cpu = 0; cpu < r.cpus; ++cpu) {
        progress.lostPerCpu.push_back(lostOn(cpuStats(r, cpu)));
        progress.lost += progress.lostPerCpu.back();
    }
    return progress;
}

Storage::Status recordLoop(Recording& r, const std::atomic<bool>& stopRequested, const RecordSession::Progress& progress)
{
    const auto start = std::chrono::steady_clock::now();
    auto lastCommit = start;
    auto lastProgress = start;
    std::int64_t committedEvents = 0;
    while ((r.stopReason = stopReason(r, stopRequested, start)).isEmpty()) {
        RingBufferReader::Batch batch = r.reader->take(20);
        for (RawPage& page : batch.pages)
            r.merger->addPage(std::move(page));
        const std::int64_t watermark = batch.drainedBefore - inFlightSlackNs;
        if (Storage::Status s = drainInto(r, watermark > 0 ? std::uint64_t(watermark) : 0); !s)
            return s;
        if (std::chrono::steady_clock::now() - lastCommit >= commitInterval
            || r.writer->eventCount() - committedEvents >= commitEvents) {
            if (Storage::Status s = r.writer->commit(); !s)
                return s;
            lastCommit = std::chrono::steady_clock::now();
            committedEvents = r.writer->eventCount();
            // Threads a library started meanwhile (the kernel follows them itself with event-fork).
            if (r.selfExclusion == SelfExclusion::Writer)
                r.ownThreads.refresh();
        }
        if (progress && std::chrono::steady_clock::now() - lastProgress >= std::chrono::seconds(1)) {
            progress(progressSoFar(r));
            lastProgress = std::chrono::steady_clock::now();
        }
    }
    return {};
}

Storage::Status stopAndDrain(Recording& r)
{
    r.instance->stopTracing();
    r.reader->stopAndDrain();
    RingBufferReader::Batch batch = r.reader->take(0);
    for (RawPage& page : batch.pages)
        r.merger->addPage(std::move(page));
    return drainInto(r, UINT64_MAX);
}

Storage::Status writeTrailer(Recording& r)
{
    for (int cpu = 0; cpu < r.cpus; ++cpu) {
        const Storage::CpuStats stats = cpuStats(r, cpu);
        r.lostEvents += lostOn(stats);
        if (Storage::Status s = r.writer->setCpuStats(stats); !s)
            return s;
    }
    if (auto cmdlines = readTracefsFile(r.root.path + QLatin1String("/saved_cmdlines")))
        r.decoder->taskNames().parseSavedCmdlines(cmdlines.value());
    if (auto tgids = readTracefsFile(r.root.path + QLatin1String("/saved_tgids")))
        r.decoder->taskNames().parseSavedTgids(tgids.value());
    if (Storage::Status s = r.decoder->taskNames().writeTo(*r.writer); !s)
        return s;
    return writeStopMeta(*r.writer, r.stopReason, r.commandStatus,
        { r.decoder->unknownEvents(), r.decoder->malformedEvents(), r.decoder->ownEventsDropped() });
}

Storage::Status writeCapabilities(Recording& r)
{
    if (!r.caps) {
        auto caps = detectCapabilities(r.root.path, false);
        if (!caps)
            return {};
        r.caps = caps.value();
    }
    const QByteArray json = QJsonDocument(capabilitiesToJson(*r.caps)).toJson(QJsonDocument::Compact);
    return r.writer->setMeta("capabilities", json.toStdString());
}

HelperExit exitFor(const Storage::Error& error)
{
    return error.message.contains(QLatin1String("disk full")) ? HelperExit::DiskFull : HelperExit::Failure;
}
} // namespace

int defaultBufferKb(int cpus)
{
    const int perCpu = (256 * 1024) / std::max(cpus, 1);
    return std::clamp(perCpu, 2048, 16384);
}

RecordSession::RecordSession(RecordOptions options, const std::atomic<bool>& stopRequested, Notify notify,
    Progress progress)
    : m_options(std::move(options))
    , m_stopRequested(stopRequested)
    , m_notify(std::move(notify))
    , m_progress(std::move(progress))
{
}

void RecordSession::onStarted(Started started) { m_started = std::move(started); }

namespace {
// Once the helper has its threads (the reader's included) and before tracing is on: the kernel
// leaves them out where it can, else the writer drops their events. The COMMAND was forked in
// setUp(), before this: event-fork takes along only the children these threads fork from now on.
Failure excludeSelf(Recording& r)
{
    r.ownThreads.refresh();
    auto mode = excludeOwnThreads(*r.instance, r.options.usesFunctionTracer(), r.ownThreads);
    r.selfExclusion = mode ? mode.value() : SelfExclusion::Writer;
    if (r.selfExclusion == SelfExclusion::Writer) {
        r.decoder->dropEventsOf(&r.ownThreads);
        const QString why = mode ? Tr::tr("no %1 in the instance, Linux 5.8 or later")
                                       .arg(r.options.usesFunctionTracer() ? QStringLiteral("set_event_notrace_pid or set_ftrace_notrace_pid")
                                                                           : QStringLiteral("set_event_notrace_pid"))
                                 : mode.error().message;
        r.notes << Tr::tr("this kernel cannot leave the helper's own threads out of the recording (%1): their events "
                          "are dropped before storing (meta self_events_dropped)")
                       .arg(why);
    }
    if (Storage::Status s = r.writer->setMeta("self_exclusion", selfExclusionName(r.selfExclusion).toStdString()); !s)
        return RecordOutcome { exitFor(s.error()), s.error().message, 0, 0, 0, true };
    return {};
}

// Meta, task names from /proc, the reader thread, tracing on: everything up to the first event.
Failure startRecording(Recording& r)
{
    if (Storage::Status s = writeStartMeta(*r.writer, r.options, r.root.path, r.cpus); !s)
        return RecordOutcome { exitFor(s.error()), s.error().message, 0, 0, 0, true };
    r.decoder->taskNames().scanProc();
    if (Storage::Status s = r.writer->setMeta("trace_buffer", r.topLevel ? "top-level" : "instance"); !s)
        return RecordOutcome { exitFor(s.error()), s.error().message, 0, 0, 0, true };
    if (!r.presetPlaces.isEmpty()) {
        if (Storage::Status s = r.writer->setMeta("preset_places", r.presetPlaces.join(QLatin1Char(' ')).toStdString()); !s)
            return RecordOutcome { exitFor(s.error()), s.error().message, 0, 0, 0, true };
    }
    if (r.child) {
        for (const auto& [key, value] : { std::pair { "command_pid", std::to_string(r.child->pid()) },
                 std::pair { "command_uid", std::to_string(r.commandUser.uid) }, std::pair { "command_user", r.commandUser.name.toStdString() } }) {
            if (Storage::Status s = r.writer->setMeta(key, value); !s)
                return RecordOutcome { exitFor(s.error()), s.error().message, 0, 0, 0, true };
        }
        r.decoder->taskNames().note(r.child->pid(), QFileInfo(r.options.command.constFirst()).fileName().left(15).toStdString(),
            TaskNames::Source::Launch);
    }
    auto reader = RingBufferReader::open(r.root.path, r.instance->name(), r.cpus);
    if (!reader)
        return RecordOutcome { HelperExit::Failure, reader.error().message, 0, 0, 0, true };
    r.reader = std::move(reader.value());
    r.merger = std::make_unique<EventMerger>(r.cpus);
    r.reader->start();
    if (Failure f = excludeSelf(r))
        return f;
    if (Storage::Status s = r.instance->write(QStringLiteral("tracing_on"), "1"); !s)
        return RecordOutcome { HelperExit::KernelRefused, s.error().message, 0, 0, 0, true };
    return {};
}

// Stops the command and the kernel, writes what is still buffered, the trailer, and finishes.
RecordOutcome stopAndFinish(Recording& r, RecordOutcome outcome, Storage::Status status)
{
    if (r.stopReason.isEmpty())
        r.stopReason = outcome.code == HelperExit::Ok ? QStringLiteral("write error") : QStringLiteral("command failed");
    if (r.child && !r.commandStatus)
        r.child->terminate();
    Storage::Status drained = stopAndDrain(r);
    if (status && !drained)
        status = drained;
    if (status)
        status = writeTrailer(r);
    // The kernel's settings for all instances (and the top-level buffer's) go back as soon as the
    // tracer is off and the per-CPU counts are read (setting the top level's tracer resets them),
    // and the reader's files are closed (the kernel refuses another tracer while they are open).
    r.reader.reset();
    if (r.shared)
        r.notes << r.shared->restore();
    if (status)
        status = r.writer->finish();
    r.finished = status.ok();
    outcome.events = r.writer->eventCount();
    outcome.lostEvents = r.lostEvents;
    if (!status) {
        outcome.code = exitFor(status.error());
        outcome.message = status.error().message;
    }
    return outcome;
}

// The recording is over, or never got going: SQLite lets go of the file, which goes to its owner.
// It replaces an old file only once tracing ran and the COMMAND started, so a failed start never
// costs the old recording; a file with nothing worth keeping is removed.
void settleOutput(Recording& r, RecordOutcome& outcome, bool started)
{
    r.writer.reset();
    if (!r.output)
        return;
    if (!outcome.fileKept || (!started && r.output->replacesExisting())) {
        r.output->discard();
        if (r.output->replacesExisting())
            r.notes << Tr::tr("%1 is left as it was").arg(r.output->path());
        outcome.fileKept = false;
        return;
    }
    if (Storage::Status s = r.output->handOver(); !s) {
        if (outcome.code == HelperExit::Ok) {
            outcome.code = HelperExit::OutputError;
            outcome.message = s.error().message;
        } else {
            r.notes << s.error().message;
        }
    }
    outcome.file = r.output->writingPath();
}

// Names the kernel addresses the function tracers recorded, through kallsyms, into the finished
// file's kernel_symbol table. A problem leaves the addresses unnamed, never the recording broken.
void storeKernelSymbols(Recording& r)
{
    if (!r.options.usesFunctionTracer() || !r.finished)
        return;
    r.writer.reset(); // the file is finished: one connection at a time
    auto table = KernelSymbolTable::load(r.options.kallsymsPath);
    if (!table) {
        r.notes << Tr::tr("kernel addresses stay unnamed: %1").arg(table.error().message);
        return;
    }
    if (table->addressesHidden())
        r.notes << Tr::tr("kernel addresses stay unnamed: %1 shows every address as 0 (kernel.kptr_restrict or lockdown)")
                       .arg(r.options.kallsymsPath);
    std::vector<Storage::KernelSymbol> symbols;
    for (std::uint64_t address : r.decoder->kernelAddresses()) {
        if (std::optional<std::string> name = table->nameFor(address))
            symbols.push_back({ address, std::move(*name) });
    }
    std::sort(symbols.begin(), symbols.end(), [](const auto& a, const auto& b) { return a.address < b.address; });
    if (Storage::Status s = Storage::writeKernelSymbols(r.options.output, symbols); !s)
        r.notes << Tr::tr("kernel addresses stay unnamed: %1").arg(s.error().message);
}
} // namespace

RecordOutcome RecordSession::run()
{
    Recording r;
    r.options = m_options;
    const auto sayNotes = [this, &r] {
        for (const QString& note : std::as_const(r.notes))
            m_notify(note);
        r.notes.clear();
    };
    if (Failure f = setUp(r)) {
        // Nothing was recorded: leave no half-made file behind (and nothing else is touched).
        settleOutput(r, *f, false);
        sayNotes();
        return *f;
    }
    sayNotes();
    if (Failure f = startRecording(r)) {
        settleOutput(r, *f, false);
        sayNotes();
        return *f;
    }
    sayNotes();
    const auto started = std::chrono::steady_clock::now();
    m_notify(Tr::tr("recording %1 event types into %2%3")
                 .arg(r.events.size() + r.probes.size() + std::size_t(r.tracerEvents.size()))
                 .arg(m_options.output, r.child ? QString() : Tr::tr(" (Ctrl-C to stop)")));
    RecordOutcome outcome { HelperExit::Ok, {}, 0, 0, 0, true };
    if (r.child) {
        if (Storage::Status s = r.child->release(); !s)
            outcome = { HelperExit::CommandFailed, s.error().message, 0, 0, 0, true };
    }
    const bool commandStarted = outcome.code == HelperExit::Ok;
    if (commandStarted && m_started)
        m_started();
    // Probed while the command already runs: the reader thread keeps draining meanwhile.
    Storage::Status status = writeCapabilities(r);
    if (status && outcome.code == HelperExit::Ok)
        status = recordLoop(r, m_stopRequested, m_progress);
    outcome = stopAndFinish(r, outcome, status);
    storeKernelSymbols(r);
    settleOutput(r, outcome, commandStarted);
    sayNotes();
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (r.commandStatus && *r.commandStatus != 0 && outcome.code == HelperExit::Ok)
        m_notify(Tr::tr("the command exited with status %1").arg(*r.commandStatus));
    return outcome;
}

} // namespace Recorder
