// SPDX-License-Identifier: GPL-3.0-or-later
#include "probecalltable.h"

#include "percentile.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>
#include <fnmatch.h>
#include <sqlite3.h>
#include <unordered_map>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

// One side's events (entry or return) read in one sequential scan, id order.
struct SideRows {
    std::vector<std::int64_t> id, ts;
    std::vector<std::int32_t> pid, cpu;
    std::vector<std::vector<std::int64_t>> values; // per argument column (text: global string id)
};

Storage::Status scanSide(Storage::RecordingReader& reader, const Storage::EventTypeInfo& type, const std::vector<int>& columns,
    SideRows& rows)
{
    std::string sql = "SELECT e.id, e.ts, e.pid, e.cpu";
    for (int column : columns)
        sql += ", f." + Storage::quoteIdentifier(type.fields[std::size_t(column)].name.toStdString());
    sql += " FROM " + Storage::quoteIdentifier(type.fieldTable.toStdString()) + " f CROSS JOIN event e ON e.id = f.event_id ORDER BY f.event_id";
    auto query = reader.database().prepare(sql);
    if (!query)
        return query.error();
    rows.values.assign(columns.size(), {});
    int rc;
    while ((rc = query->step()) == SQLITE_ROW) {
        rows.id.push_back(query->columnInt(0));
        rows.ts.push_back(query->columnInt(1));
        rows.pid.push_back(std::int32_t(query->columnInt(2)));
        rows.cpu.push_back(std::int32_t(query->columnInt(3)));
        for (std::size_t i = 0; i < columns.size(); ++i)
            rows.values[i].push_back(query->columnIsNull(int(i) + 4) ? ProbeCallTable::unknown : query->columnInt(int(i) + 4));
    }
    if (rc != SQLITE_DONE)
        return reader.database().error(Tr::tr("cannot read the events of %1").arg(type.qualifiedName()));
    return {};
}

std::vector<ProbeHit> mergeHits(const SideRows& entries, const SideRows& returns)
{
    std::vector<ProbeHit> hits;
    hits.reserve(entries.id.size() + returns.id.size());
    std::size_t e = 0, r = 0;
    while (e < entries.id.size() || r < returns.id.size()) {
        const bool takeEntry = r >= returns.id.size() || (e < entries.id.size() && entries.id[e] < returns.id[r]);
        if (takeEntry) {
            hits.push_back({ entries.id[e], entries.pid[e], false });
            ++e;
        } else {
            hits.push_back({ returns.id[r], returns.pid[r], true });
            ++r;
        }
    }
    return hits;
}

std::size_t indexOf(const std::vector<std::int64_t>& ids, std::int64_t id)
{
    return std::size_t(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
}

// Global string ids -> a compact local pool of the strings the table uses.
class StringPool {
public:
    explicit StringPool(std::vector<QString>& strings)
        : m_strings(strings)
    {
        m_strings.assign(1, QString());
    }
    std::int64_t local(std::int64_t global)
    {
        if (global == ProbeCallTable::unknown || global <= 0)
            return 0;
        auto [it, inserted] = m_ids.try_emplace(global, std::int64_t(m_strings.size()));
        if (inserted) {
            m_strings.emplace_back();
            m_pending.push_back(global);
        }
        return it->second;
    }
    Storage::Status resolve(Storage::Database& db)
    {
        auto query = db.prepare("SELECT str FROM string WHERE id = ?");
        if (!query)
            return query.error();
        for (std::int64_t global : m_pending) {
            query->reset();
            query->bindInt(1, global);
            if (query->step() == SQLITE_ROW)
                m_strings[std::size_t(m_ids[global])] = query->columnString(0);
        }
        return {};
    }

private:
    std::vector<QString>& m_strings;
    std::unordered_map<std::int64_t, std::int64_t> m_ids;
    std::vector<std::int64_t> m_pending;
};

Storage::Result<std::unordered_map<int, std::int64_t>> taskComms(Storage::Database& db)
{
    std::unordered_map<int, std::int64_t> comms;
    auto query = db.prepare("SELECT pid, comm_id FROM task");
    if (!query)
        return query.error();
    while (query->step() == SQLITE_ROW)
        comms[int(query->columnInt(0))] = query->columnInt(1);
    return comms;
}

} // namespace

