// TeX → SVG for the hovers (src/math/math-svg.ts), with real MathJax on hostile input.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { escapeMarkdownText, imageAltText, isSafeSvg, MAX_IMAGE_URI_CHARS, mathImageMarkdown, svgDataUri, texToSvg } from "../../src/math/math-svg";

const IMAGE = /^!\[((?:\\.|[^\]\\])*)\]\((data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+)\)$/;

function decode(uri: string): string {
  return Buffer.from(uri.replace(/^data:image\/svg\+xml;base64,/, ""), "base64").toString("utf8");
}

describe("math rendered as SVG for hovers", () => {
  test("a fraction becomes one SVG of glyph paths, sized in px, coloured for the theme", () => {
    const svg = texToSvg("\\frac{1}{3}+\\frac{1}{6}", "dark");
    assert.ok(svg);
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /width="[\d.]+px"/);
    assert.ok((svg.match(/<path /g) ?? []).length >= 4, "the digits 1, 3, 6 and the plus are drawn as paths");
    assert.doesNotMatch(svg, /data-latex|frac/, "the TeX source is not copied into the image");
    assert.doesNotMatch(svg, /currentColor/);
    assert.match(svg, /#cccccc/);
    assert.match(texToSvg("1", "light") ?? "", /#1f1f1f/);
    // a fraction has a rule (a rect) that plain digits do not
    assert.match(svg, /<rect /);
  });

  test("the Markdown is one image whose data: URI decodes to the rendered SVG, the TeX as its alt text", () => {
    const md = mathImageMarkdown("x^2 - 5x + 6 = 0");
    assert.ok(md);
    const m = IMAGE.exec(md);
    assert.ok(m, md.slice(0, 120));
    assert.equal(m[1], "x^2 - 5x + 6 = 0");
    // The same drawing (each conversion numbers its glyph ids afresh).
    const ids = (svg: string | undefined) => svg?.replace(/MJX-\d+-/g, "MJX-");
    assert.equal(ids(decode(m[2])), ids(texToSvg("x^2 - 5x + 6 = 0")));
    assert.equal(svgDataUri("<svg/>"), "data:image/svg+xml;base64,PHN2Zy8+");
  });

  test("hostile TeX: no links, no scripts, no Markdown injection; what cannot be parsed is not rendered", () => {
    for (const bad of [
      "\\href{javascript:alert(1)}{x}",
      "\\require{html}\\class{x}{y}",
      "\\style{background:url(http://evil)}{x}",
      "\\def\\x{\\x}\\x",
      "\\frac{1}{",
      "\\unknowncommand",
      "é", // outside the bundled glyph ranges
      "x".repeat(401),
      "",
    ]) {
      assert.equal(texToSvg(bad), undefined, bad.slice(0, 40));
    }
    // Text that looks like markup is drawn as glyphs, never passed through.
    const svg = texToSvg("\\text{<script>alert(1)</script>} + \\text{javascript:x}");
    assert.ok(svg, "text in \\text{} is drawn");
    assert.doesNotMatch(svg, /script|alert|javascript/);
    // A source that tries to close the image and open a link stays inside the alt text: no bracket survives, so
    // no link can start or the image end early.
    const md = mathImageMarkdown("1](command:workbench.action.quit) [x");
    assert.ok(md);
    const m = IMAGE.exec(md);
    assert.ok(m, md.slice(0, 120));
    assert.doesNotMatch(m[1], /[[\]]/);
    assert.equal(md.indexOf("](data:"), md.lastIndexOf("]("), "one image, nothing after it");
  });

  test("an image too large for a hover is not made (VS Code cuts hover Markdown at 100,000 characters)", () => {
    let big = "1";
    for (let i = 0; big.length < 360; i++) big += `+\\sqrt{\\frac{${i}}{x_${i}}}`;
    const svg = texToSvg(big);
    assert.ok(svg, "it renders");
    const md = mathImageMarkdown(big);
    if (svgDataUri(svg).length > MAX_IMAGE_URI_CHARS) assert.equal(md, undefined);
    else assert.ok(md && md.length < 100_000);
  });

  test("isSafeSvg refuses anything that could run or load", () => {
    const ok = texToSvg("2")!;
    assert.equal(isSafeSvg(ok), true);
    assert.equal(isSafeSvg(ok.replace("</svg>", "<script>alert(1)</script></svg>")), false);
    assert.equal(isSafeSvg(ok.replace("</svg>", '<use href="https://evil/x.svg#a"/></svg>')), false);
    assert.equal(isSafeSvg(ok.replace("<svg ", '<svg onload="alert(1)" ')), false);
    assert.equal(isSafeSvg(ok.replace("</svg>", "<foreignObject></foreignObject></svg>")), false);
    assert.equal(isSafeSvg(`${ok}${ok}`), false);
  });

  test("escapeMarkdownText escapes every ASCII punctuation mark and flattens newlines", () => {
    assert.equal(escapeMarkdownText("a*b_[c](d)\n<e>"), "a\\*b\\_\\[c\\]\\(d\\) \\<e\\>");
  });
});

test("an image's alt text keeps the TeX readable and cannot end the image early", () => {
  assert.equal(imageAltText("\\frac{4099}{4}"), "\\frac{4099}{4}");
  assert.equal(imageAltText("a]b[c`d<e>\nf"), "abcde f");
  assert.equal(imageAltText("x \\"), "x \\ ");
});
