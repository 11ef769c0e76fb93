// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace Protocol {

// SIGINT, SIGTERM and SIGHUP as a Qt signal on the event loop's thread (the handler only writes
// a byte to a pipe; the rest happens in stopRequested()'s receivers). SIGPIPE is ignored, so a
// peer that went away is an error on write, not the end of the process. One per process;
// the thread that creates it.
class StopSignals : public QObject {
    Q_OBJECT

public:
    explicit StopSignals(QObject* parent = nullptr);
    ~StopSignals() override;

Q_SIGNALS:
    void stopRequested(int count); // 1 on the first signal, 2 on the second, ...

private:
    QSocketNotifier* m_notifier = nullptr;
    int m_count = 0;
};

} // namespace Protocol
