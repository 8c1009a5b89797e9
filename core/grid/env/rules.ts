/**
 * grid2op's default rules (`DefaultRules` = `LookParam` + `PreventReconnection`; the storage
 * rule has nothing to check without storage units): an action is illegal when it affects more
 * line statuses than `MAX_LINE_STATUS_CHANGED` or more substations than `MAX_SUB_CHANGED`, or
 * when it affects a line or a substation whose cooldown is not over (a tripped line waiting
 * for its reconnection counts). The environment replaces an illegal action by do-nothing.
 *
 * @example
 * ```ts
 * const why = illegality(params, topologicalImpact(index, a, state.lineStatus), state);
 * if (why !== null) { ... } // "more than 1 substation affected by the action: 3, 5"
 * ```
 * @module
 */
import { TopologicalImpact } from "./action.ts";
import { Parameters } from "./parameters.ts";

/** The cooldowns the rules read: steps left per line and per substation. */
export interface Cooldowns {
  readonly timeBeforeCooldownLine: ArrayLike<number>;
  readonly timeBeforeCooldownSub: ArrayLike<number>;
}

const ids = (mask: ArrayLike<number>, also: (i: number) => boolean = () => true) =>
  Array.from(mask, (m, i) => (m && also(i) ? i : -1)).filter((i) => i >= 0).join(", ");

/** Why an action with this impact is illegal now (grid2op's order of checks), or null. */
export function illegality(
  params: Parameters,
  impact: TopologicalImpact,
  cooldowns: Cooldowns,
): string | null {
  if (impact.nLines > params.MAX_LINE_STATUS_CHANGED) {
    return `more than ${params.MAX_LINE_STATUS_CHANGED} line status affected by the action: ${
      ids(impact.lines)
    }`;
  }
  if (impact.nSubs > params.MAX_SUB_CHANGED) {
    return `more than ${params.MAX_SUB_CHANGED} substation affected by the action: ${
      ids(impact.subs)
    }`;
  }
  const { timeBeforeCooldownLine: line, timeBeforeCooldownSub: sub } = cooldowns;
  for (let l = 0; l < impact.lines.length; l++) {
    if (impact.lines[l] && line[l] > 0) {
      return `lines ${ids(impact.lines, (i) => line[i] > 0)} acted on before their cooldown ended`;
    }
  }
  for (let s = 0; s < impact.subs.length; s++) {
    if (impact.subs[s] && sub[s] > 0) {
      return `substations ${
        ids(impact.subs, (i) => sub[i] > 0)
      } acted on before their cooldown ended`;
    }
  }
  return null;
}
