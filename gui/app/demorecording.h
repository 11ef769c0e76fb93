// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Gui {

// Where the bundled demo recording is: share/ftlens/demo.ftlens next to the executable's bin/
// (the build tree and a relocated install), then the configured install prefix.
class DemoRecording {
public:
    static QStringList candidates();
    // The first candidate that exists, or an empty string.
    static QString path();
};

} // namespace Gui
