// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernelsymboltable.h"

#include "tracefsroot.h"

#include <QList>

#include <algorithm>

namespace Recorder {

namespace {
// t/T: text; w/W: weak symbols, which kallsyms lists for weak functions.
bool isTextType(char type) { return type == 't' || type == 'T' || type == 'w' || type == 'W'; }
} // namespace

Storage::Result<KernelSymbolTable> KernelSymbolTable::load(const QString& path)
{
    auto text = readTracefsFile(path);
    if (!text)
        return text.error();
    return parse(text.value());
}

KernelSymbolTable KernelSymbolTable::parse(const QByteArray& text)
{
    KernelSymbolTable table;
    bool sawAny = false;
    bool sawNonZero = false;
    // "ffffffff81100000 T vfs_read" or "ffffffffc0a01000 t ext4_file_read_iter\t[ext4]"
    for (const QByteArray& line : text.split('\n')) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() < 3 || parts[1].size() != 1)
            continue;
        bool ok = false;
        const std::uint64_t address = parts[0].toULongLong(&ok, 16);
        if (!ok)
            continue;
        sawAny = true;
        sawNonZero = sawNonZero || address != 0;
        if (isTextType(parts[1].at(0)))
            table.m_symbols.push_back({ address, parts[2].toStdString() });
    }
    table.m_hidden = sawAny && !sawNonZero;
    if (table.m_hidden)
        table.m_symbols.clear();
    // Stable: of symbols at one address the kernel prints the first in kallsyms order.
    std::stable_sort(table.m_symbols.begin(), table.m_symbols.end(),
        [](const Symbol& a, const Symbol& b) { return a.address < b.address; });
    return table;
}

std::optional<std::string> KernelSymbolTable::nameFor(std::uint64_t address) const
{
    auto after = std::upper_bound(m_symbols.begin(), m_symbols.end(), address,
        [](std::uint64_t value, const Symbol& symbol) { return value < symbol.address; });
    if (after == m_symbols.begin())
        return std::nullopt;
    // Back to the first of the aliases at that address.
    auto at = std::prev(after);
    while (at != m_symbols.begin() && std::prev(at)->address == at->address)
        --at;
    return at->name;
}

} // namespace Recorder
