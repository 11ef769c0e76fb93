// SPDX-License-Identifier: GPL-3.0-or-later
// The main() of a fuzz target's replay executable: runs LLVMFuzzerTestOneInput once per file, as
// libFuzzer does when it is given files, without libFuzzer (so any build has it). The
// fuzz-regression tests replay the committed seeds and every reproducer ever found with it.
//   fuzzreplay_NAME [--timeout SECONDS] FILE_OR_DIRECTORY...
// Directories give their files, by name. Each file is named on stderr before it runs, so a crash
// names its input; one that runs longer than the timeout is a hang: named, and the run aborts.
// No input at all is an error too (a replay of nothing proves nothing).
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {
// The input running now, for the alarm handler (which may only use async-signal-safe calls).
char s_current[4096];

void onTimeout(int)
{
    static const char message[] = "fuzz replay: HANG (timeout) on ";
    (void)!write(STDERR_FILENO, message, sizeof message - 1);
    (void)!write(STDERR_FILENO, s_current, std::strlen(s_current));
    (void)!write(STDERR_FILENO, "\n", 1);
    _exit(70);
}

std::vector<std::string> inputsOf(const std::vector<std::string>& arguments)
{
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    for (const std::string& argument : arguments) {
        if (!fs::is_directory(argument)) {
            files.push_back(argument);
            continue;
        }
        std::vector<std::string> inDirectory;
        for (const fs::directory_entry& entry : fs::directory_iterator(argument)) {
            if (entry.is_regular_file() && entry.path().filename().string().front() != '.')
                inDirectory.push_back(entry.path().string());
        }
        std::sort(inDirectory.begin(), inDirectory.end());
        files.insert(files.end(), inDirectory.begin(), inDirectory.end());
    }
    return files;
}

bool run(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::fprintf(stderr, "fuzz replay: cannot read %s\n", path.c_str());
        return false;
    }
    const std::vector<char> content((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    // An exact-size copy, so that AddressSanitizer sees a read past the end of the input.
    const std::unique_ptr<std::uint8_t[]> data(new std::uint8_t[std::max<std::size_t>(content.size(), 1)]);
    std::copy(content.begin(), content.end(), data.get());
    std::snprintf(s_current, sizeof s_current, "%s", path.c_str());
    std::fprintf(stderr, "fuzz replay: %s (%zu bytes)\n", path.c_str(), content.size());
    LLVMFuzzerTestOneInput(data.get(), content.size());
    return true;
}
} // namespace

int main(int argc, char** argv)
{
    unsigned timeout = 60;
    std::vector<std::string> arguments;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
            timeout = unsigned(std::strtoul(argv[++i], nullptr, 10));
        else
            arguments.emplace_back(argv[i]);
    }
    const std::vector<std::string> inputs = inputsOf(arguments);
    if (inputs.empty()) {
        std::fprintf(stderr, "fuzz replay: no inputs in %s\n", arguments.empty() ? "(no arguments)" : arguments.front().c_str());
        return 2;
    }
    LLVMFuzzerInitialize(&argc, &argv);
    std::signal(SIGALRM, onTimeout);
    int failed = 0;
    for (const std::string& input : inputs) {
        alarm(timeout);
        failed += !run(input);
    }
    alarm(0);
    std::fprintf(stderr, "fuzz replay: %zu inputs replayed, %d unreadable\n", inputs.size(), failed);
    return failed ? 1 : 0;
}
