#pragma once
// Input distributions (pre-movement times, walking speeds) and the run's seeded RNG.
// Sampling uses our own transforms (not <random>'s distributions, whose output is
// implementation-defined), so a seed gives the same numbers on every standard library.
#include <cstdint>
#include <string>
#include <vector>

#include "muster/types.hpp"

namespace muster {

// splitmix64-seeded xoshiro256** (Blackman & Vigna 2018): small, fast, good statistics.
class Rng {
public:
    explicit Rng(std::uint64_t seed = 1);
    std::uint64_t next();
    double uniform01(); // [0, 1)
    double uniform(double a, double b) { return a + (b - a) * uniform01(); }
    double normal(); // standard normal (Box-Muller, polar form)
    // A new independent stream for sub-task k (agent, replication), derived from the seed.
    static Rng stream(std::uint64_t seed, std::uint64_t k);

private:
    std::uint64_t m_s[4];
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

enum class DistKind { Constant, Uniform, Normal, LogNormal, List };

// A distribution of seconds (or m/s). Normal and lognormal take mean and sd of the variable
// itself (not of its logarithm). min/max truncate (resampled, up to 100 tries, then clamped).
struct Distribution {
    DistKind kind = DistKind::Constant;
    double value = 0.0;  // constant
    double min = -1e300; // uniform bounds; truncation bounds for the others
    double max = 1e300;
    double mean = 0.0, sd = 0.0;
    std::vector<double> list; // explicit values, drawn uniformly (with replacement)
    SourceLoc loc;

    [[nodiscard]] double sample(Rng& rng) const;
    // Cumulative distribution function (after truncation); List gives the empirical CDF.
    [[nodiscard]] double cdf(double x) const;
    [[nodiscard]] std::string describe() const;
};

// Kolmogorov-Smirnov statistic of a sample against a distribution's CDF, and the
// asymptotic p-value (Marsaglia, Tsang & Wang 2003 series for the limiting distribution).
double ksStatistic(std::vector<double> sample, const Distribution& d);
double ksPValue(double statistic, std::size_t n);

} // namespace muster
