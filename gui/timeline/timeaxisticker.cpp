// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeaxisticker.h"

#include <cmath>

namespace Gui {

namespace {
struct Unit {
    double ns;
    const char* name;
};
constexpr Unit units[] = { { 1e9, "s" }, { 1e6, "ms" }, { 1e3, "us" }, { 1, "ns" } };

const Unit& unitFor(double magnitude)
{
    for (const Unit& unit : units) {
        if (magnitude >= unit.ns)
            return unit;
    }
    return units[3];
}

// Enough decimals to write multiples of `step` in `unit` exactly (2.5 s steps need one).
int decimalsFor(double step, const Unit& unit)
{
    const double inUnit = step / unit.ns;
    int decimals = 0;
    double scaled = inUnit;
    while (decimals < 9 && std::abs(scaled - std::round(scaled)) > 1e-6 * std::max(1.0, scaled)) {
        scaled *= 10;
        ++decimals;
    }
    return decimals;
}
} // namespace

TimeAxisTicker::TimeAxisTicker() { setTickCount(6); }

QString TimeAxisTicker::formatDuration(double ns, int decimals)
{
    const Unit& unit = unitFor(std::abs(ns));
    if (decimals < 0)
        decimals = unit.ns == 1 ? 0 : 3;
    return QString::number(ns / unit.ns, 'f', decimals) + QLatin1Char(' ') + QLatin1String(unit.name);
}

double TimeAxisTicker::getTickStep(const QCPRange& range)
{
    // Whole nanoseconds at least: finer ticks would label the same ns twice.
    m_step = std::max(1.0, QCPAxisTicker::getTickStep(range));
    return m_step;
}

QString TimeAxisTicker::getTickLabel(double tick, const QLocale&, QChar, int)
{
    const Unit& unit = unitFor(std::max(std::abs(tick), m_step));
    const double rounded = std::round(tick);
    return QString::number(rounded / unit.ns, 'f', decimalsFor(m_step, unit)) + QLatin1Char(' ')
        + QLatin1String(unit.name);
}

} // namespace Gui
