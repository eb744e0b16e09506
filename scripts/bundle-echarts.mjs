// Bundles frontend/js/echarts-charts.js with the npm packages into
// target/echarts/echarts-charts.js, minified, for Trunk to copy into dist/. Runs offline: only
// what `npm ci` installed is read.
import { build } from 'esbuild';

await build({
  entryPoints: ['frontend/js/echarts-charts.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome90', 'firefox90', 'safari14'],
  legalComments: 'none',
  outfile: 'target/echarts/echarts-charts.js',
  logLevel: 'warning',
});
