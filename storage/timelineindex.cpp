// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelineindex.h"

#include "indextarget.h"
#include "recordinglimits.h"

#include "sqlitedb.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <sqlite3.h>

#include <array>
#include <unordered_map>
#include <vector>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

using TimelineIndex::firstLevel;
using TimelineIndex::levelCount;
using TimelineIndex::levelStep;

constexpr int progressInterval = 1 << 16;

const char* const createTablesSql = R"sql(
DROP TABLE IF EXISTS %1.sched_slice;
DROP TABLE IF EXISTS %1.cpu_summary;
CREATE TABLE %1.sched_slice (
    id INTEGER PRIMARY KEY, cpu INTEGER NOT NULL, ts INTEGER NOT NULL, dur INTEGER NOT NULL,
    pid INTEGER NOT NULL, prio INTEGER, end_state INTEGER);
CREATE TABLE %1.cpu_summary (
    cpu INTEGER NOT NULL, level INTEGER NOT NULL, bucket INTEGER NOT NULL, busy_ns INTEGER NOT NULL,
    top_pid INTEGER, events INTEGER NOT NULL, type_mask INTEGER NOT NULL,
    PRIMARY KEY (cpu, level, bucket)) WITHOUT ROWID;
)sql";

const char* const createIndexesSql = R"sql(
CREATE INDEX %1.sched_slice_cpu_ts ON sched_slice(cpu, ts);
CREATE INDEX %1.sched_slice_pid_ts ON sched_slice(pid, ts);
)sql";

std::string withSchema(const char* sql, const std::string& schema)
{
    return QString::fromUtf8(sql).arg(QString::fromStdString(schema)).toStdString();
}

bool metaHasIndex(Database& db, const char* schema)
{
    auto q = db.prepare(std::string("SELECT value FROM ") + schema + ".meta WHERE key = 'timeline_index'");
    return q && q->step() == SQLITE_ROW && q->columnInt(0) == TimelineIndex::version;
}

// One summary bucket being filled at one (cpu, level).
struct OpenBucket {
    std::int64_t bucket = -1;
    std::int64_t busy = 0;
    std::int64_t events = 0;
    std::uint64_t mask = 0;
    std::unordered_map<int, std::int64_t> timeByPid;
};

struct CpuState {
    std::array<OpenBucket, levelCount> levels;
    int runningPid = -1; // -1: no sched_switch seen yet on this CPU
    int runningPrio = 0;
    std::int64_t sliceStart = 0;
    std::int64_t accountedTo = 0; // busy time is credited up to here
};

// One pass over the events in id (= time) order, merged with the sched_switch field table.
// Busy time of the running task is credited lazily, whenever an event of that CPU crosses a
// finest-level bucket boundary or switches tasks, so buckets are always filled in time order
// and can be written as soon as the next one opens. Owned by the building thread.
class IndexBuilder {
public:
    IndexBuilder(Database& db, std::string src, std::string dst, const IndexProgress& progress)
        : m_db(db)
        , m_src(std::move(src))
        , m_dst(std::move(dst))
        , m_progress(progress)
    {
    }

    Status run()
    {
        if (Status s = m_db.exec(withSchema(createTablesSql, m_dst).c_str()); !s)
            return s;
        if (Status s = prepare(); !s)
            return s;
        if (Status s = scan(); !s)
            return s;
        if (Status s = m_db.exec(withSchema(createIndexesSql, m_dst).c_str()); !s)
            return s;
        return m_db.exec(("INSERT OR REPLACE INTO " + m_dst + ".meta(key, value) VALUES ('timeline_index', '"
            + std::to_string(TimelineIndex::version) + "')")
                             .c_str());
    }

private:
    Status prepare()
    {
        auto slice = m_db.prepare("INSERT INTO " + m_dst + ".sched_slice(cpu, ts, dur, pid, prio, end_state) VALUES (?,?,?,?,?,?)");
        auto summary = m_db.prepare("INSERT INTO " + m_dst + ".cpu_summary VALUES (?,?,?,?,?,?,?)");
        if (!slice || !summary)
            return m_db.error(Tr::tr("cannot prepare the timeline index"));
        m_sliceInsert = std::move(*slice);
        m_summaryInsert = std::move(*summary);
        auto type = m_db.prepare("SELECT id, field_table FROM " + m_src
            + ".event_type WHERE system = 'sched' AND name = 'sched_switch'");
        if (!type)
            return m_db.error(Tr::tr("cannot read event types"));
        if (type->step() == SQLITE_ROW) {
            m_switchType = static_cast<int>(type->columnInt(0));
            auto fields = m_db.prepare("SELECT event_id, prev_state, next_pid, next_prio FROM " + m_src + "."
                + quoteIdentifier(type->columnText(1)) + " ORDER BY event_id");
            if (!fields)
                return m_db.error(Tr::tr("cannot read sched_switch fields"));
            m_switchFields = std::move(*fields);
        }
        const std::string event = m_src + ".event";
        const std::string lastTs = "(SELECT ts FROM " + event + " ORDER BY id DESC LIMIT 1)";
        const std::string firstTs = "(SELECT ts FROM " + event + " ORDER BY id LIMIT 1)";
        auto bounds = m_db.prepare("SELECT MIN(id), MAX(id), " + lastTs + ", " + firstTs + " FROM " + event);
        if (!bounds || bounds->step() != SQLITE_ROW)
            return m_db.error(Tr::tr("cannot read the event table"));
        m_firstId = bounds->columnInt(0);
        m_lastId = bounds->columnInt(1);
        m_lastTs = bounds->columnInt(2);
        m_firstTs = bounds->columnInt(3);
        return {};
    }

