// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a recording for the first time builds its timeline index: with progress, and a
// cancel that leaves the file as it was.
#include "recordingloader.h"

#include "timelineindex.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestRecordingLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("demo.ftlens"));
        QFile::remove(m_file);
        QVERIFY(QFile::copy(QStringLiteral(FTLENS_SOURCE_DIR "/resources/demo.ftlens"), m_file));
        QFile::setPermissions(m_file, QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY2(!Storage::hasTimelineIndex(m_file), "the committed demo recording carries no index");
    }

    void firstOpenReportsIndexProgress()
    {
        std::vector<double> fractions;
        auto recording = Gui::loadRecording(m_file, [&](double fraction) {
            fractions.push_back(fraction);
            return true;
        });
        QVERIFY2(recording.ok(), recording.ok() ? "" : qPrintable(recording.error().message));
        QVERIFY(Storage::hasTimelineIndex(m_file));
        QVERIFY(!fractions.empty());
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QVERIFY(fractions.back() <= 1.0);
    }

    void cancelLeavesTheFileAsItWas()
    {
        const QByteArray before = [&] {
            QFile f(m_file);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        auto recording = Gui::loadRecording(m_file, [](double) { return false; });
        QVERIFY(!recording.ok());
        QVERIFY2(recording.error().message.contains(QLatin1String("cancelled")), qPrintable(recording.error().message));
        QVERIFY(!Storage::hasTimelineIndex(m_file));
        QFile f(m_file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
};

QTEST_GUILESS_MAIN(TestRecordingLoader)
#include "tst_recordingloader.moc"
