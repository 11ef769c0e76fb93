// SPDX-License-Identifier: GPL-3.0-or-later
// File > Optimize: the indexes a recording lacks are written into it in a worker (the signal
// says whether anything changed), a second run leaves it alone, and Cancel leaves the file as
// it was. The main window's File menu has the action, enabled with a recording open.
#include "mainwindow.h"
#include "optimizecommand.h"
#include "recordingwriter.h"
#include "timelineindex.h"

#include <QAction>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
// sched_switch events on two CPUs, written without the timeline index (as an older file).
QString writeRecording(const QString& path, int events)
{
    auto writer = Storage::RecordingWriter::create(path, Storage::WriteMode::Bulk, Storage::ExistingFile::Replace, false);
    if (!writer)
        return writer.error().message;
    using S = Storage::Schema::FieldStorage;
    auto type = (*writer)->addEventType({ "sched", "sched_switch", "tracepoint", 1, {}, {},
        { { "prev_state", "long", S::Int, 8 }, { "next_pid", "pid_t", S::Int, 4 }, { "next_prio", "int", S::Int, 4 } } });
    if (!type)
        return type.error().message;
    for (int i = 0; i < events; ++i) {
        (*writer)->beginEvent(*type, 1'000'000 + std::int64_t(i) * 1000, i % 2, 0, 0, 0);
        (*writer)->setInt(0, 1);
        (*writer)->setInt(1, 100 + i % 7);
        (*writer)->setInt(2, 120);
        if (Storage::Status s = (*writer)->endEvent(); !s)
            return s.error().message;
    }
    Storage::Status s = (*writer)->finish();
    return s ? QString() : s.error().message;
}

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestOptimizeCommand : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid() && m_cache.isValid());
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_cache.path()));
    }

    void writesTheIndexesIntoTheFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("small.ftlens"));
        QCOMPARE(writeRecording(path, 5000), QString());
        QWidget window;
        Gui::OptimizeCommand command(&window);
        QSignalSpy optimized(&command, &Gui::OptimizeCommand::optimized);
        command.run(path);
        QVERIFY(optimized.wait(30000));
        QCOMPARE(optimized.takeFirst().at(1).toBool(), true);
        QVERIFY(Storage::fileHasTimelineIndex(path));
        const QByteArray indexed = contents(path);
        command.run(path);
        QVERIFY(optimized.wait(30000));
        QCOMPARE(optimized.takeFirst().at(1).toBool(), false);
        QCOMPARE(contents(path), indexed);
    }

    void cancelLeavesTheFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("big.ftlens"));
        QCOMPARE(writeRecording(path, 300000), QString());
        const QByteArray before = contents(path);
        QWidget window;
        Gui::OptimizeCommand command(&window);
        QSignalSpy failed(&command, &Gui::OptimizeCommand::optimizeFailed);
        command.run(path);
        QVERIFY(command.isRunning());
        command.cancel();
        QVERIFY(failed.wait(30000));
        QVERIFY2(failed.first().at(1).toString().contains(QLatin1String("cancelled")), qPrintable(failed.first().at(1).toString()));
        QCOMPARE(contents(path), before);
        QVERIFY(!Storage::fileHasTimelineIndex(path));
    }

    void fileMenuHasIt()
    {
        Gui::MainWindow window;
        auto* action = window.findChild<QAction*>(QStringLiteral("optimizeAction"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled());
    }

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_cache;
};

QTEST_MAIN(TestOptimizeCommand)
#include "tst_optimizecommand.moc"
