// SPDX-License-Identifier: GPL-3.0-or-later
#include "importjob.h"

#include "traceimport.h"
#include "recordingfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPromise>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>


namespace Gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Gui::ImportJob)
};

// The job's life, shared with the worker: who gets there first decides whether a late cancel
// still counts (the recording is not in place yet) or not (it is).
enum State : int { Running, CancelRequested, Committed };

// Runs in a worker.
void runImport(QPromise<ImportOutcome>& promise, const QString& input, const QString& output, const std::shared_ptr<std::atomic<int>>& state)
{
    ImportOutcome outcome;
    outcome.summary.inputPath = input;
    outcome.summary.outputPath = output;
    const QString partial = ImportJob::partialPath(output);
    promise.setProgressRange(0, 1000);
    Engine::ImportOptions options;
    options.progress = [&promise](int permille) { promise.setProgressValue(permille); };
    options.isCancelled = [&state] { return state->load() == CancelRequested; };
    auto result = Engine::importTraceFile(input, partial, Engine::TraceFormat::Auto, std::move(options));
    int running = Running;
    if (!result || !state->compare_exchange_strong(running, Committed)) {
        Storage::removeRecordingFiles(partial); // the importer removes what it wrote; this also covers a cancel after it finished
        outcome.cancelled = state->load() == CancelRequested;
        // The user chose `output`; the partial file is ours.
        outcome.problem = result ? Tr::tr("%1: import cancelled").arg(input) : QString(result.error().message).replace(partial, output);
        promise.addResult(outcome);
        return;
    }
    if (Storage::Status s = Storage::replaceWithPartial(partial, output); !s)
        outcome.problem = s.error().message;
    if (!outcome.problem.isEmpty())
        Storage::removeRecordingFiles(partial);
    outcome.summary.events = result->events;
    outcome.summary.unparsedLines = result->unparsedLines;
    outcome.summary.format = result->format;
    outcome.summary.warnings = result->warnings;
    promise.addResult(outcome);
}
} // namespace

ImportJob::ImportJob(const QString& inputPath, const QString& outputPath, QObject* parent)
    : QObject(parent)
    , m_inputPath(inputPath)
    , m_outputPath(outputPath)
    , m_state(std::make_shared<std::atomic<int>>(Running))
{
    connect(&m_watcher, &QFutureWatcher<ImportOutcome>::progressValueChanged, this, &ImportJob::progressChanged);
    connect(&m_watcher, &QFutureWatcher<ImportOutcome>::finished, this, &ImportJob::finish);
}

ImportJob::~ImportJob()
{
    // The worker goes on alone, sees the cancel and removes its partial file.
    cancel();
    m_watcher.disconnect(this);
}

QString ImportJob::partialPath(const QString& outputPath) { return Storage::partialPath(outputPath); }

QString ImportJob::defaultOutputPath(const QString& inputPath)
{
    const QFileInfo input(inputPath);
    const QString name = input.completeBaseName().isEmpty() ? input.fileName() : input.completeBaseName();
    const QString file = name + QLatin1String(".ftlens");
    if (QFileInfo(input.absolutePath()).isWritable())
        return input.absoluteDir().filePath(file);
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QFileInfo(folder).isWritable())
        folder = QDir::homePath();
    return QDir(folder).filePath(file);
}

void ImportJob::start()
{
    if (m_watcher.future().isValid())
        return;
    m_watcher.setFuture(QtConcurrent::run(runImport, m_inputPath, m_outputPath, m_state));
}

void ImportJob::cancel()
{
    int running = Running;
    m_state->compare_exchange_strong(running, CancelRequested);
}

void ImportJob::finish()
{
    if (m_watcher.future().resultCount() == 0) {
        Q_EMIT importFailed(m_inputPath, Tr::tr("%1: the import stopped without a result").arg(m_inputPath));
        return;
    }
    const ImportOutcome outcome = m_watcher.result();
    if (outcome.cancelled)
        Q_EMIT importCancelled(m_inputPath);
    else if (!outcome.problem.isEmpty())
        Q_EMIT importFailed(m_inputPath, outcome.problem);
    else
        Q_EMIT imported(outcome.summary);
}

} // namespace Gui
