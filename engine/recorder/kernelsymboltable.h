// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace Recorder {

// The kernel's text symbols from /proc/kallsyms, to name the addresses the function tracers
// record as the kernel prints them with %ps: the nearest symbol at or before the address,
// without offset and without the "[module]" suffix. Plain value, any thread.
class KernelSymbolTable {
public:
    static Storage::Result<KernelSymbolTable> load(const QString& path);
    static KernelSymbolTable parse(const QByteArray& text);

    // nullopt below the first text symbol.
    std::optional<std::string> nameFor(std::uint64_t address) const;
    std::size_t size() const { return m_symbols.size(); }
    // kallsyms shows every address as 0 to readers it does not trust (kptr_restrict, lockdown).
    bool addressesHidden() const { return m_hidden; }

private:
    struct Symbol {
        std::uint64_t address = 0;
        std::string name;
    };
    std::vector<Symbol> m_symbols; // sorted by address; of aliases the first listed comes first
    bool m_hidden = false;
};

} // namespace Recorder
