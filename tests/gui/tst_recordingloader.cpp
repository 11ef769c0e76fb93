// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a recording never changes it: a recording without its indexes (the bundled demo, an
// older file) gets them built into the index cache, with progress, and a cancel leaves no
// cache file; the file keeps its bytes, size and time. And the call table a killed helper did
// not build.
#include "recordingloader.h"

#include "recordingwriter.h"
#include "timelineindex.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

class TestRecordingLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cache.isValid());
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_cache.path())); // this test's own index cache
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("demo.ftlens"));
        QFile::remove(m_file);
        QVERIFY(QFile::copy(QStringLiteral(FTLENS_SOURCE_DIR "/resources/demo.ftlens"), m_file));
        QFile::setPermissions(m_file, QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY2(!Storage::hasTimelineIndex(m_file), "a copy of the demo recording has no index in the cache yet");
    }

    // What the bundled demo is: opening it in the app must not write into it.
    void openingLeavesTheFileAsItWas()
    {
        const QString demo = QStringLiteral(FTLENS_SOURCE_DIR "/resources/demo.ftlens");
        for (const QString& path : { m_file, demo }) {
            const QByteArray bytes = [&] {
                QFile f(path);
                return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
            }();
            const QDateTime modified = QFileInfo(path).lastModified();
            auto recording = Gui::loadRecording(path, [](double) { return true; });
            QVERIFY2(recording.ok(), recording.ok() ? "" : qPrintable(recording.error().message));
            QVERIFY(Storage::hasTimelineIndex(path));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), bytes);
            QCOMPARE(QFileInfo(path).size(), qint64(bytes.size()));
            QCOMPARE(QFileInfo(path).lastModified(), modified);
            QVERIFY(!QFileInfo::exists(path + QLatin1String("-wal")));
        }
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
        QVERIFY(!QFileInfo::exists(Storage::timelineIndexCachePath(m_file)));
        QCOMPARE(QDir(m_cache.path() + QLatin1String("/ftlens/index")).entryList(QDir::Files).filter(QStringLiteral(".tmp")), QStringList());
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
    QTemporaryDir m_cache;
    QString m_file;
};

QTEST_GUILESS_MAIN(TestRecordingLoader)
#include "tst_recordingloader.moc"
