// SPDX-License-Identifier: GPL-3.0-or-later
// Call lanes in Gui::TimelineView (offscreen) over a recording of function calls only (no
// events, as an imported function_graph text gives): the call index is built on open, the
// busiest tasks get lanes on their own, a lane holds summaries zoomed out and exactly the
// calls of the range zoomed in, its height follows the deepest depth shown, a hit test and a
// click find the call under the cursor (and report its id), a double-click zooms to it; the
// task-lanes dialog lists the tasks with calls first and starts with the busiest checked.
#include "calllanelayout.h"
#include "calllanesplottable.h"
#include "callindex.h"
#include "calltable.h"
#include "customplot.h"
#include "openedrecording.h"
#include "recordingreader.h"
#include "recordingwriter.h"
#include "tasklanesdialog.h"
#include "timelineview.h"

#include <QListWidget>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

#include <set>

using namespace Gui;

namespace {
constexpr int timeoutMs = 30000;
constexpr std::int64_t base = 2'000'000'000'000;
// Task 300: `runs` calls of run() every 120 us (100 us long), each with 3 step() (25 us) with
// 2 leaf() (8 us) each: ten calls per run, three depths.
constexpr int runs = 3000;
constexpr std::int64_t runPeriod = 120'000;
constexpr std::int64_t runDur = 100'000;
constexpr std::int64_t stepOffset(int j) { return 5'000 + j * 30'000; }
constexpr std::int64_t stepDur = 25'000;
constexpr std::int64_t leafOffset(int m) { return 2'000 + m * 10'000; }
constexpr std::int64_t leafDur = 8'000;

struct Layout {
    std::vector<Storage::CallRow> rows;
    std::int64_t runId(int k) const { return 1 + std::int64_t(k) * 10; }
    std::int64_t stepId(int k, int j) const { return runId(k) + 1 + j * 3; }
    std::int64_t leafId(int k, int j, int m) const { return stepId(k, j) + 1 + m; }
};

Storage::CallRow call(std::int64_t id, std::int64_t parent, std::int64_t ts, std::int64_t dur, int pid, int depth, std::int64_t function)
{
    Storage::CallRow row;
    row.id = id;
    row.parentId = parent;
    row.ts = ts;
    row.dur = dur;
    row.self = dur;
    row.pid = pid;
    row.cpu = pid % 2;
    row.depth = depth;
    row.function = function;
    row.flags = dur == Storage::noTime ? Storage::CallFlag::NoExit : 0;
    return row;
}

QString writeRecording(const QString& path, Layout& layout)
{
    {
        auto created = Storage::RecordingWriter::create(path);
        if (!created)
            return created.error().message;
        const std::pair<int, const char*> tasks[] = { { 300, "worker" }, { 301, "helper" }, { 302, "idler" }, { 303, "rare" } };
        for (const auto& [pid, comm] : tasks)
            (void)(*created)->setTask(pid, pid, comm);
        (void)(*created)->setMeta("cpus", "2");
        if (Storage::Status s = (*created)->finish(); !s)
            return s.error().message;
    }
    auto writer = Storage::CallTableWriter::open(path);
    if (!writer)
        return writer.error().message;
    std::int64_t f[5];
    const char* names[] = { "run", "step", "leaf", "helper_work", "idle_wait" };
    for (int i = 0; i < 5; ++i)
        f[i] = *writer->intern(names[i]);
    auto& rows = layout.rows;
    for (int k = 0; k < runs; ++k) {
        const std::int64_t ts = base + k * runPeriod;
        rows.push_back(call(layout.runId(k), 0, ts, runDur, 300, 0, f[0]));
        for (int j = 0; j < 3; ++j) {
            rows.push_back(call(layout.stepId(k, j), layout.runId(k), ts + stepOffset(j), stepDur, 300, 1, f[1]));
            for (int m = 0; m < 2; ++m)
                rows.push_back(call(layout.leafId(k, j, m), layout.stepId(k, j), ts + stepOffset(j) + leafOffset(m), leafDur, 300, 2, f[2]));
        }
    }
    std::int64_t id = std::int64_t(rows.size());
    for (int i = 0; i < 50; ++i)
        rows.push_back(call(++id, 0, base + 1000 + i * 2'000'000, 1'000'000, 301, 0, f[3]));
    for (int i = 0; i < 9; ++i)
        rows.push_back(call(++id, 0, base + 3000 + i * 10'000'000, 1'000'000, 302, 0, f[4]));
    rows.push_back(call(++id, 0, base + 355'000'000, Storage::noTime, 302, 0, f[4])); // recording cut
    rows.push_back(call(++id, 0, base + 7000, 1000, 303, 0, f[4]));
    Storage::Status s = writer->write(rows);
    return s ? QString() : s.error().message;
}

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
} // namespace

