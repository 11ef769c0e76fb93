// SPDX-License-Identifier: GPL-3.0-or-later
// The call tree model and panel: top-down and bottom-up rows of a hand-made recording per scope,
// sorting children within their parents, search highlight, filter and next match, CSV of the
// tree as shown, and the panel's worker loading, scopes, hot path and "no calls" message. Every
// model runs under QAbstractItemModelTester.
#include "calltestsupport.h"

#include "callgraphpanel.h"
#include "callsource.h"
#include "calltreecsv.h"
#include "calltreemodel.h"
#include "flamegraphwidget.h"
#include "timeselection.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using Gui::CallTreeMode;
using Gui::CallTreeModel;

namespace {
QStringList lines(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list << QString::fromUtf8(item);
    return list;
}

QStringList names(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    QStringList out;
    for (int row = 0; row < model.rowCount(parent); ++row)
        out << model.index(row, 0, parent).data().toString();
    return out;
}

QModelIndex find(const QAbstractItemModel& model, const QStringList& path)
{
    QModelIndex index;
    for (const QString& name : path) {
        const QModelIndex parent = index;
        index = {};
        for (int row = 0; row < model.rowCount(parent); ++row) {
            if (model.index(row, 0, parent).data().toString() == name)
                index = model.index(row, 0, parent);
        }
        if (!index.isValid())
            return {};
    }
    return index;
}

QString pathOf(QModelIndex index)
{
    QStringList path;
    for (; index.isValid(); index = index.parent())
        path.prepend(index.data().toString());
    return path.join(QLatin1Char('>'));
}
} // namespace

class TestCallTreeModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("calls.ftlens"));
        QCOMPARE(CallTest::writeCallRecording(m_file, CallTest::smallCalls()), QString());
        m_plain = m_dir.filePath(QStringLiteral("plain.ftlens"));
        QCOMPARE(CallTest::writePlainRecording(m_plain), QString());
    }

    void topDown_data()
    {
        QTest::addColumn<Storage::CallScope>("scope");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("whole recording") << Storage::CallScope {}
                                         << lines({ "main 1 1000 300", "  read 2 500 150", "    vfs_read 2 350 350",
                                                "  write 1 200 200", "read 1 600 100", "  vfs_read 1 500 500",
                                                "write 1 0 0" });
        Storage::CallScope task;
        task.pid = 20;
        QTest::addRow("task 20") << task << lines({ "read 1 600 100", "  vfs_read 1 500 500", "write 1 0 0" });
        Storage::CallScope cpu;
        cpu.cpu = 0;
        QTest::addRow("cpu 0") << cpu
                               << lines({ "main 1 1000 300", "  read 2 500 150", "    vfs_read 2 350 350",
                                      "  write 1 200 200" });
        // main starts before the range: its children become top-level rows.
        Storage::CallScope range;
        range.from = 1100;
        range.to = 1900;
        QTest::addRow("range") << range << lines({ "read 2 500 150", "  vfs_read 2 350 350", "write 1 200 200" });
    }

    void topDown()
    {
        QFETCH(Storage::CallScope, scope);
        QFETCH(QStringList, expected);
        CallTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTree(Gui::buildCallTree(CallTest::load(m_file, scope), CallTreeMode::TopDown));
        QCOMPARE(CallTest::printTree(model), expected);
    }

    void bottomUp()
    {
        CallTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTree(Gui::buildCallTree(CallTest::load(m_file), CallTreeMode::BottomUp));
        // The functions by self time; below each, the callers it was reached through.
        QCOMPARE(names(model), lines({ "vfs_read", "main", "read", "write" }));
        QCOMPARE(names(model, find(model, lines({ "vfs_read" }))), lines({ "read" }));
        QCOMPARE(names(model, find(model, lines({ "vfs_read", "read" }))), lines({ "main" }));
        QCOMPARE(model.index(0, CallTreeModel::SelfColumn).data(CallTreeModel::SortRole).toLongLong(), 850);
        QCOMPARE(model.index(0, CallTreeModel::CallsColumn).data(CallTreeModel::SortRole).toLongLong(), 3);
    }

    void sorting_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QStringList>("topLevel");
        QTest::addColumn<QStringList>("underMain");
        const QStringList mrw = lines({ "main", "read", "write" }), wrm = lines({ "write", "read", "main" });
        const QStringList rw = lines({ "read", "write" }), wr = lines({ "write", "read" });
        QTest::addRow("function ascending") << int(CallTreeModel::FunctionColumn) << Qt::AscendingOrder << mrw << rw;
        QTest::addRow("function descending") << int(CallTreeModel::FunctionColumn) << Qt::DescendingOrder << wrm << wr;
        // Equal values keep the tree's order (by total, largest first).
        QTest::addRow("calls descending") << int(CallTreeModel::CallsColumn) << Qt::DescendingOrder << mrw << rw;
        QTest::addRow("total ascending") << int(CallTreeModel::TotalColumn) << Qt::AscendingOrder << wrm << wr;
        QTest::addRow("self descending") << int(CallTreeModel::SelfColumn) << Qt::DescendingOrder << mrw << wr;
        QTest::addRow("average ascending") << int(CallTreeModel::AverageColumn) << Qt::AscendingOrder << wrm << wr;
        QTest::addRow("max descending") << int(CallTreeModel::MaxColumn) << Qt::DescendingOrder << mrw << rw;
    }

    void sorting()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QStringList, topLevel);
        QFETCH(QStringList, underMain);
        CallTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTree(Gui::buildCallTree(CallTest::load(m_file), CallTreeMode::TopDown));
        const QPersistentModelIndex vfsRead = find(model, lines({ "main", "read", "vfs_read" }));
        QVERIFY(vfsRead.isValid());
        model.sort(column, order);
        QCOMPARE(names(model), topLevel);
        QCOMPARE(names(model, find(model, lines({ "main" }))), underMain);
        // Persistent indexes move with their nodes.
        QCOMPARE(pathOf(vfsRead), QStringLiteral("main>read>vfs_read"));
    }

    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("matches");
        QTest::addColumn<QStringList>("filtered");
        QTest::addColumn<QStringList>("jumps"); // nextMatch from the top, three times
        QTest::addRow("vfs") << QStringLiteral("vfs") << 2
                             << lines({ "main 1 1000 300", "  read 2 500 150", "    vfs_read 2 350 350",
                                    "read 1 600 100", "  vfs_read 1 500 500" })
                             << lines({ "main>read>vfs_read", "read>vfs_read", "main>read>vfs_read" });
        QTest::addRow("case-insensitive, ancestors kept")
            << QStringLiteral("WRITE") << 2 << lines({ "main 1 1000 300", "  write 1 200 200", "write 1 0 0" })
            << lines({ "main>write", "write", "main>write" });
        QTest::addRow("no match") << QStringLiteral("nope") << 0 << QStringList() << lines({ "", "", "" });
    }

    void search()
    {
        QFETCH(QString, text);
        QFETCH(int, matches);
        QFETCH(QStringList, filtered);
        QFETCH(QStringList, jumps);
        CallTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTree(Gui::buildCallTree(CallTest::load(m_file), CallTreeMode::TopDown));
        const QStringList everything = CallTest::printTree(model);

        model.setSearch(text, false);
        QCOMPARE(model.matchCount(), matches);
        QCOMPARE(CallTest::printTree(model), everything); // highlight only
        QModelIndex at;
        for (const QString& expected : jumps) {
            at = model.nextMatch(at);
            QCOMPARE(pathOf(at), expected);
            if (at.isValid()) {
                QVERIFY(at.data(CallTreeModel::MatchRole).toBool());
                QVERIFY(at.data(Qt::FontRole).value<QFont>().bold());
            }
        }
        model.setSearch(text, true);
        QCOMPARE(CallTest::printTree(model), filtered);
        model.setSearch(QString(), true);
        QCOMPARE(CallTest::printTree(model), everything);
    }

    void previousMatch()
    {
        CallTreeModel model;
        model.setTree(Gui::buildCallTree(CallTest::load(m_file), CallTreeMode::TopDown));
        model.setSearch(QStringLiteral("read"), false);
        QCOMPARE(model.matchCount(), 4);
        QModelIndex at;
        QStringList seen;
        for (int i = 0; i < 5; ++i) {
            at = model.nextMatch(at, false);
            seen << pathOf(at);
        }
        QCOMPARE(seen, lines({ "read>vfs_read", "read", "main>read>vfs_read", "main>read", "read>vfs_read" }));
    }

    void csvOfTheTreeAsShown()
    {
        CallTreeModel model;
        model.setTree(Gui::buildCallTree(CallTest::load(m_file), CallTreeMode::TopDown));
        model.sort(CallTreeModel::FunctionColumn, Qt::AscendingOrder);
        model.setSearch(QStringLiteral("vfs"), true);
        const QString path = m_dir.filePath(QStringLiteral("tree.csv"));
        const auto written = Gui::writeCallTreeCsv(*model.tree(), *model.orderSnapshot(), path);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
        QCOMPARE(written.value(), 5);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(),
            QByteArray("depth,path,function,calls,total_ns,self_ns,average_ns,max_ns,unfinished\r\n"
                       "0,main,main,1,1000,300,1000,1000,0\r\n"
                       "1,main;read,read,2,500,150,250,400,0\r\n"
                       "2,main;read;vfs_read,vfs_read,2,350,350,175,300,0\r\n"
                       "0,read,read,1,600,100,600,600,0\r\n"
                       "1,read;vfs_read,vfs_read,1,500,500,500,500,0\r\n"));
    }

    void panelLoadsScopesAndModes()
    {
        Gui::TimeSelection selection;
        Gui::CallSource source;
        source.setSelection(&selection);
        Gui::CallGraphPanel panel(&source);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy shown(&panel, &Gui::CallGraphPanel::treeShown);

        source.setRecording(CallTest::openRecording(m_file));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
        QVERIFY(!panel.isBusy());
        QCOMPARE(panel.message(), QString());
        QCOMPARE(names(*panel.model()), lines({ "main", "read", "write" }));
        // The heaviest path is opened at first.
        QCOMPARE(pathOf(panel.treeView()->currentIndex()), QStringLiteral("main>read>vfs_read"));
        QVERIFY(panel.treeView()->isExpanded(find(*panel.model(), lines({ "main", "read" }))));
        QCOMPARE(source.tasks().size(), 2);
        QCOMPARE(source.cpus(), QList<int>({ 0, 1 }));

        source.setScope(Gui::CallSource::ScopeKind::Task, 20);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, 10000);
        QCOMPARE(names(*panel.model()), lines({ "read", "write" }));

        source.setScope(Gui::CallSource::ScopeKind::SelectedRange);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 3, 10000);
        QCOMPARE(names(*panel.model()), lines({ "main", "read", "write" })); // no range: everything
        selection.setRange(1100, 1900);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 4, 10000);
        QCOMPARE(names(*panel.model()), lines({ "read", "write" }));

        panel.setMode(CallTreeMode::BottomUp);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 5, 10000);
        QCOMPARE(names(*panel.model()), lines({ "vfs_read", "write", "read" }));
        QCOMPARE(panel.flameGraph()->tree(), panel.model()->tree());
    }

    void panelHotPathAndSearch()
    {
        Gui::CallSource source;
        Gui::CallGraphPanel panel(&source);
        QSignalSpy shown(&panel, &Gui::CallGraphPanel::treeShown);
        source.setRecording(CallTest::openRecording(m_file));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
        panel.treeView()->collapseAll();
        panel.treeView()->setCurrentIndex(find(*panel.model(), lines({ "read" })));
        panel.expandHotPath();
        QCOMPARE(pathOf(panel.treeView()->currentIndex()), QStringLiteral("read>vfs_read"));

        panel.setSearch(QStringLiteral("write"));
        panel.findNext();
        QCOMPARE(pathOf(panel.treeView()->currentIndex()), QStringLiteral("write"));
        panel.findNext();
        QCOMPARE(pathOf(panel.treeView()->currentIndex()), QStringLiteral("main>write"));
        QVERIFY(panel.flameGraph()->isHighlighted(panel.model()->nodeOf(panel.treeView()->currentIndex())));
        panel.findNext(false);
        QCOMPARE(pathOf(panel.treeView()->currentIndex()), QStringLiteral("write"));

        QSignalSpy exported(&panel, &Gui::CallGraphPanel::exportFinished);
        const QString csv = m_dir.filePath(QStringLiteral("panel.csv"));
        panel.exportCsv(csv);
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 10000);
        QVERIFY(exported.first().at(0).toBool());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 8); // header + 7 nodes
    }

    void panelWithoutCalls()
    {
        Gui::CallSource source;
        Gui::CallGraphPanel panel(&source);
        QSignalSpy available(&source, &Gui::CallSource::availabilityChanged);
        source.setRecording(CallTest::openRecording(m_plain));
        QTRY_COMPARE_WITH_TIMEOUT(available.size(), 1, 10000);
        QCOMPARE(available.first().at(0).toBool(), false);
        QVERIFY(panel.message().startsWith(QStringLiteral("No function calls in this recording")));
        QCOMPARE(panel.model()->rowCount(), 0);
    }

    void cancelledLoadIsDropped()
    {
        Gui::CallSource source;
        QSignalSpy loaded(&source, &Gui::CallSource::callsLoaded);
        QSignalSpy cancelled(&source, &Gui::CallSource::loadCancelled);
        source.setRecording(CallTest::openRecording(m_file));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 10000);
        source.setScope(Gui::CallSource::ScopeKind::Cpu, 1);
        QVERIFY(source.isLoading());
        source.cancel();
        QCOMPARE(cancelled.size(), 1);
        QVERIFY(!source.isLoading());
        QTest::qWait(300);
        QCOMPARE(loaded.size(), 1);
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
    QString m_plain;
};

QTEST_MAIN(TestCallTreeModel)
#include "tst_calltreemodel.moc"
