// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingreader.h"

#include "recordingcpus.h"
#include "recordinglimits.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <map>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

// Turns SQLite's words for a damaged or foreign file into a message that names the file.
Error describeOpenFailure(const Database& db)
{
    const int code = db.lastCode() & 0xff;
    if (code == SQLITE_NOTADB)
        return Error { Tr::tr("%1: not an ftlens recording (not an SQLite database)").arg(db.path()) };
    if (code == SQLITE_CORRUPT)
        return Error { Tr::tr("%1: the recording is corrupt or truncated (%2)").arg(db.path(), db.lastMessage()) };
    return Error { Tr::tr("%1: cannot read the recording: %2").arg(db.path(), db.lastMessage()) };
}

// A file that reads as SQLite but whose content breaks what every recording holds.
Error damaged(const QString& path, const QString& problem)
{
    return Error { Tr::tr("%1: the recording is damaged: %2").arg(path, problem) };
}

// The tables every reader relies on (Schema::createCoreTables).
constexpr const char* requiredTables[]
    = { "meta", "string", "event_type", "event_field", "task", "cpu_stats", "event" };

// What the file (and its write-ahead log) can hold at most: ids beyond it are damage, however
// they got there, and would make id-indexed views cost more than the file.
std::int64_t plausibleEventRows(const QString& path)
{
    const std::int64_t bytes = QFileInfo(path).size() + QFileInfo(path + QLatin1String("-wal")).size();
    return bytes / Limits::minRowBytes + 1;
}

// event_counts as stored: "type_id:count,..."; empty when it does not read as such.
std::map<std::int64_t, std::int64_t> parseEventCounts(const QString& text)
{
    std::map<std::int64_t, std::int64_t> counts;
    for (const QString& entry : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool idOk = false;
        bool countOk = false;
        const std::int64_t id = entry.section(QLatin1Char(':'), 0, 0).toLongLong(&idOk);
        const std::int64_t count = entry.section(QLatin1Char(':'), 1).toLongLong(&countOk);
        if (!idOk || !countOk || count < 0 || counts.count(id))
            return {};
        counts[id] = count;
    }
    return counts;
}
} // namespace

RecordingReader::RecordingReader(Database db)
    : m_db(std::move(db))
{
}

Result<std::unique_ptr<RecordingReader>> RecordingReader::open(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error { Tr::tr("%1: no such file").arg(path) };
    if (!info.isFile() || !info.isReadable())
        return Error { Tr::tr("%1: not a readable file").arg(path) };
    // A live recording may still be empty here with everything in its -wal file.
    if (info.size() == 0 && !QFileInfo::exists(path + QLatin1String("-wal")))
        return Error { Tr::tr("%1: not an ftlens recording (empty file)").arg(path) };
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db)
        return db.error();
    std::unique_ptr<RecordingReader> reader(new RecordingReader(std::move(db.value())));
    if (Status s = reader->load(); !s)
        return s.error();
    return reader;
}

Status RecordingReader::load()
{
    auto appId = m_db.queryInt("PRAGMA application_id");
    if (!appId)
        return describeOpenFailure(m_db);
    if (appId.value() != Schema::applicationId)
        return Error { Tr::tr("%1: not an ftlens recording (an SQLite database of another application)").arg(path()) };
    auto version = m_db.queryInt("PRAGMA user_version");
    if (!version)
        return describeOpenFailure(m_db);
    if (version.value() > Schema::version)
        return Error { Tr::tr("%1: written by a newer ftlens (schema version %2; this build reads up to version %3)")
                           .arg(path())
                           .arg(version.value())
                           .arg(Schema::version) };
    if (Status s = checkTables(); !s)
        return s;
    auto metaQuery = m_db.prepare("SELECT key, value FROM meta");
    if (!metaQuery)
        return describeOpenFailure(m_db);
    int rc;
    while ((rc = metaQuery->step()) == SQLITE_ROW)
        m_meta.insert(metaQuery->columnString(0), metaQuery->columnString(1));
    if (rc != SQLITE_DONE)
        return describeOpenFailure(m_db);

    auto typeQuery = m_db.prepare("SELECT id, system, name, kind, COALESCE(definition, ''), field_table FROM event_type ORDER BY id");
    auto fieldQuery = m_db.prepare("SELECT name, c_type, storage, size FROM event_field WHERE type_id = ? ORDER BY ord");
    if (!typeQuery || !fieldQuery)
        return describeOpenFailure(m_db);
    while ((rc = typeQuery->step()) == SQLITE_ROW) {
        // Type ids index per-type figures and the timeline's type bits: positive ints only.
        const std::int64_t id = typeQuery->columnInt(0);
        if (id < 1 || id > std::numeric_limits<int>::max() || typeQuery->columnText(5).empty())
            return damaged(path(), Tr::tr("event_type row %1 has no valid id or field table").arg(id));
        EventTypeInfo type { static_cast<int>(id), typeQuery->columnString(1), typeQuery->columnString(2),
            typeQuery->columnString(3), typeQuery->columnString(4), typeQuery->columnString(5), {} };
        fieldQuery->bindInt(1, type.id);
        int fieldRc;
        while ((fieldRc = fieldQuery->step()) == SQLITE_ROW)
            type.fields.push_back(FieldInfo { fieldQuery->columnString(0), fieldQuery->columnString(1),
                Schema::storageFromName(fieldQuery->columnText(2)), static_cast<int>(fieldQuery->columnInt(3)) });
        fieldQuery->reset();
        if (fieldRc != SQLITE_DONE)
            return describeOpenFailure(m_db);
        m_types.push_back(std::move(type));
    }
    if (rc != SQLITE_DONE)
        return describeOpenFailure(m_db);
    return checkEvents();
}

