// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <optional>
#include <vector>

// Test support: kernel ring-buffer pages and event records built byte by byte, as a 64-bit
// little-endian kernel writes them (the layout events/header_page and header_event describe),
// so decoding can be tested on exact, hand-made input. Plain values, any thread.
namespace TestSupport {

// One event's layout, read from its tracefs format file.
struct EventFormat {
    struct Field {
        QByteArray name;
        QByteArray type; // as declared, e.g. "char prev_comm[16]" or "__data_loc char[] filename"
        int offset = 0;
        int size = 0;
        bool isSigned = false;
        bool dataLoc = false; // __data_loc: a (length << 16 | offset) word, the data after the fixed part
        bool relLoc = false;  // __rel_loc: the same with offset counted from the end of the word
    };

    QByteArray system;
    QByteArray name;
    int id = -1;
    std::vector<Field> fields; // common_* fields included, in file order

    // nullopt when the text has no ID or no fields.
    static std::optional<EventFormat> parse(const QByteArray& formatText);
    const Field* field(const QByteArray& fieldName) const;
    // Bytes up to the end of the last fixed field: where dynamic data starts.
    int fixedSize() const;
};

// One event's payload (the record after the ring-buffer event header), laid out per its format:
// common_type is the format's ID; fields not set stay zero. Naming a field the format does not
// have, or a value that does not fit the field, is a bug in the test and aborts it (qFatal).
class EventRecord {
public:
    explicit EventRecord(const EventFormat& format, int pid = 0, std::uint8_t flags = 0, std::uint8_t preemptCount = 0);

    // An integer field of 1, 2, 4 or 8 bytes (two's complement; a __data_loc word too, to corrupt it).
    EventRecord& set(const char* field, std::int64_t value);
    // A char[N] field (NUL padded; at most N bytes, a full field has no NUL), or a __data_loc /
    // __rel_loc field: the text and its NUL appended after the fixed part, the word pointing at it.
    EventRecord& setText(const char* field, const QByteArray& text);
    // Raw bytes appended after everything so far (for __data_loc arrays that are not strings).
    EventRecord& setDynamic(const char* field, const QByteArray& bytes);

    const QByteArray& bytes() const { return m_bytes; }

private:
    const EventFormat::Field& fieldOrDie(const char* name) const;
    void putInt(int offset, int size, std::int64_t value);

    const EventFormat* m_format;
    QByteArray m_bytes;
};

// One ring-buffer sub-buffer: u64 timestamp at 0, the 8-byte commit word at 8 (bytes of event data;
// bit 31 RB_MISSED_EVENTS, bit 30 RB_MISSED_STORED with the lost count stored right after the data),
// event data from 16. Each event starts with a u32 header: type_len in the low 5 bits, time_delta in
// the high 27. type_len 1..28 gives a payload of type_len * 4 bytes; longer payloads use type_len 0
// and a u32 length word (payload + 4); type_len 30 is a time extend (delta low 27 bits in the
// header, the rest in the following u32).
class RingBufferPage {
public:
    static constexpr int pageSize = 4096;
    static constexpr int headerSize = 16;
    static constexpr int maxSmallPayload = 28 * 4; // RB_MAX_SMALL_DATA
    static constexpr std::uint64_t maxDelta = (1u << 27) - 1;
    // kbuffer-parse.c's MISSING_EVENTS / MISSING_STORED (not in kbuffer.h), the kernel's
    // RB_MISSED_EVENTS / RB_MISSED_STORED.
    static constexpr std::uint64_t missedEventsFlag = 1ull << 31;
    static constexpr std::uint64_t missedStoredFlag = 1ull << 30;

    // timestamp: the page's time; the first event's delta is counted from it.
    explicit RingBufferPage(std::uint64_t timestamp);

    // Appends an event stamped ts, which must not be before the previous event (or the page's
    // time). A time extend goes first when the delta needs more than 27 bits, or always when
    // forceTimeExtend. The payload is padded with zeros to a multiple of 4. False (and nothing
    // appended) when the page has no room left.
    bool append(std::uint64_t ts, const QByteArray& payload, bool forceTimeExtend = false);
    // The kernel dropped events before this page: with a count, stored after the data (when it
    // fits, as the kernel does); without, only the flag.
    void setMissedEvents(std::optional<std::uint64_t> count);

    int dataSize() const { return int(m_data.size()); }
    int eventCount() const { return m_events; }
    int timeExtendCount() const { return m_timeExtends; }
    bool missedCountStored() const;
    // The whole sub-buffer, pageSize bytes, as trace_pipe_raw returns it.
    std::vector<char> bytes() const;

private:
    void putHeader(std::uint32_t typeLen, std::uint32_t delta);
    void putU32(std::uint32_t value);

    std::uint64_t m_timestamp;
    std::uint64_t m_lastTs;
    QByteArray m_data;
    int m_events = 0;
    int m_timeExtends = 0;
    bool m_missed = false;
    std::optional<std::uint64_t> m_missedCount;
};

// Events of one CPU in time order, spread over as many pages as they need (a new page starts,
// with that event's time, when one is full). Each page's time is its first event's.
class PageSequence {
public:
    void append(std::uint64_t ts, const QByteArray& payload, bool forceTimeExtend = false);
    const QList<RingBufferPage>& pages() const { return m_pages; }
    QList<RingBufferPage>& pages() { return m_pages; }

private:
    QList<RingBufferPage> m_pages;
};

} // namespace TestSupport
