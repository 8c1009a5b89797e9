import assert from "node:assert/strict";
import { join } from "node:path";
import { ElementNames, listScenarios, readChronics } from "../effects/io/chronics.ts";
import { runMain } from "../effects/cli.ts";
import { InputError } from "../effects/errors.ts";
import { injectionsAt, maxStep, Scenario } from "../core/grid/scenario/scenario.ts";
import { formatDateTime } from "../core/grid/scenario/calendar.ts";
import { bunzip2 } from "../effects/io/bzip2.ts";
import { sharedPath, sharedTest, testFolder } from "./shared.ts";

const SANDBOX = "data/grid2op/l2rpn_case14_sandbox";
const ENV_INFO = "reference/grid2op/env_info_lightsim.json";

/** The sandbox's element names in grid order, as grid2op reports them. */
async function sandboxNames(): Promise<ElementNames> {
  const info = JSON.parse(await Deno.readTextFile(sharedPath(ENV_INFO)));
  return { name_load: info.name_load, name_gen: info.name_gen };
}

/** The lines of a `.csv.bz2` file. */
const bz2Lines = async (path: string) =>
  new TextDecoder().decode(bunzip2(await Deno.readFile(path))).split("\n");

/** Row `t`, column `i` of a rows x n array. */
const at = (a: Float32Array, n: number, t: number, i: number) => a[t * n + i];

sharedTest(
  "readChronics gives exactly the rows grid2op fed the 50-step do-nothing trace",
  "reference/grid2op/trace_donothing50_lightsim.json",
  async () => {
    const trace = JSON.parse(
      await Deno.readTextFile(sharedPath("reference/grid2op/trace_donothing50_lightsim.json")),
    );
    const s = await readChronics(sharedPath(`${SANDBOX}/chronics/0000`), await sandboxNames());
    assert.equal(s.id, "0000");
    assert.equal(s.rows, 576);
    assert.equal(maxStep(s), trace.steps[0].max_step);
    assert.equal(formatDateTime(s.start), "2019-01-05 23:55");
    assert.equal(s.stepMinutes, 5);
    const inputs = trace.chronic_inputs as Record<keyof Scenario, number[][]>;
    for (const key of ["load_p", "load_q", "prod_p", "prod_v"] as const) {
      const rows = inputs[key];
      assert.equal(rows.length, 61);
      rows.forEach((expected, t) => {
        // grid2op's float32 values, written to JSON as doubles: equal to the last bit.
        assert.deepEqual([...injectionsAt(s, t)[key]], expected, `${key} row ${t}`);
      });
    }
  },
);

sharedTest(
  "listScenarios and readChronics read the sandbox's three scenarios",
  SANDBOX,
  async () => {
    const names = await sandboxNames();
    const ids = await listScenarios(sharedPath(`${SANDBOX}/chronics`));
    assert.deepEqual(ids, ["0000", "0001", "0002"]);
    for (const id of ids) {
      const s = await readChronics(sharedPath(`${SANDBOX}/chronics/${id}`), names);
      assert.equal(s.rows, 576);
      assert.equal(s.load_p.length, 576 * 11);
      assert.equal(s.prod_v.length, 576 * 6);
      // prod_v is constant: 142.1 kV on the 138 kV buses, 22 and 13.2 kV on the others.
      assert.deepEqual([...injectionsAt(s, 300).prod_v].map((v) => Math.round(v * 10) / 10), [
        142.1,
        142.1,
        22,
        22,
        13.2,
        142.1,
      ]);
    }
  },
);

sharedTest(
  "column order follows the names given, not the file's",
  SANDBOX,
  async () => {
    const names = await sandboxNames();
    const folder = sharedPath(`${SANDBOX}/chronics/0001`);
    const s = await readChronics(folder, names);
    const reversed = await readChronics(folder, {
      name_load: [...names.name_load].reverse(),
      name_gen: [...names.name_gen].reverse(),
    });
    const nl = names.name_load.length;
    const ng = names.name_gen.length;
    for (const t of [0, 17, 575]) {
      for (let i = 0; i < nl; i++) {
        assert.equal(at(reversed.load_q, nl, t, nl - 1 - i), at(s.load_q, nl, t, i));
      }
      for (let i = 0; i < ng; i++) {
        assert.equal(at(reversed.prod_p, ng, t, ng - 1 - i), at(s.prod_p, ng, t, i));
      }
    }
  },
);

