// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingstatusbar.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>

namespace Gui {

RecordingStatusBar::RecordingStatusBar(QWidget* parent)
    : QStatusBar(parent)
    , m_file(addLabel("fileLabel"))
    , m_duration(addLabel("durationLabel"))
    , m_events(addLabel("eventsLabel"))
    , m_cpus(addLabel("cpusLabel"))
    , m_lost(addLabel("lostEventsLabel"))
    , m_unparsed(addLabel("unparsedLinesLabel"))
{
    m_lost->setStyleSheet(QStringLiteral("QLabel { color: #c00000; font-weight: bold; }"));
    m_unparsed->setStyleSheet(QStringLiteral("QLabel { color: #a04000; }"));
    setRecording(nullptr);
}

QLabel* RecordingStatusBar::addLabel(const char* objectName)
{
    auto* label = new QLabel(this);
    label->setObjectName(QLatin1String(objectName));
    addPermanentWidget(label);
    return label;
}

void RecordingStatusBar::setRecording(const RecordingPtr& recording)
{
    clearMessage();
    const QList<QLabel*> labels { m_file, m_duration, m_events, m_cpus, m_lost, m_unparsed };
    for (QLabel* label : labels)
        label->setVisible(recording != nullptr);
    if (!recording) {
        showMessage(tr("No recording open"));
        return;
    }
    const Storage::RecordingSummary& summary = recording->summary;
    const QLocale locale;
    m_file->setText(QFileInfo(recording->path).fileName());
    m_file->setToolTip(QDir::toNativeSeparators(recording->path));
    // Imported function_graph text has calls and no events: its span is in meta first_ts/last_ts.
    const qint64 callSpan = recording->meta.value(QStringLiteral("last_ts")).toLongLong()
        - recording->meta.value(QStringLiteral("first_ts")).toLongLong();
    m_duration->setText(tr("Duration: %1").arg(formatDuration(summary.events > 0 ? summary.durationNs() : callSpan)));
    m_events->setText(tr("Events: %1").arg(locale.toString(qint64(summary.events))));
    m_cpus->setText(tr("CPUs: %1").arg(recording->cpus));
    m_lost->setText(tr("Lost events: %1").arg(locale.toString(qint64(summary.lostEvents))));
    m_lost->setToolTip(lostEventsToolTip(summary));
    m_lost->setVisible(summary.lostEvents > 0);
    // An import leaves out the lines it could not read (meta unparsed_lines); they are listed
    // in the file, where `ftlens-cli info` shows them.
    const qint64 unparsed = recording->meta.value(QStringLiteral("unparsed_lines")).toLongLong();
    m_unparsed->setText(tr("Unparsed lines: %1").arg(locale.toString(unparsed)));
    m_unparsed->setToolTip(tr("%1 lines of the imported text %2 could not be read and are not in this recording. "
                              "“ftlens-cli info %3” lists them with their line numbers.")
                               .arg(locale.toString(unparsed), recording->meta.value(QStringLiteral("input")),
                                   QDir::toNativeSeparators(recording->path)));
    m_unparsed->setVisible(unparsed > 0);
}

QString RecordingStatusBar::lostEventsToolTip(const Storage::RecordingSummary& summary)
{
    const QLocale locale;
    QStringList parts;
    if (const qint64 kernel = summary.lostEvents - summary.droppedPages; kernel > 0)
        parts << tr("The kernel's ring buffers overflowed during the recording: %1 events were dropped and are "
                    "missing from the timeline and the statistics. A larger buffer (-b) or fewer events avoid this.")
                     .arg(locale.toString(kernel));
    if (summary.droppedPages > 0)
        parts << tr("%1 ring-buffer pages read from the kernel were corrupt and dropped by the recorder: the "
                    "events on them (at least one each) are missing from the timeline and the statistics.")
                     .arg(locale.toString(qint64(summary.droppedPages)));
    return parts.join(QLatin1Char('\n'));
}

void RecordingStatusBar::showOpening(const QString& path)
{
    showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
}

void RecordingStatusBar::showIndexProgress(const QString& path, int percent)
{
    showMessage(tr("Opening %1: building its timeline index, %2% (File > Close cancels)")
                    .arg(QDir::toNativeSeparators(path))
                    .arg(percent));
}

QString RecordingStatusBar::formatDuration(qint64 ns)
{
    const QLocale c = QLocale::c();
    if (ns >= 1'000'000'000)
        return tr("%1 s").arg(c.toString(ns / 1e9, 'f', 6));
    if (ns >= 1'000'000)
        return tr("%1 ms").arg(c.toString(ns / 1e6, 'f', 3));
    if (ns >= 1'000)
        return tr("%1 us").arg(c.toString(ns / 1e3, 'f', 3));
    return tr("%1 ns").arg(ns);
}

} // namespace Gui
