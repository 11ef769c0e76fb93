// SPDX-License-Identifier: GPL-3.0-or-later
#include "windowsettings.h"

#include <QMainWindow>
#include <QSettings>

namespace Gui {

namespace {
// Bump when the docks change so that an old layout does not hide a new panel.
constexpr int stateVersion = 1;
const QString geometryKey = QStringLiteral("mainWindow/geometry");
const QString stateKey = QStringLiteral("mainWindow/state");
} // namespace

bool WindowSettings::restore(QMainWindow* window)
{
    const QSettings settings;
    const QByteArray geometry = settings.value(geometryKey).toByteArray();
    if (geometry.isEmpty() || !window->restoreGeometry(geometry))
        window->resize(1400, 900);
    return window->restoreState(settings.value(stateKey).toByteArray(), stateVersion);
}

void WindowSettings::save(const QMainWindow* window)
{
    QSettings settings;
    settings.setValue(geometryKey, window->saveGeometry());
    settings.setValue(stateKey, window->saveState(stateVersion));
}

} // namespace Gui
