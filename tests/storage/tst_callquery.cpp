// SPDX-License-Identifier: GPL-3.0-or-later
// loadCalls over a small recording written with RecordingWriter + CallTableWriter: every scope
// (all, task, CPU, time range, combinations), calls known by duration only, calls without exit,
// parent indexes within the loaded set, function names of the scope only, a parent written after
// its child, cancelling, and a recording without a call table.
#include "callquery.h"

#include "calltable.h"
#include "recordingwriter.h"
#include "sqlitedb.h"

#include <QTemporaryDir>
#include <QTest>

using Storage::CallScope;
using Storage::noTime;

namespace {

struct Call {
    std::int64_t id;
    std::int64_t parent;
    std::int64_t ts;
    std::int64_t dur;
    std::int64_t self;
    int cpu;
    int pid;
    int depth;
    const char* function;
    int flags;
};

// bash-10 migrates from CPU 0 to 1 inside main; make-20's main never returned; close and its
// read came from text with durations only (no timestamps).
const std::vector<Call> sample = {
    { 1, 0, 100, 100, 60, 0, 10, 0, "main", 0 },
    { 2, 1, 110, 30, 30, 0, 10, 1, "read", Storage::CallFlag::Leaf },
    { 3, 1, 150, 30, 20, 1, 10, 1, "write", 0 },
    { 4, 3, 160, 10, 10, 1, 10, 2, "read", Storage::CallFlag::Leaf },
    { 5, 0, 120, noTime, noTime, 1, 20, 0, "main", Storage::CallFlag::NoExit },
    { 6, 5, 130, 20, 20, 1, 20, 1, "open", 0 },
    { 7, 0, noTime, 50, 45, 0, 20, 0, "close", 0 },
    { 8, 7, noTime, 5, 5, 0, 20, 1, "read", Storage::CallFlag::Leaf },
};

QString writeRecording(const QString& path, const std::vector<Call>& calls)
{
    auto writer = Storage::RecordingWriter::create(path);
    if (!writer)
        return writer.error().message;
    Storage::Status s = writer.value()->setTask(10, 10, "bash");
    s = s ? writer.value()->setTask(20, 20, "make") : s;
    s = s ? writer.value()->finish() : s;
    if (!s)
        return s.error().message;
    writer.value().reset();
    if (calls.empty())
        return {};
    auto table = Storage::CallTableWriter::open(path);
    if (!table)
        return table.error().message;
    std::vector<Storage::CallRow> rows;
    for (const Call& call : calls) {
        auto function = table->intern(call.function);
        if (!function)
            return function.error().message;
        rows.push_back({ call.id, call.parent, call.ts, call.dur, call.self, call.cpu, call.pid, call.depth, *function, 0, 0,
            false, call.flags });
    }
    s = table->write(rows);
    return s ? QString() : s.error().message;
}

QString optional(std::int64_t value) { return value == noTime ? QStringLiteral("-") : QString::number(value); }

// One line per loaded call: "id parent-index function ts dur self cpu pid depth flags".
QStringList printed(const Storage::LoadedCalls& calls)
{
    QStringList lines;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        lines << QStringLiteral("%1 %2 %3 %4 %5 %6 cpu%7 pid%8 d%9 f%10")
                     .arg(calls.id[i])
                     .arg(calls.parent[i])
                     .arg(calls.functionNames.at(std::size_t(calls.function[i])), optional(calls.ts[i]), optional(calls.dur[i]),
                         optional(calls.self[i]))
                     .arg(calls.cpu[i])
                     .arg(calls.pid[i])
                     .arg(calls.depth[i])
                     .arg(int(calls.flags[i]));
    }
    return lines;
}

CallScope scope(std::optional<int> pid, std::optional<int> cpu, std::int64_t from = noTime, std::int64_t to = noTime)
{
    return CallScope { pid, cpu, from, to };
}

QStringList ids(const Storage::LoadedCalls& calls)
{
    QStringList out;
    for (std::size_t i = 0; i < calls.size(); ++i)
        out << QStringLiteral("%1^%2").arg(calls.id[i]).arg(calls.parent[i]);
    return out;
}
} // namespace

Q_DECLARE_METATYPE(Storage::CallScope)

