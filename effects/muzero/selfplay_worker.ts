/**
 * A self-play worker (`serveTasks`): builds the environment from its spec and the networks from
 * their shape once (`selfPlayRunner`), then for each task plays the given episodes with the
 * weights it was sent and transfers the episodes back. No tfjs: inference runs on the
 * Float32Array path.
 *
 * @module
 */
import { type Episode, episodeBuffers } from "../../core/muzero/mod.ts";
import { serveTasks } from "../workers/mod.ts";
import { type SelfPlayInit, selfPlayRunner, type SelfPlayTask } from "./selfplay_runner.ts";

serveTasks<SelfPlayInit, SelfPlayTask, Episode[]>(
  selfPlayRunner,
  (episodes) => episodes.flatMap(episodeBuffers),
);
