#!/usr/bin/env python3
"""Compares two screenshots of sepconv-lab pixel by pixel, for refactors that must not
change what the app draws (issue 19). Reads the app's own PNGs (8-bit RGB or RGBA, not
interlaced) with the standard library only.

  tools/screenshot_diff.py BEFORE.png AFTER.png [--mask-bottom PX] [--mask X,Y,W,H ...]

--mask-bottom hides the status bar (its timings change from run to run); --mask hides
any other rectangle, such as the Costs tab's measured-time lines. Prints the number of
differing pixels and the rectangle that holds them; exits 0 when they are identical
outside the masks, 1 when they differ, 2 when a file cannot be read or the sizes differ.
"""
import argparse
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError(f"{path}: no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"{path}: only 8-bit RGB or RGBA without interlacing is read")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--mask-bottom", type=int, default=0, metavar="PX")
    parser.add_argument("--mask", action="append", default=[], metavar="X,Y,W,H")
    args = parser.parse_args()
    try:
        a, b = read_png(args.before), read_png(args.after)
    except (OSError, ValueError, zlib.error) as e:
        print(f"screenshot_diff: {e}", file=sys.stderr)
        return 2
    if a[:2] != b[:2]:
        print(f"screenshot_diff: sizes differ: {a[0]}x{a[1]} and {b[0]}x{b[1]}", file=sys.stderr)
        return 2
    width, height = a[0], a[1]
    masks = [tuple(int(v) for v in m.split(",")) for m in args.mask]
    if args.mask_bottom:
        masks.append((0, height - args.mask_bottom, width, args.mask_bottom))
    differing, box = 0, None
    for y in range(height):
        ra, rb = a[3][y], b[3][y]
        for x in range(width):
            pa, pb = ra[x * a[2]:x * a[2] + 3], rb[x * b[2]:x * b[2] + 3]
            if pa == pb or any(mx <= x < mx + mw and my <= y < my + mh for mx, my, mw, mh in masks):
                continue
            differing += 1
            box = (min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)) if box else (x, y, x, y)
    if differing == 0:
        print(f"identical outside the masks ({width}x{height})")
        return 0
    x0, y0, x1, y1 = box
    print(f"{differing} pixels differ, within x {x0}..{x1}, y {y0}..{y1}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
