// SPDX-License-Identifier: GPL-3.0-or-later
#include "probepresets.h"

#include "tracefsroot.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

using Kind = RecordOptions::SourceKind;

// The first four integer arguments of the C calling convention.
QStringList argumentRegisters(const QString& arch)
{
    if (arch == QLatin1String("aarch64") || arch == QLatin1String("arm64"))
        return { QStringLiteral("%x0"), QStringLiteral("%x1"), QStringLiteral("%x2"), QStringLiteral("%x3") };
    return { QStringLiteral("%di"), QStringLiteral("%si"), QStringLiteral("%dx"), QStringLiteral("%cx") };
}

// A function the kernel can probe: listed in available_filter_functions (not inlined, not
// notrace), or, where that list is unreadable (lockdown), a text symbol in /proc/kallsyms.
bool kernelHasFunction(const QString& tracefsRoot, const QByteArray& function)
{
    if (auto list = readTracefsFile(tracefsRoot + QLatin1String("/available_filter_functions"))) {
        for (const QByteArray& line : list->split('\n')) {
            if (line.split(' ').value(0) == function)
                return true;
        }
        return false;
    }
    auto symbols = readTracefsFile(QStringLiteral("/proc/kallsyms"));
    if (!symbols)
        return false;
    const QByteArray needle = ' ' + function + '\n';
    for (const char* type : { " t", " T" }) {
        if (symbols->contains(QByteArray(QByteArray(type) + needle)))
            return true;
    }
    return false;
}

Storage::Result<PresetExpansion> opensKernel(const QString& tracefsRoot, const QString& arch)
{
    if (!QFileInfo::exists(tracefsRoot + QLatin1String("/kprobe_events")))
        return Storage::Error { Tr::tr("preset opens-kernel needs kprobes, and this kernel has none (%1/kprobe_events is "
                                       "missing: CONFIG_KPROBE_EVENTS); record opens with --preset opens-libc instead")
                                    .arg(tracefsRoot) };
    const QStringList r = argumentRegisters(arch);
    PresetExpansion preset;
    // Since Linux 5.6 opens go through do_sys_openat2(dfd, filename, struct open_how *how);
    // before, do_sys_open(dfd, filename, flags, mode).
    if (kernelHasFunction(tracefsRoot, "do_sys_openat2")) {
        preset.sources.push_back({ Kind::Kprobe,
            QStringLiteral("p:do_sys_openat2 do_sys_openat2 dfd=%1:s32 filename=+0(%2):string flags=+0(%3):x64 mode=+8(%3):x64")
                .arg(r[0], r[1], r[2]),
            {} });
        preset.sources.push_back({ Kind::Kretprobe, QStringLiteral("r:do_sys_openat2_ret do_sys_openat2 ret=$retval:s64"), {} });
        preset.places << QStringLiteral("do_sys_openat2");
    } else if (kernelHasFunction(tracefsRoot, "do_sys_open")) {
        preset.sources.push_back({ Kind::Kprobe,
            QStringLiteral("p:do_sys_open do_sys_open dfd=%1:s32 filename=+0(%2):string flags=%3:x32 mode=%4:x16")
                .arg(r[0], r[1], r[2], r[3]),
            {} });
        preset.sources.push_back({ Kind::Kretprobe, QStringLiteral("r:do_sys_open_ret do_sys_open ret=$retval:s64"), {} });
        preset.places << QStringLiteral("do_sys_open");
    }
    // do_filp_open(dfd, struct filename *pathname, ...): the name is the struct's first member.
    if (kernelHasFunction(tracefsRoot, "do_filp_open")) {
        preset.sources.push_back({ Kind::Kprobe,
            QStringLiteral("p:do_filp_open do_filp_open dfd=%1:s32 pathname=+0(+0(%2)):string").arg(r[0], r[1]), {} });
        preset.sources.push_back({ Kind::Kretprobe, QStringLiteral("r:do_filp_open_ret do_filp_open ret=$retval:x64"), {} });
        preset.places << QStringLiteral("do_filp_open");
    }
    if (preset.places.isEmpty())
        return Storage::Error { Tr::tr("preset opens-kernel: this kernel exposes none of do_sys_openat2, do_sys_open and "
                                       "do_filp_open to probes (inlined or notrace); try --preset opens-libc") };
    return preset;
}

Storage::Result<PresetExpansion> opensLibc(const QString& arch)
{
    const QString libc = systemLibcPath();
    if (libc.isEmpty())
        return Storage::Error { Tr::tr("preset opens-libc: cannot find the system libc in /proc/self/maps") };
    const QStringList r = argumentRegisters(arch);
    PresetExpansion preset;
    preset.sources.push_back({ Kind::Uprobe,
        QStringLiteral("p:libc_open64 %1:open64 path=+0(%2):string flags=%3:x32 mode=%4:x32").arg(libc, r[0], r[1], r[2]), {} });
    preset.sources.push_back({ Kind::Uretprobe, QStringLiteral("r:libc_open64_ret %1:open64 ret=$retval:s32").arg(libc), {} });
    preset.sources.push_back({ Kind::Uprobe,
        QStringLiteral("p:libc_openat64 %1:openat64 dfd=%2:s32 path=+0(%3):string flags=%4:x32 mode=%5:x32")
            .arg(libc, r[0], r[1], r[2], r[3]),
        {} });
    preset.sources.push_back({ Kind::Uretprobe, QStringLiteral("r:libc_openat64_ret %1:openat64 ret=$retval:s32").arg(libc), {} });
    // libc returns -1 and keeps the error in errno, out of reach of fetch arguments; the
    // openat system call inside each call returns it to libc, so it is recorded alongside.
    preset.sources.push_back({ Kind::Event, QStringLiteral("syscalls:sys_exit_openat"), {} });
    preset.places << libc + QLatin1String(":open64") << libc + QLatin1String(":openat64");
    return preset;
}
} // namespace

QStringList presetNames() { return { QStringLiteral("opens-kernel"), QStringLiteral("opens-libc") }; }

QString systemLibcPath()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray& line : maps.readAll().split('\n')) {
        const qsizetype slash = line.indexOf('/');
        if (slash > 0 && (line.endsWith("/libc.so.6") || line.contains("/libc-")))
            return QString::fromUtf8(line.mid(slash));
    }
    return {};
}

Storage::Result<PresetExpansion> expandPreset(const QString& name, const QString& tracefsRoot, const QString& arch)
{
    if (name == QLatin1String("opens-kernel"))
        return opensKernel(tracefsRoot, arch);
    if (name == QLatin1String("opens-libc"))
        return opensLibc(arch);
    return Storage::Error { Tr::tr("unknown preset '%1' (known: %2)").arg(name, presetNames().join(QLatin1String(", "))) };
}

} // namespace Recorder
