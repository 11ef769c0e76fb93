// SPDX-License-Identifier: GPL-3.0-or-later
#include "flamebreadcrumbbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace Gui {

FlameBreadcrumbBar::FlameBreadcrumbBar(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    m_layout->addStretch(1);
}

void FlameBreadcrumbBar::setPath(const CallTreePtr& tree, const std::vector<std::int32_t>& nodes)
{
    while (m_layout->count() > 1) { // the stretch stays last
        QLayoutItem* item = m_layout->takeAt(0);
        // Later: the clicked button may be the one emitting the signal that got us here.
        if (QWidget* widget = item->widget()) {
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
    m_shown.clear();
    if (!tree)
        return;
    // Long paths: the first entry, an ellipsis (-1), then the deepest ones.
    std::vector<std::int32_t> entries;
    if (nodes.size() <= std::size_t(maxButtons)) {
        entries = nodes;
    } else {
        entries = { nodes.front(), -1 };
        entries.insert(entries.end(), nodes.end() - (maxButtons - 1), nodes.end());
    }
    int position = 0;
    const auto addLabel = [&](const QString& text) {
        auto* label = new QLabel(text, this);
        label->setEnabled(false);
        m_layout->insertWidget(position++, label);
        label->show(); // now, not on the next event loop pass
    };
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i > 0)
            addLabel(QStringLiteral("›"));
        const std::int32_t node = entries[i];
        if (node < 0) {
            addLabel(QStringLiteral("…"));
            continue;
        }
        auto* button = new QToolButton(this);
        button->setAutoRaise(true);
        const QString name = tree->name(node);
        button->setText(name.size() > 40 ? name.left(39) + QStringLiteral("…") : name);
        button->setToolTip(name);
        button->setEnabled(i + 1 < entries.size()); // the last one is the zoomed node itself
        connect(button, &QToolButton::clicked, this, [this, node] { Q_EMIT nodeChosen(node); });
        m_layout->insertWidget(position++, button);
        button->show();
        m_shown.push_back(node);
    }
}

} // namespace Gui
