// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace Gui {

// A running-work indicator for the call panels: an indeterminate bar, what runs, and Cancel.
// Hidden while idle. GUI thread only.
class BusyIndicator : public QWidget {
    Q_OBJECT
public:
    explicit BusyIndicator(QWidget* parent = nullptr);

    void setBusy(bool busy, const QString& what = {});
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void cancelRequested();

private:
    QProgressBar* m_bar;
    QLabel* m_text;
    QToolButton* m_cancel;
    bool m_busy = false;
};

} // namespace Gui
