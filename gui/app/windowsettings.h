// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QMainWindow;

namespace Gui {

// Window geometry and dock/toolbar state in QSettings: restored when a window is built, saved
// when it closes (the last window closed wins). GUI thread only.
class WindowSettings {
public:
    // False when nothing was saved yet (the caller lays out its defaults).
    static bool restore(QMainWindow* window);
    static void save(const QMainWindow* window);
};

} // namespace Gui