    Status scan()
    {
        auto events = m_db.prepare("SELECT id, ts, cpu, type_id FROM " + m_src + ".event ORDER BY id");
        if (!events)
            return m_db.error(Tr::tr("cannot read the event table"));
        bool switchRow = m_switchFields.isValid() && m_switchFields.step() == SQLITE_ROW;
        int rc;
        while ((rc = events->step()) == SQLITE_ROW) {
            const std::int64_t id = events->columnInt(0);
            const std::int64_t ts = events->columnInt(1);
            const int cpu = static_cast<int>(events->columnInt(2));
            const int typeId = static_cast<int>(events->columnInt(3));
            // A damaged row (a CPU no kernel has, a time outside the recording's) is left out
            // rather than sizing the per-CPU state or the buckets after it.
            if (!Limits::isCpu(events->columnInt(2)) || ts < m_firstTs || ts > m_lastTs)
                continue;
            CpuState& state = cpuState(cpu, ts);
            while (switchRow && m_switchFields.columnInt(0) < id)
                switchRow = m_switchFields.step() == SQLITE_ROW;
            const bool isSwitch = typeId == m_switchType && switchRow && m_switchFields.columnInt(0) == id;
            if (isSwitch || ((ts ^ state.accountedTo) >> firstLevel) != 0) {
                if (Status s = credit(cpu, state, ts); !s)
                    return s;
            }
            if (Status s = countEvent(cpu, state, ts, typeId); !s)
                return s;
            if (isSwitch) {
                if (Status s = switchTo(cpu, state, ts); !s)
                    return s;
            }
            if (((id - m_firstId) % progressInterval) == 0 && m_progress && cancelled(id))
                return Error { Tr::tr("%1: building the timeline index was cancelled").arg(m_db.path()) };
        }
        if (rc != SQLITE_DONE)
            return m_db.error(Tr::tr("cannot read the event table"));
        return finishCpus();
    }

    bool cancelled(std::int64_t id) const
    {
        const double span = static_cast<double>(std::max<std::int64_t>(1, m_lastId - m_firstId));
        return !m_progress(static_cast<double>(id - m_firstId) / span);
    }

    CpuState& cpuState(int cpu, std::int64_t ts)
    {
        if (static_cast<std::size_t>(cpu) >= m_cpus.size()) {
            const std::size_t old = m_cpus.size();
            m_cpus.resize(static_cast<std::size_t>(cpu) + 1);
            for (std::size_t i = old; i < m_cpus.size(); ++i)
                m_cpus[i].accountedTo = ts;
        }
        return m_cpus[static_cast<std::size_t>(cpu)];
    }

    // Credits [accountedTo, ts) to the running task at every level.
    Status credit(int cpu, CpuState& state, std::int64_t ts)
    {
        const std::int64_t from = state.accountedTo;
        state.accountedTo = ts;
        if (state.runningPid <= 0 || ts <= from)
            return {};
        for (int level = 0; level < levelCount; ++level) {
            const int shift = firstLevel + level * levelStep;
            for (std::int64_t t = from; t < ts;) {
                OpenBucket& open = state.levels[static_cast<std::size_t>(level)];
                if (Status s = openBucket(cpu, level, open, t >> shift); !s)
                    return s;
                const std::int64_t end = std::min(ts, ((t >> shift) + 1) << shift);
                open.busy += end - t;
                open.timeByPid[state.runningPid] += end - t;
                t = end;
            }
        }
        return {};
    }

    Status countEvent(int cpu, CpuState& state, std::int64_t ts, int typeId)
    {
        const std::uint64_t bit = std::uint64_t(1) << TimelineIndex::maskBit(typeId);
        for (int level = 0; level < levelCount; ++level) {
            OpenBucket& open = state.levels[static_cast<std::size_t>(level)];
            if (Status s = openBucket(cpu, level, open, ts >> (firstLevel + level * levelStep)); !s)
                return s;
            ++open.events;
            open.mask |= bit;
        }
        return {};
    }

    Status switchTo(int cpu, CpuState& state, std::int64_t ts)
    {
        if (state.runningPid > 0) {
            if (Status s = writeSlice(cpu, state, ts, m_switchFields.columnInt(1), false); !s)
                return s;
        }
        state.runningPid = static_cast<int>(m_switchFields.columnInt(2));
        state.runningPrio = static_cast<int>(m_switchFields.columnInt(3));
        state.sliceStart = ts;
        return {};
    }

