// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve.h"

#include "helperexitcode.h"
#include "helperservice.h"
#include "invokinguser.h"
#include "recordingstore.h"
#include "servicelog.h"

#include "stopsignals.h"

#include <QCoreApplication>

#include <unistd.h>

namespace Service {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};

using Recorder::HelperExit;

// --stdio: the client is whoever ran pkexec (or sudo) — the kernel's word, cross-checked with
// the environment — or root itself.
Storage::Result<ClientIdentity> stdioClient()
{
    auto caller = Recorder::findInvokingUser();
    if (!caller)
        return caller.error();
    if (caller.value())
        return ClientIdentity { *caller.value(), ::getppid(), QStringLiteral("stdio") };
    auto root = Recorder::accountOf(::geteuid());
    if (!root)
        return root.error();
    return ClientIdentity { root.value(), ::getppid(), QStringLiteral("stdio") };
}

int fail(HelperExit code, const QString& message)
{
    qCCritical(lcService).noquote() << message;
    return int(code);
}
} // namespace

int runServe(const Helper::ServeOptions& options)
{
    if (::geteuid() != 0)
        return fail(HelperExit::NotRoot, Tr::tr("root is needed to serve recordings (tracefs is root-only): start it through pkexec, "
                                                "sudo or as a system service"));
    auto store = RecordingStore::open(options.dataDir);
    if (!store)
        return fail(HelperExit::OutputError, store.error().message);
    std::optional<ClientIdentity> client;
    if (options.transport == Helper::ServeOptions::Transport::Stdio) {
        auto who = stdioClient();
        if (!who)
            return fail(HelperExit::CallerUnclear, Tr::tr("cannot tell who invoked the helper: %1").arg(who.error().message));
        client = who.value();
    }
    HelperService service(std::move(store.value()), PeerAccess(options.group));
    auto* stopSignals = new Protocol::StopSignals(&service);
    QObject::connect(stopSignals, &Protocol::StopSignals::stopRequested, &service, &HelperService::shutdown);
    QObject::connect(&service, &HelperService::finished, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    if (client) {
        service.serveStdio(*client);
    } else if (Storage::Status s = service.listenUnix(options.socketPath); !s) {
        return fail(HelperExit::Failure, s.error().message);
    }
    return QCoreApplication::exec();
}

} // namespace Service
