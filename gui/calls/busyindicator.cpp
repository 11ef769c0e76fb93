// SPDX-License-Identifier: GPL-3.0-or-later
#include "busyindicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace Gui {

BusyIndicator::BusyIndicator(QWidget* parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_text(new QLabel(this))
    , m_cancel(new QToolButton(this))
{
    m_bar->setRange(0, 0); // indeterminate: loadCalls and the tree build report no progress
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(80);
    m_cancel->setText(tr("Cancel"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &BusyIndicator::cancelRequested);
    setVisible(false);
}

void BusyIndicator::setBusy(bool busy, const QString& what)
{
    m_busy = busy;
    m_text->setText(what);
    setVisible(busy);
}

} // namespace Gui
