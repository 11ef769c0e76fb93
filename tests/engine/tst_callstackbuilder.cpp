// SPDX-License-Identifier: GPL-3.0-or-later
// Function tracer records into calls: nesting, interrupts on the interrupted task's stack, context
// switches between tasks, idle tasks per CPU, lost exits and lost entries (orphans adopted), the
// function tracer's single records, and self times.
#include "callstackbuilder.h"

#include <QTest>

namespace {
using Engine::CallStackBuilder;
using Storage::CallRow;
using Storage::noTime;
namespace CallFlag = Storage::CallFlag;

// A script of records: "E pid cpu ts depth fn" (entry), "X pid cpu ts depth fn dur" (exit;
// fn 0: not named, dur -1: from the entry), "L pid cpu ts depth fn dur" (leaf),
// "S pid cpu ts fn caller" (function tracer). Times -1 mean unknown.
std::vector<CallRow> run(const QString& script)
{
    CallStackBuilder builder;
    builder.setUnknownFunction(99);
    for (const QString& step : script.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QStringList f = step.trimmed().split(QLatin1Char(' '));
        auto n = [&](int i) { return f.at(i).toLongLong(); };
        auto t = [&](int i) { return n(i) < 0 ? noTime : n(i); };
        const CallStackBuilder::Place place { int(n(1)), int(n(2)) };
        if (f[0] == QLatin1String("E")) {
            builder.entry(place, t(3), int(n(4)), n(5));
        } else if (f[0] == QLatin1String("X")) {
            CallStackBuilder::Exit exit;
            exit.place = place;
            exit.ts = t(3);
            exit.depth = int(n(4));
            exit.function = n(5);
            exit.dur = t(6);
            builder.exit(exit);
        } else if (f[0] == QLatin1String("L")) {
            builder.leaf(place, t(3), t(6), int(n(4)), n(5));
        } else {
            builder.single(place, t(3), n(4), n(5));
        }
    }
    return builder.finish();
}

// Each call as "fn:parent-fn/ts/dur/self/depth/flags" in id order (parent fn 0 for none, "-" for unknown times).
QString describe(const std::vector<CallRow>& calls)
{
    QStringList out;
    auto v = [](std::int64_t x) { return x == noTime ? QStringLiteral("-") : QString::number(x); };
    for (const CallRow& c : calls) {
        const std::int64_t parentFn = c.parentId > 0 ? calls[std::size_t(c.parentId - 1)].function : 0;
        QString flags;
        if (c.flags & CallFlag::NoExit)
            flags += QLatin1Char('x');
        if (c.flags & CallFlag::NoEntry)
            flags += QLatin1Char('e');
        if (c.flags & CallFlag::Leaf)
            flags += QLatin1Char('l');
        out << QStringLiteral("%1:%2/%3/%4/%5/%6/%7").arg(c.function).arg(parentFn).arg(v(c.ts), v(c.dur), v(c.self)).arg(c.depth).arg(flags);
    }
    return out.join(QLatin1Char(' '));
}
} // namespace

class TestCallStackBuilder : public QObject {
    Q_OBJECT
private slots:
    void calls_data();
    void calls();
    void idsAndParents();
    void orphansPassedOverStopBeingScanned();
};

