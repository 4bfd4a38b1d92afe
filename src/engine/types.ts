// The engine's contracts: the three parts a search is built from (policy, reward model, sandbox),
// the search options, and the shapes of what a search returns. Nothing here imports VS Code,
// node-llama-cpp or Pyodide; the real parts live in src/inference and src/sandbox.

/** Why the policy stopped generating one candidate step. */
export type StepStopReason =
  /** hit `<end_of_step>`: an intermediate code step */
  | "step"
  /** hit `<end_of_code>`: the last code step, whose output the answer will quote */
  | "code"
  /** hit `<end_of_answer>` */
  | "answer"
  /** the model's end-of-generation token */
  | "eos"
  /** ran out of `maxTokens` */
  | "maxTokens"
  /** cancelled through the AbortSignal */
  | "abort";

/** One raw candidate continuation, as the policy produced it (markers stripped). */
export interface StepCandidate {
  /** Raw text of the step without its closing marker. */
  text: string;
  stopReason: StepStopReason;
  /** Tokens in `text` plus the closing marker (what this step adds to the tree). */
  tokenCount: number;
}

export interface ProposeRequest {
  problem: string;
  /** The full text of every earlier step of this partial solution, in order, as rendered by `renderStep`. */
  previousSteps: readonly string[];
  /** How many candidates to sample. */
  n: number;
  temperature: number;
  topP: number;
  /** Base seed; candidate i uses seed + i. */
  seed: number;
  maxTokens: number;
  signal?: AbortSignal;
}

/** Token accounting reported by a policy or reward model for one call. */
export interface TokenUsage {
  /** Tokens the model actually evaluated (prompt tokens not served from a cache + generated tokens). */
  tokensEvaluated: number;
  tokensGenerated: number;
  /** Milliseconds spent in the model. */
  modelMs: number;
}

export interface ProposeResult extends TokenUsage {
  candidates: StepCandidate[];
  /** Tokens of the prompt before the first step (the root of the tree). */
  promptTokens: number;
}

/**
 * Thrown by a policy or a reward model when a trajectory no longer fits its model's context. The search ends
 * that path (the node is pruned as too long) and goes on with the others; only a problem too long on its own
 * fails the search.
 */
export class ContextFullError extends Error {
  override name = "ContextFullError";
}

/** Proposes next reasoning steps. */
export interface Policy {
  readonly name: string;
  propose(req: ProposeRequest): Promise<ProposeResult>;
  /** Forget cached state for a finished search (optional). */
  reset?(): Promise<void>;
}

export interface ScoreRequest {
  problem: string;
  /** Steps of one trajectory, rendered. */
  steps: readonly string[];
  /**
   * The sandbox output of the solution up to each step (each step re-runs the code before it), for reward
   * models that read what a step printed (a descriptor with `stepOutput`); others ignore it.
   */
  outputs?: readonly string[];
  signal?: AbortSignal;
}

export interface ScoreResult extends TokenUsage {
  /** One score per step in [-1, 1]; higher is better. */
  scores: number[];
}

/** A process reward model: scores every step of a (partial) trajectory in one pass. */
export interface RewardModel {
  readonly name: string;
  scoreSteps(req: ScoreRequest): Promise<ScoreResult>;
  /** Forget cached state for a finished search (optional), as `Policy.reset`. */
  reset?(): Promise<void>;
}

export type ExecStatus = "ok" | "error" | "timeout" | "killed" | "crashed";

export interface ExecResult {
  status: ExecStatus;
  stdout: string;
  stderr: string;
  /** For `error`: the last line of the Python traceback (e.g. `ZeroDivisionError: division by zero`). */
  error?: string;
  durationMs: number;
}

