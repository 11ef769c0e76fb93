// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracedatrecords.h"

#include "tracecmdapi.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

// Progress and cancellation are looked at this often (records).
constexpr std::int64_t progressInterval = 4096;
// Commit this often, so what is not in the file yet stays bounded.
constexpr std::int64_t commitInterval = 1 << 18;
constexpr int maxCpu = 8192;

int onRecordCallback(tracecmd_input* handle, tep_record* record, int, void* data)
{
    return static_cast<TraceDatRecords*>(data)->onRecord(handle, record);
}

bool isFunctionTracerEvent(std::string_view system, std::string_view name)
{
    return system == "ftrace" && (name == "function" || name == "funcgraph_entry" || name == "funcgraph_exit");
}

std::string hexAddress(unsigned long long address)
{
    char text[24];
    std::snprintf(text, sizeof text, "0x%llx", address);
    return text;
}

// A number field of the record, when the record holds it (libtraceevent does not look).
bool readField(tep_format_field* field, const tep_record* record, unsigned long long& value)
{
    if (!field || field->offset < 0 || field->size <= 0 || field->offset + field->size > record->size)
        return false;
    return tep_read_number_field(field, record->data, &value) == 0;
}

// Where a probe sits, as the recorder's probe definitions name it, from its first record: the
// kernel function of a kprobe's address, the address of a uprobe.
struct ProbeShape {
    QString kind;
    QString definition;
};

std::optional<ProbeShape> probeShape(tep_event* event, tep_record* record)
{
    tep_format_field* ip = tep_find_field(event, "__probe_ip");
    tep_format_field* func = tep_find_field(event, "__probe_func");
    const bool isReturn = !ip && func && tep_find_field(event, "__probe_ret_ip");
    if (!ip && !isReturn)
        return std::nullopt;
    const std::string_view system(event->system);
    const bool user = system.starts_with("uprobes") || system.starts_with("probe_");
    unsigned long long address = 0;
    readField(isReturn ? func : ip, record, address);
    const char* function = user ? nullptr : tep_find_function(event->tep, address);
    const std::string place = function ? std::string(function) : hexAddress(address);
    ProbeShape shape;
    shape.kind = QLatin1String(user ? (isReturn ? "uretprobe" : "uprobe") : (isReturn ? "kretprobe" : "kprobe"));
    shape.definition = QString::fromStdString((isReturn ? "r:" : "p:") + std::string(system) + '/' + event->name + ' ' + place);
    return shape;
}
} // namespace

TraceDatRecords::TraceDatRecords(const TraceDatInput& input, Storage::RecordingWriter& writer)
    : m_input(input)
    , m_writer(writer)
{
    for (const TraceDatInput::Buffer& source : input.buffers()) {
        Buffer buffer;
        buffer.handle = source.handle;
        buffer.name = source.name;
        buffer.decoder = Recorder::EventDecoder::forFormats(tracecmd_get_tep(source.handle));
        m_buffers.push_back(std::move(buffer));
    }
    for (const TraceDatBuffer& buffer : input.layout().buffers) {
        for (const TraceDatCpu& cpu : buffer.cpus)
            m_totalBytes += cpu.dataSize;
    }
}

Storage::Result<bool> TraceDatRecords::readAll(const Progress& progress)
{
    std::vector<tracecmd_input*> handles;
    for (const Buffer& buffer : m_buffers)
        handles.push_back(buffer.handle);
    m_progress = &progress;
    tracecmd_iterate_events_multi(handles.data(), int(handles.size()), onRecordCallback, this);
    m_progress = nullptr;
    if (!m_status)
        return m_status.error();
    return !m_stopped;
}

int TraceDatRecords::onRecord(tracecmd_input* handle, tep_record* record)
{
    auto buffer = std::find_if(m_buffers.begin(), m_buffers.end(), [handle](const Buffer& b) { return b.handle == handle; });
    if (buffer == m_buffers.end() || record->cpu < 0 || record->cpu >= maxCpu)
        return 0;
    tep_handle* tep = tracecmd_get_tep(handle);
    const int id = tep_data_type(tep, record);
    tep_event* event = tep_find_event(tep, id);
    if (event && !buffer->decoder->hasEvent(id)) {
        if (m_status = addType(*buffer, event, record); !m_status)
            return -1;
    }
    const std::int64_t before = m_writer.eventCount();
    if (m_status = buffer->decoder->decode(m_writer, record->cpu, record->ts, static_cast<const char*>(record->data), record->size); !m_status)
        return -1;
    const auto cpu = std::size_t(record->cpu);
    if (buffer->lastEvent.size() <= cpu)
        buffer->lastEvent.resize(cpu + 1, 0);
    if (m_writer.eventCount() > before) {
        m_pids.insert(tep_data_pid(tep, record));
        const StackKind stack = std::size_t(id) < m_stackKinds.size() ? m_stackKinds[std::size_t(id)] : StackKind::None;
        if (stack == StackKind::None)
            buffer->lastEvent[cpu] = m_writer.eventCount();
        else if (m_status = addStack(*buffer, event, record, stack); !m_status)
            return -1;
    }
    // The page this record is on said events were lost before it: -1 when it did not say how many.
    if (record->missed_events)
        m_missed[record->cpu] += record->missed_events > 0 ? record->missed_events : 1;
    noteProgress(*buffer, record);
    if (++m_records % commitInterval == 0) {
        if (m_status = m_writer.commit(); !m_status)
            return -1;
    }
    if (m_records % progressInterval == 0 && *m_progress && !(*m_progress)(fractionDone())) {
        m_stopped = true;
        return -1;
    }
    return 0;
}

