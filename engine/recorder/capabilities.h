// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Recorder {

// One kernel feature: whether ftlens can use it here and, when not, why — in words that name
// the file, the errno or the missing kernel option, so the user knows what to change.
struct Feature {
    bool available = false;
    QString why; // set whenever available == false
    QString note; // a limit of an available feature, e.g. where it runs
};

// What the running kernel lets the helper do. Found by looking at tracefs and, where a listing
// is not proof (a tracer can be listed yet refused), by trying it in a scratch instance that is
// removed again. Nothing outside that scratch instance is changed (the top-level buffer, other
// instances and probes stay as they are).
struct Capabilities {
    QString tracefsPath;
    bool tracefsMountedByUs = false;
    QStringList tracers; // available_tracers
    Feature functionTracer; // listed and really settable in a scratch instance
    Feature functionGraphTracer; // listed and settable in a scratch instance, or only at the top level
    // Instances refuse function_graph (EINVAL, and their available_tracers omit it) while the top
    // level lists it: Linux before 6.x kept it to the top-level buffer.
    bool functionGraphTopLevelOnly = false;
    Feature filterFunctions; // available_filter_functions readable
    Feature kprobes, kretprobes; // kprobe_events present
    Feature uprobes, uretprobes; // uprobe_events present and writable
    Feature eprobes; // dynamic_events present, the README shows the e[:...] syntax, a trial eprobe is accepted
    Feature instances; // instances/ present and a scratch instance can be created
    Feature btf; // /sys/kernel/btf/vmlinux exists
    QString lockdown; // "none", "integrity", "confidentiality" or "unknown"
    int cpus = 0; // per_cpu/cpuN directories (sysconf when there are none)
    QStringList traceClocks;
    QString currentClock;
};

// Detects the capabilities of the kernel behind tracefsDir (empty: find tracefs, mounting it
// when mountIfNeeded). Lockdown is read the same way whatever mountIfNeeded says: from
// securityfs, mounted privately for the read where the system has not mounted it. Fails only when there is no usable tracefs at all; everything
// else is reported per feature. Needs root for a real tracefs.
Storage::Result<Capabilities> detectCapabilities(const QString& tracefsDir, bool mountIfNeeded);

// Machine-readable form: one boolean per feature (function_tracer, function_graph_tracer,
// filter_functions, kprobes, kretprobes, uprobes, uretprobes, eprobes, instances, btf, tracefs),
// "<feature>_why" and an entry in the "why" object for each false one, "<feature>_note" for a
// true one with a limit, function_graph_top_level_only, plus tracefs_path,
// tracefs_mounted_by_us, tracers, lockdown, cpus, trace_clocks and current_clock.
QJsonObject capabilitiesToJson(const Capabilities& caps);

// Human-readable form: a few facts, then an aligned table with one line per feature.
QString capabilitiesToText(const Capabilities& caps);

} // namespace Recorder
