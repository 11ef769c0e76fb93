// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingwriter.h"

#include "timelineindex.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <iterator>
#include <sqlite3.h>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

std::string fieldTableName(const EventTypeSpec& spec) { return "ev_" + spec.system + "__" + spec.name; }

const char* sqlType(Schema::FieldStorage storage)
{
    // Text fields hold ids into `string`; see the per-type views for the resolved text.
    return storage == Schema::FieldStorage::Blob ? "BLOB" : "INTEGER";
}

std::string viewSql(const EventTypeSpec& spec, const std::string& table)
{
    std::string columns;
    std::string joins;
    int n = 0;
    for (const FieldSpec& field : spec.fields) {
        const std::string column = quoteIdentifier(field.name);
        if (field.storage == Schema::FieldStorage::Text) {
            const std::string alias = "s" + std::to_string(n++);
            columns += ", " + alias + ".str AS " + column;
            joins += " LEFT JOIN string " + alias + " ON " + alias + ".id = f." + column;
        } else {
            columns += ", f." + column;
        }
    }
    return "CREATE VIEW " + quoteIdentifier("view_" + spec.system + "__" + spec.name)
        + " AS SELECT e.id, e.ts, e.cpu, e.pid" + columns + " FROM event e JOIN " + quoteIdentifier(table)
        + " f ON f.event_id = e.id" + joins + ";";
}

bool isDiskFull(int rc) { return (rc & 0xff) == SQLITE_FULL; }
} // namespace

RecordingWriter::RecordingWriter(Database db, WriteMode mode)
    : m_db(std::move(db))
    , m_mode(mode)
{
}

RecordingWriter::~RecordingWriter()
{
    // An unfinished recording keeps what was appended: commit it, but leave 'complete' at 0.
    if (m_inTransaction && !m_failed)
        (void)commit();
    if (m_inTransaction)
        (void)m_db.exec("COMMIT");
}

Result<std::unique_ptr<RecordingWriter>> RecordingWriter::create(
    const QString& path, WriteMode mode, ExistingFile existing, bool timelineIndex)
{
    if (existing == ExistingFile::UseEmpty)
        return open(path, mode, Database::Mode::ReadWrite, timelineIndex);
    const QFileInfo dir(QFileInfo(path).absolutePath());
    if (!dir.isDir())
        return Error { Tr::tr("%1: cannot create the recording: the directory %2 does not exist").arg(path, dir.filePath()) };
    if (!dir.isWritable())
        return Error { Tr::tr("%1: cannot create the recording: the directory %2 is not writable").arg(path, dir.filePath()) };
    for (const char* suffix : { "", "-wal", "-shm", "-journal" }) {
        const QString name = path + QLatin1String(suffix);
        if (QFile::exists(name) && !QFile::remove(name))
            return Error { Tr::tr("%1: cannot replace the existing file").arg(name) };
    }
    return open(path, mode, Database::Mode::Create, timelineIndex);
}

Result<std::unique_ptr<RecordingWriter>> RecordingWriter::open(
    const QString& path, WriteMode mode, Database::Mode openMode, bool timelineIndex)
{
    auto db = Database::open(path, openMode);
    if (!db)
        return db.error();
    std::unique_ptr<RecordingWriter> writer(new RecordingWriter(std::move(db.value()), mode));
    if (Status status = writer->initialise(timelineIndex); !status)
        return status.error();
    return writer;
}

