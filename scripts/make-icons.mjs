#!/usr/bin/env node
// Draws Pelita's app icons (a lamp flame, "pelita") as PNG without any image library, so the icons are
// reproducible from this script: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x / size, y / size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A flame: a circle below, narrowing to a point above. `s` scales it (maskable icons keep a safe zone).
const inFlame = (x, y, s, cy) => {
  const dx = (x - 0.5) / s;
  const dy = (y - cy) / s;
  if (dy >= 0) return dx * dx + dy * dy <= 0.2 * 0.2;
  const half = 0.2 * (1 + dy / 0.42);
  return dy > -0.42 && Math.abs(dx) <= half * Math.sqrt(Math.max(0, 1 + dy / 0.42)) * 1.1;
};
const icon = (s, rounded) => (x, y) => {
  if (rounded) {
    const r = 0.18;
    const cx = Math.min(Math.max(x, r), 1 - r);
    const cy = Math.min(Math.max(y, r), 1 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  }
  if (inFlame(x, y, s * 0.45, 0.6)) return [255, 255, 255, 255];
  if (inFlame(x, y, s, 0.6)) return [246, 195, 67, 255];
  return [31, 95, 139, 255];
};

writeFileSync('public/icons/icon-192.png', png(192, icon(1, true)));
writeFileSync('public/icons/icon-512.png', png(512, icon(1, true)));
writeFileSync('public/icons/maskable-512.png', png(512, icon(0.7, false)));
console.log('icons written');
