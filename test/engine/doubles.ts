// Test doubles for unit tests of the search arithmetic only. They follow a script; nothing here is a model
// or runs Python. Real parts are tested in test/inference and test/sandbox.
import type {
  ExecOptions,
  ExecResult,
  Policy,
  ProposeRequest,
  ProposeResult,
  RewardModel,
  Sandbox,
  ScoreRequest,
  ScoreResult,
  StepStopReason,
} from "../../src/engine/types";

export interface ScriptedCandidate {
  text: string;
  /** Default "step". */
  stop?: StepStopReason;
  /** Default: one token per 4 characters, at least 1. */
  tokens?: number;
}

/** The step text of a rendered step (what came before its closing marker). */
export function stepText(rendered: string): string {
  return rendered.split(/\n?<end_of_step>|\n?<end_of_code>|<end_of_answer>/)[0].trim();
}

/** Key of a partial solution: its step texts joined by " > " ("" for the root). */
export function prefixKey(previousSteps: readonly string[]): string {
  return previousSteps.map(stepText).join(" > ");
}

export type PolicyScript =
  | Record<string, ScriptedCandidate[]>
  | ((req: ProposeRequest, key: string) => ScriptedCandidate[]);

/**
 * A scripted policy: returns the script's candidates for the partial solution (looked up by `prefixKey`),
 * the first `n` of them. Token usage is counted as a real policy would report it.
 */
export class ScriptedPolicy implements Policy {
  readonly name = "scripted-policy";
  readonly calls: ProposeRequest[] = [];
  resets = 0;
  /** Called before each proposal (e.g. to abort mid-search). */
  onCall?: (req: ProposeRequest, callIndex: number) => void;

  constructor(
    private readonly script: PolicyScript,
    private readonly promptTokens = 20,
  ) {}

  async propose(req: ProposeRequest): Promise<ProposeResult> {
    this.calls.push(req);
    this.onCall?.(req, this.calls.length - 1);
    if (req.signal?.aborted) throw Object.assign(new Error("aborted"), { name: "AbortError" });
    const key = prefixKey(req.previousSteps);
    const list = typeof this.script === "function" ? this.script(req, key) : (this.script[key] ?? []);
    const candidates = list.slice(0, req.n).map((c) => ({
      text: c.text,
      stopReason: c.stop ?? "step",
      tokenCount: c.tokens ?? Math.max(1, Math.ceil(c.text.length / 4)),
    }));
    const generated = candidates.reduce((s, c) => s + c.tokenCount, 0);
    return {
      candidates,
      promptTokens: this.promptTokens,
      tokensEvaluated: (this.calls.length === 1 ? this.promptTokens : 0) + generated,
      tokensGenerated: generated,
      modelMs: 1,
    };
  }

  async reset(): Promise<void> {
    this.resets++;
  }
}

/** A scripted reward model: each step's score comes from a table keyed by step text (default 0). */
export class ScriptedRewardModel implements RewardModel {
  readonly name = "scripted-reward";
  readonly calls: ScoreRequest[] = [];

  constructor(private readonly scores: Record<string, number> | ((stepText: string, index: number) => number)) {}

  async scoreSteps(req: ScoreRequest): Promise<ScoreResult> {
    this.calls.push(req);
    if (req.signal?.aborted) throw Object.assign(new Error("aborted"), { name: "AbortError" });
    const scores = req.steps.map((s, i) => {
      const t = stepText(s);
      return typeof this.scores === "function" ? this.scores(t, i) : (this.scores[t] ?? 0);
    });
    return { scores, tokensEvaluated: req.steps.length * 3, tokensGenerated: 0, modelMs: 2 };
  }
}

/**
 * A scripted sandbox, not Python: a program fails with `NameError` when it contains `FAIL`, times out when
 * it contains `SLEEP`, and otherwise prints the argument text of each `print(...)` line.
 */
export class ScriptedSandbox implements Sandbox {
  readonly runs: string[] = [];

  async run(code: string, options?: ExecOptions): Promise<ExecResult> {
    this.runs.push(code);
    if (options?.signal?.aborted) throw Object.assign(new Error("aborted"), { name: "AbortError" });
    if (code.includes("FAIL")) {
      return { status: "error", stdout: "", stderr: "Traceback...\nNameError: name 'FAIL' is not defined", error: "NameError: name 'FAIL' is not defined", durationMs: 3 };
    }
    if (code.includes("SLEEP")) return { status: "timeout", stdout: "", stderr: "", durationMs: options?.timeoutMs ?? 5000 };
    // `name = literal` assignments are remembered, so `print(name)` prints the value as Python would.
    const values = new Map<string, string>();
    const printed: string[] = [];
    for (const line of code.split("\n")) {
      const assign = /^\s*(\w+)\s*=\s*(.+?)\s*$/.exec(line);
      if (assign) values.set(assign[1], values.get(assign[2]) ?? assign[2]);
      const p = /^\s*print\((.*)\)\s*$/.exec(line)?.[1];
      if (p !== undefined) printed.push(values.get(p) ?? p);
    }
    const out = printed.join("\n");
    return { status: "ok", stdout: out ? out + "\n" : "", stderr: "", durationMs: 3 };
  }
}