Status RecordingWriter::initialise(bool timelineIndex)
{
    // Durable: WAL, so readers may follow a live recording. synchronous=OFF: a killed process
    // still loses nothing committed (the data is in the OS's hands); only a power cut could, and
    // fsyncs of hundreds of MB would otherwise slow every checkpoint.
    // Bulk: no journal, so every page goes to the file once instead of to the WAL and then again
    // to the file at the checkpoint; the exclusive lock spares a lock and unlock per transaction.
    const char* journal = m_mode == WriteMode::Bulk
        ? "PRAGMA journal_mode=OFF; PRAGMA locking_mode=EXCLUSIVE;"
        : "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=8192;";
    const std::string pragmas = std::string(journal)
        + "PRAGMA synchronous=OFF; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
          "PRAGMA application_id="
        + std::to_string(Schema::applicationId) + "; PRAGMA user_version=" + std::to_string(Schema::version) + ";";
    if (Status s = m_db.exec(pragmas.c_str()); !s)
        return s;
    if (Status s = m_db.exec("BEGIN"); !s)
        return s;
    if (Status s = m_db.exec(Schema::createCoreTables); !s)
        return s;
    if (timelineIndex) {
        if (Status s = m_db.exec(Schema::createTimelineIndexTables); !s)
            return s;
        auto indexer = TimelineIndexer::create(m_db);
        if (!indexer)
            return indexer.error();
        m_indexer = std::move(*indexer);
    }
    auto prepare = [this](Statement& target, std::string_view sql) -> Status {
        auto stmt = m_db.prepare(sql);
        if (!stmt)
            return stmt.error();
        target = std::move(stmt.value());
        return {};
    };
    for (auto [target, sql] : std::initializer_list<std::pair<Statement*, std::string_view>> {
             { &m_metaUpsert, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)" },
             { &m_taskUpsert, "INSERT OR REPLACE INTO task(pid, tgid, comm_id) VALUES (?, ?, ?)" },
             { &m_cpuStatsUpsert, "INSERT OR REPLACE INTO cpu_stats VALUES (?,?,?,?,?,?,?,?,?)" } }) {
        if (Status s = prepare(*target, sql); !s)
            return s;
    }
    auto events = BatchInsert::prepare(m_db, "event(ts, cpu, pid, type_id, flags, preempt_count)", 6);
    auto strings = BatchInsert::prepare(m_db, "string(id, str)", 2);
    if (!events || !strings)
        return events ? strings.error() : events.error();
    m_events = std::move(events.value());
    m_strings.attach(std::move(strings.value()));
    m_types.emplace_back(); // type ids start at 1
    m_inTransaction = true;
    if (Status s = setMeta("complete", "0"); !s)
        return s;
    if (Status s = setMeta("schema_version", std::to_string(Schema::version)); !s)
        return s;
    return commit();
}

Status RecordingWriter::stoppedError() const
{
    return Error { Tr::tr("%1: the recording stopped after an earlier write error").arg(m_db.path()) };
}

Status RecordingWriter::check(int rc, const char* what)
{
    if (rc == SQLITE_DONE || rc == SQLITE_OK || rc == SQLITE_ROW)
        return {};
    m_failed = true;
    if (isDiskFull(rc))
        return Error { Tr::tr("%1: disk full while writing %2; the recording is kept up to the last commit")
                           .arg(m_db.path(), QString::fromUtf8(what)) };
    return m_db.error(Tr::tr("cannot write %1").arg(QString::fromUtf8(what)));
}

Status RecordingWriter::setMeta(std::string_view key, std::string_view value)
{
    if (m_failed)
        return stoppedError();
    m_metaUpsert.bindText(1, key);
    m_metaUpsert.bindText(2, value);
    const int rc = m_metaUpsert.step();
    m_metaUpsert.reset();
    return check(rc, "meta");
}

