/**
 * Pure random draws. Core never owns a random stream: it receives a generator value
 * (`Gen`, the four words of a xoshiro128** state) and returns the next one with its
 * draw, so the same inputs always give the same outputs.
 *
 * @example
 * ```ts
 * const g0 = genFromSeed(29);
 * const [u, g1] = uniform(g0); // u in [0, 1), g0 unchanged
 * const [noise] = dirichlet(g1, 0.3, 487);
 * ```
 * @module
 */

/** A xoshiro128** state: four unsigned 32-bit words, never all zero. */
export type Gen = readonly [number, number, number, number];

/** Expands a 32-bit seed into a generator state with splitmix32. */
export function genFromSeed(seed: number): Gen {
  let s = seed >>> 0;
  const word = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  return [word(), word(), word(), (word() | 1) >>> 0];
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Advances a mutable copy of the state in place and returns the next 32-bit word. */
function nextWord(s: Uint32Array): number {
  const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
  const t = (s[1] << 9) >>> 0;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

const freeze = (s: Uint32Array): Gen => [s[0], s[1], s[2], s[3]];

/** Runs `draw` over a private copy of the state: local mutation, invisible outside. */
function withState<T>(g: Gen, draw: (next: () => number) => T): [T, Gen] {
  const s = Uint32Array.from(g);
  const value = draw(() => nextWord(s) / 4294967296);
  return [value, freeze(s)];
}

/** One uniform draw in [0, 1). */
export function uniform(g: Gen): [number, Gen] {
  return withState(g, (next) => next());
}

/** `n` uniform draws in [0, 1). */
export function uniforms(g: Gen, n: number): [Float64Array, Gen] {
  return withState(g, (next) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = next();
    return out;
  });
}

/** A standard normal draw by the polar method, from a stream of uniforms. */
function normalFrom(next: () => number): number {
  for (;;) {
    const u = 2 * next() - 1;
    const v = 2 * next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** Gamma(alpha, 1) by Marsaglia and Tsang, boosted for alpha < 1. */
function gammaFrom(next: () => number, alpha: number): number {
  if (!(alpha > 0 && alpha < Infinity)) {
    throw new RangeError(`gamma: alpha must be > 0, got ${alpha}`);
  }
  if (alpha < 1) {
    const boost = Math.pow(1 - next(), 1 / alpha);
    return gammaFrom(next, alpha + 1) * boost;
  }
  const d = alpha - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normalFrom(next);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = next();
    if (Math.log(1 - u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A standard normal draw. */
export function normal(g: Gen): [number, Gen] {
  return withState(g, normalFrom);
}

/** `n` standard normal draws (one call for a whole time series: no state per draw). */
export function normals(g: Gen, n: number): [Float64Array, Gen] {
  return withState(g, (next) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = normalFrom(next);
    return out;
  });
}

/** A Gamma(alpha, 1) draw. */
export function gamma(g: Gen, alpha: number): [number, Gen] {
  return withState(g, (next) => gammaFrom(next, alpha));
}

/** A Dirichlet(alpha, ..., alpha) vector of length `k` (sums to 1). */
export function dirichlet(g: Gen, alpha: number, k: number): [Float64Array, Gen] {
  return withState(g, (next) => {
    const out = new Float64Array(k);
    let sum = 0;
    for (let i = 0; i < k; i++) sum += out[i] = gammaFrom(next, alpha);
    if (sum === 0) out.fill(1 / k);
    else for (let i = 0; i < k; i++) out[i] /= sum;
    return out;
  });
}

/** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
export function permutation(g: Gen, n: number): [Int32Array, Gen] {
  return withState(g, (next) => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  });
}

/** The index drawn from unnormalised weights by one uniform draw `u` in [0, 1). */
export function categorical(weights: ArrayLike<number>, u: number): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  let acc = 0;
  const target = u * total;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    if (target < acc) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return weights.length - 1;
}
