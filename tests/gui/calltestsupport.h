// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the call view tests: a small hand-made recording with a `call` table, its calls
// loaded, and trees printed as text.

#include "calltable.h"
#include "calltreedata.h"
#include "calltreemodel.h"
#include "openedrecording.h"
#include "recordingreader.h"
#include "recordingwriter.h"

#include <QAbstractItemModel>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace CallTest {

struct Call {
    std::int64_t id;
    std::int64_t parent;
    std::int64_t ts;
    std::int64_t dur; // Storage::noTime: no exit
    int cpu;
    int pid;
    int depth;
    const char* function;
};

// bash-10 on CPU 0 and cat-20 on CPU 1:
//   main 1000 ns (self 300) > read 400 > vfs_read 300; > write 200; > read 100 > vfs_read 50
//   read 600 > vfs_read 500;  write (no exit)
inline std::vector<Call> smallCalls()
{
    const std::int64_t none = Storage::noTime;
    return {
        { 1, 0, 1000, 1000, 0, 10, 0, "main" },
        { 2, 1, 1100, 400, 0, 10, 1, "read" },
        { 3, 2, 1150, 300, 0, 10, 2, "vfs_read" },
        { 4, 1, 1600, 200, 0, 10, 1, "write" },
        { 5, 1, 1850, 100, 0, 10, 1, "read" },
        { 6, 5, 1860, 50, 0, 10, 2, "vfs_read" },
        { 7, 0, 5000, 600, 1, 20, 0, "read" },
        { 8, 7, 5100, 500, 1, 20, 1, "vfs_read" },
        { 9, 0, 6000, none, 1, 20, 0, "write" },
    };
}

// Writes a recording holding calls (self times derived from the children). Returns an empty
// string or the error.
inline QString writeCallRecording(const QString& path, const std::vector<Call>& calls)
{
    auto writer = Storage::RecordingWriter::create(path);
    if (!writer)
        return writer.error().message;
    Storage::Status s = writer.value()->setMeta("cpus", "2");
    s = s ? writer.value()->setTask(10, 10, "bash") : s;
    s = s ? writer.value()->setTask(20, 20, "cat") : s;
    s = s ? writer.value()->finish() : s;
    if (!s)
        return s.error().message;
    writer.value().reset();
    auto table = Storage::CallTableWriter::open(path);
    if (!table)
        return table.error().message;
    std::vector<Storage::CallRow> rows;
    for (const Call& call : calls) {
        Storage::CallRow row;
        row.id = call.id;
        row.parentId = call.parent;
        row.ts = call.ts;
        row.dur = call.dur;
        row.self = call.dur;
        row.cpu = call.cpu;
        row.pid = call.pid;
        row.depth = call.depth;
        row.function = table->intern(call.function).value();
        row.flags = call.dur == Storage::noTime ? Storage::CallFlag::NoExit : 0;
        if (call.parent > 0) {
            Storage::CallRow& parent = rows[std::size_t(call.parent - 1)];
            if (parent.self != Storage::noTime && call.dur != Storage::noTime)
                parent.self -= call.dur;
        }
        rows.push_back(row);
    }
    s = table->write(rows);
    return s ? QString() : s.error().message;
}

// A recording without a call table (made before function calls existed).
inline QString writePlainRecording(const QString& path)
{
    auto writer = Storage::RecordingWriter::create(path);
    if (!writer)
        return writer.error().message;
    Storage::Status s = writer.value()->setTask(10, 10, "bash");
    s = s ? writer.value()->finish() : s;
    return s ? QString() : s.error().message;
}

inline Gui::RecordingPtr openRecording(const QString& path)
{
    auto reader = Storage::RecordingReader::open(path);
    auto recording = std::make_shared<Gui::OpenedRecording>();
    recording->path = path;
    if (reader) {
        recording->meta = reader.value()->meta();
        recording->summary = reader.value()->summary().value();
    }
    return recording;
}

inline std::shared_ptr<const Storage::LoadedCalls> load(const QString& path, const Storage::CallScope& scope = {})
{
    auto calls = Storage::loadCalls(path, scope);
    return calls ? std::make_shared<const Storage::LoadedCalls>(std::move(calls.value())) : nullptr;
}

// Calls as loadCalls returns them, without a file (for shapes a recording would make slow).
inline std::shared_ptr<const Storage::LoadedCalls> inMemory(const std::vector<Call>& calls)
{
    auto loaded = std::make_shared<Storage::LoadedCalls>();
    std::vector<QString>& names = loaded->functionNames;
    for (const Call& call : calls) {
        const QString name = QString::fromUtf8(call.function);
        auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end())
            it = names.insert(names.end(), name);
        loaded->id.push_back(call.id);
        loaded->parent.push_back(std::int32_t(call.parent - 1)); // ids are 1..n in order
        loaded->ts.push_back(call.ts);
        loaded->dur.push_back(call.dur);
        std::int64_t self = call.dur;
        for (const Call& child : calls) {
            if (child.parent == call.id && child.dur != Storage::noTime && self != Storage::noTime)
                self -= child.dur;
        }
        loaded->self.push_back(self);
        loaded->cpu.push_back(call.cpu);
        loaded->pid.push_back(call.pid);
        loaded->depth.push_back(call.depth);
        loaded->function.push_back(std::int32_t(it - names.begin()));
        loaded->flags.push_back(
            call.dur == Storage::noTime ? std::uint8_t(Storage::CallFlag::NoExit) : std::uint8_t(0));
    }
    return loaded;
}

// The rows of a tree model, depth-first, indented two spaces a level: "name calls total self".
inline void printRows(const QAbstractItemModel& model, const QModelIndex& parent, int depth, QStringList& out)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        QString line = QString(depth * 2, QLatin1Char(' ')) + index.data().toString();
        for (int column = 1; column < 4; ++column)
            line += QLatin1Char(' ') + model.index(row, column, parent).data(Gui::CallTreeModel::SortRole).toString();
        out << line;
        printRows(model, index, depth + 1, out);
    }
}

inline QStringList printTree(const QAbstractItemModel& model)
{
    QStringList out;
    printRows(model, {}, 0, out);
    return out;
}

} // namespace CallTest
