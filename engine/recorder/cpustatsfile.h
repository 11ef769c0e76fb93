// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingwriter.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

namespace Recorder {

// Parses a per_cpu/cpuN/stats file ("entries: 12", "overrun: 0", "dropped events: 0", ...).
Storage::CpuStats parseCpuStats(int cpu, const QByteArray& text);
// Reads instanceDir/per_cpu/cpuN/stats; all zero when it cannot be read.
Storage::CpuStats readCpuStats(const QString& instanceDir, int cpu);

} // namespace Recorder
