// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportjob.h"

#include "chromejsonexporter.h"
#include "tracedatexporter.h"

#include <QCoreApplication>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace Gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Gui::ExportJob)
};

// Runs in a worker.
void runExport(QPromise<ExportOutcome>& promise, const QString& recording, const QString& output, ExportFormat format,
    const std::shared_ptr<std::atomic<bool>>& cancelled)
{
    promise.setProgressRange(0, 1000);
    Engine::ExportOptions options;
    options.progress = [&promise](int permille) { promise.setProgressValue(permille); };
    options.isCancelled = [&cancelled] { return cancelled->load(); };
    auto result = format == ExportFormat::TraceDat ? Engine::TraceDatExporter(std::move(options)).exportFile(recording, output)
                                                   : Engine::ChromeJsonExporter(std::move(options)).exportFile(recording, output);
    ExportOutcome outcome;
    outcome.cancelled = !result && cancelled->load();
    if (!result)
        outcome.problem = result.error().message;
    else {
        outcome.events = result->events;
        outcome.note = result->note;
    }
    promise.addResult(outcome);
}
} // namespace

ExportJob::ExportJob(const QString& recordingPath, const QString& outputPath, ExportFormat format, QObject* parent)
    : QObject(parent)
    , m_recordingPath(recordingPath)
    , m_outputPath(outputPath)
    , m_format(format)
    , m_cancelled(std::make_shared<std::atomic<bool>>(false))
{
    connect(&m_watcher, &QFutureWatcher<ExportOutcome>::progressValueChanged, this, &ExportJob::progressChanged);
    connect(&m_watcher, &QFutureWatcher<ExportOutcome>::finished, this, &ExportJob::finish);
}

ExportJob::~ExportJob()
{
    // The worker goes on alone, sees the cancel and removes its partial file.
    cancel();
    m_watcher.disconnect(this);
}

void ExportJob::start()
{
    if (!m_watcher.future().isValid())
        m_watcher.setFuture(QtConcurrent::run(runExport, m_recordingPath, m_outputPath, m_format, m_cancelled));
}

void ExportJob::finish()
{
    if (m_watcher.future().resultCount() == 0) {
        Q_EMIT exportFailed(m_outputPath, Tr::tr("%1: the export stopped without a result").arg(m_outputPath));
        return;
    }
    const ExportOutcome outcome = m_watcher.result();
    if (outcome.cancelled)
        Q_EMIT exportCancelled(m_outputPath);
    else if (!outcome.problem.isEmpty())
        Q_EMIT exportFailed(m_outputPath, outcome.problem);
    else
        Q_EMIT exported(m_outputPath, outcome.events, outcome.note);
}

} // namespace Gui
