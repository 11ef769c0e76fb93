// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "schema.h"
#include "sqlitedb.h"

#include <QMap>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace Storage {

struct FieldInfo {
    QString name;
    QString cType;
    Schema::FieldStorage storage = Schema::FieldStorage::Int;
    int size = 0;
};

struct EventTypeInfo {
    int id = 0;
    QString system;
    QString name;
    QString kind;
    QString definition; // the probe line given to the kernel (dynamic events), else empty
    QString fieldTable;
    std::vector<FieldInfo> fields;
    QString qualifiedName() const { return system + QLatin1Char(':') + name; }
};

struct RecordingSummary {
    int cpus = 0;
    bool complete = false;
    std::int64_t events = 0;
    std::int64_t firstTs = 0;
    std::int64_t lastTs = 0;
    std::int64_t lostEvents = 0;   // kernel losses and droppedPages
    std::int64_t droppedPages = 0; // ring-buffer pages the recorder found corrupt (cpu_stats.dropped_pages)
    std::int64_t tasks = 0;
    std::vector<std::pair<QString, std::int64_t>> eventsByType; // "system:event" -> count, by name
    std::int64_t durationNs() const { return events > 0 ? lastTs - firstTs : 0; }
};

// Read-only access to one recording. One instance per thread (each holds its own connection).
class RecordingReader {
public:
    // Opens and validates: an ftlens recording of a schema version this build understands.
    static Result<std::unique_ptr<RecordingReader>> open(const QString& path);

    const QString& path() const { return m_db.path(); }
    const QMap<QString, QString>& meta() const { return m_meta; }
    const std::vector<EventTypeInfo>& eventTypes() const { return m_types; }
    const EventTypeInfo* findEventType(const QString& qualifiedName) const;
    Result<RecordingSummary> summary();
    Database& database() { return m_db; }

private:
    explicit RecordingReader(Database db);
    Status load();

    Database m_db;
    QMap<QString, QString> m_meta;
    std::vector<EventTypeInfo> m_types;
};

} // namespace Storage
