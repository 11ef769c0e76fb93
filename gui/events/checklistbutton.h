// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QToolButton>
#include <QVariant>

namespace Gui {

// A tool button whose menu is a list of checkable items (CPUs, event types): nothing checked
// means "all". The button's text names the choice. GUI thread only.
class CheckListButton : public QToolButton {
    Q_OBJECT
public:
    CheckListButton(const QString& label, QWidget* parent = nullptr);

    void setItems(const QStringList& texts, const QVariantList& values);
    QVariantList checkedValues() const;
    void clearChecks();

Q_SIGNALS:
    void selectionChanged();

private:
    void updateText();

    QString m_label;
};

} // namespace Gui
