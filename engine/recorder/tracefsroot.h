// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

namespace Recorder {

// Where tracefs is, found from the mount table (tracefs, else debugfs + /tracing) and mounted
// at /sys/kernel/tracing when it is not mounted and mount is true. An explicit directory (for
// unusual mounts) is taken only where statfs says tracefs or debugfs, and, as every root found,
// by its canonical path, none of whose directories anyone but root can change.
struct TracefsRoot {
    QString path;
    bool mountedByUs = false;
};

Storage::Result<TracefsRoot> findTracefs(const QString& explicitDir, bool mount);

// Reads a whole tracefs (or /proc) file; tracefs files report size 0, so this reads to EOF.
Storage::Result<QByteArray> readTracefsFile(const QString& path);
// Writes (truncating) or appends text to a control file; the error names the file and errno.
Storage::Status writeTracefsFile(const QString& path, const QByteArray& text, bool append = false);

} // namespace Recorder
