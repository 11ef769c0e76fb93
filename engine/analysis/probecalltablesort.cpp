// SPDX-License-Identifier: GPL-3.0-or-later
// ProbeCallTable's sorting: the calls by any column, and the groups.
#include "probecalltable.h"

#include "opendecoders.h"
#include "rowsort.h"

#include <algorithm>
#include <bit>
#include <numeric>

namespace Engine {

namespace {
// Sorting this many rows or more, and at least an eighth of the table, picks them from the
// table sorted by the column: one pass over it instead of a sort.
constexpr std::size_t minRowsForSortedColumn = 65536;
// Columns kept sorted (4 bytes a call each, and a bit).
constexpr std::size_t keptSortedColumns = 4;

// Signed values as unsigned keys in the same order.
std::uint64_t orderedKey(std::int64_t value) { return std::uint64_t(value) ^ (std::uint64_t(1) << 63); }

bool isSet(const std::vector<std::uint64_t>& bits, std::size_t i) { return (bits[i / 64] >> (i % 64)) & 1; }

std::int64_t groupValue(const ProbeCallTable::Group& group, ProbeCallTable::GroupColumn column)
{
    switch (column) {
    case ProbeCallTable::GroupColumn::Calls:
        return group.calls;
    case ProbeCallTable::GroupColumn::Min:
        return group.minNs;
    case ProbeCallTable::GroupColumn::Avg:
        return group.avgNs;
    case ProbeCallTable::GroupColumn::Max:
        return group.maxNs;
    case ProbeCallTable::GroupColumn::P99:
        return group.p99Ns;
    default:
        return group.value;
    }
}

// Rows with a value sorted by it, then those without in time order. runStarts (if given) gets
// the positions where runs of equal values start, then where the rows without a value start.
template <typename KeyOf>
void sortDirectly(std::vector<std::uint32_t>& rows, bool descending, KeyOf keyOf, std::vector<std::size_t>* runStarts)
{
    sortRows(rows); // time order first: the columns are then read in order, and ties stay in it
    std::vector<std::uint32_t> known, empty;
    std::vector<std::uint64_t> keys;
    known.reserve(rows.size());
    keys.reserve(rows.size());
    for (std::uint32_t row : rows) {
        std::uint64_t key = 0;
        if (keyOf(row, key)) {
            known.push_back(row);
            keys.push_back(key);
        } else {
            empty.push_back(row);
        }
    }
    std::vector<std::uint64_t> runBits;
    sortRowsByKey(known, keys, descending, runStarts ? &runBits : nullptr);
    if (runStarts) {
        for (std::size_t i = 0; i < known.size(); ++i) {
            if (isSet(runBits, i))
                runStarts->push_back(i);
        }
        runStarts->push_back(known.size());
    }
    rows.swap(known);
    rows.insert(rows.end(), empty.begin(), empty.end());
}
} // namespace

// The whole table in ascending order of one column: the rows with a value, then (from `known`)
// those without, in time order; runStarts marks where each run of equal values begins.
struct ProbeCallTable::SortedColumn {
    std::vector<std::uint32_t> rows;
    std::vector<std::uint64_t> runStarts;
    std::size_t known = 0;

    // Rows (distinct, any order) in this column's order, ascending or descending; ties in time
    // order. One pass over the column, a bitmap says which rows are wanted.
    void pick(std::vector<std::uint32_t>& wanted, bool descending, std::vector<std::size_t>* outRunStarts) const
    {
        const bool all = wanted.size() == rows.size();
        std::vector<std::uint64_t> selected;
        if (!all) {
            selected.assign(rows.size() / 64 + 1, 0);
            for (std::uint32_t row : wanted)
                selected[row / 64] |= std::uint64_t(1) << (row % 64);
        }
        std::vector<std::uint32_t> out;
        out.reserve(wanted.size());
        const auto take = [&](std::size_t begin, std::size_t end, bool isRun) {
            for (std::size_t i = begin; i < end; ++i) {
                const std::uint32_t row = rows[i];
                if (!all && !isSet(selected, row))
                    continue;
                if (outRunStarts && isRun)
                    outRunStarts->push_back(out.size());
                out.push_back(row);
                isRun = false;
            }
        };
        // Runs in ascending or descending order, each in time order.
        if (!descending) {
            for (std::size_t begin = 0; begin < known;) {
                std::size_t end = begin + 1;
                while (end < known && !isSet(runStarts, end))
                    ++end;
                take(begin, end, true);
                begin = end;
            }
        } else {
            for (std::size_t end = known; end > 0;) {
                std::size_t begin = end - 1;
                while (begin > 0 && !isSet(runStarts, begin))
                    --begin;
                take(begin, end, true);
                end = begin;
            }
        }
        if (outRunStarts)
            outRunStarts->push_back(out.size());
        take(known, rows.size(), false);
        wanted.swap(out);
    }
};

const std::vector<std::uint32_t>& ProbeCallTable::textRanks() const
{
    std::call_once(m_textRanksMade, [this] {
        std::vector<std::uint32_t> order(m_strings.size());
        std::iota(order.begin(), order.end(), 0u);
        std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) { return m_strings[a] < m_strings[b]; });
        m_textRanks.resize(order.size());
        for (std::uint32_t rank = 0; rank < order.size(); ++rank)
            m_textRanks[order[rank]] = rank;
    });
    return m_textRanks;
}

