// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importjob.h"

#include <QObject>

class QWidget;

namespace Gui {

// File > Import… for one window: asks for the trace (a trace.dat, ftrace or trace-cmd report text,
// perf script output) and the recording to write, runs the
// ImportJob behind a window-modal progress dialog whose Cancel stops it (and removes the
// partial output), shows failures in the ErrorDialog naming the file, and hands a finished
// import to the window to open. Other windows keep working meanwhile. GUI thread only.
class ImportCommand : public QObject {
    Q_OBJECT
public:
    explicit ImportCommand(QWidget* window);

    // The file dialogs, then run().
    void chooseAndRun();
    // File > Open of a trace another tool wrote: asks whether to import it (description says what
    // it is), then the Save dialog, then run().
    void offerImport(const QString& inputPath, const QString& description);
    // The Save dialog for the recording of inputPath, then run().
    void chooseOutputAndRun(const QString& inputPath);
    // Imports without asking; returns the job (owned by this command) for callers that follow it.
    ImportJob* run(const QString& inputPath, const QString& outputPath);

Q_SIGNALS:
    void imported(const Gui::ImportSummary& summary);

private:
    void showProblem(const QString& inputPath, const QString& problem);

    QWidget* m_window;
};

} // namespace Gui
