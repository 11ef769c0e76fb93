// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "capabilities.h"
#include "helperexitcode.h"
#include "recordoptions.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Recorder {

class SharedSettings;
class TraceInstance;

struct TracerProblem {
    HelperExit code = HelperExit::Failure;
    QString message;
};
using TracerCheck = std::optional<TracerProblem>;

// Before anything is changed: whether this kernel runs the requested tracer (from the capability
// report, which tried it in a scratch instance) and whether each -l/-n/-g/--graph-notrace names a
// function, or is a glob matching one, of the kernel's available_filter_functions.
TracerCheck checkFunctionTracer(const RecordOptions& options, const Capabilities& caps, const QString& tracefsRoot);

// Sets the function tracer up in the helper's instance: set_ftrace_pid, the filters, the
// funcgraph options and the tracer last. What the kernel keeps for all instances
// (set_graph_function, set_graph_notrace, max_graph_depth where the instance lacks them, and
// options/funcgraph-*) goes through shared, which restores it. Main thread only.
TracerCheck configureFunctionTracer(const RecordOptions& options, const QList<int>& pids, TraceInstance& instance,
    SharedSettings& shared);

// The ftrace events the tracer writes into the buffer, of those this kernel has a format for.
QStringList functionTracerEvents(const QString& tracer, const QString& tracefsRoot);
// The fields of those events that hold kernel addresses (named through kallsyms afterwards).
QStringList functionAddressFields();

// Meta tracer_options: "set_ftrace_filter: vfs_* do_sys_open; max_graph_depth: 3; options: funcgraph-proc".
QString tracerOptionsSummary(const RecordOptions& options);

} // namespace Recorder
