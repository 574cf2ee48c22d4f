// Real-browser tests of the web portal and the analysts' console (issue 7), driven through
// Playwright (playwright-core) in Debian's Chromium, against a server with the demo data set.
// Run by tests/browser/run.sh, which starts the server and sets the environment:
//   BASE_URL     http://127.0.0.1:PORT
//   ANALYST      an analyst's sign-in name (phantich.an), PASSWORD its password,
//   TOTP_SECRET  its base32 TOTP secret (as `binhyen demo` prints them)
//   ADMIN, ADMIN_TOTP_SECRET  the admin (quantri; same password), for the admins' pages
//   ARTIFACTS    directory for screenshots and results.json
// Pages and labels: the markup contract of the portal (Vietnamese names). Exit code 0 when every
// step passed, 1 otherwise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { Check, Sleep, SlugOf, Steps } from './lib/harness.mjs';
import { SecondsLeftInStep, Totp } from './lib/totp.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const kAxePath = path.join(here, 'node_modules', 'axe-core', 'axe.min.js');

function Env(name) {
  const v = process.env[name];
  if (!v) {
    console.error(`portal.test: environment variable ${name} is not set (run tests/browser/run.sh)`);
    process.exit(2);
  }
  return v;
}
const kBase = Env('BASE_URL').replace(/\/$/, '');
const kAnalyst = Env('ANALYST');
const kPassword = Env('PASSWORD');
const kTotpSecret = Env('TOTP_SECRET');
const kAdmin = Env('ADMIN');
const kAdminTotpSecret = Env('ADMIN_TOTP_SECRET');
const kArtifacts = Env('ARTIFACTS');

// Links the demo data set does not list (one per flow, so each starts from "unknown"). Not
// under .example: a name without a public suffix is no link, and the check reads it as a message.
const kLink = 'http://qua-tang-tri-an.top/nhan-qua';
const kLinkNoJs = 'http://nhan-thuong-tet.top/dang-ky';

const kPhone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const kDesktop = { viewport: { width: 1280, height: 800 } };
const kLocale = { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };

const kCheckLabel = 'Kiểm tra đường link, số điện thoại, số tài khoản hoặc tin nhắn';
const kReceiptPattern = /^BY-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

// State shared between the steps.
const state = {
  receipt: null,     // the receipt code of the report of step 2
  reportId: null,    // its id in the console (step 3)
  warningPath: null, // "/canh-bao/{slug}" of one published warning
  screenshotPng: null,
};

// The URL of `p` (a path) on the server under test.
function Url(p) {
  return kBase + p;
}

// Opens `p` in `page`; throws unless the answer is 200 and (for the console) not a redirect to
// the sign-in page.
async function Open(page, p) {
  const response = await page.goto(Url(p), { waitUntil: 'load' });
  Check(response !== null, `GET ${p}: no response`);
  Check(response.status() === 200, `GET ${p}: HTTP ${response.status()}, want 200`);
  const landed = new URL(page.url());
  Check(landed.pathname !== '/login' || p.startsWith('/login'),
        `GET ${p}: redirected to ${landed.pathname}${landed.search}`);
  return response;
}

// Records CSP violations and uncaught script errors of `page` into `sink` (an array).
function WatchErrors(page, sink) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) {
      sink.push(`${page.url()}: CSP violation: ${msg.text()}`);
    }
  });
  page.on('pageerror', (e) => sink.push(`${page.url()}: script error: ${e.message}`));
}

// Makes a PNG "screenshot of a scam message" with Chromium itself: a small page with
// Vietnamese text, rendered and captured.
async function MakeScreenshotPng(browser, file) {
  const context = await browser.newContext({ viewport: { width: 360, height: 300 } });
  const page = await context.newPage();
  await page.setContent(`<!doctype html><html lang="vi"><meta charset="utf-8">
    <body style="font:18px sans-serif;margin:16px;background:#e9f3ff">
    <p style="background:#fff;border-radius:12px;padding:12px">Chúc mừng quý khách đã trúng
    thưởng quà tri ân! Nhận quà tại: ${kLink} trước 24 giờ hôm nay.</p></body></html>`);
  await page.screenshot({ path: file });
  await context.close();
  const bytes = fs.readFileSync(file);
  Check(bytes.subarray(1, 4).toString() === 'PNG', 'the generated screenshot is not a PNG');
}

// Runs `action` (a click or key press that submits a form) and waits until the next document
// of `page` has loaded.
async function SubmitAndWait(page, action) {
  const navigated = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
  await action();
  await navigated;
  await page.waitForLoadState('load');
}

