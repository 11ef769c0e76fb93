// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelineindexer.h"

#include "timelineindex.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <limits>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

static_assert(TimelineIndex::levelCount == 10, "TimelineIndexer::levels follows the level count");

constexpr std::int64_t maxTs = std::numeric_limits<std::int64_t>::max();

// The end of bucket b of width 2^shift, saturated for timestamps near the end of the range.
std::int64_t bucketEnd(std::int64_t bucket, int shift)
{
    return bucket >= (maxTs >> shift) ? maxTs : (bucket + 1) << shift;
}

bool parseInt(std::string_view text, std::int64_t& value)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    while (true) {
        const std::size_t at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos)
            return parts;
        text.remove_prefix(at + 1);
    }
}
} // namespace

// "FROM CPU:PID:PRIO:START:TASKBUSY ...", all integers.
std::string TimelineIndexResume::toText() const
{
    std::string text = std::to_string(from);
    for (const Run& run : runs) {
        text += ' ' + std::to_string(run.cpu) + ':' + std::to_string(run.pid) + ':' + std::to_string(run.prio) + ':'
            + std::to_string(run.start) + ':' + std::to_string(run.taskBusy);
    }
    return text;
}

std::optional<TimelineIndexResume> TimelineIndexResume::fromText(std::string_view text)
{
    const std::vector<std::string_view> words = split(text, ' ');
    TimelineIndexResume resume;
    if (!parseInt(words.front(), resume.from))
        return std::nullopt;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::vector<std::string_view> fields = split(words[i], ':');
        std::int64_t v[5] = {};
        if (fields.size() != 5)
            return std::nullopt;
        for (std::size_t f = 0; f < 5; ++f) {
            if (!parseInt(fields[f], v[f]))
                return std::nullopt;
        }
        if (v[0] < INT32_MIN || v[0] > INT32_MAX || v[1] <= 0 || v[1] > INT32_MAX || v[2] < INT32_MIN || v[2] > INT32_MAX)
            return std::nullopt;
        resume.runs.push_back(Run { int(v[0]), int(v[1]), int(v[2]), v[3], v[4] });
    }
    return resume;
}

TimelineIndexer::TimelineIndexer(Database& db)
    : m_db(db)
{
    for (int level = 0; level < levels; ++level)
        m_levels[std::size_t(level)].shift = TimelineIndex::firstLevel + level * TimelineIndex::levelStep;
}

TimelineIndexer::~TimelineIndexer() = default;

Result<std::unique_ptr<TimelineIndexer>> TimelineIndexer::create(Database& db)
{
    std::unique_ptr<TimelineIndexer> indexer(new TimelineIndexer(db));
    if (Status s = indexer->prepare(); !s)
        return s.error();
    return indexer;
}

Status TimelineIndexer::prepare()
{
    auto slices = BatchInsert::prepare(m_db, "main.sched_slice(cpu, ts, dur, pid, prio, end_state, task_busy)", 7);
    auto summary = BatchInsert::prepare(
        m_db, "main.cpu_summary(level, bucket, cpu, busy_ns, top_pid, events, type_mask, end_pid, first_id)", 9);
    if (!slices || !summary)
        return (slices ? summary.error() : slices.error());
    m_slices = std::move(*slices);
    m_summary = std::move(*summary);
    auto cpu = m_db.prepare("INSERT OR IGNORE INTO main.timeline_cpu(cpu) VALUES (?1)");
    if (!cpu)
        return cpu.error();
    m_cpuInsert = std::move(*cpu);
    return {};
}

Status TimelineIndexer::resumeFrom(const TimelineIndexResume& resume)
{
    auto earlier = m_db.prepare("SELECT task_busy + dur FROM main.sched_slice WHERE pid = ?1 AND ts < ?2 ORDER BY ts DESC LIMIT 1");
    if (!earlier)
        return earlier.error();
    m_earlierTaskTime = std::move(*earlier);
    m_resumedFrom = resume.from;
    m_lastTs = resume.from;
    for (const TimelineIndexResume::Run& run : resume.runs) {
        CpuState& state = cpuState(run.cpu);
        state.pid = run.pid;
        state.prio = run.prio;
        state.start = run.start;
        state.accounted.fill(resume.from);
        m_taskBusy[run.pid] = run.taskBusy;
    }
    return {};
}

Status TimelineIndexer::checked(int rc, const char* table)
{
    return rc == SQLITE_OK ? Status() : Status(m_db.error(Tr::tr("cannot write %1").arg(QString::fromUtf8(table))));
}

