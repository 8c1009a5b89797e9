/**
 * bzip2 decompression in TypeScript, so grid2op's `.csv.bz2` chronics can be read without a
 * native tool or an extra package. It follows the bzip2 1.0 format: a stream header `BZh1`..
 * `BZh9`, blocks (Huffman-coded move-to-front symbols with run-length coded zeros, a
 * Burrows-Wheeler transform, then an initial run-length coding), each checked against its CRC,
 * and the stream's combined CRC. Concatenated streams (as `pbzip2` or `cat a.bz2 b.bz2` make)
 * decode to the concatenation. Damaged input always ends in an `InputError` naming the source
 * (a bad header, a bad Huffman code, a CRC mismatch, truncation), never a hang: every loop is
 * bounded by the block size or by the input, which is read at most a few bytes past its end.
 * Randomised blocks (written only by bzip2 0.9.0 and older) are reported as unsupported.
 *
 * @example
 * ```ts
 * const path = "../shared/data/grid2op/l2rpn_case14_sandbox/chronics/0000/load_p.csv.bz2";
 * const csv = new TextDecoder().decode(bunzip2(await Deno.readFile(path), path));
 * const header = csv.split("\n")[0]; // the load names, `;`-separated
 * ```
 * @module
 */
import { InputError } from "../errors.ts";

const BLOCK_MAGIC_HI = 0x314159;
const BLOCK_MAGIC_LO = 0x265359;
const END_MAGIC_HI = 0x177245;
const END_MAGIC_LO = 0x385090;
/** Symbols per Huffman group selector. */
const GROUP_SIZE = 50;
const MAX_CODE_LEN = 20;
/** Bits resolved by one table lookup; longer codes take the canonical slow path. */
const LOOKUP_BITS = 10;
/** Zero bytes the reader may pad past the end before calling the input truncated. */
const MAX_PAD = 8;

/** The CRC-32 of bzip2 (polynomial 0x04c11db7, most significant bit first). */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c >>> 0;
  }
  return table;
})();

/** A decoding failure; `bunzip2` turns it into an `InputError` naming the source. */
class Corrupt extends Error {}

/** Reads bits most significant first; pads a few zero bytes past the end, then fails. */
class BitReader {
  buf = 0;
  count = 0;
  pad = 0;
  constructor(readonly data: Uint8Array, public pos: number) {}

  /** Ensures at least 25 buffered bits. */
  refill(): void {
    while (this.count <= 24) {
      if (this.pos < this.data.length) this.buf = (this.buf << 8) | this.data[this.pos++];
      else if (++this.pad > MAX_PAD) throw new Corrupt("the data is truncated");
      else this.buf <<= 8;
      this.count += 8;
    }
  }

  /** The next `n` (<= 24) bits without consuming them. */
  peek(n: number): number {
    if (this.count < n) this.refill();
    return (this.buf >>> (this.count - n)) & ((1 << n) - 1);
  }

  skip(n: number): void {
    this.count -= n;
  }

  read(n: number): number {
    const v = this.peek(n);
    this.count -= n;
    return v;
  }

  read32(): number {
    return ((this.read(16) << 16) | this.read(16)) >>> 0;
  }

  /** Whether bits past the end of the data have been consumed. */
  pastEnd(): boolean {
    return this.count < this.pad * 8;
  }

  checkNotPastEnd(): void {
    if (this.pastEnd()) throw new Corrupt("the data is truncated");
  }

  /** Index of the first byte not yet consumed (the rest of a partial byte is padding). */
  bytePosition(): number {
    this.checkNotPastEnd();
    return this.pos + this.pad - Math.floor(this.count / 8);
  }
}

/** A canonical Huffman code: a lookup table for short codes and limits for long ones. */
interface HuffmanTable {
  /** `(symbol << 5) | length` for codes of at most LOOKUP_BITS bits, 0 otherwise. */
  readonly lookup: Int32Array;
  /** Last code of each length (first - 1 when none). */
  readonly limit: Int32Array;
  readonly first: Int32Array;
  /** Index in `perm` of the first symbol of each length. */
  readonly offset: Int32Array;
  /** Symbols sorted by (length, symbol). */
  readonly perm: Uint16Array;
  readonly maxLen: number;
}

function huffmanTable(lengths: Uint8Array, alphaSize: number): HuffmanTable {
  const count = new Int32Array(MAX_CODE_LEN + 1);
  let maxLen = 0;
  for (let s = 0; s < alphaSize; s++) {
    count[lengths[s]]++;
    if (lengths[s] > maxLen) maxLen = lengths[s];
  }
  const first = new Int32Array(MAX_CODE_LEN + 2);
  const limit = new Int32Array(MAX_CODE_LEN + 2);
  const offset = new Int32Array(MAX_CODE_LEN + 2);
  let code = 0;
  let index = 0;
  for (let len = 1; len <= MAX_CODE_LEN; len++) {
    first[len] = code;
    offset[len] = index;
    code += count[len];
    index += count[len];
    limit[len] = code - 1;
    if (code > 1 << len) throw new Corrupt("a Huffman code is over-subscribed");
    code <<= 1;
  }
  const perm = new Uint16Array(alphaSize);
  const next = offset.slice();
  for (let s = 0; s < alphaSize; s++) perm[next[lengths[s]]++] = s;
  const lookup = new Int32Array(1 << LOOKUP_BITS);
  for (let len = 1; len <= Math.min(LOOKUP_BITS, maxLen); len++) {
    for (let k = 0; k < count[len]; k++) {
      const from = (first[len] + k) << (LOOKUP_BITS - len);
      lookup.fill((perm[offset[len] + k] << 5) | len, from, from + (1 << (LOOKUP_BITS - len)));
    }
  }
  return { lookup, limit, first, offset, perm, maxLen };
}

