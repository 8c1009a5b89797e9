/**
 * The grid environment as a `DiscreteEnv` (core/env.ts) for the agents: an action is an index
 * into a table of grid actions (by default grid2op's discrete table, 487 on the sandbox), the
 * observation is grid2op's flat vector, the reward one of grid2op's (L2RPNReward by default),
 * and `legalActions` is the mask of actions the rules would not replace by do-nothing now.
 *
 * The mask is fast because each action's effect on the rules is worked out once: the lines
 * and substations it affects when every line it touches is connected, recomputed only for an
 * action touching a line that is out.
 *
 * @example
 * ```ts
 * import { loadGrid } from "../../../effects/mod.ts";
 *
 * const { model, scenario } = await loadGrid("case14");
 * const scenarios = [0, 1, 2].map((k) => scenario(k));
 * const env = gridDiscreteEnv(model, (episode) => scenarios[episode % scenarios.length]);
 * const s = env.reset(0);
 * const mask = env.legalActions(s);   // 1 = legal
 * const t = env.step(s, 17);          // t.state.info.isIllegal, t.state.rewards, ...
 * ```
 * @module
 */
import { DiscreteEnv, Transition } from "../../env.ts";
import { Scenario } from "../scenario/mod.ts";
import { ambiguity, GridAction, TopologicalImpact, topologicalImpact } from "./action.ts";
import { GridModel } from "./model.ts";
import { ObservationEncoder, observationEncoder } from "./observation.ts";
import { StepRewards } from "./rewards.ts";
import { brokenRule } from "./rules.ts";
import { discreteActions } from "./unitary.ts";
import { EnvState, reset, step } from "./step.ts";

/** Options of `gridDiscreteEnv`. */
export interface DiscreteOptions {
  /** The action table (default: grid2op's discrete table of the grid). */
  readonly actions?: readonly GridAction[];
  /** Which reward `step` returns (both are in `state.rewards`). */
  readonly reward?: keyof StepRewards;
}

/** The grid environment over a table of actions. */
export interface GridDiscreteEnv extends DiscreteEnv<EnvState> {
  readonly model: GridModel;
  readonly actions: readonly GridAction[];
  readonly encoder: ObservationEncoder;
  legalActions(state: EnvState): Uint8Array;
  /** `legalActions(state)[action] === 1`, for one action (cheaper on a large table). */
  isLegal(state: EnvState, action: number): boolean;
}

/** What the mask needs of one action, computed once. */
interface ActionRules {
  /** Ambiguous actions are never legal. */
  readonly ambiguous: boolean;
  /** The impact when every line is connected. */
  readonly connected: TopologicalImpact;
  /** Lines whose status changes this action's impact. */
  readonly dependsOn: Int32Array;
  readonly action: GridAction;
}

function actionRules(model: GridModel, action: GridAction): ActionRules {
  const { lineOrPosTopoVect: orPos, lineExPosTopoVect: exPos } = model.net.layout;
  const nLine = orPos.length;
  const dependsOn: number[] = [];
  for (let l = 0; l < nLine; l++) {
    const touched = action.setLineStatus[l] !== 0 || action.changeLineStatus[l] !== 0 ||
      action.setBus[orPos[l]] !== 0 || action.setBus[exPos[l]] !== 0;
    if (touched) dependsOn.push(l);
  }
  return {
    ambiguous: ambiguity(model.index, action) !== null,
    connected: topologicalImpact(model.index, action, new Uint8Array(nLine).fill(1)),
    dependsOn: Int32Array.from(dependsOn),
    action,
  };
}

/**
 * The grid environment with discrete actions; `scenarioOf(episode)` gives the scenario an
 * episode runs on (`reset(episode)`).
 */
export function gridDiscreteEnv(
  model: GridModel,
  scenarioOf: (episode: number) => Scenario,
  options: DiscreteOptions = {},
): GridDiscreteEnv {
  const actions = options.actions ?? discreteActions(model.index);
  const reward = options.reward ?? "L2RPNReward";
  const rules = actions.map((a) => actionRules(model, a));
  const encoder = observationEncoder(model);
  const legal = (state: EnvState, i: number): boolean => {
    const r = rules[i];
    if (r.ambiguous) return false;
    let impact = r.connected;
    for (const l of r.dependsOn) {
      if (!state.lineStatus[l]) {
        impact = topologicalImpact(model.index, r.action, state.lineStatus);
        break;
      }
    }
    return brokenRule(model.parameters, impact, state) === null;
  };
  return {
    model,
    actions,
    encoder,
    numActions: actions.length,
    observationSize: encoder.size,
    reset: (episode: number) => reset(model, scenarioOf(episode)),
    observe: (state: EnvState) => encoder.encode(state),
    legalActions(state: EnvState): Uint8Array {
      const mask = new Uint8Array(actions.length);
      if (state.done) return mask;
      for (let i = 0; i < rules.length; i++) mask[i] = legal(state, i) ? 1 : 0;
      return mask;
    },
    isLegal: (state: EnvState, action: number) => !state.done && legal(state, action),
    step(state: EnvState, action: number): Transition<EnvState> {
      if (!Number.isInteger(action) || action < 0 || action >= actions.length) {
        throw new RangeError(`action ${action} is not in 0..${actions.length - 1}`);
      }
      const r = step(model, state, actions[action]);
      return { state: r.state, reward: r.rewards[reward], done: r.done };
    },
  };
}
