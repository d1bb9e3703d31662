/* mkdocs-scholar — tag filter for the news timeline.
 *
 * Without this script the filter bar stays `hidden` and every item shows. With it, the chips
 * (toggle buttons, aria-pressed) show only items having one of the chosen tags, a year whose
 * items are all hidden is hidden with its heading (the element right before its group), the
 * choice is kept in the query string (?tag=a&tag=b) so it survives a reload or a shared link,
 * and the status line (a live region) says how many items are shown.
 *
 * The plugin puts this script on every page. Material's instant navigation swaps the next page
 * into the open document without running its scripts again, so each page is set up on
 * Material's `document$`; other themes set it up once the page is parsed. A bar is set up once
 * (marked data-scholar-ready), however often that runs.
 */
(function () {
  "use strict";

  var PARAM = "tag";

  /* The groups a bar controls: those after it in the page, up to the next bar. */
  function groupsOf(bar) {
    var groups = [];
    var seen = false;
    var nodes = document.querySelectorAll(".scholar-news-filter, .scholar-news-group");
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i] === bar) {
        seen = true;
      } else if (seen && nodes[i].classList.contains("scholar-news-filter")) {
        break;
      } else if (seen) {
        groups.push(nodes[i]);
      }
    }
    return groups;
  }

  function knownTags(bar) {
    var tags = [];
    bar.querySelectorAll("button[data-tag]").forEach(function (button) {
      if (button.dataset.tag) tags.push(button.dataset.tag);
    });
    return tags;
  }

  function tagsFromUrl(known) {
    var chosen = [];
    new URLSearchParams(window.location.search).getAll(PARAM).forEach(function (tag) {
      if (known.indexOf(tag) >= 0 && chosen.indexOf(tag) < 0) chosen.push(tag);
    });
    return chosen;
  }

  function writeUrl(chosen) {
    var url = new URL(window.location.href);
    url.searchParams.delete(PARAM);
    chosen.forEach(function (tag) {
      url.searchParams.append(PARAM, tag);
    });
    // replaceState: toggling chips should not fill the Back button's history.
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }

  /* Hide a heading and its entry in Material's table of contents. */
  function hideHeading(heading, hidden) {
    heading.hidden = hidden;
    if (!heading.id) return;
    var selector = '.md-nav--secondary a[href="#' + CSS.escape(heading.id) + '"]';
    document.querySelectorAll(selector).forEach(function (link) {
      var entry = link.closest("li");
      if (entry) entry.hidden = hidden;
    });
  }

  function apply(bar, chosen) {
    var shown = 0;
    groupsOf(bar).forEach(function (group) {
      var visible = 0;
      group.querySelectorAll(".scholar-news-item").forEach(function (item) {
        var tags = (item.getAttribute("data-tags") || "").split(/\s+/);
        var match = chosen.length === 0 || chosen.some(function (tag) {
          return tags.indexOf(tag) >= 0;
        });
        item.hidden = !match;
        if (match) visible++;
      });
      group.hidden = visible === 0;
      var heading = group.previousElementSibling;
      if (heading && /^H[1-6]$/.test(heading.tagName)) hideHeading(heading, visible === 0);
      shown += visible;
    });
    bar.querySelectorAll("button[data-tag]").forEach(function (button) {
      var tag = button.dataset.tag;
      var pressed = tag ? chosen.indexOf(tag) >= 0 : chosen.length === 0;
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
    });
    var status = bar.querySelector(".scholar-news-filter__status");
    if (status) status.textContent = shown + (shown === 1 ? " item shown" : " items shown");
  }

  function setUp(bar) {
    var known = knownTags(bar);
    var chosen = tagsFromUrl(known);

    function choose(next) {
      chosen = next;
      writeUrl(chosen);
      apply(bar, chosen);
    }

    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-tag]");
      if (!button) return;
      var tag = button.dataset.tag;
      if (!tag) {
        choose([]);
      } else if (chosen.indexOf(tag) >= 0) {
        choose(chosen.filter(function (t) { return t !== tag; }));
      } else {
        choose(chosen.concat([tag]));
      }
    });

    // A tag chip inside an item links to "<timeline>?tag=x". On the timeline itself, filter
    // in place instead of reloading, and move focus to the pressed chip of the bar.
    groupsOf(bar).forEach(function (group) {
      group.addEventListener("click", function (event) {
        var link = event.target.closest("a.scholar-news-chip[data-tag]");
        if (!link || link.pathname !== window.location.pathname) return;
        var tag = link.dataset.tag;
        if (known.indexOf(tag) < 0) return;
        event.preventDefault();
        choose([tag]);
        var button = bar.querySelector('button[data-tag="' + CSS.escape(tag) + '"]');
        if (button) {
          button.focus();
          bar.scrollIntoView({ block: "nearest" });
        }
      });
    });

    bar.hidden = false;
    apply(bar, chosen);
  }

  function init() {
    document.querySelectorAll(".scholar-news-filter:not([data-scholar-ready])").forEach(function (bar) {
      bar.setAttribute("data-scholar-ready", "");
      setUp(bar);
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

  if (window.scholarNewsLoaded) {
    init(); // a second copy of the script (say, in a page's content): already subscribed
    return;
  }
  window.scholarNewsLoaded = true;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
