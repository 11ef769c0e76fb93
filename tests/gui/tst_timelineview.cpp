// SPDX-License-Identifier: GPL-3.0-or-later
// Gui::TimelineView on a copy of the demo recording (offscreen): the index is built on first
// open, lanes arrive (one per CPU, plus task lanes on request), W/S/A/D and the wheel change the
// visible range as they should, a right-drag writes the TimeSelection and counts its events,
// markers show their delta, and what is drawn is neither blank nor the same at every zoom.
#include "cpulanesplottable.h"
#include "customplot.h"
#include "openedrecording.h"
#include "recordingreader.h"
#include "timelineindex.h"
#include "timelineview.h"
#include "timeselection.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <set>

using namespace Gui;

namespace {
constexpr int timeoutMs = 30000;

RecordingPtr openRecording(const QString& path)
{
    auto reader = Storage::RecordingReader::open(path);
    if (!reader)
        return {};
    auto summary = (*reader)->summary();
    if (!summary)
        return {};
    auto recording = std::make_shared<OpenedRecording>();
    recording->path = path;
    recording->meta = (*reader)->meta();
    recording->eventTypes = (*reader)->eventTypes();
    recording->summary = *summary;
    recording->cpus = summary->cpus;
    return recording;
}

// Distinct colours in an image, sampled on a grid.
int colourCount(const QImage& image)
{
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}
} // namespace

