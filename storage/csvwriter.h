// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <cstdio>
#include <string>
#include <string_view>

namespace Storage {

// Writes RFC 4180 CSV: CRLF line ends, fields with comma, quote, CR or LF quoted, quotes doubled.
// Buffers rows and writes them to a file or to stdout ("-"). Owned by one thread.
class CsvWriter {
public:
    ~CsvWriter();
    Status open(const QString& path);
    void field(std::string_view text);
    void field(std::int64_t value);
    void field(std::uint64_t value);
    void emptyField();
    Status endRow();
    Status close();

    // Appends one RFC 4180 field (quoted only where needed) to out.
    static void appendField(std::string& out, std::string_view text);

private:
    Status flush();
    void separator();

    std::FILE* m_file = nullptr;
    bool m_ownsFile = false;
    QString m_path;
    std::string m_buffer;
    bool m_rowStarted = false;
};

} // namespace Storage
