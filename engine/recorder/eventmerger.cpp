// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventmerger.h"

// kbuffer.h has no extern "C" guard of its own.
extern "C" {
#include <kbuffer.h>
}

#include <cstring>

namespace Recorder {

namespace {
// Events the kernel lost before this page, from the page's commit word (after the u64 timestamp):
// RB_MISSED_EVENTS (bit 31) says some were lost, RB_MISSED_STORED (bit 30) that their count follows
// the data. Read here because kbuffer_missed_events() reports nothing once the page's first record
// was a time extend, and -1 when the count did not fit on the page: that is still at least one.
std::int64_t missedBeforePage(const std::vector<char>& page)
{
    constexpr unsigned long missedEvents = 1ul << 31;
    constexpr unsigned long missedStored = 1ul << 30;
    constexpr unsigned long commitMask = (1ul << 27) - 1;
    constexpr std::size_t dataStart = 8 + sizeof(unsigned long); // KBUFFER_LSIZE_SAME_AS_HOST
    unsigned long commit = 0;
    if (page.size() < dataStart)
        return 0;
    std::memcpy(&commit, page.data() + 8, sizeof commit);
    if (!(commit & missedEvents))
        return 0;
    const std::size_t countAt = dataStart + (commit & commitMask);
    unsigned long count = 0;
    if ((commit & missedStored) && countAt + sizeof count <= page.size())
        std::memcpy(&count, page.data() + countAt, sizeof count);
    return count > 0 ? std::int64_t(count) : 1;
}

// A page whose commit (data length) runs past its end would send kbuffer reading beyond it.
bool pageIsSane(const std::vector<char>& page)
{
    constexpr unsigned long commitMask = (1ul << 27) - 1;
    constexpr std::size_t dataStart = 8 + sizeof(unsigned long);
    unsigned long commit = 0;
    if (page.size() < dataStart)
        return false;
    std::memcpy(&commit, page.data() + 8, sizeof commit);
    return (commit & commitMask) <= page.size() - dataStart;
}
} // namespace

EventMerger::EventMerger(int cpuSlots)
    : m_cursors(static_cast<std::size_t>(cpuSlots))
{
    for (Cursor& cursor : m_cursors)
        cursor.kbuf = kbuffer_alloc(KBUFFER_LSIZE_SAME_AS_HOST, KBUFFER_ENDIAN_SAME_AS_HOST);
}

EventMerger::~EventMerger()
{
    for (Cursor& cursor : m_cursors)
        kbuffer_free(cursor.kbuf);
}

void EventMerger::addPage(RawPage page)
{
    if (page.cpu < 0 || !pageIsSane(page.bytes)) {
        ++m_badPages;
        return;
    }
    if (std::size_t(page.cpu) >= m_cursors.size()) {
        const std::size_t old = m_cursors.size();
        m_cursors.resize(std::size_t(page.cpu) + 1);
        for (std::size_t i = old; i < m_cursors.size(); ++i)
            m_cursors[i].kbuf = kbuffer_alloc(KBUFFER_LSIZE_SAME_AS_HOST, KBUFFER_ENDIAN_SAME_AS_HOST);
    }
    m_cursors[std::size_t(page.cpu)].pages.push_back(std::move(page));
}

bool EventMerger::advanceToEvent(Cursor& cursor)
{
    while (!cursor.data) {
        if (cursor.loaded) {
            // The front page is used up: the kbuffer no longer points into it.
            cursor.pages.pop_front();
            cursor.loaded = false;
        }
        if (cursor.pages.empty())
            return false;
        if (kbuffer_load_subbuffer(cursor.kbuf, cursor.pages.front().bytes.data()) < 0) {
            cursor.pages.pop_front();
            continue;
        }
        cursor.loaded = true;
        cursor.missed += missedBeforePage(cursor.pages.front().bytes);
        cursor.data = static_cast<const char*>(kbuffer_read_event(cursor.kbuf, &cursor.ts));
    }
    return true;
}

Storage::Status EventMerger::drain(std::uint64_t watermark, const Sink& sink)
{
    for (;;) {
        Cursor* oldest = nullptr;
        int oldestCpu = -1;
        for (std::size_t cpu = 0; cpu < m_cursors.size(); ++cpu) {
            Cursor& cursor = m_cursors[cpu];
            if (advanceToEvent(cursor) && (!oldest || cursor.ts < oldest->ts)) {
                oldest = &cursor;
                oldestCpu = int(cpu);
            }
        }
        if (!oldest || oldest->ts >= watermark)
            return {};
        if (Storage::Status s = sink(oldestCpu, oldest->ts, oldest->data, kbuffer_event_size(oldest->kbuf)); !s)
            return s;
        ++m_merged;
        oldest->data = static_cast<const char*>(kbuffer_next_event(oldest->kbuf, &oldest->ts));
    }
}

std::int64_t EventMerger::missedEvents(int cpu) const
{
    return std::size_t(cpu) < m_cursors.size() ? m_cursors[std::size_t(cpu)].missed : 0;
}

} // namespace Recorder
