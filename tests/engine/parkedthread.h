// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace TestSupport {

// A thread of the test process that runs until released (or destroyed) and says its id: one of
// "the helper's own threads" when the recorder runs in the test. Test thread only.
class ParkedThread {
public:
    ParkedThread()
        : m_thread([this] {
            std::unique_lock lock(m_mutex);
            m_tid = int(::gettid());
            m_changed.notify_all();
            m_changed.wait(lock, [this] { return m_release; });
        })
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_tid != 0; });
    }
    ~ParkedThread() { release(); }
    int tid() const { return m_tid; }
    void release()
    {
        {
            std::lock_guard lock(m_mutex);
            m_release = true;
        }
        m_changed.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    int m_tid = 0;
    bool m_release = false;
    std::thread m_thread;
};

} // namespace TestSupport
