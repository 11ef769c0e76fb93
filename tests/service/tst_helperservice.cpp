// SPDX-License-Identifier: GPL-3.0-or-later
// ftlens-helper serve on this machine's kernel (label kernel: root, real tracefs), used as users
// use it: a user of the allowed group (made for the test, TestAccounts) records real tracepoints
// with `ftlens-cli remote unix:PATH record ... -- COMMAND` and gets the file; the COMMAND runs as
// that user; a user outside the group is refused (and logged); one recording at a time, several
// watchers with status and the live tail; the kernel queries; a helper killed mid-recording
// leaves a recording the next helper lists and serves; --stdio for a user who came through sudo.
#include "helperconnection.h"
#include "helperprocess.h"
#include "recordingreader.h"
#include "servedhelper.h"
#include "startrequest.h"
#include "testaccounts.h"

#include <QCborArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using KernelTest::TestAccount;
using KernelTest::TestAccounts;
using ServiceClient::HelperConnection;
using ServiceClient::Reply;
using namespace ServiceTest;

namespace {
uid_t ownerOf(const QString& path)
{
    struct stat st {};
    ::stat(QFile::encodeName(path).constData(), &st);
    return st.st_uid;
}

QMap<QString, QString> metaOf(const QString& file)
{
    auto reader = Storage::RecordingReader::open(file);
    return reader ? reader.value()->meta() : QMap<QString, QString> { { QStringLiteral("error"), reader.error().message } };
}

std::int64_t eventsOf(const QString& file, const QString& type)
{
    auto reader = Storage::RecordingReader::open(file);
    if (!reader)
        return -1;
    auto summary = reader.value()->summary();
    if (!summary)
        return -1;
    std::int64_t total = 0;
    for (const auto& [name, count] : summary->eventsByType) {
        if (type.isEmpty() || name == type)
            total += count;
    }
    return total;
}

QCborMap startFields(std::initializer_list<const char*> arguments)
{
    QStringList list;
    for (const char* argument : arguments)
        list << QLatin1String(argument);
    return Protocol::startFieldsFromArguments(list).value();
}

QString errorOf(const Reply& reply) { return reply.ok() ? QString() : reply.error->code + QStringLiteral(": ") + reply.error->message; }
} // namespace

class TestHelperService : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void recordAsGroupMember();
    void outsiderRefused();
    void othersRecordingsStayHidden();
    void busyWithWatchers();
    void kernelQueries();
    void killedMidRecording();
    void stdioForASudoUser();

private:
    KernelTest::Run asUser(const TestAccount& user, const QString& program, const QStringList& arguments, const QString& cwd);
    QString remote() const { return QStringLiteral("unix:") + m_helper.socketPath(); }
    QString usersDir(const TestAccount& user);

    QTemporaryDir m_dir;
    TestAccounts m_accounts;
    TestAccount m_member, m_outsider;
    QString m_group;
    ServedHelper m_helper;
    QString m_memberRecording;
};

void TestHelperService::initTestCase()
{
    if (const QString reason = KernelTest::skipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    if (const QString reason = TestAccounts::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    QVERIFY(m_dir.isValid());
    QCOMPARE(::chmod(QFile::encodeName(m_dir.path()).constData(), 0755), 0); // the users reach the socket
    TestAccounts::removeStale();
    QString error = m_accounts.addGroup(m_group);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = m_accounts.addUser(m_member, { m_group });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = m_accounts.addUser(m_outsider);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("service"))));
    QCOMPARE(::chmod(QFile::encodeName(m_dir.filePath(QStringLiteral("service"))).constData(), 0755), 0);
    error = m_helper.start(m_dir.filePath(QStringLiteral("service")), { QStringLiteral("--group"), m_group });
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestHelperService::cleanupTestCase()
{
    m_helper.stop();
    m_accounts.removeAll();
    KernelTest::removeLeftovers();
}

KernelTest::Run TestHelperService::asUser(const TestAccount& user, const QString& program, const QStringList& arguments, const QString& cwd)
{
    return KernelTest::run(QStringLiteral("runuser"), QStringList { QStringLiteral("-u"), user.name, QStringLiteral("--"), program } + arguments,
        120000, cwd);
}

