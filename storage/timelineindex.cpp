// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelineindex.h"

#include "eventtime.h"
#include "indexcache.h"
#include "recordinglimits.h"
#include "schema.h"
#include "sqlitedb.h"
#include "timelineindexer.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <sqlite3.h>

#include <cmath>
#include <limits>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

constexpr std::int64_t progressInterval = 1 << 16;
constexpr const char* cacheAlias = "tl";

bool indexIn(Database& db, const std::string& schema)
{
    return indexMetaValue(db, schema, "timeline_index") == QString::number(TimelineIndex::version);
}

// The sched_switch type of the recording in `schema`, when it has the fields the index needs.
struct SwitchSource {
    int typeId = -1;
    std::string table;
};

Result<SwitchSource> switchSource(Database& db, const std::string& schema)
{
    SwitchSource source;
    auto type = db.prepare("SELECT t.id, t.field_table FROM " + schema + ".event_type t WHERE t.system = 'sched' AND "
        "t.name = 'sched_switch' AND (SELECT COUNT(*) FROM " + schema + ".event_field f WHERE f.type_id = t.id AND "
        "f.name IN ('prev_state', 'next_pid', 'next_prio')) = 3");
    if (!type)
        return type.error();
    if (type->step() == SQLITE_ROW) {
        source.typeId = int(type->columnInt(0));
        source.table = quoteIdentifier(type->columnText(1));
    }
    return source;
}

// Reads the events of `src` from an id on, in id order, merged with the sched_switch fields,
// into an indexer. Owned by the building thread.
class EventFeed {
public:
    EventFeed(Database& db, std::string src, TimelineIndexer& indexer, const IndexProgress& progress)
        : m_db(db)
        , m_src(std::move(src))
        , m_indexer(indexer)
        , m_progress(progress)
    {
    }

    Status run(std::int64_t fromId, std::int64_t lastId)
    {
        auto source = switchSource(m_db, m_src);
        if (!source)
            return source.error();
        m_indexer.setSwitchType(source->typeId);
        auto events = m_db.prepare("SELECT id, ts, cpu, type_id FROM " + m_src + ".event WHERE id >= ?1 ORDER BY id");
        if (!events)
            return m_db.error(Tr::tr("cannot read the event table"));
        events->bindInt(1, fromId);
        Statement switches;
        if (source->typeId > 0) {
            // A damaged field table (dropped, a column renamed) gives an index without slices.
            auto fields = m_db.prepare("SELECT event_id, prev_state, next_pid, next_prio FROM " + m_src + "." + source->table
                + " WHERE event_id >= ?1 ORDER BY event_id");
            if (fields) {
                switches = std::move(*fields);
                switches.bindInt(1, fromId);
            } else {
                m_indexer.setSwitchType(-1);
            }
        }
        return scan(*events, switches, fromId, lastId);
    }

private:
    Status scan(Statement& events, Statement& switches, std::int64_t fromId, std::int64_t lastId)
    {
        bool switchRow = switches.isValid() && switches.step() == SQLITE_ROW;
        const double span = double(std::max<std::int64_t>(1, lastId - fromId));
        int rc;
        while ((rc = events.step()) == SQLITE_ROW) {
            const std::int64_t id = events.columnInt(0);
            while (switchRow && switches.columnInt(0) < id)
                switchRow = switches.step() == SQLITE_ROW;
            SwitchFields fields;
            const bool isSwitch = switchRow && switches.columnInt(0) == id;
            if (isSwitch)
                fields = SwitchFields { switches.columnInt(1), switches.columnInt(2), switches.columnInt(3) };
            const std::int64_t cpu = events.columnInt(2);
            const std::int64_t ts = events.columnInt(1);
            // A damaged row (a CPU no kernel has, a time no recording holds) is left out rather
            // than sizing the per-CPU state or the buckets after it.
            if (Limits::isCpu(cpu) && Limits::isTimestamp(ts)) {
                if (Status s = m_indexer.add(id, ts, int(cpu), int(events.columnInt(3)), isSwitch ? &fields : nullptr); !s)
                    return s;
            }
            if (((id - fromId) % progressInterval) == 0 && m_progress && !m_progress(double(id - fromId) / span))
                return Error { Tr::tr("%1: building the timeline index was cancelled").arg(m_db.path()) };
        }
        if (rc != SQLITE_DONE)
            return m_db.error(Tr::tr("cannot read the event table"));
        return {};
    }

    Database& m_db;
    const std::string m_src;
    TimelineIndexer& m_indexer;
    const IndexProgress& m_progress;
};

// A recording whose writer was killed: its index is complete before the resume point.
std::optional<TimelineIndexResume> resumePoint(Database& db, const std::string& src)
{
    auto version = db.queryInt("PRAGMA " + src + ".user_version");
    if (!version || *version < 2)
        return std::nullopt;
    const QString text = indexMetaValue(db, src, "timeline_index_resume");
    return text.isEmpty() ? std::nullopt : TimelineIndexResume::fromText(text.toStdString());
}

