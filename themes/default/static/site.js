// stackguide: progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  var root = document.documentElement;

  function applyTheme(theme) {
    root.dataset.theme = theme;
    var light = document.getElementById("syntax-light");
    var dark = document.getElementById("syntax-dark");
    if (light) light.media = theme === "light" ? "all" : "not all";
    if (dark) dark.media = theme === "dark" ? "all" : "not all";
  }

  function currentTheme() {
    if (root.dataset.theme) return root.dataset.theme;
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    toggle.hidden = false;
    var sync = function () { toggle.setAttribute("aria-pressed", currentTheme() === "dark" ? "true" : "false"); };
    sync();
    toggle.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      applyTheme(next);
      try { localStorage.setItem("theme", next); } catch (e) { /* private mode: not remembered */ }
      sync();
    });
  }

  // Wide flowcharts open scrolled to their first question rather than their left edge.
  Array.prototype.forEach.call(document.querySelectorAll(".chart-scroll"), function (box) {
    var svg = box.querySelector("svg"), first = svg && svg.querySelector("g[id]");
    if (!first || box.scrollWidth <= box.clientWidth) return;
    var r = first.getBoundingClientRect(), b = box.getBoundingClientRect();
    box.scrollLeft += r.left + r.width / 2 - (b.left + b.width / 2);
  });

  // Search: the script and its index load on first use (or at once on the search page).
  var me = document.querySelector("script[data-search-script]");
  var loadSearch = function () {
    if (document.getElementById("search-script")) return;
    var s = document.createElement("script");
    s.id = "search-script";
    s.src = me.getAttribute("data-search-script");
    document.head.appendChild(s);
  };
  Array.prototype.forEach.call(document.querySelectorAll("input[data-search-results]"), function (input) {
    input.addEventListener("focus", loadSearch, { once: true });
  });
  if (document.getElementById("search-page-input")) loadSearch();

  // Sortable tables: each column heading becomes a button; numbers sort best first.
  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var numeric = th.getAttribute("data-sort") === "number";
        var descending = th.getAttribute("aria-sort") === "descending" ? false
          : th.getAttribute("aria-sort") === "ascending" ? true : numeric;
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var v = row.cells[col].getAttribute("data-value") || row.cells[col].textContent;
          return numeric ? parseFloat(v) : v.toLowerCase();
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = x < y ? -1 : x > y ? 1 : 0;
          return descending ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      });
    });
  });

  // Matrix filters: by project-type fit and by language, over every table of the page.
  var filters = document.querySelector(".matrix-filters");
  if (filters) {
    filters.hidden = false;
    var count = filters.querySelector(".matrix-count");
    var apply = function () {
      var fit = filters.elements.fit.value, lang = filters.elements.language.value;
      var shown = 0, total = 0;
      Array.prototype.forEach.call(document.querySelectorAll("table.matrix"), function (table, t) {
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          var ok = (!fit || row.getAttribute("data-fit-" + fit) === "good") &&
            (!lang || row.getAttribute("data-language") === lang);
          row.hidden = !ok;
          if (t === 0) { total++; if (ok) shown++; }
        });
      });
      count.textContent = "Showing " + shown + " of " + total + " stacks";
    };
    filters.addEventListener("change", apply);
    filters.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  // Flowchart wizard: one question at a time; the answers so far live in the URL (?path=0.2).
  var wizard = document.getElementById("wizard");
  var dataEl = wizard && document.getElementById(wizard.getAttribute("data-decision"));
  if (wizard && dataEl) {
    var nodes = JSON.parse(dataEl.textContent);
    var step = wizard.querySelector(".wizard-step");
    var trail = wizard.querySelector(".wizard-path");
    var el = function (tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text) e.textContent = text;
      return e;
    };
    var readPath = function () {
      var m = /[?&]path=([0-9.]*)/.exec(location.search);
      return m && m[1] ? m[1].split(".").map(Number) : [];
    };
    var go = function (path, replace) {
      var url = location.pathname + (path.length ? "?path=" + path.join(".") : "") + "#wizard";
      history[replace ? "replaceState" : "pushState"]({ wizard: true }, "", url);
      render(true);
    };
    var render = function (focus) {
      var path = readPath(), node = nodes[0], taken = [];
      for (var i = 0; i < path.length && node.question; i++) {
        var a = node.answers[path[i]];
        if (!a) break;
        taken.push([node, a[0]]);
        node = nodes[a[1]];
      }
      path = path.slice(0, taken.length);
      trail.textContent = "";
      taken.forEach(function (t, k) {
        var li = el("li");
        li.appendChild(document.createTextNode(t[0].question + " "));
        var b = el("button", "wizard-change", t[1]);
        b.type = "button";
        b.setAttribute("aria-label", "Change answer: " + t[1]);
        b.addEventListener("click", function () { go(path.slice(0, k)); });
        li.appendChild(b);
        trail.appendChild(li);
      });
      step.textContent = "";
      var heading;
      if (node.question) {
        heading = el("p", "wizard-question", node.question);
        step.appendChild(heading);
        if (node.help) step.appendChild(el("p", "dl-help", node.help));
        var list = el("ul", "wizard-answers");
        node.answers.forEach(function (a, k) {
          var li = el("li"), b = el("button", "answer", a[0]);
          b.type = "button";
          b.addEventListener("click", function () { go(path.concat([k])); });
          li.appendChild(b);
          list.appendChild(li);
        });
        step.appendChild(list);
      } else {
        var box = el("div", "wizard-result");
        heading = el("p", "wizard-question", node.result);
        box.appendChild(heading);
        var recs = el("ul");
        node.recommend.forEach(function (s) {
          var li = el("li"), a = el("a", null, s.name);
          a.href = s.url;
          li.appendChild(a);
          li.appendChild(document.createTextNode(": " + s.summary));
          recs.appendChild(li);
        });
        box.appendChild(recs);
        var note = el("div", "wizard-note");
        note.innerHTML = node.note; // rendered from the site's own Markdown at build time
        box.appendChild(note);
        step.appendChild(box);
      }
      heading.tabIndex = -1;
      wizard.querySelector(".wizard-back").disabled = path.length === 0;
      if (focus) heading.focus();
    };
    wizard.querySelector(".wizard-back").addEventListener("click", function () {
      var path = readPath();
      if (history.state && history.state.wizard) history.back();
      else go(path.slice(0, -1), true);
    });
    wizard.querySelector(".wizard-restart").addEventListener("click", function () { go([]); });
    window.addEventListener("popstate", function () { render(true); });
    wizard.hidden = false;
    render(false);
  }
})();
