// SPDX-License-Identifier: GPL-3.0-or-later
#include "capabilities.h"

#include "securityfsfile.h"
#include "toplevelexpansion.h"
#include "tracefsroot.h"

#include <QCoreApplication>
#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

constexpr const char* securityfsDir = "/sys/kernel/security";

QString errnoText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

Feature yes() { return Feature { true, {} }; }
Feature no(const QString& why) { return Feature { false, why }; }

QString inRoot(const QString& root, const char* name) { return root + QLatin1Char('/') + QLatin1String(name); }

QStringList words(const QByteArray& text)
{
    QStringList result;
    for (const QByteArray& word : text.simplified().split(' '))
        if (!word.isEmpty())
            result.append(QString::fromLatin1(word));
    return result;
}

// The errno of opening and reading a little of a file (0 when that works). Unlike
// readTracefsFile it does not read to the end: available_filter_functions can be megabytes.
int readErrno(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    char byte;
    ssize_t n;
    do {
        n = ::read(fd, &byte, 1);
    } while (n < 0 && errno == EINTR);
    const int error = n < 0 ? errno : 0;
    ::close(fd);
    return error;
}

// The errno of opening a control file for appending (0 when it opens). Never O_TRUNC: opening
// kprobe_events, uprobe_events or dynamic_events with O_TRUNC deletes every probe on the system.
int appendOpenErrno(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0)
        return errno;
    ::close(fd);
    return 0;
}

// Like writeTracefsFile, but hands back the errno (0 on success): whether a refusal was EPERM
// decides whether lockdown is worth naming in the reason.
int writeErrno(const QString& path, const QByteArray& text, bool append)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC | (append ? O_APPEND : O_TRUNC));
    if (fd < 0)
        return errno;
    ssize_t n;
    do {
        n = ::write(fd, text.constData(), static_cast<size_t>(text.size()));
    } while (n < 0 && errno == EINTR);
    const int error = n < 0 ? errno : (n == text.size() ? 0 : EIO);
    ::close(fd);
    return error;
}

// EPERM to root usually means lockdown; say so when lockdown is on so the user knows where to look.
QString lockdownNote(int error, const QString& lockdown)
{
    if (error != EPERM || (lockdown != QLatin1String("integrity") && lockdown != QLatin1String("confidentiality")))
        return {};
    return Tr::tr(" (kernel lockdown: %1)").arg(lockdown);
}

QString parseLockdown(const QByteArray& text)
{
    static const QRegularExpression bracketed(QStringLiteral("\\[(\\w+)\\]"));
    const QString mode = bracketed.match(QString::fromLatin1(text)).captured(1);
    if (mode == QLatin1String("none") || mode == QLatin1String("integrity") || mode == QLatin1String("confidentiality"))
        return mode;
    return QStringLiteral("unknown");
}

// The kernel shows its lockdown mode only in securityfs, which a freshly booted machine may not
// have mounted. Where the file is not visible, it is read from a child in a mount namespace of its
// own with securityfs mounted there: the system's mount table is never touched, so there is no
// window in which another process sees a mount appear or vanish, and every caller (caps, record,
// the tests) reads the same answer whatever the machine had mounted. Without the privilege to
// make a namespace (not root) the answer is "unknown".
QString readLockdown()
{
    const QString file = QLatin1String(securityfsDir) + QLatin1String("/lockdown");
    if (const Storage::Result<QByteArray> text = readTracefsFile(file); text.ok())
        return parseLockdown(text.value());
    const std::optional<QByteArray> text = readSecurityfsFilePrivately("lockdown");
    return text ? parseLockdown(*text) : QStringLiteral("unknown");
}

// Fills caps.tracers; returns why they could not be read (empty when they could).
QString readTracers(const QString& root, Capabilities& caps)
{
    const Storage::Result<QByteArray> text = readTracefsFile(inRoot(root, "available_tracers"));
    if (!text.ok())
        return text.error().message;
    caps.tracers = words(text.value());
    return {};
}

void restoreNop(const QString& instanceDir)
{
    const QString file = instanceDir + QLatin1String("/current_tracer");
    if (!QFileInfo::exists(file)) // a fixture's plain directory: nothing was set
        return;
    if (const Storage::Status status = writeTracefsFile(file, QByteArrayLiteral("nop")); !status)
        qWarning().noquote() << status.error().message;
}

