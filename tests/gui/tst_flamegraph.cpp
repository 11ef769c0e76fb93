// SPDX-License-Identifier: GPL-3.0-or-later
// The flame graph: layout widths proportional to total time (children never overflow, runs of
// sub-pixel frames merged), zoom and the breadcrumb bar, hit-testing points to frames, search
// highlight, stable colours, tooltips and painting.
#include "calltestsupport.h"

#include "flamebreadcrumbbar.h"
#include "flamegraphlayout.h"
#include "flamegraphwidget.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using Gui::FlameFrame;
using Gui::FlameGraphLayout;

namespace {
QStringList lines(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list << QString::fromUtf8(item);
    return list;
}

// "row name@x+width" per frame; merged runs as "(n merged)".
QStringList printLayout(const Gui::CallTreeData& tree, const FlameGraphLayout& layout)
{
    QStringList out;
    for (const FlameFrame& f : layout.frames()) {
        const QString name = f.node >= 0 ? tree.name(f.node) : QStringLiteral("(%1 merged)").arg(f.merged);
        out << QStringLiteral("%1 %2@%3+%4").arg(f.row).arg(name).arg(f.x).arg(f.width);
    }
    return out;
}

std::int32_t nodeByPath(const Gui::CallTreeData& tree, const QStringList& path)
{
    for (std::size_t node = 1; node < tree.size(); ++node) {
        if (tree.path(std::int32_t(node)) == path)
            return std::int32_t(node);
    }
    return -1;
}
} // namespace

