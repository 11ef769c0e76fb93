// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventdecoder.h"

#include "ownthreads.h"

#include <QCoreApplication>
#include <QFile>

#include <cstring>
#include <event-parse.h>
#include "tracefsapi.h"

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

using Storage::Schema::FieldStorage;

FieldStorage storageFor(const tep_format_field* field)
{
    if (field->flags & TEP_FIELD_IS_STRING)
        return FieldStorage::Text;
    if (field->flags & (TEP_FIELD_IS_ARRAY | TEP_FIELD_IS_DYNAMIC))
        return FieldStorage::Blob;
    if (field->size == 1 || field->size == 2 || field->size == 4 || field->size == 8)
        return (field->flags & TEP_FIELD_IS_SIGNED) ? FieldStorage::Int : FieldStorage::UInt;
    return FieldStorage::Blob;
}

std::int64_t readHostInt(const char* p, int size, bool isSigned, bool swap)
{
    switch (size) {
    case 1: {
        std::uint8_t v;
        std::memcpy(&v, p, 1);
        return isSigned ? std::int64_t(std::int8_t(v)) : std::int64_t(v);
    }
    case 2: {
        std::uint16_t v;
        std::memcpy(&v, p, 2);
        v = swap ? __builtin_bswap16(v) : v;
        return isSigned ? std::int64_t(std::int16_t(v)) : std::int64_t(v);
    }
    case 4: {
        std::uint32_t v;
        std::memcpy(&v, p, 4);
        v = swap ? __builtin_bswap32(v) : v;
        return isSigned ? std::int64_t(std::int32_t(v)) : std::int64_t(v);
    }
    default: {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        return std::int64_t(swap ? __builtin_bswap64(v) : v);
    }
    }
}

// The text of a fixed or dynamic char array, cut at its first NUL.
std::string_view cString(const char* p, int size)
{
    const void* nul = std::memchr(p, 0, static_cast<std::size_t>(size));
    return std::string_view(p, nul ? static_cast<std::size_t>(static_cast<const char*>(nul) - p) : std::size_t(size));
}
} // namespace

EventDecoder::~EventDecoder()
{
    if (m_tep && m_ownsTep)
        tep_free(m_tep);
}

std::int64_t EventDecoder::readInt(const char* p, int size, bool isSigned) const
{
    return readHostInt(p, size, isSigned, m_swapBytes);
}

std::unique_ptr<EventDecoder> EventDecoder::forFormats(tep_handle* tep)
{
    std::unique_ptr<EventDecoder> decoder(new EventDecoder);
    decoder->m_tep = tep;
    decoder->m_ownsTep = false;
    decoder->m_swapBytes = tep_is_file_bigendian(tep) != tep_is_local_bigendian(tep);
    return decoder;
}

Storage::Result<std::unique_ptr<EventDecoder>> EventDecoder::create(const QString& tracefsRoot, const QStringList& systems)
{
    std::vector<QByteArray> names;
    for (const QString& system : systems)
        names.push_back(system.toUtf8());
    std::vector<const char*> pointers;
    for (const QByteArray& name : names)
        pointers.push_back(name.constData());
    pointers.push_back(nullptr);
    std::unique_ptr<EventDecoder> decoder(new EventDecoder);
    decoder->m_tep = tracefs_local_events_system(QFile::encodeName(tracefsRoot).constData(), pointers.data());
    if (!decoder->m_tep)
        return Storage::Error { Tr::tr("cannot parse the event formats under %1/events").arg(tracefsRoot) };
    return decoder;
}

Storage::Status EventDecoder::addEvent(Storage::RecordingWriter& writer, const QString& system, const QString& name,
    const EventStorageName& storedAs, const QByteArray& formatText)
{
    tep_event* event = tep_find_event_by_name(m_tep, system.toUtf8().constData(), name.toUtf8().constData());
    if (!event)
        return Storage::Error { Tr::tr("no format for event %1:%2").arg(system, name) };
    if (const tep_format_field* field = tep_find_common_field(event, "common_pid"))
        m_pidOffset = field->offset;
    if (const tep_format_field* field = tep_find_common_field(event, "common_flags"))
        m_flagsOffset = field->offset;
    if (const tep_format_field* field = tep_find_common_field(event, "common_preempt_count"))
        m_preemptOffset = field->offset;
    Storage::EventTypeSpec spec { storedAs.system.toStdString(), name.toStdString(), storedAs.kind.toStdString(),
        event->id, storedAs.definition.toStdString(), formatText.toStdString(), {} };
    auto plan = std::make_unique<TypePlan>();
    for (const tep_format_field* field = event->format.fields; field; field = field->next) {
        const FieldStorage storage = storageFor(field);
        spec.fields.push_back({ field->name, field->type, storage, field->size });
        plan->fields.push_back({ field->offset, field->size, storage, bool(field->flags & TEP_FIELD_IS_SIGNED),
            bool(field->flags & TEP_FIELD_IS_DYNAMIC), bool(field->flags & TEP_FIELD_IS_RELATIVE) });
        // 8 bytes on 64-bit kernels, 4 on 32-bit ones (a trace.dat from one).
        plan->fields.back().tailArray = (field->flags & TEP_FIELD_IS_ARRAY) && !(field->flags & TEP_FIELD_IS_DYNAMIC) && !field->next;
        if (storedAs.addressFields.contains(QLatin1String(field->name)) && (field->size == 8 || field->size == 4)
            && storage == FieldStorage::UInt)
            plan->addressFields.push_back(int(plan->fields.size() - 1));
    }
    // Task names ride along in fields like comm/pid, prev_comm/prev_pid, next_comm/next_pid.
    for (std::size_t i = 0; i < spec.fields.size(); ++i) {
        const std::string& fieldName = spec.fields[i].name;
        if (spec.fields[i].storage != FieldStorage::Text || !fieldName.ends_with("comm"))
            continue;
        const std::string pidName = fieldName.substr(0, fieldName.size() - 4) + "pid";
        for (std::size_t j = 0; j < spec.fields.size(); ++j) {
            if (spec.fields[j].name == pidName && spec.fields[j].storage != FieldStorage::Text)
                plan->commPidPairs.emplace_back(int(i), int(j));
        }
    }
    auto typeId = writer.addEventType(spec);
    if (!typeId)
        return typeId.error();
    plan->typeId = typeId.value();
    if (m_plans.size() <= std::size_t(event->id))
        m_plans.resize(std::size_t(event->id) + 1);
    m_plans[std::size_t(event->id)] = std::move(plan);
    return {};
}

