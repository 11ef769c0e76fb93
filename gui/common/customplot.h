// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// <qcustomplot.h> for the project's QT_NO_FOREACH builds: its two template functions use
// Qt's `foreach`, which that define removes. Both are plain loops over a QList member, so a
// range-for stands in for them while the header is read.

#ifdef QT_NO_FOREACH
#define foreach(variable, container) for (variable : container)
#include <qcustomplot.h>
#undef foreach
#else
#include <qcustomplot.h>
#endif
