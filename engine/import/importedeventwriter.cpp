// SPDX-License-Identifier: GPL-3.0-or-later
#include "importedeventwriter.h"

#include "batchhandoff.h"

#include <algorithm>

namespace Engine {

using Storage::Schema::FieldStorage;

namespace {
// Commit this often, so that what is not in the file yet (the WAL, or the cache's changed pages
// without a journal) stays bounded.
constexpr std::int64_t commitInterval = 1 << 18;
constexpr std::int64_t progressInterval = 1 << 14;
// Events decoded per batch, and batches on the way: enough to even out the two threads' pace.
constexpr std::size_t batchEvents = 1024;
constexpr std::size_t batchesInFlight = 4;

std::string_view firstLine(std::string_view text)
{
    const std::size_t newline = text.find('\n');
    return newline == std::string_view::npos ? text : text.substr(0, newline);
}
} // namespace

// Plain values, so writing needs nothing else. Text values are copied: read where they are in
// the input, they would be read by the writing thread from all over the text, which its cache
// has not seen (the decoding thread read it), and that alone took close to a tenth of the import.
struct ImportedEventWriter::Batch {
    struct Event {
        int type = 0; // the writer's type id
        int cpu = 0;
        int pid = 0;
        int flags = 0;
        int preemptCount = 0;
        std::int64_t ts = 0;
        std::size_t fieldsEnd = 0; // its fields end here in `fields`
        std::size_t framesEnd = 0; // its frames end here in `frames`
        bool isStack = false;
    };
    struct Frame {
        bool user = false;
        bool hasAddress = false;
        std::uint64_t address = 0;
        std::uint32_t nameSize = 0;
        std::size_t nameOffset = 0; // in `text`
    };
    struct Field {
        int index = 0;
        bool isText = false;
        std::uint32_t textSize = 0;
        std::int64_t number = 0; // text: its offset in `text`
    };
    std::vector<Event> events;
    std::vector<Field> fields;
    std::vector<Frame> frames;
    std::string text;

