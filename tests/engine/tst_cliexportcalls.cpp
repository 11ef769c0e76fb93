// SPDX-License-Identifier: GPL-3.0-or-later
// The real ftlens-cli over function calls: `info` (text and --json: calls, unparsed_lines),
// `export --table calls` and `--table functions` byte for byte, scoped by --pid, --cpu,
// --from-ns and --to-ns, to a file and to stdout; a recording without a call table and bad
// option combinations.
#include "calltable.h"
#include "programrun.h"
#include "recordingwriter.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using Storage::noTime;

namespace {

using ProgramTest::Run;
using ProgramTest::cli;

struct Call {
    std::int64_t id;
    std::int64_t parent;
    std::int64_t ts;
    std::int64_t dur;
    std::int64_t self;
    int cpu;
    int pid;
    int depth;
    const char* function;
};

// As tst_callquery's sample, plus a call of no known task whose name needs quoting.
const std::vector<Call> sample = {
    { 1, 0, 100, 100, 60, 0, 10, 0, "main" },
    { 2, 1, 110, 30, 30, 0, 10, 1, "read" },
    { 3, 1, 150, 30, 20, 1, 10, 1, "write" },
    { 4, 3, 160, 10, 10, 1, 10, 2, "read" },
    { 5, 0, 120, noTime, noTime, 1, 20, 0, "main" },
    { 6, 5, 130, 20, 20, 1, 20, 1, "open" },
    { 7, 0, noTime, 50, 45, 0, 20, 0, "close" },
    { 8, 7, noTime, 5, 5, 0, 20, 1, "read" },
    { 9, 0, 200, 4, 4, 0, -1, 0, "std::pair<int, int>::swap" },
};

// A recording (tasks bash-10 and "ma,ke"-20), with calls when given, with meta when given.
QString writeRecording(const QString& path, const std::vector<Call>& calls, const char* unparsedLines = nullptr)
{
    auto writer = Storage::RecordingWriter::create(path);
    if (!writer)
        return writer.error().message;
    Storage::Status s = writer.value()->setTask(10, 10, "bash");
    s = s ? writer.value()->setTask(20, 20, "ma,ke") : s;
    s = s && unparsedLines ? writer.value()->setMeta("unparsed_lines", unparsedLines) : s;
    s = s ? writer.value()->finish() : s;
    if (!s)
        return s.error().message;
    writer.value().reset();
    if (calls.empty())
        return {};
    auto table = Storage::CallTableWriter::open(path);
    if (!table)
        return table.error().message;
    std::vector<Storage::CallRow> rows;
    for (const Call& call : calls) {
        rows.push_back({ call.id, call.parent, call.ts, call.dur, call.self, call.cpu, call.pid, call.depth,
            table->intern(call.function).value(), 0, 0, false, call.dur == noTime ? Storage::CallFlag::NoExit : 0 });
    }
    s = table->write(rows);
    return s ? QString() : s.error().message;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("NO FILE");
}

QByteArray csv(std::initializer_list<const char*> rows)
{
    QByteArray out;
    for (const char* row : rows)
        out += QByteArray(row) + "\r\n";
    return out;
}

QStringList args(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* item : items)
        out << QString::fromLatin1(item);
    return out;
}

const char* const callsHeader = "id,parent_id,ts_ns,dur_ns,self_ns,cpu,pid,comm,depth,function";
const char* const functionsHeader = "function,calls,total_ns,self_ns,avg_ns,max_ns";
} // namespace