// A tracefs instance of our own for trials, so the top-level buffer and other instances are never
// touched. Created on construction; set back to nop and removed on destruction, so no path
// (early return, refused write) leaves it behind.
class ScratchInstance {
public:
    explicit ScratchInstance(const QString& instancesDir);
    ~ScratchInstance();
    ScratchInstance(const ScratchInstance&) = delete;
    ScratchInstance& operator=(const ScratchInstance&) = delete;

    bool created() const { return !m_path.isEmpty(); }
    const QString& path() const { return m_path; }
    const QString& error() const { return m_error; }

private:
    QString m_path;
    QString m_error;
};

ScratchInstance::ScratchInstance(const QString& instancesDir)
{
    if (!QFileInfo(instancesDir).isDir()) {
        m_error = Tr::tr("%1 is missing: this kernel has no tracing instances").arg(instancesDir);
        return;
    }
    // The pid keeps concurrent helpers apart. A leftover with our pid (from a crashed run) is
    // not reused or removed — it may belong to someone else — we take a suffixed name instead.
    const QString base = instancesDir + QStringLiteral("/ftlens-caps-%1").arg(::getpid());
    for (int attempt = 0; attempt < 8; ++attempt) {
        const QString candidate = attempt == 0 ? base : base + QStringLiteral("-%1").arg(attempt);
        if (::mkdir(QFile::encodeName(candidate).constData(), 0750) == 0) {
            m_path = candidate;
            return;
        }
        const int error = errno;
        if (error != EEXIST) {
            m_error = Tr::tr("creating the scratch instance %1 failed: %2").arg(candidate, errnoText(error));
            return;
        }
    }
    m_error = Tr::tr("creating a scratch instance in %1 failed: every ftlens-caps name is taken").arg(instancesDir);
}

ScratchInstance::~ScratchInstance()
{
    if (!created())
        return;
    // The tracer goes back to nop before the instance goes, so nothing is left hooked in.
    restoreNop(m_path);
    if (::rmdir(QFile::encodeName(m_path).constData()) != 0) {
        const int error = errno;
        qWarning().noquote() << Tr::tr("could not remove the scratch instance %1: %2").arg(m_path, errnoText(error));
    }
}

