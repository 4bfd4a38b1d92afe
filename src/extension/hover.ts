// Hovers in prose documents and notebook cells: a solved problem shows its answer and best trajectory; a
// math expression that sympy can evaluate alone shows its value at once (sandbox only, no model), with a link
// to solve it. Math is shown rendered: MathJax draws it as SVG in the extension host (src/math/math-svg.ts),
// put in the Markdown as a data: image; a code span is the fallback when it cannot be drawn.

import * as vscode from "vscode";
import type { Ctx } from "./context";
import { agreementText, assessResult, trajectoryCheck } from "../engine/confidence";
import { findExpressionAt, findSolvedProblemAt, toSympyInput } from "../math/math-expression";
import type { MathColor } from "../math/math-svg";

const HOVER_TIMEOUT_MS = 15_000;

/** Inline code that survives backticks in the value. */
function inlineCode(s: string): string {
  const fence = s.includes("`") ? "``" : "`";
  return `${fence}${s.replace(/\s+/g, " ")}${fence}`;
}

/** The glyph colour for the current theme (an image does not inherit the hover's text colour). */
function themeColor(): MathColor {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Light:
      return "light";
    case vscode.ColorThemeKind.HighContrast:
      return "highContrastDark";
    case vscode.ColorThemeKind.HighContrastLight:
      return "highContrastLight";
    default:
      return "dark";
  }
}

/**
 * The math as a rendered image, or as inline code when it cannot be rendered. MathJax is loaded on the
 * first hover that needs it, not at activation.
 */
async function renderedMath(tex: string, plain: string = tex): Promise<string> {
  const { mathImageMarkdown } = await import("../math/math-svg.js");
  return mathImageMarkdown(tex, themeColor()) ?? inlineCode(plain);
}

function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

export class StepwiseHoverProvider implements vscode.HoverProvider {
  constructor(private readonly ctx: Ctx) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const offset = doc.offsetAt(pos);
    const solved = findSolvedProblemAt(doc, offset, [...this.ctx.solved.keys()]);
    if (solved) {
      const rec = this.ctx.solved.get(solved.problem);
      const result = rec?.view.result;
      if (rec && result) {
        const md = new vscode.MarkdownString(undefined, true);
        md.isTrusted = { enabledCommands: ["stepwise.showSolution", "stepwise.solveAgainBigger", "stepwise.chooseModels"] };
        const a = assessResult(result);
        const best = a.best ?? result.trajectories[0];
        if (a.answer !== undefined && a.best) {
          const check = trajectoryCheck(a.best);
          md.appendMarkdown(`**Stepwise answer:** ${await renderedMath(a.answer)}\n\n`);
          md.appendMarkdown(check.verified ? "$(pass) " : "$(warning) ").appendText(check.text);
          md.appendMarkdown(" · ").appendText(agreementText(a));
          if (a.uncertain) md.appendMarkdown("\n\n$(warning) **Uncertain:** ").appendText(`${a.reasons.join("; ")}.`);
        } else md.appendMarkdown("**Stepwise:** no answer found for this problem.");
        md.appendMarkdown("\n\n");
        for (const [i, s] of (best?.steps ?? []).slice(0, 4).entries()) {
          const line = s.reasoning.trim().split("\n")[0] || s.code.trim().split("\n")[0] || "";
          md.appendMarkdown(`${i + 1}. `).appendText(line.slice(0, 120)).appendMarkdown("\n");
        }
        md.appendMarkdown(`\n[Open in Stepwise panel](${commandLink("stepwise.showSolution", [solved.problem])})`);
        if (a.beyondModel) md.appendMarkdown(` · [Choose a stronger model…](${commandLink("stepwise.chooseModels", [])})`);
        const range = new vscode.Range(doc.positionAt(solved.span.start), doc.positionAt(solved.span.end));
        return new vscode.Hover(md, range);
      }
    }

    if (!this.ctx.config.hoverEvaluate) return undefined;
    const found = findExpressionAt(doc.getText(), offset);
    if (!found) return undefined;
    let input: string;
    try {
      input = toSympyInput(found);
    } catch {
      return undefined;
    }
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    const timer = setTimeout(() => controller.abort(), HOVER_TIMEOUT_MS);
    try {
      const r = await this.ctx.client.evaluate(input, controller.signal);
      // Nothing to tell when sympy hands back what was written (a lone fraction, a symbol).
      if (r.ok && r.text !== undefined && r.text.replace(/\s+/g, "") === input.replace(/\s+/g, "")) return undefined;
      if (!r.ok || r.text === undefined) {
        this.ctx.log.debug(`Hover: sympy could not evaluate ${JSON.stringify(input)}: ${r.error ?? "no result"}`);
        return undefined;
      }
      const md = new vscode.MarkdownString(undefined, true);
      md.isTrusted = { enabledCommands: ["stepwise.solveProblem"] };
      md.appendMarkdown(`**=** ${await renderedMath(r.latex ?? r.text, r.text)}`);
      if (r.approx && r.approx !== r.text) md.appendMarkdown(` ≈ ${inlineCode(r.approx.replace(/\.?0+$/, ""))}`);
      md.appendMarkdown(`\n\n$(symbol-operator) evaluated by sympy · [Solve step by step](${commandLink("stepwise.solveProblem", [found.text])})`);
      return new vscode.Hover(md, new vscode.Range(doc.positionAt(found.start), doc.positionAt(found.end)));
    } catch (e) {
      this.ctx.log.debug(`Hover evaluation failed: ${(e as Error).message}`);
      return undefined;
    } finally {
      clearTimeout(timer);
      sub.dispose();
    }
  }
}

/** The document selector for the configured languages (files, untitled documents, notebook cells). */
export function hoverSelector(languages: readonly string[], notebooks: boolean): vscode.DocumentFilter[] {
  const schemes = ["file", "untitled", "vscode-remote", "vscode-userdata"];
  const filters: vscode.DocumentFilter[] = [];
  for (const language of languages) for (const scheme of schemes) filters.push({ language, scheme });
  if (notebooks) for (const language of new Set([...languages, "markdown"])) filters.push({ language, scheme: "vscode-notebook-cell" });
  return filters;
}