// visit(keyOf) with keyOf(row, key): a row's key, or false when the row has no value.
template <typename Visit>
void ProbeCallTable::withKeyOf(const Sort& sort, Visit visit) const
{
    const bool validArgument = sort.argument >= 0 && std::size_t(sort.argument) < m_args.size();
    switch (sort.column) {
    case SortColumn::Time:
        return visit([this](std::uint32_t row, std::uint64_t& key) {
            key = orderedKey(m_ts[row]);
            return true;
        });
    case SortColumn::Cpu:
        return visit([this](std::uint32_t row, std::uint64_t& key) {
            key = orderedKey(m_cpu[row]);
            return true;
        });
    case SortColumn::Status:
        return visit([this](std::uint32_t row, std::uint64_t& key) {
            key = m_status[row];
            return true;
        });
    case SortColumn::Task: {
        // Name, then PID, in as few bits as the table's PIDs need: fewer radix passes.
        const std::vector<std::uint32_t>& ranks = textRanks();
        const auto [lowest, highest] = std::minmax_element(m_pid.begin(), m_pid.end());
        const std::int32_t lowPid = m_pid.empty() ? 0 : *lowest;
        const int pidBits = m_pid.empty() ? 0 : int(std::bit_width(std::uint32_t(*highest - lowPid)));
        return visit([&, lowPid, pidBits](std::uint32_t row, std::uint64_t& key) {
            key = std::uint64_t(ranks[std::size_t(m_comm[row])]) << pidBits | std::uint32_t(m_pid[row] - lowPid);
            return true;
        });
    }
    case SortColumn::Ret:
        if (m_retIsText) {
            const std::vector<std::uint32_t>& ranks = textRanks();
            return visit([&](std::uint32_t row, std::uint64_t& key) {
                key = m_ret[row] == unknown ? 0 : ranks[std::size_t(m_ret[row])];
                return m_ret[row] != unknown;
            });
        }
        return visit([this](std::uint32_t row, std::uint64_t& key) {
            key = orderedKey(m_ret[row]);
            return m_ret[row] != unknown;
        });
    case SortColumn::Latency:
        return visit([this](std::uint32_t row, std::uint64_t& key) {
            key = orderedKey(m_latency[row]);
            return m_latency[row] != unknown;
        });
    case SortColumn::Argument:
    case SortColumn::DecodedArgument:
        if (validArgument && m_argIsText[std::size_t(sort.argument)]) {
            const std::vector<std::uint32_t>& ranks = textRanks();
            return visit([&, ids = &m_args[std::size_t(sort.argument)]](std::uint32_t row, std::uint64_t& key) {
                const std::size_t id = std::size_t((*ids)[row]);
                key = ranks[id];
                return !m_strings[id].isEmpty();
            });
        }
        if (validArgument) {
            return visit([values = &m_args[std::size_t(sort.argument)]](std::uint32_t row, std::uint64_t& key) {
                key = orderedKey((*values)[row]);
                return (*values)[row] != unknown;
            });
        }
        break;
    case SortColumn::Row:
        break;
    }
    visit([](std::uint32_t row, std::uint64_t& key) { // time order
        key = row;
        return true;
    });
}

std::shared_ptr<const ProbeCallTable::SortedColumn> ProbeCallTable::sortedColumn(const Sort& sort) const
{
    const std::pair<int, int> id { int(sort.column), sort.argument };
    const std::lock_guard lock(m_sortedMutex);
    const auto found = std::find_if(m_sortedColumns.begin(), m_sortedColumns.end(), [&](const auto& entry) { return entry.first == id; });
    if (found != m_sortedColumns.end()) {
        std::rotate(found, found + 1, m_sortedColumns.end()); // most recently used last
        return m_sortedColumns.back().second;
    }
    auto column = std::make_shared<SortedColumn>();
    std::vector<std::uint32_t> known, empty;
    std::vector<std::uint64_t> keys;
    known.reserve(size());
    keys.reserve(size());
    withKeyOf(sort, [&](auto keyOf) {
        for (std::uint32_t row = 0; row < size(); ++row) {
            std::uint64_t key = 0;
            if (keyOf(row, key)) {
                known.push_back(row);
                keys.push_back(key);
            } else {
                empty.push_back(row);
            }
        }
    });
    sortRowsByKey(known, keys, false, &column->runStarts);
    column->known = known.size();
    column->rows = std::move(known);
    column->rows.insert(column->rows.end(), empty.begin(), empty.end());
    if (m_sortedColumns.size() >= keptSortedColumns)
        m_sortedColumns.erase(m_sortedColumns.begin());
    m_sortedColumns.emplace_back(id, column);
    return column;
}