// The first function of available_filter_functions (reading only its first line), or empty.
QByteArray firstFilterFunction(const QString& root)
{
    QFile file(inRoot(root, "available_filter_functions"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return {};
    const QByteArray line = file.readLine(512);
    return line.split(' ').value(0).split('\t').value(0).trimmed();
}

// A tracer trial hooks only one function: with an empty filter the kernel would patch every
// traceable function in and out again, which costs tens of seconds under emulation.
void limitScratchToOneFunction(const QString& root, const ScratchInstance& scratch)
{
    if (const QByteArray function = firstFilterFunction(root); !function.isEmpty())
        (void)writeErrno(scratch.path() + QLatin1String("/set_ftrace_filter"), function + '\n', false);
}

bool scratchLists(const ScratchInstance& scratch, const QString& tracer)
{
    const Storage::Result<QByteArray> text = readTracefsFile(scratch.path() + QLatin1String("/available_tracers"));
    return !text.ok() || words(text.value()).contains(tracer);
}

// A tracer is usable only if the kernel accepts it in current_tracer: this kernel family lists
// `function` and then refuses it with EPERM, so the listing alone is no proof. A tracer the top
// level lists but instances neither list nor take (EINVAL) runs in the top-level buffer only.
Feature tryTracer(const QString& tracer, const Capabilities& caps, const QString& tracersError,
    const ScratchInstance& scratch, bool* topLevelOnly = nullptr)
{
    if (!caps.tracers.contains(tracer)) {
        if (!tracersError.isEmpty())
            return no(tracersError);
        return no(Tr::tr("the '%1' tracer is not built into this kernel (not in available_tracers)").arg(tracer));
    }
    if (!scratch.created())
        return no(Tr::tr("'%1' is listed but could not be tried: %2").arg(tracer, scratch.error()));
    const int error = writeErrno(scratch.path() + QLatin1String("/current_tracer"), tracer.toLatin1(), false);
    restoreNop(scratch.path()); // each trial starts from nop
    if (error == 0)
        return yes();
    const QString refusal = Tr::tr("writing '%1' to current_tracer: %2").arg(tracer, errnoText(error));
    if (error == EINVAL && topLevelOnly && !scratchLists(scratch, tracer)) {
        *topLevelOnly = true;
        Feature feature = yes();
        feature.note = Tr::tr("top-level buffer only: instances refuse it (%1); ftlens-helper records there while "
                              "that buffer is idle")
                           .arg(refusal);
        return feature;
    }
    return no(refusal + lockdownNote(error, caps.lockdown));
}

// Instances and the tracer trials share one scratch instance, removed before this returns.
void detectInstanceFeatures(const QString& root, const QString& tracersError, Capabilities& caps)
{
    const TopLevelExpansion expansion(root); // restored after the scratch instance is gone
    const ScratchInstance scratch(inRoot(root, "instances"));
    caps.instances = scratch.created() ? yes() : no(scratch.error());
    if (scratch.created())
        limitScratchToOneFunction(root, scratch);
    caps.functionTracer = tryTracer(QStringLiteral("function"), caps, tracersError, scratch);
    caps.functionGraphTracer = tryTracer(QStringLiteral("function_graph"), caps, tracersError, scratch,
        &caps.functionGraphTopLevelOnly);
}

Feature filterFunctionsFeature(const QString& root, const QString& lockdown)
{
    const QString file = inRoot(root, "available_filter_functions");
    if (!QFileInfo::exists(file))
        return no(Tr::tr("%1 is missing: this kernel has no dynamic ftrace (CONFIG_DYNAMIC_FTRACE)").arg(file));
    if (const int error = readErrno(file); error != 0)
        return no(Tr::tr("%1: cannot read: %2").arg(file, errnoText(error)) + lockdownNote(error, lockdown));
    return yes();
}

// A probe interface is usable when its control file exists and opens for appending.
Feature probeFileFeature(const QString& file, const char* kernelOption, const QString& lockdown)
{
    if (!QFileInfo::exists(file))
        return no(Tr::tr("%1 is missing: not built into this kernel (%2)").arg(file, QLatin1String(kernelOption)));
    if (const int error = appendOpenErrno(file); error != 0)
        return no(Tr::tr("%1: cannot open for writing: %2").arg(file, errnoText(error)) + lockdownNote(error, lockdown));
    return yes();
}

// Return probes come with their entry probes. The README's "r[maxactive]" line is no evidence
// of kretprobes: the kernel prints it for uprobe-only builds too (as on this project's test machine).
Feature returnProbeFeature(const Feature& entryProbes, const char* controlFile)
{
    if (entryProbes.available)
        return yes();
    return no(Tr::tr("return probes need %1: %2").arg(QLatin1String(controlFile), entryProbes.why));
}

bool readmeShowsEprobes(const QByteArray& readme)
{
    // "e[:[EGRP/][EEVENT]] SYSTEM.EVENT" in the kernel's documentation, "e[:[<group>/][<event>]]
    // <attached-group>.<attached-event>" in newer READMEs: both are "e[:[" after whitespace.
    static const QRegularExpression syntax(QStringLiteral("(^|\\s)e\\[:\\["));
    return syntax.match(QString::fromUtf8(readme)).hasMatch();
}

// An existing tracepoint for the trial eprobe: sched_switch when present, else the first event
// with a format file outside ftrace's own system (eprobes cannot attach there).
QString eprobeTarget(const QString& root)
{
    const QString events = inRoot(root, "events");
    if (QFileInfo::exists(events + QLatin1String("/sched/sched_switch/format")))
        return QStringLiteral("sched.sched_switch");
    const QDir::Filters dirs = QDir::Dirs | QDir::NoDotAndDotDot;
    for (const QString& system : QDir(events).entryList(dirs, QDir::Name)) {
        if (system == QLatin1String("ftrace"))
            continue;
        for (const QString& event : QDir(events + QLatin1Char('/') + system).entryList(dirs, QDir::Name))
            if (QFileInfo::exists(events + QLatin1Char('/') + system + QLatin1Char('/') + event + QLatin1String("/format")))
                return system + QLatin1Char('.') + event;
    }
    return {};
}

// The README prints the eprobe syntax whenever probe events exist, even where eprobes are not
// built in (since Linux 6.17 they need CONFIG_EPROBE_EVENTS, which depends on kprobe events), so
// only a trial definition tells. It lives in a group of our own and is removed at once.
Feature tryEprobe(const QString& dynamicEvents, const QString& target, bool kprobes)
{
    if (target.isEmpty())
        return no(Tr::tr("no tracepoint to attach an eprobe to"));
    const QByteArray name = "ftlens_caps_" + QByteArray::number(::getpid()) + "/trial";
    const int error = writeErrno(dynamicEvents, "e:" + name + ' ' + target.toLatin1() + '\n', true);
    if (error == 0) {
        if (const Storage::Status removed = writeTracefsFile(dynamicEvents, "-:" + name + '\n', true); !removed)
            qWarning().noquote() << removed.error().message;
        return yes();
    }
    QString why = Tr::tr("%1 refused a trial eprobe on %2: %3").arg(dynamicEvents, target, errnoText(error));
    if (error == EINVAL && !kprobes)
        why += Tr::tr(" (eprobes are not built into this kernel: since Linux 6.17 they need "
                      "CONFIG_EPROBE_EVENTS, which depends on kprobe events)");
    return no(why);
}

Feature eprobeFeature(const QString& root, bool kprobes)
{
    const QString dynamicEvents = inRoot(root, "dynamic_events");
    if (!QFileInfo::exists(dynamicEvents))
        return no(Tr::tr("%1 is missing: this kernel has no dynamic events (eprobes need Linux 5.15 or later)").arg(dynamicEvents));
    const Storage::Result<QByteArray> readme = readTracefsFile(inRoot(root, "README"));
    if (!readme.ok())
        return no(readme.error().message);
    if (!readmeShowsEprobes(readme.value()))
        return no(Tr::tr("the tracefs README shows no eprobe syntax (e[:[EGRP/][EEVENT]] SYSTEM.EVENT): "
                         "eprobes are not built into this kernel"));
    return tryEprobe(dynamicEvents, eprobeTarget(root), kprobes);
}

void detectProbeFeatures(const QString& root, Capabilities& caps)
{
    caps.kprobes = probeFileFeature(inRoot(root, "kprobe_events"), "CONFIG_KPROBE_EVENTS", caps.lockdown);
    caps.kretprobes = returnProbeFeature(caps.kprobes, "kprobe_events");
    caps.uprobes = probeFileFeature(inRoot(root, "uprobe_events"), "CONFIG_UPROBE_EVENTS", caps.lockdown);
    caps.uretprobes = returnProbeFeature(caps.uprobes, "uprobe_events");
    caps.eprobes = eprobeFeature(root, caps.kprobes.available);
}

Feature btfFeature()
{
    const QString file = QStringLiteral("/sys/kernel/btf/vmlinux");
    if (!QFileInfo::exists(file))
        return no(Tr::tr("%1 is missing: the kernel was built without BTF (CONFIG_DEBUG_INFO_BTF)").arg(file));
    return yes();
}

int countCpus(const QString& root)
{
    static const QRegularExpression cpuDir(QStringLiteral("^cpu[0-9]+$"));
    const QStringList entries = QDir(inRoot(root, "per_cpu")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    const auto count = std::count_if(entries.begin(), entries.end(),
        [](const QString& entry) { return cpuDir.match(entry).hasMatch(); });
    if (count > 0)
        return static_cast<int>(count);
    // A tree without per_cpu/: the configured CPUs are what the kernel's buffers cover.
    return static_cast<int>(std::max(1L, ::sysconf(_SC_NPROCESSORS_CONF)));
}

// trace_clock reads "[local] global counter ...": every clock, the current one in brackets.
void readTraceClocks(const QString& root, Capabilities& caps)
{
    const Storage::Result<QByteArray> text = readTracefsFile(inRoot(root, "trace_clock"));
    if (!text.ok())
        return;
    for (QString clock : words(text.value())) {
        if (clock.startsWith(QLatin1Char('[')) && clock.endsWith(QLatin1Char(']'))) {
            clock = clock.mid(1, clock.size() - 2);
            caps.currentClock = clock;
        }
        caps.traceClocks.append(clock);
    }
}

struct NamedFeature {
    QString key; // JSON key
    QString label; // for people
    Feature feature;
};

QList<NamedFeature> namedFeatures(const Capabilities& caps)
{
    const Feature tracefs = caps.tracefsPath.isEmpty() ? no(Tr::tr("no tracefs found")) : yes();
    return {
        { QStringLiteral("tracefs"), Tr::tr("tracefs"), tracefs },
        { QStringLiteral("instances"), Tr::tr("tracing instances"), caps.instances },
        { QStringLiteral("function_tracer"), Tr::tr("function tracer"), caps.functionTracer },
        { QStringLiteral("function_graph_tracer"), Tr::tr("function_graph tracer"), caps.functionGraphTracer },
        { QStringLiteral("filter_functions"), Tr::tr("function list"), caps.filterFunctions },
        { QStringLiteral("kprobes"), Tr::tr("kprobes"), caps.kprobes },
        { QStringLiteral("kretprobes"), Tr::tr("kretprobes"), caps.kretprobes },
        { QStringLiteral("uprobes"), Tr::tr("uprobes"), caps.uprobes },
        { QStringLiteral("uretprobes"), Tr::tr("uretprobes"), caps.uretprobes },
        { QStringLiteral("eprobes"), Tr::tr("eprobes"), caps.eprobes },
        { QStringLiteral("btf"), Tr::tr("BTF"), caps.btf },
    };
}

// Rows of cells, each column padded to its widest cell; the last cell is never padded.
QString alignedRows(const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QStringList& row : rows)
        for (qsizetype column = 0; column < row.size(); ++column) {
            if (widths.size() <= column)
                widths.append(0);
            widths[column] = std::max(widths[column], row[column].size());
        }
    QString text;
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype column = 0; column < row.size(); ++column)
            line += column + 1 < row.size() ? row[column].leftJustified(widths[column] + 2) : row[column];
        text += line.trimmed() + QLatin1Char('\n');
    }
    return text;
}