class TestCallLanes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("calls.ftlens"));
        QCOMPARE(writeRecording(m_path, m_layout), QString());
        m_recording = openRecording(m_path);
        QVERIFY(m_recording);
        QCOMPARE(m_recording->summary.events, std::int64_t(0));
    }

    void init()
    {
        m_view = std::make_unique<TimelineView>();
        m_view->resize(1000, 500);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanup() { m_view.reset(); }

    void opensWithBusiestCallTasks()
    {
        QSignalSpy defaulted(m_view.get(), &TimelineView::taskLanesDefaulted);
        openAndWait();
        QVERIFY(Storage::hasCallIndex(m_path));
        const QList<int> expected { 300, 301, 302 };
        QCOMPARE(m_view->taskLanes(), expected);
        QCOMPARE(defaulted.count(), 1);
        QCOMPARE(defaulted.at(0).at(0).value<QList<int>>(), expected);
        QCOMPARE(m_view->callLanes()->lanes().size(), 3);
        // The time axis spans the calls, although the recording has no events.
        const auto [from, to] = m_view->visibleRange();
        QCOMPARE(from, base);
        QCOMPARE(to, base + (runs - 1) * runPeriod + runDur + 1);
    }

    void explicitChoiceWins()
    {
        m_view->setRecording(m_recording);
        m_view->setTaskLanes({ 301 });
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasDataForVisibleRange() && m_view->callLanes()->data(), timeoutMs);
        QCOMPARE(m_view->taskLanes(), QList<int> { 301 });
        QCOMPARE(m_view->callLanes()->lanes().size(), 1);
    }

    // The lane of task 300 at several zooms: what the worker fetched, and the lane's height.
    void laneAtZoom_data()
    {
        QTest::addColumn<std::int64_t>("from");
        QTest::addColumn<std::int64_t>("span");
        QTest::addColumn<bool>("summary");
        QTest::addColumn<int>("rows");
        QTest::addRow("whole") << std::int64_t(0) << std::int64_t(0) << true << 3;
        QTest::addRow("30 ms") << std::int64_t(40'000'000) << std::int64_t(30'000'000) << false << 3;
        QTest::addRow("one run") << std::int64_t(100 * runPeriod - 5'000) << std::int64_t(runDur + 10'000) << false << 3;
        QTest::addRow("a gap between runs") << std::int64_t(100 * runPeriod + runDur + 2'000) << std::int64_t(10'000) << false << 1;
    }

    void laneAtZoom()
    {
        QFETCH(std::int64_t, from);
        QFETCH(std::int64_t, span);
        QFETCH(bool, summary);
        QFETCH(int, rows);
        openAndWait();
        if (span > 0)
            m_view->setVisibleRange(base + from, base + from + span);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasDataForVisibleRange(), timeoutMs);
        const CallLanesPtr data = m_view->callLanes()->data();
        QVERIFY(data);
        const Storage::CallLane* lane = m_view->callLanes()->laneData(0);
        QVERIFY(lane);
        QCOMPARE(lane->pid, 300);
        QCOMPARE(lane->isSummary(), summary);
        const auto [viewFrom, viewTo] = m_view->visibleRange();
        if (summary) {
            std::int64_t calls = 0;
            for (const Storage::CallBucket& bucket : lane->buckets)
                calls += bucket.calls;
            QCOMPARE(calls, std::int64_t(runs) * 10); // the whole recording was asked for
        } else {
            // Exactly the calls overlapping what was fetched (the view and a screen either side).
            std::set<std::int64_t> expected, actual;
            for (const Storage::CallRow& row : m_layout.rows) {
                if (row.pid == 300 && row.ts < data->to && row.ts + row.dur > data->from)
                    expected.insert(row.id);
            }
            for (const Storage::CallSlice& call : lane->calls)
                actual.insert(call.id);
            QCOMPARE(actual, expected);
            QVERIFY(viewFrom >= data->from && viewTo <= data->to);
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_view->callLanes()->lanes().at(0).rows, rows, timeoutMs);
        QCOMPARE(m_view->callLanes()->lanes().at(0).rows, CallLaneLayout::rowsFor(lane->maxDepth));
    }

    void hitTest_data()
    {
        QTest::addColumn<int>("run");
        QTest::addColumn<int>("depth");
        QTest::addColumn<std::int64_t>("offset"); // from the run's start
        QTest::addColumn<std::int64_t>("expected"); // call id; 0 for none
        QTest::addRow("run") << 200 << 0 << std::int64_t(50'000) << m_layout.runId(200);
        QTest::addRow("second step") << 200 << 1 << stepOffset(1) + 10'000 << m_layout.stepId(200, 1);
        QTest::addRow("first leaf of third step") << 200 << 2 << stepOffset(2) + leafOffset(0) + 1'000 << m_layout.leafId(200, 2, 0);
        QTest::addRow("between steps") << 200 << 1 << stepOffset(1) + stepDur + 2'000 << std::int64_t(0);
        QTest::addRow("below the deepest") << 200 << 3 << std::int64_t(50'000) << std::int64_t(0);
    }

    void hitTest()
    {
        QFETCH(int, run);
        QFETCH(int, depth);
        QFETCH(std::int64_t, offset);
        QFETCH(std::int64_t, expected);
        openAndWait();
        const std::int64_t start = base + run * runPeriod;
        m_view->setVisibleRange(start - 10'000, start + runDur + 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasDataForVisibleRange() && !m_view->callLanes()->laneData(0)->isSummary(), timeoutMs);
        const CallLanesPlottable::Hit hit = m_view->callLanes()->hitTest(0, depth, start + offset, 0);
        QCOMPARE(hit.call ? hit.call->id : 0, expected);
        if (hit.call) {
            QCOMPARE(int(hit.call->depth), depth);
            QCOMPARE(m_view->callLanes()->functionName(hit.call->function),
                QString::fromLatin1(depth == 0 ? "run" : depth == 1 ? "step" : "leaf"));
        }
    }

    void clickSelectsAndDoubleClickZooms()
    {
        openAndWait();
        const int run = 500;
        const std::int64_t start = base + run * runPeriod;
        m_view->setVisibleRange(start - 10'000, start + runDur + 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasDataForVisibleRange() && !m_view->callLanes()->laneData(0)->isSummary(), timeoutMs);
        m_view->plot()->replot(QCustomPlot::rpImmediateRefresh);
        const QPoint pos = pixelOf(start + stepOffset(1) + stepDur / 2, 1);
        QCOMPARE(m_view->callLanes()->laneAt(pos.y()), 0);
        QCOMPARE(m_view->callLanes()->depthAt(0, pos.y()), 1);
        QSignalSpy selected(m_view.get(), &TimelineView::callSelected);
        QTest::mouseClick(m_view->plot(), Qt::LeftButton, Qt::NoModifier, pos);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toLongLong(), m_layout.stepId(run, 1));
        QCOMPARE(m_view->callLanes()->selectedCall(), m_layout.stepId(run, 1));
        QTest::mouseDClick(m_view->plot(), Qt::LeftButton, Qt::NoModifier, pos);
        const auto [from, to] = m_view->visibleRange();
        QVERIFY(from < start + stepOffset(1) && from > start + stepOffset(1) - stepDur / 4);
        QVERIFY(to > start + stepOffset(1) + stepDur && to < start + stepOffset(1) + stepDur + stepDur / 4);
    }

    void hoverNamesTheCall()
    {
        openAndWait();
        const std::int64_t start = base + 700 * runPeriod;
        m_view->setVisibleRange(start - 10'000, start + runDur + 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasDataForVisibleRange() && !m_view->callLanes()->laneData(0)->isSummary(), timeoutMs);
        m_view->plot()->replot(QCustomPlot::rpImmediateRefresh);
        const QPointF pos = pixelOf(start + stepOffset(0) + leafOffset(1) + leafDur / 2, 2);
        QMouseEvent move(QEvent::MouseMove, pos, m_view->plot()->mapToGlobal(pos), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_view->plot(), &move);
        QTRY_VERIFY_WITH_TIMEOUT(QToolTip::isVisible(), 5000);
        const QString text = QToolTip::text();
        QVERIFY2(text.startsWith(QLatin1String("leaf\n")) && text.contains(QLatin1String("depth 2"))
                && text.contains(QLatin1String("8.0")),
            qPrintable(text));
    }

    void drawsCallsAndSummaries()
    {
        openAndWait();
        const QRect laneRect = laneRectOf(0);
        const QImage whole = m_view->plot()->toPixmap().toImage().copy(laneRect);
        m_view->setVisibleRange(base + 100 * runPeriod, base + 102 * runPeriod);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasDataForVisibleRange(), timeoutMs);
        const QImage zoomed = m_view->plot()->toPixmap().toImage().copy(laneRectOf(0));
        for (const QImage* image : { &whole, &zoomed }) {
            std::set<QRgb> colours;
            for (int y = 0; y < image->height(); ++y) {
                for (int x = 0; x < image->width(); x += 2)
                    colours.insert(image->pixel(x, y));
            }
            QVERIFY2(colours.size() > 4, "the call lane looks blank");
        }
        QVERIFY(whole != zoomed);
    }

    void taskListLeadsWithCallTasks()
    {
        auto tasks = loadTasksWithCalls(m_path);
        QVERIFY(tasks.ok());
        QStringList listed;
        for (const TaskEntry& task : tasks.value())
            listed << QStringLiteral("%1 %2 %3").arg(task.pid).arg(task.comm).arg(task.calls);
        const QStringList expected { QStringLiteral("300 worker 30000"), QStringLiteral("301 helper 50"),
            QStringLiteral("302 idler 10"), QStringLiteral("303 rare 1") };
        QCOMPARE(listed, expected);
    }

    void dialogStartsWithTheDefaultLanes()
    {
        TaskLanesDialog dialog(m_recording, {});
        auto* list = dialog.findChild<QListWidget*>();
        QVERIFY(list);
        QTRY_COMPARE_WITH_TIMEOUT(list->count(), 4, timeoutMs);
        QCOMPARE(dialog.selectedPids(), (QList<int> { 300, 301, 302 }));
        QVERIFY2(list->item(0)->text().startsWith(QLatin1String("worker-300")) && list->item(0)->text().contains(QLatin1String("30000 call")),
            qPrintable(list->item(0)->text()));
    }

private:
    void openAndWait()
    {
        m_view->setRecording(m_recording);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasDataForVisibleRange() && m_view->callLanes()->data(), timeoutMs);
    }

    QPoint pixelOf(std::int64_t ts, int depth) const
    {
        QCustomPlot* plot = m_view->plot();
        const CallLanesPlottable::Lane lane = m_view->callLanes()->lanes().at(0);
        const auto [from, to] = m_view->visibleRange();
        const QRect axis = plot->axisRect()->rect();
        const double x = axis.left() + double(ts - from) / double(to - from) * axis.width();
        const double y = plot->yAxis->coordToPixel(lane.top + (depth + 0.5) * lane.rowHeight);
        return QPoint(int(x), int(y));
    }

    QRect laneRectOf(int index) const
    {
        QCustomPlot* plot = m_view->plot();
        const CallLanesPlottable::Lane lane = m_view->callLanes()->lanes().at(index);
        const QRect axis = plot->axisRect()->rect();
        const int top = int(plot->yAxis->coordToPixel(lane.top));
        const int bottom = int(plot->yAxis->coordToPixel(lane.bottom));
        return QRect(axis.left(), top, axis.width(), bottom - top);
    }

    QTemporaryDir m_dir;
    QString m_path;
    Layout m_layout;
    RecordingPtr m_recording;
    std::unique_ptr<TimelineView> m_view;
};

QTEST_MAIN(TestCallLanes)
#include "tst_calllanes.moc"
