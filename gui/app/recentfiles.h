// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

namespace Gui {

// The most recently opened recordings, newest first, kept in QSettings so that every window
// and the next session see the same list (each call reads the settings afresh). GUI thread only.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int defaultMaxCount = 10;

    explicit RecentFiles(QObject* parent = nullptr, int maxCount = defaultMaxCount);

    QStringList files() const;
    int maxCount() const { return m_maxCount; }

public Q_SLOTS:
    // Moves path (made absolute) to the front, dropping the oldest beyond maxCount.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

Q_SIGNALS:
    void changed();

private:
    void store(const QStringList& files);

    int m_maxCount;
};

} // namespace Gui
