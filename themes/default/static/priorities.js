// stackguide: rank every stack by the reader's weights. site.js loads this on /priorities/.
// The arithmetic is the build's (src/score.rs): on each criterion a stack earns its level's
// position on the scale (1 = weakest) times the weight (none 0, low 1, medium 2, high 3); the
// score is the sum; equal scores share a rank and keep the stack list's order (by id).
(function () {
  "use strict";
  var form = document.getElementById("weights-form");
  var dataEl = form && document.getElementById(form.getAttribute("data-ranking"));
  var table = document.querySelector("#ranking-table table");
  if (!form || !dataEl || !table) return;
  var data = JSON.parse(dataEl.textContent);

  var el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  var cell = function (tag, value, why) {
    var c = el(tag, value + (why ? " " : ""));
    if (why) c.appendChild(el("span", why, "why"));
    return c;
  };

  // Weights in the address win over the form's defaults.
  var query = new URLSearchParams(location.search);
  data.criteria.forEach(function (c) {
    var w = query.get(c.id);
    if (data.weights.indexOf(w) >= 0) form.elements[c.id].value = w;
  });

  function rank(announce) {
    var factors = data.criteria.map(function (c) { return data.weights.indexOf(form.elements[c.id].value); });
    var counted = data.criteria.map(function (c, i) { return i; }).filter(function (i) { return factors[i] > 0; });
    var rows = data.stacks.map(function (s, order) {
      var parts = s.points.map(function (p, i) { return p * factors[i]; });
      return { s: s, parts: parts, order: order, total: parts.reduce(function (a, b) { return a + b; }, 0) };
    });
    rows.sort(function (a, b) { return b.total - a.total || a.order - b.order; });

    var head = el("tr");
    ["Rank and stack", "Score"].forEach(function (t) { head.appendChild(el("th", t)); });
    counted.forEach(function (i) {
      head.appendChild(cell("th", data.criteria[i].name, data.weights[factors[i]] + " ×" + factors[i]));
    });
    var body = el("tbody");
    rows.forEach(function (r, k) {
      var first = k;
      while (first > 0 && rows[first - 1].total === r.total) first--;
      var tr = el("tr"), name = el("th"), link = el("a", r.s.name);
      tr.setAttribute("data-stack", r.s.id);
      link.href = r.s.url;
      name.appendChild(el("span", first + 1 + ".", "rank"));
      name.appendChild(document.createTextNode(" "));
      name.appendChild(link);
      tr.appendChild(name);
      tr.appendChild(el("td", String(r.total), "score"));
      counted.forEach(function (i) {
        var p = r.s.points[i];
        tr.appendChild(cell("td", r.parts[i], data.criteria[i].levels[p - 1] + " (" + p + ")"));
      });
      body.appendChild(tr);
    });
    Array.prototype.forEach.call(head.cells, function (th) { th.scope = "col"; });
    Array.prototype.forEach.call(body.querySelectorAll("th"), function (th) { th.scope = "row"; });
    table.tHead.replaceChild(head, table.tHead.rows[0]);
    table.replaceChild(body, table.tBodies[0]);
    if (announce && rows.length) {
      form.querySelector(".ranking-status").textContent =
        "Ranking updated: " + rows[0].s.name + " leads with " + rows[0].total + " points.";
    }
  }

  form.addEventListener("change", function () {
    var q = data.criteria.map(function (c) { return c.id + "=" + form.elements[c.id].value; }).join("&");
    history.replaceState(null, "", location.pathname + "?" + q + location.hash);
    rank(true);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  Array.prototype.forEach.call(document.querySelectorAll(".js-only-note"), function (n) { n.hidden = true; });
  rank();
})();
