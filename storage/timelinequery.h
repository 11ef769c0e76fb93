// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cpusummaryreader.h"
#include "eventfieldtext.h"
#include "eventfilter.h"
#include "eventtime.h"
#include "recordingreader.h"
#include "result.h"
#include "taskbusyreader.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Storage {

// A task's time on a CPU, from sched_slice.
struct TimelineSlice {
    std::int64_t ts = 0;
    std::int64_t dur = 0;
    int pid = 0;
    int cpu = 0;
    int prio = 0;
    std::int64_t endState = -1; // -1: still running at the end of the recording
};

// One raw event, as a marker.
struct TimelineMark {
    std::int64_t ts = 0;
    std::int64_t eventId = 0;
    int typeId = 0;
    int pid = 0;
};

// A cpu_summary row (or, for a task lane, the task's time aggregated the same way).
struct TimelineBucket {
    std::int64_t start = 0; // bucket << level
    std::int64_t busyNs = 0;
    std::int64_t events = 0;
    std::uint64_t typeMask = 0; // bit TimelineIndex::maskBit(type id) set when such events are in it
    int topPid = 0;
};

// What one lane shows for a range: summary buckets (level >= 0) or raw slices and marks. A task
// lane's buckets hold its busy time only.
struct TimelineLane {
    int level = -1;
    std::vector<TimelineBucket> buckets;
    std::vector<TimelineSlice> slices;
    std::vector<TimelineMark> marks;
    std::int64_t bucketWidth() const { return level >= 0 ? std::int64_t(1) << level : 0; }
};

// Below this many events in the requested range per lane, lanes get raw slices and marks.
constexpr std::int64_t defaultRawEventsPerLane = 20000;

struct TimelineRequest {
    std::int64_t from = 0;
    std::int64_t to = 0;
    double nsPerPixel = 1;
    std::vector<int> cpus;
    std::vector<int> pids; // per-task lanes
    std::int64_t rawEventsPerLane = defaultRawEventsPerLane;
    // When it has a field expression: which raw marks match it is looked up (highlightIds).
    EventFilter highlight;
};

struct TimelineData {
    std::int64_t from = 0;
    std::int64_t to = 0;
    double nsPerPixel = 1;
    bool raw = false;
    std::vector<TimelineLane> cpuLanes; // in the order of TimelineRequest::cpus
    std::vector<TimelineLane> taskLanes; // in the order of TimelineRequest::pids
    // Raw data asked with a highlight expression: the ids of the marks it matches, sorted.
    bool highlightById = false;
    std::vector<std::int64_t> highlightIds;
};

struct TimelineEvent {
    std::int64_t id = 0;
    std::int64_t ts = 0;
    int cpu = 0;
    int pid = 0;
    int typeId = 0;
    QString comm;
    QString typeName; // "system:event"
    QString fields;   // "name=value ..."
};

// Read-only queries of the timeline index for views: cost in proportion to what fits on
// screen (the sparse summaries of one level and the few events between them, or raw rows when
// the range holds few events). One object per worker thread; it owns its own read-only
// connection (and ATTACHes the index cache file of a recording that lacks its own index).
class TimelineQuery {
public:
    static Result<std::unique_ptr<TimelineQuery>> open(const QString& path);

    // The summary level for a zoom: the coarsest level whose buckets are no wider than a pixel
    // (so a pixel holds 1..4 buckets), TimelineIndex::levelFor.
    static int summaryLevel(double nsPerPixel);
    // The level a fetch of [from, to) at this zoom uses: summaryLevel, made coarser where the
    // range would otherwise hold more than maxBuckets buckets per lane.
    static int fetchLevel(std::int64_t from, std::int64_t to, double nsPerPixel);
    static constexpr std::int64_t maxBuckets = 1 << 16;
    // Whether a range holding this many events (for this many lanes) is shown raw.
    static bool useRaw(std::int64_t eventsInRange, int lanes, std::int64_t perLane = defaultRawEventsPerLane);

    const std::vector<EventTypeInfo>& eventTypes() const { return m_reader->eventTypes(); }
    Result<TimelineData> fetch(const TimelineRequest& request);

    // Event ids are dense and in time order: the first id with ts >= time (last id + 1 if none).
    Result<std::int64_t> firstIdAtOrAfter(std::int64_t ts);
    Result<std::int64_t> countEvents(std::int64_t from, std::int64_t to);
    // The event on that CPU nearest to ts within maxDistance; reads at most maxRows events.
    Result<std::optional<TimelineEvent>> eventNear(int cpu, std::int64_t ts, std::int64_t maxDistance,
        std::int64_t maxRows = 20000);
    Result<TimelineEvent> event(std::int64_t id);
    Result<QHash<int, QString>> taskNames();

private:
    TimelineQuery(std::unique_ptr<RecordingReader> reader, std::string indexSchema);
    Status prepare();
    Status summaryLanes(const TimelineRequest& request, TimelineData& data);
    Status readSlices(Statement& before, Statement& inRange, int key, std::int64_t from, std::int64_t to,
        std::vector<TimelineSlice>& out);
    Status readMarks(std::int64_t from, std::int64_t to, TimelineData& data, const TimelineRequest& request);
    Status highlightMarks(TimelineData& data, const EventFilter& filter);
    Error failed(const char* what) const;

    std::unique_ptr<RecordingReader> m_reader;
    Database& m_db;
    std::string m_index; // the schema holding the index: main, or the attached cache
    EventFieldText m_fieldText;
    std::optional<EventTimeSearch> m_search;
    std::optional<CpuSummaryReader> m_cpuSummary;
    std::optional<TaskBusyReader> m_taskBusy;
    Statement m_cpuSliceBefore;
    Statement m_cpuSlices;
    Statement m_pidSliceBefore;
    Statement m_pidSlices;
    Statement m_eventsInIds;
    Statement m_eventById;
    std::int64_t m_recordingEnd = 0;
};

} // namespace Storage
