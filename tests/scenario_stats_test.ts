/**
 * Do generated scenarios look like the real ones? Statistics of scenarios generated for the
 * built-in case14 grid against grid2op's chronics of the same 14-bus grid: the sandbox's three
 * 2-day scenarios (same start, same length) and rte_case14_realistic's two 4-week ones. Each
 * tolerance is the spread of the real scenarios themselves, widened by a stated margin. The
 * measured table is written to runs/tests/scenario_stats.json (the README quotes it).
 *
 * The generator's shapes were set by looking at these same chronics (hourly and weekly means,
 * noise level, solar and wind levels), so this checks that the model reproduces them with its
 * noise and dispatch, not that it predicts data it never saw.
 */
import assert from "node:assert/strict";
import { genFromSeed } from "../core/random.ts";
import { generateScenario } from "../core/grid/scenario/generate.ts";
import { Scenario } from "../core/grid/scenario/scenario.ts";
import { readChronics } from "../effects/io/chronics.ts";
import { CASE14_SCENARIO_GRID, readScenarioGrid } from "../effects/io/scenario_grid.ts";
import { writeJson } from "../effects/io/runs.ts";
import { repoPath, sharedPath, sharedTest } from "./shared.ts";
import {
  column,
  correlation,
  max,
  mean,
  min,
  profile,
  quantile,
  rowSums,
  sd,
  steps,
} from "./series.ts";

const RENEWABLE = /^(wind|solar)$/;

/** The statistics compared, for one scenario. */
function stats(s: Scenario, renewable: readonly number[], solar: readonly number[]) {
  const nl = s.name_load.length;
  const ng = s.name_gen.length;
  const load = rowSums(s.load_p, nl);
  const prod = rowSums(s.prod_p, ng);
  const m = mean(load);
  const rel = steps(load).map((d) => d / m);
  const perLoad = s.name_load.map((_, i) => {
    const c = column(s.load_p, nl, i);
    return sd(steps(c)) / mean(c);
  });
  const hourly = profile(s, load, (c) => c.hour_of_day, 24).map((v) => v / m);
  // Per 5-minute slot of the day: whether any solar unit produces.
  const sunSlots = new Uint8Array(288);
  const sun = rowSums(s.prod_p, ng, solar);
  for (let t = 0; t < s.rows; t++) {
    if (sun[t] > 0) sunSlots[Math.floor(((t + 1) * s.stepMinutes) / 5) % 288] = 1;
  }
  return {
    meanLoad: m,
    peakRatio: max(load) / m,
    troughRatio: min(load) / m,
    stepSd: sd(rel),
    stepQ01: quantile(rel, 0.01),
    stepQ99: quantile(rel, 0.99),
    perLoadStepSd: mean(perLoad),
    renewableShare: mean(rowSums(s.prod_p, ng, renewable)) / mean(prod),
    losses: mean(prod) / m - 1,
    hourly: [...hourly],
    weekday: [...profile(s, load, (c) => c.day_of_week, 7).map((v) => v / m)],
    sunSlots,
  };
}
type Stats = ReturnType<typeof stats>;

const range = (xs: number[]) => [Math.min(...xs), Math.max(...xs)];
const meanProfile = (profiles: number[][]) =>
  profiles[0].map((_, k) => mean(profiles.map((p) => p[k])));

/** Asserts `value` lies in [lo - margin, hi + margin]. */
function within(name: string, value: number, [lo, hi]: number[], margin: number): void {
  assert.ok(
    value >= lo - margin && value <= hi + margin,
    `${name}: ${value.toFixed(4)} outside the real [${lo.toFixed(4)}, ${
      hi.toFixed(4)
    }] +- ${margin}`,
  );
}

const summary = (st: Stats) => {
  const { sunSlots: _, hourly, weekday, ...scalars } = st;
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    ...Object.fromEntries(Object.entries(scalars).map(([k, v]) => [k, round(v)])),
    hourly: hourly.map(round),
    weekday: weekday.map((v) => (Number.isNaN(v) ? null : round(v))),
  };
};

