// SPDX-License-Identifier: GPL-3.0-or-later
// EventQuery and EventIdSet on a recording written here (timestamps with repeats and gaps, four
// CPUs, three types): time -> id by binary search against MIN(id) WHERE ts >= t, the id range
// of a filter, matching ids and counts against hand-written SQL, and the set's row <-> id maps.
#include "eventidset.h"
#include "eventquery.h"
#include "recordingreader.h"
#include "recordingwriter.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <limits>
#include <memory>
#include <random>

using namespace Storage;

namespace {
constexpr int eventCount = 5000;
constexpr std::int64_t noTime = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t endOfTime = std::numeric_limits<std::int64_t>::max();

// ts of event i (1-based): groups of three equal timestamps, 10 ns apart, from 1000.
std::int64_t tsOf(int id) { return 1000 + ((id - 1) / 3) * 10; }

QString writeFixture(const QString& path)
{
    auto created = RecordingWriter::create(path);
    if (!created)
        return created.error().message;
    RecordingWriter& w = **created;
    using S = Schema::FieldStorage;
    EventTypeSpec a { "t", "a", "tracepoint", -1, {}, {}, { { "n", "int", S::Int, 4 }, { "name", "char[]", S::Text, 0 } } };
    EventTypeSpec b { "t", "b", "tracepoint", -1, {}, {}, { { "n", "int", S::Int, 4 } } };
    EventTypeSpec c { "t", "c", "tracepoint", -1, {}, {}, {} };
    auto ta = w.addEventType(a);
    auto tb = w.addEventType(b);
    auto tc = w.addEventType(c);
    if (!ta || !tb || !tc)
        return QStringLiteral("cannot add types");
    std::mt19937 random(7);
    Status s;
    for (int id = 1; id <= eventCount && s; ++id) {
        const int kind = static_cast<int>(random() % 3);
        w.beginEvent(kind == 0 ? *ta : kind == 1 ? *tb : *tc, tsOf(id), static_cast<int>(random() % 4),
            100 + static_cast<int>(random() % 5), 0, 0);
        if (kind < 2)
            w.setInt(0, id % 100);
        if (kind == 0)
            w.setText(1, id % 7 == 0 ? "seven" : "other");
        s = w.endEvent();
    }
    for (int pid = 100; pid < 105 && s; ++pid)
        s = w.setTask(pid, pid, "task");
    s = s ? w.finish() : s;
    return s ? QString() : s.error().message;
}
} // namespace

class TestEventQuery : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void firstIdAtOrAfter_data();
    void firstIdAtOrAfter();
    void idRange_data();
    void idRange();
    void matchingIdsAndCounts_data();
    void matchingIdsAndCounts();
    void unknownTypeAndBadExpression();
    void idSetRankAndSelect();

private:
    std::int64_t sqlInt(const QByteArray& sql);

    QTemporaryDir m_dir;
    std::unique_ptr<RecordingReader> m_reader;
};

void TestEventQuery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("q.ftlens"));
    const QString error = writeFixture(path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto reader = RecordingReader::open(path);
    QVERIFY(reader);
    m_reader = std::move(reader.value());
}

std::int64_t TestEventQuery::sqlInt(const QByteArray& sql)
{
    auto value = m_reader->database().queryInt(sql.toStdString());
    return value ? *value : -12345;
}

void TestEventQuery::firstIdAtOrAfter_data()
{
    QTest::addColumn<qint64>("time");
    const std::int64_t last = tsOf(eventCount);
    for (const std::int64_t t : { std::int64_t(-5), std::int64_t(999), std::int64_t(1000), std::int64_t(1001),
             std::int64_t(1009), std::int64_t(1010), std::int64_t(1011), tsOf(2500), tsOf(2500) + 1, last - 1, last,
             last + 1, std::int64_t(1) << 40 })
        QTest::addRow("%lld", static_cast<long long>(t)) << qint64(t);
}

