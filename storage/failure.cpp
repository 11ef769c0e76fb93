// SPDX-License-Identifier: GPL-3.0-or-later
#include "failure.h"

#include <QCoreApplication>

#include <new>
#include <stdexcept>

namespace Storage {

namespace {
    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(Storage)
    };
} // namespace

QString exceptionText(const std::exception_ptr& exception)
{
    try {
        std::rethrow_exception(exception);
    } catch (const std::bad_alloc&) {
        return Tr::tr("out of memory");
    } catch (const std::length_error&) {
        return Tr::tr("out of memory (a size beyond what can be allocated)");
    } catch (const std::exception& e) {
        return Tr::tr("unexpected error: %1").arg(QString::fromLocal8Bit(e.what()));
    } catch (...) {
        return Tr::tr("unexpected error");
    }
}

} // namespace Storage
