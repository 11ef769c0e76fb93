// SPDX-License-Identifier: GPL-3.0-or-later
// The argument table panel: probes found and paired, filters and grouping through the worker,
// the model checked by QAbstractItemModelTester, CSV of exactly what is shown, a selected call
// selecting its entry event, and header clicks sorting (the CSV and the selection follow);
// imported texts: an entry and a return probe of one name under the text's name, a string return
// value, the old fs:do_sys_open tracepoint with its flags and mode decoded.
#include "probetablepanel.h"

#include "ftracetextimporter.h"
#include "recordingreader.h"
#include "recordingwriter.h"
#include "timeselection.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QHeaderView>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using Engine::ProbeCallTable;
using Storage::Schema::FieldStorage;

namespace {
// Five open() calls as kprobe + kretprobe on do_sys_open; ids: entry 2k+1, return 2k+2.
QString writeRecording(const QString& dir)
{
    const QString path = dir + QLatin1String("/probes.ftlens");
    auto writer = Storage::RecordingWriter::create(path);
    Storage::EventTypeSpec entry { "kprobes", "myopen", "kprobe", 1, "p:g/myopen do_sys_open", "",
        { { "__probe_ip", "unsigned long", FieldStorage::UInt, 8 }, { "filename", "__data_loc char[]", FieldStorage::Text, 4 },
            { "flags", "u32", FieldStorage::UInt, 4 } } };
    Storage::EventTypeSpec ret { "kprobes", "myopen_ret", "kretprobe", 2, "r:g/myopen_ret do_sys_open", "",
        { { "__probe_func", "unsigned long", FieldStorage::UInt, 8 }, { "__probe_ret_ip", "unsigned long", FieldStorage::UInt, 8 },
            { "ret", "s64", FieldStorage::Int, 8 } } };
    const int e = writer.value()->addEventType(entry).value();
    const int r = writer.value()->addEventType(ret).value();
    const struct {
        int pid;
        const char* path;
        qint64 ret;
    } calls[] = { { 10, "/etc/passwd", 3 }, { 20, "/nope", -2 }, { 10, "/etc/hosts", 4 }, { 20, "/etc/passwd", 5 }, { 10, "/x", -13 } };
    qint64 ts = 1000;
    for (const auto& call : calls) {
        writer.value()->beginEvent(e, ts, 0, call.pid, 0, 0);
        writer.value()->setText(1, call.path);
        writer.value()->setInt(2, 0x88000);
        (void)writer.value()->endEvent();
        writer.value()->beginEvent(r, ts + 100, 0, call.pid, 0, 0);
        writer.value()->setInt(2, call.ret);
        (void)writer.value()->endEvent();
        ts += 1000;
    }
    (void)writer.value()->setTask(10, 10, "bash");
    (void)writer.value()->setTask(20, 20, "cat");
    return writer.value()->finish() ? path : QString();
}

Gui::RecordingPtr open(const QString& path)
{
    auto reader = Storage::RecordingReader::open(path);
    auto recording = std::make_shared<Gui::OpenedRecording>();
    recording->path = path;
    recording->summary = reader.value()->summary().value();
    return recording;
}

QStringList column(const QAbstractItemModel& model, int column)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, column).data().toString();
    return out;
}

int sectionNamed(const QAbstractItemModel& model, const QString& name)
{
    for (int section = 0; section < model.columnCount(); ++section) {
        if (model.headerData(section, Qt::Horizontal).toString() == name)
            return section;
    }
    return -1;
}

// A real mouse click on a header section, as a user sorts.
void clickHeader(QTableView& view, int section)
{
    QHeaderView* header = view.horizontalHeader();
    const QPoint centre(header->sectionViewportPosition(section) + header->sectionSize(section) / 2, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
}

QStringList csvColumn(const QString& path, int column)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return { QStringLiteral("<cannot read %1>").arg(path) };
    QStringList out;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    for (const QString& line : lines.mid(1))
        out << line.split(QLatin1Char(',')).value(column);
    return out;
}
} // namespace

class TestProbeTablePanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = writeRecording(m_dir.path());
        QVERIFY(!m_file.isEmpty());
    }

    void loadsFiltersGroupsAndExports()
    {
        Gui::ProbeTablePanel panel;
        Gui::TimeSelection selection;
        panel.setSelection(&selection);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy views(&panel, &Gui::ProbeTablePanel::viewChanged);
        panel.setRecording(open(m_file));
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 1, 10000);
        QCOMPARE(panel.probes(), QStringList { QStringLiteral("kprobes:myopen") });
        QCOMPARE(panel.model()->rowCount(), 5);
        QCOMPARE(column(*panel.model(), 3), QStringList({ QStringLiteral("/etc/passwd"), QStringLiteral("/nope"), QStringLiteral("/etc/hosts"),
                                                QStringLiteral("/etc/passwd"), QStringLiteral("/x") }));

        panel.setFilter({ {}, true, {}, {}, 0 }, std::nullopt);
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 2, 10000);
        QCOMPARE(column(*panel.model(), 2), QStringList({ QStringLiteral("cat-20"), QStringLiteral("bash-10") }));
        const int retText = panel.model()->columnCount() - 4; // ret (decoded), latency, flags (decoded), status
        QCOMPARE(panel.model()->headerData(retText, Qt::Horizontal).toString(), QStringLiteral("ret (decoded)"));
        QCOMPARE(column(*panel.model(), retText), QStringList({ QStringLiteral("-2 ENOENT"), QStringLiteral("-13 EACCES") }));

        panel.setFilter({ QStringLiteral("/etc/*"), false, {}, {}, 0 }, ProbeCallTable::GroupBy::Path);
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 3, 10000);
        QCOMPARE(column(*panel.model(), 0), QStringList({ QStringLiteral("/etc/passwd"), QStringLiteral("/etc/hosts") }));
        QCOMPARE(column(*panel.model(), 1), QStringList({ QStringLiteral("2"), QStringLiteral("1") }));

        QSignalSpy exported(&panel, &Gui::ProbeTablePanel::exportFinished);
        const QString csv = m_dir.filePath(QStringLiteral("shown.csv"));
        panel.exportCsv(csv);
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 10000);
        QVERIFY(exported.first().at(0).toBool());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("Path,Calls,Min,Avg,Max,p99\r\n/etc/passwd,2,100 ns,100 ns,100 ns,100 ns\r\n"
                                            "/etc/hosts,1,100 ns,100 ns,100 ns,100 ns\r\n"));
    }

    void selectingACallSelectsItsEntryEvent()
    {
        Gui::ProbeTablePanel panel;
        Gui::TimeSelection selection;
        panel.setSelection(&selection);
        QSignalSpy views(&panel, &Gui::ProbeTablePanel::viewChanged);
        panel.setRecording(open(m_file));
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 1, 10000);
        auto* view = panel.findChild<QTableView*>();
        QVERIFY(view);
        view->setCurrentIndex(panel.model()->index(2, 0));
        QCOMPARE(selection.currentEventId(), 5); // the third call's entry
        QCOMPARE(selection.currentEventTs(), 3000);
    }

    void headerClicksSort_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QStringList>("ascending");
        QTest::addColumn<QStringList>("descending");
        // The calls: bash /etc/passwd 3, cat /nope -2, bash /etc/hosts 4, cat /etc/passwd 5, bash /x -13.
        QTest::addRow("ret: numbers") << QStringLiteral("ret")
                                      << QStringList { QStringLiteral("-13"), QStringLiteral("-2"), QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("5") }
                                      << QStringList { QStringLiteral("5"), QStringLiteral("4"), QStringLiteral("3"), QStringLiteral("-2"), QStringLiteral("-13") };
        QTest::addRow("path: text")
            << QStringLiteral("filename")
            << QStringList { QStringLiteral("/etc/hosts"), QStringLiteral("/etc/passwd"), QStringLiteral("/etc/passwd"), QStringLiteral("/nope"), QStringLiteral("/x") }
            << QStringList { QStringLiteral("/x"), QStringLiteral("/nope"), QStringLiteral("/etc/passwd"), QStringLiteral("/etc/passwd"), QStringLiteral("/etc/hosts") };
        QTest::addRow("task: name then pid, ties in time order")
            << QStringLiteral("Task")
            << QStringList { QStringLiteral("bash-10"), QStringLiteral("bash-10"), QStringLiteral("bash-10"), QStringLiteral("cat-20"), QStringLiteral("cat-20") }
            << QStringList { QStringLiteral("cat-20"), QStringLiteral("cat-20"), QStringLiteral("bash-10"), QStringLiteral("bash-10"), QStringLiteral("bash-10") };
    }
    void headerClicksSort()
    {
        QFETCH(QString, header);
        QFETCH(QStringList, ascending);
        QFETCH(QStringList, descending);
        Gui::ProbeTablePanel panel;
        Gui::TimeSelection selection;
        panel.setSelection(&selection);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy views(&panel, &Gui::ProbeTablePanel::viewChanged);
        panel.resize(1400, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setRecording(open(m_file));
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 1, 10000);
        auto* view = panel.findChild<QTableView*>();
        QVERIFY(view);
        const int section = sectionNamed(*panel.model(), header);
        QVERIFY(section >= 0);
        const QStringList timeOrder = column(*panel.model(), section);

        clickHeader(*view, section);
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 2, 10000);
        QCOMPARE(column(*panel.model(), section), ascending);
        QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), section);

        clickHeader(*view, section);
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 3, 10000);
        QCOMPARE(column(*panel.model(), section), descending);
        QCOMPARE(view->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);

        // The export writes what is shown, in the order shown.
        QSignalSpy exported(&panel, &Gui::ProbeTablePanel::exportFinished);
        const QString csv = m_dir.filePath(QStringLiteral("sorted.csv"));
        panel.exportCsv(csv);
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 10000);
        QCOMPARE(csvColumn(csv, section), descending);

        clickHeader(*view, section); // a third click: time order again
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 4, 10000);
        QCOMPARE(column(*panel.model(), section), timeOrder);
        QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), -1);
    }

    void sortedRowsStillSelectTheirEvents()
    {
        Gui::ProbeTablePanel panel;
        Gui::TimeSelection selection;
        panel.setSelection(&selection);
        QSignalSpy views(&panel, &Gui::ProbeTablePanel::viewChanged);
        panel.resize(1400, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setRecording(open(m_file));
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 1, 10000);
        auto* view = panel.findChild<QTableView*>();
        const int ret = sectionNamed(*panel.model(), QStringLiteral("ret"));
        clickHeader(*view, ret);
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 2, 10000);
        clickHeader(*view, ret);
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 3, 10000);
        QCOMPARE(panel.model()->index(0, ret).data().toString(), QStringLiteral("5"));

        // The first row is now the fourth call (cat /etc/passwd, ret 5): entry id 7 at 4000 ns.
        view->setCurrentIndex(panel.model()->index(0, 0));
        QCOMPARE(selection.currentEventId(), 7);
        QCOMPARE(selection.currentEventTs(), 4000);

        // Sorted by path, the selected call is still the selected row (now the third).
        clickHeader(*view, sectionNamed(*panel.model(), QStringLiteral("filename")));
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 4, 10000);
        QCOMPARE(view->currentIndex().row(), 2);
        QCOMPARE(view->currentIndex().data(Gui::ProbeCallModel::EventIdRole).toLongLong(), 7);
        view->setCurrentIndex(panel.model()->index(0, 0)); // /etc/hosts: the third call
        QCOMPARE(selection.currentEventId(), 5);
    }

    void groupedHeaderClicksSort()
    {
        Gui::ProbeTablePanel panel;
        QSignalSpy views(&panel, &Gui::ProbeTablePanel::viewChanged);
        panel.resize(1400, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setRecording(open(m_file));
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 1, 10000);
        auto* view = panel.findChild<QTableView*>();
        clickHeader(*view, sectionNamed(*panel.model(), QStringLiteral("ret")));
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 2, 10000);

        // Grouping changes the columns: the sort goes back to the groups' own order.
        panel.setFilter({}, ProbeCallTable::GroupBy::Path);
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 3, 10000);
        QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), -1);
        QCOMPARE(column(*panel.model(), 0),
            QStringList({ QStringLiteral("/etc/passwd"), QStringLiteral("/etc/hosts"), QStringLiteral("/nope"), QStringLiteral("/x") }));

        clickHeader(*view, 1); // Calls, ascending: ties keep the groups' order
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 4, 10000);
        QCOMPARE(column(*panel.model(), 0),
            QStringList({ QStringLiteral("/etc/hosts"), QStringLiteral("/nope"), QStringLiteral("/x"), QStringLiteral("/etc/passwd") }));
        clickHeader(*view, 0); // Path
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 5, 10000);
        clickHeader(*view, 0); // descending
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 6, 10000);
        QCOMPARE(column(*panel.model(), 0),
            QStringList({ QStringLiteral("/x"), QStringLiteral("/nope"), QStringLiteral("/etc/passwd"), QStringLiteral("/etc/hosts") }));
    }

    void importedTexts_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("probes");
        QTest::addColumn<QStringList>("headers"); // all but Time
        QTest::addColumn<QStringList>("rows");    // cells but Time, joined by '|'
        QTest::addRow("entry and return under one name, the return first")
            << QByteArray("           <...>-26387 [001] d... 6593278.860043: myopen: (SyS_open+0x1e/0x20 <- do_sys_open) arg1=0x3\n"
                          "       supervise-1685  [001] d... 6593279.178800: myopen: (do_sys_open+0x0/0x220) filename=\"s/status\"\n"
                          "       supervise-1685  [001] d... 6593279.178806: myopen: (SyS_open+0x1e/0x20 <- do_sys_open) arg1=0x9\n"
                          "       supervise-1689  [000] d... 6593279.228700: myopen: (do_sys_open+0x0/0x220) filename=\"/nope\"\n"
                          "       supervise-1689  [000] d... 6593279.228756: myopen: (SyS_open+0x1e/0x20 <- do_sys_open) "
                          "arg1=0xfffffffffffffffe\n")
            << QStringList { QStringLiteral("kprobes:myopen") }
            << QStringList { QStringLiteral("CPU"), QStringLiteral("Task"), QStringLiteral("filename"), QStringLiteral("ret"),
                   QStringLiteral("ret (decoded)"), QStringLiteral("Latency"), QStringLiteral("Status") }
            << QStringList { QStringLiteral("1|<...>-26387||3|3||no entry recorded"),
                   QStringLiteral("1|supervise-1685|s/status|9|9|6000 ns|paired"),
                   QStringLiteral("0|supervise-1689|/nope|-2|-2 ENOENT|56.0 µs|paired") };
        QTest::addRow("a string return value")
            << QByteArray("            bash-11886 [003] d... 19601836.001935: readline: (0x48db60)\n"
                          "            bash-11886 [003] d... 19601837.001935: readline: (0x41e876 <- 0x48db60) arg1=\"ls -l\"\n")
            << QStringList { QStringLiteral("uprobes:readline") }
            << QStringList { QStringLiteral("CPU"), QStringLiteral("Task"), QStringLiteral("ret"), QStringLiteral("ret (decoded)"),
                   QStringLiteral("Latency"), QStringLiteral("Status") }
            << QStringList { QStringLiteral("3|bash-11886|ls -l|ls -l|1000.00 ms|paired") };
        QTest::addRow("fs:do_sys_open")
            << QByteArray("             cat-1447  [001] 1038282.286875: do_sys_open: \"/etc/ld.so.cache\" 88000 0\n"
                          "            bash-1448  [000] 1038282.300000: do_sys_open: \"/tmp/x\" 241 666\n")
            << QStringList { QStringLiteral("fs:do_sys_open") }
            << QStringList { QStringLiteral("CPU"), QStringLiteral("Task"), QStringLiteral("filename"), QStringLiteral("flags"),
                   QStringLiteral("mode"), QStringLiteral("ret"), QStringLiteral("ret (decoded)"), QStringLiteral("Latency"),
                   QStringLiteral("flags (decoded)"), QStringLiteral("mode (decoded)"), QStringLiteral("Status") }
            << QStringList { QStringLiteral("1|cat-1447|/etc/ld.so.cache|557056|0||||O_RDONLY|O_LARGEFILE|O_CLOEXEC|0|no return recorded"),
                   QStringLiteral("0|bash-1448|/tmp/x|577|438||||O_WRONLY|O_CREAT|O_TRUNC|0666|no return recorded") };
    }
    // What `ftlens-cli import` makes of a text, as the Probe Arguments panel shows it.
    void importedTexts()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, probes);
        QFETCH(QStringList, headers);
        QFETCH(QStringList, rows);
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("trace.txt"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
        file.close();
        const QString recording = dir.filePath(QStringLiteral("trace.ftlens"));
        auto imported = Engine::FtraceTextImporter().importFile(input, recording);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));

        Gui::ProbeTablePanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy views(&panel, &Gui::ProbeTablePanel::viewChanged);
        panel.setRecording(open(recording));
        QTRY_COMPARE_WITH_TIMEOUT(views.size(), 1, 10000);
        QCOMPARE(panel.probes(), probes);
        QStringList shownHeaders;
        for (int section = 1; section < panel.model()->columnCount(); ++section)
            shownHeaders << panel.model()->headerData(section, Qt::Horizontal).toString();
        QCOMPARE(shownHeaders, headers);
        QStringList shownRows;
        for (int row = 0; row < panel.model()->rowCount(); ++row) {
            QStringList cells;
            for (int section = 1; section < panel.model()->columnCount(); ++section)
                cells << panel.model()->index(row, section).data().toString();
            shownRows << cells.join(QLatin1Char('|'));
        }
        QCOMPARE(shownRows, rows);
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
};

QTEST_MAIN(TestProbeTablePanel)
#include "tst_probetablepanel.moc"
