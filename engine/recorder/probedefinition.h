// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fetchargparser.h"
#include "result.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace Recorder {

// A kprobe/kretprobe or uprobe/uretprobe definition in the kernel's kprobe_events syntax,
// parsed and validated before anything reaches the kernel:
//   p[:[GRP/]EVENT] [MOD:]SYM[+OFFS]|MEMADDR [FETCHARGS]       kprobe
//   r[MAXACTIVE][:[GRP/]EVENT] [MOD:]SYM[+0] [FETCHARGS]       kretprobe
//   p|r[:[GRP/]EVENT] PATH:OFFSET[(REF_CTR_OFFSET)]|PATH:SYM[+OFFS] [FETCHARGS]   uprobe
// As ftlens takes them (--kprobe/--uprobe...), the p:/r: prefix may be left out and the event
// name given as a bare first word. The kernel sees every probe in ftlens's own group; a GRP/
// written in the definition (as the kernel's documentation writes kprobes/NAME) is kept in
// givenGroup only, for telling the user so.
struct ProbeDefinition {
    enum class Kind { Kprobe, Uprobe };
    Kind kind = Kind::Kprobe;
    bool isReturn = false;
    int maxActive = 0;
    QString event; // empty: derived from the place (see defaultEventName)
    QString givenGroup; // the GRP of p:GRP/EVENT as written; never used for the kernel
    // kprobes
    QString module;
    QString symbol; // kprobes; uprobes by symbol
    std::uint64_t offset = 0; // SYM+OFFS
    std::optional<std::uint64_t> address; // kprobe MEMADDR
    // uprobes
    QString path;
    qsizetype whereColumn = 0; // 0-based index in the text of SYMBOL or OFFSET after "PATH:"
    std::optional<std::uint64_t> fileOffset;
    std::optional<std::uint64_t> refCtrOffset;
    std::vector<FetchArg> args;

    QString defaultEventName() const;
    // The line for kprobe_events/uprobe_events (uprobes once fileOffset is known). kernelPath
    // replaces a uprobe's path (the helper gives the kernel the file it opened, by descriptor).
    QByteArray kernelLine(const QString& group, const QString& kernelPath = {}) const;
};

// returnOption: the probe came as --kretprobe/--uretprobe. arch: for register names (empty:
// this machine's). Errors name the 1-based column in text.
Storage::Result<ProbeDefinition> parseProbeDefinition(const QString& text, ProbeDefinition::Kind kind, bool returnOption,
    const QString& arch = {});

// This machine's architecture as uname reports it (x86_64, aarch64, ...).
QString machineArch();

} // namespace Recorder
