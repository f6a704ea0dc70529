// dashsmith: draws every chart of a page with Apache ECharts, and makes
// data tables sortable. Each <div class="ds-echart"> names, in
// data-options, the id of a <script type="application/json"> that holds
// its ECharts options; data-format says how to write its values
// (number, percent, currency, compact, duration) and data-kind what it
// is (axis, pie, heatmap). A currency axis whose values reach $100 drops
// the cents from its labels ($1,250); below $100 it keeps them ($12.50);
// tooltips keep the cents. Without this script, or without ECharts, every chart's
// data table stays open under its caption.
(function () {
  "use strict";

  var whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

  // seconds writes a number of seconds as build.Seconds does: "45 s",
  // "1 min 30 s", "33 h 20 min".
  function seconds(s) {
    if (!isFinite(s)) {
      return String(s);
    }
    var sign = s < 0 ? "-" : "";
    s = Math.abs(s);
    var r = Math.round(s * 10) / 10;
    if (r < 59.95) {
      return r === 0 ? "0 s" : sign + r + " s";
    }
    if (Math.round(s) < 3600) {
      var t = Math.round(s);
      return sign + Math.floor(t / 60) + " min" + (t % 60 ? " " + (t % 60) + " s" : "");
    }
    if (s / 3600 >= 1e12) {
      return sign + (s / 3600).toPrecision(3) + " h";
    }
    var m = Math.round(s / 60);
    return sign + whole.format(Math.floor(m / 60)) + " h" + (m % 60 ? " " + (m % 60) + " min" : "");
  }

  var formats = {
    number: new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }),
    percent: new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }),
    currency: new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }),
    // dollars is currency on an axis that reaches $100: "$1,250", no cents.
    dollars: new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0, minimumFractionDigits: 0 }),
    compact: new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }),
    duration: { format: seconds }
  };

  function formatter(name) {
    var f = formats[name] || formats.number;
    return function (v) {
      return typeof v === "number" ? f.format(v) : String(v);
    };
  }

  function escapeHTML(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  function valueOf(p) {
    var v = p.value;
    if (Array.isArray(v)) {
      v = v[v.length - 1];
    }
    return v;
  }

  // The axis tooltip lists each series once: a series and its dashed
  // partial tail share a name, and buckets without data are skipped.
  function axisTooltip(fmt) {
    return function (params) {
      var seen = {};
      var out = params.length ? escapeHTML(params[0].axisValueLabel) : "";
      for (var i = 0; i < params.length; i++) {
        var p = params[i];
        var v = valueOf(p);
        if (seen[p.seriesName] || v === "-" || v === null || v === undefined) {
          continue;
        }
        seen[p.seriesName] = true;
        out += "<br>" + p.marker + escapeHTML(p.seriesName) + ": <b>" + escapeHTML(fmt(v)) + "</b>";
      }
      return out;
    };
  }

  function decorate(option, kind, fmt) {
    option.tooltip = option.tooltip || {};
    if (kind === "axis") {
      option.tooltip.formatter = axisTooltip(fmt);
      (option.yAxis || []).forEach(function (axis) {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.formatter = fmt;
      });
    } else if (kind === "pie") {
      option.tooltip.formatter = function (p) {
        return p.marker + escapeHTML(p.name) + ": <b>" + escapeHTML(fmt(p.value)) + "</b> (" + Math.round(p.percent) + "%)";
      };
      (option.series || []).forEach(function (s) {
        s.label = s.label || {};
        s.label.lineHeight = 16;
        s.label.formatter = function (p) {
          return p.name + "\n" + Math.round(p.percent) + "%"; // drawn on the canvas, not HTML
        };
      });
    } else if (kind === "heatmap") {
      option.tooltip.formatter = function (p) {
        var v = p.value;
        var days = option.yAxis[0].data;
        return escapeHTML(days[v[1]]) + " " + escapeHTML(option.xAxis[0].data[v[0]]) + ":00: <b>" + escapeHTML(fmt(v[2])) + "</b>";
      };
      (option.visualMap || []).forEach(function (vm) {
        vm.formatter = fmt;
      });
    }
  }

  // setValueAxes sets, for each value axis of chart, the options that
  // change(extent) returns for it from the extent ECharts laid it out
  // with; null leaves an axis as it is. It redraws only when one changed.
  function setValueAxes(chart, change) {
    var axes = chart.getOption().yAxis || [];
    var update = [];
    var changed = false;
    for (var i = 0; i < axes.length; i++) {
      var model = chart.getModel().getComponent("yAxis", i);
      var extent = model && model.axis ? model.axis.scale.getExtent() : [0, 0];
      var u = change(extent);
      update.push(u || {});
      changed = changed || !!u;
    }
    if (changed) {
      chart.setOption({ yAxis: update });
    }
  }

  // dropCents writes a currency chart's value axes in whole dollars when
  // the axis, as ECharts laid it out, reaches $100 either way.
  function dropCents(chart) {
    setValueAxes(chart, function (extent) {
      if (Math.max(Math.abs(extent[0]), Math.abs(extent[1])) >= 100) {
        return { axisLabel: { formatter: formatter("dollars") } };
      }
      return null;
    });
  }

  // dollars writes a currency chart's value axes in whole dollars from
  // the start when its data reaches $100 (so its axis does too), and
  // reports whether it did; an axis that ECharts may yet stretch past $100
  // is left to dropCents, which reads the extent it laid out and draws the
  // chart a second time.
  function dollars(option) {
    var top = 0;
    (option.series || []).forEach(function (s) {
      (s.data || []).forEach(function (d) {
        var v = d !== null && typeof d === "object" ? d.value : d;
        if (typeof v === "number" && Math.abs(v) > top) {
          top = Math.abs(v);
        }
      });
    });
    if (top < 100) {
      return false;
    }
    (option.yAxis || []).forEach(function (axis) {
      axis.axisLabel = axis.axisLabel || {};
      axis.axisLabel.formatter = formatter("dollars");
    });
    return true;
  }

  // steps are the intervals a duration axis ticks at, in seconds: what a
  // clock shows (15 s, 5 min, 6 h), not 20,000 s ("5 h 33 min").
  var steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

  // clockTicks puts a duration chart's value axes on steps, at most six
  // of them, the axis running from and to whole steps; beyond six days it
  // leaves ECharts' own.
  function clockTicks(chart) {
    setValueAxes(chart, function (extent) {
      var span = Math.max(Math.abs(extent[0]), Math.abs(extent[1]));
      var step = 0;
      for (var j = 0; j < steps.length && !step; j++) {
        if (span / steps[j] <= 6) {
          step = steps[j];
        }
      }
      if (step && span > 0) {
        return { interval: step, min: Math.floor(extent[0] / step) * step, max: Math.ceil(extent[1] / step) * step };
      }
      return null;
    });
  }

  var measure = null;

  // labelWidth is how wide ECharts draws an axis label: its default font,
  // 12px sans-serif, measured on a canvas of our own.
  function labelWidth(text) {
    if (!measure) {
      measure = document.createElement("canvas").getContext("2d");
    }
    if (!measure) {
      return 0;
    }
    measure.font = "12px sans-serif";
    return measure.measureText(String(text)).width;
  }

  // fitLabels keeps the first and last x-axis labels inside the chart.
  // ECharts centres each label under its bucket, and its containLabel
  // makes room for the y-axis labels but not for the half of the first
  // x-axis label left of the axis: on a phone a line chart lost the start
  // of its first date. The grid moves in by what overflows, and a little.
  function fitLabels(chart) {
    var opt = chart.getOption();
    var x = (opt.xAxis || [])[0];
    var grid = (opt.grid || [])[0];
    if (!x || x.type !== "category" || !x.data || !x.data.length || !grid) {
      return;
    }
    var n = x.data.length;
    var first = chart.convertToPixel({ xAxisIndex: 0 }, 0);
    var last = chart.convertToPixel({ xAxisIndex: 0 }, n - 1);
    var left = labelWidth(x.data[0]) / 2 - first;
    var right = last + labelWidth(x.data[n - 1]) / 2 - chart.getWidth();
    var update = {};
    if (left > 0) {
      update.left = (parseFloat(grid.left) || 0) + Math.ceil(left) + 4;
    }
    if (right > 0) {
      update.right = (parseFloat(grid.right) || 0) + Math.ceil(right) + 4;
    }
    if (update.left !== undefined || update.right !== undefined) {
      chart.setOption({ grid: [update] });
    }
  }

  // dark follows the page's theme toggle (<html data-theme>), else the
  // reader's system setting.
  function dark() {
    var theme = document.documentElement.getAttribute("data-theme");
    if (theme === "dark" || theme === "light") {
      return theme === "dark";
    }
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  // Group toggles. A chart with a legend (a breakdown's groups, a pie's
  // slices) gets it as HTML buttons under the chart instead of ECharts'
  // own, so that it works by keyboard and reads out: a click on a group
  // hides or shows it, as ECharts' legend does; its "only" button (or a
  // double click) shows that group alone, and "only" again, or "Show
  // all", shows every group. The chart's data table follows: a hidden
  // group's column (a pie's row) is hidden too, and the Total column, the
  // total of every group, says "(all groups)". Hidden groups are kept by
  // name across redraws (theme, a view swapped in).
  var hiddenGroups = {}; // by figure id: {group name: true}

  // legendItems lists a chart's legend entries once each, with colours.
  function legendItems(option, kind) {
    var out = [];
    var seen = {};
    var add = function (name, style) {
      if (name === undefined || seen[name]) {
        return;
      }
      seen[name] = true;
      out.push({ name: String(name), color: (style && style.color) || "#9ca3af" });
    };
    (option.series || []).forEach(function (s) {
      if (kind === "pie") {
        (s.data || []).forEach(function (d) {
          add(d.name, d.itemStyle);
        });
      } else {
        add(s.name, s.itemStyle || s.lineStyle);
      }
    });
    return out;
  }

  // hasLegend reports whether option shows ECharts' legend.
  function hasLegend(option) {
    var l = Array.isArray(option.legend) ? option.legend[0] : option.legend;
    return !!(l && l.show);
  }

  // ownLegend hides ECharts' legend, and keeps out of the chart the groups
  // hidden before this drawing, so that it draws once.
  function ownLegend(option, id) {
    var l = Array.isArray(option.legend) ? option.legend[0] : option.legend;
    l.show = false;
    l.selected = {};
    Object.keys(hiddenGroups[id] || {}).forEach(function (name) {
      l.selected[name] = false;
    });
    (Array.isArray(option.grid) ? option.grid : [option.grid]).forEach(function (g) {
      if (g) {
        g.bottom = "8";
      }
    });
  }

  // groupButtons puts the legend of fig's chart under it.
  function groupButtons(fig, chart, option, kind) {
    var old = fig.querySelector(".ds-legend");
    if (old) {
      old.parentNode.removeChild(old);
    }
    var id = fig.id;
    var hidden = hiddenGroups[id] = hiddenGroups[id] || {};
    var items = legendItems(option, kind);
    var names = items.map(function (it) {
      return it.name;
    });
    Object.keys(hidden).forEach(function (name) {
      if (names.indexOf(name) < 0) {
        delete hidden[name]; // a group this view does not have
      }
    });
    var box = document.createElement("div");
    box.className = "ds-legend";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Groups");
    var apply = function () {
      names.forEach(function (name) {
        chart.dispatchAction({ type: hidden[name] ? "legendUnSelect" : "legendSelect", name: name });
      });
      sync();
    };
    var sync = function () {
      var toggles = box.querySelectorAll(".ds-legend-toggle");
      for (var i = 0; i < toggles.length; i++) {
        toggles[i].setAttribute("aria-pressed", hidden[names[i]] ? "false" : "true");
      }
      all.hidden = Object.keys(hidden).length === 0;
      followTable(fig, hidden, kind);
    };
    var only = function (name) {
      var alone = names.every(function (n) {
        return n === name ? !hidden[n] : hidden[n];
      });
      names.forEach(function (n) {
        if (alone || n === name) {
          delete hidden[n];
        } else {
          hidden[n] = true;
        }
      });
      apply();
    };
    items.forEach(function (it) {
      var item = document.createElement("span");
      item.className = "ds-legend-item";
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "ds-legend-toggle";
      var swatch = document.createElement("span");
      swatch.className = "ds-swatch";
      swatch.style.background = it.color;
      toggle.appendChild(swatch);
      toggle.appendChild(document.createTextNode(it.name));
      toggle.addEventListener("click", function () {
        if (hidden[it.name]) {
          delete hidden[it.name];
        } else {
          hidden[it.name] = true;
        }
        apply();
      });
      toggle.addEventListener("dblclick", function () {
        only(it.name);
      });
      item.appendChild(toggle);
      if (it.name !== "Annotations") {
        var one = document.createElement("button");
        one.type = "button";
        one.className = "ds-legend-only";
        one.textContent = "only";
        one.setAttribute("aria-label", "Show only " + it.name);
        one.addEventListener("click", function () {
          only(it.name);
        });
        item.appendChild(one);
      }
      box.appendChild(item);
    });
    var all = document.createElement("button");
    all.type = "button";
    all.className = "ds-legend-all";
    all.textContent = "Show all";
    all.addEventListener("click", function () {
      hiddenGroups[id] = hidden = {};
      apply();
    });
    box.appendChild(all);
    var el = fig.querySelector(".ds-echart");
    el.parentNode.insertBefore(box, el.nextSibling);
    sync();
  }

  // followTable hides the columns (a pie's rows) of the hidden groups in
  // fig's data table, and says when the Total column counts them.
  function followTable(fig, hidden, kind) {
    var table = fig.querySelector(".ds-table table");
    if (!table) {
      return;
    }
    var some = Object.keys(hidden).length > 0;
    if (kind === "pie") {
      var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
      for (var r = 0; r < rows.length; r++) {
        rows[r].hidden = !!hidden[rows[r].cells[0].textContent];
      }
      return;
    }
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    for (var c = 1; c < heads.length; c++) {
      var name = heads[c].textContent.replace(/ \(all groups\)$/, "");
      if (name === "Total") {
        heads[c].toggleAttribute("data-all", some);
        continue;
      }
      var hide = !!hidden[name];
      for (var k = 0; k < table.rows.length; k++) {
        if (table.rows[k].cells[c]) {
          table.rows[k].cells[c].hidden = hide;
        }
      }
    }
  }

  var charts = [];

  // draw draws every chart of the page. A chart already drawn in the same
  // theme keeps its ECharts instance and takes its options anew, which is
  // cheaper than a new one (controls.js keeps the chart elements when it
  // swaps a view in); a change of theme draws each anew. The instances of
  // charts no longer in the page are let go.
  function draw() {
    if (typeof window.echarts === "undefined") {
      return; // ECharts did not load: captions, numbers and tables remain
    }
    var isDark = dark();
    var theme = isDark ? "dark" : "light";
    var drawn = [];
    var els = document.querySelectorAll(".ds-echart");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var src = document.getElementById(el.getAttribute("data-options"));
      if (!src) {
        continue;
      }
      var option = JSON.parse(src.textContent);
      decorate(option, el.getAttribute("data-kind"), formatter(el.getAttribute("data-format")));
      if (isDark) {
        option.backgroundColor = "transparent";
      }
      var whole = el.getAttribute("data-kind") === "axis" && el.getAttribute("data-format") === "currency" && dollars(option);
      var fig = el.closest("figure");
      var legend = fig && fig.id && hasLegend(option);
      if (legend) {
        ownLegend(option, fig.id);
      }
      var height = (parseInt(el.getAttribute("data-height"), 10) || 320) + "px";
      var chart = window.echarts.getInstanceByDom(el);
      if (chart && el.getAttribute("data-drawn") === theme) {
        if (el.style.height !== height) {
          el.style.height = height;
          chart.resize();
        }
        chart.setOption(option, true);
      } else {
        if (chart) {
          chart.dispose();
        }
        el.style.height = height;
        chart = window.echarts.init(el, isDark ? "dark" : null);
        chart.setOption(option);
      }
      if (el.getAttribute("data-kind") === "axis") {
        if (el.getAttribute("data-format") === "currency" && !whole) {
          dropCents(chart);
        } else if (el.getAttribute("data-format") === "duration") {
          clockTicks(chart);
        }
        fitLabels(chart);
      }
      if (legend) {
        groupButtons(fig, chart, option, el.getAttribute("data-kind"));
      }
      drawn.push(chart);
      el.setAttribute("data-drawn", theme);
      var details = fig && fig.querySelector("details.ds-menu");
      if (fig && !fig.hasAttribute("data-drawn")) {
        fig.setAttribute("data-drawn", "");
        if (details) {
          details.open = false; // the chart shows the data now; the table is in the menu
        }
      }
    }
    charts.forEach(function (c) {
      if (drawn.indexOf(c) < 0) {
        c.dispose();
      }
    });
    charts = drawn;
  }

  function watch() {
    window.addEventListener("resize", function () {
      for (var j = 0; j < charts.length; j++) {
        charts[j].resize();
      }
    });
    if (window.MutationObserver) {
      new MutationObserver(draw).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    }
  }

  // Sorting: each column header becomes a button; a click sorts the rows
  // by that column's data-value (numbers as numbers), a second click the
  // other way. The totals row stays in the <tfoot>.
  function sortable(table) {
    var heads = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ds-sort";
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) {
          h.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        sortRows(table.tBodies[0], col, asc);
      });
    });
  }

  function key(row, col) {
    var c = row.cells[col];
    var v = c ? c.getAttribute("data-value") || c.textContent : "";
    var n = Number(v);
    return v !== "" && !isNaN(n) ? n : v;
  }

  function sortRows(body, col, asc) {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col);
      var y = key(b, col);
      var d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return asc ? d : -d;
    });
    rows.forEach(function (r) {
      body.appendChild(r);
    });
  }

  function sortables(root) {
    var tables = root.querySelectorAll("table.ds-sortable");
    for (var i = 0; i < tables.length; i++) {
      sortable(tables[i]);
    }
  }

  // refresh is for a script that replaced the HTML inside root with new
  // charts and tables (controls.js, which switches a page's views): it
  // makes root's tables sortable and draws every chart again.
  window.dashsmithCharts = {
    refresh: function (root) {
      sortables(root);
      draw();
    }
  };

  function start() {
    sortables(document);
    draw();
    watch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
