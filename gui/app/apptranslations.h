// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QCoreApplication;

namespace Gui {

// Installs the translation for the system locale: ftlens's own (embedded as :/i18n/ftlens_*.qm)
// and Qt's (standard dialogs, from the Qt installation). English needs none. GUI thread, at start.
class AppTranslations {
public:
    static void install(QCoreApplication* app);
};

} // namespace Gui
