// SPDX-License-Identifier: GPL-3.0-or-later
// catchFailure/guarded: what every worker entry and ftlens-cli wrap their jobs in. A job's value
// passes through; whatever it throws becomes a value naming the file and the problem.
#include "failure.h"

#include <QTest>

#include <functional>
#include <new>
#include <stdexcept>

namespace {
const QString path = QStringLiteral("/tmp/x.ftlens");
}

class TestFailure : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void exceptionBecomesMessage_data();
    void exceptionBecomesMessage();
    void valuePassesThrough();
    void resultJobsGetAnError();
    void guardedRunsLater();
};

void TestFailure::exceptionBecomesMessage_data()
{
    QTest::addColumn<std::function<void()>>("thrower");
    QTest::addColumn<QString>("message");
    QTest::addRow("bad_alloc") << std::function<void()>([] { throw std::bad_alloc(); })
                               << path + QStringLiteral(": out of memory");
    QTest::addRow("length_error (vector::reserve of a damaged count)")
        << std::function<void()>([] { throw std::length_error("vector::reserve"); })
        << path + QStringLiteral(": out of memory (a size beyond what can be allocated)");
    QTest::addRow("other std::exception") << std::function<void()>([] { throw std::runtime_error("boom"); })
                                          << path + QStringLiteral(": unexpected error: boom");
    QTest::addRow("not an exception class")
        << std::function<void()>([] { throw 42; }) << path + QStringLiteral(": unexpected error");
}

void TestFailure::exceptionBecomesMessage()
{
    QFETCH(std::function<void()>, thrower);
    QFETCH(QString, message);
    const QString got = Storage::catchFailure(
        path,
        [&]() -> QString {
            thrower();
            return QStringLiteral("value");
        },
        [](const QString& m) { return m; });
    QCOMPARE(got, message);
}

void TestFailure::valuePassesThrough()
{
    int failures = 0;
    const int value = Storage::catchFailure(
        path, [] { return 7; }, [&failures](const QString&) { return ++failures; });
    QCOMPARE(value, 7);
    QCOMPARE(failures, 0);
}

void TestFailure::resultJobsGetAnError()
{
    const Storage::Result<int> failed
        = Storage::catchFailure(path, []() -> Storage::Result<int> { throw std::bad_alloc(); });
    QVERIFY(!failed);
    QCOMPARE(failed.error().message, path + QStringLiteral(": out of memory"));
    const Storage::Status status
        = Storage::catchFailure(path, []() -> Storage::Status { throw std::runtime_error("x"); });
    QVERIFY(!status);
    const Storage::Result<int> ok = Storage::catchFailure(path, []() -> Storage::Result<int> { return 3; });
    QCOMPARE(ok.value(), 3);
}

void TestFailure::guardedRunsLater()
{
    bool ran = false;
    auto job = Storage::guarded(path, [&ran]() -> Storage::Result<int> {
        ran = true;
        throw std::bad_alloc();
    });
    QVERIFY(!ran); // wrapping runs nothing: QtConcurrent::run calls it on the worker
    const Storage::Result<int> result = job();
    QVERIFY(ran);
    QCOMPARE(result.error().message, path + QStringLiteral(": out of memory"));
    auto custom = Storage::guarded(
        path, []() -> int { throw std::runtime_error("y"); }, [](const QString& m) { return int(m.size()); });
    QCOMPARE(custom(), int(QString(path + QStringLiteral(": unexpected error: y")).size()));
}

QTEST_GUILESS_MAIN(TestFailure)
#include "tst_failure.moc"
