// SPDX-License-Identifier: GPL-3.0-or-later
#include "importjob.h"

#include "ftracetextimporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPromise>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

#include <filesystem>
#include <system_error>

namespace Gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Gui::ImportJob)
};

// The job's life, shared with the worker: who gets there first decides whether a late cancel
// still counts (the recording is not in place yet) or not (it is).
enum State : int { Running, CancelRequested, Committed };

const char* const sqliteSuffixes[] = { "", "-wal", "-shm", "-journal" };

void removeRecording(const QString& path)
{
    for (const char* suffix : sqliteSuffixes)
        QFile::remove(path + QLatin1String(suffix));
}

// Puts the complete partial recording in the output's place. The old output's -wal and -shm
// go first: SQLite would otherwise read a stale log into the new file.
QString replaceOutput(const QString& partial, const QString& output)
{
    for (const char* suffix : sqliteSuffixes) {
        const QString name = output + QLatin1String(suffix);
        if (QFile::exists(name) && !QFile::remove(name))
            return Tr::tr("%1: cannot replace the existing file").arg(name);
    }
    std::error_code error;
    std::filesystem::rename(QFile::encodeName(partial).toStdString(), QFile::encodeName(output).toStdString(), error);
    if (error)
        return Tr::tr("%1: cannot write the recording: %2").arg(output, QString::fromLocal8Bit(error.message()));
    return {};
}

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
    auto result = Engine::FtraceTextImporter(std::move(options)).importFile(input, partial);
    int running = Running;
    if (!result || !state->compare_exchange_strong(running, Committed)) {
        removeRecording(partial); // the importer removes what it wrote; this also covers a cancel after it finished
        outcome.cancelled = state->load() == CancelRequested;
        // The user chose `output`; the partial file is ours.
        outcome.problem = result ? Tr::tr("%1: import cancelled").arg(input) : QString(result.error().message).replace(partial, output);
        promise.addResult(outcome);
        return;
    }
    outcome.problem = replaceOutput(partial, output);
    if (!outcome.problem.isEmpty())
        removeRecording(partial);
    outcome.summary.events = result->events;
    outcome.summary.unparsedLines = result->unparsedLines;
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

QString ImportJob::partialPath(const QString& outputPath) { return outputPath + QLatin1String(".part"); }

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
