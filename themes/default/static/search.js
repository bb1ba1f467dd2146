// stackguide search: loaded on first use. The index is small files under search/index/: a manifest,
// word shards fetched for the words typed, and page details fetched for the results shown.
(function () {
  "use strict";
  var me = document.querySelector("script[data-search-index]");
  var dir = me.getAttribute("data-search-index"), files = {}, index = null;
  function get(path) {
    if (!files[path]) files[path] = fetch(dir + path).then(function (r) { return r.json(); });
    return files[path];
  }
  function load() {
    return get("manifest.json").then(function (m) {
      if (m.v !== 1) throw new Error("unknown search index format " + m.v);
      index = m;
    });
  }
  // As the build cuts words: runs of letters and digits, two or more, lowercase, at most 24.
  function terms(q) {
    return q.split(/[^\p{Alpha}\p{N}]+/u).filter(function (t) { return Array.from(t).length > 1; })
      .map(function (t) { return Array.from(t.toLowerCase()).slice(0, 24).join(""); });
  }
  function starts(w, p) { return w.slice(0, p.length) === p; }
  // The shard of the longest prefix of t, or -1.
  function shardOf(t) {
    var s = index.s, at = -1;
    s.forEach(function (p, i) { if (starts(t, p) && (at < 0 || p.length > s[at].length)) at = i; });
    return at;
  }
  // Adds the pages of word w in shard to found ({page: score}) and its snippets to near.
  function add(shard, w, m) {
    var l = shard[w] || [], x = (shard["~"] || {})[w] || {};
    for (var k = 0; k < l.length; k += 2) m[0][l[k]] = Math.max(m[0][l[k]] || 0, l[k + 1]);
    for (var n in x) m[1][n] = m[1][n] || x[n];
  }
  // Pages with the word t (or, as a prefix, a word starting with it): [{page: score}, {page:
  // snippet}], the snippets being the text around the word on the pages a search shows first.
  function exact(t, prefix) {
    var s = index.s, at = shardOf(t), m = [{}, {}];
    var p = s[at], split = at >= 0 && s.some(function (q) { return q !== p && starts(q, p); });
    if (at < 0 || (split && p !== t)) return Promise.resolve(m);
    return get("words/" + at + ".json").then(function (shard) {
      // A split prefix's own file: the word itself, or the best pages of all its words.
      if (split) add(shard, !prefix && shard[t] ? t : "*", m);
      else if (!prefix && shard[t]) add(shard, t, m);
      else Object.keys(shard).forEach(function (w) { if (starts(w, t)) add(shard, w, m); });
      return m;
    });
  }
  // Whether b is a and one typo: a letter added, dropped or changed, or two neighbours swapped.
  function typo(a, b) {
    var i = 0, rest = function (j, k) { return a.slice(j) === b.slice(k); };
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    while (a[i] === b[i]) i++;
    if (a.length > b.length) return rest(i + 1, i);
    if (a.length < b.length) return rest(i, i + 1);
    return rest(i + 1, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2));
  }
  // A word that matched nothing: the words of six letters or more one typo away from it, looked
  // for in its shard and in those it would fall in with a typo in its first letters; failing
  // that (a wrong second letter when the first letter's words are split), in every shard of
  // its first letter.
  function typos(t, wide) {
    var ids = [], m = [{}, {}];
    (wide ? index.s.filter(function (p) { return p[0] === t[0]; })
      : [t, t.slice(1), t[0] + t.slice(2), t[1] + t[0] + t.slice(2), t[0] + t[2] + t[1] + t.slice(3)]).forEach(function (v) {
      var i = shardOf(v);
      if (i >= 0 && ids.indexOf(i) < 0) ids.push(i);
    });
    return Promise.all(ids.map(function (i) { return get("words/" + i + ".json"); })).then(function (shards) {
      shards.forEach(function (shard) { for (var w in shard) if (w.length > 5 && typo(t, w)) add(shard, w, m); });
      return wide || Object.keys(m[0]).length ? m : typos(t, 1);
    });
  }
  function matches(t, prefix) {
    return exact(t, prefix).then(function (m) {
      return Object.keys(m[0]).length || Array.from(t).length < 5 ? m : typos(t);
    });
  }
  // The last term may be unfinished: it matches as a prefix. Pages with every term come first.
  function search(ts) {
    return Promise.all(ts.map(function (t, i) { return matches(t, i === ts.length - 1); })).then(function (all) {
      var pages = {}, near = {};
      all.forEach(function (m) {
        for (var p in m[0]) { var r = pages[p] || (pages[p] = [0, 0, +p]); r[0]++; r[1] += m[0][p]; }
        for (p in m[1]) near[p] = near[p] || m[1][p];
      });
      var top = Object.keys(pages).map(function (p) { return pages[p]; })
        .sort(function (a, b) { return b[0] - a[0] || b[1] - a[1] || a[2] - b[2]; }).slice(0, 12);
      return Promise.all(top.map(function (r) {
        return get("pages/" + Math.floor(r[2] / index.c) + ".json").then(function (c) { return c[r[2] % index.c].concat(near[r[2]]); });
      }));
    });
  }
  function marked(parent, text, ts) {
    text.split(new RegExp("(" + ts.join("|") + ")", "giu")).forEach(function (part, i) {
      if (i % 2) { var m = document.createElement("mark"); m.textContent = part; parent.appendChild(m); }
      else if (part) parent.appendChild(document.createTextNode(part));
    });
  }
  function span(a, cls, text, ts) {
    var s = document.createElement("span");
    s.className = cls;
    if (ts) marked(s, text, ts); else s.textContent = text;
    a.appendChild(s);
  }
  // e: [title, section, address, excerpt, snippet]: the snippet when the excerpt shows no term.
  function show(box, q, ts, results) {
    var re = new RegExp(ts.join("|"), "iu");
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
      a.href = e[2];
      a.id = box.id + "-" + i;
      span(a, "search-title", e[0], ts);
      if (e[1]) span(a, "search-section", e[1]);
      span(a, "search-snippet", e[4] && !re.test(e[3]) ? e[4] : e[3], ts);
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
    box.hidden = false;
  }
  function wire(input) {
    var box = document.getElementById(input.getAttribute("data-search-results"));
    var active = -1, asked = 0;
    input.setAttribute("aria-controls", box.id);
    var update = function () {
      var q = input.value, ts = terms(q), n = ++asked;
      (ts.length ? load().then(function () { return search(ts); }) : Promise.resolve([])).then(function (results) {
        if (n === asked) { active = -1; show(box, q, ts, results); }
      });
    };
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
