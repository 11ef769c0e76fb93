// SPDX-License-Identifier: GPL-3.0-or-later
#include "tasknames.h"

#include <QDir>
#include <QFile>

namespace Recorder {

void TaskNames::note(int pid, std::string_view comm, Source source, int tgid)
{
    if (pid <= 0 || comm.empty())
        return;
    Task& task = m_tasks[pid];
    if (task.comm.empty() || source >= task.source) {
        task.comm.assign(comm);
        task.source = source;
    }
    if (tgid > 0)
        task.tgid = tgid;
}

void TaskNames::scanProc()
{
    const QStringList processes = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& process : processes) {
        bool isPid = false;
        const int tgid = process.toInt(&isPid);
        if (!isPid)
            continue;
        const QStringList threads
            = QDir(QStringLiteral("/proc/%1/task").arg(process)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& thread : threads) {
            QFile comm(QStringLiteral("/proc/%1/task/%2/comm").arg(process, thread));
            if (comm.open(QIODevice::ReadOnly))
                note(thread.toInt(), comm.readAll().trimmed().toStdString(), Source::Proc, tgid);
        }
    }
}

void TaskNames::parseSavedCmdlines(const QByteArray& text)
{
    // "pid comm" per line; comm may contain spaces.
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray& line : lines) {
        const qsizetype space = line.indexOf(' ');
        if (space > 0)
            note(line.left(space).toInt(), line.mid(space + 1).toStdString(), Source::SavedCmdlines);
    }
}

void TaskNames::parseSavedTgids(const QByteArray& text)
{
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray& line : lines) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() == 2) {
            if (auto it = m_tasks.find(parts[0].toInt()); it != m_tasks.end() && parts[1].toInt() > 0)
                it->second.tgid = parts[1].toInt();
        }
    }
}

Storage::Status TaskNames::writeTo(Storage::RecordingWriter& writer) const
{
    for (const auto& [pid, task] : m_tasks) {
        if (Storage::Status s = writer.setTask(pid, task.tgid, task.comm); !s)
            return s;
    }
    return {};
}

} // namespace Recorder
