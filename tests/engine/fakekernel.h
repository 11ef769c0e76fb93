// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ringbufferpage.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace TestSupport {

// A tracefs look-alike in a temporary directory that reacts where the kernel reacts, so the
// real recorder runs against kernel features this machine lacks (kprobes, function tracers):
//  - mkdir instances/NAME fills the instance with its control files and an events/ mirror;
//  - rmdir instances/NAME removes it (a plain directory would refuse: it is not empty);
//  - appending "p|r[N]:GRP/EV PLACE ARGS" to kprobe_events or uprobe_events creates events/GRP/EV
//    with a format laid out by the kernel's rules for probe arguments, "-:GRP/EV" removes it;
//  - writing 1 to an instance's events/GRP/EV/enable appends the records scripted for EV to the
//    instance's per_cpu/cpuN/trace_pipe_raw as ring-buffer pages.
// It sees those calls through mkdir/rmdir/write interposed in the test executable
// (fakekernelhooks.cpp). One FakeKernel at a time; any thread (calls are serialised).
class FakeKernel {
public:
    // fixtureDir: tests/data/tracefs (header_page, header_event, real format files).
    FakeKernel(const QString& fixtureDir, int cpus);
    ~FakeKernel();

    QString root() const { return m_dir.path(); }
    // A file at the root, e.g. available_filter_functions.
    void writeRootFile(const QString& name, const QByteArray& text);

    struct Record {
        int cpu = 0;
        std::uint64_t ts = 0;
        int pid = 0;
        std::function<void(EventRecord&)> fill;
    };
    void script(const QString& event, std::vector<Record> records);

    // Lines appended to a definition file (kprobe_events, uprobe_events), in order.
    QStringList definitionWrites(const QString& file) const;
    // "PATH=VALUE" for every write to a control file under instances/ (paths from the root).
    QStringList controlWrites() const;
    bool instanceExists(const QString& name) const;

    // Called by the interposed functions.
    static FakeKernel* active();
    void onMkdir(const QString& path);
    bool onRmdir(const QString& path);
    void onWrite(const QString& path, const QByteArray& data);

private:
    void populateInstance(const QString& dir);
    void defineProbe(const QString& file, const QString& line);
    void emitScripted(const QString& instanceDir, const QString& event);
    QString relative(const QString& path) const;

    QTemporaryDir m_dir;
    int m_cpus = 0;
    int m_nextId = 3000;
    mutable std::recursive_mutex m_mutex;
    QMap<QString, QStringList> m_definitionWrites;
    QStringList m_controlWrites;
    QMap<QString, std::vector<Record>> m_scripts;
    QMap<QString, QByteArray> m_formats; // "GRP/EV" -> format text of defined probes
    QMap<QString, QStringList> m_defined; // definition file -> the probes it lists now
};

// The format file the kernel lays out for a probe definition line (trace_probe.c): __probe_ip
// (or __probe_func, __probe_ret_ip for return probes), then the arguments packed in order.
QByteArray probeFormat(const QString& definitionLine, int id);

} // namespace TestSupport
