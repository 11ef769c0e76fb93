// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "invokinguser.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Recorder {

// What to record, as given on the command line (or, later, by a validated protocol request).
struct RecordOptions {
    enum class SourceKind { Event, Uprobe, Uretprobe, Kprobe, Kretprobe, Preset };
    struct Source {
        SourceKind kind = SourceKind::Event;
        QString text;   // SYSTEM:EVENT pattern, probe definition or preset name
        QString filter; // the -f that followed it
    };

    QString tracefsDir; // empty: found from the mount table
    std::vector<Source> sources;
    QList<int> pids;
    double durationSeconds = 0; // 0: until SIGINT/SIGTERM or the command's exit
    int bufferKb = 0;           // per CPU; 0: defaultBufferKb()
    QString output;
    bool force = false; // --force: -o may name an existing file, replaced when a recording that started ends
    QStringList command;
    // Whose request this is (sudo's or pkexec's user; empty: root itself). The COMMAND runs as
    // them, and the output file is created with their rights and is theirs.
    std::optional<UserAccount> invokingUser;
    bool runAsRoot = false; // --run-as-root: the COMMAND runs as root all the same
    QString clock = QStringLiteral("mono");

    // The helper instance's current_tracer: nop, function or function_graph.
    QString tracer = QStringLiteral("nop");
    QStringList functionFilters; // -l: set_ftrace_filter (names or globs)
    QStringList functionNotrace; // -n: set_ftrace_notrace
    QStringList graphFunctions;  // -g: set_graph_function
    QStringList graphNotrace;    // --graph-notrace: set_graph_notrace
    std::optional<int> maxGraphDepth; // --max-graph-depth (0: no limit)
    QStringList tracerOptions;   // -O: funcgraph-proc, nofuncgraph-irqs, ... in the order given
    // Where kernel addresses are named after the recording (a fixture's file in tests).
    QString kallsymsPath = QStringLiteral("/proc/kallsyms");
    // Where the helper journals the settings the kernel keeps for all instances, so that they
    // are restored even after a crash (sharedsettings.h).
    QString stateDir = QStringLiteral("/run/ftlens-helper");

    bool usesFunctionTracer() const { return tracer != QLatin1String("nop"); }
};

// The per-CPU buffer used when -b is not given: large enough that the reader, which wakes
// every few milliseconds, never falls a whole buffer behind, without taking a big machine's memory.
int defaultBufferKb(int cpus);

} // namespace Recorder
