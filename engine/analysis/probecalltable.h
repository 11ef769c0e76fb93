// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probepairing.h"
#include "recordingreader.h"
#include "result.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace Engine {

// One probe's paired calls as flat columns in memory (strings interned), so that filtering,
// grouping and histograms over millions of calls are plain scans: no query per interaction.
// Built by load() in a worker, then immutable and shared with the GUI thread (what sort() keeps
// for later sorts is made under a lock: any thread may sort).
class ProbeCallTable {
public:
    static constexpr std::int64_t unknown = INT64_MIN;

    struct Filter {
        QString pathGlob;   // on the first text argument (the path for open probes); empty: any
        bool failedOnly = false; // ret < 0 (like opensnoop -x)
        std::optional<int> pid;
        QString comm;       // exact task name; empty: any
        std::int64_t minLatencyNs = 0;
    };
    enum class GroupBy { Path, Task, Return };
    struct Group {
        QString key;
        std::int64_t value = unknown; // GroupBy::Return: the return value the key shows
        std::int64_t calls = 0;
        std::int64_t minNs = 0;
        std::int64_t avgNs = 0;
        std::int64_t maxNs = 0;
        std::int64_t p99Ns = 0; // over the calls whose latency is known
    };
    // A column the calls can be ordered by; `argument` indexes the arguments for the two
    // argument columns. Row is time order (what select() returns).
    enum class SortColumn { Row, Time, Cpu, Task, Argument, DecodedArgument, Ret, Latency, Status };
    struct Sort {
        SortColumn column = SortColumn::Row;
        int argument = -1;
        bool descending = false;
    };
    enum class GroupColumn { Default, Key, Calls, Min, Avg, Max, P99 };
    struct Histogram {
        std::int64_t fromNs = 0;
        std::int64_t binNs = 1;
        std::vector<std::int64_t> counts;
    };

    using Progress = std::function<bool(double fraction)>;
    static Storage::Result<std::shared_ptr<const ProbeCallTable>> load(Storage::RecordingReader& reader, const ProbePair& pair,
        const Progress& progress = {});

    std::size_t size() const { return m_entryId.size(); }
    // Where the probe sits (its place and name, for choosing decoders) and whether its values
    // come from the kernel (kprobes, tracepoints: errno names apply to negative returns) or from
    // user space.
    const QString& place() const { return m_place; }
    bool isKernelSide() const { return m_kernelSide; }
    QStringList argumentNames() const { return m_argNames; }
    int pathArgument() const { return m_pathArg; } // index into the text arguments, -1: none

    // Row numbers (time order) of the calls that pass the filter.
    std::vector<std::uint32_t> select(const Filter& filter) const;
    std::vector<Group> group(const std::vector<std::uint32_t>& rows, GroupBy by) const;
    Histogram latencyHistogram(const std::vector<std::uint32_t>& rows, int bins) const;
    // Orders rows (distinct, as select() gives them, in any order) by a column, stably: equal values keep time
    // order. Numbers numerically; text by character codes, whatever the locale (text
    // arguments, tasks by name then PID, decoded open flags by their names); the other decoded
    // values (mode, dfd, ret with its errno name) by the number they show. Empty values come
    // last in both directions. Status: paired, no return, no entry.
    // How (probecalltablesort.cpp): a few rows are radix-sorted (rowsort.h); many (an eighth of
    // the table or more) are picked in one pass from the whole table sorted by that column,
    // which is made by the column's first such sort and kept for the four columns used last.
    void sort(std::vector<std::uint32_t>& rows, const Sort& sort) const;
    // Orders groups by a column, stably: the key as text (as a number for GroupBy::Return, empty
    // last), the others numerically; GroupColumn::Default is group()'s order, most calls first.
    static void sortGroups(std::vector<Group>& groups, GroupBy by, GroupColumn column, bool descending);

    // Column values of a row.
    std::int64_t ts(std::uint32_t row) const { return m_ts[row]; }
    int pid(std::uint32_t row) const { return m_pid[row]; }
    int cpu(std::uint32_t row) const { return m_cpu[row]; }
    const QString& comm(std::uint32_t row) const { return m_strings[std::size_t(m_comm[row])]; }
    // The return value as a number (unknown without one; for a text return value, an id into the
    // table's strings, for ordering only), and as shown: text, number or empty.
    std::int64_t ret(std::uint32_t row) const { return m_ret[row]; }
    bool returnIsText() const { return m_retIsText; }
    QString returnValue(std::uint32_t row) const;
    std::int64_t latencyNs(std::uint32_t row) const { return m_latency[row]; }
    std::int64_t entryId(std::uint32_t row) const { return m_entryId[row]; }
    ProbeCall::Status status(std::uint32_t row) const { return ProbeCall::Status(m_status[row]); }
    // Argument i as text (decoded values stay the caller's business).
    QString argument(std::uint32_t row, int i) const;

    // For tests and benchmarks: a table from plain columns.
    struct Columns;
    explicit ProbeCallTable(Columns columns);
    ~ProbeCallTable();

    struct Columns {
        QString place;
        bool kernelSide = true;
        QStringList argNames;
        std::vector<bool> argIsText;
        bool retIsText = false; // ret holds string ids (a uretprobe's string, e.g. readline's line)
        std::vector<std::int64_t> ts, ret, latency, entryId;
        std::vector<std::int32_t> pid, cpu, comm;
        std::vector<std::uint8_t> status;
        std::vector<std::vector<std::int64_t>> args; // per argument; text arguments hold string ids
        std::vector<QString> strings;                // id -> text; id 0 is ""
    };

private:
    struct SortedColumn;
    const std::vector<std::uint32_t>& textRanks() const;
    template <typename Visit>
    void withKeyOf(const Sort& sort, Visit visit) const;
    std::shared_ptr<const SortedColumn> sortedColumn(const Sort& sort) const;
    void sortByValue(std::vector<std::uint32_t>& rows, const Sort& sort, std::vector<std::size_t>* runStarts) const;
    void sortByDecodedText(std::vector<std::uint32_t>& rows, int argument, bool descending) const;

    QString m_place;
    bool m_kernelSide = true;
    QStringList m_argNames;
    std::vector<bool> m_argIsText;
    bool m_retIsText = false;
    int m_pathArg = -1; // index into m_args of the first text argument
    std::vector<std::int64_t> m_ts, m_ret, m_latency, m_entryId;
    std::vector<std::int32_t> m_pid, m_cpu, m_comm;
    std::vector<std::uint8_t> m_status;
    std::vector<std::vector<std::int64_t>> m_args;
    std::vector<QString> m_strings;
    std::vector<QByteArray> m_utf8; // m_strings for fnmatch, made once
    // Each string's position in text order, made by the first sort by text (any thread).
    mutable std::once_flag m_textRanksMade;
    mutable std::vector<std::uint32_t> m_textRanks;
    // The whole table sorted by a column (SortColumn, argument), most recently used last.
    mutable std::mutex m_sortedMutex;
    mutable std::vector<std::pair<std::pair<int, int>, std::shared_ptr<const SortedColumn>>> m_sortedColumns;
};

} // namespace Engine
