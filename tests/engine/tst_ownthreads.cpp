// SPDX-License-Identifier: GPL-3.0-or-later
// The helper's own threads as the recorder keeps them out of a recording: every thread of the
// process, one that ended still known, the text a tracefs pid file takes.
#include "ownthreads.h"
#include "parkedthread.h"

#include <QTest>

#include <algorithm>
#include <memory>
#include <unistd.h>

using Recorder::OwnThreads;
using TestSupport::ParkedThread;

class TestOwnThreads : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyThreadOfTheProcess()
    {
        ParkedThread first;
        ParkedThread second;
        OwnThreads threads;
        QVERIFY(!threads.contains(int(::getpid())));
        threads.refresh();
        QVERIFY(threads.contains(int(::getpid())));
        QVERIFY(threads.contains(first.tid()));
        QVERIFY(threads.contains(second.tid()));
        QVERIFY(!threads.contains(1));
        QVERIFY(std::is_sorted(threads.ids().begin(), threads.ids().end()));
    }

    void endedThreadsStayKnownAndNewOnesAreAdded()
    {
        OwnThreads threads;
        auto ended = std::make_unique<ParkedThread>();
        const int endedTid = ended->tid();
        threads.refresh();
        ended.reset();
        ParkedThread later;
        QVERIFY(!threads.contains(later.tid()));
        threads.refresh();
        QVERIFY(threads.contains(endedTid));
        QVERIFY(threads.contains(later.tid()));
        const auto count = std::count(threads.ids().begin(), threads.ids().end(), int(::getpid()));
        QCOMPARE(count, 1); // a refresh adds each thread once
    }

    void pidListForTracefs()
    {
        ParkedThread other;
        OwnThreads threads;
        threads.refresh();
        QByteArray expected;
        for (int tid : threads.ids())
            expected += QByteArray::number(tid) + ' ';
        QCOMPARE(threads.pidList(), expected);
        QVERIFY(threads.pidList().contains(QByteArray(QByteArray::number(other.tid()) + ' ')));
        QVERIFY(threads.pidList().startsWith(QByteArray(QByteArray::number(threads.ids().front()) + ' ')));
    }
};

QTEST_GUILESS_MAIN(TestOwnThreads)
#include "tst_ownthreads.moc"
