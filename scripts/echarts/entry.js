// The ECharts that dashsmith embeds: ECharts' own core (echarts.init,
// getInstanceByDom, the "light" and "dark" themes) with only the chart
// types and components that dashsmith's chart options use, drawn on
// canvas. make update-echarts bundles it with esbuild into one minified
// script that sets window.echarts, as ECharts' full build does.
//
// window.echarts has the part of ECharts' API that pages use (charts.js)
// and that a site's own layouts may: version, init, getInstanceByDom,
// dispose and registerTheme. The rest of echarts/core (graphic, format,
// util, ...) would stay in the bundle if it were exposed.
//
// What each one is for (plugins/charts):
//   LineChart, BarChart, PieChart, HeatmapChart: the line, area, bar,
//     stacked, pie and heatmap charts, goal lines and the annotations'
//     series;
//   GridComponent: the axes of line, area, bar, stacked and heatmap;
//   TooltipComponent: every chart's tooltip (its axis pointer with it);
//   LegendComponent: the legend of a breakdown, plain or scroll (pie);
//   VisualMapContinuousComponent: the heatmap's colour scale (continuous:
//     its options have no pieces, categories or splitNumber);
//   MarkLineComponent, MarkAreaComponent: annotations, at an instant or
//     over a span;
//   CanvasRenderer: the renderer echarts.init uses by default.
//
// A chart type or component that dashsmith's options start to use must be
// added here, else ECharts draws the chart without it (it warns only in
// its development build).
import { dispose, getInstanceByDom, init, registerTheme, use, version } from "echarts/core";
import { BarChart, HeatmapChart, LineChart, PieChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

use([
  LineChart,
  BarChart,
  PieChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapContinuousComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

window.echarts = { version, init, getInstanceByDom, dispose, registerTheme };
