// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openedrecording.h"
#include "result.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace Gui {

// Opens a recording and reads its summary: Storage::RecordingReader::open + summary() ->
// OpenedRecording. A recording without its indexes (an older file, one written without them,
// one whose writer was killed) gets them built, or completed, into the index cache: the file
// itself is never changed by opening it. Runs on the calling thread (a worker); the reader and
// its connection die here. indexProgress gets the build's fraction done; returning false
// cancels the open.
Storage::Result<RecordingPtr> loadRecording(const QString& path, const std::function<bool(double)>& indexProgress = {});

// Opens recordings in worker threads (QtConcurrent) and reports on the GUI thread. Several
// loads may run at once; cancelAll() drops the results of every load started before it
// (generation ids), e.g. when the window closes its recording. GUI thread only.
class RecordingLoader : public QObject {
    Q_OBJECT
public:
    explicit RecordingLoader(QObject* parent = nullptr);

    void load(const QString& path);
    // Also stops a timeline index build under way (the file is left as it was).
    void cancelAll()
    {
        ++m_generation;
        m_cancelled->store(true);
        m_cancelled = std::make_shared<std::atomic<bool>>(false);
    }
    int pending() const { return m_pending; }

Q_SIGNALS:
    void loadStarted(const QString& path);
    // The first open of a recording without its indexes builds them into the cache: percent done.
    void indexProgress(const QString& path, int percent);
    void loaded(Gui::RecordingPtr recording);
    void loadFailed(const QString& path, const QString& problem);
    // The file is no recording but a trace another tool wrote (a trace.dat, ftrace or perf script
    // text): it can be imported. description names what it is.
    void importableFileOpened(const QString& path, const QString& description);

private:
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancelled = std::make_shared<std::atomic<bool>>(false);
    int m_pending = 0;
};

} // namespace Gui
