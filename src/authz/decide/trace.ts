import type { Action } from '../catalogue.js';

/** The layers of SPEC §0, in the order they are consulted; the first "no" decides and is named. */
export const LAYERS = ['identity', 'project', 'item', 'deny', 'app', 'team', 'business'] as const;
export type Layer = (typeof LAYERS)[number];

export interface Reason {
  layer: Layer;
  outcome: 'allow' | 'deny';
  /** Stable machine code, e.g. `missing_permission`. */
  code: string;
  message: string;
  /** For item security: the item whose setting decided, when inherited. */
  inheritedFrom?: string;
}

export interface Decision {
  allowed: boolean;
  action: Action;
  /** Every layer consulted, in order (empty for an allowed check made without the explanation). */
  reasons: readonly Reason[];
  /** The reason that decided: the first denial, or the last allow (`allowed` when made without the explanation). */
  deciding: Reason;
  /** The caller may not even know the resource exists (answer 404, not 403). */
  hidden: boolean;
}

export interface DecideOptions {
  /**
   * `true`: record every layer consulted (the explanation). `false`: the fast path — only a refusal's reason is built,
   * in the words the explanation uses. Left out: the fast path too, but the decision builds its explanation when its
   * `reasons` (or an allowed decision's `deciding`) are first read, for callers that read them without asking.
   */
  explain?: boolean;
}

/**
 * Where a decision accumulates: the reasons (when explaining), whether a refusal must be a 404, and — in
 * the pass for the user work is done for (WL-5) — the prefix naming them; their refusals are never 404s.
 */
export interface Trace {
  action: Action;
  reasons: Reason[] | null;
  itemHidden: boolean;
  onBehalf: string | undefined;
}

/** The refusal of a layer: the decision, its reason last among the reasons. */
export function refuse(
  trace: Trace,
  layer: Layer,
  code: string,
  message: string,
  hidden = false,
  inheritedFrom?: string,
): Decision {
  const text = (trace.onBehalf ?? '') + message;
  const reason: Reason =
    inheritedFrom === undefined
      ? { layer, outcome: 'deny', code, message: text }
      : { layer, outcome: 'deny', code, message: text, inheritedFrom };
  const reasons = trace.reasons ?? [];
  reasons.push(reason);
  return {
    allowed: false,
    action: trace.action,
    reasons,
    deciding: reason,
    hidden: !trace.onBehalf && (hidden || (trace.itemHidden && layer !== 'identity')),
  };
}

/** Records a layer's allow in the explanation; call it only when explaining (`trace.reasons` set). */
export function note(trace: Trace, layer: Layer, code: string, message: string, inheritedFrom?: string): void {
  const text = (trace.onBehalf ?? '') + message;
  trace.reasons!.push(
    inheritedFrom === undefined
      ? { layer, outcome: 'allow', code, message: text }
      : { layer, outcome: 'allow', code, message: text, inheritedFrom },
  );
}
