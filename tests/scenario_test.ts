import assert from "node:assert/strict";
import {
  calendarAt,
  injectionsAt,
  makeScenario,
  maxStep,
  minutesAt,
  Scenario,
  timeAt,
} from "../core/grid/scenario/scenario.ts";
import { epochMinutes, formatDateTime } from "../core/grid/scenario/calendar.ts";

/** A 3-row scenario of 2 loads and 1 generator, every value its own index. */
function small(overrides: Partial<Scenario> = {}): Scenario {
  const seq = (n: number, from: number) => Float32Array.from({ length: n }, (_, i) => from + i);
  return makeScenario({
    id: "small",
    name_load: ["load_a", "load_b"],
    name_gen: ["gen_a"],
    start: { year: 2020, month: 2, day: 28, hour: 23, minute: 30 },
    stepMinutes: 30,
    rows: 3,
    load_p: seq(6, 0),
    load_q: seq(6, 10),
    prod_p: seq(3, 20),
    prod_v: seq(3, 30),
    ...overrides,
  });
}

Deno.test("injectionsAt gives views of one row; time stamps advance one step past start", () => {
  const s = small();
  assert.equal(maxStep(s), 2);
  const row = injectionsAt(s, 1);
  assert.deepEqual([...row.load_p], [2, 3]);
  assert.deepEqual([...row.load_q], [12, 13]);
  assert.deepEqual([...row.prod_p], [21]);
  assert.deepEqual([...row.prod_v], [31]);
  assert.equal(row.load_p.buffer, s.load_p.buffer, "a view, not a copy");
  // Row 0 is stamped one step after start; a leap day follows 28 February 2020.
  assert.equal(formatDateTime(timeAt(s, 0)), "2020-02-29 00:00");
  assert.equal(minutesAt(s, 2) - epochMinutes(s.start), 90);
  assert.deepEqual(calendarAt(s, 0), {
    year: 2020,
    month: 2,
    day: 29,
    hour_of_day: 0,
    minute_of_hour: 0,
    day_of_week: 5, // a Saturday
  });
  assert.throws(() => injectionsAt(s, 3), RangeError);
  assert.throws(() => injectionsAt(s, -1), RangeError);
});

Deno.test("makeScenario rejects arrays of the wrong size and bad lengths", () => {
  assert.throws(
    () => small({ load_q: new Float32Array(5) }),
    /load_q has 5 values, expected 3 x 2/,
  );
  assert.throws(() => small({ rows: 0 }), /rows must be a positive integer/);
  assert.throws(() => small({ stepMinutes: 2.5 }), /stepMinutes must be a positive integer/);
});