QString TestHelperService::usersDir(const TestAccount& user)
{
    const QString dir = m_dir.filePath(user.name);
    QDir().mkpath(dir);
    (void)::chown(QFile::encodeName(dir).constData(), user.uid, user.gid);
    return dir;
}

// The whole way a member goes: record real tracepoints of a COMMAND, which runs as them, and get
// the file, which is theirs.
void TestHelperService::recordAsGroupMember()
{
    const QString home = usersDir(m_member);
    const QString out = home + QStringLiteral("/exec.ftlens");
    const KernelTest::Run run = asUser(m_member, cliBinary(),
        { QStringLiteral("remote"), remote(), QStringLiteral("record"), QStringLiteral("-e"), QStringLiteral("sched:sched_process_exec"),
            QStringLiteral("-e"), QStringLiteral("sched:sched_process_exit"), QStringLiteral("-o"), out, QStringLiteral("--"), QStringLiteral("sh"),
            QStringLiteral("-c"), QStringLiteral("id -u > who; /bin/true; id -u") },
        home);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out.trimmed(), QByteArray::number(m_member.uid)); // the COMMAND's output, forwarded
    QCOMPARE(contents(home + QStringLiteral("/who")).trimmed(), QByteArray::number(m_member.uid)); // ran in their directory, as them
    QCOMPARE(ownerOf(home + QStringLiteral("/who")), m_member.uid);
    QCOMPARE(ownerOf(out), m_member.uid);
    const QMap<QString, QString> meta = metaOf(out);
    QCOMPARE(meta.value(QStringLiteral("complete")), QStringLiteral("1"));
    QCOMPARE(meta.value(QStringLiteral("command_uid")), QString::number(m_member.uid));
    QCOMPARE(meta.value(QStringLiteral("requested_by")), m_member.name);
    QCOMPARE(meta.value(QStringLiteral("requested_over")), QStringLiteral("unix"));
    QVERIFY2(eventsOf(out, QStringLiteral("sched:sched_process_exec")) >= 1, qPrintable(meta.value(QStringLiteral("error"))));
    m_memberRecording = meta.value(QStringLiteral("recording_id"));
    QVERIFY(run.err.contains(QStringLiteral("fetched into %1").arg(out).toUtf8()));

    // The member lists it (its id first) and may fetch it again: the same bytes.
    const KernelTest::Run list = asUser(m_member, cliBinary(), { QStringLiteral("remote"), remote(), QStringLiteral("list") }, home);
    QVERIFY2(list.exitCode == 0, list.err.constData());
    QVERIFY2(list.out.startsWith(QByteArray(m_memberRecording.toUtf8() + ' ')), list.out.constData());
    const QString again = home + QStringLiteral("/again.ftlens");
    const KernelTest::Run fetch = asUser(m_member, cliBinary(),
        { QStringLiteral("remote"), remote(), QStringLiteral("fetch"), m_memberRecording, QStringLiteral("-o"), again }, home);
    QVERIFY2(fetch.exitCode == 0, fetch.err.constData());
    QVERIFY(contents(again) == contents(out));
}

void TestHelperService::outsiderRefused()
{
    const KernelTest::Run run = asUser(m_outsider, cliBinary(), { QStringLiteral("remote"), remote(), QStringLiteral("list") }, m_dir.path());
    QCOMPARE(run.exitCode, 1);
    const QString why = QStringLiteral("%1 (uid %2) is neither root nor a member of group '%3'").arg(m_outsider.name).arg(m_outsider.uid).arg(m_group);
    QVERIFY2(run.err.contains(why.toUtf8()), run.err.constData());
    QVERIFY2(run.out.isEmpty(), run.out.constData());
    QTRY_VERIFY2(m_helper.log().contains(QStringLiteral("refused a connection (pid ").toUtf8()) && m_helper.log().contains(why.toUtf8()),
        m_helper.log().right(1000).constData());
}

