// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calltreedata.h"
#include "calltreemodel.h"
#include "result.h"

#include <QString>

#include <functional>

namespace Gui {

// Writes the call tree as the view shows it (its sort order and search filter, every shown node,
// expanded or not) as RFC 4180 CSV: depth,path,function,calls,total_ns,self_ns,average_ns,max_ns,
// unfinished, one row per node in display order (depth 0: top-level rows); path is the functions from the top down
// joined with ';' (the folded-stack convention). Returns the rows written. Any thread.
Storage::Result<qint64> writeCallTreeCsv(const CallTreeData& tree, const CallTreeOrder& order, const QString& path,
    const std::function<bool()>& isCancelled = {});

} // namespace Gui
