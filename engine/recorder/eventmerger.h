// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ringbufferreader.h"
#include "result.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

struct kbuffer;

namespace Recorder {

// Merges the per-CPU page streams into one stream in timestamp order, so that the recording's
// event ids follow time. Events are released only up to a watermark below which no CPU can
// still deliver an earlier event. Owned by the writer thread.
class EventMerger {
public:
    using Sink = std::function<Storage::Status(int cpu, std::uint64_t ts, const char* data, int size)>;

    explicit EventMerger(int cpuSlots);
    ~EventMerger();
    EventMerger(const EventMerger&) = delete;
    EventMerger& operator=(const EventMerger&) = delete;

    void addPage(RawPage page);
    // Hands every buffered event with ts < watermark to sink, oldest first; stops at the first error.
    Storage::Status drain(std::uint64_t watermark, const Sink& sink);

    // Events the kernel reported as lost between pages (ring-buffer overruns), per CPU.
    std::int64_t missedEvents(int cpu) const;
    // Pages of a CPU that were corrupt and dropped whole, or from their first unreadable record on
    // (rawpagecheck.h): each lost at least one event.
    std::int64_t droppedPages(int cpu) const;
    std::int64_t eventsMerged() const { return m_merged; }

private:
    struct Cursor {
        std::deque<RawPage> pages;
        kbuffer* kbuf = nullptr;
        const char* data = nullptr; // current event, or null when a page must be loaded
        unsigned long long ts = 0;
        bool loaded = false;
        std::int64_t missed = 0;
        std::int64_t droppedPages = 0;
    };
    Cursor& cursorOf(int cpu);
    // Makes cursor point at its next event; false when its pages are used up.
    bool advanceToEvent(Cursor& cursor);

    std::vector<Cursor> m_cursors;
    std::int64_t m_merged = 0;
};

} // namespace Recorder
