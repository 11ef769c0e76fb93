// SPDX-License-Identifier: GPL-3.0-or-later
// Damaged and edited recordings (tests/damage) opened in the app, offscreen, in bounded time and
// memory: each gives an error dialog naming the file, or a window whose panels (timeline,
// events, statistics, probes, call views) finish their work with sane figures or with messages
// naming the file. Never a crash; another window's recording is untouched throughout.
#include "recordingdamage.h"

#include "cpulanesplottable.h"
#include "eventspanel.h"
#include "eventtablemodel.h"
#include "guitestsupport.h"
#include "mainwindow.h"
#include "panelset.h"
#include "recordinglimits.h"
#include "statisticspanel.h"
#include "timelineview.h"

#include <QApplication>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using DamageTest::Base;
using DamageTest::Damage;
using Gui::MainWindow;

namespace {
constexpr long long ownMemory = 4LL << 30;
constexpr int openTimeoutMs = 30'000;
constexpr int panelTimeoutMs = 20'000;

int baseCpus(Base base) { return base == Base::Scheduler || base == Base::Indexed ? 4 : 2; }

// Waits until spy has a signal (or had one already).
bool waitFor(QSignalSpy& spy, int timeoutMs) { return !spy.isEmpty() || spy.wait(timeoutMs); }
} // namespace

class TestDamagedRecordingsGui : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void open_data();
    void open();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_other;
    Gui::RecordingPtr m_otherRecording;
};

void TestDamagedRecordingsGui::initTestCase()
{
    QVERIFY(m_dir.isValid());
    GuiTest::isolateSettings(m_dir.path(), QStringLiteral("tst_damagedrecordingsgui"));
    QCOMPARE(DamageTest::makeBases(m_dir.path()), QString());
    DamageTest::limitAddressSpace(ownMemory);
    // A window with a good recording, which must notice nothing of the damaged ones.
    m_other = std::make_unique<MainWindow>();
    m_other->show();
    QSignalSpy opened(m_other.get(), &MainWindow::recordingOpened);
    const QString good = m_dir.filePath(QStringLiteral("good.ftlens"));
    QVERIFY(QFile::copy(DamageTest::basePath(m_dir.path(), Base::Indexed), good));
    m_other->openFile(good);
    QVERIFY(waitFor(opened, openTimeoutMs));
    m_otherRecording = m_other->recording();
    QVERIFY(m_otherRecording);
}

void TestDamagedRecordingsGui::open_data()
{
    QTest::addColumn<int>("index");
    const QList<Damage> damages = DamageTest::damages();
    for (int i = 0; i < damages.size(); ++i)
        QTest::addRow("%s: %s", qPrintable(DamageTest::baseName(damages[i].base)), qPrintable(damages[i].name)) << i;
}

void TestDamagedRecordingsGui::open()
{
    QFETCH(int, index);
    const Damage damage = DamageTest::damages().at(index);
    const QString path = m_dir.filePath(QStringLiteral("damaged-%1.ftlens").arg(index));
    QCOMPARE(DamageTest::makeDamaged(m_dir.path(), damage, path), QString());

    MainWindow window;
    window.show();
    auto* statistics = window.findChild<Gui::StatisticsPanel*>(QStringLiteral("statisticsPanel"));
    auto* events = window.findChild<Gui::EventsPanel*>(QStringLiteral("eventsPanel"));
    auto* timeline = window.findChild<Gui::TimelineView*>(QStringLiteral("timelineView"));
    QVERIFY(statistics && events && timeline);
    QSignalSpy opened(&window, &MainWindow::recordingOpened);
    QSignalSpy failed(&window, &MainWindow::openFailed);
    QSignalSpy statisticsDone(statistics, &Gui::StatisticsPanel::statisticsUpdated);
    QSignalSpy statisticsFailed(statistics, &Gui::StatisticsPanel::statisticsFailed);
    QSignalSpy eventsFailed(events->model(), &Gui::EventTableModel::queryFailed);
    QSignalSpy timelineReady(timeline, &Gui::TimelineView::dataReady);
    QSignalSpy timelineFailed(timeline, &Gui::TimelineView::failed);
    window.openFile(path);
    QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty() || !failed.isEmpty(), openTimeoutMs);

    if (!failed.isEmpty()) {
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("openErrorDialog"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        const QString shown = box->text() + QLatin1Char('\n') + box->informativeText();
        QVERIFY2(shown.contains(path), qPrintable(shown));
        if (!damage.expect.isEmpty() && damage.expect != QLatin1String("ok"))
            QVERIFY2(shown.contains(damage.expect), qPrintable(shown));
        QVERIFY2(damage.expect != QLatin1String("ok"), qPrintable(shown));
        box->accept();
        return;
    }
    const Gui::RecordingPtr recording = window.recording();
    QVERIFY(recording);
    QVERIFY2(recording->cpus <= baseCpus(damage.base), qPrintable(QString::number(recording->cpus)));
    QVERIFY(timeline->lanes()->lanes().size() <= baseCpus(damage.base) + 64);

    // Every panel finishes: with its data, or with a message that names the file.
    QTRY_VERIFY_WITH_TIMEOUT(!statisticsDone.isEmpty() || !statisticsFailed.isEmpty(), panelTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(events->model()->isReady(), panelTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!timelineReady.isEmpty() || !timelineFailed.isEmpty(), panelTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!window.panels()->callViewsBusy(), panelTimeoutMs);
    // The first rows of the events table are read too (their fields and task names).
    const int rows = std::min(events->model()->rowCount(), 200);
    for (int row = 0; row < rows; ++row)
        events->model()->index(row, 0).data();
    QTest::qWait(200);
    for (QSignalSpy* spy : { &statisticsFailed, &eventsFailed, &timelineFailed }) {
        for (const QList<QVariant>& message : std::as_const(*spy))
            QVERIFY2(message.constFirst().toString().contains(path), qPrintable(message.constFirst().toString()));
    }
    for (const Storage::CpuCount& cpu : statistics->model()->statistics().byCpu)
        QVERIFY(Storage::Limits::isCpu(cpu.cpu));
}

void TestDamagedRecordingsGui::cleanupTestCase()
{
    QCOMPARE(m_other->recording(), m_otherRecording);
    QVERIFY(m_other->isVisible());
    QVERIFY(!m_other->findChild<QMessageBox*>());
}

QTEST_MAIN(TestDamagedRecordingsGui)
#include "tst_damagedrecordingsgui.moc"
