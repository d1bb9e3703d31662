"""Legible in light and dark schemes; no page scrolls sideways on a phone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser

# Runs in the page: for every visible element under `roots` that holds text of its own, the WCAG
# contrast ratio of its text colour against the colour actually behind it (semi-transparent
# backgrounds of all ancestors composited over white). Colours are read back through a canvas
# so any CSS colour syntax (rgb, hsl, color(), oklch) ends up as plain 8-bit RGBA.
CONTRAST_JS = """
(roots) => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[3] * top[i] + (1 - top[3]) * bottom[i]).concat([1]);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
    return layers.reverse().reduce((acc, layer) => over(layer, acc), [255, 255, 255, 1]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  // Open every toggle first, so the abstract, the BibTeX and its copy button are measured as shown.
  for (const root of roots) root.querySelectorAll('details').forEach(d => { d.open = true; });
  const out = [];
  for (const root of roots) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      const style = getComputedStyle(el);
      if (!own || !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
      const bg = background(el);
      const fg = over(rgba(style.color), bg);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
      out.push({
        what: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
          ? '.' + el.className.trim().split(/\\s+/).join('.') : ''),
        text: el.textContent.trim().slice(0, 40),
        ratio: (hi + 0.05) / (lo + 0.05),
        needed: large ? 3 : 4.5,
        color: style.color,
      });
    }
  }
  return out;
}
"""

PAGES = (("publications/", ".scholar-entry[data-bibkey]"), ("news/", ".scholar-news-item"))


def settle(page: Page) -> None:
    """Wait for web fonts and, when the site uses it, MathJax: both change the layout after `load`."""
    page.evaluate(
        """async () => {
            await document.fonts.ready;
            if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
        }"""
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_lists_have_legible_contrast(
    page: Page, site_url: str, scheme: str, dark_scheme: Callable[[Page], None]
) -> None:
    """Entry and news-item text has WCAG AA contrast (4.5, or 3 for large text) against its background."""
    problems = []
    for path, selector in PAGES:
        page.goto(site_url + path)
        if scheme == "dark":
            dark_scheme(page)
        roots = page.locator(selector)
        assert roots.count(), f"{path} shows no {selector}"
        titles = page.locator("[data-bibkey] .scholar-title")
        if path == "publications/":
            assert titles.count(), "publications/ has no [data-bibkey] .scholar-title"
        checked = roots.evaluate_all(CONTRAST_JS)
        assert checked, f"no visible text found in {selector} on {path}"
        # One line per kind of element and colour pair (the same button repeats on every entry).
        for c in checked:
            line = f"{path} {c['what']} e.g. {c['text']!r}: {c['ratio']:.2f} < {c['needed']} (color {c['color']})"
            if c["ratio"] < c["needed"] and line not in problems:
                problems.append(line)
    if problems:
        pytest.fail(f"low contrast in the {scheme} scheme:\n" + "\n".join(problems), pytrace=False)


def test_no_page_scrolls_sideways_on_a_phone(
    new_context: Callable[..., BrowserContext], site_url: str, html_pages: list[str]
) -> None:
    """At 375 px wide no page of the site is wider than the screen."""
    context = new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = context.new_page()
    wide = []
    for path in html_pages:
        page.goto(site_url + path)
        settle(page)
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client + 1:
            culprits = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .filter(e => ![...e.children].some(c =>
                        c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
                    .slice(0, 3)
                    .map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className
                        ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                        + ' ' + JSON.stringify(e.textContent.trim().slice(0, 40)))"""
            )
            wide.append(f"/{path}: scrollWidth {scroll} > {client}; widest: {culprits}")
    assert html_pages, "the site has no HTML page"
    if wide:
        pytest.fail("pages that scroll sideways at 375 px:\n" + "\n".join(wide), pytrace=False)
