/*
 * mkdocs-scholar: the filter bar of publication lists, and "Copy" on BibTeX boxes.
 *
 * Plain JavaScript, no dependencies. Without it every entry shows, the bar stays hidden and so
 * do the copy buttons. A bar filters the entries that follow it on the page, up to the next bar;
 * the first bar keeps its state in the query string (?text=&kind=&year=&kw=;
 * not ?q=, which Material's search reads) so a filtered view can
 * be shared and survives a reload.
 *
 * The plugin puts this script on every page. Material's instant navigation swaps the next page
 * into the open document without running its scripts again, so each page is set up on
 * Material's `document$`, which emits for the first page and for every page swapped in; other
 * themes set it up once the page is parsed. Setting up is idempotent: a bar is marked
 * data-scholar-ready, and the one click listener for "Copy" sits on the document.
 */
(function () {
  "use strict";

  var HEADING = /^H[1-6]$/;
  var EMPTY = { q: "", kind: [], year: "", kw: [] };

  // Lower case without accents, so "schrodinger" finds "Schrödinger".
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function list(value) {
    return value ? String(value).split(",").filter(Boolean) : [];
  }

  function each(nodes, fn) {
    Array.prototype.forEach.call(nodes, fn);
  }

  /* -- which elements a bar controls ---------------------------------------------------------- */

  function entriesOf(bar) {
    var mine = [];
    var inside = false;
    each(document.querySelectorAll("[data-scholar-filter], .scholar-entry"), function (el) {
      if (el.hasAttribute("data-scholar-filter")) {
        inside = el === bar;
      } else if (inside) {
        mine.push(el);
      }
    });
    return mine;
  }

  // The outermost .scholar-group around an entry (or its list): the unit hidden with its heading.
  function groupOf(entry) {
    var group = entry.closest(".scholar-group") || entry.parentElement;
    var outer = group.parentElement && group.parentElement.closest(".scholar-group");
    while (outer) {
      group = outer;
      outer = group.parentElement && group.parentElement.closest(".scholar-group");
    }
    return group;
  }

  // Group headings are written as Markdown right before the group, so they are its previous sibling.
  function headingBefore(el) {
    var prev = el.previousElementSibling;
    return prev && HEADING.test(prev.tagName) ? prev : null;
  }

  /* -- state: controls <-> object <-> URL ---------------------------------------------------- */

  function chips(bar, facet) {
    return bar.querySelectorAll('.scholar-chip[data-facet="' + facet + '"]');
  }

  function pressed(bar, facet) {
    var values = [];
    each(chips(bar, facet), function (chip) {
      if (chip.getAttribute("aria-pressed") === "true") values.push(chip.getAttribute("data-value"));
    });
    return values;
  }

  function readControls(bar) {
    var q = bar.querySelector('input[name="text"]');
    var year = bar.querySelector('select[name="year"]');
    return {
      q: q ? q.value : "",
      kind: pressed(bar, "kind"),
      year: year ? year.value : "",
      kw: pressed(bar, "kw"),
    };
  }

  function writeControls(bar, state) {
    var q = bar.querySelector('input[name="text"]');
    var year = bar.querySelector('select[name="year"]');
    if (q) q.value = state.q;
    if (year) {
      var known = Array.prototype.some.call(year.options, function (o) { return o.value === state.year; });
      year.value = known ? state.year : "";
    }
    ["kind", "kw"].forEach(function (facet) {
      var wanted = state[facet].map(fold);
      each(chips(bar, facet), function (chip) {
        var on = wanted.indexOf(fold(chip.getAttribute("data-value"))) >= 0;
        chip.setAttribute("aria-pressed", on ? "true" : "false");
      });
    });
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    return {
      q: params.get("text") || "",
      kind: list(params.get("kind")),
      year: params.get("year") || "",
      kw: list(params.get("kw")),
    };
  }

  function writeUrl(state) {
    var params = new URLSearchParams(window.location.search);
    var pairs = [["text", state.q.trim()], ["kind", state.kind.join(",")], ["year", state.year], ["kw", state.kw.join(",")]];
    pairs.forEach(function (pair) {
      if (pair[1]) params.set(pair[0], pair[1]);
      else params.delete(pair[0]);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    // replaceState, not pushState: typing should not fill the Back button's history.
    window.history.replaceState(window.history.state, "", url);
  }

  /* -- filtering ---------------------------------------------------------------------------- */

  function matches(entry, state, terms) {
    if (state.kind.length && state.kind.indexOf(entry.getAttribute("data-kind")) < 0) return false;
    if (state.year && entry.getAttribute("data-year") !== state.year) return false;
    if (state.kw.length) {
      var own = list(entry.getAttribute("data-keywords")).map(fold);
      var hit = state.kw.some(function (kw) { return own.indexOf(fold(kw)) >= 0; });
      if (!hit) return false;
    }
    if (terms.length) {
      var text = fold(entry.getAttribute("data-search") || entry.textContent);
      for (var i = 0; i < terms.length; i++) {
        if (text.indexOf(terms[i]) < 0) return false;
      }
    }
    return true;
  }

  function apply(bar) {
    var state = readControls(bar);
    var terms = fold(state.q).split(/\s+/).filter(Boolean);
    var shown = {};
    var total = {};
    var groups = [];
    entriesOf(bar).forEach(function (entry) {
      // An entry listed under two keywords counts once.
      var key = entry.getAttribute("data-bibkey");
      var ok = matches(entry, state, terms);
      entry.hidden = !ok;
      total[key] = true;
      if (ok) shown[key] = true;
      var group = groupOf(entry);
      if (groups.indexOf(group) < 0) groups.push(group);
    });
    groups.forEach(function (group) {
      var empty = !group.querySelector(".scholar-entry:not([hidden])");
      group.hidden = empty;
      var heading = headingBefore(group);
      if (heading) heading.hidden = empty;
    });
    var status = bar.querySelector(".scholar-filter-status");
    if (status) {
      status.textContent = Object.keys(shown).length + " of " + Object.keys(total).length + " shown";
    }
    return state;
  }

  function setupBar(bar, syncUrl) {
    if (bar.hasAttribute("data-scholar-ready")) return;
    bar.setAttribute("data-scholar-ready", "");
    function update() {
      var state = apply(bar);
      if (syncUrl) writeUrl(state);
    }
    bar.addEventListener("input", function (event) {
      if (event.target.name === "text") update();
    });
    bar.addEventListener("change", function (event) {
      if (event.target.name === "year") update();
    });
    bar.addEventListener("click", function (event) {
      var chip = event.target.closest(".scholar-chip");
      if (!chip || !bar.contains(chip)) return;
      chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
      update();
    });
    bar.addEventListener("submit", function (event) {
      event.preventDefault(); // Enter in the search box must not reload the page
    });
    bar.addEventListener("reset", function (event) {
      event.preventDefault();
      writeControls(bar, EMPTY);
      update();
      var q = bar.querySelector('input[name="text"]');
      if (q) q.focus();
    });
    if (syncUrl) writeControls(bar, readUrl());
    bar.hidden = false;
    apply(bar);
  }

  /* -- copy BibTeX -------------------------------------------------------------------------- */

  // For pages served over plain http (no Clipboard API) and older browsers.
  function legacyCopy(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.top = "-1000px";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) resolve();
      else reject(new Error("copy refused"));
    });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  }

  function feedback(button, status, label, message) {
    button.textContent = label;
    button.classList.toggle("scholar-copy--done", label === "Copied");
    if (status) status.textContent = message;
    window.clearTimeout(button.scholarTimer);
    button.scholarTimer = window.setTimeout(function () {
      button.textContent = "Copy";
      button.classList.remove("scholar-copy--done");
      if (status) status.textContent = "";
    }, 2000);
  }

  function onClick(event) {
    var button = event.target.closest && event.target.closest(".scholar-copy");
    if (!button) return;
    var box = button.closest(".scholar-bibtex-box");
    var code = box && box.querySelector("pre code");
    if (!code) return;
    var status = box.querySelector(".scholar-copy-status");
    copyText(code.textContent.trim()).then(
      function () { feedback(button, status, "Copied", "BibTeX copied to the clipboard"); },
      function () { feedback(button, status, "Copy failed", "Could not copy: select the text and copy it"); }
    );
  }

  /* -- start -------------------------------------------------------------------------------- */

  function init() {
    each(document.querySelectorAll("[data-scholar-filter]"), function (bar, i) {
      setupBar(bar, i === 0);
    });
    each(document.querySelectorAll(".scholar-copy"), function (button) {
      button.hidden = false;
    });
  }

  // Material's `document$` replays the current page to a late subscriber, then emits each page
  // instant navigation swaps in. Looked up once the page is parsed, in case a theme loads this
  // script before Material's own.
  function start() {
    var pages = window.document$;
    if (pages && typeof pages.subscribe === "function") pages.subscribe(init);
    else init();
  }

  if (window.scholarPublicationsLoaded) {
    init(); // a second copy of the script (say, in a page's content): the listeners exist already
    return;
  }
  window.scholarPublicationsLoaded = true;
  document.addEventListener("click", onClick);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
