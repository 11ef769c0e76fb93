// SPDX-License-Identifier: GPL-3.0-or-later
#include "functiontracer.h"

#include "functionlist.h"
#include "sharedsettings.h"
#include "traceinstance.h"
#include "tracefsroot.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

TracerProblem problem(HelperExit code, const QString& message) { return TracerProblem { code, message }; }

struct PatternOption {
    const QStringList& patterns;
    const char* option;
};

std::vector<PatternOption> patternOptions(const RecordOptions& o)
{
    return { { o.functionFilters, "-l" }, { o.functionNotrace, "-n" }, { o.graphFunctions, "-g" }, { o.graphNotrace, "--graph-notrace" } };
}

TracerCheck checkTracer(const RecordOptions& options, const Capabilities& caps)
{
    const bool graph = options.tracer == QLatin1String("function_graph");
    const Feature& feature = graph ? caps.functionGraphTracer : caps.functionTracer;
    if (feature.available)
        return {};
    const QString instead = Tr::tr("record tracepoints (-e) or uprobes (--uprobe) instead");
    if (caps.tracers.contains(options.tracer))
        return problem(HelperExit::TracerRefused,
            Tr::tr("%1 tracer refused by the kernel: %2; %3").arg(options.tracer, feature.why, instead));
    return problem(HelperExit::TracerRefused,
        Tr::tr("%1 tracer not available in this kernel: %2; %3").arg(options.tracer, feature.why, instead));
}

TracerCheck checkFunctionNames(const RecordOptions& options, const Capabilities& caps, const QString& root)
{
    const std::vector<PatternOption> lists = patternOptions(options);
    const auto first = std::find_if(lists.begin(), lists.end(), [](const PatternOption& o) { return !o.patterns.isEmpty(); });
    if (first == lists.end())
        return {};
    const QString firstText = QStringLiteral("%1 '%2'").arg(QLatin1String(first->option), first->patterns.constFirst());
    // Names are checked, never passed on blindly: without the list, nothing is recorded.
    const QString why = caps.filterFunctions.available ? QString() : caps.filterFunctions.why;
    auto text = why.isEmpty() ? readTracefsFile(root + QLatin1String("/available_filter_functions"))
                              : Storage::Result<QByteArray>(Storage::Error { why });
    if (!text)
        return problem(HelperExit::TracerRefused,
            Tr::tr("%1: cannot check function names, the kernel's function list is unreadable: %2").arg(firstText, text.error().message));
    const FunctionList functions = FunctionList::parse(text.value());
    for (const PatternOption& list : lists) {
        for (const QString& pattern : list.patterns) {
            if (functions.matches(pattern))
                continue;
            const QString option = QLatin1String(list.option);
            return problem(HelperExit::UnknownFunction, isFunctionGlob(pattern)
                    ? Tr::tr("%1 '%2': no function of this kernel matches (see available_filter_functions)").arg(option, pattern)
                    : Tr::tr("%1 '%2': no such function in available_filter_functions (it may be inlined, marked notrace "
                             "or in a module that is not loaded)")
                          .arg(option, pattern));
        }
    }
    return {};
}

QByteArray listText(const QStringList& patterns) { return patterns.join(QLatin1Char(' ')).toLatin1(); }

TracerCheck writeInstance(TraceInstance& instance, const QString& file, const QByteArray& text)
{
    if (Storage::Status s = instance.write(file, text); !s)
        return problem(HelperExit::KernelRefused, s.error().message);
    return {};
}

TracerCheck writePids(const QList<int>& pids, TraceInstance& instance)
{
    if (pids.isEmpty())
        return {};
    QByteArray list;
    for (int pid : pids)
        list += QByteArray::number(pid) + ' ';
    if (TracerCheck c = writeInstance(instance, QStringLiteral("set_ftrace_pid"), list))
        return c;
    // As event-fork does for events: children of the recorded tasks are traced as they fork.
    if (QFileInfo::exists(instance.dir() + QLatin1String("/options/function-fork")))
        return writeInstance(instance, QStringLiteral("options/function-fork"), "1");
    return {};
}

