// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace Recorder {

// The helper's own tracefs instance (instances/ftlens-<pid>) and its own probe group
// (ftlens_<pid>). Everything it changes lives there, so other instances, the top-level buffer
// and global settings stay as they were. The destructor removes the instance and the probes;
// removeStale() does the same for a previous run that crashed. Owned by the helper's main thread.
class TraceInstance {
public:
    static Storage::Result<std::unique_ptr<TraceInstance>> create(const QString& tracefsRoot);
    ~TraceInstance();

    const QString& root() const { return m_root; }
    const QString& name() const { return m_name; }
    QString dir() const { return m_root + QLatin1String("/instances/") + m_name; }
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

    QString m_root;
    QString m_name;
    QString m_group;
    QStringList m_probes; // "uprobe_events" or "kprobe_events" + '\t' + event
    bool m_removed = false;
    bool m_tracerSet = false;
};

// True when pid is a running ftlens-helper (not a reused pid of another program).
bool helperIsRunning(qint64 pid);

// The newest entry of the kernel's error_log that mentions needle, as one line, or empty.
QString kernelErrorFor(const QString& tracefsRoot, const QString& needle);
// "[ts] trace_uprobe: error: WHY / Command: ... / ^" as "trace_uprobe: error: WHY (at column N: 'TOKEN')".
QString oneLineKernelError(const QString& entry);

} // namespace Recorder
