// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QMessageBox;
class QWidget;

namespace Gui {

// Turns a failure to open a recording into a dialog naming the file and the problem. The
// dialog is window-modal to its parent only and shown with open(), never exec(): other windows
// (other recordings) keep working, and tests find it among the parent's children. GUI thread only.
class ErrorDialog {
public:
    // Builds the dialog (deleted on close) without showing it.
    static QMessageBox* create(QWidget* parent, const QString& path, const QString& problem);
    // Builds and shows it; returns it so that callers and tests can follow it.
    static QMessageBox* showOpenError(QWidget* parent, const QString& path, const QString& problem);
};

} // namespace Gui
