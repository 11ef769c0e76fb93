// SPDX-License-Identifier: GPL-3.0-or-later
#include "demorecording.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Gui {

QStringList DemoRecording::candidates()
{
    const QString relative = QStringLiteral("/../share/ftlens/demo.ftlens");
    QStringList paths { QDir::cleanPath(QCoreApplication::applicationDirPath() + relative) };
#ifdef FTLENS_INSTALL_DATADIR
    paths.append(QStringLiteral(FTLENS_INSTALL_DATADIR "/ftlens/demo.ftlens"));
#endif
    paths.removeDuplicates();
    return paths;
}

QString DemoRecording::path()
{
    const QStringList paths = candidates();
    for (const QString& path : paths) {
        if (QFileInfo(path).isFile())
            return path;
    }
    return {};
}

} // namespace Gui
