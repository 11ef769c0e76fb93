// SPDX-License-Identifier: GPL-3.0-or-later
// The real ftlens-cli's help: `ftlens-cli COMMAND --help` and `ftlens-cli --help` list every
// option each command's parser accepts, taken from the commands' own option tables
// (Cli::commands()), never from a list copied here.
#include "clicommands.h"
#include "programrun.h"

#include <QRegularExpression>
#include <QTest>

namespace {

using ProgramTest::Run;
using ProgramTest::cli;

// "-o", "--output": how a user types each name of the option.
QStringList spellings(const QCommandLineOption& option)
{
    QStringList out;
    for (const QString& name : option.names())
        out << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    return out;
}

// Whether text holds the option as a word of its own ("--to-ns" is not in "--to-ns-x" or "---to-ns").
bool mentions(const QString& text, const QString& spelling)
{
    const QRegularExpression word(QStringLiteral("(?<![\\w-])") + QRegularExpression::escape(spelling) + QStringLiteral("(?![\\w-])"));
    return word.match(text).hasMatch();
}

// The options a QCommandLineParser help text lists: the names at the start of the lines of its
// "Options:" section ("  -o, --output <OUT.csv>  Output file" -> -o, --output).
QStringList listedOptions(const QString& help)
{
    QStringList names;
    const qsizetype start = help.indexOf(QStringLiteral("\nOptions:\n"));
    if (start < 0)
        return names;
    static const QRegularExpression option(QStringLiteral("^  (-[^\\s<,]+(?:, -[^\\s<,]+)*)"));
    for (const QString& line : help.mid(start + 10).split(QLatin1Char('\n'))) {
        if (line.isEmpty())
            break;
        const QRegularExpressionMatch match = option.match(line);
        if (match.hasMatch())
            names << match.captured(1).split(QStringLiteral(", "));
    }
    return names;
}

Cli::Command command(const QString& name)
{
    for (const Cli::Command& command : Cli::commands()) {
        if (command.name == name)
            return command;
    }
    return {};
}

// The part of `ftlens-cli --help` about one command: from its synopsis line to the next command's.
QString section(const QString& usage, const QString& name)
{
    const QList<Cli::Command> commands = Cli::commands();
    const QRegularExpression start(QStringLiteral("^  ") + QRegularExpression::escape(name) + QStringLiteral("\\b"),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch found = start.match(usage);
    if (!found.hasMatch())
        return {};
    qsizetype end = usage.size();
    for (const Cli::Command& other : commands) {
        const QRegularExpression next(QStringLiteral("^  ") + QRegularExpression::escape(other.name) + QStringLiteral("\\b"),
            QRegularExpression::MultilineOption);
        const QRegularExpressionMatch match = next.match(usage, found.capturedEnd());
        if (match.hasMatch())
            end = std::min(end, match.capturedStart());
    }
    return usage.mid(found.capturedStart(), end - found.capturedStart());
}
} // namespace

class TestCliHelp : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(QFile::exists(QStringLiteral(FTLENS_BIN_DIR "/ftlens-cli"))); }

    void commandHelp_data()
    {
        QTest::addColumn<QString>("name");
        const QList<Cli::Command> commands = Cli::commands();
        QVERIFY(commands.size() >= 4);
        for (const Cli::Command& command : commands)
            QTest::addRow("%s", qPrintable(command.name)) << command.name;
    }
    // `ftlens-cli COMMAND --help`: exit 0, every name of every option with its value, and -h/--help.
    void commandHelp()
    {
        QFETCH(QString, name);
        const Cli::Command table = command(name);
        QVERIFY(!table.options.isEmpty());
        const Run run = cli({ name, QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.errText().isEmpty(), qPrintable(run.errText()));
        for (const QCommandLineOption& option : table.options) {
            for (const QString& spelling : spellings(option))
                QVERIFY2(mentions(run.outText(), spelling), qPrintable(spelling + QStringLiteral(" missing in:\n") + run.outText()));
            if (!option.valueName().isEmpty())
                QVERIFY2(run.outText().contains(option.valueName()), qPrintable(option.valueName()));
        }
        QVERIFY(mentions(run.outText(), QStringLiteral("--help")));
        // And nothing else: an option added to the parser past the table would be missing from
        // `ftlens-cli --help`.
        QStringList accepted { QStringLiteral("-h"), QStringLiteral("--help"), QStringLiteral("--help-all") };
        for (const QCommandLineOption& option : table.options)
            accepted << spellings(option);
        QStringList listed = listedOptions(run.outText());
        accepted.sort();
        listed.sort();
        QCOMPARE(listed, accepted);
        // --help-all, which the parser lists too, is help as well (no Qt options to add here).
        const Run all = cli({ name, QStringLiteral("--help-all") });
        QCOMPARE(all.exitCode, 0);
        QCOMPARE(all.out, run.out);
    }

    void usageHelp_data() { commandHelp_data(); }
    // `ftlens-cli --help`: the command's synopsis names every option the command accepts.
    void usageHelp()
    {
        QFETCH(QString, name);
        const Run run = cli({ QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        const QString part = section(run.outText(), name);
        QVERIFY2(!part.isEmpty(), qPrintable(run.outText()));
        for (const QCommandLineOption& option : command(name).options) {
            for (const QString& spelling : spellings(option))
                QVERIFY2(mentions(part, spelling), qPrintable(spelling + QStringLiteral(" missing in:\n") + part));
        }
        QVERIFY2(run.outText().contains(QStringLiteral("COMMAND --help")), qPrintable(run.outText()));
    }

    // The other ways to ask: `help`, `-h`; without a command the usage goes to stderr (exit 2),
    // an unknown command names itself.
    void otherWaysToAsk()
    {
        const QString usage = Cli::usageText();
        QCOMPARE(cli({ QStringLiteral("help") }).outText(), usage);
        QCOMPARE(cli({ QStringLiteral("-h") }).outText(), usage);
        const Run bare = cli({});
        QCOMPARE(bare.exitCode, 2);
        QCOMPARE(bare.errText(), usage);
        const Run unknown = cli({ QStringLiteral("exprot") });
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.errText().startsWith(QStringLiteral("ftlens-cli: unknown command 'exprot'\n")));
    }

    // A command's parser accepts exactly its table: an option of another command is refused.
    void optionsOutsideTheTableAreRefused()
    {
        const Run run = cli({ QStringLiteral("info"), QStringLiteral("x.ftlens"), QStringLiteral("--no-index") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(QStringLiteral("no-index")), qPrintable(run.errText()));
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_clihelp.moc"
