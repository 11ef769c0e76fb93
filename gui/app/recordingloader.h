// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openedrecording.h"
#include "result.h"

#include <QObject>
#include <QString>

namespace Gui {

// Opens a recording and reads its summary: Storage::RecordingReader::open + summary() ->
// OpenedRecording, and builds the timeline index on the first open. Runs on the calling thread
// (a worker); the reader and its connection die here.
Storage::Result<RecordingPtr> loadRecording(const QString& path);

// Opens recordings in worker threads (QtConcurrent) and reports on the GUI thread. Several
// loads may run at once; cancelAll() drops the results of every load started before it
// (generation ids), e.g. when the window closes its recording. GUI thread only.
class RecordingLoader : public QObject {
    Q_OBJECT
public:
    explicit RecordingLoader(QObject* parent = nullptr);

    void load(const QString& path);
    void cancelAll() { ++m_generation; }
    int pending() const { return m_pending; }

Q_SIGNALS:
    void loadStarted(const QString& path);
    void loaded(Gui::RecordingPtr recording);
    void loadFailed(const QString& path, const QString& problem);

private:
    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace Gui
