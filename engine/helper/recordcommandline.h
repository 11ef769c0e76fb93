// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordoptions.h"
#include "result.h"

#include <QStringList>

namespace Helper {

// Parses the arguments after "record". Order matters: -f applies to the -e/--uprobe/--uretprobe
// just before it, and everything after "--" is the COMMAND.
Storage::Result<Recorder::RecordOptions> parseRecordArguments(const QStringList& arguments);
QString recordUsage();

} // namespace Helper
