// SPDX-License-Identifier: GPL-3.0-or-later
// RecentFiles: newest first, duplicates moved to the front, capped, absolute paths, shared
// through QSettings between instances; RecentFilesMenu lists them and reports the choice.
#include "guitestsupport.h"
#include "recentfiles.h"
#include "recentfilesmenu.h"

#include <QAction>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using Gui::RecentFiles;
using Gui::RecentFilesMenu;

class TestRecentFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void adding_data();
    void adding();
    void makesPathsAbsolute();
    void removeAndClear();
    void sharedBetweenInstances();
    void menuListsAndChooses();

private:
    QTemporaryDir m_settingsDir;
};

void TestRecentFiles::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("ftlens-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_recentfiles"));
}

void TestRecentFiles::init()
{
    RecentFiles().clear();
}

void TestRecentFiles::adding_data()
{
    QTest::addColumn<QStringList>("added");
    QTest::addColumn<int>("maxCount");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("newest first") << GuiTest::strings({ "/a.ftlens", "/b.ftlens" }) << 10
                                  << GuiTest::strings({ "/b.ftlens", "/a.ftlens" });
    QTest::addRow("duplicate moves to the front")
        << GuiTest::strings({ "/a.ftlens", "/b.ftlens", "/a.ftlens" }) << 10 << GuiTest::strings({ "/a.ftlens", "/b.ftlens" });
    QTest::addRow("capped, oldest dropped") << GuiTest::strings({ "/1", "/2", "/3", "/4" }) << 3
                                           << GuiTest::strings({ "/4", "/3", "/2" });
    QTest::addRow("cleaned path") << GuiTest::strings({ "/x/../y.ftlens" }) << 10 << GuiTest::strings({ "/y.ftlens" });
}

void TestRecentFiles::adding()
{
    QFETCH(QStringList, added);
    QFETCH(int, maxCount);
    QFETCH(QStringList, expected);

    RecentFiles recent(nullptr, maxCount);
    QSignalSpy changed(&recent, &RecentFiles::changed);
    for (const QString& path : std::as_const(added))
        recent.add(path);
    QCOMPARE(recent.files(), expected);
    QCOMPARE(changed.count(), added.size());
}

void TestRecentFiles::makesPathsAbsolute()
{
    RecentFiles recent;
    recent.add(QStringLiteral("relative.ftlens"));
    QCOMPARE(recent.files(), QStringList { QDir::current().absoluteFilePath(QStringLiteral("relative.ftlens")) });
}

void TestRecentFiles::removeAndClear()
{
    RecentFiles recent;
    recent.add(QStringLiteral("/a.ftlens"));
    recent.add(QStringLiteral("/b.ftlens"));
    recent.remove(QStringLiteral("/a.ftlens"));
    QCOMPARE(recent.files(), QStringList { QStringLiteral("/b.ftlens") });
    QSignalSpy changed(&recent, &RecentFiles::changed);
    recent.remove(QStringLiteral("/not-there.ftlens"));
    QCOMPARE(changed.count(), 0);
    recent.clear();
    QVERIFY(recent.files().isEmpty());
    QCOMPARE(changed.count(), 1);
}

void TestRecentFiles::sharedBetweenInstances()
{
    RecentFiles first;
    RecentFiles second;
    first.add(QStringLiteral("/shared.ftlens"));
    QCOMPARE(second.files(), QStringList { QStringLiteral("/shared.ftlens") });
    QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList(), second.files());
}

void TestRecentFiles::menuListsAndChooses()
{
    RecentFiles recent;
    RecentFilesMenu menu(&recent);
    const auto fileActions = [&menu] {
        QList<QAction*> actions;
        const QList<QAction*> all = menu.actions();
        for (QAction* action : all) {
            if (!action->isSeparator() && !action->toolTip().isEmpty() && action->toolTip().startsWith(QLatin1Char('/')))
                actions.append(action);
        }
        return actions;
    };
    QCOMPARE(fileActions().size(), 0);

    recent.add(QStringLiteral("/r/one.ftlens"));
    recent.add(QStringLiteral("/r/two.ftlens"));
    const QList<QAction*> actions = fileActions();
    QCOMPARE(actions.size(), 2);
    QCOMPARE(actions.at(0)->text(), QStringLiteral("&1 two.ftlens"));
    QCOMPARE(actions.at(1)->text(), QStringLiteral("&2 one.ftlens"));

    QSignalSpy chosen(&menu, &RecentFilesMenu::fileChosen);
    actions.at(1)->trigger();
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("/r/one.ftlens"));
}

QTEST_MAIN(TestRecentFiles)
#include "tst_recentfiles.moc"
