// SPDX-License-Identifier: GPL-3.0-or-later
#include "timemapper.h"

#include <algorithm>
#include <cmath>

namespace Gui {

TimeMapper::TimeMapper(qint64 from, qint64 to, double width)
    : m_from(from)
    , m_to(std::max(to, from + 1))
    , m_width(width)
{
}

double TimeMapper::timeToPixel(qint64 ts) const
{
    // Subtract in integers first: the offset is small even when ts itself is huge.
    return m_width > 0 ? double(ts - m_from) * m_width / double(duration()) : 0;
}

qint64 TimeMapper::pixelToTime(double x) const
{
    return m_from + qint64(std::llround(m_width > 0 ? x * double(duration()) / m_width : 0));
}

TimeMapper TimeMapper::zoomedAround(double x, double factor) const
{
    const qint64 anchor = pixelToTime(x);
    const double newDuration = std::max(double(minDuration), double(duration()) * factor);
    const double share = m_width > 0 ? std::clamp(x / m_width, 0.0, 1.0) : 0.5;
    const qint64 from = anchor - qint64(std::llround(newDuration * share));
    return TimeMapper(from, from + qint64(std::llround(newDuration)), m_width);
}

TimeMapper TimeMapper::panned(double pixels) const
{
    const qint64 shift = qint64(std::llround(pixels * nsPerPixel()));
    return TimeMapper(m_from + shift, m_to + shift, m_width);
}

TimeMapper TimeMapper::clampedTo(qint64 lo, qint64 hi) const
{
    if (hi <= lo)
        return *this;
    if (duration() >= hi - lo)
        return TimeMapper(lo, hi, m_width);
    const qint64 shift = m_from < lo ? lo - m_from : m_to > hi ? hi - m_to : 0;
    return TimeMapper(m_from + shift, m_to + shift, m_width);
}

} // namespace Gui
