// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <vector>

namespace Recorder {

// One -e option: SYSTEM:EVENT, SYSTEM:glob, glob:EVENT or SYSTEM alone, with the -f that followed it.
struct EventRequest {
    QString pattern;
    QString filter;
};

struct SelectedEvent {
    QString system;
    QString name;
    QString filter;
    bool operator==(const SelectedEvent&) const = default;
};

// Expands the requests against the events the kernel offers under eventsDir (each event
// directory with an enable file). A request matching nothing is an error naming it.
Storage::Result<std::vector<SelectedEvent>> expandEventRequests(const QString& eventsDir,
    const std::vector<EventRequest>& requests);

} // namespace Recorder