ProbeCallTable::ProbeCallTable(Columns c)
    : m_place(std::move(c.place))
    , m_kernelSide(c.kernelSide)
    , m_argNames(std::move(c.argNames))
    , m_argIsText(std::move(c.argIsText))
    , m_retIsText(c.retIsText)
    , m_ts(std::move(c.ts))
    , m_ret(std::move(c.ret))
    , m_latency(std::move(c.latency))
    , m_entryId(std::move(c.entryId))
    , m_pid(std::move(c.pid))
    , m_cpu(std::move(c.cpu))
    , m_comm(std::move(c.comm))
    , m_status(std::move(c.status))
    , m_args(std::move(c.args))
    , m_strings(std::move(c.strings))
{
    m_utf8.reserve(m_strings.size());
    for (const QString& text : m_strings)
        m_utf8.push_back(text.toUtf8());
    for (std::size_t i = 0; i < m_argIsText.size() && m_pathArg < 0; ++i) {
        if (m_argIsText[i])
            m_pathArg = int(i);
    }
}

ProbeCallTable::~ProbeCallTable() = default;

Storage::Result<std::shared_ptr<const ProbeCallTable>> ProbeCallTable::load(Storage::RecordingReader& reader, const ProbePair& pair,
    const Progress& progress)
{
    Columns c;
    const Storage::EventTypeInfo* named = pair.entry ? pair.entry : pair.ret;
    c.place = pair.place + QLatin1Char(' ') + named->name;
    c.kernelSide = Engine::isKernelSide(pair);
    std::vector<int> entryColumns;
    if (pair.entry) {
        for (int i = 0; i < int(pair.entry->fields.size()); ++i) {
            const Storage::FieldInfo& field = pair.entry->fields[std::size_t(i)];
            if (!isProbeArgument(field))
                continue;
            entryColumns.push_back(i);
            c.argNames << field.name;
            c.argIsText.push_back(field.storage == Storage::Schema::FieldStorage::Text);
        }
    }
    std::vector<int> returnColumns;
    if (pair.ret && returnValueField(*pair.ret) >= 0) {
        returnColumns.push_back(returnValueField(*pair.ret));
        c.retIsText = pair.ret->fields[std::size_t(returnColumns.front())].storage == Storage::Schema::FieldStorage::Text;
    }
    SideRows entries, returns;
    if (pair.entry) {
        if (Storage::Status s = scanSide(reader, *pair.entry, entryColumns, entries); !s)
            return s.error();
    }
    if (progress && !progress(0.4))
        return Storage::Error { Tr::tr("cancelled") };
    if (pair.ret) {
        if (Storage::Status s = scanSide(reader, *pair.ret, returnColumns, returns); !s)
            return s.error();
    }
    if (progress && !progress(0.7))
        return Storage::Error { Tr::tr("cancelled") };
    auto comms = taskComms(reader.database());
    if (!comms)
        return comms.error();

    const std::vector<ProbeCall> calls = pairProbeHits(mergeHits(entries, returns));
    StringPool pool(c.strings);
    c.args.assign(entryColumns.size(), {});
    for (auto& column : c.args)
        column.reserve(calls.size());
    for (const ProbeCall& call : calls) {
        const std::size_t e = call.entryId ? indexOf(entries.id, call.entryId) : 0;
        const std::size_t r = call.returnId ? indexOf(returns.id, call.returnId) : 0;
        const bool hasEntry = call.entryId != 0;
        const bool hasReturn = call.returnId != 0;
        c.ts.push_back(hasEntry ? entries.ts[e] : returns.ts[r]);
        const int pid = hasEntry ? entries.pid[e] : returns.pid[r];
        c.pid.push_back(pid);
        c.cpu.push_back(hasEntry ? entries.cpu[e] : returns.cpu[r]);
        const auto comm = comms->find(pid);
        c.comm.push_back(std::int32_t(pool.local(comm != comms->end() ? comm->second : 0)));
        const std::int64_t ret = hasReturn && !returns.values.empty() ? returns.values[0][r] : unknown;
        c.ret.push_back(c.retIsText && ret != unknown ? pool.local(ret) : ret);
        c.latency.push_back(hasEntry && hasReturn ? returns.ts[r] - entries.ts[e] : unknown);
        c.entryId.push_back(call.entryId);
        c.status.push_back(std::uint8_t(call.status()));
        for (std::size_t i = 0; i < entryColumns.size(); ++i) {
            const std::int64_t value = hasEntry ? entries.values[i][e] : unknown;
            c.args[i].push_back(c.argIsText[i] ? pool.local(value) : value);
        }
    }
    if (Storage::Status s = pool.resolve(reader.database()); !s)
        return s.error();
    if (progress)
        progress(1.0);
    return std::shared_ptr<const ProbeCallTable>(new ProbeCallTable(std::move(c)));
}

