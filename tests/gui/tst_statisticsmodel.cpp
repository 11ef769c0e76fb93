// SPDX-License-Identifier: GPL-3.0-or-later
// StatisticsModel rows against GROUP BY counts in plain SQL on the demo recording, for each
// grouping, the whole file and ranges; and StatisticsPanel following the selected range (its
// worker's results replace the table, stale ones are dropped, charts show the top groups).
#include "guitestsupport.h"
#include "statisticsbarchart.h"
#include "statisticsmodel.h"
#include "statisticspanel.h"
#include "timeselection.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using Gui::StatisticsModel;
using Gui::StatisticsPanel;

Q_DECLARE_METATYPE(Gui::StatisticsModel::Grouping)

namespace {
constexpr std::int64_t minTime = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t maxTime = std::numeric_limits<std::int64_t>::max();
} // namespace

class TestStatisticsModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rowsMatchSql_data();
    void rowsMatchSql();
    void emptyStatistics();
    void panelFollowsRange();
    void panelDropsStaleResults();
    void panelWithoutRecording();

private:
    // key -> count of `SELECT <column>, COUNT(*) FROM event WHERE ts in [from, to) GROUP BY 1`.
    std::map<qint64, qint64> sqlCounts(const char* column, qint64 from, qint64 to);
    qint64 sqlTotal(qint64 from, qint64 to);
    bool waitForUpdate(StatisticsPanel& panel, QSignalSpy& spy);

    QTemporaryDir m_dir;
    QString m_path;
    Gui::RecordingPtr m_recording;
    std::unique_ptr<Storage::RecordingReader> m_reader;
};

void TestStatisticsModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = GuiTest::copyDemo(m_dir.path());
    QVERIFY(!m_path.isEmpty());
    auto reader = Storage::RecordingReader::open(m_path);
    QVERIFY(reader);
    auto summary = (*reader)->summary();
    QVERIFY(summary);
    auto recording = std::make_shared<Gui::OpenedRecording>();
    recording->path = m_path;
    recording->meta = (*reader)->meta();
    recording->eventTypes = (*reader)->eventTypes();
    recording->summary = *summary;
    recording->cpus = summary->cpus;
    m_recording = recording;
    m_reader = std::move(*reader);
}

std::map<qint64, qint64> TestStatisticsModel::sqlCounts(const char* column, qint64 from, qint64 to)
{
    std::map<qint64, qint64> counts;
    auto q = m_reader->database().prepare(std::string("SELECT ") + column
        + ", COUNT(*) FROM event WHERE ts >= ? AND ts < ? GROUP BY 1");
    if (!q)
        return counts;
    q->bindInt(1, from);
    q->bindInt(2, to);
    while (q->step() == 100 /* SQLITE_ROW */)
        counts[q->columnInt(0)] = q->columnInt(1);
    return counts;
}

qint64 TestStatisticsModel::sqlTotal(qint64 from, qint64 to)
{
    qint64 total = 0;
    for (const auto& [key, count] : sqlCounts("1", from, to))
        total += count;
    return total;
}

void TestStatisticsModel::rowsMatchSql_data()
{
    QTest::addColumn<StatisticsModel::Grouping>("grouping");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    const qint64 first = m_recording->summary.firstTs;
    const qint64 quarter = m_recording->summary.durationNs() / 4;
    const std::pair<const char*, StatisticsModel::Grouping> groupings[] = { { "type", StatisticsModel::Grouping::EventType },
        { "task", StatisticsModel::Grouping::Task }, { "cpu", StatisticsModel::Grouping::Cpu } };
    for (const auto& [name, grouping] : groupings) {
        QTest::addRow("%s, whole file", name) << grouping << qint64(minTime) << qint64(maxTime);
        QTest::addRow("%s, second quarter", name) << grouping << first + quarter << first + 2 * quarter;
        QTest::addRow("%s, 10 ms", name) << grouping << first + quarter << first + quarter + 10'000'000;
    }
}

void TestStatisticsModel::rowsMatchSql()
{
    QFETCH(StatisticsModel::Grouping, grouping);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    Storage::EventFilter filter;
    filter.from = from;
    filter.to = to;
    auto statistics = Storage::StatisticsQuery(*m_reader).run(filter);
    QVERIFY(statistics);

    StatisticsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGrouping(grouping);
    model.setStatistics(*statistics);
    const char* column = grouping == StatisticsModel::Grouping::EventType ? "type_id"
        : grouping == StatisticsModel::Grouping::Task                     ? "pid"
                                                                          : "cpu";
    const std::map<qint64, qint64> expected = sqlCounts(column, from, to);
    QCOMPARE(model.rowCount(), int(expected.size()));
    QCOMPARE(model.columnCount(), int(StatisticsModel::NumColumns));
    std::map<qint64, qint64> actual;
    qint64 previous = std::numeric_limits<qint64>::max();
    for (int row = 0; row < model.rowCount(); ++row) {
        const qint64 count = model.index(row, StatisticsModel::CountColumn).data(StatisticsModel::CountRole).toLongLong();
        QVERIFY2(count <= previous, "rows are sorted by count, largest first");
        previous = count;
        actual[model.index(row, 0).data(StatisticsModel::KeyRole).toLongLong()] = count;
        QVERIFY(!model.index(row, StatisticsModel::NameColumn).data().toString().isEmpty());
        QCOMPARE(model.count(row), count);
    }
    QCOMPARE(actual, expected);
    QVERIFY(!model.headerData(StatisticsModel::NameColumn, Qt::Horizontal).toString().isEmpty());
    if (model.rowCount() > 0) {
        QVERIFY(model.index(0, StatisticsModel::ShareColumn).data().toString().endsWith(QLatin1Char('%')));
        if (grouping == StatisticsModel::Grouping::EventType) {
            const int typeId = model.index(0, 0).data(StatisticsModel::KeyRole).toInt();
            const Storage::EventTypeInfo& type = m_recording->eventTypes[std::size_t(typeId - 1)];
            QCOMPARE(model.label(0), type.qualifiedName());
        }
    }
    // Switching the grouping keeps the same total across rows.
    model.setGrouping(StatisticsModel::Grouping::Cpu);
    qint64 total = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        total += model.count(row);
    QCOMPARE(total, sqlTotal(from, to));
}

