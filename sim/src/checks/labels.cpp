// Expiry labels: which units get one, what each shows, and the printable A4 sheet.
// The dates are the checks' own (runChecks without coverage: UnitState for extinguishers,
// ItemCheck::due for the other kinds), so a label never disagrees with `muster check`.
#include <algorithm>
#include <cstdio>
#include <map>

#include "checks/svg.hpp"
#include "muster/labels.hpp"
#include "muster/ownership.hpp"
#include "muster/text.hpp"

namespace muster {

namespace {

// Bilingual words (Chinese first, as on the hospital's own signs and checklists).
const char* agentWords(ExtinguisherAgent a) {
    switch (a) {
    case ExtinguisherAgent::DryPowderAbc:
        return "ABC干粉 ABC dry powder";
    case ExtinguisherAgent::DryPowderBc:
        return "BC干粉 BC dry powder";
    case ExtinguisherAgent::Water:
        return "水基型 water";
    case ExtinguisherAgent::Foam:
        return "泡沫 foam";
    case ExtinguisherAgent::Co2:
        return "二氧化碳 CO2";
    case ExtinguisherAgent::CleanAgent:
        return "洁净气体 clean agent";
    case ExtinguisherAgent::WetChemical:
        return "湿式化学 wet chemical";
    }
    return "?";
}

const char* typeWords(ExtinguisherType t) {
    return t == ExtinguisherType::Wheeled ? "推车式 wheeled" : "手提式 handheld";
}

// The badge for a unit that is not simply in service and in date ("" = none).
const char* statusBadge(ItemStatus s) {
    switch (s) {
    case ItemStatus::Expired:
        return "已过期 EXPIRED";
    case ItemStatus::SentForRepair:
        return "送修 away for repair";
    case ItemStatus::Missing:
        return "缺失 missing";
    case ItemStatus::Spare:
        return "备用 spare";
    default:
        return "";
    }
}

std::string ratingText(const Extinguisher& e, const RulesProfile& rp) {
    std::optional<int> a = e.ratingA, b = e.ratingB;
    if (!a && !b) {
        auto it = rp.ratingFallback.find(e.model);
        if (it != rp.ratingFallback.end()) {
            a = it->second.a;
            b = it->second.b;
        }
    }
    std::string s;
    if (a && *a > 0)
        s += std::to_string(*a) + "A";
    if (b && *b > 0)
        s += (s.empty() ? "" : " ") + std::to_string(*b) + "B";
    return s;
}

const Room* roomById(const Floor& f, const std::string& id) {
    for (const Room& r : f.rooms)
        if (r.id == id)
            return &r;
    return nullptr;
}

template <class T> std::map<std::string, const T*> byId(const std::vector<T>& v) {
    std::map<std::string, const T*> m;
    for (const T& x : v)
        m.emplace(x.id, &x);
    return m;
}

} // namespace

LabelSheet buildLabels(const Project& project, const RulesSet& rules, Date today,
                       const LabelOptions& options, Diagnostics& diags) {
    LabelSheet out;
    out.today = today;
    for (const std::string& f : options.floors)
        if (!project.findFloor(f))
            diags.error(SourceLoc{"--floor", 0, 0, ""}, "",
                        "no floor \"" + f + "\" in the scenario");
    const Building* onlyBuilding = nullptr;
    if (!options.building.empty()) {
        for (const Building& b : project.buildings)
            if (b.id == options.building)
                onlyBuilding = &b;
        if (!onlyBuilding) {
            diags.error(SourceLoc{"--building", 0, 0, ""}, "",
                        "no building \"" + options.building + "\" in the scenario");
            return out;
        }
    }
    for (const std::string& k : options.kinds)
        if (!isLabelKind(k))
            diags.error(SourceLoc{"--kinds", 0, 0, ""}, "",
                        "no label kind \"" + k +
                            "\"; expected extinguisher, hydrant, light, sign or detector");
    if (diags.hasErrors())
        return out;

    CheckOptions co;
    co.coverage = false;
    co.floors = options.floors;
    const ComplianceReport rep = runChecks(project, rules, today, co, diags);
    std::map<std::string, const UnitState*> units;
    for (const FloorReport& fr : rep.floors)
        for (const UnitState& u : fr.unitStates)
            units.emplace(u.id, &u);
    const auto exts = byId(project.inventory.extinguishers);
    const auto hydrants = byId(project.inventory.hydrants);
    const auto lights = byId(project.inventory.lights);
    const auto signs = byId(project.inventory.signs);
    const auto detectors = byId(project.inventory.detectors);
    auto wanted = [&](const std::string& kind) {
        return std::find(options.kinds.begin(), options.kinds.end(), kind) != options.kinds.end();
    };
    auto before = [&](const std::optional<Date>& d) {
        return d && options.dueBefore && *d < *options.dueBefore;
    };

    for (const ItemCheck& ic : rep.items) {
        if (!wanted(ic.kind))
            continue;
        const Building* b = project.buildingOfFloor(ic.floor);
        const Floor* f = project.findFloor(ic.floor);
        if (!b || !f || (onlyBuilding && b != onlyBuilding))
            continue;
        auto rp = rules.find(b->rulesProfile);
        if (rp == rules.end())
            continue; // runChecks has said so
        Label l;
        l.kind = ic.kind;
        l.id = ic.id;
        l.status = ic.status;
        l.building = b->name.empty() ? b->id : b->name;
        l.floor = f->id;
        if (const Room* r = roomById(*f, ic.room))
            l.room = r->name.empty() ? r->id : r->name;
        if (ic.kind == "extinguisher") {
            const auto e = exts.find(ic.id);
            const auto u = units.find(ic.id);
            if (e == exts.end() || u == units.end())
                continue;
            const Extinguisher& x = *e->second;
            l.recorded = x.status;
            l.model = x.model;
            const std::string rating = ratingText(x, rp->second);
            if (!rating.empty())
                l.model += (l.model.empty() ? "" : " ") + rating;
            l.type = std::string(typeWords(x.type)) + " · " + agentWords(x.agent);
            if (x.fillKg > 0) {
                char kg[32];
                std::snprintf(kg, sizeof kg, "%g kg", x.fillKg);
                l.detail = kg;
            }
            l.manufactured = x.manufactured;
            l.lifeEnd = u->second->lifeEnd;
            l.noFixedLife = !l.lifeEnd;
            l.maintenanceDue = u->second->maintenanceDue;
            l.inspectionDue = u->second->inspectionDue;
            // The checks give no next inspection for a unit that is not active (expired, away,
            // spare, missing): only an active unit without a record is due now.
            l.inspectionNone = !l.inspectionDue && !x.lastInspection &&
                               x.status == EquipmentStatus::InService &&
                               ic.status != ItemStatus::Expired;
            if (options.dueBefore && !before(l.lifeEnd) && !before(l.maintenanceDue))
                continue;
        } else {
            char buf[64];
            if (ic.kind == "hydrant") {
                const Hydrant& h = *hydrants.at(ic.id);
                l.recorded = h.status;
                l.type = h.kind == HydrantKind::HoseReel ? "消防软管卷盘 hose reel"
                                                         : "室内消火栓 indoor hydrant";
                std::snprintf(buf, sizeof buf, "水带 hose %g m", h.hoseLengthM);
                l.detail = buf;
            } else if (ic.kind == "light") {
                const EmergencyLight& x = *lights.at(ic.id);
                l.recorded = x.status;
                l.type = "应急照明 emergency light";
                std::snprintf(buf, sizeof buf, "额定 rated %g min", x.ratedDurationMin);
                l.detail = buf;
            } else if (ic.kind == "sign") {
                const Sign& s = *signs.at(ic.id);
                l.recorded = s.status;
                l.type = s.kind == SignKind::Exit ? "安全出口标志 exit sign"
                                                  : "疏散指示标志 directional sign";
            } else {
                const Detector& d = *detectors.at(ic.id);
                l.recorded = d.status;
                l.type = d.kind == DetectorKind::Heat ? "感温探测器 heat detector"
                                                      : "感烟探测器 smoke detector";
            }
            l.inspectionDue = ic.due;
            l.inspectionNone = !l.inspectionDue && l.recorded == EquipmentStatus::InService;
            if (options.dueBefore && !before(l.inspectionDue))
                continue;
        }
        if (l.recorded == EquipmentStatus::Scrapped)
            continue; // never labelled
        if (auto ref = findItem(project, ic.id)) {
            const Owner o = ownerOf(project, *ref);
            l.department = o.department;
            if (o.dept)
                l.responsible = o.dept->responsible;
        } else {
            l.department = ic.department;
        }
        out.labels.push_back(std::move(l));
    }
    return out;
}

namespace {

const char* kCss =
    // A4 with no page margin: the stickers are placed in mm from the sheet's edges, so the
    // page must be printed at 100 % ("actual size"), not "fit to page".
    "@page{size:A4;margin:0}\n"
    "*{box-sizing:border-box}\n"
    "html,body{margin:0;padding:0;color:#000;background:#fff}\n"
    "body{font-family:\"WenQuanYi Micro Hei\",\"Noto Sans CJK SC\",\"Microsoft YaHei\","
    "\"PingFang SC\",sans-serif}\n"
    ".sheet{width:210mm;height:297mm;padding-top:0.5mm;display:grid;"
    "grid-template-columns:repeat(3,70mm);grid-template-rows:repeat(8,37mm);overflow:hidden;"
    "break-after:page;page-break-after:always}\n"
    ".sheet:last-child{break-after:auto;page-break-after:auto}\n"
    ".label{width:70mm;height:37mm;padding:1.8mm 3mm 1mm 3mm;overflow:hidden;font-size:2.1mm;"
    "line-height:1.22}\n"
    // The quiet zone is white already: the float's negative margins keep it from eating text room.
    ".label svg.qr{float:right;width:20mm;height:20mm;margin:-1.2mm -1.8mm 0 0.3mm}\n"
    ".id{font-size:4.6mm;font-weight:bold;line-height:1.1;white-space:nowrap;overflow:hidden}\n"
    ".id.long{font-size:3.2mm;white-space:normal;word-break:break-all}\n"
    ".id.longer{font-size:2.4mm;white-space:normal;word-break:break-all}\n"
    ".model b{font-size:2.5mm}\n"
    ".badge{display:inline-block;border:0.3mm solid #000;padding:0 0.8mm;font-weight:bold}\n"
    ".dates{clear:both;display:grid;grid-template-columns:1fr 1fr;column-gap:1.5mm;"
    "padding-top:0.3mm}\n"
    ".dates div{line-height:1.1;margin-bottom:0.4mm;white-space:nowrap;overflow:hidden}\n"
    ".k{display:block;font-size:1.8mm;color:#333}\n"
    ".v{font-size:2.4mm;font-weight:bold}\n"
    ".owner .k{display:inline;margin-right:0.8mm}\n"
    ".none{font-size:4mm;padding:20mm}\n"
    "@media screen{body{background:#777}.sheet{background:#fff;margin:0 auto 6mm}"
    ".label{outline:0.2mm dashed #bbb;outline-offset:-0.1mm}}\n";

// One sticker. Every name and id is escaped: they are user data.
std::string labelHtml(const Label& l, Date today) {
    using svg::esc;
    std::string s = "<div class=\"label\">";
    s += qrSvg(l.id, 20.0);
    const int w = displayWidth(l.id);
    s += std::string("<div class=\"id") +
         (w > 28   ? " longer"
          : w > 15 ? " long"
                   : "") +
         "\">" + esc(l.id) + "</div>";
    if (!l.model.empty() || !l.detail.empty())
        s += "<div class=\"model\"><b>" + esc(l.model) + "</b>" +
             (l.model.empty() || l.detail.empty() ? "" : " · ") + esc(l.detail) + "</div>";
    s += "<div>" + esc(l.type) + "</div>";
    std::string where = l.building;
    for (const std::string* p : {&l.floor, &l.room})
        if (!p->empty())
            where += (where.empty() ? "" : " · ") + *p;
    s += "<div>" + esc(where) + "</div>";
    if (*statusBadge(l.status))
        s += std::string("<div class=\"badge\">") + statusBadge(l.status) + "</div>";
    auto field = [](const char* caption, const std::string& value) {
        return std::string("<div><span class=\"k\">") + caption + "</span><span class=\"v\">" +
               value + "</span></div>";
    };
    auto due = [&](const std::optional<Date>& d, bool none) {
        if (!d)
            return std::string(none ? "立即 now (none on record)" : "—");
        return d->str() + (*d < today ? " 逾期 overdue" : "");
    };
    s += "<div class=\"dates\">";
    if (l.kind == "extinguisher") {
        s += field("生产日期 Made", l.manufactured ? l.manufactured->str() : "—");
        s += field("报废日期 Scrap date",
                   l.noFixedLife ? std::string("无固定年限 no fixed life")
                                 : (l.lifeEnd ? l.lifeEnd->str() : "—") +
                                       (l.lifeEnd && *l.lifeEnd <= today ? " 已过期 expired" : ""));
        s += field("下次维修 Next maintenance",
                   l.maintenanceDue ? due(l.maintenanceDue, false) : "—");
        s += field("下次检查 Next inspection", due(l.inspectionDue, l.inspectionNone));
    } else {
        const bool test = l.kind == "light" || l.kind == "detector";
        s += field(test ? "下次测试 Next test" : "下次检查 Next inspection",
                   due(l.inspectionDue, l.inspectionNone));
    }
    s += "</div><div class=\"owner\"><span class=\"k\">责任部门 Owner</span>" +
         (l.department.empty() ? std::string("—") : esc(l.department)) +
         (l.responsible.empty() ? "" : " · 责任人 " + esc(l.responsible)) + "</div>";
    s += "</div>\n";
    return s;
}

} // namespace

std::string labelSheetHtml(const LabelSheet& sheet) {
    std::string s = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>";
    s += "灭火器标签 Equipment labels " + sheet.today.str() + " (" +
         plural(static_cast<long long>(sheet.labels.size()), "label", "labels") +
         ")</title>\n<style>\n";
    s += kCss;
    s += "</style></head><body>\n";
    if (sheet.labels.empty())
        s += "<section class=\"sheet\"><p class=\"none\">没有符合条件的设备 No units match "
             "(as of " +
             sheet.today.str() + ").</p></section>\n";
    for (std::size_t i = 0; i < sheet.labels.size(); ++i) {
        if (i % LabelStock::kPerSheet == 0)
            s += (i ? "</section>\n" : "") + std::string("<section class=\"sheet\">\n");
        s += labelHtml(sheet.labels[i], sheet.today);
    }
    if (!sheet.labels.empty())
        s += "</section>\n";
    s += "</body></html>\n";
    return s;
}

std::string labelSheetHtml(const Project& project, const RulesSet& rules, Date today,
                           const LabelOptions& options, Diagnostics& diags) {
    return labelSheetHtml(buildLabels(project, rules, today, options, diags));
}

} // namespace muster
