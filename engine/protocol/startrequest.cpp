// SPDX-License-Identifier: GPL-3.0-or-later
#include "startrequest.h"

#include <QCborArray>
#include <QCoreApplication>

#include <optional>

namespace Protocol {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Protocol)
};

// How an option's value sits in the start message.
enum class Shape { Source, Filter, Text, TextList, Integer, IntegerList, Number };

struct OptionField {
    const char* option;
    const char* field; // Source: the source's kind
    Shape shape;
};

const OptionField optionFields[] = {
    { "-e", "event", Shape::Source },
    { "--uprobe", "uprobe", Shape::Source },
    { "--uretprobe", "uretprobe", Shape::Source },
    { "--kprobe", "kprobe", Shape::Source },
    { "--kretprobe", "kretprobe", Shape::Source },
    { "--preset", "preset", Shape::Source },
    { "-f", "filter", Shape::Filter },
    { "-p", "tracer", Shape::Text },
    { "-l", "functionFilters", Shape::TextList },
    { "-n", "functionNotrace", Shape::TextList },
    { "-g", "graphFunctions", Shape::TextList },
    { "--graph-notrace", "graphNotrace", Shape::TextList },
    { "--max-graph-depth", "maxGraphDepth", Shape::Integer },
    { "-O", "tracerOptions", Shape::TextList },
    { "-P", "pids", Shape::IntegerList },
    { "-d", "duration", Shape::Number },
    { "-b", "bufferKb", Shape::Integer },
    { "--clock", "clock", Shape::Text },
};

const OptionField* byOption(const QString& option)
{
    for (const OptionField& f : optionFields) {
        if (option == QLatin1String(f.option))
            return &f;
    }
    return nullptr;
}

QString valueText(const QCborValue& value)
{
    if (value.isInteger())
        return QString::number(value.toInteger());
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return value.toString();
}

QStringList sourceKinds()
{
    QStringList kinds;
    for (const OptionField& f : optionFields) {
        if (f.shape == Shape::Source)
            kinds << QLatin1String(f.field);
    }
    return kinds;
}

std::optional<Storage::Error> appendSources(QStringList& args, const QCborArray& sources)
{
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const QCborValue source = sources.at(i);
        const QString kind = source[QLatin1String("kind")].toString();
        const auto option = std::find_if(std::begin(optionFields), std::end(optionFields), [&kind](const OptionField& f) {
            return f.shape == Shape::Source && kind == QLatin1String(f.field);
        });
        if (option == std::end(optionFields))
            return Storage::Error { Tr::tr("start.sources[%1].kind: '%2' is not one of %3").arg(i).arg(kind, sourceKinds().join(QLatin1String(", "))) };
        args << QLatin1String(option->option) << source[QLatin1String("text")].toString();
        if (source.toMap().contains(QLatin1String("filter")))
            args << QStringLiteral("-f") << source[QLatin1String("filter")].toString();
    }
    return std::nullopt;
}

// One option's value into the fields; the error names the option.
std::optional<Storage::Error> addValue(QCborMap& fields, QCborArray& sources, const OptionField& f, const QString& value)
{
    const QString field = QLatin1String(f.field);
    bool ok = true;
    switch (f.shape) {
    case Shape::Source:
        sources.append(QCborMap { { QStringLiteral("kind"), field }, { QStringLiteral("text"), value } });
        break;
    case Shape::Filter: {
        if (sources.isEmpty() || sources.last().toMap().contains(QLatin1String("filter")))
            return Storage::Error { Tr::tr("-f must follow an -e, --kprobe, --kretprobe, --uprobe or --uretprobe (once)") };
        QCborMap last = sources.last().toMap();
        last.insert(QStringLiteral("filter"), value);
        sources.last() = last;
        break;
    }
    case Shape::Text:
        fields.insert(field, value);
        break;
    case Shape::TextList: {
        QCborArray list = fields.value(field).toArray();
        list.append(value);
        fields.insert(field, list);
        break;
    }
    case Shape::Integer:
    case Shape::IntegerList: {
        const qint64 number = value.toLongLong(&ok);
        if (f.shape == Shape::Integer) {
            fields.insert(field, number);
            break;
        }
        QCborArray list = fields.value(field).toArray();
        list.append(number);
        fields.insert(field, list);
        break;
    }
    case Shape::Number:
        fields.insert(field, value.toDouble(&ok));
        break;
    }
    if (!ok)
        return Storage::Error { Tr::tr("%1: '%2' is not a number").arg(QLatin1String(f.option), value) };
    return std::nullopt;
}
} // namespace

const QStringList& optionsWithoutField()
{
    static const QStringList options { QStringLiteral("-o"), QStringLiteral("--tracefs"), QStringLiteral("--force"),
        QStringLiteral("--run-as-root") };
    return options;
}

Storage::Result<QStringList> startArguments(const QCborMap& start)
{
    QStringList args;
    if (auto error = appendSources(args, start.value(QLatin1String("sources")).toArray()))
        return *error;
    for (const OptionField& f : optionFields) {
        const QCborValue value = start.value(QLatin1String(f.field));
        if (f.shape == Shape::Source || f.shape == Shape::Filter || value.isUndefined())
            continue;
        if (value.isArray()) {
            for (const QCborValue& item : value.toArray())
                args << QLatin1String(f.option) << valueText(item);
        } else {
            args << QLatin1String(f.option) << valueText(value);
        }
    }
    const QCborArray command = start.value(QLatin1String("command")).toArray();
    if (start.contains(QLatin1String("command"))) {
        args << QStringLiteral("--");
        for (const QCborValue& word : command)
            args << word.toString();
    }
    return args;
}

Storage::Result<QCborMap> startFieldsFromArguments(const QStringList& arguments)
{
    QCborMap fields;
    QCborArray sources;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& arg = arguments.at(i);
        if (arg == QLatin1String("--")) {
            fields.insert(QStringLiteral("command"), QCborArray::fromStringList(arguments.mid(i + 1)));
            break;
        }
        if (optionsWithoutField().contains(arg))
            return Storage::Error { Tr::tr("%1 is not for a remote recording (the helper names and keeps the file; fetch it with -o)").arg(arg) };
        const OptionField* f = byOption(arg);
        if (!f)
            return Storage::Error { arg.startsWith(QLatin1Char('-')) ? Tr::tr("unknown option '%1'").arg(arg)
                                                                     : Tr::tr("unexpected '%1' (a COMMAND goes after --)").arg(arg) };
        if (i + 1 >= arguments.size())
            return Storage::Error { Tr::tr("%1 needs a value").arg(arg) };
        if (auto error = addValue(fields, sources, *f, arguments.at(++i)))
            return *error;
    }
    if (!sources.isEmpty())
        fields.insert(QStringLiteral("sources"), sources);
    return fields;
}

} // namespace Protocol
