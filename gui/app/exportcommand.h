// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportjob.h"

#include <QObject>

class QWidget;

namespace Gui {

// File > Export as trace.dat… / as Chrome JSON… for one window: asks for the file to write, runs
// the ExportJob behind a window-modal progress dialog whose Cancel stops it, shows failures in
// the ErrorDialog naming the file, and says what was written. GUI thread only.
class ExportCommand : public QObject {
    Q_OBJECT
public:
    explicit ExportCommand(QWidget* window);

    // The Save dialog, then run().
    void chooseAndRun(const QString& recordingPath, ExportFormat format);
    // Exports without asking; returns the job (owned by this command) for callers that follow it.
    ExportJob* run(const QString& recordingPath, const QString& outputPath, ExportFormat format);

Q_SIGNALS:
    void exported(const QString& outputPath, qint64 events);

private:
    QWidget* m_window;
};

} // namespace Gui
