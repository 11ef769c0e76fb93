// SPDX-License-Identifier: GPL-3.0-or-later
// The one percentile definition (nearest rank) that every benchmark, `ftlens --bench` and the
// probe table's p99 use: ranks for counts and fractions, values picked, no values.
#include "percentile.h"

#include <QTest>

#include <cmath>
#include <limits>

class TestPercentile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void index_data()
    {
        QTest::addColumn<qulonglong>("count");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<qulonglong>("index"); // 0-based: rank ceil(fraction * count) - 1
        QTest::addRow("no values") << 0ull << 0.5 << 0ull;
        QTest::addRow("one value, p50") << 1ull << 0.5 << 0ull;
        QTest::addRow("one value, p95") << 1ull << 0.95 << 0ull;
        QTest::addRow("two values, p50: the lower") << 2ull << 0.5 << 0ull;
        QTest::addRow("two values, p51: the upper") << 2ull << 0.51 << 1ull;
        QTest::addRow("three values, p50: the middle") << 3ull << 0.5 << 1ull;
        QTest::addRow("four values, p50: the lower middle") << 4ull << 0.5 << 1ull;
        QTest::addRow("ten values, p95: rank 10") << 10ull << 0.95 << 9ull;
        QTest::addRow("twenty values, p95: rank 19") << 20ull << 0.95 << 18ull;
        QTest::addRow("200 frames, p50: rank 100") << 200ull << 0.5 << 99ull;
        QTest::addRow("200 frames, p95: rank 190") << 200ull << 0.95 << 189ull;
        QTest::addRow("100 values, p7 (7.000000000000001): rank 7") << 100ull << 0.07 << 6ull;
        QTest::addRow("100 values, p99: rank 99") << 100ull << 0.99 << 98ull;
        QTest::addRow("1000 values, p99.9: rank 999") << 1000ull << 0.999 << 998ull;
        QTest::addRow("five values, p0: the minimum") << 5ull << 0.0 << 0ull;
        QTest::addRow("five values, p100: the maximum") << 5ull << 1.0 << 4ull;
        QTest::addRow("five values, p21: rank 2") << 5ull << 0.21 << 1ull;
        QTest::addRow("above 1 clamps to the maximum") << 5ull << 1.5 << 4ull;
        QTest::addRow("below 0 clamps to the minimum") << 5ull << -0.5 << 0ull;
        QTest::addRow("NaN gives the minimum") << 5ull << std::numeric_limits<double>::quiet_NaN() << 0ull;
    }
    void index()
    {
        QFETCH(qulonglong, count);
        QFETCH(double, fraction);
        QFETCH(qulonglong, index);
        QCOMPARE(qulonglong(Engine::percentileIndex(std::size_t(count), fraction)), index);
    }

    void values_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<double>("expected");
        QTest::addRow("unsorted, p50") << QList<double> { 5, 1, 4, 2, 3 } << 0.5 << 3.0;
        QTest::addRow("even count, p50: no interpolation") << QList<double> { 10, 40, 20, 30 } << 0.5 << 20.0;
        QTest::addRow("p95 of 1..20") << QList<double> { 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }
                                      << 0.95 << 19.0;
        QTest::addRow("duplicates") << QList<double> { 2, 2, 2, 9 } << 0.75 << 2.0;
        QTest::addRow("maximum") << QList<double> { 0.5, 7.25, 3 } << 1.0 << 7.25;
    }
    void values()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, fraction);
        QFETCH(double, expected);
        QCOMPARE(Engine::percentile(std::vector<double>(values.cbegin(), values.cend()), fraction), expected);
    }

    void noValuesIsNoFigure()
    {
        QVERIFY(std::isnan(Engine::percentile({}, 0.5)));
        std::vector<std::int64_t> none;
        QVERIFY(!Engine::percentileOf(std::span<std::int64_t>(none), 0.99));
    }

    // In place over integers, as the probe table's p99 over one group's latencies.
    void integersInPlace()
    {
        std::vector<std::int64_t> latencies { 900, 100, 500, 300, 700, 200, 800, 400, 600, 1000 };
        QCOMPARE(Engine::percentileOf(std::span<std::int64_t>(latencies), 0.99).value(), std::int64_t(1000));
        QCOMPARE(Engine::percentileOf(std::span<std::int64_t>(latencies), 0.5).value(), std::int64_t(500));
        std::vector<std::int64_t> group { 9, 1, 5, 7 };
        QCOMPARE(Engine::percentileOf(std::span<std::int64_t>(group.data(), 3), 0.5).value(), std::int64_t(5)); // of 9, 1, 5
        QCOMPARE(group[3], std::int64_t(7)); // outside the span: untouched
    }
};

QTEST_GUILESS_MAIN(TestPercentile)
#include "tst_percentile.moc"
