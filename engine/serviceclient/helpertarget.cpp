// SPDX-License-Identifier: GPL-3.0-or-later
#include "helpertarget.h"

#include <QCoreApplication>

namespace ServiceClient {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ServiceClient)
};
} // namespace

QString HelperTarget::installedHelperPath() { return QStringLiteral(FTLENS_INSTALLED_HELPER); }
QString HelperTarget::systemSocketPath() { return QStringLiteral(FTLENS_SERVICE_SOCKET); }

HelperTarget HelperTarget::unixSocket(const QString& path) { return { Kind::UnixSocket, path, {}, {} }; }

HelperTarget HelperTarget::pkexec(const QString& helperPath)
{
    // pkexec itself is found in PATH; the helper is named by its absolute path, the one the
    // policy pins (pkexec refuses a relative one, and polkit matches the action by it).
    return { Kind::Pkexec, {}, QStringLiteral("pkexec"), { helperPath, QStringLiteral("serve"), QStringLiteral("--stdio") } };
}

HelperTarget HelperTarget::process(const QString& program, const QStringList& arguments)
{
    return { Kind::Process, {}, program, arguments };
}

Storage::Result<HelperTarget> HelperTarget::parse(const QString& text)
{
    if (text == QLatin1String("pkexec"))
        return pkexec();
    if (text.startsWith(QLatin1String("unix:")) && text.size() > 5)
        return unixSocket(text.mid(5));
    return Storage::Error { Tr::tr("'%1' is not a helper target: give unix:PATH (a running helper's socket, e.g. unix:%2) or "
                                   "pkexec (start one through polkit)")
                                .arg(text, systemSocketPath()) };
}

QString HelperTarget::describe() const
{
    switch (kind) {
    case Kind::UnixSocket:
        return QStringLiteral("unix:") + socketPath;
    case Kind::Pkexec:
    case Kind::Process:
        return (QStringList { program } + arguments).join(QLatin1Char(' '));
    }
    return {};
}

QString pkexecFailure(int exitCode, const QByteArray& stderrText)
{
    // pkexec's own words (polkit 122) tell its 127s apart: not authorized, no agent, no polkit
    // daemon, no such program.
    const QString said = QString::fromLocal8Bit(stderrText).trimmed();
    const QString tail = said.isEmpty() ? QString() : Tr::tr(" (pkexec: %1)").arg(said.section(QLatin1Char('\n'), 0, 0));
    const auto says = [&said](const char* words) { return said.contains(QLatin1String(words), Qt::CaseInsensitive); };
    if (exitCode == 126 || says("Request dismissed"))
        return Tr::tr("the password dialog was dismissed: recording needs administrator rights") + tail;
    if (says("Not authorized"))
        return Tr::tr("administrator rights to record were refused (wrong password, or polkit does not allow this user)") + tail;
    if (says("authentication agent"))
        return Tr::tr("polkit has no authentication agent to ask for the password: start one (a desktop session has it; on a "
                      "terminal, pkttyagent) or connect to a running helper's socket") + tail;
    if (says("authority") || says("checking for authorization"))
        return Tr::tr("polkit is not running (polkitd on the system D-Bus), so pkexec cannot ask for administrator rights; "
                      "connect to a running helper's socket instead") + tail;
    if (says("Error accessing") || says("Cannot run program") || says("getting information about"))
        return Tr::tr("the helper is not installed at %1, the one path polkit lets pkexec run for ftlens").arg(HelperTarget::installedHelperPath())
            + tail;
    return Tr::tr("pkexec ended with status %1").arg(exitCode) + tail;
}

} // namespace ServiceClient
