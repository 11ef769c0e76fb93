// SPDX-License-Identifier: GPL-3.0-or-later
// The radix sort of row numbers behind the probe table's column sorting, against
// std::stable_sort: narrow and wide keys, both directions, rows in and out of order, ties.
#include "rowsort.h"

#include <QTest>

#include <algorithm>
#include <map>
#include <numeric>
#include <random>

namespace {
// What sortRowsByKey promises, the slow way: by key, ties by ascending row number.
std::vector<std::uint32_t> reference(const std::vector<std::uint32_t>& rows, const std::vector<std::uint64_t>& keys, bool descending)
{
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (keys[a] != keys[b])
            return descending ? keys[a] > keys[b] : keys[a] < keys[b];
        return rows[a] < rows[b];
    });
    std::vector<std::uint32_t> out;
    for (std::size_t i : order)
        out.push_back(rows[i]);
    return out;
}
} // namespace

class TestRowSort : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesStableSort_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<quint64>("keyBase");
        QTest::addColumn<quint64>("keyRange"); // keys in [base, base + range)
        QTest::addColumn<bool>("descending");
        QTest::addColumn<bool>("shuffledRows");
        QTest::addRow("empty") << 0 << quint64(0) << quint64(10) << false << false;
        QTest::addRow("one") << 1 << quint64(5) << quint64(1) << true << false;
        QTest::addRow("all keys equal") << 1000 << quint64(7) << quint64(1) << false << true;
        QTest::addRow("few keys, many ties") << 20000 << quint64(0) << quint64(5) << false << false;
        QTest::addRow("few keys, descending, rows shuffled") << 20000 << quint64(0) << quint64(5) << true << true;
        QTest::addRow("32-bit keys (packed)") << 50000 << quint64(1) << (quint64(1) << 32) << false << false;
        QTest::addRow("keys far from zero, narrow range") << 50000 << (quint64(1) << 62) << quint64(1000) << false << true;
        QTest::addRow("wide keys (timestamps)") << 50000 << quint64(1'000'000'000) << (quint64(1) << 40) << false << false;
        QTest::addRow("wide keys descending, rows shuffled") << 50000 << quint64(0) << quint64(0) << true << true; // full 64 bits
    }
    void matchesStableSort()
    {
        QFETCH(int, count);
        QFETCH(quint64, keyBase);
        QFETCH(quint64, keyRange);
        QFETCH(bool, descending);
        QFETCH(bool, shuffledRows);
        std::mt19937_64 random(quint64(count) * 31 + keyRange);
        std::vector<std::uint32_t> rows(static_cast<std::size_t>(count));
        std::iota(rows.begin(), rows.end(), 3u); // not starting at 0
        if (shuffledRows)
            std::shuffle(rows.begin(), rows.end(), random);
        std::vector<std::uint64_t> keys(rows.size());
        for (std::uint64_t& key : keys)
            key = keyBase + (keyRange ? random() % keyRange : random());
        const std::vector<std::uint32_t> expected = reference(rows, keys, descending);
        std::map<std::uint32_t, std::uint64_t> keyOf;
        for (std::size_t i = 0; i < rows.size(); ++i)
            keyOf[rows[i]] = keys[i];
        std::vector<std::uint64_t> runStarts;
        Engine::sortRowsByKey(rows, keys, descending, &runStarts);
        QVERIFY(rows == expected);
        // A run starts wherever the key differs from the previous row's.
        QCOMPARE(runStarts.size(), (rows.size() + 63) / 64);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const bool starts = i == 0 || keyOf[rows[i]] != keyOf[rows[i - 1]];
            if (bool((runStarts[i / 64] >> (i % 64)) & 1) != starts)
                QFAIL(qPrintable(QStringLiteral("run start wrong at %1").arg(i)));
        }
    }

    void alreadyOrdered_data()
    {
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QList<int>>("keys");
        QTest::addColumn<QList<int>>("rows");
        // Keys in time order: ascending is nothing to do, descending a reversal that keeps
        // equal keys in row order.
        QTest::addRow("ascending") << false << QList<int> { 1, 2, 2, 5 } << QList<int> { 0, 1, 2, 3 };
        QTest::addRow("descending") << true << QList<int> { 1, 2, 2, 5 } << QList<int> { 3, 1, 2, 0 };
        QTest::addRow("descending, keys falling") << true << QList<int> { 9, 7, 7, 1 } << QList<int> { 0, 1, 2, 3 };
        QTest::addRow("ascending, keys falling") << false << QList<int> { 9, 7, 7, 1 } << QList<int> { 3, 1, 2, 0 };
    }
    void alreadyOrdered()
    {
        QFETCH(bool, descending);
        QFETCH(QList<int>, keys);
        QFETCH(QList<int>, rows);
        std::vector<std::uint32_t> sorted = { 0, 1, 2, 3 };
        std::vector<std::uint64_t> keyValues(keys.begin(), keys.end());
        Engine::sortRowsByKey(sorted, keyValues, descending);
        QCOMPARE(QList<int>(sorted.begin(), sorted.end()), rows);
    }

    void sortRows()
    {
        std::vector<std::uint32_t> rows(100000);
        std::iota(rows.begin(), rows.end(), 0u);
        std::vector<std::uint32_t> expected = rows;
        std::shuffle(rows.begin(), rows.end(), std::mt19937(7));
        Engine::sortRows(rows);
        QVERIFY(rows == expected);
    }
};

QTEST_GUILESS_MAIN(TestRowSort)
#include "tst_rowsort.moc"
