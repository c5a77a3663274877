// Monte Carlo statistics: percentiles, sample statistics, Student t, Welch's test
// (declared in muster/monte_carlo.hpp).
#include <algorithm>
#include <cmath>
#include <limits>

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

int Sample::censoredCount() const {
    int n = 0;
    for (bool c : censored)
        n += c ? 1 : 0;
    return n;
}

std::string SampleStats::intervalNote() const {
    if (censored > 0)
        return "no interval: " + std::to_string(censored) + " of " + std::to_string(n) +
               (n == 1 ? " run" : " runs") + " did not finish";
    if (n < kMinRunsForInterval)
        return "too few runs for an interval (" + std::to_string(n) + " of at least " +
               std::to_string(kMinRunsForInterval) + ")";
    return "";
}

double kaplanMeierQuantile(const Sample& s, double p) {
    // Product-limit estimate of the fraction of runs with the event by time t (Kaplan & Meier
    // 1958); at tied times events come before censorings (the usual convention).
    std::vector<std::pair<double, bool>> v; // time, censored
    for (size_t i = 0; i < s.x.size(); ++i)
        v.emplace_back(s.x[i], i < s.censored.size() && s.censored[i]);
    std::sort(v.begin(), v.end());
    double survive = 1.0;
    size_t atRisk = v.size();
    for (size_t i = 0; i < v.size();) {
        size_t k = i, events = 0;
        while (k < v.size() && v[k].first == v[i].first) {
            events += v[k].second ? 0 : 1;
            ++k;
        }
        if (events > 0) {
            survive *= 1.0 - static_cast<double>(events) / static_cast<double>(atRisk);
            if (1.0 - survive >= p - 1e-12)
                return v[i].first;
        }
        atRisk -= k - i;
        i = k;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

SampleStats sampleStats(const Sample& smp, Range range) {
    const std::vector<double>& xs = smp.x;
    SampleStats s;
    s.n = static_cast<int>(xs.size());
    s.censored = smp.censoredCount();
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
    if (s.censored == 0) {
        s.p5 = percentile(xs, 0.05);
        s.p50 = percentile(xs, 0.50);
        s.p90 = percentile(xs, 0.90);
        s.p95 = percentile(xs, 0.95);
    } else {
        s.p5 = kaplanMeierQuantile(smp, 0.05);
        s.p50 = kaplanMeierQuantile(smp, 0.50);
        s.p90 = kaplanMeierQuantile(smp, 0.90);
        s.p95 = kaplanMeierQuantile(smp, 0.95);
    }
    s.max = *std::max_element(xs.begin(), xs.end());
    if (s.hasInterval()) {
        const double half = studentTQuantile(0.975, s.n - 1) * s.sd / std::sqrt(s.n);
        s.ciLow = std::clamp(s.mean - half, range.lo, range.hi);
        s.ciHigh = std::clamp(s.mean + half, range.lo, range.hi);
    } else {
        s.ciLow = s.ciHigh = std::numeric_limits<double>::quiet_NaN();
    }
    return s;
}

SampleStats sampleStats(const std::vector<double>& xs, Range range) {
    return sampleStats(Sample{xs, {}}, range);
}

namespace {

// P(B <= k) for B ~ Binomial(n, p), by the recurrence of the probabilities (n is a run
// count, at most thousands: exact enough in doubles, in log space).
double binomialCdf(int k, int n, double p) {
    if (k < 0)
        return 0.0;
    if (k >= n)
        return 1.0;
    double cdf = 0.0;
    for (int i = 0; i <= k; ++i)
        cdf += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) +
                        i * std::log(p) + (n - i) * std::log1p(-p));
    return std::min(1.0, cdf);
}

} // namespace

std::pair<double, double> quantileInterval(const Sample& s, double p) {
    // Order statistics X(l) <= X(u) (1-based ranks) with P(X(l) <= q_p <= X(u)) >= 95 %:
    // l the largest rank with P(B <= l - 1) <= 2.5 %, u the smallest with P(B <= u - 1)
    // >= 97.5 %, B ~ Binomial(n, p) (Conover, Practical Nonparametric Statistics, 3.2).
    constexpr double kInf = std::numeric_limits<double>::infinity();
    const int n = static_cast<int>(s.x.size());
    if (n == 0)
        return {-kInf, kInf};
    std::vector<std::pair<double, bool>> v;
    for (size_t i = 0; i < s.x.size(); ++i)
        v.emplace_back(s.x[i], i < s.censored.size() && s.censored[i]);
    std::sort(v.begin(), v.end());
    int l = 0, u = n + 1;
    for (int r = 1; r <= n; ++r)
        if (binomialCdf(r - 1, n, p) <= 0.025)
            l = r;
    for (int r = n; r >= 1; --r)
        if (binomialCdf(r - 1, n, p) >= 0.975)
            u = r;
    const double lo = l >= 1 ? v[static_cast<size_t>(l - 1)].first : -kInf;
    double hi = kInf;
    if (u <= n) {
        bool censoredBelow = false; // a censored run at or below rank u: X(u) is not known
        for (int r = 0; r < u; ++r)
            censoredBelow = censoredBelow || v[static_cast<size_t>(r)].second;
        if (!censoredBelow)
            hi = v[static_cast<size_t>(u - 1)].first;
    }
    return {lo, hi};
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

WelchResult welchTest(const Sample& a, const Sample& b) {
    WelchResult w = welchTest(a.x, b.x);
    w.censoredA = a.censoredCount();
    w.censoredB = b.censoredCount();
    if (w.censoredA > 0 || w.censoredB > 0) {
        // A run that hit max_time_s gives a lower bound, not a time: the t-test does not apply.
        w.t = w.df = 0;
        w.p = 1.0;
        w.significant = false;
    }
    return w;
}

} // namespace muster
