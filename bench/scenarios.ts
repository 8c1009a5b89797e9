/**
 * Bench section "scenarios": how long it takes to get a scenario, by reading grid2op chronics
 * (bzip2 and CSV) or by generating one for the built-in case14 grid.
 *
 * @module
 */
import { present, SHARED_GRID2OP } from "./shared_data.ts";
import { BenchSection, time } from "./timing.ts";
import {
  bunzip2,
  CASE14_SCENARIO_GRID,
  readChronics,
  readScenarioGrid,
} from "../effects/io/mod.ts";
import { DEFAULT_GENERATION_STEPS, generateScenario } from "../core/grid/scenario/mod.ts";
import { genFromSeed } from "../core/mod.ts";

/** Reading and generating scenarios. */
export const scenariosBench: BenchSection = {
  name: "scenarios",
  async run(report, { quick }) {
    const seconds = quick ? 0.2 : 1;
    const grid = await readScenarioGrid(CASE14_SCENARIO_GRID);
    // The case14 fixture's names are the sandbox's, in the same order.
    const names = {
      name_load: grid.loads.map((l) => l.name),
      name_gen: grid.gens.map((g) => g.name),
    };
    const sandbox = `${SHARED_GRID2OP}l2rpn_case14_sandbox/chronics/0000`;
    if (await present(sandbox)) {
      const t = await time(() => readChronics(sandbox, names), { minSeconds: seconds });
      report("read a sandbox chronics folder (4 x .csv.bz2, 576 rows)", t.median * 1e3, "ms");
    } else console.log("  (../shared/data/grid2op absent: chronics reading not measured)");
    const big = `${SHARED_GRID2OP}rte_case118_example/chronics/0000/load_p.csv.bz2`;
    if (await present(big)) {
      const data = await Deno.readFile(big);
      const size = bunzip2(data).length;
      const t = await time(() => bunzip2(data), { minSeconds: seconds, minRuns: 3 });
      report("bunzip2 rte_case118_example load_p (3.8 MB of text)", size / t.median / 1e6, "MB/s");
    }
    let seed = 0;
    const month = await time(() => generateScenario(grid, genFromSeed(seed++)), {
      minSeconds: seconds,
    });
    report(
      `generate a 4-week case14 scenario (${DEFAULT_GENERATION_STEPS + 1} rows)`,
      month.median * 1e3,
      "ms",
    );
    const short = await time(() => generateScenario(grid, genFromSeed(seed++), { steps: 575 }), {
      minSeconds: seconds,
    });
    report("generate a sandbox-length case14 scenario (576 rows)", short.median * 1e3, "ms");
  },
};
