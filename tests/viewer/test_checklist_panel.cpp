// The checklist panel's state without ImGui: selecting an item centres the map on it, item
// states from the log, gauge zones, and recording through the panel.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "muster/loader.hpp"
#include "viewer/checklist_panel.hpp"
#include "viewer_fixture.hpp"

using namespace muster;
using namespace muster::viewer;
namespace fs = std::filesystem;

namespace {

const Project& tinyProject() {
    static const Project p = [] {
        Diagnostics d;
        auto pr = loadProject(viewer_test::tinyScenario(), d);
        REQUIRE(pr);
        return std::move(*pr);
    }();
    return p;
}

const ComplianceData& novemberData() {
    static const ComplianceData c = [] {
        ComplianceRequest req;
        req.coverage = false;
        return computeCompliance(tinyProject(), Date{2026, 11, 23}, req);
    }();
    return c;
}

struct TempLog {
    fs::path dir, log;
    TempLog() {
        static int n = 0;
        dir = fs::temp_directory_path() /
              ("muster-viewer-panel-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
        fs::remove_all(dir);
        fs::create_directories(dir);
        log = dir / "log.csv";
    }
    ~TempLog() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

int indexOf(const ChecklistFloor& f, const std::string& id) {
    for (std::size_t i = 0; i < f.items.size(); ++i)
        if (f.items[i].id == id)
            return int(i);
    return -1;
}

} // namespace

TEST_CASE("selecting a checklist item centres the map on it", "[viewer][checklist]") {
    ChecklistPanel panel(tinyProject(), Date{2026, 11, 23}, "");
    panel.setCompliance(novemberData());
    REQUIRE(panel.ready());
    const ChecklistFloor* f = panel.floor("CL-1F");
    REQUIRE(f);
    const int i = indexOf(*f, "EXT-CL1-001");
    REQUIRE(i >= 0);
    // The unit stands at (2.0, 5.8) in the inventory.
    CHECK(f->items[std::size_t(i)].at.x == Approx(2.0));
    CHECK(f->items[std::size_t(i)].at.y == Approx(5.8));

    Camera cam;
    cam.setViewport(1600, 900);
    cam.setCenter({50, 50});
    cam.setPixelsPerMetre(10);

    SECTION("without panels the camera centre is the item's position") {
        const ChecklistItem* it = panel.select("CL-1F", i, cam, Insets{});
        REQUIRE(it);
        CHECK(it->id == "EXT-CL1-001");
        CHECK(cam.center().x == Approx(2.0));
        CHECK(cam.center().y == Approx(5.8));
        CHECK(cam.pixelsPerMetre() == Approx(ChecklistPanel::kFocusPixelsPerMetre)); // zoomed in
        CHECK(panel.selectedItem() == it);
    }

    SECTION("with panels the item lands in the middle of the free area") {
        // 300 px side panel, 440 px checklist panel, 90 px top, 122 px bottom: free area
        // x 300..1160, y 90..778, middle (730, 434).
        panel.select("CL-1F", i, cam, Insets{300, 440, 90, 122});
        const sf::Vector2f px = cam.worldToPixel({2.0, 5.8});
        CHECK(px.x == Approx(730.0f).margin(0.01));
        CHECK(px.y == Approx(434.0f).margin(0.01));
    }

    SECTION("a closer zoom is kept") {
        cam.setPixelsPerMetre(80);
        panel.select("CL-1F", i, cam, Insets{});
        CHECK(cam.pixelsPerMetre() == Approx(80));
    }

    SECTION("a bad index or floor clears the selection and leaves the camera") {
        panel.select("CL-1F", i, cam, Insets{});
        const Vec2 before = cam.center();
        CHECK(panel.select("CL-1F", int(f->items.size()), cam, Insets{}) == nullptr);
        CHECK(panel.select("no-such-floor", 0, cam, Insets{}) == nullptr);
        CHECK(panel.selectedItem() == nullptr);
        CHECK(cam.center().x == before.x);
        CHECK(cam.center().y == before.y);
    }

    SECTION("an item is found by id on any floor") {
        const auto where = panel.find("EXT-CL1-001");
        REQUIRE(where);
        CHECK(where->first == "CL-1F");
        CHECK(where->second == i);
        CHECK_FALSE(panel.find("EXT-NOPE"));
    }

    SECTION("a scanned label goes to its unit; an unknown id is no such unit") {
        // What a scanner types for the QR code of EXT-CL1-001's label (payload = the id).
        const auto r = panel.scan("EXT-CL1-001\r\n");
        CHECK(r.id == "EXT-CL1-001");
        CHECK(r.floor == "CL-1F");
        CHECK(r.index == i);
        CHECK_FALSE(r.error);
        REQUIRE(panel.select(r.floor, r.index, cam, Insets{}));
        CHECK(panel.selectedItem()->id == "EXT-CL1-001");
        CHECK(cam.center().x == Approx(2.0));
        CHECK(cam.center().y == Approx(5.8));
        const auto bad = panel.scan("  EXT-NOPE-9\n");
        CHECK(bad.error);
        CHECK(bad.message == "no such unit: EXT-NOPE-9");
        CHECK(bad.floor.empty());
        CHECK(bad.index == -1);
        CHECK(panel.scan("\r\n").message == "nothing scanned");
    }
}

TEST_CASE("checklist item states and recording from the panel", "[viewer][checklist]") {
    TempLog tmp;
    const Date today{2026, 11, 23};
    ChecklistPanel panel(tinyProject(), today, tmp.log.string(), /*createLog=*/true);
    REQUIRE(panel.reloadLog()); // --create: a missing log is a new, empty one
    panel.setCompliance(novemberData());
    const ChecklistFloor* f = panel.floor("CL-1F");
    REQUIRE(f);
    const int i = indexOf(*f, "EXT-CL1-001");
    REQUIRE(i >= 0);
    const ChecklistItem& item = f->items[std::size_t(i)];
    REQUIRE(item.inspectBy >= today); // last inspected 2026-11-02: not yet late
    Camera cam;
    panel.select("CL-1F", i, cam, Insets{});

    SECTION("gauge zones set the reading and the result") {
        CHECK(isGaugeCheck("压力表绿区 gauge in the green"));
        CHECK(isGaugeCheck("Gauge pressure"));
        CHECK_FALSE(isGaugeCheck("在位 present at its point"));
        std::size_t gauge = item.checks.size();
        for (std::size_t k = 0; k < item.checks.size(); ++k)
            if (isGaugeCheck(item.checks[k].text))
                gauge = k;
        REQUIRE(gauge < item.checks.size());
        panel.setGaugeZone(item, gauge, "red");
        CHECK(panel.draft(item).checks[gauge].reading == "red");
        CHECK(panel.draft(item).checks[gauge].result == CheckResult::Fail);
        panel.setGaugeZone(item, gauge, "green");
        CHECK(panel.draft(item).checks[gauge].result == CheckResult::Pass);
        panel.setGaugeZone(item, gauge, "yellow");
        CHECK(panel.draft(item).checks[gauge].result == CheckResult::Fail);
    }

    SECTION("to do -> partly done -> done, through the log") {
        panel.inspector = "王伟";
        // A sign, whose checks may all pass (EXT-CL1-001's maintenance is overdue: a pass of
        // "within maintenance and scrap dates" would be refused).
        const int si = indexOf(*f, "SG-CL1-01");
        REQUIRE(si >= 0);
        const ChecklistItem& sign = f->items[std::size_t(si)];
        panel.select("CL-1F", si, cam, Insets{});
        CHECK(panel.state(sign) == ItemState::ToDo);
        const int doneBefore = panel.progress(*f).done;
        panel.draft(sign).checks[0].result = CheckResult::Pass;
        const RecordOutcome r1 = panel.recordSelected();
        INFO(r1.message);
        REQUIRE(r1.ok);
        CHECK(r1.entries == 1);
        CHECK(panel.draft(sign).checks[0].result ==
              CheckResult::None); // draft cleared once written
        CHECK(panel.state(sign) == ItemState::Partial);
        for (auto& c : panel.draft(sign).checks)
            c.result = CheckResult::Pass;
        REQUIRE(panel.recordSelected().ok);
        CHECK(panel.state(sign) == ItemState::Done);
        CHECK(panel.progress(*f).done == doneBefore + 1);
        CHECK_FALSE(panel.messageIsError());
        // 1 + every check lines, after the header.
        std::ifstream in(tmp.log);
        int lines = 0;
        for (std::string l; std::getline(in, l);)
            ++lines;
        CHECK(lines == 1 + 1 + int(sign.checks.size()));
    }

    SECTION("a red gauge fails the item and opens a hazard") {
        panel.inspector = "王伟";
        for (std::size_t k = 0; k < item.checks.size(); ++k)
            if (isGaugeCheck(item.checks[k].text))
                panel.setGaugeZone(item, k, "red");
        const RecordOutcome r = panel.recordSelected();
        REQUIRE(r.ok);
        CHECK(r.hazardsOpened.size() == 1);
        CHECK(panel.state(item) == ItemState::Failed);
        CHECK(panel.progress(*f).failed >= 1);
        CHECK(fs::exists(tmp.dir / "hazards.csv"));
    }

    SECTION("nothing is written without an inspector") {
        panel.draft(item).checks[0].result = CheckResult::Pass;
        const RecordOutcome r = panel.recordSelected();
        CHECK_FALSE(r.ok);
        CHECK(panel.messageIsError());
        CHECK(panel.message().find("inspector") != std::string::npos);
        CHECK_FALSE(fs::exists(tmp.log));
        CHECK(panel.draft(item).checks[0].result == CheckResult::Pass); // the draft is kept
    }

    SECTION("after the inspect-by date an item not done is overdue") {
        ChecklistPanel late(tinyProject(), Date{2026, 12, 31}, "");
        ComplianceData d = novemberData();
        d.today = Date{2026, 12, 31};
        late.setCompliance(d); // the November checklist, looked at on 31 December
        const ChecklistFloor* lf = late.floor("CL-1F");
        REQUIRE(lf);
        CHECK(late.state(lf->items[std::size_t(i)]) == ItemState::Overdue);
        CHECK(late.progress(*lf).overdue == int(lf->items.size()));
    }
}

TEST_CASE("a panel without a log is read-only", "[viewer][checklist]") {
    ChecklistPanel panel(tinyProject(), Date{2026, 11, 23}, "");
    panel.setCompliance(novemberData());
    CHECK_FALSE(panel.hasLog());
    CHECK_FALSE(panel.canRecord());
    CHECK_FALSE(panel.reloadLog());
    CHECK(panel.message().find("--log") != std::string::npos);
    Camera cam;
    panel.select("CL-1F", 0, cam, Insets{});
    panel.inspector = "王伟";
    panel.draft(*panel.selectedItem()).checks[0].result = CheckResult::Pass;
    const RecordOutcome r = panel.recordSelected();
    CHECK_FALSE(r.ok);
    CHECK(r.message.find("--log") != std::string::npos);
}

TEST_CASE("the panel cannot record what the unit's status contradicts", "[viewer][checklist]") {
    TempLog tmp;
    const Date today{2026, 11, 23};
    SECTION("a typo'd log path is refused, not taken for an empty log") {
        ChecklistPanel panel(tinyProject(), today, (tmp.dir / "lgo.csv").string());
        CHECK_FALSE(panel.reloadLog());
        CHECK_THAT(panel.message(), Catch::Contains("no inspection log at"));
        CHECK_FALSE(panel.canRecord());
    }
    ChecklistPanel panel(tinyProject(), today, tmp.log.string(), /*createLog=*/true);
    REQUIRE(panel.reloadLog());
    panel.setCompliance(novemberData());
    panel.inspector = "王伟";
    const ChecklistFloor* f = panel.floor("CL-1F");
    REQUIRE(f);
    // EXT-CL1-002: CO2 made 2013-02, 12-year life: expired since 2025-02-01.
    const int i = indexOf(*f, "EXT-CL1-002");
    REQUIRE(i >= 0);
    const ChecklistItem& item = f->items[std::size_t(i)];
    REQUIRE(novemberData().statusOf(item.id));
    CHECK(novemberData().statusOf(item.id)->status == ItemStatus::Expired);
    std::size_t dates = item.checks.size();
    for (std::size_t k = 0; k < item.checks.size(); ++k)
        if (item.checks[k].id == "dates")
            dates = k;
    REQUIRE(dates < item.checks.size());
    Camera cam;
    panel.select("CL-1F", i, cam, Insets{});

    SECTION("All pass leaves 'within maintenance and scrap dates' unticked, with the reason") {
        const std::string why = panel.allPass(item);
        CHECK_THAT(why, Catch::Contains("contradicts the unit's status (expired"));
        CHECK(panel.draft(item).checks[dates].result == CheckResult::None);
        for (std::size_t k = 0; k < item.checks.size(); ++k)
            if (k != dates)
                CHECK(panel.draft(item).checks[k].result == CheckResult::Pass);
        const RecordOutcome r = panel.recordSelected();
        INFO(r.message);
        CHECK(r.ok);
        CHECK(r.entries == int(item.checks.size()) - 1);
    }
    SECTION("a pass ticked by hand is refused by the core; nothing is written") {
        panel.draft(item).checks[dates].result = CheckResult::Pass;
        panel.draft(item).checks[0].result = CheckResult::Pass;
        const RecordOutcome r = panel.recordSelected();
        CHECK_FALSE(r.ok);
        CHECK_THAT(r.message, Catch::Contains("contradicts the unit's status"));
        CHECK_FALSE(fs::exists(tmp.log));
        // The truth is recorded: a fail of the same check, and a hazard for it.
        panel.draft(item).checks[dates].result = CheckResult::Fail;
        const RecordOutcome ok = panel.recordSelected();
        INFO(ok.message);
        CHECK(ok.ok);
        CHECK(ok.hazardsOpened.size() == 1);
    }
}