Result<int> RecordingWriter::addEventType(const EventTypeSpec& spec)
{
    if (m_failed)
        return stoppedError().error();
    const int typeId = static_cast<int>(m_types.size());
    const std::string table = fieldTableName(spec);
    std::string create = "CREATE TABLE " + quoteIdentifier(table) + " (event_id INTEGER PRIMARY KEY";
    for (const FieldSpec& field : spec.fields)
        create += ", " + quoteIdentifier(field.name) + " " + sqlType(field.storage);
    create += ");" + viewSql(spec, table);
    if (Status s = m_db.exec(create.c_str()); !s)
        return s.error();

    auto typeInsert = m_db.prepare("INSERT INTO event_type VALUES (?,?,?,?,?,?,?,?)");
    auto fieldInsert = m_db.prepare("INSERT INTO event_field VALUES (?,?,?,?,?,?)");
    auto rowInsert = BatchInsert::prepare(m_db, quoteIdentifier(table), int(spec.fields.size()) + 1);
    if (!typeInsert || !fieldInsert || !rowInsert)
        return m_db.error(Tr::tr("cannot register event type %1:%2")
                              .arg(QString::fromStdString(spec.system), QString::fromStdString(spec.name)));
    typeInsert->bindInt(1, typeId);
    typeInsert->bindText(2, spec.system);
    typeInsert->bindText(3, spec.name);
    typeInsert->bindText(4, spec.kind);
    spec.kernelId >= 0 ? typeInsert->bindInt(5, spec.kernelId) : typeInsert->bindNull(5);
    spec.definition.empty() ? typeInsert->bindNull(6) : typeInsert->bindText(6, spec.definition);
    typeInsert->bindText(7, spec.format);
    typeInsert->bindText(8, table);
    if (Status s = check(typeInsert->step(), "event_type"); !s)
        return s.error();
    for (std::size_t i = 0; i < spec.fields.size(); ++i) {
        const FieldSpec& field = spec.fields[i];
        fieldInsert->bindInt(1, typeId);
        fieldInsert->bindInt(2, static_cast<std::int64_t>(i));
        fieldInsert->bindText(3, field.name);
        fieldInsert->bindText(4, field.cType);
        fieldInsert->bindText(5, Schema::storageName(field.storage));
        fieldInsert->bindInt(6, field.size);
        if (Status s = check(fieldInsert->step(), "event_field"); !s)
            return s.error();
        fieldInsert->reset();
    }
    auto writer = std::make_unique<TypeWriter>();
    writer->rows = std::move(rowInsert.value());
    writer->fieldCount = static_cast<int>(spec.fields.size());
    m_types.push_back(std::move(writer));
    m_countByType.resize(m_types.size(), 0);
    noteSwitchType(typeId, spec);
    return typeId;
}

void RecordingWriter::noteSwitchType(int typeId, const EventTypeSpec& spec)
{
    if (!m_indexer || spec.system != "sched" || spec.name != "sched_switch")
        return;
    SwitchColumns columns;
    for (std::size_t i = 0; i < spec.fields.size(); ++i) {
        const std::string& name = spec.fields[i].name;
        const int column = int(i) + 1; // after event_id
        if (name == "prev_state")
            columns.prevState = column;
        else if (name == "next_pid")
            columns.nextPid = column;
        else if (name == "next_prio")
            columns.nextPrio = column;
    }
    if (columns.prevState > 0 && columns.nextPid > 0 && columns.nextPrio > 0) {
        m_switch = columns;
        m_indexer->setSwitchType(typeId);
    }
}

void RecordingWriter::beginEvent(int typeId, std::int64_t ts, int cpu, int pid, int flags, int preemptCount)
{
    m_current = m_types[static_cast<std::size_t>(typeId)].get();
    m_currentType = typeId;
    m_currentPid = pid;
    m_currentCpu = cpu;
    m_events.beginRow();
    m_events.setInt(0, ts);
    m_events.setInt(1, cpu);
    m_events.setInt(2, pid);
    m_events.setInt(3, typeId);
    m_events.setInt(4, flags);
    m_events.setInt(5, preemptCount);
    // Every event gets a row in its type's field table, types without fields too: readers count
    // and select a type's events from that table.
    m_current->rows.beginRow();
    m_current->rows.setInt(0, m_nextEventId);
    m_lastTs = ts;
}

Status RecordingWriter::endEvent()
{
    // After a failed commit SQLite is back in autocommit mode: writing on would commit rows
    // one by one behind the caller's back, so nothing more is written (the rows begun are
    // dropped: the next beginEvent() starts them again).
    if (m_failed)
        return stoppedError();
    if (m_indexer) {
        if (Status s = indexEvent(); !s) {
            m_failed = true;
            return s;
        }
    }
    int rc = m_events.endRow();
    if (rc == SQLITE_OK && m_events.pendingRows() == 0 && !eventIdsInStep(m_nextEventId))
        return eventIdsError(m_nextEventId);
    if (rc == SQLITE_OK)
        rc = m_current->rows.endRow();
    if (rc == SQLITE_OK)
        rc = m_strings.lastError();
    ++m_nextEventId;
    if (rc == SQLITE_OK) {
        ++m_countByType[std::size_t(m_currentType)];
        if (m_currentPid != m_lastPid) {
            m_pids.insert(m_currentPid);
            m_lastPid = m_currentPid;
        }
    }
    return check(rc, "event");
}

