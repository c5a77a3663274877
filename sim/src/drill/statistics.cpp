// Monte Carlo statistics: percentiles, sample statistics, Student t, Welch's test
// (declared in muster/monte_carlo.hpp).
#include <algorithm>
#include <cmath>

#include "muster/monte_carlo.hpp"

namespace muster {

// ---- statistics ---------------------------------------------------------------------------
double percentile(std::vector<double> xs, double p) {
    if (xs.empty())
        return 0.0;
    std::sort(xs.begin(), xs.end());
    const double h = (static_cast<double>(xs.size()) - 1.0) * p;
    const auto lo = static_cast<size_t>(std::floor(h));
    if (lo + 1 >= xs.size())
        return xs.back();
    return xs[lo] + (h - static_cast<double>(lo)) * (xs[lo + 1] - xs[lo]);
}

namespace {

// Continued fraction of the regularized incomplete beta function (Numerical Recipes 6.4).
double betaContinuedFraction(double a, double b, double x) {
    constexpr int kMaxIt = 300;
    constexpr double kEps = 3e-15, kTiny = 1e-300;
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0, d = 1.0 - qab * x / qap;
    if (std::abs(d) < kTiny)
        d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= kMaxIt; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::abs(d) < kTiny)
            d = kTiny;
        c = 1.0 + aa / c;
        if (std::abs(c) < kTiny)
            c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::abs(d) < kTiny)
            d = kTiny;
        c = 1.0 + aa / c;
        if (std::abs(c) < kTiny)
            c = kTiny;
        d = 1.0 / d;
        const double del = d * c;
        h *= del;
        if (std::abs(del - 1.0) < kEps)
            break;
    }
    return h;
}

double incompleteBeta(double a, double b, double x) {
    if (x <= 0.0)
        return 0.0;
    if (x >= 1.0)
        return 1.0;
    const double bt = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                               a * std::log(x) + b * std::log(1.0 - x));
    if (x < (a + 1.0) / (a + b + 2.0))
        return bt * betaContinuedFraction(a, b, x) / a;
    return 1.0 - bt * betaContinuedFraction(b, a, 1.0 - x) / b;
}

} // namespace

double studentTCdf(double t, double df) {
    if (df <= 0)
        return 0.5;
    const double tail = 0.5 * incompleteBeta(df / 2.0, 0.5, df / (df + t * t));
    return t > 0 ? 1.0 - tail : tail;
}

double studentTQuantile(double p, double df) {
    double lo = -1e4, hi = 1e4;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (studentTCdf(mid, df) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

SampleStats sampleStats(const std::vector<double>& xs) {
    SampleStats s;
    s.n = static_cast<int>(xs.size());
    if (xs.empty())
        return s;
    double sum = 0;
    for (double x : xs)
        sum += x;
    s.mean = sum / s.n;
    double ss = 0;
    for (double x : xs)
        ss += (x - s.mean) * (x - s.mean);
    s.sd = s.n > 1 ? std::sqrt(ss / (s.n - 1)) : 0.0;
    s.p5 = percentile(xs, 0.05);
    s.p50 = percentile(xs, 0.50);
    s.p90 = percentile(xs, 0.90);
    s.p95 = percentile(xs, 0.95);
    s.max = *std::max_element(xs.begin(), xs.end());
    const double half = s.n > 1 ? studentTQuantile(0.975, s.n - 1) * s.sd / std::sqrt(s.n) : 0.0;
    s.ciLow = s.mean - half;
    s.ciHigh = s.mean + half;
    return s;
}

WelchResult welchTest(const std::vector<double>& a, const std::vector<double>& b) {
    WelchResult w;
    const SampleStats sa = sampleStats(a), sb = sampleStats(b);
    w.diff = sb.mean - sa.mean;
    if (sa.n < 2 || sb.n < 2)
        return w; // not enough replications: p = 1
    const double va = sa.sd * sa.sd / sa.n, vb = sb.sd * sb.sd / sb.n;
    if (va + vb <= 0) {
        w.p = w.diff == 0 ? 1.0 : 0.0;
        w.significant = w.p < 0.05;
        return w;
    }
    w.t = w.diff / std::sqrt(va + vb);
    w.df = (va + vb) * (va + vb) / (va * va / (sa.n - 1) + vb * vb / (sb.n - 1));
    w.p = 2.0 * (1.0 - studentTCdf(std::abs(w.t), w.df));
    w.significant = w.p < 0.05;
    return w;
}

} // namespace muster
