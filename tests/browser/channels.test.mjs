// Real-browser test of community channels (issue 8, deliverable 5), run by tests/browser/run.sh
// after the portal suite against the same demo server (env BASE_URL, PASSWORD, ARTIFACTS):
//   1  the unit officer of Nguyễn Nghiêm (canbo.nguyennghiem) enters this month's figures for
//      the ward's Zalo group and sees them in the channel's table;
//   2  the programme admin (thuongtruc.hoa) sees them in the totals per unit;
//   3  the public page lists the channel (and not the inactive one);
//   4  every channel page: HTTP 200, no CSP violation or script error, no sideways scroll at
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
const kOfficer = 'canbo.nguyennghiem';
const kAdmin = 'thuongtruc.hoa';
const kChannel = 'An ninh mạng phường Nguyễn Nghiêm';
const kMembers = 777;

const state = { detailPath: null, month: null };

async function SignIn(page, name) {
  await SignInAs(page, name, '/quan-tri/kenh');
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
  const officer = await browser.newContext({ ...kPhone, ...kLocale });
  const admin = await browser.newContext({ ...kDesktop, ...kLocale });
  try {
    const page = await officer.newPage();
    WatchErrors(page, errors);

    await steps.Run('1', "the unit officer enters this month's figures", async (ctx) => {
      ctx.page = page;
      await SignIn(page, kOfficer);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                         page.getByRole('link', { name: kChannel }).click()]);
      state.detailPath = new URL(page.url()).pathname;
      Check(/^\/quan-tri\/kenh\/\d+$/.test(state.detailPath), `landed at ${state.detailPath}`);
      state.month = await page.locator('#f-month').inputValue();
      Check(/^\d{4}-\d{2}$/.test(state.month), `month prefilled as '${state.month}'`);
      await page.getByLabel('Số thành viên').fill(String(kMembers));
      await page.getByLabel('Số cảnh báo đã chuyển tiếp').fill('6');
      await page.getByLabel('Số tin báo nhận được').fill('2');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                         page.getByRole('button', { name: 'Lưu số liệu' }).click()]);
      Check((await page.locator('[role=status]').first().innerText()).includes('Đã lưu số liệu'),
            'no confirmation');
      const row = page.locator(`#figures-table tr[data-month="${state.month}"]`);
      Check(await row.count() === 1, `no row for ${state.month}`);
      Check((await row.innerText()).includes(String(kMembers)), 'members not shown');
      await page.screenshot({ path: path.join(kArtifacts, 'channel-detail-phone.png'), fullPage: true });
    });

    await steps.Run('2', 'the programme admin sees the figures in the totals', async (ctx) => {
      const p = await admin.newPage();
      WatchErrors(p, errors);
      ctx.page = p;
      await SignIn(p, kAdmin);
      const row = p.locator('#channel-totals tr[data-unit="nguyen-nghiem"]');
      Check(await row.count() === 1, 'no totals row for nguyen-nghiem');
      Check((await row.innerText()).includes(String(kMembers)), 'totals miss the new figure');
      Check(await p.locator('#channel-list tr').count() >= 8, 'fewer than 8 channels listed');
      await p.screenshot({ path: path.join(kArtifacts, 'channels-desktop.png'), fullPage: true });
    }, { needs: ['1'] });

    await steps.Run('3', 'the public page lists the active channels', async (ctx) => {
      const p = await browser.newPage({ ...kPhone, ...kLocale });
      ctx.page = p;
      await Open(p, '/kenh-cong-dong');
      const text = await p.locator('main').innerText();
      Check(text.includes(kChannel), `${kChannel} not listed`);
      Check(!text.includes('Nhóm cũ phường Phổ Ninh'), 'an inactive channel is listed');
      Check(!text.includes('0255 3859 001'), 'an admin contact is shown');
      await p.screenshot({ path: path.join(kArtifacts, 'channels-public-phone.png'), fullPage: true });
      await p.close();
    });

    await steps.Run('4', 'channel pages: no CSP error, no sideways scroll at 360 px, axe-core',
                    async (ctx) => {
      const cookies = await admin.cookies();
      for (const [width, options] of [[360, kPhone], [1280, kDesktop]]) {
        const c = await browser.newContext({ ...options, ...kLocale, bypassCSP: true });
        await c.addCookies(cookies);
        const p = await c.newPage();
        ctx.page = p;
        for (const target of ['/kenh-cong-dong', '/quan-tri/kenh', state.detailPath]) {
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
    }, { needs: ['1', '2'] });
  } finally {
    await browser.close();
  }
  return steps.Summary();
}

Main().then((code) => process.exit(code), (e) => {
  console.error(`channels.test: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
