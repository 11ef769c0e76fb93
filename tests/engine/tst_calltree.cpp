// SPDX-License-Identifier: GPL-3.0-or-later
// CallTree (top-down, bottom-up, hot path), functionStatistics and callDurations on small call
// sets built by hand: trees printed as text, recursion, calls without exit, parents outside the
// scope or written after their children; then invariants on generated nested calls (self within
// total, children within parents, depths, bottom-up sums).
#include "calltree.h"

#include <QRandomGenerator>
#include <QTest>

#include <map>
#include <numeric>

using Engine::CallTree;
using Storage::noTime;

namespace {

struct Call {
    std::int64_t id;
    std::int64_t parent; // id, 0: none (or outside the scope)
    const char* function;
    std::int64_t dur; // noTime: no exit
};

// Calls as loadCalls returns them: self is dur minus the finished children's durations.
Storage::LoadedCalls loaded(const std::vector<Call>& calls)
{
    Storage::LoadedCalls out;
    std::map<std::int64_t, std::int32_t> index;
    for (const Call& call : calls)
        index[call.id] = std::int32_t(index.size());
    for (const Call& call : calls) {
        const QString name = QString::fromLatin1(call.function);
        auto it = std::find(out.functionNames.begin(), out.functionNames.end(), name);
        if (it == out.functionNames.end())
            it = out.functionNames.insert(out.functionNames.end(), name);
        std::int64_t self = call.dur;
        std::int32_t depth = 0;
        for (const Call& child : calls) {
            if (child.parent == call.id && child.dur != noTime && self != noTime)
                self -= child.dur;
        }
        for (std::int64_t up = call.parent; up > 0 && index.count(up); up = calls[std::size_t(index[up])].parent)
            ++depth;
        out.id.push_back(call.id);
        out.parent.push_back(call.parent > 0 && index.count(call.parent) ? index[call.parent] : -1);
        out.ts.push_back(call.id * 10);
        out.dur.push_back(call.dur);
        out.self.push_back(self);
        out.cpu.push_back(0);
        out.pid.push_back(1);
        out.depth.push_back(depth);
        out.function.push_back(std::int32_t(it - out.functionNames.begin()));
        out.flags.push_back(call.dur == noTime ? Storage::CallFlag::NoExit : 0);
    }
    return out;
}

QString name(const Storage::LoadedCalls& calls, const Engine::CallTreeNode& node)
{
    return node.function < 0 ? QStringLiteral("<root>") : calls.functionNames[std::size_t(node.function)];
}

// "  function calls total self max unfinished", two spaces per level, the root left out.
void print(const Storage::LoadedCalls& calls, const CallTree& tree, std::int32_t node, int level, QStringList& out)
{
    for (const std::int32_t child : tree.node(node).children) {
        const Engine::CallTreeNode& n = tree.node(child);
        out << QString(level * 2, QLatin1Char(' '))
                + QStringLiteral("%1 %2 %3 %4 %5 %6").arg(name(calls, n)).arg(n.calls).arg(n.total).arg(n.self).arg(n.max).arg(n.unfinished);
        QCOMPARE(n.parent, node);
        print(calls, tree, child, level + 1, out);
    }
}

QStringList printed(const Storage::LoadedCalls& calls, const CallTree& tree)
{
    QStringList out;
    print(calls, tree, 0, 0, out);
    return out;
}

QStringList lines(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* item : items)
        out << QString::fromLatin1(item);
    return out;
}

// bash: main 100 > read 30, write 30 > read 10; a second main 50 > read 20; then
// a cut recording: main (no exit) > read 5, read (no exit).
const std::vector<Call> tasks = {
    { 1, 0, "main", 100 },
    { 2, 1, "read", 30 },
    { 3, 1, "write", 30 },
    { 4, 3, "read", 10 },
    { 5, 0, "main", 50 },
    { 6, 5, "read", 20 },
    { 7, 0, "main", noTime },
    { 8, 7, "read", 5 },
    { 9, 7, "read", noTime },
};

// fib recursing twice, then once more with an outer call that never returned.
const std::vector<Call> recursion = {
    { 1, 0, "fib", 100 },
    { 2, 1, "fib", 60 },
    { 3, 2, "fib", 30 },
    { 4, 0, "main", noTime },
    { 5, 4, "fib", noTime },
    { 6, 5, "fib", 40 },
    { 7, 6, "fib", 10 },
};

