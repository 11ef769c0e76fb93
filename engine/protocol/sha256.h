// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace Protocol {

// SHA-256 of a stream of bytes, through OpenSSL's libcrypto (which uses the CPU's SHA
// instructions where it has them: over 1 GB/s per core, where Qt 6.4's own code does about a
// tenth of that, too slow to check a fetch at the speed the socket carries it). One thread.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void add(QByteArrayView bytes);
    // The digest as 64 lowercase hex digits; the object starts over afterwards.
    QByteArray hexResult();

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

} // namespace Protocol
