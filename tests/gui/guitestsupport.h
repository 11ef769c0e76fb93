// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the GUI tests: settings kept in a temporary directory, and fixture recordings.

#include "recordingwriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <vector>

namespace GuiTest {

// QStringList from literals (the project builds with QT_NO_CAST_FROM_ASCII).
inline QStringList strings(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

// QSettings of this test go to dir, never to the user's configuration.
inline void isolateSettings(const QString& dir, const QString& testName)
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
    QCoreApplication::setOrganizationName(QStringLiteral("ftlens-test"));
    QCoreApplication::setApplicationName(testName);
}

// A copy of resources/demo.ftlens in dir (tests never open the source tree's file).
inline QString copyDemo(const QString& dir, const QString& name = QStringLiteral("demo.ftlens"))
{
    const QString path = dir + QLatin1Char('/') + name;
    QFile::remove(path);
    return QFile::copy(QStringLiteral(FTLENS_SOURCE_DIR "/resources/demo.ftlens"), path) ? path : QString();
}

// A small recording with two CPUs and the given cpu_stats rows. Returns an empty string or the error.
inline QString writeRecordingWithCpuStats(const QString& path, const std::vector<Storage::CpuStats>& cpuStats)
{
    using namespace Storage;
    auto created = RecordingWriter::create(path);
    if (!created)
        return created.error().message;
    RecordingWriter& w = **created;
    EventTypeSpec spec;
    spec.system = "sched";
    spec.name = "sched_switch";
    spec.kind = "tracepoint";
    spec.fields = { { "prev_pid", "pid_t", Schema::FieldStorage::Int, 4 },
        { "next_pid", "pid_t", Schema::FieldStorage::Int, 4 } };
    auto type = w.addEventType(spec);
    if (!type)
        return type.error().message;
    Status s = w.setMeta("cpus", "2");
    for (int i = 0; i < 100 && s; ++i) {
        w.beginEvent(*type, 1'000'000 + i * 10'000, i % 2, 100 + i % 3, 0, 0);
        w.setInt(0, 100 + i % 3);
        w.setInt(1, 100 + (i + 1) % 3);
        s = w.endEvent();
    }
    for (int pid = 100; pid < 103 && s; ++pid)
        s = w.setTask(pid, pid, "task" + std::to_string(pid));
    for (const CpuStats& stats : cpuStats)
        s = s ? w.setCpuStats(stats) : s;
    s = s ? w.finish() : s;
    return s ? QString() : s.error().message;
}

// Two CPUs whose ring buffers overran: 5 overruns on CPU 0, 3 missed events on CPU 1 (lost = 8).
inline QString writeLossyRecording(const QString& path)
{
    return writeRecordingWithCpuStats(path,
        { Storage::CpuStats { 0, 50, 5, 0, 0, 50, 4096, 0 }, Storage::CpuStats { 1, 50, 0, 0, 0, 50, 4096, 3 } });
}

} // namespace GuiTest
