// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingreader.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>

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

// Lost events: per CPU, what the kernel lost (its stats or the pages' missed-events counts,
// whichever is larger) plus the pages the recorder dropped as corrupt, at least one event each.
// Files written before cpu_stats had dropped_pages dropped none.
Status readLosses(Database& db, RecordingSummary& summary)
{
    auto hasDroppedPages = db.queryInt("SELECT COUNT(*) FROM pragma_table_info('cpu_stats') WHERE name = 'dropped_pages'");
    if (!hasDroppedPages)
        return describeOpenFailure(db);
    const std::string dropped = hasDroppedPages.value() > 0 ? "COALESCE(SUM(dropped_pages), 0)" : "0";
    auto query = db.prepare("SELECT COALESCE(SUM(MAX(overrun + commit_overrun + dropped_events, missed_events)), 0), " + dropped
        + " FROM cpu_stats");
    if (!query || query->step() != SQLITE_ROW)
        return describeOpenFailure(db);
    summary.droppedPages = query->columnInt(1);
    summary.lostEvents = query->columnInt(0) + summary.droppedPages;
    return {};
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
        EventTypeInfo type { static_cast<int>(typeQuery->columnInt(0)), typeQuery->columnString(1),
            typeQuery->columnString(2), typeQuery->columnString(3), typeQuery->columnString(4), typeQuery->columnString(5), {} };
        fieldQuery->bindInt(1, type.id);
        while (fieldQuery->step() == SQLITE_ROW)
            type.fields.push_back(FieldInfo { fieldQuery->columnString(0), fieldQuery->columnString(1),
                Schema::storageFromName(fieldQuery->columnText(2)), static_cast<int>(fieldQuery->columnInt(3)) });
        fieldQuery->reset();
        m_types.push_back(std::move(type));
    }
    if (rc != SQLITE_DONE)
        return describeOpenFailure(m_db);
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
    summary.cpus = m_meta.value(QStringLiteral("cpus")).toInt();
    summary.complete = m_meta.value(QStringLiteral("complete")) == QLatin1String("1");

    auto bounds = m_db.prepare("SELECT (SELECT ts FROM event ORDER BY id LIMIT 1), (SELECT ts FROM event ORDER BY id "
                               "DESC LIMIT 1), (SELECT MAX(id) FROM event)");
    if (!bounds || bounds->step() != SQLITE_ROW)
        return describeOpenFailure(m_db);
    summary.firstTs = bounds->columnInt(0);
    summary.lastTs = bounds->columnInt(1);
    summary.events = bounds->columnInt(2);

    if (Status s = readLosses(m_db, summary); !s)
        return s.error();

    // A finished recording stores its counts; an interrupted one is counted here.
    if (summary.complete && m_meta.contains(QStringLiteral("event_counts")) && m_meta.contains(QStringLiteral("task_count"))) {
        summary.tasks = m_meta.value(QStringLiteral("task_count")).toLongLong();
        const QStringList counts = m_meta.value(QStringLiteral("event_counts")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString& entry : counts) {
            const int typeId = entry.section(QLatin1Char(':'), 0, 0).toInt();
            for (const EventTypeInfo& type : m_types) {
                if (type.id == typeId)
                    summary.eventsByType.emplace_back(type.qualifiedName(), entry.section(QLatin1Char(':'), 1).toLongLong());
            }
        }
        std::sort(summary.eventsByType.begin(), summary.eventsByType.end());
        return summary;
    }
    auto tasks = m_db.queryInt("SELECT COUNT(*) FROM (SELECT DISTINCT pid FROM event)");
    if (!tasks)
        return describeOpenFailure(m_db);
    summary.tasks = tasks.value();
    // Each type's field table has one row per event of that type.
    for (const EventTypeInfo& type : m_types) {
        auto count = m_db.queryInt("SELECT COUNT(*) FROM " + quoteIdentifier(type.fieldTable.toStdString()));
        if (!count)
            return describeOpenFailure(m_db);
        if (count.value() > 0)
            summary.eventsByType.emplace_back(type.qualifiedName(), count.value());
    }
    std::sort(summary.eventsByType.begin(), summary.eventsByType.end());
    return summary;
}

} // namespace Storage
