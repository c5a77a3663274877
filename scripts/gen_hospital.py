#!/usr/bin/env python3
"""Generate Muster's bundled county general hospital under scenarios/hospital/.

Deterministic (fixed seed, stdlib only). Three buildings: the outpatient building OPD (3 floors),
the ward tower WT (B1, 1F lobby, 2F operating suite, 3F ICU, 4F-9F wards, RF plant) and the staff
dormitory DORM (4 floors); the fire-equipment inventory as of 2026-11-23; day and night
populations; three scenario files.

    python3 scripts/gen_hospital.py           # write the files
    python3 scripts/gen_hospital.py --check   # write, re-read the YAML and verify the geometry rules

Every floor is a rectangle tiled by rectangular rooms. Interior walls are derived from the rooms:
every boundary shared by two rooms becomes a wall (merged into maximal straight runs); doors are
openings on those walls, placed on the shared boundary of the two rooms they join.
"""
import argparse
import datetime as dt
import json
import math
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "scenarios", "hospital")
TODAY = dt.date(2026, 11, 23)
SEED = 20261123
rng = random.Random(SEED)
EPS = 1e-6
OFF = 0.35  # equipment sits this far off a wall (validator wants >= 0.3 m inside the room)

# ----------------------------------------------------------------------------------------
# YAML emitter (flow style per item)
# ----------------------------------------------------------------------------------------
_SPECIAL = set(':#,[]{}&*!|>\'"%@`')


def fnum(v):
    v = round(float(v), 3)
    if abs(v - round(v)) < 1e-9:
        return str(int(round(v)))
    return ("%.3f" % v).rstrip("0")


