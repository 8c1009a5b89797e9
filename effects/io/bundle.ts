/**
 * A binary bundle: a JSON header and named typed arrays in one file, for checkpoints (weights,
 * optimizer moments, episode buffers) that JSON would bloat and slow. Layout: `GFBN`, the
 * header's byte length (u32 little-endian), the header as UTF-8 JSON (which lists the arrays:
 * name, type, length), zero padding to a multiple of 8, then the arrays back to back, each
 * starting on a multiple of 8. Write it with `writeAtomic`.
 *
 * @example
 * ```ts
 * const weights = new Float32Array([0.5, -1, 2]);
 * const bytes = encodeBundle({ step: 3 }, [{ name: "w", data: weights }]);
 * const { header, arrays } = decodeBundle(bytes, "ckpt.bin"); // header: { step: 3 }
 * const w = arrayReader(arrays, "ckpt.bin")("w", 3, Float32Array); // Float32Array [0.5, -1, 2]
 * ```
 * @module
 */
import * as t from "io-ts";
import { InputError } from "../errors.ts";
import { closed, decode, NonNegInt } from "./codec.ts";

/** The array types a bundle holds. */
export type BundleArray = Float32Array | Int32Array;

/** One named array to write. */
export interface BundleEntry {
  readonly name: string;
  readonly data: BundleArray;
}

const magic = [0x47, 0x46, 0x42, 0x4e]; // "GFBN"
const align = (n: number) => Math.ceil(n / 8) * 8;

const Listing = t.array(
  closed({ name: t.string, type: t.keyof({ f32: null, i32: null }), length: NonNegInt }),
);

/** Encodes a header (any JSON value) and arrays into bytes. */
export function encodeBundle(header: unknown, entries: readonly BundleEntry[]): Uint8Array {
  const listing = entries.map((e) => ({
    name: e.name,
    type: e.data instanceof Float32Array ? "f32" : "i32",
    length: e.data.length,
  }));
  const json = new TextEncoder().encode(JSON.stringify({ header, arrays: listing }));
  let size = align(8 + json.length);
  const offsets = entries.map((e) => {
    const at = size;
    size = align(size + e.data.byteLength);
    return at;
  });
  const out = new Uint8Array(size);
  out.set(magic, 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  entries.forEach((e, k) => {
    out.set(new Uint8Array(e.data.buffer, e.data.byteOffset, e.data.byteLength), offsets[k]);
  });
  return out;
}

/** Decodes bytes written by `encodeBundle`; a malformed file is an `InputError` naming `source`. */
export function decodeBundle(
  bytes: Uint8Array,
  source: string,
): { header: unknown; arrays: Map<string, BundleArray> } {
  if (bytes.length < 8 || magic.some((m, i) => bytes[i] !== m)) {
    throw new InputError(`${source}: not a gridfold bundle`);
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  if (8 + length > bytes.length) throw new InputError(`${source}: truncated header`);
  let parsed: { header?: unknown; arrays?: unknown };
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
  } catch {
    throw new InputError(`${source}: the header is not JSON`);
  }
  const listing = decode(Listing, parsed.arrays, `${source}: arrays`);
  // Copy so the arrays are aligned and independent of the file's buffer.
  let at = align(8 + length);
  const arrays = new Map<string, BundleArray>();
  for (const { name, type, length: n } of listing) {
    const end = at + 4 * n;
    if (end > bytes.length) throw new InputError(`${source}: array ${name} is truncated`);
    const raw = bytes.slice(at, end).buffer;
    arrays.set(name, type === "f32" ? new Float32Array(raw) : new Int32Array(raw));
    at = align(end);
  }
  return { header: parsed.header, arrays };
}

/**
 * A reader of a decoded bundle's arrays: the array `name`, checked to be of type `kind` and
 * `length` long, or an `InputError` naming `source` and the array.
 */
export function arrayReader(
  arrays: ReadonlyMap<string, BundleArray>,
  source: string,
): <A extends BundleArray>(name: string, length: number, kind: new (n: number) => A) => A {
  return (name, length, kind) => {
    const a = arrays.get(name);
    if (!(a instanceof kind) || a.length !== length) {
      throw new InputError(`${source}: array ${name} is missing or has the wrong size`);
    }
    return a;
  };
}
