// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's function list (available_filter_functions) and the names and globs -l/-n/-g take:
// which match a function of the list, and which the command line refuses, and why.
#include "functionlist.h"

#include <QTest>

using Recorder::FunctionList;

namespace {
const QByteArray list = "vfs_read\n"
                        "vfs_write\n"
                        "rw_verify_area.isra.0\n"
                        "ext4_file_read_iter [ext4]\n"
                        "vfs_read\n" // static functions of several files share a name
                        "\n";
} // namespace

class TestFunctionList : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("matches");
        QTest::addRow("name") << QStringLiteral("vfs_read") << true;
        QTest::addRow("module function by name") << QStringLiteral("ext4_file_read_iter") << true;
        QTest::addRow("suffixed name") << QStringLiteral("rw_verify_area.isra.0") << true;
        QTest::addRow("prefix of a name is not a name") << QStringLiteral("vfs_rea") << false;
        QTest::addRow("module name is not a function") << QStringLiteral("ext4") << false;
        QTest::addRow("trailing glob") << QStringLiteral("vfs_*") << true;
        QTest::addRow("leading glob") << QStringLiteral("*_iter") << true;
        QTest::addRow("middle glob") << QStringLiteral("rw_*.isra.*") << true;
        QTest::addRow("character class") << QStringLiteral("vfs_[rw]*") << true;
        QTest::addRow("question mark") << QStringLiteral("vfs_rea?") << true;
        QTest::addRow("glob matching nothing") << QStringLiteral("zzz_*") << false;
    }

    void matches()
    {
        QFETCH(QString, pattern);
        QFETCH(bool, matches);
        const FunctionList functions = FunctionList::parse(list);
        QCOMPARE(functions.size(), qsizetype(4));
        QCOMPARE(functions.matches(pattern), matches);
    }

    void patternProblem_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("problem");
        QTest::addRow("name") << QStringLiteral("do_sys_openat2") << QString();
        QTest::addRow("glob") << QStringLiteral("ext4_[rw]*?") << QString();
        QTest::addRow("dots and dollar") << QStringLiteral("foo.cold$1") << QString();
        QTest::addRow("empty") << QString() << QStringLiteral("an empty function name");
        QTest::addRow("negation") << QStringLiteral("!vfs_read")
                                  << QStringLiteral("'!' removes functions from a filter; give the functions to trace, or use -n");
        QTest::addRow("module") << QStringLiteral("*:mod:ext4")
                                << QStringLiteral("the kernel's ':mod:' and 'function:command' forms are not taken; give a function name or glob");
        QTest::addRow("command") << QStringLiteral("vfs_read:traceoff")
                                 << QStringLiteral("the kernel's ':mod:' and 'function:command' forms are not taken; give a function name or glob");
        QTest::addRow("two names") << QStringLiteral("a b") << QStringLiteral("not a function name or glob (letters, digits, _ . $ and * ? [ ])");
        QTest::addRow("newline") << QStringLiteral("a\nb") << QStringLiteral("not a function name or glob (letters, digits, _ . $ and * ? [ ])");
    }

    void patternProblem()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, problem);
        QCOMPARE(Recorder::functionPatternProblem(pattern), problem);
    }
};

QTEST_GUILESS_MAIN(TestFunctionList)
#include "tst_functionlist.moc"