TracerCheck writeFilters(const RecordOptions& options, TraceInstance& instance)
{
    const std::pair<const char*, const QStringList*> filters[] = { { "set_ftrace_filter", &options.functionFilters },
        { "set_ftrace_notrace", &options.functionNotrace } };
    for (const auto& [file, patterns] : filters) {
        if (patterns->isEmpty())
            continue;
        if (!QFileInfo::exists(instance.dir() + QLatin1Char('/') + QLatin1String(file)))
            return problem(HelperExit::KernelRefused,
                Tr::tr("this kernel's instances have no %1 (it needs CONFIG_DYNAMIC_FTRACE)").arg(QLatin1String(file)));
        if (TracerCheck c = writeInstance(instance, QLatin1String(file), listText(*patterns)))
            return c;
    }
    return {};
}

// The instance's own file where the kernel has one, else the top-level file, which the kernel
// applies to every instance: changed through shared, which restores it.
TracerCheck writeGraphSetting(const QString& file, const QByteArray& text, TraceInstance& instance, SharedSettings& shared)
{
    if (QFileInfo::exists(instance.dir() + QLatin1Char('/') + file))
        return writeInstance(instance, file, text);
    if (!QFileInfo::exists(instance.root() + QLatin1Char('/') + file))
        return problem(HelperExit::KernelRefused,
            Tr::tr("this kernel has no %1 (it needs CONFIG_FUNCTION_GRAPH_TRACER and CONFIG_DYNAMIC_FTRACE)").arg(file));
    if (Storage::Status s = shared.set(file, text); !s)
        return problem(HelperExit::KernelRefused, s.error().message);
    return {};
}

TracerCheck writeGraphSettings(const RecordOptions& options, TraceInstance& instance, SharedSettings& shared)
{
    if (!options.graphFunctions.isEmpty())
        if (TracerCheck c = writeGraphSetting(QStringLiteral("set_graph_function"), listText(options.graphFunctions), instance, shared))
            return c;
    if (!options.graphNotrace.isEmpty())
        if (TracerCheck c = writeGraphSetting(QStringLiteral("set_graph_notrace"), listText(options.graphNotrace), instance, shared))
            return c;
    if (options.maxGraphDepth)
        return writeGraphSetting(QStringLiteral("max_graph_depth"), QByteArray::number(*options.maxGraphDepth), instance, shared);
    return {};
}

QString optionHint(const QString& name)
{
    if (name == QLatin1String("funcgraph-retval"))
        return Tr::tr("; it needs CONFIG_FUNCTION_GRAPH_RETVAL, Linux 6.5 or later");
    if (name == QLatin1String("funcgraph-retaddr"))
        return Tr::tr("; it needs CONFIG_FUNCTION_GRAPH_RETADDR, Linux 6.13 or later");
    if (name == QLatin1String("funcgraph-args"))
        return Tr::tr("; it needs CONFIG_FUNCTION_TRACE_ARGS, Linux 6.16 or later");
    return {};
}

TracerCheck writeTracerOptions(const RecordOptions& options, TraceInstance& instance, SharedSettings& shared)
{
    for (const QString& option : options.tracerOptions) {
        const bool off = option.startsWith(QLatin1String("no"));
        const QString name = off ? option.mid(2) : option;
        const QString file = QLatin1String("options/") + name;
        if (!QFileInfo::exists(instance.dir() + QLatin1Char('/') + file))
            return problem(HelperExit::KernelRefused, Tr::tr("-O %1: this kernel has no function_graph option '%2' (%3 is missing%4)")
                                                          .arg(option, name, instance.dir() + QLatin1Char('/') + file, optionHint(name)));
        // Shown per instance, but on many kernels one flag of the tracer for all instances.
        if (Storage::Status s = shared.set(instance.relativePath(file), off ? "0" : "1"); !s)
            return problem(HelperExit::KernelRefused, s.error().message);
    }
    return {};
}