void ProbeCallTable::sortByValue(std::vector<std::uint32_t>& rows, const Sort& sort, std::vector<std::size_t>* runStarts) const
{
    if (rows.size() >= minRowsForSortedColumn && rows.size() >= size() / 8) {
        sortedColumn(sort)->pick(rows, sort.descending, runStarts);
        return;
    }
    withKeyOf(sort, [&](auto keyOf) { sortDirectly(rows, sort.descending, keyOf, runStarts); });
}

// Decoded open flags sort by their names. Sorted by value, the rows fall into runs of one value
// each; the runs (few) are decoded once and put in the order of their names.
void ProbeCallTable::sortByDecodedText(std::vector<std::uint32_t>& rows, int argument, bool descending) const
{
    std::vector<std::size_t> starts; // of the runs, then of the rows without a value
    sortByValue(rows, { SortColumn::Argument, argument, false }, &starts);
    const ValueDecoder decoder = decoderForField(m_place, m_argNames.at(argument));
    struct Run {
        QString text;
        std::size_t begin, end;
    };
    std::vector<Run> runs;
    for (std::size_t k = 0; k + 1 < starts.size(); ++k)
        runs.push_back({ decode(decoder, m_args[std::size_t(argument)][rows[starts[k]]]), starts[k], starts[k + 1] });
    std::stable_sort(runs.begin(), runs.end(), [descending](const Run& a, const Run& b) { return descending ? b.text < a.text : a.text < b.text; });
    std::vector<std::uint32_t> sorted;
    sorted.reserve(rows.size());
    for (std::size_t first = 0; first < runs.size();) {
        std::size_t last = first + 1;
        while (last < runs.size() && runs[last].text == runs[first].text)
            ++last;
        const std::size_t start = sorted.size();
        for (std::size_t r = first; r < last; ++r)
            sorted.insert(sorted.end(), rows.begin() + std::ptrdiff_t(runs[r].begin), rows.begin() + std::ptrdiff_t(runs[r].end));
        if (last - first > 1) { // values that read the same: one text, its rows back in time order
            std::vector<std::uint32_t> same(sorted.begin() + std::ptrdiff_t(start), sorted.end());
            sortRows(same);
            std::copy(same.begin(), same.end(), sorted.begin() + std::ptrdiff_t(start));
        }
        first = last;
    }
    sorted.insert(sorted.end(), rows.begin() + std::ptrdiff_t(starts.back()), rows.end());
    rows.swap(sorted);
}

void ProbeCallTable::sort(std::vector<std::uint32_t>& rows, const Sort& sort) const
{
    const bool validArgument = sort.argument >= 0 && std::size_t(sort.argument) < m_args.size();
    if (sort.column == SortColumn::Row || ((sort.column == SortColumn::Argument || sort.column == SortColumn::DecodedArgument) && !validArgument)) {
        sortRows(rows);
        return;
    }
    const bool argumentColumn = sort.column == SortColumn::Argument || sort.column == SortColumn::DecodedArgument;
    if (sort.column == SortColumn::DecodedArgument && !m_argIsText[std::size_t(sort.argument)]
        && decoderForField(m_place, m_argNames.at(sort.argument)) == ValueDecoder::OpenFlags) {
        sortByDecodedText(rows, sort.argument, sort.descending);
        return;
    }
    // Mode and dfd show numbers: they sort as their argument. One sorted column per column.
    sortByValue(rows, { argumentColumn ? SortColumn::Argument : sort.column, argumentColumn ? sort.argument : -1, sort.descending }, nullptr);
}

void ProbeCallTable::sortGroups(std::vector<Group>& groups, GroupBy by, GroupColumn column, bool descending)
{
    // Ties keep group()'s order whatever order the groups came in (a previous sort).
    std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) { return a.calls != b.calls ? a.calls > b.calls : a.key < b.key; });
    if (column == GroupColumn::Default)
        return;
    // Empty keys (no path, no name, no return) last; the rest in the asked direction.
    const bool textKey = column == GroupColumn::Key && by != GroupBy::Return;
    const auto empty = [&](const Group& g) { return column == GroupColumn::Key && (textKey ? g.key.isEmpty() : g.value == unknown); };
    const auto firstEmpty = std::stable_partition(groups.begin(), groups.end(), [&](const Group& g) { return !empty(g); });
    std::stable_sort(groups.begin(), firstEmpty, [&](const Group& a, const Group& b) {
        if (textKey)
            return descending ? b.key < a.key : a.key < b.key;
        const std::int64_t x = groupValue(a, column), y = groupValue(b, column);
        return descending ? y < x : x < y;
    });
}

} // namespace Engine
