// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvwriter.h"

#include <QCoreApplication>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};
constexpr std::size_t flushThreshold = 1 << 20;
} // namespace

CsvWriter::~CsvWriter()
{
    if (m_file && m_ownsFile)
        std::fclose(m_file);
}

Status CsvWriter::open(const QString& path)
{
    m_path = path;
    if (path == QLatin1String("-")) {
        m_file = stdout;
        m_ownsFile = false;
        return {};
    }
    m_file = std::fopen(path.toLocal8Bit().constData(), "wb");
    if (!m_file)
        return Error { Tr::tr("%1: cannot write: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))) };
    m_ownsFile = true;
    return {};
}

void CsvWriter::appendField(std::string& out, std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(text);
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void CsvWriter::separator()
{
    if (m_rowStarted)
        m_buffer += ',';
    m_rowStarted = true;
}

void CsvWriter::field(std::string_view text)
{
    separator();
    appendField(m_buffer, text);
}

void CsvWriter::field(std::int64_t value)
{
    separator();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_buffer.append(digits, end);
}

void CsvWriter::field(std::uint64_t value)
{
    separator();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_buffer.append(digits, end);
}

void CsvWriter::emptyField() { separator(); }

Status CsvWriter::endRow()
{
    m_buffer += "\r\n";
    m_rowStarted = false;
    return m_buffer.size() >= flushThreshold ? flush() : Status {};
}

Status CsvWriter::flush()
{
    if (!m_buffer.empty() && std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size())
        return Error { Tr::tr("%1: write failed: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno))) };
    m_buffer.clear();
    return {};
}

Status CsvWriter::close()
{
    if (Status s = flush(); !s)
        return s;
    const bool failed = std::fflush(m_file) != 0;
    const int error = errno;
    if (m_ownsFile && std::fclose(m_file) != 0 && !failed) {
        m_file = nullptr;
        return Error { Tr::tr("%1: write failed: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno))) };
    }
    m_file = nullptr;
    if (failed)
        return Error { Tr::tr("%1: write failed: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(error))) };
    return {};
}

} // namespace Storage
