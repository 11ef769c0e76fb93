// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportcommand.h"

#include "errordialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>

namespace Gui {

ExportCommand::ExportCommand(QWidget* window)
    : QObject(window)
    , m_window(window)
{
}

void ExportCommand::chooseAndRun(const QString& recordingPath, ExportFormat format)
{
    const bool traceDat = format == ExportFormat::TraceDat;
    const QFileInfo recording(recordingPath);
    const QString suggested = recording.absoluteDir().filePath(recording.completeBaseName() + (traceDat ? QStringLiteral(".dat") : QStringLiteral(".json")));
    const QString output = QFileDialog::getSaveFileName(m_window, traceDat ? tr("Export as trace.dat") : tr("Export as Chrome/Perfetto JSON"),
        suggested, traceDat ? tr("trace-cmd files (*.dat);;All files (*)") : tr("JSON trace events (*.json);;All files (*)"));
    if (!output.isEmpty())
        run(recordingPath, output, format);
}

ExportJob* ExportCommand::run(const QString& recordingPath, const QString& outputPath, ExportFormat format)
{
    auto* job = new ExportJob(recordingPath, outputPath, format, this);
    auto* progress = new QProgressDialog(tr("Exporting to %1…").arg(QDir::toNativeSeparators(outputPath)), tr("Cancel"), 0, 1000, m_window);
    progress->setObjectName(QStringLiteral("exportProgressDialog"));
    progress->setWindowTitle(tr("Export"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500);
    progress->setAutoReset(false);
    progress->setAutoClose(false);
    connect(job, &ExportJob::progressChanged, progress, &QProgressDialog::setValue);
    connect(progress, &QProgressDialog::canceled, job, &ExportJob::cancel);
    const auto done = [job, progress] {
        progress->disconnect(job);
        progress->deleteLater();
        job->deleteLater();
    };
    connect(job, &ExportJob::exported, this, [this, done](const QString& output, qint64 events, const QString& note) {
        done();
        auto* box = new QMessageBox(QMessageBox::Information, tr("Export"),
            tr("Wrote %1 events to “%2”.").arg(events).arg(QDir::toNativeSeparators(output)), QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("exportDoneDialog"));
        box->setInformativeText(note);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        Q_EMIT exported(output, events);
    });
    connect(job, &ExportJob::exportFailed, this, [this, done](const QString& output, const QString& problem) {
        done();
        QMessageBox* box = ErrorDialog::create(m_window, output, problem);
        box->setObjectName(QStringLiteral("exportErrorDialog"));
        box->setWindowTitle(tr("Cannot Export"));
        box->setText(tr("Cannot write “%1”.").arg(QDir::toNativeSeparators(output)));
        box->open();
    });
    connect(job, &ExportJob::exportCancelled, this, done);
    job->start();
    return job;
}

} // namespace Gui