sharedTest(
  "readChronics reads rte_case14_realistic (28 days) and rte_case118_example (multi-block bz2)",
  "data/grid2op",
  async () => {
    const names = await sandboxNames();
    const realistic = await readChronics(
      sharedPath("data/grid2op/rte_case14_realistic/chronics/001"),
      {
        name_load: names.name_load,
        // Its five generators, in the order of its prods_charac.csv.
        name_gen: ["gen_1_0", "gen_2_1", "gen_5_2", "gen_7_3", "gen_0_4"],
      },
    );
    assert.equal(realistic.rows, 8065);
    assert.equal(maxStep(realistic), 8064); // 28 days of 5-minute steps
    // The file's first prod_p row starts with gen_0_4, the grid's last generator.
    const firstLine = "gen_0_4;gen_1_0;gen_2_1;gen_5_2;gen_7_3";
    const [header, row0] = await bz2Lines(
      sharedPath("data/grid2op/rte_case14_realistic/chronics/001/prod_p.csv.bz2"),
    );
    assert.equal(header, firstLine);
    const fileRow = row0.split(";").map(Number);
    assert.deepEqual(
      [...injectionsAt(realistic, 0).prod_p],
      [fileRow[1], fileRow[2], fileRow[3], fileRow[4], fileRow[0]].map(Math.fround),
    );

    const env118 = sharedPath("data/grid2op/rte_case118_example");
    const gens = (await Deno.readTextFile(join(env118, "prods_charac.csv"))).trim().split("\n")
      .slice(1).map((line) => line.split(",")[0]);
    const loadHeader = (await bz2Lines(join(env118, "chronics/0000/load_q.csv.bz2")))[0]
      .split(";");
    const s118 = await readChronics(join(env118, "chronics/0000"), {
      name_load: loadHeader.reverse(),
      name_gen: gens,
    });
    assert.equal(s118.rows, 8063);
    assert.equal(s118.name_load.length, 99);
    assert.equal(s118.name_gen.length, 62);
    assert.equal(formatDateTime(s118.start), "2012-07-20 00:00");
  },
);

/** A small grid for malformed folders. */
const small: ElementNames = {
  name_load: ["load_1_0", "load_2_1", "load_3_2"],
  name_gen: ["gen_0_0", "gen_1_1"],
};

/** A valid folder of plain CSV files, with `edits` replacing some files' text. */
async function folderWith(edits: Record<string, string | Uint8Array | null>): Promise<string> {
  const folder = await testFolder("chronics");
  const files: Record<string, string | Uint8Array | null> = {
    "load_p.csv": "load_3_2;load_1_0;load_2_1\n1;2;3\n4;5;6\n7;8;9\n",
    "load_q.csv": "load_1_0;load_2_1;load_3_2\n0.1;0.2;0.3\n0.4;0.5;0.6\n0.7;0.8;0.9\n",
    "prod_p.csv": "gen_1_1;gen_0_0\n10;20\n11;21\n12;22\n",
    "prod_v.csv": "gen_0_0;gen_1_1\n142.1;22\n142.1;22\n142.1;22\n",
    "start_datetime.info": "2019-01-05 23:55\n",
    "time_interval.info": "00:05\n",
    ...edits,
  };
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    if (typeof content === "string") await Deno.writeTextFile(join(folder, name), content);
    else await Deno.writeFile(join(folder, name), content);
  }
  return folder;
}

Deno.test("readChronics reads a plain-CSV folder and places columns by name", async () => {
  const folder = await folderWith({});
  const s = await readChronics(folder, small);
  assert.equal(s.rows, 3);
  assert.deepEqual([...injectionsAt(s, 1).load_p], [5, 6, 4]);
  assert.deepEqual([...injectionsAt(s, 2).prod_p], [22, 12]);
  assert.deepEqual([...injectionsAt(s, 0).load_q], [0.1, 0.2, 0.3].map(Math.fround));
  // CRLF line ends, quoted names and blank lines are read as pandas reads them.
  const crlf = await folderWith({
    "prod_p.csv": '"gen_1_1";"gen_0_0"\r\n10;20\r\n\r\n11;21\r\n12;22\r\n',
  });
  assert.deepEqual([...injectionsAt(await readChronics(crlf, small), 1).prod_p], [21, 11]);
  // Without the .info files, grid2op's defaults.
  const bare = await folderWith({ "start_datetime.info": null, "time_interval.info": null });
  const d = await readChronics(bare, small);
  assert.equal(formatDateTime(d.start), "2019-01-01 00:00");
  assert.equal(d.stepMinutes, 5);
  const hourly = await folderWith({
    "start_datetime.info": "2020-02-29",
    "time_interval.info": "01:00",
  });
  const h = await readChronics(hourly, small);
  assert.equal(formatDateTime(h.start), "2020-02-29 00:00");
  assert.equal(h.stepMinutes, 60);
  const quarter = await folderWith({ "time_interval.info": "15" }); // grid2op's "%M" form
  assert.equal((await readChronics(quarter, small)).stepMinutes, 15);
});

