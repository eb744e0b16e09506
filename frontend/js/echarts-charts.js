// The part of ECharts the app draws with: bar and line charts on a grid, with tooltip and
// legend, on canvas. Bundled at build time (scripts/bundle-echarts.mjs) from the npm package
// and loaded by the app the first time a page shows a chart; charming finds it as
// `window.echarts`.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
window.echarts = echarts;
