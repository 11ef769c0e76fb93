// SPDX-License-Identifier: GPL-3.0-or-later
// The real ftlens-helper's help (no root needed): `record --help`, `caps --help` and `--help`
// list every option the parsers accept, taken from their own tables (Helper::recordOptions(),
// Helper::capsOptions()), never from a list copied here; and the record parser accepts exactly
// its table.
#include "capscommand.h"
#include "programrun.h"
#include "recordcommandline.h"

#include <QRegularExpression>
#include <QTest>

namespace {

using ProgramTest::Run;

Run helper(const QStringList& arguments) { return ProgramTest::runProgram(QStringLiteral("ftlens-helper"), arguments); }

bool mentions(const QString& text, const QString& spelling)
{
    const QRegularExpression word(QStringLiteral("(?<![\\w-])") + QRegularExpression::escape(spelling) + QStringLiteral("(?![\\w-])"));
    return word.match(text).hasMatch();
}

QStringList capsSpellings()
{
    QStringList out;
    for (const QCommandLineOption& option : Helper::capsOptions()) {
        for (const QString& name : option.names())
            out << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    }
    return out;
}

// `ftlens-helper --help` from "  NAME" to the next command line ("  " and a lowercase word alone).
QString section(const QString& usage, const QString& name)
{
    const qsizetype start = usage.indexOf(QStringLiteral("\n  ") + name + QLatin1Char('\n'));
    if (start < 0)
        return {};
    static const QRegularExpression next(QStringLiteral("\\n  [a-z]+\\n"));
    const QRegularExpressionMatch match = next.match(usage, start + 1);
    return usage.mid(start, (match.hasMatch() ? match.capturedStart() : usage.size()) - start);
}
} // namespace

class TestHelperHelp : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(QStringLiteral(FTLENS_BIN_DIR "/ftlens-helper")));
        QVERIFY(Helper::recordOptions().size() >= 20);
        QVERIFY(!Helper::capsOptions().isEmpty());
    }

    // `record --help` explains every option of the table, with its value.
    void recordHelp()
    {
        const Run run = helper({ QStringLiteral("record"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        for (const Helper::RecordOption& option : Helper::recordOptions()) {
            QVERIFY2(mentions(run.outText(), option.name), qPrintable(option.name + QStringLiteral(" missing in:\n") + run.outText()));
            QVERIFY2(run.outText().contains(option.name + QLatin1Char(' ') + option.valueName),
                qPrintable(option.name + QLatin1Char(' ') + option.valueName));
        }
    }

    void capsHelp()
    {
        const Run run = helper({ QStringLiteral("caps"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        for (const QString& spelling : capsSpellings())
            QVERIFY2(mentions(run.outText(), spelling), qPrintable(spelling + QStringLiteral(" missing in:\n") + run.outText()));
    }

    // `ftlens-helper --help` lists record's and caps' options under each command, and cleanup.
    void usageHelp()
    {
        const Run run = helper({ QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        const QString record = section(run.outText(), QStringLiteral("record"));
        QVERIFY2(!record.isEmpty(), qPrintable(run.outText()));
        for (const Helper::RecordOption& option : Helper::recordOptions())
            QVERIFY2(mentions(record, option.name), qPrintable(option.name + QStringLiteral(" missing in:\n") + record));
        QVERIFY(record.contains(QStringLiteral("-- COMMAND")));
        const QString caps = section(run.outText(), QStringLiteral("caps"));
        QVERIFY2(!caps.isEmpty(), qPrintable(run.outText()));
        for (const QString& spelling : capsSpellings())
            QVERIFY2(mentions(caps, spelling), qPrintable(spelling + QStringLiteral(" missing in:\n") + caps));
        QVERIFY(!section(run.outText(), QStringLiteral("cleanup")).isEmpty());
        QCOMPARE(helper({}).err, run.out); // without a command: the same text on stderr
    }

    void parserAcceptsTheTable_data()
    {
        QTest::addColumn<QString>("option");
        for (const Helper::RecordOption& option : Helper::recordOptions())
            QTest::addRow("%s", qPrintable(option.name)) << option.name;
    }
    // Every option of the table is one the parser knows (its value may still be refused).
    void parserAcceptsTheTable()
    {
        QFETCH(QString, option);
        const auto parsed = Helper::parseRecordArguments({ QStringLiteral("-e"), QStringLiteral("sched:sched_switch"), option,
            QStringLiteral("x") });
        if (!parsed)
            QVERIFY2(!parsed.error().message.startsWith(QStringLiteral("unknown option")), qPrintable(parsed.error().message));
    }

    void parserRefusesOthers()
    {
        const auto parsed = Helper::parseRecordArguments({ QStringLiteral("-e"), QStringLiteral("sched:sched_switch"),
            QStringLiteral("--output"), QStringLiteral("x.ftlens") });
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().message, QStringLiteral("unknown option '--output'"));
    }
};

QTEST_GUILESS_MAIN(TestHelperHelp)
#include "tst_helperhelp.moc"