/** The InputError message of reading a folder with `edits`. */
async function failure(edits: Record<string, string | Uint8Array | null>): Promise<string> {
  const folder = await folderWith(edits);
  try {
    await readChronics(folder, small);
  } catch (e) {
    assert.ok(e instanceof InputError, `expected an InputError, got ${e}`);
    assert.ok(!e.message.includes("\n"), "one line");
    return e.message.replace(folder + "/", "");
  }
  assert.fail(`no error for ${JSON.stringify(edits)}`);
}

Deno.test("a malformed chronics folder is a one-line InputError naming file and column or line", async () => {
  const cases: [Record<string, string | Uint8Array | null>, string][] = [
    [
      { "load_p.csv": "load_3_2;load_1_0\n1;2\n" },
      'load_p.csv: no column for load "load_2_1"',
    ],
    [
      { "prod_v.csv": "gen_0_0;gen_1_1;gen_9_9\n1;2;3\n1;2;3\n1;2;3\n" },
      'prod_v.csv: column "gen_9_9" is not a generator of the grid',
    ],
    [
      { "prod_p.csv": "gen_1_1;gen_0_0;gen_1_1\n1;2;3\n" },
      'prod_p.csv: column "gen_1_1" appears twice',
    ],
    [
      { "load_q.csv": "load_1_0;load_2_1;load_3_2\n0.1;0.2;0.3\n0.4;NaN;0.6\n0.7;0.8;0.9\n" },
      'load_q.csv: line 3, column "load_2_1": "NaN" is not a finite number',
    ],
    [
      { "load_q.csv": "load_1_0;load_2_1;load_3_2\n0.1;0.2;0.3\n0.4;0.5;\n0.7;0.8;0.9\n" },
      'load_q.csv: line 3, column "load_3_2": "" is not a finite number',
    ],
    [
      { "prod_p.csv": "gen_1_1;gen_0_0\n10;20\n11;abc\n12;22\n" },
      'prod_p.csv: line 3, column "gen_0_0": "abc" is not a finite number',
    ],
    [
      { "prod_p.csv": "gen_1_1;gen_0_0\n10;20\n11;21;5\n12;22\n" },
      "prod_p.csv: line 3 has 3 fields, the header has 2",
    ],
    [
      { "prod_p.csv": "gen_1_1;gen_0_0\n10;20\n11\n12;22\n" },
      "prod_p.csv: line 3 has 1 fields, the header has 2",
    ],
    [
      { "prod_v.csv": "gen_0_0;gen_1_1\n142.1;22\n142.1;22\n" },
      "prod_v.csv: 2 rows, but load_p.csv has 3",
    ],
    [{ "prod_v.csv": null }, "no prod_v.csv or prod_v.csv.bz2"],
    [{ "load_p.csv": "\n\n" }, "load_p.csv: the file is empty"],
    [
      { "start_datetime.info": "2019-02-30 10:00" },
      'start_datetime.info: "2019-02-30 10:00" is not a date "YYYY-MM-DD HH:MM"',
    ],
    [
      { "time_interval.info": "00:00" },
      'time_interval.info: "00:00" is not a time interval "HH:MM" of at least 1 minute',
    ],
    [
      { "load_p.csv": null, "load_p.csv.bz2": new Uint8Array([66, 90, 104, 57, 1, 2, 3]) },
      "load_p.csv.bz2: not valid bzip2: block 1 has no block or end-of-stream marker",
    ],
  ];
  for (const [edits, expected] of cases) {
    const message = await failure(edits);
    assert.ok(message.endsWith(expected), `${message}\n  should end with: ${expected}`);
  }
});

Deno.test("a missing chronics folder is an InputError and exit code 2", async () => {
  const folder = await testFolder("chronics-missing");
  const missing = join(folder, "nothing");
  await assert.rejects(readChronics(missing, small), InputError);
  await assert.rejects(listScenarios(missing), /no such chronics folder/);
  const original = console.error;
  console.error = () => {};
  try {
    assert.equal(await runMain(() => readChronics(missing, small).then(() => {})), 2);
  } finally {
    console.error = original;
  }
  // Sub-folders sorted as grid2op's Multifolder lists them; files and hidden folders skipped.
  for (const id of ["b", "a", ".hidden", "__pycache__", "10", "9"]) {
    await Deno.mkdir(join(folder, id));
  }
  await Deno.writeTextFile(join(folder, "notes.txt"), "x");
  assert.deepEqual(await listScenarios(folder), ["10", "9", "a", "b"]);
});
