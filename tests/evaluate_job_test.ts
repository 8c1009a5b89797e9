/** The evaluation's results as a job stores them (effects/evaluate/remote.ts), without Redis. */
import assert from "node:assert/strict";
import { readBenchmark } from "../effects/benchmarks/mod.ts";
import { InputError } from "../effects/errors.ts";
import { evaluateJob } from "../effects/evaluate/remote.ts";
import { evaluationRunner } from "../effects/evaluate/runner.ts";

const play = await evaluationRunner({
  benchmark: await readBenchmark("case14-hard"),
  agents: [{ kind: "built-in", name: "reconnect" }],
  expert: { threshold: 0.95, depth: 1, topK: 5 },
  maxLength: 60,
  traces: false,
});
const result = play({ agent: 0, scenario: 1 });
const stored = (r: unknown) => new TextEncoder().encode(JSON.stringify(r));

Deno.test("an evaluation result comes back from its stored bytes as it was", () => {
  const bytes = evaluateJob.encode(result) as string;
  assert.deepEqual(evaluateJob.decode(new TextEncoder().encode(bytes), "result"), result);
});

Deno.test("a stored evaluation result that is not whole is refused, naming it", () => {
  const whole = JSON.parse(evaluateJob.encode(result) as string);
  const { survived: _, ...noSurvived } = whole;
  for (
    const bytes of [
      new TextEncoder().encode("{"),
      stored(noSurvived),
      stored({ ...whole, cost: { ...whole.cost, cost: "high" } }),
      stored({ ...whole, played: [0.5] }),
    ]
  ) {
    assert.throws(() => evaluateJob.decode(bytes, "result 0:1"), (e) => {
      return e instanceof InputError && /^result 0:1/.test(e.message);
    });
  }
});
