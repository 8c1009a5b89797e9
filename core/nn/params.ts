/**
 * Parameter records: a network's weights as named `Float32Array`s, with their shapes kept
 * beside them in a `ParamLayout`. The same record feeds the tfjs forward pass (training), the
 * plain Float32Array inference path (tree search, rollouts) and the checkpoints, and packs into
 * one flat buffer to be sent to workers.
 *
 * Dense weights are laid out `[in][out]` (row `i` holds input `i`'s weights to every output),
 * so a forward pass adds `x[i] * row(i)` and a one-hot input adds one row.
 *
 * @example
 * ```ts
 * const layout: ParamLayout = [{ name: "fc.w", shape: [4, 2] }, { name: "fc.b", shape: [2] }];
 * const params: Params = { "fc.w": new Float32Array(8).fill(0.5), "fc.b": Float32Array.of(1, -1) };
 * const flat = packParams(layout, params); // one Float32Array of 10 values, layout order
 * const again = unpackParams(layout, flat); // views into `flat`
 * again["fc.b"]; // Float32Array [1, -1]
 * ```
 * @module
 */

/** One named parameter tensor and its shape. */
export interface ParamEntry {
  readonly name: string;
  readonly shape: readonly number[];
}

/** The ordered list of a model's parameters: the order of packing and of checkpoints. */
export type ParamLayout = readonly ParamEntry[];

/** A model's parameters by name. */
export type Params = Readonly<Record<string, Float32Array>>;

/** Number of scalars of one shape. */
export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Total number of scalars in a layout. */
export const paramCount = (layout: ParamLayout): number =>
  layout.reduce((n, e) => n + sizeOf(e.shape), 0);

/** Checks that `params` holds exactly the layout's names with the right sizes. */
export function checkParams(layout: ParamLayout, params: Params): void {
  const names = new Set(Object.keys(params));
  for (const { name, shape } of layout) {
    const p = params[name];
    if (p === undefined) throw new RangeError(`params: missing ${name}`);
    if (p.length !== sizeOf(shape)) {
      throw new RangeError(`params: ${name} has ${p.length} values, expected ${sizeOf(shape)}`);
    }
    names.delete(name);
  }
  if (names.size > 0) throw new RangeError(`params: unexpected ${[...names].join(", ")}`);
}

/** Copies a record into one flat buffer, in layout order. */
export function packParams(layout: ParamLayout, params: Params): Float32Array {
  checkParams(layout, params);
  const out = new Float32Array(paramCount(layout));
  let offset = 0;
  for (const { name } of layout) {
    out.set(params[name], offset);
    offset += params[name].length;
  }
  return out;
}

/** A record of views into a flat buffer packed by `packParams` (no copy). */
export function unpackParams(layout: ParamLayout, flat: Float32Array): Params {
  if (flat.length !== paramCount(layout)) {
    throw new RangeError(`params: ${flat.length} values, layout needs ${paramCount(layout)}`);
  }
  const out: Record<string, Float32Array> = {};
  let offset = 0;
  for (const { name, shape } of layout) {
    const n = sizeOf(shape);
    out[name] = flat.subarray(offset, offset + n);
    offset += n;
  }
  return out;
}