// Types `value` into the check form on / and presses "Kiểm tra"; returns data-verdict.
async function CheckThroughForm(page, value) {
  await Open(page, '/');
  await page.getByLabel(kCheckLabel).fill(value);
  await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/kiem-tra');
  Check(new URL(page.url()).searchParams.get('q') === value,
        `the check page's q is ${new URL(page.url()).searchParams.get('q')}, want ${value}`);
  const verdict = page.locator('#verdict');
  return verdict.getAttribute('data-verdict');
}

// Fills and sends the report form (from the check page of `link`, through its "Báo cáo" link);
// returns the receipt code. `anonymous`: tick "Gửi ẩn danh" instead of giving a contact.
async function ReportThroughForm(page, link, { anonymous }) {
  const reportLink = page.locator('#main').getByRole('link', { name: /Báo cáo/ })
                         .and(page.locator('[href^="/bao-cao?"]')).first();
  await reportLink.click();
  await page.waitForURL((u) => u.pathname === '/bao-cao');
  await page.getByLabel('Loại lừa đảo').selectOption('phishing');
  await page.getByLabel('Chuyện gì đã xảy ra?').fill(
      'Tôi nhận được tin nhắn báo trúng quà tri ân, bấm vào đường link thì trang web đòi nhập ' +
      'số tài khoản và mã OTP.');
  await page.getByLabel(/^Đường link/).fill(link);
  await page.getByLabel('Ảnh chụp màn hình').setInputFiles(state.screenshotPng);
  if (anonymous) {
    await page.getByLabel('Gửi ẩn danh').check();
  } else {
    await page.getByLabel('Họ tên').fill('Nguyễn Thị Hoa');
  }
  await page.getByLabel(/Tôi đồng ý/).check();
  await SubmitAndWait(page, () => page.getByRole('button', { name: 'Gửi báo cáo' }).click());
  const landed = new URL(page.url());
  if (!/^\/bao-cao\/BY-/.test(landed.pathname)) {
    const alert = await page.getByRole('alert').allInnerTexts().catch(() => []);
    throw new Error(`after "Gửi báo cáo": at ${landed.pathname}, want /bao-cao/BY-...; ` +
                    `alert: ${JSON.stringify(alert)}`);
  }
  const receipt = (await page.locator('#receipt-code').innerText()).trim();
  Check(kReceiptPattern.test(receipt), `receipt code ${JSON.stringify(receipt)} is malformed`);
  Check(decodeURIComponent(landed.pathname) === `/bao-cao/${receipt}`,
        `receipt page ${landed.pathname} does not match code ${receipt}`);
  const status = await page.locator('#status').getAttribute('data-status');
  Check(status === 'received', `data-status=${status}, want received`);
  return receipt;
}

// The public pages and console pages to screenshot and audit (those known so far).
function PublicPages() {
  const pages = ['/', `/kiem-tra?q=${encodeURIComponent(kLink)}`, '/bao-cao'];
  if (state.receipt) pages.push(`/bao-cao/${state.receipt}`);
  pages.push('/canh-bao');
  if (state.warningPath) pages.push(state.warningPath);
  pages.push('/dinh-chinh', '/huong-dan', '/thong-ke', '/khieu-nai', '/rieng-tu', '/gioi-thieu');
  return pages;
}
// The console's pages as [path, who]: analysts triage; the audit log and users are admins' only.
function ConsolePages() {
  const pages = [['/quan-tri', 'analyst']];
  if (state.reportId) pages.push([`/quan-tri/bao-cao/${state.reportId}`, 'analyst']);
  pages.push(['/quan-tri/canh-bao', 'analyst'], ['/quan-tri/chi-dau', 'analyst'],
             ['/quan-tri/khieu-nai', 'analyst'], ['/quan-tri/nhat-ky', 'admin'],
             ['/quan-tri/nguoi-dung', 'admin']);
  return pages;
}

// [context, path] for every page of steps 5-7, in new contexts made with `options`: the
// public pages, and the console's in contexts carrying the sessions of `sessions`
// ({analyst, admin}: storage states, null when that sign-in failed; its pages are then
// reported through `fail`).
async function PageTargets(newContext, options, sessions, fail) {
  const pub = await newContext(options);
  const targets = PublicPages().map((p) => [pub, p]);
  const consoles = {};
  for (const [p, who] of ConsolePages()) {
    if (!sessions[who]) {
      fail(`${p}: not opened, the ${who} is not signed in`);
      continue;
    }
    if (!consoles[who]) {
      consoles[who] = await newContext({ ...options, storageState: sessions[who] });
    }
    targets.push([consoles[who], p]);
  }
  return targets;
}

