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

  // What only some pages need loads there: an element names its script in data-script.
  var dir = me.src.slice(0, me.src.lastIndexOf("/") + 1), loaded = {};
  Array.prototype.forEach.call(document.querySelectorAll("[data-script]"), function (e) {
    var name = e.getAttribute("data-script");
    if (loaded[name] || !/^[\w-]+\.js$/.test(name)) return;
    loaded[name] = true;
    var s = document.createElement("script");
    s.src = dir + name;
    document.head.appendChild(s);
  });
})();