    Status writeSlice(int cpu, const CpuState& state, std::int64_t end, std::int64_t endState, bool open)
    {
        m_sliceInsert.bindInt(1, cpu);
        m_sliceInsert.bindInt(2, state.sliceStart);
        m_sliceInsert.bindInt(3, end - state.sliceStart);
        m_sliceInsert.bindInt(4, state.runningPid);
        m_sliceInsert.bindInt(5, state.runningPrio);
        open ? m_sliceInsert.bindNull(6) : m_sliceInsert.bindInt(6, endState);
        const int rc = m_sliceInsert.step();
        m_sliceInsert.reset();
        return rc == SQLITE_DONE ? Status() : Status(m_db.error(Tr::tr("cannot write sched_slice")));
    }

    Status openBucket(int cpu, int level, OpenBucket& open, std::int64_t bucket)
    {
        if (open.bucket == bucket)
            return {};
        if (Status s = flush(cpu, level, open); !s)
            return s;
        open.bucket = bucket;
        return {};
    }

    Status flush(int cpu, int level, OpenBucket& open)
    {
        if (open.bucket < 0 || (open.events == 0 && open.busy == 0)) {
            open.bucket = -1;
            return {};
        }
        int topPid = 0;
        std::int64_t topTime = -1;
        for (const auto& [pid, time] : open.timeByPid) {
            if (time > topTime || (time == topTime && pid < topPid)) {
                topPid = pid;
                topTime = time;
            }
        }
        const std::int64_t values[] = { cpu, firstLevel + level * levelStep, open.bucket, open.busy, topPid, open.events,
            static_cast<std::int64_t>(open.mask) };
        for (int i = 0; i < 7; ++i)
            m_summaryInsert.bindInt(i + 1, values[i]);
        if (topTime < 0)
            m_summaryInsert.bindNull(5);
        const int rc = m_summaryInsert.step();
        m_summaryInsert.reset();
        open = OpenBucket();
        return rc == SQLITE_DONE ? Status() : Status(m_db.error(Tr::tr("cannot write cpu_summary")));
    }

    // The last slice of each CPU ends at the recording's last timestamp.
    Status finishCpus()
    {
        for (std::size_t cpu = 0; cpu < m_cpus.size(); ++cpu) {
            CpuState& state = m_cpus[cpu];
            const int c = static_cast<int>(cpu);
            if (Status s = credit(c, state, m_lastTs); !s)
                return s;
            if (state.runningPid > 0) {
                if (Status s = writeSlice(c, state, m_lastTs, 0, true); !s)
                    return s;
            }
            for (int level = 0; level < levelCount; ++level) {
                if (Status s = flush(c, level, state.levels[static_cast<std::size_t>(level)]); !s)
                    return s;
            }
        }
        return {};
    }

    Database& m_db;
    const std::string m_src;
    const std::string m_dst;
    const IndexProgress& m_progress;
    Statement m_sliceInsert;
    Statement m_summaryInsert;
    Statement m_switchFields;
    int m_switchType = -1;
    std::int64_t m_firstId = 0;
    std::int64_t m_lastId = 0;
    std::int64_t m_lastTs = 0;
    std::int64_t m_firstTs = 0;
    std::vector<CpuState> m_cpus;
};

} // namespace

QString timelineIndexCachePath(const QString& recordingPath)
{
    const QFileInfo info(recordingPath);
    const QString key = info.canonicalFilePath() + QLatin1Char('\n') + QString::number(info.size()) + QLatin1Char('\n')
        + QString::number(info.lastModified().toMSecsSinceEpoch());
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
    // The generic cache, not the application's: the app, its batch modes and ftlens-cli share it.
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath();
    return dir + QLatin1String("/ftlens/timeline/") + QString::fromLatin1(hash) + QLatin1String(".ftlens-index");
}

bool hasTimelineIndex(const QString& path)
{
    {
        auto db = Database::open(path, Database::Mode::ReadOnly);
        if (db && metaHasIndex(*db, "main"))
            return true;
    }
    const QString cache = timelineIndexCachePath(path);
    if (!QFileInfo::exists(cache))
        return false;
    auto db = Database::open(cache, Database::Mode::ReadOnly);
    return db && metaHasIndex(*db, "main");
}

Status buildTimelineIndex(const QString& path, const IndexProgress& progress)
{
    if (hasTimelineIndex(path))
        return {};
    if (!QFileInfo::exists(path))
        return Error { Tr::tr("%1: no such file").arg(path) };
    std::string src;
    auto db = openIndexTarget(path, src, Tr::tr("timeline index"));
    if (!db)
        return db.error();
    // Everything in one transaction: a cancelled or failed build leaves the file as it was.
    if (Status s = db->exec("PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; BEGIN IMMEDIATE"); !s)
        return s;
    IndexBuilder builder(*db, src, "main", progress);
    if (Status s = builder.run(); !s) {
        (void)db->exec("ROLLBACK");
        return s;
    }
    if (Status s = db->exec("COMMIT"); !s) {
        (void)db->exec("ROLLBACK");
        return s;
    }
    if (progress)
        progress(1.0);
    return {};
}

} // namespace Storage
