// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <pthread.h>

namespace Engine {

// Passes buffers from one producing thread to one consuming thread and back, so that both work
// at once on different buffers and no buffer is allocated twice. A fixed number of buffers
// bounds how far the producer runs ahead. Shared by exactly those two threads.
template <typename Buffer>
class BatchHandoff {
public:
    explicit BatchHandoff(std::size_t buffers)
    {
        for (std::size_t i = 0; i < buffers; ++i) {
            m_owned.push_back(std::make_unique<Buffer>());
            m_empty.push_back(m_owned.back().get());
        }
    }

    // Producer: a buffer to fill, or nullptr once the consumer stopped.
    Buffer* takeEmpty() { return take(m_empty); }
    void putFull(Buffer* buffer) { put(m_full, buffer); }
    // Producer: nothing more comes; takeFull() returns nullptr after the last full buffer.
    void close() { finish(m_closed); }

    // Consumer: the next full buffer in the order they were put, or nullptr when closed and drained.
    Buffer* takeFull() { return take(m_full); }
    void putEmpty(Buffer* buffer) { put(m_empty, buffer); }
    // Consumer: gives up; the producer's next takeEmpty() returns nullptr.
    void stop() { finish(m_stopped); }

private:
    Buffer* take(std::deque<Buffer*>& from)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return !from.empty() || m_stopped || (m_closed && &from == &m_full); });
        if (from.empty() || m_stopped)
            return nullptr;
        Buffer* buffer = from.front();
        from.pop_front();
        return buffer;
    }
    void put(std::deque<Buffer*>& to, Buffer* buffer)
    {
        {
            std::lock_guard lock(m_mutex);
            to.push_back(buffer);
        }
        m_changed.notify_all();
    }
    void finish(bool& flag)
    {
        {
            std::lock_guard lock(m_mutex);
            flag = true;
        }
        m_changed.notify_all();
    }

    std::vector<std::unique_ptr<Buffer>> m_owned;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Buffer*> m_empty;
    std::deque<Buffer*> m_full;
    bool m_closed = false;
    bool m_stopped = false;
};

// Runs produce() on a thread of its own (named for top and perf) while the calling thread runs
// consume(), over one handoff. An exception on either side stops the other side, both threads
// are joined, and the exception is rethrown on the calling thread, whose entry turns it into an
// error: one leaving the producer's thread would end the process.
template <typename Buffer, typename Produce, typename Consume>
void runHandoff(BatchHandoff<Buffer>& handoff, const char* threadName, Produce&& produce, Consume&& consume)
{
    std::exception_ptr produceFailure;
    std::thread producer([&] {
        pthread_setname_np(pthread_self(), threadName);
        try {
            produce();
        } catch (...) {
            produceFailure = std::current_exception();
        }
        handoff.close();
    });
    std::exception_ptr consumeFailure;
    try {
        consume();
    } catch (...) {
        consumeFailure = std::current_exception();
    }
    handoff.stop();
    producer.join();
    if (consumeFailure)
        std::rethrow_exception(consumeFailure);
    if (produceFailure)
        std::rethrow_exception(produceFailure);
}

} // namespace Engine
