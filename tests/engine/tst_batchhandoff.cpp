// SPDX-License-Identifier: GPL-3.0-or-later
// runHandoff: the two-thread pipelines of the text importer. Everything produced is consumed in
// order; an exception on either side stops the other, both threads end and it reaches the caller.
#include "batchhandoff.h"

#include <QTest>

#include <stdexcept>

namespace {
using Handoff = Engine::BatchHandoff<std::vector<int>>;
constexpr int batches = 50;

void produceAll(Handoff& handoff, int throwAt = -1)
{
    for (int i = 0; i < batches; ++i) {
        std::vector<int>* batch = handoff.takeEmpty();
        if (!batch)
            return;
        if (i == throwAt)
            throw std::runtime_error("producer");
        batch->assign(1, i);
        handoff.putFull(batch);
    }
}
} // namespace

class TestBatchHandoff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void passesEveryBatchInOrder();
    void producerExceptionReachesCaller();
    void consumerExceptionStopsProducer();
};

void TestBatchHandoff::passesEveryBatchInOrder()
{
    Handoff handoff(3);
    std::vector<int> seen;
    Engine::runHandoff(
        handoff, "test-produce", [&] { produceAll(handoff); },
        [&] {
            while (std::vector<int>* batch = handoff.takeFull()) {
                seen.push_back(batch->front());
                handoff.putEmpty(batch);
            }
        });
    QCOMPARE(int(seen.size()), batches);
    for (int i = 0; i < batches; ++i)
        QCOMPARE(seen[std::size_t(i)], i);
}

void TestBatchHandoff::producerExceptionReachesCaller()
{
    Handoff handoff(3);
    int consumed = 0;
    bool caught = false;
    try {
        Engine::runHandoff(
            handoff, "test-produce", [&] { produceAll(handoff, 10); },
            [&] {
                while (std::vector<int>* batch = handoff.takeFull()) {
                    ++consumed;
                    handoff.putEmpty(batch);
                }
            });
    } catch (const std::runtime_error& e) {
        caught = QByteArray(e.what()) == "producer";
    }
    QVERIFY(caught);
    QCOMPARE(consumed, 10); // what came before the failure, and then the end of the stream
}

void TestBatchHandoff::consumerExceptionStopsProducer()
{
    Handoff handoff(3);
    bool caught = false;
    try {
        Engine::runHandoff(
            handoff, "test-produce", [&] { produceAll(handoff); },
            [&] {
                std::vector<int>* batch = handoff.takeFull();
                handoff.putEmpty(batch);
                throw std::runtime_error("consumer");
            });
    } catch (const std::runtime_error& e) {
        caught = QByteArray(e.what()) == "consumer";
    }
    // Reaching here at all means the producer, blocked on a full handoff, was stopped and joined.
    QVERIFY(caught);
}

QTEST_GUILESS_MAIN(TestBatchHandoff)
#include "tst_batchhandoff.moc"
