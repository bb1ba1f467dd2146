// stackguide search: loaded on first use; the index is fetched once and searched in the page.
(function () {
  "use strict";
  var me = document.querySelector("script[data-search-index]");
  var index = null, loading = null;
  function load() {
    if (!loading) loading = fetch(me.getAttribute("data-search-index")).then(function (r) { return r.json(); }).then(function (d) { index = d; });
    return loading;
  }
  function terms(q) { return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 1; }); }
  function has(text, t) { return text.toLowerCase().indexOf(t) >= 0; }
  function search(q) {
    var ts = terms(q);
    if (!ts.length || !index) return [];
    var out = [];
    index.forEach(function (e) {
      var score = 0, heads = e.h.join(" ");
      for (var i = 0; i < ts.length; i++) {
        var t = ts[i], s = 0;
        if (has(e.t, t)) s += 10;
        if (has(heads, t)) s += 4;
        if (has(e.x, t)) s += 2;
        if (!s && e.w.indexOf(t) >= 0) s = 1;
        if (!s) return;
        score += s;
      }
      out.push([score, e]);
    });
    out.sort(function (a, b) { return b[0] - a[0] || a[1].t.localeCompare(b[1].t); });
    return out.slice(0, 12).map(function (r) { return r[1]; });
  }
  function marked(parent, text, ts) {
    var re = new RegExp("(" + ts.map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|") + ")", "gi");
    text.split(re).forEach(function (part, i) {
      if (i % 2) { var m = document.createElement("mark"); m.textContent = part; parent.appendChild(m); }
      else if (part) parent.appendChild(document.createTextNode(part));
    });
  }
  function snippet(e, ts) {
    var lower = e.x.toLowerCase(), at = -1;
    for (var i = 0; i < ts.length && at < 0; i++) at = lower.indexOf(ts[i]);
    if (at < 0) return e.x.slice(0, 160) + (e.x.length > 160 ? "…" : "");
    var start = Math.max(0, e.x.lastIndexOf(" ", Math.max(0, at - 60)));
    return (start > 0 ? "…" : "") + e.x.slice(start, start + 180).trim() + (start + 180 < e.x.length ? "…" : "");
  }
  function show(box, q) {
    var ts = terms(q), results = search(q);
    box.textContent = "";
    if (!ts.length) { box.hidden = box.id === "search-dropdown"; return; }
    var status = document.createElement("p");
    status.className = "search-status";
    status.textContent = results.length ? results.length + (results.length === 1 ? " result" : " results") : "No results for “" + q + "”";
    box.appendChild(status);
    var list = document.createElement("ul");
    list.className = "search-list";
    list.setAttribute("role", "listbox");
    results.forEach(function (e, i) {
      var li = document.createElement("li"), a = document.createElement("a");
      li.setAttribute("role", "option");
      a.href = e.u;
      a.id = box.id + "-" + i;
      var title = document.createElement("span");
      title.className = "search-title";
      marked(title, e.t, ts);
      a.appendChild(title);
      if (e.s) { var sec = document.createElement("span"); sec.className = "search-section"; sec.textContent = e.s; a.appendChild(sec); }
      var p = document.createElement("span");
      p.className = "search-snippet";
      marked(p, snippet(e, ts), ts);
      a.appendChild(p);
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
    box.hidden = false;
  }
  function wire(input) {
    var box = document.getElementById(input.getAttribute("data-search-results"));
    var active = -1;
    input.setAttribute("aria-controls", box.id);
    var update = function () { load().then(function () { active = -1; show(box, input.value); }); };
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (ev) {
      var links = box.querySelectorAll(".search-list a");
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (!links.length) return;
        ev.preventDefault();
        active = (active + (ev.key === "ArrowDown" ? 1 : links.length - 1)) % links.length;
        links.forEach(function (l, i) { l.classList.toggle("active", i === active); });
        input.setAttribute("aria-activedescendant", links[active].id);
        links[active].scrollIntoView({ block: "nearest" });
      } else if (ev.key === "Enter" && active >= 0 && links[active]) {
        ev.preventDefault();
        location.href = links[active].href;
      } else if (ev.key === "Escape" && box.id === "search-dropdown") {
        box.hidden = true;
      }
    });
    if (input.value) update();
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-search-results]"), wire);
  var q = /[?&]q=([^&#]*)/.exec(location.search);
  var pageInput = document.getElementById("search-page-input");
  if (q && pageInput) { pageInput.value = decodeURIComponent(q[1].replace(/\+/g, " ")); pageInput.dispatchEvent(new Event("input")); }
  document.addEventListener("click", function (ev) {
    var dd = document.getElementById("search-dropdown");
    if (dd && !dd.contains(ev.target) && ev.target.id !== "search-input") dd.hidden = true;
  });
})();