def ystr(s):
    plain = (s and not (set(s) & _SPECIAL) and s.strip() == s and s[0] not in "-?"
             and s.lower() not in ("true", "false", "yes", "no", "null", "on", "off", "~"))
    try:
        float(s)
        plain = False
    except ValueError:
        pass
    return s if plain else '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def y(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return fnum(v)
    if isinstance(v, str):
        return ystr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(y(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join("%s: %s" % (k, y(x)) for k, x in v.items()) + "}"
    raise TypeError(v)


def write_yaml(path, doc, header=""):
    """doc: dict; scalar values inline, lists of items one flow item per line."""
    lines = [l for l in header.splitlines()]
    for k, v in doc.items():
        if isinstance(v, list) and (not v or isinstance(v[0], dict)):
            if not v:
                lines.append("%s: []" % k)
                continue
            lines.append("%s:" % k)
            lines.extend("  - " + y(item) for item in v)
        else:
            lines.append("%s: %s" % (k, y(v)))
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# ----------------------------------------------------------------------------------------
# Floor builder
# ----------------------------------------------------------------------------------------
def rect_pts(r):
    x0, y0, x1, y1 = r
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


class Plan:
    """One floor: a W x H rectangle tiled by rectangular rooms."""

    def __init__(self, bld, fid, code, name, level, elev, w, h):
        self.bld, self.id, self.code, self.name = bld, fid, code, name
        self.level, self.elev, self.w, self.h = level, elev, w, h
        self.rooms, self.order = {}, []
        self.doors, self.exits, self.obstacles, self.compartments = [], [], [], []
        self.stairs = {}  # core letter -> stair room id
        self.defaults = {}

    def comp(self, cid, name, kind="smoke", rating=60):
        self.compartments.append({"id": cid, "name": name, "kind": kind, "rating_min": rating})

    def room(self, rid, name, kind, x0, y0, x1, y1, **kw):
        r = tuple(round(v, 3) for v in (x0, y0, x1, y1))
        assert r[0] < r[2] and r[1] < r[3], rid
        attrs = dict(self.defaults)
        if kind == "stair":
            attrs = {}
        attrs.update(kw)
        self.rooms[rid] = {"id": rid, "name": name, "kind": kind, "r": r, "attrs": attrs}
        self.order.append(rid)
        return rid

    def row(self, y0, y1, x, specs, corridors):
        """Rooms side by side from x; each gets a door to the corridor it borders most.
        spec: (id, name, kind, width, door_width[, attrs])."""
        for spec in specs:
            rid, name, kind, width, dw = spec[:5]
            attrs = spec[5] if len(spec) > 5 else {}
            self.room(rid, name, kind, x, y0, x + width, y1, **attrs)
            x += width
            if dw:
                best = max(corridors, key=lambda c: self.shared_len(rid, c))
                kw = {"fire_door": True, "fire_rating_min": 60} if kind in FIRE_ROOMS else {}
                self.door(rid, best, dw, **kw)
        return x

    def shared(self, a, b):
        """The boundary segment shared by rooms a and b: (axis, c, lo, hi) or None."""
        ra, rb = self.rooms[a]["r"], self.rooms[b]["r"]
        for ea, eb, axis in ((2, 0, "x"), (0, 2, "x"), (3, 1, "y"), (1, 3, "y")):
            if abs(ra[ea] - rb[eb]) < EPS:
                i = 1 if axis == "x" else 0
                lo, hi = max(ra[i], rb[i]), min(ra[i + 2], rb[i + 2])
                if hi - lo > EPS:
                    return axis, ra[ea], lo, hi
        return None

    def shared_len(self, a, b):
        s = self.shared(a, b)
        return s[3] - s[2] if s else 0.0

    def door(self, a, b, width, at=None, did=None, **kw):
        s = self.shared(a, b)
        assert s, "no shared boundary %s/%s" % (a, b)
        axis, c, lo, hi = s
        t = (lo + hi) / 2 if at is None else at
        assert lo + 0.1 <= t - width / 2 and t + width / 2 <= hi - 0.1, (a, b, width, t, lo, hi)
        pt = [round(c, 3), round(t, 3)] if axis == "x" else [round(t, 3), round(c, 3)]
        if did is None:
            n = sum(1 for d in self.doors if d["rooms"][0] == a)
            did = "D-%s" % a if n == 0 else "D-%s-%d" % (a, n + 1)
        d = {"id": did, "at": pt, "width_m": width, "rooms": [a, b]}
        d.update(kw)
        self.doors.append(d)
        return d

    def exit(self, rid, side, width, ap, at=None):
        x0, y0, x1, y1 = self.rooms[rid]["r"]
        if side in "SN":
            c = 0.0 if side == "S" else self.h
            assert abs((y0 if side == "S" else y1) - c) < EPS, (rid, side)
            t = (x0 + x1) / 2 if at is None else at
            assert x0 + 0.1 <= t - width / 2 and t + width / 2 <= x1 - 0.1
            pt = [t, c]
        else:
            c = 0.0 if side == "W" else self.w
            assert abs((x0 if side == "W" else x1) - c) < EPS, (rid, side)
            t = (y0 + y1) / 2 if at is None else at
            assert y0 + 0.1 <= t - width / 2 and t + width / 2 <= y1 - 0.1
            pt = [c, t]
        eid = "X-%s-%d" % (self.id, len(self.exits) + 1)
        self.exits.append({"id": eid, "at": pt, "width_m": width, "room": rid,
                           "assembly_point": ap, "state": "open", "signed": True,
                           "obstructed": False})

    def obstacle(self, oid, x0, y0, x1, y1):
        self.obstacles.append({"id": oid, "polygon": rect_pts((x0, y0, x1, y1))})

    def stair_room(self, core, rid, x0, y0, x1, y1, corridor, width):
        self.room(rid, "楼梯间 %s Stair %s" % (core, core), "stair", x0, y0, x1, y1)
        self.stairs[core] = rid
        self.door(rid, corridor, round(width + 0.1, 2), fire_door=True, fire_rating_min=90,
                  state="closed")

    def walls(self):
        lines = {}
        ids = self.order
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                s = self.shared(a, b)
                if s:
                    lines.setdefault((s[0], round(s[1], 3)), []).append((s[2], s[3]))
        out = []
        for (axis, c), ivs in sorted(lines.items()):
            ivs.sort()
            merged = [list(ivs[0])]
            for lo, hi in ivs[1:]:
                if lo <= merged[-1][1] + EPS:
                    merged[-1][1] = max(merged[-1][1], hi)
                else:
                    merged.append([lo, hi])
            for lo, hi in merged:
                pts = [[c, lo], [c, hi]] if axis == "x" else [[lo, c], [hi, c]]
                out.append({"points": pts})
        return out

    def department(self):
        """The floor's owner: the department with the most room area on it (corridors, stairs
        and anything else without a department of its own take it)."""
        by = {}
        for rm in self.rooms.values():
            d = rm["attrs"].get("department")
            if d:
                x0, y0, x1, y1 = rm["r"]
                by[d] = by.get(d, 0.0) + (x1 - x0) * (y1 - y0)
        return max(sorted(by), key=lambda d: by[d]) if by else ""

    def doc(self):
        rooms = []
        for rid in self.order:
            rm = self.rooms[rid]
            d = {"id": rid, "name": rm["name"], "kind": rm["kind"], "polygon": rect_pts(rm["r"])}
            a = rm["attrs"]
            for k in ("department", "hazard", "compartment", "fire_compartment"):
                if a.get(k):
                    d[k] = a[k]
            for k in ("half_monthly", "sprinklered"):
                if a.get(k):
                    d[k] = True
            rooms.append(d)
        doc = {"kind": "floor", "id": self.id, "name": self.name, "level": self.level,
               "elevation_m": float(self.elev)}
        if self.department():
            doc["department"] = self.department()
        doc.update({"outline": rect_pts((0, 0, self.w, self.h)),
               "compartments": self.compartments, "walls": self.walls()})
        if self.obstacles:
            doc["obstacles"] = self.obstacles
        doc["rooms"] = rooms
        doc["doors"] = self.doors
        if self.exits:
            doc["exits"] = self.exits
        return doc


FIRE_ROOMS = ("power_distribution", "boiler_room", "oxygen_plant", "elevator_machine_room",
              "records", "kitchen")
NO_SPRINKLER = ("power_distribution", "elevator_machine_room", "stair")

# ----------------------------------------------------------------------------------------
# Ward tower WT: 80 x 18 m. South band y 0..7.8, corridor 7.8..10.2 (2.4 m), north 10.2..18.
# Stair cores A (x 0..4) and B (x 76..80) in the north band; elevator lobby x 36..44.
# ----------------------------------------------------------------------------------------
WT_W, WT_H, WT_S, WT_N = 80.0, 18.0, 7.8, 10.2
WT_STAIR_W = 1.4
WT_LEVELS = [(-1, "B1", -5.0), (1, "1F", 0.0), (2, "2F", 4.8), (3, "3F", 9.3)] + \
    [(n, "%dF" % n, round(13.5 + 4.2 * (n - 4), 2)) for n in range(4, 10)] + [(10, "RF", 38.7)]
WARD_DEPTS = {4: ("心内科 Cardiology", "呼吸内科 Respiratory medicine"),
              5: ("普外科 General surgery", "骨科 Orthopaedics"),
              6: ("神经内科 Neurology", "肾内科 Nephrology"),
              7: ("产科 Obstetrics", "妇科 Gynaecology"),
              8: ("儿科 Paediatrics", "肿瘤科 Oncology"),
              9: ("老年科 Geriatrics", "康复科 Rehabilitation")}


def wt_plan(level, tag, elev, title):
    p = Plan("WT", "WT-%s" % tag, "WT" + tag.replace("F", ""), "住院楼 %s %s" % (tag, title),
             level, elev, WT_W, WT_H)
    return p


def wt_split_core(p, ca, cb, lobby_door_w=1.8, fire_rating=60):
    """Corridors A (x 0..40) and B (40..80) with a smoke-barrier door, stairs, elevator lobby."""
    pre = p.id
    p.room(ca, "走廊 A Corridor A", "corridor", 0, WT_S, 40, WT_N, compartment=pre + "-A")
    p.room(cb, "走廊 B Corridor B", "corridor", 40, WT_S, 80, WT_N, compartment=pre + "-B")
    p.door(ca, cb, 1.8, did="D-%s-SB" % pre, fire_door=True, fire_rating_min=fire_rating,
           closes_on_alarm=True)
    p.stair_room("A", pre + "-S1", 0, WT_N, 4, WT_H, ca, WT_STAIR_W)
    p.stair_room("B", pre + "-S2", 76, WT_N, 80, WT_H, cb, WT_STAIR_W)
    el = p.room(pre + "-EL", "电梯厅 Elevator lobby", "elevator_lobby", 36, WT_N, 44, WT_H,
                compartment=pre + "-L")
    p.obstacle(pre + "-SHAFT", 36.4, 15.2, 43.6, 17.8)
    for c, x in ((ca, 38.0), (cb, 42.0)):
        p.door(el, c, lobby_door_w, at=x, fire_door=True, fire_rating_min=fire_rating,
               closes_on_alarm=True)
    return el


def wt_compartments(p, fire_rating=180):
    p.comp(p.id + "-A", "防烟分区 A Smoke compartment A")
    p.comp(p.id + "-B", "防烟分区 B Smoke compartment B")
    p.comp(p.id + "-L", "电梯前室 Elevator lobby")
    p.comp(p.id + "-FC", "防火分区 Fire compartment", "fire", fire_rating)


def side_attrs(p, unit, dept):
    return {"department": dept, "compartment": "%s-%s" % (p.id, unit)}


def wt_ward(n):
    dA, dB = WARD_DEPTS[n]
    _, tag, elev = WT_LEVELS[n]
    p = wt_plan(n, tag, elev, "病房层 Ward floor")
    p.defaults = {"fire_compartment": p.id + "-FC", "sprinklered": True}
    wt_compartments(p)
    ca, cb = p.id + "-CA", p.id + "-CB"
    wt_split_core(p, ca, cb)
    A, B = side_attrs(p, "A", dA), side_attrs(p, "B", dB)

    def ward(k, attrs):
        rid = "WT-%d%02d" % (n, k)
        return (rid, "病房 %d%02d Ward %d%02d" % (n, k, n, k), "ward", 3.6, 1.2, attrs)

    south = [ward(k, A) for k in range(1, 11)]
    south += [(p.id + "-PA", "配餐间 Pantry", "other", 4.0, 0.9, A),
              (p.id + "-LB", "被服库 Linen store", "storage", 4.0, 1.0, B)]
    south += [ward(k, B) for k in range(14, 24)]
    p.row(0, WT_S, 0, south, [ca, cb])
    north_a = [(p.id + "-UA", "污物间 Sluice A", "storage", 3.0, 1.0, A)]
    north_a += [ward(k, A) for k in (11, 12, 13)]
    north_a += [(p.id + "-NSA", "护士站 A Nurse station A", "nurse_station", 6.2, 2.4, A),
                (p.id + "-TA", "治疗室 A Treatment A", "other", 4.0, 1.0, A),
                (p.id + "-OA", "医生办公室 A Doctors' office A", "office", 4.0, 0.9, A),
                (p.id + "-WCA", "卫生间 A Toilet A", "toilet", 4.0, 0.9, A)]
    p.row(WT_N, WT_H, 4, north_a, [ca])
    north_b = [(p.id + "-WCB", "卫生间 B Toilet B", "toilet", 4.0, 0.9, B),
               (p.id + "-OB", "医生办公室 B Doctors' office B", "office", 4.0, 0.9, B),
               (p.id + "-TB", "治疗室 B Treatment B", "other", 4.0, 1.0, B),
               (p.id + "-NSB", "护士站 B Nurse station B", "nurse_station", 6.2, 2.4, B)]
    north_b += [ward(k, B) for k in (24, 25, 26)]
    north_b += [(p.id + "-UB", "污物间 Sluice B", "storage", 3.0, 1.0, B)]
    p.row(WT_N, WT_H, 44, north_b, [cb])
    return p


def wt_icu():
    p = wt_plan(3, "3F", 9.3, "重症监护 ICU")
    p.defaults = {"fire_compartment": p.id + "-FC", "sprinklered": True}
    wt_compartments(p)
    ca, cb = p.id + "-CA", p.id + "-CB"
    wt_split_core(p, ca, cb)
    A, B = side_attrs(p, "A", "重症医学科 ICU"), side_attrs(p, "B", "重症医学科 ICU")
    south = [("WT-301", "ICU 病区 A1 ICU bay A1 (4 beds)", "icu", 8.0, 1.6, A),
             ("WT-302", "ICU 病区 A2 ICU bay A2 (4 beds)", "icu", 8.0, 1.6, A),
             ("WT-303", "隔离病房 A3 Isolation A3", "icu", 4.0, 1.2, A),
             ("WT-304", "隔离病房 A4 Isolation A4", "icu", 4.0, 1.2, A),
             (p.id + "-EQA", "设备间 A Equipment store A", "storage", 6.0, 1.2, A),
             (p.id + "-UA", "污物间 A Sluice A", "storage", 6.0, 1.0, A),
             (p.id + "-PA", "配餐间 Pantry", "other", 4.0, 0.9, A),
             (p.id + "-LB", "被服库 Linen store", "storage", 4.0, 1.0, B),
             (p.id + "-UB", "污物间 B Sluice B", "storage", 6.0, 1.0, B),
             (p.id + "-EQB", "设备间 B Equipment store B", "storage", 6.0, 1.2, B),
             ("WT-305", "隔离病房 B4 Isolation B4", "icu", 4.0, 1.2, B),
             ("WT-306", "隔离病房 B3 Isolation B3", "icu", 4.0, 1.2, B),
             ("WT-307", "ICU 病区 B2 ICU bay B2 (4 beds)", "icu", 8.0, 1.6, B),
             ("WT-308", "ICU 病区 B1 ICU bay B1 (4 beds)", "icu", 8.0, 1.6, B)]
    p.row(0, WT_S, 0, south, [ca, cb])
    north = [(p.id + "-FW", "家属等候 Family waiting", "lobby", 8.0, 1.5, A),
             (p.id + "-OA", "医生办公室 Doctors' office", "office", 6.0, 0.9, A),
             (p.id + "-NSA", "护士站 A Nurse station A", "nurse_station", 8.0, 2.4, A),
             (p.id + "-CH", "更衣室 Staff changing", "other", 6.0, 0.9, A),
             (p.id + "-WCA", "卫生间 Toilet A", "toilet", 4.0, 0.9, A)]
    p.row(WT_N, WT_H, 4, north, [ca])
    north = [(p.id + "-WCB", "卫生间 Toilet B", "toilet", 4.0, 0.9, B),
             (p.id + "-RS", "值班休息室 Staff rest", "other", 6.0, 0.9, B),
             (p.id + "-NSB", "护士站 B Nurse station B", "nurse_station", 8.0, 2.4, B),
             (p.id + "-OB", "主任办公室 Director's office", "office", 6.0, 0.9, B),
             (p.id + "-LAB", "血气分析室 Blood-gas laboratory", "laboratory", 8.0, 1.0, B)]
    p.row(WT_N, WT_H, 44, north, [cb])
    return p


def wt_operating():
    p = wt_plan(2, "2F", 4.8, "手术部 Operating suite")
    p.defaults = {"fire_compartment": p.id + "-FC", "sprinklered": True}
    wt_compartments(p)
    ca, cb = p.id + "-CA", p.id + "-CB"
    wt_split_core(p, ca, cb)
    dep = "麻醉手术科 Anaesthesia and theatres"
    A, B = side_attrs(p, "A", dep), side_attrs(p, "B", dep)

    def ot(k, attrs):
        return ("WT-2%02d" % k, "手术室 %d Operating theatre %d" % (k, k), "operating", 6.0, 1.4,
                attrs)

    south = [ot(k, A) for k in range(1, 5)]
    south += [(p.id + "-SS", "无菌物品库 Sterile store", "storage", 6.0, 1.2, A),
              (p.id + "-AP", "麻醉准备间 Anaesthesia preparation", "other", 6.0, 1.2, A),
              (p.id + "-CU", "清洁库 Clean utility", "storage", 4.0, 1.0, A),
              (p.id + "-DU", "污物间 Dirty utility", "storage", 4.0, 1.0, B),
              (p.id + "-AO", "麻醉科办公室 Anaesthesia office", "office", 6.0, 0.9, B)]
    south += [ot(k, B) for k in range(5, 9)]
    south += [(p.id + "-EQ", "设备库 Equipment store", "storage", 6.0, 1.2, B)]
    p.row(0, WT_S, 0, south, [ca, cb])
    north = [(p.id + "-PRE", "术前准备区 Pre-op holding", "other", 8.0, 1.6, A),
             (p.id + "-PACU", "麻醉复苏室 Recovery (PACU)", "other", 12.0, 1.6, A),
             (p.id + "-NSA", "护士站 Nurse station", "nurse_station", 6.0, 2.4, A),
             (p.id + "-CH", "换鞋更衣 Changing", "other", 6.0, 1.0, A)]
    p.row(WT_N, WT_H, 4, north, [ca])
    north = [(p.id + "-OB", "医生办公室 Surgeons' office", "office", 6.0, 0.9, B),
             (p.id + "-CHB", "员工更衣 Staff changing", "other", 8.0, 1.0, B),
             (p.id + "-AW", "麻醉工作间 Anaesthesia workroom", "other", 6.0, 1.0, B),
             (p.id + "-SUP", "无菌供应 Sterile supply", "storage", 12.0, 1.2, B)]
    p.row(WT_N, WT_H, 44, north, [cb])
    return p


def wt_ground():
    p = wt_plan(1, "1F", 0.0, "住院大厅 Ground floor")
    fc = p.id + "-FC"
    p.defaults = {"fire_compartment": fc, "sprinklered": True, "compartment": p.id + "-SC"}
    p.comp(p.id + "-SC", "防烟分区 Smoke compartment")
    p.comp(fc, "防火分区 Fire compartment", "fire", 180)
    cw, ce, lob = p.id + "-CW", p.id + "-CE", p.id + "-LOB"
    p.room(cw, "走廊 西 West corridor", "corridor", 0, WT_S, 32, WT_N)
    p.room(lob, "住院大厅 Main lobby", "lobby", 32, 0, 48, WT_N, department="门诊服务 Services",
           half_monthly=True)
    p.room(ce, "走廊 东 East corridor", "corridor", 48, WT_S, 80, WT_N)
    p.obstacle(p.id + "-DESK", 42.0, 3.0, 46.0, 4.0)
    for c in (cw, ce):
        p.door(lob, c, 2.0)
    p.stair_room("A", p.id + "-S1", 0, WT_N, 4, WT_H, cw, WT_STAIR_W)
    p.stair_room("B", p.id + "-S2", 76, WT_N, 80, WT_H, ce, WT_STAIR_W)
    dep = {"department": "住院服务 Inpatient services"}
    south = [(p.id + "-FCR", "消防控制室 Fire control room", "office", 3.6, 0.9, dep),
             (p.id + "-ADM", "入院处 Admissions", "office", 8.4, 1.5, dep),
             (p.id + "-BIL", "住院收费 Inpatient billing", "office", 8.0, 1.2, dep),
             (p.id + "-PH", "住院药房 Inpatient pharmacy", "pharmacy", 12.0, 1.2,
              {"department": "药剂科 Pharmacy"})]
    p.row(0, WT_S, 0, south, [cw])
    south = [(p.id + "-REC", "病案室 Medical records", "records", 8.0, 1.0, dep),
             (p.id + "-INS", "医保办 Medical insurance office", "office", 8.0, 0.9, dep),
             (p.id + "-ST", "中心库房 Central stores", "storage", 8.0, 1.2, dep),
             (p.id + "-O2", "医用氧气汇流排间 Oxygen manifold room", "oxygen_plant", 8.0, 1.5,
              {"department": "设备科 Facilities", "hazard": "severe"})]
    p.row(0, WT_S, 48, south, [ce])
    north = [(p.id + "-SVC", "服务中心 Patient service centre", "office", 8.0, 1.2, dep),
             (p.id + "-SHOP", "便利店 Shop", "other", 8.0, 1.5, dep)]
    p.row(WT_N, WT_H, 4, north, [cw])
    wait = p.room(p.id + "-WAIT", "入院等候区 Admission waiting", "lobby", 20, WT_N, 36, WT_H,
                  half_monthly=True, **dep)
    p.door(wait, cw, 1.8)
    p.door(wait, lob, 3.0, at=34.0)
    el = p.room(p.id + "-EL", "电梯厅 Elevator lobby", "elevator_lobby", 36, WT_N, 44, WT_H)
    p.obstacle(p.id + "-SHAFT", 36.4, 15.2, 43.6, 17.8)
    p.door(el, lob, 4.0)
    north = [(p.id + "-EQ", "设备库 Equipment store", "storage", 8.0, 1.2, dep),
             (p.id + "-CH", "员工更衣 Staff changing", "other", 8.0, 1.0, dep),
             (p.id + "-WC", "公共卫生间 Public toilets", "toilet", 8.0, 1.2, dep),
             (p.id + "-PD", "配电间 Power distribution 1F", "power_distribution", 8.0, 1.2,
              {"department": "设备科 Facilities", "hazard": "medium"})]
    p.row(WT_N, WT_H, 44, north, [ce])
    p.exit(lob, "S", 4.0, "AP-WT-1")
    p.exit(cw, "W", 1.8, "AP-WT-1")
    p.exit(ce, "E", 1.8, "AP-WT-2")
    p.exit(p.id + "-S1", "N", 1.5, "AP-WT-1")
    p.exit(p.id + "-S2", "N", 1.5, "AP-WT-2")
    p.exit(p.id + "-FCR", "S", 1.0, "AP-WT-1")
    return p


def wt_basement():
    p = wt_plan(-1, "B1", -5.0, "地下设备层 Basement plant")
    p.code = "WTB1"
    p.defaults = {"half_monthly": True, "sprinklered": True, "department": "设备科 Facilities"}
    for u, nm in (("W", "西"), ("E", "东")):
        p.comp("%s-%s" % (p.id, u), "防烟分区 %s Smoke compartment %s" % (nm, u))
        p.comp("%s-F%s" % (p.id, u), "防火分区 %s Fire compartment %s" % (nm, u), "fire", 180)
    W = {"compartment": p.id + "-W", "fire_compartment": p.id + "-FW"}
    E = {"compartment": p.id + "-E", "fire_compartment": p.id + "-FE"}
    cw, ce = p.id + "-CW", p.id + "-CE"
    p.room(cw, "走廊 西 West corridor", "corridor", 0, WT_S, 40, WT_N, **W)
    p.room(ce, "走廊 东 East corridor", "corridor", 40, WT_S, 80, WT_N, **E)
    p.door(cw, ce, 1.8, did="D-%s-FD" % p.id, fire_door=True, fire_rating_min=90,
           closes_on_alarm=True)
    p.stair_room("A", p.id + "-S1", 0, WT_N, 4, WT_H, cw, WT_STAIR_W)
    p.stair_room("B", p.id + "-S2", 76, WT_N, 80, WT_H, ce, WT_STAIR_W)
    south = [(p.id + "-CH", "冷冻机房 Chiller plant", "plant_room", 12.0, 1.5,
              dict(W, hazard="light")),
             (p.id + "-AHU", "空调机房 Air-handling plant", "plant_room", 12.0, 1.2,
              dict(W, hazard="light")),
             (p.id + "-ST", "总务库房 General stores", "storage", 16.0, 1.5, W),
             (p.id + "-ARC", "病案库 Records archive", "records", 12.0, 1.2, E),
             (p.id + "-LV", "低压配电室 LV switchroom", "power_distribution", 12.0, 1.5,
              dict(E, hazard="medium")),
             (p.id + "-WS", "维修间 Maintenance workshop", "other", 16.0, 1.2, E)]
    p.row(0, WT_S, 0, south, [cw, ce])
    north = [(p.id + "-FP", "消防泵房 Fire pump room", "plant_room", 12.0, 1.5,
              dict(W, hazard="light")),
             (p.id + "-WT", "消防水池 Fire water tank room", "plant_room", 12.0, 1.2,
              dict(W, hazard="light")),
             (p.id + "-MW", "医疗废物暂存 Medical waste store", "storage", 8.0, 1.2, W)]
    p.row(WT_N, WT_H, 4, north, [cw])
    el = p.room(p.id + "-EL", "电梯前室 Elevator lobby", "elevator_lobby", 36, WT_N, 44, WT_H, **W)
    p.obstacle(p.id + "-SHAFT", 36.4, 15.2, 43.6, 17.8)
    p.door(el, cw, 1.8, at=38.0, fire_door=True, fire_rating_min=60, state="closed")
    north = [(p.id + "-HV", "高压配电室 HV switchroom", "power_distribution", 12.0, 1.5,
              dict(E, hazard="medium")),
             (p.id + "-GEN", "柴油发电机房 Generator room", "plant_room", 8.0, 1.5,
              dict(E, hazard="medium", wheeled=True)),
             (p.id + "-BLR", "燃气锅炉房 Gas boiler room", "boiler_room", 12.0, 1.5,
              dict(E, hazard="medium"))]
    p.row(WT_N, WT_H, 44, north, [ce])
    return p


def wt_roof():
    p = wt_plan(10, "RF", 38.7, "屋顶机房层 Roof plant")
    p.code = "WTR"
    p.defaults = {"department": "设备科 Facilities", "compartment": p.id + "-SC",
                  "fire_compartment": p.id + "-FC", "sprinklered": True}
    p.comp(p.id + "-SC", "防烟分区 Smoke compartment")
    p.comp(p.id + "-FC", "防火分区 Fire compartment", "fire", 180)
    c = p.room(p.id + "-C", "走廊 Corridor", "corridor", 0, WT_S, 80, WT_N)
    p.stair_room("A", p.id + "-S1", 0, WT_N, 4, WT_H, c, WT_STAIR_W)
    p.stair_room("B", p.id + "-S2", 76, WT_N, 80, WT_H, c, WT_STAIR_W)
    L = {"hazard": "light"}
    south = [(p.id + "-TK", "屋顶水箱间 Roof water tank", "plant_room", 20.0, 1.2, L),
             (p.id + "-AHU", "新风机房 Fresh-air plant", "plant_room", 20.0, 1.2, L),
             (p.id + "-EF", "排烟风机房 Smoke-exhaust fans", "plant_room", 20.0, 1.2, L),
             (p.id + "-ST", "屋顶库房 Roof store", "storage", 20.0, 1.2)]
    p.row(0, WT_S, 0, south, [c])
    north = [(p.id + "-FAN", "加压送风机房 Pressurisation fans", "plant_room", 16.0, 1.2, L),
             (p.id + "-PD", "屋顶配电间 Roof power distribution", "power_distribution", 8.0,
              1.2, {"hazard": "medium"}),
             (p.id + "-ST2", "工具间 Tool store", "storage", 8.0, 1.0),
             (p.id + "-EMR", "电梯机房 Elevator machine room", "elevator_machine_room", 8.0, 1.2,
              {"hazard": "medium"}),
             (p.id + "-BMS", "楼宇自控机房 Building controls", "plant_room", 16.0, 1.0, L),
             (p.id + "-ST3", "备品库 Spares store", "storage", 16.0, 1.0)]
    p.row(WT_N, WT_H, 4, north, [c])
    return p


# ----------------------------------------------------------------------------------------
# Outpatient building OPD: 70 x 30 m. South band y 0..7.2, corridor C1 7.2..10.2, central band
# 10.2..19.8 (waiting halls, stairs, lifts), corridor C2 19.8..22.8, north band 22.8..30.
# ----------------------------------------------------------------------------------------
OPD_W, OPD_H = 70.0, 30.0
OPD_STAIR_W = 1.5
OPD_LEVELS = [(1, "1F", 0.0), (2, "2F", 4.5), (3, "3F", 9.0)]


def opd_plan(level, tag, elev, title):
    p = Plan("OPD", "OPD-%s" % tag, "OPD%d" % level, "门诊楼 %s %s" % (tag, title), level,
             elev, OPD_W, OPD_H)
    p.defaults = {"compartment": p.id + "-SC", "fire_compartment": p.id + "-FC",
                  "sprinklered": True}
    p.comp(p.id + "-SC", "防烟分区 Smoke compartment")
    p.comp(p.id + "-FC", "防火分区 Fire compartment", "fire", 180)
    return p


def opd_ends(p, c1w, c1e, c2):
    """Stair A + toilets at the west end, toilets + stair B at the east end (central band)."""
    p.stair_room("A", p.id + "-S1", 0, 10.2, 4, 16.2, c1w, OPD_STAIR_W)
    wc = p.room(p.id + "-WCW", "卫生间 西 Toilets west", "toilet", 0, 16.2, 4, 19.8)
    p.door(wc, c2, 1.0)
    wc = p.room(p.id + "-WCE", "卫生间 东 Toilets east", "toilet", 66, 10.2, 70, 13.8)
    p.door(wc, c1e, 1.0)
    p.stair_room("B", p.id + "-S2", 66, 13.8, 70, 19.8, c2, OPD_STAIR_W)


def waiting(p, rid, name, x0, x1, c1, c2, **kw):
    w = p.room(rid, name, "lobby", x0, 10.2, x1, 19.8, half_monthly=True, **kw)
    n = 2 if x1 - x0 > 20 else 1
    for c in (c1, c2):
        for i in range(n):
            p.door(w, c, 2.4, at=x0 + (x1 - x0) * (i + 0.5) / n)
    return w


def opd_ground():
    p = opd_plan(1, "1F", 0.0, "门诊大厅 Ground floor")
    c1w, c1e, c2, lob = p.id + "-C1W", p.id + "-C1E", p.id + "-C2", p.id + "-LOB"
    p.room(c1w, "南走廊 西 South corridor west", "corridor", 0, 7.2, 21, 10.2)
    p.room(c1e, "南走廊 东 South corridor east", "corridor", 49, 7.2, 70, 10.2)
    p.room(c2, "北走廊 North corridor", "corridor", 0, 19.8, 70, 22.8)
    p.room(lob, "门诊大厅 Main hall", "lobby", 21, 0, 49, 19.8, half_monthly=True,
           department="门诊部 Outpatients")
    p.obstacle(p.id + "-DESK", 26.0, 4.0, 30.0, 5.0)
    p.obstacle(p.id + "-SHAFT", 31.4, 16.0, 38.6, 19.4)
    p.door(lob, c1w, 2.4)
    p.door(lob, c1e, 2.4)
    p.door(lob, c2, 3.0, at=25.0)
    p.door(lob, c2, 3.0, at=45.0)
    opd_ends(p, c1w, c1e, c2)
    ww = waiting(p, p.id + "-WW", "候药区 Pharmacy waiting", 4, 21, c1w, c2)
    we = waiting(p, p.id + "-WE", "放射候检区 Radiology waiting", 49, 66, c1e, c2)
    p.door(lob, ww, 3.0)
    p.door(lob, we, 3.0)
    op = {"department": "门诊部 Outpatients"}
    rad = {"department": "放射科 Radiology", "co2": True}
    south = [(p.id + "-REG", "挂号收费 Registration and cashier", "office", 7.0, 1.2, op),
             (p.id + "-PH", "门诊药房 Outpatient pharmacy", "pharmacy", 7.0, 1.2,
              {"department": "药剂科 Pharmacy"}),
             (p.id + "-DS", "药库 Drug store", "storage", 7.0, 1.2,
              {"department": "药剂科 Pharmacy"})]
    p.row(0, 7.2, 0, south, [c1w])
    south = [("OPD-101", "DR 摄片室 X-ray room", "radiology", 7.0, 1.4, rad),
             ("OPD-102", "CT 室 CT room", "radiology", 7.0, 1.4, rad),
             ("OPD-103", "放射科阅片室 Radiology reading room", "radiology", 7.0, 0.9, rad)]
    p.row(0, 7.2, 49, south, [c1e])
    er = {"department": "急诊科 Emergency"}
    north = [(p.id + "-INF", "输液大厅 Infusion hall", "outpatient", 14.0, 1.8, op),
             ("OPD-104", "注射室 Injection room", "outpatient", 3.5, 0.9, op),
             ("OPD-105", "采血室 Phlebotomy", "laboratory", 7.0, 1.2,
              {"department": "检验科 Laboratory"}),
             (p.id + "-LAB", "检验科 Clinical laboratory", "laboratory", 10.5, 1.2,
              {"department": "检验科 Laboratory"}),
             ("OPD-106", "急诊诊室 1 Emergency consulting 1", "outpatient", 7.0, 1.2, er),
             ("OPD-107", "急诊诊室 2 Emergency consulting 2", "outpatient", 7.0, 1.2, er),
             (p.id + "-RES", "抢救室 Resuscitation", "other", 10.5, 1.6, er),
             (p.id + "-OBS", "急诊留观 Emergency observation", "ward", 10.5, 1.4, er)]
    p.row(22.8, 30, 0, north, [c2])
    p.exit(lob, "S", 4.0, "AP-OPD-1")
    p.exit(c1w, "W", 1.8, "AP-OPD-1")
    p.exit(c1e, "E", 1.8, "AP-OPD-1")
    p.exit(c2, "W", 1.8, "AP-OPD-2")
    p.exit(c2, "E", 1.8, "AP-OPD-2")
    p.exit(p.id + "-S1", "W", 1.5, "AP-OPD-1")
    p.exit(p.id + "-S2", "E", 1.5, "AP-OPD-2")
    p.exit(p.id + "-RES", "N", 2.0, "AP-OPD-2")
    return p


OPD_CLINICS = {2: ["内科 Internal medicine", "外科 Surgery", "儿科 Paediatrics", "妇科 Gynaecology"],
               3: ["耳鼻喉科 ENT", "眼科 Ophthalmology", "口腔科 Dentistry", "皮肤科 Dermatology"]}


def opd_upper(level):
    _, tag, elev = OPD_LEVELS[level - 1]
    p = opd_plan(level, tag, elev, "门诊 Clinics" if level == 2 else "门诊及透析 Clinics, dialysis")
    c1, c2 = p.id + "-C1", p.id + "-C2"
    p.room(c1, "南走廊 South corridor", "corridor", 0, 7.2, 70, 10.2)
    p.room(c2, "北走廊 North corridor", "corridor", 0, 19.8, 70, 22.8)
    opd_ends(p, c1, c1, c2)
    waiting(p, p.id + "-WW", "候诊区 西 Waiting hall west", 4, 31, c1, c2)
    el = p.room(p.id + "-EL", "电梯厅 Elevator lobby", "elevator_lobby", 31, 10.2, 39, 19.8)
    p.obstacle(p.id + "-SHAFT", 31.4, 16.0, 38.6, 19.4)
    p.door(el, c1, 3.0)
    waiting(p, p.id + "-WE", "候诊区 东 Waiting hall east", 39, 66, c1, c2)
    south = []
    for k in range(20):
        dept = OPD_CLINICS[level][k // 5]
        rid = "OPD-%d%02d" % (level, k + 1)
        south.append((rid, "诊室 %d%02d Consulting %d%02d (%s)" % (level, k + 1, level, k + 1,
                      dept.split()[-1]), "outpatient", 3.5, 0.9, {"department": dept}))
    p.row(0, 7.2, 0, south, [c1])
    op = {"department": "门诊部 Outpatients"}
    if level == 2:
        us = {"department": "超声科 Ultrasound", "co2": True}
        north = [("OPD-221", "超声 1 Ultrasound 1", "radiology", 7.0, 1.2, us),
                 ("OPD-222", "超声 2 Ultrasound 2", "radiology", 7.0, 1.2, us),
                 ("OPD-223", "心电图室 ECG", "outpatient", 7.0, 1.2, op),
                 ("OPD-224", "内镜中心 Endoscopy", "outpatient", 7.0, 1.4, op),
                 ("OPD-225", "治疗室 Treatment room", "other", 7.0, 1.2, op),
                 ("OPD-226", "儿科输液 Paediatric infusion", "outpatient", 7.0, 1.4, op),
                 (p.id + "-OF", "医生办公室 Doctors' office", "office", 7.0, 0.9, op),
                 (p.id + "-REC", "门诊病案 Outpatient records", "records", 7.0, 1.0, op),
                 (p.id + "-PH", "二楼药房 Satellite pharmacy", "pharmacy", 7.0, 1.2,
                  {"department": "药剂科 Pharmacy"}),
                 (p.id + "-ST", "库房 Store", "storage", 7.0, 1.0, op)]
    else:
        dia = {"department": "血液净化中心 Dialysis centre"}
        north = [(p.id + "-IT", "信息机房 Server room", "other", 7.0, 1.2,
                  {"department": "信息科 IT", "co2": True, "hazard": "severe"}),
                 (p.id + "-PD", "配电间 Power distribution 3F", "power_distribution", 7.0, 1.2,
                  {"department": "设备科 Facilities", "hazard": "medium"}),
                 (p.id + "-WTR", "水处理间 Dialysis water treatment", "plant_room", 7.0, 1.2,
                  dict(dia, hazard="light")),
                 ("OPD-321", "透析大厅 1 Dialysis hall 1", "dialysis", 14.0, 1.6, dia),
                 ("OPD-322", "透析大厅 2 Dialysis hall 2", "dialysis", 14.0, 1.6, dia),
                 (p.id + "-DP", "透析准备 Dialysis preparation", "other", 7.0, 1.2, dia),
                 (p.id + "-ADM", "行政办公室 Administration office", "office", 7.0, 0.9,
                  {"department": "院办 Hospital administration"}),
                 (p.id + "-MR", "会议室 Meeting room", "other", 7.0, 1.2,
                  {"department": "院办 Hospital administration"})]
    p.row(22.8, 30, 0, north, [c2])
    return p


# ----------------------------------------------------------------------------------------
# Staff dormitory DORM: 50.4 x 14 m. South band y 0..6, corridor 6..8 (2.0 m), north 8..14.
# ----------------------------------------------------------------------------------------
DM_W, DM_H = 50.4, 14.0
DM_STAIR_W = 1.2
DM_LEVELS = [(n, "%dF" % n, round(3.3 * (n - 1), 2)) for n in range(1, 5)]


def dorm_floor(level):
    _, tag, elev = DM_LEVELS[level - 1]
    p = Plan("DORM", "DM-%s" % tag, "DM%d" % level, "职工宿舍 %s Staff dormitory %s" % (tag, tag),
             level, elev, DM_W, DM_H)
    p.defaults = {"compartment": p.id + "-SC", "fire_compartment": p.id + "-FC",
                  "department": "后勤 Support services"}
    p.comp(p.id + "-SC", "防烟分区 Smoke compartment")
    p.comp(p.id + "-FC", "防火分区 Fire compartment", "fire", 180)
    c = p.room(p.id + "-C", "走廊 Corridor", "corridor", 0, 6, DM_W, 8, hazard="medium")
    p.stair_room("A", p.id + "-S1", 0, 8, 3.6, 14, c, DM_STAIR_W)
    p.stair_room("B", p.id + "-S2", 46.8, 8, 50.4, 14, c, DM_STAIR_W)
    M = {"hazard": "medium"}

    def dorm(k):
        rid = "DM-%d%02d" % (level, k)
        return (rid, "宿舍 %d%02d Dorm room %d%02d" % (level, k, level, k), "dormitory", 3.6, 0.9,
                M)

    if level == 1:
        south = [(p.id + "-DUTY", "值班室 Duty room", "office", 3.6, 0.9),
                 (p.id + "-LOB", "门厅 Entrance hall", "lobby", 7.2, 2.4),
                 (p.id + "-CAN", "职工食堂 Staff canteen", "other", 14.4, 1.8, M),
                 (p.id + "-KIT", "厨房 Kitchen", "kitchen", 10.8, 1.2, M)]
        south += [dorm(k) for k in range(1, 5)]
        north = [(p.id + "-WC", "盥洗室 Washroom", "toilet", 7.2, 1.2),
                 (p.id + "-FS", "食品库 Food store", "storage", 3.6, 1.0)]
        north += [dorm(k) for k in range(5, 12)]
    else:
        south = [dorm(k) for k in range(1, 15)]
        north = [(p.id + "-WC", "盥洗室 Washroom", "toilet", 7.2, 1.2),
                 (p.id + "-LD", "洗衣房 Laundry", "other", 3.6, 0.9)]
        north += [dorm(k) for k in range(15, 22)]
    north += [(p.id + "-ST", "储物间 Store", "storage", 3.6, 0.9),
              (p.id + "-WC2", "卫生间 Toilet", "toilet", 3.6, 0.9)]
    p.row(0, 6, 0, south, [c])
    p.row(8, 14, 3.6, north, [c])
    if level == 1:
        p.exit(p.id + "-LOB", "S", 2.4, "AP-DM-1")
        p.exit(p.id + "-CAN", "S", 1.8, "AP-DM-1")
        p.exit(p.id + "-KIT", "S", 1.2, "AP-DM-1")
        p.exit(c, "W", 1.5, "AP-DM-1")
        p.exit(c, "E", 1.5, "AP-DM-2")
        p.exit(p.id + "-S1", "W", 1.3, "AP-DM-1")
        p.exit(p.id + "-S2", "E", 1.3, "AP-DM-2")
    return p


# ----------------------------------------------------------------------------------------
# Buildings and stairs
# ----------------------------------------------------------------------------------------
def level_tag(level, top):
    return "B" if level < 0 else ("R" if level == top else str(level))


def stair_length(h):
    # 178/279 mm steps: h/0.178 risers, 0.331 m along the slope each, plus ~4.5 m of landings.
    return round(h / 0.178 * math.hypot(0.178, 0.279) + 4.5, 1)


def make_stairs(bid, plans, width, roof_level=None):
    plans = sorted(plans, key=lambda p: p.level)
    out = []
    for core in ("A", "B"):
        for lo, hi in zip(plans, plans[1:]):
            rid_lo, rid_hi = lo.stairs[core], hi.stairs[core]
            r_lo, r_hi = lo.rooms[rid_lo]["r"], hi.rooms[rid_hi]["r"]

            def pt(r, dx):
                return [round((r[0] + r[2]) / 2 + dx, 3), round((r[1] + r[3]) / 2, 3)]
            sid = "%s-ST%s-%s%s" % (bid, core, level_tag(lo.level, roof_level),
                                    level_tag(hi.level, roof_level))
            out.append({"id": sid, "width_m": width, "length_m": stair_length(hi.elev - lo.elev),
                        "lower": {"floor": lo.id, "at": pt(r_lo, 0.7)},
                        "upper": {"floor": hi.id, "at": pt(r_hi, -0.7)}})
    return out


def build_all():
    wt = [wt_basement(), wt_ground(), wt_operating(), wt_icu()] + \
        [wt_ward(n) for n in range(4, 10)] + [wt_roof()]
    opd = [opd_ground(), opd_upper(2), opd_upper(3)]
    dorm = [dorm_floor(n) for n in range(1, 5)]
    for p in wt + opd:  # no sprinklers on electrical rooms, stairs, server room
        for rm in p.rooms.values():
            if rm["kind"] in NO_SPRINKLER or rm["attrs"].get("co2") and rm["kind"] == "other":
                rm["attrs"]["sprinklered"] = False
    buildings = [
        {"kind": "building", "id": "OPD", "name": "门诊楼 Outpatient building",
         "department": "门诊部 Outpatients", "rules_profile": "cn", "sprinklered": True, "hydrants": True,
         "assembly_points": [{"id": "AP-OPD-1", "name": "门诊广场 Outpatient plaza"},
                             {"id": "AP-OPD-2", "name": "北停车场 North car park"}],
         "file": "opd", "plans": opd, "stairs": make_stairs("OPD", opd, OPD_STAIR_W)},
        {"kind": "building", "id": "WT", "name": "住院楼 Ward tower",
         "department": "住院服务 Inpatient services", "rules_profile": "cn",
         "sprinklered": True, "hydrants": True,
         "assembly_points": [{"id": "AP-WT-1", "name": "住院部花园 Ward garden"},
                             {"id": "AP-WT-2", "name": "东停车场 East car park"}],
         "file": "wt", "plans": wt, "stairs": make_stairs("WT", wt, WT_STAIR_W, 10)},
        {"kind": "building", "id": "DORM", "name": "职工宿舍楼 Staff dormitory",
         "department": "后勤 Support services", "rules_profile": "cn", "sprinklered": False, "hydrants": True,
         "assembly_points": [{"id": "AP-DM-1", "name": "宿舍前广场 Dormitory forecourt"},
                             {"id": "AP-DM-2", "name": "篮球场 Basketball court"}],
         "file": "dorm", "plans": dorm, "stairs": make_stairs("DORM", dorm, DM_STAIR_W)},
    ]
    return buildings


# ----------------------------------------------------------------------------------------
# Inventory
# ----------------------------------------------------------------------------------------
MODELS = {  # model: agent, type, nameplate rating, fill kg
    "MF/ABC4": ("dry_powder_abc", "handheld", {"a": 2, "b": 55}, 4),
    "MF/ABC5": ("dry_powder_abc", "handheld", {"a": 3, "b": 89}, 5),
    "MF/BC4": ("dry_powder_bc", "handheld", {"b": 55}, 4),
    "MT5": ("co2", "handheld", {"b": 34}, 5),
    "MSQ6": ("water", "handheld", {"a": 2}, 6),
    "MP6": ("foam", "handheld", {"a": 1, "b": 55}, 6),
    "MFT/ABC20": ("dry_powder_abc", "wheeled", {"a": 6, "b": 183}, 20),
}
LIFE_Y = {"dry_powder_abc": 10, "dry_powder_bc": 10, "clean_agent": 10, "water": 6, "foam": 6,
          "wet_chemical": 6, "co2": 12}
VENDORS = ["县消防器材维修站 County fire equipment service", "安泰消防 Antai Fire Services"]


def ym_add(ym, months):
    t = ym[0] * 12 + ym[1] - 1 + months
    return (t // 12, t % 12 + 1)


def ym_str(ym):
    return "%04d-%02d" % ym


def rand_ym(lo, hi):
    a, b = lo[0] * 12 + lo[1] - 1, hi[0] * 12 + hi[1] - 1
    t = rng.randint(a, b)
    return (t // 12, t % 12 + 1)


def rand_date(lo, hi):
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def expiry(agent, ym):
    return ym_add(ym, 12 * LIFE_Y[agent])


def is_expired(agent, ym):
    return expiry(agent, ym) <= (TODAY.year, TODAY.month)


class Inventory:
    def __init__(self):
        self.ext, self.hyd, self.lights, self.signs, self.det = [], [], [], [], []
        self.n = {}

    def next(self, key, code, width):
        k = (key, code)
        self.n[k] = self.n.get(k, 0) + 1
        return "%s-%s-%0*d" % (key, code, width, self.n[k])

    def extinguisher(self, p, at, sp, model, cabinet, half_monthly):
        agent, typ, rating, fill = MODELS[model]
        if agent in ("water", "foam"):
            man = rand_ym((2021, 3), (2025, 10))
        elif agent == "co2":
            man = rand_ym((2015, 3), (2025, 10))
        else:
            man = rand_ym((2017, 3), (2025, 10))
        e = {"id": self.next("EXT", p.code, 3), "floor": p.id, "at": at, "setting_point": sp,
             "agent": agent, "type": typ, "model": model, "rating": dict(rating),
             "fill_kg": fill, "_man": man, "_half": half_monthly, "_cabinet": cabinet,
             "status": "in_service"}
        self.ext.append(e)
        return e

    def finish_extinguisher(self, e):
        """Dates and maintenance from the manufacture month (called after statuses are set)."""
        man, agent = e["_man"], e["agent"]
        ins = ym_add(man, rng.randint(1, 6))
        installed = dt.date(ins[0], ins[1], rng.randint(1, 28))
        if installed > TODAY:
            installed = dt.date(2026, 11, 2)
        maint = []
        first, every = (3, 1) if agent in ("water", "foam") else (5, 2)
        k = first
        while True:
            due = ym_add(man, 12 * k)
            d = dt.date(due[0], due[1], rng.randint(1, 10))
            if d > dt.date(2026, 11, 20):
                break
            kind = "service"
            if agent in ("water", "foam"):
                kind = "recharge"
            elif agent == "co2" and k % 5 == 0:
                kind = "hydrostatic"
            elif k >= 7:
                kind = "recharge"
            maint.append({"date": d.isoformat(), "kind": kind, "by": VENDORS[k % 2]})
            k += every
        if e["_miss_insp"]:
            insp = rand_date(dt.date(2026, 8, 20), dt.date(2026, 10, 15))
        elif e["_half"]:
            insp = rand_date(dt.date(2026, 11, 10), dt.date(2026, 11, 20))
        else:
            insp = rand_date(dt.date(2026, 11, 1), dt.date(2026, 11, 20))
        out = {k: v for k, v in e.items() if not k.startswith("_") and k != "status"}
        out["manufactured"] = ym_str(man)
        if e["status"] != "spare":
            out["installed"] = installed.isoformat()
            out["last_inspection"] = insp.isoformat()
        if maint:
            out["maintenance"] = maint
        out["status"] = e["status"]
        if e["type"] == "handheld" and e["status"] != "spare":  # spares sit on a store shelf
            out["mount"] = ({"top_m": 0.65, "bottom_m": 0.1} if e["_cabinet"]
                            else {"top_m": 1.3, "bottom_m": 0.85})
            out["cabinet_locked"] = False
        return out


def room_doors(p, rid):
    return [d for d in p.doors if rid in d["rooms"]]


def clear_spot(p, rid, side, t, half):
    """A point OFF metres inside room rid from its `side` wall at along-coordinate near t,
    whose [t-half, t+half] stays clear of the doors on that wall. None if there is none."""
    x0, y0, x1, y1 = p.rooms[rid]["r"]
    horiz = side in "SN"
    c = {"S": y0, "N": y1, "W": x0, "E": x1}[side]
    lo, hi = (x0, x1) if horiz else (y0, y1)
    blocked = []
    for d in room_doors(p, rid):
        dc, da = (d["at"][1], d["at"][0]) if horiz else (d["at"][0], d["at"][1])
        if abs(dc - c) < EPS:
            blocked.append((da - d["width_m"] / 2 - 0.3, da + d["width_m"] / 2 + 0.3))
    for ex in p.exits:
        if ex["room"] == rid:
            ec, ea = (ex["at"][1], ex["at"][0]) if horiz else (ex["at"][0], ex["at"][1])
            if abs(ec - c) < EPS:
                blocked.append((ea - ex["width_m"] / 2 - 0.3, ea + ex["width_m"] / 2 + 0.3))
    for k in range(0, 81):
        s = t + (k // 2 + k % 2) * 0.25 * (1 if k % 2 else -1)
        if s - half < lo + 0.5 or s + half > hi - 0.5:
            continue
        if any(s + half > a and s - half < b for a, b in blocked):
            continue
        inward = {"S": OFF, "W": OFF, "N": -OFF, "E": -OFF}[side]
        pt = [round(s, 3), round(c + inward, 3)] if horiz else [round(c + inward, 3), round(s, 3)]
        if not any(in_rect_obstacle(o, pt, 0.3) for o in p.obstacles):
            return pt
    return None


def in_rect_obstacle(o, pt, margin=0.0):
    xs = [q[0] for q in o["polygon"]]
    ys = [q[1] for q in o["polygon"]]
    return (min(xs) - margin < pt[0] < max(xs) + margin and
            min(ys) - margin < pt[1] < max(ys) + margin)


def grid_points(p, rid, spacing):
    x0, y0, x1, y1 = p.rooms[rid]["r"]
    nx = max(1, int(math.ceil((x1 - x0) / spacing)))
    ny = max(1, int(math.ceil((y1 - y0) / spacing)))
    pts = []
    for i in range(nx):
        for j in range(ny):
            pt = [round(x0 + (x1 - x0) * (i + 0.5) / nx, 3), round(y0 + (y1 - y0) * (j + 0.5) / ny, 3)]
            if not any(in_rect_obstacle(o, pt, 0.3) for o in p.obstacles):
                pts.append(pt)
    return pts


def severe_building(p):
    return p.bld in ("WT", "OPD") and p.level > 0 and p.id != "WT-RF"


def equip_floor(inv, p):
    today = "2026-11-%02d"
    sp_n = [0]

    def sp_id():
        sp_n[0] += 1
        return "SP-%s-%02d" % (p.code, sp_n[0])

    def point(pt, models, cabinet, half, side="N"):
        """A setting point: the units stand 0.4 m apart along the wall."""
        assert pt, "no free wall spot on %s for %s" % (p.id, models)
        sp = sp_id()
        for i, m in enumerate(models):
            off = (i - (len(models) - 1) / 2) * 0.4
            at = [round(pt[0] + off, 3), pt[1]] if side in "NS" else [pt[0], round(pt[1] + off, 3)]
            inv.extinguisher(p, at, sp, m, cabinet, half)

    def pair_models():
        if p.bld == "DORM":
            return ["MSQ6", "MSQ6"] if rng.random() < 0.3 else ["MF/ABC4", "MF/ABC4"]
        return ["MF/ABC5", "MF/ABC5"] if severe_building(p) else ["MF/ABC4", "MF/ABC4"]

    def light(pt):
        measured = rng.choice([62, 68, 72, 75, 80, 85, 88, 92, 95, 100])
        if rng.random() < 0.04:
            measured = rng.choice([35, 42, 48, 55])
        inv.lights.append({"id": inv.next("EL", p.code, 2), "floor": p.id, "at": pt,
                           "rated_duration_min": 90, "measured_duration_min": measured,
                           "last_monthly_test": today % rng.randint(2, 12),
                           "last_annual_test": "2026-%02d-%02d" % (rng.randint(3, 6),
                                                                   rng.randint(1, 28)),
                           "status": "in_service"})

    def sign(pt, kind, h):
        inv.signs.append({"id": inv.next("SG", p.code, 2), "floor": p.id, "at": pt, "kind": kind,
                          "height_m": h, "illuminated": True,
                          "last_inspection": today % rng.randint(1, 15), "status": "in_service"})

    def detector(pt, kind="smoke"):
        inv.det.append({"id": inv.next("SD", p.code, 3), "floor": p.id, "at": pt, "kind": kind,
                        "last_test": "2026-%02d-%02d" % (rng.randint(5, 10), rng.randint(1, 28)),
                        "status": "in_service"})

    for rid in p.order:
        rm = p.rooms[rid]
        kind, a = rm["kind"], rm["attrs"]
        x0, y0, x1, y1 = rm["r"]
        half = bool(a.get("half_monthly")) or kind == "boiler_room"
        area = (x1 - x0) * (y1 - y0)
        if kind == "corridor":
            L = x1 - x0
            n = int(math.ceil(L / 15.0))  # setting points at most 15 m apart
            for i in range(n):
                t = x0 + L * (i + 0.5) / n
                side = "N" if i % 2 == 0 else "S"
                pt = clear_spot(p, rid, side, t, 0.5) or clear_spot(p, rid, "SN"[i % 2], t, 0.5)
                point(pt, pair_models(), True, half)
            for i in range(int(math.ceil(L / 10.0))):
                light([round(x0 + L * (i + 0.5) / math.ceil(L / 10.0), 3),
                       round((y0 + y1) / 2, 3)])
            ns = int(math.ceil(L / 10.0))
            for i in range(ns):
                t = x0 + L * (i + 0.5) / ns + 2.0
                side = "S" if i % 2 == 0 else "N"
                pt = clear_spot(p, rid, side, t, 0.3) or clear_spot(p, rid, "NS"[i % 2], t, 0.3)
                sign(pt, "directional", 0.5)
            nd = int(math.ceil(L / 12.0))
            for i in range(nd):
                x = min(x1 - 0.5, x0 + L * (i + 0.5) / nd + 3.0)
                detector([round(x, 3), round((y0 + y1) / 2, 3)])
            continue
        if kind in ("lobby", "elevator_lobby"):
            if area >= 100:
                for side in ("W", "E") if area >= 250 else ("W",):
                    pt = clear_spot(p, rid, side, (y0 + y1) / 2, 0.5)
                    point(pt, pair_models(), True, half, side)
                if area >= 150:
                    pt = clear_spot(p, rid, "E", (y0 + y1) / 2 + 2.0, 0.5)
                    inv.hyd.append({"id": inv.next("HYD", p.code, 2), "floor": p.id, "at": pt,
                                    "kind": "hose_reel", "hose_length_m": 25,
                                    "last_inspection": today % rng.randint(1, 18),
                                    "status": "in_service"})
            for pt in grid_points(p, rid, 9.0):
                light(pt)
            for pt in grid_points(p, rid, 7.5):
                detector(pt)
            continue
        models = None
        if kind == "power_distribution" or (a.get("co2") and kind != "radiology"):
            models = ["MT5", "MT5"]
        elif kind == "radiology":
            models = ["MT5", "MF/ABC5"]
        elif kind in ("boiler_room", "oxygen_plant") or a.get("wheeled"):
            models = ["MFT/ABC20", "MF/ABC5", "MF/ABC5"]
        elif kind == "kitchen":
            models = ["MF/ABC4", "MF/ABC4", "MP6", "MP6"]
        elif kind == "elevator_machine_room":
            models = ["MF/ABC4", "MF/ABC4"]
        elif kind in ("pharmacy", "laboratory", "records", "dialysis") \
                or area >= (150 if kind in ("plant_room", "storage") else 95):
            models = pair_models()
        if models:
            half_len = 0.3 + 0.2 * len(models)
            for side in ("S", "N") if y0 < 1 else ("N", "S"):  # back wall first, not the door
                pt = clear_spot(p, rid, side, (x0 + x1) / 2, half_len)
                if pt:
                    break
            point(pt, models, kind not in ("power_distribution",), half, side)
        if kind == "stair":
            light([round((x0 + x1) / 2, 3), round(y0 + 1.0 if y0 > 0 else y1 - 1.0, 3)])
        pts = grid_points(p, rid, 9.0) if area > 120 else [[round((x0 + x1) / 2, 3),
                                                            round((y0 + y1) / 2 - 0.6, 3)]]
        for pt in pts:
            detector(pt, "heat" if kind in ("kitchen", "boiler_room") or a.get("wheeled")
                     else "smoke")
    # Hydrant by each stair door (corridor side), exit signs over stair doors and exits.
    for core, srid in sorted(p.stairs.items()):
        for d in room_doors(p, srid):
            other = d["rooms"][1] if d["rooms"][0] == srid else d["rooms"][0]
            ox0, oy0, ox1, oy1 = p.rooms[other]["r"]
            side = "N" if abs(d["at"][1] - oy1) < EPS else "S"
            for dx in (1.8, -1.8, 2.6, -2.6):
                pt = clear_spot(p, other, side, d["at"][0] + dx, 0.4)
                if pt and abs(pt[0] - d["at"][0]) >= 1.0:
                    break
            inv.hyd.append({"id": inv.next("HYD", p.code, 2), "floor": p.id, "at": pt,
                            "kind": "hydrant", "hose_length_m": 25,
                            "last_inspection": today % rng.randint(1, 18),
                            "status": "in_service"})
            inward = -OFF if side == "N" else OFF
            sign([d["at"][0], round(d["at"][1] + inward, 3)], "exit", 2.2)
    for ex in p.exits:
        x, yy = ex["at"]
        pt = [x + (OFF if x == 0 else -OFF if x == p.w else 0),
              yy + (OFF if yy == 0 else -OFF if yy == p.h else 0)]
        sign([round(pt[0], 3), round(pt[1], 3)], "exit", 2.2)


def build_inventory(buildings):
    inv = Inventory()
    for b in buildings:
        for p in b["plans"]:
            equip_floor(inv, p)
    # Spare stock in the WT basement general stores.
    b1 = [p for p in buildings[1]["plans"] if p.id == "WT-B1"][0]
    x0, y0, x1, y1 = b1.rooms["WT-B1-ST"]["r"]
    for i in range(4):
        e = inv.extinguisher(b1, [round(x0 + 1.0 + 0.5 * i, 3), round(y0 + 1.0, 3)],
                             "SP-WTB1-STOCK", "MF/ABC4", False, True)
        e["_man"] = (2026, rng.randint(3, 8))
        e["status"] = "spare"
    # Statuses and findings, chosen deterministically.
    pool = [i for i, e in enumerate(inv.ext) if e["status"] == "in_service"]
    for e in inv.ext:
        e["_miss_insp"] = False
    by_floor = {}
    for i in pool:
        by_floor.setdefault(inv.ext[i]["floor"], []).append(i)
    floors = sorted(by_floor)
    repair_floors = rng.sample(floors, 5)
    for f in repair_floors:
        inv.ext[rng.choice(by_floor[f])]["status"] = "sent_for_repair"
    for i in rng.sample([i for i in pool if inv.ext[i]["status"] == "in_service"], 2):
        inv.ext[i]["status"] = "missing"
    active = [i for i in pool if inv.ext[i]["status"] == "in_service"]
    n_exp = round(0.05 * len(inv.ext))  # ~5 % past their service life: 2 water, 1 CO2, powder

    def of(agents):
        return [i for i in active if inv.ext[i]["agent"] in agents]
    expired_ix = rng.sample(of(("water", "foam")), 2) + rng.sample(of(("co2",)), 1)
    expired_ix += rng.sample(of(("dry_powder_abc", "dry_powder_bc")), n_exp - 3)
    for i in expired_ix:
        e = inv.ext[i]
        if e["agent"] in ("water", "foam"):
            e["_man"] = rand_ym((2018, 1), (2020, 6))
        elif e["agent"] == "co2":
            e["_man"] = rand_ym((2011, 1), (2014, 6))
        else:
            e["_man"] = rand_ym((2013, 6), (2016, 6))
    rest = [i for i in active if i not in set(expired_ix)]
    for i in rng.sample(rest, round(0.10 * len(inv.ext))):
        inv.ext[i]["_miss_insp"] = True
    for e in inv.ext:
        if e["status"] == "missing":
            e["_miss_insp"] = False
    inv.ext = [inv.finish_extinguisher(e) for e in inv.ext]
    return inv


def inventory_header(exts, title):
    st = {}
    for e in exts:
        st[e["status"]] = st.get(e["status"], 0) + 1
    expired = [e for e in exts if is_expired(e["agent"], tuple(map(int, e["manufactured"].split("-"))))]
    by_agent = {}
    for e in expired:
        by_agent[e["agent"]] = by_agent.get(e["agent"], 0) + 1
    exp_status = {}
    for e in expired:
        exp_status[e["status"]] = exp_status.get(e["status"], 0) + 1
    late = [e for e in exts if "last_inspection" in e and
            (TODAY - dt.date.fromisoformat(e["last_inspection"])).days > 31]
    order = ["in_service", "sent_for_repair", "spare", "scrapped", "missing"]
    return "\n".join([
        "# %s" % title,
        "# Generated by scripts/gen_hospital.py (seed %d); do not edit by hand." % SEED,
        "# Extinguishers: %d total; by status: %s." % (len(exts), ", ".join(
            "%s %d" % (s, st.get(s, 0)) for s in order)),
        "# Expired as of 2026-11-23 under the China rule (service life from the manufacture month:",
        "# dry powder and clean agent 10 y, water and foam 6 y, CO2 12 y): %d (%s); by status: %s."
        % (len(expired), ", ".join("%s %d" % kv for kv in sorted(by_agent.items())),
           ", ".join("%s %d" % kv for kv in sorted(exp_status.items()))),
        "# No unit's end of life falls within two months of 2026-11-23 (no boundary cases).",
        "# Last inspection more than 31 days before 2026-11-23: %d (spare units carry no date)."
        % len(late),
        "kind: inventory"]) + "\n"


# ----------------------------------------------------------------------------------------
# Population (counts per room)
# ----------------------------------------------------------------------------------------
def build_population():
    g = []

    def room(rid, profile, day, night, group=None):
        d = {"room": rid, "profile": profile, "day": day, "night": night}
        if group:
            d["group"] = group
        g.append(d)

    def kind(k, flt, profile, day, night, group=None):
        d = {"room_kind": k}
        d.update(flt)
        d.update({"profile": profile, "day": day, "night": night})
        if group:
            d["group"] = group
        g.append(d)

    # Ward tower, ward floors: per 3-bed room 1 bed-bound, 1 impaired, 1 ambulant (wheelchair
    # on the geriatrics/rehabilitation floor); a visitor by day (a parent stays on paediatrics).
    for n in range(4, 10):
        f = {"floor": "WT-%dF" % n}
        grp = "wt-%df-patients" % n
        kind("ward", f, "bed_bound", 1, 1, grp)
        kind("ward", f, "impaired", 1, 1, grp)
        kind("ward", f, "wheelchair" if n == 9 else "ambulant_patient", 1, 1, grp)
        kind("ward", f, "visitor", 2 if n == 8 else 1, 1 if n == 8 else 0, "wt-%df-visitors" % n)
        for u in "AB":
            room("WT-%dF-NSA" % n if u == "A" else "WT-%dF-NSB" % n, "staff", 6, 2,
                 "wt-%df-staff" % n)
            room("WT-%dF-O%s" % (n, u), "staff", 4, 1, "wt-%df-staff" % n)
        room("WT-%dF-EL" % n, "visitor", 4, 0)
    # ICU
    for rid, beds in (("WT-301", 4), ("WT-302", 4), ("WT-303", 1), ("WT-304", 1), ("WT-305", 1),
                      ("WT-306", 1), ("WT-307", 4), ("WT-308", 4)):
        room(rid, "icu", beds, beds, "icu-patients")
    for rid, d, nt in (("WT-3F-NSA", 6, 4), ("WT-3F-NSB", 6, 4), ("WT-3F-OA", 3, 1),
                       ("WT-3F-OB", 1, 0), ("WT-3F-LAB", 1, 1)):
        room(rid, "staff", d, nt, "icu-staff")
    room("WT-3F-FW", "visitor", 12, 2)
    # Operating suite: one theatre stays open at night.
    for k in range(1, 9):
        room("WT-2%02d" % k, "bed_bound", 1, 1 if k == 1 else 0, "or-patients")
        room("WT-2%02d" % k, "staff", 5, 4 if k == 1 else 0, "or-staff")
    room("WT-2F-PRE", "bed_bound", 4, 0, "or-patients")
    room("WT-2F-PACU", "bed_bound", 6, 1, "or-patients")
    for rid, d, nt in (("WT-2F-PACU", 3, 1), ("WT-2F-NSA", 3, 1), ("WT-2F-OB", 4, 1),
                       ("WT-2F-AO", 2, 1), ("WT-2F-CHB", 3, 0), ("WT-2F-SUP", 4, 1)):
        room(rid, "staff", d, nt, "or-staff")
    # Ward tower ground floor, basement, roof.
    for rid, prof, d, nt in (("WT-1F-LOB", "visitor", 80, 5), ("WT-1F-LOB", "ambulant_patient", 10, 0),
                             ("WT-1F-LOB", "wheelchair", 3, 0), ("WT-1F-LOB", "staff", 4, 2),
                             ("WT-1F-ADM", "staff", 4, 1), ("WT-1F-ADM", "visitor", 10, 0),
                             ("WT-1F-BIL", "staff", 4, 1), ("WT-1F-BIL", "visitor", 8, 1),
                             ("WT-1F-PH", "staff", 6, 2), ("WT-1F-WAIT", "visitor", 30, 0),
                             ("WT-1F-WAIT", "ambulant_patient", 10, 0), ("WT-1F-SVC", "staff", 3, 0),
                             ("WT-1F-SVC", "visitor", 6, 0), ("WT-1F-SHOP", "staff", 2, 0),
                             ("WT-1F-SHOP", "visitor", 8, 0), ("WT-1F-FCR", "staff", 2, 2),
                             ("WT-1F-REC", "staff", 3, 0), ("WT-1F-INS", "staff", 3, 0),
                             ("WT-1F-INS", "visitor", 5, 0), ("WT-1F-ST", "staff", 2, 0),
                             ("WT-B1-ST", "staff", 2, 0), ("WT-B1-WS", "staff", 4, 1),
                             ("WT-B1-LV", "staff", 1, 1), ("WT-B1-BLR", "staff", 1, 1),
                             ("WT-B1-MW", "staff", 1, 0), ("WT-RF-AHU", "staff", 1, 0)):
        room(rid, prof, d, nt)
    # Outpatient building.
    for rid, prof, d, nt in (
            ("OPD-1F-LOB", "visitor", 200, 5), ("OPD-1F-LOB", "ambulant_patient", 40, 0),
            ("OPD-1F-LOB", "wheelchair", 6, 0), ("OPD-1F-LOB", "staff", 6, 1),
            ("OPD-1F-REG", "staff", 8, 2), ("OPD-1F-PH", "staff", 8, 2), ("OPD-1F-DS", "staff", 2, 0),
            ("OPD-1F-WW", "visitor", 80, 0), ("OPD-1F-WW", "ambulant_patient", 20, 0),
            ("OPD-1F-WE", "visitor", 50, 0), ("OPD-1F-WE", "ambulant_patient", 20, 0),
            ("OPD-1F-WE", "wheelchair", 2, 0), ("OPD-1F-INF", "ambulant_patient", 30, 4),
            ("OPD-1F-INF", "visitor", 20, 2), ("OPD-1F-INF", "staff", 3, 1),
            ("OPD-104", "staff", 1, 0), ("OPD-105", "staff", 3, 0),
            ("OPD-105", "ambulant_patient", 10, 0), ("OPD-1F-LAB", "staff", 8, 2),
            ("OPD-1F-RES", "bed_bound", 2, 1), ("OPD-1F-RES", "staff", 4, 2),
            ("OPD-1F-OBS", "bed_bound", 4, 3), ("OPD-1F-OBS", "impaired", 2, 2),
            ("OPD-1F-OBS", "staff", 2, 1), ("OPD-1F-OBS", "visitor", 4, 3)):
        room(rid, prof, d, nt)
    for rid in ("OPD-101", "OPD-102", "OPD-103"):
        room(rid, "staff", 2, 1 if rid != "OPD-103" else 0)
    for rid in ("OPD-101", "OPD-102"):
        room(rid, "ambulant_patient", 1, 0)
    for rid in ("OPD-106", "OPD-107"):
        room(rid, "staff", 1, 1)
        room(rid, "ambulant_patient", 2, 1)
        room(rid, "visitor", 2, 1)
    for lvl in (2, 3):
        f = {"floor": "OPD-%dF" % lvl}
        kind("outpatient", f, "staff", 1, 0, "opd-clinic-staff")
        kind("outpatient", f, "ambulant_patient", 1, 0, "opd-patients")
        kind("outpatient", f, "visitor", 1, 0, "opd-visitors")
        for side in ("WW", "WE"):
            room("OPD-%dF-%s" % (lvl, side), "visitor", 110, 0, "opd-waiting")
            room("OPD-%dF-%s" % (lvl, side), "ambulant_patient", 30, 0, "opd-waiting")
            room("OPD-%dF-%s" % (lvl, side), "wheelchair", 2, 0, "opd-waiting")
        room("OPD-%dF-EL" % lvl, "visitor", 8, 0)
    for rid in ("OPD-221", "OPD-222"):
        room(rid, "staff", 1, 0)
        room(rid, "ambulant_patient", 1, 0)
    for rid, d in (("OPD-2F-OF", 4), ("OPD-2F-PH", 3), ("OPD-3F-ADM", 5), ("OPD-3F-MR", 12),
                   ("OPD-3F-DP", 2)):
        room(rid, "staff", d, 0)
    for rid in ("OPD-321", "OPD-322"):
        room(rid, "impaired", 12, 0, "dialysis-patients")
        room(rid, "wheelchair", 3, 0, "dialysis-patients")
        room(rid, "staff", 4, 0, "dialysis-staff")
    # Staff dormitory: full at night, night-shift sleepers by day, canteen at lunch.
    kind("dormitory", {"building": "DORM"}, "staff", 1, 3, "dorm-residents")
    room("DM-1F-CAN", "staff", 60, 0)
    room("DM-1F-KIT", "staff", 8, 1)
    room("DM-1F-DUTY", "staff", 1, 1)
    return {"kind": "population", "groups": g}


def population_totals(pop, buildings):
    rooms = {}
    for b in buildings:
        for p in b["plans"]:
            for rid, rm in p.rooms.items():
                rooms[rid] = (b["id"], p.id, rm["kind"])
    day = night = 0
    for gr in pop["groups"]:
        if "room" in gr:
            k = 1 if gr["room"] in rooms else 0
        else:
            k = sum(1 for b, f, kd in rooms.values() if kd == gr["room_kind"] and
                    gr.get("floor", f) == f and gr.get("building", b) == b)
        day += k * gr["day"]
        night += k * gr["night"]
    return day, night


# ----------------------------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------------------------
# Fictitious people for the responsibility letters (消防安全责任书): surname + given name, drawn
# in a fixed order so the file is reproducible. Replace with the hospital's own.
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞",
         "平", "刚", "桂英", "建华", "丽"]


def write_departments(buildings):
    names = set()
    for b in buildings:
        names.add(b["department"])
        for p in b["plans"]:
            for rm in p.rooms.values():
                if rm["attrs"].get("department"):
                    names.add(rm["attrs"]["department"])
    deps = []
    for i, name in enumerate(sorted(names)):
        english = name.split(" ", 1)[1] if " " in name else name
        did = "".join(w[0] for w in english.replace("and ", "").split()).upper()
        if len(english.split()) == 1:
            did = english.upper()[:6]
        while any(d["id"] == did for d in deps):
            did += "2"
        k = i // len(SURNAMES)  # no two people share a name
        head = SURNAMES[i % len(SURNAMES)] + GIVEN[(3 * i + k) % len(GIVEN)]
        deputy = SURNAMES[(i + 7) % len(SURNAMES)] + GIVEN[(3 * i + 5 + k) % len(GIVEN)]
        deps.append({"id": did, "name": name, "responsible": head, "deputy": deputy})
    write_yaml("departments.yaml", {"kind": "departments", "departments": deps},
               "# Departments and the people who signed their fire-safety responsibility letter\n"
               "# (消防安全责任书). The names are fictitious; generated by scripts/gen_hospital.py")


def write_all(buildings, inv, pop):
    for b in buildings:
        files = []
        for p in b["plans"]:
            fn = "floors/%s.yaml" % p.id.lower()
            write_yaml(fn, p.doc(), "# %s, generated by scripts/gen_hospital.py" % p.name)
            files.append("../" + fn)
        doc = {k: b[k] for k in ("kind", "id", "name", "department", "rules_profile",
                                 "sprinklered", "hydrants", "assembly_points")}
        doc["floors"] = files
        doc["stairs"] = b["stairs"]
        write_yaml("buildings/%s.yaml" % b["file"], doc,
                   "# %s, generated by scripts/gen_hospital.py" % b["name"])

    def inv_doc(fl):
        return {"kind": "inventory",
                "extinguishers": [e for e in inv.ext if fl(e["floor"])],
                "hydrants": [e for e in inv.hyd if fl(e["floor"])],
                "emergency_lights": [e for e in inv.lights if fl(e["floor"])],
                "signs": [e for e in inv.signs if fl(e["floor"])],
                "detectors": [e for e in inv.det if fl(e["floor"])]}

    def inv_write(fn, doc, title):
        head = inventory_header(doc["extinguishers"], title)
        del doc["kind"]
        write_yaml(fn, doc, head)

    inv_write("inventory.yaml", inv_doc(lambda f: True),
              "County General Hospital 县人民医院 fire-equipment inventory, all buildings")
    inv_write("ward_tower_inventory.yaml", inv_doc(lambda f: f.startswith("WT-")),
              "Ward tower subset of inventory.yaml (for ward_tower_day.yaml)")
    write_yaml("population.yaml", pop, "# Day and night occupants per room, all buildings; "
               "generated by scripts/gen_hospital.py")
    wt_rooms = {rid for p in buildings[1]["plans"] for rid in p.rooms}
    wt_pop = {"kind": "population", "groups": [
        gr for gr in pop["groups"] if gr.get("room") in wt_rooms or
        gr.get("floor", "").startswith("WT-")]}
    write_yaml("ward_tower_population.yaml", wt_pop,
               "# Ward tower subset of population.yaml (for ward_tower_day.yaml)")
    write_departments(buildings)
    all_b = ["buildings/%s.yaml" % b["file"] for b in buildings]
    for fn, name, shift, bl, invf, popf in (
            ("day.yaml", "县人民医院 County General Hospital, day shift", "day", all_b,
             "inventory.yaml", "population.yaml"),
            ("night.yaml", "县人民医院 County General Hospital, night shift", "night", all_b,
             "inventory.yaml", "population.yaml"),
            ("ward_tower_day.yaml", "县人民医院 住院楼 Ward tower only, day shift", "day",
             ["buildings/wt.yaml"], "ward_tower_inventory.yaml", "ward_tower_population.yaml")):
        write_yaml(fn, {"kind": "scenario", "name": name, "buildings": bl, "inventory": [invf],
                        "departments": "departments.yaml", "population": popf, "shift": shift, "seed": 1, "time_step_s": 0.05,
                        "max_time_s": 3600},
                   "# Generated by scripts/gen_hospital.py")


# ----------------------------------------------------------------------------------------
# Self-check: re-read the YAML and verify the validator's geometry rules
# ----------------------------------------------------------------------------------------
def seg_dist(p, a, b):
    ax, ay = b[0] - a[0], b[1] - a[1]
    L2 = ax * ax + ay * ay
    t = max(0.0, min(1.0, ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / L2))
    return math.hypot(p[0] - a[0] - t * ax, p[1] - a[1] - t * ay), t, math.sqrt(L2)


def edges(poly):
    return [(poly[i], poly[(i + 1) % len(poly)]) for i in range(len(poly))]


def bdist(pt, poly):
    return min(seg_dist(pt, a, b)[0] for a, b in edges(poly))


def inside(pt, poly):
    c = False
    for a, b in edges(poly):
        if (a[1] > pt[1]) != (b[1] > pt[1]):
            if pt[0] < a[0] + (pt[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1]):
                c = not c
    return c


def area(poly):
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in edges(poly))) / 2


def clip(subject, clipper):
    """Sutherland-Hodgman; clipper convex and counter-clockwise."""
    out = subject
    for a, b in edges(clipper):
        inp, out = out, []
        if not inp:
            break

        def side(p):
            return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
        for i, cur in enumerate(inp):
            prev = inp[i - 1]
            sc, sp = side(cur), side(prev)
            if sc >= 0:
                if sp < 0:
                    out.append(inter(prev, cur, sp, sc))
                out.append(cur)
            elif sp >= 0:
                out.append(inter(prev, cur, sp, sc))
    return out


def inter(p, q, sp, sq):
    t = sp / (sp - sq)
    return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]


def ccw(poly):
    s = sum(a[0] * b[1] - b[0] * a[1] for a, b in edges(poly))
    return poly if s > 0 else poly[::-1]


def simple(poly):
    es = edges(poly)
    n = len(es)
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                continue
            (p1, p2), (p3, p4) = es[i], es[j]

            def o(a, b, c):
                v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
                return 0 if abs(v) < 1e-12 else (1 if v > 0 else -1)
            if o(p1, p2, p3) != o(p1, p2, p4) and o(p3, p4, p1) != o(p3, p4, p2):
                return False
    return True


def shared_segments(pa, pb):
    out = []
    for a1, a2 in edges(pa):
        for b1, b2 in edges(pb):
            d = [a2[0] - a1[0], a2[1] - a1[1]]
            L = math.hypot(*d)
            u = [d[0] / L, d[1] / L]
            if abs(u[0] * (b1[1] - a1[1]) - u[1] * (b1[0] - a1[0])) > 1e-6 or \
                    abs(u[0] * (b2[1] - a1[1]) - u[1] * (b2[0] - a1[0])) > 1e-6:
                continue
            t1 = u[0] * (b1[0] - a1[0]) + u[1] * (b1[1] - a1[1])
            t2 = u[0] * (b2[0] - a1[0]) + u[1] * (b2[1] - a1[1])
            lo, hi = max(0, min(t1, t2)), min(L, max(t1, t2))
            if hi - lo > 1e-6:
                out.append((a1, u, lo, hi))
    return out


def covered(seg, walls):
    a1, u, lo, hi = seg
    ivs = []
    for w in walls:
        for p, q in zip(w["points"], w["points"][1:]):
            cr = [abs(u[0] * (r[1] - a1[1]) - u[1] * (r[0] - a1[0])) for r in (p, q)]
            if max(cr) > 1e-6:
                continue
            t = sorted(u[0] * (r[0] - a1[0]) + u[1] * (r[1] - a1[1]) for r in (p, q))
            ivs.append(t)
    ivs.sort()
    cur = lo
    for s, e in ivs:
        if s <= cur + 1e-6:
            cur = max(cur, e)
    return cur >= hi - 1e-6


def load_yaml_tree():
    import yaml  # only the check needs PyYAML

    def norm(v):
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        if isinstance(v, list):
            return [norm(x) for x in v]
        if isinstance(v, (dt.date,)):
            return v.isoformat()
        return v

    def ld(path):
        with open(path, encoding="utf-8") as f:
            return norm(yaml.safe_load(f))
    proj = {}
    for sc in ("day.yaml", "night.yaml", "ward_tower_day.yaml"):
        s = ld(os.path.join(OUT, sc))
        bs = []
        for bp in s["buildings"]:
            bpath = os.path.normpath(os.path.join(OUT, bp))
            b = ld(bpath)
            b["floor_docs"] = [ld(os.path.normpath(os.path.join(os.path.dirname(bpath), f)))
                               for f in b["floors"]]
            bs.append(b)
        inv = ld(os.path.join(OUT, s["inventory"][0]))
        pop = ld(os.path.join(OUT, s["population"]))
        proj[sc] = (s, bs, inv, pop)
    return proj


def check_project(name, s, bs, inv, pop):
    errs = []

    def err(m):
        errs.append("%s: %s" % (name, m))
    ids = {k: set() for k in ("floor", "room", "door", "exit", "stair", "equip", "comp", "obst",
                              "ap")}

    def uniq(cat, i):
        if i in ids[cat]:
            err("duplicate %s id %s" % (cat, i))
        ids[cat].add(i)
    floors, rooms_all = {}, {}
    graph = {}
    exit_rooms = set()
    for b in bs:
        aps = {a["id"] for a in b["assembly_points"]}
        for a in aps:
            uniq("ap", a)
        for f in b["floor_docs"]:
            uniq("floor", f["id"])
            floors[f["id"]] = (b, f)
            outline = ccw(f["outline"])
            comps = {c["id"]: c["kind"] for c in f.get("compartments", [])}
            for c in comps:
                uniq("comp", c)
            rooms = {r["id"]: r for r in f["rooms"]}
            tot = 0.0
            for r in f["rooms"]:
                uniq("room", r["id"])
                rooms_all[r["id"]] = (b["id"], f["id"], r)
                graph.setdefault(r["id"], set())
                pg = r["polygon"]
                if len(pg) < 3 or area(pg) < 1e-6 or not simple(pg):
                    err("room %s polygon degenerate" % r["id"])
                if r["kind"] not in KINDS:
                    err("room %s kind %s" % (r["id"], r["kind"]))
                if r.get("compartment") and comps.get(r["compartment"]) != "smoke":
                    err("room %s smoke compartment %s" % (r["id"], r["compartment"]))
                if r.get("fire_compartment") and comps.get(r["fire_compartment"]) != "fire":
                    err("room %s fire compartment" % r["id"])
                tot += area(pg)
                if abs(area(clip(ccw(pg), outline)) - area(pg)) > 1e-6:
                    err("room %s outside outline" % r["id"])
            if abs(tot - area(outline)) > 0.01 * area(outline):
                err("floor %s rooms cover %.1f of %.1f" % (f["id"], tot, area(outline)))
            rl = f["rooms"]
            for i in range(len(rl)):
                for j in range(i + 1, len(rl)):
                    pi, pj = ccw(rl[i]["polygon"]), ccw(rl[j]["polygon"])
                    if area(clip(pi, pj)) > 1e-6:
                        err("rooms %s and %s overlap" % (rl[i]["id"], rl[j]["id"]))
                    for seg in shared_segments(pi, pj):
                        if not covered(seg, f["walls"]):
                            err("boundary %s/%s not walled" % (rl[i]["id"], rl[j]["id"]))
            for w in f["walls"]:
                for p, q in zip(w["points"], w["points"][1:]):
                    m = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2]
                    if bdist(m, outline) < 0.05:
                        err("wall on the outline %s" % w)
            for o in f.get("obstacles", []):
                uniq("obst", o["id"])
            for d in f["doors"]:
                uniq("door", d["id"])
                a, c = d["rooms"]
                if a not in rooms or c not in rooms or a == c:
                    err("door %s rooms" % d["id"])
                    continue
                graph[a].add(c)
                graph[c].add(a)
                w = d["width_m"]
                ok = False
                for wl in f["walls"]:
                    for p, q in zip(wl["points"], wl["points"][1:]):
                        dist, t, L = seg_dist(d["at"], p, q)
                        if dist <= 0.1 and t * L - w / 2 >= -1e-9 and t * L + w / 2 <= L + 1e-9:
                            ok = True
                if not ok:
                    err("door %s not on a wall segment with its full width" % d["id"])
                for rr in (a, c):
                    if bdist(d["at"], rooms[rr]["polygon"]) > 0.3:
                        err("door %s off room %s" % (d["id"], rr))
                if not any(seg_dist(d["at"], [a1[0] + u[0] * lo, a1[1] + u[1] * lo],
                                    [a1[0] + u[0] * hi, a1[1] + u[1] * hi])[0] < 1e-6 and
                           lo + w / 2 - 1e-9 <= u[0] * (d["at"][0] - a1[0]) +
                           u[1] * (d["at"][1] - a1[1]) <= hi - w / 2 + 1e-9
                           for a1, u, lo, hi in shared_segments(ccw(rooms[a]["polygon"]),
                                                                ccw(rooms[c]["polygon"]))):
                    err("door %s opening not within the boundary its rooms share" % d["id"])
                if bdist(d["at"], outline) < w / 2 + 0.1:
                    err("door %s near the outline" % d["id"])
                kinds = {rooms[a]["kind"], rooms[c]["kind"]}
                if kinds & {"ward", "icu"} and w < 1.2 - 1e-9:
                    err("door %s too narrow for beds" % d["id"])
                if "office" in kinds and w < 0.9 - 1e-9:
                    err("office door %s narrow" % d["id"])
            for e in f.get("exits", []):
                uniq("exit", e["id"])
                ok = False
                for p, q in edges(outline):
                    dist, t, L = seg_dist(e["at"], p, q)
                    if dist <= 0.1 and t * L - e["width_m"] / 2 >= 0 and \
                            t * L + e["width_m"] / 2 <= L:
                        ok = True
                if not ok:
                    err("exit %s not on an outline edge" % e["id"])
                if e["room"] not in rooms or not any(
                        seg_dist(e["at"], p, q)[0] < 1e-6 and
                        seg_dist(e["at"], p, q)[1] * seg_dist(e["at"], p, q)[2] >=
                        e["width_m"] / 2 and
                        (1 - seg_dist(e["at"], p, q)[1]) * seg_dist(e["at"], p, q)[2] >=
                        e["width_m"] / 2 for p, q in edges(rooms[e["room"]]["polygon"])):
                    err("exit %s not within an edge of its room" % e["id"])
                if e["assembly_point"] not in aps:
                    err("exit %s assembly point" % e["id"])
                if f["level"] != 1:
                    err("exit %s not on a ground floor" % e["id"])
                exit_rooms.add(e["room"])
            if f["level"] == 1 and len(f.get("exits", [])) < 2:
                err("floor %s has fewer than two exits" % f["id"])
            for rid, r in rooms.items():
                if not graph[rid]:
                    err("room %s has no door" % rid)
        levels = sorted((f["level"], f["elevation_m"], f["id"]) for f in b["floor_docs"])
        nxt = {levels[i][2]: levels[i + 1][2] for i in range(len(levels) - 1)}
        for st in b["stairs"]:
            uniq("stair", st["id"])
            lo, hi = st["lower"], st["upper"]
            if nxt.get(lo["floor"]) != hi["floor"]:
                err("stair %s floors not consecutive" % st["id"])
            if not (1.2 <= st["width_m"] <= 1.5) or not (10 <= st["length_m"] <= 15):
                err("stair %s dimensions" % st["id"])
            for end in (lo, hi):
                fdoc = floors.get(end["floor"], (None, None))[1]
                srs = [r for r in (fdoc or {"rooms": []})["rooms"]
                       if r["kind"] == "stair" and inside(end["at"], r["polygon"]) and
                       bdist(end["at"], r["polygon"]) > 0.5]
                if len(srs) != 1:
                    err("stair %s end %s not in a stair room" % (st["id"], end))
                    continue
                sr = srs[0]["id"]
                graph[sr].add(st["id"])
                graph.setdefault(st["id"], set()).add(sr)
                dd = [d for d in fdoc["doors"] if sr in d["rooms"] and
                      any(rooms_all[x][2]["kind"] in ("corridor", "lobby", "elevator_lobby")
                          for x in d["rooms"] if x != sr) and d["width_m"] >= st["width_m"]]
                if not dd:
                    err("stair room %s lacks a wide enough door to a corridor" % sr)
    # every room reaches an exit
    seen, todo = set(exit_rooms), list(exit_rooms)
    while todo:
        for nb in graph.get(todo.pop(), ()):
            if nb not in seen:
                seen.add(nb)
                todo.append(nb)
    for rid in rooms_all:
        if rid not in seen:
            err("room %s cannot reach an exit" % rid)
    # equipment
    cats = ("extinguishers", "hydrants", "emergency_lights", "signs", "detectors")
    for cat in cats:
        for e in inv.get(cat, []):
            uniq("equip", e["id"])
            if e["floor"] not in floors:
                err("%s %s floor" % (cat, e["id"]))
                continue
            f = floors[e["floor"]][1]
            rs = [r for r in f["rooms"] if inside(e["at"], r["polygon"])]
            if len(rs) != 1 or bdist(e["at"], rs[0]["polygon"]) < 0.3 - 1e-6:
                err("%s %s at %s not >= 0.3 m inside a room" % (cat, e["id"], e["at"]))
            for o in f.get("obstacles", []):
                if inside(e["at"], o["polygon"]):
                    err("%s %s inside obstacle" % (cat, e["id"]))
    sp = {}
    for e in inv.get("extinguishers", []):
        sp[e["setting_point"]] = sp.get(e["setting_point"], 0) + 1
        m = tuple(map(int, e["manufactured"].split("-")))
        ex = expiry(e["agent"], m)
        gap = (ex[0] * 12 + ex[1]) - (TODAY.year * 12 + TODAY.month)
        if abs(gap) <= 2:
            err("extinguisher %s expires too close to 2026-11 (%s)" % (e["id"], ex))
        if e.get("mount") and not (e["mount"]["top_m"] <= 1.5 and e["mount"]["bottom_m"] >= 0.08):
            err("mount %s" % e["id"])
    for k, v in sp.items():
        if v > 5 and not k.endswith("STOCK"):
            err("setting point %s holds %d" % (k, v))
    for gr in pop["groups"]:
        if "room" in gr and gr["room"] not in rooms_all:
            err("population room %s" % gr["room"])
        if gr.get("floor") and gr["floor"] not in floors:
            err("population floor %s" % gr["floor"])
        if gr["profile"] not in PROFILES:
            err("population profile %s" % gr["profile"])
        if "room_kind" in gr and not any(
                r[2]["kind"] == gr["room_kind"] and gr.get("floor", r[1]) == r[1] and
                gr.get("building", r[0]) == r[0] for r in rooms_all.values()):
            err("population room_kind group matches nothing: %s" % gr)
    return errs


KINDS = ("ward icu operating corridor office outpatient pharmacy radiology laboratory dialysis "
         "nurse_station lobby elevator_lobby stair plant_room oxygen_plant power_distribution "
         "boiler_room elevator_machine_room dormitory kitchen storage records server_room toilet other").split()
PROFILES = ("staff", "visitor", "ambulant_patient", "impaired", "wheelchair", "bed_bound", "icu")


def tree_from_memory(buildings, inv, pop):
    """Fallback without PyYAML: the generated structures, as the YAML files hold them."""
    def rt(v):
        return json.loads(json.dumps(v))
    bs = []
    for b in buildings:
        d = {k: b[k] for k in ("id", "assembly_points", "stairs")}
        d["floor_docs"] = [p.doc() for p in b["plans"]]
        bs.append(rt(d))
    wt = {p.id for p in buildings[1]["plans"]}
    wt_inv = {k: [e for e in v if e["floor"] in wt] for k, v in
              (("extinguishers", inv.ext), ("hydrants", inv.hyd), ("emergency_lights", inv.lights),
               ("signs", inv.signs), ("detectors", inv.det))}
    full = {"extinguishers": inv.ext, "hydrants": inv.hyd, "emergency_lights": inv.lights,
            "signs": inv.signs, "detectors": inv.det}
    wt_rooms = {rid for p in buildings[1]["plans"] for rid in p.rooms}
    wt_pop = {"groups": [g for g in pop["groups"] if g.get("room") in wt_rooms or
                         g.get("floor", "").startswith("WT-")]}
    return {"day.yaml": ({}, bs, rt(full), rt(pop)), "night.yaml": ({}, bs, rt(full), rt(pop)),
            "ward_tower_day.yaml": ({}, bs[1:2], rt(wt_inv), rt(wt_pop))}


def run_check(buildings, inv, pop):
    try:
        proj = load_yaml_tree()
    except ImportError:
        print("note: PyYAML not installed; checking the generated data, not the written files")
        return [e for sc, t in tree_from_memory(buildings, inv, pop).items()
                for e in check_project(sc, *t)], None
    errs = []
    for sc, (s, bs, inv_y, pop_y) in proj.items():
        errs += check_project(sc, s, bs, inv_y, pop_y)
    # the written YAML must read back exactly as generated
    s, bs, inv_y, pop_y = proj["day.yaml"]
    gen = json.loads(json.dumps({"ext": inv.ext, "pop": pop["groups"]}))
    if gen["ext"] != inv_y["extinguishers"] or gen["pop"] != pop_y["groups"]:
        errs.append("YAML round trip differs from the generated data")
    for b, by in zip(buildings, bs):
        for p, fy in zip(b["plans"], by["floor_docs"]):
            if json.loads(json.dumps(p.doc())) != fy:
                errs.append("floor %s round trip differs" % p.id)
    return errs, proj


def report(buildings, inv, pop, proj):
    fl = [p for b in buildings for p in b["plans"]]
    st = {}
    for e in inv.ext:
        st[e["status"]] = st.get(e["status"], 0) + 1
    exp = sum(1 for e in inv.ext
              if is_expired(e["agent"], tuple(map(int, e["manufactured"].split("-")))))
    late = sum(1 for e in inv.ext if "last_inspection" in e and
               (TODAY - dt.date.fromisoformat(e["last_inspection"])).days > 31)
    day, night = population_totals(pop, buildings)
    print("floors %d, rooms %d, doors %d, exits %d, stairs %d, walls %d, obstacles %d" % (
        len(fl), sum(len(p.rooms) for p in fl), sum(len(p.doors) for p in fl),
        sum(len(p.exits) for p in fl), sum(len(b["stairs"]) for b in buildings),
        sum(len(p.walls()) for p in fl), sum(len(p.obstacles) for p in fl)))
    for b in buildings:
        print("  %s: %d floors, %d rooms, %d stairs" % (b["id"], len(b["plans"]),
              sum(len(p.rooms) for p in b["plans"]), len(b["stairs"])))
    print("extinguishers %d %s; expired %d; inspection > 31 days %d" % (
        len(inv.ext), dict(sorted(st.items())), exp, late))
    print("hydrants %d, emergency lights %d (measured < 60 min: %d), signs %d, detectors %d" % (
        len(inv.hyd), len(inv.lights),
        sum(1 for l in inv.lights if l["measured_duration_min"] < 60), len(inv.signs),
        len(inv.det)))
    beds = sum(1 for b in buildings for p in b["plans"] for r in p.rooms.values()
               if r["kind"] == "ward" and p.bld == "WT") * 3
    print("ward-tower ward beds %d; population day %d, night %d" % (beds, day, night))
    if proj:
        s, bs, inv_y, pop_y = proj["ward_tower_day.yaml"]
        print("ward_tower_day: population day %d" % population_totals(pop_y, buildings[1:2])[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="verify the written files")
    args = ap.parse_args()
    buildings = build_all()
    inv = build_inventory(buildings)
    pop = build_population()
    write_all(buildings, inv, pop)
    proj = None
    if args.check:
        errs, proj = run_check(buildings, inv, pop)
        for e in errs:
            print("error:", e)
        report(buildings, inv, pop, proj)
        print("check: %d problem(s)" % len(errs))
        return 1 if errs else 0
    report(buildings, inv, pop, proj)
    return 0


if __name__ == "__main__":
    sys.exit(main())
