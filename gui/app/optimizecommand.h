// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QWidget;

namespace Gui {

// File > Optimize: writes the timeline and call indexes into the open recording itself (what
// opening leaves in the index cache, so that the file is never changed unless asked), in a
// worker behind a window-modal progress dialog whose Cancel leaves the file as it was. A file
// that already holds them is left alone. GUI thread only.
class OptimizeCommand : public QObject {
    Q_OBJECT
public:
    explicit OptimizeCommand(QWidget* window);
    ~OptimizeCommand() override;

    void run(const QString& recordingPath);
    bool isRunning() const { return m_watcher != nullptr; }
    void cancel();

Q_SIGNALS:
    void optimized(const QString& path, bool changed);
    void optimizeFailed(const QString& path, const QString& problem);

private:
    struct Outcome;
    void finished(const QString& path);

    QWidget* m_window;
    QFutureWatcher<Outcome>* m_watcher = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace Gui
