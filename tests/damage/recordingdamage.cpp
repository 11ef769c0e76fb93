// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingdamage.h"

#include "callindex.h"
#include "ftracetextimporter.h"
#include "sqlitedb.h"
#include "synthrecording.h"

#include <QFile>
#include <QFileInfo>

#include <sys/resource.h>

namespace DamageTest {

namespace {
    // A function_graph capture in the kernel's format: two tasks, nested calls, one leaf each.
    const char* const graphText = R"(# tracer: function_graph
#
#     TIME        CPU  TASK/PID         DURATION                  FUNCTION CALLS
#      |          |     |    |           |   |                     |   |   |   |
 2944.787977 |   1)   cat-1331    |               |  do_sys_open() {
 2944.787978 |   1)   cat-1331    |               |    getname() {
 2944.787979 |   1)   cat-1331    |   0.700 us    |      kmem_cache_alloc();
 2944.787981 |   1)   cat-1331    |   2.100 us    |    }
 2944.787982 |   1)   cat-1331    |   1.000 us    |    get_unused_fd_flags();
 2944.787990 |   1)   cat-1331    | + 13.000 us   |  }
 2944.788000 |   0)   bash-1200   |               |  vfs_read() {
 2944.788001 |   0)   bash-1200   |   0.500 us    |    rw_verify_area();
 2944.788010 |   0)   bash-1200   |   9.800 us    |  }
)";

    const std::string int64Max = "9223372036854775807";

    void add(QList<Damage>& out, std::initializer_list<Base> bases, const QString& name, const std::string& sql,
        const QString& expect = {}, const std::string& looseTable = {})
    {
        for (Base base : bases)
            out.append(Damage { name, base, sql, looseTable, -1, -1, expect });
    }

    // Values no writer stores, in the columns every reader indexes with.
    void addEventValues(QList<Damage>& out)
    {
        const auto both = { Base::Scheduler, Base::Indexed };
        for (const char* column : { "cpu", "type_id", "pid" }) {
            for (const char* value : { "-1", "2147483647", "1000000000", "1000000000000000000" })
                add(out, both, QStringLiteral("event %1 = %2").arg(QLatin1String(column), QLatin1String(value)),
                    std::string("UPDATE event SET ") + column + " = " + value + " WHERE id = 5", QStringLiteral("ok"));
            add(out, both, QStringLiteral("event %1 NULL").arg(QLatin1String(column)),
                std::string("UPDATE event SET ") + column + " = NULL WHERE id = 5", {}, "event");
        }
        add(out, { Base::Probes }, QStringLiteral("probe event cpu, type and pid absurd"),
            "UPDATE event SET cpu = -7, type_id = 1000000000 WHERE id = 1; UPDATE event SET pid = -1, cpu = 2147483647 "
            "WHERE id = 2",
            QStringLiteral("ok"));
        add(out, both, QStringLiteral("event ts NULL"), "UPDATE event SET ts = NULL WHERE id = 5", {}, "event");
        add(out, both, QStringLiteral("timestamps out of order"), "UPDATE event SET ts = 0 WHERE id = 3",
            QStringLiteral("ok"));
        add(out, both, QStringLiteral("a timestamp beyond the last"),
            "UPDATE event SET ts = 4000000000000000000 WHERE id = 1500", QStringLiteral("ok"));
        add(out, both, QStringLiteral("last timestamp INT64_MAX"),
            "UPDATE event SET ts = " + int64Max + " WHERE id = (SELECT MAX(id) FROM event)",
            QStringLiteral("timestamps go from 0"));
        add(out, both, QStringLiteral("first timestamp negative"),
            "UPDATE event SET ts = -" + int64Max + " WHERE id = (SELECT MIN(id) FROM event)",
            QStringLiteral("timestamps go from 0"));
        add(out, both, QStringLiteral("event id far beyond the rows"),
            "UPDATE event SET id = 4000000000000000000 WHERE id = (SELECT MAX(id) FROM event)",
            QStringLiteral("event ids run from"));
        add(out, both, QStringLiteral("event id negative"), "UPDATE event SET id = -5 WHERE id = 1",
            QStringLiteral("event ids run from"));
        add(out, both, QStringLiteral("a gap in the event ids"), "DELETE FROM event WHERE id = 100",
            QStringLiteral("ids have no gaps"));
    }

    // What meta claims, and NULLs where the schema allows none.
    void addMetaAndNulls(QList<Damage>& out)
    {
        const auto sched = { Base::Scheduler };
        for (const char* value : { "1000000000", "-5", "lots", "" })
            add(out, { Base::Scheduler, Base::Probes }, QStringLiteral("meta cpus '%1'").arg(QLatin1String(value)),
                std::string("UPDATE meta SET value = '") + value + "' WHERE key = 'cpus'", QStringLiteral("ok"));
        add(out, sched, QStringLiteral("meta event_counts absurd"),
            "UPDATE meta SET value = '1:999999999999999,2:-5,9999999:3,x:y' WHERE key = 'event_counts'",
            QStringLiteral("ok"));
        add(out, sched, QStringLiteral("meta event_counts too many"),
            "UPDATE meta SET value = '1:9223372036854775807,2:5' WHERE key = 'event_counts'", QStringLiteral("ok"));
        add(out, sched, QStringLiteral("meta task_count negative"),
            "UPDATE meta SET value = '-99999999999' WHERE key = 'task_count'", QStringLiteral("ok"));
        add(out, { Base::Calls }, QStringLiteral("meta calls absurd"),
            "UPDATE meta SET value = '99999999999999' WHERE key = 'calls'");
        add(out, sched, QStringLiteral("meta value NULL"),
            "UPDATE meta SET value = NULL WHERE key IN ('cpus', 'complete')", QStringLiteral("ok"), "meta");
        add(out, sched, QStringLiteral("event_type field_table NULL"),
            "UPDATE event_type SET field_table = NULL WHERE id = 1", QStringLiteral("event_type row"), "event_type");
        add(out, sched, QStringLiteral("event_type name NULL"),
            "UPDATE event_type SET name = NULL, system = NULL WHERE id = 1", {}, "event_type");
        add(out, sched, QStringLiteral("event_field NULLs"),
            "UPDATE event_field SET storage = NULL, name = NULL WHERE type_id = 1", {}, "event_field");
        add(out, { Base::Scheduler, Base::Calls }, QStringLiteral("string NULL"), "UPDATE string SET str = NULL", {},
            "string");
    }

    void addTables(QList<Damage>& out)
    {
        const auto sched = { Base::Scheduler };
        for (const char* table : { "event", "event_type", "meta", "string", "task", "cpu_stats", "event_field" }) {
            const std::string drop
                = std::string(table) == "event" || std::string(table) == "task" || std::string(table) == "string"
                ? "DROP VIEW IF EXISTS events; DROP VIEW IF EXISTS calls; "
                : "";
            add(out, { Base::Scheduler, Base::Calls }, QStringLiteral("table %1 dropped").arg(QLatin1String(table)),
                drop + "DROP TABLE " + table, QStringLiteral("table %1 is missing").arg(QLatin1String(table)));
        }
        add(out, { Base::Scheduler, Base::Probes }, QStringLiteral("field table dropped"),
            "DROP VIEW IF EXISTS view_sched__sched_switch; DROP TABLE ev_sched__sched_switch");
        add(out, { Base::Probes }, QStringLiteral("return probe's field table dropped"),
            "DROP VIEW IF EXISTS view_kprobes__myopen_ret; DROP TABLE ev_kprobes__myopen_ret");
        add(out, sched, QStringLiteral("field column renamed"),
            "ALTER TABLE ev_sched__sched_switch RENAME COLUMN next_pid TO zzz");
        add(out, sched, QStringLiteral("field storage unknown"), "UPDATE event_field SET storage = 'bogus', size = -1",
            QStringLiteral("ok"));
        add(out, sched, QStringLiteral("numbers stored as text fields"), "UPDATE event_field SET storage = 'text'",
            QStringLiteral("ok"));
        add(out, sched, QStringLiteral("field table is meta"), "UPDATE event_type SET field_table = 'meta'");
        add(out, sched, QStringLiteral("event type id negative"),
            "UPDATE event_type SET id = -3 WHERE id = 1; UPDATE event_field SET type_id = -3 WHERE type_id = 1",
            QStringLiteral("event_type row"));
        add(out, sched, QStringLiteral("event type id 10^9"),
            "UPDATE event_type SET id = 1000000000 WHERE id = 1; UPDATE event_field SET type_id = 1000000000 WHERE "
            "type_id = 1");
        add(out, { Base::Scheduler, Base::Probes }, QStringLiteral("comm string ids dangling"),
            "UPDATE task SET comm_id = comm_id + 99999999", QStringLiteral("ok"));
        add(out, { Base::Scheduler, Base::Probes, Base::Calls }, QStringLiteral("all string ids moved"),
            "UPDATE string SET id = id + 1000000");
        add(out, sched, QStringLiteral("cpu_stats of CPUs no kernel has"),
            "INSERT OR REPLACE INTO cpu_stats VALUES (1000000000, 1, 1, 1, 1, 1, 1, 1, 1), (-4, 1, 1, 1, 1, 1, 1, 1, 1)",
            QStringLiteral("ok"));
        add(out, sched, QStringLiteral("cpu_stats counts overflowing"),
            "INSERT OR REPLACE INTO cpu_stats VALUES (0, 1, " + int64Max + ", " + int64Max + ", 0, 0, 0, -5, " + int64Max
                + "), (1, 1, " + int64Max + ", 0, 0, 0, 0, 0, -3)",
            QStringLiteral("ok"));
    }

    void addIndex(QList<Damage>& out)
    {
        const auto indexed = { Base::Indexed };
        add(out, indexed, QStringLiteral("cpu_summary of CPUs no kernel has"),
            "INSERT INTO cpu_summary VALUES (1000000000, 16, 5, 1, 1, 1, 1), (-7, 16, 5, 1, 1, 1, -1), (0, 16, "
                + int64Max + ", " + int64Max
                + ", 1, 1, 1), (0, 99, 1, 1, 1, 1, 1), (2147483647, 34, -1, -1, -1, -1, -1)",
            QStringLiteral("ok"));
        add(out, indexed, QStringLiteral("sched_slice absurd"),
            "INSERT INTO sched_slice(cpu, ts, dur, pid, prio, end_state) VALUES (0, 4611686018427387000, " + int64Max
                + ", 5, 1, 1), (1000000000, 0, 1, 1, 1, 1), (0, -" + int64Max + ", " + int64Max + ", 7, 1, 1)",
            QStringLiteral("ok"));
        add(out, indexed, QStringLiteral("index tables dropped, meta says built"),
            "DROP TABLE sched_slice; DROP TABLE cpu_summary", QStringLiteral("ok"));
    }

    void addCalls(QList<Damage>& out)
    {
        const auto calls = { Base::Calls };
        add(out, calls, QStringLiteral("call depth absurd"),
            "UPDATE call SET depth = 2147483647 WHERE id = 2; UPDATE call SET depth = -1 WHERE id = 3",
            QStringLiteral("ok"));
        add(out, calls, QStringLiteral("call parents in a cycle"),
            "UPDATE call SET parent_id = 3 WHERE id = 2; UPDATE call SET parent_id = 2 WHERE id = 3; UPDATE call SET "
            "parent_id = 1 WHERE id = 1",
            QStringLiteral("ok"));
        add(out, calls, QStringLiteral("call function ids dangling"),
            "UPDATE call SET function_id = 99999999 WHERE id = 2; UPDATE call SET caller_id = -1",
            QStringLiteral("ok"));
        add(out, calls, QStringLiteral("call cpu and pid absurd"),
            "UPDATE call SET cpu = 1000000000, pid = -1 WHERE id = 2; UPDATE call SET cpu = -1, pid = 2147483647 WHERE "
            "id = 3",
            QStringLiteral("ok"));
        add(out, calls, QStringLiteral("call times absurd"),
            "UPDATE call SET ts = " + int64Max + ", dur = " + int64Max + " WHERE id = 2; UPDATE call SET ts = -"
                + int64Max + ", dur = -5, self = " + int64Max + " WHERE id = 3",
            QStringLiteral("ok"));
        add(out, calls, QStringLiteral("call id far beyond the rows"),
            "UPDATE call SET id = 4000000000000000000 WHERE id = (SELECT MAX(id) FROM call)", QStringLiteral("ok"));
        add(out, calls, QStringLiteral("call NULLs"),
            "UPDATE call SET depth = NULL, cpu = NULL, pid = NULL, function_id = NULL, flags = NULL", {}, "call");
        add(out, calls, QStringLiteral("call table dropped"), "DROP VIEW calls; DROP TABLE call", QStringLiteral("ok"));
        // The call index as a damaged file may hold it.
        add(out, { Base::CallsIndexed }, QStringLiteral("call index times absurd"),
            "INSERT OR REPLACE INTO call_task VALUES (1331, 5, 2147483647, -1, -" + int64Max + ", " + int64Max
                + "), (7, 1, 0, 1, 5, 4)",
            QStringLiteral("ok"));
        add(out, { Base::CallsIndexed }, QStringLiteral("call summaries absurd"),
            "INSERT OR REPLACE INTO call_summary VALUES (1331, 16, -1, 2147483647, " + int64Max
                + ", -5, 99999999), (1331, 99, 1, -1, 1, 1, 1)",
            QStringLiteral("ok"));
    }

    void addBytes(QList<Damage>& out)
    {
        for (Base base : { Base::Scheduler, Base::Indexed, Base::Probes, Base::Calls }) {
            for (double share : { 0.0004, 0.1, 0.5, 0.9, 0.99 })
                out.append(Damage { QStringLiteral("truncated to %1%").arg(share * 100), base, {}, {}, share, -1, {} });
            for (double share : { 0.0, 0.01, 0.5, 0.999 })
                out.append(
                    Damage { QStringLiteral("bytes flipped at %1%").arg(share * 100), base, {}, {}, -1, share, {} });
        }
    }

    QString sqlite(const QString& path, const std::string& sql)
    {
        auto db = Storage::Database::open(path, Storage::Database::Mode::ReadWrite);
        if (!db)
            return db.error().message;
        const Storage::Status s = db->exec(sql.c_str());
        return s ? QString() : s.error().message;
    }

    QString changeBytes(const QString& path, const Damage& damage)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadWrite))
            return QStringLiteral("%1: cannot open").arg(path);
        const qint64 size = file.size();
        if (damage.truncateAt >= 0)
            return file.resize(qint64(double(size) * damage.truncateAt)) ? QString()
                                                                         : QStringLiteral("cannot truncate");
        // Past the page's header bytes (the file header in page 0), where cells and pointers are.
        constexpr qint64 pageSize = 4096;
        const qint64 page = qint64(double(size / pageSize) * damage.flipAt);
        const qint64 at = std::min(page * pageSize + 100, size - 8);
        file.seek(at);
        QByteArray bytes = file.read(8);
        for (char& c : bytes)
            c = char(c ^ 0x5a);
        file.seek(at);
        return file.write(bytes) == bytes.size() ? QString() : QStringLiteral("cannot write");
    }
} // namespace

