// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventfilter.h"
#include "filterexpression.h"
#include "openedrecording.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace Gui {

class CheckListButton;
class EventTableModel;
class TimeSelection;

// The events panel: a virtual table of the events matching its filter (CPU, task, event type
// and field expression, within the selected time range), search next/previous, CSV export of
// what it lists (the same bytes as `ftlens-cli export` for the same selection). Selecting a row
// makes it the current event of the TimeSelection; a current event chosen elsewhere scrolls
// the table to it. GUI thread only.
class EventsPanel : public QWidget {
    Q_OBJECT
public:
    explicit EventsPanel(QWidget* parent = nullptr);

    void setRecording(Gui::RecordingPtr recording);
    void setSelection(Gui::TimeSelection* selection);
    // The controls' filter, with the selected time range when there is one.
    Storage::EventFilter filter() const;
    EventTableModel* model() const { return m_model; }
    // The problem shown under the filter line (a bad PID, expression or field); empty when none.
    QString errorText() const;
    QTableView* view() const { return m_view; }

public Q_SLOTS:
    // Sets the expression as if typed and applied; false (with the error shown, the last good filter
    // kept) when it does not parse or names a field none of the chosen event types has.
    bool setExpression(const QString& expression);
    void setTaskPids(const QList<int>& pids);
    // Asks for a file, then exports.
    void exportCsv();
    // Writes the current selection as CSV to path in a worker, with a cancellable progress dialog.
    void exportCsv(const QString& path);
    void findNext() { find(false); }
    void findPrevious() { find(true); }

Q_SIGNALS:
    void filterChanged(const Storage::EventFilter& filter);
    void exportFinished(bool ok, const QString& message);

private:
    void buildControls();
    void applyFilter();
    bool parseControls(Storage::EventFilter& filter);
    Storage::Status checkFields(const Storage::FilterExpression& expression, const QStringList& typeNames) const;
    void showError(const QString& message);
    void find(bool backwards);
    void currentRowChanged(int row);
    void publishCurrentRow();
    void followCurrentEvent(qint64 eventId);
    void selectRow(int row);

    RecordingPtr m_recording;
    QPointer<TimeSelection> m_selection;
    EventTableModel* m_model;
    QTableView* m_view;
    CheckListButton* m_cpuButton;
    CheckListButton* m_typeButton;
    QLineEdit* m_taskEdit;
    QLineEdit* m_expressionEdit;
    QLineEdit* m_searchEdit;
    QLabel* m_errorLabel;
    QLabel* m_countLabel;
    Storage::EventFilter m_controlsFilter; // as last applied (without the range)
    int m_pendingPublishRow = -1;          // selected before its chunk was loaded
    qint64 m_pendingFollowId = -1;         // current event set before the count finished
    bool m_following = false;              // selecting a row because the current event moved
};

} // namespace Gui
