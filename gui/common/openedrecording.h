// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingreader.h"

#include <QMap>
#include <QString>

#include <memory>
#include <vector>

namespace Gui {

// What the app knows about an open recording once its open worker finished: an immutable value
// shared between the GUI thread and workers. Workers open their own read-only connections
// from `path` (one SQLite connection per thread).
struct OpenedRecording {
    QString path;
    QMap<QString, QString> meta;
    std::vector<Storage::EventTypeInfo> eventTypes;
    Storage::RecordingSummary summary;
    int cpus = 0;
};

using RecordingPtr = std::shared_ptr<const OpenedRecording>;

} // namespace Gui