void TestEventQuery::firstIdAtOrAfter()
{
    QFETCH(qint64, time);
    auto all = allEventIds(m_reader->database());
    QVERIFY(all);
    QCOMPARE(*all, (IdRange { 1, eventCount }));
    auto id = Storage::firstIdAtOrAfter(m_reader->database(), *all, time);
    QVERIFY(id);
    const std::int64_t expected
        = sqlInt("SELECT COALESCE(MIN(id), " + QByteArray::number(eventCount + 1) + ") FROM event WHERE ts >= "
            + QByteArray::number(time));
    QCOMPARE(*id, expected);
}

void TestEventQuery::idRange_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addRow("everything") << qint64(noTime) << qint64(endOfTime);
    QTest::addRow("from only") << qint64(1015) << qint64(endOfTime);
    QTest::addRow("to only") << qint64(noTime) << qint64(1020);
    QTest::addRow("inside a repeat") << qint64(1010) << qint64(1011);
    QTest::addRow("between events") << qint64(1011) << qint64(1019);
    QTest::addRow("before all") << qint64(0) << qint64(1000);
    QTest::addRow("after all") << qint64(tsOf(eventCount) + 1) << qint64(endOfTime);
    QTest::addRow("middle") << qint64(tsOf(1000)) << qint64(tsOf(4000));
}

void TestEventQuery::idRange()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    EventFilter filter;
    filter.from = from;
    filter.to = to;
    auto query = EventQuery::create(m_reader->eventTypes(), filter);
    QVERIFY(query);
    QVERIFY(query->selectsIdRange());
    auto range = query->idRange(m_reader->database());
    QVERIFY(range);
    const QByteArray where = " FROM event WHERE ts >= " + QByteArray::number(from) + " AND ts < " + QByteArray::number(to);
    QCOMPARE(range->size(), sqlInt("SELECT COUNT(*)" + where));
    if (range->size() > 0) {
        QCOMPARE(range->first, sqlInt("SELECT MIN(id)" + where));
        QCOMPARE(range->last, sqlInt("SELECT MAX(id)" + where));
    }
    auto count = query->count(m_reader->database(), *range);
    QVERIFY(count);
    QCOMPARE(*count, range->size());
}

void TestEventQuery::matchingIdsAndCounts_data()
{
    QTest::addColumn<QStringList>("types");
    QTest::addColumn<QList<int>>("cpus");
    QTest::addColumn<QList<int>>("pids");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("where"); // over `events` e joined with the ev_ tables a, b

    const QStringList none;
    const QStringList typeA { QStringLiteral("t:a") };
    const QStringList typesAC { QStringLiteral("t:a"), QStringLiteral("t:c") };
    QTest::addRow("cpu") << none << QList<int> { 2 } << QList<int> {} << qint64(noTime) << qint64(endOfTime) << QString()
                         << QByteArray("e.cpu = 2");
    QTest::addRow("cpus and pids") << none << QList<int> { 0, 3 } << QList<int> { 101, 104 } << qint64(noTime)
                                   << qint64(endOfTime) << QString()
                                   << QByteArray("e.cpu IN (0, 3) AND e.pid IN (101, 104)");
    QTest::addRow("one type") << typeA << QList<int> {} << QList<int> {} << qint64(noTime) << qint64(endOfTime)
                              << QString() << QByteArray("e.type_id = 1");
    QTest::addRow("two types, range") << typesAC << QList<int> {} << QList<int> {} << qint64(2000) << qint64(30000)
                                      << QString()
                                      << QByteArray("e.type_id IN (1, 3) AND e.ts >= 2000 AND e.ts < 30000");
    QTest::addRow("expression over all types")
        << none << QList<int> {} << QList<int> {} << qint64(noTime) << qint64(endOfTime) << QStringLiteral("n < 10")
        << QByteArray("COALESCE(a.n, b.n) < 10");
    QTest::addRow("text field") << none << QList<int> {} << QList<int> {} << qint64(noTime) << qint64(endOfTime)
                                << QStringLiteral("name == \"seven\"")
                                << QByteArray("a.name = (SELECT id FROM string WHERE str = 'seven')");
    QTest::addRow("everything at once")
        << typesAC << QList<int> { 1 } << QList<int> { 100, 102 } << qint64(3000) << qint64(40000)
        << QStringLiteral("n >= 50 || cpu == 1")
        << QByteArray("e.type_id IN (1, 3) AND e.cpu = 1 AND e.pid IN (100, 102) AND e.ts >= 3000 AND e.ts < 40000");
}

