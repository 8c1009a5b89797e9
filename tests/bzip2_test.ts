import assert from "node:assert/strict";
import fc from "fast-check";
import { bunzip2 } from "../effects/io/bzip2.ts";
import { InputError } from "../effects/errors.ts";
import { repoPath, sharedPath, sharedTest } from "./shared.ts";

/**
 * The uncompressed content of tests/data/bzip2/multiblock.bz2, which was made once with
 * `bzip2 -1` (100 kB blocks) from these bytes, giving 5 blocks. Its lines exercise the initial
 * run-length coding ("zzzz" is a run of exactly 4, 300 "a"s a run longer than 255) and its tail
 * holds every byte value twice.
 */
function multiblockContent(): Uint8Array {
  const parts: string[] = [];
  for (let i = 0; i < 30000; i++) {
    parts.push(`${i % 13};${"ab".repeat(i % 7)}${i % 5000 === 0 ? "a".repeat(300) : "zzzz"}\n`);
  }
  const text = new TextEncoder().encode(parts.join(""));
  const out = new Uint8Array(text.length + 512);
  out.set(text);
  for (let b = 0; b < 512; b++) out[text.length + b] = b & 0xff;
  return out;
}

const multiblock = Deno.readFileSync(repoPath("tests/data/bzip2/multiblock.bz2"));
/** `bzip2 < /dev/null`: a stream with no block. */
const empty = Deno.readFileSync(repoPath("tests/data/bzip2/empty.bz2"));

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

Deno.test("bunzip2 decodes a 5-block stream with long runs and every byte value", () => {
  const expected = multiblockContent();
  const got = bunzip2(multiblock);
  assert.equal(got.length, expected.length);
  assert.ok(got.every((b, i) => b === expected[i]));
});

Deno.test("bunzip2 decodes an empty stream and concatenated streams", () => {
  assert.equal(bunzip2(empty).length, 0);
  const one = multiblockContent();
  const got = bunzip2(concat(multiblock, empty, multiblock));
  assert.equal(got.length, 2 * one.length);
  assert.deepEqual(got, concat(one, one));
  // Zero padding after the last stream is ignored, as bzip2 tools ignore it.
  assert.equal(bunzip2(concat(empty, new Uint8Array(16))).length, 0);
});

/** The message of the InputError `fn` throws (fails if it throws anything else). */
function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof InputError, `expected an InputError, got ${e}`);
    return e.message;
  }
  assert.fail("expected an error");
}

Deno.test("bunzip2 names the source and the damage", () => {
  assert.match(inputError(() => bunzip2(new Uint8Array(0), "x.bz2")), /^x\.bz2: .*header/);
  const notBz = new TextEncoder().encode("load_1_0;load_2_1\n1;2\n");
  assert.match(inputError(() => bunzip2(notBz, "a.csv.bz2")), /^a\.csv\.bz2: .*header/);
  const truncated = multiblock.slice(0, 2000);
  assert.match(inputError(() => bunzip2(truncated, "t.bz2")), /^t\.bz2: .*truncated/);
  const flipped = multiblock.slice();
  flipped[1500] ^= 0x10;
  assert.match(inputError(() => bunzip2(flipped, "f.bz2")), /^f\.bz2: not valid bzip2: block/);
  const trailing = concat(multiblock, new TextEncoder().encode("garbage"));
  assert.match(inputError(() => bunzip2(trailing, "g.bz2")), /^g\.bz2: .*header.*at byte 3350/);
});

Deno.test("bunzip2 on damaged input always ends: the data or an InputError", () => {
  const expected = multiblockContent();
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ at: fc.nat(multiblock.length - 1), xor: fc.integer({ min: 1, max: 255 }) }),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      fc.nat(multiblock.length),
      (flips, cut) => {
        const data = multiblock.slice(0, Math.max(cut, 4));
        for (const f of flips) if (f.at < data.length) data[f.at] ^= f.xor;
        try {
          const out = bunzip2(data);
          // Only a flip that a CRC cannot see (none in practice) may decode; then it is exact.
          assert.deepEqual(out, expected);
        } catch (e) {
          assert.ok(e instanceof InputError, String(e));
        }
      },
    ),
    { numRuns: 150, seed: 4 },
  );
});

sharedTest(
  "bunzip2 decodes grid2op's chronics (sizes as bzcat gives them, every CRC checked)",
  "data/grid2op",
  () => {
    const sizes: [string, number][] = [
      ["l2rpn_case14_sandbox/chronics/0000/load_p.csv.bz2", 29453],
      ["l2rpn_case14_sandbox/chronics/0000/prod_v.csv.bz2", 19056],
      ["rte_case14_realistic/chronics/000/load_p.csv.bz2", 412200],
      // 790 kB compressed, 3.8 MB of text: five 900 kB blocks.
      ["rte_case118_example/chronics/0000/load_p.csv.bz2", 3762078],
    ];
    for (const [rel, size] of sizes) {
      const text = bunzip2(Deno.readFileSync(sharedPath(`data/grid2op/${rel}`)), rel);
      assert.equal(text.length, size, rel);
    }
    const csv = new TextDecoder().decode(
      bunzip2(
        Deno.readFileSync(
          sharedPath("data/grid2op/l2rpn_case14_sandbox/chronics/0000/load_p.csv.bz2"),
        ),
      ),
    );
    const lines = csv.trimEnd().split("\n");
    assert.equal(lines.length, 577);
    assert.equal(lines[0].split(";")[0], "load_1_0");
    assert.equal(lines[1], "22.0;87.0;45.8;7.0;12.0;28.2;8.7;3.5;5.5;12.7;14.8");
  },
);
