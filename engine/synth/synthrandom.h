// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace Synth {

// xoshiro256** seeded through splitmix64: the same seed gives the same recording on every
// platform and standard library (std:: distributions are implementation-defined).
// Owned by one thread.
class SynthRandom {
public:
    explicit SynthRandom(std::uint64_t seed)
    {
        for (std::uint64_t& word : m_state) {
            seed += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            word = z ^ (z >> 31);
        }
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // In [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // In [0, n).
    int below(int n) { return static_cast<int>(uniform() * n); }
    bool chance(double p) { return uniform() < p; }
    std::int64_t exponential(double mean) { return static_cast<std::int64_t>(-mean * std::log1p(-uniform())) + 1; }
    // Heavy-tailed: most values near `minimum`, a few up to `cap` (scheduler slices, sleeps).
    std::int64_t pareto(double minimum, double alpha, double cap)
    {
        const double value = minimum / std::pow(1.0 - uniform(), 1.0 / alpha);
        return static_cast<std::int64_t>(std::min(value, cap));
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4] {};
};

} // namespace Synth
