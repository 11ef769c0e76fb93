// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <exception>
#include <type_traits>
#include <utility>

namespace Storage {

// Words for an exception that reached the entry of a worker or a library call (std::bad_alloc:
// "out of memory"), for the Error that the entry returns instead of letting it escape.
QString exceptionText(const std::exception_ptr& exception);

// Runs job (on the calling thread) and returns what it returns; if it throws, returns
// onFailure("PATH: out of memory" or the like) instead. For every worker's entry: an exception
// stored in a QFuture would be rethrown on the GUI thread and end the application, and one
// leaving a std::thread ends it at once. Thread-agnostic.
// (What usually throws is one allocation sized by a damaged value, so there is memory left for
// the message.)
template <typename Job, typename OnFailure>
auto catchFailure(const QString& path, Job&& job, OnFailure&& onFailure) -> std::invoke_result_t<Job&>
{
    try {
        return job();
    } catch (...) {
        return onFailure(QStringLiteral("%1: %2").arg(path, exceptionText(std::current_exception())));
    }
}

// The same for jobs returning Result<T> or Status: the failure is their Error.
template <typename Job> auto catchFailure(const QString& path, Job&& job) -> std::invoke_result_t<Job&>
{
    using Returned = std::invoke_result_t<Job&>;
    return catchFailure(
        path, std::forward<Job>(job), [](const QString& message) { return Returned(Error { message }); });
}

// job wrapped for a worker: QtConcurrent::run(guarded(path, job, onFailure)) runs
// catchFailure(path, job, onFailure) there, leaving job's own code as it is.
template <typename Job, typename OnFailure> auto guarded(const QString& path, Job job, OnFailure onFailure)
{
    return [path, job = std::move(job), onFailure = std::move(onFailure)]() mutable {
        return catchFailure(path, job, onFailure);
    };
}

// The same for jobs returning Result<T> or Status.
template <typename Job> auto guarded(const QString& path, Job job)
{
    return [path, job = std::move(job)]() mutable { return catchFailure(path, job); };
}

} // namespace Storage
