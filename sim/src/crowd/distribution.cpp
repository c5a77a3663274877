#include "muster/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace muster {

namespace {
std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

double normalCdf(double x) {
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}
} // namespace

Rng::Rng(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& s : m_s)
        s = splitmix(x);
}

std::uint64_t Rng::next() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double Rng::uniform01() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Rng::normal() {
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    double u, v, s;
    do {
        u = 2.0 * uniform01() - 1.0;
        v = 2.0 * uniform01() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    m_spare = v * f;
    m_hasSpare = true;
    return u * f;
}

Rng Rng::stream(std::uint64_t seed, std::uint64_t k) {
    std::uint64_t x = seed ^ (0xd1b54a32d192ed03ULL * (k + 1));
    return Rng(splitmix(x));
}

double Distribution::sample(Rng& rng) const {
    auto draw = [&]() -> double {
        switch (kind) {
        case DistKind::Constant:
            return value;
        case DistKind::Uniform:
            return rng.uniform(min, max);
        case DistKind::Normal:
            return mean + sd * rng.normal();
        case DistKind::LogNormal: {
            // mean/sd of the variable -> mu/sigma of its log.
            const double s2 = std::log(1.0 + (sd * sd) / (mean * mean));
            const double mu = std::log(mean) - 0.5 * s2;
            return std::exp(mu + std::sqrt(s2) * rng.normal());
        }
        case DistKind::List:
            if (list.empty())
                return 0.0;
            return list[static_cast<size_t>(rng.uniform01() * static_cast<double>(list.size())) %
                        list.size()];
        }
        return value;
    };
    if (kind == DistKind::Constant || kind == DistKind::Uniform || kind == DistKind::List)
        return draw();
    for (int i = 0; i < 100; ++i) {
        const double x = draw();
        if (x >= min && x <= max)
            return x;
    }
    return std::clamp(draw(), min, max);
}

double Distribution::cdf(double x) const {
    auto raw = [&](double v) -> double {
        switch (kind) {
        case DistKind::Constant:
            return v >= value ? 1.0 : 0.0;
        case DistKind::Uniform:
            return max > min ? std::clamp((v - min) / (max - min), 0.0, 1.0)
                             : (v >= min ? 1.0 : 0.0);
        case DistKind::Normal:
            return sd > 0 ? normalCdf((v - mean) / sd) : (v >= mean ? 1.0 : 0.0);
        case DistKind::LogNormal: {
            if (v <= 0)
                return 0.0;
            const double s2 = std::log(1.0 + (sd * sd) / (mean * mean));
            const double mu = std::log(mean) - 0.5 * s2;
            return normalCdf((std::log(v) - mu) / std::sqrt(s2));
        }
        case DistKind::List: {
            if (list.empty())
                return 1.0;
            size_t c = 0;
            for (double e : list)
                c += e <= v ? 1 : 0;
            return static_cast<double>(c) / static_cast<double>(list.size());
        }
        }
        return 0.0;
    };
    if (kind == DistKind::Normal || kind == DistKind::LogNormal) {
        const double lo = min > -1e299 ? raw(min) : 0.0;
        const double hi = max < 1e299 ? raw(max) : 1.0;
        if (x < min)
            return 0.0;
        if (x >= max)
            return 1.0;
        return hi > lo ? (raw(x) - lo) / (hi - lo) : 1.0;
    }
    return raw(x);
}

std::string Distribution::describe() const {
    char b[160];
    switch (kind) {
    case DistKind::Constant:
        std::snprintf(b, sizeof b, "constant %.3g", value);
        break;
    case DistKind::Uniform:
        std::snprintf(b, sizeof b, "uniform %.3g..%.3g", min, max);
        break;
    case DistKind::Normal:
        std::snprintf(b, sizeof b, "normal mean %.3g sd %.3g", mean, sd);
        break;
    case DistKind::LogNormal:
        std::snprintf(b, sizeof b, "lognormal mean %.3g sd %.3g", mean, sd);
        break;
    case DistKind::List:
        std::snprintf(b, sizeof b, "list of %zu values", list.size());
        break;
    }
    return b;
}

double ksStatistic(std::vector<double> sample, const Distribution& d) {
    std::sort(sample.begin(), sample.end());
    const double n = static_cast<double>(sample.size());
    double dmax = 0.0;
    for (size_t i = 0; i < sample.size(); ++i) {
        const double f = d.cdf(sample[i]);
        dmax = std::max({dmax, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
    }
    return dmax;
}

double ksPValue(double statistic, std::size_t n) {
    // Asymptotic Kolmogorov distribution with Stephens' small-sample correction.
    const double sn = std::sqrt(static_cast<double>(n));
    const double t = (sn + 0.12 + 0.11 / sn) * statistic;
    double p = 0.0;
    for (int k = 1; k <= 100; ++k) {
        const double term = 2.0 * ((k % 2) ? 1.0 : -1.0) * std::exp(-2.0 * k * k * t * t);
        p += term;
        if (std::abs(term) < 1e-12)
            break;
    }
    return std::clamp(p, 0.0, 1.0);
}

} // namespace muster
