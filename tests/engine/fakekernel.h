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
//    instance's per_cpu/cpuN/trace_pipe_raw as ring-buffer pages;
//  - writing function or function_graph to an instance's current_tracer appends the records
//    scripted for that tracer's ftrace events (function; funcgraph_entry, funcgraph_exit, ...)
//    in time order, or fails with the errno refuseTracer() set (a tracer not listed in
//    available_tracers fails with EINVAL, as in the kernel);
//  - the function filter files (set_ftrace_filter, set_ftrace_notrace, set_graph_function,
//    set_graph_notrace, set_ftrace_pid) read back as the kernel shows them: one function per line,
//    globs expanded against available_filter_functions, or "#### all functions enabled ####";
//  - pages scriptRawPage() gave follow an event's records as they are, damaged or not;
//  - instances have set_event_notrace_pid and set_ftrace_notrace_pid only with notracePidFiles()
//    (Linux 5.8 and later), otherwise they are as an older kernel's;
//  - opening a file made unreadable() for reading fails with EPERM, as lockdown does.
// As in the kernel, set_graph_function, set_graph_notrace and max_graph_depth are top-level files
// only, unless graphFilesInInstances(). A tracer onlyAtTopLevel() behaves as function_graph on
// Linux 6.1: instances neither list nor take it (EINVAL), and set at the top level its records go
// into the top-level buffer (as do those of events enabled there). It sees those calls through open/mkdir/rmdir/write
// interposed in the test executable (fakekernelhooks.cpp). One FakeKernel at a time; any thread
// (calls are serialised).
class FakeKernel {
public:
    // fixtureDir: tests/data/tracefs (header_page, header_event, real format files).
    FakeKernel(const QString& fixtureDir, int cpus);
    ~FakeKernel();

    QString root() const { return m_dir.path(); }
    // A file at the root, e.g. available_filter_functions or events/ftrace/funcgraph_exit/format.
    void writeRootFile(const QString& name, const QByteArray& text);
    QByteArray readRootFile(const QString& name) const;
    // Writing tracer to any current_tracer fails with error (EPERM: as under lockdown).
    void refuseTracer(const QString& tracer, int error);
    // Opening name (relative to the root) for reading fails with EPERM.
    void makeUnreadable(const QString& name);
    // Writing to a file of this name (in any directory, e.g. set_event_notrace_pid) fails with error.
    void refuseWrites(const QString& fileName, int error);
    // Instances get their own set_graph_function, set_graph_notrace and max_graph_depth (as a
    // kernel might one day); call before the instance is created.
    void graphFilesInInstances(bool own);
    // Instances refuse tracer (EINVAL) and leave it out of their available_tracers.
    void onlyAtTopLevel(const QString& tracer);
    // Instances get set_event_notrace_pid and set_ftrace_notrace_pid; call before one is created.
    void notracePidFiles(bool present);

    struct Record {
        int cpu = 0;
        std::uint64_t ts = 0;
        int pid = 0;
        std::function<void(EventRecord&)> fill;
        std::uint8_t flags = 0; // common_flags: 0x08 hard irq, 0x10 soft irq, 0x01 irqs off
        std::uint8_t preemptCount = 0;
    };
    void script(const QString& event, std::vector<Record> records);
    // A page appended as given to CPU cpu's trace_pipe_raw after event's records, when it is enabled.
    void scriptRawPage(const QString& event, int cpu, std::vector<char> page);

    // Lines appended to a definition file (kprobe_events, uprobe_events), in order.
    QStringList definitionWrites(const QString& file) const;
    // "PATH=VALUE" for every write to a control file (paths from the root; definition files and
    // per_cpu/ not included), value trimmed.
    QStringList controlWrites() const;
    bool instanceExists(const QString& name) const;

    // Called by the interposed functions.
    static FakeKernel* active();
    void onMkdir(const QString& path);
    bool onRmdir(const QString& path);
    void onWrite(const QString& path, const QByteArray& data);
    // A control file opened with O_TRUNC: emptied, it reads as the kernel shows an empty one.
    void onTruncate(const QString& path);
    // Checked before the write / open happens: the errno to fail with, or 0.
    int writeError(const QString& path, const QByteArray& data) const;
    int openError(const QString& path, int flags) const;

private:
    void populateInstance(const QString& dir);
    QByteArray instanceTracers() const; // the root's available_tracers but the top-level-only ones
    void defineProbe(const QString& file, const QString& line);
    void emitScripted(const QString& instanceDir, const QString& event);
    void emitTracer(const QString& instanceDir, const QString& tracer);
    void appendPages(const QString& instanceDir, const QList<QPair<QString, Record>>& records);
    void canonicalise(const QString& path);
    QString relative(const QString& path) const;

    QTemporaryDir m_dir;
    int m_cpus = 0;
    int m_nextId = 3000;
    mutable std::recursive_mutex m_mutex;
    QMap<QString, QStringList> m_definitionWrites;
    QStringList m_controlWrites;
    QMap<QString, std::vector<Record>> m_scripts;
    QMap<QString, std::vector<std::pair<int, std::vector<char>>>> m_rawPages; // event -> (cpu, page)
    QMap<QString, QByteArray> m_formats; // "GRP/EV" -> format text of defined probes
    QMap<QString, QStringList> m_defined; // definition file -> the probes it lists now
    QMap<QString, int> m_refusedTracers;
    QMap<QString, int> m_refusedWrites; // file name -> errno
    QStringList m_unreadable;
    bool m_graphFilesInInstances = false;
    QStringList m_topLevelOnly;
    bool m_notracePidFiles = false;
};

// The format file the kernel lays out for a probe definition line (trace_probe.c): __probe_ip
// (or __probe_func, __probe_ret_ip for return probes), then the arguments packed in order.
QByteArray probeFormat(const QString& definitionLine, int id);

} // namespace TestSupport
