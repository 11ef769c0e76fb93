// SPDX-License-Identifier: GPL-3.0-or-later
#include "callstackbuilder.h"

#include <algorithm>

namespace Engine {

using Storage::CallRow;
using Storage::noTime;
namespace CallFlag = Storage::CallFlag;

CallStackBuilder::Task& CallStackBuilder::task(Place place)
{
    // Tasks are keyed by pid, except where one pid is several stacks: the idle tasks (pid 0 on
    // every CPU) and text that names no task at all (one stack per CPU).
    const std::int64_t key = place.pid > 0 ? std::int64_t(place.pid) : -(std::int64_t(place.cpu) * 2 + (place.pid == 0 ? 1 : 2));
    return m_tasks[key];
}

std::size_t CallStackBuilder::add(Place place, std::int64_t ts, int depth, std::int64_t function, int flags)
{
    CallRow row;
    row.id = std::int64_t(m_rows.size()) + 1;
    row.ts = ts;
    row.cpu = place.cpu;
    row.pid = place.pid;
    row.depth = depth;
    row.function = function;
    row.flags = flags;
    m_rows.push_back(row);
    return m_rows.size() - 1;
}

std::int64_t CallStackBuilder::parentFor(Task& task, int depth) const
{
    // The innermost open call above this depth; a gap in depths (lost entries) still nests here.
    for (auto it = task.open.rbegin(); it != task.open.rend(); ++it) {
        if (m_rows[*it].depth < depth)
            return m_rows[*it].id;
    }
    return 0;
}

void CallStackBuilder::closeDeeper(Task& task, int depth)
{
    // Calls still open at this depth or deeper cannot be open any more: their exits were lost.
    // They keep CallFlag::NoExit, set when they were entered.
    while (!task.open.empty() && m_rows[task.open.back()].depth >= depth)
        task.open.pop_back();
}

void CallStackBuilder::adoptOrphans(Task& task, std::size_t parent)
{
    CallRow& p = m_rows[parent];
    auto adopted = [&](std::size_t index) {
        CallRow& child = m_rows[index];
        if (child.depth <= p.depth || index == parent)
            return false;
        // A call longer than the one returning cannot have been inside it (edited text).
        if (child.dur != noTime && p.dur != noTime && child.dur > p.dur)
            return false;
        // With times known, only calls inside the parent's span are its children. Text prints
        // times in microseconds and starts derived from them may be a step off: allow one.
        constexpr std::int64_t slack = 1000;
        if (p.ts != noTime && child.ts != noTime && (child.ts + slack < p.ts || (p.dur != noTime && child.ts > p.ts + p.dur + slack)))
            return false;
        child.parentId = p.id;
        return true;
    };
    // An orphan passed over by this many such exits keeps no caller: in a real trace only the
    // calls that were open when it started end without their entry, so text where every exit
    // passes over every orphan (edited or made to) stops costing a scan of them all each time.
    constexpr int mostPassedOver = 64;
    auto settled = [&](Task::Orphan& orphan) { return adopted(orphan.row) || ++orphan.passedOver >= mostPassedOver; };
    task.orphans.erase(std::remove_if(task.orphans.begin(), task.orphans.end(), settled), task.orphans.end());
}

void CallStackBuilder::entry(Place place, std::int64_t ts, int depth, std::int64_t function)
{
    Task& t = task(place);
    closeDeeper(t, depth);
    const std::size_t index = add(place, ts, depth, function, CallFlag::NoExit);
    m_rows[index].parentId = parentFor(t, depth);
    if (m_rows[index].parentId == 0 && depth > 0)
        t.orphans.push_back({ index });
    t.open.push_back(index);
}

void CallStackBuilder::exit(const Exit& e)
{
    Task& t = task(e.place);
    // The open call at this depth (of this function, when the record names it) is the one returning.
    auto match = std::find_if(t.open.rbegin(), t.open.rend(), [&](std::size_t index) {
        const CallRow& row = m_rows[index];
        return row.depth == e.depth && (e.function == 0 || row.function == e.function);
    });
    std::size_t index = 0;
    if (match != t.open.rend()) {
        index = *match;
        CallRow& row = m_rows[index];
        row.flags &= ~CallFlag::NoExit;
        if (e.dur != noTime)
            row.dur = e.dur;
        else if (e.start != noTime && e.ts != noTime)
            row.dur = e.ts - e.start;
        else if (row.ts != noTime && e.ts != noTime)
            row.dur = e.ts - row.ts;
        t.open.erase(std::next(match).base(), t.open.end());
    } else {
        closeDeeper(t, e.depth);
        const std::int64_t dur = e.dur != noTime ? e.dur : (e.start != noTime && e.ts != noTime ? e.ts - e.start : noTime);
        const std::int64_t start = e.start != noTime ? e.start : (e.ts != noTime && dur != noTime ? e.ts - dur : noTime);
        index = add(e.place, start, e.depth, e.function != 0 ? e.function : m_unknownFunction, CallFlag::NoEntry);
        m_rows[index].dur = dur;
        m_rows[index].parentId = parentFor(t, e.depth);
        adoptOrphans(t, index);
        if (m_rows[index].parentId == 0 && e.depth > 0)
            t.orphans.push_back({ index });
    }
    if (e.hasRetval) {
        m_rows[index].retval = e.retval;
        m_rows[index].hasRetval = true;
    }
}

void CallStackBuilder::leaf(Place place, std::int64_t ts, std::int64_t dur, int depth, std::int64_t function, const std::int64_t* retval)
{
    Task& t = task(place);
    closeDeeper(t, depth);
    const std::size_t index = add(place, ts, depth, function, CallFlag::Leaf);
    CallRow& row = m_rows[index];
    row.dur = dur;
    row.parentId = parentFor(t, depth);
    if (retval) {
        row.retval = *retval;
        row.hasRetval = true;
    }
    if (row.parentId == 0 && depth > 0)
        t.orphans.push_back({ index });
}

void CallStackBuilder::single(Place place, std::int64_t ts, std::int64_t function, std::int64_t caller)
{
    const std::size_t index = add(place, ts, 0, function, 0);
    m_rows[index].caller = caller;
}

std::vector<Storage::CallRow> CallStackBuilder::finish()
{
    // A call with nothing inside it that was entered and exited is a leaf, as text prints it.
    std::vector<std::int64_t> childTime(m_rows.size(), 0);
    std::vector<bool> hasChildren(m_rows.size(), false);
    for (const CallRow& row : m_rows) {
        if (row.parentId <= 0)
            continue;
        const std::size_t parent = std::size_t(row.parentId - 1);
        hasChildren[parent] = true;
        // Saturating: thousands of children of the longest duration text can print exceed int64.
        if (row.dur != noTime && __builtin_add_overflow(childTime[parent], row.dur, &childTime[parent]))
            childTime[parent] = row.dur > 0 ? INT64_MAX : INT64_MIN;
    }
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        CallRow& row = m_rows[i];
        // Text rounds every duration on its own, so children may add up to a hair more than
        // their parent: self time is never negative.
        std::int64_t self = 0;
        if (row.dur != noTime && __builtin_sub_overflow(row.dur, childTime[i], &self))
            self = childTime[i] < 0 ? INT64_MAX : 0; // edited text: exits before their entries
        row.self = row.dur == noTime ? noTime : std::max<std::int64_t>(0, self);
        if (!hasChildren[i] && row.dur != noTime && !(row.flags & (CallFlag::NoEntry | CallFlag::NoExit)))
            row.flags |= CallFlag::Leaf;
    }
    m_tasks.clear();
    return std::move(m_rows);
}

} // namespace Engine
