#pragma once
// A uniform grid over a floor for neighbour queries (people) and nearby wall segments.
// Rebuilt every step by counting sort: flat arrays, no per-cell allocation.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "muster/geometry.hpp"
#include "muster/types.hpp"

namespace muster {

class SpatialHash {
public:
    SpatialHash() = default;
    SpatialHash(Vec2 min, Vec2 max, double cell)
        : m_min(min), m_cell(cell),
          m_nx(std::max(1, static_cast<int>(std::ceil((max.x - min.x) / cell)) + 1)),
          m_ny(std::max(1, static_cast<int>(std::ceil((max.y - min.y) / cell)) + 1)) {
        m_start.assign(static_cast<size_t>(m_nx * m_ny + 1), 0);
    }

    void clear() { m_pending.clear(); }
    void insert(Vec2 p, std::uint32_t id) { m_pending.push_back({cellOf(p), id}); }
    void finalize() {
        std::fill(m_start.begin(), m_start.end(), 0);
        for (const auto& e : m_pending)
            m_start[static_cast<size_t>(e.cell) + 1]++;
        for (size_t i = 1; i < m_start.size(); ++i)
            m_start[i] += m_start[i - 1];
        m_items.resize(m_pending.size());
        std::vector<int> fill(m_start.begin(), m_start.end() - 1);
        for (const auto& e : m_pending)
            m_items[static_cast<size_t>(fill[static_cast<size_t>(e.cell)]++)] = e.id;
    }
    // Ids in the cells overlapping the square of half-size r around p (a superset of the
    // disc; callers filter by distance).
    void query(Vec2 p, double r, std::vector<std::uint32_t>& out) const {
        int x0, y0, x1, y1;
        cellXY(p - Vec2{r, r}, x0, y0);
        cellXY(p + Vec2{r, r}, x1, y1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) {
                const auto c = static_cast<size_t>(y * m_nx + x);
                for (int i = m_start[c]; i < m_start[c + 1]; ++i)
                    out.push_back(m_items[static_cast<size_t>(i)]);
            }
    }

    // Static segments: each cell lists the segments within `margin` of it.
    void buildSegments(const std::vector<std::pair<Vec2, Vec2>>& segs, double margin) {
        m_segs = segs;
        clear();
        for (size_t s = 0; s < segs.size(); ++s) {
            Bounds b;
            b.add(segs[s].first);
            b.add(segs[s].second);
            int x0, y0, x1, y1;
            cellXY(b.min - Vec2{margin, margin}, x0, y0);
            cellXY(b.max + Vec2{margin, margin}, x1, y1);
            for (int y = y0; y <= y1; ++y)
                for (int x = x0; x <= x1; ++x) {
                    const Vec2 c = m_min + Vec2{(x + 0.5) * m_cell, (y + 0.5) * m_cell};
                    if (distanceToSegment(c, segs[s].first, segs[s].second) <=
                        margin + m_cell * 0.7072)
                        m_pending.push_back({y * m_nx + x, static_cast<std::uint32_t>(s)});
                }
        }
        finalize();
    }
    template <class F> void forSegments(Vec2 p, F&& f) const {
        for (const std::uint32_t k : segmentsAt(p)) {
            const auto& s = m_segs[k];
            f(s.first, s.second, k);
        }
    }
    // The indices of the segments listed for p's cell, ascending.
    [[nodiscard]] std::span<const std::uint32_t> segmentsAt(Vec2 p) const {
        const auto c = static_cast<size_t>(cellOf(p));
        return {m_items.data() + m_start[c], m_items.data() + m_start[c + 1]};
    }

private:
    struct Entry {
        int cell;
        std::uint32_t id;
    };
    void cellXY(Vec2 p, int& x, int& y) const {
        x = std::clamp(static_cast<int>(std::floor((p.x - m_min.x) / m_cell)), 0, m_nx - 1);
        y = std::clamp(static_cast<int>(std::floor((p.y - m_min.y) / m_cell)), 0, m_ny - 1);
    }
    int cellOf(Vec2 p) const {
        int x, y;
        cellXY(p, x, y);
        return y * m_nx + x;
    }
    Vec2 m_min;
    double m_cell = 1.0;
    int m_nx = 1, m_ny = 1;
    std::vector<int> m_start{0, 0};
    std::vector<std::uint32_t> m_items;
    std::vector<Entry> m_pending;
    std::vector<std::pair<Vec2, Vec2>> m_segs;
};

} // namespace muster
