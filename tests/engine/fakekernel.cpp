// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakekernel.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <atomic>

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
        { "saved_tgids", "" }, { "printk_formats", "" }, { "error_log", "" }, { "README", "fake tracefs\n" } };
    for (const auto& [name, text] : files)
        put(root() + QLatin1Char('/') + QLatin1String(name), text);
    for (int cpu = 0; cpu < cpus; ++cpu)
        put(root() + QStringLiteral("/per_cpu/cpu%1/stats").arg(cpu), statsText);
    QDir().mkpath(root() + QLatin1String("/instances"));
    s_active = this;
}

FakeKernel::~FakeKernel() { s_active = nullptr; }

FakeKernel* FakeKernel::active() { return s_active.load(); }

void FakeKernel::writeRootFile(const QString& name, const QByteArray& text) { put(root() + QLatin1Char('/') + name, text); }

void FakeKernel::script(const QString& event, std::vector<Record> records)
{
    std::lock_guard lock(m_mutex);
    m_scripts[event] = std::move(records);
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

void FakeKernel::populateInstance(const QString& dir)
{
    const std::pair<const char*, QByteArray> files[] = { { "tracing_on", "1\n" }, { "buffer_size_kb", "7 (expanded: 1410)\n" },
        { "trace_clock", "[local] global mono\n" }, { "set_event_pid", "" }, { "set_event", "" }, { "current_tracer", "nop\n" },
        { "set_ftrace_filter", "" }, { "set_ftrace_notrace", "" }, { "set_graph_function", "" }, { "set_graph_notrace", "" },
        { "set_ftrace_pid", "" }, { "max_graph_depth", "0\n" }, { "options/event-fork", "0\n" }, { "options/funcgraph-proc", "0\n" },
        { "options/funcgraph-irqs", "1\n" }, { "options/funcgraph-tail", "0\n" }, { "options/funcgraph-retval", "0\n" } };
    for (const auto& [name, text] : files)
        put(dir + QLatin1Char('/') + QLatin1String(name), text);
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
    const QString system = QFileInfo(QFileInfo(eventDir).path()).fileName();
    const auto format = EventFormat::parse(read(root() + QLatin1String("/events/") + system + QLatin1Char('/') + event + QLatin1String("/format")));
    if (!format)
        return;
    std::vector<Record> records = m_scripts.value(event);
    std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) { return a.ts < b.ts; });
    for (int cpu = 0; cpu < m_cpus; ++cpu) {
        PageSequence pages;
        for (const Record& record : records) {
            if (record.cpu != cpu)
                continue;
            EventRecord payload(*format, record.pid);
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
    if (!rel.startsWith(QLatin1String("instances/")) || rel.contains(QLatin1String("/per_cpu/")))
        return;
    m_controlWrites << rel + QLatin1Char('=') + QString::fromUtf8(data.trimmed());
    // instances/NAME/events/GRP/EV/enable <- 1
    const QStringList parts = rel.split(QLatin1Char('/'));
    if (parts.size() == 6 && parts[2] == QLatin1String("events") && parts[5] == QLatin1String("enable") && data.trimmed() == "1")
        emitScripted(root() + QLatin1String("/instances/") + parts[1], QFileInfo(path).path());
}

} // namespace TestSupport