// A member sees and fetches their own recordings only; root's are not there for them.
void TestHelperService::othersRecordingsStayHidden()
{
    const QString rootOnes = synthRecording(m_dir.filePath(QStringLiteral("root.ftlens")), 1000);
    QVERIFY(!rootOnes.isEmpty());
    const QString id = plant(m_helper.dataDir(), rootOnes, QStringLiteral("20250101-120000-00000a"));
    const QString home = usersDir(m_member);
    const KernelTest::Run list = asUser(m_member, cliBinary(), { QStringLiteral("remote"), remote(), QStringLiteral("list") }, home);
    QVERIFY(list.exitCode == 0);
    QVERIFY2(!list.out.contains(id.toUtf8()), list.out.constData());
    for (const char* action : { "fetch", "delete" }) {
        const KernelTest::Run run = asUser(m_member, cliBinary(),
            { QStringLiteral("remote"), remote(), QLatin1String(action), id, QStringLiteral("-o"), home + QStringLiteral("/stolen.ftlens") }, home);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("no recording '%1'").arg(id).toUtf8()), run.err.constData());
    }
    QVERIFY(QFile::exists(m_helper.dataDir() + QLatin1Char('/') + id + QStringLiteral(".ftlens")));
    HelperConnection root;
    QString error;
    QVERIFY(connectTo(root, m_helper.target(), error));
    const QCborArray all = call(root, QStringLiteral("list")).fields.value(QLatin1String("recordings")).toArray();
    QStringList ids;
    for (const QCborValue& r : all)
        ids << r[QLatin1String("recording")].toString();
    QVERIFY2(ids.contains(id) && ids.contains(m_memberRecording), qPrintable(ids.join(QLatin1Char(' '))));
}