    void addText(int index, std::string_view value)
    {
        fields.push_back({ index, true, std::uint32_t(value.size()), std::int64_t(text.size()) });
        text.append(value);
    }
    std::string_view textOf(const Field& field) const { return std::string_view(text).substr(std::size_t(field.number), field.textSize); }
    void clear()
    {
        events.clear();
        fields.clear();
        frames.clear();
        text.clear();
    }
};

ImportedEventWriter::ImportedEventWriter(std::string_view text, ImportTypeRegistry& types, Storage::RecordingWriter& writer,
    TextDialect dialect)
    : m_text(text)
    , m_dialect(dialect)
    , m_types(types)
    , m_writer(writer)
{
}

Storage::Status ImportedEventWriter::addTypes()
{
    for (int type = 0; type < m_types.typeCount(); ++type) {
        auto id = m_writer.addEventType(m_types.spec(type));
        if (!id)
            return id.error();
        m_writerTypeIds.push_back(id.value());
        std::vector<FieldStorage> storage;
        for (const ImportTypeRegistry::Field& field : m_types.type(type).fields)
            storage.push_back(field.storage());
        m_storage.push_back(std::move(storage));
    }
    return {};
}

Storage::Status ImportedEventWriter::addEvents(const std::vector<ImportedEventRef>& events, const Progress& progress)
{
    std::int64_t done = 0;
    if (events.size() <= batchEvents) { // not worth a thread
        Batch batch;
        decode(events.data(), events.size(), batch);
        return write(batch, done, progress);
    }
    BatchHandoff<Batch> handoff(batchesInFlight);
    const auto decodeAll = [&] {
        for (std::size_t begin = 0; begin < events.size(); begin += batchEvents) {
            Batch* batch = handoff.takeEmpty();
            if (!batch)
                break;
            decode(events.data() + begin, std::min(batchEvents, events.size() - begin), *batch);
            handoff.putFull(batch);
        }
    };
    Storage::Status status;
    runHandoff(handoff, "ftlens-decode", decodeAll, [&] {
        while (Batch* batch = handoff.takeFull()) {
            status = write(*batch, done, progress);
            handoff.putEmpty(batch);
            if (!status)
                break;
        }
    });
    return status;
}

void ImportedEventWriter::decode(const ImportedEventRef* events, std::size_t count, Batch& out)
{
    out.clear();
    for (const ImportedEventRef* ref = events; ref != events + count; ++ref) {
        const std::string_view text = m_text.substr(ref->offset, ref->length);
        const FtraceLine line = parseTraceLine(firstLine(text), m_dialect);
        const FtraceEventDecoder::Event& event = m_decoder.decode(line);
        const int type = m_types.typeFor(event.shape);
        for (std::size_t i = 0; i < event.fields.size(); ++i)
            decodeField(type, m_types.fieldFor(type, i, event.fields[i].name), event.fields[i], out);
        if (event.isStack)
            decodeStack(type, text, out);
        else
            appendContinuation(text, out);
        decodeFrames(text, out);
        out.events.push_back({ m_writerTypeIds[std::size_t(type)], line.cpu, line.pid, line.flags, line.preemptCount,
            line.ts, out.fields.size(), out.frames.size(), event.isStack });
    }
}

void ImportedEventWriter::decodeField(int type, int field, const PayloadField& value, Batch& out)
{
    if (m_storage[std::size_t(type)][std::size_t(field)] == FieldStorage::Text) {
        out.addText(field, value.value);
        return;
    }
    // The line's own format (fs:do_sys_open), else the field's over the whole file (bare hex).
    const ValueFormat format = value.format != ValueFormat::Auto ? value.format : m_types.type(type).fields[std::size_t(field)].format;
    out.fields.push_back({ field, false, 0, numericValue(value.value, format) });
}

void ImportedEventWriter::decodeStack(int type, std::string_view text, Batch& out)
{
    // " => frame" lines after the event line, one frame a line, innermost first.
    const std::size_t start = out.text.size();
    std::size_t pos = text.find('\n');
    while (pos != std::string_view::npos) {
        std::string_view frame = firstLine(text.substr(pos + 1));
        pos = text.find('\n', pos + 1);
        const FtraceLine parsed = parseTraceLine(frame, m_dialect);
        if (out.text.size() > start)
            out.text += '\n';
        out.text += parsed.payload;
    }
    out.fields.push_back({ m_types.fieldFor(type, 0, "stack"), true, std::uint32_t(out.text.size() - start), std::int64_t(start) });
}

// A trace_printk message over several lines: the lines after the event's (that are not frames)
// go on its last text field, which is the last text of the batch.
void ImportedEventWriter::appendContinuation(std::string_view text, Batch& out)
{
    if (out.fields.empty() || !out.fields.back().isText)
        return;
    Batch::Field& field = out.fields.back();
    if (std::size_t(field.number) + field.textSize != out.text.size())
        return;
    for (std::size_t pos = text.find('\n'); pos != std::string_view::npos; pos = text.find('\n', pos + 1)) {
        const std::string_view line = firstLine(text.substr(pos + 1));
        if (parseTraceLine(line, m_dialect).kind == FtraceLine::Kind::StackFrame)
            continue;
        out.text += '\n';
        out.text.append(line.substr(line.find_first_not_of(' ') == std::string_view::npos ? 0 : line.find_first_not_of(' ')));
    }
    field.textSize = std::uint32_t(out.text.size() - std::size_t(field.number));
}

// The frame lines after an event's line, one frame a line, innermost first.
void ImportedEventWriter::decodeFrames(std::string_view text, Batch& out)
{
    for (std::size_t pos = text.find('\n'); pos != std::string_view::npos; pos = text.find('\n', pos + 1)) {
        const FtraceLine frame = parseTraceLine(firstLine(text.substr(pos + 1)), m_dialect);
        if (frame.kind != FtraceLine::Kind::StackFrame)
            continue;
        out.frames.push_back({ frame.userFrame, frame.hasAddress, frame.address, std::uint32_t(frame.payload.size()), out.text.size() });
        out.text.append(frame.payload);
    }
}

Storage::Status ImportedEventWriter::writeFrames(const Batch& batch, std::size_t from, std::size_t to, bool isStack, int cpu)
{
    const std::int64_t self = m_writer.eventCount();
    const std::int64_t owner = isStack && cpu >= 0 && std::size_t(cpu) < m_lastEvent.size() && m_lastEvent[std::size_t(cpu)] ? m_lastEvent[std::size_t(cpu)] : self;
    int depth[2] = { 0, 0 }; // kernel, user
    for (std::size_t i = from; i < to; ++i) {
        const Batch::Frame& frame = batch.frames[i];
        Storage::RecordingWriter::StackFrame row;
        row.eventId = owner;
        row.user = frame.user;
        row.depth = depth[frame.user ? 1 : 0]++;
        row.stackId = isStack ? self : 0;
        if (frame.hasAddress)
            row.address = frame.address;
        row.name = std::string_view(batch.text).substr(frame.nameOffset, frame.nameSize);
        if (Storage::Status s = m_writer.addStackFrame(row); !s)
            return s;
    }
    return {};
}

Storage::Status ImportedEventWriter::write(const Batch& batch, std::int64_t& done, const Progress& progress)
{
    std::size_t field = 0;
    std::size_t frame = 0;
    for (const Batch::Event& event : batch.events) {
        m_writer.beginEvent(event.type, event.ts, event.cpu, event.pid, event.flags, event.preemptCount);
        for (; field < event.fieldsEnd; ++field) {
            const Batch::Field& value = batch.fields[field];
            if (value.isText)
                m_writer.setText(value.index, batch.textOf(value));
            else
                m_writer.setInt(value.index, value.number);
        }
        if (Storage::Status s = m_writer.endEvent(); !s)
            return s;
        if (Storage::Status s = writeFrames(batch, frame, event.framesEnd, event.isStack, event.cpu); !s)
            return s;
        frame = event.framesEnd;
        if (!event.isStack && event.cpu >= 0 && event.cpu < (1 << 16)) {
            if (m_lastEvent.size() <= std::size_t(event.cpu))
                m_lastEvent.resize(std::size_t(event.cpu) + 1, 0);
            m_lastEvent[std::size_t(event.cpu)] = m_writer.eventCount();
        }
        ++done;
        if (done % commitInterval == 0) {
            if (Storage::Status s = m_writer.commit(); !s)
                return s;
        }
        if (done % progressInterval == 0 && progress && !progress(done))
            return Storage::Error {};
    }
    return {};
}

} // namespace Engine
