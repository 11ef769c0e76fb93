// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltreecsv.h"

#include "csvwriter.h"

#include <QCoreApplication>

namespace Gui {

namespace {
    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(Gui::CallTreeCsv)
    };

    struct Frame {
        std::int32_t node;
        std::size_t pathLength; // of `path` before this node's name was appended
    };
} // namespace

Storage::Result<qint64> writeCallTreeCsv(
    const CallTreeData& tree, const CallTreeOrder& order, const QString& path, const std::function<bool()>& isCancelled)
{
    Storage::CsvWriter csv;
    if (Storage::Status s = csv.open(path); !s)
        return s.error();
    for (const char* title :
        { "depth", "path", "function", "calls", "total_ns", "self_ns", "average_ns", "max_ns", "unfinished" })
        csv.field(std::string_view(title));
    if (Storage::Status s = csv.endRow(); !s)
        return s.error();
    qint64 rows = 0;
    std::string pathText;
    std::vector<Frame> stack;
    const auto pushChildren = [&](std::int32_t node) {
        for (int row = order.shown[std::size_t(node)] - 1; row >= 0; --row)
            stack.push_back(Frame { order.child(node, row), pathText.size() });
    };
    if (tree.size())
        pushChildren(0);
    while (!stack.empty()) {
        const Frame frame = stack.back();
        stack.pop_back();
        pathText.resize(frame.pathLength);
        const std::string name = tree.name(frame.node).toStdString();
        if (!pathText.empty())
            pathText += ';';
        pathText += name;
        const Engine::CallTreeNode& n = tree.node(frame.node);
        csv.field(std::int64_t(tree.depth[std::size_t(frame.node)] - 1)); // top-level rows: 0
        csv.field(pathText);
        csv.field(name);
        for (const std::int64_t value : { n.calls, n.total, n.self, n.average(), n.max, n.unfinished })
            csv.field(value);
        if (Storage::Status s = csv.endRow(); !s)
            return s.error();
        ++rows;
        if ((rows & 0xfff) == 0 && isCancelled && isCancelled())
            return Storage::Error { Tr::tr("export cancelled") };
        pushChildren(frame.node);
    }
    if (Storage::Status s = csv.close(); !s)
        return s.error();
    return rows;
}

} // namespace Gui
