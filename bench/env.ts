/**
 * Bench section "env": steps per second of the grid environment, and where a step's time goes.
 * On the sandbox (../shared's l2rpn_case14_sandbox when present, else the built-in case14 with
 * generated scenarios): do-nothing episodes with and without the observation vector, episodes
 * with a random legal topology action every 10 steps, and one step split into its power flow,
 * the rest of the step, the observation and the legal mask. On rte_case118_example, do-nothing.
 * On the built-in case14, do-nothing over 30 generated scenarios and how many it survives.
 * For comparison, issue 4 measured grid2op + lightsim2grid at 1,108 do-nothing steps per second
 * on the sandbox (890 us per step) on this machine.
 *
 * @module
 */
import { present, SHARED_GRID2OP } from "./shared_data.ts";
import { BenchSection, Report, timeBatched, Timing } from "./timing.ts";
import { LoadedGrid, loadGrid, streams } from "../effects/mod.ts";
import { solveAc } from "../core/grid/powerflow/mod.ts";
import {
  doNothing,
  EnvState,
  GridDiscreteEnv,
  isDoNothing,
  rowInjections,
  step,
} from "../core/grid/env/mod.ts";
import { injectionsAt } from "../core/grid/scenario/mod.ts";

/** What a policy picks at a state (an action index). */
type Policy = (d: GridDiscreteEnv, s: EnvState) => number;

const idle: Policy = () => 0;

/**
 * Runs episodes (cycling through `episodes`) for at least `seconds`, at most `maxSteps` steps
 * per episode; returns steps per second over the whole run and the step count.
 */
function rate(
  d: GridDiscreteEnv,
  episodes: number,
  policy: Policy,
  observe: boolean,
  seconds: number,
  maxSteps = Infinity,
): { perSecond: number; steps: number; gameOvers: number } {
  let steps = 0, gameOvers = 0, e = 0;
  const out = new Float32Array(d.observationSize);
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    let s = d.reset(e++ % episodes);
    if (observe) d.encoder.encode(s, out);
    for (let k = 0; k < maxSteps && !s.done; k++) {
      s = d.step(s, policy(d, s)).state;
      if (observe) d.encoder.encode(s, out);
      steps++;
    }
    if (s.gameOver) gameOvers++;
  }
  return { perSecond: (steps * 1000) / (performance.now() - start), steps, gameOvers };
}

/** A random legal `set_bus` or `change_bus` action every 10 steps, do-nothing otherwise. */
function randomTopologyEvery10(d: GridDiscreteEnv, seed: number): Policy {
  const u = streams(seed).stream("bench-env");
  const topology = d.actions.flatMap((a, i) =>
    !isDoNothing(a) && !a.setLineStatus.some((v) => v !== 0) &&
      !a.changeLineStatus.some((v) => v !== 0)
      ? [i]
      : []
  );
  return (d, s) => {
    if (s.step % 10 !== 9) return 0;
    const mask = d.legalActions(s);
    const legal = topology.filter((i) => mask[i] === 1);
    return legal.length === 0 ? 0 : legal[Math.floor(u() * legal.length)];
  };
}

const us = (t: Timing) => t.median * 1e6;
const fastest = (t: Timing) => `fastest ${(t.min * 1e6).toFixed(1)} us`;

/** One step split into its parts, at step 100 of episode 0. */
async function split(report: Report, label: string, env: LoadedGrid, seconds: number) {
  const d = env.discrete();
  const model = env.model;
  let s = d.reset(0);
  for (let k = 0; k < 100 && !s.done; k++) s = d.step(s, 0).state;
  const none = doNothing(model.net);
  const opts = { minSeconds: seconds };
  const whole = await timeBatched(() => step(model, s, none), 200, opts);
  const { grid, scratch } = model.compiled(s.topoVect);
  const row = injectionsAt(s.scenario, s.step + 1);
  const pf = await timeBatched(
    () => solveAc(grid, rowInjections(model, row), { scratch }),
    200,
    opts,
  );
  const out = new Float32Array(d.observationSize);
  const obs = await timeBatched(() => d.encoder.encode(s, out), 200, opts);
  const mask = await timeBatched(() => d.legalActions(s), 100, opts);
  report(`${label}: one do-nothing step (no observation)`, us(whole), "us", fastest(whole));
  report(`${label}:   of which the AC power flow (DC start)`, us(pf), "us", fastest(pf));
  report(
    `${label}:   of which rules, topology, cascade check, counters, rewards`,
    us(whole) - us(pf),
    "us",
    "the difference",
  );
  report(
    `${label}: the observation vector (${d.observationSize} floats)`,
    us(obs),
    "us",
    fastest(obs),
  );
  report(`${label}: the legal mask (${d.numActions} actions)`, us(mask), "us", fastest(mask));
}

