// SPDX-License-Identifier: GPL-3.0-or-later
// The journal of tracefs settings a recording changes and puts back (SharedSettings), on plain
// files: each file's value as the kernel shows it and as it is written back (trace_clock's
// brackets, buffer_size_kb before first use, "no pid", event filters), a setting changed twice,
// a value already back, pid lists the kernel edits, and a value someone else changed.
#include "sharedsettings.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using Recorder::SharedSettings;

namespace {
void put(const QString& path, const QByteArray& text)
{
    QDir().mkpath(path.section(QLatin1Char('/'), 0, -2));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
}

QByteArray get(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}
} // namespace

class TestSharedSettings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_root = std::make_unique<QTemporaryDir>();
        m_state = std::make_unique<QTemporaryDir>();
    }

    void writtenBackAsTheKernelTakesIt_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("shown");   // what the kernel shows before the recording
        QTest::addColumn<QByteArray>("set");     // what the recording writes
        QTest::addColumn<QByteArray>("restored"); // what is written back
        QTest::addRow("trace_clock: the bracketed clock") << QStringLiteral("trace_clock")
                                                          << QByteArray("local [global] counter mono\n") << QByteArray("mono")
                                                          << QByteArray("global\n");
        QTest::addRow("buffer_size_kb before first use: the size it will have")
            << QStringLiteral("buffer_size_kb") << QByteArray("7 (expanded: 1408)\n") << QByteArray("16384") << QByteArray("1408\n");
        QTest::addRow("no pid list: truncated, no newline (which would be an empty list)")
            << QStringLiteral("set_ftrace_pid") << QByteArray("no pid\n") << QByteArray("42 ") << QByteArray();
        QTest::addRow("an empty pid list: truncated") << QStringLiteral("set_event_pid") << QByteArray() << QByteArray("42 ")
                                                      << QByteArray();
        QTest::addRow("pids: one per line, written back in one line") << QStringLiteral("set_event_pid") << QByteArray("7\n9\n")
                                                                      << QByteArray("42 ") << QByteArray("7 9\n");
        QTest::addRow("no event filter: cleared with 0") << QStringLiteral("events/sched/sched_switch/filter") << QByteArray("none\n")
                                                         << QByteArray("prev_pid == 1") << QByteArray("0\n");
        QTest::addRow("an event filter: whole, spaces and all") << QStringLiteral("events/sched/sched_switch/filter")
                                                                << QByteArray("next_pid > 100 && prev_pid < 5\n") << QByteArray("0")
                                                                << QByteArray("next_pid > 100 && prev_pid < 5\n");
        QTest::addRow("a soft-disabled event: 0* as 0") << QStringLiteral("events/sched/sched_switch/enable") << QByteArray("0*\n")
                                                        << QByteArray("1") << QByteArray("0\n");
        QTest::addRow("all functions: a newline") << QStringLiteral("set_ftrace_filter") << QByteArray("#### all functions enabled ####\n")
                                                  << QByteArray("vfs_read") << QByteArray("\n");
    }

    void writtenBackAsTheKernelTakesIt()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, shown);
        QFETCH(QByteArray, set);
        QFETCH(QByteArray, restored);
        const QString path = m_root->filePath(file);
        put(path, shown);
        SharedSettings settings(m_root->path(), m_state->path());
        QVERIFY(settings.set(file, set).ok());
        QCOMPARE(get(path), set);
        QCOMPARE(settings.restore(), QStringList());
        QCOMPARE(get(path), restored);
        QCOMPARE(QDir(m_state->path()).entryList(QDir::Files), QStringList());
    }

    // Changed twice (tracing off, on, off): one journal entry, the first old value comes back.
    void changedTwiceKeepsTheFirstValue()
    {
        const QString path = m_root->filePath(QStringLiteral("tracing_on"));
        put(path, "1\n");
        SharedSettings settings(m_root->path(), m_state->path());
        for (const char* value : { "0", "1", "0" })
            QVERIFY(settings.set(QStringLiteral("tracing_on"), value).ok());
        const QStringList journals = QDir(m_state->path()).entryList(QDir::Files);
        QCOMPARE(journals.size(), 1);
        const QJsonObject journal = QJsonDocument::fromJson(get(m_state->filePath(journals.first()))).object();
        QCOMPARE(journal.value(QStringLiteral("changes")).toArray().size(), 1);
        QCOMPARE(journal.value(QStringLiteral("pid")).toInteger(), qint64(::getpid()));
        QCOMPARE(settings.restore(), QStringList());
        QCOMPARE(get(path), QByteArray("1\n"));
    }

    // A value already back is not written again (writing trace_clock would reset the buffer).
    void valueAlreadyBackIsLeftAlone()
    {
        const QString path = m_root->filePath(QStringLiteral("trace_clock"));
        put(path, "[local] global mono\n");
        SharedSettings settings(m_root->path(), m_state->path());
        QVERIFY(settings.set(QStringLiteral("trace_clock"), "local").ok());
        put(path, "[local] global mono\n"); // as the kernel shows it after the write
        QCOMPARE(settings.restore(), QStringList());
        QCOMPARE(get(path), QByteArray("[local] global mono\n"));
    }

    // The kernel drops exited tasks from a pid list: an emptied list still filters everything
    // out, so it is written back although it no longer holds what the helper set.
    void pidListEditedByTheKernelIsWrittenBack()
    {
        const QString path = m_root->filePath(QStringLiteral("set_event_pid"));
        put(path, "");
        SharedSettings settings(m_root->path(), m_state->path());
        QVERIFY(settings.set(QStringLiteral("set_event_pid"), "42 43").ok());
        put(path, "43\n"); // 42 exited
        QCOMPARE(settings.restore(), QStringList());
        QCOMPARE(get(path), QByteArray());
    }

    void valueChangedBySomeoneElseIsKept()
    {
        const QString path = m_root->filePath(QStringLiteral("max_graph_depth"));
        put(path, "0\n");
        SharedSettings settings(m_root->path(), m_state->path());
        QVERIFY(settings.set(QStringLiteral("max_graph_depth"), "3").ok());
        put(path, "5\n");
        const QStringList notes = settings.restore();
        QCOMPARE(notes, QStringList({ QStringLiteral("max_graph_depth not restored to '0': it was changed by someone else meanwhile") }));
        QCOMPARE(get(path), QByteArray("5\n"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<QTemporaryDir> m_state;
};

QTEST_GUILESS_MAIN(TestSharedSettings)
#include "tst_sharedsettings.moc"
