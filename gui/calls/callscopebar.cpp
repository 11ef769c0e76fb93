// SPDX-License-Identifier: GPL-3.0-or-later
#include "callscopebar.h"

#include "callsource.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStandardItemModel>

namespace Gui {

CallScopeBar::CallScopeBar(CallSource* source, QWidget* parent)
    : QWidget(parent)
    , m_source(source)
    , m_kind(new QComboBox(this))
    , m_value(new QComboBox(this))
{
    // Item data: CallSource::ScopeKind.
    m_kind->addItem(tr("Whole recording"), int(CallSource::ScopeKind::WholeRecording));
    m_kind->addItem(tr("Task"), int(CallSource::ScopeKind::Task));
    m_kind->addItem(tr("CPU"), int(CallSource::ScopeKind::Cpu));
    m_kind->addItem(tr("Selected range"), int(CallSource::ScopeKind::SelectedRange));
    m_kind->setToolTip(tr("Which calls to show; the selected range follows the timeline's selection (shift-drag)"));
    m_value->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_value->setMaxVisibleItems(20);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Scope:"), this));
    layout->addWidget(m_kind);
    layout->addWidget(m_value);
    m_value->hide();
    connect(m_kind, &QComboBox::activated, this, [this] {
        fillValues();
        applyToSource();
    });
    connect(m_value, &QComboBox::activated, this, &CallScopeBar::applyToSource);
    connect(m_source, &CallSource::availabilityChanged, this, &CallScopeBar::fillChoices);
    connect(m_source, &CallSource::scopeChanged, this, &CallScopeBar::showSourceScope);
    fillChoices();
}

void CallScopeBar::fillChoices()
{
    setEnabled(m_source->hasCalls());
    // Text imported without task or CPU columns offers nothing to pick there.
    if (auto* items = qobject_cast<QStandardItemModel*>(m_kind->model())) {
        items->item(m_kind->findData(int(CallSource::ScopeKind::Task)))->setEnabled(!m_source->tasks().isEmpty());
        items->item(m_kind->findData(int(CallSource::ScopeKind::Cpu)))->setEnabled(!m_source->cpus().isEmpty());
    }
    showSourceScope();
}

void CallScopeBar::fillValues()
{
    const auto kind = CallSource::ScopeKind(m_kind->currentData().toInt());
    const QSignalBlocker blocker(m_value);
    m_value->clear();
    if (kind == CallSource::ScopeKind::Task) {
        for (const CallSource::TaskChoice& task : m_source->tasks())
            m_value->addItem(
                task.comm.isEmpty() ? QString::number(task.pid) : QStringLiteral("%1-%2").arg(task.comm).arg(task.pid),
                task.pid);
    } else if (kind == CallSource::ScopeKind::Cpu) {
        for (const int cpu : m_source->cpus())
            m_value->addItem(tr("CPU %1").arg(cpu), cpu);
    }
    m_value->setVisible(m_value->count() > 0);
}

void CallScopeBar::showSourceScope()
{
    const QSignalBlocker blocker(m_kind);
    m_kind->setCurrentIndex(m_kind->findData(int(m_source->scopeKind())));
    fillValues();
    const int value = m_value->findData(m_source->scopeValue());
    if (value >= 0) {
        const QSignalBlocker valueBlocker(m_value);
        m_value->setCurrentIndex(value);
    }
}

void CallScopeBar::applyToSource()
{
    const auto kind = CallSource::ScopeKind(m_kind->currentData().toInt());
    const bool needsValue = kind == CallSource::ScopeKind::Task || kind == CallSource::ScopeKind::Cpu;
    if (needsValue && m_value->currentIndex() < 0)
        return; // a recording whose calls name no task (text without pids)
    m_source->setScope(kind, needsValue ? m_value->currentData().toInt() : -1);
}

} // namespace Gui
