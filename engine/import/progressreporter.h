// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <utility>

namespace Engine {

// Passes an import's or export's progress (0..1000) to its callback only when the value changes,
// and asks its cancel callback. Either callback may be empty. Owned by the working thread.
class ProgressReporter {
public:
    ProgressReporter(std::function<void(int)> progress, std::function<bool()> isCancelled)
        : m_progress(std::move(progress))
        , m_isCancelled(std::move(isCancelled))
    {
    }

    void restart() { m_last = -1; }
    void report(int permille)
    {
        if (permille != m_last && m_progress)
            m_progress(permille);
        m_last = permille;
    }
    bool cancelled() const { return m_isCancelled && m_isCancelled(); }

private:
    std::function<void(int)> m_progress;
    std::function<bool()> m_isCancelled;
    int m_last = -1;
};

} // namespace Engine