// Hands the event begun last to the timeline index (before its rows may be inserted and cleared).
Status RecordingWriter::indexEvent()
{
    if (m_currentType != m_indexer->switchType())
        return m_indexer->add(m_nextEventId, m_lastTs, m_currentCpu, m_currentType);
    const BatchInsert& row = m_current->rows;
    const SwitchFields fields { row.intValue(m_switch.prevState), row.intValue(m_switch.nextPid), row.intValue(m_switch.nextPrio) };
    return m_indexer->add(m_nextEventId, m_lastTs, m_currentCpu, m_currentType, &fields);
}

// Events are inserted without their id, so that SQLite appends them without searching the table
// for the id first: its next rowid (the largest + 1) is the event id as long as every event is
// inserted once and in order. Checked whenever a batch of events was inserted, as a wrong id
// would silently detach events from their fields.
bool RecordingWriter::eventIdsInStep(std::int64_t lastId) const { return sqlite3_last_insert_rowid(m_db.handle()) == lastId; }

Status RecordingWriter::eventIdsError(std::int64_t lastId)
{
    m_failed = true;
    return Error { Tr::tr("%1: event ids out of step (SQLite gave %2, expected %3)")
                       .arg(m_db.path())
                       .arg(sqlite3_last_insert_rowid(m_db.handle()))
                       .arg(lastId) };
}

Status RecordingWriter::flushRows()
{
    if (m_failed)
        return stoppedError();
    if (Status s = check(m_strings.flush(), "string"); !s)
        return s;
    const bool events = m_events.pendingRows() > 0;
    if (Status s = check(m_events.flush(), "event"); !s)
        return s;
    if (events && !eventIdsInStep(m_nextEventId - 1))
        return eventIdsError(m_nextEventId - 1);
    for (std::size_t type = 1; type < m_types.size(); ++type) {
        if (Status s = check(m_types[type]->rows.flush(), "event"); !s)
            return s;
    }
    // After the strings: a frame's name id must be in `string` by the next commit.
    if (m_hasStackFrames) {
        if (Status s = check(m_stackFrames.flush(), "stack_frame"); !s)
            return s;
    }
    if (!m_indexer)
        return {};
    if (Status s = m_indexer->flush(); !s) {
        m_failed = true;
        return s;
    }
    // Where the index can be taken up again if this is the last commit.
    if (auto resume = m_indexer->takeResumeChange())
        return setMeta("timeline_index_resume", resume->toText());
    return {};
}

Status RecordingWriter::setTask(int pid, int tgid, std::string_view comm)
{
    if (m_failed)
        return stoppedError();
    m_taskUpsert.bindInt(1, pid);
    tgid > 0 ? m_taskUpsert.bindInt(2, tgid) : m_taskUpsert.bindNull(2);
    m_taskUpsert.bindInt(3, intern(comm));
    const int rc = m_taskUpsert.step();
    m_taskUpsert.reset();
    return check(rc, "task");
}

Status RecordingWriter::setCpuStats(const CpuStats& stats)
{
    if (m_failed)
        return stoppedError();
    const std::int64_t values[] = { stats.cpu, stats.entries, stats.overrun, stats.commitOverrun, stats.droppedEvents,
        stats.readEvents, stats.bytes, stats.missedEvents, stats.droppedPages };
    for (int i = 0; i < int(std::size(values)); ++i)
        m_cpuStatsUpsert.bindInt(i + 1, values[i]);
    const int rc = m_cpuStatsUpsert.step();
    m_cpuStatsUpsert.reset();
    return check(rc, "cpu_stats");
}

