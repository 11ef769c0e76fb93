// SPDX-License-Identifier: GPL-3.0-or-later
// Entry/return pairing per task, with cut calls kept and marked.
#include "probepairing.h"

#include <QTest>

using Engine::ProbeCall;
using Engine::ProbeHit;

namespace {
// "E12/R15" per call (E0 / R0 where a side is missing).
QString describe(const std::vector<ProbeCall>& calls)
{
    QStringList out;
    for (const ProbeCall& call : calls)
        out << QStringLiteral("E%1/R%2").arg(call.entryId).arg(call.returnId);
    return out.join(QLatin1Char(' '));
}

// "e1:100 r2:100" -> hits (e = entry, r = return; id:pid).
std::vector<ProbeHit> hits(const QString& text)
{
    std::vector<ProbeHit> out;
    for (const QString& token : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        out.push_back({ token.mid(1).section(QLatin1Char(':'), 0, 0).toLongLong(), token.section(QLatin1Char(':'), 1).toInt(),
            token.startsWith(QLatin1Char('r')) });
    return out;
}
} // namespace

class TestProbePairing : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pairs_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("calls");
        QTest::addRow("one call") << QStringLiteral("e1:7 r2:7") << QStringLiteral("E1/R2");
        QTest::addRow("two tasks interleaved") << QStringLiteral("e1:7 e2:8 r3:8 r4:7") << QStringLiteral("E1/R4 E2/R3");
        QTest::addRow("recursion nests") << QStringLiteral("e1:7 e2:7 r3:7 r4:7") << QStringLiteral("E1/R4 E2/R3");
        QTest::addRow("entry cut at the end") << QStringLiteral("e1:7 e2:8 r3:8") << QStringLiteral("E1/R0 E2/R3");
        QTest::addRow("return before the start") << QStringLiteral("r1:7 e2:7 r3:7") << QStringLiteral("E0/R1 E2/R3");
        QTest::addRow("return of another task does not close") << QStringLiteral("e1:7 r2:9") << QStringLiteral("E1/R0 E0/R2");
        QTest::addRow("sequential calls") << QStringLiteral("e1:7 r2:7 e3:7 r4:7") << QStringLiteral("E1/R2 E3/R4");
        QTest::addRow("empty") << QString() << QString();
    }
    void pairs()
    {
        QFETCH(QString, input);
        QFETCH(QString, calls);
        QCOMPARE(describe(Engine::pairProbeHits(hits(input))), calls);
    }

    void status()
    {
        QCOMPARE(int((ProbeCall { 1, 2 }).status()), int(ProbeCall::Status::Paired));
        QCOMPARE(int((ProbeCall { 1, 0 }).status()), int(ProbeCall::Status::EntryOnly));
        QCOMPARE(int((ProbeCall { 0, 2 }).status()), int(ProbeCall::Status::ReturnOnly));
    }

    void place_data()
    {
        QTest::addColumn<QString>("definition");
        QTest::addColumn<QString>("place");
        QTest::addRow("kprobe") << QStringLiteral("p:ftlens_1/myopen do_sys_open filename=+0(%si):string") << QStringLiteral("do_sys_open");
        QTest::addRow("kretprobe") << QStringLiteral("r16:ftlens_1/r do_sys_open $retval") << QStringLiteral("do_sys_open");
        QTest::addRow("+0 is the entry") << QStringLiteral("p:g/x do_sys_open+0") << QStringLiteral("do_sys_open");
        QTest::addRow("uprobe") << QStringLiteral("p:g/x /lib/libc.so.6:0xf7fc0 path=+0(%di):string")
                                << QStringLiteral("/lib/libc.so.6:0xf7fc0");
    }
    void place()
    {
        QFETCH(QString, definition);
        QFETCH(QString, place);
        QCOMPARE(Engine::probePlace(definition), place);
    }
};

QTEST_GUILESS_MAIN(TestProbePairing)
#include "tst_probepairing.moc"
