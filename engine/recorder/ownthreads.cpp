// SPDX-License-Identifier: GPL-3.0-or-later
#include "ownthreads.h"

#include <QDir>

#include <algorithm>
#include <unistd.h>

namespace Recorder {

void OwnThreads::refresh()
{
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& task : tasks) {
        bool ok = false;
        const int tid = task.toInt(&ok);
        if (ok && !contains(tid))
            m_ids.insert(std::upper_bound(m_ids.begin(), m_ids.end(), tid), tid);
    }
    // /proc not mounted: the calling thread at least.
    if (m_ids.empty())
        m_ids.push_back(int(::gettid()));
}

bool OwnThreads::contains(int tid) const { return std::binary_search(m_ids.begin(), m_ids.end(), tid); }

QByteArray OwnThreads::pidList() const
{
    QByteArray list;
    for (int tid : m_ids)
        list += QByteArray::number(tid) + ' ';
    return list;
}

} // namespace Recorder
