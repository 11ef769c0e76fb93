// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace Gui {

// What File > Export writes a recording as, for another tool.
enum class ExportFormat { TraceDat, ChromeJson };

// The worker's answer; default-constructible for QFuture.
struct ExportOutcome {
    bool cancelled = false;
    QString problem; // empty: exported
    qint64 events = 0;
    QString note;
};

// One export of a recording for another tool (Engine::TraceDatExporter or ChromeJsonExporter) in a
// worker, with progress; the exporter writes beside the output and puts the file in place only
// when complete, so a cancelled or failed export leaves no partial file and an existing file as
// it was. Destroying the job cancels it. One start() per job. GUI thread only; the worker shares
// only the cancel flag.
class ExportJob : public QObject {
    Q_OBJECT
public:
    ExportJob(const QString& recordingPath, const QString& outputPath, ExportFormat format, QObject* parent = nullptr);
    ~ExportJob() override;

    void start();
    void cancel() { m_cancelled->store(true); }
    bool isRunning() const { return m_watcher.isRunning(); }
    const QString& outputPath() const { return m_outputPath; }

Q_SIGNALS:
    void progressChanged(int permille);
    void exported(const QString& outputPath, qint64 events, const QString& note);
    void exportFailed(const QString& outputPath, const QString& problem);
    void exportCancelled(const QString& outputPath);

private:
    void finish();

    QString m_recordingPath;
    QString m_outputPath;
    ExportFormat m_format;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    QFutureWatcher<ExportOutcome> m_watcher;
};

} // namespace Gui