bool EventDecoder::isOwnEvent(const TypePlan& plan, const char* data, int size, int pid) const
{
    if (!m_ownThreads->contains(pid))
        return false;
    for (const auto& [commIndex, pidIndex] : plan.commPidPairs) {
        const FieldPlan& field = plan.fields[std::size_t(pidIndex)];
        if (field.offset + field.size <= size && !m_ownThreads->contains(int(readInt(data + field.offset, field.size, field.isSigned))))
            return false;
    }
    return true;
}

void EventDecoder::decodeField(Storage::RecordingWriter& writer, int index, const FieldPlan& field, const char* data,
    int size, std::string_view* textOut)
{
    int offset = field.offset;
    int length = field.size;
    if (field.dynamic) {
        // __data_loc: 16-bit offset (from the record, or after this field for __rel_loc), 16-bit length.
        if (field.offset + 4 > size) {
            ++m_malformed; // the record ends before its location word
            return;
        }
        const auto loc = static_cast<std::uint32_t>(readInt(data + field.offset, 4, false));
        offset = int(loc & 0xffff) + (field.relative ? field.offset + field.size : 0);
        length = int(loc >> 16);
    }
    if (field.tailArray && offset < size && offset + length > size)
        length = size - offset;
    if (offset < 0 || length < 0 || offset + length > size) {
        ++m_malformed;
        return; // stays NULL
    }
    const char* p = data + offset;
    switch (field.storage) {
    case FieldStorage::Int:
    case FieldStorage::UInt:
        writer.setInt(index, readInt(p, length, field.isSigned));
        break;
    case FieldStorage::Text:
        // A string the kernel could not fetch (a probe argument in memory that faulted) has a
        // location of length 0, where an empty one still holds its NUL: the kernel prints
        // "(fault)" for it, and so it is stored.
        *textOut = field.dynamic && length == 0 ? std::string_view("(fault)") : cString(p, length);
        writer.setText(index, *textOut);
        break;
    case FieldStorage::Blob:
        writer.setBlob(index, std::string_view(p, std::size_t(length)));
        break;
    }
}

Storage::Status EventDecoder::decode(Storage::RecordingWriter& writer, int cpu, std::uint64_t ts, const char* data,
    int size)
{
    if (size < 8) {
        ++m_malformed;
        return {};
    }
    const auto kernelId = static_cast<std::size_t>(readInt(data, 2, false));
    const TypePlan* plan = kernelId < m_plans.size() ? m_plans[kernelId].get() : nullptr;
    if (!plan) {
        ++m_unknown;
        return {};
    }
    const int pid = int(readInt(data + m_pidOffset, 4, true));
    if (m_ownThreads && isOwnEvent(*plan, data, size, pid)) {
        ++m_ownDropped;
        return {};
    }
    writer.beginEvent(plan->typeId, std::int64_t(ts), cpu, pid, int(readInt(data + m_flagsOffset, 1, false)),
        int(readInt(data + m_preemptOffset, 1, false)));
    m_texts.assign(plan->fields.size(), std::string_view());
    const std::int64_t malformedBefore = m_malformed;
    for (std::size_t i = 0; i < plan->fields.size(); ++i)
        decodeField(writer, int(i), plan->fields[i], data, size, &m_texts[i]);
    if (m_malformed > malformedBefore)
        m_malformed = malformedBefore + 1; // one malformed event, however many of its fields are bad
    for (int index : plan->addressFields) {
        const FieldPlan& field = plan->fields[std::size_t(index)];
        if (field.offset + field.size <= size)
            m_addresses.insert(std::uint64_t(readInt(data + field.offset, field.size, false)));
    }
    for (const auto& [commIndex, pidIndex] : plan->commPidPairs) {
        const FieldPlan& pidField = plan->fields[std::size_t(pidIndex)];
        if (pidField.offset + pidField.size <= size)
            m_tasks.note(int(readInt(data + pidField.offset, pidField.size, pidField.isSigned)), m_texts[std::size_t(commIndex)],
                TaskNames::Source::Event);
    }
    return writer.endEvent();
}

} // namespace Recorder
