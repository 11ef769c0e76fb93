// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calltable.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace Engine {

// Turns the function tracers' records into calls: function_graph entries and exits (raw
// events or text lines) are matched per task by depth, as the kernel's per-task return stack
// pairs them, so interrupts (which nest on the interrupted task's stack) and context switches
// (another task's stack) come out right. Nothing is dropped: an entry whose exit never came is
// kept with CallFlag::NoExit, an exit without its entry with CallFlag::NoEntry (and it adopts the
// orphaned calls below it). Owned by one thread.
class CallStackBuilder {
public:
    // pid -1: the source did not say which task (text without the proc column); the CPU then
    // stands for the task. pid 0 (the idle tasks) is per CPU too.
    struct Place {
        int pid = -1;
        int cpu = 0;
    };
    struct Exit {
        Place place;
        std::int64_t ts = Storage::noTime;    // when it returned
        std::int64_t start = Storage::noTime; // when it was called, when the record says
        std::int64_t dur = Storage::noTime;   // when the record says (text); else ts - start
        int depth = 0;
        std::int64_t function = 0; // string id; 0: not given (text without funcgraph-tail)
        std::int64_t retval = 0;
        bool hasRetval = false;
    };

    void entry(Place place, std::int64_t ts, int depth, std::int64_t function);
    void exit(const Exit& exit);
    // A call printed on one line ("func();" in text): entry and exit at once.
    void leaf(Place place, std::int64_t ts, std::int64_t dur, int depth, std::int64_t function,
        const std::int64_t* retval = nullptr);
    // The function tracer's record: a call with its caller's name and no duration.
    void single(Place place, std::int64_t ts, std::int64_t function, std::int64_t caller);

    // Names the function of exits that did not say (text without funcgraph-tail) and whose
    // entry was not seen either.
    void setUnknownFunction(std::int64_t function) { m_unknownFunction = function; }

    std::size_t size() const { return m_rows.size(); }
    void reserve(std::size_t calls) { m_rows.reserve(calls); }
    // Computes self times and hands over the calls (ids 1..n in creation order; a parent created
    // after its children, by an exit without entry, has the larger id).
    std::vector<Storage::CallRow> finish();

private:
    struct Task {
        std::vector<std::size_t> open;    // rows entered, not yet exited, outermost first
        struct Orphan {
            std::size_t row = 0;
            int passedOver = 0; // exits that could have been its caller's but were not
        };
        std::vector<Orphan> orphans; // rows with no parent yet at depth > 0
    };
    Task& task(Place place);
    std::size_t add(Place place, std::int64_t ts, int depth, std::int64_t function, int flags);
    std::int64_t parentFor(Task& task, int depth) const;
    void closeDeeper(Task& task, int depth);
    void adoptOrphans(Task& task, std::size_t parent);

    std::vector<Storage::CallRow> m_rows;
    std::unordered_map<std::int64_t, Task> m_tasks;
    std::int64_t m_unknownFunction = 0;
};

} // namespace Engine