// Nested calls of a few tasks, as a recording makes them: children inside their parent, in
// entry order; each task's last chain cut (no exit) when cut is set.
Storage::LoadedCalls generated(quint32 seed, bool cut)
{
    QRandomGenerator random(seed);
    static const char* const names[] = { "main", "read", "write", "vfs_read", "vfs_write", "memcpy", "schedule", "kmalloc" };
    std::vector<Call> calls;
    std::function<void(std::int64_t, int, std::int64_t)> grow = [&](std::int64_t parent, int depth, std::int64_t budget) {
        const int children = depth >= 6 ? 0 : int(random.bounded(4));
        for (int i = 0; i < children && budget > 4; ++i) {
            const std::int64_t dur = 1 + random.bounded(int(budget / 2));
            budget -= dur;
            calls.push_back({ std::int64_t(calls.size()) + 1, parent, names[random.bounded(8)], dur });
            grow(std::int64_t(calls.size()), depth + 1, dur);
        }
    };
    for (int task = 0; task < 4; ++task) {
        for (int top = 0; top < 20; ++top) {
            calls.push_back({ std::int64_t(calls.size()) + 1, 0, names[random.bounded(3)], 10000 });
            grow(std::int64_t(calls.size()), 1, 10000);
        }
        // The last call and all its ancestors lost their exits.
        for (std::int64_t id = std::int64_t(calls.size()); cut && id > 0; id = calls[std::size_t(id - 1)].parent)
            calls[std::size_t(id - 1)].dur = noTime;
    }
    return loaded(calls);
}

// The node reached from the root by the functions of call's path (outermost first).
std::int32_t nodeOfPath(const Storage::LoadedCalls& calls, const CallTree& tree, std::size_t call, int& length)
{
    std::vector<std::int32_t> path;
    for (std::int32_t c = std::int32_t(call); c >= 0; c = calls.parent[std::size_t(c)])
        path.insert(path.begin(), calls.function[std::size_t(c)]);
    length = int(path.size());
    std::int32_t node = 0;
    for (const std::int32_t function : path) {
        const auto& children = tree.node(node).children;
        const auto it = std::find_if(children.begin(), children.end(),
            [&](std::int32_t child) { return tree.node(child).function == function; });
        if (it == children.end())
            return -1;
        node = *it;
    }
    return node;
}
} // namespace

Q_DECLARE_METATYPE(std::vector<Call>)