QString baseName(Base base)
{
    switch (base) {
    case Base::Scheduler:
        return QStringLiteral("sched");
    case Base::Indexed:
        return QStringLiteral("indexed");
    case Base::Probes:
        return QStringLiteral("probes");
    case Base::Calls:
        return QStringLiteral("calls");
    case Base::CallsIndexed:
        return QStringLiteral("calls-indexed");
    }
    return {};
}

QList<Damage> damages()
{
    QList<Damage> out;
    addEventValues(out);
    addMetaAndNulls(out);
    addTables(out);
    addIndex(out);
    addCalls(out);
    addBytes(out);
    return out;
}

QString basePath(const QString& dir, Base base)
{
    return dir + QLatin1Char('/') + baseName(base) + QLatin1String(".ftlens");
}

QString makeBases(const QString& dir)
{
    for (const bool index : { false, true }) {
        Synth::SynthOptions options { 3000, 4, 40, 7, 0, index };
        auto synth = Synth::writeSyntheticRecording(basePath(dir, index ? Base::Indexed : Base::Scheduler), options);
        if (!synth)
            return synth.error().message;
    }
    auto probes = Engine::FtraceTextImporter().importFile(
        QStringLiteral(FTLENS_TEST_DATA "/import/opens.txt"), basePath(dir, Base::Probes));
    if (!probes)
        return probes.error().message;
    for (const Base base : { Base::Calls, Base::CallsIndexed }) {
        auto calls
            = Engine::FtraceTextImporter().importText(graphText, QStringLiteral("graph.txt"), basePath(dir, base));
        if (!calls)
            return calls.error().message;
    }
    const Storage::Status index = Storage::buildCallIndex(basePath(dir, Base::CallsIndexed));
    return index ? QString() : index.error().message;
}

QString makeDamaged(const QString& dir, const Damage& damage, const QString& target)
{
    for (const char* suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(target + QLatin1String(suffix));
    if (!QFile::copy(basePath(dir, damage.base), target))
        return QStringLiteral("cannot copy %1").arg(basePath(dir, damage.base));
    if (damage.truncateAt >= 0 || damage.flipAt >= 0)
        return changeBytes(target, damage);
    if (!damage.looseTable.empty()) {
        // A file edited past its constraints: the schema keeps no NOT NULL for that table.
        const QString loose = sqlite(target,
            "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE name = '"
                + damage.looseTable + "'");
        if (!loose.isEmpty())
            return loose;
    }
    return sqlite(target, damage.sql);
}

void limitAddressSpace(long long bytes)
{
#if defined(__SANITIZE_ADDRESS__)
    Q_UNUSED(bytes);
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    Q_UNUSED(bytes);
#else
    const rlimit limit { rlim_t(bytes), rlim_t(bytes) };
    setrlimit(RLIMIT_AS, &limit);
#endif
#else
    const rlimit limit { rlim_t(bytes), rlim_t(bytes) };
    setrlimit(RLIMIT_AS, &limit);
#endif
}

} // namespace DamageTest