// Signs in on the sign-in page open in `page` with `name` and a fresh TOTP code of `secret`;
// returns the page's path afterwards. Throws with the page's error when refused.
async function SignIn(page, name, secret) {
  await page.getByLabel('Tên đăng nhập').fill(name);
  await page.getByLabel('Mật khẩu').fill(kPassword);
  // A code about to expire could reach the server in the next step: wait for a fresh one.
  let now = Math.floor(Date.now() / 1000);
  if (SecondsLeftInStep(now) < 3) {
    await Sleep(SecondsLeftInStep(now) * 1000 + 200);
    now = Math.floor(Date.now() / 1000);
  }
  await page.getByLabel(/^Mã xác thực/).fill(Totp(secret, now));
  await SubmitAndWait(page, () => page.getByRole('button', { name: 'Đăng nhập' }).click());
  const landed = new URL(page.url());
  if (landed.pathname === '/login') {
    const error = await page.locator('.error, [role="alert"]').allInnerTexts();
    throw new Error(`sign-in of ${name} refused: ${JSON.stringify(error)}`);
  }
  return landed.pathname;
}

// Opens the console page `p` signed out: expects the redirect to /login?next=p.
async function ExpectSignInRedirect(page, p) {
  await page.goto(Url(p));
  const login = new URL(page.url());
  Check(login.pathname === '/login' && login.searchParams.get('next') === p,
        `at ${login.pathname}${login.search}, want /login?next=${p}`);
}

