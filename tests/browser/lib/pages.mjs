// What every browser suite of the programme needs: its environment, page loads that must answer
// 200 without landing on the sign-in page, CSP and script errors collected, axe-core's serious
// and critical violations, and signing in with the demo password.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Check } from './harness.mjs';

const kAxePath = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules',
                           'axe-core', 'axe.min.js');

export const kPhone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
export const kDesktop = { viewport: { width: 1280, height: 800 } };
export const kLocale = { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };

// The value of environment variable `name`; exits 2 when it is unset (run.sh sets them all).
export function Env(name) {
  const v = process.env[name];
  if (!v) {
    const suite = path.basename(process.argv[1] || 'browser test');
    console.error(`${suite}: environment variable ${name} is not set (run tests/browser/run.sh)`);
    process.exit(2);
  }
  return v;
}

// The URL of `p` (a path) on the server under test.
export function Url(p) {
  return Env('BASE_URL').replace(/\/$/, '') + p;
}

// Loads `p`; fails unless it answers 200 and stays off the sign-in page.
export async function Open(page, p) {
  const response = await page.goto(Url(p), { waitUntil: 'load' });
  Check(response !== null, `GET ${p}: no response`);
  Check(response.status() === 200, `GET ${p}: HTTP ${response.status()}, want 200`);
  Check(new URL(page.url()).pathname !== '/login' || p.startsWith('/login'),
        `GET ${p}: redirected to the sign-in page`);
  return response;
}

// Pushes every CSP violation and script error of `page` onto `sink`.
export function WatchErrors(page, sink) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) {
      sink.push(`${page.url()}: CSP violation: ${msg.text()}`);
    }
  });
  page.on('pageerror', (e) => sink.push(`${page.url()}: script error: ${e.message}`));
}

// axe-core's serious and critical violations on the current page, one line each.
export async function AxeViolations(page) {
  await page.addScriptTag({ path: kAxePath });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`);
}

// Signs `name` in with the demo password (PASSWORD) and checks that it lands on `next`.
export async function SignIn(page, name, next) {
  await Open(page, `/login?next=${next}`);
  await page.getByLabel('Tên đăng nhập').fill(name);
  await page.getByLabel('Mật khẩu').fill(Env('PASSWORD'));
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                     page.getByRole('button', { name: 'Đăng nhập' }).click()]);
  Check(new URL(page.url()).pathname === next, `after sign-in at ${page.url()}, want ${next}`);
}
