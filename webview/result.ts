// The result: the verdict, the answers by votes, and each ranked trajectory with its steps' reasoning,
// code, output and what was checked.
import hljs from "highlight.js/lib/core";
import python from "highlight.js/lib/languages/python";
import type { SearchResult, Trajectory, TrajectoryStep } from "../src/engine/types";
import { agreeingWith, agreementText, assessResult, BEYOND_MODEL_TEXT, groundingNote, groundingText, leftOutText, stepCheck, trajectoryCheck, voteText } from "../src/engine/confidence";
import { displayCode, displayReasoning } from "../src/engine/solution-text";
import { send } from "./api";
import { button, custom, el, fmtScore, mathInto, richText } from "./dom";

hljs.registerLanguage("python", python);

/**
 * The final answer with what was checked, how sure the search is, a plain "uncertain" when the rule in
 * src/engine/confidence.ts says so, and a way to a stronger model when the problem looks beyond this one.
 */
function renderVerdict(result: SearchResult): HTMLElement {
  const a = assessResult(result);
  const box = el("section", { class: `verdict${a.uncertain ? " uncertain" : ""}`, id: "verdict", role: "status", "aria-label": "Final answer" });
  const line = el("div", { class: "verdict-answer" }, el("span", { class: "label" }, "Final answer"));
  const math = el("span", { class: "answer-math", id: "verdict-answer", "data-answer": a.answer ?? "" });
  if (a.answer !== undefined) mathInto(math, a.answer);
  else math.textContent = "none";
  line.append(math);
  box.append(line);
  if (a.best) {
    const check = trajectoryCheck(a.best);
    box.append(el("div", { class: `verdict-check ${check.verified ? "ok" : "bad"}`, id: "verdict-check" }, `${check.verified ? "✓" : "✗"} ${check.text}`));
  }
  if (a.answer !== undefined) box.append(el("div", { class: "verdict-sure", id: "verdict-sure" }, `How sure: ${agreementText(a)}`));
  if (a.uncertain) box.append(el("div", { class: "verdict-uncertain", id: "verdict-uncertain" }, `Uncertain: ${a.reasons.join("; ")}.`));
  if (a.beyondModel) {
    box.append(
      el("div", { class: "verdict-beyond", id: "verdict-beyond" },
        el("span", {}, BEYOND_MODEL_TEXT),
        button("Choose a Stronger Model…", () => send({ type: "choose-models" }), { id: "choose-models", aria: "Choose a stronger model (Stepwise: Choose Models…)" }),
      ),
    );
  }
  return box;
}

export function renderResult(result: SearchResult): HTMLElement {
  const section = el("section", { class: "result", "aria-label": "Ranked trajectories" });
  section.append(renderVerdict(result));
  if (result.groups.length > 0) {
    const answers = el("div", { class: "answers", role: "list", "aria-label": "Answers by votes" });
    result.groups.slice(0, 6).forEach((g, i) => {
      const math = el("span", { class: "answer-math" });
      mathInto(math, g.answer);
      const votes = voteText(g, result.groups);
      answers.append(
        el("div", { class: `answer-chip${i === 0 ? " best" : ""}`, role: "listitem", "aria-label": `Answer ${g.answer}, ${votes}` },
          math, el("span", { class: "votes" }, votes)),
      );
    });
    section.append(el("h2", {}, "Answers"), answers);
    const leftOut = leftOutText(result);
    if (leftOut) section.append(el("p", { class: "muted", id: "left-out" }, `${leftOut}.`));
  }
  section.append(el("h2", {}, `Trajectories (${result.trajectories.length})`));
  if (result.trajectories.length === 0) section.append(el("p", { class: "muted" }, "No finished trajectory."));
  const list = el("div", { class: "trajectories", id: "trajectories" });
  result.trajectories.forEach((t, i) => list.append(renderTrajectory(result, t, i)));
  // Arrow keys move between trajectories; Enter/Space toggles (handled by the component).
  list.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const items = [...list.querySelectorAll<HTMLElement>(":scope > vscode-collapsible")];
    const at = items.findIndex((x) => x === e.target || x.contains(e.target as Node));
    if (at < 0 || (e.target as HTMLElement).tagName !== "VSCODE-COLLAPSIBLE") return;
    const next = items[at + (e.key === "ArrowDown" ? 1 : -1)];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  });
  section.append(list);
  return section;
}

