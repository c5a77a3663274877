#pragma once
// Expiry labels (issue 16 item 4): one sticker per unit, on A4 label stock, with the unit's
// type, location, dates as of a day, owner and a QR code of its id; and reading back what a
// scanner typed from such a QR code. "Today" is an input, as everywhere in the core.
// docs/compliance.md, "Labels".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "muster/checks.hpp"

namespace muster {

// ---- QR codes -----------------------------------------------------------------------------

// A QR symbol (ISO/IEC 18004) as libqrencode made it: size x size modules, row-major, without
// the quiet zone.
struct QrCode {
    int version = 0;                    // 1 .. 40
    int size = 0;                       // modules per side: 17 + 4 * version
    std::vector<unsigned char> modules; // 1 = dark
    [[nodiscard]] bool dark(int x, int y) const {
        return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) +
                       static_cast<std::size_t>(x)] != 0;
    }
};

// Light modules around the symbol on every side (ISO/IEC 18004: a quiet zone four modules wide).
inline constexpr int kQrQuietZone = 4;

// Encodes `text` exactly (its UTF-8 bytes, case kept) at error-correction level M (about 15 %
// of the codewords recoverable), in the smallest version that holds it; libqrencode picks
// numeric / alphanumeric / byte segments. nullopt for empty text, text with a NUL byte, or
// text too long for version 40.
[[nodiscard]] std::optional<QrCode> qrEncode(const std::string& text);

// The QR code of `text` as an inline SVG element: a white square with the quiet zone and one
// path of the dark modules (a rectangle per run of dark modules along a row), viewBox in
// modules, `sizeMm` wide and high, crisp edges. "" when qrEncode fails.
[[nodiscard]] std::string qrSvg(const std::string& text, double sizeMm = 20.0);

// The unit id in what a handheld scanner typed when it read a label's QR code. The payload of
// a label's code is the unit id and nothing else; scanners (keyboard wedges) add a CR, LF or
// tab after it, sometimes spaces: leading and trailing whitespace and control bytes are
// dropped, the rest is the id as it is. "" when nothing is left.
[[nodiscard]] std::string parseScanPayload(std::string_view payload);

// ---- label sheets -------------------------------------------------------------------------

// The label stock: 70 x 37 mm labels, 3 across and 8 down, 24 per A4 sheet (210 x 297 mm),
// no gaps between labels (the common 24-up stock, e.g. Avery 3474); the 1 mm left over is split
// above the first row and below the last.
struct LabelStock {
    static constexpr double kPageWidthMm = 210.0, kPageHeightMm = 297.0;
    static constexpr double kLabelWidthMm = 70.0, kLabelHeightMm = 37.0;
    static constexpr int kColumns = 3, kRows = 8;
    static constexpr int kPerSheet = kColumns * kRows;
    static constexpr double kTopMarginMm = (kPageHeightMm - kRows * kLabelHeightMm) / 2;
};

// The inventory kinds that get labels (Finding::itemKind spelling).
inline constexpr const char* kLabelKinds[] = {"extinguisher", "hydrant", "light", "sign",
                                              "detector"};
[[nodiscard]] bool isLabelKind(std::string_view kind);

struct LabelOptions {
    std::vector<std::string> kinds{"extinguisher"};
    std::vector<std::string> floors; // floor ids; empty = every floor
    std::string building;            // building id; "" = every building
    // Only units due before this day (the replacement / maintenance batch): an extinguisher
    // whose end of service life or next maintenance falls before it; another kind whose next
    // inspection or test does.
    std::optional<Date> dueBefore;
};

struct Label {
    std::string kind, id;
    std::string model; // nameplate model and rating, e.g. "MF/ABC4 2A 55B" (extinguishers)
    std::string type; // bilingual: "手提式 handheld · ABC干粉 ABC dry powder", "室内消火栓 hydrant"
    std::string detail;                // e.g. "hose 25 m", "rated 90 min"; may be ""
    std::string building, floor, room; // display names ("" when not known)
    std::optional<YearMonth> manufactured;
    // Extinguishers: the end of service life (serviceLifeEnd); noFixedLife when the profile
    // gives the agent none (NFPA).
    std::optional<Date> lifeEnd;
    bool noFixedLife = false;
    std::optional<Date> maintenanceDue;
    // The next inspection (extinguishers, hydrants, signs) or test (lights, detectors), as the
    // checks compute it. nullopt when the unit is not active (expired, spare, away for repair,
    // missing: not inspected at its point) or has none on record; inspectionNone says the
    // latter: an active unit never inspected is due now.
    std::optional<Date> inspectionDue;
    bool inspectionNone = false;
    ItemStatus status = ItemStatus::Ok; // as the checks give it (muster/checks.hpp)
    EquipmentStatus recorded = EquipmentStatus::InService;
    std::string department;  // the owner's name (ownerOf), "" = nobody
    std::string responsible; // the owner's responsible person, when the registry names one
};

struct LabelSheet {
    Date today;
    std::vector<Label> labels; // building by building, floor by floor, in inventory order
};

// The labels for the units `options` select, as of `today`: every unit except scrapped ones.
// Floors and buildings named in `options` that the project does not have are errors in
// `diags`; so are buildings without a loaded profile (their units get no labels).
[[nodiscard]] LabelSheet buildLabels(const Project& project, const RulesSet& rules, Date today,
                                     const LabelOptions& options, Diagnostics& diags);

// Printable HTML: A4 pages (@page margin 0) of stickers placed in mm, self-contained (inline
// CSS and SVG, no scripts, fonts or images from elsewhere); every name and id is escaped.
[[nodiscard]] std::string labelSheetHtml(const LabelSheet& sheet);
[[nodiscard]] std::string labelSheetHtml(const Project& project, const RulesSet& rules, Date today,
                                         const LabelOptions& options, Diagnostics& diags);

} // namespace muster