sharedTest(
  "generated scenarios look like grid2op's case14 chronics",
  "data/grid2op",
  async () => {
    const grid = await readScenarioGrid(CASE14_SCENARIO_GRID);
    const name_load = grid.loads.map((l) => l.name);
    const genIndex = (types: RegExp, names: string[], typeOf: (n: string) => string) =>
      names.flatMap((n, j) => (types.test(typeOf(n)) ? [j] : []));
    const caseTypes = new Map(grid.gens.map((g) => [g.name, g.type as string]));

    // The sandbox: its generators are the case14 fixture's, in the same order.
    const sandboxNames = { name_load, name_gen: grid.gens.map((g) => g.name) };
    const sandboxRen = genIndex(RENEWABLE, sandboxNames.name_gen, (n) => caseTypes.get(n)!);
    const sandboxSolar = genIndex(/solar/, sandboxNames.name_gen, (n) => caseTypes.get(n)!);
    const real: Stats[] = [];
    for (const id of ["0000", "0001", "0002"]) {
      const folder = sharedPath(`data/grid2op/l2rpn_case14_sandbox/chronics/${id}`);
      real.push(stats(await readChronics(folder, sandboxNames), sandboxRen, sandboxSolar));
    }
    // rte_case14_realistic: five generators (its prods_charac.csv's order and types).
    const realisticGens = ["gen_1_0", "gen_2_1", "gen_5_2", "gen_7_3", "gen_0_4"];
    const realisticTypes = ["nuclear", "thermal", "wind", "solar", "thermal"];
    const typeOfRealistic = (n: string) => realisticTypes[realisticGens.indexOf(n)];
    const realLong: Stats[] = [];
    for (const id of ["000", "001"]) {
      const folder = sharedPath(`data/grid2op/rte_case14_realistic/chronics/${id}`);
      const s = await readChronics(folder, { name_load, name_gen: realisticGens });
      realLong.push(
        stats(
          s,
          genIndex(RENEWABLE, realisticGens, typeOfRealistic),
          genIndex(/solar/, realisticGens, typeOfRealistic),
        ),
      );
    }

    // Generated: the sandbox's start (2019-01-05 23:55, a Sunday and a Monday) and length.
    const generated = [0, 1, 2, 3, 4].map((seed) =>
      stats(generateScenario(grid, genFromSeed(seed), { steps: 575 }), sandboxRen, sandboxSolar)
    );
    const generatedLong = [10, 11].map((seed) =>
      stats(generateScenario(grid, genFromSeed(seed), { steps: 8064 }), sandboxRen, sandboxSolar)
    );

    const realHourly = meanProfile(real.map((r) => r.hourly));
    const realWeekday = meanProfile(realLong.map((r) => r.weekday));
    const pick = (xs: Stats[], key: keyof Stats) => xs.map((x) => x[key] as number);
    for (const g of generated) {
      // Level: the real means span 240-247 MW; a scenario's level varies by ~3% (its spread).
      within("mean load", g.meanLoad, range(pick(real, "meanLoad")), 0.1 * 243);
      // Peak and trough over 2 days: the real span 1.145-1.208 and 0.791-0.868.
      within("peak / mean", g.peakRatio, range(pick(real, "peakRatio")), 0.05);
      within("trough / mean", g.troughRatio, range(pick(real, "troughRatio")), 0.05);
      // Daily shape: the real profiles correlate 0.92-0.99 with their own mean.
      const c = correlation(g.hourly, realHourly);
      assert.ok(c >= 0.9, `hourly profile correlation ${c}`);
      // Step changes: the real ones are stable across scenarios (0.73-0.75% of the mean load
      // for the total, 1.4-1.6% per load); allow 25%, and 35% on the 1% and 99% quantiles.
      within("total step sd", g.stepSd, range(pick([...real, ...realLong], "stepSd")), 0.0019);
      within("per-load step sd", g.perLoadStepSd, range(pick(real, "perLoadStepSd")), 0.004);
      within("step q01", g.stepQ01, range(pick(real, "stepQ01")), 0.006);
      within("step q99", g.stepQ99, range(pick(real, "stepQ99")), 0.006);
      // Renewables: 10-20% of production in the sandbox (6-11% in rte_case14_realistic).
      within("renewable share", g.renewableShare, range(pick(real, "renewableShare")), 0.06);
      // Losses: production exceeds load by 1.9% on average in the real chronics.
      within("losses", g.losses, range(pick([...real, ...realLong], "losses")), 0.005);
      // Solar is zero at night: wherever no real scenario has sun, no generated one has.
      for (let k = 0; k < 288; k++) {
        if (real.every((r) => r.sunSlots[k] === 0)) {
          assert.equal(g.sunSlots[k], 0, `sun at ${Math.floor(k / 12)}:${(k % 12) * 5}`);
        }
      }
    }
    const meanOfMeans = mean(pick(generated, "meanLoad"));
    within("mean load over seeds", meanOfMeans, range(pick(real, "meanLoad")), 0.04 * 243);
    for (const g of generatedLong) {
      // Four weeks: Sundays and Saturdays lower than weekdays as in rte_case14_realistic.
      const c = correlation(g.weekday, realWeekday);
      assert.ok(c >= 0.9, `day-of-week profile correlation ${c}`);
      within("4-week peak / mean", g.peakRatio, range(pick(realLong, "peakRatio")), 0.05);
      within("4-week trough / mean", g.troughRatio, range(pick(realLong, "troughRatio")), 0.05);
      within("4-week step sd", g.stepSd, range(pick(realLong, "stepSd")), 0.0019);
    }

    // The level of 4-week scenarios over 30 seeds: mean and peak total load.
    const levels = Array.from({ length: 30 }, (_, seed) => {
      const s = generateScenario(grid, genFromSeed(seed));
      const load = rowSums(s.load_p, s.name_load.length);
      return { mean: mean(load), peak: max(load) };
    });
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const medianMean = median(levels.map((l) => l.mean));
    // Between the sandbox's 2-day means and rte_case14_realistic's 4-week means.
    within("median 4-week mean load", medianMean, [240, 259], 5);

    await writeJson(repoPath("runs/tests/scenario_stats.json"), {
      note: "statistics of tests/scenario_stats_test.ts: real grid2op chronics vs generated",
      sandbox: real.map(summary),
      generatedLikeSandbox: generated.map(summary),
      realistic4Weeks: realLong.map(summary),
      generated4Weeks: generatedLong.map(summary),
      realHourlyCorrelation: real.map((r) => correlation(r.hourly, realHourly)),
      hourlyCorrelation: generated.map((g) => correlation(g.hourly, realHourly)),
      weekdayCorrelation: generatedLong.map((g) => correlation(g.weekday, realWeekday)),
      generated4WeeksSeeds0to29: {
        mean: range(levels.map((l) => l.mean)),
        medianMean,
        peak: range(levels.map((l) => l.peak)),
        medianPeak: median(levels.map((l) => l.peak)),
      },
    });
  },
);
