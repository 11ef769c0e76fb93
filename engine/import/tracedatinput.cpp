// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracedatinput.h"

#include "tracecmdapi.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryFile>

#include <fcntl.h>
#include <unistd.h>

extern "C" int tracecmd_get_parsing_failures(struct tracecmd_input* handle);

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

void putNumber(char* out, std::uint64_t value, bool bigEndian)
{
    for (int i = 0; i < 8; ++i)
        out[bigEndian ? 7 - i : i] = char((value >> (8 * i)) & 0xff);
}

// A copy of a version 6 file cut in its CPU data, whose CPU tables give each CPU the whole pages
// that are left. Removed by the caller.
Storage::Result<QString> writeRepairedCopy(std::string_view file, const TraceDatLayout& layout, const QString& scratchDir)
{
    QTemporaryFile copy(QDir(scratchDir).filePath(QStringLiteral("ftlens-import-XXXXXX.dat")));
    copy.setAutoRemove(false);
    if (!copy.open())
        return Storage::Error { Tr::tr("cannot write a readable copy of the cut file in %1: %2").arg(scratchDir, copy.errorString()) };
    // Copied in pieces and patched in place: memory stays bounded whatever the file's size.
    constexpr std::size_t piece = 1 << 20;
    bool written = true;
    for (std::size_t at = 0; at < file.size() && written; at += piece) {
        const std::string_view part = file.substr(at, piece);
        written = copy.write(part.data(), qint64(part.size())) == qint64(part.size());
    }
    for (const TraceDatBuffer& buffer : layout.buffers) {
        for (std::size_t i = 0; i < buffer.cpus.size() && written; ++i) {
            char size[8];
            putNumber(size, buffer.cpus[i].present, layout.bigEndian);
            written = copy.seek(qint64(buffer.tableOffset + 16 * i + 8)) && copy.write(size, 8) == 8;
        }
    }
    if (!written || !copy.flush()) {
        const QString problem = copy.errorString();
        copy.remove();
        return Storage::Error { Tr::tr("cannot write a readable copy of the cut file in %1: %2").arg(scratchDir, problem) };
    }
    return copy.fileName();
}

// libtracecmd's own handle of path; nullptr when it refuses the file.
tracecmd_input* openWithLibrary(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nullptr;
    tracecmd_input* handle = tracecmd_alloc_fd(fd, TRACECMD_FL_LOAD_NO_PLUGINS);
    if (!handle) {
        ::close(fd);
        return nullptr;
    }
    if (tracecmd_read_headers(handle, 0) < 0) {
        tracecmd_close(handle); // closes fd
        return nullptr;
    }
    if (tracecmd_init_data(handle) < 0) {
        // libtracecmd 1.3's tracecmd_close() crashes on a handle whose init_data failed half way
        // (found by mutating trace.dat files: tests/fuzz/regressions/tracedat/): the handle is
        // left, one per refused file (suppressed in tests/fuzz/lsan.supp), its file closed.
        ::close(fd);
        return nullptr;
    }
    return handle;
}
} // namespace

Storage::Result<std::unique_ptr<TraceDatInput>> TraceDatInput::open(const QString& path, const QString& scratchDir)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Storage::Error { Tr::tr("%1: cannot open: %2").arg(path, file.errorString()) };
    if (file.size() == 0)
        return Storage::Error { Tr::tr("%1: the file is empty").arg(path) };
    const uchar* mapped = file.map(0, file.size());
    if (!mapped)
        return Storage::Error { Tr::tr("%1: cannot read: %2").arg(path, file.errorString()) };
    const std::string_view bytes(reinterpret_cast<const char*>(mapped), std::size_t(file.size()));
    auto layout = readTraceDatLayout(bytes);
    if (!layout)
        return Storage::Error { Tr::tr("%1: %2").arg(path, layout.error().message) };
    if (layout->buffers.front().latency)
        return Storage::Error { Tr::tr("%1: this trace.dat holds a latency tracer's text, not CPU data: import the text of "
                                       "`trace-cmd report` on it instead")
                                    .arg(path) };
    std::unique_ptr<TraceDatInput> input(new TraceDatInput);
    input->m_layout = std::move(layout.value());
    QString readPath = path;
    if (!input->m_layout.cut.isEmpty()) {
        auto copy = writeRepairedCopy(bytes, input->m_layout, scratchDir);
        if (!copy)
            return Storage::Error { Tr::tr("%1: %2").arg(path, copy.error().message) };
        input->m_repairedCopy = readPath = copy.value();
    }
    file.unmap(const_cast<uchar*>(mapped));
    if (Storage::Status s = input->openHandles(readPath); !s)
        return Storage::Error { Tr::tr("%1: %2").arg(path, s.error().message) };
    return input;
}

Storage::Status TraceDatInput::openHandles(const QString& path)
{
    // libtracecmd's warnings would go to the terminal; failures come back as values here.
    tracecmd_set_loglevel(TEP_LOG_NONE);
    tracecmd_input* top = openWithLibrary(path);
    if (!top)
        return Storage::Error { Tr::tr("libtracecmd cannot read it (version %1)").arg(m_layout.version) };
    m_buffers.push_back({ std::string(), top });
    m_formatFailures = tracecmd_get_parsing_failures(top);
    const int instances = tracecmd_buffer_instances(top);
    for (int i = 0; i < instances; ++i) {
        const char* name = tracecmd_buffer_instance_name(top, i);
        const std::string bufferName = name ? name : "";
        const auto it = std::find_if(m_layout.buffers.begin(), m_layout.buffers.end(), [&](const TraceDatBuffer& b) { return b.name == bufferName; });
        if (it == m_layout.buffers.end() || it->latency || bufferName.empty())
            continue;
        tracecmd_input* handle = tracecmd_buffer_instance_handle(top, i);
        if (!handle)
            return Storage::Error { Tr::tr("libtracecmd cannot read buffer '%1'").arg(QString::fromStdString(bufferName)) };
        m_buffers.push_back({ bufferName, handle });
    }
    return {};
}

TraceDatInput::~TraceDatInput()
{
    for (auto it = m_buffers.rbegin(); it != m_buffers.rend(); ++it)
        tracecmd_close(it->handle);
    if (!m_repairedCopy.isEmpty())
        QFile::remove(m_repairedCopy);
}

tep_handle* TraceDatInput::formats() const { return tracecmd_get_tep(top()); }

} // namespace Engine
