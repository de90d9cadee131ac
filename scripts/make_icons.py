"""Draw the app's PNG icons from the logo mark's geometry (static/img/logo.svg), with the
standard library only, so they can be made again byte for byte: python scripts/make_icons.py

The web app manifest wants PNGs (Chromium installs with one of 144 px or more), iOS wants a
square apple-touch-icon. Each pixel is shaded by its signed distance to the shape's edge, a
one-sample anti-aliasing that is plenty at these sizes.
"""

import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "static" / "img"
ACCENT = (0x2F, 0x5B, 0xD3)
WHITE = (0xFF, 0xFF, 0xFF)
# logo.svg, in its 32-unit viewBox: the rounded square (rx 7) and the rising line with its
# arrow head, stroked 3.5 wide with round caps and joins.
LINES = [[(7, 22), (13, 16), (17, 20), (25, 11)], [(19, 11), (25, 11), (25, 17)]]
HALF_STROKE = 1.75
RADIUS = 7

# name: (size in px, full bleed, how much of the canvas the mark's 32 units take).
# A full-bleed icon has no transparent corners: maskable icons and iOS crop their own shape,
# and a maskable icon's mark must stay inside the middle 80% circle.
ICONS = {
    "icon-192.png": (192, False, 1.0),
    "icon-512.png": (512, False, 1.0),
    "icon-maskable-512.png": (512, True, 0.7),
    "apple-touch-icon.png": (180, True, 0.8),
}
SEGMENTS = [(a, b) for line in LINES for a, b in zip(line, line[1:], strict=False)]


def segment_distance(x, y, a, b):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - ax - t * dx, y - ay - t * dy)


def rounded_square_distance(x, y):
    """Signed distance to the 32-unit square with corners of RADIUS (negative inside)."""
    qx = abs(x - 16) - (16 - RADIUS)
    qy = abs(y - 16) - (16 - RADIUS)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - RADIUS


def coverage(distance, pixel):
    return max(0.0, min(1.0, 0.5 - distance / pixel))


def draw(size, full_bleed, scale):
    unit = 32 / (scale * size)  # viewBox units per pixel; the mark stays centred
    rows = []
    for row in range(size):
        line = bytearray([0])  # PNG filter type: none
        for column in range(size):
            x = 16 + ((column + 0.5) - size / 2) * unit
            y = 16 + ((row + 0.5) - size / 2) * unit
            alpha = 1.0 if full_bleed else coverage(rounded_square_distance(x, y), unit)
            line_distance = min(segment_distance(x, y, a, b) for a, b in SEGMENTS)
            stroke = coverage(line_distance - HALF_STROKE, unit)
            colour = [round(c + (w - c) * stroke) for c, w in zip(ACCENT, WHITE, strict=True)]
            line += bytes([*colour, round(alpha * 255)])
        rows.append(bytes(line))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main():
    for name, (size, full_bleed, scale) in ICONS.items():
        (OUT / name).write_bytes(draw(size, full_bleed, scale))
        print(f"static/img/{name}: {size}x{size}")


if __name__ == "__main__":
    main()
