/**
 * The viewer's page: a small hash router (#/ the runs, #/run/<id> a run, #/replay/<id>/<trace>
 * an episode) over the server's JSON/SVG API. Pages poll the API, so a run still being written
 * shows its new rows, files and traces as they come. Errors of the API (a malformed file, an
 * unknown run) are shown on the page, in a box, not thrown.
 *
 * @module
 */
import { fmt, LineChart } from "./chart.js";

const app = document.getElementById("app");
/** Stops the current page's polling and playing when the route changes. */
let leave = () => {};

/** An element with attributes (`on*` are listeners) and children. */
function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  e.append(...children.flat().filter((c) => c !== null && c !== undefined));
  return e;
}

/** The API's answer as JSON; an error answer throws its message. */
async function api(path) {
  const r = await fetch(`/api/runs${path}`);
  const body = await r.json().catch(() => ({ error: `${r.status} ${r.statusText}` }));
  if (!r.ok) throw new Error(body.error ?? `${r.status}`);
  return body;
}

/** Calls `fn` now and every `ms` while the page is shown; returns the stop function. */
function poll(fn, ms, box) {
  let alive = true, timer = 0;
  const tick = async () => {
    try {
      await fn();
      box.replaceChildren();
    } catch (e) {
      box.replaceChildren(h("div", { class: "error" }, e.message));
    }
    if (alive) timer = setTimeout(tick, ms);
  };
  tick();
  return () => {
    alive = false;
    clearTimeout(timer);
  };
}

const enc = encodeURIComponent;
const time = (iso) => (iso ? iso.replace("T", " ").slice(0, 19) : "-");
const status = (s) => h("span", { class: `status ${s}` }, s);

function listPage() {
  const box = h("div"), body = h("tbody");
  app.replaceChildren(
    h("h1", {}, "Runs"),
    box,
    h(
      "table",
      { id: "runs" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...["run", "kind", "started", "updated", "status", "config"].map((c) => h("th", {}, c)),
        ),
      ),
      body,
    ),
  );
  return poll(
    async () => {
      const runs = await api("");
      body.replaceChildren(...runs.map((r) =>
        h(
          "tr",
          { "data-run": r.id },
          h("td", {}, h("a", { href: `#/run/${enc(r.id)}` }, r.id)),
          h("td", {}, r.kind),
          h("td", {}, time(r.started)),
          h("td", {}, time(r.updated)),
          h("td", {}, status(r.status)),
          h("td", { class: "config" }, r.config),
        )
      ));
      if (runs.length === 0) body.append(h("tr", {}, h("td", { colspan: 6 }, "no runs yet")));
    },
    2000,
    box,
  );
}

/** The learning curves of a run's logs: one field at a time, a curve per team or agent. */
function curvesSection(id, files) {
  const fileSelect = h(
    "select",
    { id: "curve-file" },
    ...files.map((f) => h("option", { value: f }, f)),
  );
  const fieldSelect = h("select", { id: "curve-field" });
  const holder = h("div");
  const chart = new LineChart(holder, { xLabel: "", yLabel: "" });
  let data = null;
  const draw = () => {
    if (data === null) return;
    const field = fieldSelect.value;
    chart.options.xLabel = data.x;
    chart.options.yLabel = field;
    chart.setSeries(
      data.series.filter((s) => s.field === field).map((s) => ({ ...s, name: s.group ?? field })),
    );
  };
  const load = async () => {
    data = await api(`/${enc(id)}/curves?file=${enc(fileSelect.value)}`);
    const keep = fieldSelect.value;
    const preferred = ["loss", "survival", "survived", "reward"].find((f) =>
      data.fields.includes(f)
    );
    fieldSelect.replaceChildren(...data.fields.map((f) => h("option", { value: f }, f)));
    fieldSelect.value = data.fields.includes(keep) ? keep : preferred ?? data.fields[0] ?? "";
    draw();
  };
  fileSelect.addEventListener("change", () => {
    chart.zoom = null;
    fieldSelect.value = "";
    load();
  });
  fieldSelect.addEventListener("change", draw);
  const section = h(
    "section",
    { id: "curves" },
    h("h2", {}, "Learning curves"),
    h("p", { class: "hint" }, "hover: values; drag: zoom into a range; double click: whole range"),
    h("label", {}, "log ", fileSelect),
    " ",
    h("label", {}, "field ", fieldSelect),
    holder,
  );
  return { section, refresh: load };
}

