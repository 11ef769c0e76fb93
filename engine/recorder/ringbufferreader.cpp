// SPDX-License-Identifier: GPL-3.0-or-later
#include "ringbufferreader.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <ctime>
#include "tracefsapi.h"
#include <unistd.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};
// How long the reader sleeps after a cycle that found every CPU empty. Short enough that a
// default-sized buffer cannot fill in between at any rate the kernel can produce events.
constexpr auto idleSleep = std::chrono::milliseconds(2);
} // namespace

std::int64_t monotonicNowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

RingBufferReader::~RingBufferReader()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    for (tracefs_cpu* cpu : m_cpus)
        tracefs_cpu_close(cpu);
    tracefs_instance_free(m_instance);
}

Storage::Result<std::unique_ptr<RingBufferReader>> RingBufferReader::open(const QString& tracefsRoot,
    const QString& instanceName, int cpus)
{
    std::unique_ptr<RingBufferReader> reader(new RingBufferReader);
    // An empty name stands for the top-level buffer.
    const QByteArray name = instanceName.toUtf8();
    reader->m_instance = tracefs_instance_alloc(QFile::encodeName(tracefsRoot).constData(),
        instanceName.isEmpty() ? nullptr : name.constData());
    if (!reader->m_instance)
        return Storage::Error { Tr::tr("cannot open the tracefs instance %1").arg(instanceName) };
    const QString bufferDir = instanceName.isEmpty() ? tracefsRoot : tracefsRoot + QLatin1String("/instances/") + instanceName;
    for (int cpu = 0; cpu < cpus; ++cpu) {
        tracefs_cpu* tcpu = tracefs_cpu_open(reader->m_instance, cpu, true);
        if (!tcpu) {
            const int error = errno;
            // A CPU that is not present (offline, or not possible) has no buffer to read.
            if (!QFile::exists(QStringLiteral("%1/per_cpu/cpu%2").arg(bufferDir).arg(cpu)))
                continue;
            return Storage::Error { Tr::tr("cannot open trace_pipe_raw of CPU %1: %2")
                                        .arg(cpu)
                                        .arg(QString::fromLocal8Bit(std::strerror(error))) };
        }
        reader->m_pageSize = std::max(reader->m_pageSize, tracefs_cpu_read_size(tcpu));
        reader->m_cpus.push_back(tcpu);
        reader->m_cpuIds.push_back(cpu);
    }
    if (reader->m_cpus.empty())
        return Storage::Error { Tr::tr("no CPU buffers to read in instance %1").arg(instanceName) };
    return reader;
}

void RingBufferReader::start()
{
    m_drainedBefore = monotonicNowNs();
    m_thread = std::thread([this] { run(); });
}

int RingBufferReader::readCycle(std::vector<RawPage>& scratch)
{
    int pages = 0;
    for (std::size_t i = 0; i < m_cpus.size(); ++i) {
        for (;;) {
            RawPage page { m_cpuIds[i], std::vector<char>(static_cast<std::size_t>(m_pageSize)) };
            const int n = tracefs_cpu_read(m_cpus[i], page.bytes.data(), true);
            if (n <= 0)
                break;
            page.bytes.resize(static_cast<std::size_t>(n));
            scratch.push_back(std::move(page));
            ++pages;
        }
    }
    return pages;
}

void RingBufferReader::run()
{
    std::vector<RawPage> scratch;
    while (!m_stop.load(std::memory_order_relaxed)) {
        const std::int64_t cycleStart = monotonicNowNs();
        const int pages = readCycle(scratch);
        {
            std::lock_guard lock(m_mutex);
            std::move(scratch.begin(), scratch.end(), std::back_inserter(m_queue));
            m_drainedBefore = cycleStart;
        }
        scratch.clear();
        m_pagesRead += pages;
        m_ready.notify_one();
        if (pages == 0)
            std::this_thread::sleep_for(idleSleep);
    }
}

void RingBufferReader::stopAndDrain()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    std::vector<RawPage> scratch;
    while (readCycle(scratch) > 0) { }
    // The page the kernel was still filling is handed out by a flush.
    for (std::size_t i = 0; i < m_cpus.size(); ++i) {
        RawPage page { m_cpuIds[i], std::vector<char>(static_cast<std::size_t>(m_pageSize)) };
        const int n = tracefs_cpu_flush(m_cpus[i], page.bytes.data());
        if (n > 0) {
            page.bytes.resize(static_cast<std::size_t>(n));
            scratch.push_back(std::move(page));
        }
    }
    m_pagesRead += static_cast<std::int64_t>(scratch.size());
    std::lock_guard lock(m_mutex);
    std::move(scratch.begin(), scratch.end(), std::back_inserter(m_queue));
    m_drainedBefore = INT64_MAX;
}

RingBufferReader::Batch RingBufferReader::take(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    if (m_queue.empty() && m_drainedBefore != INT64_MAX)
        m_ready.wait_for(lock, std::chrono::milliseconds(timeoutMs));
    Batch batch;
    batch.pages.swap(m_queue);
    batch.drainedBefore = m_drainedBefore;
    return batch;
}

} // namespace Recorder
