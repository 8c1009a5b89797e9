import assert from "node:assert/strict";
import fc from "fast-check";
import { genFromSeed } from "../core/random.ts";
import {
  checkScenarioGrid,
  DISPATCHABLE,
  generateScenario,
  ScenarioGrid,
} from "../core/grid/scenario/generate.ts";
import { minutesAt, Scenario } from "../core/grid/scenario/scenario.ts";
import { epochMinutes } from "../core/grid/scenario/calendar.ts";
import {
  COMMERCIAL,
  dailyShape,
  dayOfWeekValue,
  RESIDENTIAL,
  smoothAr1,
  smoothAr1Draws,
  SUNDAY,
  sunSine,
  WEEKLY,
} from "../core/grid/scenario/profiles.ts";
import { shareDemand } from "../core/grid/scenario/dispatch.ts";
import { normals } from "../core/random.ts";
import { CASE14_SCENARIO_GRID, readScenarioGrid } from "../effects/io/scenario_grid.ts";
import { InputError } from "../effects/errors.ts";
import { testFolder } from "./shared.ts";
import { column, rowSums } from "./series.ts";
import { seededScenario } from "../effects/scenarios.ts";

const grid = await readScenarioGrid(CASE14_SCENARIO_GRID);

Deno.test("the same seed gives the same bytes; another seed other arrays", () => {
  const a = generateScenario(grid, genFromSeed(12), { steps: 2000 });
  const b = generateScenario(grid, genFromSeed(12), { steps: 2000 });
  const c = generateScenario(grid, genFromSeed(13), { steps: 2000 });
  for (const key of ["load_p", "load_q", "prod_p", "prod_v"] as const) {
    assert.deepEqual(new Uint8Array(a[key].buffer), new Uint8Array(b[key].buffer), key);
  }
  assert.notDeepEqual(a.load_p, c.load_p);
  assert.notDeepEqual(a.prod_p, c.prod_p);
});

Deno.test("seededScenario: scenario k of a run depends on (seed, k) only", () => {
  const a = seededScenario(grid, 29, 3, { steps: 100 });
  assert.equal(a.id, "generated-29-3");
  assert.deepEqual(seededScenario(grid, 29, 3, { steps: 100 }).load_p, a.load_p);
  assert.notDeepEqual(seededScenario(grid, 29, 4, { steps: 100 }).load_p, a.load_p);
  assert.notDeepEqual(seededScenario(grid, 30, 3, { steps: 100 }).load_p, a.load_p);
});

Deno.test("a generated scenario has the grid's names, its length, power factors and set-points", () => {
  const s = generateScenario(grid, genFromSeed(1));
  assert.equal(s.rows, 8065, "four weeks of 5-minute steps by default, plus the reset row");
  assert.deepEqual(s.name_load, grid.loads.map((l) => l.name));
  assert.deepEqual(s.name_gen, grid.gens.map((g) => g.name));
  const nl = grid.loads.length;
  const ng = grid.gens.length;
  for (let t = 0; t < s.rows; t++) {
    for (let i = 0; i < nl; i++) {
      const p = s.load_p[t * nl + i];
      assert.ok(Number.isFinite(p) && p > 0);
      const ratio = grid.loads[i].q_mvar / grid.loads[i].p_mw;
      assert.ok(Math.abs(s.load_q[t * nl + i] - p * ratio) < 1e-4 * (1 + p));
    }
    for (let j = 0; j < ng; j++) {
      assert.equal(s.prod_v[t * ng + j], Math.fround(grid.gens[j].v_kv));
    }
  }
  const hourly = generateScenario(grid, genFromSeed(1), { steps: 48, stepMinutes: 60 });
  assert.equal(hourly.rows, 49);
  assert.equal(hourly.stepMinutes, 60);
});

/** Checks bounds, ramps and balance of a scenario on `g`; returns the slack's ramp excesses. */
function checkDispatch(s: Scenario, g: ScenarioGrid): number {
  const ng = g.gens.length;
  const load = rowSums(s.load_p, g.loads.length);
  const prod = rowSums(s.prod_p, ng);
  let slackExcess = 0;
  for (let t = 0; t < s.rows; t++) {
    // Losses: 2% of the load at the mid-January mean, growing with the load (real: 1.6-1.9%).
    const losses = prod[t] / load[t] - 1;
    assert.ok(losses > 0.01 && losses < 0.035, `row ${t}: losses ${losses}`);
    for (const [j, gen] of g.gens.entries()) {
      const p = s.prod_p[t * ng + j];
      assert.ok(p >= gen.pmin - 1e-4 && p <= gen.pmax + 1e-4, `${gen.name} row ${t}: ${p}`);
      if (t === 0 || !DISPATCHABLE.includes(gen.type)) continue;
      const delta = p - s.prod_p[(t - 1) * ng + j];
      const within = delta <= gen.max_ramp_up + 1e-3 && -delta <= gen.max_ramp_down + 1e-3;
      if (gen.slack) slackExcess += within ? 0 : 1;
      else assert.ok(within, `${gen.name} row ${t}: ramp ${delta}`);
    }
  }
  return slackExcess;
}

