// SPDX-License-Identifier: GPL-3.0-or-later
#include "importcommand.h"

#include "errordialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>

namespace Gui {

namespace {
// The recording must not be written over the text it is read from.
bool samePath(const QString& a, const QString& b)
{
    const QFileInfo x(a), y(b);
    if (x.exists() && y.exists())
        return x.canonicalFilePath() == y.canonicalFilePath();
    return x.absoluteFilePath() == y.absoluteFilePath();
}
} // namespace

ImportCommand::ImportCommand(QWidget* window)
    : QObject(window)
    , m_window(window)
{
}

void ImportCommand::chooseAndRun()
{
    const QString input = QFileDialog::getOpenFileName(m_window, tr("Import Trace"), QString(),
        tr("Traces (*.dat *.txt *.trace *.log *.perf);;All files (*)"));
    if (!input.isEmpty())
        chooseOutputAndRun(input);
}

void ImportCommand::chooseOutputAndRun(const QString& inputPath)
{
    const QString output = QFileDialog::getSaveFileName(m_window, tr("Save the Imported Recording As"),
        ImportJob::defaultOutputPath(inputPath), tr("ftlens recordings (*.ftlens);;All files (*)"));
    if (!output.isEmpty())
        run(inputPath, output);
}

void ImportCommand::offerImport(const QString& inputPath, const QString& description)
{
    auto* box = new QMessageBox(QMessageBox::Question, tr("Import Trace"),
        tr("“%1” is %2, not an ftlens recording.").arg(QDir::toNativeSeparators(inputPath), description), QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("importOfferDialog"));
    box->setInformativeText(tr("Import it into a recording? Nothing is written over it."));
    QPushButton* import = box->addButton(tr("Import…"), QMessageBox::AcceptRole);
    box->setDefaultButton(import);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, import, inputPath] {
        if (box->clickedButton() == import)
            chooseOutputAndRun(inputPath);
    });
    box->open();
}

ImportJob* ImportCommand::run(const QString& inputPath, const QString& outputPath)
{
    if (samePath(inputPath, outputPath)) {
        showProblem(inputPath, tr("%1: the recording would replace the text it is imported from; choose another file for it")
                                   .arg(QDir::toNativeSeparators(outputPath)));
        return nullptr;
    }
    auto* job = new ImportJob(inputPath, outputPath, this);
    auto* progress = new QProgressDialog(tr("Importing %1…").arg(QDir::toNativeSeparators(inputPath)), tr("Cancel"), 0, 1000, m_window);
    progress->setObjectName(QStringLiteral("importProgressDialog"));
    progress->setWindowTitle(tr("Import"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500); // a small file is done before the dialog would flash
    progress->setAutoReset(false);
    progress->setAutoClose(false);
    connect(job, &ImportJob::progressChanged, progress, &QProgressDialog::setValue);
    connect(progress, &QProgressDialog::canceled, job, &ImportJob::cancel);
    const auto done = [job, progress] {
        progress->disconnect(job);
        progress->deleteLater();
        job->deleteLater();
    };
    connect(job, &ImportJob::imported, this, [this, done](const ImportSummary& summary) {
        done();
        Q_EMIT imported(summary);
    });
    connect(job, &ImportJob::importFailed, this, [this, done](const QString& input, const QString& problem) {
        done();
        showProblem(input, problem);
    });
    connect(job, &ImportJob::importCancelled, this, done);
    job->start();
    return job;
}

void ImportCommand::showProblem(const QString& inputPath, const QString& problem)
{
    // The open error dialog, worded for an import: it names the file, the problem says what.
    QMessageBox* box = ErrorDialog::create(m_window, inputPath, problem);
    box->setObjectName(QStringLiteral("importErrorDialog"));
    box->setWindowTitle(tr("Cannot Import Trace"));
    box->setText(tr("Cannot import “%1”.").arg(QDir::toNativeSeparators(inputPath)));
    box->open();
}

} // namespace Gui
