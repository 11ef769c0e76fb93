// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a recording for the first time builds its timeline index: with progress, and a
// cancel that leaves the file as it was; and the call table a killed helper did not build.
#include "recordingloader.h"

#include "recordingwriter.h"
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

    // function_graph events as the helper stores them, and no call table (the helper was killed).
    void buildsTheCallsAKilledHelperLeftOut()
    {
        const QString path = m_dir.filePath(QStringLiteral("killed.ftlens"));
        {
            auto writer = Storage::RecordingWriter::create(path);
            QVERIFY(writer);
            auto field = [](const char* name) { return Storage::FieldSpec { name, "unsigned long", Storage::Schema::FieldStorage::UInt, 8 }; };
            auto entry = writer.value()->addEventType({ "ftrace", "funcgraph_entry", "tracer", 11, {}, {}, { field("func"), field("depth") } });
            auto exit = writer.value()->addEventType(
                { "ftrace", "funcgraph_exit", "tracer", 10, {}, {}, { field("func"), field("depth"), field("calltime"), field("rettime") } });
            QVERIFY(entry && exit);
            const std::int64_t outer = 0x1000, inner = 0x2000;
            auto add = [&](int type, std::int64_t ts, std::int64_t func, int depth, bool isExit, std::int64_t call = 0) {
                writer.value()->beginEvent(type, ts, 0, 42, 0, 0);
                writer.value()->setInt(0, func);
                writer.value()->setInt(1, depth);
                if (isExit) {
                    writer.value()->setInt(2, call);
                    writer.value()->setInt(3, ts);
                }
                return writer.value()->endEvent();
            };
            QVERIFY(add(entry.value(), 100, outer, 0, false).ok());
            QVERIFY(add(entry.value(), 110, inner, 1, false).ok());
            QVERIFY(add(exit.value(), 130, inner, 1, true, 110).ok());
            QVERIFY(add(exit.value(), 200, outer, 0, true, 100).ok());
            QVERIFY(writer.value()->finish().ok());
        }
        auto recording = Gui::loadRecording(path, [](double) { return true; });
        QVERIFY2(recording.ok(), recording.ok() ? "" : qPrintable(recording.error().message));
        QCOMPARE(recording.value()->meta.value(QStringLiteral("calls")), QStringLiteral("2"));
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
};

QTEST_GUILESS_MAIN(TestRecordingLoader)
#include "tst_recordingloader.moc"
