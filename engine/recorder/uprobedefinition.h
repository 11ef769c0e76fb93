// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace Recorder {

// A uprobe or uretprobe as the user wrote it for --uprobe/--uretprobe, in the kprobe_events
// syntax: [p|r[:EVENT]] [EVENT] PATH:SYMBOL[+OFFS]|PATH:0xOFFSET [FETCHARGS...]
// The p:/r: prefix may be left out; a prefix that contradicts the option is an error.
struct UprobeDefinition {
    bool isReturn = false;
    QString event;        // event name in the helper's own group
    QString path;         // absolute path of the ELF file
    QString symbol;       // empty when the place was given as an offset
    std::uint64_t symbolOffset = 0; // SYMBOL+OFFS
    std::optional<std::uint64_t> fileOffset; // known from the text, or after resolution
    QStringList fetchArgs;

    // The line for uprobe_events, once fileOffset is known.
    QByteArray kernelLine(const QString& group) const;
};

Storage::Result<UprobeDefinition> parseUprobeDefinition(const QString& text, bool returnProbe);

// Event names the kernel accepts (and that are safe as SQL and file names).
bool isValidEventName(const QString& name);

} // namespace Recorder
