// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <functional>

namespace Engine {

// How an export reports and stops; plain value (the callbacks are called on the exporting thread).
struct ExportOptions {
    // 0..1000 as the export advances; called only when the value changes.
    std::function<void(int permille)> progress;
    // Polled every few thousand events; true stops the export (nothing is left at the output).
    std::function<bool()> isCancelled;
    // trace.dat: the file version (6 or 7) and, for 7, the compression ("none", "zstd": what Debian's libtracecmd writes).
    int traceDatVersion = 7;
    QString compression = QStringLiteral("none");
};

// What an export wrote.
struct ExportResult {
    std::int64_t events = 0;  // events written (trace.dat records, or JSON trace events)
    std::int64_t skipped = 0; // events that could not be written (said why in `note`)
    int cpus = 0;
    QString note;
};

} // namespace Engine
