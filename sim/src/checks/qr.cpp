// QR codes of unit ids (libqrencode, the only user of <qrencode.h>) and the scanner payload.
#include <qrencode.h>

#include <cstdio>
#include <memory>

#include "muster/labels.hpp"

namespace muster {

std::optional<QrCode> qrEncode(const std::string& text) {
    if (text.empty() || text.find('\0') != std::string::npos)
        return std::nullopt;
    // Version 0: the smallest that holds the text. QR_MODE_8 with case sensitivity: segments
    // in numeric, alphanumeric or 8-bit mode as libqrencode finds shortest, never Kanji (the
    // bytes are UTF-8, not Shift JIS).
    std::unique_ptr<QRcode, decltype(&QRcode_free)> q(
        QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!q)
        return std::nullopt;
    QrCode out;
    out.version = q->version;
    out.size = q->width;
    const std::size_t n = static_cast<std::size_t>(q->width) * static_cast<std::size_t>(q->width);
    out.modules.resize(n);
    // libqrencode: bit 0 of each byte is the module's colour (1 = dark); the other bits say
    // what the module is part of.
    for (std::size_t i = 0; i < n; ++i)
        out.modules[i] = q->data[i] & 1u;
    return out;
}

std::string qrSvg(const std::string& text, double sizeMm) {
    const auto q = qrEncode(text);
    if (!q)
        return "";
    const int w = q->size + 2 * kQrQuietZone;
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                  "width=\"%gmm\" height=\"%gmm\" shape-rendering=\"crispEdges\">",
                  w, w, sizeMm, sizeMm);
    std::string s = buf;
    std::snprintf(buf, sizeof buf, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path d=\"", w,
                  w);
    s += buf;
    for (int y = 0; y < q->size; ++y) {
        for (int x = 0; x < q->size;) {
            if (!q->dark(x, y)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < q->size && q->dark(x + run, y))
                ++run;
            std::snprintf(buf, sizeof buf, "M%d %dh%dv1h-%dz", x + kQrQuietZone, y + kQrQuietZone,
                          run, run);
            s += buf;
            x += run;
        }
    }
    s += "\" fill=\"#000\"/></svg>";
    return s;
}

std::string parseScanPayload(std::string_view payload) {
    // Whitespace and control bytes only: every byte of a UTF-8 multi-byte sequence is >= 0x80.
    auto junk = [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f;
    };
    std::size_t b = 0, e = payload.size();
    while (b < e && junk(payload[b]))
        ++b;
    while (e > b && junk(payload[e - 1]))
        --e;
    return std::string(payload.substr(b, e - b));
}

bool isLabelKind(std::string_view kind) {
    for (const char* k : kLabelKinds)
        if (kind == k)
            return true;
    return false;
}

} // namespace muster