function decodeSymbol(r: BitReader, t: HuffmanTable): number {
  const entry = t.lookup[r.peek(LOOKUP_BITS)];
  if (entry !== 0) {
    r.skip(entry & 31);
    return entry >>> 5;
  }
  const v = r.peek(t.maxLen);
  for (let len = LOOKUP_BITS + 1; len <= t.maxLen; len++) {
    const code = v >>> (t.maxLen - len);
    if (code <= t.limit[len]) {
      r.skip(len);
      return t.perm[t.offset[len] + code - t.first[len]];
    }
  }
  throw new Corrupt("an invalid Huffman code");
}

/** A byte buffer that grows by doubling. */
class Output {
  bytes: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(capacity, 1024));
  }
  grow(): void {
    const bigger = new Uint8Array(this.bytes.length * 2);
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }
}

/** The work array of one stream: grown on demand up to the stream's block size. */
interface Work {
  readonly maxBlock: number;
  tt: Uint32Array;
}

/** Grows `work.tt` to hold `size` entries, failing beyond the declared block size. */
function growWork(work: Work, size: number): Uint32Array {
  if (size > work.maxBlock) throw new Corrupt("a block is longer than its declared size");
  const tt = new Uint32Array(Math.min(work.maxBlock, Math.max(size, work.tt.length * 2)));
  tt.set(work.tt);
  work.tt = tt;
  return tt;
}

/**
 * Decodes one block (after its magic) and appends its bytes to `out`; returns its CRC after
 * checking it against the stored one.
 */
function decodeBlock(r: BitReader, work: Work, out: Output): number {
  const storedCrc = r.read32();
  if (r.read(1) !== 0) throw new Corrupt("randomised blocks (bzip2 0.9.0) are not supported");
  const origPtr = r.read(24);

  // The symbols in use.
  const seqToUnseq = new Uint8Array(256);
  let numInUse = 0;
  const used16 = r.read(16);
  for (let i = 0; i < 16; i++) {
    if (!(used16 & (0x8000 >>> i))) continue;
    const bits = r.read(16);
    for (let j = 0; j < 16; j++) if (bits & (0x8000 >>> j)) seqToUnseq[numInUse++] = i * 16 + j;
  }
  if (numInUse === 0) throw new Corrupt("a block uses no symbols");
  const alphaSize = numInUse + 2;
  const eob = numInUse + 1;

  // Huffman groups and the selector of each run of 50 symbols (move-to-front coded).
  const nGroups = r.read(3);
  if (nGroups < 2 || nGroups > 6) throw new Corrupt(`a block has ${nGroups} Huffman groups`);
  const nSelectors = r.read(15);
  if (nSelectors < 1) throw new Corrupt("a block has no selectors");
  const selectors = new Uint8Array(nSelectors);
  const groupOrder = [0, 1, 2, 3, 4, 5];
  for (let i = 0; i < nSelectors; i++) {
    let j = 0;
    while (r.read(1)) if (++j >= nGroups) throw new Corrupt("a selector is out of range");
    const g = groupOrder[j];
    for (; j > 0; j--) groupOrder[j] = groupOrder[j - 1];
    groupOrder[0] = g;
    selectors[i] = g;
  }
  const tables: HuffmanTable[] = [];
  const lengths = new Uint8Array(alphaSize);
  for (let g = 0; g < nGroups; g++) {
    let len = r.read(5);
    for (let s = 0; s < alphaSize; s++) {
      for (;;) {
        if (len < 1 || len > MAX_CODE_LEN) throw new Corrupt("a Huffman code length is invalid");
        if (!r.read(1)) break;
        len += r.read(1) ? -1 : 1;
      }
      lengths[s] = len;
    }
    tables.push(huffmanTable(lengths, alphaSize));
  }

  // Symbols -> move-to-front indices with RUNA/RUNB runs -> the BWT's last column in tt.
  const maxBlock = work.maxBlock;
  let tt = work.tt;
  const counts = new Int32Array(256);
  const mtf = new Uint8Array(256);
  for (let i = 0; i < 256; i++) mtf[i] = i;
  let n = 0;
  let selector = 0;
  let left = 0;
  let table = tables[0];
  let run = 0;
  let runWeight = 1;
  for (;;) {
    if (left === 0) {
      if (selector >= nSelectors) throw new Corrupt("a block runs past its selectors");
      r.checkNotPastEnd();
      table = tables[selectors[selector++]];
      left = GROUP_SIZE;
    }
    left--;
    const sym = decodeSymbol(r, table);
    if (sym <= 1) {
      // RUNA (0) and RUNB (1): bijective base-2 digits of a run of the front symbol.
      run += runWeight << sym;
      runWeight <<= 1;
      if (run > maxBlock) throw new Corrupt("a run is longer than the block");
      continue;
    }
    if (run > 0) {
      if (n + run > tt.length) tt = growWork(work, n + run);
      const b = seqToUnseq[mtf[0]];
      counts[b] += run;
      for (const end = n + run; n < end; n++) tt[n] = b;
      run = 0;
      runWeight = 1;
    }
    if (sym === eob) break;
    if (sym > eob) throw new Corrupt("a symbol is out of range");
    const index = sym - 1;
    const v = mtf[index];
    for (let k = index; k > 0; k--) mtf[k] = mtf[k - 1];
    mtf[0] = v;
    if (n >= tt.length) tt = growWork(work, n + 1);
    const b = seqToUnseq[v];
    counts[b]++;
    tt[n++] = b;
  }
  r.checkNotPastEnd();
  if (origPtr >= n) throw new Corrupt("a block's origin pointer is out of range");

  // Inverse Burrows-Wheeler: link each position to its successor in the high 24 bits.
  const start = new Int32Array(256);
  for (let b = 0, sum = 0; b < 256; b++) {
    start[b] = sum;
    sum += counts[b];
  }
  for (let i = 0; i < n; i++) tt[start[tt[i] & 0xff]++] |= i << 8;

  // Walk the chain, undo the initial run-length coding (4 equal bytes then a count) and CRC.
  let crc = 0xffffffff;
  let pos = tt[origPtr] >>> 8;
  let last = -1;
  let same = 0;
  let bytes = out.bytes;
  let o = out.length;
  for (let k = 0; k < n; k++) {
    const entry = tt[pos];
    pos = entry >>> 8;
    const b = entry & 0xff;
    let value = b;
    let count = 1;
    if (same === 4) {
      // After four equal bytes, `b` counts further repeats of the last byte.
      value = last;
      count = b;
      same = 0;
    } else if (b === last) same++;
    else {
      last = b;
      same = 1;
    }
    for (let rep = 0; rep < count; rep++) {
      if (o === bytes.length) {
        out.length = o;
        out.grow();
        bytes = out.bytes;
      }
      bytes[o++] = value;
      crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ value) & 0xff];
    }
  }
  out.length = o;
  crc = ~crc >>> 0;
  if (crc !== storedCrc) throw new Corrupt("a block's CRC does not match its data");
  return crc;
}