Status RecordingReader::checkTables()
{
    auto tables = m_db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
    if (!tables)
        return describeOpenFailure(m_db);
    QStringList present;
    int rc;
    while ((rc = tables->step()) == SQLITE_ROW)
        present.append(tables->columnString(0));
    if (rc != SQLITE_DONE)
        return describeOpenFailure(m_db);
    for (const char* table : requiredTables) {
        if (!present.contains(QLatin1String(table)))
            return damaged(path(), Tr::tr("its table %1 is missing").arg(QLatin1String(table)));
    }
    return {};
}

// Event ids are dense from 1 and in time order: views index by id and search by time. Checked
// here cheaply (the two ends of the id B-tree); summary() also counts the rows.
Status RecordingReader::checkEvents()
{
    auto last = m_db.queryInt("SELECT COALESCE(MAX(id), 0) FROM event");
    auto first = m_db.queryInt("SELECT COALESCE(MIN(id), 0) FROM event");
    if (!last || !first)
        return describeOpenFailure(m_db);
    if (*last == 0 && *first == 0)
        return {};
    if (*first < 1)
        return damaged(
            path(), Tr::tr("its event ids run from %1 to %2 (ids count the events from 1)").arg(*first).arg(*last));
    if (*last - *first >= plausibleEventRows(path()))
        return damaged(
            path(), Tr::tr("its event ids run from %1 to %2, more than the file can hold").arg(*first).arg(*last));
    auto ts = m_db.prepare("SELECT ts FROM event WHERE id = ?1");
    if (!ts)
        return describeOpenFailure(m_db);
    std::int64_t times[2] = {};
    for (int i = 0; i < 2; ++i) {
        ts->reset();
        ts->bindInt(1, i == 0 ? *first : *last);
        if (ts->step() != SQLITE_ROW)
            return describeOpenFailure(m_db);
        times[i] = ts->columnInt(0);
    }
    if (!Limits::isTimestamp(times[0]) || !Limits::isTimestamp(times[1]) || times[1] < times[0])
        return damaged(path(),
            Tr::tr("its events run from %1 ns to %2 ns (timestamps go from 0 to %3 ns, in id order)")
                .arg(times[0])
                .arg(times[1])
                .arg(Limits::maxTimestampNs));
    return {};
}

const EventTypeInfo* RecordingReader::findEventType(const QString& qualifiedName) const
{
    for (const EventTypeInfo& type : m_types) {
        if (type.qualifiedName() == qualifiedName)
            return &type;
    }
    return nullptr;
}

Result<RecordingSummary> RecordingReader::summary()
{
    RecordingSummary summary;
    summary.complete = m_meta.value(QStringLiteral("complete")) == QLatin1String("1");
    if (Status s = readEventSpan(summary); !s)
        return s.error();
    // The lanes come from the data; meta `cpus` is only what the writer believed.
    auto cpus = recordingCpus(m_db);
    if (!cpus)
        return cpus.error();
    summary.cpuIds = std::move(cpus.value());
    summary.cpus = static_cast<int>(summary.cpuIds.size());
    if (Status s = readLostEvents(summary); !s)
        return s.error();
    // A finished recording stores its counts; an interrupted one (or one whose stored counts do
    // not add up to its events) is counted here.
    if (!summary.complete || !useStoredCounts(summary)) {
        if (Status s = countEvents(summary); !s)
            return s.error();
    }
    std::sort(summary.eventsByType.begin(), summary.eventsByType.end());
    return summary;
}

Status RecordingReader::checkEventIds()
{
    RecordingSummary summary;
    return readEventSpan(summary);
}