export interface ExecOptions {
  /** Wall-clock limit for this run; the sandbox's default when absent. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Runs untrusted Python. */
export interface Sandbox {
  run(code: string, options?: ExecOptions): Promise<ExecResult>;
  /**
   * Symbolic equivalence of two answers (LaTeX or plain), under the same limits.
   * Resolves `undefined` when it cannot decide (parse failure, timeout).
   */
  symbolicEqual?(a: string, b: string, options?: ExecOptions): Promise<boolean | undefined>;
}

export type StrategyName = "mcts" | "beam" | "best-of-n" | "self-consistency" | "greedy";

/**
 * Options shared by every strategy. The numeric ones are knobs: their defaults, ranges and descriptions are
 * in `SEARCH_KNOBS` (src/engine/knobs.ts), the one place they are written.
 */
export interface SearchOptions {
  strategy: StrategyName;
  /** MCTS: rollouts per search. */
  rollouts: number;
  /** Candidates sampled per expansion. */
  expansions: number;
  /** UCT exploration constant c. */
  c: number;
  /**
   * MCTS: how many more expansions one node may get when a rollout finds nothing new below it (it would only
   * revisit a finished solution, or nothing is open); 0 expands each node once.
   */
  widen: number;
  /** Maximum steps in a trajectory. */
  maxDepth: number;
  /** Independent MCTS runs whose best trajectories are voted on. */
  searches: number;
  /** How many top trajectories (by score) enter the final vote; 0 = all. */
  voteTopK: number;
  /** Sampling temperature (greedy uses 0). */
  temperature: number;
  /** Nucleus sampling threshold. */
  topP: number;
  /** Max new tokens per step. */
  maxStepTokens: number;
  /** Base seed. */
  seed: number;
  /** Beam search: beams kept per level. */
  beamWidth: number;
  /** Best-of-N and self-consistency: complete samples. */
  samples: number;
  /** Sandbox limit in ms for each step's code and each symbolic answer comparison of the search. */
  stepTimeoutMs: number;
  /** Characters of execution output kept (rStar-Math: 1024). */
  maxOutputChars: number;
  /** How a trajectory's step scores aggregate: "last" (rStar-Math), "min", "mean" or "product". */
  aggregate: "last" | "min" | "mean" | "product";
  /**
   * How the final answer is chosen among the voting trajectories: "majority" (the largest sampled share,
   * then most votes, then score weight; rStar-Math's majority, with the samples MCTS dropped as duplicates
   * counted), "weighted" (largest score sum) or "best" (best single score). Default depends on
   * the strategy: majority for mcts and self-consistency, best for greedy, best-of-n and beam.
   */
  vote?: "majority" | "weighted" | "best";
  /**
   * Whether trajectories whose code writes a number from nowhere (src/engine/grounding.ts) lose the vote to
   * grounded ones: "prefer" lets only grounded trajectories vote when any exists, as verified ones do over
   * unverified; "guide" (default) does that and, in MCTS and beam search, gives such a step the initial value
   * of a failed one (−1) so the search spends its budget elsewhere. With "prefer" and "guide", of the
   * trajectories left only those that leave the fewest of the problem's numbers unused vote. "off" ignores
   * both in the ranking (they are still shown).
   */
  grounding?: "prefer" | "guide" | "off";
}

export type NodeStatus = "pending" | "verified" | "failed" | "pruned" | "terminal" | "invalid";

/** One step in a trajectory as shown to users. */
export interface TrajectoryStep {
  /** Node id in the search tree. */
  id: number;
  /** Natural-language reasoning (the comments, `#` removed). */
  reasoning: string;
  /** The step's Python code (comments kept). */
  code: string;
  /** Execution output of the solution up to and including this step (truncated). */
  output: string;
  /** Whether executing the code so far succeeded. */
  verified: boolean;
  /** The execution error, when it failed. */
  error?: string;
  /** PPM score in [-1, 1] (NaN when unscored). */
  score: number;
  /** MCTS Q-value (value sum / visits); equals score for other strategies. */
  q: number;
  visits: number;
  /** The raw step text as generated. */
  raw: string;
  /**
   * Numbers this step's code writes that are not in the problem, an earlier step or the common constants
   * (src/engine/grounding.ts), as written; empty when every number has a source.
   */
  ungrounded?: string[];
}

export interface Trajectory {
  steps: TrajectoryStep[];
  /** Content of the last `\boxed{}`; undefined when no answer was reached. */
  answer?: string;
  /**
   * True when every step's code ran without error, an answer was reached, and that answer does not
   * contradict what the last code step printed.
   */
  verified: boolean;
  /**
   * Whether the boxed answer equals the last line the code printed; undefined when nothing was printed
   * or equality cannot be decided without the sandbox.
   */
  answerMatchesOutput?: boolean;
  /** No step writes a number from nowhere (every `steps[i].ungrounded` is empty). Not part of `verified`. */
  grounded?: boolean;
  /**
   * Numbers the problem writes with digits that no step's code writes (src/engine/grounding.ts,
   * `unusedNumbers`), as the problem writes them; empty when the code uses every one. Not part of `verified`.
   */
  unused?: string[];
  /**
   * The policy's chance of writing this path as the search sampled it: over its steps, the product of
   * (candidates that were this step) / (candidates sampled there). Duplicates dropped from the tree count here.
   */
  share?: number;
  /** Aggregate PPM score of the trajectory in [-1, 1]. */
  score: number;
  /** Which independent search / sample produced it. */
  source: number;
}

/** Trajectories whose answers are mathematically equal. */
export interface AnswerGroup {
  answer: string;
  /** Indices into `SearchResult.trajectories`. */
  members: number[];
  /** Number of trajectories that agree. */
  votes: number;
  /**
   * Sum of the members' `share`s: how often the search's samples wrote this answer's paths (one per member
   * when the members are independent searches' best trajectories).
   */
  share?: number;
  /** Sum of the members' scores (score-weighted vote). */
  weight: number;
  /** Best member score. */
  bestScore: number;
}

export interface SearchStats {
  tokensEvaluated: number;
  /** Unique tokens of the tree: the root prompt plus every node's text. */
  tokensInTree: number;
  tokensGenerated: number;
  modelMs: number;
  sandboxMs: number;
  wallMs: number;
  /** The policy's share of the token and model-time figures above. */
  policy: TokenUsage;
  /** The reward model's share (all zero without one). */
  reward: TokenUsage;
  /** Policy calls, PPM calls and sandbox runs. */
  policyCalls: number;
  rewardCalls: number;
  sandboxRuns: number;
  rolloutsDone: number;
}

/** Everything a search returns: ranked trajectories (best first), answer groups (best first), the tree, stats. */
export interface SearchResult {
  problem: string;
  strategy: StrategyName;
  options: SearchOptions;
  trajectories: Trajectory[];
  groups: AnswerGroup[];
  /** The chosen final answer (first group's), if any. */
  answer?: string;
  /** True when the search was cancelled and this is what it had found by then. */
  cancelled: boolean;
  tree: TreeNodeSnapshot[];
  stats: SearchStats;
}

/** A flat, serialisable view of one node of the search tree. */
export interface TreeNodeSnapshot {
  id: number;
  parent: number | null;
  depth: number;
  raw: string;
  status: NodeStatus;
  score: number;
  q: number;
  visits: number;
  output: string;
  /** What the step contributes to later prompts and what a reward model reads (`renderStep`); absent until the
   * step's code has run. */
  rendered?: string;
  error?: string;
  answer?: string;
  tokenCount: number;
}

/** Live events a UI draws the tree from. */
export type SearchEvent =
  | { type: "started"; problem: string; strategy: StrategyName; rootId: number }
  | { type: "node-added"; node: TreeNodeSnapshot }
  | { type: "node-verified"; id: number; ok: boolean; output: string; error?: string }
  | { type: "node-scored"; id: number; score: number }
  | { type: "node-pruned"; id: number; reason: string }
  | { type: "node-selected"; id: number }
  | { type: "backed-up"; path: number[]; value: number }
  /**
   * Progress of the whole run: `rollout` units done of `total` planned (`plannedProgress`): rollouts over
   * all MCTS searches, beam levels, or samples. It only grows; a search that runs out of open nodes early
   * skips ahead to the next search's first unit.
   */
  | { type: "rollout-done"; rollout: number; total: number; stats: SearchStats }
  | { type: "finished"; result: SearchResult };

export interface SearchParts {
  policy: Policy;
  reward?: RewardModel;
  sandbox: Sandbox;
}

export interface SearchRunOptions {
  signal?: AbortSignal;
  onEvent?: (event: SearchEvent) => void;
  /**
   * Labels a valid terminal node's value from its answer, instead of its PPM score: +1 for a correct
   * answer and -1 for a wrong one when the reference is known (how rStar-Math labels training trees).
   */
  terminalValue?: (answer: string) => Promise<number> | number;
}
