/**
 * grid2op's default rules (`DefaultRules` = `LookParam` + `PreventReconnection`; the storage
 * rule has nothing to check without storage units): an action is illegal when it affects more
 * line statuses than `MAX_LINE_STATUS_CHANGED` or more substations than `MAX_SUB_CHANGED`, or
 * when it affects a line or a substation whose cooldown is not over (a tripped line waiting
 * for its reconnection counts). The environment replaces an illegal action by do-nothing.
 *
 * @example
 * ```ts
 * import { actionFromDict, topologicalImpact } from "./action.ts";
 * import { reset } from "./step.ts";
 * import { loadGrid } from "../../../effects/mod.ts";
 *
 * const { model, scenario } = await loadGrid("case14");
 * const { index, parameters: params } = model;
 * const state = reset(model, scenario(0));
 * const a = actionFromDict(index, { change_bus: { lines_or_id: [0], lines_ex_id: [0] } });
 * const impact = topologicalImpact(index, a, state.lineStatus);
 * const rule = brokenRule(params, impact, state); // "max-sub": both ends of line 0
 * if (rule !== null) illegality(rule, params, impact, state); // "more than 1 substation ..."
 * ```
 * @module
 */
import { TopologicalImpact } from "./action.ts";
import { EnvParameters } from "./parameters.ts";

/** The cooldowns the rules read: steps left per line and per substation. */
export interface Cooldowns {
  readonly timeBeforeCooldownLine: ArrayLike<number>;
  readonly timeBeforeCooldownSub: ArrayLike<number>;
}

/** Which rule an action breaks. */
export type Rule = "max-line-status" | "max-sub" | "line-cooldown" | "sub-cooldown";

/** The first rule (in grid2op's order) an action with this impact breaks now, or null. */
export function brokenRule(
  params: EnvParameters,
  impact: TopologicalImpact,
  cooldowns: Cooldowns,
): Rule | null {
  if (impact.nLines > params.MAX_LINE_STATUS_CHANGED) return "max-line-status";
  if (impact.nSubs > params.MAX_SUB_CHANGED) return "max-sub";
  const { timeBeforeCooldownLine: line, timeBeforeCooldownSub: sub } = cooldowns;
  if (impact.nLines > 0) {
    for (let l = 0; l < impact.lines.length; l++) {
      if (impact.lines[l] && line[l] > 0) return "line-cooldown";
    }
  }
  if (impact.nSubs > 0) {
    for (let s = 0; s < impact.subs.length; s++) {
      if (impact.subs[s] && sub[s] > 0) return "sub-cooldown";
    }
  }
  return null;
}

const ids = (mask: ArrayLike<number>, also: (i: number) => boolean = () => true) =>
  Array.from(mask, (m, i) => (m && also(i) ? i : -1)).filter((i) => i >= 0).join(", ");

/** The message of a broken rule (as grid2op's `IllegalAction` says it). */
export function illegality(
  rule: Rule,
  params: EnvParameters,
  impact: TopologicalImpact,
  cooldowns: Cooldowns,
): string {
  const { timeBeforeCooldownLine: line, timeBeforeCooldownSub: sub } = cooldowns;
  switch (rule) {
    case "max-line-status":
      return `more than ${params.MAX_LINE_STATUS_CHANGED} line status affected by the action: ${
        ids(impact.lines)
      }`;
    case "max-sub":
      return `more than ${params.MAX_SUB_CHANGED} substation affected by the action: ${
        ids(impact.subs)
      }`;
    case "line-cooldown":
      return `lines ${ids(impact.lines, (l) => line[l] > 0)} acted on before their cooldown ended`;
    case "sub-cooldown":
      return `substations ${
        ids(impact.subs, (s) => sub[s] > 0)
      } acted on before their cooldown ended`;
  }
}
