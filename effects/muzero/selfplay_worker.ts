/**
 * A self-play worker: builds the environment from its spec and the networks from their shape
 * once, then for each request plays the given episodes with the weights it was sent (a packed
 * Float32Array, transferred) and transfers the episodes back. No tfjs: inference runs on the
 * Float32Array path.
 *
 * @module
 */
import { muzeroModel } from "../../core/muzero/model.ts";
import { muzeroLayout, muzeroNets } from "../../core/muzero/networks.ts";
import { episodeBuffers } from "../../core/muzero/episode.ts";
import { playJobs } from "../../core/muzero/selfplay.ts";
import { unpackParams } from "../../core/nn/params.ts";
import type { DiscreteEnv } from "../../core/env.ts";
import { makeEnv } from "../envs.ts";
import type { WorkerReply, WorkerRequest } from "./selfplay.ts";

const port = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
};

let setup: { env: DiscreteEnv<unknown>; init: Extract<WorkerRequest, { kind: "init" }> } | null =
  null;

port.onmessage = async (e) => {
  const msg = e.data;
  try {
    if (msg.kind === "init") {
      setup = { env: await makeEnv(msg.env), init: msg };
      port.postMessage({ kind: "ready" });
      return;
    }
    if (setup === null) throw new Error("self-play worker: play before init");
    const nets = muzeroNets(setup.init.shape);
    const params = unpackParams(muzeroLayout(nets), new Float32Array(msg.weights));
    const episodes = playJobs(setup.env, muzeroModel(nets, params), msg.options, msg.jobs);
    port.postMessage({ kind: "episodes", episodes }, episodes.flatMap(episodeBuffers));
  } catch (err) {
    port.postMessage({ kind: "error", message: (err as Error).stack ?? String(err) });
  }
};
