// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventfilter.h"
#include "eventquery.h"
#include "recordingreader.h"
#include "result.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace Storage {

struct TypeCount {
    int typeId = 0;
    QString name; // "system:event"
    std::int64_t count = 0;
};

struct TaskCount {
    int pid = 0;
    QString comm; // empty when the task table does not know the pid (and for the idle task, pid 0)
    std::int64_t count = 0;
};

struct CpuCount {
    int cpu = 0;
    std::int64_t count = 0;
};

struct CpuUtilisation {
    int cpu = 0;
    std::int64_t busyNs = 0; // time a task (pid != 0) ran on the CPU within the window
    std::int64_t windowNs = 0;
    double fraction() const { return windowNs > 0 ? static_cast<double>(busyNs) / static_cast<double>(windowNs) : 0.0; }
};

// The statistics of one EventFilter. Counts are sorted by count, largest first (ties by key).
struct Statistics {
    IdRange ids; // the events of the filter's time range
    std::int64_t total = 0; // events matching the whole filter
    std::vector<TypeCount> byType;
    std::vector<TaskCount> byTask;
    std::vector<CpuCount> byCpu;
    // CPU utilisation over [windowStart, windowEnd): the filter's time range clipped to the
    // recording (first to last event). One entry per CPU (the filter's CPUs if it names some);
    // empty when the recording has no sched_switch events. Time before a CPU's first
    // sched_switch counts as idle (nothing says what ran), as in the timeline index.
    std::int64_t windowStart = 0;
    std::int64_t windowEnd = 0;
    std::vector<CpuUtilisation> utilisation;
    bool utilisationFromIndex = false; // read from sched_slice rather than from sched_switch events
};

// Counts per event type, task and CPU, and CPU utilisation, for an EventFilter. The time range
// becomes an id range by binary search (ids are dense and in time order); the counts are one
// pass over that id range; utilisation comes from the timeline index's sched_slice table when
// the recording has it, else from the range's sched_switch events.
// Owned by the thread that owns the reader (a worker); never the GUI thread.
class StatisticsQuery {
public:
    using Cancelled = std::function<bool()>;

    explicit StatisticsQuery(RecordingReader& reader);

    // `cancelled` is polled every few thousand rows; a cancelled run returns an Error.
    Result<Statistics> run(const EventFilter& filter, const Cancelled& cancelled = {});

private:
    Status countEvents(const EventQuery& query, Statistics& stats, const Cancelled& cancelled);
    Status readTaskNames(Statistics& stats);
    Status computeUtilisation(const EventFilter& filter, const IdRange& all, Statistics& stats);
    Status utilisationFromSlices(const std::vector<int>& cpus, Statistics& stats);
    Status utilisationFromSwitches(const std::vector<int>& cpus, Statistics& stats);
    Result<int> runningBefore(int cpu, std::int64_t firstId);
    bool hasSliceTable();
    std::string m_sliceSchema = "main"; // where sched_slice is, once hasSliceTable() found it
    Status cancelledError() const;

    RecordingReader& m_reader;
    Database& m_db;
};

} // namespace Storage