QString ProbeCallTable::argument(std::uint32_t row, int i) const
{
    const std::int64_t value = m_args[std::size_t(i)][row];
    if (m_argIsText[std::size_t(i)])
        return m_strings[std::size_t(value)];
    return value == unknown ? QString() : QString::number(value);
}

QString ProbeCallTable::returnValue(std::uint32_t row) const
{
    const std::int64_t value = m_ret[row];
    if (value == unknown)
        return {};
    return m_retIsText ? m_strings[std::size_t(value)] : QString::number(value);
}

std::vector<std::uint32_t> ProbeCallTable::select(const Filter& filter) const
{
    // The glob is matched once per distinct string, not once per row.
    std::vector<bool> pathMatches;
    if (!filter.pathGlob.isEmpty() && m_pathArg >= 0) {
        const QByteArray glob = filter.pathGlob.toUtf8();
        pathMatches.resize(m_strings.size());
        for (std::size_t id = 0; id < m_strings.size(); ++id)
            pathMatches[id] = fnmatch(glob.constData(), m_utf8[id].constData(), 0) == 0;
    }
    std::int32_t commId = -1;
    if (!filter.comm.isEmpty()) {
        const auto it = std::find(m_strings.begin(), m_strings.end(), filter.comm);
        if (it == m_strings.end())
            return {};
        commId = std::int32_t(it - m_strings.begin());
    }
    const bool byPath = !pathMatches.empty();
    const std::vector<std::int64_t>* path = m_pathArg >= 0 ? &m_args[std::size_t(m_pathArg)] : nullptr;
    std::vector<std::uint32_t> rows;
    if (!filter.failedOnly && !filter.pid && commId < 0 && filter.minLatencyNs <= 0 && !byPath) {
        rows.resize(m_ts.size());
        std::iota(rows.begin(), rows.end(), 0u);
        return rows;
    }
    rows.reserve(m_ts.size() / 4);
    for (std::uint32_t row = 0; row < m_ts.size(); ++row) {
        if (filter.failedOnly && (m_retIsText || !(m_ret[row] != unknown && m_ret[row] < 0)))
            continue;
        if (filter.pid && m_pid[row] != *filter.pid)
            continue;
        if (commId >= 0 && m_comm[row] != commId)
            continue;
        if (filter.minLatencyNs > 0 && (m_latency[row] == unknown || m_latency[row] < filter.minLatencyNs))
            continue;
        if (byPath && !pathMatches[std::size_t((*path)[row])])
            continue;
        rows.push_back(row);
    }
    return rows;
}