QString clocksText(const Capabilities& caps)
{
    QStringList clocks;
    for (const QString& clock : caps.traceClocks)
        clocks.append(clock == caps.currentClock ? QLatin1Char('[') + clock + QLatin1Char(']') : clock);
    return clocks.join(QLatin1Char(' '));
}

QString factsText(const Capabilities& caps)
{
    const QString mounted = caps.tracefsMountedByUs ? Tr::tr(" (mounted by ftlens)") : QString();
    return alignedRows({
        { Tr::tr("tracefs:"), caps.tracefsPath + mounted },
        { Tr::tr("lockdown:"), caps.lockdown },
        { Tr::tr("CPUs:"), QString::number(caps.cpus) },
        { Tr::tr("trace clocks:"), clocksText(caps) },
        { Tr::tr("tracers:"), caps.tracers.join(QLatin1Char(' ')) },
    });
}
} // namespace

Storage::Result<Capabilities> detectCapabilities(const QString& tracefsDir, bool mountIfNeeded)
{
    const Storage::Result<TracefsRoot> root = findTracefs(tracefsDir, mountIfNeeded);
    if (!root.ok())
        return root.error();
    const QString& path = root.value().path;
    Capabilities caps;
    caps.tracefsPath = path;
    caps.tracefsMountedByUs = root.value().mountedByUs;
    caps.lockdown = readLockdown();
    const QString tracersError = readTracers(path, caps);
    detectInstanceFeatures(path, tracersError, caps);
    caps.filterFunctions = filterFunctionsFeature(path, caps.lockdown);
    detectProbeFeatures(path, caps);
    caps.btf = btfFeature();
    caps.cpus = countCpus(path);
    readTraceClocks(path, caps);
    return caps;
}

