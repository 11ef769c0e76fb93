// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltext.h"

#include "timeaxisticker.h"

#include <QCoreApplication>
#include <QLocale>

namespace Gui::CallText {

QString duration(qint64 ns) { return TimeAxisTicker::formatDuration(double(ns)); }

QString count(qint64 n) { return QLocale().toString(n); }

QString share(qint64 part, qint64 whole)
{
    if (whole <= 0)
        return {};
    return QLocale().toString(100.0 * double(part) / double(whole), 'f', 1) + QStringLiteral(" %");
}

QString noCalls()
{
    return QCoreApplication::translate("Gui::CallText",
        "No function calls in this recording — record with -p function_graph or import function_graph text.");
}

} // namespace Gui::CallText
