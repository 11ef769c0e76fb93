// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "tracedatlayout.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

struct tracecmd_input;
struct tep_handle;

namespace Engine {

// A trace.dat opened through libtracecmd for reading its records, once readTraceDatLayout() has
// checked it (libtracecmd trusts every size in the file; see tracedatlayout.h). A file cut inside
// its CPU data is read through a copy, in scratchDir, whose CPU table says what is left (libtracecmd
// refuses a cut file); the copy goes with this object. Owned by one thread.
class TraceDatInput {
public:
    struct Buffer {
        std::string name; // empty: the top buffer
        tracecmd_input* handle = nullptr;
    };

    static Storage::Result<std::unique_ptr<TraceDatInput>> open(const QString& path, const QString& scratchDir);
    ~TraceDatInput();
    TraceDatInput(const TraceDatInput&) = delete;
    TraceDatInput& operator=(const TraceDatInput&) = delete;

    const TraceDatLayout& layout() const { return m_layout; }
    tracecmd_input* top() const { return m_buffers.front().handle; }
    tep_handle* formats() const;
    // The top buffer first, then the instances that hold CPU data.
    const std::vector<Buffer>& buffers() const { return m_buffers; }
    // Event formats libtraceevent could not parse (their events are kept as unknown).
    int formatFailures() const { return m_formatFailures; }

private:
    TraceDatInput() = default;
    Storage::Status openHandles(const QString& path);

    TraceDatLayout m_layout;
    std::vector<Buffer> m_buffers;
    QString m_repairedCopy;
    int m_formatFailures = 0;
};

} // namespace Engine