Status RecordingReader::readEventSpan(RecordingSummary& summary)
{
    auto bounds = m_db.prepare("SELECT (SELECT ts FROM event ORDER BY id LIMIT 1), (SELECT ts FROM event ORDER BY id "
                               "DESC LIMIT 1), (SELECT MIN(id) FROM event), (SELECT MAX(id) FROM event), "
                               "(SELECT COUNT(*) FROM event)");
    if (!bounds || bounds->step() != SQLITE_ROW)
        return describeOpenFailure(m_db);
    summary.firstTs = bounds->columnInt(0);
    summary.lastTs = bounds->columnInt(1);
    summary.events = bounds->columnInt(4);
    const std::int64_t span = summary.events > 0 ? bounds->columnInt(3) - bounds->columnInt(2) + 1 : 0;
    if (summary.events != span)
        return damaged(path(),
            Tr::tr("its event table has %1 rows under the ids %2 to %3 (ids have no gaps)")
                .arg(summary.events)
                .arg(bounds->columnInt(2))
                .arg(bounds->columnInt(3)));
    return {};
}

// Lost events: per CPU, what the kernel lost (its stats or the pages' missed-events counts,
// whichever is larger) plus the pages the recorder dropped as corrupt, at least one event each.
// Files written before cpu_stats had dropped_pages dropped none.
Status RecordingReader::readLostEvents(RecordingSummary& summary)
{
    auto hasDroppedPages = m_db.queryInt("SELECT COUNT(*) FROM pragma_table_info('cpu_stats') WHERE name = 'dropped_pages'");
    if (!hasDroppedPages)
        return describeOpenFailure(m_db);
    // Summed here rather than by SQL, whose SUM fails on overflow: counts saturate instead.
    auto rows = m_db.prepare(std::string("SELECT overrun, commit_overrun, dropped_events, missed_events, ")
        + (hasDroppedPages.value() > 0 ? "dropped_pages" : "0") + " FROM cpu_stats");
    if (!rows)
        return describeOpenFailure(m_db);
    constexpr std::int64_t most = std::numeric_limits<std::int64_t>::max();
    auto add = [](std::int64_t a, std::int64_t b) {
        return std::max<std::int64_t>(0, b) > most - a ? most : a + std::max<std::int64_t>(0, b);
    };
    int rc;
    while ((rc = rows->step()) == SQLITE_ROW) {
        const std::int64_t overruns = add(add(add(0, rows->columnInt(0)), rows->columnInt(1)), rows->columnInt(2));
        summary.lostEvents = add(summary.lostEvents, std::max(overruns, rows->columnInt(3)));
        summary.droppedPages = add(summary.droppedPages, rows->columnInt(4));
    }
    summary.lostEvents = add(summary.lostEvents, summary.droppedPages);
    return rc == SQLITE_DONE ? Status() : describeOpenFailure(m_db);
}

bool RecordingReader::useStoredCounts(RecordingSummary& summary) const
{
    bool tasksOk = false;
    const std::int64_t tasks = m_meta.value(QStringLiteral("task_count")).toLongLong(&tasksOk);
    if (!tasksOk || tasks < 0 || tasks > summary.events || !m_meta.contains(QStringLiteral("event_counts")))
        return false;
    const auto counts = parseEventCounts(m_meta.value(QStringLiteral("event_counts")));
    std::vector<std::pair<QString, std::int64_t>> byType;
    std::int64_t total = 0;
    for (const auto& [typeId, count] : counts) {
        const auto type = std::find_if(
            m_types.begin(), m_types.end(), [id = typeId](const EventTypeInfo& t) { return t.id == id; });
        if (type == m_types.end() || count > summary.events - total)
            return false;
        total += count;
        byType.emplace_back(type->qualifiedName(), count);
    }
    if (total != summary.events)
        return false;
    summary.tasks = tasks;
    summary.eventsByType = std::move(byType);
    return true;
}

Status RecordingReader::countEvents(RecordingSummary& summary)
{
    auto tasks = m_db.queryInt("SELECT COUNT(*) FROM (SELECT DISTINCT pid FROM event)");
    if (!tasks)
        return describeOpenFailure(m_db);
    summary.tasks = tasks.value();
    summary.eventsByType.clear();
    // Each type's field table has one row per event of that type.
    for (const EventTypeInfo& type : m_types) {
        auto count = m_db.queryInt("SELECT COUNT(*) FROM " + quoteIdentifier(type.fieldTable.toStdString()));
        if (!count)
            return describeOpenFailure(m_db);
        if (count.value() > 0)
            summary.eventsByType.emplace_back(type.qualifiedName(), count.value());
    }
    return {};
}

} // namespace Storage
