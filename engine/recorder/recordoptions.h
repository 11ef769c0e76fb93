// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

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
    QStringList command;
    QString clock = QStringLiteral("mono");
};

// The per-CPU buffer used when -b is not given: large enough that the reader, which wakes
// every few milliseconds, never falls a whole buffer behind, without taking a big machine's memory.
int defaultBufferKb(int cpus);

} // namespace Recorder
