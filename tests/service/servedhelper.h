// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "helperconnection.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

// The real ftlens-helper serving on a Unix socket in a test's own directory, and a client's
// requests made and waited for. Test thread only.
namespace ServiceTest {

QString helperBinary(); // build/bin/ftlens-helper
QString cliBinary();    // build/bin/ftlens-cli

class ServedHelper {
public:
    ~ServedHelper();

    // `ftlens-helper serve --unix DIR/helper.sock --data-dir DIR/data` plus extra; waits until
    // the socket answers. Returns an error or empty.
    QString start(const QString& dir, const QStringList& extra = {});
    // SIGTERM and wait: what a service manager does.
    void stop();
    // SIGKILL: the helper gets no chance to finish anything.
    void kill();

    QString socketPath() const { return m_dir + QStringLiteral("/helper.sock"); }
    QString dataDir() const { return m_dir + QStringLiteral("/data"); }
    qint64 pid() const { return m_process.processId(); }
    // What the helper logged so far.
    QByteArray log();
    // The helper's resident memory (VmRSS), in KiB.
    qint64 residentKib() const;
    ServiceClient::HelperTarget target() const { return ServiceClient::HelperTarget::unixSocket(socketPath()); }

private:
    QString m_dir;
    QProcess m_process;
    QByteArray m_log;
};

// Opens a connection and waits for hello (or failure: the message is returned in error).
bool connectTo(ServiceClient::HelperConnection& connection, const ServiceClient::HelperTarget& target, QString& error, int timeoutMs = 20000);
// Sends a request and waits for its reply (an error code "timeout" when none came).
ServiceClient::Reply call(ServiceClient::HelperConnection& connection, const QString& type, const QCborMap& fields = {}, int timeoutMs = 30000);
// Fetches and waits.
ServiceClient::Reply fetchInto(ServiceClient::HelperConnection& connection, const QString& recording, const QString& path, bool resume,
    int timeoutMs = 60000);
// A recording file made by ftlens-cli synth (events across cpus), for the store.
QString synthRecording(const QString& path, int events, int cpus = 2);
// Grows a recording with a table of mib MiB of random bytes, so fetches take many chunks.
bool pad(const QString& path, int mib);
// A file's bytes (empty when it cannot be read).
QByteArray contents(const QString& path);
// Puts a copy of file into the helper's data directory under a fresh valid id; returns the id.
QString plant(const QString& dataDir, const QString& file, const QString& id);

} // namespace ServiceTest
