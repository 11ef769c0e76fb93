// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakekernel.h"

#include "faketracefsmount.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fcntl.h>

namespace TestSupport {

namespace {
std::atomic<FakeKernel*> s_active { nullptr };

void put(const QString& path, const QByteArray& text, QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (file.open(mode))
        file.write(text);
}

QByteArray read(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QByteArray allFunctions = "#### all functions enabled ####\n";
const QByteArray noFunctions = "#### no functions disabled ####\n";

// The function_graph options a 6.x kernel shows in options/ (of each instance and the top level).
const std::pair<const char*, QByteArray> graphOptions[] = { { "options/funcgraph-proc", "0\n" },
    { "options/funcgraph-irqs", "1\n" }, { "options/funcgraph-tail", "0\n" }, { "options/funcgraph-retval", "0\n" },
    { "options/funcgraph-overrun", "0\n" }, { "options/funcgraph-cpu", "1\n" }, { "options/funcgraph-duration", "1\n" } };

// Files that exist only at the top level of a real kernel.
const std::pair<const char*, QByteArray> graphFiles[] = { { "set_graph_function", allFunctions },
    { "set_graph_notrace", noFunctions }, { "max_graph_depth", "0\n" } };

// The functions a filter file's globs select, as the kernel lists them; without a function list
// (a test that needs none) the names as written.
QStringList expandFunctions(const QStringList& patterns, const QByteArray& list)
{
    if (list.isEmpty())
        return patterns;
    QStringList functions;
    for (const QString& pattern : patterns) {
        const QRegularExpression glob(QRegularExpression::wildcardToRegularExpression(pattern));
        for (const QByteArray& line : list.split('\n')) {
            const QString function = QString::fromUtf8(line.split(' ').value(0));
            if (!function.isEmpty() && glob.match(function).hasMatch() && !functions.contains(function))
                functions << function;
        }
    }
    return functions;
}

// The ftrace events each function tracer writes.
QStringList tracerEvents(const QString& tracer)
{
    if (tracer == QLatin1String("function"))
        return { QStringLiteral("function") };
    if (tracer == QLatin1String("function_graph"))
        return { QStringLiteral("funcgraph_entry"), QStringLiteral("funcgraph_exit"), QStringLiteral("funcgraph_retval"),
            QStringLiteral("fgraph_retaddr_entry") };
    return {};
}

const QByteArray statsText = "entries: 0\noverrun: 0\ncommit overrun: 0\nbytes: 0\noldest event ts:     0.000000\n"
                             "now ts:     0.000000\ndropped events: 0\nread events: 0\n";

struct ArgType {
    QByteArray type;
    int size = 8;
    bool isSigned = false;
    bool dataLoc = false;
};

// How trace_probe.c declares an argument of a given fetch type in the event's format.
ArgType argType(const QString& fetch, QString type)
{
    if (type.isEmpty())
        type = fetch == QLatin1String("$comm") ? QStringLiteral("string") : QStringLiteral("x64");
    static const QRegularExpression arrayRe(QStringLiteral("^(.*)\\[(\\d+)\\]$"));
    int count = 1;
    if (const auto array = arrayRe.match(type); array.hasMatch()) {
        type = array.captured(1);
        count = array.captured(2).toInt();
    }
    ArgType out;
    static const QRegularExpression intRe(QStringLiteral("^([usx])(8|16|32|64)$"));
    static const QRegularExpression bitsRe(QStringLiteral("^b\\d+@\\d+/(\\d+)$"));
    if (type == QLatin1String("string") || type == QLatin1String("ustring") || type == QLatin1String("symstr"))
        return { "__data_loc char[]", 4, true, true };
    if (const auto m = intRe.match(type); m.hasMatch())
        out = { (m.captured(1) == QLatin1String("s") ? "s" : "u") + m.captured(2).toUtf8(), m.captured(2).toInt() / 8,
            m.captured(1) == QLatin1String("s"), false };
    else if (const auto b = bitsRe.match(type); b.hasMatch())
        out = { "u" + b.captured(1).toUtf8(), b.captured(1).toInt() / 8, false, false };
    else if (type == QLatin1String("char"))
        out = { "char", 1, true, false };
    else
        out = { "u64", 8, false, false }; // symbol and the like: a kernel address
    out.size *= count;
    return out;
}
} // namespace

QByteArray probeFormat(const QString& definitionLine, int id)
{
    const QStringList tokens = definitionLine.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const bool isReturn = tokens.value(0).startsWith(QLatin1Char('r'));
    const QString name = tokens.value(0).section(QLatin1Char('/'), 1);
    QByteArray text = "name: " + name.toUtf8() + "\nID: " + QByteArray::number(id) + "\nformat:\n"
        "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
        "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
        "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
        "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n";
    int offset = 8;
    QByteArray printFormat = isReturn ? "(%lx <- %lx)" : "(%lx)";
    QByteArray printArgs = isReturn ? ", REC->__probe_func, REC->__probe_ret_ip" : ", REC->__probe_ip";
    for (const char* field : isReturn ? std::vector<const char*> { "__probe_func", "__probe_ret_ip" } : std::vector<const char*> { "__probe_ip" }) {
        text += "\tfield:unsigned long " + QByteArray(field) + ";\toffset:" + QByteArray::number(offset) + ";\tsize:8;\tsigned:0;\n";
        offset += 8;
    }
    for (qsizetype i = 2; i < tokens.size(); ++i) {
        QString arg = tokens[i];
        const QString argName = arg.contains(QLatin1Char('=')) ? arg.section(QLatin1Char('='), 0, 0) : QStringLiteral("arg%1").arg(i - 1);
        arg = arg.contains(QLatin1Char('=')) ? arg.section(QLatin1Char('='), 1) : arg;
        const qsizetype colon = arg.lastIndexOf(QLatin1Char(':'));
        const bool typed = colon > 0 && !arg.mid(colon + 1).contains(QLatin1Char(')'));
        const ArgType type = argType(typed ? arg.left(colon) : arg, typed ? arg.mid(colon + 1) : QString());
        const QByteArray declaration
            = type.dataLoc ? QByteArray("__data_loc char[] " + argName.toUtf8()) : QByteArray(type.type + ' ' + argName.toUtf8());
        text += "\tfield:" + declaration + ";\toffset:" + QByteArray::number(offset) + ";\tsize:" + QByteArray::number(type.size)
            + ";\tsigned:" + QByteArray(type.isSigned ? "1" : "0") + ";\n";
        offset += type.size;
        printFormat += ' ' + argName.toUtf8() + (type.dataLoc ? "=\\\"%s\\\"" : "=%llu");
        printArgs += type.dataLoc ? QByteArray(", __get_str(" + argName.toUtf8() + ")") : QByteArray(", REC->" + argName.toUtf8());
    }
    return text + "\nprint fmt: \"" + printFormat + "\"" + printArgs + "\n";
}

FakeKernel::FakeKernel(const QString& fixtureDir, int cpus)
    : m_cpus(cpus)
{
    const QString events = root() + QLatin1String("/events");
    for (const char* header : { "header_page", "header_event" })
        put(events + QLatin1Char('/') + QLatin1String(header), read(fixtureDir + QLatin1String("/events/") + QLatin1String(header)));
    QDirIterator formats(fixtureDir + QLatin1String("/events"), { QStringLiteral("format") }, QDir::Files, QDirIterator::Subdirectories);
    while (formats.hasNext()) {
        const QString format = formats.next();
        const QString eventDir = events + QFileInfo(format).path().mid(fixtureDir.size() + 7);
        put(eventDir + QLatin1String("/format"), read(format));
        put(eventDir + QLatin1String("/enable"), "0\n");
        put(eventDir + QLatin1String("/filter"), "none\n");
        // Every events/SYSTEM has its own enable file (libtracefs looks for it).
        put(QFileInfo(eventDir).path() + QLatin1String("/enable"), "0\n");
    }
    const std::pair<const char*, QByteArray> files[] = { { "trace_clock", "[local] global mono\n" },
        { "available_tracers", "function_graph function nop\n" }, { "current_tracer", "nop\n" }, { "tracing_on", "1\n" },
        { "kprobe_events", "" }, { "uprobe_events", "" }, { "dynamic_events", "" }, { "saved_cmdlines", "" },
        { "saved_tgids", "" }, { "printk_formats", "" }, { "error_log", "" }, { "README", "fake tracefs\n" },
        { "set_ftrace_filter", allFunctions }, { "set_ftrace_notrace", noFunctions }, { "set_ftrace_pid", "no pid\n" },
        { "options/function-fork", "0\n" }, { "options/event-fork", "0\n" }, { "buffer_size_kb", "7 (expanded: 1410)\n" },
        { "set_event", "" }, { "set_event_pid", "" }, { "tracing_thresh", "0\n" } };
    for (const auto& [name, text] : files)
        put(root() + QLatin1Char('/') + QLatin1String(name), text);
    for (const auto& [name, text] : graphFiles)
        put(root() + QLatin1Char('/') + QLatin1String(name), text);
    for (const auto& [name, text] : graphOptions)
        put(root() + QLatin1Char('/') + QLatin1String(name), text);
    for (int cpu = 0; cpu < cpus; ++cpu) {
        put(root() + QStringLiteral("/per_cpu/cpu%1/stats").arg(cpu), statsText);
        put(root() + QStringLiteral("/per_cpu/cpu%1/trace_pipe_raw").arg(cpu), QByteArray());
    }
    QDir().mkpath(root() + QLatin1String("/instances"));
    markAsTracefs(root());
    s_active = this;
}

FakeKernel::~FakeKernel()
{
    unmarkAsTracefs(root());
    s_active = nullptr;
}

FakeKernel* FakeKernel::active() { return s_active.load(); }

void FakeKernel::writeRootFile(const QString& name, const QByteArray& text) { put(root() + QLatin1Char('/') + name, text); }

QByteArray FakeKernel::readRootFile(const QString& name) const { return read(root() + QLatin1Char('/') + name); }

void FakeKernel::refuseTracer(const QString& tracer, int error)
{
    std::lock_guard lock(m_mutex);
    m_refusedTracers[tracer] = error;
}

void FakeKernel::makeUnreadable(const QString& name)
{
    std::lock_guard lock(m_mutex);
    m_unreadable << name;
}

void FakeKernel::graphFilesInInstances(bool own)
{
    std::lock_guard lock(m_mutex);
    m_graphFilesInInstances = own;
}

void FakeKernel::refuseWrites(const QString& fileName, int error)
{
    std::lock_guard lock(m_mutex);
    m_refusedWrites[fileName] = error;
}

void FakeKernel::notracePidFiles(bool present)
{
    std::lock_guard lock(m_mutex);
    m_notracePidFiles = present;
}

void FakeKernel::onlyAtTopLevel(const QString& tracer)
{
    std::lock_guard lock(m_mutex);
    m_topLevelOnly << tracer;
}

void FakeKernel::script(const QString& event, std::vector<Record> records)
{
    std::lock_guard lock(m_mutex);
    m_scripts[event] = std::move(records);
}

void FakeKernel::scriptRawPage(const QString& event, int cpu, std::vector<char> page)
{
    std::lock_guard lock(m_mutex);
    m_rawPages[event].emplace_back(cpu, std::move(page));
}

QStringList FakeKernel::definitionWrites(const QString& file) const
{
    std::lock_guard lock(m_mutex);
    return m_definitionWrites.value(file);
}

QStringList FakeKernel::controlWrites() const
{
    std::lock_guard lock(m_mutex);
    return m_controlWrites;
}

bool FakeKernel::instanceExists(const QString& name) const { return QFileInfo::exists(root() + QLatin1String("/instances/") + name); }

QString FakeKernel::relative(const QString& path) const
{
    return path.startsWith(root() + QLatin1Char('/')) ? path.mid(root().size() + 1) : QString();
}

void FakeKernel::onMkdir(const QString& path)
{
    std::lock_guard lock(m_mutex);
    const QString rel = relative(QFileInfo(path).absoluteFilePath());
    if (rel.startsWith(QLatin1String("instances/")) && rel.count(QLatin1Char('/')) == 1)
        populateInstance(root() + QLatin1Char('/') + rel);
}

bool FakeKernel::onRmdir(const QString& path)
{
    std::lock_guard lock(m_mutex);
    const QString rel = relative(QFileInfo(path).absoluteFilePath());
    if (!rel.startsWith(QLatin1String("instances/")) || rel.count(QLatin1Char('/')) != 1)
        return false;
    return QDir(root() + QLatin1Char('/') + rel).removeRecursively();
}

QByteArray FakeKernel::instanceTracers() const
{
    QStringList tracers = QString::fromUtf8(read(root() + QLatin1String("/available_tracers")).simplified()).split(QLatin1Char(' '));
    for (const QString& tracer : m_topLevelOnly)
        tracers.removeAll(tracer);
    return (tracers.join(QLatin1Char(' ')) + QLatin1Char('\n')).toUtf8();
}

void FakeKernel::populateInstance(const QString& dir)
{
    const std::pair<const char*, QByteArray> files[] = { { "tracing_on", "1\n" }, { "buffer_size_kb", "7 (expanded: 1410)\n" },
        { "trace_clock", "[local] global mono\n" }, { "set_event_pid", "" }, { "set_event", "" }, { "current_tracer", "nop\n" },
        { "available_tracers", instanceTracers() }, { "set_ftrace_filter", allFunctions },
        { "set_ftrace_notrace", noFunctions }, { "set_ftrace_pid", "no pid\n" }, { "options/event-fork", "0\n" },
        { "options/function-fork", "0\n" } };
    for (const auto& [name, text] : files)
        put(dir + QLatin1Char('/') + QLatin1String(name), text);
    for (const auto& [name, text] : graphOptions)
        put(dir + QLatin1Char('/') + QLatin1String(name), text);
    if (m_graphFilesInInstances) {
        for (const auto& [name, text] : graphFiles)
            put(dir + QLatin1Char('/') + QLatin1String(name), text);
    }
    if (m_notracePidFiles) {
        put(dir + QLatin1String("/set_event_notrace_pid"), QByteArray());
        put(dir + QLatin1String("/set_ftrace_notrace_pid"), "no pid\n");
    }
    QDirIterator formats(root() + QLatin1String("/events"), { QStringLiteral("format") }, QDir::Files, QDirIterator::Subdirectories);
    while (formats.hasNext()) {
        const QString eventDir = dir + QFileInfo(formats.next()).path().mid(root().size());
        put(eventDir + QLatin1String("/enable"), "0\n");
        put(eventDir + QLatin1String("/filter"), "none\n");
        put(QFileInfo(eventDir).path() + QLatin1String("/enable"), "0\n");
    }
    for (int cpu = 0; cpu < m_cpus; ++cpu) {
        put(dir + QStringLiteral("/per_cpu/cpu%1/trace_pipe_raw").arg(cpu), QByteArray());
        put(dir + QStringLiteral("/per_cpu/cpu%1/stats").arg(cpu), statsText);
    }
}

void FakeKernel::defineProbe(const QString& file, const QString& line)
{
    const QString head = line.section(QLatin1Char(' '), 0, 0);
    const QString event = head.section(QLatin1Char(':'), 1); // GRP/EV
    const QStringList instances = QDir(root() + QLatin1String("/instances")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (head.startsWith(QLatin1Char('-'))) {
        QDir(root() + QLatin1String("/events/") + event).removeRecursively();
        for (const QString& instance : instances)
            QDir(root() + QLatin1String("/instances/") + instance + QLatin1String("/events/") + event).removeRecursively();
        m_formats.remove(event);
        return;
    }
    const QByteArray format = probeFormat(line, m_nextId++);
    m_formats[event] = format;
    put(root() + QLatin1String("/events/") + event + QLatin1String("/format"), format);
    put(root() + QLatin1String("/events/") + event + QLatin1String("/enable"), "0\n");
    put(root() + QLatin1String("/events/") + event.section(QLatin1Char('/'), 0, 0) + QLatin1String("/enable"), "0\n");
    for (const QString& instance : instances) {
        const QString dir = root() + QLatin1String("/instances/") + instance + QLatin1String("/events/") + event;
        put(dir + QLatin1String("/format"), format);
        put(dir + QLatin1String("/enable"), "0\n");
        put(dir + QLatin1String("/filter"), "none\n");
        put(QFileInfo(dir).path() + QLatin1String("/enable"), "0\n");
    }
    Q_UNUSED(file);
}

void FakeKernel::emitScripted(const QString& instanceDir, const QString& eventDir)
{
    const QString event = QFileInfo(eventDir).fileName();
    QList<QPair<QString, Record>> records;
    for (const Record& record : m_scripts.value(event))
        records.append({ QFileInfo(QFileInfo(eventDir).path()).fileName() + QLatin1Char('/') + event, record });
    appendPages(instanceDir, records);
    for (const auto& [cpu, page] : m_rawPages.value(event))
        put(instanceDir + QStringLiteral("/per_cpu/cpu%1/trace_pipe_raw").arg(cpu), QByteArray(page.data(), qsizetype(page.size())),
            QIODevice::Append);
}

void FakeKernel::emitTracer(const QString& instanceDir, const QString& tracer)
{
    QList<QPair<QString, Record>> records;
    for (const QString& event : tracerEvents(tracer)) {
        for (const Record& record : m_scripts.value(event))
            records.append({ QLatin1String("ftrace/") + event, record });
    }
    appendPages(instanceDir, records);
}

// Records of one or more events ("SYSTEM/EVENT", laid out per the root's format files), per CPU
// in time order, appended to the instance's trace_pipe_raw files.
void FakeKernel::appendPages(const QString& instanceDir, const QList<QPair<QString, Record>>& records)
{
    QMap<QString, EventFormat> formats;
    for (const auto& [event, record] : records) {
        if (formats.contains(event))
            continue;
        const auto format = EventFormat::parse(read(root() + QLatin1String("/events/") + event + QLatin1String("/format")));
        if (!format)
            qFatal("FakeKernel: no format for %s", qPrintable(event));
        formats.insert(event, *format);
    }
    QList<QPair<QString, Record>> sorted = records;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second.ts < b.second.ts; });
    for (int cpu = 0; cpu < m_cpus; ++cpu) {
        PageSequence pages;
        for (const auto& [event, record] : sorted) {
            if (record.cpu != cpu)
                continue;
            EventRecord payload(formats[event], record.pid, record.flags, record.preemptCount);
            if (record.fill)
                record.fill(payload);
            pages.append(record.ts, payload.bytes());
        }
        QByteArray raw;
        for (const RingBufferPage& page : pages.pages()) {
            const std::vector<char> bytes = page.bytes();
            raw.append(bytes.data(), qsizetype(bytes.size()));
        }
        if (!raw.isEmpty())
            put(instanceDir + QStringLiteral("/per_cpu/cpu%1/trace_pipe_raw").arg(cpu), raw, QIODevice::Append);
    }
}

// What the kernel shows after a write: function lists one name per line with globs expanded (or
// its "all"/"none" line), pids or "no pid", single values with one newline.
void FakeKernel::canonicalise(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    const bool functionList = name == QLatin1String("set_ftrace_filter") || name == QLatin1String("set_ftrace_notrace")
        || name == QLatin1String("set_graph_function") || name == QLatin1String("set_graph_notrace");
    QStringList values;
    for (const QByteArray& line : read(path).split('\n')) {
        if (line.startsWith('#') || line.trimmed() == "no pid")
            continue;
        for (const QByteArray& token : line.simplified().split(' '))
            if (!token.isEmpty())
                values << QString::fromUtf8(token);
    }
    if (functionList) {
        const QStringList expanded = expandFunctions(values, read(root() + QLatin1String("/available_filter_functions")));
        const QByteArray none = name.contains(QLatin1String("notrace")) ? noFunctions : allFunctions;
        put(path, expanded.isEmpty() ? none : (expanded.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    } else if (name == QLatin1String("set_ftrace_pid") || name == QLatin1String("set_ftrace_notrace_pid")) {
        put(path, values.isEmpty() ? QByteArray("no pid\n") : (values.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    } else if (name == QLatin1String("filter")) {
        // "0" clears a filter, which then reads "none".
        const QByteArray filter = read(path).trimmed();
        put(path, filter.isEmpty() || filter == "0" ? QByteArray("none\n") : filter + '\n');
    } else if (name == QLatin1String("trace_clock")) {
        QByteArray clocks;
        for (const char* clock : { "local", "global", "mono" })
            clocks += (values.contains(QLatin1String(clock)) ? '[' + QByteArray(clock) + ']' : QByteArray(clock)) + ' ';
        put(path, clocks.trimmed() + '\n');
    } else if (name == QLatin1String("current_tracer") || name == QLatin1String("max_graph_depth") || name == QLatin1String("tracing_on")
        || name == QLatin1String("tracing_thresh") || name == QLatin1String("buffer_size_kb") || path.contains(QLatin1String("/options/"))) {
        put(path, read(path).trimmed() + '\n');
    }
}

void FakeKernel::onTruncate(const QString& path)
{
    std::lock_guard lock(m_mutex);
    if (!relative(path).isEmpty() && !path.contains(QLatin1String("per_cpu/")))
        canonicalise(path);
}

int FakeKernel::writeError(const QString& path, const QByteArray& data) const
{
    std::lock_guard lock(m_mutex);
    const QString rel = relative(path);
    if (const auto it = m_refusedWrites.constFind(QFileInfo(rel).fileName()); !rel.isEmpty() && it != m_refusedWrites.constEnd())
        return it.value();
    if (rel.isEmpty() || QFileInfo(rel).fileName() != QLatin1String("current_tracer"))
        return 0;
    const QString tracer = QString::fromUtf8(data.trimmed());
    if (const auto it = m_refusedTracers.constFind(tracer); it != m_refusedTracers.constEnd())
        return it.value();
    if (rel.startsWith(QLatin1String("instances/")) && m_topLevelOnly.contains(tracer))
        return EINVAL;
    const QStringList listed = QString::fromUtf8(read(root() + QLatin1String("/available_tracers")).simplified()).split(QLatin1Char(' '));
    return listed.contains(tracer) ? 0 : EINVAL;
}

int FakeKernel::openError(const QString& path, int flags) const
{
    std::lock_guard lock(m_mutex);
    if ((flags & O_ACCMODE) == O_WRONLY)
        return 0;
    return m_unreadable.contains(relative(QFileInfo(path).absoluteFilePath())) ? EPERM : 0;
}

void FakeKernel::onWrite(const QString& path, const QByteArray& data)
{
    std::lock_guard lock(m_mutex);
    const QString rel = relative(path);
    if (rel == QLatin1String("kprobe_events") || rel == QLatin1String("uprobe_events") || rel == QLatin1String("dynamic_events")) {
        for (const QByteArray& line : data.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const QString text = QString::fromUtf8(line.trimmed());
            m_definitionWrites[rel] << text;
            defineProbe(rel, text);
            QStringList& defined = m_defined[rel];
            const QString event = text.section(QLatin1Char(' '), 0, 0).section(QLatin1Char(':'), 1);
            defined.erase(std::remove_if(defined.begin(), defined.end(),
                              [&](const QString& d) { return d.section(QLatin1Char(' '), 0, 0).section(QLatin1Char(':'), 1) == event; }),
                defined.end());
            if (!text.startsWith(QLatin1Char('-')))
                defined << text;
        }
        // Like the kernel, the file lists the probes defined now, not what was written to it.
        put(path, m_defined[rel].isEmpty() ? QByteArray() : (m_defined[rel].join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
        return;
    }
    if (rel.isEmpty() || rel.contains(QLatin1String("per_cpu/")))
        return;
    m_controlWrites << rel + QLatin1Char('=') + QString::fromUtf8(data.trimmed());
    canonicalise(path);
    const QStringList parts = rel.split(QLatin1Char('/'));
    // The top-level buffer: events/GRP/EV/enable <- 1, current_tracer <- a tracer.
    if (parts.size() == 4 && parts[0] == QLatin1String("events") && parts[3] == QLatin1String("enable") && data.trimmed() == "1")
        emitScripted(root(), QFileInfo(path).path());
    if (rel == QLatin1String("current_tracer"))
        emitTracer(root(), QString::fromUtf8(data.trimmed()));
    if (parts.size() < 3 || parts[0] != QLatin1String("instances"))
        return;
    const QString instanceDir = root() + QLatin1String("/instances/") + parts[1];
    // instances/NAME/events/GRP/EV/enable <- 1
    if (parts.size() == 6 && parts[2] == QLatin1String("events") && parts[5] == QLatin1String("enable") && data.trimmed() == "1")
        emitScripted(instanceDir, QFileInfo(path).path());
    // instances/NAME/current_tracer <- function|function_graph
    if (parts.size() == 3 && parts[2] == QLatin1String("current_tracer"))
        emitTracer(instanceDir, QString::fromUtf8(data.trimmed()));
}

} // namespace TestSupport
