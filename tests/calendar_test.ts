import assert from "node:assert/strict";
import fc from "fast-check";
import {
  calendarOf,
  civilFromDays,
  dayOfYear,
  daysFromCivil,
  epochMinutes,
  formatDateTime,
  fromEpochMinutes,
  isValidDateTime,
} from "../core/grid/scenario/calendar.ts";
import { calendarAt, makeScenario, maxStep } from "../core/grid/scenario/scenario.ts";
import { sharedPath, sharedTest } from "./shared.ts";

/** Minutes from 0001-01-01 to 9999-12-31 23:59, relative to 1970. */
const MIN_MINUTES = daysFromCivil(1, 1, 1) * 1440;
const MAX_MINUTES = daysFromCivil(9999, 12, 31) * 1440 + 1439;

Deno.test("calendar fields agree with the platform's UTC calendar on years 1..9999", () => {
  fc.assert(
    fc.property(fc.integer({ min: MIN_MINUTES, max: MAX_MINUTES }), (minutes) => {
      const d = new Date(minutes * 60000);
      const c = calendarOf(minutes);
      assert.deepEqual(c, {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour_of_day: d.getUTCHours(),
        minute_of_hour: d.getUTCMinutes(),
        day_of_week: (d.getUTCDay() + 6) % 7, // JavaScript's Sunday = 0 to Python's Monday = 0
      });
      const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
      const startOfDay = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      assert.equal(dayOfYear(minutes), (startOfDay - jan1) / 86400000 + 1);
      assert.equal(epochMinutes(fromEpochMinutes(minutes)), minutes);
    }),
    { numRuns: 3000, seed: 11 },
  );
});

Deno.test("civil dates round-trip through day counts, leap days included", () => {
  for (const [y, m, d] of [[2000, 2, 29], [1900, 3, 1], [2019, 1, 6], [1970, 1, 1], [1, 1, 1]]) {
    assert.deepEqual(civilFromDays(daysFromCivil(y, m, d)), [y, m, d]);
  }
  assert.equal(daysFromCivil(1970, 1, 1), 0);
  assert.equal(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28), 2);
  assert.equal(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28), 1);
});

Deno.test("isValidDateTime rejects impossible dates and fractional fields", () => {
  const ok = { year: 2019, month: 1, day: 5, hour: 23, minute: 55 };
  assert.ok(isValidDateTime(ok));
  assert.ok(isValidDateTime({ ...ok, year: 2020, month: 2, day: 29 }));
  for (
    const bad of [
      { month: 2, day: 29 },
      { month: 13 },
      { day: 0 },
      { hour: 24 },
      { minute: 60 },
      { minute: 1.5 },
      { month: 4, day: 31 },
    ]
  ) assert.ok(!isValidDateTime({ ...ok, ...bad }), JSON.stringify(bad));
});

Deno.test("formatDateTime writes grid2op's start_datetime format", () => {
  assert.equal(
    formatDateTime({ year: 2019, month: 1, day: 5, hour: 23, minute: 55 }),
    "2019-01-05 23:55",
  );
  assert.equal(formatDateTime(fromEpochMinutes(0)), "1970-01-01 00:00");
});

sharedTest(
  "calendarAt gives grid2op's time stamp of every step of the 50-step do-nothing trace",
  "reference/grid2op/trace_donothing50_lightsim.json",
  async () => {
    const trace = JSON.parse(
      await Deno.readTextFile(sharedPath("reference/grid2op/trace_donothing50_lightsim.json")),
    ) as {
      steps: {
        current_step: number;
        max_step: number;
        datetime: string;
        chronic_row_index: number;
      }[];
    };
    // The sandbox's scenario 0000: start_datetime.info 2019-01-05 23:55, 5 minutes, 576 rows.
    const s = makeScenario({
      id: "0000",
      name_load: [],
      name_gen: [],
      start: { year: 2019, month: 1, day: 5, hour: 23, minute: 55 },
      stepMinutes: 5,
      rows: 576,
      load_p: new Float32Array(0),
      load_q: new Float32Array(0),
      prod_p: new Float32Array(0),
      prod_v: new Float32Array(0),
    });
    assert.equal(trace.steps.length, 51);
    for (const step of trace.steps) {
      const t = step.current_step;
      assert.equal(step.chronic_row_index, t, "row t is used at step t");
      assert.equal(step.max_step, maxStep(s));
      const c = calendarAt(s, t);
      const shown = formatDateTime({
        year: c.year,
        month: c.month,
        day: c.day,
        hour: c.hour_of_day,
        minute: c.minute_of_hour,
      });
      assert.equal(shown, step.datetime, `step ${t}`);
      assert.equal(c.day_of_week, 6, "6 January 2019 was a Sunday");
    }
  },
);
