/**
 * A dense-layer kernel in WebAssembly SIMD, assembled here from its bytes (no build step, no
 * file): `y[0..n) += sum_k a[k] * w[row_k .. row_k + n)` over eight rows at a time, four
 * float32 lanes at a time. V8 does not vectorise the same loop written in JavaScript; this runs
 * it about five times faster (9 multiply-adds per nanosecond against 1.8 here).
 *
 * The kernel works on one `WebAssembly.Memory` holding the weights and the buffers; its
 * arguments are byte offsets: the list of multipliers `a` (f32), the list of row offsets (i32),
 * the list length `m` (a multiple of 8; pad with `a = 0`), the output `y` and its byte length
 * (a multiple of 16). Pure computation: it changes only `y`.
 *
 * @module
 */

/** Rows the kernel takes at a time: list lengths must be a multiple of this. */
export const kernelRows = 8;

/** `(a, rows, m, y, nBytes) => void` over byte offsets into the kernel's memory. */
export type DenseKernel = (a: number, rows: number, m: number, y: number, nBytes: number) => void;

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};

/** The module's bytes: one function `dense(a, rows, m, y, nBytes)`, memory `env.mem` imported. */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const R = kernelRows;
  // Locals: 0 a, 1 rows, 2 m, 3 y, 4 nBytes (params); 5 k, 6 end, 7 j, 8.. row offsets (i32);
  // then R splatted multipliers and one accumulator (v128).
  const k = 5, end = 6, j = 7, row = (r: number) => 8 + r, mul = (r: number) => 8 + R + r;
  const acc = 8 + 2 * R;
  const get = (i: number) => [0x20, i], set = (i: number) => [0x21, i];
  const i32 = (v: number) => [0x41, ...leb(v)];
  const simd = (op: number) => [0xfd, ...leb(op)];
  const at = (offset: number) => [0, ...leb(offset)]; // memarg: alignment hint 1, offset
  const [add, shl, geU, load32, loadF32] = [0x6a, 0x74, 0x4f, 0x28, 0x2a];
  const [v128Load, v128Store, splat, f32x4Add, f32x4Mul] = [0x00, 0x0b, 0x13, 0xe4, 0xe6];
  const body: number[] = [];
  body.push(...get(2), ...i32(2), shl, ...set(end), ...i32(0), ...set(k)); // end = 4 m, k = 0
  body.push(0x02, 0x40, 0x03, 0x40); // block, loop: over the lists, R entries at a time
  body.push(...get(k), ...get(end), geU, 0x0d, 1);
  for (let r = 0; r < R; r++) {
    body.push(...get(0), ...get(k), add, loadF32, ...at(4 * r), ...simd(splat), ...set(mul(r)));
    body.push(...get(1), ...get(k), add, load32, ...at(4 * r), ...set(row(r)));
  }
  body.push(...i32(0), ...set(j), 0x02, 0x40, 0x03, 0x40); // block, loop: over y, 4 lanes at a time
  body.push(...get(j), ...get(4), geU, 0x0d, 1);
  body.push(...get(3), ...get(j), add, ...simd(v128Load), ...at(0));
  for (let r = 0; r < R; r++) {
    body.push(...get(mul(r)), ...get(row(r)), ...get(j), add, ...simd(v128Load), ...at(0));
    body.push(...simd(f32x4Mul), ...simd(f32x4Add));
  }
  body.push(...set(acc), ...get(3), ...get(j), add, ...get(acc), ...simd(v128Store), ...at(0));
  body.push(...get(j), ...i32(16), add, ...set(j), 0x0c, 0, 0x0b, 0x0b);
  body.push(...get(k), ...i32(4 * R), add, ...set(k), 0x0c, 0, 0x0b, 0x0b, 0x0b);
  const func = [0x02, 3 + R, 0x7f, R + 1, 0x7b, ...body];
  const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
  const name = (s: string) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]; // "\0asm", version 1
  return new Uint8Array([
    ...magic,
    ...section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]), // (i32 x 5) -> ()
    ...section(2, [0x01, ...name("env"), ...name("mem"), 0x02, 0x00, 0x01]), // memory import
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, ...name("dense"), 0x00, 0x00]),
    ...section(10, [0x01, ...leb(func.length), ...func]),
  ]);
}

/** The kernel over `memory`, or null where WebAssembly SIMD is not available. */
export function simdKernel(memory: WebAssembly.Memory): DenseKernel | null {
  const bytes = moduleBytes();
  if (!WebAssembly.validate(bytes)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    env: { mem: memory },
  });
  return instance.exports.dense as DenseKernel;
}
