// dashsmith: the light/dark theme toggle.
//
// The page's <head> sets <html data-theme="dark|light"> before it paints:
// the reader's stored choice, else the system's. The toggle button stores
// the other theme; while no choice is stored, the page follows the system
// as it changes. Each change dispatches a "dashsmith:theme" event on the
// document ({detail: {theme: "dark"}}), so scripts that draw (charts) can
// redraw in the new colours.
(function () {
  "use strict";

  var root = document.documentElement;
  var key = "dashsmith-theme";

  function theme() {
    return root.getAttribute("data-theme") === "dark" ? "dark" : "light";
  }

  function stored() {
    try {
      return localStorage.getItem(key);
    } catch (e) {
      return null; // storage blocked: the toggle still works for this page
    }
  }

  function sync() {
    var buttons = document.querySelectorAll(".ds-theme");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", theme() === "dark" ? "true" : "false");
    }
  }

  function apply(t) {
    if (t === theme()) {
      return;
    }
    root.setAttribute("data-theme", t);
    sync();
    var ev;
    try {
      ev = new CustomEvent("dashsmith:theme", { bubbles: true, detail: { theme: t } });
    } catch (e) {
      return; // very old browsers: no event, the colours still change
    }
    document.dispatchEvent(ev);
  }

  document.addEventListener("click", function (e) {
    var button = e.target && e.target.closest ? e.target.closest(".ds-theme") : null;
    if (!button) {
      return;
    }
    var t = theme() === "dark" ? "light" : "dark";
    try {
      localStorage.setItem(key, t);
    } catch (err) {
      // not stored: the choice lasts for this page only
    }
    apply(t);
  });

  if (window.matchMedia) {
    var dark = window.matchMedia("(prefers-color-scheme: dark)");
    var follow = function () {
      var s = stored();
      if (s !== "dark" && s !== "light") {
        apply(dark.matches ? "dark" : "light");
      }
    };
    if (dark.addEventListener) {
      dark.addEventListener("change", follow);
    } else if (dark.addListener) {
      dark.addListener(follow);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", sync);
  } else {
    sync();
  }
})();