class TestCallQuery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("calls.ftlens"));
        QCOMPARE(writeRecording(m_file, sample), QString());
    }

    // Every column of every call, as stored (NULL ts, dur and self as noTime).
    void wholeRecording()
    {
        auto calls = Storage::loadCalls(m_file, {});
        QVERIFY2(calls, qPrintable(calls ? QString() : calls.error().message));
        const QStringList expected {
            QStringLiteral("1 -1 main 100 100 60 cpu0 pid10 d0 f0"),
            QStringLiteral("2 0 read 110 30 30 cpu0 pid10 d1 f4"),
            QStringLiteral("3 0 write 150 30 20 cpu1 pid10 d1 f0"),
            QStringLiteral("4 2 read 160 10 10 cpu1 pid10 d2 f4"),
            QStringLiteral("5 -1 main 120 - - cpu1 pid20 d0 f1"),
            QStringLiteral("6 4 open 130 20 20 cpu1 pid20 d1 f0"),
            QStringLiteral("7 -1 close - 50 45 cpu0 pid20 d0 f0"),
            QStringLiteral("8 6 read - 5 5 cpu0 pid20 d1 f4"),
        };
        QCOMPARE(printed(*calls), expected);
        QCOMPARE(calls->functionNames,
            (std::vector<QString> { QStringLiteral("main"), QStringLiteral("read"), QStringLiteral("write"), QStringLiteral("open"),
                QStringLiteral("close") }));
    }

    void scopes_data()
    {
        QTest::addColumn<CallScope>("scope");
        QTest::addColumn<QStringList>("expected"); // "id^parent index"
        QTest::addColumn<QStringList>("functions"); // functionNames, in order of first appearance
        const auto list = [](std::initializer_list<const char*> items) {
            QStringList out;
            for (const char* item : items)
                out << QString::fromLatin1(item);
            return out;
        };
        QTest::addRow("all") << CallScope {} << list({ "1^-1", "2^0", "3^0", "4^2", "5^-1", "6^4", "7^-1", "8^6" })
                             << list({ "main", "read", "write", "open", "close" });
        QTest::addRow("task 10") << scope(10, {}) << list({ "1^-1", "2^0", "3^0", "4^2" }) << list({ "main", "read", "write" });
        // The calls known by duration only belong to their task when no range is asked for.
        QTest::addRow("task 20") << scope(20, {}) << list({ "5^-1", "6^0", "7^-1", "8^2" }) << list({ "main", "open", "close", "read" });
        // write ran on CPU 1 while its parent main started on CPU 0: the parent is outside.
        QTest::addRow("cpu 1") << scope({}, 1) << list({ "3^-1", "4^0", "5^-1", "6^2" }) << list({ "write", "read", "main", "open" });
        QTest::addRow("cpu 0, task 20") << scope(20, 0) << list({ "7^-1", "8^0" }) << list({ "close", "read" });
        // By start time, [from, to): 110 is in, 150 is out; no-ts calls never match a range.
        QTest::addRow("range") << scope({}, {}, 110, 150) << list({ "2^-1", "5^-1", "6^1" }) << list({ "read", "main", "open" });
        QTest::addRow("from only") << scope({}, {}, 150) << list({ "3^-1", "4^0" }) << list({ "write", "read" });
        QTest::addRow("to only") << scope({}, {}, noTime, 120) << list({ "1^-1", "2^0" }) << list({ "main", "read" });
        QTest::addRow("task 20, wide range") << scope(20, {}, 0, 1000) << list({ "5^-1", "6^0" }) << list({ "main", "open" });
        QTest::addRow("task 10, cpu 1, range") << scope(10, 1, 155, 170) << list({ "4^-1" }) << list({ "read" });
        QTest::addRow("empty range") << scope({}, {}, 1000, 2000) << QStringList {} << QStringList {};
        QTest::addRow("unknown task") << scope(99, {}) << QStringList {} << QStringList {};
    }

    void scopes()
    {
        QFETCH(CallScope, scope);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, functions);
        auto calls = Storage::loadCalls(m_file, scope);
        QVERIFY2(calls, qPrintable(calls ? QString() : calls.error().message));
        QCOMPARE(ids(*calls), expected);
        QCOMPARE(QStringList(calls->functionNames.begin(), calls->functionNames.end()), functions);
        // Every column has a value per call.
        for (const std::size_t size : { calls->parent.size(), calls->ts.size(), calls->dur.size(), calls->self.size(),
                 calls->cpu.size(), calls->pid.size(), calls->depth.size(), calls->function.size(), calls->flags.size() })
            QCOMPARE(size, calls->size());
    }

    // A parent written after its child (an exit-only call that closes earlier lines) is found too.
    void parentAfterChild()
    {
        const QString file = m_dir.filePath(QStringLiteral("late.ftlens"));
        QCOMPARE(writeRecording(file,
                     { { 1, 3, noTime, 5, 5, 0, 10, 1, "leaf", 0 }, { 2, 3, noTime, 7, 7, 0, 10, 1, "leaf", 0 },
                         { 3, 0, noTime, 20, 8, 0, 10, 0, "outer", Storage::CallFlag::NoEntry } }),
            QString());
        auto calls = Storage::loadCalls(file, {});
        QVERIFY(calls);
        QCOMPARE(ids(*calls), (QStringList { QStringLiteral("1^2"), QStringLiteral("2^2"), QStringLiteral("3^-1") }));
        auto task = Storage::loadCalls(file, scope(10, {}));
        QVERIFY(task);
        QCOMPARE(ids(*task), ids(*calls));
    }

    void cancelled()
    {
        const QString file = m_dir.filePath(QStringLiteral("many.ftlens"));
        std::vector<Call> many;
        for (std::int64_t id = 1; id <= 10000; ++id)
            many.push_back({ id, 0, id * 10, 5, 5, 0, 10, 0, "tick", 0 });
        QCOMPARE(writeRecording(file, many), QString());
        int polls = 0;
        auto calls = Storage::loadCalls(file, {}, [&polls] { return ++polls == 2; });
        QVERIFY(!calls);
        QVERIFY2(calls.error().message.contains(QStringLiteral("cancelled")), qPrintable(calls.error().message));
        QVERIFY(calls.error().message.contains(file));
        QCOMPARE(polls, 2);
        auto whole = Storage::loadCalls(file, {}, [] { return false; });
        QVERIFY(whole);
        QCOMPARE(whole->size(), std::size_t(10000));
    }

    // A file whose ids are not dense (edited, damaged; found by fuzz_recordingsql): memory
    // follows the rows, not the largest id (reserving by MAX(id) = 2^40 threw std::length_error).
    void sparseIds()
    {
        const QString file = m_dir.filePath(QStringLiteral("sparse.ftlens"));
        QCOMPARE(writeRecording(file, sample), QString());
        {
            auto db = Storage::Database::open(file, Storage::Database::Mode::ReadWrite);
            QVERIFY(db);
            QVERIFY(db->exec("UPDATE call SET id = 1099511627776 WHERE id = 8"));
        }
        auto calls = Storage::loadCalls(file, {});
        QVERIFY2(calls, qPrintable(calls ? QString() : calls.error().message));
        QCOMPARE(calls->size(), sample.size());
        QCOMPARE(calls->id.back(), std::int64_t(1) << 40);
    }

    void noCallTable()
    {
        const QString file = m_dir.filePath(QStringLiteral("plain.ftlens"));
        QCOMPARE(writeRecording(file, {}), QString());
        auto calls = Storage::loadCalls(file, {});
        QVERIFY(!calls);
        QCOMPARE(calls.error().message,
            QStringLiteral("no function calls in %1: record with -p function_graph or import function_graph text").arg(file));
    }

    // Values no writer stores: times beyond what a recording holds read as unknown, an id far
    // beyond the rows sizes nothing; a string table ending at the last id refuses new names.
    void damagedValues()
    {
        const QString file = m_dir.filePath(QStringLiteral("damaged.ftlens"));
        QCOMPARE(writeRecording(file, sample), QString());
        {
            auto db = Storage::Database::open(file, Storage::Database::Mode::ReadWrite);
            QVERIFY(db);
            QVERIFY(db->exec("UPDATE call SET ts = 9223372036854775807, dur = -5 WHERE id = 2;"
                             "UPDATE call SET dur = 4611686018427387904, self = -1 WHERE id = 3;"
                             "UPDATE call SET id = 4000000000000000000 WHERE id = 8"));
        }
        auto calls = Storage::loadCalls(file, {});
        QVERIFY2(calls, qPrintable(calls ? QString() : calls.error().message));
        QCOMPARE(calls->size(), sample.size());
        QCOMPARE(printed(*calls).mid(1, 2),
            (QStringList { QStringLiteral("2 0 read - - 30 cpu0 pid10 d1 f4"),
                QStringLiteral("3 0 write 150 - - cpu1 pid10 d1 f0") }));
        {
            auto db = Storage::Database::open(file, Storage::Database::Mode::ReadWrite);
            QVERIFY(db);
            QVERIFY(db->exec("INSERT INTO string(id, str) VALUES (9223372036854775807, 'last')"));
        }
        auto writer = Storage::CallTableWriter::open(file);
        QVERIFY(!writer);
        QCOMPARE(writer.error().message,
            QStringLiteral("%1: the recording is damaged: its string ids reach 9223372036854775807").arg(file));
    }

    void missingFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("nosuch.ftlens"));
        auto calls = Storage::loadCalls(file, {});
        QVERIFY(!calls);
        QVERIFY(calls.error().message.contains(file));
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
};

QTEST_GUILESS_MAIN(TestCallQuery)
#include "tst_callquery.moc"
