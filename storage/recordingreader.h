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
    int cpus = 0; // how many CPUs have data: cpuIds.size()
    std::vector<int> cpuIds; // the CPUs with events or cpu_stats (recordingCpus), increasing
    bool complete = false;
    std::int64_t events = 0; // rows of `event` (ids 1..events)
    std::int64_t firstTs = 0;
    std::int64_t lastTs = 0;
    std::int64_t lostEvents = 0;   // kernel losses and droppedPages
    std::int64_t droppedPages = 0; // ring-buffer pages the recorder found corrupt (cpu_stats.dropped_pages)
    std::int64_t tasks = 0;
    std::vector<std::pair<QString, std::int64_t>> eventsByType; // "system:event" -> count, by name
    std::int64_t durationNs() const { return events > 0 ? lastTs - firstTs : 0; }
};

// Read-only access to one recording. One instance per thread (each holds its own connection).
// open() refuses a file that breaks what every reader relies on (tables, event types, the ends
// of the id and time ranges) with a message naming the file and the problem; summary() checks
// that the ids have no gaps and never takes a count from `meta` that the data contradicts.
class RecordingReader {
public:
    // Opens and validates: an ftlens recording of a schema version this build understands.
    static Result<std::unique_ptr<RecordingReader>> open(const QString& path);

    const QString& path() const { return m_db.path(); }
    const QMap<QString, QString>& meta() const { return m_meta; }
    const std::vector<EventTypeInfo>& eventTypes() const { return m_types; }
    const EventTypeInfo* findEventType(const QString& qualifiedName) const;
    // Counts, times, CPUs and lost events (see RecordingSummary). Fails on a damaged event table.
    Result<RecordingSummary> summary();
    // The part of summary() that counts the events: their ids must have no gaps (one COUNT).
    Status checkEventIds();
    Database& database() { return m_db; }

private:
    explicit RecordingReader(Database db);
    Status load();
    Status checkTables();
    Status checkEvents();
    Status readEventSpan(RecordingSummary& summary);
    Status readLostEvents(RecordingSummary& summary);
    bool useStoredCounts(RecordingSummary& summary) const;
    Status countEvents(RecordingSummary& summary);

    Database m_db;
    QMap<QString, QString> m_meta;
    std::vector<EventTypeInfo> m_types;
};

} // namespace Storage
