// SPDX-License-Identifier: GPL-3.0-or-later
#include "importedeventwriter.h"

namespace Engine {

using Storage::Schema::FieldStorage;

namespace {
// Commit this often: a long import stays crash-safe and the WAL stays small.
constexpr std::int64_t commitInterval = 1 << 18;
constexpr std::int64_t progressInterval = 1 << 14;

std::string_view firstLine(std::string_view text)
{
    const std::size_t newline = text.find('\n');
    return newline == std::string_view::npos ? text : text.substr(0, newline);
}
} // namespace

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
    for (const ImportedEventRef& ref : events) {
        if (Storage::Status s = addEvent(ref); !s)
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

Storage::Status ImportedEventWriter::addEvent(const ImportedEventRef& ref)
{
    const std::string_view text = m_text.substr(ref.offset, ref.length);
    const FtraceLine line = parseFtraceLine(firstLine(text));
    const FtraceEventDecoder::Event& event = m_decoder.decode(line);
    const int type = m_types.typeFor(event.shape);
    m_writer.beginEvent(m_writerTypeIds[std::size_t(type)], line.ts, line.cpu, line.pid, line.flags, line.preemptCount);
    for (std::size_t i = 0; i < event.fields.size(); ++i)
        setField(type, m_types.fieldFor(type, i, event.fields[i].name), event.fields[i]);
    if (event.isStack)
        setStack(type, text);
    return m_writer.endEvent();
}

void ImportedEventWriter::setField(int type, int field, const PayloadField& value)
{
    if (m_storage[std::size_t(type)][std::size_t(field)] == FieldStorage::Text)
        m_writer.setText(field, value.value);
    else
        m_writer.setInt(field, numericValue(value.value, value.format));
}

void ImportedEventWriter::setStack(int type, std::string_view text)
{
    // " => frame" lines after the event line, one frame a line, innermost first.
    m_stack.clear();
    std::size_t pos = text.find('\n');
    while (pos != std::string_view::npos) {
        std::string_view frame = firstLine(text.substr(pos + 1));
        pos = text.find('\n', pos + 1);
        const FtraceLine parsed = parseFtraceLine(frame);
        if (!m_stack.empty())
            m_stack += '\n';
        m_stack += parsed.payload;
    }
    m_writer.setText(m_types.fieldFor(type, 0, "stack"), m_stack);
}

} // namespace Engine