QJsonObject capabilitiesToJson(const Capabilities& caps)
{
    QJsonObject json;
    QJsonObject why;
    for (const NamedFeature& named : namedFeatures(caps)) {
        json.insert(named.key, named.feature.available);
        if (named.feature.available) {
            if (!named.feature.note.isEmpty())
                json.insert(QString(named.key + QLatin1String("_note")), named.feature.note);
            continue;
        }
        json.insert(QString(named.key + QLatin1String("_why")), named.feature.why);
        why.insert(named.key, named.feature.why);
    }
    json.insert(QStringLiteral("why"), why);
    json.insert(QStringLiteral("function_graph_top_level_only"), caps.functionGraphTopLevelOnly);
    json.insert(QStringLiteral("tracefs_path"), caps.tracefsPath);
    json.insert(QStringLiteral("tracefs_mounted_by_us"), caps.tracefsMountedByUs);
    json.insert(QStringLiteral("tracers"), QJsonArray::fromStringList(caps.tracers));
    json.insert(QStringLiteral("lockdown"), caps.lockdown);
    json.insert(QStringLiteral("cpus"), caps.cpus);
    json.insert(QStringLiteral("trace_clocks"), QJsonArray::fromStringList(caps.traceClocks));
    json.insert(QStringLiteral("current_clock"), caps.currentClock);
    return json;
}

QString capabilitiesToText(const Capabilities& caps)
{
    QList<QStringList> rows { { Tr::tr("feature"), Tr::tr("available"), Tr::tr("why not") } };
    for (const NamedFeature& named : namedFeatures(caps))
        rows.append({ named.label, named.feature.available ? Tr::tr("yes") : Tr::tr("no"),
            named.feature.available ? named.feature.note : named.feature.why });
    return factsText(caps) + QLatin1Char('\n') + alignedRows(rows);
}

} // namespace Recorder
