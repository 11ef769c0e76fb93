// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Gui::CallText {

// A duration as the timeline shows them ("12 ns", "3.250 µs", "1.500 ms").
QString duration(qint64 ns);
// A call count with the locale's digit grouping.
QString count(qint64 n);
// part / whole as "12.5 %"; empty when whole is 0.
QString share(qint64 part, qint64 whole);
// What the call views show for a recording without calls.
QString noCalls();

} // namespace Gui::CallText
