/**
 * tfjs set-up: the wasm backend (SIMD, single-threaded) with the cpu backend as fallback, prod
 * mode on. Call once per process or worker before any tensor op. WebGPU is opt-in: on these
 * machines it finds only a software renderer, far slower than wasm.
 *
 * @example
 * ```ts
 * const backend = await setupTf(); // "wasm" here, "cpu" if wasm cannot load
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";

/** The backends gridfold can run on. */
export type Backend = "wasm" | "cpu";

/** Selects `preferred` (default wasm), falling back to cpu; returns the backend in use. */
export async function setupTf(preferred: Backend = "wasm"): Promise<Backend> {
  tf.enableProdMode();
  if (preferred === "wasm" && !(await tf.setBackend("wasm").catch(() => false))) {
    await tf.setBackend("cpu");
  } else if (preferred === "cpu") {
    await tf.setBackend("cpu");
  }
  await tf.ready();
  return tf.getBackend() as Backend;
}
