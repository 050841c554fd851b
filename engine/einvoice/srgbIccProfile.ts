/**
 * An ICC v2 display profile for sRGB (IEC 61966-2-1), built from the published constants: the
 * Bradford-adapted (D50) primaries, the D65 media white point and the sRGB tone curve sampled on
 * 1024 points. It is the PDF/A OutputIntent's DestOutputProfile. No npm package ships an sRGB
 * profile as a file, and nothing may be downloaded at run time, so it is computed (≈ 2.6 kB).
 * Numbers here are colour coordinates, not money.
 */
const ASCII = (s: string) => Array.from(s, (ch) => ch.charCodeAt(0));

class Bytes {
  readonly out: number[] = [];
  u8(v: number) {
    this.out.push(v & 0xff);
  }
  u16(v: number) {
    this.u8(v >>> 8);
    this.u8(v);
  }
  u32(v: number) {
    this.u16(v >>> 16);
    this.u16(v & 0xffff);
  }
  s15f16(v: number) {
    this.u32(Math.round(v * 65536) >>> 0);
  }
  sig(s: string) {
    this.out.push(...ASCII(s.padEnd(4, " ")));
  }
  zeros(n: number) {
    for (let i = 0; i < n; i += 1) this.u8(0);
  }
  pad4() {
    while (this.out.length % 4 !== 0) this.u8(0);
  }
}

function xyzTag(x: number, y: number, z: number): number[] {
  const b = new Bytes();
  b.sig("XYZ ");
  b.zeros(4);
  b.s15f16(x);
  b.s15f16(y);
  b.s15f16(z);
  return b.out;
}

function descTag(text: string): number[] {
  const b = new Bytes();
  b.sig("desc");
  b.zeros(4);
  b.u32(text.length + 1);
  b.out.push(...ASCII(text), 0);
  b.u32(0); // Unicode language code
  b.u32(0); // Unicode count
  b.u16(0); // ScriptCode code
  b.u8(0); // ScriptCode count
  b.zeros(67);
  return b.out;
}

function textTag(text: string): number[] {
  const b = new Bytes();
  b.sig("text");
  b.zeros(4);
  b.out.push(...ASCII(text), 0);
  return b.out;
}

function srgbCurveTag(points = 1024): number[] {
  const b = new Bytes();
  b.sig("curv");
  b.zeros(4);
  b.u32(points);
  for (let i = 0; i < points; i += 1) {
    const v = i / (points - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    b.u16(Math.round(linear * 65535));
  }
  return b.out;
}

let cached: Uint8Array | undefined;

export function srgbIccProfile(): Uint8Array {
  if (cached) return cached.slice();
  const trc = srgbCurveTag();
  const tags: [string, number[]][] = [
    ["desc", descTag("sRGB IEC61966-2.1")],
    ["cprt", textTag("No copyright, use freely")],
    ["wtpt", xyzTag(0.9505, 1.0, 1.089)],
    ["rXYZ", xyzTag(0.4360747, 0.2225045, 0.0139322)],
    ["gXYZ", xyzTag(0.3850649, 0.7168786, 0.0971045)],
    ["bXYZ", xyzTag(0.1430804, 0.0606169, 0.7141733)],
    ["rTRC", trc],
    ["gTRC", trc],
    ["bTRC", trc],
  ];
  // Lay out the tag data after the header (128) and the tag table (4 + 12 per tag); the three TRC tags share one copy.
  const data = new Bytes();
  const offsets = new Map<number[], number>();
  const tableEnd = 128 + 4 + 12 * tags.length;
  const entries = tags.map(([sig, bytes]) => {
    let offset = offsets.get(bytes);
    if (offset === undefined) {
      offset = tableEnd + data.out.length;
      offsets.set(bytes, offset);
      data.out.push(...bytes);
      data.pad4();
    }
    return { sig, offset, size: bytes.length };
  });
  const size = tableEnd + data.out.length;

  const p = new Bytes();
  p.u32(size);
  p.zeros(4); // preferred CMM
  p.u32(0x02100000); // version 2.1
  p.sig("mntr");
  p.sig("RGB ");
  p.sig("XYZ ");
  for (const v of [2026, 1, 1, 0, 0, 0]) p.u16(v); // creation date (fixed: the profile never changes)
  p.sig("acsp");
  p.zeros(4); // platform
  p.zeros(4); // flags
  p.zeros(4); // manufacturer
  p.zeros(4); // model
  p.zeros(8); // attributes
  p.u32(0); // perceptual intent
  p.s15f16(0.9642);
  p.s15f16(1.0);
  p.s15f16(0.8249); // PCS illuminant D50
  p.zeros(4); // creator
  p.zeros(44); // profile ID (v4) and reserved
  p.u32(tags.length);
  for (const e of entries) {
    p.sig(e.sig);
    p.u32(e.offset);
    p.u32(e.size);
  }
  p.out.push(...data.out);
  cached = Uint8Array.from(p.out);
  return cached.slice();
}
