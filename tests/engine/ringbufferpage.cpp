// SPDX-License-Identifier: GPL-3.0-or-later
#include "ringbufferpage.h"

#include <QRegularExpression>
#include <QtGlobal>

#include <cstring>

namespace TestSupport {

namespace {

constexpr std::uint32_t typeLenTimeExtend = 30;

template <typename T>
void putLittleEndian(char* out, T value)
{
    for (std::size_t i = 0; i < sizeof(T); ++i)
        out[i] = char((std::uint64_t(value) >> (8 * i)) & 0xff);
}

} // namespace

// --- EventFormat ---

std::optional<EventFormat> EventFormat::parse(const QByteArray& formatText)
{
    // "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;"
    static const QRegularExpression fieldRe(QStringLiteral(
        "^\\s*field:\\s*(.*?)\\s*;\\s*offset:\\s*(\\d+)\\s*;\\s*size:\\s*(\\d+)\\s*;\\s*signed:\\s*(\\d+)\\s*;"));
    static const QRegularExpression nameRe(QStringLiteral("([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\[[^\\]]*\\])?$"));
    EventFormat format;
    const QList<QByteArray> lines = formatText.split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("name: ")) {
            format.name = line.mid(6).trimmed();
        } else if (line.startsWith("ID: ")) {
            bool ok = false;
            format.id = line.mid(4).trimmed().toInt(&ok);
            if (!ok)
                return std::nullopt;
        } else if (const auto match = fieldRe.match(QString::fromLatin1(line)); match.hasMatch()) {
            Field field;
            field.type = match.captured(1).toLatin1();
            const auto name = nameRe.match(match.captured(1));
            if (!name.hasMatch())
                return std::nullopt;
            field.name = name.captured(1).toLatin1();
            field.offset = match.captured(2).toInt();
            field.size = match.captured(3).toInt();
            field.isSigned = match.captured(4) == QLatin1String("1");
            field.dataLoc = field.type.startsWith("__data_loc ");
            field.relLoc = field.type.startsWith("__rel_loc ");
            format.fields.push_back(field);
        }
    }
    if (format.id < 0 || format.fields.empty())
        return std::nullopt;
    return format;
}

const EventFormat::Field* EventFormat::field(const QByteArray& fieldName) const
{
    for (const Field& f : fields) {
        if (f.name == fieldName)
            return &f;
    }
    return nullptr;
}

int EventFormat::fixedSize() const
{
    int end = 0;
    for (const Field& f : fields)
        end = qMax(end, f.offset + f.size);
    return end;
}

// --- EventRecord ---

EventRecord::EventRecord(const EventFormat& format, int pid, std::uint8_t flags, std::uint8_t preemptCount)
    : m_format(&format)
    , m_bytes(format.fixedSize(), '\0')
{
    set("common_type", format.id);
    set("common_flags", flags);
    set("common_preempt_count", preemptCount);
    set("common_pid", pid);
}

const EventFormat::Field& EventRecord::fieldOrDie(const char* name) const
{
    const EventFormat::Field* field = m_format->field(QByteArray(name));
    if (!field)
        qFatal("EventRecord: %s has no field %s", m_format->name.constData(), name);
    return *field;
}

void EventRecord::putInt(int offset, int size, std::int64_t value)
{
    char* out = m_bytes.data() + offset;
    switch (size) {
    case 1:
        putLittleEndian(out, std::uint8_t(value));
        break;
    case 2:
        putLittleEndian(out, std::uint16_t(value));
        break;
    case 4:
        putLittleEndian(out, std::uint32_t(value));
        break;
    case 8:
        putLittleEndian(out, std::uint64_t(value));
        break;
    default:
        qFatal("EventRecord: no integer of %d bytes in %s", size, m_format->name.constData());
    }
}

EventRecord& EventRecord::set(const char* field, std::int64_t value)
{
    const EventFormat::Field& f = fieldOrDie(field);
    putInt(f.offset, f.size, value);
    return *this;
}

EventRecord& EventRecord::setDynamic(const char* field, const QByteArray& bytes)
{
    const EventFormat::Field& f = fieldOrDie(field);
    if (!f.dataLoc && !f.relLoc)
        qFatal("EventRecord: %s.%s is not __data_loc or __rel_loc", m_format->name.constData(), field);
    const int offset = int(m_bytes.size());
    if (offset > 0xffff || bytes.size() > 0xffff)
        qFatal("EventRecord: dynamic data of %s.%s does not fit 16 bits", m_format->name.constData(), field);
    m_bytes += bytes;
    // __rel_loc counts from the end of the 4-byte word itself.
    const int stored = f.relLoc ? offset - (f.offset + f.size) : offset;
    putInt(f.offset, 4, std::int64_t((std::uint32_t(bytes.size()) << 16) | std::uint32_t(stored)));
    return *this;
}