// The top-level buffer is not fresh like a new instance: what someone left in its function filters,
// graph settings or tracing_thresh would silently narrow the recording. Each goes to its default
// (journaled like every top-level write) before the options set their own.
TracerCheck resetTopLevelFilters(TraceInstance& instance)
{
    const std::pair<const char*, QByteArray> defaults[] = { { "set_ftrace_filter", "\n" }, { "set_ftrace_notrace", "\n" },
        { "set_graph_function", "\n" }, { "set_graph_notrace", "\n" }, { "max_graph_depth", "0" }, { "tracing_thresh", "0" } };
    for (const auto& [file, text] : defaults) {
        if (!QFileInfo::exists(instance.dir() + QLatin1Char('/') + QLatin1String(file)))
            continue;
        if (TracerCheck c = writeInstance(instance, QLatin1String(file), text))
            return c;
    }
    return {};
}
} // namespace

TracerCheck checkFunctionTracer(const RecordOptions& options, const Capabilities& caps, const QString& tracefsRoot)
{
    if (TracerCheck c = checkTracer(options, caps))
        return c;
    return checkFunctionNames(options, caps, tracefsRoot);
}

TracerCheck configureFunctionTracer(const RecordOptions& options, const QList<int>& pids, TraceInstance& instance,
    SharedSettings& shared)
{
    if (instance.isTopLevel())
        if (TracerCheck c = resetTopLevelFilters(instance))
            return c;
    if (TracerCheck c = writePids(pids, instance))
        return c;
    if (TracerCheck c = writeFilters(options, instance))
        return c;
    if (TracerCheck c = writeGraphSettings(options, instance, shared))
        return c;
    if (TracerCheck c = writeTracerOptions(options, instance, shared))
        return c;
    if (Storage::Status s = instance.setTracer(options.tracer); !s)
        return problem(HelperExit::TracerRefused, Tr::tr("%1 tracer refused by the kernel: %2").arg(options.tracer, s.error().message));
    return {};
}

QStringList functionTracerEvents(const QString& tracer, const QString& tracefsRoot)
{
    // funcgraph_retval: a name some kernels' formats have been proposed with; fgraph_retaddr_entry:
    // the entry records of funcgraph-retaddr (6.13+).
    const QStringList candidates = tracer == QLatin1String("function")
        ? QStringList { QStringLiteral("function") }
        : QStringList { QStringLiteral("funcgraph_entry"), QStringLiteral("funcgraph_exit"), QStringLiteral("funcgraph_retval"),
              QStringLiteral("fgraph_retaddr_entry") };
    QStringList events;
    for (const QString& event : candidates) {
        if (QFileInfo::exists(QStringLiteral("%1/events/ftrace/%2/format").arg(tracefsRoot, event)))
            events << event;
    }
    return events;
}

QStringList functionAddressFields()
{
    return { QStringLiteral("func"), QStringLiteral("ip"), QStringLiteral("parent_ip"), QStringLiteral("retaddr") };
}

QString tracerOptionsSummary(const RecordOptions& options)
{
    QStringList parts;
    const std::pair<const char*, const QStringList*> lists[] = { { "set_ftrace_filter", &options.functionFilters },
        { "set_ftrace_notrace", &options.functionNotrace }, { "set_graph_function", &options.graphFunctions },
        { "set_graph_notrace", &options.graphNotrace } };
    for (const auto& [file, patterns] : lists) {
        if (!patterns->isEmpty())
            parts << QLatin1String(file) + QLatin1String(": ") + patterns->join(QLatin1Char(' '));
    }
    if (options.maxGraphDepth)
        parts << QStringLiteral("max_graph_depth: %1").arg(*options.maxGraphDepth);
    if (!options.tracerOptions.isEmpty())
        parts << QLatin1String("options: ") + options.tracerOptions.join(QLatin1Char(' '));
    return parts.join(QLatin1String("; "));
}

} // namespace Recorder