Deno.test("dispatch balances load plus losses within Pmin/Pmax and ramp limits", () => {
  for (const seed of [0, 1, 2]) {
    const s = generateScenario(grid, genFromSeed(seed));
    assert.equal(checkDispatch(s, grid), 0, "on case14 even the slack keeps its ramps");
  }
});

Deno.test("when the fleet cannot follow, renewables are curtailed and the slack covers the rest", () => {
  // Slow dispatchable units, a nuclear unit that must stay high and a big wind farm: wind is
  // curtailed on windy nights, and the slack (ramp 1 MW) breaks its ramp when load moves fast.
  const tight: ScenarioGrid = {
    loads: grid.loads,
    gens: grid.gens.map((g) =>
      g.type === "wind"
        ? { ...g, pmax: 200 }
        : g.slack
        ? { ...g, pmax: 300, max_ramp_up: 1, max_ramp_down: 1 }
        : DISPATCHABLE.includes(g.type)
        ? { ...g, pmin: g.type === "nuclear" ? 120 : 0, max_ramp_up: 0.3, max_ramp_down: 0.3 }
        : g
    ),
  };
  const s = generateScenario(tight, genFromSeed(3), { steps: 2000 });
  const slackBreaks = checkDispatch(s, tight);
  assert.ok(slackBreaks > 0, "the slack had to break its ramp");
  const wind = column(s.prod_p, 6, 2);
  const windFree = generateScenario(
    { ...tight, gens: tight.gens.map((g) => ({ ...g, pmin: 0 })) },
    genFromSeed(3),
    {
      steps: 2000,
    },
  );
  const freeWind = column(windFree.prod_p, 6, 2);
  assert.ok(wind.some((w, t) => w < freeWind[t] - 1), "some wind was curtailed");
});

Deno.test("solar is zero exactly when the sun is down; wind stays within [0, Pmax]", () => {
  const s = generateScenario(grid, genFromSeed(4), {
    start: { year: 2019, month: 6, day: 1, hour: 0, minute: 0 },
  });
  const ng = grid.gens.length;
  let day = 0;
  for (let t = 0; t < s.rows; t++) {
    const up = sunSine(minutesAt(s, t), 47, 12) > 0;
    day += up ? 1 : 0;
    for (const [j, g] of grid.gens.entries()) {
      const p = s.prod_p[t * ng + j];
      if (g.type === "solar") assert.equal(p > 0, up, `${g.name} row ${t}`);
      if (g.type === "wind") assert.ok(p >= 0 && p <= g.pmax);
    }
  }
  // June at 47 N: about 15.5 hours of daylight.
  assert.ok(Math.abs((day / s.rows) * 24 - 15.5) < 0.4, `${(day / s.rows) * 24} h of sun`);
});

Deno.test("daily shapes keep the day's mean, weekly factors have mean 1 and no jump at midnight", () => {
  for (const knots of [RESIDENTIAL, SUNDAY, COMMERCIAL]) {
    let sum = 0;
    for (let k = 0; k < 1440; k++) sum += dailyShape(knots, k / 60);
    assert.ok(Math.abs(sum / 1440 - 1) < 1e-9);
    // The spline passes through its knots at the half hours.
    assert.ok(Math.abs(dailyShape(knots, 19.5) - knots[19]) < 1e-12);
    assert.ok(Math.abs(dailyShape(knots, 0.25) - dailyShape(knots, 24.25 - 24)) < 1e-12);
  }
  assert.ok(Math.abs(WEEKLY.reduce((a, b) => a + b, 0) / 7 - 1) < 1e-12);
  const sunday = epochMinutes({ year: 2019, month: 1, day: 6, hour: 0, minute: 0 });
  const midnight = sunday + 1440; // Monday 00:00
  const jump = dayOfWeekValue(midnight - 1, WEEKLY) - dayOfWeekValue(midnight, WEEKLY);
  assert.ok(Math.abs(jump) < 1e-3);
  assert.equal(dayOfWeekValue(midnight + 6 * 60, WEEKLY), WEEKLY[0]);
  assert.equal(dayOfWeekValue(sunday + 12 * 60, WEEKLY), WEEKLY[6]);
});

Deno.test("sunSine: noon elevation 90 - latitude + declination, zero near 6 h at the equinox", () => {
  const solstice = epochMinutes({ year: 2019, month: 6, day: 21, hour: 12, minute: 0 });
  const expected = Math.sin(((90 - 47 + 23.44) * Math.PI) / 180);
  assert.ok(Math.abs(sunSine(solstice, 47, 12) - expected) < 2e-3);
  const equinox = epochMinutes({ year: 2019, month: 3, day: 20, hour: 6, minute: 0 });
  assert.ok(Math.abs(sunSine(equinox, 47, 12)) < 0.02); // Cooper's formula is ~1 day off
  const winterMidnight = epochMinutes({ year: 2019, month: 1, day: 6, hour: 0, minute: 0 });
  assert.ok(sunSine(winterMidnight, 47, 12) < -0.5);
});

