// SPDX-License-Identifier: GPL-3.0-or-later
#include "droppedrecordings.h"

#include <QMimeData>
#include <QUrl>

namespace Gui {

QStringList droppedRecordings(const QMimeData* mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl& url : urls) {
        if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".ftlens"), Qt::CaseInsensitive))
            paths.append(url.toLocalFile());
    }
    return paths;
}

} // namespace Gui
