/**
 * The machine a measurement was taken on, printed beside every benchmark figure so runs can
 * be compared: CPU model, logical cores, memory, OS, Deno and V8 versions.
 *
 * @module
 */
import { cpus } from "node:os";

/** What a benchmark reports about its machine. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number | null;
  os: string;
  deno: string;
  v8: string;
}

/** Reads the machine's details; fields it may not read are reported as unknown. */
export function machine(): Machine {
  let cpu = "unknown";
  try {
    cpu = cpus()[0]?.model.trim() || cpu;
  } catch { /* no --allow-sys=cpus */ }
  let memoryGiB: number | null = null;
  try {
    memoryGiB = Math.round(Deno.systemMemoryInfo().total / 2 ** 30);
  } catch { /* no --allow-sys */ }
  let os: string = Deno.build.os;
  try {
    os = `${Deno.build.os} ${Deno.osRelease()}`;
  } catch { /* no --allow-sys */ }
  return {
    cpu,
    cores: navigator.hardwareConcurrency,
    memoryGiB,
    os,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
  };
}

/** One line describing the machine. */
export function machineLine(m: Machine = machine()): string {
  const mem = m.memoryGiB === null ? "" : `, ${m.memoryGiB} GiB`;
  return `${m.cpu}, ${m.cores} cores${mem}, ${m.os}, deno ${m.deno}, v8 ${m.v8}`;
}