class TestTimelineView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("demo.ftlens"));
        QVERIFY(QFile::copy(QStringLiteral(FTLENS_SOURCE_DIR "/resources/demo.ftlens"), m_path));
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
        m_recording = openRecording(m_path);
        QVERIFY(m_recording);
        QVERIFY(m_recording->cpus > 0);
    }

    void init()
    {
        m_view = std::make_unique<TimelineView>();
        m_selection = std::make_unique<TimeSelection>();
        m_view->resize(1000, 300);
        m_view->setSelection(m_selection.get());
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanup()
    {
        m_view.reset();
        m_selection.reset();
    }

    void buildsIndexAndShowsLanes()
    {
        QSignalSpy ready(m_view.get(), &TimelineView::dataReady);
        m_view->setRecording(m_recording);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() > 0, timeoutMs);
        QVERIFY(Storage::hasTimelineIndex(m_path));
        QCOMPARE(m_view->lanes()->lanes().size(), m_recording->cpus);
        const TimelineDataPtr data = m_view->lanes()->data();
        QVERIFY(data);
        QCOMPARE(data->cpuLanes.size(), std::size_t(m_recording->cpus));
        const auto [from, to] = m_view->visibleRange();
        QCOMPARE(from, m_recording->summary.firstTs);
        QCOMPARE(to, m_recording->summary.lastTs + 1);
    }

    void keys_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<double>("durationRatio");
        QTest::addColumn<int>("direction"); // sign of the change of the range's start
        QTest::newRow("W zooms in") << int(Qt::Key_W) << 0.7 << 0;
        QTest::newRow("S zooms out") << int(Qt::Key_S) << 1 / 0.7 << 0;
        QTest::newRow("A pans left") << int(Qt::Key_A) << 1.0 << -1;
        QTest::newRow("D pans right") << int(Qt::Key_D) << 1.0 << 1;
    }

    void keys()
    {
        QFETCH(int, key);
        QFETCH(double, durationRatio);
        QFETCH(int, direction);
        openAndWait();
        // Start from the middle tenth, so every key has room to act.
        const qint64 first = m_recording->summary.firstTs;
        const qint64 span = m_recording->summary.lastTs - first;
        m_view->setVisibleRange(first + span / 2, first + span / 2 + span / 10);
        const auto [from, to] = m_view->visibleRange();
        QTest::keyClick(m_view->plot(), Qt::Key(key));
        const auto [newFrom, newTo] = m_view->visibleRange();
        QVERIFY(std::abs(double(newTo - newFrom) / double(to - from) - durationRatio) < 1e-3);
        if (direction != 0)
            QCOMPARE(newFrom > from ? 1 : -1, direction);
        QSignalSpy ready(m_view.get(), &TimelineView::dataReady);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasDataForVisibleRange(), timeoutMs);
    }

    void wheelZoomsAroundCursor()
    {
        openAndWait();
        QCustomPlot* plot = m_view->plot();
        const QRect axis = plot->axisRect()->rect();
        const QPointF pos(axis.left() + axis.width() * 0.25, axis.center().y());
        const auto [from, to] = m_view->visibleRange();
        const double share = (pos.x() - axis.left()) / axis.width();
        const qint64 under = from + qint64(double(to - from) * share);
        QWheelEvent wheel(pos, plot->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
            Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(plot, &wheel);
        const auto [newFrom, newTo] = m_view->visibleRange();
        QVERIFY(double(newTo - newFrom) < 0.85 * double(to - from));
        const qint64 newUnder = newFrom + qint64(double(newTo - newFrom) * share);
        QVERIFY2(std::abs(newUnder - under) <= (newTo - newFrom) / 500, qPrintable(QString::number(newUnder - under)));
    }

    void rangeSelection()
    {
        openAndWait();
        QCustomPlot* plot = m_view->plot();
        const QRect axis = plot->axisRect()->rect();
        const auto [from, to] = m_view->visibleRange();
        const QPoint start(axis.left() + axis.width() / 4, axis.center().y());
        const QPoint end(axis.left() + axis.width() / 2, axis.center().y());
        QTest::mousePress(plot, Qt::RightButton, Qt::NoModifier, start);
        QTest::mouseMove(plot, start + QPoint(20, 0));
        QTest::mouseMove(plot, end);
        QTest::mouseRelease(plot, Qt::RightButton, Qt::NoModifier, end);
        QVERIFY(m_selection->hasRange());
        const double nsPerPixel = double(to - from) / axis.width();
        QVERIFY(std::abs(double(m_selection->rangeStart() - from) - nsPerPixel * axis.width() / 4) <= 2 * nsPerPixel);
        QVERIFY(std::abs(double(m_selection->rangeEnd() - from) - nsPerPixel * axis.width() / 2) <= 2 * nsPerPixel);
        // The visible range did not move: a right-drag selects, it does not pan.
        QCOMPARE(m_view->visibleRange(), qMakePair(from, to));
        // The event count of the selection arrives from the worker.
        auto* info = m_view->findChild<QLabel*>();
        QVERIFY(info);
        QTRY_VERIFY_WITH_TIMEOUT(info->text().contains(QLatin1String("events")), timeoutMs);
    }

    void dragPans()
    {
        openAndWait();
        const qint64 first = m_recording->summary.firstTs;
        const qint64 span = m_recording->summary.lastTs - first;
        m_view->setVisibleRange(first + span / 2, first + span / 2 + span / 10);
        QCustomPlot* plot = m_view->plot();
        const QRect axis = plot->axisRect()->rect();
        const auto [from, to] = m_view->visibleRange();
        const QPoint start(axis.center());
        QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, start);
        QTest::mouseMove(plot, start + QPoint(-50, 0));
        QTest::mouseMove(plot, start + QPoint(-100, 0));
        QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, start + QPoint(-100, 0));
        const auto [newFrom, newTo] = m_view->visibleRange();
        QCOMPARE(newTo - newFrom, to - from);
        const double expected = 100.0 * double(to - from) / axis.width();
        QVERIFY(std::abs(double(newFrom - from) - expected) <= 2 * double(to - from) / axis.width());
        QVERIFY(!m_selection->hasRange());
    }

    void markers()
    {
        openAndWait();
        m_view->setMarker(0, m_recording->summary.firstTs + 1000);
        m_view->setMarker(1, m_recording->summary.firstTs + 2'501'000);
        auto* info = m_view->findChild<QLabel*>();
        QVERIFY(info->text().contains(QLatin1String("2.500 ms")));
        QTest::keyClick(m_view->plot(), Qt::Key_BracketLeft);
        QVERIFY(m_view->marker(0).has_value());
        QVERIFY(*m_view->marker(0) != m_recording->summary.firstTs + 1000);
    }

    void centresOnCurrentEvent()
    {
        openAndWait();
        const qint64 first = m_recording->summary.firstTs;
        const qint64 span = m_recording->summary.lastTs - first;
        m_view->setVisibleRange(first, first + span / 20);
        const qint64 ts = first + span / 2;
        m_selection->setCurrentEvent(12345, ts);
        const auto [from, to] = m_view->visibleRange();
        QVERIFY(std::abs((from + to) / 2 - ts) <= 1);
        QCOMPARE(to - from, span / 20);
    }

    void taskLanes()
    {
        openAndWait();
        const TimelineDataPtr data = m_view->lanes()->data();
        int pid = 0;
        for (const auto& lane : data->cpuLanes) {
            for (const auto& bucket : lane.buckets)
                pid = pid ? pid : bucket.topPid;
            for (const auto& slice : lane.slices)
                pid = pid ? pid : slice.pid;
        }
        QVERIFY(pid > 0);
        m_view->setTaskLanes({ pid });
        QCOMPARE(m_view->lanes()->lanes().size(), m_recording->cpus + 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasDataForVisibleRange() && m_view->lanes()->data()->taskLanes.size() == 1, timeoutMs);
        const auto& lane = m_view->lanes()->data()->taskLanes[0];
        QVERIFY(!lane.buckets.empty() || !lane.slices.empty());
    }

    void rendersSomethingAtEveryZoom()
    {
        openAndWait();
        const QImage whole = m_view->plot()->toPixmap(1000, 300).toImage();
        QVERIFY2(colourCount(whole) > 8, "the whole-recording view looks blank");
        // Down to raw slices and single events.
        const qint64 first = m_recording->summary.firstTs;
        const qint64 span = m_recording->summary.lastTs - first;
        m_view->setVisibleRange(first + span / 2, first + span / 2 + span / 2000);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasDataForVisibleRange(), timeoutMs);
        QVERIFY(m_view->lanes()->data()->raw);
        const QImage zoomed = m_view->plot()->toPixmap(1000, 300).toImage();
        QVERIFY2(colourCount(zoomed) > 8, "the zoomed view looks blank");
        QVERIFY(zoomed != whole);
    }

    void highlightFilterDims()
    {
        openAndWait();
        const qint64 first = m_recording->summary.firstTs;
        const qint64 span = m_recording->summary.lastTs - first;
        m_view->setVisibleRange(first + span / 2, first + span / 2 + span / 500);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasDataForVisibleRange(), timeoutMs);
        const QImage plain = m_view->plot()->toPixmap(1000, 300).toImage();
        Storage::EventFilter filter;
        filter.eventTypes << QStringLiteral("sched:sched_wakeup");
        m_view->setHighlightFilter(filter);
        const QImage dimmed = m_view->plot()->toPixmap(1000, 300).toImage();
        QVERIFY(plain != dimmed);
    }

private:
    void openAndWait()
    {
        QSignalSpy ready(m_view.get(), &TimelineView::dataReady);
        m_view->setRecording(m_recording);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() > 0, timeoutMs);
    }

    QTemporaryDir m_dir;
    QString m_path;
    RecordingPtr m_recording;
    std::unique_ptr<TimelineView> m_view;
    std::unique_ptr<TimeSelection> m_selection;
};

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
