// SPDX-License-Identifier: GPL-3.0-or-later
// The in-memory probe-call table: loading paired calls from a recording, filters like
// opensnoop's, grouping with latency statistics, the latency histogram, and sorting calls and
// groups by any column.
#include "probecalltable.h"

#include "opendecoders.h"
#include "recordingwriter.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <random>

using Engine::ProbeCallTable;
using Storage::Schema::FieldStorage;

namespace {
struct Call {
    int pid;
    const char* path;
    std::int64_t start, latency, ret;
    std::int64_t flags = 0x80000;
    bool returns = true; // false: the recording has no return for it
};

// Entry and return probes on one place; calls are written as entry, then return.
std::shared_ptr<const ProbeCallTable> load(const QString& dir, const std::vector<Call>& calls, const QString& name = QStringLiteral("t"))
{
    const QString path = dir + QLatin1Char('/') + name + QLatin1String(".ftlens");
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
        if (call.returns)
            hits.push_back({ call.start + call.latency, true, &call });
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.ts < b.ts; });
    for (const Hit& hit : hits) {
        writer.value()->beginEvent(hit.isReturn ? r : e, hit.ts, 0, hit.call->pid, 0, 0);
        if (hit.isReturn) {
            writer.value()->setInt(2, hit.call->ret);
        } else {
            writer.value()->setText(1, hit.call->path);
            writer.value()->setInt(2, hit.call->flags);
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

// For sorting: ties (equal latency, path, flags, task), an empty path, a task without a name,
// a call without its return (no ret, no latency), returns whose text order is not their order.
const std::vector<Call> sortCalls = {
    { 10, "/etc/passwd", 100, 50, 3, 0x80000 },
    { 20, "/etc/hosts", 120, 10, 4, 0x8000 },
    { 10, "/nope", 200, 20, -2, 0x241 },
    { 30, "/etc/passwd", 300, 50, 10, 0x80000 },
    { 10, "/var/x.stat", 400, 1000, -13, 0 },
    { 20, "", 500, 0, 0, 0x8000, false },
};

// "START VALUE" per row: the call's start time and the sorted column as the table shows it.
QStringList describeSorted(const ProbeCallTable& table, const std::vector<std::uint32_t>& rows, const ProbeCallTable::Sort& sort)
{
    using Column = ProbeCallTable::SortColumn;
    QStringList out;
    for (std::uint32_t row : rows) {
        QString value;
        const bool retKnown = table.ret(row) != ProbeCallTable::unknown;
        const bool latencyKnown = table.latencyNs(row) != ProbeCallTable::unknown;
        switch (sort.column) {
        case Column::Row:
        case Column::Time:
        case Column::Cpu:
            break;
        case Column::Task:
            value = table.comm(row) + QLatin1Char('-') + QString::number(table.pid(row));
            break;
        case Column::Argument:
            value = table.argument(row, sort.argument);
            break;
        case Column::DecodedArgument:
            value = Engine::decode(Engine::decoderForField(table.place(), table.argumentNames().at(sort.argument)),
                table.argument(row, sort.argument).toLongLong());
            break;
        case Column::Ret:
            value = retKnown ? QString::number(table.ret(row)) : QString();
            break;
        case Column::Latency:
            value = latencyKnown ? QString::number(table.latencyNs(row)) : QString();
            break;
        case Column::Status:
            value = QString::number(int(table.status(row)));
            break;
        }
        out << QStringLiteral("%1 %2").arg(table.ts(row)).arg(value).trimmed();
    }
    return out;
}

// A table big enough that sorting most of it goes through the table sorted by the column:
// random values with ties, empty ones, and a decoded flags argument.
std::shared_ptr<const ProbeCallTable> bigTable(std::size_t count)
{
    ProbeCallTable::Columns c;
    c.place = QStringLiteral("do_sys_open myopen");
    c.argNames = QStringList { QStringLiteral("filename"), QStringLiteral("flags") };
    c.argIsText = { true, false };
    c.strings = { QString(), QStringLiteral("bash"), QStringLiteral("cat"), QStringLiteral("ls"), QStringLiteral("Zsh") };
    const std::size_t firstPath = c.strings.size();
    for (int i = 0; i < 300; ++i)
        c.strings.push_back(QStringLiteral("/p/%1").arg(i));
    const std::int64_t flags[] = { 0, 0x241, 0x8000, 0x88000, 0x80000, 0x98800, ProbeCallTable::unknown };
    std::mt19937 random(11);
    c.args.assign(2, {});
    for (std::size_t i = 0; i < count; ++i) {
        c.ts.push_back(1000 + std::int64_t(i / 2) * 10); // pairs of equal times
        c.ret.push_back(i % 7 == 0 ? ProbeCallTable::unknown : std::int64_t(random() % 40) - 20);
        c.latency.push_back(i % 11 == 0 ? ProbeCallTable::unknown : std::int64_t(random() % 5000));
        c.entryId.push_back(std::int64_t(i) + 1);
        c.pid.push_back(100 + std::int32_t(random() % 50));
        c.cpu.push_back(std::int32_t(random() % 8));
        c.comm.push_back(std::int32_t(random() % 5));
        c.status.push_back(std::uint8_t(random() % 3));
        c.args[0].push_back(i % 13 == 0 ? 0 : std::int64_t(firstPath + random() % 300));
        c.args[1].push_back(flags[random() % std::size(flags)]);
    }
    return std::make_shared<ProbeCallTable>(std::move(c));
}

// What sort() promises, the slow way: values compared through the table's accessors, empty
// values last, ties in time order.
std::vector<std::uint32_t> referenceSort(const ProbeCallTable& t, std::vector<std::uint32_t> rows, const ProbeCallTable::Sort& sort)
{
    using Column = ProbeCallTable::SortColumn;
    const auto empty = [&](std::uint32_t r) {
        switch (sort.column) {
        case Column::Ret:
            return t.ret(r) == ProbeCallTable::unknown;
        case Column::Latency:
            return t.latencyNs(r) == ProbeCallTable::unknown;
        case Column::Argument:
        case Column::DecodedArgument:
            return t.argument(r, sort.argument).isEmpty();
        default:
            return false;
        }
    };
    std::map<qint64, QString> flagTexts; // decoded once per value
    const auto decodedFlags = [&](std::uint32_t row) -> const QString& {
        const qint64 value = t.argument(row, 1).toLongLong();
        auto it = flagTexts.find(value);
        if (it == flagTexts.end())
            it = flagTexts.emplace(value, Engine::openFlagsText(std::uint64_t(value))).first;
        return it->second;
    };
    const auto compare = [&](std::uint32_t a, std::uint32_t b) -> int {
        const auto three = [](auto x, auto y) { return x < y ? -1 : y < x ? 1 : 0; };
        switch (sort.column) {
        case Column::Time:
            return three(t.ts(a), t.ts(b));
        case Column::Cpu:
            return three(t.cpu(a), t.cpu(b));
        case Column::Status:
            return three(int(t.status(a)), int(t.status(b)));
        case Column::Task:
            return t.comm(a) != t.comm(b) ? three(t.comm(a), t.comm(b)) : three(t.pid(a), t.pid(b));
        case Column::Ret:
            return three(t.ret(a), t.ret(b));
        case Column::Latency:
            return three(t.latencyNs(a), t.latencyNs(b));
        case Column::Argument:
            return sort.argument == 0 ? three(t.argument(a, 0), t.argument(b, 0)) : three(t.argument(a, 1).toLongLong(), t.argument(b, 1).toLongLong());
        case Column::DecodedArgument:
            return three(decodedFlags(a), decodedFlags(b));
        case Column::Row:
            break;
        }
        return 0;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (empty(a) != empty(b))
            return empty(b);
        if (empty(a))
            return false;
        const int c = compare(a, b);
        return sort.descending ? c > 0 : c < 0;
    });
    return rows;
}

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
        m_sortTable = load(m_dir.path(), sortCalls, QStringLiteral("sort"));
        QVERIFY(m_sortTable);
        m_bigTable = bigTable(140000);
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

    void sort_data()
    {
        using Column = ProbeCallTable::SortColumn;
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("argument");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<bool>("failedOnly");
        QTest::addColumn<QString>("comm");
        QTest::addColumn<QStringList>("rows"); // start time, then the sorted column's value
        const int path = 0, flags = 1;
        QTest::addRow("time order") << int(Column::Row) << -1 << false << false << QString() << L({ "100", "120", "200", "300", "400", "500" });
        QTest::addRow("time descending") << int(Column::Time) << -1 << true << false << QString()
                                         << L({ "500", "400", "300", "200", "120", "100" });
        QTest::addRow("latency: numbers, ties in time order, empty last")
            << int(Column::Latency) << -1 << false << false << QString() << L({ "120 10", "200 20", "100 50", "300 50", "400 1000", "500" });
        QTest::addRow("latency descending: ties still in time order, empty still last")
            << int(Column::Latency) << -1 << true << false << QString() << L({ "400 1000", "100 50", "300 50", "200 20", "120 10", "500" });
        QTest::addRow("ret: numerically, not as text (3 before 10)")
            << int(Column::Ret) << -1 << false << false << QString() << L({ "400 -13", "200 -2", "100 3", "120 4", "300 10", "500" });
        QTest::addRow("ret descending") << int(Column::Ret) << -1 << true << false << QString()
                                        << L({ "300 10", "120 4", "100 3", "200 -2", "400 -13", "500" });
        QTest::addRow("path: text, empty last")
            << int(Column::Argument) << path << false << false << QString()
            << L({ "120 /etc/hosts", "100 /etc/passwd", "300 /etc/passwd", "200 /nope", "400 /var/x.stat", "500" });
        QTest::addRow("path descending")
            << int(Column::Argument) << path << true << false << QString()
            << L({ "400 /var/x.stat", "200 /nope", "100 /etc/passwd", "300 /etc/passwd", "120 /etc/hosts", "500" });
        QTest::addRow("flags: numbers")
            << int(Column::Argument) << flags << false << false << QString()
            << L({ "400 0", "200 577", "120 32768", "500 32768", "100 524288", "300 524288" });
        QTest::addRow("flags decoded: by their names")
            << int(Column::DecodedArgument) << flags << false << false << QString()
            << L({ "400 O_RDONLY", "100 O_RDONLY|O_CLOEXEC", "300 O_RDONLY|O_CLOEXEC", "120 O_RDONLY|O_LARGEFILE", "500 O_RDONLY|O_LARGEFILE",
                   "200 O_WRONLY|O_CREAT|O_TRUNC" });
        QTest::addRow("task: name, then pid; no name first")
            << int(Column::Task) << -1 << false << false << QString()
            << L({ "300 -30", "100 bash-10", "200 bash-10", "400 bash-10", "120 cat-20", "500 cat-20" });
        QTest::addRow("task descending") << int(Column::Task) << -1 << true << false << QString()
                                         << L({ "120 cat-20", "500 cat-20", "100 bash-10", "200 bash-10", "400 bash-10", "300 -30" });
        QTest::addRow("status descending: the call without return first")
            << int(Column::Status) << -1 << true << false << QString() << L({ "500 1", "100 0", "120 0", "200 0", "300 0", "400 0" });
        QTest::addRow("failed only, by latency descending")
            << int(Column::Latency) << -1 << true << true << QString() << L({ "400 1000", "200 20" });
        QTest::addRow("task bash, by path descending")
            << int(Column::Argument) << path << true << false << QStringLiteral("bash") << L({ "400 /var/x.stat", "200 /nope", "100 /etc/passwd" });
    }
    void sort()
    {
        QFETCH(int, column);
        QFETCH(int, argument);
        QFETCH(bool, descending);
        QFETCH(bool, failedOnly);
        QFETCH(QString, comm);
        QFETCH(QStringList, rows);
        const ProbeCallTable::Sort sort { ProbeCallTable::SortColumn(column), argument, descending };
        ProbeCallTable::Filter filter;
        filter.failedOnly = failedOnly;
        filter.comm = comm;
        std::vector<std::uint32_t> selected = m_sortTable->select(filter);
        m_sortTable->sort(selected, sort);
        QCOMPARE(describeSorted(*m_sortTable, selected, sort), rows);
        // The same from any starting order (a view already sorted by another column): ties
        // still come out in time order.
        std::vector<std::uint32_t> resorted = m_sortTable->select(filter);
        m_sortTable->sort(resorted, { ProbeCallTable::SortColumn::Time, -1, true });
        m_sortTable->sort(resorted, sort);
        QCOMPARE(describeSorted(*m_sortTable, resorted, sort), rows);
    }

    void sortManyRows_data()
    {
        using Column = ProbeCallTable::SortColumn;
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("argument");
        QTest::addColumn<int>("every"); // every Nth row of the table is shown
        // All rows and half of them (over 65536) pick from the sorted column; every 20th row is sorted as is.
        const struct {
            const char* name;
            Column column;
            int argument;
        } columns[] = { { "time", Column::Time, -1 }, { "cpu", Column::Cpu, -1 }, { "task", Column::Task, -1 }, { "ret", Column::Ret, -1 },
            { "latency", Column::Latency, -1 }, { "status", Column::Status, -1 }, { "path", Column::Argument, 0 },
            { "flags", Column::Argument, 1 }, { "flags decoded", Column::DecodedArgument, 1 } };
        for (const auto& c : columns) {
            for (int every : { 1, 2, 20 })
                QTest::addRow("%s, every %d", c.name, every) << int(c.column) << c.argument << every;
        }
    }
    void sortManyRows()
    {
        QFETCH(int, column);
        QFETCH(int, argument);
        QFETCH(int, every);
        for (bool descending : { false, true }) {
            std::vector<std::uint32_t> shown;
            for (std::uint32_t row = 0; row < m_bigTable->size(); row += std::uint32_t(every))
                shown.push_back(row);
            const ProbeCallTable::Sort sort { ProbeCallTable::SortColumn(column), argument, descending };
            const std::vector<std::uint32_t> expected = referenceSort(*m_bigTable, shown, sort);
            std::reverse(shown.begin(), shown.end()); // any input order
            m_bigTable->sort(shown, sort);
            QVERIFY2(shown == expected, descending ? "descending" : "ascending");
        }
    }

    void sortGroups_data()
    {
        using Column = ProbeCallTable::GroupColumn;
        using By = ProbeCallTable::GroupBy;
        QTest::addColumn<int>("by");
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<int>("pid");
        QTest::addColumn<QStringList>("groups"); // key calls max
        QTest::addRow("path, default: most calls first")
            << int(By::Path) << int(Column::Default) << false << 0 << L({ "/etc/passwd 2 50", " 1 0", "/etc/hosts 1 10", "/nope 1 20", "/var/x.stat 1 1000" });
        QTest::addRow("path key: text, empty last")
            << int(By::Path) << int(Column::Key) << false << 0 << L({ "/etc/hosts 1 10", "/etc/passwd 2 50", "/nope 1 20", "/var/x.stat 1 1000", " 1 0" });
        QTest::addRow("path key descending")
            << int(By::Path) << int(Column::Key) << true << 0 << L({ "/var/x.stat 1 1000", "/nope 1 20", "/etc/passwd 2 50", "/etc/hosts 1 10", " 1 0" });
        QTest::addRow("calls ascending: ties in default order")
            << int(By::Path) << int(Column::Calls) << false << 0 << L({ " 1 0", "/etc/hosts 1 10", "/nope 1 20", "/var/x.stat 1 1000", "/etc/passwd 2 50" });
        QTest::addRow("max descending")
            << int(By::Path) << int(Column::Max) << true << 0 << L({ "/var/x.stat 1 1000", "/etc/passwd 2 50", "/nope 1 20", "/etc/hosts 1 10", " 1 0" });
        QTest::addRow("return key: numerically (3 before 10), empty last")
            << int(By::Return) << int(Column::Key) << false << 0 << L({ "-13 1 1000", "-2 1 20", "3 1 50", "4 1 10", "10 1 50", " 1 0" });
        QTest::addRow("return key descending")
            << int(By::Return) << int(Column::Key) << true << 0 << L({ "10 1 50", "4 1 10", "3 1 50", "-2 1 20", "-13 1 1000", " 1 0" });
        QTest::addRow("task key: no name last") << int(By::Task) << int(Column::Key) << false << 0 << L({ "bash 3 1000", "cat 2 10", " 1 50" });
        QTest::addRow("pid 10 by path, avg descending")
            << int(By::Path) << int(Column::Avg) << true << 10 << L({ "/var/x.stat 1 1000", "/etc/passwd 1 50", "/nope 1 20" });
    }
    void sortGroups()
    {
        QFETCH(int, by);
        QFETCH(int, column);
        QFETCH(bool, descending);
        QFETCH(int, pid);
        QFETCH(QStringList, groups);
        ProbeCallTable::Filter filter;
        if (pid)
            filter.pid = pid;
        const auto groupBy = ProbeCallTable::GroupBy(by);
        std::vector<ProbeCallTable::Group> sorted = m_sortTable->group(m_sortTable->select(filter), groupBy);
        ProbeCallTable::sortGroups(sorted, groupBy, ProbeCallTable::GroupColumn::Calls, true); // any previous order
        ProbeCallTable::sortGroups(sorted, groupBy, ProbeCallTable::GroupColumn(column), descending);
        QStringList out;
        for (const auto& g : sorted)
            out << QStringLiteral("%1 %2 %3").arg(g.key).arg(g.calls).arg(g.maxNs);
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

    // A string return value (a uretprobe on readline): shown as text, sorted and grouped by its
    // text, never a failure.
    void textReturnValue()
    {
        ProbeCallTable::Columns c;
        c.place = QStringLiteral("0x48db60 readline");
        c.kernelSide = false;
        c.retIsText = true;
        c.strings = { QString(), QStringLiteral("bash"), QStringLiteral("ls -l"), QStringLiteral("cd .."), QStringLiteral("df -h") };
        const std::int64_t rets[] = { 2, 3, ProbeCallTable::unknown, 4, 2 };
        for (std::size_t i = 0; i < std::size(rets); ++i) {
            c.ts.push_back(std::int64_t(i) * 100);
            c.ret.push_back(rets[i]);
            c.latency.push_back(10);
            c.entryId.push_back(std::int64_t(i) + 1);
            c.pid.push_back(7);
            c.cpu.push_back(0);
            c.comm.push_back(1);
            c.status.push_back(std::uint8_t(rets[i] == ProbeCallTable::unknown ? Engine::ProbeCall::Status::EntryOnly : Engine::ProbeCall::Status::Paired));
        }
        const ProbeCallTable table(std::move(c));
        QVERIFY(table.returnIsText());
        std::vector<std::uint32_t> rows = table.select({});
        QStringList shown;
        for (std::uint32_t row : rows)
            shown << table.returnValue(row);
        QCOMPARE(shown, QStringList({ QStringLiteral("ls -l"), QStringLiteral("cd .."), QString(), QStringLiteral("df -h"), QStringLiteral("ls -l") }));
        table.sort(rows, { ProbeCallTable::SortColumn::Ret, -1, false });
        shown.clear();
        for (std::uint32_t row : rows)
            shown << table.returnValue(row);
        QCOMPARE(shown, QStringList({ QStringLiteral("cd .."), QStringLiteral("df -h"), QStringLiteral("ls -l"), QStringLiteral("ls -l"), QString() }));
        QStringList groups;
        for (const ProbeCallTable::Group& group : table.group(table.select({}), ProbeCallTable::GroupBy::Return))
            groups << QStringLiteral("%1 %2").arg(group.key).arg(group.calls);
        // Most calls first, ties by key (no return: the empty key).
        QCOMPARE(groups, QStringList({ QStringLiteral("ls -l 2"), QStringLiteral(" 1"), QStringLiteral("cd .. 1"), QStringLiteral("df -h 1") }));
        ProbeCallTable::Filter failed;
        failed.failedOnly = true;
        QVERIFY(table.select(failed).empty());
    }

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const ProbeCallTable> m_table;
    std::shared_ptr<const ProbeCallTable> m_sortTable;
    std::shared_ptr<const ProbeCallTable> m_bigTable;
};

QTEST_GUILESS_MAIN(TestProbeCallTable)
#include "tst_probecalltable.moc"