void TestCallStackBuilder::calls_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nested") << "E 5 0 100 0 1; E 5 0 110 1 2; X 5 0 130 1 2 -1; X 5 0 200 0 1 -1"
                            << "1:0/100/100/80/0/ 2:1/110/20/20/1/l";
    QTest::newRow("exit durations win over timestamps")
        << "E 5 0 100 0 1; X 5 0 200 0 1 90" << "1:0/100/90/90/0/l";
    // An interrupt nests on the interrupted task's stack, one level deeper.
    QTest::newRow("interrupt") << "E 5 0 100 0 1; E 5 0 110 1 7; X 5 0 120 1 7 -1; E 5 0 130 1 2; X 5 0 140 1 2 -1; X 5 0 150 0 1 -1"
                               << "1:0/100/50/30/0/ 7:1/110/10/10/1/l 2:1/130/10/10/1/l";
    // Task 5 is switched out inside schedule (3) and task 6 runs on the same CPU meanwhile.
    QTest::newRow("context switch") << "E 5 0 100 0 3; E 6 0 110 0 4; X 6 0 120 0 4 -1; X 5 0 150 0 3 -1"
                                    << "3:0/100/50/50/0/l 4:0/110/10/10/0/l";
    QTest::newRow("idle tasks are per CPU") << "E 0 0 100 0 1; E 0 1 105 0 2; X 0 0 110 0 1 -1; X 0 1 120 0 2 -1"
                                           << "1:0/100/10/10/0/l 2:0/105/15/15/0/l";
    QTest::newRow("lost exit, closed by a later entry at its depth")
        << "E 5 0 100 0 1; E 5 0 110 1 2; E 5 0 130 1 3; X 5 0 140 1 3 -1; X 5 0 150 0 1 -1"
        << "1:0/100/50/40/0/ 2:1/110/-/-/1/x 3:1/130/10/10/1/l";
    QTest::newRow("recording cut: open calls stay") << "E 5 0 100 0 1; E 5 0 110 1 2" << "1:0/100/-/-/0/x 2:1/110/-/-/1/x";
    // Text that starts inside a call: the leaf at depth 2, then the exits of its parents.
    QTest::newRow("lost entries adopt orphans")
        << "L 5 0 -1 2 4 5; X 5 0 -1 1 0 8; X 5 0 -1 0 6 20"
        << "4:99/-/5/5/2/l 99:6/-/8/3/1/e 6:0/-/20/12/0/e";
    // Text with abstime: the inner exit's derived start is a microsecond before its parent's.
    QTest::newRow("orphans adopted across a rounding step")
        << "X 5 0 2000 5 7 999; X 5 0 2001 4 8 999; X 5 0 2002 3 9 1001"
        << "7:8/1001/999/999/5/e 8:9/1002/999/0/4/e 9:0/1001/1001/2/3/e";
    QTest::newRow("orphan exit with time: start from its duration")
        << "X 5 0 200 0 6 50" << "6:0/150/50/50/0/e";
    QTest::newRow("exit names another function: a different call")
        << "E 5 0 100 0 1; X 5 0 120 0 2 10" << "1:0/100/-/-/0/x 2:0/110/10/10/0/e";
    QTest::newRow("function tracer") << "S 5 0 100 1 2; S 5 1 101 3 1" << "1:0/100/-/-/0/ 3:0/101/-/-/0/";
    QTest::newRow("rounded children never make self negative")
        << "E 5 0 -1 0 1; L 5 0 -1 1 2 600; L 5 0 -1 1 3 600; X 5 0 -1 0 1 1000" << "1:0/-/1000/0/0/ 2:1/-/600/600/1/l 3:1/-/600/600/1/l";
    // Durations from text or timestamps near the ends of int64 (edited text; found by
    // fuzz_funcgraph): self times saturate instead of overflowing.
    QTest::newRow("children beyond int64 in total")
        << "E 5 0 -1 0 1; L 5 0 -1 1 2 9000000000000000000; L 5 0 -1 1 3 9000000000000000000; X 5 0 -1 0 1 1000"
        << "1:0/-/1000/0/0/ 2:1/-/9000000000000000000/9000000000000000000/1/l 3:1/-/9000000000000000000/9000000000000000000/1/l";
    QTest::newRow("exit before its entry")
        << "E 5 0 0 0 1; E 5 0 9000000000000000000 1 2; X 5 0 0 1 2 -1; X 5 0 9000000000000000000 0 1 -1"
        << "1:0/0/9000000000000000000/9223372036854775807/0/ 2:1/9000000000000000000/-9000000000000000000/0/1/l";
    QTest::newRow("unknown task: the CPU is the stack")
        << "E -1 0 -1 0 1; E -1 1 -1 0 2; X -1 0 -1 0 0 30; X -1 1 -1 0 0 40" << "1:0/-/30/30/0/l 2:0/-/40/40/0/l";
}

void TestCallStackBuilder::calls()
{
    QFETCH(QString, script);
    QFETCH(QString, expected);
    QCOMPARE(describe(run(script)), expected);
}

void TestCallStackBuilder::idsAndParents()
{
    const std::vector<CallRow> calls = run(QStringLiteral("E 5 0 100 0 1; E 5 0 110 1 2; L 5 0 115 2 3 1; X 5 0 130 1 2 -1; X 5 0 200 0 1 -1"));
    QCOMPARE(calls.size(), std::size_t(3));
    for (std::size_t i = 0; i < calls.size(); ++i)
        QCOMPARE(calls[i].id, std::int64_t(i + 1));
    QCOMPARE(calls[0].parentId, std::int64_t(0));
    QCOMPARE(calls[1].parentId, std::int64_t(1));
    QCOMPARE(calls[2].parentId, std::int64_t(2));
    QCOMPARE(calls[2].pid, 5);
    QCOMPARE(calls[2].depth, 2);
}

void TestCallStackBuilder::orphansPassedOverStopBeingScanned()
{
    // Text where no exit can be any orphan's caller (each is shorter than the orphans): every
    // exit used to scan every orphan, 300k of each being 4.5e10 checks. Now each orphan is looked
    // at by its first 64 candidates, and the orphans keep no caller, as before.
    constexpr int count = 300000;
    CallStackBuilder builder;
    builder.setUnknownFunction(99);
    for (int i = 0; i < count; ++i)
        builder.leaf({ 1, 0 }, noTime, 5000, 5, 1);
    for (int i = 0; i < count; ++i) {
        CallStackBuilder::Exit exit;
        exit.place = { 1, 0 };
        exit.dur = 500;
        builder.exit(exit);
    }
    const std::vector<CallRow> calls = builder.finish();
    QCOMPARE(int(calls.size()), 2 * count);
    QVERIFY(std::all_of(calls.begin(), calls.end(), [](const CallRow& c) { return c.parentId == 0; }));
    // And a caller still adopts what it really called, after many exits passed over others.
    const std::vector<CallRow> adopted = run(QStringLiteral("L 1 0 -1 2 5 100; X 1 0 -1 0 0 50; X 1 0 -1 1 7 300"));
    QCOMPARE(describe(adopted), QStringLiteral("5:7/-/100/100/2/l 99:0/-/50/50/0/e 7:0/-/300/200/1/e"));
}

QTEST_GUILESS_MAIN(TestCallStackBuilder)
#include "tst_callstackbuilder.moc"
