// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "customplot.h"

namespace Gui {

// Labels a time axis whose coordinates are ns since the recording start with s/ms/us/ns,
// choosing the unit from the tick step so labels stay short ("1.250 ms"). GUI thread only.
class TimeAxisTicker : public QCPAxisTicker {
public:
    TimeAxisTicker();
    // "12.5 us" style text for a duration in ns (also used for selections and marker deltas).
    static QString formatDuration(double ns, int decimals = -1);

protected:
    double getTickStep(const QCPRange& range) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;

private:
    double m_step = 1;
};

} // namespace Gui