class TestCliExportCalls : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(QStringLiteral(FTLENS_BIN_DIR "/ftlens-cli")));
        QVERIFY(m_dir.isValid());
        m_calls = m_dir.filePath(QStringLiteral("calls.ftlens"));
        m_plain = m_dir.filePath(QStringLiteral("plain.ftlens"));
        m_imported = m_dir.filePath(QStringLiteral("imported.ftlens"));
        QCOMPARE(writeRecording(m_calls, sample), QString());
        QCOMPARE(writeRecording(m_plain, {}), QString());
        QCOMPARE(writeRecording(m_imported, sample, "3"), QString());
    }

    void infoJson_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("calls");
        QTest::addColumn<qint64>("unparsed");
        QTest::addRow("calls") << QStringLiteral("calls.ftlens") << qint64(9) << qint64(0);
        QTest::addRow("no call table") << QStringLiteral("plain.ftlens") << qint64(0) << qint64(0);
        QTest::addRow("import with unparsed lines") << QStringLiteral("imported.ftlens") << qint64(9) << qint64(3);
    }

    void infoJson()
    {
        QFETCH(QString, file);
        QFETCH(qint64, calls);
        QFETCH(qint64, unparsed);
        const Run run = cli({ QStringLiteral("info"), m_dir.filePath(file), QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QVERIFY(json.contains(QStringLiteral("calls")));
        QVERIFY(json.contains(QStringLiteral("unparsed_lines")));
        QCOMPARE(json.value(QStringLiteral("calls")).toInteger(-1), calls);
        QCOMPARE(json.value(QStringLiteral("unparsed_lines")).toInteger(-1), unparsed);

        const Run text = cli({ QStringLiteral("info"), m_dir.filePath(file) });
        QCOMPARE(text.exitCode, 0);
        const QString lines = QString::fromUtf8(text.out);
        QVERIFY2(lines.contains(QStringLiteral("\ncalls:       %1\n").arg(calls)), qPrintable(lines));
        QVERIFY2(lines.contains(QStringLiteral("\nunparsed:    %1 lines").arg(unparsed)), qPrintable(lines));
    }

    void exportCalls()
    {
        const QString out = m_dir.filePath(QStringLiteral("calls.csv"));
        const Run run = cli({ QStringLiteral("export"), m_calls, QStringLiteral("--table"), QStringLiteral("calls"), QStringLiteral("-o"), out });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(readFile(out),
            csv({ callsHeader, "1,,100,100,60,0,10,bash,0,main", "2,1,110,30,30,0,10,bash,1,read", "3,1,150,30,20,1,10,bash,1,write",
                "4,3,160,10,10,1,10,bash,2,read", "5,,120,,,1,20,\"ma,ke\",0,main", "6,5,130,20,20,1,20,\"ma,ke\",1,open",
                "7,,,50,45,0,20,\"ma,ke\",0,close", "8,7,,5,5,0,20,\"ma,ke\",1,read", "9,,200,4,4,0,-1,,0,\"std::pair<int, int>::swap\"" }));
    }

    void exportCallsScoped_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QByteArray>("ids"); // first column of the rows, space-separated
        QTest::addRow("task") << args({ "--pid", "20" }) << QByteArray("5 6 7 8");
        QTest::addRow("cpu") << args({ "--cpu", "1" }) << QByteArray("3 4 5 6");
        QTest::addRow("task and cpu") << args({ "--pid", "10", "--cpu", "1" }) << QByteArray("3 4");
        // By start time: calls known by duration only never match a range.
        QTest::addRow("range") << args({ "--from-ns", "110", "--to-ns", "150" }) << QByteArray("2 5 6");
        QTest::addRow("from") << args({ "--from-ns", "150" }) << QByteArray("3 4 9");
        QTest::addRow("nothing") << args({ "--pid", "99" }) << QByteArray("");
    }

    void exportCallsScoped()
    {
        QFETCH(QStringList, options);
        QFETCH(QByteArray, ids);
        const Run run = cli(QStringList { QStringLiteral("export"), m_calls, QStringLiteral("--table"), QStringLiteral("calls") } + options
            + QStringList { QStringLiteral("-o"), QStringLiteral("-") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QList<QByteArray> rows = run.out.split('\n');
        QCOMPARE(rows.takeFirst(), QByteArray(callsHeader) + '\r');
        QCOMPARE(rows.takeLast(), QByteArray()); // the last CRLF
        QByteArrayList first;
        for (const QByteArray& row : std::as_const(rows))
            first << row.left(row.indexOf(','));
        QCOMPARE(first.join(' '), ids);
    }

    void exportFunctions_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QByteArray>("expected");
        // Largest total first; main's second call never returned (in calls, not in total or avg).
        QTest::addRow("whole file") << QStringList {}
                                    << csv({ functionsHeader, "main,2,100,60,100,100", "close,1,50,45,50,50", "read,3,45,45,15,30",
                                           "write,1,30,20,30,30", "open,1,20,20,20,20", "\"std::pair<int, int>::swap\",1,4,4,4,4" });
        QTest::addRow("task") << args({ "--pid", "10" })
                              << csv({ functionsHeader, "main,1,100,60,100,100", "read,2,40,40,20,30", "write,1,30,20,30,30" });
        QTest::addRow("range") << args({ "--from-ns", "150", "--to-ns", "200" }) << csv({ functionsHeader, "write,1,30,20,30,30", "read,1,10,10,10,10" });
    }

    void exportFunctions()
    {
        QFETCH(QStringList, options);
        QFETCH(QByteArray, expected);
        const QString out = m_dir.filePath(QStringLiteral("functions.csv"));
        const Run run = cli(QStringList { QStringLiteral("export"), m_calls, QStringLiteral("--table"), QStringLiteral("functions") } + options
            + QStringList { QStringLiteral("-o"), out });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(readFile(out), expected);
    }

    void noCallTable_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addRow("calls") << QStringLiteral("calls");
        QTest::addRow("functions") << QStringLiteral("functions");
    }

    void noCallTable()
    {
        QFETCH(QString, table);
        const QString out = m_dir.filePath(QStringLiteral("none-%1.csv").arg(table));
        const Run run = cli({ QStringLiteral("export"), m_plain, QStringLiteral("--table"), table, QStringLiteral("-o"), out });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(QString::fromUtf8(run.err).trimmed(),
            QStringLiteral("ftlens-cli: no function calls in %1: record with -p function_graph or import function_graph text").arg(m_plain));
        QVERIFY(!QFile::exists(out)); // no empty file left behind
    }

    void badOptions_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown table") << args({ "--table", "stacks" }) << QStringLiteral("--table: 'stacks' is not a table");
        QTest::addRow("with --event") << args({ "--table", "calls", "--event", "sched:sched_switch" }) << QStringLiteral("--event");
        QTest::addRow("with --filter") << args({ "--table", "calls", "--filter", "pid == 1" }) << QStringLiteral("--filter");
        QTest::addRow("with --probe") << args({ "--table", "functions", "--probe", "myopen" }) << QStringLiteral("--probe");
        QTest::addRow("two tasks") << args({ "--table", "calls", "--pid", "10", "--pid", "20" }) << QStringLiteral("at most one --pid");
        QTest::addRow("two cpus") << args({ "--table", "functions", "--cpu", "0", "--cpu", "1" }) << QStringLiteral("at most one --pid");
        QTest::addRow("bad time") << args({ "--table", "calls", "--from-ns", "soon" }) << QStringLiteral("--from-ns: 'soon'");
    }

    void badOptions()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        const Run run = cli(QStringList { QStringLiteral("export"), m_calls } + options + QStringList { QStringLiteral("-o"), QStringLiteral("-") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

private:
    QTemporaryDir m_dir;
    QString m_calls;
    QString m_plain;
    QString m_imported;
};

QTEST_GUILESS_MAIN(TestCliExportCalls)
#include "tst_cliexportcalls.moc"
