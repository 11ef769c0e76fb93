// SPDX-License-Identifier: GPL-3.0-or-later
#include "probepairing.h"

#include <QCoreApplication>
#include <QStringList>

#include <sqlite3.h>
#include <unordered_map>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

bool isProbeKind(const QString& kind, bool isReturn)
{
    return isReturn ? (kind == QLatin1String("kretprobe") || kind == QLatin1String("uretprobe"))
                    : (kind == QLatin1String("kprobe") || kind == QLatin1String("uprobe"));
}

// Tracepoints that are calls with arguments the probe table decodes, without a return of their
// own: the old open tracepoint (filename, flags, mode), as recorded or imported from text.
bool isArgumentTracepoint(const Storage::EventTypeInfo& type)
{
    return type.kind == QLatin1String("tracepoint") && type.system == QLatin1String("fs")
        && type.name == QLatin1String("do_sys_open");
}
} // namespace

bool isKernelSide(const ProbePair& pair) { return !(pair.entry ? pair.entry : pair.ret)->kind.startsWith(QLatin1Char('u')); }

bool isProbeArgument(const Storage::FieldInfo& field) { return !field.name.startsWith(QLatin1String("__probe_")); }

int returnValueField(const Storage::EventTypeInfo& ret)
{
    int first = -1;
    for (int i = 0; i < int(ret.fields.size()); ++i) {
        const Storage::FieldInfo& field = ret.fields[std::size_t(i)];
        if (!isProbeArgument(field))
            continue;
        const QString name = field.name.startsWith(QLatin1Char('$')) ? field.name.mid(1).toLower() : field.name.toLower();
        if (name == QLatin1String("ret") || name == QLatin1String("retval") || name == QLatin1String("rval"))
            return i;
        if (first < 0)
            first = i;
    }
    return first;
}

QString probePlace(const QString& definition)
{
    const QStringList tokens = definition.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString place = tokens.value(1);
    // SYM and SYM+0 are the same place.
    if (place.endsWith(QLatin1String("+0")))
        place.chop(2);
    return place;
}

std::vector<ProbePair> findProbePairs(const Storage::RecordingReader& reader)
{
    std::vector<ProbePair> pairs;
    std::vector<std::pair<const Storage::EventTypeInfo*, QString>> returns;
    for (const Storage::EventTypeInfo& type : reader.eventTypes()) {
        if (isProbeKind(type.kind, false))
            pairs.push_back({ &type, nullptr, probePlace(type.definition) });
        else if (isArgumentTracepoint(type))
            pairs.push_back({ &type, nullptr, type.name });
        else if (isProbeKind(type.kind, true))
            returns.emplace_back(&type, probePlace(type.definition));
    }
    for (auto& returned : returns) {
        // Named copies, not structured bindings: clang before 16 cannot capture those.
        const Storage::EventTypeInfo* ret = returned.first;
        const QString& place = returned.second;
        auto entry = std::find_if(pairs.begin(), pairs.end(), [&](const ProbePair& p) {
            return !p.ret && !place.isEmpty() && p.place == place && p.entry->system == ret->system
                && isProbeKind(p.entry->kind, false);
        });
        if (entry != pairs.end())
            entry->ret = ret;
        else
            pairs.push_back({ nullptr, ret, place }); // a return probe alone still gives rows
    }
    return pairs;
}

std::optional<ProbePair> findProbePair(const Storage::RecordingReader& reader, const QString& name)
{
    // The entry's name first: a return probe's name only when no entry has that name.
    const std::vector<ProbePair> pairs = findProbePairs(reader);
    for (const bool entries : { true, false }) {
        for (const ProbePair& pair : pairs) {
            const Storage::EventTypeInfo* named = entries ? (pair.entry ? pair.entry : pair.ret) : pair.ret;
            if (named && (named->name == name || named->qualifiedName() == name))
                return pair;
        }
    }
    return std::nullopt;
}

std::vector<ProbeCall> pairProbeHits(const std::vector<ProbeHit>& hits)
{
    std::vector<ProbeCall> calls;
    std::unordered_map<int, std::vector<std::size_t>> open; // pid -> indexes of calls awaiting a return
    calls.reserve(hits.size() / 2 + 1);
    for (const ProbeHit& hit : hits) {
        if (!hit.isReturn) {
            open[hit.pid].push_back(calls.size());
            calls.push_back({ hit.id, 0 });
            continue;
        }
        auto it = open.find(hit.pid);
        if (it == open.end() || it->second.empty()) {
            calls.push_back({ 0, hit.id });
            continue;
        }
        calls[it->second.back()].returnId = hit.id;
        it->second.pop_back();
    }
    return calls;
}

Storage::Result<std::vector<ProbeCall>> pairProbeCalls(Storage::RecordingReader& reader, const ProbePair& pair)
{
    // Both field tables' rowids are event ids (time order); merge them through the event table.
    std::string sql = "SELECT e.id, e.pid, e.type_id FROM event e WHERE e.id IN (";
    std::string parts;
    for (const Storage::EventTypeInfo* type : { pair.entry, pair.ret }) {
        if (!type)
            continue;
        if (!parts.empty())
            parts += " UNION ALL ";
        parts += "SELECT event_id FROM " + Storage::quoteIdentifier(type->fieldTable.toStdString());
    }
    sql += parts + ") ORDER BY e.id";
    auto query = reader.database().prepare(sql);
    if (!query)
        return query.error();
    std::vector<ProbeHit> hits;
    int rc;
    // No sentinel type id for "no return probe": a damaged row's type_id may be any value (-1
    // made an entry a return without a return probe to read it; found by fuzz_recordingsql).
    while ((rc = query->step()) == SQLITE_ROW)
        hits.push_back({ query->columnInt(0), int(query->columnInt(1)), pair.ret && query->columnInt(2) == pair.ret->id });
    if (rc != SQLITE_DONE)
        return reader.database().error(Tr::tr("cannot read the probe events"));
    return pairProbeHits(hits);
}

} // namespace Engine