/** A decomposition at a quantile threshold chosen with a slider. */
function decompositionSection(id) {
  const slider = h("input", {
    type: "range",
    id: "threshold",
    min: "0.5",
    max: "0.99",
    step: "0.01",
  });
  const label = h("output", {});
  const clusters = h("ol", { id: "clusters" });
  const pictures = h("div", { class: "pictures" });
  const box = h("div");
  let timer = 0;
  const show = async (q) => {
    const d = await api(`/${enc(id)}/decomposition${q === null ? "" : `?threshold=${q}`}`);
    slider.value = String(d.threshold);
    label.value = `quantile ${d.threshold}`;
    const named = d.grid
      ? d.grid.clusters.map((c) =>
        `substations ${c.substations.join(", ")}; lines ${c.lines.join(", ")}`
      )
        .concat(
          d.grid.unassignedLines.length
            ? [`no cluster: lines ${d.grid.unassignedLines.join(", ")}`]
            : [],
        )
      : d.clusters.map((c) => `{${c.targets.join(", ")} | ${c.inputs.join(", ")}}`);
    clusters.replaceChildren(...named.map((t) => h("li", {}, t)));
    const query = `threshold=${d.threshold}`;
    pictures.replaceChildren(
      h("img", { src: `/api/runs/${enc(id)}/blocks.svg?${query}`, alt: "MI in blocks" }),
      h("img", {
        src: `/api/runs/${enc(id)}/blocks.svg?${query}&binary`,
        alt: "binarised MI in blocks",
      }),
      d.grid
        ? h("img", {
          src: `/api/runs/${enc(id)}/clusters.svg?${query}`,
          alt: "clusters on the grid",
          id: "clusters-grid",
        })
        : null,
    );
  };
  const guarded = (q) =>
    show(q).then(
      () => box.replaceChildren(),
      (e) => box.replaceChildren(h("div", { class: "error" }, e.message)),
    );
  slider.addEventListener("input", () => {
    label.value = `quantile ${slider.value}`;
    clearTimeout(timer);
    timer = setTimeout(() => guarded(slider.value), 150);
  });
  guarded(null);
  return h(
    "section",
    { id: "decomposition" },
    h("h2", {}, "Decomposition"),
    h(
      "p",
      { class: "hint" },
      "An MI entry is kept when it is above its column's quantile; the clusters are the blocks of what is kept.",
    ),
    h("label", {}, "threshold ", slider, " ", label),
    box,
    clusters,
    pictures,
  );
}

/** An evaluation: the ranking and the survival of each agent on each scenario. */
function evaluationSection(id) {
  const ranking = h("div"), survival = h("div");
  const refresh = async () => {
    const v = await api(`/${enc(id)}/evaluation`);
    ranking.replaceChildren(
      v.ranking === null ? h("p", {}, "the ranking comes when the evaluation ends") : h(
        "table",
        { id: "ranking" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...[
              "#",
              "agent",
              "score",
              "survival",
              "completed",
              "ms p50",
              "ms p99",
              "actions / episode",
            ].map((c) => h("th", {}, c)),
          ),
        ),
        h(
          "tbody",
          {},
          ...v.ranking.map((a, i) =>
            h(
              "tr",
              {},
              h("td", {}, String(i + 1)),
              h("td", {}, a.name),
              h("td", {}, fmt(a.score)),
              h("td", {}, `${fmt(100 * a.survival)} %`),
              h("td", {}, `${a.completed}/${a.scenarios}`),
              h("td", {}, fmt(a.decision_ms_p50 ?? NaN)),
              h("td", {}, fmt(a.decision_ms_p99 ?? NaN)),
              h("td", {}, fmt(a.actions_per_episode ?? NaN)),
            )
          ),
        ),
      ),
    );
    const agents = [...new Set(v.episodes.map((e) => e.agent))];
    const scenarios = [...new Set(v.episodes.map((e) => e.scenario))].sort((a, b) => a - b);
    const cell = (agent, k) => {
      const e = v.episodes.find((x) => x.agent === agent && x.scenario === k);
      if (!e) return h("td", { class: "pending" }, "…");
      const share = e.steps / e.max_steps;
      return h(
        "td",
        {
          class: e.completed ? "done" : "lost",
          style: `--share:${share}`,
          title: e.game_over ?? "completed",
        },
        `${e.steps}/${e.max_steps}${e.completed ? " ✓" : ""}`,
      );
    };
    survival.replaceChildren(h(
      "table",
      { id: "survival" },
      h("thead", {}, h("tr", {}, h("th", {}, "scenario"), ...agents.map((a) => h("th", {}, a)))),
      h(
        "tbody",
        {},
        ...scenarios.map((k) => {
          const any = v.episodes.find((e) => e.scenario === k);
          return h(
            "tr",
            {},
            h("td", {}, `${k} ${any.scenario_id ?? ""}`),
            ...agents.map((a) => cell(a, k)),
          );
        }),
      ),
    ));
  };
  const section = h(
    "section",
    { id: "evaluation" },
    h("h2", {}, "Ranking"),
    ranking,
    h("h2", {}, "Survival per scenario (steps survived)"),
    survival,
  );
  return { section, refresh };
}

