// DOM helpers of the panel: elements, vscode-elements components, math rendered with KaTeX.
import katex from "katex";

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== undefined) e.append(c);
  return e;
}

export function custom(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== undefined) e.append(c);
  return e;
}

export function button(label: string, onClick: () => void, opts: { secondary?: boolean; aria?: string; id?: string; icon?: string } = {}): HTMLElement {
  const b = custom("vscode-button", { "aria-label": opts.aria ?? label });
  if (opts.secondary) b.setAttribute("secondary", "");
  if (opts.id) b.id = opts.id;
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

/** Renders LaTeX into an element; falls back to the source text when KaTeX cannot parse it. */
export function mathInto(target: HTMLElement, latex: string, displayMode = false): void {
  try {
    katex.render(latex, target, { displayMode, throwOnError: true, output: "htmlAndMathml" });
  } catch {
    target.textContent = latex;
  }
}

/** Text with $…$, $$…$$, \(…\), \[…\] and \boxed{…} rendered as math. */
export function richText(text: string): HTMLElement {
  const out = el("span", { class: "rich" });
  const re = /\$\$([^$]+)\$\$|\$([^$\n]+)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]|(\\boxed\{(?:[^{}]|\{[^{}]*\})*\})/gs;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.append(text.slice(last, at));
    const span = el("span", { class: "math" });
    const display = m[1] !== undefined || m[4] !== undefined;
    mathInto(span, m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5], display);
    out.append(span);
    last = at + m[0].length;
  }
  if (last < text.length) out.append(text.slice(last));
  return out;
}

export function fmtScore(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : "–";
}

export function firstLine(raw: string): string {
  const line = raw.split("\n").find((l) => l.trim()) ?? "";
  return line.replace(/^#\s*/, "").slice(0, 100);
}
