// stackguide: two to four stacks side by side, the choice kept in the address
// (?stacks=go-gin,node-express). site.js loads this on /compare/.
(function () {
  "use strict";
  var form = document.getElementById("chooser-form");
  var dataEl = form && document.getElementById(form.getAttribute("data-chooser"));
  var out = document.getElementById("chooser-result");
  if (!form || !dataEl || !out) return;
  var data = JSON.parse(dataEl.textContent), MAX = 4;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=stacks]"));
  var status = form.querySelector(".chooser-status");
  var fitRank = { good: 3, ok: 2, poor: 1 }, icon = { good: "✓", ok: "~", poor: "✗" };

  var el = function (tag, text, cls, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  };
  var chosen = function () {
    return data.stacks.filter(function (s) {
      return boxes.some(function (b) { return b.checked && b.value === s.id; });
    });
  };

  // One row: a heading, a cell per stack, the best marked when the stacks differ.
  function row(body, title, stacks, value, show) {
    var values = stacks.map(value), best = Math.max.apply(null, values);
    var differs = values.some(function (v) { return v !== values[0]; });
    var tr = el("tr", null, differs ? "differs" : ""), th = el("th", title, "", { scope: "row" });
    if (differs) th.appendChild(el("span", " ≠ differs", "differs-mark"));
    tr.appendChild(th);
    stacks.forEach(function (s, i) {
      var td = el("td", null, differs && values[i] === best ? "ahead" : "", { "data-stack": s.name });
      td.appendChild(show(s));
      if (differs && values[i] === best) td.appendChild(el("span", " ▲ best", "ahead-mark"));
      tr.appendChild(td);
    });
    body.appendChild(tr);
    return differs;
  }
  function rating(c, level) {
    var n = c[1].length, r = el("span", c[1][level], "rating");
    r.style.setProperty("--v", level + 1);
    r.style.setProperty("--m", n);
    r.appendChild(el("span", " (" + (level + 1) + " of " + n + ")"));
    return r;
  }
  function fit(f) {
    var b = el("span", null, "fit fit-" + f);
    b.appendChild(el("span", icon[f], "fit-icon", { "aria-hidden": "true" }));
    b.appendChild(document.createTextNode(" " + data.fits[f]));
    return b;
  }
  function versions(s) {
    if (!s.versions.length) return el("span", "none listed");
    var ul = el("ul", null, "chooser-versions");
    s.versions.forEach(function (v) {
      ul.appendChild(el("li", v[0] + " ")).appendChild(el("span", v[1], "status status-" + v[2]));
    });
    return ul;
  }

  // The chosen stacks' profiles on the chart the build drew: a line and a mark per criterion,
  // at the tick of each stack's level, each stack a little above or below the others.
  var chart = document.getElementById("chooser-chart"), NS = "http://www.w3.org/2000/svg";
  var svgEl = function (tag, attrs) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  };
  var markOf = function (k, attrs) { return svgEl("use", Object.assign({ href: "#chooser-pf-m" + k, class: "pf-mark pf-s" + k }, attrs)); };
  function draw(stacks) {
    var layer = chart.querySelector(".pf-layers"), rows = chart.querySelectorAll(".pf-row");
    layer.textContent = "";
    chart.hidden = stacks.length < 2;
    stacks.forEach(function (s, k) {
      var points = [], dy = (k - (stacks.length - 1) / 2) * 8, marks = [];
      rows.forEach(function (r, i) {
        var t = r.children[s.ratings[i]], x = t.getAttribute("cx"), y = +t.getAttribute("cy") + dy;
        points.push(x + " " + y);
        marks.push(markOf(k, { x: x, y: y }));
      });
      layer.appendChild(svgEl("path", { class: "pf-line pf-s" + k, d: "M" + points.join("L") }));
      marks.forEach(function (m) { layer.appendChild(m); });
    });
    chart.querySelector("title").textContent = "Profiles of " + stacks.map(function (s, k) { return s.name + " (" + data.marks[k] + ")"; }).join(", ");
  }
  // Beside a stack's name in the table, its mark: the chart's legend.
  function key(k) {
    var svg = svgEl("svg", { width: 14, height: 14, viewBox: "-7 -7 14 14", "aria-hidden": "true", class: "pf-key" });
    svg.appendChild(markOf(k, {}));
    return svg;
  }

  function render() {
    var stacks = chosen();
    boxes.forEach(function (b) { b.disabled = !b.checked && stacks.length >= MAX; });
    out.textContent = "";
    draw(stacks);
    if (stacks.length < 2) {
      status.textContent = "Pick " + (stacks.length ? "one more." : "two to four stacks.");
      return;
    }
    var wrap = el("div", null, "table-scroll", { role: "region", "aria-label": "Chosen stacks side by side", tabindex: 0 });
    var table = el("table", null, "versus chooser-table");
    table.appendChild(el("caption", stacks.map(function (s) { return s.name; }).join(", ") + " side by side"));
    var head = el("tr"), body = el("tbody"), differ = 0;
    head.appendChild(el("th", "Criterion", "", { scope: "col" }));
    stacks.forEach(function (s, k) {
      var th = head.appendChild(el("th", "", "", { scope: "col" }));
      th.appendChild(key(k));
      th.appendChild(el("a", s.name, "", { href: s.url }));
    });
    table.appendChild(el("thead")).appendChild(head);
    data.criteria.forEach(function (c, k) {
      if (row(body, c[0], stacks, function (s) { return s.ratings[k]; }, function (s) { return rating(c, s.ratings[k]); })) differ++;
    });
    data.types.forEach(function (t, k) {
      row(body, "Fit: " + t, stacks, function (s) { return fitRank[s.fit[k]] || 0; }, function (s) { return fit(s.fit[k]); });
    });
    row(body, "Versions", stacks, function () { return 0; }, versions);
    table.appendChild(body);
    wrap.appendChild(table);
    var summary = el("p", "They differ on " + differ + " of " + data.criteria.length + " criteria.");
    if (stacks.length === 2) {
      var ids = [stacks[0].id, stacks[1].id].sort(), a = el("a", stacks[0].name + " vs " + stacks[1].name);
      a.href = data.compare + ids[0] + "-vs-" + ids[1] + "/";
      summary.appendChild(document.createTextNode(" Reasons and sources: "));
      summary.appendChild(a);
    }
    out.appendChild(summary);
    out.appendChild(wrap);
    status.textContent = stacks.length + " stacks side by side" + (stacks.length === MAX ? " (the most)." : ".");
  }

  var wanted = (new URLSearchParams(location.search).get("stacks") || "").split(",");
  boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
  boxes.filter(function (b) { return b.checked; }).slice(MAX).forEach(function (b) { b.checked = false; });
  form.addEventListener("change", function () {
    var ids = chosen().map(function (s) { return s.id; }).join(",");
    history.replaceState(null, "", location.pathname + (ids ? "?stacks=" + ids : "") + location.hash);
    render();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  Array.prototype.forEach.call(document.querySelectorAll(".js-only-note"), function (n) { n.hidden = true; });
  render();
})();