function runPage(id) {
  const box = h("div"),
    head = h("div"),
    traces = h("ul", { id: "traces" }),
    files = h("ul", { class: "files" });
  app.replaceChildren(h("p", {}, h("a", { href: "#/" }, "← runs")), h("h1", {}, id), head, box);
  const parts = [];
  let built = false;
  return poll(
    async () => {
      const d = await api(`/${enc(id)}`);
      head.replaceChildren(
        h(
          "p",
          { class: "meta" },
          `${d.kind} · `,
          status(d.status),
          ` · started ${time(d.started)} · updated ${time(d.updated)}`,
        ),
        h("p", { class: "config" }, d.config),
      );
      if (!built) {
        built = true;
        if (d.curves.length > 0) parts.push(curvesSection(id, d.curves));
        if (d.kind === "evaluate") parts.push(evaluationSection(id));
        for (const p of parts) app.append(p.section);
        if (d.kind === "cluster" && d.files.includes("mi.json")) {
          app.append(decompositionSection(id));
        }
        app.append(
          h("section", {}, h("h2", {}, "Episode replays"), traces),
          h("section", {}, h("h2", {}, "Files"), files),
        );
      }
      for (const p of parts) await p.refresh();
      traces.replaceChildren(
        ...(d.traces.length
          ? d.traces.map((t) =>
            h(
              "li",
              {},
              h("a", { href: `#/replay/${enc(id)}/${t.split("/").map(enc).join("/")}` }, t),
            )
          )
          : [h("li", {}, "no traces")]),
      );
      files.replaceChildren(...d.files.slice(0, 200).map((f) => h("li", {}, f)));
    },
    3000,
    box,
  );
}

/** The events of a step, as short lines. */
function eventLines(s, names) {
  const lines = (ls) => ls.map((l) => names?.[l] ?? String(l)).join(", ");
  return [
    s.maintenance.length ? `maintenance: ${lines(s.maintenance)}` : null,
    s.attacked.length ? `attacked: ${lines(s.attacked)}` : null,
    s.disconnected.length ? `disconnected: ${lines(s.disconnected)}` : null,
    s.split?.length ? `split substations: ${s.split.join(", ")}` : null,
    s.illegal ? "illegal action" : null,
    s.exception ? `exception: ${s.exception}` : null,
    s.done ? "episode ends" : null,
  ].filter(Boolean);
}

