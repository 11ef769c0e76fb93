// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace Gui {

// What a finished import made, for the window that opens it.
struct ImportSummary {
    QString inputPath;
    QString outputPath;
    qint64 events = 0;
    qint64 unparsedLines = 0; // lines of the text that are not in the recording
    QString format;           // the input's format ("trace.dat", "ftrace", "perf-script")
    QStringList warnings;     // what the recording lacks of the input (a cut trace.dat)
};

// The worker's answer; default-constructible for QFuture.
struct ImportOutcome {
    ImportSummary summary;
    bool cancelled = false;
    QString problem; // empty: imported
};

// One import (File > Import…, or File > Open of a trace): Engine::importTraceFile in a worker, the
// input's format told from its content. It writes a
// partial file beside the output that replaces the output only once complete, so a failed or
// cancelled import leaves no partial recording behind and an existing file as it was.
// cancel() stops the worker, which removes the partial output; destroying the job cancels it
// too. A cancel that comes after the recording was put in place is too late: the job reports it
// imported. One start() per job. GUI thread only; the worker shares only the job's state flag.
class ImportJob : public QObject {
    Q_OBJECT
public:
    ImportJob(const QString& inputPath, const QString& outputPath, QObject* parent = nullptr);
    ~ImportJob() override;

    void start();
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    const QString& inputPath() const { return m_inputPath; }
    const QString& outputPath() const { return m_outputPath; }

    // Where the import writes until it is complete.
    static QString partialPath(const QString& outputPath);
    // What File > Import suggests for an input: its name with .ftlens beside it, or in the
    // documents folder (else the home folder) when the input's folder is not writable.
    static QString defaultOutputPath(const QString& inputPath);

Q_SIGNALS:
    void progressChanged(int permille);
    void imported(const Gui::ImportSummary& summary);
    void importFailed(const QString& inputPath, const QString& problem);
    void importCancelled(const QString& inputPath);

private:
    void finish();

    QString m_inputPath;
    QString m_outputPath;
    std::shared_ptr<std::atomic<int>> m_state; // see State in importjob.cpp
    QFutureWatcher<ImportOutcome> m_watcher;
};

} // namespace Gui