Deno.test("smoothAr1 has about unit variance and the autocorrelation of its time constant", () => {
  const rows = 200000;
  const [z] = normals(genFromSeed(8), smoothAr1Draws(rows, 5));
  const x = smoothAr1(z, rows, 5, 12);
  let mean = 0;
  for (const v of x) mean += v / rows;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2 / rows;
  const lag = 144; // 12 hours
  let cov = 0;
  for (let t = 0; t + lag < rows; t++) cov += (x[t] - mean) * (x[t + lag] - mean) / (rows - lag);
  // Interpolation between hourly knots loses a few percent of the variance.
  assert.ok(variance > 0.85 && variance < 1.1, `variance ${variance}`);
  assert.ok(
    Math.abs(cov / variance - Math.exp(-1)) < 0.08,
    `lag-12h correlation ${cov / variance}`,
  );
});

Deno.test("shareDemand meets the demand within bounds, in proportion where it can (property)", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          w: fc.double({ min: 1, max: 200, noNaN: true }),
          lo: fc.double({ min: 0, max: 50, noNaN: true }),
          span: fc.double({ min: 0, max: 100, noNaN: true }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      fc.double({ min: -50, max: 800, noNaN: true }),
      (units, demand) => {
        const w = units.map((u) => u.w);
        const lo = units.map((u) => u.lo);
        const hi = units.map((u) => u.lo + u.span);
        const out = new Float64Array(units.length);
        const left = shareDemand(demand, w, lo, hi, out);
        const sum = out.reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(sum + left - demand) < 1e-9 * (1 + Math.abs(demand)));
        out.forEach((p, i) => assert.ok(p >= lo[i] - 1e-9 && p <= hi[i] + 1e-9));
        const sumLo = lo.reduce((a, b) => a + b, 0);
        const sumHi = hi.reduce((a, b) => a + b, 0);
        if (demand > sumLo && demand < sumHi) assert.equal(left, 0);
        // Units strictly inside their bounds share one multiplier.
        const free = [...out.keys()].filter((i) => out[i] > lo[i] + 1e-6 && out[i] < hi[i] - 1e-6);
        for (const i of free) {
          assert.ok(Math.abs(out[i] / w[i] - out[free[0]] / w[free[0]]) < 1e-6);
        }
      },
    ),
    { numRuns: 300, seed: 2 },
  );
});

Deno.test("checkScenarioGrid and readScenarioGrid reject a bad description with its field", async () => {
  assert.equal(checkScenarioGrid(grid), undefined);
  const twoSlacks = {
    ...grid,
    gens: grid.gens.map((g) => ({ ...g, slack: g.slack || g.type === "nuclear" })),
  };
  assert.equal(checkScenarioGrid(twoSlacks), "gens: expected exactly one slack, got 2");
  const windSlack = { ...grid, gens: grid.gens.map((g) => ({ ...g, slack: g.type === "wind" })) };
  assert.match(checkScenarioGrid(windSlack)!, /is wind, not dispatchable/);
  const badPmin = { ...grid, gens: grid.gens.map((g, i) => (i === 1 ? { ...g, pmin: 500 } : g)) };
  assert.equal(checkScenarioGrid(badPmin), "gens.1.pmin: expected a number in [0, pmax], got 500");
  const dup = { ...grid, loads: [...grid.loads, grid.loads[0]] };
  assert.equal(checkScenarioGrid(dup), 'loads.11.name: "load_1_0" appears twice');
  assert.throws(() => generateScenario(dup, genFromSeed(0)), RangeError);
  assert.throws(() => generateScenario(grid, genFromSeed(0), { steps: 0 }), RangeError);
  assert.throws(
    () => generateScenario(grid, genFromSeed(0), { model: { weekly: [1, 1, 1] } }),
    /model.weekly/,
  );

  const folder = await testFolder("scenario-grid");
  const write = async (name: string, value: unknown) => {
    const path = `${folder}/${name}`;
    await Deno.writeTextFile(path, JSON.stringify(value));
    return path;
  };
  const cases: [unknown, RegExp][] = [
    [{ ...grid, extra: 1 }, /: extra: unknown field$/],
    [{ ...grid, gens: [{ ...grid.gens[0], type: "coal" }] }, /gens\.0\.type: expected one of/],
    [
      { ...grid, loads: [{ name: "l", p_mw: "7", q_mvar: 1 }] },
      /loads\.0\.p_mw: expected a finite number/,
    ],
    [twoSlacks, /: gens: expected exactly one slack, got 2$/],
  ];
  for (const [i, [value, expected]] of cases.entries()) {
    const path = await write(`case${i}.json`, value);
    await assert.rejects(readScenarioGrid(path), (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.ok(e.message.startsWith(path), e.message);
      assert.match(e.message, expected);
      return true;
    });
  }
});