function replayPage(id, file) {
  const box = h("div");
  const grid = h("div", { id: "grid", class: "grid" });
  const slider = h("input", { type: "range", id: "step", min: "0", max: "0", value: "0" });
  const play = h("button", { id: "play" }, "▶ play");
  const speed = h(
    "select",
    { id: "speed" },
    ...[["1", "5 steps/s"], ["4", "20 steps/s"], ["20", "100 steps/s"]].map(([v, t]) =>
      h("option", { value: v }, t)
    ),
  );
  const label = h("output", { id: "step-label" });
  const info = h("div", { id: "step-info" });
  const actions = h("ol", { id: "actions", class: "actions" });
  const timeline = h("div", { id: "timeline" });
  let trace = null, index = 0, timer = 0;
  const chart = new LineChart(timeline, {
    xLabel: "step",
    yLabel: "max rho",
    onPick: (x) =>
      trace &&
      go(
        trace.steps.reduce(
          (b, s, i) => (Math.abs(s.step - x) < Math.abs(trace.steps[b].step - x) ? i : b),
          0,
        ),
      ),
  });
  const svgs = new Map();
  const picture = async (i) => {
    if (!svgs.has(i)) {
      const r = await fetch(`/api/runs/${enc(id)}/step.svg?file=${enc(file)}&index=${i}`);
      if (!r.ok) throw new Error((await r.json()).error);
      svgs.set(i, await r.text());
    }
    return svgs.get(i);
  };
  const go = async (i) => {
    const target = index = Math.max(0, Math.min(trace.steps.length - 1, i));
    slider.value = String(index);
    const s = trace.steps[index];
    label.value = `step ${s.step} (${index + 1} of ${trace.steps.length})`;
    info.replaceChildren(
      h("p", { class: "action" }, `action ${s.actionText}`),
      h("p", {}, `max rho ${fmt(s.maxRho)}`),
      ...eventLines(s, trace.meta.name_line).map((t) => h("p", { class: "event" }, t)),
    );
    chart.setCursor(s.step);
    if (trace.grid) {
      try {
        const text = await picture(target);
        // A later move may have overtaken this one while its picture loaded: draw the latest.
        if (index === target) {
          grid.innerHTML = text;
          grid.dataset.step = String(s.step);
        }
      } catch (e) {
        box.replaceChildren(h("div", { class: "error" }, e.message));
      }
    } else grid.replaceChildren(h("p", {}, "the grid of this trace was not found: no picture"));
  };
  const stopPlaying = () => {
    clearInterval(timer);
    timer = 0;
    play.textContent = "▶ play";
  };
  play.addEventListener("click", () => {
    if (timer) return stopPlaying();
    play.textContent = "❚❚ pause";
    if (index >= trace.steps.length - 1) go(0);
    timer = setInterval(() => {
      if (index >= trace.steps.length - 1) return stopPlaying();
      go(index + Number(speed.value));
    }, 200);
  });
  slider.addEventListener("input", () => go(Number(slider.value)));
  app.replaceChildren(
    h("p", {}, h("a", { href: `#/run/${enc(id)}` }, `← ${id}`)),
    h("h1", {}, `Replay: ${file}`),
    h("p", { class: "meta", id: "trace-meta" }),
    box,
    h("div", { class: "controls" }, play, " ", speed, " ", slider, " ", label),
    h(
      "div",
      { class: "replay" },
      grid,
      h(
        "div",
        { class: "side" },
        info,
        h("h3", {}, "max rho per step"),
        timeline,
        h("h3", {}, "actions taken"),
        actions,
      ),
    ),
  );
  const stopPoll = poll(
    async () => {
      const t = await api(`/${enc(id)}/trace?file=${enc(file)}`);
      const grew = trace === null || t.steps.length !== trace.steps.length;
      if (!grew) return;
      trace = t;
      svgs.clear();
      const m = t.meta;
      document.getElementById("trace-meta").textContent = [
        m.env,
        m.benchmark,
        m.agent && `agent ${m.agent}`,
        m.scenario_id && `scenario ${m.scenario_id}`,
        m.survived === undefined ? null : m.survived ? "survived" : "game over",
      ].filter(Boolean).join(" · ");
      slider.max = String(t.steps.length - 1);
      chart.setSeries([{
        name: "max rho",
        x: t.steps.map((s) => s.step),
        y: t.steps.map((s) => s.maxRho),
      }]);
      const acted = t.steps.map((s, i) => [s, i]).filter(([s]) =>
        s.action !== null && s.action !== 0
      );
      actions.replaceChildren(
        ...(acted.length
          ? acted.map(([s, i]) =>
            h(
              "li",
              {},
              h(
                "a",
                { href: "javascript:void 0", onclick: () => go(i) },
                `step ${s.step}: ${s.actionText}`,
              ),
            )
          )
          : [h("li", {}, "none (do nothing throughout)")]),
      );
      await go(Math.min(index, t.steps.length - 1));
    },
    3000,
    box,
  );
  return () => {
    stopPoll();
    stopPlaying();
  };
}

function route() {
  leave();
  const [page, id, ...rest] = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  if (page === "run" && id) leave = runPage(id);
  else if (page === "replay" && id && rest.length) leave = replayPage(id, rest.join("/"));
  else leave = listPage();
}

addEventListener("hashchange", route);
route();
