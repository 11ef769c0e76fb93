// SPDX-License-Identifier: GPL-3.0-or-later
#include "traceinstance.h"

#include "cpustatsfile.h"
#include "sharedsettings.h"
#include "toplevelexpansion.h"
#include "tracefsroot.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QRegularExpression>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

const QLatin1String instancePrefix("ftlens-");
const QLatin1String groupPrefix("ftlens_");

// rmdir of an instance fails with EBUSY while a reader still has a file open; retry briefly.
bool removeInstanceDir(const QString& dir)
{
    const QByteArray path = QFile::encodeName(dir);
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (::rmdir(path.constData()) == 0 || errno == ENOENT)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

void removeProbe(const QString& root, const QString& file, const QString& group, const QString& event)
{
    (void)writeTracefsFile(root + QLatin1Char('/') + file, QStringLiteral("-:%1/%2\n").arg(group, event).toUtf8(), true);
}

// Probes of group in a definition file ("p:group/event ..." lines).
QStringList probesOfGroup(const QString& root, const QString& file, const QString& group)
{
    QStringList events;
    auto text = readTracefsFile(root + QLatin1Char('/') + file);
    if (!text)
        return events;
    const QList<QByteArray> lines = text->split('\n');
    for (const QByteArray& line : lines) {
        const QString head = QString::fromUtf8(line.left(line.indexOf(' ')));
        const qsizetype colon = head.indexOf(QLatin1Char(':'));
        const qsizetype slash = head.indexOf(QLatin1Char('/'));
        if (colon > 0 && slash > colon && head.mid(colon + 1, slash - colon - 1) == group)
            events << head.mid(slash + 1);
    }
    return events;
}
} // namespace

bool helperIsRunning(qint64 pid)
{
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH))
        return false;
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    return comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "ftlens-helper";
}

QString kernelErrorFor(const QString& tracefsRoot, const QString& needle)
{
    auto log = readTracefsFile(tracefsRoot + QLatin1String("/error_log"));
    if (!log)
        return {};
    // Entries start with "[ timestamp] ..."; keep the last one that mentions the needle.
    const QString text = QString::fromUtf8(*log);
    const QStringList entries = text.split(QRegularExpression(QStringLiteral("\\n(?=\\[)")), Qt::SkipEmptyParts);
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->contains(needle))
            return oneLineKernelError(*it);
    }
    return {};
}

QString oneLineKernelError(const QString& entry)
{
    // "[ 362.79] trace_uprobe: error: Invalid register name\n  Command: p:g/x ... %zz\n    ^"
    const QStringList lines = entry.split(QLatin1Char('\n'));
    QString message = lines.value(0);
    if (const qsizetype bracket = message.indexOf(QLatin1String("] ")); message.startsWith(QLatin1Char('[')) && bracket > 0)
        message = message.mid(bracket + 2);
    const QString command = lines.value(1);
    const qsizetype start = command.indexOf(QLatin1String("Command: "));
    const qsizetype caret = lines.value(2).indexOf(QLatin1Char('^'));
    if (start < 0 || caret < start + 9)
        return message.trimmed();
    const qsizetype column = caret - (start + 9);
    const QString rest = command.mid(caret);
    return QStringLiteral("%1 (at column %2: '%3')").arg(message.trimmed()).arg(column + 1).arg(rest.section(QLatin1Char(' '), 0, 0));
}

TraceInstance::TraceInstance(QString root, QString name, QString group)
    : m_root(std::move(root))
    , m_name(std::move(name))
    , m_group(std::move(group))
{
}

Storage::Result<std::unique_ptr<TraceInstance>> TraceInstance::create(const QString& tracefsRoot)
{
    const QString name = instancePrefix + QString::number(::getpid());
    const QString group = groupPrefix + QString::number(::getpid());
    const QString dir = tracefsRoot + QLatin1String("/instances/") + name;
    auto expansion = std::make_unique<TopLevelExpansion>(tracefsRoot);
    if (::mkdir(QFile::encodeName(dir).constData(), 0755) != 0) {
        const int error = errno;
        return Storage::Error { Tr::tr("cannot create the tracefs instance %1: %2")
                                    .arg(dir, QString::fromLocal8Bit(std::strerror(error))) };
    }
    std::unique_ptr<TraceInstance> instance(new TraceInstance(tracefsRoot, name, group));
    instance->m_expansion = std::move(expansion);
    return instance;
}

std::unique_ptr<TraceInstance> TraceInstance::useTopLevel(const QString& tracefsRoot, SharedSettings& journal)
{
    std::unique_ptr<TraceInstance> buffer(new TraceInstance(tracefsRoot, QString(), groupPrefix + QString::number(::getpid())));
    buffer->m_journal = &journal;
    return buffer;
}

TraceInstance::~TraceInstance() { remove(); }

Storage::Status TraceInstance::write(const QString& file, const QByteArray& text)
{
    if (m_journal)
        return m_journal->set(file, text);
    return writeTracefsFile(dir() + QLatin1Char('/') + file, text);
}

Storage::Result<QByteArray> TraceInstance::read(const QString& file) const
{
    return readTracefsFile(dir() + QLatin1Char('/') + file);
}

Storage::Status TraceInstance::addProbe(const QString& definitionFile, const QByteArray& line, const QString& event)
{
    const QString path = m_root + QLatin1Char('/') + definitionFile;
    if (!QFile::exists(path))
        return Storage::Error { Tr::tr("this kernel has no %1 (not built in)").arg(path) };
    if (Storage::Status s = writeTracefsFile(path, line + '\n', true); !s) {
        const QString kernelText = kernelErrorFor(m_root, QString::fromUtf8(line.left(40)));
        return Storage::Error { Tr::tr("the kernel refused the probe '%1': %2")
                                    .arg(QString::fromUtf8(line), kernelText.isEmpty() ? s.error().message : kernelText) };
    }
    m_probes << definitionFile + QLatin1Char('\t') + event;
    return {};
}