void TestStatisticsModel::emptyStatistics()
{
    StatisticsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStatistics({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(StatisticsModel::taskLabel(0, {}), QStringLiteral("<idle> (0)"));
    QCOMPARE(StatisticsModel::taskLabel(42, QStringLiteral("bash")), QStringLiteral("bash (42)"));
}

bool TestStatisticsModel::waitForUpdate(StatisticsPanel& panel, QSignalSpy& spy)
{
    // The panel debounces range changes and queries in a worker.
    if (!spy.wait(20000))
        return false;
    return !panel.isBusy();
}

void TestStatisticsModel::panelFollowsRange()
{
    StatisticsPanel panel;
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    Gui::TimeSelection selection;
    QSignalSpy updated(&panel, &StatisticsPanel::statisticsUpdated);
    panel.setSelection(&selection);
    panel.setRecording(m_recording);
    QVERIFY(waitForUpdate(panel, updated));
    QCOMPARE(panel.model()->statistics().total, m_recording->summary.events);
    QCOMPARE(panel.utilisationChart()->barCount(), m_recording->cpus);
    QCOMPARE(panel.countChart()->barCount(), std::min(StatisticsPanel::chartBars, panel.model()->rowCount()));

    const qint64 first = m_recording->summary.firstTs;
    const qint64 from = first + m_recording->summary.durationNs() / 3;
    const qint64 to = from + 200'000'000;
    selection.setRange(from, to);
    QVERIFY(waitForUpdate(panel, updated));
    QCOMPARE(panel.model()->statistics().total, sqlTotal(from, to));
    QVERIFY(panel.model()->statistics().total < m_recording->summary.events);
    for (const Storage::CpuUtilisation& cpu : panel.model()->statistics().utilisation) {
        QCOMPARE(cpu.windowNs, to - from);
        QVERIFY(cpu.busyNs >= 0 && cpu.busyNs <= cpu.windowNs);
    }

    panel.setGrouping(StatisticsModel::Grouping::Task);
    QCOMPARE(panel.model()->grouping(), StatisticsModel::Grouping::Task);
    QCOMPARE(panel.model()->rowCount(), int(sqlCounts("pid", from, to).size()));

    panel.setScope(StatisticsPanel::Scope::WholeFile);
    QVERIFY(waitForUpdate(panel, updated));
    QCOMPARE(panel.model()->statistics().total, m_recording->summary.events);

    panel.setScope(StatisticsPanel::Scope::SelectedRange);
    QVERIFY(waitForUpdate(panel, updated));
    QCOMPARE(panel.model()->statistics().total, sqlTotal(from, to));

    selection.clearRange(); // no range: the whole recording again
    QVERIFY(waitForUpdate(panel, updated));
    QCOMPARE(panel.model()->statistics().total, m_recording->summary.events);
}

void TestStatisticsModel::panelDropsStaleResults()
{
    StatisticsPanel panel;
    Gui::TimeSelection selection;
    panel.setSelection(&selection);
    panel.setRecording(m_recording);
    QSignalSpy updated(&panel, &StatisticsPanel::statisticsUpdated);
    QSignalSpy failed(&panel, &StatisticsPanel::statisticsFailed);
    // Requests overtaking each other: only the last range may end up shown.
    const qint64 first = m_recording->summary.firstTs;
    for (int i = 1; i <= 5; ++i)
        selection.setRange(first, first + i * 100'000'000);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy() && updated.count() > 0, 20000);
    QCOMPARE(panel.model()->statistics().total, sqlTotal(first, first + 500'000'000));
    QCOMPARE(failed.count(), 0);
}

void TestStatisticsModel::panelWithoutRecording()
{
    StatisticsPanel panel;
    Gui::TimeSelection selection;
    panel.setSelection(&selection);
    panel.setRecording(m_recording);
    panel.setRecording(nullptr); // the running query's result must not come back
    selection.setRange(1, 2);
    QCOMPARE(panel.model()->rowCount(), 0);
    QVERIFY(!panel.isBusy());
    QSignalSpy updated(&panel, &StatisticsPanel::statisticsUpdated);
    QVERIFY(!updated.wait(300));
    QCOMPARE(panel.model()->rowCount(), 0);
}

QTEST_MAIN(TestStatisticsModel)
#include "tst_statisticsmodel.moc"