function renderTrajectory(result: SearchResult, t: Trajectory, i: number): HTMLElement {
  const agree = agreeingWith(result, i);
  const answered = result.trajectories.filter((u) => u.answer !== undefined).length;
  const check = trajectoryCheck(t);
  const heading = `#${i + 1}  ${t.answer !== undefined ? `Answer ${t.answer}` : "No answer"}`;
  const description = `score ${fmtScore(t.score)}${t.answer !== undefined ? ` · ${agree} of ${answered} agree` : ""}`;
  const c = custom("vscode-collapsible", { heading, description, "data-trajectory": String(i), tabindex: "0", "aria-label": `Trajectory ${i + 1}: ${heading}, ${description}, ${check.text}` });
  c.classList.add("trajectory");
  if (i === 0) c.setAttribute("open", "");
  const badge = custom("vscode-badge", { slot: "decorations", variant: t.verified ? "counter" : "default", class: "trajectory-badge" });
  badge.textContent = t.verified ? "✓ verified" : "✗ not verified";
  c.append(badge);

  const body = el("div", { class: "trajectory-body" });
  const summary = el("div", { class: "summary" });
  const ans = el("span", { class: "answer-math final-answer", "data-answer": t.answer ?? "" });
  if (t.answer !== undefined) mathInto(ans, t.answer);
  else ans.textContent = "no answer";
  summary.append(
    el("span", { class: "label" }, "Answer"), ans,
    el("span", { class: "label" }, "Score"), el("span", {}, fmtScore(t.score)),
    el("span", { class: "label" }, "Agree"), el("span", {}, t.answer !== undefined ? `${agree} of ${answered}` : "–"),
    // The trajectory-level check, apart from the per-step ones below.
    el("span", { class: "label" }, "Checked"), el("span", { class: `trajectory-check ${check.verified ? "ok" : "bad"}` }, `${check.verified ? "✓" : "✗"} ${check.text}`),
  );
  const numbers = groundingText(t);
  if (numbers !== undefined) {
    // ✓ only when every number has a source and the code uses every number of the problem.
    const ok = t.grounded === true && (t.unused ?? []).length === 0;
    summary.append(el("span", { class: "label" }, "Numbers"), el("span", { class: `grounding ${ok ? "ok" : "warn"}` }, `${ok ? "✓" : "⚠"} ${numbers}`));
  }
  body.append(summary);

  const steps = el("ol", { class: "steps", "aria-label": `Steps of trajectory ${i + 1}` });
  t.steps.forEach((s, k) => steps.append(renderStep(t, s, k)));
  body.append(steps);

  const actions = el("div", { class: "actions", role: "toolbar", "aria-label": `Actions for trajectory ${i + 1}` });
  actions.append(
    button("Insert Answer", () => send({ type: "insert", trajectory: i, what: "answer" }), { aria: `Insert the answer of trajectory ${i + 1} into the editor` }),
    button("Insert Solution", () => send({ type: "insert", trajectory: i, what: "solution" }), { secondary: true, aria: `Insert the whole solution of trajectory ${i + 1} into the editor` }),
    button("Copy Answer", () => send({ type: "copy", trajectory: i, what: "answer" }), { secondary: true }),
    button("Copy Solution", () => send({ type: "copy", trajectory: i, what: "solution" }), { secondary: true }),
  );
  body.append(actions);
  c.append(body);
  return c;
}

/** A warning beside a step whose code writes numbers from nowhere (a hint, not a failed check). */
function ungroundedPill(s: TrajectoryStep): HTMLElement[] {
  const note = groundingNote(s);
  if (!note) return [];
  return [el("span", { class: "pill pill-warn", title: "Such steps are usually the wrong ones; grounded trajectories win the vote (setting stepwise.search.grounding)." }, `⚠ ${note}`)];
}

function renderStep(t: Trajectory, s: TrajectoryStep, k: number): HTMLElement {
  // What was checked for this step: its code ran or failed; for the answer step, whether it is what the code printed.
  const checked = stepCheck(t, k);
  const kind = checked.ok === true ? "ok" : checked.ok === false ? "bad" : "none";
  const li = el("li", { class: `step ${kind}`, "aria-label": `Step ${k + 1}, ${checked.label}` });
  const head = el("div", { class: "step-head" });
  head.append(
    el("span", { class: "step-no" }, `Step ${k + 1}`),
    el("span", { class: `pill pill-${kind}` }, `${checked.ok === true ? "✓" : checked.ok === false ? "✗" : "·"} ${checked.label}`),
    ...ungroundedPill(s),
    el("span", { class: "metric", title: "Process preference model score" }, `PPM ${fmtScore(s.score)}`),
    el("span", { class: "metric", title: "MCTS value and visit count" }, `Q ${fmtScore(s.q)} · ${s.visits} visit${s.visits === 1 ? "" : "s"}`),
  );
  li.append(head);
  const reasoning = displayReasoning(s.reasoning);
  if (reasoning) li.append(el("div", { class: "reasoning" }, richText(reasoning)));
  // The reasoning above is the code's comments; show the code lines only (the full text is in the tree export).
  const codeText = displayCode(s.code);
  if (codeText) {
    const code = el("code", { class: "hljs language-python" });
    code.innerHTML = hljs.highlight(codeText, { language: "python", ignoreIllegals: true }).value;
    li.append(el("pre", { class: "code", "aria-label": "Python code" }, code));
  }
  if (s.output.trim() || s.error) {
    li.append(
      el("div", { class: "output-label" }, s.error ? "Error" : "Output"),
      el("pre", { class: `output${s.error ? " error" : ""}`, "aria-label": s.error ? "Execution error" : "Execution output" }, s.error ?? s.output.replace(/\s+$/, "")),
    );
  }
  return li;
}
