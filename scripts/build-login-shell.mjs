// Writes target/shell/login-shell.js: frontend/js/login-shell.js with the texts its login form
// shows, in every language, taken from locales/ (index.html inlines it at build time).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const KEYS = [
  'app.title', 'app.tagline', 'nav.language', 'login.title', 'login.intro', 'login.username',
  'login.password', 'login.submit', 'login.submitting', 'error.invalid_credentials',
  'error.too_many_attempts', 'error.validation_failed', 'error.csrf_rejected', 'error.network',
  'error.internal', 'error.malformed_request',
];
const texts = {};
for (const lang of ['en', 'km', 'zh']) {
  const catalogue = JSON.parse(readFileSync(`locales/${lang}.json`, 'utf8'));
  texts[lang] = Object.fromEntries(KEYS.map((key) => {
    if (catalogue[key] === undefined) throw new Error(`locales/${lang}.json lacks ${key}`);
    return [key, catalogue[key]];
  }));
}
const script = readFileSync('frontend/js/login-shell.js', 'utf8')
  .replace('/* texts */ null', () => JSON.stringify(texts));
if (!script.includes('"login.title"')) throw new Error('frontend/js/login-shell.js lacks its texts placeholder');
mkdirSync('target/shell', { recursive: true });
writeFileSync('target/shell/login-shell.js', script);
