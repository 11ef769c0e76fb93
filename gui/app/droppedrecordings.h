// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QMimeData;

namespace Gui {

// The local .ftlens files in a drag (or drop); empty when there are none, so the drag is refused.
QStringList droppedRecordings(const QMimeData* mime);

} // namespace Gui