/** The "env" section of `deno task bench`. */
export const envBench: BenchSection = {
  name: "env",
  async run(report, { quick }) {
    const seconds = quick ? 0.3 : 2;
    const sandboxFolder = `${SHARED_GRID2OP}l2rpn_case14_sandbox`;
    const onSandbox = await present(sandboxFolder);
    const sandbox = onSandbox ? await loadGrid(sandboxFolder) : await loadGrid("case14");
    const label = onSandbox ? "sandbox" : "case14 (no ../shared: generated scenarios)";
    const episodes = onSandbox ? sandbox.scenarioIds.length : 30;
    const d = sandbox.discrete();
    rate(d, episodes, idle, true, quick ? 0.1 : 0.5); // warm up
    const plain = rate(d, episodes, idle, false, seconds);
    report(
      `${label}: do-nothing steps per second`,
      plain.perSecond,
      "steps/s",
      `${plain.steps} steps, reset included; grid2op + lightsim2grid: 1,108`,
    );
    const full = rate(d, episodes, idle, true, seconds);
    report(
      `${label}: do-nothing steps per second, with the observation vector`,
      full.perSecond,
      "steps/s",
      `${full.steps} steps`,
    );
    const random = rate(d, episodes, randomTopologyEvery10(d, 29), true, seconds);
    report(
      `${label}: random legal topology action every 10 steps, with observations`,
      random.perSecond,
      "steps/s",
      `${random.steps} steps, ${random.gameOvers} game overs, legal mask at each choice`,
    );
    await split(report, label, sandbox, quick ? 0.1 : 0.5);

    const case118 = `${SHARED_GRID2OP}rte_case118_example`;
    if (await present(case118)) {
      const big = await loadGrid(case118);
      // The full discrete table of IEEE 118 has 145,568 actions: do-nothing only here.
      const none = big.discrete({ actions: [doNothing(big.model.net)] });
      rate(none, 1, idle, true, quick ? 0.1 : 0.3, 200);
      const r = rate(none, 1, idle, false, seconds, 2000);
      report(
        "rte_case118_example: do-nothing steps per second",
        r.perSecond,
        "steps/s",
        `${r.steps} steps`,
      );
      const o = rate(none, 1, idle, true, seconds, 2000);
      report(
        "rte_case118_example: do-nothing steps per second, with observations",
        o.perSecond,
        "steps/s",
        `${none.observationSize} floats`,
      );
    } else console.log("  (../shared/data/grid2op absent: rte_case118_example not measured)");

    // The built-in case14 over generated scenarios: speed, and how often do-nothing survives.
    const builtIn = (await loadGrid("case14")).discrete();
    const n = quick ? 10 : 30;
    let survived = 0, steps = 0;
    const peaks: number[] = [], ended: string[] = [];
    const t0 = performance.now();
    for (let k = 0; k < n; k++) {
      let s = builtIn.reset(k);
      let peak = 0;
      while (!s.done) {
        s = builtIn.step(s, 0).state;
        steps++;
        for (const r of s.rho) if (r > peak) peak = r;
      }
      peaks.push(peak);
      if (!s.gameOver) survived++;
      else ended.push(`${k} at step ${s.step}`);
    }
    const seconds14 = (performance.now() - t0) / 1000;
    report(
      "case14 built-in: do-nothing steps per second (generated scenarios)",
      steps / seconds14,
      "steps/s",
      `${steps} steps, scenario generation included`,
    );
    report(
      `case14 built-in: do-nothing survives 575 steps (seed 0, scenarios 0-${n - 1})`,
      survived,
      `of ${n}`,
      ended.length > 0 ? `ended: ${ended.join(", ")}` : undefined,
    );
    peaks.sort((a, b) => a - b);
    report(
      `case14 built-in: peak rho of each scenario, median (highest)`,
      peaks[Math.floor(n / 2)],
      "",
      `highest ${peaks[n - 1].toFixed(3)}`,
    );
    if (!quick) {
      const long = (await loadGrid("case14", { steps: 8064 })).discrete();
      const ends: number[] = [];
      for (let k = 0; k < 10; k++) {
        let s = long.reset(k);
        while (!s.done) s = long.step(s, 0).state;
        ends.push(s.gameOver ? s.step : 8064);
      }
      report(
        "case14 built-in: do-nothing survives 4 weeks (8064 steps, scenarios 0-9)",
        ends.filter((e) => e === 8064).length,
        "of 10",
        `last steps ${ends.join(", ")}`,
      );
    }
  },
};
