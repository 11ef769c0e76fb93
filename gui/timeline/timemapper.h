// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Gui {

// Maps a visible time range [from, to) (trace-clock ns) onto a pixel width and back, and
// derives zoomed and panned ranges. Integer ns throughout, so zooming down to single
// nanoseconds of a recording far from time 0 stays exact. A plain value; any thread.
class TimeMapper {
public:
    // The narrowest range a zoom may reach.
    static constexpr qint64 minDuration = 100;

    TimeMapper() = default;
    TimeMapper(qint64 from, qint64 to, double width);

    qint64 from() const { return m_from; }
    qint64 to() const { return m_to; }
    qint64 duration() const { return m_to - m_from; }
    double width() const { return m_width; }
    double nsPerPixel() const { return m_width > 0 ? double(duration()) / m_width : 0; }
    bool isValid() const { return m_to > m_from && m_width > 0; }

    double timeToPixel(qint64 ts) const;
    qint64 pixelToTime(double x) const;

    // factor < 1 zooms in, > 1 out; the time under pixel x stays under x.
    TimeMapper zoomedAround(double x, double factor) const;
    // Positive pixels move the view later in time.
    TimeMapper panned(double pixels) const;
    // Keeps the range inside [lo, hi], shifting it first and shrinking only if it is wider.
    TimeMapper clampedTo(qint64 lo, qint64 hi) const;
    TimeMapper withWidth(double width) const { return TimeMapper(m_from, m_to, width); }

    bool operator==(const TimeMapper&) const = default;

private:
    qint64 m_from = 0;
    qint64 m_to = 1;
    double m_width = 0;
};

} // namespace Gui
