// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the probe definition parser behind --kprobe/--kretprobe/--uprobe/--uretprobe
// (parseProbeDefinition with its fetch argument parser, and parseUprobeDefinition). The first
// byte picks the option and the architecture whose registers apply; the rest is the definition
// as UTF-8. A definition that parses must give the kernel exactly one line.
#include "fuzzsupport.h"

#include "probedefinition.h"
#include "uprobedefinition.h"

#include <QByteArray>

#include <cstdint>

namespace {
void requireOneLine(const QByteArray& line)
{
    FuzzSupport::require(!line.contains('\n') && !line.contains('\r') && !line.contains('\0'),
        "a validated probe definition gives the kernel more than one line");
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    static const QString arches[] = { QStringLiteral("x86_64"), QStringLiteral("aarch64"), QStringLiteral("arm64"),
        QStringLiteral("riscv64") };
    const std::uint8_t choice = data[0];
    const auto kind = choice & 1 ? Recorder::ProbeDefinition::Kind::Uprobe : Recorder::ProbeDefinition::Kind::Kprobe;
    const bool returnOption = choice & 2;
    const QString& arch = arches[(choice >> 2) & 3];
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    if (auto probe = Recorder::parseProbeDefinition(text, kind, returnOption, arch)) {
        (void)probe->defaultEventName();
        requireOneLine(probe->kernelLine(QStringLiteral("ftlens_1")));
    }
    if (kind == Recorder::ProbeDefinition::Kind::Uprobe) {
        if (auto uprobe = Recorder::parseUprobeDefinition(text, returnOption))
            requireOneLine(uprobe->kernelLine(QStringLiteral("ftlens_1")));
    }
    return 0;
}
