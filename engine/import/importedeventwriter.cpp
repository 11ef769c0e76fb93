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
    };
    struct Field {
        int index = 0;
        bool isText = false;
        std::uint32_t textSize = 0;
        std::int64_t number = 0; // text: its offset in `text`
    };
    std::vector<Event> events;
    std::vector<Field> fields;
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
        text.clear();
    }
};

ImportedEventWriter::ImportedEventWriter(std::string_view text, ImportTypeRegistry& types, Storage::RecordingWriter& writer)
    : m_text(text)
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
        const FtraceLine line = parseFtraceLine(firstLine(text));
        const FtraceEventDecoder::Event& event = m_decoder.decode(line);
        const int type = m_types.typeFor(event.shape);
        for (std::size_t i = 0; i < event.fields.size(); ++i)
            decodeField(type, m_types.fieldFor(type, i, event.fields[i].name), event.fields[i], out);
        if (event.isStack)
            decodeStack(type, text, out);
        out.events.push_back({ m_writerTypeIds[std::size_t(type)], line.cpu, line.pid, line.flags, line.preemptCount,
            line.ts, out.fields.size() });
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
        const FtraceLine parsed = parseFtraceLine(frame);
        if (out.text.size() > start)
            out.text += '\n';
        out.text += parsed.payload;
    }
    out.fields.push_back({ m_types.fieldFor(type, 0, "stack"), true, std::uint32_t(out.text.size() - start), std::int64_t(start) });
}

Storage::Status ImportedEventWriter::write(const Batch& batch, std::int64_t& done, const Progress& progress)
{
    std::size_t field = 0;
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
