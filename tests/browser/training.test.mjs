// Real-browser test of trainings (issue 8, deliverable 4), run by tests/browser/run.sh after the
// portal suite against the same demo server (env BASE_URL, PASSWORD, ARTIFACTS, DEMO_OUTPUT):
//   1  the programme admin (thuongtruc.hoa) signs in and schedules a session starting now;
//   2  a phone opens a personal check-in link from the printed sheet and is checked in;
//   3  a walk-in scans the venue QR, picks a unit, types a name and is checked in;
//   4  both show up in the session's attendance in the console;
//   5  every training page: HTTP 200, no CSP violation or script error, no sideways scroll at
//      360 px, no serious or critical axe-core violation.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { Check, Steps } from './lib/harness.mjs';
import {
  AxeViolations, Env, Open, SignIn as SignInAs, Url, WatchErrors, kDesktop, kLocale, kPhone,
} from './lib/pages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const kBase = Env('BASE_URL').replace(/\/$/, '');
const kPassword = Env('PASSWORD');
const kArtifacts = Env('ARTIFACTS');
const kAdmin = 'thuongtruc.hoa';
const kTitle = 'Tập huấn kiểm thử điểm danh bằng mã QR';
const kWalkInName = 'Khách Tham Dự Thử';

const state = { detailPath: null, personal: null, personName: null, session: null };

// Minutes since midnight in Vietnam time (UTC+7, no daylight saving) and that day's date.
function VietnamNow() {
  const iso = new Date(Date.now() + 7 * 3600000).toISOString();
  return { date: iso.slice(0, 10), minute: Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16)) };
}

