// Draws public/favicon.svg's picture (two lines, NAS and Dashboard, joining into one) into
// public/favicon.ico at 16 and 32 px, for browsers that ask for /favicon.ico: `node scripts/make-favicon.mjs`.
import { writeFileSync } from "node:fs";

const strokes = [
  {
    color: [250, 250, 249],
    width: 3,
    points: [
      [7, 9],
      [13, 9],
      [19, 16],
      [13, 23],
      [7, 23],
    ],
  },
  {
    color: [56, 189, 248],
    width: 3,
    points: [
      [19, 16],
      [25, 16],
    ],
  },
];
const background = [28, 25, 23];

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function insideRoundedSquare(x, y) {
  const r = 7;
  const cx = Math.min(Math.max(x, r), 32 - r);
  const cy = Math.min(Math.max(y, r), 32 - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

/** One pixel of the 32-unit picture at size `size`, 4×4 samples: [r, g, b, a]. */
function pixel(size, x, y) {
  const sum = [0, 0, 0, 0];
  for (let sy = 0; sy < 4; sy++)
    for (let sx = 0; sx < 4; sx++) {
      const [ux, uy] = [((x + (sx + 0.5) / 4) * 32) / size, ((y + (sy + 0.5) / 4) * 32) / size];
      if (!insideRoundedSquare(ux, uy)) continue;
      let color = background;
      for (const stroke of strokes)
        for (let i = 1; i < stroke.points.length; i++)
          if (distanceToSegment(ux, uy, stroke.points[i - 1], stroke.points[i]) <= stroke.width / 2)
            color = stroke.color;
      sum[0] += color[0];
      sum[1] += color[1];
      sum[2] += color[2];
      sum[3] += 255;
    }
  return sum[3]
    ? [sum[0] / (sum[3] / 255), sum[1] / (sum[3] / 255), sum[2] / (sum[3] / 255), sum[3] / 16].map(Math.round)
    : [0, 0, 0, 0];
}

/** A 32-bit BMP image as an ICO entry holds it: header, BGRA rows bottom-up, AND mask. */
function bitmap(size) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(size, x, y);
      pixels.set([b, g, r, a], ((size - 1 - y) * size + x) * 4);
    }
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  return Buffer.concat([header, pixels, mask]);
}

const images = [16, 32].map((size) => ({ size, data: bitmap(size) }));
const directory = Buffer.alloc(6 + 16 * images.length);
directory.writeUInt16LE(1, 2);
directory.writeUInt16LE(images.length, 4);
let offset = directory.length;
images.forEach(({ size, data }, i) => {
  const entry = 6 + 16 * i;
  directory.writeUInt8(size, entry);
  directory.writeUInt8(size, entry + 1);
  directory.writeUInt16LE(1, entry + 4);
  directory.writeUInt16LE(32, entry + 6);
  directory.writeUInt32LE(data.length, entry + 8);
  directory.writeUInt32LE(offset, entry + 12);
  offset += data.length;
});
writeFileSync(
  new URL("../public/favicon.ico", import.meta.url),
  Buffer.concat([directory, ...images.map((i) => i.data)]),
);
