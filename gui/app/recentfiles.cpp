// SPDX-License-Identifier: GPL-3.0-or-later
#include "recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace Gui {

namespace {
const QString settingsKey = QStringLiteral("recentFiles");

QString normalised(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}
} // namespace

RecentFiles::RecentFiles(QObject* parent, int maxCount)
    : QObject(parent)
    , m_maxCount(qMax(1, maxCount))
{
}

QStringList RecentFiles::files() const
{
    QStringList files = QSettings().value(settingsKey).toStringList();
    files.removeAll(QString());
    files.removeDuplicates();
    return files.mid(0, m_maxCount);
}

void RecentFiles::add(const QString& path)
{
    const QString file = normalised(path);
    QStringList list = files();
    list.removeAll(file);
    list.prepend(file);
    store(list.mid(0, m_maxCount));
}

void RecentFiles::remove(const QString& path)
{
    QStringList list = files();
    if (list.removeAll(normalised(path)) > 0)
        store(list);
}

void RecentFiles::clear()
{
    store({});
}

void RecentFiles::store(const QStringList& files)
{
    QSettings().setValue(settingsKey, files);
    Q_EMIT changed();
}

} // namespace Gui