class TestFlameGraph : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString file = m_dir.filePath(QStringLiteral("calls.ftlens"));
        QCOMPARE(CallTest::writeCallRecording(file, CallTest::smallCalls()), QString());
        m_tree = Gui::buildCallTree(CallTest::load(file), Gui::CallTreeMode::TopDown);
        QCOMPARE(m_tree->rootTotal(), 1600);
    }

    void layout_data()
    {
        QTest::addColumn<QStringList>("zoom");
        QTest::addColumn<double>("width");
        QTest::addColumn<QStringList>("expected");
        // write never returned: no time, so it is merged (into nothing visible).
        QTest::addRow("root, 1600 px") << QStringList() << 1600.0
                                       << lines({ "0 all calls@0+1600", "1 main@0+1000", "1 read@1000+600",
                                              "1 (1 merged)@1600+0", "2 read@0+500", "2 write@500+200",
                                              "2 vfs_read@1000+500", "3 vfs_read@0+350" });
        QTest::addRow("zoomed into main, 800 px") << lines(
            { "main" }) << 800.0 << lines({ "0 main@0+800", "1 read@0+400", "1 write@400+160", "2 vfs_read@0+280" });
        QTest::addRow("read at the top level, 60 px")
            << lines({ "read" }) << 60.0 << lines({ "0 read@0+60", "1 vfs_read@0+50" });
        // Below a pixel, neighbours merge into one frame and what lies under them is not placed.
        QTest::addRow("root, 2.4 px") << QStringList() << 2.4
                                      << lines({ "0 all calls@0+2.4", "1 main@0+1.5", "1 (2 merged)@1.5+0.9",
                                             "2 (2 merged)@0+1.05" });
    }

    void layout()
    {
        QFETCH(QStringList, zoom);
        QFETCH(double, width);
        QFETCH(QStringList, expected);
        const std::int32_t node = zoom.isEmpty() ? 0 : nodeByPath(*m_tree, zoom);
        QVERIFY(node >= 0);
        const FlameGraphLayout layout = FlameGraphLayout::build(*m_tree, node, width);
        QCOMPARE(printLayout(*m_tree, layout), expected);
    }

    void narrowSiblingsAreMerged()
    {
        // One 1 ms call with a 500 µs child and 1000 children of 500 ns each, all different
        // functions (so they stay 1000 nodes).
        std::vector<QByteArray> names;
        for (int i = 0; i < 1000; ++i)
            names.push_back("tiny" + QByteArray::number(i));
        std::vector<CallTest::Call> calls { { 1, 0, 0, 1'000'000, 0, 1, 0, "parent" },
            { 2, 1, 1, 500'000, 0, 1, 1, "big" } };
        for (int i = 0; i < 1000; ++i)
            calls.push_back({ 3 + i, 1, 600'000 + i * 500, 500, 0, 1, 1, names[std::size_t(i)].constData() });
        const auto tree = Gui::buildCallTree(CallTest::inMemory(calls), Gui::CallTreeMode::TopDown);
        QCOMPARE(tree->size(), std::size_t(1003));
        const FlameGraphLayout layout = FlameGraphLayout::build(*tree, 0, 1000);
        // all calls, parent, big, one merged run of 1000 frames of 0.5 px each.
        QCOMPARE(layout.frames().size(), std::size_t(4));
        const FlameFrame& merged = layout.frames()[3];
        QCOMPARE(merged.node, -1);
        QCOMPARE(merged.merged, 1000);
        QCOMPARE(merged.mergedTotal, 500'000);
        QCOMPARE(merged.x, 500.0);
        QCOMPARE(merged.width, 500.0);
    }

    void hitTesting_data()
    {
        QTest::addColumn<QPoint>("cell"); // x in px, row
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("top row") << QPoint(5, 0) << QStringList { QStringLiteral("(root)") };
        QTest::addRow("main") << QPoint(999, 1) << lines({ "main" });
        QTest::addRow("read at the top level") << QPoint(1000, 1) << lines({ "read" });
        QTest::addRow("read under main") << QPoint(10, 2) << lines({ "main", "read" });
        QTest::addRow("vfs_read under read") << QPoint(1499, 2) << lines({ "read", "vfs_read" });
        QTest::addRow("deepest") << QPoint(349, 3) << lines({ "main", "read", "vfs_read" });
        QTest::addRow("beside a frame") << QPoint(360, 3) << QStringList();
        QTest::addRow("below the graph") << QPoint(10, 6) << QStringList();
    }

    void hitTesting()
    {
        QFETCH(QPoint, cell);
        QFETCH(QStringList, expected);
        Gui::FlameGraphWidget widget;
        widget.resize(1600, 300);
        widget.setTree(m_tree);
        const QPoint pos(cell.x(), cell.y() * widget.rowHeight() + widget.rowHeight() / 2);
        const std::int32_t node = widget.nodeAt(pos);
        if (expected.isEmpty())
            QCOMPARE(node, -1);
        else if (expected == QStringList { QStringLiteral("(root)") })
            QCOMPARE(node, 0);
        else
            QCOMPARE(m_tree->path(node), expected);
    }

    void zoomAndBreadcrumb()
    {
        Gui::FlameGraphWidget widget;
        Gui::FlameBreadcrumbBar bar;
        QObject::connect(&widget, &Gui::FlameGraphWidget::zoomChanged, &bar,
            [&] { bar.setPath(widget.tree(), widget.breadcrumb()); });
        QObject::connect(&bar, &Gui::FlameBreadcrumbBar::nodeChosen, &widget, &Gui::FlameGraphWidget::zoomTo);
        widget.resize(1600, 300);
        widget.show();
        bar.show();
        QSignalSpy zooms(&widget, &Gui::FlameGraphWidget::zoomChanged);
        QSignalSpy clicks(&widget, &Gui::FlameGraphWidget::nodeClicked);
        widget.setTree(m_tree);
        QCOMPARE(widget.breadcrumb(), std::vector<std::int32_t> { 0 });

        const int rowH = widget.rowHeight();
        QTest::mouseClick(&widget, Qt::LeftButton, {}, QPoint(100, rowH + rowH / 2)); // main
        const std::int32_t main = nodeByPath(*m_tree, lines({ "main" }));
        QCOMPARE(widget.zoomNode(), main);
        QCOMPARE(clicks.size(), 1);
        // Zoomed: main fills the width, read (500 of 1000 ns) half of it.
        const FlameGraphLayout& zoomed = widget.layout();
        QCOMPARE(zoomed.frames().front().node, main);
        QCOMPARE(zoomed.frames().front().width, 1600.0);
        QCOMPARE(zoomed.frames()[1].width, 800.0);

        QTest::mouseClick(&widget, Qt::LeftButton, {}, QPoint(700, rowH + rowH / 2)); // main > read
        const std::int32_t read = nodeByPath(*m_tree, lines({ "main", "read" }));
        QCOMPARE(widget.breadcrumb(), (std::vector<std::int32_t> { 0, main, read }));
        QCOMPARE(bar.shownNodes(), (std::vector<std::int32_t> { 0, main, read }));

        // Back up through the breadcrumb bar: its buttons are in path order.
        const QList<QToolButton*> buttons = bar.findChildren<QToolButton*>();
        QToolButton* mainButton = nullptr;
        for (QToolButton* button : buttons) {
            if (button->isVisible() && button->text() == QStringLiteral("main"))
                mainButton = button;
        }
        QVERIFY(mainButton);
        QTest::mouseClick(mainButton, Qt::LeftButton);
        QCOMPARE(widget.zoomNode(), main);
        QTest::keyClick(&widget, Qt::Key_Escape);
        QCOMPARE(widget.zoomNode(), 0);
        QCOMPARE(bar.shownNodes(), std::vector<std::int32_t> { 0 });
        QCOMPARE(zooms.size(), 5); // setTree, main, read, main, root
    }

    void longBreadcrumbsKeepBothEnds()
    {
        Gui::FlameBreadcrumbBar bar;
        std::vector<std::int32_t> path;
        for (std::int32_t i = 0; i < 12; ++i)
            path.push_back(i % 4); // any nodes: only the count matters here
        bar.setPath(m_tree, path);
        QCOMPARE(int(bar.shownNodes().size()), Gui::FlameBreadcrumbBar::maxButtons);
        QCOMPARE(bar.shownNodes().front(), 0);
        QCOMPARE(bar.shownNodes().back(), path.back());
    }

    void searchHighlight()
    {
        Gui::FlameGraphWidget widget;
        widget.resize(1600, 300);
        widget.setTree(m_tree);
        const FlameGraphLayout& layout = widget.layout();
        std::vector<QColor> plain;
        for (const FlameFrame& frame : layout.frames())
            plain.push_back(widget.frameColour(frame));

        widget.setSearchText(QStringLiteral("READ"));
        QStringList highlighted;
        for (std::size_t i = 0; i < layout.frames().size(); ++i) {
            const FlameFrame& frame = layout.frames()[i];
            if (frame.node < 0)
                continue;
            const bool match = widget.isHighlighted(frame.node);
            if (match)
                highlighted << m_tree->path(frame.node).join(QLatin1Char('>'));
            // Matches keep their colour; everything else is washed out.
            QCOMPARE(widget.frameColour(frame) == plain[i], match);
        }
        QCOMPARE(highlighted, lines({ "read", "main>read", "read>vfs_read", "main>read>vfs_read" }));
        widget.setSearchText(QString());
        QVERIFY(!widget.isHighlighted(nodeByPath(*m_tree, lines({ "read" }))));
    }

    void coloursAreStablePerFunction()
    {
        Gui::FlameGraphWidget a, b;
        a.resize(1600, 300);
        b.resize(800, 300);
        a.setTree(m_tree);
        b.setTree(Gui::buildCallTree(m_tree->calls, Gui::CallTreeMode::BottomUp));
        const auto colourOf = [](Gui::FlameGraphWidget& w, const QString& name) {
            for (const FlameFrame& frame : w.layout().frames()) {
                if (frame.node > 0 && w.tree()->name(frame.node) == name)
                    return w.frameColour(frame);
            }
            return QColor();
        };
        for (const char* name : { "main", "read", "vfs_read" }) {
            const QColor colour = colourOf(a, QString::fromUtf8(name));
            QVERIFY(colour.isValid());
            QCOMPARE(colourOf(b, QString::fromUtf8(name)), colour);
        }
        QVERIFY(colourOf(a, QStringLiteral("main")) != colourOf(a, QStringLiteral("read")));
    }

    void toolTipAndPaint()
    {
        Gui::FlameGraphWidget widget;
        widget.resize(1600, 200);
        widget.setTree(m_tree);
        const FlameGraphLayout& layout = widget.layout();
        const int read = layout.frameOfNode(nodeByPath(*m_tree, lines({ "read" })));
        QVERIFY(read >= 0);
        const QString tip = widget.toolTipText(layout.frames()[std::size_t(read)]);
        QVERIFY2(tip.contains(QStringLiteral("<b>read</b>")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Calls: 1")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("600 ns")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("37.5")), qPrintable(tip)); // 600 of 1600 ns
        QVERIFY2(tip.contains(QStringLiteral("Self: 100 ns")), qPrintable(tip));

        const QImage image = widget.grab().toImage();
        const FlameFrame& main
            = layout.frames()[std::size_t(layout.frameOfNode(nodeByPath(*m_tree, lines({ "main" }))))];
        QCOMPARE(QColor(image.pixel(990, widget.rowHeight() + 1)), widget.frameColour(main));
        QCOMPARE(QColor(image.pixel(1500, 3 * widget.rowHeight() + 2)), widget.palette().color(QPalette::Base));
    }

private:
    QTemporaryDir m_dir;
    Gui::CallTreePtr m_tree;
};

QTEST_MAIN(TestFlameGraph)
#include "tst_flamegraph.moc"
