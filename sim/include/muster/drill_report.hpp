#pragma once
// The drill report: one self-contained HTML file (inline SVG, no external assets) and the
// JSON/CSV of every figure in it.
#include <map>
#include <string>
#include <vector>

#include "muster/frame.hpp"
#include "muster/monte_carlo.hpp"

namespace muster {

// Peak density per 1 m cell of one floor over a run (from frames).
struct DensityMap {
    std::string floor, name;
    double x0 = 0, y0 = 0, cellM = 1.0;
    int nx = 0, ny = 0;
    std::vector<float> peak; // persons/m², row-major (y, x)
    Polygon outline;
    std::vector<Polygon> rooms;
};

// Fruin (1971) walkway level of service by density (persons/m²): A < 0.31, B < 0.43,
// C < 0.72, D < 1.08, E < 2.17, F above (area per person 3.3 / 2.3 / 1.4 / 0.9 / 0.5 m²).
char fruinLevel(double personsPerM2);

class DensityRecorder {
public:
    explicit DensityRecorder(const Project& project, double cellM = 1.0);
    void add(const Frame& frame);
    [[nodiscard]] const std::vector<DensityMap>& maps() const { return m_maps; }

private:
    std::vector<DensityMap> m_maps; // one per floor, in the engine's floor order
    std::vector<std::vector<int>> m_count;
};

// What the kept replication adds to the report.
struct KeptRun {
    int index = -1;
    std::string replayPath;
    std::vector<DensityMap> density;
    std::vector<SimEvent> events; // engine events, times converted to drill time
};

// Section ids every report contains (tests check them).
const std::vector<std::string>& reportSectionIds();

std::string drillReportHtml(const McRun& run, const McSummary& summary, const KeptRun* kept);
// file name -> contents: summary.json, curve.csv, exits.csv, wards.csv, compartments.csv,
// aset_rset.csv, waiting.csv, staff.csv (staff allocation per ward), timeline.csv, not_out.csv,
// density_<floor>.csv
std::map<std::string, std::string> drillFigureFiles(const McRun& run, const McSummary& summary,
                                                    const KeptRun* kept);

} // namespace muster
