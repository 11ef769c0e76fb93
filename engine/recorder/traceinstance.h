// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace Recorder {

class SharedSettings;
class TopLevelExpansion;

// The helper's own tracefs instance (instances/ftlens-<pid>) and its own probe group
// (ftlens_<pid>). Everything it changes lives there, so other instances, the top-level buffer
// and global settings stay as they were. The destructor removes the instance and the probes;
// removeStale() does the same for a previous run that crashed. Owned by the helper's main thread.
//
// For a tracer the kernel runs only in the top-level buffer (function_graph before instances
// could have it), useTopLevel() stands for that buffer instead: every write goes through a
// SharedSettings journal, which puts each setting back when the recording ends and, after a
// crash, on the next record or cleanup. The journal must outlive nothing but the writes: the
// destructor then only removes the probes.
class TraceInstance {
public:
    static Storage::Result<std::unique_ptr<TraceInstance>> create(const QString& tracefsRoot);
    static std::unique_ptr<TraceInstance> useTopLevel(const QString& tracefsRoot, SharedSettings& journal);
    ~TraceInstance();

    const QString& root() const { return m_root; }
    // Empty for the top-level buffer.
    const QString& name() const { return m_name; }
    bool isTopLevel() const { return m_journal != nullptr; }
    QString dir() const { return isTopLevel() ? m_root : m_root + QLatin1String("/instances/") + m_name; }
    // A file of this buffer as a path from the tracefs root.
    QString relativePath(const QString& file) const
    {
        return isTopLevel() ? file : QLatin1String("instances/") + m_name + QLatin1Char('/') + file;
    }
    const QString& probeGroup() const { return m_group; }

    Storage::Status write(const QString& file, const QByteArray& text);
    Storage::Result<QByteArray> read(const QString& file) const;

    // Adds a uprobe/kprobe line to the kernel's global definition file (appending, never
    // truncating); a refusal carries the kernel's error_log text.
    Storage::Status addProbe(const QString& definitionFile, const QByteArray& line, const QString& event);
    Storage::Status enableEvent(const QString& system, const QString& event);
    // A refusal carries the kernel's parse error, read back from the filter file.
    Storage::Status setFilter(const QString& system, const QString& event, const QString& filter);

    // Sets the instance's current_tracer; remove() puts it back to nop before the instance goes.
    Storage::Status setTracer(const QString& tracer);

    // Stops writing into the buffer (tracing_on = 0); reading what is buffered still works.
    void stopTracing();
    // Removes the instance and the probes now; also done by the destructor.
    void remove();

    // Removes instances and probe groups left by ftlens-helper processes that no longer run.
    static QStringList removeStale(const QString& tracefsRoot);

private:
    TraceInstance(QString root, QString name, QString group);

    SharedSettings* m_journal = nullptr; // the top-level buffer's journal; null for an instance
    std::unique_ptr<TopLevelExpansion> m_expansion;
    QString m_root;
    QString m_name;
    QString m_group;
    QStringList m_probes; // "uprobe_events" or "kprobe_events" + '\t' + event
    bool m_removed = false;
    bool m_tracerSet = false;
};

// Why the top-level buffer is not idle (its current_tracer is not nop, events are enabled in it,
// it holds events nobody has read), or empty when it is: only then may a helper take it.
QString topLevelBusyReason(const QString& tracefsRoot);

// True when pid is a running ftlens-helper (not a reused pid of another program).
bool helperIsRunning(qint64 pid);

// The newest entry of the kernel's error_log that mentions needle, as one line, or empty.
QString kernelErrorFor(const QString& tracefsRoot, const QString& needle);
// "[ts] trace_uprobe: error: WHY / Command: ... / ^" as "trace_uprobe: error: WHY (at column N: 'TOKEN')".
QString oneLineKernelError(const QString& entry);

} // namespace Recorder
