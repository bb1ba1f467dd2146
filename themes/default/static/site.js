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

  // On narrow screens the sidebar starts folded, as a menu.
  var menu = document.querySelector(".sidebar-menu");
  if (menu && window.matchMedia("(max-width: 60rem)").matches) menu.open = false;
})();
