// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calltreedata.h"

#include <QWidget>

#include <vector>

class QHBoxLayout;

namespace Gui {

// The path from the root to the flame graph's zoomed node as a row of buttons ("all calls ›
// vfs_read › …"); clicking one zooms back out to it. Long paths keep their first and last
// entries. GUI thread only.
class FlameBreadcrumbBar : public QWidget {
    Q_OBJECT
public:
    static constexpr int maxButtons = 8;

    explicit FlameBreadcrumbBar(QWidget* parent = nullptr);

    void setPath(const CallTreePtr& tree, const std::vector<std::int32_t>& nodes);
    // The nodes that have a button, left to right (tests).
    const std::vector<std::int32_t>& shownNodes() const { return m_shown; }

Q_SIGNALS:
    void nodeChosen(std::int32_t node);

private:
    QHBoxLayout* m_layout;
    std::vector<std::int32_t> m_shown;
};

} // namespace Gui
