// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;

namespace Gui {

class CallSource;

// Picks the scope of a CallSource: whole recording, a task (from the tasks that have calls), a
// CPU, or the timeline's selected range. Several bars may share one source; each follows the
// source's scope. GUI thread only.
class CallScopeBar : public QWidget {
    Q_OBJECT
public:
    explicit CallScopeBar(CallSource* source, QWidget* parent = nullptr);

    QComboBox* kindBox() const { return m_kind; }
    QComboBox* valueBox() const { return m_value; }

private:
    void fillChoices();
    void fillValues();
    void showSourceScope();
    void applyToSource();

    CallSource* m_source;
    QComboBox* m_kind;
    QComboBox* m_value;
};

} // namespace Gui
