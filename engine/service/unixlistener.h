// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QObject>
#include <QString>

#include <sys/types.h>

class QSocketNotifier;

namespace Service {

// The helper's listening Unix socket (`serve --unix PATH`). The socket file is made
// connectable by everyone (0666): who may stay is decided per connection from the kernel's
// peer credentials (PeerAccess), so that a refused user is told why and logged, not left with a
// bare EACCES. A stale socket at PATH is replaced (one nobody listens on any more); anything else
// there, or a live helper, is an error. Removes its socket file when destroyed. Service thread.
class UnixListener : public QObject {
    Q_OBJECT

public:
    explicit UnixListener(QObject* parent = nullptr);
    ~UnixListener() override;

    Storage::Status listen(const QString& path);
    const QString& path() const { return m_path; }

Q_SIGNALS:
    // A new connection: a non-blocking, close-on-exec descriptor the receiver now owns.
    void accepted(int fd);

private:
    void onReadable();
    Storage::Status clearStalePath() const;

    QString m_path;
    int m_fd = -1;
    dev_t m_dev = 0;
    ino_t m_ino = 0;
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace Service