Storage::Status TraceInstance::enableEvent(const QString& system, const QString& event)
{
    return write(QStringLiteral("events/%1/%2/enable").arg(system, event), "1");
}

Storage::Status TraceInstance::setFilter(const QString& system, const QString& event, const QString& filter)
{
    const QString file = QStringLiteral("events/%1/%2/filter").arg(system, event);
    if (write(file, filter.toUtf8()))
        return {};
    // After a refused filter the kernel leaves "FILTER\n   ^\nparse_error: WHY" in the file.
    auto text = read(file);
    const QStringList lines = text ? QString::fromUtf8(*text).split(QLatin1Char('\n')) : QStringList();
    QString why = lines.value(2).trimmed();
    if (const qsizetype caret = lines.value(1).indexOf(QLatin1Char('^')); caret >= 0 && !why.isEmpty())
        why += Tr::tr(" at column %1").arg(caret + 1);
    (void)write(file, "0");
    return Storage::Error { Tr::tr("bad filter for %1:%2: '%3'%4")
                                .arg(system, event, filter, why.isEmpty() ? QString() : QStringLiteral(": ") + why) };
}

Storage::Status TraceInstance::setTracer(const QString& tracer)
{
    m_tracerSet = true;
    return write(QStringLiteral("current_tracer"), tracer.toLatin1());
}

void TraceInstance::stopTracing() { (void)write(QStringLiteral("tracing_on"), "0"); }

void TraceInstance::remove()
{
    if (m_removed)
        return;
    m_removed = true;
    if (!m_journal) {
        stopTracing();
        // The kernel unhooks a tracer when its instance goes too; nop first keeps that explicit.
        if (m_tracerSet)
            (void)write(QStringLiteral("current_tracer"), "nop");
        // Removing the instance disables its events; only then will the kernel drop the probes.
        removeInstanceDir(dir());
    }
    if (m_expansion)
        m_expansion->restore();
    // The top-level buffer's tracer and events were put back by its journal (already gone).
    for (const QString& probe : std::as_const(m_probes))
        removeProbe(m_root, probe.section(QLatin1Char('\t'), 0, 0), m_group, probe.section(QLatin1Char('\t'), 1));
    for (const char* file : { "uprobe_events", "kprobe_events" }) {
        const QString definitionFile = QString::fromLatin1(file);
        const QStringList left = probesOfGroup(m_root, definitionFile, m_group);
        for (const QString& event : left)
            removeProbe(m_root, definitionFile, m_group, event);
    }
}

QString topLevelBusyReason(const QString& tracefsRoot)
{
    QStringList busy;
    auto tracer = readTracefsFile(tracefsRoot + QLatin1String("/current_tracer"));
    if (!tracer)
        return tracer.error().message;
    if (const QByteArray name = tracer->trimmed(); name != "nop")
        busy << Tr::tr("its current_tracer is '%1'").arg(QString::fromUtf8(name));
    // set_event lists every enabled event, probes included, as SYSTEM:EVENT.
    if (auto events = readTracefsFile(tracefsRoot + QLatin1String("/set_event")); events && !events->trimmed().isEmpty()) {
        const QList<QByteArray> names = events->trimmed().split('\n');
        QString listed = QString::fromUtf8(names.mid(0, 3).join(' '));
        if (names.size() > 3)
            listed += Tr::tr(" and %1 more").arg(names.size() - 3);
        busy << Tr::tr("events are enabled in it (%1)").arg(listed);
    }
    std::int64_t unread = 0;
    for (int cpu = 0; QFileInfo::exists(QStringLiteral("%1/per_cpu/cpu%2").arg(tracefsRoot).arg(cpu)); ++cpu)
        unread += readCpuStats(tracefsRoot, cpu).entries;
    if (unread > 0)
        busy << Tr::tr("it holds %1 events nobody has read").arg(unread);
    return busy.join(QLatin1String("; "));
}

QStringList TraceInstance::removeStale(const QString& tracefsRoot)
{
    QStringList removed;
    const QStringList instances = QDir(tracefsRoot + QLatin1String("/instances"))
                                      .entryList({ instancePrefix + QLatin1Char('*') }, QDir::Dirs | QDir::NoDotAndDotDot);
    // ftlens-<pid> for recordings, ftlens-caps-<pid>[-N] for capability trials.
    static const QRegularExpression ownRe(QStringLiteral("^ftlens-(?:caps-)?(\\d+)(?:-\\d+)?$"));
    for (const QString& name : instances) {
        const auto match = ownRe.match(name);
        if (match.hasMatch() && !helperIsRunning(match.captured(1).toLongLong())
            && removeInstanceDir(tracefsRoot + QLatin1String("/instances/") + name))
            removed << name;
    }
    for (const char* file : { "uprobe_events", "kprobe_events" }) {
        const QString definitionFile = QString::fromLatin1(file);
        auto text = readTracefsFile(tracefsRoot + QLatin1Char('/') + definitionFile);
        if (!text)
            continue;
        static const QRegularExpression groupRe(QStringLiteral("^[pr]\\d*:(ftlens_(\\d+))/(\\S+)"),
            QRegularExpression::MultilineOption);
        for (auto it = groupRe.globalMatch(QString::fromUtf8(*text)); it.hasNext();) {
            const auto match = it.next();
            if (helperIsRunning(match.captured(2).toLongLong()))
                continue;
            removeProbe(tracefsRoot, definitionFile, match.captured(1), match.captured(3));
            removed << match.captured(1) + QLatin1Char('/') + match.captured(3);
        }
    }
    return removed;
}

} // namespace Recorder