EventRecord& EventRecord::setText(const char* field, const QByteArray& text)
{
    const EventFormat::Field& f = fieldOrDie(field);
    if (f.dataLoc || f.relLoc)
        return setDynamic(field, text + '\0');
    if (text.size() > f.size)
        qFatal("EventRecord: '%s' does not fit %s.%s", text.constData(), m_format->name.constData(), field);
    std::memset(m_bytes.data() + f.offset, 0, std::size_t(f.size));
    std::memcpy(m_bytes.data() + f.offset, text.constData(), std::size_t(text.size()));
    return *this;
}

// --- RingBufferPage ---

RingBufferPage::RingBufferPage(std::uint64_t timestamp)
    : m_timestamp(timestamp)
    , m_lastTs(timestamp)
{
}

void RingBufferPage::putU32(std::uint32_t value)
{
    char bytes[4];
    putLittleEndian(bytes, value);
    m_data.append(bytes, 4);
}

void RingBufferPage::putHeader(std::uint32_t typeLen, std::uint32_t delta)
{
    putU32((delta << 5) | typeLen);
}

bool RingBufferPage::append(std::uint64_t ts, const QByteArray& payload, bool forceTimeExtend)
{
    if (ts < m_lastTs)
        qFatal("RingBufferPage: event at %llu before the previous one at %llu", static_cast<unsigned long long>(ts),
            static_cast<unsigned long long>(m_lastTs));
    const std::uint64_t delta = ts - m_lastTs;
    const bool extend = forceTimeExtend || delta > maxDelta;
    const int padded = int((payload.size() + 3) & ~3);
    const bool small = padded > 0 && padded <= maxSmallPayload;
    const int needed = (extend ? 8 : 0) + 4 + (small ? 0 : 4) + padded;
    if (m_data.size() + needed > pageSize - headerSize)
        return false;
    std::uint64_t eventDelta = delta;
    if (extend) {
        if (delta >> 59)
            qFatal("RingBufferPage: delta %llu needs more than 59 bits", static_cast<unsigned long long>(delta));
        putHeader(typeLenTimeExtend, std::uint32_t(delta & maxDelta));
        putU32(std::uint32_t(delta >> 27));
        ++m_timeExtends;
        eventDelta = 0;
    }
    if (small) {
        putHeader(std::uint32_t(padded / 4), std::uint32_t(eventDelta));
    } else {
        putHeader(0, std::uint32_t(eventDelta));
        putU32(std::uint32_t(padded + 4)); // the kernel's array[0]: payload plus the word itself
    }
    m_data += payload;
    m_data.append(padded - payload.size(), '\0');
    m_lastTs = ts;
    ++m_events;
    return true;
}

void RingBufferPage::setMissedEvents(std::optional<std::uint64_t> count)
{
    m_missed = true;
    m_missedCount = count;
}

bool RingBufferPage::missedCountStored() const
{
    return m_missed && m_missedCount && m_data.size() + 8 <= pageSize - headerSize;
}

std::vector<char> RingBufferPage::bytes() const
{
    std::vector<char> page(pageSize, '\0');
    putLittleEndian(page.data(), m_timestamp);
    std::uint64_t commit = std::uint64_t(m_data.size());
    if (m_missed)
        commit |= missedEventsFlag;
    if (missedCountStored()) {
        commit |= missedStoredFlag;
        putLittleEndian(page.data() + headerSize + m_data.size(), *m_missedCount);
    }
    putLittleEndian(page.data() + 8, commit);
    std::memcpy(page.data() + headerSize, m_data.constData(), std::size_t(m_data.size()));
    return page;
}

// --- PageSequence ---

void PageSequence::append(std::uint64_t ts, const QByteArray& payload, bool forceTimeExtend)
{
    if (m_pages.isEmpty() || !m_pages.last().append(ts, payload, forceTimeExtend)) {
        m_pages.append(RingBufferPage(ts));
        if (!m_pages.last().append(ts, payload, forceTimeExtend))
            qFatal("PageSequence: a payload of %lld bytes does not fit an empty page", static_cast<long long>(payload.size()));
    }
}

} // namespace TestSupport
