// dashsmith: draws every chart of a page with Apache ECharts.
// Each <div class="ds-echart"> names, in data-options, the id of a
// <script type="application/json"> that holds its ECharts options.
(function () {
  "use strict";

  function draw() {
    if (typeof window.echarts === "undefined") {
      return; // ECharts did not load: captions, numbers and tables remain
    }
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    var charts = [];
    var els = document.querySelectorAll(".ds-echart");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var src = document.getElementById(el.getAttribute("data-options"));
      if (!src) {
        continue;
      }
      var option = JSON.parse(src.textContent);
      if (dark) {
        option.backgroundColor = "transparent";
      }
      var chart = window.echarts.init(el, dark ? "dark" : null);
      chart.setOption(option);
      charts.push(chart);
    }
    window.addEventListener("resize", function () {
      for (var j = 0; j < charts.length; j++) {
        charts[j].resize();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