Storage::Status TraceDatRecords::addType(Buffer& buffer, tep_event* event, tep_record* record)
{
    const std::string system(event->system);
    const std::string name(event->name);
    Recorder::EventStorageName storedAs;
    storedAs.system = QString::fromStdString(buffer.name.empty() ? system : buffer.name + '/' + system);
    storedAs.kind = QStringLiteral("tracepoint");
    if (isFunctionTracerEvent(system, name)) {
        storedAs.kind = QStringLiteral("tracer");
        storedAs.addressFields = { QStringLiteral("ip"), QStringLiteral("parent_ip"), QStringLiteral("func") };
    } else if (const auto probe = probeShape(event, record)) {
        storedAs.kind = probe->kind;
        storedAs.definition = probe->definition;
    }
    const auto& formats = m_input.layout().formats;
    const auto format = std::find_if(formats.begin(), formats.end(), [&](const TraceDatFormat& f) { return f.system == system && f.name == name; });
    const QByteArray text = format == formats.end() ? QByteArray() : QByteArray::fromStdString(format->text);
    if (Storage::Status s = buffer.decoder->addEvent(m_writer, QString::fromStdString(system), QString::fromStdString(name), storedAs, text); !s)
        return s;
    ++m_types;
    m_typeNames.insert(storedAs.system.toStdString() + ':' + name);
    if (m_stackKinds.size() <= std::size_t(event->id))
        m_stackKinds.resize(std::size_t(event->id) + 1, StackKind::None);
    if (system == "ftrace" && (name == "kernel_stack" || name == "user_stack"))
        m_stackKinds[std::size_t(event->id)] = name == "kernel_stack" ? StackKind::Kernel : StackKind::User;
    return {};
}

// The frames of a kernel_stack or user_stack record: `caller` holds `size` addresses (the
// format says 8; the kernel writes as many as the stack has), innermost first, each a long. Old
// kernels end a shorter stack with ULONG_MAX, user stacks with 0.
Storage::Status TraceDatRecords::addStack(Buffer& buffer, tep_event* event, tep_record* record, StackKind kind)
{
    tep_format_field* caller = tep_find_field(event, "caller");
    if (!caller || caller->offset < 0 || caller->offset > record->size)
        return {};
    const int width = caller->elementsize == 4 || caller->elementsize == 8 ? caller->elementsize : tep_get_long_size(event->tep);
    const unsigned long long end = width == 8 ? ~0ull : 0xffffffffull;
    int frames = (record->size - caller->offset) / width;
    unsigned long long count = 0;
    if (readField(tep_find_field(event, "size"), record, count) && count > 0)
        frames = std::min<int>(frames, int(std::min<unsigned long long>(count, 1u << 16)));
    const std::int64_t stackId = m_writer.eventCount();
    const std::int64_t owner = buffer.lastEvent[std::size_t(record->cpu)];
    const char* data = static_cast<const char*>(record->data);
    for (int depth = 0; depth < frames; ++depth) {
        const unsigned long long address = tep_read_number(event->tep, data + caller->offset + depth * width, width);
        if (address == end || (kind == StackKind::User && address == 0))
            break;
        Storage::RecordingWriter::StackFrame frame;
        frame.eventId = owner > 0 ? owner : stackId;
        frame.user = kind == StackKind::User;
        frame.depth = depth;
        frame.stackId = stackId;
        frame.address = address;
        const char* name = kind == StackKind::Kernel ? tep_find_function(event->tep, address) : nullptr;
        frame.name = name ? std::string_view(name) : std::string_view();
        if (Storage::Status s = m_writer.addStackFrame(frame); !s)
            return s;
    }
    return {};
}

void TraceDatRecords::noteProgress(Buffer& buffer, const tep_record* record)
{
    const auto cpu = std::size_t(record->cpu);
    if (buffer.firstOffset.size() <= cpu) {
        buffer.firstOffset.resize(cpu + 1, 0);
        buffer.lastOffset.resize(cpu + 1, 0);
    }
    if (buffer.firstOffset[cpu] == 0)
        buffer.firstOffset[cpu] = record->offset;
    buffer.lastOffset[cpu] = record->offset;
}

double TraceDatRecords::fractionDone() const
{
    std::uint64_t done = 0;
    for (const Buffer& buffer : m_buffers) {
        for (std::size_t cpu = 0; cpu < buffer.firstOffset.size(); ++cpu)
            done += buffer.lastOffset[cpu] - buffer.firstOffset[cpu];
    }
    return m_totalBytes ? std::min(1.0, double(done) / double(m_totalBytes)) : 0.0;
}

std::int64_t TraceDatRecords::unknownEvents() const
{
    std::int64_t n = 0;
    for (const Buffer& buffer : m_buffers)
        n += buffer.decoder->unknownEvents();
    return n;
}

std::int64_t TraceDatRecords::malformedEvents() const
{
    std::int64_t n = 0;
    for (const Buffer& buffer : m_buffers)
        n += buffer.decoder->malformedEvents();
    return n;
}

std::unordered_set<std::uint64_t> TraceDatRecords::kernelAddresses() const
{
    std::unordered_set<std::uint64_t> addresses;
    for (const Buffer& buffer : m_buffers)
        addresses.insert(buffer.decoder->kernelAddresses().begin(), buffer.decoder->kernelAddresses().end());
    return addresses;
}

bool TraceDatRecords::hasType(const char* system, const char* name) const
{
    return m_typeNames.count(std::string(system) + ':' + name) > 0;
}

} // namespace Engine
