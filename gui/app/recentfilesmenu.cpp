// SPDX-License-Identifier: GPL-3.0-or-later
#include "recentfilesmenu.h"

#include "recentfiles.h"

#include <QDir>
#include <QFileInfo>

namespace Gui {

RecentFilesMenu::RecentFilesMenu(RecentFiles* files, QWidget* parent)
    : QMenu(tr("Open &Recent"), parent)
    , m_files(files)
{
    connect(this, &QMenu::aboutToShow, this, &RecentFilesMenu::rebuild);
    connect(m_files, &RecentFiles::changed, this, &RecentFilesMenu::rebuild);
    rebuild();
}

void RecentFilesMenu::rebuild()
{
    clear();
    const QStringList files = m_files->files();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files.at(i);
        // The & makes the first nine reachable by number; the file name alone keeps it short.
        const QString label = i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName())
                                    : QFileInfo(path).fileName();
        QAction* action = addAction(label, this, [this, path] { Q_EMIT fileChosen(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (files.isEmpty())
        addAction(tr("No recent files"))->setEnabled(false);
    addSeparator();
    QAction* clearAction = addAction(tr("&Clear List"), m_files, &RecentFiles::clear);
    clearAction->setEnabled(!files.isEmpty());
    setEnabled(true);
}

} // namespace Gui