std::vector<ProbeCallTable::Group> ProbeCallTable::group(const std::vector<std::uint32_t>& rows, GroupBy by) const
{
    // Keys become dense indexes (paths and comms already are; return values are mapped), then
    // one counting pass sizes each group's slice of a single latency array: no per-group
    // allocation, whatever the number of groups.
    std::vector<std::uint32_t> keyOf(rows.size());
    std::vector<std::int64_t> returnValues; // dense index -> ret, for GroupBy::Return
    std::unordered_map<std::int64_t, std::uint32_t> returnIndex;
    std::size_t keyCount = m_strings.size();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::uint32_t row = rows[i];
        if (by == GroupBy::Path) {
            keyOf[i] = m_pathArg >= 0 ? std::uint32_t(m_args[std::size_t(m_pathArg)][row]) : 0;
        } else if (by == GroupBy::Task) {
            keyOf[i] = std::uint32_t(m_comm[row]);
        } else {
            auto [it, inserted] = returnIndex.try_emplace(m_ret[row], std::uint32_t(returnValues.size()));
            if (inserted)
                returnValues.push_back(m_ret[row]);
            keyOf[i] = it->second;
        }
    }
    if (by == GroupBy::Return)
        keyCount = returnValues.size();
    std::vector<std::int64_t> calls(keyCount, 0);
    std::vector<std::size_t> known(keyCount + 1, 0); // latencies known per group, then offsets
    for (std::size_t i = 0; i < rows.size(); ++i) {
        ++calls[keyOf[i]];
        if (m_latency[rows[i]] != unknown)
            ++known[keyOf[i] + 1];
    }
    for (std::size_t k = 1; k <= keyCount; ++k)
        known[k] += known[k - 1];
    std::vector<std::int64_t> latencies(known[keyCount]);
    std::vector<std::size_t> fill(known.begin(), known.end() - 1);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (m_latency[rows[i]] != unknown)
            latencies[fill[keyOf[i]]++] = m_latency[rows[i]];
    }
    std::vector<Group> out;
    for (std::size_t k = 0; k < keyCount; ++k) {
        if (!calls[k])
            continue;
        Group group;
        if (by != GroupBy::Return)
            group.key = m_strings[k];
        else if (returnValues[k] != unknown)
            group.key = m_retIsText ? m_strings[std::size_t(returnValues[k])] : QString::number(returnValues[k]);
        group.value = by == GroupBy::Return ? returnValues[k] : unknown;
        group.calls = calls[k];
        const auto begin = latencies.begin() + std::ptrdiff_t(known[k]);
        const auto end = latencies.begin() + std::ptrdiff_t(known[k + 1]);
        if (begin != end) {
            const auto [minIt, maxIt] = std::minmax_element(begin, end);
            group.minNs = *minIt;
            group.maxNs = *maxIt;
            std::int64_t sum = 0;
            for (auto it = begin; it != end; ++it)
                sum += *it;
            group.avgNs = sum / std::int64_t(end - begin);
            group.p99Ns = *percentileOf(std::span<std::int64_t>(begin, end), 0.99); // reorders the group's slice
        }
        out.push_back(std::move(group));
    }
    sortGroups(out, by, GroupColumn::Default, false);
    return out;
}

ProbeCallTable::Histogram ProbeCallTable::latencyHistogram(const std::vector<std::uint32_t>& rows, int bins) const
{
    Histogram histogram;
    std::vector<std::int64_t> latencies;
    for (std::uint32_t row : rows) {
        if (m_latency[row] != unknown)
            latencies.push_back(m_latency[row]);
    }
    if (latencies.empty() || bins < 1)
        return histogram;
    // The top 0.1% would squash everything else into the first bin: they land in the last one.
    const std::int64_t low = *std::min_element(latencies.begin(), latencies.end());
    const std::int64_t high = std::max(*percentileOf(std::span<std::int64_t>(latencies), 0.999), low + 1); // reorders: counting below needs no order
    histogram.fromNs = low;
    histogram.binNs = std::max<std::int64_t>(1, (high - low + bins - 1) / bins);
    histogram.counts.assign(std::size_t(bins), 0);
    for (std::int64_t latency : latencies)
        ++histogram.counts[std::size_t(std::min<std::int64_t>(bins - 1, (latency - low) / histogram.binNs))];
    return histogram;
}

} // namespace Engine
