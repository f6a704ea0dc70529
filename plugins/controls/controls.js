// dashsmith: switches a page between its precomputed views (controls: in
// its frontmatter). The page carries its own view inline, in
// <div id="ds-view">, and the list of its views as JSON (#ds-views): range
// presets by token, filter values, and each view's folder. Choosing a
// preset or a value loads that folder's view.js (a <script src>, so it
// works from file:// too), which calls dashsmithView({view, content});
// the content replaces the view's HTML, and charts.js draws it
// (window.dashsmithCharts.refresh). The URL says the view
// (?range=90d&plan=pro) and the back button goes back through them. On
// a view's own page (a folder under the page), the controls are plain
// links to the page with that URL. Without this script the controls stay
// hidden, and a <noscript> list links every view's page.
(function () {
  "use strict";

  var spec = document.getElementById("ds-views");
  var box = document.querySelector(".ds-controls");
  var host = document.getElementById("ds-view");
  if (!spec || !box || !host) {
    return;
  }
  var cfg = JSON.parse(spec.textContent);
  var select = box.querySelector("select");
  var links = box.querySelectorAll("a[data-preset]");
  box.hidden = false;

  var current = { preset: cfg.view[0], value: cfg.view[1] };
  if (cfg.up) {
    if (select) {
      select.addEventListener("change", function () {
        location.href = "../index.html" + query({ preset: current.preset, value: +select.value });
      });
    }
    return; // a view's own page: the links lead to the page itself
  }

  var contents = { "": host.innerHTML }; // by folder; the page's own before charts.js draws it
  var waiting = {};

  window.dashsmithView = function (data) {
    contents[data.view] = data.content;
    var done = waiting[data.view];
    delete waiting[data.view];
    if (done) {
      done();
    }
  };

  function dir(v) {
    return cfg.dirs[v.preset][v.value];
  }

  // query is what the URL says for view v: ?range=90d&plan=pro, or "".
  function query(v) {
    var parts = [];
    if (v.preset > 0) {
      parts.push("range=" + encodeURIComponent(cfg.presets[v.preset]));
    }
    if (v.value > 0) {
      parts.push(encodeURIComponent(cfg.param) + "=" + encodeURIComponent(cfg.values[v.value - 1]));
    }
    return parts.length ? "?" + parts.join("&") : "";
  }

  // parse reads the view the URL asks for; what it does not know is the
  // page's own.
  function parse(search) {
    var v = { preset: 0, value: 0 };
    var params = new URLSearchParams(search);
    var i = cfg.presets.indexOf(params.get("range"));
    if (i > 0) {
      v.preset = i;
    }
    if (cfg.param && params.has(cfg.param)) {
      var j = cfg.values.indexOf(params.get(cfg.param));
      if (j >= 0) {
        v.value = j + 1;
      }
    }
    return v;
  }

  function load(folder, done) {
    if (contents[folder] !== undefined) {
      done();
      return;
    }
    waiting[folder] = done;
    var s = document.createElement("script");
    s.src = folder + "/view.js";
    s.onerror = function () {
      delete waiting[folder];
      location.href = folder + "/index.html"; // the view's own page has the same
    };
    document.head.appendChild(s);
  }

  // rebase makes the relative addresses of a view's content lead from
  // the page: they are written for the view's own page, a folder down
  // (its charts' data files are there; its prose's links go one up).
  function rebase(folder) {
    if (!folder) {
      return;
    }
    var els = host.querySelectorAll("[href], [src]");
    for (var i = 0; i < els.length; i++) {
      var name = els[i].hasAttribute("href") ? "href" : "src";
      var url = els[i].getAttribute(name);
      if (url && !/^([a-z][a-z0-9+.-]*:|\/|#|\?)/i.test(url)) {
        els[i].setAttribute(name, folder + "/" + url);
      }
    }
  }

  // swap puts html in the view's place, keeping each chart's element (and
  // so its ECharts instance, which charts.js gives the new options: much
  // cheaper than a new one) where the new content has the same chart.
  function swap(html) {
    var next = document.createElement("div");
    next.innerHTML = html;
    var fresh = next.querySelectorAll(".ds-echart");
    for (var i = 0; i < fresh.length; i++) {
      var old = host.querySelector('.ds-echart[data-options="' + fresh[i].getAttribute("data-options") + '"]');
      if (!old) {
        continue;
      }
      for (var k = 0; k < fresh[i].attributes.length; k++) {
        old.setAttribute(fresh[i].attributes[k].name, fresh[i].attributes[k].value);
      }
      fresh[i].parentNode.replaceChild(old, fresh[i]);
    }
    host.replaceChildren.apply(host, Array.prototype.slice.call(next.childNodes));
  }

  function mark(v) {
    for (var i = 0; i < links.length; i++) {
      var p = +links[i].getAttribute("data-preset");
      links[i].setAttribute("href", "index.html" + query({ preset: p, value: v.value }));
      if (p === v.preset) {
        links[i].setAttribute("aria-current", "true");
      } else {
        links[i].removeAttribute("aria-current");
      }
    }
    if (select) {
      select.value = String(v.value);
    }
  }

  // show swaps view v in; how "push" says how the URL follows: "push" a
  // new entry, "replace" this one, or "" (the URL already says it).
  var wanted = ""; // the folder of the view last asked for

  function show(v, how) {
    var folder = dir(v);
    wanted = folder;
    load(folder, function () {
      if (folder !== wanted) {
        return; // a later choice came first: it stands
      }
      var start = window.performance ? performance.now() : 0;
      swap(contents[folder]);
      rebase(folder);
      current = v;
      mark(v);
      if (window.dashsmithCharts) {
        window.dashsmithCharts.refresh(host);
      }
      if (how) {
        var url = location.pathname + query(v) + location.hash;
        try {
          history[how === "push" ? "pushState" : "replaceState"]({ preset: v.preset, value: v.value }, "", url);
        } catch (e) {
          // some browsers refuse to change a file:// URL: the view shows all the same
        }
      }
      if (window.performance) {
        document.documentElement.setAttribute("data-view-ms", (performance.now() - start).toFixed(1));
      }
      document.documentElement.setAttribute("data-view", folder);
      document.dispatchEvent(new CustomEvent("dashsmith:view", { detail: { view: folder } }));
    });
  }

  box.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[data-preset]") : null;
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return; // a new tab or window opens the link itself
    }
    e.preventDefault();
    show({ preset: +a.getAttribute("data-preset"), value: current.value }, "push");
  });
  if (select) {
    select.addEventListener("change", function () {
      show({ preset: current.preset, value: +select.value }, "push");
    });
  }
  window.addEventListener("popstate", function () {
    show(parse(location.search), "");
  });

  var asked = parse(location.search);
  if (asked.preset !== 0 || asked.value !== 0) {
    show(asked, "");
  } else {
    document.documentElement.setAttribute("data-view", "");
  }
})();
