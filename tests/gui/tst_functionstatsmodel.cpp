// SPDX-License-Identifier: GPL-3.0-or-later
// The function statistics table: rows per function from a hand-made recording, sorting and
// filtering through the model's permutation (checked by QAbstractItemModelTester), CSV of exactly
// what is shown, the logarithmic latency buckets, and the panel's worker flow and histogram.
#include "calltestsupport.h"

#include "callsource.h"
#include "functionspanel.h"
#include "functionstatsmodel.h"
#include "latencyhistogram.h"

#include "customplot.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using Gui::FunctionStatsModel;

namespace {
QStringList lines(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list << QString::fromUtf8(item);
    return list;
}

// "name calls total self average min max unfinished" per row, raw values.
QStringList printRows(const QAbstractItemModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column)
            cells << model.index(row, column).data(FunctionStatsModel::SortRole).toString();
        out << cells.join(QLatin1Char(' '));
    }
    return out;
}

QStringList names(const QAbstractItemModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, 0).data().toString();
    return out;
}

std::shared_ptr<const Gui::FunctionStatsData> statistics(const QString& path)
{
    auto data = std::make_shared<Gui::FunctionStatsData>();
    data->calls = CallTest::load(path);
    data->functions = Engine::functionStatistics(*data->calls);
    return data;
}
} // namespace

class TestFunctionStatsModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("calls.ftlens"));
        QCOMPARE(CallTest::writeCallRecording(m_file, CallTest::smallCalls()), QString());
    }

    void rows()
    {
        FunctionStatsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatistics(statistics(m_file));
        // By total, largest first; write's unfinished call has no time.
        QCOMPARE(printRows(model),
            lines({ "read 3 1100 250 366 100 600 0", "main 1 1000 300 1000 1000 1000 0",
                "vfs_read 3 850 850 283 50 500 0", "write 2 200 200 200 200 200 1" }));
        QCOMPARE(model.index(0, FunctionStatsModel::TotalColumn).data().toString(), QStringLiteral("1.100 us"));
        QCOMPARE(model.headerData(FunctionStatsModel::UnfinishedColumn, Qt::Horizontal).toString(),
            QStringLiteral("Unfinished"));
    }

    void sorting_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("function ascending") << int(FunctionStatsModel::FunctionColumn) << Qt::AscendingOrder
                                            << lines({ "main", "read", "vfs_read", "write" });
        QTest::addRow("calls descending, ties by name") << int(FunctionStatsModel::CallsColumn) << Qt::DescendingOrder
                                                        << lines({ "read", "vfs_read", "write", "main" });
        QTest::addRow("self ascending") << int(FunctionStatsModel::SelfColumn) << Qt::AscendingOrder
                                        << lines({ "write", "read", "main", "vfs_read" });
        QTest::addRow("min ascending") << int(FunctionStatsModel::MinColumn) << Qt::AscendingOrder
                                       << lines({ "vfs_read", "read", "write", "main" });
        QTest::addRow("unfinished descending, ties by name")
            << int(FunctionStatsModel::UnfinishedColumn) << Qt::DescendingOrder
            << lines({ "write", "main", "read", "vfs_read" });
    }

    void sorting()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QStringList, expected);
        FunctionStatsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatistics(statistics(m_file));
        const QPersistentModelIndex write = model.index(3, 2);
        model.sort(column, order);
        QCOMPARE(names(model), expected);
        QCOMPARE(write.row(), int(expected.indexOf(QStringLiteral("write"))));
        QCOMPARE(write.column(), 2);
    }

    void filter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("substring, any case") << QStringLiteral("READ") << lines({ "read", "vfs_read" });
        QTest::addRow("one") << QStringLiteral("mai") << lines({ "main" });
        QTest::addRow("none") << QStringLiteral("zzz") << QStringList();
        QTest::addRow("empty shows all") << QString() << lines({ "read", "main", "vfs_read", "write" });
    }

    void filter()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        FunctionStatsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatistics(statistics(m_file));
        model.setFilterText(QStringLiteral("w"));
        model.setFilterText(text);
        QCOMPARE(names(model), expected);
    }

    void csvOfWhatIsShown()
    {
        FunctionStatsModel model;
        model.setStatistics(statistics(m_file));
        model.setFilterText(QStringLiteral("read"));
        model.sort(FunctionStatsModel::FunctionColumn, Qt::DescendingOrder);
        const QString path = m_dir.filePath(QStringLiteral("functions.csv"));
        const auto written = Gui::writeFunctionStatsCsv(*model.statistics(), model.shownRows(), path);
        QVERIFY(written.ok());
        QCOMPARE(written.value(), 2);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(),
            QByteArray("function,calls,total_ns,self_ns,average_ns,min_ns,max_ns,unfinished\r\n"
                       "vfs_read,3,850,850,283,50,500,0\r\n"
                       "read,3,1100,250,366,100,600,0\r\n"));
    }

    void latencyBuckets_data()
    {
        QTest::addColumn<QList<qint64>>("durations");
        QTest::addColumn<QList<qint64>>("edges");
        QTest::addColumn<QList<qint64>>("counts");
        QTest::addRow("two decades") << QList<qint64> { 100, 150, 1000, 5000 }
                                     << QList<qint64> { 100, 178, 316, 562, 1000, 1778, 3162, 5623, 10000 }
                                     << QList<qint64> { 2, 0, 0, 0, 1, 0, 1, 0 };
        QTest::addRow("zero counts as 1 ns")
            << QList<qint64> { 0, 1, 9 } << QList<qint64> { 1, 2, 3, 6, 10 } << QList<qint64> { 2, 0, 0, 1 };
        QTest::addRow("edges exactly") << QList<qint64> { 10, 99, 100 }
                                       << QList<qint64> { 10, 18, 32, 56, 100, 178, 316, 562, 1000 }
                                       << QList<qint64> { 1, 0, 0, 1, 1, 0, 0, 0 };
        QTest::addRow("none") << QList<qint64> {} << QList<qint64> {} << QList<qint64> {};
    }

    void latencyBuckets()
    {
        QFETCH(QList<qint64>, durations);
        QFETCH(QList<qint64>, edges);
        QFETCH(QList<qint64>, counts);
        const auto h = Gui::LatencyHistogram::build(std::vector<std::int64_t>(durations.begin(), durations.end()));
        QCOMPARE(QList<qint64>(h.edges.begin(), h.edges.end()), edges);
        QCOMPARE(QList<qint64>(h.counts.begin(), h.counts.end()), counts);
        QCOMPARE(h.calls, qint64(durations.size()));
    }

    void panel()
    {
        Gui::CallSource source;
        Gui::FunctionsPanel panel(&source);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy shown(&panel, &Gui::FunctionsPanel::statisticsShown);
        QSignalSpy histograms(&panel, &Gui::FunctionsPanel::histogramShown);
        source.setRecording(CallTest::openRecording(m_file));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
        QCOMPARE(panel.message(), QString());
        // The first row is selected and its histogram drawn.
        QTRY_COMPARE_WITH_TIMEOUT(histograms.size(), 1, 10000);
        QCOMPARE(histograms.last().at(0).toString(), QStringLiteral("read"));
        QCOMPARE(panel.histogram().calls, 3);

        panel.selectFunction(QStringLiteral("write"));
        QTRY_COMPARE_WITH_TIMEOUT(histograms.size(), 2, 10000);
        QCOMPARE(panel.histogram().calls, 1); // the unfinished call has no duration
        QCOMPARE(panel.histogramPlot()->plottableCount(), 1);

        panel.setFilterText(QStringLiteral("vfs"));
        QCOMPARE(names(*panel.model()), lines({ "vfs_read" }));

        // A narrower scope: the same function stays selected.
        source.setScope(Gui::CallSource::ScopeKind::Task, 20);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, 10000);
        panel.setFilterText(QString());
        QCOMPARE(printRows(*panel.model()),
            lines({ "read 1 600 100 600 600 600 0", "vfs_read 1 500 500 500 500 500 0", "write 1 0 0 0 0 0 1" }));

        QSignalSpy exported(&panel, &Gui::FunctionsPanel::exportFinished);
        const QString csv = m_dir.filePath(QStringLiteral("panel.csv"));
        panel.exportCsv(csv);
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 10000);
        QVERIFY(exported.first().at(0).toBool());
    }

    void panelWithoutCalls()
    {
        const QString plain = m_dir.filePath(QStringLiteral("plain.ftlens"));
        QCOMPARE(CallTest::writePlainRecording(plain), QString());
        Gui::CallSource source;
        Gui::FunctionsPanel panel(&source);
        QSignalSpy available(&source, &Gui::CallSource::availabilityChanged);
        source.setRecording(CallTest::openRecording(plain));
        QTRY_COMPARE_WITH_TIMEOUT(available.size(), 1, 10000);
        QVERIFY(panel.message().startsWith(QStringLiteral("No function calls in this recording")));
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
};

QTEST_MAIN(TestFunctionStatsModel)
#include "tst_functionstatsmodel.moc"
