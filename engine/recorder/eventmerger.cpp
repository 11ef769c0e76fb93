// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventmerger.h"

#include "rawpagecheck.h"

// kbuffer.h has no extern "C" guard of its own.
extern "C" {
#include <kbuffer.h>
}

namespace Recorder {

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

EventMerger::Cursor& EventMerger::cursorOf(int cpu)
{
    if (std::size_t(cpu) >= m_cursors.size()) {
        const std::size_t old = m_cursors.size();
        m_cursors.resize(std::size_t(cpu) + 1);
        for (std::size_t i = old; i < m_cursors.size(); ++i)
            m_cursors[i].kbuf = kbuffer_alloc(KBUFFER_LSIZE_SAME_AS_HOST, KBUFFER_ENDIAN_SAME_AS_HOST);
    }
    return m_cursors[std::size_t(cpu)];
}

void EventMerger::addPage(RawPage page)
{
    // The reader numbers pages by the CPUs it opened, so this never happens; were it to, the
    // page is still counted as lost somewhere a user sees.
    if (page.cpu < 0) {
        ++cursorOf(0).droppedPages;
        return;
    }
    Cursor& cursor = cursorOf(page.cpu);
    // Counted now, from the page as the kernel wrote it: a cut below moves the stored count.
    cursor.missed += missedBeforeRawPage(page.bytes);
    const RawPageCheck check = checkRawPage(page.bytes);
    if (check.state == RawPageCheck::State::Broken) {
        ++cursor.droppedPages;
        return;
    }
    if (check.state == RawPageCheck::State::Truncated)
        ++cursor.droppedPages;
    cutRawPage(page.bytes, check);
    cursor.pages.push_back(std::move(page));
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
            ++cursor.droppedPages;
            cursor.pages.pop_front();
            continue;
        }
        cursor.loaded = true;
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

std::int64_t EventMerger::droppedPages(int cpu) const
{
    return std::size_t(cpu) < m_cursors.size() ? m_cursors[std::size_t(cpu)].droppedPages : 0;
}

} // namespace Recorder
