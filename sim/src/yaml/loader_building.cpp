#include "yaml/loader_internal.hpp"

#include "muster/limits.hpp"

namespace muster::yaml {

namespace fs = std::filesystem;

Building Loader::building(MapReader& r, const std::string& baseDir) {
    Building b;
    b.loc = r.loc();
    MapReader::set(b.id, r.str("id", true));
    MapReader::set(b.name, r.str("name", false));
    MapReader::set(b.rulesProfile, r.str("rules_profile", false));
    if (b.rulesProfile.empty())
        b.rulesProfile = "cn";
    else if (b.rulesProfile != "cn" && b.rulesProfile != "nfpa")
        r.ctx().error(r.get("rules_profile", false, ""), r.pathOf("rules_profile"),
                      "expected one of cn, nfpa; got \"" + b.rulesProfile + "\"");
    MapReader::set(b.sprinklered, r.boolean("sprinklered", false));
    MapReader::set(b.hydrants, r.boolean("hydrants", false));
    MapReader::set(b.department, r.str("department", false));
    const Ctx& c = r.ctx();
    list(r, "assembly_points", false, "a list of assembly points",
         [&](const YAML::Node& n, const std::string& p) {
             MapReader ar(c, n, p);
             if (!ar.ok())
                 return;
             AssemblyPoint a;
             a.loc = ar.loc();
             MapReader::set(a.id, ar.str("id", true));
             MapReader::set(a.name, ar.str("name", false));
             ar.finish();
             b.assemblyPoints.push_back(a);
         });
    list(r, "floors", true, "a list of floor files or floors",
         [&](const YAML::Node& n, const std::string& p) {
             section(c, n, p, baseDir, "floor", [&](MapReader& fr, const std::string&) {
                 Floor f = floor(fr);
                 if (f.building.empty())
                     f.building = b.id;
                 else if (f.building != b.id)
                     fr.ctx().error(fr.get("building", false, ""), fr.pathOf("building"),
                                    "floor says it belongs to building \"" + f.building +
                                        "\" but is listed by building \"" + b.id + "\"");
                 b.floors.push_back(std::move(f));
             });
         });
    list(r, "stairs", false, "a list of stairs", [&](const YAML::Node& n, const std::string& p) {
        MapReader sr(c, n, p);
        if (!sr.ok())
            return;
        Stair s;
        s.loc = sr.loc();
        MapReader::set(s.id, sr.str("id", true));
        MapReader::set(s.widthM, sr.numIn("width_m", true, "a width in metres", limits::kMinWidthM,
                                          limits::kMaxWidthM));
        MapReader::set(s.lengthM, sr.num("length_m", true, "a length in metres", Bound::Positive));
        auto end = [&](const char* key, StairEnd& e) {
            YAML::Node en = sr.get(key, true, "a stair end {floor, at}");
            if (!en.IsDefined())
                return;
            MapReader er(c, en, sr.pathOf(key));
            if (!er.ok())
                return;
            e.loc = er.loc();
            MapReader::set(e.floor, er.str("floor", true));
            MapReader::set(e.at, er.point("at", true));
            er.finish();
        };
        end("lower", s.lower);
        end("upper", s.upper);
        sr.finish();
        b.stairs.push_back(s);
    });
    return b;
}

Floor Loader::floor(MapReader& r) {
    Floor f;
    f.loc = r.loc();
    const Ctx& c = r.ctx();
    MapReader::set(f.id, r.str("id", true));
    MapReader::set(f.building, r.str("building", false));
    MapReader::set(f.name, r.str("name", false));
    MapReader::set(f.level, r.intIn("level", false, "a storey number", -10, 300));
    MapReader::set(f.elevationM, r.num("elevation_m", false, "an elevation in metres"));
    MapReader::set(f.department, r.str("department", false));
    MapReader::set(f.outline, r.points("outline", true, 3, "an outline polygon"));
    list(r, "compartments", false, "a list of compartments",
         [&](const YAML::Node& n, const std::string& p) {
             MapReader cr(c, n, p);
             if (!cr.ok())
                 return;
             Compartment k;
             k.loc = cr.loc();
             MapReader::set(k.id, cr.str("id", true));
             MapReader::set(k.name, cr.str("name", false));
             MapReader::set(k.kind, cr.enumeration("kind", false, names::compartmentKinds()));
             if (auto v = cr.intIn("rating_min", false, "a fire rating in minutes", 0, 600))
                 k.ratingMin = *v;
             cr.finish();
             f.compartments.push_back(k);
         });
    list(r, "walls", false, "a list of walls", [&](const YAML::Node& n, const std::string& p) {
        MapReader wr(c, n, p);
        if (!wr.ok())
            return;
        Wall w;
        w.loc = wr.loc();
        MapReader::set(w.id, wr.str("id", false));
        if (w.id.empty())
            w.id = f.id + "/wall#" + std::to_string(f.walls.size() + 1);
        MapReader::set(w.points, wr.points("points", true, 2, "a wall polyline"));
        MapReader::set(w.thicknessM,
                       wr.num("thickness_m", false, "a thickness in metres", Bound::Positive));
        wr.finish();
        f.walls.push_back(w);
    });
    list(r, "obstacles", false, "a list of obstacles",
         [&](const YAML::Node& n, const std::string& p) {
             MapReader orr(c, n, p);
             if (!orr.ok())
                 return;
             Obstacle o;
             o.loc = orr.loc();
             MapReader::set(o.id, orr.str("id", false));
             MapReader::set(o.polygon, orr.points("polygon", true, 3, "an obstacle polygon"));
             orr.finish();
             f.obstacles.push_back(o);
         });
    list(r, "rooms", true, "a list of rooms", [&](const YAML::Node& n, const std::string& p) {
        MapReader rr(c, n, p);
        if (!rr.ok())
            return;
        Room m;
        m.loc = rr.loc();
        MapReader::set(m.id, rr.str("id", true));
        MapReader::set(m.name, rr.str("name", false));
        MapReader::set(m.kind, rr.enumeration("kind", true, names::roomKinds()));
        MapReader::set(m.polygon, rr.points("polygon", true, 3, "a room polygon"));
        MapReader::set(m.department, rr.str("department", false));
        if (auto h = rr.enumeration("hazard", false, names::hazardLevels()))
            m.hazard = h;
        MapReader::set(m.compartment, rr.str("compartment", false));
        MapReader::set(m.fireCompartment, rr.str("fire_compartment", false));
        MapReader::set(m.halfMonthly, rr.boolean("half_monthly", false));
        MapReader::set(m.sprinklered, rr.boolean("sprinklered", false));
        rr.finish();
        f.rooms.push_back(m);
    });
    list(r, "doors", false, "a list of doors", [&](const YAML::Node& n, const std::string& p) {
        MapReader dr(c, n, p);
        if (!dr.ok())
            return;
        Door d;
        d.loc = dr.loc();
        MapReader::set(d.id, dr.str("id", true));
        MapReader::set(d.at, dr.point("at", true));
        MapReader::set(d.widthM, dr.numIn("width_m", true, "a width in metres", limits::kMinWidthM,
                                          limits::kMaxWidthM));
        YAML::Node rooms = dr.get("rooms", true, "the two room ids the door joins");
        if (rooms.IsDefined()) {
            if (rooms.IsSequence() && rooms.size() == 2 && rooms[0].IsScalar() &&
                rooms[1].IsScalar()) {
                d.roomA = rooms[0].Scalar();
                d.roomB = rooms[1].Scalar();
            } else {
                c.error(rooms, dr.pathOf("rooms"),
                        "expected the two room ids the door joins, [a, b], got " +
                            (rooms.IsSequence() ? "a list of " + std::to_string(rooms.size()) +
                                                      (rooms.size() == 1 ? " item" : " items")
                                                : yaml::describe(rooms)));
            }
        }
        MapReader::set(d.fireDoor, dr.boolean("fire_door", false));
        if (auto v = dr.intIn("fire_rating_min", false, "a fire rating in minutes", 0, 600))
            d.fireRatingMin = *v;
        MapReader::set(d.state, dr.enumeration("state", false, names::doorStates()));
        MapReader::set(d.closesOnAlarm, dr.boolean("closes_on_alarm", false));
        dr.finish();
        f.doors.push_back(d);
    });
    list(r, "exits", false, "a list of exits", [&](const YAML::Node& n, const std::string& p) {
        MapReader er(c, n, p);
        if (!er.ok())
            return;
        Exit e;
        e.loc = er.loc();
        MapReader::set(e.id, er.str("id", true));
        MapReader::set(e.at, er.point("at", true));
        MapReader::set(e.widthM, er.numIn("width_m", true, "a width in metres", limits::kMinWidthM,
                                          limits::kMaxWidthM));
        MapReader::set(e.room, er.str("room", true));
        MapReader::set(e.assemblyPoint, er.str("assembly_point", false));
        MapReader::set(e.state, er.enumeration("state", false, names::doorStates()));
        MapReader::set(e.signed_, er.boolean("signed", false));
        MapReader::set(e.obstructed, er.boolean("obstructed", false));
        er.finish();
        f.exits.push_back(e);
    });
    return f;
}

} // namespace muster::yaml
