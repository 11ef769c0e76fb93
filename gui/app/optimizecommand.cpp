// SPDX-License-Identifier: GPL-3.0-or-later
#include "optimizecommand.h"

#include "callindex.h"
#include "errordialog.h"
#include "timelineindex.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPromise>
#include <QtConcurrent>

namespace Gui {

struct OptimizeCommand::Outcome {
    QString problem;
    bool changed = false;
};

OptimizeCommand::OptimizeCommand(QWidget* window)
    : QObject(window)
    , m_window(window)
{
}

OptimizeCommand::~OptimizeCommand()
{
    cancel();
    if (m_watcher)
        m_watcher->waitForFinished();
}

void OptimizeCommand::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

void OptimizeCommand::run(const QString& recordingPath)
{
    if (m_watcher)
        return;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_watcher = new QFutureWatcher<Outcome>(this);
    auto* progress = new QProgressDialog(tr("Writing the indexes into %1…").arg(QDir::toNativeSeparators(recordingPath)),
        tr("Cancel"), 0, 100, m_window);
    progress->setObjectName(QStringLiteral("optimizeProgressDialog"));
    progress->setWindowTitle(tr("Optimize"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(m_watcher, &QFutureWatcherBase::progressValueChanged, progress, &QProgressDialog::setValue);
    connect(progress, &QProgressDialog::canceled, this, &OptimizeCommand::cancel);
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this, progress, recordingPath] {
        progress->deleteLater();
        finished(recordingPath);
    });
    m_watcher->setFuture(QtConcurrent::run([path = recordingPath, cancel = m_cancel](QPromise<Outcome>& promise) {
        promise.setProgressRange(0, 100);
        // Half the bar each; a build that is not needed returns at once.
        auto part = [&](int from) -> Storage::IndexProgress {
            return [&promise, cancel, from](double fraction) {
                promise.setProgressValue(from + int(fraction * 50));
                return !*cancel;
            };
        };
        const bool inFile = Storage::fileHasTimelineIndex(path) && Storage::fileHasCallIndex(path);
        Storage::Status s = Storage::buildTimelineIndex(path, part(0), Storage::IndexPlace::File);
        if (s)
            s = Storage::buildCallIndex(path, part(50), Storage::IndexPlace::File);
        promise.addResult(Outcome { s ? QString() : s.error().message, !inFile });
    }));
}

void OptimizeCommand::finished(const QString& path)
{
    const Outcome outcome = m_watcher->future().resultCount() > 0 ? m_watcher->result() : Outcome { tr("cancelled"), false };
    m_watcher->deleteLater();
    m_watcher = nullptr;
    if (outcome.problem.isEmpty()) {
        Q_EMIT optimized(path, outcome.changed);
        return;
    }
    Q_EMIT optimizeFailed(path, outcome.problem);
    if (*m_cancel)
        return;
    QMessageBox* box = ErrorDialog::create(m_window, path, outcome.problem);
    box->setObjectName(QStringLiteral("optimizeErrorDialog"));
    box->setWindowTitle(tr("Cannot Optimize"));
    box->setText(tr("Cannot write the indexes into “%1”.").arg(QDir::toNativeSeparators(path)));
    box->open();
}

} // namespace Gui
