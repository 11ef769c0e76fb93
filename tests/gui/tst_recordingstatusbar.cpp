// SPDX-License-Identifier: GPL-3.0-or-later
// RecordingStatusBar's lost-events warning for recordings whose cpu_stats hold kernel losses,
// ring-buffer pages the recorder dropped as corrupt, both or neither: the figure (their sum, as
// `ftlens-cli info` gives it), red, and a tooltip that says which losses there were.
#include "guitestsupport.h"
#include "recordingloader.h"
#include "recordingstatusbar.h"

#include <QLabel>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using Storage::CpuStats;

Q_DECLARE_METATYPE(std::vector<CpuStats>)

class TestRecordingStatusBar : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void lostEvents_data()
    {
        QTest::addColumn<std::vector<CpuStats>>("cpuStats");
        QTest::addColumn<QString>("text");        // empty: the warning is hidden
        QTest::addColumn<QStringList>("toolTip"); // what the tooltip says, in order
        // CpuStats: cpu, entries, overrun, commit overrun, dropped events, read events, bytes,
        // missed events, dropped pages.
        QTest::addRow("nothing lost") << std::vector<CpuStats> { { 0, 50, 0, 0, 0, 50, 4096, 0, 0 }, { 1, 50, 0, 0, 0, 50, 4096, 0, 0 } }
                                      << QString() << QStringList();
        QTest::addRow("kernel overflow") << std::vector<CpuStats> { { 0, 50, 5, 0, 0, 50, 4096, 0, 0 }, { 1, 50, 0, 0, 0, 50, 4096, 3, 0 } }
                                         << QStringLiteral("Lost events: 8")
                                         << QStringList { QStringLiteral("overflowed during the recording: 8 events were dropped") };
        QTest::addRow("corrupt pages") << std::vector<CpuStats> { { 0, 50, 0, 0, 0, 50, 4096, 0, 1 }, { 1, 50, 0, 0, 0, 50, 4096, 0, 2 } }
                                       << QStringLiteral("Lost events: 3")
                                       << QStringList { QStringLiteral("3 ring-buffer pages read from the kernel were corrupt and dropped") };
        QTest::addRow("both") << std::vector<CpuStats> { { 0, 50, 1000, 0, 0, 50, 4096, 0, 1 }, { 1, 50, 0, 0, 0, 50, 4096, 0, 1 } }
                              << QStringLiteral("Lost events: 1,002")
                              << QStringList { QStringLiteral("1,000 events were dropped"), QStringLiteral("2 ring-buffer pages") };
    }

    void lostEvents()
    {
        QFETCH(std::vector<CpuStats>, cpuStats);
        QFETCH(QString, text);
        QFETCH(QStringList, toolTip);
        const QString path = m_dir.filePath(QString::fromUtf8(QTest::currentDataTag()) + QLatin1String(".ftlens"));
        QCOMPARE(GuiTest::writeRecordingWithCpuStats(path, cpuStats), QString());
        // Opened as the app opens it.
        auto recording = Gui::loadRecording(path);
        QVERIFY2(recording, recording ? "" : qPrintable(recording.error().message));

        Gui::RecordingStatusBar bar;
        bar.setRecording(recording.value());
        bar.show();
        auto* label = bar.findChild<QLabel*>(QStringLiteral("lostEventsLabel"));
        QVERIFY(label);
        QCOMPARE(label->isVisible(), !text.isEmpty());
        if (text.isEmpty())
            return;
        QCOMPARE(label->text(), text);
        qsizetype at = 0;
        for (const QString& part : std::as_const(toolTip)) {
            at = label->toolTip().indexOf(part, at);
            QVERIFY2(at >= 0, qPrintable(label->toolTip()));
        }
        // Only the losses there were are explained.
        QCOMPARE(label->toolTip().contains(QLatin1String("overflowed")), toolTip.constFirst().contains(QLatin1String("events were dropped")));
        QCOMPARE(label->toolTip().contains(QLatin1String("corrupt")), toolTip.constLast().contains(QLatin1String("ring-buffer pages")));
        label->ensurePolished();
        const QColor colour = label->palette().color(QPalette::WindowText);
        QVERIFY2(colour.red() > 150 && colour.green() < 80 && colour.blue() < 80, qPrintable(colour.name()));

        bar.setRecording(nullptr);
        QVERIFY(!label->isVisible());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestRecordingStatusBar)
#include "tst_recordingstatusbar.moc"
