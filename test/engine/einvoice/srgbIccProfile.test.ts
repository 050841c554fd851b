import { describe, expect, it } from "vitest";
import { srgbIccProfile } from "../../../engine/einvoice/srgbIccProfile.js";

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const sig = (b: Uint8Array, at: number) => new TextDecoder("latin1").decode(b.slice(at, at + 4));

describe("srgbIccProfile", () => {
  it("is an ICC v2 RGB display profile whose size field matches its length", () => {
    const p = srgbIccProfile();
    expect(view(p).getUint32(0)).toBe(p.length);
    expect(view(p).getUint32(8)).toBe(0x02100000);
    expect([sig(p, 12), sig(p, 16), sig(p, 20), sig(p, 36)]).toEqual(["mntr", "RGB ", "XYZ ", "acsp"]);
  });

  it("lists the nine tags of a matrix/TRC profile, each inside the file and 4-byte aligned", () => {
    const p = srgbIccProfile();
    const count = view(p).getUint32(128);
    const tags = Array.from({ length: count }, (_, i) => ({
      sig: sig(p, 132 + 12 * i),
      offset: view(p).getUint32(136 + 12 * i),
      size: view(p).getUint32(140 + 12 * i),
    }));
    expect(tags.map((t) => t.sig).sort()).toEqual(["bTRC", "bXYZ", "cprt", "desc", "gTRC", "gXYZ", "rTRC", "rXYZ", "wtpt"]);
    for (const t of tags) {
      expect(t.offset % 4).toBe(0);
      expect(t.offset + t.size).toBeLessThanOrEqual(p.length);
    }
  });

  it("has a tone curve from 0 to 65535 that never decreases", () => {
    const p = srgbIccProfile();
    const trc = Array.from({ length: 9 }, (_, i) => i).find((i) => sig(p, 132 + 12 * i) === "rTRC") as number;
    const offset = view(p).getUint32(136 + 12 * trc);
    expect(sig(p, offset)).toBe("curv");
    const n = view(p).getUint32(offset + 8);
    const values = Array.from({ length: n }, (_, i) => view(p).getUint16(offset + 12 + 2 * i));
    expect(values[0]).toBe(0);
    expect(values.at(-1)).toBe(65535);
    expect(values.every((v, i) => i === 0 || v >= (values[i - 1] as number))).toBe(true);
  });
});
