// SPDX-License-Identifier: GPL-3.0-or-later
// The real ftlens-cli on imported probe text, byte for byte: `import` then `export --probe NAME`
// where an entry and a return probe share one name (the return printed first), asked for by the
// name the text uses, qualified, or by the return's name; the old fs:do_sys_open tracepoint's
// rows as calls with decoded flags and mode; the shared corpus's perf-tools myopen runs
// concatenated both ways, the return value in `ret` whatever the text called it; a --filter on a
// field no event type has; and --probe with an event selection refused.
#include "programrun.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

using ProgramTest::Run;
using ProgramTest::cli;

const QString corpusDir = QStringLiteral(FTLENS_SOURCE_DIR "/../shared/corpus/kprobe");

QByteArray csv(std::initializer_list<const char*> rows)
{
    QByteArray out;
    for (const char* row : rows)
        out += QByteArray(row) + "\r\n";
    return out;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The values of one NAME=VALUE argument in a probe text, in order, as a number ("0x3" -> 3;
// 64-bit patterns as signed, as the recording stores them) or as the text itself.
QStringList argumentValues(const QByteArray& text, const QString& name)
{
    QStringList values;
    const QRegularExpression pattern(QStringLiteral("\\) ") + QRegularExpression::escape(name) + QStringLiteral("=(\"[^\"]*\"|\\S+)"));
    for (const QString& line : QString::fromUtf8(text).split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch match = pattern.match(line);
        if (!match.hasMatch())
            continue;
        QString value = match.captured(1);
        if (value.startsWith(QLatin1String("0x")))
            value = QString::number(qint64(value.mid(2).toULongLong(nullptr, 16)));
        else if (value.startsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        values << value;
    }
    return values;
}

// The CSV's cells of one column, rows in order (no quoting in these files).
QStringList csvColumn(const QByteArray& data, const QByteArray& name)
{
    const QList<QByteArray> lines = data.split('\n');
    const int column = int(lines.value(0).trimmed().split(',').indexOf(name));
    QStringList out;
    for (const QByteArray& line : lines.mid(1)) {
        if (!line.trimmed().isEmpty())
            out << QString::fromUtf8(line.trimmed().split(',').value(column));
    }
    return out;
}
} // namespace

class TestCliExportProbe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(QStringLiteral(FTLENS_BIN_DIR "/ftlens-cli")));
        QVERIFY(m_dir.isValid());
        for (const char* name : { "myopen_one_name", "do_sys_open" }) {
            const QString input = QStringLiteral(FTLENS_TEST_DATA "/import/%1.txt").arg(QLatin1String(name));
            const QString output = m_dir.filePath(QLatin1String(name) + QStringLiteral(".ftlens"));
            const Run run = cli({ QStringLiteral("import"), input, QStringLiteral("-o"), output });
            QVERIFY2(run.exitCode == 0, run.err.constData());
            m_files.insert(QLatin1String(name), output);
        }
    }

    // Both probes under the names the text suggests: the entry keeps "myopen", the return is
    // "myopen__return", though the text's first line is a return.
    void sharedNameTypes()
    {
        const Run run = cli({ QStringLiteral("info"), m_files.value(QStringLiteral("myopen_one_name")), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject byType = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("events_by_type")).toObject();
        QCOMPARE(byType.keys(), QStringList({ QStringLiteral("kprobes:myopen"), QStringLiteral("kprobes:myopen__return") }));
        QCOMPARE(byType.value(QStringLiteral("kprobes:myopen")).toInt(), 3);
        QCOMPARE(byType.value(QStringLiteral("kprobes:myopen__return")).toInt(), 3);
    }

    void exportProbe_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("probe");
        QTest::addColumn<QByteArray>("expected");

        // The first return closes a call entered before the text (return_only); the last entry's
        // return never came (entry_only); arg1 is the return value: ret, with its errno name.
        const QByteArray myopen = csv({ "ts_ns,cpu,pid,comm,filename,ret,ret_text,latency_ns,status",
            "6593278860043000,1,26387,,,3,3,,return_only", // "<...>": no comm known
            "6593279178800000,1,1685,supervise,supervise/status.new,9,9,6000,paired",
            "6593279228700000,0,1689,supervise,/nope,-2,-2 ENOENT,56000,paired",
            "6593279231703000,0,1690,supervise,supervise/lock,,,,entry_only" });
        QTest::addRow("the text's name") << QStringLiteral("myopen_one_name") << QStringLiteral("myopen") << myopen;
        QTest::addRow("qualified") << QStringLiteral("myopen_one_name") << QStringLiteral("kprobes:myopen") << myopen;
        QTest::addRow("the return probe's name") << QStringLiteral("myopen_one_name") << QStringLiteral("myopen__return") << myopen;

        // "\"%s\" %x %o": flags in hex, mode in octal; decoded as open(2)'s; no return probe.
        const QByteArray open = csv({ "ts_ns,cpu,pid,comm,filename,flags,mode,ret,ret_text,latency_ns,flags_text,mode_text,status",
            "1038282286875000,1,1447,cat,/etc/ld.so.cache,557056,0,,,,O_RDONLY|O_LARGEFILE|O_CLOEXEC,0,entry_only",
            "1038282300000000,0,1448,bash,/tmp/x,577,438,,,,O_WRONLY|O_CREAT|O_TRUNC,0666,entry_only" });
        QTest::addRow("fs:do_sys_open") << QStringLiteral("do_sys_open") << QStringLiteral("fs:do_sys_open") << open;
        QTest::addRow("do_sys_open") << QStringLiteral("do_sys_open") << QStringLiteral("do_sys_open") << open;
    }
    void exportProbe()
    {
        QFETCH(QString, file);
        QFETCH(QString, probe);
        QFETCH(QByteArray, expected);
        const Run run = cli({ QStringLiteral("export"), m_files.value(file), QStringLiteral("--probe"), probe, QStringLiteral("-o"),
            QStringLiteral("-") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out, expected);
    }

    // A uretprobe's string (readline's line) is the return value, as it is, in ret and ret_text.
    void stringReturnValue()
    {
        const QString input = m_dir.filePath(QStringLiteral("readline.txt"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("            bash-11886 [003] d... 19601836.001935: readline: (0x48db60)\n"
                   "            bash-11886 [003] d... 19601837.001935: readline: (0x41e876 <- 0x48db60) arg1=\"ls -l, \"x\"\"\n");
        file.close();
        const QString recording = m_dir.filePath(QStringLiteral("readline.ftlens"));
        QCOMPARE(cli({ QStringLiteral("import"), input, QStringLiteral("-o"), recording }).exitCode, 0);
        const Run run = cli({ QStringLiteral("export"), recording, QStringLiteral("--probe"), QStringLiteral("readline"),
            QStringLiteral("-o"), QStringLiteral("-") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out,
            csv({ "ts_ns,cpu,pid,comm,ret,ret_text,latency_ns,status",
                "19601836001935000,3,11886,bash,\"ls -l, \"\"x\"\"\",\"ls -l, \"\"x\"\"\",1000000000,paired" }));
    }

    // A name the recording does not have lists the ones it has.
    void unknownProbeListsTheProbes()
    {
        const QString file = m_files.value(QStringLiteral("myopen_one_name"));
        const Run run = cli({ QStringLiteral("export"), file, QStringLiteral("--probe"), QStringLiteral("myopne"), QStringLiteral("-o"),
            QStringLiteral("-") });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(QString::fromUtf8(run.err),
            QStringLiteral("ftlens-cli: %1: no probe named 'myopne' in this recording; its probes: kprobes:myopen\n").arg(file));
    }

    void probeRefusesAnEventSelection_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("option");
        const QStringList options { QStringLiteral("event"), QStringLiteral("filter"), QStringLiteral("cpu"), QStringLiteral("pid"),
            QStringLiteral("from-ns"), QStringLiteral("to-ns") };
        for (const QString& option : options) {
            const QString value = option == QLatin1String("filter") ? QStringLiteral("ret < 0") : QStringLiteral("1");
            QTest::newRow(qPrintable(QStringLiteral("--") + option)) << QStringList { QStringLiteral("--") + option, value } << option;
        }
    }
    void probeRefusesAnEventSelection()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, option);
        const QString out = m_dir.filePath(QStringLiteral("refused.csv"));
        const Run run = cli(QStringList { QStringLiteral("export"), m_files.value(QStringLiteral("myopen_one_name")), QStringLiteral("--probe"),
                                QStringLiteral("myopen"), QStringLiteral("-o"), out }
            + extra);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(QString::fromUtf8(run.err), QStringLiteral("ftlens-cli export: --probe cannot be combined with --%1\n").arg(option));
        QVERIFY(!QFile::exists(out));
    }

    void filterOnAFieldNoTypeHas_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::addRow("all types") << QStringLiteral("myopen_one_name")
                                   << QStringList { QStringLiteral("--filter"), QStringLiteral("flags == 1") }
                                   << QStringLiteral("no event type of this recording has a field 'flags'; their fields: arg1, "
                                                     "filename (and cpu, pid, comm, ts of every event)");
        QTest::addRow("a recording's one type") << QStringLiteral("do_sys_open")
                                                << QStringList { QStringLiteral("--filter"), QStringLiteral("flag == 1") }
                                                << QStringLiteral("fs:do_sys_open has no field 'flag'; its fields: filename, flags, mode "
                                                                  "(and cpu, pid, comm, ts of every event)");
        QTest::addRow("one type chosen") << QStringLiteral("myopen_one_name")
                                         << QStringList { QStringLiteral("--event"), QStringLiteral("kprobes:myopen"),
                                                QStringLiteral("--filter"), QStringLiteral("filename ~ \"*lock\" || arg1 < 0") }
                                         << QStringLiteral("kprobes:myopen has no field 'arg1'; its fields: filename (and cpu, pid, "
                                                           "comm, ts of every event)");
    }
    // Not a silent "0 events": an error naming the field and the fields there are, no file.
    void filterOnAFieldNoTypeHas()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        const QString path = m_files.value(file);
        const QString out = m_dir.filePath(QStringLiteral("filtered.csv"));
        const Run run = cli(QStringList { QStringLiteral("export"), path, QStringLiteral("-o"), out } + extra);
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(QString::fromUtf8(run.err), QStringLiteral("ftlens-cli: %1: filter: %2\n").arg(path, message));
        QVERIFY(!QFile::exists(out));
    }

    // A field only some types have: the others do not match (README "Field expressions").
    void filterOnAFieldSomeTypesHave()
    {
        const Run run = cli({ QStringLiteral("export"), m_files.value(QStringLiteral("myopen_one_name")), QStringLiteral("-o"),
            QStringLiteral("-"), QStringLiteral("--filter"), QStringLiteral("arg1 < 0 || filename ~ \"*lock\"") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out,
            csv({ "ts_ns,cpu,pid,comm,event,fields",
                "6593279228756000,0,1689,supervise,kprobes:myopen__return,arg1=18446744073709551614",
                "6593279231703000,0,1690,supervise,kprobes:myopen,filename=supervise/lock" }));
    }

    void corpusConcatenated_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QString>("argument"); // the entry's
        QTest::addColumn<QString>("returnValue"); // what the return probe calls it
        QTest::addColumn<QByteArray>("header");
        if (!QDir(corpusDir).exists())
            QSKIP(qPrintable(QStringLiteral("the shared corpus is not there (%1): corpus checks skipped").arg(corpusDir)));
        const QString mode = QStringLiteral("perf-tools_kprobe_example_L0109_p_myopen_mode_u16.txt");
        const QString rval = QStringLiteral("perf-tools_kprobe_example_L0091_r_myopen_rval.txt");
        const QString filename = QStringLiteral("perf-tools_kprobe_example_L0132_p_myopen_filename_string.txt");
        const QString arg1 = QStringLiteral("perf-tools_kprobe_example_L0061_r_myopen_retval_arg1.txt");
        // mode at an open-like place gets its octal text too.
        const QByteArray modeHeader = "ts_ns,cpu,pid,comm,mode,ret,ret_text,latency_ns,mode_text,status";
        const QByteArray filenameHeader = "ts_ns,cpu,pid,comm,filename,ret,ret_text,latency_ns,status";
        QTest::addRow("mode, then rval") << mode << rval << QStringLiteral("mode") << QStringLiteral("rval") << modeHeader;
        QTest::addRow("rval, then mode") << rval << mode << QStringLiteral("mode") << QStringLiteral("rval") << modeHeader;
        QTest::addRow("filename, then arg1") << filename << arg1 << QStringLiteral("filename") << QStringLiteral("arg1") << filenameHeader;
        QTest::addRow("arg1, then filename") << arg1 << filename << QStringLiteral("filename") << QStringLiteral("arg1") << filenameHeader;
    }
    // Two perf-tools runs concatenated as the example page prints them: `--probe myopen` gives
    // the table, with every entry's argument and every return value (in `ret`) of the text.
    void corpusConcatenated()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QString, argument);
        QFETCH(QString, returnValue);
        QFETCH(QByteArray, header);
        const QByteArray text = readFile(corpusDir + QLatin1Char('/') + first) + readFile(corpusDir + QLatin1Char('/') + second);
        const QString input = m_dir.filePath(QStringLiteral("concatenated.txt"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
        file.close();
        const QString recording = m_dir.filePath(QStringLiteral("concatenated.ftlens"));
        QFile::remove(recording);
        const Run imported = cli({ QStringLiteral("import"), input, QStringLiteral("-o"), recording });
        QVERIFY2(imported.exitCode == 0, imported.err.constData());

        const Run run = cli({ QStringLiteral("export"), recording, QStringLiteral("--probe"), QStringLiteral("myopen"), QStringLiteral("-o"),
            QStringLiteral("-") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out.left(run.out.indexOf("\r\n")), header);
        // Rows in time order: the returns' run came first or second; either way every value is there.
        QStringList arguments = csvColumn(run.out, argument.toUtf8());
        QStringList returns = csvColumn(run.out, "ret");
        arguments.removeAll(QString());
        returns.removeAll(QString());
        QStringList expectedArguments = argumentValues(text, argument);
        QStringList expectedReturns = argumentValues(text, returnValue);
        QVERIFY(!expectedArguments.isEmpty() && !expectedReturns.isEmpty());
        std::sort(arguments.begin(), arguments.end());
        std::sort(expectedArguments.begin(), expectedArguments.end());
        std::sort(returns.begin(), returns.end());
        std::sort(expectedReturns.begin(), expectedReturns.end());
        QCOMPARE(arguments, expectedArguments);
        QCOMPARE(returns, expectedReturns);
    }

private:
    QTemporaryDir m_dir;
    QHash<QString, QString> m_files;
};

QTEST_GUILESS_MAIN(TestCliExportProbe)
#include "tst_cliexportprobe.moc"
