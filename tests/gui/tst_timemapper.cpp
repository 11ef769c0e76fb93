// SPDX-License-Identifier: GPL-3.0-or-later
// Gui::TimeMapper: time <-> pixel in integer ns far from zero, zooming around a pixel (the time
// under it stays there), panning and clamping to the recording.
#include "timemapper.h"

#include <QTest>

using Gui::TimeMapper;

class TestTimeMapper : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void timeToPixel_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<double>("width");
        QTest::addColumn<qint64>("ts");
        QTest::addColumn<double>("pixel");
        QTest::newRow("start") << qint64(0) << qint64(1000) << 100.0 << qint64(0) << 0.0;
        QTest::newRow("end") << qint64(0) << qint64(1000) << 100.0 << qint64(1000) << 100.0;
        QTest::newRow("middle") << qint64(0) << qint64(1000) << 100.0 << qint64(500) << 50.0;
        QTest::newRow("before") << qint64(0) << qint64(1000) << 100.0 << qint64(-100) << -10.0;
        QTest::newRow("far from zero, 1 ns per px") << qint64(1'662'891'597'656'000) << qint64(1'662'891'597'657'000)
                                                    << 1000.0 << qint64(1'662'891'597'656'321) << 321.0;
        QTest::newRow("10 s over 1000 px") << qint64(5'000'000'000) << qint64(15'000'000'000) << 1000.0
                                           << qint64(7'500'000'000) << 250.0;
    }

    void timeToPixel()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(double, width);
        QFETCH(qint64, ts);
        QFETCH(double, pixel);
        const TimeMapper m(from, to, width);
        QCOMPARE(m.timeToPixel(ts), pixel);
        QCOMPARE(m.pixelToTime(pixel), ts);
        QCOMPARE(m.nsPerPixel(), double(to - from) / width);
    }

    void zoom_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("factor");
        QTest::addColumn<qint64>("duration");
        QTest::newRow("in at the left edge") << 0.0 << 0.5 << qint64(500'000);
        QTest::newRow("in at the centre") << 500.0 << 0.5 << qint64(500'000);
        QTest::newRow("in off centre") << 123.0 << 0.1 << qint64(100'000);
        QTest::newRow("out at the right edge") << 1000.0 << 2.0 << qint64(2'000'000);
        QTest::newRow("to the minimum") << 700.0 << 1e-9 << TimeMapper::minDuration;
    }

    void zoom()
    {
        QFETCH(double, x);
        QFETCH(double, factor);
        QFETCH(qint64, duration);
        const TimeMapper m(1'000'000'000'000, 1'000'001'000'000, 1000.0);
        const TimeMapper z = m.zoomedAround(x, factor);
        QCOMPARE(z.duration(), duration);
        QCOMPARE(z.width(), m.width());
        // The time under the cursor stays under it (to within one ns of rounding per pixel).
        QVERIFY(std::abs(z.pixelToTime(x) - m.pixelToTime(x)) <= std::max<qint64>(1, qint64(z.nsPerPixel())));
    }

    void pan_data()
    {
        QTest::addColumn<double>("pixels");
        QTest::addColumn<qint64>("shift");
        QTest::newRow("right") << 100.0 << qint64(1000);
        QTest::newRow("left") << -250.0 << qint64(-2500);
        QTest::newRow("none") << 0.0 << qint64(0);
    }

    void pan()
    {
        QFETCH(double, pixels);
        QFETCH(qint64, shift);
        const TimeMapper m(10'000, 20'000, 1000.0);
        const TimeMapper p = m.panned(pixels);
        QCOMPARE(p.from(), 10'000 + shift);
        QCOMPARE(p.to(), 20'000 + shift);
    }

    void clamp_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<qint64>("expectedFrom");
        QTest::addColumn<qint64>("expectedTo");
        QTest::newRow("inside") << qint64(200) << qint64(300) << qint64(200) << qint64(300);
        QTest::newRow("before") << qint64(50) << qint64(150) << qint64(100) << qint64(200);
        QTest::newRow("after") << qint64(950) << qint64(1050) << qint64(900) << qint64(1000);
        QTest::newRow("wider") << qint64(0) << qint64(5000) << qint64(100) << qint64(1000);
    }

    void clamp()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(qint64, expectedFrom);
        QFETCH(qint64, expectedTo);
        const TimeMapper c = TimeMapper(from, to, 500).clampedTo(100, 1000);
        QCOMPARE(c.from(), expectedFrom);
        QCOMPARE(c.to(), expectedTo);
    }

    void emptyRange()
    {
        const TimeMapper m(100, 100, 0);
        QVERIFY(!m.isValid());
        QCOMPARE(m.duration(), qint64(1));
        QCOMPARE(m.timeToPixel(150), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestTimeMapper)
#include "tst_timemapper.moc"
