// TeX → SVG with MathJax (TeX input, SVG output, the lite DOM adaptor: no browser), for hovers, which show
// Markdown only: the SVG goes in as a data: image. The TeX comes from a model or the sandbox and is hostile:
// the image is always built by MathJax from parsed TeX (only its base and AMS packages, so no \href, \class,
// \style, \require or macro definitions), never pasted, and its output is checked once more before use.
// Pure (no vscode import) so it is unit-tested on plain Node.

import { mathjax } from "@mathjax/src/js/mathjax.js";
import { TeX } from "@mathjax/src/js/input/tex.js";
import { SVG } from "@mathjax/src/js/output/svg.js";
import { liteAdaptor } from "@mathjax/src/js/adaptors/liteAdaptor.js";
import { RegisterHTMLHandler } from "@mathjax/src/js/handlers/html.js";
import "@mathjax/src/js/input/tex/base/BaseConfiguration.js";
import "@mathjax/src/js/input/tex/ams/AmsConfiguration.js";
import { MathJaxNewcmFont } from "@mathjax/mathjax-newcm-font/js/svg.js";
// The font loads rarer glyph ranges on demand; these are bundled (they register themselves on import), the
// rest are refused and the hover falls back to text.
import "@mathjax/mathjax-newcm-font/js/svg/dynamic/double-struck.js";
import "@mathjax/mathjax-newcm-font/js/svg/dynamic/calligraphic.js";
import "@mathjax/mathjax-newcm-font/js/svg/dynamic/arrows.js";
import "@mathjax/mathjax-newcm-font/js/svg/dynamic/marrows.js";
import "@mathjax/mathjax-newcm-font/js/svg/dynamic/symbols.js";
import "@mathjax/mathjax-newcm-font/js/svg/dynamic/shapes.js";
import "@mathjax/mathjax-newcm-font/js/svg/dynamic/mshapes.js";
import "@mathjax/mathjax-newcm-font/js/svg/dynamic/math.js";
import "@mathjax/mathjax-newcm-font/js/svg/dynamic/script.js";
import "@mathjax/mathjax-newcm-font/js/svg/dynamic/fraktur.js";

const BUNDLED_DYNAMIC = new Set(["double-struck", "calligraphic", "arrows", "marrows", "symbols", "shapes", "mshapes", "math", "script", "fraktur"]);

/** Longest TeX rendered; a hover shows an answer or an expression, not a page. */
export const MAX_TEX_CHARS = 400;
/**
 * Longest data: URI put in a hover. VS Code's Markdown renderer allows data: images (its sanitizer's media
 * protocols are http, https, data, file and its own) but cuts Markdown strings beyond 100,000 characters.
 */
export const MAX_IMAGE_URI_CHARS = 60_000;

/** The glyph colour: an <img> does not inherit the hover's text colour, so it is set per theme. */
export type MathColor = "light" | "dark" | "highContrastLight" | "highContrastDark";
const FILL: Record<MathColor, string> = {
  light: "#1f1f1f",
  dark: "#cccccc",
  highContrastLight: "#000000",
  highContrastDark: "#ffffff",
};

type Converter = (tex: string) => string;
let converter: Converter | undefined;

class NotBundledError extends Error {}

function makeConverter(): Converter {
  const m = mathjax as unknown as { asyncLoad: (name: string) => unknown; asyncIsSynchronous: boolean };
  m.asyncLoad = (name: string) => {
    const file = /([^/\\]+?)(?:\.js)?$/.exec(name)?.[1] ?? name;
    if (BUNDLED_DYNAMIC.has(file)) return undefined;
    throw new NotBundledError(`glyph range '${file}' is not bundled`);
  };
  m.asyncIsSynchronous = true;
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const tex = new TeX({
    packages: ["base", "ams"],
    // Errors throw instead of rendering red error text into the image.
    formatError: (_jax: unknown, err: Error) => {
      throw err;
    },
  });
  const svg = new SVG({ fontCache: "local", fontData: MathJaxNewcmFont, linebreaks: { inline: false } });
  const doc = mathjax.document("", { InputJax: tex, OutputJax: svg });
  return (source: string) => adaptor.innerHTML(doc.convert(source, { display: false, em: 16, ex: 8, containerWidth: 1200 }) as never);
}