void TestEventQuery::matchingIdsAndCounts()
{
    QFETCH(QStringList, types);
    QFETCH(QList<int>, cpus);
    QFETCH(QList<int>, pids);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QString, expression);
    QFETCH(QByteArray, where);

    const EventFilter filter { types, cpus, pids, from, to, expression };
    auto query = EventQuery::create(m_reader->eventTypes(), filter);
    QVERIFY2(query, query ? "" : qPrintable(query.error().message));
    QVERIFY(!query->selectsIdRange());
    auto range = query->idRange(m_reader->database());
    QVERIFY(range);
    auto ids = query->matchingIds(m_reader->database(), *range);
    QVERIFY(ids);
    const QByteArray from_ = " FROM event e LEFT JOIN ev_t__a a ON a.event_id = e.id LEFT JOIN ev_t__b b ON "
                             "b.event_id = e.id WHERE ";
    const std::int64_t expected = sqlInt("SELECT COUNT(*)" + from_ + where);
    QVERIFY(expected > 0);
    QCOMPARE(ids->count(), expected);
    auto count = query->count(m_reader->database(), *range);
    QVERIFY(count);
    QCOMPARE(*count, expected);
    // Rows are in id order: spot-check the first, middle and last against the SQL's order.
    for (const std::int64_t row : { std::int64_t(0), expected / 2, expected - 1 }) {
        const std::int64_t id = sqlInt("SELECT id" + from_ + where + " ORDER BY e.id LIMIT 1 OFFSET "
            + QByteArray::number(static_cast<qint64>(row)));
        QCOMPARE(ids->idAt(row), id);
        QCOMPARE(ids->rowOf(id), row);
    }
}

void TestEventQuery::unknownTypeAndBadExpression()
{
    EventFilter filter;
    filter.eventTypes = QStringList { QStringLiteral("t:nope") };
    auto unknown = EventQuery::create(m_reader->eventTypes(), filter);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().message, QStringLiteral("no events of type t:nope in this recording"));
    filter = {};
    filter.expression = QStringLiteral("n == ");
    auto bad = EventQuery::create(m_reader->eventTypes(), filter);
    QVERIFY(!bad);
    QCOMPARE(bad.error().message, QStringLiteral("filter: column 6: expected a value after '=='"));
}

void TestEventQuery::idSetRankAndSelect()
{
    // Ids 10..2009, members every id divisible by 3 or 7, crossing many words and blocks.
    EventIdSet set(10, 2009);
    QList<qint64> members;
    for (qint64 id = 10; id <= 2009; ++id) {
        if (id % 3 == 0 || id % 7 == 0) {
            set.insert(id);
            members << id;
        }
    }
    set.insert(5);    // outside: ignored
    set.insert(3000); // outside: ignored
    set.finish();
    QCOMPARE(set.count(), std::int64_t(members.size()));
    for (int row = 0; row < members.size(); ++row) {
        QCOMPARE(set.idAt(row), members.at(row));
        QCOMPARE(set.rowOf(members.at(row)), std::int64_t(row));
        QVERIFY(set.contains(members.at(row)));
    }
    QCOMPARE(set.idAt(-1), std::int64_t(-1));
    QCOMPARE(set.idAt(members.size()), std::int64_t(-1));
    QCOMPARE(set.rowOf(11), std::int64_t(0)); // not a member: the row of the next one (12)
    QCOMPARE(set.rowOf(13), std::int64_t(1)); // the row of 14
    QCOMPARE(set.rowOf(0), std::int64_t(0));
    QCOMPARE(set.rowOf(5000), std::int64_t(members.size()));
    QCOMPARE(set.nextId(0), std::int64_t(12));
    QCOMPARE(set.nextId(13), std::int64_t(14));
    QCOMPARE(set.nextId(2008), std::int64_t(2009)); // 7 * 287
    QCOMPARE(set.nextId(2010), std::int64_t(-1));
    QVERIFY(!set.contains(11));
}

QTEST_GUILESS_MAIN(TestEventQuery)
#include "tst_eventquery.moc"