class TestCallTree : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void topDown_data()
    {
        QTest::addColumn<std::vector<Call>>("calls");
        QTest::addColumn<QStringList>("expected"); // function calls total self max unfinished

        QTest::addRow("one call") << std::vector<Call> { { 1, 0, "main", 7 } } << lines({ "main 1 7 7 7 0" });
        QTest::addRow("empty") << std::vector<Call> {} << QStringList {};
        // Same path, one node; children by total, equal totals by calls then first appearance.
        QTest::addRow("tasks") << tasks
                               << lines({ "main 3 150 70 100 1", "  read 4 55 55 30 1", "  write 1 30 20 30 0", "    read 1 10 10 10 0" });
        QTest::addRow("recursion") << recursion
                                   << lines({ "fib 1 100 40 100 0", "  fib 1 60 30 60 0", "    fib 1 30 30 30 0", "main 1 0 0 0 1",
                                          "  fib 1 0 0 0 1", "    fib 1 40 30 40 0", "      fib 1 10 10 10 0" });
        // Parents outside the scope: the calls start at the root, merged with others there.
        QTest::addRow("parent outside") << std::vector<Call> { { 2, 1, "read", 30 }, { 3, 2, "vfs_read", 20 }, { 5, 0, "read", 10 } }
                                        << lines({ "read 2 40 20 30 0", "  vfs_read 1 20 20 20 0" });
        // An exit-only outer call written after the calls it holds.
        QTest::addRow("parent after child") << std::vector<Call> { { 1, 3, "leaf", 5 }, { 2, 3, "leaf", 7 }, { 3, 0, "outer", 20 } }
                                            << lines({ "outer 1 20 8 20 0", "  leaf 2 12 12 7 0" });
    }

    void topDown()
    {
        QFETCH(std::vector<Call>, calls);
        QFETCH(QStringList, expected);
        const Storage::LoadedCalls loadedCalls = loaded(calls);
        const CallTree tree = CallTree::topDown(loadedCalls);
        QCOMPARE(printed(loadedCalls, tree), expected);
        const Engine::CallTreeNode& root = tree.node(0);
        QCOMPARE(root.function, -1);
        QCOMPARE(root.calls, std::accumulate(root.children.begin(), root.children.end(), std::int64_t(0),
                                 [&](std::int64_t sum, std::int32_t child) { return sum + tree.node(child).calls; }));
        QCOMPARE(root.total, std::accumulate(root.children.begin(), root.children.end(), std::int64_t(0),
                                 [&](std::int64_t sum, std::int32_t child) { return sum + tree.node(child).total; }));
    }

    void bottomUp_data()
    {
        QTest::addColumn<std::vector<Call>>("calls");
        QTest::addColumn<QStringList>("expected");
        // Functions by self time; below each, its callers with their share of it.
        QTest::addRow("tasks") << tasks
                               << lines({ "main 3 70 70 40 1", "read 5 65 65 30 1", "  main 4 55 55 30 1", "  write 1 10 10 10 0",
                                   "    main 1 10 10 10 0", "write 1 20 20 20 0", "  main 1 20 20 20 0" });
        QTest::addRow("recursion") << recursion
                                   << lines({ "fib 6 140 140 40 1", "  fib 4 100 100 30 0", "    fib 2 40 40 30 0", "      main 1 10 10 10 0",
                                       "    main 1 30 30 30 0", "  main 1 0 0 0 1", "main 1 0 0 0 1" });
    }

    void bottomUp()
    {
        QFETCH(std::vector<Call>, calls);
        QFETCH(QStringList, expected);
        const Storage::LoadedCalls loadedCalls = loaded(calls);
        QCOMPARE(printed(loadedCalls, CallTree::bottomUp(loadedCalls)), expected);
    }

    void hotPath_data()
    {
        QTest::addColumn<std::vector<Call>>("calls");
        QTest::addColumn<bool>("bottomUp");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("top-down") << tasks << false << lines({ "<root>", "main", "read" });
        QTest::addRow("top-down recursion") << recursion << false << lines({ "<root>", "fib", "fib", "fib" });
        QTest::addRow("bottom-up") << tasks << true << lines({ "<root>", "main" });
        QTest::addRow("bottom-up recursion") << recursion << true << lines({ "<root>", "fib", "fib", "fib", "main" });
        QTest::addRow("empty") << std::vector<Call> {} << false << lines({ "<root>" });
    }

    void hotPath()
    {
        QFETCH(std::vector<Call>, calls);
        QFETCH(bool, bottomUp);
        QFETCH(QStringList, expected);
        const Storage::LoadedCalls loadedCalls = loaded(calls);
        const CallTree tree = bottomUp ? CallTree::bottomUp(loadedCalls) : CallTree::topDown(loadedCalls);
        QStringList path;
        for (const std::int32_t node : tree.hotPath(0))
            path << name(loadedCalls, tree.node(node));
        QCOMPARE(path, expected);
        // From an inner node the path starts there.
        if (expected.size() > 2) {
            const std::int32_t second = tree.hotPath(0).at(1);
            QCOMPARE(tree.hotPath(second).front(), second);
            QCOMPARE(tree.hotPath(second).size(), std::size_t(expected.size() - 1));
        }
        QVERIFY(tree.hotPath(-1).empty());
        QVERIFY(tree.hotPath(std::int32_t(tree.nodes().size())).empty());
    }

    void functionStatistics_data()
    {
        QTest::addColumn<std::vector<Call>>("calls");
        QTest::addColumn<QStringList>("expected"); // function calls total self average min max unfinished
        QTest::addRow("tasks") << tasks
                               << lines({ "main 3 150 70 75 50 100 1", "read 5 65 65 16 5 30 1", "write 1 30 20 30 30 30 0" });
        // Recursion counted once in total (the outermost finished call), but every call in
        // average, min and max; an outer call without exit leaves the inner ones counted.
        QTest::addRow("recursion") << recursion << lines({ "fib 6 140 140 48 10 100 1", "main 1 0 0 0 0 0 1" });
        QTest::addRow("mutual recursion") << std::vector<Call> { { 1, 0, "a", 90 }, { 2, 1, "b", 50 }, { 3, 2, "a", 20 } }
                                          << lines({ "a 2 90 60 55 20 90 0", "b 1 50 30 50 50 50 0" });
        QTest::addRow("empty") << std::vector<Call> {} << QStringList {};
    }

    void functionStatistics()
    {
        QFETCH(std::vector<Call>, calls);
        QFETCH(QStringList, expected);
        const Storage::LoadedCalls loadedCalls = loaded(calls);
        QStringList out;
        for (const Engine::FunctionStatistics& f : Engine::functionStatistics(loadedCalls)) {
            out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                       .arg(loadedCalls.functionNames[std::size_t(f.function)])
                       .arg(f.calls)
                       .arg(f.total)
                       .arg(f.self)
                       .arg(f.average)
                       .arg(f.min)
                       .arg(f.max)
                       .arg(f.unfinished);
        }
        QCOMPARE(out, expected);
    }

    void callDurations()
    {
        const Storage::LoadedCalls loadedCalls = loaded(tasks);
        QCOMPARE(Engine::callDurations(loadedCalls, 1), (std::vector<std::int64_t> { 30, 10, 20, 5 }));
        QCOMPARE(Engine::callDurations(loadedCalls, 0), (std::vector<std::int64_t> { 100, 50 }));
        QVERIFY(Engine::callDurations(loadedCalls, 7).empty());
    }

    // A parent cycle (a damaged file) must not hang or crash: the link closing it is cut.
    void cycle()
    {
        Storage::LoadedCalls calls = loaded({ { 1, 0, "a", 10 }, { 2, 1, "b", 5 }, { 3, 0, "c", 3 } });
        calls.parent = { 1, 0, 5 };
        const CallTree down = CallTree::topDown(calls);
        const CallTree up = CallTree::bottomUp(calls);
        // b (its link to a cut) at the top with a below it, and c at the top.
        QCOMPARE(printed(calls, down), lines({ "b 1 5 5 5 0", "  a 1 10 5 10 0", "c 1 3 3 3 0" }));
        QCOMPARE(up.node(0).calls, 3);
        QCOMPARE(Engine::functionStatistics(calls).size(), std::size_t(3));
    }

    void invariants_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<bool>("cut");
        for (const quint32 seed : { 1u, 2u, 3u, 42u }) {
            QTest::addRow("seed %u", seed) << seed << false;
            QTest::addRow("seed %u, cut", seed) << seed << true;
        }
    }

    void invariants()
    {
        QFETCH(quint32, seed);
        QFETCH(bool, cut);
        const Storage::LoadedCalls calls = generated(seed, cut);
        QVERIFY(calls.size() > 100);
        const CallTree down = CallTree::topDown(calls);
        std::int64_t nodeCalls = 0;
        for (std::size_t i = 1; i < down.nodes().size(); ++i) {
            const Engine::CallTreeNode& node = down.nodes()[i];
            nodeCalls += node.calls;
            QVERIFY(node.self >= 0 && node.self <= node.total);
            QVERIFY(node.max <= node.total);
            QVERIFY(node.unfinished <= node.calls);
            std::int64_t children = 0;
            for (const std::int32_t child : node.children)
                children += down.node(child).total;
            // Finished calls hold their children exactly: total = self + children's totals.
            if (!cut)
                QCOMPARE(node.total, node.self + children);
            else if (node.unfinished == 0)
                QVERIFY(children <= node.total);
        }
        QCOMPARE(nodeCalls, std::int64_t(calls.size()));
        // Each call is counted in the node of its path, at its depth.
        for (std::size_t i = 0; i < calls.size(); i += 7) {
            int length = 0;
            QVERIFY(nodeOfPath(calls, down, i, length) > 0);
            QCOMPARE(length, calls.depth[i] + 1);
        }

        const CallTree up = CallTree::bottomUp(calls);
        std::int64_t selfSum = 0;
        for (const std::int64_t self : calls.self)
            selfSum += self == noTime ? 0 : self;
        QCOMPARE(up.node(0).calls, std::int64_t(calls.size()));
        QCOMPARE(up.node(0).total, selfSum);
        for (const Engine::CallTreeNode& node : up.nodes()) {
            std::int64_t childCalls = 0;
            std::int64_t childTotal = 0;
            for (const std::int32_t child : node.children) {
                childCalls += up.node(child).calls;
                childTotal += up.node(child).total;
            }
            QVERIFY(childCalls <= node.calls);
            QVERIFY(childTotal <= node.total);
            QCOMPARE(node.self, node.function < 0 ? 0 : node.total);
        }

        std::int64_t statCalls = 0;
        for (const Engine::FunctionStatistics& f : Engine::functionStatistics(calls)) {
            statCalls += f.calls;
            QVERIFY(f.self <= f.total || f.unfinished > 0);
            QVERIFY(f.min <= f.average && f.average <= f.max);
        }
        QCOMPARE(statCalls, std::int64_t(calls.size()));
    }

private:
};

QTEST_GUILESS_MAIN(TestCallTree)
#include "tst_calltree.moc"
