// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMenu>

namespace Gui {

class RecentFiles;

// File > Open Recent: rebuilt from RecentFiles each time it opens (another window may have
// added a file meanwhile). GUI thread only.
class RecentFilesMenu : public QMenu {
    Q_OBJECT
public:
    RecentFilesMenu(RecentFiles* files, QWidget* parent = nullptr);

Q_SIGNALS:
    void fileChosen(const QString& path);

private:
    void rebuild();

    RecentFiles* m_files;
};

} // namespace Gui
