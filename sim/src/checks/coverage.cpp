// Coverage of a floor by walking distance to the nearest valid extinguisher.
//
// One multi-source distance field (navigation.hpp, fast marching through open and normally
// closed doors, never through walls) per fire class and unit type: the value of a cell is the
// walking distance to the nearest unit of that set, so a cell is covered iff it lies within the
// reach of its room's hazard level of some handheld unit, or within the (longer) reach of some
// wheeled unit. Cells are attributed to rooms by their centres.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "muster/checks.hpp"
#include "muster/geometry.hpp"
#include "nav/navigation.hpp"

namespace muster {

namespace {

bool contains(const std::vector<RoomKind>& v, RoomKind k) {
    return std::find(v.begin(), v.end(), k) != v.end();
}

struct Fields {
    std::optional<DistanceField> handheld, wheeled;
};

Fields fieldsFor(const NavGrid& grid, const std::vector<const Extinguisher*>& units) {
    std::vector<Vec2> h, w;
    for (const Extinguisher* e : units)
        (e->type == ExtinguisherType::Wheeled ? w : h).push_back(e->at);
    Fields f;
    if (!h.empty())
        f.handheld = DistanceField::compute(grid, h);
    if (!w.empty())
        f.wheeled = DistanceField::compute(grid, w);
    return f;
}

// Merges the cells of one region into rectangles: runs along rows, extended downwards while the
// next row has a run with the same extent.
std::vector<Polygon> rectsOf(std::vector<int>& cells, const NavGrid& g) {
    std::sort(cells.begin(), cells.end()); // by row, then column (index = iy * nx + ix)
    struct Rect {
        int x0, x1, y0, y1;
    };
    std::vector<Rect> rects;
    std::map<std::pair<int, int>, size_t> open; // run extent -> rect, rows up to the previous
    size_t i = 0;
    while (i < cells.size()) {
        const int iy = cells[i] / g.nx();
        std::map<std::pair<int, int>, size_t> next;
        while (i < cells.size() && cells[i] / g.nx() == iy) {
            const int x0 = cells[i] % g.nx();
            int x1 = x0;
            ++i;
            while (i < cells.size() && cells[i] == cells[i - 1] + 1 && cells[i] / g.nx() == iy) {
                ++x1;
                ++i;
            }
            auto it = open.find({x0, x1});
            if (it != open.end() && rects[it->second].y1 == iy - 1) {
                rects[it->second].y1 = iy;
                next[{x0, x1}] = it->second;
            } else {
                rects.push_back({x0, x1, iy, iy});
                next[{x0, x1}] = rects.size() - 1;
            }
        }
        open = std::move(next);
    }
    std::vector<Polygon> out;
    const double h = 0.5 * g.cell();
    for (const Rect& r : rects) {
        const Vec2 a = g.cellCentre(r.x0, r.y0), b = g.cellCentre(r.x1, r.y1);
        out.push_back(
            {{a.x - h, a.y - h}, {b.x + h, a.y - h}, {b.x + h, b.y + h}, {a.x - h, b.y + h}});
    }
    return out;
}

// The grid of a floor for the coverage (only locked doors block), the room of every walkable
// cell and the hazard level of every room.
struct Prepared {
    NavGrid grid;
    std::vector<int> roomOf; // cell -> room index, -1 outside rooms
    std::vector<std::optional<HazardLevel>> hazard;
};

Prepared prepare(const Floor& floor, const RulesProfile& profile, double cellM) {
    // Normally closed doors are opened by the person fetching the extinguisher; only locked
    // doors block (GB 50140 commentary: the walking route, never through walls).
    std::set<std::string> passable;
    for (const Door& d : floor.doors)
        if (d.state != DoorState::Locked)
            passable.insert(d.id);
    Prepared p{NavGrid::build(floor, NavGridOptions{cellM, 0.0}, {}, passable), {}, {}};
    const NavGrid& grid = p.grid;
    // Room of every walkable cell (first room in file order wins on shared edges).
    p.roomOf.assign(static_cast<size_t>(grid.nx()) * static_cast<size_t>(grid.ny()), -1);
    for (size_t ri = 0; ri < floor.rooms.size(); ++ri) {
        const Room& r = floor.rooms[ri];
        if (r.polygon.size() < 3)
            continue;
        const Bounds b = boundsOf(r.polygon);
        int x0, y0, x1, y1;
        grid.cellOf(b.min, x0, y0);
        grid.cellOf(b.max, x1, y1);
        for (int iy = y0; iy <= y1; ++iy)
            for (int ix = x0; ix <= x1; ++ix) {
                const size_t k = static_cast<size_t>(grid.index(ix, iy));
                if (p.roomOf[k] < 0 && grid.walkable(ix, iy) &&
                    pointInPolygon(r.polygon, grid.cellCentre(ix, iy)))
                    p.roomOf[k] = static_cast<int>(ri);
            }
    }
    p.hazard = profile.roomHazards(floor);
    return p;
}

} // namespace

const ClassCoverage* FloorCoverage::find(FireClass c) const {
    for (const auto& x : classes)
        if (x.cls == c)
            return &x;
    return nullptr;
}

FloorCoverage computeFloorCoverage(const Floor& floor, const std::vector<Extinguisher>& units,
                                   const RulesProfile& profile, Date today,
                                   const CoverageOptions& opt) {
    FloorCoverage fc;
    fc.floor = floor.id;
    fc.cellM = opt.cellM;
    const Prepared prep = prepare(floor, profile, opt.cellM);
    const NavGrid& grid = prep.grid;
    const std::vector<int>& roomOf = prep.roomOf;
    const std::vector<std::optional<HazardLevel>>& hazard = prep.hazard;
    const int nx = grid.nx(), ny = grid.ny();
    const double cellArea = opt.cellM * opt.cellM;

    // Valid units of this floor by class.
    std::vector<const Extinguisher*> forA, forB, forE;
    for (const Extinguisher& e : units) {
        if (e.floor != floor.id || !coversAsOf(e, profile, today))
            continue;
        ++fc.validUnits;
        if (profile.countsForClassA(e))
            forA.push_back(&e);
        if (profile.ratingB(e) > 0)
            forB.push_back(&e);
        if (profile.suitsClassE(e))
            forE.push_back(&e);
    }

    bool needB = false, needE = false;
    for (const Room& r : floor.rooms) {
        needB = needB || contains(profile.classBKinds, r.kind);
        needE = needE || contains(profile.classEKinds, r.kind);
    }

    fc.rooms.resize(floor.rooms.size());
    for (size_t ri = 0; ri < floor.rooms.size(); ++ri) {
        fc.rooms[ri].room = floor.rooms[ri].id;
        fc.rooms[ri].name = floor.rooms[ri].name;
        fc.rooms[ri].hazard = hazard[ri];
    }
    for (size_t k = 0; k < roomOf.size(); ++k) {
        if (grid.mask()[k] == 0)
            continue;
        if (roomOf[k] < 0)
            fc.outsideRoomsM2 += cellArea;
        else if (!hazard[static_cast<size_t>(roomOf[k])])
            fc.unclassifiedM2 += cellArea;
    }

    auto run = [&](FireClass cls, const std::vector<const Extinguisher*>& src,
                   const std::array<ReachM, kHazardLevels>& reach, auto roomNeeds) {
        ClassCoverage cc;
        cc.cls = cls;
        const Fields f = fieldsFor(grid, src);
        std::vector<unsigned char> uncovered(roomOf.size(), 0);
        std::vector<double> dist(roomOf.size(), kUnreachable);
        auto worse = [](CoverageStats& s, double d, Vec2 p) {
            if (s.areaM2() == 0.0 || d > s.worstDistanceM) {
                s.worstDistanceM = d;
                s.worstPoint = p;
            }
        };
        for (int iy = 0; iy < ny; ++iy) {
            for (int ix = 0; ix < nx; ++ix) {
                const size_t k = static_cast<size_t>(grid.index(ix, iy));
                const int ri = roomOf[k];
                if (ri < 0 || grid.mask()[k] == 0)
                    continue;
                const auto h = hazard[static_cast<size_t>(ri)];
                if (!h || !roomNeeds(floor.rooms[static_cast<size_t>(ri)]))
                    continue;
                const ReachM rm = reach[hazardIndex(*h)];
                const double dh = f.handheld ? f.handheld->cellValue(ix, iy) : kUnreachable;
                const double dw = f.wheeled ? f.wheeled->cellValue(ix, iy) : kUnreachable;
                const bool covered = dh <= rm.handheld || dw <= rm.wheeled;
                const double d = std::min(dh, dw);
                dist[k] = d;
                const Vec2 p = grid.cellCentre(ix, iy);
                CoverageStats* stats[] = {&cc.total, &cc.byHazard[hazardIndex(*h)],
                                          &fc.rooms[static_cast<size_t>(ri)].byClass[cls]};
                for (CoverageStats* s : stats) {
                    worse(*s, d, p);
                    (covered ? s->coveredM2 : s->uncoveredM2) += cellArea;
                }
                if (!covered)
                    uncovered[k] = 1;
            }
        }
        if (opt.regions) {
            // 8-connected components of uncovered cells.
            std::vector<int> stack, cells;
            for (size_t start = 0; start < uncovered.size(); ++start) {
                if (uncovered[start] != 1)
                    continue;
                uncovered[start] = 2;
                stack.assign(1, static_cast<int>(start));
                cells.clear();
                UncoveredRegion reg;
                std::set<int> rooms;
                while (!stack.empty()) {
                    const int c = stack.back();
                    stack.pop_back();
                    cells.push_back(c);
                    const size_t ck = static_cast<size_t>(c);
                    rooms.insert(roomOf[ck]);
                    if (dist[ck] > reg.worstDistanceM || cells.size() == 1) {
                        reg.worstDistanceM = std::max(reg.worstDistanceM, dist[ck]);
                        reg.worstPoint = grid.cellCentre(c % nx, c / nx);
                    }
                    for (int dy = -1; dy <= 1; ++dy)
                        for (int dx = -1; dx <= 1; ++dx) {
                            const int cx = c % nx + dx, cy = c / nx + dy;
                            if (cx < 0 || cy < 0 || cx >= nx || cy >= ny)
                                continue;
                            const size_t nk = static_cast<size_t>(grid.index(cx, cy));
                            if (uncovered[nk] == 1) {
                                uncovered[nk] = 2;
                                stack.push_back(static_cast<int>(nk));
                            }
                        }
                }
                reg.areaM2 = static_cast<double>(cells.size()) * cellArea;
                reg.rects = rectsOf(cells, grid);
                for (int ri : rooms)
                    reg.rooms.push_back(floor.rooms[static_cast<size_t>(ri)].id);
                cc.regions.push_back(std::move(reg));
            }
            std::sort(cc.regions.begin(), cc.regions.end(),
                      [](const UncoveredRegion& a, const UncoveredRegion& b) {
                          return a.areaM2 > b.areaM2;
                      });
        }
        fc.classes.push_back(std::move(cc));
    };

    run(FireClass::A, forA, profile.reachA, [](const Room&) { return true; });
    if (needB)
        run(FireClass::B, forB, profile.reachB,
            [&](const Room& r) { return contains(profile.classBKinds, r.kind); });
    // Class E rooms: E-capable units within the room's class A reach (docs/compliance.md).
    if (needE)
        run(FireClass::E, forE, profile.reachA,
            [&](const Room& r) { return contains(profile.classEKinds, r.kind); });
    return fc;
}

// ---- advisory: extra setting points ------------------------------------------------------
//
// Greedy set cover (V. Chvátal, "A greedy heuristic for the set-covering problem", Math. Oper.
// Res. 4(3):233-235, 1979): the universe is the floor's uncovered class A cells, each candidate
// position covers the uncovered cells within the handheld reach of their hazard level by
// walking distance (one distance field per candidate, bounded by the longest reach, so each
// costs a disc of cells), and the candidate covering the most still-uncovered cells is taken
// until none is left or no candidate recovers minGainM2. Two refinements keep the answer
// close to what a designer would draw; neither breaks the ln(n) + 1 bound of the greedy count
// (the first picks among near-ties only, the others never add a point):
// - near-ties (gain within 2 % of the best, which the grid makes of equal continuous gains)
//   go to the candidate whose cells are hardest to cover (sum of 1 / number of candidates
//   reaching each cell), so the first point of a dead-end corridor goes at the end, not in the
//   middle where it would leave two short stubs;
// - chosen points then move, one at a time, to any wall-mounted cell within shiftM at full
//   resolution when that covers more of the cells left uncovered (the subsampling can miss
//   the exact spot that closes a seam between two points), and a point whose cells are all
//   covered by the others is dropped.
SettingPointAdvice adviseSettingPoints(const Floor& floor, const std::vector<Extinguisher>& units,
                                       const RulesProfile& profile, Date today,
                                       const AdviceOptions& opt) {
    SettingPointAdvice out;
    out.floor = floor.id;
    const Prepared prep = prepare(floor, profile, opt.cellM);
    const NavGrid& grid = prep.grid;
    const int nx = grid.nx(), ny = grid.ny();
    const double c = grid.cell(), cellArea = c * c;

    // The uncovered class A cells (the same test as computeFloorCoverage) and their reach.
    std::vector<const Extinguisher*> forA;
    for (const Extinguisher& e : units)
        if (e.floor == floor.id && coversAsOf(e, profile, today) && profile.countsForClassA(e))
            forA.push_back(&e);
    const Fields fields = fieldsFor(grid, forA);
    std::vector<int> targetOf(prep.roomOf.size(), -1); // cell -> target index
    std::vector<double> reach;                         // target -> handheld reach
    double maxReach = 0.0;
    for (int iy = 0; iy < ny; ++iy)
        for (int ix = 0; ix < nx; ++ix) {
            const size_t k = static_cast<size_t>(grid.index(ix, iy));
            const int ri = prep.roomOf[k];
            if (ri < 0 || grid.mask()[k] == 0)
                continue;
            const auto h = prep.hazard[static_cast<size_t>(ri)];
            if (!h)
                continue;
            const ReachM rm = profile.reachA[hazardIndex(*h)];
            const double dh = fields.handheld ? fields.handheld->cellValue(ix, iy) : kUnreachable;
            const double dw = fields.wheeled ? fields.wheeled->cellValue(ix, iy) : kUnreachable;
            if (dh <= rm.handheld || dw <= rm.wheeled)
                continue;
            targetOf[k] = static_cast<int>(reach.size());
            reach.push_back(rm.handheld);
            maxReach = std::max(maxReach, rm.handheld);
        }
    const size_t nTargets = reach.size();
    out.uncoveredM2 = static_cast<double>(nTargets) * cellArea;
    if (nTargets == 0)
        return out;

    // Wall-mounted positions: walkable cells of corridors and lobbies with a blocked cell
    // within wallBandM (centre to centre); wallDist = that distance, else infinity.
    const int band = std::max(1, static_cast<int>(std::floor(opt.wallBandM / c + 1e-9)));
    std::vector<double> wallDist(prep.roomOf.size(), kUnreachable);
    for (int iy = 0; iy < ny; ++iy)
        for (int ix = 0; ix < nx; ++ix) {
            const size_t k = static_cast<size_t>(grid.index(ix, iy));
            const int ri = prep.roomOf[k];
            if (ri < 0 || grid.mask()[k] == 0)
                continue;
            const RoomKind kind = floor.rooms[static_cast<size_t>(ri)].kind;
            if (kind != RoomKind::Corridor && kind != RoomKind::Lobby &&
                kind != RoomKind::ElevatorLobby)
                continue;
            double best = kUnreachable;
            for (int dy = -band; dy <= band; ++dy)
                for (int dx = -band; dx <= band; ++dx) {
                    const int x = ix + dx, y = iy + dy;
                    if (x < 0 || y < 0 || x >= nx || y >= ny || grid.walkable(x, y))
                        continue;
                    best = std::min(best, c * std::hypot(dx, dy));
                }
            if (best <= opt.wallBandM + 1e-9)
                wallDist[k] = best;
        }

    // Coverage of a candidate cell: the target indices within their reach. Cached: the
    // refinement asks again for cells near the chosen points.
    std::map<int, std::vector<int>> cache;
    auto coverOf = [&](int cell) -> const std::vector<int>& {
        auto it = cache.find(cell);
        if (it != cache.end())
            return it->second;
        std::vector<int>& cov = cache[cell];
        const int cx = cell % nx, cy = cell / nx;
        const DistanceField df = DistanceField::compute(grid, {grid.cellCentre(cx, cy)}, maxReach);
        const int r = static_cast<int>(std::ceil(maxReach / c)) + 1;
        for (int y = std::max(0, cy - r); y <= std::min(ny - 1, cy + r); ++y)
            for (int x = std::max(0, cx - r); x <= std::min(nx - 1, cx + r); ++x) {
                const int t = targetOf[static_cast<size_t>(grid.index(x, y))];
                if (t >= 0 && df.cellValue(x, y) <= reach[static_cast<size_t>(t)])
                    cov.push_back(t);
            }
        return cov;
    };

    // Candidates: one per tile of spacingM, the cell closest to a wall, then to the tile centre.
    const int tile = std::max(1, static_cast<int>(std::lround(opt.spacingM / c)));
    std::map<std::pair<int, int>, std::pair<std::pair<double, double>, int>> perTile;
    for (int iy = 0; iy < ny; ++iy)
        for (int ix = 0; ix < nx; ++ix) {
            const int k = grid.index(ix, iy);
            const double wd = wallDist[static_cast<size_t>(k)];
            if (wd == kUnreachable)
                continue;
            const std::pair<int, int> t{ix / tile, iy / tile};
            const double mid = 0.5 * (tile - 1);
            const std::pair<double, double> key{wd, std::hypot(ix % tile - mid, iy % tile - mid)};
            auto it = perTile.find(t);
            if (it == perTile.end() || key < it->second.first)
                perTile[t] = {key, k};
        }
    std::vector<int> cand;
    for (const auto& [t, v] : perTile)
        cand.push_back(v.second);
    out.candidates = static_cast<int>(cand.size());

    std::vector<int> freq(nTargets, 0);
    for (int k : cand)
        for (int t : coverOf(k))
            ++freq[static_cast<size_t>(t)];

    // Local refinement while cells stay uncovered: move a point within shiftM (full
    // resolution) when the union covers more.
    auto countCovered = [&](const std::vector<int>& pts) {
        std::vector<char> cov(nTargets, 0);
        int n = 0;
        for (int k : pts)
            for (int t : coverOf(k))
                if (!cov[static_cast<size_t>(t)])
                    cov[static_cast<size_t>(t)] = 1, ++n;
        return n;
    };
    const int shift = static_cast<int>(std::floor(opt.shiftM / c + 1e-9));
    auto refine = [&](std::vector<int>& chosen) {
        int covered = countCovered(chosen);
        for (int round = 0; round < 5 && covered < static_cast<int>(nTargets) && !chosen.empty();
             ++round) {
            bool improved = false;
            for (size_t i = 0; i < chosen.size(); ++i) {
                const int cx = chosen[i] % nx, cy = chosen[i] / nx;
                int bestCell = chosen[i], bestCovered = covered;
                for (int y = std::max(0, cy - shift); y <= std::min(ny - 1, cy + shift); ++y)
                    for (int x = std::max(0, cx - shift); x <= std::min(nx - 1, cx + shift); ++x) {
                        const int k = grid.index(x, y);
                        if (k == chosen[i] || wallDist[static_cast<size_t>(k)] == kUnreachable)
                            continue;
                        if (c * std::hypot(x - cx, y - cy) > opt.shiftM + 1e-9)
                            continue;
                        std::vector<int> trial = chosen;
                        trial[i] = k;
                        const int n = countCovered(trial);
                        if (n > bestCovered)
                            bestCovered = n, bestCell = k;
                    }
                if (bestCell != chosen[i]) {
                    chosen[i] = bestCell;
                    covered = bestCovered;
                    improved = true;
                }
            }
            if (!improved)
                break;
        }
        return covered;
    };
    // Greedy.
    std::vector<char> done(nTargets, 0);
    std::vector<int> chosen; // cells
    const double minGainCells = opt.minGainM2 / cellArea;
    for (;;) {
        std::vector<int> gain(cand.size(), 0);
        int best = 0;
        for (size_t i = 0; i < cand.size(); ++i) {
            for (int t : coverOf(cand[i]))
                gain[i] += done[static_cast<size_t>(t)] ? 0 : 1;
            best = std::max(best, gain[i]);
        }
        if (best == 0 || best < minGainCells)
            break;
        size_t pick = 0;
        double pickRarity = -1.0;
        for (size_t i = 0; i < cand.size(); ++i) {
            if (gain[i] < 0.98 * best)
                continue;
            double rarity = 0.0;
            for (int t : coverOf(cand[i]))
                if (!done[static_cast<size_t>(t)])
                    rarity += 1.0 / freq[static_cast<size_t>(t)];
            if (rarity > pickRarity + 1e-12) {
                pickRarity = rarity;
                pick = i;
            }
        }
        chosen.push_back(cand[pick]);
        // Refine after every pick, so that a seam the subsampled candidates leave between a
        // new point and the units already there is closed by moving the point, not by adding one.
        refine(chosen);
        std::fill(done.begin(), done.end(), 0);
        for (int k : chosen)
            for (int t : coverOf(k))
                done[static_cast<size_t>(t)] = 1;
    }
    const int covered = countCovered(chosen);

    // Drop points made redundant (the latest first: they recovered the least).
    for (size_t i = chosen.size(); i-- > 0;) {
        std::vector<int> rest = chosen;
        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
        if (countCovered(rest) == covered)
            chosen = std::move(rest);
    }

    // Report in order: what each point adds to the ones before it.
    std::fill(done.begin(), done.end(), 0);
    int total = 0;
    for (int k : chosen) {
        int n = 0;
        for (int t : coverOf(k))
            if (!done[static_cast<size_t>(t)])
                done[static_cast<size_t>(t)] = 1, ++n;
        total += n;
        SuggestedPoint sp;
        sp.at = grid.cellCentre(k % nx, k / nx);
        sp.room = floor.rooms[static_cast<size_t>(prep.roomOf[static_cast<size_t>(k)])].id;
        sp.recoversM2 = n * cellArea;
        out.points.push_back(std::move(sp));
    }
    out.remainingM2 = static_cast<double>(static_cast<int>(nTargets) - total) * cellArea;
    return out;
}

} // namespace muster