/** Decodes the stream starting at `pos`; returns the position just after it. */
function decodeStream(data: Uint8Array, pos: number, out: Output): number {
  const level = data[pos + 3] - 0x30;
  if (
    data.length - pos < 4 || data[pos] !== 0x42 || data[pos + 1] !== 0x5a ||
    data[pos + 2] !== 0x68 || level < 1 || level > 9
  ) {
    throw new Corrupt(`no bzip2 stream header ("BZh1".."BZh9") at byte ${pos}`);
  }
  const maxBlock = level * 100000;
  const work: Work = { maxBlock, tt: new Uint32Array(Math.min(maxBlock, 65536)) };
  const r = new BitReader(data, pos + 4);
  let combined = 0;
  for (let block = 1;; block++) {
    const hi = r.read(24);
    const lo = r.read(24);
    if (hi === BLOCK_MAGIC_HI && lo === BLOCK_MAGIC_LO) {
      try {
        const crc = decodeBlock(r, work, out);
        combined = (((combined << 1) | (combined >>> 31)) ^ crc) >>> 0;
      } catch (e) {
        if (!(e instanceof Corrupt)) throw e;
        // Zero padding past a truncated end decodes as nonsense: name the real cause.
        throw new Corrupt(`block ${block}: ${r.pastEnd() ? "the data is truncated" : e.message}`);
      }
    } else if (hi === END_MAGIC_HI && lo === END_MAGIC_LO) {
      if (r.read32() !== combined) throw new Corrupt("the stream's combined CRC does not match");
      return r.bytePosition();
    } else {
      throw new Corrupt(`block ${block} has no block or end-of-stream marker`);
    }
  }
}

/**
 * Decompresses bzip2 data (one stream or several concatenated). Zero bytes after the last
 * stream are ignored; anything else, or any damage, is an `InputError` naming `source`.
 */
export function bunzip2(data: Uint8Array, source = "bzip2 data"): Uint8Array {
  const out = new Output(data.length * 8);
  try {
    let pos = decodeStream(data, 0, out);
    while (pos < data.length && data[pos] !== 0) pos = decodeStream(data, pos, out);
    for (; pos < data.length; pos++) {
      if (data[pos] !== 0) throw new Corrupt(`unexpected data after the stream at byte ${pos}`);
    }
  } catch (e) {
    if (e instanceof Corrupt) throw new InputError(`${source}: not valid bzip2: ${e.message}`);
    throw e;
  }
  return out.bytes.slice(0, out.length);
}
