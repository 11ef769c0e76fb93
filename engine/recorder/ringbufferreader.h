// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

struct tracefs_cpu;
struct tracefs_instance;

namespace Recorder {

// One ring-buffer sub-buffer (page) as read from a CPU's trace_pipe_raw.
struct RawPage {
    int cpu = 0;
    std::vector<char> bytes;
};

// Reads every CPU's trace_pipe_raw of an instance (or, with an empty name, of the top-level
// buffer) with libtracefs on its own thread, so that reading keeps up with the kernel however
// slow the consumer is: pages queue up in memory. take() hands the queued pages to the consumer
// (the writer thread).
class RingBufferReader {
public:
    ~RingBufferReader();
    static Storage::Result<std::unique_ptr<RingBufferReader>> open(const QString& tracefsRoot,
        const QString& instanceName, int cpus);

    void start();
    // Reads until every CPU is empty (call after tracing was switched off), then ends the thread.
    void stopAndDrain();
    struct Batch {
        std::vector<RawPage> pages;
        // CLOCK_MONOTONIC time taken before the newest read cycle that emptied every CPU: every
        // event stamped (in the 'mono' trace clock) before it, minus a small slack, is in this
        // batch or an earlier one. INT64_MAX once drained for good.
        std::int64_t drainedBefore = 0;
    };
    // Waits up to timeoutMs for pages; returns all that are queued.
    Batch take(int timeoutMs);
    std::int64_t pagesRead() const { return m_pagesRead.load(); }
    int cpuCount() const { return static_cast<int>(m_cpus.size()); }

private:
    RingBufferReader() = default;
    void run();
    // One pass over all CPUs; returns the number of pages read.
    int readCycle(std::vector<RawPage>& scratch);

    tracefs_instance* m_instance = nullptr;
    std::vector<tracefs_cpu*> m_cpus;
    std::vector<int> m_cpuIds; // the CPU number of each entry of m_cpus
    int m_pageSize = 0;
    std::thread m_thread;
    std::atomic<bool> m_stop { false };
    std::int64_t m_drainedBefore = 0; // guarded by m_mutex, together with m_queue
    std::atomic<std::int64_t> m_pagesRead { 0 };
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::vector<RawPage> m_queue;
};

std::int64_t monotonicNowNs();

} // namespace Recorder
