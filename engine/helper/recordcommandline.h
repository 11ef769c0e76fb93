// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordoptions.h"
#include "result.h"

#include <QList>
#include <QStringList>

namespace Helper {

// An option `record` accepts, with the name of the value it takes (empty for a flag such as
// --force).
struct RecordOption {
    QString name; // as given: "-e", "--uprobe"
    QString valueName;
};
// Every option `record` accepts: the parser refuses any other, `record --help` explains each and
// `ftlens-helper --help` lists them.
const QList<RecordOption>& recordOptions();

// Parses the arguments after "record". Order matters: -f applies to the -e/--uprobe/--uretprobe
// just before it, and everything after "--" is the COMMAND.
Storage::Result<Recorder::RecordOptions> parseRecordArguments(const QStringList& arguments);
QString recordUsage();

} // namespace Helper