/** Checks MathJax's output once more: one <svg>, local references only, nothing that runs or loads. */
export function isSafeSvg(svg: string): boolean {
  if (!/^<svg[\s>]/.test(svg) || !svg.endsWith("</svg>")) return false;
  if ((svg.match(/<svg[\s>]/g) ?? []).length !== 1) return false;
  if (/<(?:script|foreignObject|image|iframe|a|style|animate|set)\b/i.test(svg)) return false;
  if (/\son\w+\s*=/i.test(svg)) return false;
  if (/javascript:|data:|url\(/i.test(svg)) return false;
  // Only <use xlink:href="#…"> into the image's own <defs>.
  for (const m of svg.matchAll(/\b(?:xlink:)?href\s*=\s*"([^"]*)"/g)) if (!m[1].startsWith("#")) return false;
  return true;
}

/**
 * Renders TeX to a standalone SVG string, or undefined when it cannot (a parse error, a glyph outside the
 * bundled font ranges, non-ASCII or oversized input, output that fails `isSafeSvg`).
 */
export function texToSvg(source: string, color: MathColor = "dark"): string | undefined {
  const texText = source.trim();
  if (texText === "" || texText.length > MAX_TEX_CHARS) return undefined;
  // Letters outside ASCII live in font ranges that are not bundled.
  if (!/^[\x20-\x7e]+$/.test(texText)) return undefined;
  let svg: string;
  try {
    converter ??= makeConverter();
    svg = converter(texText);
  } catch {
    return undefined;
  }
  // MathJax copies the TeX source into data-latex attributes; the image needs none of its data-* attributes.
  svg = svg.replace(/\sdata-[a-z-]+="[^"]*"/g, "");
  // A glyph MathJax could not draw shows as NaN sizes; treat it as a failure.
  if (/NaN/.test(svg)) return undefined;
  // Sizes in px (MathJax gives ex, which an <img> would resolve against its own default font).
  svg = svg.replace(/\s(width|height)="(-?[\d.]+)ex"/g, (_m, attr: string, ex: string) => ` ${attr}="${(Number(ex) * 8).toFixed(1)}px"`);
  svg = svg.replace(/currentColor/g, FILL[color]);
  if (!/^<svg[^>]*\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(svg)) return undefined;
  return isSafeSvg(svg) ? svg : undefined;
}

/** The SVG as a base64 data: URI (base64 keeps every Markdown and URI special character out of it). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

/** Escapes every ASCII punctuation character CommonMark lets a backslash escape, and flattens newlines. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/\s+/g, " ").replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/**
 * The TeX as an image's alt text. VS Code's hover renderer does not undo backslash escapes inside `![…]`, so
 * escaping would show every `\{` to the reader; instead the characters that could end or change the alt
 * (brackets, backticks, angle brackets) are dropped, and a trailing backslash cannot escape the closing `]`.
 */
export function imageAltText(source: string): string {
  const alt = source.trim().slice(0, 120).replace(/\s+/g, " ").replace(/[[\]`<>]/g, "");
  return alt.endsWith("\\") ? `${alt} ` : alt;
}

/**
 * A Markdown image of the rendered TeX (`![alt](data:…)`), or undefined when it cannot be rendered. The alt
 * text is the TeX source, escaped, so screen readers and copy still have it.
 */
export function mathImageMarkdown(source: string, color: MathColor = "dark"): string | undefined {
  const svg = texToSvg(source, color);
  if (!svg) return undefined;
  const uri = svgDataUri(svg);
  if (uri.length > MAX_IMAGE_URI_CHARS) return undefined;
  const alt = imageAltText(source);
  return `![${alt}](${uri})`;
}
