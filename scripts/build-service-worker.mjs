// Writes the service worker into the built web app (Trunk's staging folder during a build,
// `dist/` otherwise): frontend/js/service-worker.js bundled with Workbox, with the list of every
// file to precache and its revision (hashed file names are their own revision).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = process.env.TRUNK_STAGING_DIR || 'dist';
const HASHED = /-[0-9a-f]{12,}(_bg)?\.[a-z0-9]+$/;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// The stylesheets name the font files the app uses; the font package ships every weight.
const css = files(root).filter((path) => path.endsWith('.css')).map((path) => readFileSync(path, 'utf8')).join('\n');
const usedFont = (path) => !path.includes('/files/') || css.includes(`files/${path.split('/').pop()}`);

const manifest = files(root)
  .filter((path) => !/\.(br|gz)$/.test(path) && !path.endsWith('sw.js') && usedFont(path))
  .map((path) => {
    const url = `/${relative(root, path).split('\\').join('/')}`;
    const revision = HASHED.test(url)
      ? null
      : createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
    return { url, revision };
  })
  .sort((a, b) => a.url.localeCompare(b.url));

await build({
  entryPoints: ['frontend/js/service-worker.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome90', 'firefox90', 'safari14'],
  legalComments: 'none',
  define: { 'self.__WB_MANIFEST': JSON.stringify(manifest), 'process.env.NODE_ENV': '"production"' },
  outfile: join(root, 'sw.js'),
  logLevel: 'warning',
});