// CPUs get slots in the order they appear: memory follows the CPUs that have events, not the
// numbers they carry.
TimelineIndexer::CpuState& TimelineIndexer::cpuState(int cpu)
{
    if (cpu != m_lastCpu) {
        auto [it, added] = m_slotOfCpu.try_emplace(cpu, int(m_cpus.size()));
        if (added) {
            m_cpus.emplace_back();
            m_cpus.back().cpu = cpu;
            m_cpus.back().accounted.fill(INT64_MIN);
            m_newCpus.push_back(cpu);
        }
        m_lastCpu = cpu;
        m_lastSlot = it->second;
    }
    return m_cpus[std::size_t(m_lastSlot)];
}

Status TimelineIndexer::add(std::int64_t id, std::int64_t ts, int cpu, int typeId, const SwitchFields* sw)
{
    // Ids follow time; a timestamp going back (a damaged input) is taken as the last one seen,
    // so every bucket is still closed once and in order.
    ts = std::max(ts, m_lastTs);
    m_lastTs = ts;
    if (ts >= m_levels[0].end || m_levels[0].bucket == INT64_MIN) {
        if (Status s = advance(ts, id); !s)
            return s;
    }
    CpuState& state = cpuState(cpu);
    touch(state, m_lastSlot, std::uint64_t(1) << TimelineIndex::maskBit(typeId));
    if (sw && typeId == m_switchType)
        return switchTask(state, ts, *sw);
    return {};
}

void TimelineIndexer::touch(CpuState& state, int slot, std::uint64_t bit)
{
    for (std::size_t l = 0; l < levels; ++l) {
        Level& level = m_levels[l];
        CpuBucket& bucket = state.buckets[l];
        if (bucket.bucket != level.bucket) {
            bucket.bucket = level.bucket;
            bucket.events = 0;
            bucket.mask = 0;
            bucket.busy = 0;
            bucket.tasks.clear();
            level.touched.push_back(slot);
        }
        ++bucket.events;
        bucket.mask |= bit;
        ++level.events;
        level.mask |= bit;
    }
}

// Time moved into another finest bucket: every level whose bucket ends before ts closes, and
// opens the bucket of ts. Buckets nest, so once a level keeps its bucket the coarser ones do too.
Status TimelineIndexer::advance(std::int64_t ts, std::int64_t id)
{
    for (int l = 0; l < levels; ++l) {
        Level& level = m_levels[std::size_t(l)];
        const std::int64_t bucket = ts >> level.shift;
        if (bucket == level.bucket)
            break;
        if (level.bucket != INT64_MIN) {
            if (Status s = close(l, level.end); !s)
                return s;
        }
        level.bucket = bucket;
        level.start = bucket << level.shift;
        level.end = bucketEnd(bucket, level.shift);
        level.firstId = id;
        if (l == levels - 1)
            noteResumePoint(level.start);
    }
    return {};
}

// Credits the running task's time since it was last credited, up to `until`, to each level's
// open bucket (whatever lies before a bucket's start is in buckets the CPU has no row in).
void TimelineIndexer::credit(CpuState& state, std::int64_t until)
{
    for (std::size_t l = 0; l < levels; ++l)
        creditLevel(state, l, until);
}

void TimelineIndexer::creditLevel(CpuState& state, std::size_t l, std::int64_t until)
{
    const std::int64_t from = std::max(state.accounted[l], m_levels[l].start);
    if (state.pid > 0 && until > from) {
        CpuBucket& bucket = state.buckets[l];
        bucket.busy += until - from;
        bucket.tasks.add(state.pid, until - from);
    }
    state.accounted[l] = std::max(state.accounted[l], until);
}

Status TimelineIndexer::close(int l, std::int64_t until)
{
    Level& level = m_levels[std::size_t(l)];
    const bool dense = level.events >= TimelineIndex::denseEvents;
    if (dense) {
        m_summary.beginRow();
        const std::int64_t marker[] = { level.shift, level.bucket, -1 };
        for (int c = 0; c < 3; ++c)
            m_summary.setInt(c, marker[c]);
        m_summary.setInt(5, level.events);
        m_summary.setInt(6, std::int64_t(level.mask));
        m_summary.setInt(8, level.firstId);
        if (Status s = checked(m_summary.endRow(), "cpu_summary"); !s)
            return s;
    }
    for (const int slot : level.touched) {
        CpuState& state = m_cpus[std::size_t(slot)];
        creditLevel(state, std::size_t(l), until);
        if (!dense)
            continue;
        const CpuBucket& bucket = state.buckets[std::size_t(l)];
        m_summary.beginRow();
        const std::int64_t values[] = { level.shift, level.bucket, state.cpu, bucket.busy, bucket.tasks.top(), bucket.events,
            std::int64_t(bucket.mask), state.pid };
        for (int c = 0; c < 8; ++c) {
            if (c != 4 || !bucket.tasks.empty()) // no task ran: top_pid NULL
                m_summary.setInt(c, values[c]);
        }
        if (Status s = checked(m_summary.endRow(), "cpu_summary"); !s)
            return s;
    }
    level.touched.clear();
    level.events = 0;
    level.mask = 0;
    return {};
}