Status RecordingWriter::addImportIssue(std::int64_t line, std::string_view text, std::string_view reason)
{
    if (m_failed)
        return stoppedError();
    if (!m_importIssueInsert.isValid()) {
        if (Status s = m_db.exec(Schema::createImportIssueTable); !s)
            return s;
        auto stmt = m_db.prepare("INSERT INTO import_issue(line, text, reason) VALUES (?, ?, ?)");
        if (!stmt)
            return stmt.error();
        m_importIssueInsert = std::move(stmt.value());
    }
    m_importIssueInsert.bindInt(1, line);
    m_importIssueInsert.bindText(2, text);
    m_importIssueInsert.bindText(3, reason);
    const int rc = m_importIssueInsert.step();
    m_importIssueInsert.reset();
    return check(rc, "import_issue");
}

Status RecordingWriter::addStackFrame(const StackFrame& frame)
{
    if (m_failed)
        return stoppedError();
    if (!m_hasStackFrames) {
        if (Status s = m_db.exec(Schema::createStackFrameTable); !s)
            return s;
        auto rows = BatchInsert::prepare(m_db, "stack_frame(event_id, user, depth, stack_id, addr, name_id)", 6);
        if (!rows)
            return rows.error();
        m_stackFrames = std::move(rows.value());
        m_hasStackFrames = true;
    }
    m_stackFrames.beginRow();
    m_stackFrames.setInt(0, frame.eventId);
    m_stackFrames.setInt(1, frame.user ? 1 : 0);
    m_stackFrames.setInt(2, frame.depth);
    if (frame.stackId > 0)
        m_stackFrames.setInt(3, frame.stackId);
    if (frame.address)
        m_stackFrames.setInt(4, std::int64_t(*frame.address));
    if (!frame.name.empty())
        m_stackFrames.setInt(5, intern(frame.name));
    int rc = m_stackFrames.endRow();
    if (rc == SQLITE_OK)
        rc = m_strings.lastError();
    return check(rc, "stack_frame");
}

Status RecordingWriter::commit()
{
    if (Status s = flushRows(); !s)
        return s;
    int rc = sqlite3_exec(m_db.handle(), "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        m_inTransaction = sqlite3_get_autocommit(m_db.handle()) == 0;
        if (m_inTransaction)
            (void)m_db.exec("ROLLBACK");
        m_inTransaction = false;
        return check(rc, "commit");
    }
    m_inTransaction = false;
    rc = sqlite3_exec(m_db.handle(), "BEGIN", nullptr, nullptr, nullptr);
    m_inTransaction = rc == SQLITE_OK;
    return check(rc, "begin");
}

Status RecordingWriter::finish()
{
    if (m_indexer && !m_failed) {
        if (Status s = m_indexer->finish(m_lastTs); !s) {
            m_failed = true;
            return s;
        }
    }
    if (Status s = flushRows(); !s)
        return s;
    if (m_indexer) {
        if (Status s = m_db.exec("DELETE FROM meta WHERE key = 'timeline_index_resume'"); !s) {
            m_failed = true;
            return s;
        }
        if (Status s = setMeta("timeline_index", std::to_string(TimelineIndex::version)); !s)
            return s;
    }
    std::string counts;
    for (std::size_t type = 1; type < m_countByType.size(); ++type) {
        if (m_countByType[type])
            counts += (counts.empty() ? "" : ",") + std::to_string(type) + ':' + std::to_string(m_countByType[type]);
    }
    if (Status s = setMeta("event_counts", counts); !s)
        return s;
    if (Status s = setMeta("task_count", std::to_string(m_pids.size())); !s)
        return s;
    if (Status s = setMeta("complete", "1"); !s)
        return s;
    if (Status s = check(sqlite3_exec(m_db.handle(), "COMMIT", nullptr, nullptr, nullptr), "commit"); !s)
        return s;
    m_inTransaction = false;
    // Hand the user one self-contained file: fold the WAL back and leave rollback-journal mode
    // (Bulk: nothing to fold; the mode is not stored in the file, so this is for any later use
    // of this connection).
    (void)m_db.exec(m_mode == WriteMode::Bulk ? "PRAGMA journal_mode=DELETE;"
                                              : "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
    return {};
}

} // namespace Storage
