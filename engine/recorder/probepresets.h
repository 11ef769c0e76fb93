// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordoptions.h"
#include "result.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace Recorder {

// Ready-made probe sets, chosen from what the running kernel and system really have:
//   opens-kernel  kprobes on do_sys_openat2 (Linux >= 5.6) or do_sys_open, with dfd, filename,
//                 flags, mode and the return value, and on do_filp_open with dfd and pathname;
//   opens-libc    uprobes on the system libc's open64/openat64 and their returns, for kernels
//                 without kprobes, with syscalls:sys_exit_openat for the errno behind a -1.
struct PresetExpansion {
    std::vector<RecordOptions::Source> sources;
    QStringList places; // what was probed, for the recording's meta
};

QStringList presetNames();
// tracefsRoot: to see whether kprobes exist; arch: register names (x86_64, aarch64).
Storage::Result<PresetExpansion> expandPreset(const QString& name, const QString& tracefsRoot, const QString& arch);

// The libc this process runs with (the system's), from /proc/self/maps.
QString systemLibcPath();

} // namespace Recorder