// One recording at a time; watchers get status and the live tail; only its starter (or root)
// stops it; everyone watching hears it finished.
void TestHelperService::busyWithWatchers()
{
    HelperConnection starter, other, watcher;
    QString error;
    QVERIFY(connectTo(starter, m_helper.target(), error));
    QVERIFY(connectTo(other, m_helper.target(), error));
    QVERIFY(connectTo(watcher, m_helper.target(), error));
    QCborMap start = startFields({ "-e", "sched:sched_switch", "-d", "30" });
    start.insert(QStringLiteral("tail"), true);
    const Reply started = call(starter, QStringLiteral("start"), start);
    QVERIFY2(started.ok(), qPrintable(errorOf(started)));
    const QString id = started.fields.value(QLatin1String("recording")).toString();

    const Reply busy = call(other, QStringLiteral("start"), startFields({ "-e", "sched:sched_wakeup" }));
    QCOMPARE(busy.error ? busy.error->code : QString(), QStringLiteral("busy"));
    QVERIFY2(busy.error->message.startsWith(QStringLiteral("busy, recording since ") + started.fields.value(QLatin1String("since")).toString()),
        qPrintable(busy.error->message));

    QSignalSpy status(&watcher, &HelperConnection::statusReceived);
    QSignalSpy tail(&watcher, &HelperConnection::tailReceived);
    QSignalSpy finished(&watcher, &HelperConnection::recordingFinished);
    QVERIFY(call(watcher, QStringLiteral("watch"), QCborMap { { QStringLiteral("tail"), true } }).ok());
    QTRY_VERIFY_WITH_TIMEOUT(status.size() >= 2, 10000);
    const auto latest = status.last().at(0).value<ServiceClient::RecordingStatus>();
    QCOMPARE(latest.recording, id);
    QVERIFY(latest.events > 0 && latest.bytes > 0 && latest.elapsed > 0);
    QVERIFY(!latest.lostPerCpu.isEmpty()); // one per CPU
    const auto tailEvents = [&tail] {
        qsizetype events = 0;
        for (const QList<QVariant>& frame : std::as_const(tail))
            events += frame.at(0).value<ServiceClient::TailEvents>().ts.size();
        return events;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(tailEvents() > 0, m_helper.log().right(3000).constData(), 10000);
    QHash<int, QString> types;
    for (const QList<QVariant>& frame : std::as_const(tail)) {
        const auto events = frame.at(0).value<ServiceClient::TailEvents>();
        types.insert(events.types);
        QVERIFY(std::is_sorted(events.ts.begin(), events.ts.end()));
        QCOMPARE(events.cpu.size(), events.ts.size());
    }
    QVERIFY2(types.values().contains(QStringLiteral("sched:sched_switch")), qPrintable(QStringList(types.values()).join(QLatin1Char(' '))));

    // Stop: root may stop anyone's (and so may its starter); the watcher hears the end.
    const Reply stopping = call(other, QStringLiteral("stop"));
    QVERIFY2(stopping.ok(), qPrintable(errorOf(stopping)));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    const auto end = finished.first().at(0).value<ServiceClient::FinishedInfo>();
    QCOMPARE(end.recording, id);
    QCOMPARE(end.code, 0);
    QVERIFY(end.kept && end.events > 0);
    const QString file = m_dir.filePath(QStringLiteral("watched.ftlens"));
    const Reply fetched = fetchInto(starter, id, file, false);
    QVERIFY2(fetched.ok(), qPrintable(errorOf(fetched)));
    QCOMPARE(metaOf(file).value(QStringLiteral("complete")), QStringLiteral("1"));
    QCOMPARE(eventsOf(file, QStringLiteral("sched:sched_switch")), end.events);
}

// caps, events (with their fields), functions (where the kernel lets them be read), validate.
void TestHelperService::kernelQueries()
{
    HelperConnection connection;
    QString error;
    QVERIFY(connectTo(connection, m_helper.target(), error));
    const Reply caps = call(connection, QStringLiteral("caps"));
    QVERIFY2(caps.ok(), qPrintable(errorOf(caps)));
    QVERIFY(caps.fields.value(QLatin1String("report")).toMap().value(QLatin1String("uprobes")).toBool());

    const Reply events = call(connection, QStringLiteral("events"));
    QVERIFY2(events.ok(), qPrintable(errorOf(events)));
    const QCborArray list = events.fields.value(QLatin1String("events")).toArray();
    QVERIFY(list.size() > 100);
    bool found = false;
    for (const QCborValue& event : list) {
        if (event[QLatin1String("system")].toString() != QLatin1String("sched") || event[QLatin1String("name")].toString() != QLatin1String("sched_switch"))
            continue;
        found = true;
        QStringList fields;
        for (const QCborValue& field : event[QLatin1String("fields")].toArray())
            fields << field[QLatin1String("name")].toString();
        QVERIFY2(fields.contains(QStringLiteral("next_pid")) && fields.contains(QStringLiteral("prev_state")), qPrintable(fields.join(QLatin1Char(' '))));
    }
    QVERIFY(found);

    const Reply functions = call(connection, QStringLiteral("functions"), QCborMap { { QStringLiteral("match"), QStringLiteral("vfs_*") } });
    if (functions.ok())
        QVERIFY(!functions.fields.value(QLatin1String("names")).toArray().isEmpty());
    else // this machine's lockdown: available_filter_functions cannot be read
        QVERIFY2(functions.error->code == QLatin1String("unavailable") && functions.error->message.contains(QStringLiteral("available_filter_functions")),
            qPrintable(errorOf(functions)));

    const Reply valid = call(connection, QStringLiteral("validate"),
        QCborMap { { QStringLiteral("kind"), QStringLiteral("uprobe") },
            { QStringLiteral("definition"), QString(KernelTest::systemLibc() + QStringLiteral(":open64 path=+0(%di):string")) } });
    QVERIFY2(valid.ok(), qPrintable(errorOf(valid)));
    QCOMPARE(valid.fields.value(QLatin1String("event")).toString(), QStringLiteral("open64"));
    const Reply invalid = call(connection, QStringLiteral("validate"),
        QCborMap { { QStringLiteral("kind"), QStringLiteral("kprobe") }, { QStringLiteral("definition"), QStringLiteral("p:grp-x/name do_sys_open") } });
    QVERIFY(!invalid.ok());
    QCOMPARE(invalid.error->column, std::optional<int>(3));
    QVERIFY2(invalid.error->message.startsWith(QStringLiteral("column 3: ")), qPrintable(invalid.error->message));
}

// SIGKILL while recording: the next helper finds the file, folds its log in, lists it as
// incomplete and serves it; it opens as a valid recording with the events committed before.
void TestHelperService::killedMidRecording()
{
    QString id;
    {
        HelperConnection connection;
        QString error;
        QVERIFY(connectTo(connection, m_helper.target(), error));
        QSignalSpy status(&connection, &HelperConnection::statusReceived);
        const Reply started = call(connection, QStringLiteral("start"), startFields({ "-e", "sched:sched_switch" }));
        QVERIFY2(started.ok(), qPrintable(errorOf(started)));
        id = started.fields.value(QLatin1String("recording")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(!status.isEmpty() && status.last().at(0).value<ServiceClient::RecordingStatus>().events > 0, 15000);
        m_helper.kill();
    }
    KernelTest::removeLeftovers(); // the killed helper's instance
    const QString error = m_helper.start(m_dir.filePath(QStringLiteral("service")), { QStringLiteral("--group"), m_group });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QTRY_VERIFY(m_helper.log().contains(QStringLiteral("recording %1 was left unfinished").arg(id).toUtf8()));
    HelperConnection connection;
    QString connectError;
    QVERIFY(connectTo(connection, m_helper.target(), connectError));
    bool listed = false;
    for (const QCborValue& r : call(connection, QStringLiteral("list")).fields.value(QLatin1String("recordings")).toArray()) {
        if (r[QLatin1String("recording")].toString() != id)
            continue;
        listed = true;
        QVERIFY(!r[QLatin1String("complete")].toBool());
        QVERIFY(!r[QLatin1String("active")].toBool());
    }
    QVERIFY(listed);
    const QString file = m_dir.filePath(QStringLiteral("killed.ftlens"));
    const Reply fetched = fetchInto(connection, id, file, false);
    QVERIFY2(fetched.ok(), qPrintable(errorOf(fetched)));
    QVERIFY(metaOf(file).value(QStringLiteral("complete")) != QStringLiteral("1"));
    QVERIFY2(eventsOf(file, QStringLiteral("sched:sched_switch")) > 0, qPrintable(metaOf(file).value(QStringLiteral("error"))));
}

// `sudo ftlens-helper serve --stdio` as a member: the helper acts for them (as with pkexec).
void TestHelperService::stdioForASudoUser()
{
    const QString allowed = m_accounts.allowSudo(m_member, helperBinary(), m_dir.path());
    if (allowed.startsWith(QLatin1String("sudo is not installed")))
        QSKIP(qPrintable(allowed));
    QVERIFY2(allowed.isEmpty(), qPrintable(allowed));
    const QString data = m_dir.filePath(QStringLiteral("stdio-data"));
    HelperConnection connection;
    QString error;
    QVERIFY2(connectTo(connection, ServiceClient::HelperTarget::process(QStringLiteral("runuser"),
                                     { QStringLiteral("-u"), m_member.name, QStringLiteral("--"), QStringLiteral("sudo"), QStringLiteral("-n"), helperBinary(),
                                         QStringLiteral("serve"), QStringLiteral("--stdio"), QStringLiteral("--data-dir"), data }),
                 error),
        qPrintable(error));
    QCOMPARE(connection.hello().user, m_member.name);
    QSignalSpy output(&connection, &HelperConnection::outputReceived);
    QSignalSpy finished(&connection, &HelperConnection::recordingFinished);
    QCborMap start = startFields({ "-e", "sched:sched_process_exec", "--", "id", "-u" });
    const Reply started = call(connection, QStringLiteral("start"), start);
    QVERIFY2(started.ok(), qPrintable(errorOf(started)));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    QByteArray said;
    for (const QList<QVariant>& chunk : std::as_const(output))
        said += chunk.at(0).toByteArray();
    QCOMPARE(said.trimmed(), QByteArray::number(m_member.uid));
    const QString file = m_dir.filePath(QStringLiteral("stdio.ftlens"));
    QVERIFY(fetchInto(connection, started.fields.value(QLatin1String("recording")).toString(), file, false).ok());
    QCOMPARE(metaOf(file).value(QStringLiteral("requested_over")), QStringLiteral("stdio"));
    QCOMPARE(metaOf(file).value(QStringLiteral("command_uid")), QString::number(m_member.uid));
}

QTEST_GUILESS_MAIN(TestHelperService)
#include "tst_helperservice.moc"
