// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltreedata.h"

#include <QCoreApplication>

namespace Gui {

namespace {
    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(Gui::CallTreeData)
    };

    // Depths by a walk from the root: the engine does not promise that parents precede children.
    void computeDepths(CallTreeData& data)
    {
        data.depth.assign(data.size(), 0);
        if (!data.size())
            return;
        std::vector<std::int32_t> stack { 0 };
        while (!stack.empty()) {
            const std::int32_t node = stack.back();
            stack.pop_back();
            for (const std::int32_t child : data.node(node).children) {
                data.depth[std::size_t(child)] = data.depth[std::size_t(node)] + 1;
                data.maxDepth = std::max(data.maxDepth, data.depth[std::size_t(child)]);
                stack.push_back(child);
            }
        }
    }
} // namespace

QString CallTreeData::name(std::int32_t index) const
{
    const std::int32_t function = node(index).function;
    if (function < 0 || !calls || std::size_t(function) >= calls->functionNames.size())
        return Tr::tr("all calls");
    return calls->functionNames[std::size_t(function)];
}

QStringList CallTreeData::path(std::int32_t index) const
{
    QStringList names;
    for (std::int32_t n = index; n > 0; n = node(n).parent)
        names.prepend(name(n));
    return names;
}

std::vector<bool> CallTreeData::matchingFunctions(const QString& text) const
{
    const std::size_t functions = calls ? calls->functionNames.size() : 0;
    std::vector<bool> matches(functions, false);
    if (text.isEmpty())
        return matches;
    for (std::size_t f = 0; f < functions; ++f)
        matches[f] = calls->functionNames[f].contains(text, Qt::CaseInsensitive);
    return matches;
}

CallTreePtr buildCallTree(std::shared_ptr<const Storage::LoadedCalls> calls, CallTreeMode mode)
{
    auto data = std::make_shared<CallTreeData>();
    data->mode = mode;
    if (calls)
        data->tree
            = mode == CallTreeMode::TopDown ? Engine::CallTree::topDown(*calls) : Engine::CallTree::bottomUp(*calls);
    data->calls = std::move(calls);
    computeDepths(*data);
    return data;
}

} // namespace Gui
