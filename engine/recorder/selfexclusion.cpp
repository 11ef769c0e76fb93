// SPDX-License-Identifier: GPL-3.0-or-later
#include "selfexclusion.h"

#include "ownthreads.h"
#include "traceinstance.h"

#include <QFileInfo>

namespace Recorder {

namespace {
struct NotraceFiles {
    const char* pids;
    const char* fork; // the option that adds the children of listed tasks to the list
};
constexpr NotraceFiles eventFiles { "set_event_notrace_pid", "options/event-fork" };
constexpr NotraceFiles functionFiles { "set_ftrace_notrace_pid", "options/function-fork" };

// False when the instance has no such pid file.
Storage::Result<bool> writeNotrace(TraceInstance& instance, const NotraceFiles& files, const QByteArray& pids)
{
    const QString pidFile = QLatin1String(files.pids);
    if (!QFileInfo::exists(instance.dir() + QLatin1Char('/') + pidFile))
        return false;
    if (Storage::Status s = instance.write(pidFile, pids); !s)
        return s.error();
    const QString forkOption = QLatin1String(files.fork);
    if (QFileInfo::exists(instance.dir() + QLatin1Char('/') + forkOption)) {
        if (Storage::Status s = instance.write(forkOption, "1"); !s)
            return s.error();
    }
    return true;
}
} // namespace

Storage::Result<SelfExclusion> excludeOwnThreads(TraceInstance& instance, bool functionTracer, const OwnThreads& threads)
{
    const QByteArray pids = threads.pidList();
    auto events = writeNotrace(instance, eventFiles, pids);
    if (!events)
        return events.error();
    bool byKernel = events.value();
    if (functionTracer) {
        auto functions = writeNotrace(instance, functionFiles, pids);
        if (!functions)
            return functions.error();
        byKernel = byKernel && functions.value();
    }
    return byKernel ? SelfExclusion::Kernel : SelfExclusion::Writer;
}

QString selfExclusionName(SelfExclusion mode)
{
    return mode == SelfExclusion::Kernel ? QStringLiteral("kernel") : QStringLiteral("writer");
}

} // namespace Recorder
