// stackguide: the flowchart wizard, one question at a time. site.js loads this on pages with
// a #wizard.
(function () {
  "use strict";
  // Flowchart wizard: one question at a time; the answers so far live in the URL (?path=0.2).
  var wizard = document.getElementById("wizard");
  var dataEl = wizard && document.getElementById(wizard.getAttribute("data-decision"));
  if (wizard && dataEl) {
    var data = JSON.parse(dataEl.textContent), nodes = data.nodes;
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
      var path = readPath(), node = nodes[0], taken = [], types = [];
      for (var i = 0; i < path.length && node.question; i++) {
        var a = node.answers[path[i]];
        if (!a) break;
        taken.push([node, a[0]]);
        var type = a[2] == null ? null : data.types[a[2]];
        if (type && types.indexOf(type) < 0) types.push(type);
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
        (node.recommend || []).forEach(function (k) {
          var s = data.stacks[k], li = el("li"), a = el("a", null, s[0]);
          a.href = s[1];
          li.appendChild(a);
          li.appendChild(document.createTextNode(": " + s[2]));
          recs.appendChild(li);
        });
        box.appendChild(recs);
        // The note, as the list on the page shows it (its first paragraph names the result,
        // its links to rankings are those of the path taken there).
        var note = el("div", "wizard-note"), shown = document.getElementById("r-" + node.id);
        Array.prototype.forEach.call(shown ? shown.children : [], function (c, k) {
          if (k > 0 && !c.classList.contains("dl-ranking")) note.appendChild(c.cloneNode(true));
        });
        box.appendChild(note);
        types.forEach(function (t) { // the rankings of the project types on the way
          var p = el("p", "dl-ranking"), a = el("a", null, "Every stack ranked for " + t[0]);
          a.href = t[1];
          p.appendChild(a);
          box.appendChild(p);
        });
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
