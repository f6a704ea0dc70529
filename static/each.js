// dashsmith: the list of a template's values (plugins/each).
//
// A list page holds a table of values, each linked to its page, and their
// events over the template's range, 500 a page. This script shows the
// filter box: typing part of a name (any case) shows the values that hold
// it from the whole list, not only this page, read from the list's index
// file (values.js beside the list's first page, loaded with a <script>
// element the first time, so it works from file:// with no server). At
// most 500 matches are shown, with a line that says how many more there
// are. Clicking a column's header (a button, so the keyboard reaches it)
// sorts the rows shown by it, again to reverse. Without JavaScript the
// page keeps its static order and its links to the other pages.
(function () {
  "use strict";

  var MAX = 500;

  function commas(n) {
    var s = String(n);
    if (!/^-?\d+$/.test(s)) {
      return s;
    }
    return s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function setup(list) {
    var form = list.querySelector(".ds-list-find");
    var input = list.querySelector(".ds-list-find input");
    var status = list.querySelector(".ds-list-status");
    var table = list.querySelector("table");
    var pager = list.querySelector(".ds-pager");
    if (!form || !input || !table || !table.tBodies.length) {
      return;
    }
    var body = table.tBodies[0];
    var base = list.getAttribute("data-base") || "";
    var indexURL = list.getAttribute("data-index");
    var original = Array.prototype.slice.call(body.rows);
    var originalStatus = status ? status.textContent : "";
    var sortCol = -1; // the column sorted by, once a header is clicked
    var sortAsc = true;
    var loading = false;
    var lowered = null;

    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }

    // A cell's sort key, as the charts' tables have it: its data-value,
    // else its text; numbers as numbers.
    function keyOf(row, col) {
      var c = row.cells[col];
      var v = c ? c.getAttribute("data-value") || c.textContent : "";
      var n = Number(v);
      return v !== "" && !isNaN(n) ? n : v;
    }

    function compare(x, y) {
      return typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    }

    // sortRows orders the rows shown by the column clicked, ties by the
    // other column.
    function sortRows() {
      if (sortCol < 0) {
        return;
      }
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var d = compare(keyOf(a, sortCol), keyOf(b, sortCol));
        if (d === 0) {
          d = compare(keyOf(a, 1 - sortCol), keyOf(b, 1 - sortCol));
        }
        return sortAsc ? d : -d;
      });
      var frag = document.createDocumentFragment();
      for (var i = 0; i < rows.length; i++) {
        frag.appendChild(rows[i]);
      }
      body.appendChild(frag);
    }

    function show(rows) {
      while (body.firstChild) {
        body.removeChild(body.firstChild);
      }
      var frag = document.createDocumentFragment();
      for (var i = 0; i < rows.length; i++) {
        frag.appendChild(rows[i]);
      }
      body.appendChild(frag);
      sortRows();
    }

    function rowOf(v) {
      var tr = document.createElement("tr");
      var name = document.createElement("td");
      var a = document.createElement("a");
      a.setAttribute("href", base + v[1]);
      a.textContent = v[0];
      name.appendChild(a);
      var total = document.createElement("td");
      total.setAttribute("data-value", String(v[2]));
      total.textContent = commas(v[2]);
      tr.appendChild(name);
      tr.appendChild(total);
      return tr;
    }

    function filter() {
      var q = input.value.replace(/^\s+|\s+$/g, "").toLowerCase();
      if (q === "") {
        show(original);
        if (pager) pager.hidden = false;
        say(originalStatus);
        return;
      }
      var all = window.dashsmithEach;
      if (!all) {
        load();
        return;
      }
      if (!lowered) { // once: the names in lower case, for every search after
        lowered = new Array(all.length);
        for (var j = 0; j < all.length; j++) {
          lowered[j] = String(all[j][0]).toLowerCase();
        }
      }
      var rows = [], count = 0;
      for (var i = 0; i < all.length; i++) {
        if (lowered[i].indexOf(q) >= 0) {
          count++;
          if (rows.length < MAX) {
            rows.push(rowOf(all[i]));
          }
        }
      }
      show(rows);
      if (pager) pager.hidden = true;
      if (count === 0) {
        say("No value holds \u201c" + input.value + "\u201d.");
      } else if (count <= MAX) {
        say(commas(count) + (count === 1 ? " value matches." : " values match."));
      } else {
        say("The first " + commas(MAX) + " of " + commas(count) + " matches: " + commas(count - MAX) + " more, type more of the name.");
      }
    }

    function load() {
      if (loading || !indexURL) {
        return;
      }
      loading = true;
      say("Loading the list of values\u2026");
      var s = document.createElement("script");
      s.src = indexURL;
      s.onload = function () {
        loading = false;
        filter();
      };
      s.onerror = function () {
        loading = false;
        say("The list of values could not be loaded: this page's rows are all there is to filter.");
      };
      document.head.appendChild(s);
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
    });
    input.addEventListener("input", filter);
    form.hidden = false;

    // Each column header becomes a button, as in the charts' tables: a
    // click sorts the rows shown by it, a second click the other way.
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ds-sort";
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      th.appendChild(button);
      if (!th.hasAttribute("aria-sort")) {
        th.setAttribute("aria-sort", "none");
      }
      button.addEventListener("click", function () {
        sortAsc = th.getAttribute("aria-sort") !== "ascending";
        sortCol = col;
        Array.prototype.forEach.call(heads, function (h) {
          h.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", sortAsc ? "ascending" : "descending");
        sortRows();
      });
    });
  }

  function init() {
    var lists = document.querySelectorAll(".ds-list");
    for (var i = 0; i < lists.length; i++) {
      setup(lists[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
