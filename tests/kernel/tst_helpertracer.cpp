// SPDX-License-Identifier: GPL-3.0-or-later
// ftlens-helper record -p function|function_graph on the real kernel. Where the kernel refuses the
// tracer (lockdown makes current_tracer EPERM; function_graph not built in) the helper must refuse
// before recording, with exit code 12 and the reason the capability report gives, leaving no file,
// instance or journal and the top-level tracer as it was. Where the kernel allows it, the calls
// of a small command are recorded and their addresses named.
#include "helperprocess.h"

#include "helperexitcode.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace KernelTest;
using Recorder::HelperExit;

namespace {
QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::int64_t count(const QString& file, const char* sql)
{
    sqlite3* db = nullptr;
    std::int64_t n = -1;
    if (sqlite3_open_v2(QFile::encodeName(file).constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW)
            n = sqlite3_column_int64(statement, 0);
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return n;
}

QString errorLine(const QByteArray& err)
{
    const QList<QByteArray> lines = err.split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("ftlens-helper: ") && !line.startsWith("ftlens-helper: recording "))
            return QString::fromUtf8(line.mid(15));
    }
    return {};
}
} // namespace

class TestHelperTracer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString reason = skipReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        const Run caps = run(binary(QStringLiteral("ftlens-helper")), { QStringLiteral("caps"), QStringLiteral("--json") });
        QCOMPARE(caps.exitCode, 0);
        m_caps = QJsonDocument::fromJson(caps.out).object();
        QVERIFY(!m_caps.isEmpty());
    }

    void cleanupTestCase() { removeLeftovers(); }

    void tracer_data()
    {
        QTest::addColumn<QString>("tracer");
        QTest::addColumn<QStringList>("filters");
        QTest::addColumn<QString>("event"); // recorded where the kernel allows the tracer
        QTest::addRow("function") << QStringLiteral("function") << QStringList { QStringLiteral("-l"), QStringLiteral("vfs_*") }
                                  << QStringLiteral("function");
        QTest::addRow("function_graph") << QStringLiteral("function_graph")
                                        << QStringList { QStringLiteral("-g"), QStringLiteral("vfs_read"), QStringLiteral("--max-graph-depth"),
                                               QStringLiteral("2") }
                                        << QStringLiteral("funcgraph_entry");
    }

    void tracer()
    {
        QFETCH(QString, tracer);
        QFETCH(QStringList, filters);
        QFETCH(QString, event);
        const QString root = tracefsRoot();
        const QByteArray tracerBefore = readFile(root + QLatin1String("/current_tracer"));
        const QByteArray depthBefore = readFile(root + QLatin1String("/max_graph_depth"));
        const QString file = m_dir.filePath(tracer + QLatin1String(".ftlens"));
        QProcess helper;
        helper.start(binary(QStringLiteral("ftlens-helper")),
            QStringList { QStringLiteral("record"), QStringLiteral("-p"), tracer } + filters
                + QStringList { QStringLiteral("-o"), file, QStringLiteral("--"), QStringLiteral("/bin/cat"), QStringLiteral("/etc/hostname") });
        QVERIFY(helper.waitForFinished(60000));
        const QByteArray err = helper.readAllStandardError();
        const QString key = tracer + QLatin1String("_tracer");

        if (m_caps.value(key).toBool()) {
            QVERIFY2(helper.exitCode() == 0, err.constData());
            QVERIFY2(count(file, qPrintable(QStringLiteral("SELECT count(*) FROM event e JOIN event_type t ON t.id = e.type_id "
                                                           "WHERE t.system = 'ftrace' AND t.name = '%1'").arg(event))) > 0, err.constData());
            QVERIFY(count(file, "SELECT count(*) FROM kernel_symbol") > 0);
        } else {
            QCOMPARE(helper.exitCode(), int(HelperExit::TracerRefused));
            const QString why = m_caps.value(key + QLatin1String("_why")).toString();
            const QString expected = m_caps.value(QStringLiteral("tracers")).toVariant().toStringList().contains(tracer)
                ? QStringLiteral("%1 tracer refused by the kernel: %2; record tracepoints (-e) or uprobes (--uprobe) instead").arg(tracer, why)
                : QStringLiteral("%1 tracer not available in this kernel: %2; record tracepoints (-e) or uprobes (--uprobe) instead").arg(tracer, why);
            QCOMPARE(errorLine(err), expected);
            if (m_caps.value(QStringLiteral("lockdown")).toString() != QLatin1String("none") && why.contains(QLatin1String("not permitted")))
                QVERIFY2(why.contains(QLatin1String("lockdown")), qPrintable(why));
            QVERIFY2(!QFileInfo::exists(file), "refused before recording: no file");
        }
        QCOMPARE(leftoversOf(helper.processId()), QStringList());
        QVERIFY(!QFileInfo::exists(QStringLiteral("/run/ftlens-helper/settings-%1.json").arg(helper.processId())));
        QCOMPARE(readFile(root + QLatin1String("/current_tracer")), tracerBefore);
        QCOMPARE(readFile(root + QLatin1String("/max_graph_depth")), depthBefore);
    }

private:
    QTemporaryDir m_dir;
    QJsonObject m_caps;
};

QTEST_GUILESS_MAIN(TestHelperTracer)
#include "tst_helpertracer.moc"
