// stackguide: sortable tables and the filters of the comparison matrix. site.js loads this
// on pages with a table[data-sortable].
(function () {
  "use strict";
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
          var ok = (!fit || (" " + row.getAttribute("data-good") + " ").indexOf(" " + fit + " ") >= 0) &&
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
})();