// The path of one published warning, from the list on /canh-bao.
async function FindWarning(page) {
  await Open(page, '/canh-bao');
  const hrefs = await page.locator('#main a[href^="/canh-bao/"]').evaluateAll(
      (as) => as.map((a) => a.getAttribute('href')));
  const warning = hrefs.find((h) => /^\/canh-bao\/[^/?#]+$/.test(h));
  Check(warning !== undefined, `no link to a warning on /canh-bao (links: ${hrefs.join(' ')})`);
  return warning;
}

// Runs axe-core on the open page; returns the serious and critical violations as text lines.
async function AxeViolations(page) {
  await page.addScriptTag({ path: kAxePath });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => {
        const why = (n.any[0] && n.any[0].message) || '';
        return n.target.join(' ') + (why ? ` — ${why.slice(0, 240)}` : '');
      }),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n` +
                  v.targets.map((t) => `    at ${t}`).join('\n'));
}

async function Main() {
  fs.mkdirSync(kArtifacts, { recursive: true });
  const steps = new Steps(kArtifacts);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'binhyen-browser-'));
  state.screenshotPng = path.join(tmp, 'tin-nhan-lua-dao.png');
  const started = Date.now();

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--no-proxy-server'],
  });
  console.log(`Chromium ${browser.version()} against ${kBase}; artefacts in ${kArtifacts}`);
  const contexts = [];
  const NewContext = async (options) => {
    const c = await browser.newContext({ ...kLocale, ...options });
    c.setDefaultTimeout(10000);
    c.setDefaultNavigationTimeout(15000);
    contexts.push(c);
    return c;
  };

  try {
    await steps.Run('0', 'TOTP matches the RFC 6238 test vectors; a screenshot PNG is made',
                    async () => {
      const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';  // "12345678901234567890"
      const vectors = [[59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
                       [1234567890, '89005924'], [2000000000, '69279037'],
                       [20000000000, '65353130']];
      for (const [t, want] of vectors) {
        const got = Totp(secret, t, { digits: 8 });
        Check(got === want, `TOTP at ${t}: ${got}, want ${want}`);
      }
      await MakeScreenshotPng(browser, state.screenshotPng);
    });

    const resident = await NewContext(kPhone);
    const residentPage = await resident.newPage();
    const flowErrors = [];  // CSP violations and script errors during the flows (step 5 reports)
    WatchErrors(residentPage, flowErrors);

    await steps.Run('1', 'resident (phone, 360x740) checks an unlisted link: "unknown"',
                    async (ctx) => {
      ctx.page = residentPage;
      const verdict = await CheckThroughForm(residentPage, kLink);
      Check(verdict === 'unknown', `data-verdict=${verdict}, want unknown`);
      const h1 = (await residentPage.locator('#verdict h1').innerText()).trim();
      Check(h1.includes('Chưa có cảnh báo'), `h1 "${h1}", want "Chưa có cảnh báo"`);
    });

    await steps.Run('2', 'resident reports it with a screenshot: receipt, "received"',
                    async (ctx) => {
      ctx.page = residentPage;
      state.receipt = await ReportThroughForm(residentPage, kLink, { anonymous: false });
      console.log(`        receipt ${state.receipt}`);
      await residentPage.screenshot(
          { path: path.join(kArtifacts, 'flow-360-receipt.png'), fullPage: true });
    }, { needs: ['0', '1'] });

    const analyst = await NewContext(kDesktop);
    const analystPage = await analyst.newPage();
    WatchErrors(analystPage, flowErrors);

    await steps.Run('3a', 'analyst (1280x800) opens /quan-tri, is sent to /login, signs in with ' +
                    'TOTP and lands on the queue', async (ctx) => {
      ctx.page = analystPage;
      await ExpectSignInRedirect(analystPage, '/quan-tri');
      await analystPage.screenshot({ path: path.join(kArtifacts, 'flow-1280-login.png') });
      const landed = await SignIn(analystPage, kAnalyst, kTotpSecret);
      Check(landed === '/quan-tri', `after sign-in at ${landed}, want /quan-tri`);
    });

    const admin = await NewContext(kDesktop);
    await steps.Run('3c', 'admin opens /quan-tri/nhat-ky (audit log), signs in with TOTP and ' +
                    'lands on it', async (ctx) => {
      const page = await admin.newPage();
      ctx.page = page;
      await ExpectSignInRedirect(page, '/quan-tri/nhat-ky');
      const landed = await SignIn(page, kAdmin, kAdminTotpSecret);
      Check(landed === '/quan-tri/nhat-ky', `after sign-in at ${landed}, want /quan-tri/nhat-ky`);
      await page.close();
    });

    await steps.Run('3b', 'analyst finds the report in the queue, opens it and confirms it ' +
                    '(phishing, high)', async (ctx) => {
      ctx.page = analystPage;
      const row = analystPage.locator('tr[data-report-id]').filter(
          { has: analystPage.getByRole('link', { name: state.receipt }) });
      if (await row.count() === 0) {
        // Not on the first page of the queue: "/" focuses the search field (keyboard contract).
        console.log(`        ${state.receipt} not on the first page: searching for it`);
        await analystPage.keyboard.press('/');
        const tag = await analystPage.evaluate(() => document.activeElement.tagName);
        Check(tag === 'INPUT', `"/" focused a ${tag}, want the search field`);
        await analystPage.keyboard.type(state.receipt);
        await SubmitAndWait(analystPage, () => analystPage.keyboard.press('Enter'));
      }
      Check(await row.count() === 1, `${await row.count()} queue rows with ${state.receipt}`);
      state.reportId = await row.getAttribute('data-report-id');
      await row.getByRole('link', { name: state.receipt }).click();
      await analystPage.waitForURL((u) => u.pathname === `/quan-tri/bao-cao/${state.reportId}`);
      const form = analystPage.locator('#confirm-form');
      await form.locator('select[name="category"]').selectOption('phishing');
      await form.locator('select[name="severity"]').selectOption('high');
      await form.locator('textarea[name="public_note"]').fill(
          'Trang giả mạo chương trình tri ân khách hàng để lấy mã OTP. Không bấm vào đường link.');
      await SubmitAndWait(analystPage,
                          () => form.getByRole('button', { name: 'Xác nhận lừa đảo' }).click());
      const landed = new URL(analystPage.url());
      Check(landed.pathname === `/quan-tri/bao-cao/${state.reportId}`,
            `after confirming at ${landed.pathname}, want the report's page`);
      const message = (await analystPage.getByRole('status').allInnerTexts()).join(' ').trim();
      Check(message.length > 0, 'no role="status" message after confirming');
      console.log(`        report ${state.reportId}: "${message}"`);
      await analystPage.screenshot(
          { path: path.join(kArtifacts, 'flow-1280-confirmed.png'), fullPage: true });
    }, { needs: ['2', '3a'] });

    await steps.Run('4', 'resident checks the link again: "dangerous"; the receipt says ' +
                    '"confirmed"', async (ctx) => {
      ctx.page = residentPage;
      // The reputation index is rebuilt within ~250 ms of a change: retry for up to 5 s.
      const deadline = Date.now() + 5000;
      let verdict = await CheckThroughForm(residentPage, kLink);
      while (verdict !== 'dangerous' && Date.now() < deadline) {
        await Sleep(250);
        await residentPage.reload({ waitUntil: 'load' });
        verdict = await residentPage.locator('#verdict').getAttribute('data-verdict');
      }
      Check(verdict === 'dangerous', `data-verdict=${verdict} after 5 s, want dangerous`);
      const h1 = (await residentPage.locator('#verdict h1').innerText()).trim();
      Check(h1.includes('Nguy hiểm'), `h1 "${h1}", want "Nguy hiểm"`);
      await Open(residentPage, `/bao-cao/${state.receipt}`);
      const status = await residentPage.locator('#status').getAttribute('data-status');
      Check(status === 'confirmed', `data-status=${status}, want confirmed`);
    }, { needs: ['3b'] });

    await steps.Run('8', 'without JavaScript: check ("unknown") and report (receipt, ' +
                    '"received") still work', async (ctx) => {
      const noJs = await NewContext({ ...kPhone, javaScriptEnabled: false });
      const page = await noJs.newPage();
      ctx.page = page;
      const verdict = await CheckThroughForm(page, kLinkNoJs);
      Check(verdict === 'unknown', `data-verdict=${verdict}, want unknown`);
      const receipt = await ReportThroughForm(page, kLinkNoJs, { anonymous: true });
      console.log(`        receipt ${receipt}`);
    }, { needs: ['0'] });

    // Steps 5-7 visit the public pages, and the console's with the sessions of steps 3a, 3c.
    const sessions = async () => ({
      analyst: steps.Passed('3a') ? await analyst.storageState() : null,
      admin: steps.Passed('3c') ? await admin.storageState() : null,
    });
    // Calls `visit(page, path, width)` on every page at each of `widths` ([width, options]): one
    // browser page per context; `extra`: more context options; `errors`: an array to collect
    // CSP violations and script errors in, or null. Failures go to ctx.fail, prefixed.
    const VisitAll = async (ctx, widths, extra, visit, errors = null) => {
      const signedIn = await sessions();
      for (const [width, options] of widths) {
        const targets = await PageTargets(NewContext, { ...options, ...extra }, signedIn,
                                          (m) => ctx.fail(`${width} px ${m}`));
        const pages = new Map();
        for (const [c, target] of targets) {
          if (!pages.has(c)) {
            const fresh = await c.newPage();
            if (errors) WatchErrors(fresh, errors);
            pages.set(c, fresh);
          }
          const p = pages.get(c);
          ctx.page = p;
          try {
            await Open(p, target);
            await visit(p, target, width);
          } catch (e) {
            ctx.fail(`${width} px ${target}: ${e.message.split('\n')[0]}`);
          }
        }
      }
    };
    const kBothWidths = [[360, kPhone], [1280, kDesktop]];

    await steps.Run('5', 'screenshots of every public and console page at 360 and 1280 px ' +
                    '(HTTP 200, no CSP violation, no script error)', async (ctx) => {
      try {
        state.warningPath = await FindWarning(residentPage);
      } catch (e) {
        ctx.fail(`finding a warning: ${e.message}`);
      }
      const errors = [];
      await VisitAll(ctx, kBothWidths, {}, async (p, target, width) => {
        await p.screenshot(
            { path: path.join(kArtifacts, `${width}-${SlugOf(target)}.png`), fullPage: true });
      }, errors);
      for (const e of new Set([...flowErrors, ...errors])) ctx.fail(e);
    });

    await steps.Run('7', 'every page at 360 px has no horizontal scroll', async (ctx) => {
      await VisitAll(ctx, [[360, kPhone]], {}, async (p, target) => {
        const m = await p.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
          client: document.documentElement.clientWidth,
        }));
        // innerWidth grows on a phone when the page is wider than the screen: 360 is the bound.
        Check(m.scroll <= Math.min(m.inner, 360) + 1,
              `scrollWidth ${m.scroll} > innerWidth ${m.inner} (clientWidth ${m.client})`);
      });
    });

    await steps.Run('6', 'axe-core: no serious or critical violation on any page (360 and ' +
                    '1280 px)', async (ctx) => {
      let audits = 0;
      // bypassCSP lets axe's script in; the pages themselves allow no inline script.
      await VisitAll(ctx, kBothWidths, { bypassCSP: true }, async (p, target, width) => {
        const violations = await AxeViolations(p);
        audits++;
        for (const v of violations) ctx.fail(`${width} px ${target}: ${v}`);
      });
      console.log(`        ${audits} page audits run`);
    });
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const code = steps.Summary();
  console.log(`browser suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}

Main().then((code) => process.exit(code), (e) => {
  console.error(`portal.test: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
