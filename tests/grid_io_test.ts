/**
 * Reading and writing networks: gridfold's own network file (round trip, errors by field),
 * grid2op folders (grid.json, config.py, prods_charac.csv) with malformed files rejected by
 * name.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { sharedPath, sharedTest, testFolder } from "./shared.ts";
import { SANDBOX } from "./grid_refs.ts";
import { InputError } from "../effects/errors.ts";
import { readCase } from "../effects/io/case.ts";
import {
  parseProdsCharac,
  parseThermalLimits,
  readGrid2opFolder,
} from "../effects/io/grid2op_folder.ts";
import {
  decodeNetwork,
  networkText,
  readNetwork,
  writeNetwork,
} from "../effects/io/network_json.ts";
import { decodePandapower } from "../effects/io/pandapower.ts";

const rejects = async (p: Promise<unknown>, message: RegExp) =>
  await assert.rejects(p, (e: Error) => e instanceof InputError && message.test(e.message));

Deno.test("network file: what is written reads back to the same network and the same bytes", async () => {
  const net = (await readCase("case14")).net;
  const folder = await testFolder("network-json");
  const path = join(folder, "case14.json");
  await writeNetwork(path, net, "test");
  const back = await readNetwork(path);
  assert.deepEqual(back, net);
  assert.equal(networkText(back, "test"), Deno.readTextFileSync(path));
});

Deno.test("network file: a wrong, missing or unknown field is named", async () => {
  const net = (await readCase("case14")).net;
  const doc = () => JSON.parse(networkText(net, "test"));
  const bad: [(d: Record<string, unknown>) => void, RegExp][] = [
    [
      (d) => ((d.lines as { x: unknown }[])[3].x = "big"),
      /n\.json: lines\.3\.x: expected a finite number, got "big"/,
    ],
    [
      (d) => ((d.gens as Record<string, unknown>[])[0].colour = "red"),
      /n\.json: gens\.0\.colour: unknown field/,
    ],
    [(d) => delete (d.loads as Record<string, unknown>[])[2].q, /n\.json: loads\.2\.q: /],
    [(d) => (d.slackGen = "gen_9_9"), /n\.json: slackGen: no generator named "gen_9_9"/],
    [
      (d) => ((d.lines as { ex: number }[])[0].ex = 40),
      /n\.json: line\.exSub\[0\]: substation 40 does not exist/,
    ],
    [(d) => (d.version = 2), /n\.json: version: /],
  ];
  for (const [edit, message] of bad) {
    const d = doc();
    edit(d);
    assert.throws(
      () => decodeNetwork(d, "n.json"),
      (e: Error) => e instanceof InputError && message.test(e.message),
    );
  }
});

Deno.test("grid2op config.py and prods_charac.csv: parsed, and malformed values named", () => {
  assert.deepEqual(
    parseThermalLimits(`config = {"thermal_limits": [541.0, 450.0,\n 375.0], "x": 1}`, "c.py"),
    [541, 450, 375],
  );
  assert.equal(parseThermalLimits(`config = {"thermal_limits": None}`, "c.py"), null);
  assert.throws(
    () => parseThermalLimits(`{"thermal_limits": [541.0, abc]}`, "c.py"),
    /c\.py: thermal_limits\[1\]: expected a positive number, got "abc"/,
  );
  const csv =
    "Pmax,Pmin,name,type,bus,max_ramp_up,max_ramp_down,min_up_time,min_down_time,marginal_cost,shut_down_cost,start_cost\n" +
    "140,0.0,gen_1_0,nuclear,1,5,5,96,96,40,10,20\n";
  assert.equal(parseProdsCharac(csv, "p.csv").get("gen_1_0")?.maxRampUp, 5);
  assert.throws(
    () => parseProdsCharac(csv.replace("96,96", "96,x"), "p.csv"),
    /p\.csv: row 1: min_down_time: expected a number, got "x"/,
  );
  assert.throws(
    () => parseProdsCharac(csv.replace("Pmax,", "P,"), "p.csv"),
    /p\.csv: missing column "Pmax"/,
  );
});

sharedTest(
  "malformed grid.json files are rejected with the file, table, column and row",
  SANDBOX,
  async () => {
    const text = Deno.readTextFileSync(sharedPath(`${SANDBOX}/grid.json`));
    const json = () => JSON.parse(text);
    const frame = (d: { _object: Record<string, { _object: string }> }, name: string) =>
      JSON.parse(d._object[name]._object);
    const setFrame = (
      d: { _object: Record<string, { _object: string }> },
      name: string,
      f: unknown,
    ) => (d._object[name]._object = JSON.stringify(f));
    const bad: [(d: { _object: Record<string, { _object: string }> }) => void, RegExp][] = [
      [(d) => {
        const f = frame(d, "line");
        f.data[2][f.columns.indexOf("x_ohm_per_km")] = "abc";
        setFrame(d, "line", f);
      }, /g\.json: line\.x_ohm_per_km row 2: expected a number, got "abc"/],
      [(d) => {
        const f = frame(d, "trafo");
        const c = f.columns.indexOf("vk_percent");
        f.columns.splice(c, 1);
        f.data.forEach((row: unknown[]) => row.splice(c, 1));
        setFrame(d, "trafo", f);
      }, /g\.json: trafo\.vk_percent: missing column/],
      [(d) => {
        const f = frame(d, "sgen");
        f.data.push(f.columns.map(() => 0));
        setFrame(d, "sgen", f);
      }, /g\.json: sgen: 1 rows, but gridfold does not model "sgen" elements/],
      [(d) => {
        const f = frame(d, "load");
        f.data[0][f.columns.indexOf("bus")] = 77;
        setFrame(d, "load", f);
      }, /g\.json: load\.bus row 0: bus 77 does not exist/],
      [(d) => delete (d._object as Record<string, unknown>).bus, /g\.json: bus: missing table/],
    ];
    for (const [edit, message] of bad) {
      const d = json();
      edit(d);
      assert.throws(
        () => decodePandapower(d, "g.json"),
        (e: Error) => e instanceof InputError && message.test(e.message),
      );
    }
    const folder = await testFolder("bad-env");
    Deno.writeTextFileSync(join(folder, "grid.json"), text.slice(0, 500));
    await rejects(readGrid2opFolder(folder), /grid\.json: not valid JSON/);
    Deno.writeTextFileSync(join(folder, "grid.json"), text);
    Deno.writeTextFileSync(join(folder, "config.py"), `config = {"thermal_limits": [1.0, 2.0]}`);
    await rejects(
      readGrid2opFolder(folder),
      /config\.py: thermal_limits: expected 20 values \(one per line\), got 2/,
    );
  },
);