function Clock(minute) {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

// A session open for check-in now that starts and ends on one day, as the console form asks:
// it starts up to ten minutes ago (never before 00:00) and ends up to two hours from now (never
// after 23:59). In the last five minutes of a Vietnamese day it first waits for the next day, so
// that the session still has minutes left when the phone opens its link.
async function SessionTimes() {
  let now = VietnamNow();
  if (now.minute >= 23 * 60 + 55) {
    await new Promise((resolve) => setTimeout(resolve, (24 * 60 - now.minute + 0.1) * 60000));
    now = VietnamNow();
  }
  return { date: now.date, start: Clock(Math.max(0, now.minute - 10)),
           end: Clock(Math.min(23 * 60 + 59, now.minute + 120)) };
}

async function SignIn(page) {
  await SignInAs(page, kAdmin, '/quan-tri/tap-huan');
}

async function Main() {
  fs.mkdirSync(kArtifacts, { recursive: true });
  const steps = new Steps(kArtifacts);
  const errors = [];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--no-proxy-server'],
  });
  const admin = await browser.newContext({ ...kDesktop, ...kLocale });
  const phone = await browser.newContext({ ...kPhone, ...kLocale });
  const walkIn = await browser.newContext({ ...kPhone, ...kLocale });
  try {
    const page = await admin.newPage();
    WatchErrors(page, errors);

    await steps.Run('1', 'the programme admin schedules a session starting now', async (ctx) => {
      ctx.page = page;
      await SignIn(page);
      await page.locator('#new-training').click();
      await page.waitForLoadState('load');
      const times = await SessionTimes();
      await page.getByLabel('Tên buổi tập huấn').fill(kTitle);
      await page.getByLabel('Ngày').fill(times.date);
      await page.getByLabel('Bắt đầu').fill(times.start);
      await page.getByLabel('Kết thúc').fill(times.end);
      await page.getByLabel('Địa điểm').fill('Hội trường UBND phường Phổ Minh');
      await page.getByLabel('Giảng viên / báo cáo viên').fill('Thượng úy Nguyễn Văn Hùng');
      await page.getByLabel(/^Tài liệu/).fill('Bài giảng | https://binhyen.example/bai-giang.pdf');
      await page.getByLabel('Phường Phổ Minh', { exact: true }).check();
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                         page.getByRole('button', { name: 'Lưu' }).click()]);
      const landed = new URL(page.url());
      Check(/^\/quan-tri\/tap-huan\/\d+$/.test(landed.pathname), `landed at ${landed.pathname}`);
      state.detailPath = landed.pathname;
      Check((await page.locator('#training-title').innerText()) === kTitle, 'title not shown');
      await page.screenshot({ path: path.join(kArtifacts, 'training-detail-desktop.png'), fullPage: true });
    });

    await steps.Run('2', 'a phone opens a personal check-in link and is checked in', async (ctx) => {
      ctx.page = page;
      await Open(page, state.detailPath + '/ma-qr');
      const first = page.locator('#qr-sheet li').first();
      state.personName = (await first.locator('strong').innerText()).trim();
      state.personal = await first.locator('a[data-checkin-link]').getAttribute('href');
      Check(state.personal && state.personal.startsWith('/tap-huan/diem-danh/'),
            `no personal link on the sheet (${state.personal})`);
      const p = await phone.newPage();
      WatchErrors(p, errors);
      ctx.page = p;
      await Open(p, state.personal);
      Check(await p.locator('#checkin-done[data-checked-in="true"]').count() === 1, 'not checked in');
      Check((await p.locator('#checkin-name').innerText()).trim() === state.personName,
            'another name on the page');
      await p.screenshot({ path: path.join(kArtifacts, 'training-checkin-phone.png'), fullPage: true });
      // Opening it again is harmless.
      await Open(p, state.personal);
      Check((await p.locator('#checkin-done h2').innerText()).includes('đã điểm danh rồi'),
            'a second scan should say already checked in');
    }, { needs: ['1'] });

    await steps.Run('3', 'a walk-in checks in through the venue QR', async (ctx) => {
      ctx.page = page;
      await Open(page, state.detailPath + '/ap-phich');
      state.session = await page.locator('#session-link').getAttribute('href');
      const p = await walkIn.newPage();
      WatchErrors(p, errors);
      ctx.page = p;
      await Open(p, state.session);
      await p.getByLabel('Đơn vị của bạn').selectOption({ label: 'Phường Phổ Minh' });
      await p.getByLabel(/^Họ và tên/).fill(kWalkInName);
      await p.screenshot({ path: path.join(kArtifacts, 'training-walk-in-phone.png'), fullPage: true });
      await Promise.all([p.waitForNavigation({ waitUntil: 'load' }),
                         p.getByRole('button', { name: 'Điểm danh' }).click()]);
      Check(await p.locator('#checkin-done').count() === 1, 'walk-in not checked in');
      Check((await p.locator('#checkin-name').innerText()).trim() === kWalkInName, 'walk-in name');
    }, { needs: ['1'] });

    await steps.Run('4', 'the attendance shows both in the console', async (ctx) => {
      ctx.page = page;
      await Open(page, state.detailPath);
      const attended = Number(await page.locator('#attendance-summary').getAttribute('data-attended'));
      Check(attended === 2, `attended ${attended}, want 2`);
      const table = await page.locator('#attendance').innerText();
      Check(table.includes(state.personName), `${state.personName} not in the attendance`);
      Check(table.includes(kWalkInName), `${kWalkInName} not in the attendance`);
    }, { needs: ['2', '3'] });

    await steps.Run('5', 'training pages: no CSP error, no sideways scroll at 360 px, axe-core',
                    async (ctx) => {
      const targets = ['/quan-tri/tap-huan', '/quan-tri/tap-huan/moi', '/quan-tri/tap-huan/bao-cao',
                       state.detailPath, state.detailPath + '/ma-qr', state.detailPath + '/ap-phich',
                       state.detailPath + '/sua', '/tap-huan'];
      const cookies = await admin.cookies();
      for (const [width, options] of [[360, kPhone], [1280, kDesktop]]) {
        const c = await browser.newContext({ ...options, ...kLocale, bypassCSP: true });
        await c.addCookies(cookies);
        const p = await c.newPage();
        ctx.page = p;
        for (const target of [...targets, state.personal, state.session]) {
          await Open(p, target);
          if (width === 360) {
            const m = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
                                                inner: window.innerWidth }));
            if (m.scroll > Math.min(m.inner, 360) + 1) {
              ctx.fail(`${target}: scrollWidth ${m.scroll} at 360 px`);
            }
          }
          for (const v of await AxeViolations(p)) ctx.fail(`${width} px ${target}: ${v}`);
        }
        await c.close();
      }
      for (const e of errors) ctx.fail(e);
    }, { needs: ['2', '3'] });
  } finally {
    await browser.close();
  }
  return steps.Summary();
}

Main().then((code) => process.exit(code), (e) => {
  console.error(`training.test: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
