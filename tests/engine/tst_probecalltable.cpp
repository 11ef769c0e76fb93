// SPDX-License-Identifier: GPL-3.0-or-later
// The in-memory probe-call table: loading paired calls from a recording, filters like
// opensnoop's, grouping with latency statistics, and the latency histogram.
#include "probecalltable.h"

#include "recordingwriter.h"

#include <QTemporaryDir>
#include <QTest>

using Engine::ProbeCallTable;
using Storage::Schema::FieldStorage;

namespace {
struct Call {
    int pid;
    const char* path;
    std::int64_t start, latency, ret;
};

// Entry and return probes on one place; calls are written as entry, then return.
std::shared_ptr<const ProbeCallTable> load(const QString& dir, const std::vector<Call>& calls)
{
    const QString path = dir + QLatin1String("/t.ftlens");
    auto writer = Storage::RecordingWriter::create(path);
    Storage::EventTypeSpec entry { "kprobes", "open", "kprobe", 1, "p:g/open do_sys_open", "",
        { { "__probe_ip", "unsigned long", FieldStorage::UInt, 8 }, { "filename", "__data_loc char[]", FieldStorage::Text, 4 },
            { "flags", "u32", FieldStorage::UInt, 4 } } };
    Storage::EventTypeSpec ret { "kprobes", "open_ret", "kretprobe", 2, "r:g/open_ret do_sys_open", "",
        { { "__probe_func", "unsigned long", FieldStorage::UInt, 8 }, { "__probe_ret_ip", "unsigned long", FieldStorage::UInt, 8 },
            { "ret", "s64", FieldStorage::Int, 8 } } };
    const int e = writer.value()->addEventType(entry).value();
    const int r = writer.value()->addEventType(ret).value();
    struct Hit {
        std::int64_t ts;
        bool isReturn;
        const Call* call;
    };
    std::vector<Hit> hits;
    for (const Call& call : calls) {
        hits.push_back({ call.start, false, &call });
        hits.push_back({ call.start + call.latency, true, &call });
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.ts < b.ts; });
    for (const Hit& hit : hits) {
        writer.value()->beginEvent(hit.isReturn ? r : e, hit.ts, 0, hit.call->pid, 0, 0);
        if (hit.isReturn) {
            writer.value()->setInt(2, hit.call->ret);
        } else {
            writer.value()->setText(1, hit.call->path);
            writer.value()->setInt(2, 0x80000);
        }
        (void)writer.value()->endEvent();
    }
    (void)writer.value()->setTask(10, 10, "bash");
    (void)writer.value()->setTask(20, 20, "cat");
    (void)writer.value()->finish();
    writer.value().reset();
    auto reader = Storage::RecordingReader::open(path);
    auto pair = Engine::findProbePair(*reader.value(), QStringLiteral("open"));
    auto table = ProbeCallTable::load(*reader.value(), *pair);
    return table ? table.value() : nullptr;
}

const std::vector<Call> calls = {
    { 10, "/etc/passwd", 100, 50, 3 },
    { 20, "/etc/hosts", 120, 10, 4 },
    { 10, "/nope", 200, 20, -2 },
    { 20, "/etc/passwd", 300, 40, 5 },
    { 10, "/var/x.stat", 400, 1000, -13 },
};

QStringList L(std::initializer_list<const char*> lines)
{
    QStringList out;
    for (const char* line : lines)
        out << QString::fromUtf8(line);
    return out;
}

QStringList describe(const ProbeCallTable& table, const std::vector<std::uint32_t>& rows)
{
    QStringList out;
    for (std::uint32_t row : rows)
        out << QStringLiteral("%1 %2 %3").arg(table.comm(row), table.argument(row, 0)).arg(table.ret(row));
    return out;
}
} // namespace

class TestProbeCallTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_table = load(m_dir.path(), calls);
        QVERIFY(m_table);
    }

    void columns()
    {
        QCOMPARE(m_table->size(), std::size_t(5));
        QCOMPARE(m_table->argumentNames(), QStringList({ QStringLiteral("filename"), QStringLiteral("flags") }));
        QCOMPARE(m_table->latencyNs(0), 50);
        QCOMPARE(m_table->argument(0, 1), QStringLiteral("524288"));
    }

    void select_data()
    {
        QTest::addColumn<QString>("glob");
        QTest::addColumn<bool>("failed");
        QTest::addColumn<int>("pid");
        QTest::addColumn<QString>("comm");
        QTest::addColumn<qint64>("minLatency");
        QTest::addColumn<QStringList>("rows");
        QTest::addRow("all") << QString() << false << 0 << QString() << qint64(0)
                             << L({ "bash /etc/passwd 3", "cat /etc/hosts 4", "bash /nope -2", "cat /etc/passwd 5", "bash /var/x.stat -13" });
        QTest::addRow("glob") << QStringLiteral("/etc/*") << false << 0 << QString() << qint64(0)
                              << L({ "bash /etc/passwd 3", "cat /etc/hosts 4", "cat /etc/passwd 5" });
        QTest::addRow("glob suffix") << QStringLiteral("*stat") << false << 0 << QString() << qint64(0) << L({ "bash /var/x.stat -13" });
        QTest::addRow("failed only") << QString() << true << 0 << QString() << qint64(0) << L({ "bash /nope -2", "bash /var/x.stat -13" });
        QTest::addRow("pid") << QString() << false << 20 << QString() << qint64(0) << L({ "cat /etc/hosts 4", "cat /etc/passwd 5" });
        QTest::addRow("comm") << QString() << false << 0 << QStringLiteral("bash") << qint64(0)
                              << L({ "bash /etc/passwd 3", "bash /nope -2", "bash /var/x.stat -13" });
        QTest::addRow("unknown comm") << QString() << false << 0 << QStringLiteral("zsh") << qint64(0) << QStringList();
        QTest::addRow("latency above") << QString() << false << 0 << QString() << qint64(40)
                                       << L({ "bash /etc/passwd 3", "cat /etc/passwd 5", "bash /var/x.stat -13" });
        QTest::addRow("combined") << QStringLiteral("/etc/*") << false << 10 << QString() << qint64(1) << L({ "bash /etc/passwd 3" });
    }
    void select()
    {
        QFETCH(QString, glob);
        QFETCH(bool, failed);
        QFETCH(int, pid);
        QFETCH(QString, comm);
        QFETCH(qint64, minLatency);
        QFETCH(QStringList, rows);
        ProbeCallTable::Filter filter { glob, failed, pid ? std::optional<int>(pid) : std::nullopt, comm, minLatency };
        QCOMPARE(describe(*m_table, m_table->select(filter)), rows);
    }

    void group_data()
    {
        QTest::addColumn<int>("by");
        QTest::addColumn<QStringList>("groups");
        // key calls min avg max p99
        QTest::addRow("path") << int(ProbeCallTable::GroupBy::Path)
                              << L({ "/etc/passwd 2 40 45 50 50", "/etc/hosts 1 10 10 10 10", "/nope 1 20 20 20 20", "/var/x.stat 1 1000 1000 1000 1000" });
        QTest::addRow("task") << int(ProbeCallTable::GroupBy::Task) << L({ "bash 3 20 356 1000 1000", "cat 2 10 25 40 40" });
        QTest::addRow("return") << int(ProbeCallTable::GroupBy::Return)
                                << L({ "-13 1 1000 1000 1000 1000", "-2 1 20 20 20 20", "3 1 50 50 50 50", "4 1 10 10 10 10", "5 1 40 40 40 40" });
    }
    void group()
    {
        QFETCH(int, by);
        QFETCH(QStringList, groups);
        QStringList out;
        for (const auto& g : m_table->group(m_table->select({}), ProbeCallTable::GroupBy(by)))
            out << QStringLiteral("%1 %2 %3 %4 %5 %6").arg(g.key).arg(g.calls).arg(g.minNs).arg(g.avgNs).arg(g.maxNs).arg(g.p99Ns);
        QCOMPARE(out, groups);
    }

    void histogram()
    {
        const auto h = m_table->latencyHistogram(m_table->select({}), 4);
        QCOMPARE(h.fromNs, 10);
        qint64 total = 0;
        for (qint64 count : h.counts)
            total += count;
        QCOMPARE(total, 5);
        QCOMPARE(h.counts.back(), 1); // the 1000 ns outlier
    }

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const ProbeCallTable> m_table;
};

QTEST_GUILESS_MAIN(TestProbeCallTable)
#include "tst_probecalltable.moc"