// Copies what the recording's own index says before the resume point into the cache file.
Status copyBefore(Database& db, const TimelineIndexResume& resume)
{
    auto slices = db.prepare("INSERT INTO main.sched_slice SELECT cpu, ts, dur, pid, prio, end_state, task_busy "
                             "FROM src.sched_slice WHERE ts + dur <= ?1");
    auto summary = db.prepare("INSERT INTO main.cpu_summary SELECT level, bucket, cpu, busy_ns, top_pid, events, type_mask, "
                              "end_pid, first_id FROM src.cpu_summary WHERE bucket < (?1 >> level)");
    if (!slices || !summary)
        return slices ? summary.error() : slices.error();
    for (Statement* copy : { &*slices, &*summary }) {
        copy->bindInt(1, resume.from);
        if (copy->step() != SQLITE_DONE)
            return db.error(Tr::tr("cannot copy the timeline index"));
    }
    // CPUs seen in what was committed; those after the resume point are added again, once.
    return db.exec("INSERT OR IGNORE INTO main.timeline_cpu SELECT cpu FROM src.timeline_cpu");
}

Status build(IndexTarget& target, const IndexProgress& progress)
{
    Database& db = target.db();
    const std::string& src = target.source();
    const bool inCache = target.place() == IndexPlace::Cache;
    std::optional<TimelineIndexResume> resume = inCache ? resumePoint(db, src) : std::nullopt;
    if (Status s = db.exec(Schema::dropTimelineIndexTables); !s)
        return s;
    if (Status s = db.exec(Schema::createTimelineIndexTables); !s)
        return s;
    if (resume) {
        if (Status s = copyBefore(db, *resume); !s)
            return s;
    }
    auto indexer = TimelineIndexer::create(db);
    auto search = EventTimeSearch::create(db, src);
    if (!indexer || !search)
        return indexer ? search.error() : indexer.error();
    std::int64_t fromId = 1;
    if (resume) {
        auto first = search->firstIdAtOrAfter(resume->from);
        if (!first)
            return first.error();
        fromId = *first;
        if (Status s = (*indexer)->resumeFrom(*resume); !s)
            return s;
    }
    if (Status s = EventFeed(db, src, **indexer, progress).run(fromId, search->maxId()); !s)
        return s;
    auto lastTs = search->maxId() > 0 ? search->timestampOf(search->maxId()) : Result<std::int64_t>(std::int64_t(0));
    if (!lastTs)
        return lastTs.error();
    if (Status s = (*indexer)->finish(*lastTs); !s)
        return s;
    if (!inCache) {
        // Written into a file of an older schema: it is of this one now.
        const std::string version = "PRAGMA user_version = " + std::to_string(Schema::version)
            + "; INSERT OR REPLACE INTO main.meta(key, value) VALUES ('schema_version', '" + std::to_string(Schema::version) + "')";
        if (Status s = db.exec(version.c_str()); !s)
            return s;
    }
    const std::string meta = "INSERT OR REPLACE INTO main.meta(key, value) VALUES ('timeline_index', '"
        + std::to_string(TimelineIndex::version) + "')";
    return db.exec(meta.c_str());
}
} // namespace

namespace TimelineIndex {
int levelFor(double nsPerPixel)
{
    const int log2 = nsPerPixel >= 1 ? int(std::floor(std::log2(std::min(nsPerPixel, 4e18)))) : 0;
    return firstLevel + std::max(0, (log2 - firstLevel) / levelStep) * levelStep;
}

std::int64_t bucketEnd(std::int64_t bucket, int level)
{
    constexpr std::int64_t maxTs = std::numeric_limits<std::int64_t>::max();
    return bucket >= (maxTs >> level) ? maxTs : (bucket + 1) << level;
}
} // namespace TimelineIndex

QString timelineIndexCachePath(const QString& recordingPath) { return IndexCache::pathFor(recordingPath); }

bool timelineIndexIn(Database& db, const std::string& schema) { return indexIn(db, schema); }

bool fileHasTimelineIndex(const QString& path)
{
    auto db = Database::open(path, Database::Mode::ReadOnly);
    return db && indexIn(*db, "main");
}

bool hasTimelineIndex(const QString& path)
{
    auto db = Database::open(path, Database::Mode::ReadOnly);
    return db && attachTimelineIndex(*db).ok();
}

Result<std::string> attachTimelineIndex(Database& db)
{
    if (indexIn(db, "main"))
        return std::string("main");
    if (indexIn(db, cacheAlias)) // attached by an earlier call on this connection
        return std::string(cacheAlias);
    if (attachIndexCache(db, cacheAlias, indexIn))
        return std::string(cacheAlias);
    return Error { Tr::tr("%1: the recording has no timeline index yet").arg(db.path()) };
}

Status buildTimelineIndex(const QString& path, const IndexProgress& progress, IndexPlace place)
{
    if (!QFileInfo::exists(path))
        return Error { Tr::tr("%1: no such file").arg(path) };
    if (place == IndexPlace::File ? fileHasTimelineIndex(path) : hasTimelineIndex(path))
        return {};
    auto target = IndexTarget::open(path, place, Tr::tr("timeline index"));
    if (!target)
        return target.error();
    if (Status s = build(*target, progress); !s)
        return s;
    if (Status s = target->commit(); !s)
        return s;
    if (progress)
        progress(1.0);
    return {};
}

} // namespace Storage
