// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openedrecording.h"

#include <QStatusBar>

class QLabel;

namespace Gui {

// The main window's status bar: file, duration, events, CPUs, lost events as a red warning
// (with an explanation in its tooltip) when the kernel dropped any or the recorder dropped
// corrupt ring-buffer pages, and for an imported trace
// the lines the import could not read. GUI thread only.
class RecordingStatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit RecordingStatusBar(QWidget* parent = nullptr);

    void setRecording(const RecordingPtr& recording);
    void showOpening(const QString& path);
    void showIndexProgress(const QString& path, int percent);

    // "2.500315 s", "12.5 ms", "800 us", "42 ns": the unit that keeps the integer part short.
    static QString formatDuration(qint64 ns);

private:
    QLabel* addLabel(const char* objectName);
    // What the lost events are: the kernel's ring-buffer overflows, pages the recorder dropped.
    static QString lostEventsToolTip(const Storage::RecordingSummary& summary);

    QLabel* m_file;
    QLabel* m_duration;
    QLabel* m_events;
    QLabel* m_cpus;
    QLabel* m_lost;
    QLabel* m_unparsed;
};

} // namespace Gui
