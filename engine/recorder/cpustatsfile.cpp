// SPDX-License-Identifier: GPL-3.0-or-later
#include "cpustatsfile.h"

#include "tracefsroot.h"

namespace Recorder {

Storage::CpuStats parseCpuStats(int cpu, const QByteArray& text)
{
    Storage::CpuStats stats;
    stats.cpu = cpu;
    const std::pair<const char*, std::int64_t*> keys[] = {
        { "entries", &stats.entries },
        { "overrun", &stats.overrun },
        { "commit overrun", &stats.commitOverrun },
        { "bytes", &stats.bytes },
        { "dropped events", &stats.droppedEvents },
        { "read events", &stats.readEvents },
    };
    const QByteArrayList lines = text.split('\n');
    for (const QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray key = line.left(colon).trimmed();
        for (const auto& [name, target] : keys) {
            if (key == name)
                *target = line.mid(colon + 1).trimmed().toLongLong();
        }
    }
    return stats;
}

Storage::CpuStats readCpuStats(const QString& instanceDir, int cpu)
{
    auto text = readTracefsFile(QStringLiteral("%1/per_cpu/cpu%2/stats").arg(instanceDir).arg(cpu));
    return parseCpuStats(cpu, text ? text.value() : QByteArray());
}

} // namespace Recorder
