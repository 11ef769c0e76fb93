// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklistbutton.h"

#include <QMenu>

namespace Gui {

CheckListButton::CheckListButton(const QString& label, QWidget* parent)
    : QToolButton(parent)
    , m_label(label)
{
    setPopupMode(QToolButton::InstantPopup);
    setMenu(new QMenu(this));
    updateText();
}

void CheckListButton::setItems(const QStringList& texts, const QVariantList& values)
{
    menu()->clear();
    QAction* all = menu()->addAction(tr("All"));
    connect(all, &QAction::triggered, this, [this] {
        clearChecks();
        Q_EMIT selectionChanged();
    });
    menu()->addSeparator();
    for (int i = 0; i < texts.size(); ++i) {
        QAction* action = menu()->addAction(texts.at(i));
        action->setCheckable(true);
        action->setData(values.value(i));
        connect(action, &QAction::toggled, this, [this] {
            updateText();
            Q_EMIT selectionChanged();
        });
    }
    updateText();
}

QVariantList CheckListButton::checkedValues() const
{
    QVariantList values;
    const QList<QAction*> actions = menu()->actions();
    for (const QAction* action : actions) {
        if (action->isCheckable() && action->isChecked())
            values << action->data();
    }
    return values;
}

void CheckListButton::clearChecks()
{
    const QList<QAction*> actions = menu()->actions();
    for (QAction* action : actions) {
        const QSignalBlocker blocker(action);
        action->setChecked(false);
    }
    updateText();
}

void CheckListButton::updateText()
{
    QStringList names;
    const QList<QAction*> actions = menu()->actions();
    for (const QAction* action : actions) {
        if (action->isCheckable() && action->isChecked())
            names << action->text();
    }
    setText(names.isEmpty() ? tr("%1: all").arg(m_label)
                            : tr("%1: %2").arg(m_label, names.size() <= 2 ? names.join(QLatin1String(", "))
                                                                         : tr("%n selected", nullptr, int(names.size()))));
}

} // namespace Gui
