// SPDX-License-Identifier: GPL-3.0-or-later
// Cross-checks on Debian 12's 6.1 kernel (guest/crosscheck.sh under QEMU). One run read two ways:
// the helper's raw pages and the `cat trace` text of a mirror instance (the same filter, the
// helper's own probe events) give the same calls and probe rows once the text is imported with
// ftlens-cli. And trace-cmd record -p function_graph of the same workload finds the same functions
// as the helper, call level by call level.
#include "vmguest.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace VmGuest;

namespace {
// Interrupts land anywhere in a graph, differently in every run: their handlers and all they
// call are left out when two runs are compared.
bool interruptEntry(const QString& function)
{
    return function == QLatin1String("irq_enter_rcu") || function == QLatin1String("irq_exit_rcu")
        || function.startsWith(QLatin1String("__sysvec_")) || function.startsWith(QLatin1String("sysvec_"));
}

using FunctionsByDepth = QMap<int, QSet<QString>>;

// trace-cmd report's function_graph lines of the workload ("ftlens-test-ope-PID [001] TS:
// funcgraph_entry: ... |    name() {"), depth from the indentation, inside do_sys_openat2 calls.
FunctionsByDepth traceCmdFunctions(const QByteArray& report)
{
    static const QRegularExpression line(QStringLiteral("^\\s*ftlens-test-ope-\\d+\\s+\\[\\d+\\]\\s+[\\d.]+: funcgraph_entry:[^|]*\\|( *)(\\S[^(]*)\\("));
    FunctionsByDepth functions;
    bool inOpen = false;
    int skipBelow = -1; // inside an interrupt's subtree at this depth
    for (const QByteArray& text : report.split('\n')) {
        const auto match = line.match(QString::fromUtf8(text));
        if (!match.hasMatch())
            continue;
        const int depth = (int(match.capturedLength(1)) - 2) / 2;
        const QString name = match.captured(2).trimmed();
        if (depth == 0)
            inOpen = name == QLatin1String("do_sys_openat2");
        if (skipBelow >= 0 && depth > skipBelow)
            continue;
        skipBelow = interruptEntry(name) ? depth : -1;
        if (inOpen && skipBelow < 0)
            functions[depth].insert(name);
    }
    return functions;
}

FunctionsByDepth helperFunctions(const QString& file, const QString& pid)
{
    // Calls of the workload with no interrupt handler among them and their callers.
    const QList<QStringList> rows = query(file, QStringLiteral(
        "WITH RECURSIVE skipped(id) AS (SELECT id FROM calls WHERE function IN ('irq_enter_rcu', 'irq_exit_rcu') "
        "OR function LIKE '\\_\\_sysvec\\_%' ESCAPE '\\' OR function LIKE 'sysvec\\_%' ESCAPE '\\' "
        "UNION SELECT c.id FROM call c JOIN skipped s ON c.parent_id = s.id) "
        "SELECT depth, function FROM calls WHERE pid = %1 AND id NOT IN skipped").arg(pid));
    FunctionsByDepth functions;
    for (const QStringList& row : rows)
        functions[row.at(0).toInt()].insert(row.at(1));
    return functions;
}

QSet<QString> all(const FunctionsByDepth& byDepth)
{
    QSet<QString> functions;
    for (const QSet<QString>& level : byDepth)
        functions.unite(level);
    return functions;
}

QString listed(const QSet<QString>& functions)
{
    QStringList names(functions.begin(), functions.end());
    names.sort();
    return names.join(QLatin1Char(' '));
}
} // namespace

class TestVmCrossCheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_guest = boot(QStringLiteral("crosscheck.sh"), m_dir.path());
        if (!m_guest.failure.isEmpty())
            QFAIL(qPrintable(m_guest.failure + QLatin1Char('\n') + QString::fromUtf8(m_guest.console.right(4000))));
        QCOMPARE(m_guest.exitCode, 0);
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("same-run")), 0);
        const Run import = run(binary(QStringLiteral("ftlens-cli")),
            { QStringLiteral("import"), path(QStringLiteral("text.txt")), QStringLiteral("-o"), path(QStringLiteral("text.ftlens")) });
        QVERIFY2(import.exitCode == 0, import.err.constData());
        m_workload = QString::fromUtf8(readFile(path(QStringLiteral("text-workload.pid"))).trimmed());
        QVERIFY(!m_workload.isEmpty());
    }

    void textImportedWhole()
    {
        QCOMPARE(scalar(path(QStringLiteral("text.ftlens")), QStringLiteral("SELECT value FROM meta WHERE key = 'unparsed_lines'")),
            QStringLiteral("0"));
    }

    // Every read() of the workload, once in each, called from ksys_read.
    void sameCalls()
    {
        const QString sql = QStringLiteral("SELECT function, caller FROM calls WHERE pid = %1 ORDER BY ts, id").arg(m_workload);
        const QList<QStringList> raw = query(path(QStringLiteral("raw.ftlens")), sql);
        const QList<QStringList> text = query(path(QStringLiteral("text.ftlens")), sql);
        QCOMPARE(text, raw);
        int reads = 0;
        static const QRegularExpression readLine(QStringLiteral("-> (\\d+) calls"));
        for (auto it = readLine.globalMatch(QString::fromUtf8(readFile(path(QStringLiteral("text-workload.out"))))); it.hasNext();)
            reads += it.next().captured(1).toInt();
        QCOMPARE(raw.size(), reads);
        QVERIFY(reads >= 6);
    }

    // The probe rows, paired call by call: paths, dfd, flags, return value, status.
    void sameProbeRows()
    {
        const QStringList columns { QStringLiteral("path"), QStringLiteral("dfd_text"), QStringLiteral("flags_text"), QStringLiteral("ret_text"),
            QStringLiteral("status") };
        QList<QStringList> rows[2];
        const QString files[2] = { path(QStringLiteral("raw.ftlens")), path(QStringLiteral("text.ftlens")) };
        for (int i = 0; i < 2; ++i) {
            const QString csvFile = files[i] + QLatin1String(".csv");
            const Run exported = run(binary(QStringLiteral("ftlens-cli")),
                { QStringLiteral("export"), files[i], QStringLiteral("--probe"), QStringLiteral("myopen"), QStringLiteral("-o"), csvFile });
            QVERIFY2(exported.exitCode == 0, exported.err.constData());
            for (const QMap<QString, QString>& call : csv(csvFile)) {
                if (call.value(QStringLiteral("pid")) != m_workload)
                    continue;
                QStringList row;
                for (const QString& column : columns)
                    row << call.value(column);
                rows[i] << row;
            }
        }
        QCOMPARE(rows[1], rows[0]);
        const QStringList paths = [&] {
            QStringList p;
            for (const QStringList& row : rows[0])
                p << row.at(0);
            return p;
        }();
        for (const char* opened : { "/etc/passwd", "/nonexistent/file", "/proc/version", "/etc/group" })
            QVERIFY2(paths.contains(QLatin1String(opened)), qPrintable(paths.join(QLatin1Char(' '))));
    }

    // The call tree's first levels are the same in both runs; deeper, lock and allocator slow
    // paths may differ, so there most functions must still be found by both.
    void traceCmdFindsTheSameFunctions()
    {
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("trace-cmd")), 0);
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("graph")), 0);
        const FunctionsByDepth theirs = traceCmdFunctions(readFile(path(QStringLiteral("trace-cmd-report.out"))));
        const QString graph = path(QStringLiteral("graph.ftlens"));
        const FunctionsByDepth ours = helperFunctions(graph, scalar(graph, QStringLiteral("SELECT value FROM meta WHERE key = 'command_pid'")));
        QCOMPARE(ours.value(0), QSet<QString>({ QStringLiteral("do_sys_openat2") }));
        for (int depth = 0; depth <= 2; ++depth)
            QVERIFY2(ours.value(depth) == theirs.value(depth),
                qPrintable(QStringLiteral("depth %1: ftlens %2; trace-cmd %3").arg(depth).arg(listed(ours.value(depth)), listed(theirs.value(depth)))));
        QVERIFY(ours.value(1).contains(QStringLiteral("do_filp_open")));
        const QSet<QString> both = all(ours) & all(theirs);
        QVERIFY2(both.size() * 10 >= all(ours).size() * 7 && both.size() * 10 >= all(theirs).size() * 7,
            qPrintable(QStringLiteral("only ftlens: %1\nonly trace-cmd: %2").arg(listed(all(ours) - both), listed(all(theirs) - both))));
    }

    void nothingLeftBehind()
    {
        const QStringList changed = differences(snapshot(m_dir.path(), QStringLiteral("start")), snapshot(m_dir.path(), QStringLiteral("end")));
        QVERIFY2(changed.isEmpty(), qPrintable(changed.join(QLatin1Char('\n'))));
    }

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    Guest m_guest;
    QString m_workload;
};

QTEST_GUILESS_MAIN(TestVmCrossCheck)
#include "tst_vmcrosscheck.moc"