Status TimelineIndexer::switchTask(CpuState& state, std::int64_t ts, const SwitchFields& sw)
{
    credit(state, ts);
    if (state.pid > 0 && ts > state.start) {
        if (Status s = writeSlice(state, ts, &sw.prevState); !s)
            return s;
    }
    const bool runs = sw.nextPid > 0 && sw.nextPid <= INT32_MAX;
    state.pid = runs ? int(sw.nextPid) : 0;
    state.prio = int(std::clamp<std::int64_t>(sw.nextPrio, INT32_MIN, INT32_MAX));
    state.start = ts;
    return {};
}

Status TimelineIndexer::writeSlice(const CpuState& state, std::int64_t end, const std::int64_t* endState)
{
    auto before = taskBusy(state.pid);
    if (!before)
        return before.error();
    m_slices.beginRow();
    const std::int64_t values[] = { state.cpu, state.start, end - state.start, state.pid, state.prio };
    for (int c = 0; c < 5; ++c)
        m_slices.setInt(c, values[c]);
    if (endState)
        m_slices.setInt(5, *endState);
    m_slices.setInt(6, *before);
    m_taskBusy[state.pid] = *before + (end - state.start);
    return checked(m_slices.endRow(), "sched_slice");
}

// A task's time in its slices so far. A resumed build has not seen the slices before its
// resume point: the last of them says (it is in the table already).
Result<std::int64_t> TimelineIndexer::taskBusy(int pid)
{
    const auto it = m_taskBusy.find(pid);
    if (it != m_taskBusy.end() || m_resumedFrom == INT64_MIN)
        return it != m_taskBusy.end() ? it->second : 0;
    m_earlierTaskTime.bindInt(1, pid);
    m_earlierTaskTime.bindInt(2, m_resumedFrom);
    const int rc = m_earlierTaskTime.step();
    const std::int64_t time = rc == SQLITE_ROW ? m_earlierTaskTime.columnInt(0) : 0;
    m_earlierTaskTime.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return m_db.error(Tr::tr("cannot read sched_slice"));
    m_taskBusy.emplace(pid, time);
    return time;
}

void TimelineIndexer::noteResumePoint(std::int64_t from)
{
    TimelineIndexResume resume;
    resume.from = from;
    for (const CpuState& state : m_cpus) {
        if (state.pid <= 0)
            continue;
        auto before = taskBusy(state.pid);
        resume.runs.push_back({ state.cpu, state.pid, state.prio, state.start, before ? *before : 0 });
    }
    m_resumeChange = std::move(resume);
}

std::optional<TimelineIndexResume> TimelineIndexer::takeResumeChange() { return std::exchange(m_resumeChange, std::nullopt); }

Status TimelineIndexer::flush()
{
    for (int cpu : m_newCpus) {
        m_cpuInsert.bindInt(1, cpu);
        const int rc = m_cpuInsert.step();
        m_cpuInsert.reset();
        if (rc != SQLITE_DONE)
            return m_db.error(Tr::tr("cannot write timeline_cpu"));
    }
    m_newCpus.clear();
    if (Status s = checked(m_slices.flush(), "sched_slice"); !s)
        return s;
    return checked(m_summary.flush(), "cpu_summary");
}

Status TimelineIndexer::finish(std::int64_t endTs)
{
    endTs = std::max(endTs, m_lastTs);
    for (int l = 0; l < levels; ++l) {
        Level& level = m_levels[std::size_t(l)];
        if (level.bucket == INT64_MIN)
            continue;
        if (Status s = close(l, std::min(level.end, endTs)); !s)
            return s;
        level.bucket = INT64_MIN;
    }
    for (CpuState& state : m_cpus) {
        if (state.pid > 0 && endTs > state.start) {
            if (Status s = writeSlice(state, endTs, nullptr); !s)
                return s;
        }
        state.pid = 0;
    }
    m_resumeChange.reset();
    return flush();
}

} // namespace Storage
